// The targets' table (a desktop reader's and a phone reader's; printed at the end of every
// run) and bench/results.md, from the results object run.mjs writes to results.json. A run
// of the mobile reader alone (--mobile-only) has only its rows and section.
import { LONG_TASK_MS } from "./tasks.mjs";
import { bytes, kb, KB, mib, ms, spread, table, times } from "./format.mjs";
import { mobileMarkdown, mobileTargets } from "./report-mobile.mjs";

const BUDGET_GZIP_BYTES = 64 * KB;
const TTFC_RATIO = 0.7;
// Hover is a guard, no longer a target: both are far below a frame.
const HOVER_RATIO = 0.75;

/** The rows of the targets' table: measure | ours | Chart.js | ratio | target | met. */
export function targets(r) {
  return [...(r.sizes ? desktopTargets(r) : []), ...(r.mobile ? mobileTargets(r.mobile) : [])];
}

/** The desktop reader's rows (the hover row a guard). */
function desktopTargets(r) {
  const so = r.sizes.ours;
  const sc = r.sizes.chartjs;
  const wasm = so.rows.find((x) => x.name.endsWith(".wasm"));
  const rates = Object.keys(r.ttfc); // "x1", "x4"
  const both = (f) => rates.map(f).join(" / ");
  const hoverRatio = (k) => r.hover.ours[k].work.p95 / r.hover.chartjs[k].work.p95;
  const m = r.memory;
  const s = r.scroll;
  // A row of the long-task target: `t`, the medians and ranges of the runs' traces.
  const longestTask = (what, t) => ({
    measure: `${what}: longest task / total blocking time, median of ${s.runs.length} runs`,
    ours: `${ms(t.longestMs.median)} / ${ms(t.totalBlockingMs.median)} (longest ${ms(t.longestMs.min)}–${ms(t.longestMs.max)})`,
    chartjs: "—",
    ratio: "—",
    target: `no task > ${LONG_TASK_MS} ms`,
    met: t.longestMs.median <= LONG_TASK_MS,
  });
  return [
    {
      measure: "everything one embed downloads, gzip -9",
      ours: `${kb(so.total.gzip)} (wasm ${kb(wasm?.gzip ?? 0)})`,
      chartjs: kb(sc.total.gzip),
      ratio: times(so.total.gzip / sc.total.gzip),
      target: `≤ ${kb(BUDGET_GZIP_BYTES)}`,
      met: so.total.gzip <= BUDGET_GZIP_BYTES,
    },
    {
      measure: `time to first chart, median, CPU ${both((k) => k.slice(1) + "×")}; per-pair ratio median (quartiles)`,
      ours: both((k) => ms(r.ttfc[k].ours.median)),
      chartjs: both((k) => ms(r.ttfc[k].chartjs.median)),
      ratio: both((k) => `${times(r.ttfc[k].ratio.median)} (${spread(r.ttfc[k].ratio, times)})`),
      target: `≤ ${TTFC_RATIO}× at each rate`,
      met: rates.every((k) => r.ttfc[k].ratio.median <= TTFC_RATIO),
    },
    {
      measure: `hover: main-thread work per pointer move, p95, CPU ${both((k) => k.slice(1) + "×")}`,
      ours: both((k) => ms(r.hover.ours[k].work.p95)),
      chartjs: both((k) => ms(r.hover.chartjs[k].work.p95)),
      ratio: both((k) => `${times(hoverRatio(k))} (median ${times(r.hover.ours[k].work.median / r.hover.chartjs[k].work.median)})`),
      target: `guard: ≤ ${HOVER_RATIO}× at each rate`,
      met: rates.every((k) => hoverRatio(k) <= HOVER_RATIO),
    },
    longestTask(`chart="all" scrolled through, CPU ${s.rate}×`, s),
    longestTask(`then narrowed to ${s.narrowWidthCss} px (a phone turned), every chart drawn again`, s.narrowed),
    {
      measure: `wasm memory after load → ${m.hovers} → ${2 * m.hovers} hovers`,
      ours: `${mib(m.afterLoad.wasmMemory)} → ${mib(m.afterHovers.wasmMemory)} → ${mib(m.afterTwice.wasmMemory)}`,
      chartjs: "—",
      ratio: "—",
      target: "flat",
      met: m.afterLoad.wasmMemory === m.afterTwice.wasmMemory,
    },
  ];
}

