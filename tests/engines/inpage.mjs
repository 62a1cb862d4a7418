// Functions that run inside the page under test (each is serialised and sent by the
// driver, so each is self-contained: no closures over this module).

/** Polls `check` (a function source) with `arg` until it returns something truthy. */
export const POLL = `async ({ check, arg, guardMs }) => {
  const fn = CHECK;
  const start = performance.now();
  for (;;) {
    const value = await fn(arg);
    if (value) return value;
    // A hang guard for a condition that never comes, not a time the test measures.
    if (performance.now() - start > guardMs) throw new Error("condition never held: " + check);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}`;

/** How many ready/error events the page has seen, and of which widgets. */
export function settledCount() {
  return window.__events.filter((e) => e.type === "ready" || e.type === "error").length;
}

/**
 * What the canvas of chart `view` of the widget `selector` shows in each of `figures`
 * ({id, box}: a figure mark's box in device pixels, located by `marks`): a point painted
 * solid inside the box and, per named colour, how many pixels of the box are that colour.
 * The test decides what colour each figure should have.
 */
export function markPixels({ selector, view, colors, figures }) {
  const widget = document.querySelector(selector);
  const canvas = widget.shadowRoot.querySelectorAll("canvas.base")[view];
  const theme = widget.shadowRoot.querySelector(".body").dataset.theme;
  const lang = widget.getAttribute("lang") || "zh";
  const context = canvas.getContext("2d");
  const TEXT = new Set(["text", "muted"]);
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  // A tint (a derived bar's fill) is crossed by antialiased stripes: count pale pixels,
  // within a third of the way from the tint to its full colour.
  const paleRadius = Object.fromEntries(
    Object.keys(colors).filter((k) => k.endsWith("Tint")).map((k) => [k, dist(colors[k], colors[k.slice(0, -4)]) / 3]),
  );
  // A point painted solid inside a mark's box, found in its pixels (a row of squares has
  // gaps at its box's centre, a tile's rule is thin): from the middle row outwards, the first
  // pixel that is not the background and whose eight neighbours have its colour (edges and
  // stripes have none); the background when there is none (which no mark's colour is).
  const background = [...context.getImageData(0, 0, 1, 1).data];
  const same = (a, b) => Math.abs(a[0] - b[0]) <= 2 && Math.abs(a[1] - b[1]) <= 2 && Math.abs(a[2] - b[2]) <= 2;
  const paintedPoint = (px, w, h) => {
    const at = (x, y) => [...px.subarray((y * w + x) * 4, (y * w + x) * 4 + 3)];
    for (let k = 0; k < h; k++) {
      const y = Math.floor(h / 2) + (k % 2 ? -(k + 1) / 2 : k / 2);
      if (y < 1 || y >= h - 1) continue;
      for (let x = 1; x < w - 1; x++) {
        const p = at(x, y);
        if (same(p, background)) continue;
        if ([-1, 0, 1].every((dy) => [-1, 0, 1].every((dx) => same(p, at(x + dx, y + dy))))) return p;
      }
    }
    return background;
  };
  const marks = [];
  for (const { id, box: [x, y, w, h] } of figures) {
    const box = [x, y, Math.max(1, w), Math.max(1, h)];
    const px = context.getImageData(...box).data;
    const counts = Object.fromEntries(Object.keys(colors).map((k) => [k, 0]));
    for (let k = 0; k < px.length; k += 4) {
      for (const [name, c] of Object.entries(colors)) {
        // Glyph edges are antialiased: ink of a text colour counts within a wider margin.
        const tolerance = TEXT.has(name) ? 40 : 3;
        const p = [px[k], px[k + 1], px[k + 2]];
        if (name in paleRadius ? dist(p, c) <= paleRadius[name] : p.every((v, j) => Math.abs(v - c[j]) <= tolerance)) counts[name]++;
      }
    }
    marks.push({ id, box, total: px.length / 4, counts, centre: paintedPoint(px, box[2], box[3]) });
  }
  // The colour most of the canvas is: the chart's background.
  const all = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Map();
  for (let k = 0; k < all.length; k += 4 * 7) {
    const key = `${all[k]},${all[k + 1]},${all[k + 2]}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const [mode, modeCount] = [...seen].sort((a, b) => b[1] - a[1])[0];
  return {
    theme,
    lang,
    marks,
    background: mode.split(",").map(Number),
    backgroundShare: modeCount / (all.length / 4 / 7),
  };
}

/**
 * Every mark of chart `view` of widget `selector`, from the layout the module returns for
 * the same data, chart, language, theme, width and pixel ratio: its centre in viewport
 * coordinates (x, y), its box in the canvas's device pixels (`device`), and what the module
 * says of it (id, label, value, unit, annotation); `chart` is the chart's id. The data:
 * `dataSrc`, else the widget's data-src, else its `json` (the editor's preview), else the
 * built-in data. `scroll`: the chart is scrolled into view first.
 */
export async function marks({ selector, view = 0, lang, theme, dataSrc, scroll = false }) {
  const widget = document.querySelector(selector);
  const canvas = widget.shadowRoot.querySelectorAll("canvas.base")[view];
  if (scroll) canvas.parentElement.scrollIntoView({ block: "center" });
  const src = dataSrc ?? widget.getAttribute("data-src");
  const text = src ? await (await fetch(src)).text() : widget.json;
  // The widget's own module and files: its build's folder, where its stylesheet is.
  const files = widget.shadowRoot.querySelector("link").href;
  const m = await import(new URL(`${text != null ? "pkg-json" : "pkg"}/park_infographic.js`, files).href);
  const data = text != null ? m.Data.fromJson(text) : m.Data.fromBytes(new Uint8Array(await (await fetch(new URL("data/all.bin", files))).arrayBuffer()));
  const chartAttr = widget.getAttribute("chart") || "all";
  const id = chartAttr === "all" ? data.chartIds()[view] : chartAttr;
  const chart = new m.Chart(data, id, lang ?? (widget.getAttribute("lang") || "zh"), theme ?? widget.shadowRoot.querySelector(".body").dataset.theme);
  chart.layOut(canvas.parentElement.clientWidth, window.devicePixelRatio);
  const r = canvas.getBoundingClientRect();
  const k = r.width / chart.widthCss;
  const ratio = canvas.width / chart.widthCss;
  const out = [];
  for (let i = 0; i < chart.markCount; i++) {
    const [x, y, w, h] = chart.markBox(i);
    const d = chart.describe(i);
    out.push({
      chart: id,
      x: r.left + (x + w / 2) * k,
      y: r.top + (y + h / 2) * k,
      device: [x, y, w, h].map((v) => Math.round(v * ratio)),
      id: d.id,
      label: d.label,
      value: d.value,
      unit: d.unit,
      annotation: d.annotation ?? null,
    });
  }
  chart.free();
  data.free();
  return out;
}

/** Measures every label the layout placed with the canvas font it is painted in. */
export async function measureLabels({ url }) {
  const { cases } = await (await fetch(url)).json();
  const context = document.createElement("canvas").getContext("2d");
  const overflows = [];
  let measured = 0;
  for (const c of cases) {
    for (const label of c.labels) {
      context.font = label.font;
      const width = context.measureText(label.text).width;
      measured++;
      const [x, , w] = label.box;
      // Fits its box (1 device px of rounding allowed) and the drawing.
      if (width > w + 1 || x < 0 || x + w > c.widthPx) {
        overflows.push({
          dataset: c.dataset, chart: c.chart, lang: c.lang, widthCss: c.widthCss, dpr: c.dpr,
          text: label.text, font: label.font.split(" ").slice(0, 2).join(" "),
          measured: Math.round(width * 10) / 10, box: label.box, widthPx: c.widthPx,
        });
      }
    }
  }
  return { measured, overflows, font: context.font };
}
