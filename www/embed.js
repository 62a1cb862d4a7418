//# allFunctionsCalledOnLoad
// (The line above asks Chromium to compile every function of this file while it loads,
// off the main thread, rather than each on its first call inside the widget's first tasks;
// .ci/minify.mjs keeps it. Other engines ignore it.)
// <park-infographic>: the embeddable widget. All DOM events live here; the drawing,
// hit-testing and every word about a figure come from the wasm module.
//
//   <script type="module" src="embed.js"></script>
//   <park-infographic chart="growth-2019" lang="zh" theme="auto"></park-infographic>
//
// Attributes: chart (any chart id the dataset has, or "all"), lang (zh | en), theme (auto | light | dark),
// data-src (URL of a JSON dataset in the same schema), fallback-src (URL of an image shown
// under the error message when the chart cannot be drawn; without it only the built-in
// data has one, fallback/<chart>.<lang>.svg). Property: json (a dataset as JSON text, in
// place of data-src: the editor's preview). Events (bubbling, composed):
// infographic:ready {chart}, infographic:hover {chart, id, label, value, unit} or null,
// infographic:error {chart, message}. The message starts with a sentence naming what
// failed (the module, data-src, its data, an attribute, the drawing), then the detail.
// Printing draws every chart in the light theme (paper is white), whatever the screen's.
//
// Text from data reaches the DOM only through textContent; no innerHTML anywhere, no
// inline styles or scripts (the widget runs under a strict Content-Security-Policy).
// Optional browser APIs are feature-detected, each with a fallback: nothing optional may
// stop a chart from drawing (WebKit/Safari 15+, Firefox ESR, Chromium).

const BASE = new URL(".", import.meta.url);
// Two of the crate's builds (README, "Layout"). The built-in data's module reads no JSON;
// the one for an editor's data (data-src, the json property) adds the reader and the
// validation, which readers of the built-in charts would otherwise download for nothing.
const MODULES = {
  builtin: { wasm: "pkg/park_infographic_bg.wasm", glue: () => import("./pkg/park_infographic.js") },
  json: { wasm: "pkg-json/park_infographic_bg.wasm", glue: () => import("./pkg-json/park_infographic.js") },
};

// Everything this file needs is requested the moment it runs, all at once: the wasm (so
// it downloads and compiles while the rest arrives), its glue, the built-in data's file
// for each chart on the page, and the placeholder heights. Static imports would have made
// a chain: this file, then the glue, then the wasm. Which module: the one the widgets
// already on the page need (module scripts run after the page is parsed); none for a page
// that adds its widgets later (the snippet's preload lines serve it, see README).
const requests = {}; // kind -> { wasm: Promise<Response>, glue: Promise<module> }
function request(kind) {
  const files = MODULES[kind];
  const wasm = fetch(new URL(files.wasm, BASE));
  const glue = files.glue();
  // Reported by loadModule, when a widget needs the module.
  wasm.catch(() => {});
  glue.catch(() => {});
  requests[kind] = { wasm, glue };
}
/** Whether `s` has the shape of a chart id (short kebab-case; also frame.js's check). */
export const isChartId = (s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s);
/** The built-in data, one compact file per chart (see src/data/compact.rs). */
const builtinUrl = (file) => new URL(`data/${file}.bin`, BASE).href;
const prefetched = new Map(); // URL -> Promise<Response>, for the widgets already on the page
{
  const widgets = [...document.querySelectorAll("park-infographic")];
  const builtin = widgets.filter((w) => !w.getAttribute("data-src"));
  if (builtin.length) request("builtin");
  if (builtin.length < widgets.length) request("json");
  for (const w of builtin) {
    // Before heights.js has said which ids the built-in data has: any id that could be one.
    const chart = w.getAttribute("chart") || "all";
    const url = builtinUrl(isChartId(chart) ? chart : "all");
    if (!prefetched.has(url)) prefetched.set(url, fetch(url));
    prefetched.get(url).catch(() => {}); // reported by loadBuiltin, when a widget needs it
  }
}
// Chart heights by width for the built-in data, generated at build time (.ci/dist.sh).
let heights = { widths: [], charts: {} }; // until it arrives, or if it cannot
const HEIGHTS = import("./heights.js").then(
  (m) => (heights = m.default),
  () => heights, // no heights: placeholders get a default height
);
// Whether ResizeObserver can report a box in device pixels (not in WebKit/Safari).
const DEVICE_PIXEL_BOX =
  typeof ResizeObserverEntry === "function" && "devicePixelContentBoxSize" in ResizeObserverEntry.prototype;
// Created once, at load: one list per query for every widget.
const DARK = matchMedia("(prefers-color-scheme: dark)");
const PRINT = matchMedia("print");
const DATA_TIMEOUT_MS = 10000;
// Marks whose highlight a chart keeps built (each is two layers; see ChartView.highlight).
const KEPT_HIGHLIGHTS = 12;
const WORDS = {
  zh: {
    loading: "图表加载中…",
    error: "图表无法显示",
    table: "数据表",
    png: "下载图片",
    csv: "下载数据",
    chart: "图表",
    columns: ["指标", "数值", "时期", "来源"],
  },
  en: {
    loading: "Loading chart…",
    error: "The chart cannot be shown",
    table: "Data table",
    png: "Download image",
    csv: "Download data",
    chart: "chart",
    columns: ["Figure", "Value", "Period", "Source"],
  },
};

