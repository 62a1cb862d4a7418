// The published snippet on a news page of another origin, as producers' hosts are: with
// exactly the README's Content-Security-Policy, with a CDN that sends no CORS header, with
// the script blocked; and the picture giving way to the canvas without moving the page.
import { readFileSync } from "node:fs";
import { serve } from "../../.ci/serve.mjs";
import { assert, assertEqual, countEvents, open, settled, test } from "./harness.mjs";

const DIST = new URL("../../dist/", import.meta.url);
/** The address the build writes the snippets for (.ci/pages.mjs). */
const EXAMPLE_BUNDLE = "https://cdn.example.org/park-infographic/";
const DEFAULT = JSON.parse(readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8"));

/** The README's policy for a page whose bundle is on another origin, for `bundle`. */
function readmePolicy(bundle) {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const line = readme.split("\n").find((l) => l.startsWith("Content-Security-Policy: default-src 'self'; script-src 'self' https://cdn.example.org"));
  if (!line) throw new Error("README.md no longer states the policy for a bundle on another origin");
  return line.slice("Content-Security-Policy: ".length).split("https://cdn.example.org").join(bundle);
}

/** A built snippet (snippets/<file>) for the bundle at `bundle`. */
const snippet = (file, bundle) =>
  readFileSync(new URL(`snippets/${file}`, DIST), "utf8").split(EXAMPLE_BUNDLE).join(`${bundle}/`);

/** Serves dist/ on an origin of its own (`headers` on every file) and a news page on another. */
async function hosts({ headers = {}, body, policy }) {
  const bundle = await serve(DIST.pathname, 0, { headers });
  const bundleOrigin = `http://127.0.0.1:${bundle.address().port}`;
  const page = typeof body === "function" ? body(bundleOrigin) : body;
  const news = await serve(new URL(".", import.meta.url).pathname, 0, {
    routes: {
      "/favicon.ico": (req, res) => res.writeHead(204).end(),
      "/news.html": (req, res) => {
        const h = { "content-type": "text/html; charset=utf-8" };
        if (policy) h["content-security-policy"] = policy(bundleOrigin);
        res.writeHead(200, h).end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>news</title></head>
<body>${page}<p>正文。</p></body></html>`);
      },
    },
  });
  return {
    bundleOrigin,
    url: `http://127.0.0.1:${news.address().port}/news.html`,
    close: () => Promise.all([bundle, news].map((s) => new Promise((ok) => s.close(ok)))),
  };
}

/** What a reader sees of each element before (or without) its script: its picture. */
function pictures(page) {
  return page.locator("park-infographic").evaluateAll((widgets) =>
    widgets.map((w) => {
      const svg = w.querySelector(":scope > svg");
      const box = svg?.getBoundingClientRect();
      return {
        label: svg?.getAttribute("aria-label") ?? null,
        height: box ? Math.round(box.height) : 0,
        drawn: Boolean(w.shadowRoot?.querySelector("canvas.base")),
      };
    }),
  );
}

export default async function (env) {
  const title = (chart, lang = "zh") => DEFAULT.charts.find((c) => c.id === chart).title[lang];

  await test("hosts: a news page of another origin with exactly the README's policy shows the widget styled, its picture first, and the iframe", async () => {
    const site = await hosts({
      headers: { "access-control-allow-origin": "*" },
      policy: readmePolicy,
      body: (b) => `${snippet("growth-2019.zh.html", b)}\n${snippet("rankings.en.iframe.html", b)}`,
    });
    const page = await open(env, null);
    try {
      await countEvents(page);
      await page.goto(site.url);
      await settled(page, 1);
      const widget = await page.evaluate(() => {
        const w = document.querySelector("park-infographic");
        const desc = w.shadowRoot.querySelector("p.sr-only").getBoundingClientRect();
        return { display: getComputedStyle(w).display, desc: desc.width <= 1 && desc.height <= 1, canvas: Boolean(w.shadowRoot.querySelector("canvas.base:not(.pending)")) };
      });
      // embed.css applied: the host is a block and the screen-reader text is out of sight.
      assertEqual(widget, { display: "block", desc: true, canvas: true }, "the widget, styled and drawn");
      const frame = page.frameLocator("iframe").locator("park-infographic");
      await frame.evaluate((w) => new Promise((ok) => (w.shadowRoot?.querySelector("canvas.base") ? ok() : w.addEventListener("infographic:ready", ok, { once: true }))));
      assertEqual(await frame.evaluate((w) => w.shadowRoot.querySelector(".stage").getAttribute("aria-label")), title("rankings", "en"), "the iframe's chart");
      assertEqual(await page.evaluate(() => window.__csp), [], "CSP violations");
      assertEqual(page.problems, [], "console errors");
    } finally {
      await page.close();
      await site.close();
    }
  });

  for (const [name, options] of [
    ["a CDN that sends no CORS header", { headers: {} }],
    ["a policy that blocks the bundle's script", { headers: { "access-control-allow-origin": "*" }, policy: () => "script-src 'self'" }],
  ]) {
    await test(`hosts: with ${name}, each chart's picture stands in its place`, async () => {
      const site = await hosts({
        ...options,
        body: (b) => ["growth-2019.zh.html", "parks-2020.en.html"].map((f) => snippet(f, b)).join("\n<p>正文。</p>\n"),
      });
      const page = await open(env, null, { viewport: { width: 376, height: 900 } });
      try {
        await page.goto(site.url, { waitUntil: "load" }); // the module script has failed by then
        const shown = await pictures(page);
        assertEqual(shown.map((p) => p.label), [title("growth-2019"), title("parks-2020", "en")], "the pictures' names");
        for (const p of shown) {
          assert(p.height > 200 && !p.drawn, `a picture in place of the chart: ${JSON.stringify(p)}`);
        }
      } finally {
        await page.close();
        await site.close();
      }
    });
  }

  await test("hosts: the canvas takes the picture's place without moving the page (360 and 396 px columns)", async () => {
    const site = await hosts({
      headers: { "access-control-allow-origin": "*" },
      body: (b) => snippet("growth-2019.zh.html", b),
    });
    for (const width of [376, 412]) {
      const page = await open(env, null, { viewport: { width, height: 800 } });
      try {
        await countEvents(page);
        await page.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value))).observe({ type: "layout-shift", buffered: true });
        });
        await page.goto(site.url);
        await settled(page, 1);
        // The picture's box: as tall as its height attribute says.
        const before = await page.evaluate(() => Number(document.querySelector("park-infographic > svg").getAttribute("height")));
        // Two frames after ready: any shift of the swap has been reported by then.
        const after = await page.evaluate(async () => {
          await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
          const w = document.querySelector("park-infographic");
          const slot = w.shadowRoot.querySelector("slot");
          return {
            height: w.getBoundingClientRect().height,
            pictureHidden: getComputedStyle(slot).display === "none",
            shift: window.__shifts.reduce((a, b) => a + b, 0),
          };
        });
        assertEqual(after.height, before, `${width} px: the widget's height, picture then canvas`);
        assert(after.pictureHidden, `${width} px: the picture gives way to the canvas`);
        assert(after.shift < 0.01, `${width} px: layout shift ${after.shift}`);
      } finally {
        await page.close();
      }
    }
    await site.close();
  });
}
