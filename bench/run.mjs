// `make bench`: <park-infographic> side by side with Chart.js, in one run, in headless
// Chromium (playwright-core driving Debian's /usr/bin/chromium) on a local static server.
// Measures the rows of the speed and size targets (a desktop reader, a phone reader) and
// prints them at the end with ratios and met/missed:
//   size    everything one embed downloads (resource timing of the measured loads), gzip -9;
//           what the wasm is made of comes from `twiggy top` on cargo's pre-wasm-opt binary
//   first   time to first chart: fresh context per load, A/B pairs alternating their order,
//           per-pair ratio ours ÷ Chart.js, at CPU 1× and 4× (Emulation.setCPUThrottlingRate);
//           beside each pair, ours' files loaded and nothing drawn (floor.html), its floor
//   hover   main-thread work per mouse move (dispatch + animation-frame callbacks + the
//           frame's rendering), p95 ratio, at CPU 1× and 4× (a guard, not a target)
//   scroll  chart="all" inserted in a loaded article at CPU 4×, scrolled to the end in steps that each wait
//           for the charts in view to show (their pixels are read after the trace): longest
//           main-thread task and total blocking time, from a performance trace; then,
//           traced apart, the widget narrowed to a phone's width until every chart is
//           drawn again (a phone turned): the same
//   memory  wasm linear memory after load, after 500 and after 1000 hovers
//   mobile  a reader on a phone (bench/lib/mobile.mjs): a built snippet in an article
//           of another origin than the bundle's, Lighthouse's mobile conditions, gzip; ours
//           (built-in chart, an editor's published chart) and Chart.js: when the chart is
//           seen, when hover answers, layout shift, bytes on the wire
// Everything goes through what a page sees (the widget's events, canvases, pointer events,
// paint timing), so it measures whatever embed.js does.
//
// Where the results go: bench/results.{json,md} name the commit they were measured on
// (`git rev-parse HEAD`) and are the committed reference run. A run from a tree with
// uncommitted changes (`git status --porcelain`, bench/results.* aside) still runs, but
// warns and writes to bench/out/ (ignored by git), marked "development run — not for
// committing"; so does --quick, and so does a dist/ whose embed.js is not www/embed.js
// as .ci/dist.sh minifies it.
// Build dist/ from the tree first (`make bench` does).
//
//   node bench/run.mjs                 the full run (about 5 minutes on 2 cores)
//   node bench/run.mjs --quick         few repetitions, to try the harness (bench/out/)
//   node bench/run.mjs --mobile-only   the mobile reader alone, full (bench/out/)
//
// Environment: CHROMIUM (default /usr/bin/chromium), CARGO_TARGET_DIR (default ./target).
import { CHROMIUM_ARGS } from "../tests/e2e/harness.mjs";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundled, widgetDefines } from "../.ci/minify.mjs";
import { CSP, serve } from "../.ci/serve.mjs";
import { BUILD } from "../tests/build.mjs";
import { cpuWatch } from "./lib/cpu.mjs";
import { mobileReader } from "./lib/mobile.mjs";
import { markdown, targets, textTable } from "./lib/report.mjs";
import { sizeTable, twiggyTop } from "./lib/sizes.mjs";
import { median, ratios, round, summary } from "./lib/stats.mjs";
import { blocking, longTaskKinds, mainThreadTasks, TASK_CATEGORIES } from "./lib/tasks.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const PAGES = join(ROOT, "bench", "pages");
const CHARTJS = join(ROOT, "node_modules", "chart.js", "dist", "chart.umd.min.js");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** The address the build writes the snippets for (.ci/pages.mjs). */
const EXAMPLE_BUNDLE = "https://cdn.example.org/park-infographic/";
const PREOPT_WASM = join(resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target"), "wasm32-unknown-unknown", "release", "park_infographic.wasm");
const QUICK = process.argv.includes("--quick");
const MOBILE_ONLY = process.argv.includes("--mobile-only");

const RUNS = QUICK
  ? { ttfcPairs: 3, hovers: 20, memoryHovers: 50, scrolls: 1, mobileRounds: 2 }
  : // On this 2-core machine one build's runs spread widely: a first-chart pair's ratio
    // 0.46–1.12×, a scroll run's longest task 35–110 ms. 20 pairs and 9 scroll runs (not
    // 12 and 5) give medians that move less between runs. The mobile reader: 10 rounds of
    // its three pages (a load takes 1–2 s of throttled network).
    { ttfcPairs: 20, hovers: 150, memoryHovers: 500, scrolls: 9, mobileRounds: 10 };
const RATES = [1, 4]; // CPU throttling: none, and 4× (a mid-range phone stand-in)
const HOVER_BLOCKS = 10; // hover: the pages take turns, this many blocks of moves each
const SCROLL_RATE = 4;
const NARROW_WIDTH_CSS = 360; // the scroll page's widget narrowed to a phone's width
const CONTEXT = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
// The benchmark's own files: not part of what a reader downloads.
const INSTRUMENTATION = new Set(["/bench/common.js", "/bench/ours-bench.js", "/bench/chartjs-bench.js", "/bench/scroll.js", "/bench/bench.css"]);
// By path, the build's folder left out.
const NOTES = {
  "embed.js": "the web component",
  "pkg/park_infographic.js": "wasm-bindgen glue",
  "pkg/park_infographic_bg.wasm": "the module",
  "data/growth-2019.bin": "the chart's built-in data (compact)",
  "embed.css": "the widget's styles",
  "bench/chart.umd.min.js": "Chart.js's minified UMD build",
  "bench/chartjs.js": "host code: the chart's configuration and value labels",
  "bench/chartjs-data.js": "the chart's figures, generated from the dataset",
};

const t0 = Date.now();
const log = (msg) => console.log(`bench [${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${msg}`);

for (const [what, path] of [
  ["dist/ (run `make dist`)", join(DIST, "embed.js")],
  ["Chart.js (npm ci)", CHARTJS],
  [`Chromium at ${CHROMIUM}`, CHROMIUM],
]) {
  if (!existsSync(path)) {
    console.error(`bench: missing ${what}`);
    process.exit(2);
  }
}

const git = gitState();
// dist/ is built from the tree, not from HEAD: at least its embed.js must be www/embed.js
// as .ci/dist.sh bundles it.
const builtEmbed = bundled(join(ROOT, "www", "embed.js"), widgetDefines(DIST));
if (builtEmbed !== readFileSync(join(DIST, "embed.js"), "utf8")) {
  git.dirty = true;
  git.changes.unshift("dist/ was not built from this tree (dist/embed.js differs from www/embed.js)");
}
const development = QUICK || MOBILE_ONLY || git.dirty;
const OUT = join(ROOT, "bench", development ? "out" : "");
if (git.dirty) {
  console.warn(`bench: WARNING: not a committed build (${git.changes.slice(0, 5).join(", ")}${git.changes.length > 5 ? ", …" : ""}):`);
  console.warn(`bench: this is a development run, written to bench/out/, not for committing.`);
}
const dataset = JSON.parse(readFileSync(join(DIST, BUILD, "data", "default.json"), "utf8"));

// --- the served tree: dist/ plus the bench pages under /bench/ ---------------------------
const tmp = mkdtempSync(join(os.tmpdir(), "park-bench-"));
cpSync(DIST, tmp, { recursive: true });
cpSync(PAGES, join(tmp, "bench"), { recursive: true });
cpSync(CHARTJS, join(tmp, "bench", "chart.umd.min.js"));

// The benchmark's own files (INSTRUMENTATION) come from an origin of their own, as a news
// page's scripts do not share a host with a widget's: on the pages' origin they took 3 of
// the browser's 6 HTTP/1.1 connections to it, and ours (6 files) then waited for one where
// Chart.js (3 files) did not (first chart at CPU 1×: ratio 0.91× → 0.77×, 20 pairs).
// CORP: the pages are cross-origin isolated (below), so they load no-cors files only with it.
const instrumentationServer = await serve(tmp, 0, { headers: { "cross-origin-resource-policy": "cross-origin" } });
const instrumentationOrigin = `http://127.0.0.1:${instrumentationServer.address().port}`;

// Bench pages are cross-origin isolated (COOP + COEP), so performance.now() has 5 µs
// resolution instead of 100 µs; the same CSP as every page of the project, plus the
// instrumentation's origin.
const htmlRoute = (body) => (req, res) =>
  res
    .writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": CSP.replace("script-src 'self'", `script-src 'self' ${instrumentationOrigin}`).replace(
        "style-src 'self'",
        `style-src 'self' ${instrumentationOrigin}`,
      ),
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    })
    .end(body);
