// <park-infographic>: the embeddable widget. All DOM events live here; the drawing,
// hit-testing and every word about a figure come from the wasm module.
//
//   <script type="module" src="embed.js"></script>
//   <park-infographic chart="growth-2019" lang="zh" theme="auto"></park-infographic>
//
// Attributes: chart (an id, or "all"), lang (zh | en), theme (auto | light | dark),
// data-src (URL of a JSON dataset in the same schema). Events (bubbling, composed):
// infographic:ready {chart}, infographic:hover {chart, id, label, value, unit} or null,
// infographic:error {chart, message}.
//
// Text from data reaches the DOM only through textContent; no innerHTML anywhere, no
// inline styles or scripts (the widget runs under a strict Content-Security-Policy).

import init, { Chart, Data, chartIds } from "./pkg/park_infographic.js";
// Chart heights by width for the built-in data, generated at build time (.ci/dist.sh).
import HEIGHTS from "./heights.js";

const BASE = new URL(".", import.meta.url);
// Whether ResizeObserver can report a box in device pixels (not in WebKit/Safari).
const DEVICE_PIXEL_BOX =
  typeof ResizeObserverEntry === "function" && "devicePixelContentBoxSize" in ResizeObserverEntry.prototype;
const DATA_TIMEOUT_MS = 10000;
const WORDS = {
  zh: {
    loading: "图表加载中…",
    error: "图表无法显示",
    table: "查看数据表",
    png: "下载图片",
    csv: "下载数据",
    chart: "图表",
    columns: ["指标", "数值", "时期", "来源"],
    none: "无",
  },
  en: {
    loading: "Loading chart…",
    error: "The chart cannot be shown",
    table: "Show the data table",
    png: "Download PNG",
    csv: "Download CSV",
    chart: "chart",
    columns: ["Figure", "Value", "Period", "Source"],
    none: "none",
  },
};

// One module instance and one parsed dataset per source, shared by every widget.
let modulePromise = null;
const datasets = new Map();

function loadModule() {
  modulePromise ??= init().catch((e) => {
    modulePromise = null; // a later widget may try again (e.g. after a network blip)
    if (typeof WebAssembly !== "object") throw new Error("this browser cannot run WebAssembly");
    throw new Error(`the chart module failed to load: ${e?.message ?? e}`);
  });
  return modulePromise;
}

/** The dataset for `src` ("" = built in), parsed once per page and shared by every widget. */
async function loadData(src) {
  await loadModule();
  const url = src ? new URL(src, document.baseURI).href : "";
  if (!datasets.has(url)) {
    const pending = url ? fetchData(url) : Promise.resolve().then(() => Data.builtin());
    datasets.set(url, pending);
    // A failed load is not cached: the editor may fix the file and re-set the attribute.
    pending.catch(() => datasets.delete(url));
  }
  return datasets.get(url);
}

