// Reader flows in the three engines readers use, with one set of tests:
//   Chromium (playwright-core, Debian's chromium), Firefox ESR (puppeteer-core over
//   WebDriver BiDi), WebKit (selenium-webdriver + WebKitWebDriver + MiniBrowser under Xvfb).
// Each engine file (chromium.mjs, firefox.mjs, webkit.mjs) exposes the same tiny API:
// launch() → { version, tapPointer, open(url, viewport) → page, close() }, and
// page → { evaluate(fn, arg), move(x, y), tap(x, y), press(key), close() }.
// The flows are in flows.mjs; in-page code in inpage.mjs.
//
//   node tests/engines/run.mjs [engine …] [flow-substring …]   (make engines-test builds dist/)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { test as nodeTest } from "node:test";
import { dirname, join } from "node:path";
import { createGzip } from "node:zlib";
import { CSP, serve } from "../../.ci/serve.mjs";
import { makeFolder } from "../../www/editor/folder.js";
import { makeChart, mergePasted } from "../../www/editor/model.js";
import { readTable, tableFigures } from "../../www/editor/paste.js";
import { blank, serialize } from "../../www/editor/state.js";
import { BUILD } from "../build.mjs";
import { SUZHOU } from "../node/fixtures.mjs";
import { flows } from "./flows.mjs";
import { POLL } from "./inpage.mjs";

const ENGINES = ["chromium", "firefox", "webkit"];
const args = process.argv.slice(2);
const engines = args.filter((a) => ENGINES.includes(a));
const filters = args.filter((a) => !ENGINES.includes(a));
const root = new URL("../../", import.meta.url);
const dist = new URL("dist/", root);
const here = new URL("./", import.meta.url);

// Every label the layout places, with its font and box, from the native layout code.
const work = mkdtempSync(join(tmpdir(), "engines-"));
const labelsPath = join(work, "labels.json");
execFileSync("cargo", ["run", "--quiet", "--bin", "render", "--", "--labels", labelsPath], {
  cwd: root.pathname,
  stdio: "inherit",
});

/** HTML with the event recorder as its first script (what an init script would do). */
function withRecorder(file) {
  const html = readFileSync(file, "utf8");
  return html.replace(/<head>/i, '<head>\n<script src="/engines/recorder.js"></script>');
}

function send(res, type, body) {
  const headers = { "content-type": type, "cache-control": "no-store" };
  if (type.startsWith("text/html")) headers["content-security-policy"] = CSP;
  res.writeHead(200, headers).end(body);
}

const HTML = "text/html; charset=utf-8";
// Hostile data sources: an answer that never ends, and a small gzip file that expands to
// 256 MiB. Each must end in the widget's error event (the reader gives up at its limit).
const SPACES = Buffer.alloc(1024 * 1024, 0x20);
function endless(req, res) {
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  const write = () => {
    while (!res.destroyed && res.write(SPACES));
  };
  res.on("drain", write);
  req.on("close", () => res.destroy());
  write();
}
let bomb;
function gzipBomb() {
  bomb ??= new Promise((ok) => {
    const gzip = createGzip({ level: 9 });
    const parts = [];
    gzip.on("data", (d) => parts.push(d)).on("end", () => ok(Buffer.concat(parts)));
    for (let i = 0; i < 256; i++) gzip.write(SPACES);
    gzip.end();
  });
  return bomb;
}
const routes = {
  "/": (req, res) => send(res, HTML, withRecorder(new URL("index.html", dist))),
  "/engines/recorder.js": (req, res) =>
    send(res, "text/javascript; charset=utf-8", readFileSync(new URL("pages/recorder.js", here))),
  "/engines/labels.json": (req, res) => send(res, "application/json", readFileSync(labelsPath)),
  // An editor's dataset (not the default): a new chart id in each form.
  "/engines/forms.json": (req, res) =>
    send(res, "application/json", readFileSync(new URL("tests/fixtures/forms.json", root))),
  // An editor's dataset with one of each annotation on its first chart.
  "/engines/annotations.json": (req, res) =>
    send(res, "application/json", readFileSync(new URL("tests/fixtures/annotations.json", root))),
  "/engines/malformed.json": (req, res) =>
    send(res, "application/json", readFileSync(new URL("tests/corpus/01-malformed-json.json", root))),
  "/engines/endless.json": endless,
  "/engines/bomb.json": async (req, res) => {
    const body = await gzipBomb();
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "cache-control": "no-store" });
    res.end(body);
  },
  // A compact data file (an editor's published form) with one byte of its figures changed.
  "/engines/damaged.bin": (req, res) => {
    const bytes = readFileSync(new URL(`${BUILD}/data/growth-2019.bin`, dist));
    bytes[bytes.length - 20] ^= 0x55;
    res.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store" }).end(bytes);
  },
  "/engines-fail-soft.html": (req, res) => send(res, HTML, withRecorder(new URL("pages/fail-soft.html", here))),
};
// A folder the editor publishes, made here as the editor makes it (its pure modules and
// pkg-editor, instantiated in node; no PNGs, which need a canvas): the journalist's table
// pasted, its rates made a chart of their own. One copy for a host that sends no special
// header, one for a host that sends Access-Control-Allow-Origin: *, each on an origin of
// its own; the articles that paste its snippets are on the test server's origin, with no
// page policy of their own.
async function publishFolders() {
  const build = new URL(`${BUILD}/`, dist);
  const m = await import(new URL("pkg-editor/park_infographic.js", build).href);
  m.initSync({ module: readFileSync(new URL("pkg-editor/park_infographic_bg.wasm", build)) });
  const doc = blank();
  const table = readTable(SUZHOU);
  const suggest = (d, id) => m.suggestForm(serialize(d), id);
  mergePasted(doc, tableFigures(table, { readValue: (text) => m.readValue(text) }), { caption: table.caption, suggest });
  makeChart(doc, doc.figures.filter((f) => f.unit === "%").map((f) => f.id), { suggest });
  const list = JSON.parse(readFileSync(new URL("widget-files.json", build), "utf8"));
  const read = (paths, dir) => Object.fromEntries(paths.map((p) => [p, readFileSync(new URL(p, dir))]));
  const widget = { entries: read(list.entries, dist), build: read(list.build, build) };
  const hosts = {};
  for (const [name, headers] of [["plain", {}], ["cors", { "access-control-allow-origin": "*" }]]) {
    const dir = join(work, `published-${name}`);
    const server = await serve(dir, 0, { headers });
    const base = `http://127.0.0.1:${server.address().port}/`;
    const folder = await makeFolder({ m, doc, json: serialize(doc), base, build: BUILD, widget });
    for (const f of folder.files) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.data);
    }
    const snippet = folder.snippets.find((x) => x.chart === doc.charts[0].id && x.lang === "zh");
    const article = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>新闻</title>