/**
 * A failure as the editor reads it: a sentence naming the stage that failed (and the
 * attribute or field), then the technical detail. Wrapping one again keeps it as it is.
 */
function failure(sentence, detail) {
  if (detail instanceof Error && detail.stage) return detail;
  const e = new Error(detail === undefined ? sentence : `${sentence}. ${describeError(detail)}`);
  e.stage = true;
  return e;
}

/** An exception's detail: its message, with its kind when that says more ("TypeError: …"). */
function describeError(e) {
  if (!(e instanceof Error)) return String(e);
  if (typeof WebAssembly === "object" && e instanceof WebAssembly.RuntimeError) {
    // A trap is a bug of ours, not the editor's: say so rather than "unreachable".
    return `internal error (${e.message}); please report it with the data used`;
  }
  return e.name && e.name !== "Error" ? `${e.name}: ${e.message}` : e.message;
}

// One instance of each module and one parsed dataset per source, shared by every widget.
const modules = {}; // kind -> Promise<glue exports>
const datasets = new Map();

/** The module of `kind` ("builtin" or "json"), instantiated once; resolves to its exports. */
function loadModule(kind) {
  modules[kind] ??= (async () => {
    // The request started at load the first time; a retry after a failure asks again.
    if (!requests[kind]) request(kind);
    const { wasm, glue } = requests[kind];
    delete requests[kind];
    const exports = await glue;
    await exports.default({ module_or_path: wasm });
    return exports;
  })().catch((e) => {
    delete modules[kind]; // a later widget may try again (e.g. after a network blip)
    if (typeof WebAssembly !== "object") throw failure("This browser cannot run WebAssembly, which the chart needs");
    throw failure(`The chart module (${MODULES[kind].wasm}) could not be loaded`, e);
  });
  return modules[kind];
}

/**
 * The dataset at `url`, loaded once per page by `load` and shared by every widget, with
 * the module it lives in: `{ data, Chart }`. A failed load is not kept: the editor may fix
 * the file and set the attribute again.
 */
function shared(url, load) {
  if (!datasets.has(url)) {
    const pending = load();
    datasets.set(url, pending);
    pending.catch(() => datasets.delete(url));
  }
  return datasets.get(url);
}

/** An editor's dataset at data-src. fetchData names its failures; the rest is the data's. */
function loadData(src) {
  const url = new URL(src, document.baseURI).href;
  return shared(url, async () =>
    parseJson(await fetchData(url), (e) => failure("The data file in data-src is not valid", `${url}: ${describeError(e)}`)),
  );
}

/**
 * The built-in data for a widget showing `chart`: that chart's own file, or every chart's
 * (all.bin) for "all" and for ids the built-in data does not have (the module's error
 * then names the ones it has).
 */
function loadBuiltin(chart) {
  const url = builtinUrl(builtinChart(chart) ? chart : "all");
  return shared(url, async () => {
    const unread = (detail) => failure("The built-in data could not be loaded", `${url}: ${detail}`);
    const response = prefetched.get(url) ?? fetch(url);
    prefetched.delete(url);
    const [m, bytes] = await Promise.all([
      loadModule("builtin"),
      response.then(
        (r) => (r.ok ? r.arrayBuffer() : Promise.reject(unread(`HTTP ${r.status}`))),
        (e) => Promise.reject(unread(describeError(e))),
      ),
    ]);
    try {
      return { data: m.Data.fromBytes(new Uint8Array(bytes)), Chart: m.Chart };
    } catch (e) {
      throw unread(describeError(e));
    }
  });
}

/** An editor's JSON text read and validated by the json module; `invalid` words its error. */
async function parseJson(text, invalid) {
  const m = await loadModule("json");
  try {
    return { data: m.Data.fromJson(text), Chart: m.Chart };
  } catch (e) {
    throw invalid(e);
  }
}

const notDrawn = (id, detail) => failure(`The chart "${id}" could not be drawn`, detail);
const notLoaded = (detail) => failure("The data file in data-src could not be loaded", detail);

