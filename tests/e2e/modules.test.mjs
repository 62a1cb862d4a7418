// Which module a page downloads: the built-in data's module reads no JSON, so a
// page of built-in charts must not fetch the one that does, and a page whose widgets all
// have data-src must not fetch the built-in one. And the `json` property (the editor's
// preview): text in, the same reading, errors and redraws as data-src.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { CSP } from "../../.ci/serve.mjs";
import { BUILD } from "../build.mjs";
import { assert, assertEqual, countEvents, open, settled, test } from "./harness.mjs";

/** A file of the build, as a path on the server. */
const built = (path) => `/${BUILD}/${path}`;

/**
 * The paths of every module file (wasm or glue) and data file the page (not its frames)
 * requested, within the build's folder.
 */
function recordModules(page) {
  const seen = [];
  page.on("request", (r) => {
    if (r.frame() !== page.mainFrame()) return;
    const path = new URL(r.url()).pathname;
    if (path.startsWith(built("")) && /^(pkg[^/]*|data)\//.test(path.slice(built("").length))) seen.push(path.slice(built("").length));
  });
  return seen;
}

const onlyModules = (paths) => [...new Set(paths.filter((p) => p.startsWith("pkg")))].sort();

export default async function (env) {
  await builtInPages(env);
  await dataSrcPages(env);
  await snippetPage(env);
  await jsonProperty(env);
}

/** Pages of built-in charts: the built-in module only, and a data file it cannot have. */
async function builtInPages(env) {
  await test("modules: a page of built-in charts downloads the built-in module only", async () => {
    const page = await open(env, null);
    await countEvents(page);
    const modules = recordModules(page);
    await page.goto(`${env.origin}/article.html`);
    const widgets = await page.evaluate(() => document.querySelectorAll("park-infographic").length);
    await settled(page, widgets);
    assertEqual(onlyModules(modules), ["pkg/park_infographic.js", "pkg/park_infographic_bg.wasm"], "module files requested");
    // Each chart's own data file, once however many widgets show it; never the whole dataset.
    const charts = await page.evaluate(() => [...document.querySelectorAll("park-infographic")].map((w) => w.getAttribute("chart")));
    const expected = [...new Set(charts)].map((c) => `data/${c}.bin`).sort();
    assertEqual(modules.filter((p) => p.startsWith("data/")).sort(), expected, "data files requested");
    assertEqual(await page.evaluate(() => window.__events.filter((e) => e.type === "error")), [], "errors");
    await page.close();
  });

  await test("modules: a built-in data file that cannot be had names what failed, and its neighbour draws", async () => {
    const page = await open(env, null);
    await countEvents(page);
    await page.route(/\/data\/rankings\.bin$/, (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto(`${env.origin}/article.html`);
    const widgets = await page.evaluate(() => document.querySelectorAll("park-infographic").length);
    await settled(page, widgets);
    const events = await page.evaluate(() => window.__events.filter((e) => e.type !== "hover"));
    const errors = events.filter((e) => e.type === "error");
    assertEqual(errors.length, 1, "one widget fails");
    assertEqual(errors[0].detail.chart, "rankings", "the widget whose file is missing");
    assert(
      /built-in data could not be loaded.*rankings\.bin: HTTP 404/.test(errors[0].detail.message),
      `the message names the file and the answer: ${errors[0].detail.message}`,
    );
    assertEqual(events.filter((e) => e.type === "ready").length, widgets - 1, "the others draw");
    await page.close();
  });
}

/** Pages whose widgets all have a data-src: that format's module only. */
async function dataSrcPages(env) {
  for (const [kind, file, module] of [
    ["JSON", "data/default.json", "pkg-json"],
    ["compact (.bin, as the editor publishes)", "data/rankings.bin", "pkg"],
  ]) {
    await test(`modules: a page whose widgets all have a ${kind} data-src downloads its module only`, async () => {
      const page = await open(env, null);
      await countEvents(page);
      const modules = recordModules(page);
      // A page of the bundle's origin, under its CSP, with one editor's widget in its HTML.
      await page.route(`${env.origin}/e2e/data-src.html`, (route) =>
        route.fulfill({
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP },
          body: `<!doctype html><html lang="en"><head><title>data-src</title>
<script type="module" src="/embed.js"></script></head><body>
<park-infographic chart="rankings" lang="en" data-src="${built(file)}"></park-infographic>
</body></html>`,
        }),
      );
      await page.goto(`${env.origin}/e2e/data-src.html`);
      await settled(page, 1);
      assertEqual(await page.evaluate(() => window.__events.filter((e) => e.type === "error")), [], "errors");
      assertEqual(onlyModules(modules), [`${module}/park_infographic.js`, `${module}/park_infographic_bg.wasm`], "module files requested");
      assertEqual(modules.filter((p) => p.startsWith("data/")), [file], "data files requested");
      await page.close();
    });
  }
}

/** A page with a built snippet: the files it names, no others. */
async function snippetPage(env) {
  await test("modules: a page with a built snippet requests exactly the files the snippet names", async () => {
    // The snippet names what embed.js requests for its widget (tests/size.mjs counts these).
    const snippet = readFileSync(new URL(`../../dist/snippets/growth-2019.zh.html`, import.meta.url), "utf8")
      .split("https://cdn.example.org/park-infographic/")
      .join(`${env.origin}/`);
    const named = [...snippet.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]).pathname).sort();
    const page = await open(env, null);
    await countEvents(page);
    const requested = new Set();
    page.on("request", (r) => requested.add(new URL(r.url()).pathname));
    await page.route(`${env.origin}/e2e/snippet.html`, (route) =>
      route.fulfill({
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP },
        body: `<!doctype html><html lang="zh-CN"><head><title>snippet</title><link rel="icon" href="data:,"></head><body>${snippet}</body></html>`,
      }),
    );
    await page.goto(`${env.origin}/e2e/snippet.html`);
    await settled(page, 1);
    requested.delete("/e2e/snippet.html");
    assertEqual([...requested].sort(), named, "files requested");
    assertEqual(await page.evaluate(() => window.__events.filter((e) => e.type === "error")), [], "errors");
    await page.close();
  });
}