const HEAD = ["measure", "ours", "Chart.js", "ours ÷ Chart.js", "target", "result"];
const cells = (t) => [t.measure, t.ours, t.chartjs, t.ratio, t.target, t.met ? "met" : "MISSED"];

/** The table for the terminal: one line per row. */
export function textTable(rows) {
  return [HEAD, ...rows.map(cells)].map((c) => c.join(" | ")).join("\n");
}

export function markdown(r) {
  const out = [];
  const p = (...blocks) => out.push(...blocks); // paragraphs and tables, blank-line separated
  header(r, p);
  p("## Targets", table(HEAD, targets(r).map(cells), "llllll"));
  if (r.mobile) mobileMarkdown(r.mobile, p);
  if (r.sizes) for (const section of [sizeSection, firstChartSection, hoverSection, scrollSection, memorySection]) section(r, p);
  return `${out.join("\n\n")}\n`;
}

/** The title, what ran where, and the run's warnings. */
function header(r, p) {
  const commit = r.git.commit ? `commit \`${r.git.commit.slice(0, 12)}\` (${r.git.subject})` : "an unknown commit";
  const charts = r.settings.chartSizeCss
    ? `, Chart.js ${r.settings.chartjsVersion}, both charts ${r.settings.chartSizeCss.join(" × ")} CSS px at device pixel ratio ${r.settings.deviceScaleFactor} (the desktop rows). Server: ${r.settings.server}`
    : ` (the mobile reader alone: \`--mobile-only\`)`;
  p("# Benchmark: `<park-infographic>` side by side with Chart.js");
  if (r.development) {
    p(
      `> **Development run — not for committing.** ${r.quick ? "Quick run (few repetitions). " : ""}${r.mobileOnly ? "The mobile reader alone. " : ""}${r.git.dirty ? `The tree had uncommitted changes: ${r.git.changes.slice(0, 10).map((c) => `\`${c.trim()}\``).join(", ")}${r.git.changes.length > 10 ? ", …" : ""}.` : ""}`,
    );
  }
  p(
    `\`make bench\` (\`node bench/run.mjs\`) on ${commit}, ${r.date.slice(0, 16).replace("T", " ")} UTC: Chromium ${r.machine.chromium} headless with software rendering, ${r.machine.cpuModel} (${r.machine.nproc} cores)${charts}. Load average at the start ${r.machine.loadAverageAtStart.join(", ")}; other processes used ${Math.round(r.machine.otherProcesses.share * 100)} % of the machine's CPU during the run (${r.machine.otherProcesses.wallSeconds} s).`,
  );
  if (r.machine.otherProcesses.share > 0.05) p("> **Warning:** the machine was busy during this run: timings are inflated and noisy.");
  if (r.problems?.length) p(`> **Problems:** ${r.problems.join("; ")}`);
}

/** Transfer sizes of the desktop loads, and what the wasm is made of. */
function sizeSection(r, p) {
  const sizeRows = (side) => [
    ...side.rows.map((x) => [`\`${x.name}\``, bytes(x.raw), bytes(x.gzip), bytes(x.brotli), x.note]),
    ["**total**", `**${bytes(side.total.raw)}**`, `**${bytes(side.total.gzip)}**`, `**${bytes(side.total.brotli)}**`, `**${kb(side.total.gzip)} gzip**`],
  ];
  const head = ["file", "raw", "gzip -9", "brotli 11", ""];
  p(
    "## Transfer size",
    `Every file each page fetched in any of its ${r.sizes.ours.loads} measured loads (resource timing), minus the page's HTML and the benchmark's instrumentation, compressed as a server would (gzip level 9, brotli quality 11). KB = 1024 bytes.`,
    "Ours (the README's snippet with `chart=\"growth-2019\"`):",
    table(head, sizeRows(r.sizes.ours), "lrrrl"),
    "Chart.js (the same chart: `bench/pages/chartjs.js`):",
    table(head, sizeRows(r.sizes.chartjs), "lrrrl"),
  );
  const w = r.sizes.wasm;
  if (w.skipped) p(`No breakdown of the wasm: ${w.skipped}.`);
  else {
    p(
      `What the wasm is made of: \`twiggy top\` on \`${w.source}\` in cargo's target dir, its output before wasm-bindgen and wasm-opt (${bytes(w.totalBytes)}; the shipped module is smaller, so read shares, not bytes). Largest items, and the same summed by crate:`,
      table(["item", "bytes", "share"], w.top.map((x) => [`\`${x.name.replace(/\|/g, "\\|")}\``, bytes(x.bytes), `${x.percent} %`]), "lrr"),
      table(["crate", "bytes", "share"], w.crates.map((x) => [x.crate, bytes(x.bytes), `${x.percent} %`])),
    );
  }
}

