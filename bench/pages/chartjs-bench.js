// Instrumentation of chartjs.html (not part of the host code counted in the size table).
// Bars are located from Chart.js's own elements (getDatasetMeta(0).data[i]).
"use strict";
(() => {
  const { now, painted, measureInteraction, heap } = window.benchLib;
  benchLib.captureFirstChart("bench:ready");

  const chart = () => Chart.getChart(document.querySelector("#chart-box canvas"));

  function pointFor(i) {
    const c = chart();
    const { x, y } = c.getDatasetMeta(0).data[i].getCenterPoint();
    const r = c.canvas.getBoundingClientRect();
    return { clientX: r.left + x, clientY: r.top + y };
  }

  const mouseMove = (point) => new MouseEvent("mousemove", { ...point, bubbles: true, cancelable: true });

  function info() {
    const c = chart();
    return {
      count: c.getDatasetMeta(0).data.length,
      width: c.width,
      height: c.height,
      version: Chart.version,
      env: benchLib.environment(),
    };
  }

  /** n mouse moves across the bars, each timed to the painted frame (Chart.js handles
   *  mousemove in its next requestAnimationFrame, then redraws the canvas with the tooltip). */
  async function hover({ n = 200, floor = true } = {}) {
    const c = chart();
    const count = c.getDatasetMeta(0).data.length;
    const samples = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const i = j % count;
      const ev = mouseMove(pointFor(i));
      samples.push(await measureInteraction(() => c.canvas.dispatchEvent(ev)));
      const active = c.tooltip.getActiveElements();
      if (active.length !== 1 || active[0].index !== i || !c.tooltip.opacity) wrong++;
    }
    c.canvas.dispatchEvent(new MouseEvent("mouseout", { bubbles: true }));
    return { count, wrong, samples, floor: floor ? await benchLib.floor(Math.min(n, 50)) : [] };
  }

  /** `direct`: container width set, then chart.resize() (reads the container, lays out,
   *  redraws); `e2e`: container width set → Chart.js's ResizeObserver → painted frame. */
  async function resize({ n = 40, widths = [360, 960] } = {}) {
    const c = chart();
    const box = document.getElementById("chart-box");
    const start = box.style.width;
    const direct = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const w = widths[j % 2];
      await painted();
      box.style.width = `${w}px`;
      const t0 = now();
      c.resize();
      direct.push(now() - t0);
      if (c.width !== w) wrong++;
    }
    await painted();
    await painted();
    const e2e = [];
    for (let j = 0; j < n; j++) {
      const w = widths[j % 2];
      await painted();
      const t0 = now();
      box.style.width = `${w}px`;
      let frames = 0;
      let t;
      do {
        t = await painted();
        frames++;
      } while (c.width !== w && frames < 10);
      if (c.width !== w) wrong++;
      e2e.push({ toPainted: t.tPainted - t0, frames });
    }
    box.style.width = start;
    do await painted();
    while (c.width !== parseFloat(start));
    return { direct, e2e, wrong };
  }

  async function memory({ hovers = 500 } = {}) {
    const c = chart();
    const count = c.getDatasetMeta(0).data.length;
    const points = Array.from({ length: count }, (_, i) => pointFor(i));
    const afterLoad = { jsHeap: heap() };
    const move = async (k) => {
      for (let j = 0; j < k; j++) {
        c.canvas.dispatchEvent(mouseMove(points[j % count]));
        await painted();
      }
    };
    await move(hovers);
    const afterHovers = { jsHeap: heap() };
    await move(hovers);
    const afterTwice = { jsHeap: heap() };
    c.canvas.dispatchEvent(new MouseEvent("mouseout", { bubbles: true }));
    return { hovers, afterLoad, afterHovers, afterTwice };
  }

  window.bench = { info, hover, resize, memory };
})();