/**
 * A bench page with its instrumentation's URLs (written relative, as `src="common.js"`) on
 * that origin, `__BUILD__` as the build's folder, and each `<!--snippet <file>-->` as the
 * built snippet dist/snippets/<file> for the bundle at "../".
 */
function benchPage(file) {
  let html = readFileSync(join(PAGES, file), "utf8");
  for (const path of INSTRUMENTATION) html = html.replaceAll(`"${path.slice("/bench/".length)}"`, `"${instrumentationOrigin}${path}"`);
  html = html.replace(/<!--snippet ([\w.-]+)-->/g, (_, name) => readFileSync(join(DIST, "snippets", name), "utf8").trim().split(EXAMPLE_BUNDLE).join("../"));
  return html.replaceAll("__BUILD__", BUILD);
}
const routes = {
  "/bench/blank.html": htmlRoute("<!doctype html><title>blank</title>"),
  "/favicon.ico": (req, res) => res.writeHead(204).end(),
};
// (The mobile reader's article template is its own: bench/lib/mobile.mjs.)
for (const f of readdirSync(PAGES).filter((f) => f.endsWith(".html") && !f.endsWith(".template.html"))) routes[`/bench/${f}`] = htmlRoute(benchPage(f));
// ours.html with floor.js in place of embed.js (the same preload lines): ours' files loaded,
// nothing drawn.
const floorPage = benchPage("ours.html").replace('<script type="module" src="../embed.js">', '<script type="module" src="floor.js">');
if (!floorPage.includes("floor.js")) throw new Error("bench: ours.html no longer loads ../embed.js as floor.html expects");
routes["/bench/floor.html"] = htmlRoute(floorPage);