/** Time to first chart, per rate, with the floor beside. */
function firstChartSection(r, p) {
  const rates = Object.keys(r.ttfc);
  const rateName = (k) => `CPU ${k.slice(1)}×`;
  const t = r.ttfc;
  p(
    "## Time to first chart",
    `Navigation start → first chart drawn + the next animation frame (ours: \`infographic:ready\`; Chart.js: \`new Chart\` returned, animation off), told to the benchmark by a console message, so that none of the benchmark's code runs in the page while it loads. A fresh browser context per load, ${r.settings.runs.ttfcPairs} pairs per rate, the order within a pair alternating, one warm-up pair discarded.`,
    table(
      ["", ...rates.map(rateName)],
      [
        ["ours, median (quartiles)", ...rates.map((k) => `${ms(t[k].ours.median)} (${spread(t[k].ours, ms)})`)],
        ["Chart.js, median (quartiles)", ...rates.map((k) => `${ms(t[k].chartjs.median)} (${spread(t[k].chartjs, ms)})`)],
        ["**per-pair ratio, median**", ...rates.map((k) => `**${times(t[k].ratio.median)}**`)],
        ["per-pair ratio, quartiles; min–max", ...rates.map((k) => `${spread(t[k].ratio, times)}; ${times(t[k].ratio.min)}–${times(t[k].ratio.max)}`)],
        ["ours' files loaded, nothing drawn (`floor.html`), median", ...rates.map((k) => ms(t[k].floor.median))],
        ["… ÷ Chart.js's chart, per-pair ratio, median (quartiles)", ...rates.map((k) => `${times(t[k].floorRatio.median)} (${spread(t[k].floorRatio, times)})`)],
      ],
    ),
    "The last two rows: `floor.html` is ours' page (`ours.html`) with `bench/pages/floor.js` in place of `embed.js`: it requests the widget's files as `embed.js` does for a widget holding its picture (the glue, the wasm compiled and instantiated, the chart's data file, the stylesheet: the files the snippet's preload lines name), then draws nothing. Loaded next to each pair, in the same run. Its ratio is the lowest any drawing loaded this way could reach; what ours takes beyond it is the drawing.",
    "Requests (median start–end, ms after navigation start, CPU 1×): " +
      ["ours", "chartjs"]
        .map((who) => `${who === "ours" ? "ours" : "Chart.js"} — ${t.x1.requests[who].map((x) => `\`${x.url.slice(1)}\` ${x.start.toFixed(0)}–${x.end.toFixed(0)}`).join(", ")}`)
        .join("; ") +
      ".",
  );
}

/** Main-thread work per pointer move, per rate. */
function hoverSection(r, p) {
  const rates = Object.keys(r.ttfc);
  const rateName = (k) => `CPU ${k.slice(1)}×`;
  const h = r.hover;
  const hrow = (label, f) => [label, ...rates.flatMap((k) => [f(h.ours[k]), f(h.chartjs[k])])];
  p(
    "## Hover",
    `${r.settings.runs.hovers} mouse moves per column${r.settings.hoverBlocks ? ` (both pages open, taking turns: ${r.settings.hoverBlocks} blocks of ${r.settings.runs.hovers / r.settings.hoverBlocks} moves each, the order alternating)` : ""}, each to the centre of the next bar (so every move changes the bar), dispatched as \`pointermove\` + \`mousemove\` on the element under the point (found by one hit test, as the browser's: in the widget's shadow root for ours), each in a task right after a frame. Ours' bars come from the module's layout (\`markBox\`), Chart.js's from its elements; every move is checked (ours: \`infographic:hover\` names the bar's figure; Chart.js: the bar is active). **Work** = the dispatch + the animation-frame callbacks that ran before the benchmark's in the next frame (where Chart.js, or a widget that coalesces moves to one update per frame, does its work) + that frame's style, layout and paint; the idle wait for vsync is left out.`,
    table(
      ["", ...rates.flatMap((k) => [`ours, ${rateName(k)}`, `Chart.js, ${rateName(k)}`])],
      [
        hrow("**work, p95**", (x) => `**${ms(x.work.p95)}**`),
        hrow("work, median (quartiles)", (x) => `${ms(x.work.median)} (${spread(x.work, ms)})`),
        hrow("… dispatch, median", (x) => ms(x.handler.median)),
        hrow("… animation-frame callbacks, median", (x) => ms(x.rafCallbacks.median)),
        hrow("… the frame's rendering, median", (x) => ms(x.frame.median)),
        hrow("a move nothing listens to, median (the method's floor)", (x) => ms(x.floor.median)),
        hrow("moves that did not show their bar", (x) => String(x.wrong)),
      ],
    ),
  );
}

