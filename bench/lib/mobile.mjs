// The mobile reader: a built snippet pasted into an article, as a reader
// on a phone meets it. The bundle on one origin (a CDN: `Access-Control-Allow-Origin: *`),
// the article on another, both sending gzip (bench/lib/gzip.mjs); Lighthouse's mobile
// conditions through the DevTools protocol (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s
// up, CPU 4×, 412 px wide at DPR 1.75); a fresh browser context per load. Three pages,
// loaded in rounds whose order alternates:
//   builtin    dist/snippets/growth-2019.zh.html, its address replaced by the bundle's
//   published  the same snippet as the editor publishes it (www/snippets.js with data-src):
//              data-src and its preload line naming a compact file on the bundle's origin
//              (dist/b-<hash>/data/growth-2019.bin copied to /published/growth.bin)
//   chartjs    Chart.js 4's UMD build (deferred, from the bundle's origin) drawing the same
//              five bars, with the host's configuration (bench/pages/chartjs.js) and data
//              from the article's origin, in a box of the height ours has there
// Measured in the page by bench/pages/mobile-probe.js (an init script; what each value
// means is written there) and, for bytes, from the DevTools protocol.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "../../.ci/serve.mjs";
import { componentSnippet, escapeHtml } from "../../www/snippets.js";
import { gzipped } from "./gzip.mjs";
import { ratios, round, summary } from "./stats.mjs";

/** Lighthouse's mobile device (a Moto G Power) and network, as TOOLCHAIN.md words them. */
export const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
export const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
export const CPU_RATE = 4;
/** The address the build writes the snippets for (.ci/pages.mjs). */
const EXAMPLE_BUNDLE = "https://cdn.example.org/park-infographic/";
const SNIPPET = "growth-2019.zh.html";
const PUBLISHED = "/published/growth.bin";
const CHARTJS = "/vendor/chart.umd.min.js";
export const ROWS = ["builtin", "published", "chartjs"];
const PAGE = { builtin: "/bench/mobile-builtin.html", published: "/bench/mobile-published.html", chartjs: "/bench/mobile-chartjs.html" };

/**
 * Runs the mobile reader: `rounds` loads of each page (and one warm-up round, discarded).
 * `tree`: the served tree (dist/ at its root, the bench pages under bench/); `growth`: the
 * chart's figures for Chart.js (run.mjs's growthFigures()).
 */
export async function mobileReader({ browser, tree, build, growth, chartjsFile, rounds, log, problems }) {
  const sites = await startSites(tree, build, chartjsFile);
  try {
    const pages = Object.assign(sites.html, snippetPages(tree, build, sites.bundle, problems));
    // Where a bar is and how tall ours is, from a load at the phone's size (untimed).
    const calibration = {};
    for (const row of ["builtin", "published"]) calibration[row] = await calibrate(browser, sites, row);
    writeChartjsPage(tree, sites.bundle, growth, calibration.builtin.heightCss, pages);
    calibration.chartjs = await calibrate(browser, sites, "chartjs");
    log(`mobile: bars at ${ROWS.map((r) => `${r} (${calibration[r].point.clientX}, ${calibration[r].point.clientY})`).join(", ")}; ours ${calibration.builtin.heightCss} CSS px tall`);

    const loads = Object.fromEntries(ROWS.map((r) => [r, []]));
    for (let k = -1; k < rounds; k++) {
      for (const row of k % 2 ? ROWS : [...ROWS].reverse()) {
        const r = await load(browser, sites, row, calibration[row], problems);
        if (k >= 0) loads[row].push(r);
      }
      if (k >= 0) log(`mobile ${k + 1}/${rounds}: ${ROWS.map((r) => `${r} seen ${round(loads[r].at(-1).seen, 0)} ready ${round(loads[r].at(-1).ready, 0)} ms`).join(", ")}`);
    }
    return summarise(loads, calibration, rounds);
  } finally {
    await sites.close();
  }
}