const cpu = cpuWatch();
const server = await serve(tmp, 0, { routes });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const problems = [];
let results;
try {
  results = await measure();
} finally {
  await browser.close().catch(() => {});
  for (const s of [server, instrumentationServer]) {
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }
  rmSync(tmp, { recursive: true, force: true });
}
results.machine.otherProcesses = cpu.stop(os.availableParallelism());
results.problems = problems;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(join(OUT, "results.md"), markdown(results));
log(`wrote ${join(OUT, "results.json")} and results.md`);
console.log(`\nThe targets (${development ? "DEVELOPMENT RUN, not for committing; " : ""}commit ${git.commit?.slice(0, 12) ?? "?"}):\n`);
console.log(textTable(targets(results)));
if (results.machine.otherProcesses.share > 0.05) {
  console.log(`\nbench: other processes used ${Math.round(results.machine.otherProcesses.share * 100)} % of the CPU: timings are noisy.`);
}
if (problems.length) {
  console.error(`\nbench: ${problems.length} problem(s):\n  ${problems.slice(0, 10).join("\n  ")}`);
  process.exit(1);
}

// ----------------------------------------------------------------------------------------

async function measure() {
  const machine = describeMachine();
  log(`${machine.cpuModel}, ${machine.nproc} cores, Chromium ${machine.chromium}; commit ${git.commit?.slice(0, 12)}${git.dirty ? " + uncommitted changes" : ""}`);
  const out = { schema: 3, development, quick: QUICK, mobileOnly: MOBILE_ONLY, date: new Date().toISOString(), git, machine };
  const settings = {
    runs: RUNS,
    hoverBlocks: HOVER_BLOCKS,
    cpuThrottlingRates: RATES,
    viewport: CONTEXT.viewport,
    deviceScaleFactor: CONTEXT.deviceScaleFactor,
    chromiumArgs: CHROMIUM_ARGS,
    build: BUILD,
    server: "local static server (.ci/serve.mjs) on 127.0.0.1, HTTP/1.1, no network throttling, cache-control: no-store; the benchmark's own scripts and stylesheet from a second origin",
  };
  if (!MOBILE_ONLY) {
    const sizes = await calibrate();
    Object.assign(settings, { chartSizeCss: [sizes.ours.widthCss, sizes.ours.heightCss], chartjsVersion: sizes.chartjs.version });
    const { ttfc, loads } = await firstCharts();
    out.sizes = { ours: downloaded(loads.ours, (u) => !u.startsWith("/bench/")), chartjs: downloaded(loads.chartjs, (u) => u.startsWith("/bench/")), wasm: wasmBreakdown() };
    log(`sizes: ours ${out.sizes.ours.total.gzip} B gzip in ${out.sizes.ours.rows.length} files, Chart.js page ${out.sizes.chartjs.total.gzip} B`);
    out.ttfc = ttfc;
    Object.assign(out, await hoverAndMemory());
    out.scroll = await scrolls();
  }
  out.mobile = await mobileReader({ browser, tree: tmp, build: BUILD, growth: growthFigures(), chartjsFile: CHARTJS, rounds: RUNS.mobileRounds, log, problems });
  return { ...out, settings };
}

