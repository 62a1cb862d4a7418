// `make bench`: size, speed and memory of <park-infographic> side by side with Chart.js,
// in one run, in headless Chromium (Playwright, Debian's /usr/bin/chromium) on a local
// static server. Writes bench/results.json and bench/results.md. Reports; asserts nothing
// about timings (only that every measurement measured what it says: marks found, hovers
// landed, widths applied).
//
//   node bench/run.mjs            (make bench builds dist/ first)
//   node bench/run.mjs --quick    fewer runs, for trying the harness (results not written
//                                 over the reference files: they go to bench/out/)
//   node bench/run.mjs --out=DIR  write the results to DIR instead
//   node bench/run.mjs --report   only rewrite results.md from results.json (no browser)
//
// Environment: CHROMIUM (default /usr/bin/chromium).
import { CHROMIUM_ARGS } from "../tests/e2e/harness.mjs";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CSP, serve } from "../.ci/serve.mjs";
import { sizeTable, wasmAnatomy } from "./lib/sizes.mjs";
import { median, ratios, round, summary } from "./lib/stats.mjs";
import { markdown } from "./lib/report.mjs";
import { analyse, bySource, TRACE_CATEGORIES } from "./lib/trace.mjs";
import { cpuWatch } from "./lib/cpu.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const PAGES = join(ROOT, "bench", "pages");
const CHARTJS = join(ROOT, "node_modules", "chart.js", "dist", "chart.umd.min.js");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const QUICK = process.argv.includes("--quick");
const OUT_ARG = process.argv.find((a) => a.startsWith("--out="))?.slice("--out=".length);
const OUT = OUT_ARG ?? (QUICK ? join(ROOT, "bench", "out") : join(ROOT, "bench"));

const RUNS = QUICK
  ? { ttfcPairs: 3, cold: 2, all: 3, hovers: 20, resizes: 6, memoryHovers: 50 }
  : { ttfcPairs: 15, cold: 5, all: 12, hovers: 200, resizes: 40, memoryHovers: 500 };
const RATES = [1, 4]; // CPU throttling: none, and 4× (a mid-range phone stand-in)
const CONTEXT = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };

// The benchmark's own files, on both pages: not part of what a reader downloads.
const INSTRUMENTATION = new Set(["/bench/common.js", "/bench/ours-bench.js", "/bench/chartjs-bench.js", "/bench/bench.css"]);
const FONT = /\.(woff2?|ttf|otf|ttc)$/i;
const NOTES = {
  "embed.js": "the web component",
  "embed.css": "its shadow-root styles",
  "heights.js": "chart heights for the loading placeholder",
  "pkg/park_infographic.js": "wasm-bindgen glue",
  "pkg/park_infographic_bg.wasm": "the module; the default dataset is compiled in",
  "bench/chart.umd.min.js": "Chart.js's minified UMD build",
  "bench/chartjs.js": "host code: the chart's configuration and value labels",
  "bench/chartjs-data.js": "the 5 figures, generated from the dataset",
};

if (process.argv.includes("--report")) {
  const results = JSON.parse(readFileSync(join(OUT, "results.json"), "utf8"));
  writeFileSync(join(OUT, "results.md"), markdown(results));
  console.log(`bench: rewrote ${join(OUT, "results.md")} from results.json`);
  process.exit(0);
}

