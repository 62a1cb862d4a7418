// Instrumentation of ours.html (not part of what a reader downloads for the widget).
// Marks are located with the wasm module's own layout (markHitBox), never fixed pixels.
"use strict";
(() => {
  const { now, painted, measureInteraction, heap } = window.benchLib;
  benchLib.captureFirstChart("infographic:ready");

  const LANG = "zh";
  const THEME = "light";
  let modulePromise = null;

  /** The same module instance embed.js uses (same URL) and its exports (memory). */
  function module() {
    modulePromise ??= (async () => {
      const m = await import(new URL("../pkg/park_infographic.js", document.baseURI).href);
      const wasm = await m.default(); // already initialised by embed.js: returns its exports
      return { m, wasm };
    })();
    return modulePromise;
  }

  const widget = () => document.querySelector("park-infographic");
  const stage = () => widget().shadowRoot.querySelector(".stage");

  /** A separate handle laid out like the widget's chart: where its marks are. */
  async function marks() {
    const { m } = await module();
    const w = widget();
    const data = m.Data.builtin();
    const chart = new m.Chart(data, w.getAttribute("chart"), LANG, THEME);
    chart.render(document.createElement("canvas"), stage().clientWidth, window.devicePixelRatio || 1);
    const count = chart.markCount;
    const boxes = [];
    const ids = [];
    for (let i = 0; i < count; i++) {
      boxes.push(Array.from(chart.markHitBox(i)));
      ids.push(chart.describe(i).id);
    }
    const widthCss = chart.widthCss;
    const heightCss = chart.heightCss;
    chart.free();
    data.free();
    return { count, boxes, ids, widthCss, heightCss };
  }

  /** Client coordinates of the centre of mark i's hit box on the widget's canvas. */
  function pointFor(box, widthCss) {
    const canvas = stage().querySelector("canvas.base");
    const r = canvas.getBoundingClientRect();
    const k = r.width / widthCss;
    const [x, y, w, h] = box;
    return { clientX: r.left + (x + w / 2) * k, clientY: r.top + (y + h / 2) * k };
  }

  function pointerMove(point) {
    return new PointerEvent("pointermove", {
      ...point,
      pointerType: "mouse",
      pointerId: 1,
      isPrimary: true,
      bubbles: true,
      composed: true,
    });
  }

  async function info() {
    const { wasm } = await module();
    const m = await marks();
    return { ...m, wasmMemory: wasm.memory.buffer.byteLength, env: benchLib.environment() };
  }

  /** n pointer moves across the marks, each timed to the painted frame. */
  async function hover({ n = 200, floor = true } = {}) {
    const { count, boxes, ids, widthCss } = await marks();
    const w = widget();
    const tooltip = stage().querySelector(".tooltip");
    let last;
    const onHover = (e) => {
      last = e.detail ? e.detail.id : null;
    };
    w.addEventListener("infographic:hover", onHover);
    const samples = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const i = j % count; // consecutive moves always change the mark
      const ev = pointerMove(pointFor(boxes[i], widthCss));
      last = undefined;
      samples.push(await measureInteraction(() => stage().dispatchEvent(ev)));
      if (last !== ids[i] || tooltip.hidden) wrong++;
    }
    w.removeEventListener("infographic:hover", onHover);
    stage().dispatchEvent(new PointerEvent("pointerleave", { pointerType: "mouse" }));
    return { count, wrong, samples, floor: floor ? await benchLib.floor(Math.min(n, 50)) : [] };
  }

  /** The wasm hover path alone: hitTest + highlight (overlay canvas) + describe. */
  async function wasmHover({ n = 200 } = {}) {
    const { m } = await module();
    const data = m.Data.builtin();
    const chart = new m.Chart(data, widget().getAttribute("chart"), LANG, THEME);
    const canvas = document.createElement("canvas");
    const overlay = document.createElement("canvas");
    document.getElementById("scratch").append(canvas, overlay);
    chart.render(canvas, stage().clientWidth, window.devicePixelRatio || 1);
    overlay.width = canvas.width;
    overlay.height = canvas.height;
    const count = chart.markCount;
    const centres = [];
    for (let i = 0; i < count; i++) {
      const [x, y, w, h] = chart.markHitBox(i);
      centres.push([x + w / 2, y + h / 2]);
    }
    const samples = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const i = j % count;
      const t0 = now();
      const hit = chart.hitTest(centres[i][0], centres[i][1]);
      chart.highlight(overlay, hit);
      const d = chart.describe(hit);
      samples.push(now() - t0);
      if (hit !== i || !d) wrong++;
    }
    // The same loop untimed per call, for a mean free of timer granularity.
    const t0 = now();
    for (let j = 0; j < n; j++) {
      const i = j % count;
      const hit = chart.hitTest(centres[i][0], centres[i][1]);
      chart.highlight(overlay, hit);
      chart.describe(hit);
    }
    const meanBatch = (now() - t0) / n;
    chart.free();
    data.free();
    canvas.remove();
    overlay.remove();
    return { count, wrong, samples, meanBatch };
  }

  /**
   * Width changes 360 ↔ 960 px. `direct`: chart.render(canvas, w, dpr) on a handle (layout
   * + draw, no DOM layout). `e2e`: the widget's container width set → the widget's
   * ResizeObserver re-renders → frame painted with the new width.
   */
  async function resize({ n = 40, widths = [360, 960] } = {}) {
    const { m } = await module();
    const dpr = window.devicePixelRatio || 1;
    const data = m.Data.builtin();
    const chart = new m.Chart(data, widget().getAttribute("chart"), LANG, THEME);
    const canvas = document.createElement("canvas");
    document.getElementById("scratch").append(canvas);
    chart.render(canvas, 640, dpr);
    const direct = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      await painted();
      const t0 = now();
      chart.render(canvas, widths[j % 2], dpr);
      direct.push(now() - t0);
      if (chart.widthCss !== widths[j % 2]) wrong++;
    }
    chart.free();
    data.free();
    canvas.remove();

    const box = document.getElementById("box");
    const base = stage().querySelector("canvas.base");
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
      } while (base.style.width !== `${w}px` && frames < 10);
      if (base.style.width !== `${w}px`) wrong++;
      e2e.push({ toPainted: t.tPainted - t0, frames });
    }
    box.style.width = "";
    do await painted();
    while (base.style.width !== "640px");
    return { direct, e2e, wrong };
  }

  /** Wasm linear memory and JS heap after load, after 500 and after 1000 hovers. */
  async function memory({ hovers = 500 } = {}) {
    const { wasm } = await module();
    const { count, boxes, widthCss } = await marks();
    const points = boxes.map((b) => pointFor(b, widthCss));
    const read = () => ({ wasmMemory: wasm.memory.buffer.byteLength, jsHeap: heap() });
    const afterLoad = read();
    const move = async (k) => {
      for (let j = 0; j < k; j++) {
        stage().dispatchEvent(pointerMove(points[j % count]));
        await painted();
      }
    };
    await move(hovers);
    const afterHovers = read();
    await move(hovers);
    const afterTwice = read();
    stage().dispatchEvent(new PointerEvent("pointerleave", { pointerType: "mouse" }));
    return { hovers, afterLoad, afterHovers, afterTwice };
  }

  window.bench = { info, hover, wasmHover, resize, memory };
})();