async function fetchData(url) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DATA_TIMEOUT_MS);
  let response;
  let text;
  try {
    response = await fetch(url, { signal: abort.signal });
    text = await response.text();
  } catch (e) {
    if (abort.signal.aborted) throw new Error(`data-src ${url}: no answer within ${DATA_TIMEOUT_MS / 1000} s`);
    throw new Error(`data-src ${url}: ${e.message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw new Error(`data-src ${url}: HTTP ${response.status}`);
  if (/^\s*</.test(text)) throw new Error(`data-src ${url}: the server sent a web page, not JSON`);
  return Data.fromJson(text);
}

/** The built-in chart's height at `width` CSS px: the sample at or just below it. */
function estimateHeight(id, lang, width) {
  const row = HEIGHTS.charts[id]?.[lang];
  if (!row) return 0;
  const i = HEIGHTS.widths.findLastIndex((w) => w <= width);
  // Narrower than 240 px the chart is drawn at 240 and scaled down by CSS.
  return i < 0 ? (row[0] * width) / HEIGHTS.widths[0] : row[i];
}

/** Whether a fallback image can exist for `chart` (the module may have failed to load). */
function knownChart(chart) {
  try {
    return chartIds().includes(chart);
  } catch {
    return /^[a-z0-9-]{1,64}$/.test(chart);
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("aria-") || k === "role" || k === "part") node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One chart inside a widget: its canvases, tooltip, keys and downloads. */
class ChartView {
  constructor(host, data, id, lang, theme) {
    this.host = host;
    this.data = data;
    this.id = id;
    this.lang = lang;
    this.theme = theme;
    this.chart = new Chart(data, id, lang, theme);
    this.mark = -1; // the highlighted mark
    this.pinned = false; // a tap pins the tooltip until the next tap, scroll or Esc
    this.listeners = new AbortController();
    const words = WORDS[lang];

    this.canvas = el("canvas", { className: "base", "aria-hidden": "true" });
    this.overlay = el("canvas", { className: "overlay", "aria-hidden": "true" });
    this.tooltip = el("div", { className: "tooltip", role: "tooltip", hidden: true });
    // The tooltip's lines, created once and refilled: a hover changes text, not nodes.
    this.lines = [];
    this.desc = el("p", { className: "sr-only", text: this.chart.description() });
    this.stage = el(
      "div",
      {
        className: "stage",
        tabIndex: 0,
        role: "group",
        "aria-roledescription": words.chart,
        "aria-label": this.chart.title(),
      },
      this.canvas,
      this.overlay,
      this.tooltip,
    );
    this.live = el("div", { className: "sr-only", "aria-live": "polite" });
    const png = el("button", { type: "button", text: words.png });
    const csv = el("button", { type: "button", text: words.csv });
    this.node = el(
      "figure",
      { className: "chart" },
      this.stage,
      this.desc,
      this.live,
      el("div", { className: "tools" }, png, csv),
      this.table(words),
    );
    // Ids are scoped to this widget's shadow root, and chart ids are unique within it.
    this.desc.id = `desc-${id}`;
    this.stage.setAttribute("aria-describedby", this.desc.id);

    const on = (target, type, fn, opts = {}) =>
      target.addEventListener(type, fn, { ...opts, signal: this.listeners.signal });
    // Pointer moves arrive faster than frames: keep the latest and look it up once per
    // frame, so the handler itself reads no layout and writes nothing.
    on(this.stage, "pointermove", (e) => {
      if (e.pointerType !== "mouse" || this.pinned) return;
      this.pointer = e;
      this.frame ||= requestAnimationFrame(() => {
        this.frame = 0;
        if (this.pointer && !this.pinned) this.select(this.markAt(this.pointer));
      });
    });
    on(this.stage, "pointerleave", (e) => {
      if (e.pointerType !== "mouse") return;
      this.pointer = null;
      if (!this.pinned) this.select(-1);
    });
    on(this.stage, "pointerdown", (e) => {
      if (e.pointerType === "mouse") return;
      const mark = this.markAt(e);
      this.pinned = mark >= 0 && mark !== this.mark;
      // A tap is a deliberate choice: say it to screen readers, as a key press is.
      this.select(this.pinned ? mark : -1, this.pinned);
    });
    on(this.stage, "keydown", (e) => this.key(e));
    on(this.stage, "blur", () => {
      if (!this.pinned) this.select(-1);
    });
    on(document, "pointerdown", (e) => {
      if (this.pinned && !e.composedPath().includes(this.stage)) this.unpin();
    });
    on(window, "scroll", () => this.pinned && this.unpin(), { passive: true });
    on(png, "click", () => this.downloadPng());
    on(csv, "click", () =>
      download(new Blob([this.chart.csv()], { type: "text/csv;charset=utf-8" }), `${this.id}.${lang}.csv`),
    );
  }

  /**
   * The data-table alternative: every figure, for keyboards and screen readers. Built when
   * first opened: most readers never open it, and eight tables are most of a page's DOM.
   */
  table(words) {
    const details = el("details", { className: "table" }, el("summary", { text: words.table }));
    const build = () => details.append(this.tableBody(words));
    details.addEventListener("toggle", build, { once: true, signal: this.listeners.signal });
    return details;
  }

  tableBody(words) {
    const rows = this.chart.table();
    const head = el("tr", {}, ...words.columns.map((c) => el("th", { scope: "col", text: c })));
    const body = rows.map((r) =>
      el(
        "tr",
        {},
        el("th", { scope: "row", text: r.label }),
        el("td", { text: r.valueText + (r.derived ? ` (${r.derived})` : "") }),
        el("td", { text: r.kind ? `${r.period} · ${r.kind}` : r.period }),
        el("td", { text: r.source }),
      ),
    );
    return el("table", {}, el("caption", { text: this.chart.title() }), el("thead", {}, head), el("tbody", {}, ...body));
  }

  /** Lays out for the stage's width at the screen's pixel ratio and draws. */
  render() {
    const width = this.stage.clientWidth || this.host.clientWidth || 320;
    const dpr = window.devicePixelRatio || 1;
    this.chart.render(this.canvas, width, dpr);
    for (const c of [this.canvas, this.overlay]) {
      c.style.width = `${this.chart.widthCss}px`;
      // Height follows the width: below 240 px CSS scales the drawing down, undistorted.
      c.style.aspectRatio = `${this.chart.widthCss} / ${this.chart.heightCss}`;
    }
    this.chart.highlight(this.overlay, this.mark < this.chart.markCount ? this.mark : -1);
    if (this.mark >= this.chart.markCount) this.select(-1);
    this.renderedWidth = width;
    this.renderedRatio = dpr;
    // On-screen CSS px per layout CSS px: below 240 px the drawing is scaled down.
    this.scale = Math.min(1, width / this.chart.widthCss);
  }

  /** Whether the stage's width or the screen's pixel ratio changed since the last draw. */
  stale() {
    return this.stage.clientWidth !== this.renderedWidth || (window.devicePixelRatio || 1) !== this.renderedRatio;
  }

  markAt(e) {
    const r = this.canvas.getBoundingClientRect();
    // The canvas may be scaled down by CSS below 240 px: map back to layout pixels.
    const k = r.width ? this.chart.widthCss / r.width : 1;
    return this.chart.hitTest((e.clientX - r.left) * k, (e.clientY - r.top) * k);
  }

  key(e) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (step) {
      this.select(this.chart.step(this.mark, step), true);
    } else if (e.key === "Home" || e.key === "End") {
      const n = this.chart.markCount;
      this.select(e.key === "Home" ? 0 : n - 1, true);
    } else if (e.key === "Escape") {
      this.unpin();
      return;
    } else {
      return;
    }
    e.preventDefault();
  }

  unpin() {
    this.pinned = false;
    this.select(-1);
  }

  /** Highlights mark `i` (−1: none), shows its tooltip and tells the page. */
  select(i, announce = false) {
    if (i === this.mark && !announce) return;
    this.mark = i;
    this.chart.highlight(this.overlay, i);
    const d = i >= 0 ? this.chart.describe(i) : undefined;
    if (!d) {
      this.tooltip.hidden = true;
      this.host.emit("hover", null);
      return;
    }
    this.fillTooltip(d.lines);
    this.tooltip.hidden = false;
    this.place(i);
    if (announce) this.live.textContent = d.sentence;
    this.host.emit("hover", { chart: this.id, id: d.id, label: d.label, value: d.value, unit: d.unit });
  }

  /** Line 0 is the label, line 1 the value (large), the rest small: period, source, note. */
  fillTooltip(lines) {
    while (this.lines.length < lines.length) {
      const k = this.lines.length;
      const line = el(k === 1 ? "strong" : "div", { className: k ? "" : "label" });
      this.lines.push(line);
      this.tooltip.append(line);
    }
    this.lines.forEach((line, k) => {
      const text = lines[k] ?? "";
      if (line.textContent !== text) line.textContent = text;
      line.hidden = k >= lines.length;
    });
  }

  /**
   * Puts the tooltip by the mark without measuring anything: a measurement after changing
   * its text would force a layout on every pointer move. CSS (data-x, data-y) anchors it
   * above the mark (below near the top), aligned by where the mark is across the chart.
   */
  place(i) {
    const [x, y, w, h] = this.chart.markBox(i).map((v) => v * this.scale);
    const width = this.chart.widthCss * this.scale;
    const cx = x + w / 2;
    const side = cx < width * 0.3 ? "start" : cx > width * 0.7 ? "end" : "middle";
    const below = y < 120;
    const left = side === "start" ? x : side === "end" ? x + w : cx;
    const top = below ? y + h + 8 : y - 8;
    // One transform: the anchor point, then the tooltip's own alignment around it (a
    // percentage of its own size), so moving it needs no layout, only compositing.
    const alignX = { start: "0%", middle: "-50%", end: "-100%" }[side];
    const alignY = below ? "0%" : "-100%";
    this.tooltip.style.transform = `translate(${left}px, ${top}px) translate(${alignX}, ${alignY})`;
  }

  async downloadPng() {
    // A separate handle at 2× so the on-screen chart and its hover layout stay as they are.
    const chart = new Chart(this.data, this.id, this.lang, this.theme);
    try {
      const canvas = document.createElement("canvas");
      chart.render(canvas, this.renderedWidth || 640, 2);
      const blob = await new Promise((ok) => canvas.toBlob(ok, "image/png"));
      if (blob) download(blob, `${this.id}.${this.lang}.png`);
    } finally {
      chart.free();
    }
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.host.resize?.unobserve(this.stage);
    this.host.resize?.unobserve(this.canvas);
    this.listeners.abort();
    try {
      this.chart.free();
    } catch {
      // The module trapped while this handle was in use: it cannot be freed, only dropped.
    }
    this.node.remove();
  }
}

class ParkInfographic extends HTMLElement {
  static observedAttributes = ["chart", "lang", "theme", "data-src"];

  constructor() {
    super();
    this.views = [];
    this.placeholders = [];
    this.generation = 0;
    // Here, not in connectedCallback: an upgraded element gets attributeChangedCallback
    // (and so update(), which resolves the theme) before connectedCallback.
    this.dark = matchMedia("(prefers-color-scheme: dark)");
    this.root = this.attachShadow({ mode: "open" });
    const sheet = el("link", { rel: "stylesheet", href: new URL("embed.css", BASE).href });
    // Draw only once the styles apply: before, the figure has the browser's default
    // margins and the chart would be laid out for the wrong width.
    this.styled = new Promise((ok) => {
      sheet.addEventListener("load", ok, { once: true });
      sheet.addEventListener("error", ok, { once: true });
    });
    this.root.append(sheet, (this.body = el("div", { className: "body", part: "body" })));
  }

  connectedCallback() {
    this.listeners = new AbortController();
    const signal = this.listeners.signal;
    this.resize = new ResizeObserver(() => this.relayout());
    this.resize.observe(this);
    this.dark.addEventListener("change", () => this.theme() === "auto" || this.update(), { signal });
    // Browser zoom changes the pixel ratio and fires `resize` (Safari has no
    // device-pixel-content-box observation, which covers the other browsers below).
    window.addEventListener("resize", () => this.relayout(), { signal });
    document.fonts?.ready.then(() => this.isConnected && this.relayout(true));
    this.update();
  }

  disconnectedCallback() {
    this.listeners?.abort();
    this.resize?.disconnect();
    this.generation++;
    this.clear();
  }

  attributeChangedCallback(_name, old, now) {
    if (old !== now && this.isConnected) this.update();
  }

  theme() {
    return this.getAttribute("theme") || "auto";
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(`infographic:${type}`, { detail, bubbles: true, composed: true }));
  }

  clear() {
    for (const v of this.views) v.destroy();
    this.views = [];
    this.placeholders = [];
    this.body.replaceChildren();
  }

  /** (Re)builds the charts from the attributes; a newer call supersedes an older one. */
  async update() {
    const generation = ++this.generation;
    const chart = this.getAttribute("chart") || "all";
    const lang = this.getAttribute("lang") || "zh";
    const words = WORDS[lang] || WORDS.zh;
    // Resolved once, here: the canvas colours (Rust) and the DOM's (embed.css, through
    // data-theme) come from the same decision.
    const theme = this.theme() === "auto" ? (this.dark.matches ? "dark" : "light") : this.theme();
    this.body.dataset.theme = theme;
    this.clear();
    this.setAttribute("aria-busy", "true");
    this.body.append(this.skeleton(chart, lang, words));
    try {
      const [data] = await Promise.all([loadData(this.getAttribute("data-src")), this.styled]);
      if (generation !== this.generation) return;
      const ids = chart === "all" ? data.chartIds() : [chart];
      const known = chartIds();
      if (!WORDS[lang]) throw new Error(`unknown lang "${lang}"; use zh or en`);
      this.clear();
      for (const id of ids) {
        if (!known.includes(id)) throw new Error(`unknown chart "${id}"; known charts: ${known.join(", ")}, or all`);
        const view = new ChartView(this, data, id, lang, theme);
        this.views.push(view);
        this.body.append(view.node);
        // The stage, not just the host: its width can change while the host's does not.
        this.resize?.observe(view.stage);
        // The canvas in device pixels: this changes with the pixel ratio (browser zoom,
        // a window moved to another screen) even when no CSS size does. WebKit has no
        // such box and throws on the option; there the window's resize event covers zoom.
        if (DEVICE_PIXEL_BOX) this.resize?.observe(view.canvas, { box: "device-pixel-content-box" });
      }
      for (const v of this.views) v.render();
      this.removeAttribute("aria-busy");
      this.emit("ready", { chart });
    } catch (e) {
      if (generation !== this.generation) return;
      this.fail(chart, lang, words, e);
    }
  }

  /**
   * While the module loads: the same boxes the charts will fill, at the height the chart
   * will have at this width (known for the built-in data), so the page does not jump.
   */
  skeleton(chart, lang, words) {
    const builtin = !this.getAttribute("data-src");
    const ids = chart === "all" ? Object.keys(HEIGHTS.charts) : [chart];
    const box = el("div", { className: "skeleton", role: "status", "aria-label": words.loading });
    this.placeholders = [];
    for (const id of ids) {
      const stage = el("div", { className: "stage placeholder" });
      this.placeholders.push({ stage, estimate: (width) => (builtin && estimateHeight(id, lang, width)) || 240 });
      const tools = el(
        "div",
        { className: "tools" },
        el("button", { type: "button", disabled: true, text: words.png }),
        el("button", { type: "button", disabled: true, text: words.csv }),
      );
      box.append(el("figure", { className: "chart" }, stage, tools, el("details", {}, el("summary", { text: words.table }))));
    }
    this.sizePlaceholders();
    return box;
  }

  /** The placeholders' heights for the current width (re-run when the width is known). */
  sizePlaceholders() {
    const width = this.getBoundingClientRect().width || 320;
    for (const p of this.placeholders) p.stage.style.height = `${p.estimate(width)}px`;
  }

  fail(chart, lang, words, e) {
    // A trap is a bug of ours, not the editor's: say so rather than "unreachable".
    const message =
      typeof WebAssembly === "object" && e instanceof WebAssembly.RuntimeError
        ? `internal error while drawing (${e.message}); please report it with the data used`
        : String(e?.message ?? e);
    this.clear();
    this.removeAttribute("aria-busy");
    const box = el(
      "div",
      { className: "error", role: "alert" },
      el("strong", { text: words.error }),
      el("p", { text: message }),
    );
    if (chart !== "all" && knownChart(chart) && WORDS[lang]) {
      const img = el("img", { src: new URL(`fallback/${chart}.${lang}.svg`, BASE).href, alt: "" });
      img.addEventListener("error", () => img.remove(), { once: true });
      box.append(img);
    }
    this.body.append(box);
    this.emit("error", { chart, message });
  }

  relayout(force = false) {
    if (!this.views.length) this.sizePlaceholders();
    for (const v of this.views) {
      if (force || v.stale()) {
        try {
          v.render();
        } catch (e) {
          this.fail(v.id, v.lang, WORDS[v.lang], e);
          return;
        }
      }
    }
  }
}

if (!customElements.get("park-infographic")) customElements.define("park-infographic", ParkInfographic);