/** chart="all" scrolled through, then narrowed. */
function scrollSection(r, p) {
  const s = r.scroll;
  const longTasks = s.runs.flatMap((x) => [...x.taskKinds, ...x.narrowed.taskKinds]);
  p(
    "## chart=\"all\" scrolled through, then narrowed",
    `\`bench/pages/scroll.html\`: the ${s.charts} charts of \`chart="all"\` inserted between two blocks of article text of a page that has loaded (the snippet's script and preload lines in its head), in a fresh context at CPU ${s.rate}×; traced from the insertion to the end of the page, scrolled by ¾ of the ${r.settings.viewport.height} px viewport per step; each step waits, frame by frame, until every chart figure in view shows its canvas, and the run ends when all ${s.charts} are shown (whether each canvas has ink is read after the trace). Tasks are the top-level tasks of the page's main thread in a performance trace; blocking time is the part of each beyond 50 ms. The browser's own long-task entries (\`PerformanceObserver\`) are listed as a cross-check, and so is the benchmark's own longest check (run in the frame's animation-frame callback; it includes the style and layout it reads, which the frame would do anyway). Then, in a trace of its own, the widget is narrowed to ${s.narrowWidthCss} px, as on a phone turned upright, until every chart's canvas has been drawn again at that width (the same checks, and the pixels read after).`,
    table(
      ["run", "longest task", "total blocking time", "tasks > 50 ms", "long-task entries (ms)", "steps (frames waited)", "longest check by the benchmark", `narrowed to ${s.narrowWidthCss} px: longest task / blocking / tasks > 50 ms`],
      s.runs.map((x, i) => [
        String(i + 1),
        ms(x.longestMs),
        ms(x.totalBlockingMs),
        String(x.over50),
        x.longTasks.join(", ") || "none",
        x.steps.map((st) => st.frames).join(", "),
        ms(x.longestCheckMs),
        `${ms(x.narrowed.longestMs)} / ${ms(x.narrowed.totalBlockingMs)} / ${x.narrowed.over50}`,
      ]),
      "rrrrllrr",
    ),
    "What the tasks over 50 ms spent their time on, in all runs (scrolled and narrowed), each counted under its largest part: the page's scripts (ours: JS and wasm), the frame's rendering (style, layout, paint, and the commit that hands the frame, its canvases included, to the compositor; without a GPU here), loading the page (parsing its HTML, creating its JS context), or other work (compiling JS and wasm, garbage collection, the browser's own tasks).",
    table(
      ["largest part", "tasks", "longest", "of which that part, in the longest"],
      Object.keys(longTasks[0]?.kinds ?? {}).map((kind) => {
        const tasks = longTasks.filter((t) => Object.entries(t.kinds).sort((a, b) => b[1] - a[1])[0][0] === kind);
        const longest = tasks.reduce((a, t) => (t.ms > (a?.ms ?? 0) ? t : a), null);
        return [kind, String(tasks.length), longest ? ms(longest.ms) : "—", longest ? ms(longest.kinds[kind]) : "—"];
      }),
      "lrrr",
    ),
  );
}

/** Wasm memory and JS heap over hovers. */
function memorySection(r, p) {
  const m = r.memory;
  p(
    "## Memory",
    `Ours, CPU 1×: ${m.hovers} mouse moves over the bars twice, one per frame. Wasm linear memory ${bytes(m.afterLoad.wasmMemory)} after load, ${bytes(m.afterHovers.wasmMemory)} after ${m.hovers}, ${bytes(m.afterTwice.wasmMemory)} after ${2 * m.hovers}; JS heap after a full GC ${kb(m.afterLoad.jsHeap)} → ${kb(m.afterHovers.jsHeap)} → ${kb(m.afterTwice.jsHeap)}.`,
  );
}
