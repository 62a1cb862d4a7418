// What the widget may touch: under the strict CSP it requests only the bundle's own files
// (and data-src when given), violates nothing, and redraws when late fonts arrive.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { assert, assertEqual, countEvents, open, settled, test } from "./harness.mjs";
import { BUILD } from "../build.mjs";

const DIST = new URL("../../dist", import.meta.url).pathname;

function bundleFiles(dir = DIST) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? bundleFiles(path) : [`/${relative(DIST, path)}`];
  });
}

export default async function security(env) {
  await test("security: the article page requests nothing but the bundle's own files", async () => {
    const page = await open(env, null);
    await countEvents(page);
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${env.origin}/article.html`);
    const widgets = await page.evaluate(() => document.querySelectorAll("park-infographic").length);
    await settled(page, widgets);
    await page.waitForLoadState("networkidle");
    const allowed = new Set(bundleFiles());
    const foreign = requests
      .map((u) => new URL(u))
      .filter((u) => u.origin !== env.origin || !allowed.has(u.pathname))
      .map((u) => u.href);
    assertEqual(foreign, [], "requests outside the bundle");
    assertEqual(await page.evaluate(() => window.__csp), [], "CSP violations");
    assertEqual(page.problems, [], "console errors");
    await page.close();
  });

  await test("security: with data-src, the only request outside the bundle is that file", async () => {
    const page = await open(env, null);
    await countEvents(page);
    await page.goto(`${env.origin}/index.html`);
    await settled(page, 1);
    const requests = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    const src = `/${BUILD}/data/default.json`;
    await page.evaluate((src) => {
      window.__settled = 0;
      const w = document.createElement("park-infographic");
      w.setAttribute("chart", "rankings");
      // A copy of the default, at a URL the page has not fetched before.
      w.setAttribute("data-src", src);
      document.body.replaceChildren(w);
    }, src);
    await settled(page, 1);
    const allowed = new Set(bundleFiles());
    assertEqual(requests.filter((p) => p === src).length, 1, "data-src fetched once");
    const other = requests.filter((p) => p !== src && !allowed.has(p));
    assertEqual(other, [], "requests outside the bundle");
    await page.close();
  });

  await test("fonts: the chart is drawn again once a late font has loaded", async () => {
    const page = await open(env, null);
    await countEvents(page);
    // Count text drawn on canvases.
    await page.addInitScript(() => {
      window.__fillText = 0;
      const fillText = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (...args) {
        window.__fillText++;
        return fillText.apply(this, args);
      };
    });
    await page.goto(`${env.origin}/frame.html?chart=growth-2019`);
    await settled(page, 1);
    const before = await page.evaluate(() => window.__fillText);
    assert(before > 10, `first draw wrote text (${before} calls)`);
    // A font the page adds and loads after the chart was drawn (a local() source: a real
    // load, and nothing for the page's CSP to refuse).
    await page.evaluate(async () => {
      // (WenQuanYi Micro Hei: the Chinese font .ci/setup installs where there is none.)
      const font = new FontFace("Late Font", "local('WenQuanYi Micro Hei')");
      document.fonts.add(font);
      await font.load();
    });
    await page.waitForFunction((n) => window.__fillText >= 2 * n, before);
    await page.close();
  });
}