const t0 = Date.now();
const log = (msg) => console.log(`bench [${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

for (const [what, path] of [
  ["dist/ (run `make dist`)", join(DIST, "embed.js")],
  ["dist/pkg/park_infographic_bg.wasm (run `make dist`)", join(DIST, "pkg", "park_infographic_bg.wasm")],
  ["dist/data/default.json (run `make dist`)", join(DIST, "data", "default.json")],
  ["Chart.js (npm ci)", CHARTJS],
  [`Chromium at ${CHROMIUM} (.ci/setup test installs it)`, CHROMIUM],
]) {
  if (!existsSync(path)) {
    console.error(`bench: missing ${what}`);
    process.exit(2);
  }
}

const growth = growthData();

// --- the served tree: dist/ plus the bench pages under /bench/ ---------------------------
const tmp = mkdtempSync(join(os.tmpdir(), "park-bench-"));
cpSync(DIST, tmp, { recursive: true });
mkdirSync(join(tmp, "bench"));
for (const f of readdirSync(PAGES)) cpSync(join(PAGES, f), join(tmp, "bench", f));
cpSync(CHARTJS, join(tmp, "bench", "chart.umd.min.js"));

// Bench pages are served cross-origin isolated (COOP + COEP): performance.now() then has
// 5 µs resolution instead of 100 µs. Same CSP as every page of the project.
const isolatedPage = (body) => (req, res) =>
  res
    .writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": CSP,
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    })
    .end(typeof body === "function" ? body() : body);
const routes = {};
for (const f of readdirSync(PAGES).filter((f) => f.endsWith(".html"))) {
  routes[`/bench/${f}`] = isolatedPage(() => readFileSync(join(tmp, "bench", f)));
}
// Where each measured page's context starts (see openPage).
routes["/bench/blank.html"] = isolatedPage("<!doctype html><title>blank</title>");

// The widget's stylesheet is served cacheable, as a CDN would: every widget links it in
// its shadow root, and the all-charts runs insert many widgets into one page. (The
// first-chart loads use a fresh context each, so nothing is cached there.)
routes["/embed.css"] = (req, res) =>
  res
    .writeHead(200, { "content-type": "text/css; charset=utf-8", "cache-control": "max-age=600" })
    .end(readFileSync(join(tmp, "embed.css")));
// Browsers ask for /favicon.ico on their own; neither page has one.
routes["/favicon.ico"] = (req, res) => res.writeHead(204).end();

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
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  rmSync(tmp, { recursive: true, force: true });
}
results.machine.otherProcesses = cpu.stop(os.availableParallelism());
log(`other processes used ${(results.machine.otherProcesses.share * 100).toFixed(1)} % of the machine's CPU during the run`);

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(join(OUT, "results.md"), markdown(results));
log(`wrote ${join(OUT, "results.json")} and results.md`);
if (problems.length) {
  console.error(`bench: ${problems.length} problem(s) on the pages:\n  ${problems.slice(0, 10).join("\n  ")}`);
  process.exit(1);
}

// ----------------------------------------------------------------------------------------

async function measure() {
  const machine = describeMachine(browser.version());
  machine.loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  log(`machine: ${machine.cpuModel}, ${machine.nproc} cores, Chromium ${machine.chromium}, Node ${machine.node}`);

  // Probe ours for its height at 640 px, so the Chart.js page draws at the same size.
  const probe = await openPage("/bench/ours.html");
  const oursInfo = await probe.page.evaluate(() => bench.info());
  await probe.close();
  writeFileSync(join(tmp, "bench", "chartjs-data.js"), dataScript(growth, oursInfo.heightCss));
  const cjProbe = await openPage("/bench/chartjs.html");
  const chartjsInfo = await cjProbe.page.evaluate(() => bench.info());
  await cjProbe.close();
  log(`ours ${oursInfo.widthCss}×${oursInfo.heightCss} CSS px, ${oursInfo.count} marks; Chart.js ${chartjsInfo.width}×${chartjsInfo.height}, ${chartjsInfo.count} bars`);
  if (oursInfo.count !== growth.figures.length || chartjsInfo.count !== growth.figures.length) {
    throw new Error(`mark counts differ from the data: ours ${oursInfo.count}, Chart.js ${chartjsInfo.count}, data ${growth.figures.length}`);
  }

  const ttfc = {};
  const cold = {};
  const all = {};
  const interaction = { ours: {}, chartjs: {} };
  let memory;
  const loads = { ours: [], chartjs: [] }; // resource lists of every measured load

  for (const rate of RATES) {
    const key = `x${rate}`;
    // --- 2. time to first chart: alternating A/B, fresh context per load --------------
    for (const path of ["/bench/ours.html", "/bench/chartjs.html"]) await loadOnce(path, rate); // warm-up, discarded
    const runs = { ours: [], chartjs: [] };
    for (let k = 0; k < RUNS.ttfcPairs; k++) {
      const order = k % 2 ? ["chartjs", "ours"] : ["ours", "chartjs"];
      for (const who of order) runs[who].push(await loadOnce(`/bench/${who}.html`, rate));
    }
    for (const who of ["ours", "chartjs"]) loads[who].push(...runs[who].map((r) => r.resources));
    ttfc[key] = ttfcSummary(runs);
    ttfc[key].waterfall = { ours: waterfall(runs.ours), chartjs: waterfall(runs.chartjs) };
    log(`TTFC ×${rate}: ours ${ttfc[key].ours.raf.median} ms, Chart.js ${ttfc[key].chartjs.raf.median} ms, ratio ${ttfc[key].ratio.median}`);

    // Where the cold start goes (fresh context per run).
    cold[key] = { ours: [], chartjs: [], font: [] };
    for (let k = 0; k < RUNS.cold; k++) {
      cold[key].ours.push(await coldOnce("/bench/cold.html", rate));
      cold[key].chartjs.push(await coldOnce("/bench/chartjs-cold.html", rate));
      cold[key].font.push(await coldOnce("/bench/font.html", rate));
    }
    cold[key] = {
      ours: summarise(cold[key].ours),
      chartjs: summarise(cold[key].chartjs),
      font: summarise(cold[key].font),
    };
  }

  // --- 1. transfer sizes: every file the pages fetched in the loads above ------------
  const sizes = transferSizes(loads);
  log(`sizes: ours ${sizes.ours.total.gzip} B gzip (${sizes.ours.rows.length} files), Chart.js page ${sizes.chartjs.total.gzip} B gzip`);

  // --- 4, 5. hover and resize; 6. memory: one page per library, throttled and not ------
  for (const who of ["ours", "chartjs"]) {
    const s = await openPage(`/bench/${who}.html`);
    try {
      for (const rate of RATES) {
        await s.cdp.send("Emulation.setCPUThrottlingRate", { rate });
        const hover = await s.page.evaluate((n) => bench.hover({ n }), RUNS.hovers);
        const resize = await s.page.evaluate((n) => bench.resize({ n }), RUNS.resizes);
        const out = {
          hover: hoverSummary(hover),
          resize: {
            direct: summary(resize.direct),
            e2e: summary(resize.e2e.map((e) => e.toPainted)),
            e2eFrames: summary(resize.e2e.map((e) => e.frames)),
            wrong: resize.wrong,
          },
        };
        if (hover.wrong || resize.wrong) problems.push(`${who} ×${rate}: ${hover.wrong} hovers missed, ${resize.wrong} widths not applied`);
        if (who === "ours") {
          const wh = await s.page.evaluate((n) => bench.wasmHover({ n }), RUNS.hovers);
          if (wh.wrong) problems.push(`ours ×${rate}: wasm hitTest missed ${wh.wrong} marks`);
          out.wasmHover = { ...summary(wh.samples), meanBatch: round(wh.meanBatch, 4), wrong: wh.wrong };
        }
        interaction[who][`x${rate}`] = out;
        log(`${who} ×${rate}: hover work median ${out.hover.work.median} ms p95 ${out.hover.work.p95} ms; resize direct ${out.resize.direct.median} ms`);
      }
      await s.cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      const mem = await s.page.evaluate((hovers) => bench.memory({ hovers }), RUNS.memoryHovers);
      memory ??= {};
      memory[who] = mem;
      log(`${who} memory: ${JSON.stringify(mem)}`);
    } finally {
      await s.close();
    }
  }

  // --- 3. the whole infographic after the module is ready ---------------------------
  {
    const s = await openPage("/bench/all.html");
    try {
      for (const rate of RATES) {
        await s.cdp.send("Emulation.setCPUThrottlingRate", { rate });
        const r = await s.page.evaluate((n) => bench.all({ n }), RUNS.all);
        all[`x${rate}`] = {
          charts: r.charts,
          ready: summary(r.samples.map((x) => x.ready)),
          styled: summary(r.samples.map((x) => x.styled)),
          afterStyled: summary(r.samples.map((x) => x.ready - x.styled)),
          toRaf: summary(r.samples.map((x) => x.toRaf)),
          toPainted: summary(r.samples.map((x) => x.toPainted)),
          wasmOnly: summary(r.wasm.samples),
          wasmReusedCanvases: summary(r.wasm.reused),
          ids: r.wasm.ids,
        };
        log(`all ×${rate}: ${r.charts} charts, ready ${all[`x${rate}`].ready.median} ms (wasm only ${all[`x${rate}`].wasmOnly.median} ms)`);
      }
    } finally {
      await s.close();
    }
  }

  // --- profiles for the "what dominates" notes, traced apart from the timed runs -------
  const profiles = {};
  // (A load is traced only: the CPU profiler makes V8 log every wasm function it compiles,
  // which would swamp the first chart's real cost.)
  for (const who of ["ours", "chartjs"]) profiles[`firstChart_${who}`] = await profileLoad(`/bench/${who}.html`);
  {
    const s = await openPage("/bench/all.html");
    try {
      await s.page.evaluate(() => bench.all({ n: 1, wasm: false }));
      profiles.allCharts = await profile(s, () => s.page.evaluate(() => bench.all({ n: 3, wasm: false })), 3);
    } finally {
      await s.close();
    }
  }
  for (const who of ["ours", "chartjs"]) {
    const s = await openPage(`/bench/${who}.html`);
    try {
      await s.page.evaluate(() => bench.hover({ n: 5, floor: false }));
      profiles[`hover_${who}`] = await profile(s, () => s.page.evaluate(() => bench.hover({ n: 50, floor: false })), 50);
    } finally {
      await s.close();
    }
  }
  log("profiles done");

  return {
    schema: 1,
    quick: QUICK,
    date: new Date().toISOString(),
    machine,
    build: describeBuild(),
    settings: {
      runs: RUNS,
      cpuThrottlingRates: RATES,
      chromiumArgs: CHROMIUM_ARGS,
      viewport: CONTEXT.viewport,
      deviceScaleFactor: CONTEXT.deviceScaleFactor,
      chartSizeCss: [oursInfo.widthCss, oursInfo.heightCss],
      server: "local static server (.ci/serve.mjs) on 127.0.0.1, no network throttling; cache-control: no-store (embed.css: max-age=600, for the all-charts runs)",
      pageEnvironment: oursInfo.env,
      chartjsVersion: chartjsInfo.version,
      fonts: "system CJK font (WenQuanYi Micro Hei); no web fonts are downloaded by either page, and fonts are excluded from the sizes",
    },
    sizes,
    ttfc,
    cold,
    all,
    interaction,
    memory,
    profiles,
    problems,
  };
}

/**
 * Runs `fn` under a Chromium performance trace and a V8 CPU profile (100 µs sampling);
 * returns main-thread self time by group and by code origin (see lib/trace.mjs).
 */
async function profile(s, fn, units, { cpuProfile = true } = {}) {
  if (cpuProfile) {
    await s.cdp.send("Profiler.enable");
    await s.cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await s.cdp.send("Profiler.start");
  }
  await browser.startTracing(s.page, { categories: TRACE_CATEGORIES });
  let trace;
  let cpu;
  try {
    await fn();
  } finally {
    trace = JSON.parse(await browser.stopTracing());
    if (cpuProfile) cpu = (await s.cdp.send("Profiler.stop")).profile;
  }
  return { units, ...analyse(trace), js: cpu ? bySource(cpu) : {} };
}

/** One fresh-context load of `path`, profiled from navigation to the first chart. */
async function profileLoad(path) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    watch(page, path);
    const cdp = await context.newCDPSession(page);
    await page.goto(`${origin}/bench/blank.html`);
    return await profile({ page, cdp }, async () => {
      await page.goto(origin + path);
      await page.waitForFunction(() => window.__ttfc, null, { timeout: 120000 });
    }, 1, { cpuProfile: false });
  } finally {
    await context.close();
  }
}

