// Shared pieces of the end-to-end tests: a local server on the built bundle, Debian's
// Chromium driven by playwright-core, and a tiny test runner that reports and counts.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { serve } from "../../.ci/serve.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--js-flags=--expose-gc",
  "--enable-precise-memory-info",
];

/** Routes only the tests need: data sources that fail in the ways real ones do. */
const TEST_ROUTES = {
  // A 200 answer that is a web page, as a misconfigured server or a login wall sends.
  "/e2e/html.json": (req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><html><body><h1>Sign in</h1></body></html>");
  },
};

/** Files under tests/corpus/ are served at /corpus/<name> (bad datasets as data-src). */
function corpusRoute(req, res) {
  const name = decodeURIComponent(new URL(req.url, "http://x").pathname.slice("/corpus/".length));
  if (!/^[\w.-]+$/.test(name)) return res.writeHead(400).end();
  try {
    const body = readFileSync(new URL(`../corpus/${name}`, import.meta.url));
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

export async function start({ routes } = {}) {
  const all = { ...TEST_ROUTES, ...routes };
  const server = await serve(new URL("../../dist", import.meta.url).pathname, 0, {
    routes: new Proxy(all, {
      get: (target, path) => target[path] ?? (String(path).startsWith("/corpus/") ? corpusRoute : undefined),
    }),
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** A page that records console errors, page errors and CSP violations. */
export async function open(env, path, options = {}) {
  const page = await env.browser.newPage({ viewport: { width: 1000, height: 900 }, ...options });
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  if (path) await page.goto(env.origin + path);
  page.problems = problems;
  return page;
}

/** Resolves when `count` widgets on the page have fired infographic:ready or :error. */
export function settled(page, count = 1) {
  return page.waitForFunction((n) => (window.__settled ?? 0) >= n, count);
}

/** Asserts that the page (and any frames given) logged no errors and no CSP violations. */
export async function assertClean(page, ...frames) {
  assertEqual(page.problems, [], "console and page errors");
  for (const target of [page, ...frames]) {
    assertEqual(await target.evaluate(() => window.__csp), [], `CSP violations in ${target.url()}`);
  }
}

/**
 * Holds every request matching `pattern` until `release()` is called: the page stays in
 * the state before the response (e.g. loading) for as long as the test needs it to.
 */
export async function holdRequests(page, pattern) {
  let release;
  const released = new Promise((ok) => (release = ok));
  const held = [];
  await page.route(pattern, async (route) => {
    held.push(route.request().url());
    await released;
    // The page may have given up on the request meanwhile (aborted it): nothing to send.
    await route.continue().catch(() => {});
  });
  return { release, held };
}

/**
 * The RGBA pixels of a PNG (e.g. a screenshot) at the given device-pixel points, decoded by
 * the browser itself on a blank page of its own (the pages under test forbid data: images).
 */
export async function pngPixels(env, png, points) {
  const page = await env.browser.newPage();
  try {
    return await page.evaluate(
      async ({ base64, points }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
        const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d");
        ctx.drawImage(bitmap, 0, 0);
        return points.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data]);
      },
      { base64: png.toString("base64"), points },
    );
  } finally {
    await page.close();
  }
}

/** Counts ready/error events from the start (add before navigation). */
export async function countEvents(page) {
  await page.addInitScript(() => {
    window.__settled = 0;
    window.__events = [];
    for (const type of ["ready", "error", "hover"]) {
      document.addEventListener(`infographic:${type}`, (e) => {
        if (type !== "hover") window.__settled++;
        window.__events.push({ type, detail: e.detail });
      });
    }
  });
}

const results = [];
export async function test(name, fn) {
  const t0 = performance.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Math.round(performance.now() - t0)} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String(e?.stack ?? e).split("\n").slice(0, 4).join("\n     ")}`);
  }
}

export function summary() {
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\ne2e: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0;
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

/**
 * Page coordinates of mark `mark` of the `view`-th chart in the widget matching
 * `selector`, located from the layout the wasm code returns: the test lays the chart out
 * again with the same module, width and pixel ratio and asks where the mark is.
 */
export async function markPoint(page, selector, view, mark, { lang = "zh", theme = "light", dataSrc } = {}) {
  return page.evaluate(
    async ({ selector, view, mark, lang, theme, dataSrc }) => {
      const widget = document.querySelector(selector);
      const canvas = widget.shadowRoot.querySelectorAll("canvas.base")[view];
      const stage = canvas.parentElement;
      // The module the widget uses: the built-in data's, or the one that reads JSON.
      // The widget's own files: its build's folder, where its stylesheet is.
      const files = widget.shadowRoot.querySelector("link").href;
      const m = await import(new URL(`${dataSrc ? "pkg-json" : "pkg"}/park_infographic.js`, files).href);
      const data = dataSrc ? m.Data.fromJson(await (await fetch(dataSrc)).text()) : m.Data.fromBytes(new Uint8Array(await (await fetch(new URL("data/all.bin", files))).arrayBuffer()));
      const all = (widget.getAttribute("chart") || "all") === "all";
      const id = all ? data.chartIds()[view] : widget.getAttribute("chart");
      const chart = new m.Chart(data, id, lang, theme);
      chart.layOut(stage.clientWidth, window.devicePixelRatio);
      const [x, y, w, h] = chart.markBox(mark);
      const count = chart.markCount;
      chart.free();
      const r = canvas.getBoundingClientRect();
      const k = r.width / canvas.width * window.devicePixelRatio;
      return { x: r.left + (x + w / 2) * k, y: r.top + (y + h / 2) * k, count, id };
    },
    { selector, view, mark, lang, theme, dataSrc },
  );
}

/**
 * A point of the page (viewport coordinates) beside the box of the element matching
 * `selector`, inside the viewport and on no widget at all; null when there is none.
 */
export async function pointOutside(page, selector) {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    const r = el.getBoundingClientRect();
    const { clientWidth: w, clientHeight: h } = document.documentElement;
    const candidates = [
      [(r.right + w) / 2, (Math.max(r.top, 0) + Math.min(r.bottom, h)) / 2],
      [r.left / 2, (Math.max(r.top, 0) + Math.min(r.bottom, h)) / 2],
      [(Math.max(r.left, 0) + Math.min(r.right, w)) / 2, (r.bottom + h) / 2],
      [(Math.max(r.left, 0) + Math.min(r.right, w)) / 2, r.top / 2],
    ];
    const point = candidates.find(
      ([x, y]) =>
        x >= 0 && y >= 0 && x < w && y < h &&
        !(x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) &&
        !document.elementFromPoint(x, y)?.closest("park-infographic"),
    );
    return point ? { x: point[0], y: point[1] } : null;
  }, selector);
}

/**
 * The colour of the `view`-th chart's background in the widget matching `selector`, read
 * where every layout leaves the canvas empty: its top-left corner, in the padding before
 * the title.
 */
export async function backgroundPixel(page, selector, view = 0) {
  return page.evaluate(
    async ({ selector, view }) => {
      const widget = document.querySelector(selector);
      const canvas = widget.shadowRoot.querySelectorAll("canvas.base")[view];
      // The chart's padding: every layout starts its first text 10 CSS px in.
      const pixel = canvas.getContext("2d").getImageData(2, 2, 1, 1).data;
      return [...pixel].slice(0, 3);
    },
    { selector, view },
  );
}
