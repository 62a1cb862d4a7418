// Instrumentation of ours.html (not part of what a reader downloads). It goes through what
// a page sees: the widget's events, the position of its canvas, and mouse events dispatched
// where a real pointer would land. Marks are located with the module's own layout (a
// separate Chart handle's markBox at the widget's width), never fixed pixels.
"use strict";
(() => {
  const { painted, measureInteraction, pointerMove, heap } = window.benchLib;
  benchLib.captureFirstChart("infographic:ready");

  const widget = () => document.querySelector("park-infographic");
  const canvas = () => widget().shadowRoot.querySelector("canvas");
  // The build's folder (dist/b-<hash>/), found as the tests find it: through the widget's
  // stylesheet link (embed.js names its own build's files).
  const build = () => new URL(".", widget().shadowRoot.querySelector('link[rel="stylesheet"]').href);
  let modulePromise = null;

  /** The module instance embed.js uses (same URL): its layout and its linear memory. */
  function module() {
    modulePromise ??= import(new URL("pkg/park_infographic.js", build()).href).then(async (m) => ({
      m,
      wasm: await m.default(), // already initialised by embed.js: returns its exports
    }));
    return modulePromise;
  }

  /** Where the widget's marks are, in client coordinates, and which figure each shows. */
  async function marks() {
    const { m } = await module();
    const w = widget();
    const rect = canvas().getBoundingClientRect();
    // The file the widget read (its data-src, or its chart's), so the instrumentation adds
    // no download.
    const src = w.getAttribute("data-src");
    const file = src ? new URL(src, document.baseURI) : new URL(`data/${w.getAttribute("chart")}.bin`, build());
    const data = m.Data.fromBytes(new Uint8Array(await (await fetch(file)).arrayBuffer()));
    const chart = new m.Chart(data, w.getAttribute("chart"), w.getAttribute("lang") ?? "zh", w.getAttribute("theme") ?? "light");
    try {
      chart.layOut(rect.width, window.devicePixelRatio || 1);
      const k = rect.width / chart.widthCss; // 1 unless the widget is narrower than its layout
      const points = [];
      const ids = [];
      for (let i = 0; i < chart.markCount; i++) {
        const [x, y, bw, bh] = chart.markBox(i);
        points.push({ clientX: rect.left + (x + bw / 2) * k, clientY: rect.top + (y + bh / 2) * k });
        ids.push(chart.describe(i).id);
      }
      return { points, ids, widthCss: chart.widthCss, heightCss: chart.heightCss };
    } finally {
      chart.free();
      data.free();
    }
  }

  async function info() {
    const { points, widthCss, heightCss } = await marks();
    return { count: points.length, widthCss, heightCss };
  }

  /** n mouse moves across the marks (each move changes the mark), each timed to its frame;
   *  `wrong` counts moves after which infographic:hover did not name the mark's figure. */
  async function hover({ n }) {
    const { points, ids } = await marks();
    let last;
    const onHover = (e) => (last = e.detail?.id ?? null);
    widget().addEventListener("infographic:hover", onHover);
    const root = widget().shadowRoot; // the marks' points are in it
    const samples = [];
    let wrong = 0;
    for (let j = 0; j < n; j++) {
      const i = j % points.length;
      last = undefined;
      samples.push(await measureInteraction(() => pointerMove(points[i], root)));
      if (last !== ids[i]) wrong++;
    }
    widget().removeEventListener("infographic:hover", onHover);
    return { samples, wrong, floor: await benchLib.floor(Math.min(n, 50)) };
  }

  /** Wasm linear memory and JS heap after load, after `hovers` and after twice as many. */
  async function memory({ hovers }) {
    const { wasm } = await module();
    const { points } = await marks();
    const read = () => ({ wasmMemory: wasm.memory.buffer.byteLength, jsHeap: heap() });
    const move = async () => {
      for (let j = 0; j < hovers; j++) {
        pointerMove(points[j % points.length], widget().shadowRoot);
        await painted();
      }
    };
    const afterLoad = read();
    await move();
    const afterHovers = read();
    await move();
    return { hovers, afterLoad, afterHovers, afterTwice: read() };
  }

  window.bench = { info, marks, hover, memory };
})();
