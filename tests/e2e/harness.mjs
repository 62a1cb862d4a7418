// Shared pieces of the end-to-end tests: a local server on the built bundle, Debian's
// Chromium driven by playwright-core, and the tests' one form (node:test runs and reports them).
import { test as nodeTest } from "node:test";
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { serve } from "../../.ci/serve.mjs";
import { marks as inPageMarks } from "../engines/inpage.mjs";

import { assert, assertEqual } from "../assert.mjs";

export { assert, assertEqual };

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
  // With the address it came from: "Failed to load resource" alone does not say which.
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()} (${m.location()?.url ?? "?"})`));
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

/** One test, run and reported by node:test (in order: every caller awaits it). */
export function test(name, fn) {
  return nodeTest(name, async () => {
    await fn();
  });
}

/**
 * Every mark of the `view`-th chart in the widget matching `selector`, located from the
 * layout the wasm code returns for the same data, width and pixel ratio: centre (x, y),
 * device-pixel box, and what the module says of it. The one lookup every browser test
 * uses (tests/engines/inpage.mjs `marks`, run in the page).
 */
export function marks(page, selector, { view = 0, lang, theme, dataSrc } = {}) {
  return page.evaluate(inPageMarks, { selector, view, lang, theme, dataSrc });
}

/**
 * The colour painted solid inside each of `boxes` (device pixels of the `view`-th canvas of
 * the widget `selector`): the first pixel, from the box's middle row out, whose eight
 * neighbours share it and which is not `background`; null when none is.
 */
export function paintedColours(page, selector, boxes, background, view = 0) {
  return page.evaluate(
    ({ selector, boxes, background, view }) => {
      const canvas = document.querySelector(selector).shadowRoot.querySelectorAll("canvas.base")[view];
      const context = canvas.getContext("2d");
      const same = (a, b) => a.every((v, c) => Math.abs(v - b[c]) <= 2);
      return boxes.map(([x, y, w, h]) => {
        const px = context.getImageData(x, y, Math.max(1, w), Math.max(1, h)).data;
        const at = (i, j) => [...px.subarray((j * w + i) * 4, (j * w + i) * 4 + 3)];
        for (let n = 0; n < h; n++) {
          const j = Math.floor(h / 2) + (n % 2 ? -(n + 1) / 2 : n / 2);
          for (let i = 1; i < w - 1 && j > 0 && j < h - 1; i++) {
            const p = at(i, j);
            const around = [-1, 0, 1].every((dy) => [-1, 0, 1].every((dx) => same(p, at(i + dx, j + dy))));
            if (around && !same(p, background)) return p;
          }
        }
        return null;
      });
    },
    { selector, boxes, background, view },
  );
}

/** Page coordinates of mark `mark` (see marks), with the chart's id and mark count. */
export async function markPoint(page, selector, view, mark, options = {}) {
  const all = await marks(page, selector, { ...options, view });
  return { x: all[mark].x, y: all[mark].y, count: all.length, id: all[mark].chart };
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
