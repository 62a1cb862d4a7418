//# allFunctionsCalledOnLoad
// (Chromium compiles this file's functions as it loads: the benchmark's own first calls
// would otherwise compile them inside the frames it measures.)
// Instrumentation of scroll.html: chart="all" is inserted on the loaded page (as a page
// inserts a widget), then the reader scrolls through it to
// the end of the page, one step at a time; each step waits until every chart figure in the
// viewport shows its canvas. Then (traced apart) the widget is narrowed to a phone's
// width until every chart is drawn again. Checks run in each frame's animation-frame
// callback, before its style and layout: the layout and style they read are the ones the
// frame does anyway, so they move no work between tasks and add only their own small cost.
// Whether every canvas has pixels is read once the trace has ended (`drawnCharts`): reading a canvas
// back mid-run would put work into the measured frames that a reader's page never does.
// run.mjs reads the task lengths from a performance trace.
"use strict";
(() => {
  const MAX_FRAMES_PER_STEP = 3000; // a guard against a page that never draws, not a timing

  // The browser's own long-task report, as a cross-check of the trace.
  const longTasks = [];
  let insertedAt = Infinity; // the page's own load is not the widget's
  try {
    new PerformanceObserver((list) =>
      longTasks.push(...list.getEntries().filter((e) => e.startTime >= insertedAt).map((e) => e.duration)),
    ).observe({
      type: "longtask",
      buffered: true,
    });
  } catch {
    // Not every engine has longtask entries; the trace is the measurement.
  }
  let error = null;
  document.addEventListener("infographic:error", (e) => (error = e.detail?.message ?? "infographic:error"));

  const shown = new Set(); // charts seen on the screen, by their figure
  const figures = () => [...(document.querySelector("park-infographic").shadowRoot?.querySelectorAll("figure") ?? [])];
  const canvasOf = (figure) => figure.querySelector("canvas");
  // Shown: the widget may keep a drawn canvas hidden for a frame or two (embed.js, Reveal).
  const isShown = (figure) => {
    const canvas = canvasOf(figure);
    if (canvas?.width && getComputedStyle(canvas).visibility === "visible") shown.add(figure);
    return shown.has(figure);
  };
  const inView = (node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  };
  // The widget's place, even while it has no height yet (its placeholders not yet sized).
  const widgetInView = () => {
    const r = document.querySelector("park-infographic").getBoundingClientRect();
    return r.bottom >= 0 && r.top < innerHeight;
  };

  let longestCheckMs = 0; // reported next to the widget's tasks (includes the layout it reads)

  /** `done()` in the next frame's animation-frame callback. */
  const inNextFrame = (done) =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const t0 = performance.now();
        ok(done());
        longestCheckMs = Math.max(longestCheckMs, performance.now() - t0);
      }),
    );

  /** Frames until `done()` holds. */
  async function until(done, what) {
    for (let frames = 1; frames <= MAX_FRAMES_PER_STEP; frames++) {
      const ok = await inNextFrame(done);
      if (error) throw new Error(`the widget failed: ${error}`);
      if (ok) return frames;
    }
    // What each chart figure showed, for whoever has to find out why.
    const state = figures().map((f) => {
      const canvas = canvasOf(f);
      const r = f.getBoundingClientRect();
      return `${shown.has(f) ? "seen" : "unseen"} ${canvas ? getComputedStyle(canvas).visibility : "no canvas"} ${Math.round(r.top)}…${Math.round(r.bottom)}`;
    });
    throw new Error(`${what}: not shown after ${MAX_FRAMES_PER_STEP} frames (scrollY ${scrollY}; ${state.join(", ")})`);
  }

  /** Scrolls from the top to the end in steps of 3/4 of the viewport; `charts`: how many
   *  charts chart="all" shows (from the dataset), all of which must be shown at the end. */
  async function scrollThrough({ charts }) {
    const widget = document.createElement("park-infographic");
    for (const [name, value] of Object.entries({ chart: "all", lang: "zh", theme: "light" })) widget.setAttribute(name, value);
    insertedAt = performance.now();
    document.getElementById("slot").replaceWith(widget);
    const steps = [];
    for (let y = 0; ; y += Math.round(innerHeight * 0.75)) {
      // The page is at the top when loaded. (Scrolling, and reading scrollY, bring the
      // layout up to date at once: not in the task that inserts the widget.)
      if (y > 0) scrollTo(0, y);
      const inViewShown = () => {
        const visible = figures().filter(inView);
        return (visible.length > 0 || !widgetInView()) && visible.every(isShown);
      };
      const frames = await until(inViewShown, `charts in view at scrollY ${y}`);
      steps.push({ scrollY, frames, shown: figures().filter(isShown).length });
      if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) break;
    }
    await until(() => figures().filter(isShown).length >= charts, `all ${charts} charts`);
    return { steps, shown: figures().filter(isShown).length, longTasks, longestCheckMs };
  }

  /**
   * The widget narrowed to `width` CSS px (a phone turned, a column reflowed), at the end of
   * the page; resolves once every chart's canvas has been drawn again at that width (its
   * backing store's width is read: no style or layout). Returns the frames that took.
   */
  async function narrow({ width }) {
    const widget = document.querySelector("park-infographic");
    const canvases = [...widget.shadowRoot.querySelectorAll("canvas")];
    widget.style.width = `${width}px`;
    const target = Math.round(width * devicePixelRatio);
    return until(() => canvases.every((c) => c.width === target), `every chart redrawn at ${width} px`);
  }

  /**
   * How many chart figures have a canvas with ink on it (after the run, untraced): a
   * reduced copy of each canvas is read (any ink in a 4 × 4 block shows in its pixel).
   */
  function drawnCharts() {
    const copy = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    return figures().filter((figure) => {
      const canvas = canvasOf(figure);
      if (!canvas?.width || !canvas.height) return false;
      const [w, h] = [Math.ceil(canvas.width / 4), Math.ceil(canvas.height / 4)];
      copy.canvas.width = w;
      copy.canvas.height = h;
      copy.drawImage(canvas, 0, 0, w, h);
      return new Uint32Array(copy.getImageData(0, 0, w, h).data.buffer).some((p) => p !== 0);
    }).length;
  }

  window.bench = { scrollThrough, narrow, drawnCharts };
})();