/** A page in a fresh context, its CDP session, and its problems watched. */
async function openPage(path, { rate = 1 } = {}) {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  watch(page, path);
  const cdp = await context.newCDPSession(page);
  // Same-origin blank page first: the renderer process exists and the throttling rate
  // is set before the measured navigation starts.
  await page.goto(`${origin}/bench/blank.html`);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.goto(origin + path);
  await page.waitForFunction(() => window.__ttfc || window.__cold, null, { timeout: 120000 });
  return { page, cdp, close: () => context.close() };
}

async function loadOnce(path, rate) {
  const s = await openPage(path, { rate });
  try {
    return await s.page.evaluate(() => ({
      ...window.__ttfc,
      resources: benchLib.resources(),
      paints: benchLib.paints(),
    }));
  } finally {
    await s.close();
  }
}

async function coldOnce(path, rate) {
  const s = await openPage(path, { rate });
  try {
    return await s.page.evaluate(() => window.__cold);
  } finally {
    await s.close();
  }
}

function watch(page, path) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${path}: console: ${m.text()} (${m.location().url || "?"})`);
  });
  page.on("pageerror", (e) => problems.push(`${path}: pageerror: ${e.message}`));
  page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
}

function ttfcSummary(runs) {
  const pick = (who, f) => runs[who].map(f);
  const side = (who, code) => ({
    ready: summary(pick(who, (r) => r.ready)),
    raf: summary(pick(who, (r) => r.raf)),
    painted: summary(pick(who, (r) => r.painted)),
    firstContentfulPaint: summary(pick(who, (r) => r.paints["first-contentful-paint"])),
    // When the last byte of code arrived (wasm, or Chart.js's bundle): the rest is
    // compile, run and draw.
    codeArrived: summary(pick(who, (r) => Math.max(...r.resources.filter((x) => code.test(x.url)).map((x) => x.responseEnd)))),
    samples: pick(who, (r) => round(r.raf)),
  });
  return {
    ours: side("ours", /\.wasm$/),
    chartjs: side("chartjs", /chart\.umd\.min\.js$/),
    ratio: ratios(pick("ours", (r) => r.raf), pick("chartjs", (r) => r.raf)),
    ratioReady: ratios(pick("ours", (r) => r.ready), pick("chartjs", (r) => r.ready)),
  };
}

/** Median request start and end of every file a page fetched, in request order. */
function waterfall(runs) {
  const byUrl = new Map();
  for (const r of runs) {
    for (const x of r.resources) {
      if (INSTRUMENTATION.has(x.url) || x.url === "/favicon.ico") continue;
      if (!byUrl.has(x.url)) byUrl.set(x.url, { start: [], end: [] });
      byUrl.get(x.url).start.push(x.startTime);
      byUrl.get(x.url).end.push(x.responseEnd);
    }
  }
  return [...byUrl.entries()]
    .map(([url, t]) => ({ url, loads: t.start.length, start: round(median(t.start), 1), end: round(median(t.end), 1) }))
    .sort((a, b) => a.start - b.start);
}

function hoverSummary(h) {
  const field = (f) => summary(h.samples.map((s) => s[f]));
  return {
    n: h.samples.length,
    marks: h.count,
    wrong: h.wrong,
    handler: field("handler"),
    rafCallbacks: field("rafCallbacks"),
    frame: field("frame"),
    toRaf: field("toRaf"),
    toPainted: field("toPainted"),
    work: field("work"),
    floor: summary(h.floor.map((s) => s.work)),
  };
}

/** Summaries of each numeric key over a list of objects. */
function summarise(list) {
  const out = {};
  for (const k of Object.keys(list[0] ?? {})) out[k] = summary(list.map((x) => x[k]));
  return out;
}

function sumRows(rows) {
  const t = { raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of Object.keys(t)) t[k] += r[k];
  return t;
}

/**
 * Sizes of what the pages fetched (union over all measured loads, from resource timing),
 * read from the served tree. Ours: everything outside /bench/; Chart.js: its page's
 * files under /bench/ except the instrumentation. Fonts excluded (listed apart).
 */
function transferSizes(loads) {
  const side = (lists, keep) => {
    const seen = new Map();
    for (const list of lists) {
      for (const r of list) {
        if (r.url.endsWith(".html") || r.url === "/favicon.ico" || INSTRUMENTATION.has(r.url) || !keep(r.url)) continue;
        if (!existsSync(join(tmp, r.url))) {
          problems.push(`fetched ${r.url}, which is not in the served tree`);
          continue;
        }
        const e = seen.get(r.url) ?? { url: r.url, loads: 0, start: r.startTime };
        e.loads++;
        e.start = Math.min(e.start, r.startTime);
        seen.set(r.url, e);
      }
    }
    const all = [...seen.values()].sort((a, b) => a.start - b.start);
    const fonts = all.filter((e) => FONT.test(e.url)).map((e) => e.url);
    const files = all
      .filter((e) => !FONT.test(e.url))
      .map((e) => {
        const name = e.url.replace(/^\//, "");
        const note = [NOTES[name], e.loads < lists.length ? `fetched in ${e.loads} of ${lists.length} loads` : ""]
          .filter(Boolean)
          .join("; ");
        return { name, path: join(tmp, name), note };
      });
    return { ...sizeTable(files), loads: lists.length, fontsExcluded: fonts };
  };
  return {
    ours: side(loads.ours, (u) => !u.startsWith("/bench/")),
    chartjs: side(loads.chartjs, (u) => u.startsWith("/bench/")),
    wasm: wasmAnatomy(join(tmp, "pkg", "park_infographic_bg.wasm"), {
      preopt: join(ROOT, "target", "wasm32-unknown-unknown", "release", "park_infographic.wasm"),
      pkgWasm: join(ROOT, "pkg", "park_infographic_bg.wasm"),
      datasetJson: join(tmp, "data", "default.json"),
    }),
  };
}

/** The growth-2019 figures from the dataset the bundle ships (never hard-coded). */
function growthData() {
  const d = JSON.parse(readFileSync(join(DIST, "data", "default.json"), "utf8"));
  const chart = d.charts.find((c) => c.id === "growth-2019");
  const QUARTERS = ["一", "二", "三", "四"];
  const period = (p) => (p.quarter ? `${p.year}年${QUARTERS[p.quarter - 1]}季度` : `${p.year}年`);
  const figures = d.figures
    .filter((f) => f.chart === "growth-2019")
    .map((f) => {
      if (f.unit !== "percent") throw new Error(`growth-2019: unexpected unit ${f.unit}`);
      return {
        label: f.label.zh,
        // The axis shows the full label unless it is long (ours shortens it the same way).
        axisLabel: [...f.label.zh].length > 12 && f.short ? f.short.zh : f.label.zh,
        value: f.value,
        valueText: `${f.value}%`,
        period: period(f.period),
      };
    });
  return { title: chart.title.zh, source: `来源：${d.source.title.zh}`, figures };
}

function dataScript(g, height) {
  return `// Generated by bench/run.mjs from dist/data/default.json (figures of chart "growth-2019").
window.GROWTH_2019 = ${JSON.stringify({ ...g, width: 640, height })};
`;
}

function describeMachine(chromiumVersion) {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  const osRelease = existsSync("/etc/os-release")
    ? /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1]
    : os.type();
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
  } catch {}
  return {
    nproc,
    cpuModel: model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${osRelease}, Linux ${os.release()}`,
    chromium: chromiumVersion,
    node: process.version,
  };
}

function describeBuild() {
  const sha = (p) => createHash("sha256").update(readFileSync(p)).digest("hex").slice(0, 16);
  let commit = null;
  let dirty = null;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "www", "Cargo.toml", "Cargo.lock"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim() !== "";
  } catch {}
  return {
    commit,
    uncommittedSourceChanges: dirty,
    wasmSha256: sha(join(DIST, "pkg", "park_infographic_bg.wasm")),
    embedJsSha256: sha(join(DIST, "embed.js")),
  };
}