/**
 * Ours' chart size at 640 px, so that the Chart.js page draws the same chart at the same
 * size (its data file is written here); both pages' charts checked against the data.
 */
async function calibrate() {
  const ours = await fresh("/bench/ours.html", 1, (p) => p.evaluate(() => bench.info()));
  const growth = growthFigures();
  writeFileSync(join(tmp, "bench", "chartjs-data.js"), `// Generated by bench/run.mjs from the build's data/default.json.\nwindow.GROWTH_2019 = ${JSON.stringify({ ...growth, width: 640, height: ours.heightCss })};\n`);
  const chartjs = await fresh("/bench/chartjs.html", 1, (p) => p.evaluate(() => bench.info()));
  log(`ours ${ours.widthCss}×${ours.heightCss} CSS px, ${ours.count} marks; Chart.js ${chartjs.width}×${chartjs.height}, ${chartjs.count} bars`);
  if (ours.count !== growth.figures.length || chartjs.count !== growth.figures.length) {
    throw new Error(`mark counts differ from the data: ours ${ours.count}, Chart.js ${chartjs.count}, data ${growth.figures.length}`);
  }
  return { ours, chartjs };
}

/** Time to first chart at each rate, in pairs with floor.html beside; the loads' resources too. */
async function firstCharts() {
  const ttfc = {};
  const loads = { ours: [], chartjs: [] };
  for (const rate of RATES) {
    // With each pair, floor.html: ours' files loaded and nothing drawn (see floor.js).
    for (const who of ["ours", "chartjs", "floor"]) await firstChart(who, rate); // warm-up, discarded
    const runs = { ours: [], chartjs: [], floor: [] };
    for (let k = 0; k < RUNS.ttfcPairs; k++) {
      for (const who of k % 2 ? ["chartjs", "ours", "floor"] : ["floor", "ours", "chartjs"]) runs[who].push(await firstChart(who, rate));
    }
    for (const who of ["ours", "chartjs"]) loads[who].push(...runs[who].map((r) => r.resources));
    const raf = (who) => runs[who].map((r) => r.raf);
    const t = (ttfc[`x${rate}`] = {
      ours: summary(raf("ours")),
      chartjs: summary(raf("chartjs")),
      ratio: ratios(raf("ours"), raf("chartjs")),
      floor: summary(raf("floor")),
      floorRatio: ratios(raf("floor"), raf("chartjs")),
      requests: { ours: waterfall(runs.ours), chartjs: waterfall(runs.chartjs) },
    });
    log(`first chart ×${rate}: ours ${t.ours.median} ms, Chart.js ${t.chartjs.median} ms, ratio ${t.ratio.median}; loaded, not drawn: ratio ${t.floorRatio.median}`);
  }
  return { ttfc, loads };
}