<script src="/engines/recorder.js"></script></head><body><p>正文第一段。</p>
${snippet.component}
<p>正文第二段。</p></body></html>`;
    // The article: its own page, without the test server's policy (the snippet's host is another origin).
    routes[`/engines/published-${name}.html`] = (req, res) => res.writeHead(200, { "content-type": HTML, "cache-control": "no-store" }).end(article);
    hosts[name] = server;
  }
  return { chart: doc.charts[0].id, plain: "/engines/published-plain.html", cors: "/engines/published-cors.html", servers: Object.values(hosts) };
}
const published = await publishFolders();

const frames = readdirSync(new URL("frames/", dist)).map((f) => `frames/${f}`);
for (const page of ["index.html", "article.html", "frame.html", "editor.html", ...frames]) {
  routes[`/${page}`] = (req, res) => send(res, HTML, withRecorder(new URL(page, dist)));
}
const server = await serve(dist.pathname, 0, { routes });
const origin = `http://127.0.0.1:${server.address().port}`;
// Expected figures from the built-in data's source, never from the code under test.
const data = JSON.parse(readFileSync(new URL("src/data/default.json", root), "utf8"));
const editorData = JSON.parse(readFileSync(new URL("tests/fixtures/forms.json", root), "utf8"));

/** A page of the engine with a condition-waiting helper on top of the engine's API. */
function wrap(page) {
  const toFn = (fn) => (typeof fn === "string" ? new Function(`return (${fn})`)() : fn);
  return {
    ...page,
    evaluate: (fn, arg) => page.evaluate(toFn(fn), arg),
    /** Resolves to `check(arg)`'s value once it is truthy in the page (polled there). */
    waitFor(check, arg, guardMs = 60000) {
      const poll = toFn(POLL.replace("CHECK", check.toString()));
      return page.evaluate(poll, { check: check.name || "condition", arg, guardMs });
    },
  };
}

// Each engine a node:test test, each flow a subtest of it: node:test reports them and sets
// the exit code.
for (const name of engines.length ? engines : ENGINES) {
  await nodeTest(name, async (t) => {
    const browser = await (await import(`./${name}.mjs`)).launch();
    t.diagnostic(`${name}: ${browser.version}`);
    const env = {
      engine: name,
      origin,
      data,
      editorData,
      published,
      tapPointer: browser.tapPointer,
      open: async (path, viewport = { width: 1000, height: 900 }) =>
        wrap(await browser.open(origin + path, viewport)),
      test: async (title, fn) => {
        if (filters.length && !filters.some((f) => title.includes(f))) return;
        await t.test(`${name}: ${title}`, async () => {
          await fn();
        });
      },
      skip: (title, reason) => t.test(`${name}: ${title}`, { skip: reason }, () => {}),
      note: (text) => t.diagnostic(`${name}: ${text}`),
    };
    try {
      await flows(env);
    } finally {
      await browser.close();
    }
  });
}
await Promise.all([server, ...published.servers].map((s) => new Promise((ok) => s.close(ok))));
rmSync(work, { recursive: true, force: true });
