// Instrumentation of chartjs.html (not part of the host code counted in the size table).
// Bars are located from Chart.js's own elements (getDatasetMeta(0).data[i]).
"use strict";
(() => {
  const { measureInteraction, pointerMove } = window.benchLib;
  benchLib.captureFirstChart("bench:ready");

  const chart = () => Chart.getChart(document.querySelector("#chart-box canvas"));

  function pointFor(i) {
    const c = chart();
    const { x, y } = c.getDatasetMeta(0).data[i].getCenterPoint();
    const r = c.canvas.getBoundingClientRect();
    return { clientX: r.left + x, clientY: r.top + y };
  }

  function info() {
    const c = chart();
    return { count: c.getDatasetMeta(0).data.length, width: c.width, height: c.height, version: Chart.version };
  }

  /** n mouse moves across the bars (Chart.js handles mousemove in its next animation frame
   *  and redraws the canvas with the tooltip); `wrong` counts moves whose bar is not active. */
  async function hover({ n }) {
    const c = chart();
    const count = c.getDatasetMeta(0).data.length;
    const points = Array.from({ length: count }, (_, i) => pointFor(i));
    const samples = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const i = j % count;
      samples.push(await measureInteraction(() => pointerMove(points[i])));
      const active = c.tooltip.getActiveElements();
      if (active.length !== 1 || active[0].index !== i || !c.tooltip.opacity) wrong++;
    }
    return { samples, wrong, floor: await benchLib.floor(Math.min(n, 50)) };
  }

  /** Where each bar's centre is, in client coordinates. */
  function points() {
    return Array.from({ length: chart().getDatasetMeta(0).data.length }, (_, i) => pointFor(i));
  }

  window.bench = { info, hover, points };
})();