/**
 * Hover at each rate, then memory. Both pages stay open and take turns, a block of moves
 * each, the order alternating: a change in the machine's speed over the seconds of a
 * measure (this VM's come and go) then weighs on both alike, as in the first-chart pairs.
 */
async function hoverAndMemory() {
  const hover = { ours: {}, chartjs: {} };
  let memory;
  await fresh("/bench/ours.html", 1, (ours, oursCdp) =>
    fresh("/bench/chartjs.html", 1, async (chartjs, chartjsCdp) => {
      const pages = { ours: [ours, oursCdp], chartjs: [chartjs, chartjsCdp] };
      for (const rate of RATES) {
        const runs = { ours: [], chartjs: [] };
        for (const [, cdp] of Object.values(pages)) await cdp.send("Emulation.setCPUThrottlingRate", { rate });
        for (let block = 0; block < HOVER_BLOCKS; block++) {
          for (const who of block % 2 ? ["chartjs", "ours"] : ["ours", "chartjs"]) {
            runs[who].push(await pages[who][0].evaluate((n) => bench.hover({ n }), RUNS.hovers / HOVER_BLOCKS));
          }
        }
        for (const who of ["ours", "chartjs"]) hover[who][`x${rate}`] = hoverSummary(who, rate, runs[who]);
      }
      await oursCdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      memory = await ours.evaluate((hovers) => bench.memory({ hovers }), RUNS.memoryHovers);
    }),
  );
  log(`memory: wasm ${memory.afterLoad.wasmMemory} → ${memory.afterHovers.wasmMemory} → ${memory.afterTwice.wasmMemory} B`);
  return { hover, memory };
}

/** One page's hover blocks at one rate, summed up; moves that missed their mark are problems. */
function hoverSummary(who, rate, blocks) {
  const samples = blocks.flatMap((h) => h.samples);
  const wrong = blocks.reduce((a, h) => a + h.wrong, 0);
  if (wrong) problems.push(`${who} ×${rate}: ${wrong} of ${RUNS.hovers} hovers did not show their mark`);
  const field = (f) => summary(samples.map((x) => x[f]));
  const floor = summary(blocks.flatMap((h) => h.floor).map((x) => x.work));
  const h = { work: field("work"), handler: field("handler"), rafCallbacks: field("rafCallbacks"), frame: field("frame"), floor, wrong };
  log(`hover ${who} ×${rate}: work median ${h.work.median} ms, p95 ${h.work.p95} ms`);
  return h;
}

/** chart="all" scrolled through at CPU 4×, traced, RUNS.scrolls times. */
async function scrolls() {
  const runs = [];
  for (let k = 0; k < RUNS.scrolls; k++) {
    const r = await scrollThrough();
    runs.push(r);
    log(`scroll ${k + 1}/${RUNS.scrolls}: longest task ${round(r.longestMs, 1)} ms, blocking ${round(r.totalBlockingMs, 1)} ms, ${r.steps.length} steps, ${r.drawn} charts; narrowed: longest ${round(r.narrowed.longestMs, 1)} ms`);
  }
  const rounded = (t) => ({ ...t, longestMs: round(t.longestMs), totalBlockingMs: round(t.totalBlockingMs) });
  return {
    rate: SCROLL_RATE,
    charts: dataset.charts.length,
    longestMs: summary(runs.map((r) => r.longestMs)),
    totalBlockingMs: summary(runs.map((r) => r.totalBlockingMs)),
    narrowWidthCss: NARROW_WIDTH_CSS,
    narrowed: {
      longestMs: summary(runs.map((r) => r.narrowed.longestMs)),
      totalBlockingMs: summary(runs.map((r) => r.narrowed.totalBlockingMs)),
    },
    runs: runs.map((r) => ({
      ...rounded(r),
      longestCheckMs: round(r.longestCheckMs),
      longTasks: r.longTasks.map((d) => round(d, 1)),
      narrowed: rounded(r.narrowed),
    })),
  };
}

/**
 * `path` in a fresh browser context (nothing cached) at CPU `rate`, once its first chart is
 * drawn; then `fn(page, cdp)`. With `navigate: false`, `fn` navigates itself.
 */
