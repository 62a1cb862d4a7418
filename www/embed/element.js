// <park-infographic>: the element. It reads its attributes, loads its data and module,
// shows the snippet's picture (or a loading placeholder) until its canvases are drawn,
// redraws on width, pixel-ratio, theme and print changes, and reports failures in place.
import { el, Listeners } from "./dom.js";
import { failure, notDrawn } from "./errors.js";
import { BUILTIN_CHARTS, builtinChart, estimateHeight, loadHeights, loadSource } from "./load.js";
import { FirstDrawing } from "./queue.js";
import { nextTurn, REVEAL } from "./schedule.js";
import { WORDS, langKey, wordsFor } from "./words.js";

// Whether ResizeObserver can report a box in device pixels (not in WebKit/Safari).
const DEVICE_PIXEL_BOX =
  typeof ResizeObserverEntry === "function" && "devicePixelContentBoxSize" in ResizeObserverEntry.prototype;
// Created once, at load: one list per query for every widget.
const DARK = matchMedia("(prefers-color-scheme: dark)");
const PRINT = matchMedia("print");

export class ParkInfographic extends HTMLElement {
  static observedAttributes = ["chart", "lang", "theme", "data-src", "fallback-src"];

  constructor() {
    super();
    this.views = [];
    this.redraws = []; // views to draw again, one step per task (relayout)
    this.placeholders = [];
    this.generation = 0;
    this.printing = false; // between beforeprint and afterprint
    this.root = this.attachShadow({ mode: "open" });
    const sheet = el("link", { rel: "stylesheet", href: new URL(__BUILD__ + "embed.css", import.meta.url).href });
    // Draw only once the styles apply: before, the figure has the browser's default
    // margins and the chart would be laid out for the wrong width.
    this.styled = new Promise((ok) => {
      sheet.addEventListener("load", ok, { once: true });
      sheet.addEventListener("error", ok, { once: true });
    });
    // A block of no height as wide as the charts: what the ResizeObserver watches.
    this.ruler = el("div", { className: "ruler", "aria-hidden": "true" });
    this.body = el("div", { className: "body", part: "body" }, this.ruler);
    // Where the snippet's picture of the chart (the element's own content) shows: while
    // loading, then under a canvas until it shows, or under an error message.
    this.pictureSlot = el("slot");
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

  /** Whether the element holds a picture of its one chart (the snippet's) to show meanwhile. */
  pictured(chart) {
    return chart !== "all" && this.firstElementChild !== null;
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
    this.fail(v.id, v.lang, wordsFor(v.lang), notDrawn(v.id, e));
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
    // The attribute as written: the module checks it when it draws (Lang::parse: zh-CN,
    // en-GB…); the widget's words and files follow its language subtag.
    const lang = this.getAttribute("lang") || "zh";
    const words = wordsFor(lang);
    // The canvas colours (Rust) and the DOM's (embed.css, through data-theme) come from
    // the same decision.
    this.body.dataset.theme = this.drawTheme();
    this.clear();
    this.setAttribute("aria-busy", "true");
    try {
      if (this.pictured(chart)) {
        // The snippet's picture stays on the screen from the start: in this task, before
        // the page paints the element's shadow tree without it.
        this.body.append(el("div", { className: "picture" }, this.pictureSlot));
      } else {
        await loadHeights();
        if (generation !== this.generation) return;
        this.body.append(this.skeleton(chart, lang, words));
      }
      // Several charts: their data and module are asked for in the next task, not in the
      // one that puts the widget on the page (at CPU 4×, up to 20 ms of fetch and import
      // calls in a task that also builds the widget and parses its stylesheet).
      if (chart === "all") {
        await nextTurn();
        if (generation !== this.generation) return;
      }
      const [source] = await Promise.all([loadSource(this, chart), this.styled]);
      if (generation !== this.generation) return;
      // Any chart the dataset has: the built-in one or an editor's (a new id needs no code).
      const known = source.data.chartIds();
      const ids = chart === "all" ? known : [chart];
      if (!["auto", "light", "dark"].includes(this.theme())) {
        throw failure("The theme attribute is not valid", `unknown theme "${this.theme()}"; use auto, light or dark`);
      }
      for (const id of ids) {
        if (!known.includes(id)) {
          throw failure("The chart attribute is not valid", `unknown chart "${id}"; known charts: ${known.join(", ")}, or all`);
        }
      }
      this.queue = new FirstDrawing(this, source, lang, ids);
      if (!(await this.queue.run(() => generation === this.generation))) return;
      this.body.querySelector(".skeleton")?.remove();
      this.removeAttribute("aria-busy");
      this.emit("ready", { chart });
    } catch (e) {
      if (generation !== this.generation) return;
      this.fail(chart, lang, words, e);
    }
  }

  /**
   * Puts `view`, drawn, in place of its loading placeholder (or of the snippet's picture,
   * which it takes along to show until the canvas shows), so the page keeps its height.
   * `now`: show the canvas at once rather than when it comes into view (see Reveal).
   */
  place(view, { now }) {
    const skeleton = this.body.querySelector(".skeleton, .picture");
    this.body.insertBefore(view.node, skeleton);
    if (skeleton?.classList.contains("picture")) {
      view.stage.append(this.pictureSlot);
      skeleton.remove();
    } else {
      skeleton?.firstElementChild?.remove();
      this.placeholders.shift();
    }
    REVEAL.add(view.canvas, { now });
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
      this.queue?.finish();
      for (const v of this.redraws.splice(0)) {
        try {
          if (v.due) v.render();
        } catch (e) {
          throw notDrawn(v.id, e);
        }
      }
    } catch (e) {
      this.generation++; // the update that queued them stops here
      this.fail(this.getAttribute("chart") || "all", this.queue.lang, wordsFor(this.queue.lang), e);
    }
  }

  /**
   * While the module loads: the same boxes the charts will fill, at the height the chart
   * will have at this width (known for the built-in data), so the page does not jump.
   */
  skeleton(chart, lang, words) {
    const builtin = !this.ownData();
    const ids = chart === "all" ? BUILTIN_CHARTS : [chart];
    const box = el("div", { className: "skeleton", role: "status", "aria-label": words.loading });
    this.placeholders = [];
    for (const id of ids) {
      const stage = el("div", { className: "stage placeholder" });
      this.placeholders.push({ stage, estimate: (width) => (builtin && estimateHeight(id, langKey(lang), width)) || 240 });
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
    // Under the message: the snippet's picture, else a fallback image if there is one.
    const image = this.pictured(chart) ? null : this.fallbackImage(chart, lang);
    if (!image) box.append(this.pictureSlot);
    else {
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
    if (this.ownData() || chart === "all" || !WORDS[langKey(lang)] || !builtinChart(chart)) return null;
    return new URL(`${__BUILD__}fallback/${chart}.${langKey(lang)}.svg`, import.meta.url).href;
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

/** Defines <park-infographic> (once, whoever loads this first). */
export function define() {
  if (!customElements.get("park-infographic")) customElements.define("park-infographic", ParkInfographic);
}