/** The bundle's origin (the tree, CORS for every file, Chart.js and the editor's file beside dist/) and the article's. */
async function startSites(tree, build, chartjsFile) {
  mkdirSync(join(tree, "published"), { recursive: true });
  cpSync(join(tree, build, "data", "growth-2019.bin"), join(tree, PUBLISHED));
  mkdirSync(join(tree, "vendor"), { recursive: true });
  cpSync(chartjsFile, join(tree, CHARTJS));
  const cdn = gzipped(await serve(tree, 0, { headers: { "access-control-allow-origin": "*" } }));
  const routes = {
    "/bench/blank.html": (req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end("<!doctype html><title>blank</title>"),
    "/favicon.ico": (req, res) => res.writeHead(204).end(),
  };
  for (const [row, path] of Object.entries(PAGE)) {
    // Filled in below, once the pages are written (the Chart.js page after calibration).
    routes[path] = (req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(sites.html[row]);
  }
  const article = gzipped(await serve(tree, 0, { routes }));
  const origin = (s) => `http://127.0.0.1:${s.address().port}`;
  const sites = {
    bundle: origin(cdn),
    article: origin(article),
    html: {},
    close: () =>
      Promise.all(
        [cdn, article].map((s) => {
          s.closeAllConnections();
          return new Promise((ok) => s.close(ok));
        }),
      ),
  };
  return sites;
}

/** The article around `chart` (the template's marker), its Chart.js box `height` CSS px tall. */
function article(chart, height = 0) {
  const template = readFileSync(new URL("../pages/mobile-article.template.html", import.meta.url), "utf8");
  if (!template.includes("<!--chart-->")) throw new Error("mobile-article.template.html has no <!--chart--> marker");
  return template.replace("<!--chart-->", chart).replace("__CHARTJS_HEIGHT__", String(height));
}

/**
 * Ours' two pages (row → HTML): the built snippet for the bundle's address, and the same as
 * the editor publishes it, with a data-src, made by www/snippets.js (the function the build
 * made the first with, and the editor's publish step uses: checked to give the built
 * snippet back).
 */
function snippetPages(tree, build, bundle, problems) {
  const built = readFileSync(join(tree, "snippets", SNIPPET), "utf8").trim();
  const picture = /<svg[\s\S]*<\/svg>/.exec(built)?.[0];
  const files = { glue: `${build}/pkg/park_infographic.js`, wasm: `${build}/pkg/park_infographic_bg.wasm`, css: `${build}/embed.css` };
  const snippet = (dataSrc) =>
    componentSnippet({ bundle: EXAMPLE_BUNDLE, files, chart: "growth-2019", lang: "zh", data: `${build}/data/growth-2019.bin`, dataSrc, picture });
  if (!picture) throw new Error(`bench: dist/snippets/${SNIPPET} holds no picture`);
  if (snippet() !== built) problems.push(`mobile: dist/snippets/${SNIPPET} is not what www/snippets.js writes for it (dist/ older than www/?): the published page is not its exact twin`);
  const here = (s) => s.split(EXAMPLE_BUNDLE).join(`${bundle}/`);
  return {
    builtin: article(here(built)),
    published: article(here(snippet(`${EXAMPLE_BUNDLE.slice(0, -1)}${PUBLISHED}`))),
  };
}

/** The Chart.js page: the library from the bundle's origin, the host's code from the article's. */
function writeChartjsPage(tree, bundle, growth, height, pages) {
  const data = { ...growth, width: null, height };
  writeFileSync(join(tree, "bench", "chartjs-data-mobile.js"), `// Generated by bench/lib/mobile.mjs from the dataset.\nwindow.GROWTH_2019 = ${JSON.stringify(data)};\n`);
  pages.chartjs = article(
    [
      `<script defer src="${bundle}${CHARTJS}"></script>`,
      `<script defer src="chartjs-data-mobile.js"></script>`,
      `<script defer src="chartjs.js"></script>`,
      `<div id="chart-box"><canvas role="img" aria-label="${escapeHtml(growth.title)}"></canvas></div>`,
    ].join("\n"),
    height,
  );
}

/** A fresh context at the phone's size with the probe; `fn(page, cdp)`. */
async function phone(browser, sites, fn) {
  const context = await browser.newContext(PHONE);
  try {
    await context.addInitScript({ path: new URL("../pages/mobile-probe.js", import.meta.url).pathname });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // A page of the article's origin first: the renderer exists before the measured load.
    await page.goto(`${sites.article}/bench/blank.html`);
    return await fn(page, cdp);
  } finally {
    await context.close();
  }
}

/**
 * Waits for the probe's console message `mobile:<what>`; rejects on the widget's error (and
 * when the page closes first: handled here, so that a load given up leaves no rejection).
 */
function said(page, what) {
  const heard = page
    .waitForEvent("console", { predicate: (m) => m.text() === `mobile:${what}` || m.text() === "mobile:error", timeout: 0 })
    .then(async (m) => {
      if (m.text() === "mobile:error") throw new Error(`the widget failed: ${await page.evaluate(() => window.__mobile.error)}`);
    });
  heard.catch(() => {});
  return heard;
}

/**
 * One untimed load of `row` at the phone's size, no throttling: where its first bar's
 * centre is on the screen (ours: the module's layout, bench/pages/ours-bench.js; Chart.js:
 * its elements) and which figure that is; ours' chart height.
 */
function calibrate(browser, sites, row) {
  return phone(browser, sites, async (page) => {
    const ready = said(page, "ready");
    await page.goto(sites.article + PAGE[row], { waitUntil: "commit" });
    await ready;
    const dir = new URL("../pages/", import.meta.url).pathname;
    await page.addScriptTag({ path: join(dir, "common.js") });
    await page.addScriptTag({ path: join(dir, row === "chartjs" ? "chartjs-bench.js" : "ours-bench.js") });
    if (row === "chartjs") return { point: round2(await page.evaluate(() => bench.points()[0])), index: 0 };
    const marks = await page.evaluate(() => bench.marks());
    return { point: round2(marks.points[0]), id: marks.ids[0], heightCss: marks.heightCss };
  });
}
const round2 = (p) => ({ clientX: round(p.clientX, 2), clientY: round(p.clientY, 2) });

/** Everything a page transfers: encodedDataLength of each finished request (DevTools protocol). */
async function transfers(cdp) {
  const requests = new Map(); // requestId -> { url, bytes, done }
  cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url, bytes: 0, done: false }));
  const finish = (e, bytes) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes, done: true, failed: bytes === null });
  };
  cdp.on("Network.loadingFinished", (e) => finish(e, e.encodedDataLength));
  cdp.on("Network.loadingFailed", (e) => finish(e, null));
  // What had arrived when the response started: its status line and headers.
  cdp.on("Network.responseReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.head = e.response.encodedDataLength;
  });
  await cdp.send("Network.enable");
  return { requests, reset: () => requests.clear() };
}