async function fresh(path, rate, fn, { navigate = true } = {}) {
  const context = await browser.newContext(CONTEXT);
  try {
    const p = await context.newPage();
    p.on("console", (m) => m.type() === "error" && problems.push(`${path}: console: ${m.text()}`));
    p.on("pageerror", (e) => problems.push(`${path}: ${e.message}`));
    const cdp = await context.newCDPSession(p);
    // A same-origin blank page first: the renderer exists and is throttled before the
    // measured navigation starts.
    await p.goto(`${origin}/bench/blank.html`);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    if (navigate) {
      // The page says when its first chart is drawn on the console (common.js). Not
      // waitForFunction: that runs Playwright's injected script in the page (30–60 ms at
      // CPU 4×) once goto returns at the load event, and ours' load event comes before its
      // chart is drawn (its data and module are fetched by a module script), Chart.js's
      // after: in some loads that script ran inside ours' measured time only.
      const drawn = p.waitForEvent("console", { predicate: (m) => m.text() === "bench:first-chart", timeout: 0 });
      await p.goto(origin + path);
      await drawn;
      const first = await p.evaluate(() => window.__ttfc);
      if (first.error) throw new Error(`${path}: ${first.error}`);
    }
    return await fn(p, cdp);
  } finally {
    await context.close();
  }
}

/** One load: navigation start → first chart drawn + next frame, and what the page fetched. */
function firstChart(who, rate) {
  return fresh(`/bench/${who}.html`, rate, (p) => p.evaluate(() => ({ ...window.__ttfc, resources: benchLib.resources() })));
}

/**
 * scroll.html at CPU 4×, loaded, then under a performance trace from the widget's insertion
 * to every chart drawn (the page's own load, before the widget exists, is not traced).
 */
function scrollThrough() {
  return fresh("/bench/scroll.html", SCROLL_RATE, async (p) => {
    await p.goto(`${origin}/bench/scroll.html`); // resolves after the load event
    await p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok))));
    const scroll = await traced(p, () => p.evaluate((charts) => bench.scrollThrough({ charts }), dataset.charts.length));
    // Shown during the run; their pixels read now, untraced (scroll.js says why).
    const drawn = await inkedCharts(p, `scroll (${scroll.result.shown} shown)`);
    // Then narrowed to a phone's width, traced apart: every chart is drawn again.
    const narrowed = await traced(p, () => p.evaluate((width) => bench.narrow({ width }), NARROW_WIDTH_CSS));
    await inkedCharts(p, "narrowed");
    return { ...scroll.tasks, ...scroll.result, drawn, narrowed: narrowed.tasks };
  }, { navigate: false });
}

/**
 * `fn()` under a performance trace of page `p`: its result, and the main-thread tasks the
 * trace holds, summed up (longest, blocking time, tasks over 50 ms and what those spent
 * their time on).
 */
async function traced(p, fn) {
  await browser.startTracing(p, { categories: TASK_CATEGORIES });
  let result;
  let trace;
  try {
    result = await fn();
  } finally {
    trace = JSON.parse(await browser.stopTracing());
  }
  return { result, tasks: { ...blocking(mainThreadTasks(trace)), taskKinds: longTaskKinds(trace) } };
}

/** How many chart figures of page `p` have ink (read untraced); a problem unless all do. */
async function inkedCharts(p, what) {
  const drawn = await p.evaluate(() => bench.drawnCharts());
  if (drawn !== dataset.charts.length) problems.push(`${what}: ${drawn} charts drawn, the dataset has ${dataset.charts.length}`);
  return drawn;
}

/** Median request start and end (ms after navigation start) of every file a page fetched. */
function waterfall(runs) {
  const byUrl = new Map();
  for (const r of runs.flatMap((run) => run.resources)) {
    if (INSTRUMENTATION.has(r.url) || r.url === "/favicon.ico") continue;
    if (!byUrl.has(r.url)) byUrl.set(r.url, { start: [], end: [] });
    byUrl.get(r.url).start.push(r.startTime);
    byUrl.get(r.url).end.push(r.responseEnd);
  }
  return [...byUrl]
    .map(([url, t]) => ({ url, start: round(median(t.start), 1), end: round(median(t.end), 1) }))
    .sort((a, b) => a.start - b.start);
}

