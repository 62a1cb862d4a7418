// When work happens: charts drawn a step per task, the charts' fonts loaded ahead of a
// page of several charts, and drawn canvases shown at most one per frame.

/**
 * Waits for this page's next turn to draw: charts are drawn a step per task, in the order
 * they asked, so a page with many of them never blocks the main thread for long (a phone
 * would freeze while eight charts draw in one go).
 */
let lastTurn = Promise.resolve();
export function nextTurn() {
  const yieldToMain = () =>
    typeof globalThis.scheduler?.yield === "function"
      ? globalThis.scheduler.yield()
      : new Promise((ok) => setTimeout(ok, 0));
  lastTurn = lastTurn.then(yieldToMain);
  return lastTurn;
}

/** The charts' font family, and the fonts their texts use ([CSS px, weight]): the module's
 *  (src/paint.rs, FONT_FAMILY and FONTS_CSS), copied because an export of them cost the
 *  wasm about 400 B gzip; a test keeps them equal. */
const FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";
const FONTS_CSS = [[16, "bold"], [13, "normal"], [13, "bold"], [11, "normal"], [11, "bold"], [26, "bold"]];

/**
 * The charts' fonts not yet used on this page. Each font's first text loads its files and
 * asks the system for its rendering: several of them in the first chart's drawing made it
 * the longest task of a page of several charts, which therefore loads them first, one per
 * task. A single chart does not: it is drawn at once, and the same work in tasks of their
 * own only delays it.
 */
const fontsToLoad = [...FONTS_CSS];
let fontContext;

/** Loads the next font not yet used on this page; false when there is none left. */
export function loadNextFont() {
  const next = fontsToLoad.shift();
  if (!next) return false;
  const [px, weight] = next;
  try {
    fontContext ??= document.createElement("canvas").getContext("2d");
    // In device pixels, as the canvas's texts are: each size is a font of its own.
    fontContext.font = `${weight} ${Math.round(px * (window.devicePixelRatio || 1))}px ${FONT_FAMILY}`;
    fontContext.measureText("高新区 2019 年 亿元 +8.5% Park");
  } catch {
    // Only a head start: whatever failed here, a chart's drawing reports it.
  }
  return true;
}

/**
 * Shows newly drawn canvases on the screen at most one per frame, page-wide. The frame that
 * first shows a canvas hands its pixels to the compositor on the main thread (without a
 * GPU, a large part of a frame's budget on a phone), so two charts scrolled into view
 * together made one long frame. A canvas waits hidden (`.pending`, not in print) until the
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
export const REVEAL = new Reveal();