/** One measured load of `row` under the phone's conditions, then the pointer over its bar. */
function load(browser, sites, row, target, problems) {
  return phone(browser, sites, async (page, cdp) => {
    page.on("pageerror", (e) => problems.push(`mobile ${row}: ${e.message}`));
    page.on("console", (msg) => msg.type() === "error" && problems.push(`mobile ${row}: console: ${msg.text()}`));
    const net = await transfers(cdp);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_RATE });
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    net.reset();
    // The move is sent from the DevTools protocol's own console event, not through
    // Playwright's: the page waits for the harness as little as it can.
    await cdp.send("Runtime.enable");
    const moved = new Promise((ok, fail) =>
      cdp.on("Runtime.consoleAPICalled", (e) => {
        const text = e.args[0]?.value;
        if (text === "mobile:error") fail(new Error(`mobile ${row}: the widget failed (infographic:error)`));
        if (text !== "mobile:ready") return;
        ok(cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: target.point.clientX, y: target.point.clientY, pointerType: "mouse" }));
      }),
    );
    const done = said(page, "done");
    await page.goto(sites.article + PAGE[row], { waitUntil: "commit" });
    await moved;
    await done;
    const m = await page.evaluate(() => window.__mobile);
    // The browser's own favicon request is not the page's.
    const files = [...net.requests.values()].filter((f) => new URL(f.url).pathname !== "/favicon.ico");
    const pending = files.filter((f) => !f.done).map((f) => f.url);
    if (pending.length) problems.push(`mobile ${row}: still loading when the answer came: ${pending.join(", ")}`);
    return measures(row, m, target, files, sites, problems);
  });
}

