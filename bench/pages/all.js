// The whole infographic (chart="all", every chart) rendered with the module already loaded:
// from just before the element is inserted to its infographic:ready (then the next frame).
"use strict";
(() => {
  const { now, painted } = window.benchLib;
  benchLib.captureFirstChart("infographic:ready"); // the warm-up widget

  async function all({ n = 12, wasm = true } = {}) {
    const box = document.getElementById("box");
    const samples = [];
    let charts = 0;
    for (let r = 0; r < n; r++) {
      await painted();
      const el = document.createElement("park-infographic");
      el.setAttribute("chart", "all");
      el.setAttribute("lang", "zh");
      el.setAttribute("theme", "light");
      const ready = new Promise((ok) => el.addEventListener("infographic:ready", () => ok(now()), { once: true }));
      // The widget draws once its shadow stylesheet has loaded: when that happened (a
      // capturing listener on the link runs before the widget's own).
      let tStyled = NaN;
      el.shadowRoot
        ?.querySelector("link[rel=stylesheet]")
        ?.addEventListener("load", () => (tStyled = now()), { once: true, capture: true });
      const t0 = now();
      box.append(el);
      const tReady = await ready;
      const { tRaf, tPainted } = await painted();
      charts = el.shadowRoot.querySelectorAll("canvas.base").length;
      samples.push({ ready: tReady - t0, styled: tStyled - t0, toRaf: tRaf - t0, toPainted: tPainted - t0 });
      el.remove();
    }
    return { charts, samples, wasm: wasm ? await wasmOnly(n) : null };
  }

  /** The wasm share of it: new Chart + render for every chart id onto new canvases in
   *  the page (as the element does), nothing else. */
  async function wasmOnly(n) {
    const m = await import(new URL("../pkg/park_infographic.js", document.baseURI).href);
    await m.default();
    const data = m.Data.builtin();
    const ids = data.chartIds();
    const scratch = document.getElementById("scratch");
    const dpr = window.devicePixelRatio || 1;
    const draw = (canvases) => {
      const t0 = now();
      const charts = ids.map((id, i) => {
        const c = new m.Chart(data, id, "zh", "light");
        c.render(canvases[i], 640, dpr);
        return c;
      });
      const t = now() - t0;
      for (const c of charts) c.free();
      return t;
    };
    const samples = [];
    const reused = [];
    for (let r = 0; r < n; r++) {
      const canvases = ids.map(() => scratch.appendChild(document.createElement("canvas")));
      await painted();
      samples.push(draw(canvases));
      // The same again onto the now-initialised canvases: the computation without the
      // first-use cost of a canvas (backing store, context state, font setup).
      await painted();
      reused.push(draw(canvases));
      for (const c of canvases) c.remove();
    }
    data.free();
    return { ids, samples, reused };
  }

  window.bench = { all };
})();