/** The json property (the editor's preview): text in, drawn as data-src would be. */
async function jsonProperty(env) {
  await test("json property: draws from text, shows an invalid text's error in place, redraws when set again", async () => {
    const page = await open(env, "/index.html");
    await page.waitForFunction(() => customElements.get("park-infographic"));
    const text = await readFile(new URL("../../src/data/default.json", import.meta.url), "utf8");
    // One widget, then its json set three times; each time resolves with what it showed.
    const outcomes = await page.evaluate(async (text) => {
      document.body.replaceChildren();
      const w = document.createElement("park-infographic");
      w.setAttribute("chart", "rankings");
      w.setAttribute("lang", "en");
      document.body.append(w);
      const next = () =>
        new Promise((ok) => {
          const done = (e) => {
            w.removeEventListener("infographic:ready", done);
            w.removeEventListener("infographic:error", done);
            const root = w.shadowRoot;
            ok({
              type: e.type,
              message: e.detail.message ?? null,
              canvases: root.querySelectorAll("canvas.base").length,
              alert: root.querySelector('[role="alert"]')?.textContent ?? null,
            });
          };
          w.addEventListener("infographic:ready", done);
          w.addEventListener("infographic:error", done);
        });
      const shown = [];
      let outcome = next();
      w.json = text;
      shown.push(await outcome);
      outcome = next();
      w.json = text.replace('"value": 17.6', '"value": "17.6"');
      shown.push(await outcome);
      outcome = next();
      w.json = text;
      shown.push(await outcome);
      return shown;
    }, text);
    assertEqual(outcomes[0].type, "infographic:ready", "valid text draws");
    assertEqual(outcomes[0].canvases, 1, "one chart drawn");
    assertEqual(outcomes[1].type, "infographic:error", "invalid text fails");
    assert(
      /json property is not valid.*figures\[0\]\.value/.test(outcomes[1].message),
      `the error names the property and the field: ${outcomes[1].message}`,
    );
    assert(outcomes[1].alert?.includes("figures[0].value"), `the message is shown in place: ${outcomes[1].alert}`);
    assertEqual(outcomes[2].type, "infographic:ready", "valid text again draws again");
    assertEqual(outcomes[2].canvases, 1, "one chart drawn again");
    await page.close();
  });
}
