// Main-thread tasks from a Chromium performance trace, counted the way DevTools and
// Lighthouse count them: every top-level "RunTask" on the page's renderer main thread,
// blocking for the part of it beyond 50 ms. (The "toplevel" category's
// ThreadControllerImpl::RunTask misses some tasks, e.g. a microtask checkpoint that draws.)

export const TASK_CATEGORIES = ["disabled-by-default-devtools.timeline"];
export const LONG_TASK_MS = 50;

// What a task's time went to, by the trace events inside it (nested events of one kind are
// counted once, by their outermost event): the page's scripts (ours, JS and wasm), the
// frame's rendering (style, layout, paint, and the commit that hands the frame, canvases
// included, to the compositor), loading the page (parsing HTML, creating its JS context).
const KINDS = {
  script: ["FunctionCall", "EvaluateScript", "v8.evaluateModule", "RunYieldContinuation", "TimerFire", "FireAnimationFrame", "v8.callFunction", "v8.run"],
  rendering: ["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "UpdateLayer"],
  "page load": ["ParseHTML", "LocalWindowProxy::Initialize", "HTMLDocumentParser::MaybeFetchQueuedPreloads"],
};

/**
 * trace → the top-level tasks over 50 ms with what their time went to:
 * [{ms, kinds: {script, rendering, "page load", other}}] (ms per kind).
 */
export function longTaskKinds(trace) {
  const events = trace.traceEvents ?? trace;
  const tasks = topLevelTasks(events).filter((t) => t.dur / 1000 > LONG_TASK_MS);
  const thread = tasks[0] ? `${tasks[0].pid}:${tasks[0].tid}` : "";
  const inside = events
    .filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === thread && e.name !== "RunTask")
    .sort((a, b) => a.ts - b.ts);
  return tasks.map((t) => {
    const kinds = {};
    for (const [kind, names] of Object.entries(KINDS)) {
      let us = 0;
      let end = -Infinity;
      for (const e of inside) {
        if (e.ts < t.ts || e.ts + e.dur > t.ts + t.dur || !names.includes(e.name) || e.ts < end) continue;
        us += e.dur;
        end = e.ts + e.dur;
      }
      kinds[kind] = Math.round(us / 100) / 10;
    }
    // Compiling (JS and wasm), garbage collection, tasks of the browser's own.
    const ms = Math.round(t.dur / 100) / 10;
    kinds.other = Math.max(0, Math.round((ms - Object.values(kinds).reduce((a, b) => a + b, 0)) * 10) / 10);
    return { ms, kinds };
  });
}

/** trace: Chromium's JSON ({traceEvents}) → durations in ms of the top-level tasks, in order. */
export function mainThreadTasks(trace) {
  return topLevelTasks(trace.traceEvents ?? trace).map((e) => e.dur / 1000);
}

/** The page's renderer main thread's top-level RunTask events, in order. */
function topLevelTasks(events) {
  const mains = new Set(
    events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== "X" || e.name !== "RunTask" || !mains.has(key)) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  // The page's renderer: the busiest renderer main thread in the trace.
  let busiest = [];
  let busiestUs = -1;
  for (const list of byThread.values()) {
    const us = list.reduce((a, e) => a + e.dur, 0);
    if (us > busiestUs) [busiest, busiestUs] = [list, us];
  }
  // Nested task events (a task run inside another) belong to their outer task.
  const out = [];
  let end = -Infinity;
  for (const e of busiest.sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + e.dur;
  }
  return out;
}

/** Longest task, total blocking time and the number of tasks over 50 ms. */
export function blocking(tasksMs) {
  const long = tasksMs.filter((d) => d > LONG_TASK_MS);
  return {
    tasks: tasksMs.length,
    longestMs: Math.max(0, ...tasksMs),
    totalBlockingMs: long.reduce((a, d) => a + d - LONG_TASK_MS, 0),
    over50: long.length,
  };
}