/** The text of the data file at `url`, or a failure naming why it could not be had. */
async function fetchData(url) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DATA_TIMEOUT_MS);
  let response;
  let text;
  try {
    response = await fetch(url, { signal: abort.signal });
    text = await response.text();
  } catch (e) {
    if (abort.signal.aborted) throw notLoaded(`${url}: no answer within ${DATA_TIMEOUT_MS / 1000} s`);
    throw notLoaded(`${url}: ${e.message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw notLoaded(`${url}: HTTP ${response.status}`);
  if (/^\s*</.test(text)) throw notLoaded(`${url}: the server sent a web page, not JSON`);
  return text;
}

/** The built-in chart's height at `width` CSS px: the sample at or just below it. */
function estimateHeight(id, lang, width) {
  const row = heights.charts[id]?.[lang];
  if (!row) return 0;
  // A plain loop: findLastIndex is missing from Safari before 15.4 and Firefox before 104.
  let i = heights.widths.length - 1;
  while (i >= 0 && heights.widths[i] > width) i--;
  // Narrower than 240 px the chart is drawn at 240 and scaled down by CSS.
  return i < 0 ? (row[0] * width) / heights.widths[0] : row[i];
}

/** Whether `chart` is one of the built-in data's (which alone have fallback images). */
function builtinChart(chart) {
  return Object.prototype.hasOwnProperty.call(heights.charts, chart);
}

/** The actions under a chart: one line of text links, the table's <details> first. */
function actions(table, png, csv) {
  const sep = () => el("span", { className: "sep", "aria-hidden": "true", text: "·" });
  return el("div", { className: "actions" }, table, el("div", { className: "tools" }, sep(), png, sep(), csv));
}

/** The charts' font family, and the fonts their texts use ([CSS px, weight]): the module's
 *  (src/paint.rs, FONT_FAMILY and FONTS_CSS), copied because an export of them cost the
 *  wasm about 400 B gzip; a test keeps them equal. */
const FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";
const FONTS_CSS = [[16, "bold"], [13, "normal"], [13, "bold"], [11, "normal"], [11, "bold"], [26, "bold"]];

/**
 * The charts' fonts not yet used on this page. Each font's first text loads its files and
 * asks the system for its rendering (about 10 ms at CPU 4× here, per font): six of them in
 * the first chart's drawing made it the longest task of a page of several charts, which
 * therefore loads them first, one per task (drawStep). A single chart does not: it is
 * drawn at once, and the same work in tasks of their own only delays it.
 */
const fontsToLoad = [...FONTS_CSS];
let fontContext;
function loadFont([px, weight]) {
  try {
    fontContext ??= document.createElement("canvas").getContext("2d");
    // In device pixels, as the canvas's texts are: each size is a font of its own.
    fontContext.font = `${weight} ${Math.round(px * (window.devicePixelRatio || 1))}px ${FONT_FAMILY}`;
    fontContext.measureText("高新区 2019 年 亿元 +8.5% Park");
  } catch {
    // Only a head start: whatever failed here, a chart's drawing reports it.
  }
}

/**
 * Waits for this page's next turn to draw a chart: charts are drawn one per task, in the
 * order they asked, so a page with many of them never blocks the main thread for long (a
 * phone would freeze while eight charts draw in one go).
 */
let lastTurn = Promise.resolve();
function nextTurn() {
  const yieldToMain = () =>
    typeof globalThis.scheduler?.yield === "function"
      ? globalThis.scheduler.yield()
      : new Promise((ok) => setTimeout(ok, 0));
  lastTurn = lastTurn.then(yieldToMain);
  return lastTurn;
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

/**
 * Listeners removed together when their owner goes. Not an AbortSignal in the options:
 * Safari before 15 ignores that option, and the listeners would outlive the widget.
 */
class Listeners {
  constructor() {
    this.removers = [];
  }

  on(target, type, fn, options = {}) {
    if (!target.addEventListener && target.addListener) {
      // A MediaQueryList in Safari before 14: only the older addListener.
      target.addListener(fn);
      this.removers.push(() => target.removeListener(fn));
      return;
    }
    target.addEventListener(type, fn, options);
    this.removers.push(() => target.removeEventListener(type, fn, options));
  }

  removeAll() {
    for (const remove of this.removers.splice(0)) remove();
  }
}

/**
 * Shows newly drawn canvases on the screen at most one per frame, page-wide. The frame that
 * first shows a canvas hands its pixels to the compositor on the main thread: without a
 * GPU that is 10–25 ms per chart at CPU 4×, so two charts scrolled into view together made
 * a frame over 50 ms. A canvas waits hidden (`.pending`, not in print) until the
 * IntersectionObserver sees it in view, then shows in the next frame no other canvas takes:
 * the frame that lays a new chart out is not the one that hands its canvas over. A widget
 * of one chart asks for `now`: its canvas shows at once unless another did in this frame
 * (its reader is waiting for it). Without IntersectionObserver a canvas shows at once.
 */
class Reveal {
  constructor() {
    this.waiting = []; // in view, hidden, in the order they came into view
    this.shownThisFrame = false;
    this.frame = 0;
    this.observer = typeof IntersectionObserver === "function" ? new IntersectionObserver((e) => this.seen(e)) : null;
  }

  /** A canvas drawn and put on the page for the first time. */
  add(canvas, { now = false } = {}) {
    if (!this.observer) return;
    if (now && !this.shownThisFrame) this.show(canvas);
    else canvas.classList.add("pending");
    this.observer.observe(canvas);
  }

  forget(canvas) {
    this.observer?.unobserve(canvas);
    this.waiting = this.waiting.filter((c) => c !== canvas);
  }

  seen(entries) {
    for (const { target, isIntersecting } of entries) {
      if (!isIntersecting) {
        target.classList.add("pending"); // never shown in view yet: nothing handed over
        this.waiting = this.waiting.filter((c) => c !== target);
      } else if (!target.classList.contains("pending")) {
        this.observer.unobserve(target); // shown, and now on the screen: done
      } else if (!this.waiting.includes(target)) {
        this.waiting.push(target);
      }
    }
    this.nextFrame();
  }

  show(canvas) {
    canvas.classList.remove("pending");
    this.shownThisFrame = true;
    this.nextFrame();
  }

  nextFrame() {
    if (this.frame || !(this.shownThisFrame || this.waiting.length)) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.shownThisFrame = false;
      const next = this.waiting.shift();
      if (next) {
        this.observer.unobserve(next);
        this.show(next);
      }
    });
  }
}
const REVEAL = new Reveal();

/** The canvas as a PNG blob; through a data URL where toBlob is missing. (Also the editor's.) */
export function pngBlob(canvas) {
  if (typeof canvas.toBlob === "function") return new Promise((ok) => canvas.toBlob(ok, "image/png"));
  const bytes = atob(canvas.toDataURL("image/png").split(",")[1]);
  const array = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
  return Promise.resolve(new Blob([array], { type: "image/png" }));
}

/** Saves `blob` as a file named `name` (the link is never shown). (Also the editor's.) */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One chart inside a widget: its canvas, highlight ring, tooltip, keys and downloads. */
class ChartView {
  /** `source`: the dataset and the module it lives in, as loadData gives them. */
  constructor(host, source, id, lang, theme) {
    this.host = host;
    this.source = source;
    this.id = id;
    this.lang = lang;
    this.theme = theme;
    this.chart = this.newChart(theme);
    this.mark = -1; // the highlighted mark
    this.described = new Map(); // mark -> describe(mark), for this handle
    this.pinned = false; // a tap pins the tooltip until the next tap, scroll or Esc
    this.listeners = new Listeners();
    const words = WORDS[lang];

    this.canvas = el("canvas", { className: "base", "aria-hidden": "true" });
    // Each mark's highlight, a ring round it and its tooltip over the canvas, is built the
    // first time the mark is shown (for this layout), then shown and hidden by a class:
    // each is a layer of its own (embed.css), so a hover changes no layout and repaints
    // nothing, neither the canvas nor text.
    this.highlights = new Map(); // mark -> { ring, tip }, the least recently shown first
    this.highlighted = null; // the one shown
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
      actions(this.table(words), png, csv),
    );
    // Ids are scoped to this widget's shadow root, and chart ids are unique within it.
    this.desc.id = `desc-${id}`;
    this.stage.setAttribute("aria-describedby", this.desc.id);

    const on = (target, type, fn, options) => this.listeners.on(target, type, fn, options);
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
    this.listeners.on(details, "toggle", build, { once: true });
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
    const table = el("table", {}, el("caption", { text: this.chart.title() }), el("thead", {}, head), el("tbody", {}, ...body));
    // Its own box, as wide as the line of links above it.
    return el("div", { className: "table-body" }, table);
  }

  /** Lays out for the charts' width at the screen's pixel ratio and draws, at once. */
  render() {
    this.layOut();
    this.paint();
    this.due = false; // whatever redraw was under way (redrawStep) is done
    this.dropNext();
  }

  /**
   * Lays out for the charts' width (the widget's, `chartWidth`) at the screen's pixel
   * ratio, without drawing: a first drawing is spread over tasks (see drawStep).
   */
  layOut() {
    const width = this.host.chartWidth();
    const dpr = window.devicePixelRatio || 1;
    this.chart.layOut(width, dpr);
    this.renderedWidth = width;
    this.renderedRatio = dpr;
    this.partsDrawn = 0;
  }

  /** Draws the last layout on the canvas, whole, and fits the canvas's box to it. */
  paint() {
    this.chart.draw(this.canvas);
    this.partsDrawn = 0;
    this.fit();
  }

  /**
   * The next part of a drawing spread over tasks (the module's `drawPart`: the shapes,
   * then the texts in two halves); true once the drawing is whole (`fit` then shows it).
   */
  paintPart() {
    const whole = this.chart.drawPart(this.canvas, this.partsDrawn);
    this.partsDrawn = whole ? 0 : this.partsDrawn + 1;
    return whole;
  }

  /**
   * The next step of drawing this chart again (`due`: at a new width or pixel ratio), spread
   * over tasks as a first drawing is: a new handle laid out, its parts drawn on a canvas off
   * the page, then copied onto the shown one in one go, so a reader never sees half a
   * drawing. Until then hover and keys answer from the handle of the drawing shown. True
   * once done, or when there is nothing left to do (drawn whole meanwhile: a print).
   */
  redrawStep() {
    if (!this.due) return true;
    const width = this.host.chartWidth();
    const dpr = window.devicePixelRatio || 1;
    const next = this.next;
    if (next?.width !== width || next.dpr !== dpr) {
      this.dropNext();
      this.next = { chart: this.newChart(this.theme), canvas: document.createElement("canvas"), width, dpr, parts: 0 };
      this.next.chart.layOut(width, dpr);
      return false;
    }
    if (!next.chart.drawPart(next.canvas, next.parts++)) return false;
    this.canvas.width = next.canvas.width; // (clears it)
    this.canvas.height = next.canvas.height;
    this.canvas.getContext("2d")?.drawImage(next.canvas, 0, 0);
    this.chart.free();
    this.chart = next.chart;
    this.next = null;
    this.renderedWidth = width;
    this.renderedRatio = dpr;
    this.due = false;
    this.fit();
    return true;
  }

  /** Frees the handle of a redraw under way, if any (see redrawStep). */
  dropNext() {
    this.next?.chart.free();
    this.next = null;
  }

  /** Sizes the canvas's box to the drawn layout; the highlight and tooltip follow its marks. */
  fit() {
    const width = this.host.chartWidth();
    this.canvas.style.width = `${this.chart.widthCss}px`;
    // Height follows the width: below 240 px CSS scales the drawing down, undistorted.
    // Where aspect-ratio is unknown (Safari before 15) this does nothing and height:auto
    // keeps the canvas's own ratio (its backing store's), within a pixel of this one.
    this.canvas.style.aspectRatio = `${this.chart.widthCss} / ${this.chart.heightCss}`;
    // On-screen CSS px per layout CSS px: below 240 px the drawing is scaled down (and so
    // is a drawing shown at a width it is about to be redrawn for).
    this.scale = Math.min(1, width / this.chart.widthCss);
    // The marks moved with the new layout: the highlight and tooltip follow.
    this.clearHighlights();
    if (this.mark >= this.chart.markCount) this.select(-1);
    else if (this.mark >= 0) this.show(this.mark);
  }

  /** A new handle on this chart's data in `theme` (the module's Chart, from its dataset). */
  newChart(theme) {
    const { data, Chart } = this.source;
    return new Chart(data, this.id, this.lang, theme);
  }

  /** Draws again in `theme` at once (for printing): a new handle, the same data and width. */
  setTheme(theme) {
    const chart = this.newChart(theme);
    this.chart.free();
    this.chart = chart;
    this.described.clear();
    this.theme = theme;
    this.render();
  }

  /** Whether the charts' width or the screen's pixel ratio changed since the last layout. */
  stale() {
    return this.host.chartWidth() !== this.renderedWidth || (window.devicePixelRatio || 1) !== this.renderedRatio;
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
    const d = this.show(i);
    if (!d) {
      this.host.emit("hover", null);
      return;
    }
    if (announce) this.live.textContent = d.sentence;
    this.host.emit("hover", { chart: this.id, id: d.id, label: d.label, value: d.value, unit: d.unit });
  }

  /** Shows mark `i`'s highlight and tooltip (none for −1); its description, if any. */
  show(i) {
    const d = i >= 0 ? this.describe(i) : undefined;
    const shown = d ? this.highlight(i, d) : null;
    if (shown !== this.highlighted) {
      this.toggle(this.highlighted, false);
      this.toggle(shown, true);
      this.highlighted = shown;
    }
    return d;
  }

  /** Mark `i`'s ring and tooltip (`d`: its description), built the first time it is shown. */
  highlight(i, d) {
    let h = this.highlights.get(i);
    if (h) {
      this.highlights.delete(i); // set again below, as the most recently shown
    } else {
      const ring = el("div", { className: "ring", "aria-hidden": "true" });
      // Line 0 is the label, line 1 the value (large), the rest small: period, source, note.
      const lines = d.lines.map((text, k) => el(k === 1 ? "strong" : "div", { className: k ? "" : "label", text }));
      const tip = el("div", { className: "tooltip", role: "tooltip", "aria-hidden": "true" }, ...lines);
      // The ring 2 px wide, 1 px out from the mark.
      this.cover(ring, this.chart.markBox(i), 3);
      this.place(tip, i);
      this.stage.append(ring, tip);
      h = { ring, tip };
      // A chart may have hundreds of marks: a few layers are kept, not one per mark.
      if (this.highlights.size >= KEPT_HIGHLIGHTS) {
        const [[oldest, old]] = this.highlights;
        old.ring.remove();
        old.tip.remove();
        this.highlights.delete(oldest);
      }
    }
    this.highlights.set(i, h);
    return h;
  }

  /** Shows or hides a highlight (none: null). */
  toggle(h, on) {
    if (!h) return;
    h.ring.classList.toggle("on", on);
    h.tip.classList.toggle("on", on);
    h.tip.setAttribute("aria-hidden", String(!on));
  }

  /** Removes every highlight built (their marks moved: a new layout). */
  clearHighlights() {
    for (const h of this.highlights.values()) {
      h.ring.remove();
      h.tip.remove();
    }
    this.highlights.clear();
    this.highlighted = null;
  }

  /** The words for mark `i`, asked of the module once per mark (they do not change with width). */
  describe(i) {
    if (!this.described.has(i)) this.described.set(i, this.chart.describe(i));
    return this.described.get(i);
  }

  /** Puts `box` over `rect` ([x, y, w, h], layout CSS px), `grow` px larger on each side. */
  cover(box, [x, y, w, h], grow) {
    const s = this.scale;
    box.style.transform = `translate(${x * s - grow}px, ${y * s - grow}px)`;
    box.style.width = `${w * s + 2 * grow}px`;
    box.style.height = `${h * s + 2 * grow}px`;
  }

  /**
   * Puts mark `i`'s tooltip `tip` by it without measuring anything (a measurement after
   * building it would force a layout): above the mark (below near the top), aligned by
   * where the mark is across the chart.
   */
  place(tip, i) {
    const [x, y, w, h] = this.chart.markBox(i).map((v) => v * this.scale);
    const width = this.chart.widthCss * this.scale;
    const cx = x + w / 2;
    const side = cx < width * 0.3 ? "start" : cx > width * 0.7 ? "end" : "middle";
    const below = y < 120;
    const left = side === "start" ? x : side === "end" ? x + w : cx;
    const top = below ? y + h + 8 : y - 8;
    // One transform: the anchor point, then the tooltip's own alignment around it (a
    // percentage of its own size, which CSS knows without a measurement here).
    const alignX = { start: "0%", middle: "-50%", end: "-100%" }[side];
    const alignY = below ? "0%" : "-100%";
    tip.style.transform = `translate(${left}px, ${top}px) translate(${alignX}, ${alignY})`;
  }

  async downloadPng() {
    // A separate handle at 2× so the on-screen chart and its hover layout stay as they are.
    const chart = this.newChart(this.theme);
    try {
      const canvas = document.createElement("canvas");
      chart.render(canvas, this.renderedWidth || 640, 2);
      const blob = await pngBlob(canvas);
      if (blob) download(blob, `${this.id}.${this.lang}.png`);
    } finally {
      chart.free();
    }
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.host.resize?.unobserve(this.canvas);
    REVEAL.forget(this.canvas);
    this.listeners.removeAll();
    try {
      this.dropNext();
      this.chart.free();
    } catch {
      // The module trapped while this handle was in use: it cannot be freed, only dropped.
    }
    this.node.remove();
  }
}

class ParkInfographic extends HTMLElement {
  static observedAttributes = ["chart", "lang", "theme", "data-src", "fallback-src"];

  constructor() {
    super();
    this.views = [];
    this.redraws = []; // views to draw again, one step per task (relayout)
    this.placeholders = [];
    this.generation = 0;
    this.printing = false; // between beforeprint and afterprint
    this.root = this.attachShadow({ mode: "open" });
    const sheet = el("link", { rel: "stylesheet", href: new URL("embed.css", BASE).href });
    // Draw only once the styles apply: before, the figure has the browser's default
    // margins and the chart would be laid out for the wrong width.
    this.styled = new Promise((ok) => {
      sheet.addEventListener("load", ok, { once: true });
      sheet.addEventListener("error", ok, { once: true });
    });
    // A block of no height as wide as the charts: what the ResizeObserver watches.
    this.ruler = el("div", { className: "ruler", "aria-hidden": "true" });
    this.body = el("div", { className: "body", part: "body" }, this.ruler);
    this.root.append(sheet, this.body);
  }

  connectedCallback() {
    this.listeners = new Listeners();
    const on = (target, type, fn) => this.listeners.on(target, type, fn);
    // Without ResizeObserver (Safari before 13.1) the window's resize event below is all.
    // The ruler, not the host or the stages: it only ever changes with the width the charts
    // are laid out for. The redraw waits for the next frame: inside the callback it would
    // resize observed boxes again (the canvases; the ruler itself when the page's scrollbar
    // comes or goes), which browsers report as a resize loop (an error on the page).
    this.resize =
      typeof ResizeObserver === "function"
        ? new ResizeObserver((entries) => {
            for (const e of entries) if (e.target === this.ruler) this.rulerWidth = Math.floor(e.contentRect.width);
            this.relayoutFrame ||= requestAnimationFrame(() => {
              this.relayoutFrame = 0;
              this.relayout();
            });
          })
        : null;
    this.resize?.observe(this.ruler);
    // Only theme="auto" follows the system's light or dark.
    on(DARK, "change", () => {
      if (this.theme() === "auto") this.update();
    });
    // Browser zoom changes the pixel ratio and fires `resize` (Safari has no
    // device-pixel-content-box observation, which covers the other browsers below).
    on(window, "resize", () => this.relayout());
    // Paper is white: print in the light theme. beforeprint comes just before the browser
    // lays the page out for print, so the redraw is synchronous; the print media query
    // covers engines and tools that print without those events.
    on(window, "beforeprint", () => {
      this.printing = true;
      this.drawAll();
      this.retheme();
    });
    on(window, "afterprint", () => {
      this.printing = false;
      this.retheme();
    });
    on(PRINT, "change", () => this.retheme());
    // Web fonts that finish loading after a chart was drawn: draw again with them. (The
    // event, not document.fonts.ready: reading that brings the page's layout up to date,
    // a fifth of the task that inserts the widget at CPU 4×.)
    if (typeof document.fonts?.addEventListener === "function") on(document.fonts, "loadingdone", () => this.relayout(true));
    this.update();
  }

  disconnectedCallback() {
    this.listeners?.removeAll();
    this.resize?.disconnect();
    cancelAnimationFrame(this.relayoutFrame);
    this.relayoutFrame = 0;
    this.rulerWidth = undefined; // reported again when connected again, maybe elsewhere
    this.generation++;
    this.clear();
  }

  attributeChangedCallback(_name, old, now) {
    if (old !== now && this.isConnected) this.update();
  }

  theme() {
    return this.getAttribute("theme") || "auto";
  }

  /**
   * An editor's dataset as JSON text, for pages that hold it rather than serve it (the
   * editor's preview): it takes the place of data-src and is read the same way. Setting
   * it again redraws; null goes back to data-src or the built-in data.
   */
  get json() {
    return this.jsonText ?? null;
  }

  set json(text) {
    this.jsonText = text == null ? null : String(text);
    if (this.isConnected) this.update();
  }

  /** Whether the charts come from an editor's data (the json property or data-src). */
  ownData() {
    return this.json != null || Boolean(this.getAttribute("data-src"));
  }

  /** This widget's dataset and module (see shared). */
  loadSource(chart) {
    const src = this.getAttribute("data-src");
    if (this.json != null) return parseJson(this.json, (e) => failure("The data in the json property is not valid", e));
    return src ? loadData(src) : loadBuiltin(chart);
  }

  /** The theme to draw in: light while printing, else the attribute's, auto from the system. */
  drawTheme() {
    if (this.printing || PRINT.matches) return "light";
    const theme = this.theme();
    return theme === "auto" ? (DARK.matches ? "dark" : "light") : theme;
  }

  /** Redraws the charts in place, at once, if the theme to draw in changed (printing). */
  retheme() {
    const theme = this.drawTheme();
    if (theme === this.body.dataset.theme) return;
    // The DOM's colours (embed.css, through data-theme) follow the canvas's.
    this.body.dataset.theme = theme;
    for (const v of this.views) {
      try {
        v.setTheme(theme);
      } catch (e) {
        this.failView(v, e);
        return;
      }
    }
  }

  /** Shows the failure to draw view `v`'s chart in place of the charts. */
  failView(v, e) {
    this.fail(v.id, v.lang, WORDS[v.lang], notDrawn(v.id, e));
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(`infographic:${type}`, { detail, bubbles: true, composed: true }));
  }

  clear() {
    for (const v of this.views) v.destroy();
    this.views = [];
    this.redraws = []; // (which ends redrawLater's loop)
    this.queue = null;
    this.placeholders = [];
    this.body.replaceChildren(this.ruler);
  }

  /** (Re)builds the charts from the attributes; a newer call supersedes an older one. */
  async update() {
    const generation = ++this.generation;
    const chart = this.getAttribute("chart") || "all";
    const lang = this.getAttribute("lang") || "zh";
    const words = WORDS[lang] || WORDS.zh;
    // The canvas colours (Rust) and the DOM's (embed.css, through data-theme) come from
    // the same decision.
    this.body.dataset.theme = this.drawTheme();
    this.clear();
    this.setAttribute("aria-busy", "true");
    try {
      await HEIGHTS;
      if (generation !== this.generation) return;
      this.body.append(this.skeleton(chart, lang, words));
      // Several charts: their data and module are asked for in the next task, not in the
      // one that puts the widget on the page (at CPU 4×, up to 20 ms of fetch and import
      // calls in a task that also builds the widget and parses its stylesheet).
      if (chart === "all") {
        await nextTurn();
        if (generation !== this.generation) return;
      }
      const [source] = await Promise.all([this.loadSource(chart), this.styled]);
      if (generation !== this.generation) return;
      // Any chart the dataset has: the built-in one or an editor's (a new id needs no code).
      const known = source.data.chartIds();
      const ids = chart === "all" ? known : [chart];
      if (!WORDS[lang]) throw failure("The lang attribute is not valid", `unknown lang "${lang}"; use zh or en`);
      if (!["auto", "light", "dark"].includes(this.theme())) {
        throw failure("The theme attribute is not valid", `unknown theme "${this.theme()}"; use auto, light or dark`);
      }
      for (const id of ids) {
        if (!known.includes(id)) {
          throw failure("The chart attribute is not valid", `unknown chart "${id}"; known charts: ${known.join(", ")}, or all`);
        }
      }
      // Several charts (chart="all"): one step per task, the first chart's too (see
      // nextTurn and drawStep: laying out and drawing a chart for the first time together
      // took 190 ms at CPU 4×, the module compiling what it runs for the first time). One
      // chart: drawn in the task that lays it out, as the reader waits for just this one.
      // Print draws whatever is still queued at once.
      const split = ids.length > 1;
      this.queue = { source, lang, ids: [...ids], laidOut: null, split };
      while (this.queue?.ids.length || this.queue?.laidOut) {
        if (split || !this.queue.laidOut) await nextTurn();
        if (generation !== this.generation) return;
        this.drawStep();
      }
      this.body.querySelector(".skeleton")?.remove();
      this.removeAttribute("aria-busy");
      this.emit("ready", { chart });
    } catch (e) {
      if (generation !== this.generation) return;
      this.fail(chart, lang, words, e);
    }
  }

  /**
   * The next step of drawing the queue, each a task of its own (a chart's first drawing
   * is most of a task's budget on a phone): with several charts, load a font the page has
   * not used yet (fontsToLoad); lay the next chart out, or draw the one laid out (with
   * several charts, in parts: its shapes, then its texts in two halves) in place of a
   * placeholder.
   * It throws a failure.
   */
  drawStep() {
    const { source, lang, ids, laidOut, split } = this.queue;
    if (split && fontsToLoad.length) {
      loadFont(fontsToLoad.shift());
      return;
    }
    if (!laidOut) {
      const id = ids.shift();
      // A print or a system switch may have come while the data loaded.
      const theme = this.drawTheme();
      this.body.dataset.theme = theme;
      try {
        const view = new ChartView(this, source, id, lang, theme);
        this.views.push(view); // from now on clear() frees it
        view.layOut();
        this.queue.laidOut = view;
      } catch (e) {
        throw notDrawn(id, e);
      }
      return;
    }
    const view = laidOut;
    try {
      // Laid out for the widget's width; drawn as laid out unless the widget's width
      // changed meanwhile. Drawn before the chart is on the page: a canvas in the page
      // has the page's style and layout brought up to date for its text.
      if (view.stale()) view.layOut();
      if (!split) view.paint();
      else if (view.paintPart()) view.fit();
      else return;
    } catch (e) {
      throw notDrawn(view.id, e);
    }
    this.queue.laidOut = null;
    // Before the loading placeholders, taking one's place, so the page keeps its height.
    const skeleton = this.body.querySelector(".skeleton");
    this.body.insertBefore(view.node, skeleton);
    skeleton?.firstElementChild?.remove();
    this.placeholders.shift();
    REVEAL.add(view.canvas, { now: !split });
    // The canvas in device pixels: this changes with the pixel ratio (browser zoom,
    // a window moved to another screen) even when no CSS size does. WebKit has no
    // such box and throws on the option; there the window's resize event covers zoom.
    if (DEVICE_PIXEL_BOX) {
      try {
        this.resize?.observe(view.canvas, { box: "device-pixel-content-box" });
      } catch {
        // An engine that lists the box but refuses it: the resize event covers zoom.
      }
    }
  }

  /** Draws every queued chart now, and every one due again (before printing: paper gets every chart). */
  drawAll() {
    try {
      while (this.queue?.ids.length || this.queue?.laidOut) this.drawStep();
      for (const v of this.redraws.splice(0)) {
        try {
          if (v.due) v.render();
        } catch (e) {
          throw notDrawn(v.id, e);
        }
      }
    } catch (e) {
      this.generation++; // the update that queued them stops here
      this.fail(this.getAttribute("chart") || "all", this.queue.lang, WORDS[this.queue.lang], e);
    }
  }

  /**
   * While the module loads: the same boxes the charts will fill, at the height the chart
   * will have at this width (known for the built-in data), so the page does not jump.
   */
  skeleton(chart, lang, words) {
    const builtin = !this.ownData();
    const ids = chart === "all" ? Object.keys(heights.charts) : [chart];
    const box = el("div", { className: "skeleton", role: "status", "aria-label": words.loading });
    this.placeholders = [];
    for (const id of ids) {
      const stage = el("div", { className: "stage placeholder" });
      this.placeholders.push({ stage, estimate: (width) => (builtin && estimateHeight(id, lang, width)) || 240 });
      // The line of links below a chart, as an empty box of its height.
      box.append(el("figure", { className: "chart" }, stage, el("div", { className: "actions" })));
    }
    // Sized in the next frame, before it is painted: measuring the width now would force
    // the page's layout inside this task (a fifth of it at CPU 4× on a long article).
    requestAnimationFrame(() => this.placeholders.length && this.sizePlaceholders());
    return box;
  }

  /**
   * The width the charts are laid out for, in CSS px: the ruler's, as the ResizeObserver
   * last reported it, so that laying out forces no layout of the page (reading a width
   * after the DOM changed cost a fifth of each chart's drawing at CPU 4×); measured where
   * there is no report yet (or no ResizeObserver). A hidden widget gets 320.
   */
  chartWidth() {
    return (this.rulerWidth ?? Math.floor(this.ruler.getBoundingClientRect().width)) || 320;
  }

  /** The placeholders' heights for the current width (re-run when the width is known). */
  sizePlaceholders() {
    // The ruler: a block, as wide as the charts will be even before embed.css applies
    // (until then the host is inline, and a wrong width gives a placeholder's height
    // that sets off a scrollbar, then a resize loop when it goes).
    const width = this.chartWidth();
    for (const p of this.placeholders) p.stage.style.height = `${p.estimate(width)}px`;
  }

  fail(chart, lang, words, e) {
    const message = failure("The chart could not be shown", e).message;
    this.clear();
    this.removeAttribute("aria-busy");
    const box = el(
      "div",
      { className: "error", role: "alert" },
      el("strong", { text: words.error }),
      el("p", { text: message }),
    );
    const image = this.fallbackImage(chart, lang);
    if (image) {
      const img = el("img", { src: image, alt: "" });
      img.addEventListener("error", () => img.remove(), { once: true });
      box.append(img);
    }
    this.body.append(box);
    this.emit("error", { chart, message });
  }

  /**
   * The image under an error: the editor's fallback-src, else the built-in chart's own
   * drawing, but only for the built-in data: under an editor's data-src it would show
   * another dataset's figures.
   */
  fallbackImage(chart, lang) {
    const named = this.getAttribute("fallback-src");
    if (named) {
      try {
        return new URL(named, document.baseURI).href;
      } catch {
        return null;
      }
    }
    if (this.ownData() || chart === "all" || !WORDS[lang] || !builtinChart(chart)) return null;
    return new URL(`fallback/${chart}.${lang}.svg`, BASE).href;
  }

  /**
   * Draws the charts again where the width or the pixel ratio changed (`force`: all of them,
   * for web fonts that arrived), one step per task (ChartView.redrawStep), the charts in
   * view first: redrawn all in one task, chart="all" on a phone turned sideways took
   * 170–240 ms at CPU 4×.
   */
  relayout(force = false) {
    if (this.placeholders.length) this.sizePlaceholders();
    // (A chart laid out but not yet on the page is drawn by drawStep, which checks its width.)
    const due = this.views.filter((v) => v !== this.queue?.laidOut && (force || v.due || v.stale()));
    const inView = due.filter((v) => {
      const r = v.node.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    });
    for (const v of due) {
      v.due = true;
      v.fit(); // its highlight follows the old drawing, scaled, until the new one shows
    }
    this.redraws = [...inView, ...due.filter((v) => !inView.includes(v))];
    if (due.length && !this.redrawing) this.redrawLater();
  }

  /** Works through `redraws`, a step per task, until it is empty (clear() empties it). */
  async redrawLater() {
    this.redrawing = true;
    try {
      while (this.redraws.length) {
        await nextTurn();
        const view = this.redraws[0];
        try {
          if (view?.redrawStep()) {
            this.redraws.shift();
            // One redrawn canvas per frame, as Reveal shows first drawings: a frame that
            // hands several to the compositor at once was a long task (narrowed to 360 px
            // at CPU 4×: longest task 40 -> 33 ms, median of 6).
            await new Promise((ok) => requestAnimationFrame(ok));
          }
        } catch (e) {
          this.failView(view, e);
        }
      }
    } finally {
      this.redrawing = false;
    }
  }
}

if (!customElements.get("park-infographic")) customElements.define("park-infographic", ParkInfographic);

// Compile the modules requested at load now, while the styles, heights and data arrive
// (a failure reaches the widgets that need the module, through their own loadModule).
for (const kind of Object.keys(requests)) loadModule(kind).catch(() => {});