/** A load's values (ms after navigation start) from the probe's record `m`. */
function measures(row, m, target, files, sites, problems) {
  const ours = row !== "chartjs";
  const fail = (why) => problems.push(`mobile ${row}: ${why}`);
  if (!m.answer) fail("the pointer move over a bar was not answered");
  else if (ours ? m.answer.id !== target.id : m.answer.index !== target.index) fail(`the move answered ${JSON.stringify(m.answer)}, not the bar under it`);
  if (m.move?.pointerType !== "mouse") fail(`the move came as pointerType ${m.move?.pointerType}`);
  // Ours is seen when the last of its picture's texts is first painted (every one reported),
  // else (rarely) in the frame after the picture is whole.
  const timed = ours && m.pictureTextCount > 0 && m.pictureTexts.length === m.pictureTextCount;
  if (ours && !timed && m.pictureFrame == null) fail(`no paint of the picture known (${m.pictureTexts.length} of its ${m.pictureTextCount} texts reported, no frame after it)`);
  const ready = m.answer?.frame ?? NaN;
  const origin = (url) => (url.startsWith(sites.bundle) ? "bundle" : url.startsWith(sites.article) ? "article" : "other");
  return {
    seen: ours ? (timed ? Math.max(...m.pictureTexts) : (m.pictureFrame ?? NaN)) : m.readyFrame,
    seenBy: ours ? (timed ? "element timing" : "frame after") : "frame after",
    firstText: ours && m.pictureTexts.length ? Math.min(...m.pictureTexts) : NaN,
    // Element Timing's paint of the whole picture, after the animation frame that followed
    // the parser's task that completed it: that frame's own rendering when both are one.
    seenAfterFrame: timed && m.pictureFrame != null ? Math.max(...m.pictureTexts) - m.pictureFrame : NaN,
    ready,
    drawn: m.readyFrame,
    fcp: m.fcp?.paintTime ?? NaN,
    pictureWhole: m.pictureWhole,
    moveDelay: m.move ? m.move.t - m.readyFrame : NaN,
    answerFrames: m.answer?.frames ?? NaN,
    shift: m.shifts.filter((s) => s.startTime <= ready).reduce((a, s) => a + s.value, 0),
    shiftsAfter: m.shifts.filter((s) => s.startTime > ready).length,
    bytes: files.reduce((a, f) => a + (f.bytes ?? 0), 0),
    headBytes: files.reduce((a, f) => a + (f.head ?? 0), 0),
    // The chart's own downloads, bodies only (gzip): everything but the article's page.
    chartBytes: files.filter((f) => !f.url.endsWith(".html")).reduce((a, f) => a + (f.bytes ?? 0) - (f.head ?? 0), 0),
    files: files.map((f) => ({ origin: origin(f.url), path: new URL(f.url).pathname, bytes: f.bytes, head: f.head })),
  };
}

/** Medians and ranges per row, ours ÷ Chart.js per round. */
function summarise(loads, calibration, rounds) {
  const field = (row, f) => loads[row].map((x) => x[f]);
  const rows = {};
  for (const row of ROWS) {
    rows[row] = {
      loads: loads[row].length,
      ...Object.fromEntries(["seen", "seenAfterFrame", "ready", "drawn", "fcp", "firstText", "moveDelay", "answerFrames", "shift", "bytes", "headBytes", "chartBytes"].map((f) => [f, summary(field(row, f))])),
      shiftsAfterReady: field(row, "shiftsAfter").reduce((a, b) => a + b, 0),
      seenByFrame: field(row, "seenBy").filter((b) => b === "frame after").length,
      // The files of the last load (the same every load), bytes on the wire with headers.
      files: loads[row].at(-1)?.files ?? [],
    };
  }
  const ratio = {};
  for (const row of ["builtin", "published"]) {
    ratio[row] = { seen: ratios(field(row, "seen"), field("chartjs", "seen")), ready: ratios(field(row, "ready"), field("chartjs", "ready")) };
  }
  return {
    settings: { rounds, phone: PHONE, network: NETWORK, cpuRate: CPU_RATE, gzipLevel: 9 },
    calibration,
    rows,
    ratio,
  };
}
