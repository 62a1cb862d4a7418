// A widget's first drawing of its charts, as one object: a step per task, so a page of
// several charts never blocks the main thread for long on a phone.
import { notDrawn } from "./errors.js";
import { ChartView } from "./chart-view.js";
import { loadNextFont, nextTurn } from "./schedule.js";

/**
 * Draws `ids` of `source` in `lang` for `host` (the element), each step a task of its own
 * (a chart's first drawing is most of a task's budget on a phone): with several charts,
 * load a font the page has not used yet; lay the next chart out, or draw the one laid out
 * (with several charts in parts: its shapes, then its texts in two halves), then hand it
 * to the host to put in place. One chart is drawn in the task that lays it out, as the
 * reader waits for just this one. Steps throw failures.
 */
export class FirstDrawing {
  constructor(host, source, lang, ids) {
    this.host = host;
    this.source = source;
    this.lang = lang;
    this.ids = [...ids];
    this.laidOut = null; // the view laid out and not yet drawn
    this.split = ids.length > 1;
  }

  get done() {
    return !this.ids.length && !this.laidOut;
  }

  /** Works through the steps a task each; false if `current()` says it was superseded. */
  async run(current) {
    while (!this.done) {
      if (this.split || !this.laidOut) await nextTurn();
      if (!current()) return false;
      this.step();
    }
    return true;
  }

  /** Every step left, now (before printing: paper gets every chart). */
  finish() {
    while (!this.done) this.step();
  }

  step() {
    if (this.split && loadNextFont()) return;
    if (!this.laidOut) {
      this.layOutNext();
      return;
    }
    const view = this.laidOut;
    try {
      // Laid out for the widget's width; drawn as laid out unless the width changed
      // meanwhile. Drawn before the chart is on the page: a canvas in the page has the
      // page's style and layout brought up to date for its text.
      if (view.stale()) view.layOut();
      if (!this.split) view.paint();
      else if (view.paintPart()) view.fit();
      else return;
    } catch (e) {
      throw notDrawn(view.id, e);
    }
    this.laidOut = null;
    this.host.place(view, { now: !this.split });
  }

  layOutNext() {
    const id = this.ids.shift();
    // A print or a system switch may have come while the data loaded.
    const theme = this.host.drawTheme();
    this.host.body.dataset.theme = theme;
    try {
      const view = new ChartView(this.host, this.source, id, this.lang, theme);
      this.host.views.push(view); // from now on the host's clear() frees it
      view.layOut();
      this.laidOut = view;
    } catch (e) {
      throw notDrawn(id, e);
    }
  }
}
