// Timing helpers shared by the benchmark pages (a classic script: the pages run under the
// same strict Content-Security-Policy as a news page, so nothing is inline).
//
// "Painted" means: the frame that shows the change has been produced. A task posted from a
// requestAnimationFrame callback runs after that frame's style, layout and paint, so
//   t(rAF)     = the brief's rule "ready/handler + next rAF"
//   t(painted) = the same frame, after its rendering update.
// Both include the wait for the next vsync (up to 16.7 ms at 60 Hz), which no library
// can avoid; `work` (see measureInteraction) leaves that idle wait out.
"use strict";
(() => {
  const now = () => performance.now();

  /** Resolves with {tRaf, tPainted} of the next frame. */
  function painted() {
    return new Promise((ok) =>
      requestAnimationFrame(() => {
        const tRaf = now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => ok({ tRaf, tPainted: now() });
        ch.port2.postMessage(0);
      }),
    );
  }

  /**
   * Times `act` (which dispatches an input event) from a task right after a frame:
   *   handler  – the synchronous dispatch (listeners that do their work at once)
   *   toRaf    – dispatch → next rAF callback (registered after the dispatch)
   *   toPainted– dispatch → after that frame's rendering update
   *   work     – busy main-thread time between the event and the painted frame, without
   *              the idle wait for vsync: the dispatch, the rAF callbacks that ran before
   *              ours in that frame (a library that defers its handler to rAF, as
   *              Chart.js does), and the frame's style/layout/paint.
   */
  async function measureInteraction(act) {
    await painted();
    let tPre = NaN;
    requestAnimationFrame(() => {
      tPre = now();
    });
    const t0 = now();
    act();
    const t1 = now();
    const { tRaf, tPainted } = await painted();
    return {
      handler: t1 - t0,
      rafCallbacks: tRaf - tPre,
      frame: tPainted - tRaf,
      toRaf: tRaf - t0,
      toPainted: tPainted - t0,
      work: t1 - t0 + (tRaf - tPre) + (tPainted - tRaf),
    };
  }

  /** The method's floor: the same measurement of a pointer move nothing listens to. */
  async function floor(n) {
    const out = [];
    for (let j = 0; j < n; j++) {
      out.push(await measureInteraction(() => document.body.dispatchEvent(new PointerEvent("pointermove", { bubbles: true }))));
    }
    return out;
  }

  /** Records the first-chart moment: `eventName` on document, then the next frame. */
  function captureFirstChart(eventName) {
    window.__ttfc = null;
    document.addEventListener(
      eventName,
      () => {
        const ready = now();
        painted().then(({ tRaf, tPainted }) => {
          window.__ttfc = { ready, raf: tRaf, painted: tPainted };
        });
      },
      { once: true, capture: true },
    );
  }

  /** What the page fetched, for checking the size table covers it. */
  function resources() {
    return performance.getEntriesByType("resource").map((r) => ({
      url: new URL(r.name).pathname,
      startTime: r.startTime,
      responseEnd: r.responseEnd,
      encodedBodySize: r.encodedBodySize,
    }));
  }

  function paints() {
    return Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
  }

  /** The smallest step performance.now() takes here (5 µs when cross-origin isolated). */
  function timerResolution() {
    let best = Infinity;
    for (let i = 0; i < 200; i++) {
      const a = now();
      let b = now();
      while (b === a) b = now();
      best = Math.min(best, b - a);
    }
    return best;
  }

  /** JS heap after a full GC (needs --js-flags=--expose-gc and --enable-precise-memory-info). */
  function heap() {
    if (typeof gc === "function") {
      gc();
      gc();
    }
    return performance.memory ? performance.memory.usedJSHeapSize : null;
  }

  function environment() {
    return {
      crossOriginIsolated: window.crossOriginIsolated,
      timerResolutionMs: timerResolution(),
      devicePixelRatio: window.devicePixelRatio,
      viewport: [innerWidth, innerHeight],
      userAgent: navigator.userAgent,
      gc: typeof gc === "function",
    };
  }

  window.benchLib = { now, painted, measureInteraction, floor, captureFirstChart, resources, paints, heap, environment };
})();
