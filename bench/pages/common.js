// Timing helpers shared by the benchmark pages (a classic script: the pages run under the
// same strict Content-Security-Policy as a news page, so nothing is inline).
//
// "Painted" means: the frame that shows the change has been produced. A task posted from a
// requestAnimationFrame callback runs after that frame's style, layout and paint, so
//   t(rAF)     = "ready/handler + next rAF"
//   t(painted) = the same frame, after its rendering update.
"use strict";
(() => {
  const now = () => performance.now();

  /** Resolves with {tRaf, tPainted} of the next frame, in a task of its own after it. */
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
   * Main-thread work caused by `act` (which dispatches an input event), started in a task
   * right after a frame: the synchronous dispatch, the animation-frame callbacks that ran
   * before ours in the next frame (where a library that defers its handler to rAF, as
   * Chart.js does, or coalesces moves to one update per frame, does its work), and that
   * frame's style, layout and paint (`work`, the sum). The idle wait for vsync is left out.
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
    const [handler, rafCallbacks, frame] = [t1 - t0, tRaf - tPre, tPainted - tRaf];
    return { work: handler + rafCallbacks + frame, handler, rafCallbacks, frame };
  }

  /**
   * A mouse moving to `point` ({clientX, clientY}), as the browser delivers it: pointermove
   * then mousemove, dispatched on the element under the point (inside open shadow roots).
   * One hit test, as the browser's: in `root`, the shadow root the point is in where the
   * caller knows it (document.elementFromPoint stops at a shadow host, and a second one
   * inside would be the benchmark's cost, not the page's).
   */
  function pointerMove(point, root = document) {
    let target = root.elementFromPoint(point.clientX, point.clientY);
    while (target?.shadowRoot) {
      const inner = target.shadowRoot.elementFromPoint(point.clientX, point.clientY);
      if (!inner || inner === target) break;
      target = inner;
    }
    const init = { ...point, bubbles: true, cancelable: true, composed: true };
    target.dispatchEvent(new PointerEvent("pointermove", { ...init, pointerType: "mouse", pointerId: 1, isPrimary: true }));
    target.dispatchEvent(new MouseEvent("mousemove", init));
  }

  /** The method's floor: the same measurement of a pointer move nothing listens to. */
  async function floor(n) {
    const out = [];
    for (let j = 0; j < n; j++) {
      out.push(await measureInteraction(() => document.body.dispatchEvent(new PointerEvent("pointermove", { bubbles: true }))));
    }
    return out;
  }

  /** Records the first-chart moment (`eventName` on document, then the next frame), or
   *  the widget's error, in window.__ttfc, and says so on the console (bench/run.mjs waits
   *  for that message: it runs nothing in the page). */
  function captureFirstChart(eventName) {
    window.__ttfc = null;
    document.addEventListener(
      eventName,
      () => {
        const ready = now();
        painted().then(({ tRaf }) => done({ ready, raf: tRaf }));
      },
      { once: true, capture: true },
    );
    document.addEventListener("infographic:error", (e) => done({ error: e.detail?.message ?? "error" }), { once: true });
  }

  function done(result) {
    window.__ttfc = result;
    console.log("bench:first-chart");
  }

  /** What the page fetched (path, request start, response end). */
  function resources() {
    return performance.getEntriesByType("resource").map((r) => ({
      url: new URL(r.name).pathname,
      startTime: r.startTime,
      responseEnd: r.responseEnd,
    }));
  }

  /** JS heap after a full GC (needs --js-flags=--expose-gc and --enable-precise-memory-info). */
  function heap() {
    if (typeof gc === "function") {
      gc();
      gc();
    }
    return performance.memory ? performance.memory.usedJSHeapSize : null;
  }

  window.benchLib = { now, painted, measureInteraction, pointerMove, floor, captureFirstChart, resources, heap };
})();