/** Sizes of every file the pages fetched in any load (union), minus HTML and instrumentation. */
function downloaded(lists, keep) {
  const urls = new Set();
  for (const r of lists.flat()) {
    if (r.url.endsWith(".html") || r.url === "/favicon.ico" || INSTRUMENTATION.has(r.url) || !keep(r.url)) continue;
    if (existsSync(join(tmp, r.url))) urls.add(r.url);
    else problems.push(`fetched ${r.url}, which is not in the served tree`);
  }
  const files = [...urls].map((url) => {
    const name = url.slice(1);
    return { name, path: join(tmp, name), note: NOTES[name.replace(/^b-[0-9a-f]{10}\//, "")] ?? "" };
  });
  return { ...sizeTable(files), loads: lists.length };
}

/**
 * twiggy's view of the wasm, from cargo's binary before wasm-bindgen and wasm-opt (it still
 * has function names). Skipped, with the reason, when that binary is not the one dist/
 * ships: the target dir may be shared, so it must not be newer than pkg/'s output, and
 * pkg/'s output must be dist/'s wasm.
 */
function wasmBreakdown() {
  const pkg = join(ROOT, "pkg", "park_infographic_bg.wasm");
  const shipped = join(DIST, BUILD, "pkg", "park_infographic_bg.wasm");
  let skipped = null;
  if (!existsSync(PREOPT_WASM)) skipped = `no ${PREOPT_WASM}`;
  else if (!existsSync(pkg) || !readFileSync(pkg).equals(readFileSync(shipped))) skipped = "pkg/ is not what dist/ ships (run `make dist`)";
  else if (statSync(PREOPT_WASM).mtimeMs > statSync(pkg).mtimeMs) skipped = `${PREOPT_WASM} was rebuilt after pkg/ (another build in the same target dir)`;
  if (!skipped) {
    try {
      return { source: "wasm32-unknown-unknown/release/park_infographic.wasm", ...twiggyTop(PREOPT_WASM) };
    } catch (e) {
      skipped = e.code === "ENOENT" ? "twiggy is not installed (cargo install twiggy)" : `twiggy failed: ${e.message}`;
    }
  }
  console.warn(`bench: no wasm breakdown: ${skipped}`);
  return { skipped };
}

/** The growth-2019 figures from the dataset the bundle ships (never hard-coded). */
function growthFigures() {
  const QUARTERS = ["一", "二", "三", "四"];
  const period = (p) => (p.quarter ? `${p.year}年${QUARTERS[p.quarter - 1]}季度` : `${p.year}年`);
  const chart = dataset.charts.find((c) => c.id === "growth-2019");
  const figures = dataset.figures
    .filter((f) => f.chart === "growth-2019")
    .map((f) => ({
      label: f.label.zh,
      // The axis shows the full label unless it is long (ours shortens it the same way).
      axisLabel: [...f.label.zh].length > 12 && f.short ? f.short.zh : f.label.zh,
      value: f.value,
      valueText: `${f.value}%`,
      period: period(f.period),
    }));
  if (dataset.figures.some((f) => f.chart === "growth-2019" && f.unit !== "%")) throw new Error("growth-2019: expected percentages (%)");
  return { title: chart.title.zh, source: `来源：${dataset.source.title.zh}`, figures };
}

/** HEAD, and whether the tree differs from it (bench's own results aside). */
function gitState() {
  try {
    const run = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    // (Not trimmed: the first line's leading space is part of its status code.)
    const changes = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((line) => line && !/^bench\/results\.(json|md)$/.test(line.slice(3)));
    return { commit: run("rev-parse", "HEAD"), subject: run("log", "-1", "--format=%s"), dirty: changes.length > 0, changes };
  } catch (e) {
    return { commit: null, subject: null, dirty: true, changes: [`no git state: ${e.message}`] };
  }
}

function describeMachine() {
  const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
  return {
    cpuModel: model ?? "unknown",
    nproc: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    chromium: browser.version(),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}
