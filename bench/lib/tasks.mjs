// Main-thread tasks from a Chromium performance trace, counted the way DevTools and
// Lighthouse count them: every top-level "RunTask" on the page's renderer main thread,
// blocking for the part of it beyond 50 ms. (The "toplevel" category's
// ThreadControllerImpl::RunTask misses some tasks, e.g. a microtask checkpoint that draws.)

export const TASK_CATEGORIES = ["disabled-by-default-devtools.timeline"];
export const LONG_TASK_MS = 50;

/** trace: Chromium's JSON ({traceEvents}) → durations in ms of the top-level tasks, in order. */
export function mainThreadTasks(trace) {
  const events = trace.traceEvents ?? trace;
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
    out.push(e.dur / 1000);
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
