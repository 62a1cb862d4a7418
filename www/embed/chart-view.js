// One chart inside a widget: its canvas, highlight ring, tooltip, keys, data table and
// downloads. The drawing, hit-testing and every word about a figure come from the module.
import { csv as csvText } from "./csv.js";
import { download, el, Listeners, pngBlob } from "./dom.js";
import { REVEAL } from "./schedule.js";
import { langKey, wordsFor } from "./words.js";

// Marks whose highlight a chart keeps built (each is two layers; see ChartView.highlight).
const KEPT_HIGHLIGHTS = 12;

/** The actions under a chart: one line of text links, the table's <details> first. */
function actions(table, png, csv) {
  const sep = () => el("span", { className: "sep", "aria-hidden": "true", text: "·" });
  return el("div", { className: "actions" }, table, el("div", { className: "tools" }, sep(), png, sep(), csv));
}

/** One chart inside a widget: its canvas, highlight ring, tooltip, keys and downloads. */
export class ChartView {
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
    // Each mark's highlight, a ring round it and its tooltip over the canvas, is built the
    // first time the mark is shown (for this layout), then shown and hidden by a class:
    // each is a layer of its own (embed.css), so a hover changes no layout and repaints
    // nothing, neither the canvas nor text.
    this.highlights = new Map(); // mark -> { ring, tip }, the least recently shown first
    this.highlighted = null; // the one shown
    this.build(wordsFor(lang));
    this.listenToReader();
  }

  /** The chart's figure: its stage (canvas), description, announcements and line of links. */
  build(words) {
    this.canvas = el("canvas", { className: "base", "aria-hidden": "true" });
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
    this.listeners.on(png, "click", () => this.downloadPng());
    this.listeners.on(csv, "click", () =>
      download(new Blob([csvText(this.chart.table(), words.csvColumns)], { type: "text/csv;charset=utf-8" }), `${this.id}.${langKey(this.lang)}.csv`),
    );
    this.node = el("figure", { className: "chart" }, this.stage, this.desc, this.live, actions(this.table(words), png, csv));
    // Ids are scoped to this widget's shadow root, and chart ids are unique within it.
    this.desc.id = `desc-${this.id}`;
    this.stage.setAttribute("aria-describedby", this.desc.id);
  }

  /** The reader's pointer, touch and keys on the stage. */
  listenToReader() {
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
    // A note is read after its figure's value; lines and bands come after the figures.
    const body = rows.map((r) =>
      el(
        "tr",
        {},
        el("th", { scope: "row", text: r.highlight ? `${r.label} · ${r.highlight}` : r.label }),
        el("td", { text: r.valueText + (r.derived ? ` (${r.derived})` : "") + (r.remark ? ` · ${r.remark}` : "") }),
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
    const detail = { chart: this.id, id: d.id, label: d.label, value: d.value, unit: d.unit };
    // A line's or band's label: no figure, its type instead.
    if (d.annotation) detail.annotation = d.annotation;
    this.host.emit("hover", detail);
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
      chart.layOut(this.renderedWidth || 640, 2);
      chart.draw(canvas);
      const blob = await pngBlob(canvas);
      if (blob) download(blob, `${this.id}.${langKey(this.lang)}.png`);
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
