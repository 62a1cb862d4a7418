// A profile from a Chromium performance trace: main-thread self time by event, grouped
// the way DevTools' Performance panel groups it (scripting, style, layout, paint, GC…).
// Used for the "what dominates" notes; the timings themselves are measured untraced.

export const TRACE_CATEGORIES = [
  "toplevel",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "v8.execute",
  "v8.wasm",
  "blink.user_timing",
];

const GROUPS = [
  ["wasm compile", /^(v8\.wasm\.|wasm\.)/],
  ["style", /^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet|InvalidateLayout)$/],
  ["layout", /^(Layout|UpdateLayout|IntersectionObserverController::computeIntersections|ResizeObserverController::)/],
  ["paint", /^(Paint|PaintImage|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintSetup|RasterTask|Decode|Canvas)/],
  ["gc", /(GC|Scavenge|MarkCompact|Sweep|BlinkGC|[Hh]eap)/],
  ["js compile", /^(v8\.compile|V8\.Compile|v8\.parseOnBackground|V8\.Parse|v8\.deserialize|CompileCode|CompileScript|EvaluateScript\.compile)/],
  ["html parse", /^(ParseHTML|HTMLDocumentParser)/],
  [
    "scripting",
    /^(FunctionCall|EvaluateScript|v8\.run|v8\.callFunction|V8\.Execute|v8\.evaluateModule|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|v8\.callModuleMethod|FireIdleCallback|XHRReadyStateChange|v8\.newInstance|ResizeObserver|v8\.produceModuleCache)/,
  ],
];

function groupOf(name) {
  for (const [g, re] of GROUPS) if (re.test(name)) return g;
  return "other";
}

/**
 * trace: the JSON Chromium writes ({traceEvents}). Returns self time per event name and
 * group on the busiest renderer main thread, in ms, over the traced window.
 */
export function analyse(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || (e.ph !== "X" && e.ph !== "B" && e.ph !== "E")) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  // The page's renderer: the main thread with the most traced time.
  let best = null;
  let bestBusy = -1;
  for (const [key, list] of byThread) {
    const busy = list.filter((e) => e.ph === "X").reduce((a, e) => a + (e.dur ?? 0), 0);
    if (busy > bestBusy) {
      best = key;
      bestBusy = busy;
    }
  }
  if (!best) return null;

  // B/E pairs → complete events; then self time with a stack (events nest on one thread).
  const complete = [];
  const open = [];
  for (const e of byThread.get(best).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === "X") complete.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === "B") open.push(e);
    else if (e.ph === "E") {
      const b = open.pop();
      if (b) complete.push({ name: b.name, ts: b.ts, end: e.ts });
    }
  }
  complete.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map();
  const stack = [];
  let top = 0; // time covered by top-level events
  const add = (name, us) => self.set(name, (self.get(name) ?? 0) + us);
  for (const e of complete) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const dur = e.end - e.ts;
    if (parent) add(parent.name, -Math.min(dur, parent.end - e.ts));
    else top += dur;
    add(e.name, dur);
    stack.push(e);
  }
  const names = [...self.entries()]
    .map(([name, us]) => ({ name, group: groupOf(name), ms: us / 1000 }))
    .filter((x) => x.ms > 0.001)
    .sort((a, b) => b.ms - a.ms);
  const groups = {};
  for (const x of names) groups[x.group] = (groups[x.group] ?? 0) + x.ms;
  // Top-level task bookkeeping (RunTask and the like) with no finer event is "other".
  return {
    busyMs: round(top / 1000),
    groups: Object.fromEntries(Object.entries(groups).map(([g, v]) => [g, round(v)]).sort((a, b) => b[1] - a[1])),
    top: names.slice(0, 15).map((x) => ({ ...x, ms: round(x.ms) })),
  };
}

const round = (x) => Math.round(x * 100) / 100;

/**
 * Self time from a V8 CPU profile (CDP Profiler), by where the code comes from: our wasm,
 * embed.js, the wasm-bindgen glue, Chart.js, the host code, the benchmark, GC, and
 * "(program)" (the browser's own work: style, layout, paint, tasks).
 */
export function bySource(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = {};
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const n = nodes.get(samples[i]);
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    const key = sourceOf(n.callFrame);
    out[key] = (out[key] ?? 0) + dt;
  }
  delete out.idle;
  // Calls into the browser (DOM, canvas) are counted per function; the small ones together.
  let natives = 0;
  for (const [k, v] of Object.entries(out)) {
    if (k.startsWith("native: ") && v < 2) {
      natives += v;
      delete out[k];
    }
  }
  if (natives > 0) out["native: other calls"] = natives;
  return Object.fromEntries(
    Object.entries(out)
      .filter(([, v]) => v > 0.05)
      .map(([k, v]) => [k, round(v)])
      .sort((a, b) => b[1] - a[1]),
  );
}

function sourceOf({ functionName, url }) {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "gc";
  if (functionName === "(program)" || functionName === "(root)") return "browser (style, layout, paint, tasks)";
  if (url.startsWith("wasm://") || /\.wasm$/.test(url)) return "our wasm";
  if (/\/embed\.js$/.test(url)) return "embed.js";
  if (/park_infographic\.js$/.test(url)) return "wasm-bindgen glue";
  if (/heights\.js$/.test(url)) return "heights.js";
  if (/chart\.umd\.min\.js$/.test(url)) return "Chart.js";
  if (/\/bench\/chartjs(-data)?\.js$/.test(url)) return "Chart.js host code";
  if (/\/bench\//.test(url)) return "benchmark instrumentation";
  if (!url) return `native: ${functionName || "(anonymous)"}`;
  return "other scripts";
}
