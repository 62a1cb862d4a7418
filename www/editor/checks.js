// The check: the module's validation of the working dataset, at most once per animation
// frame however fast the edits come; its message (in the UI's language, from the module)
// shown once above the grid and at its cell, chart field or dataset field, with a button
// that goes there. Row numbers are the grid's (from 1).
import { columnForField } from "./columns.js";
import { serialize } from "./state.js";
import { word } from "./words.js";

const $ = (id) => document.getElementById(id);

/** [] when `text` is a valid dataset, else [path, message] (in `lang`): the module's check. */
export const check = (m, text, lang) => m.checkJson(text, lang);

// A derived figure's fields, by the words of the derived panel's inputs.
const DERIVED_FIELDS = { op: "rule", from: "inputs", step: "step", rule: "ruleZh", "rule.zh": "ruleZh", "rule.en": "ruleEn" };

/**
 * Where an error path points: a grid cell (and, for a derived figure's rule, the derived
 * panel's field), a chart's field, the dataset panel, or the file.
 */
export function locate(path, doc) {
  let m = /^figures\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (m) {
    const row = Number(m[1]);
    const key = columnForField(m[2] ?? "id");
    const derived = /^derived(?:\.(.+))?$/.exec(m[2] ?? "");
    if (derived) {
      const field = (derived[1] ?? "op").replace(/\[\d+\]$/, "");
      const name = DERIVED_FIELDS[field] ?? "rule";
      return { row, key, derived: name, where: word("whereDerived", { row: row + 1, field: word(name) }) };
    }
    return { row, key, where: word("whereRow", { row: row + 1, col: word(`col.${key}`) }) };
  }
  // An annotation's field: shown at the annotation (the chart panel's list), by its number.
  m = /^charts\[(\d+)\]\.(annotations(?:\[(\d+)\])?.*)$/.exec(path);
  if (m) {
    const n = Number(m[1]);
    const names = { n: n + 1, id: doc.charts[n]?.id ?? "", k: Number(m[3]) + 1 };
    return { chart: n, field: m[2], where: word(m[3] === undefined ? "whereAnnotations" : "whereAnnotation", names) };
  }
  m = /^charts\[(\d+)\](?:\.([a-z_.]+))?/.exec(path);
  if (m) {
    const field = m[2] ?? "id";
    const n = Number(m[1]);
    const names = { id: "chartId", form: "form", title: "titleZh", "title.zh": "titleZh", "title.en": "titleEn", description: "descZh", "description.zh": "descZh", "description.en": "descEn", note: "noteZh", "note.zh": "noteZh", "note.en": "noteEn" };
    return { chart: n, field, where: word("whereChart", { n: n + 1, id: doc.charts[n]?.id ?? "", field: word(names[field] ?? "chartId") }) };
  }
  return { dataset: path, where: path ? path : word("whereFile") };
}

export class Checker {
  /** `ctx`: {module(), lang(), grid, charts, dataset, derived, onValid(text)}. */
  constructor({ store, ctx }) {
    this.store = store;
    this.ctx = ctx;
    this.scheduled = false;
    this.problem = null;
    this.valid = null; // the JSON text of the last valid version
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.run();
    });
  }

  run() {
    const m = this.ctx.module();
    if (!m) return;
    // A new, empty dataset is not a mistake: say what to do, and mark nothing.
    if (!this.store.doc.figures?.length) {
      this.show(null);
      $("check").replaceChildren(Object.assign(document.createElement("p"), { className: "help", textContent: word("emptyHint") }));
      return;
    }
    const text = serialize(this.store.doc);
    let result;
    try {
      result = check(m, text, this.ctx.lang());
    } catch (e) {
      result = ["", e.message];
    }
    this.show(result.length ? result : null);
    if (!result.length && this.valid !== text) {
      this.valid = text;
      this.ctx.onValid(text);
    }
  }

  /** Shows `next` ([path, message] or null), marked where it points. */
  show(next) {
    const same = JSON.stringify(next) === JSON.stringify(this.problem);
    this.problem = next;
    const box = $("check");
    const at = next ? locate(next[0], this.store.doc) : {};
    this.ctx.grid.markError(at.row ?? null, at.key, "check-message");
    this.ctx.charts.markError(at.chart ?? null, at.field, "check-message", next?.[1]);
    this.ctx.dataset.markError(at.dataset ?? null);
    this.ctx.derived.markError(at.derived ? at.row : null, at.derived, "check-message");
    if (!next) {
      if (!same || !box.querySelector(".ok")) box.replaceChildren(Object.assign(document.createElement("p"), { className: "ok", textContent: word("valid") }));
      return;
    }
    if (same && box.querySelector("[role=alert]")) return;
    // The alert is replaced only when the error changes, so it is announced once.
    const alert = document.createElement("div");
    alert.className = "error";
    alert.setAttribute("role", "alert");
    const p = Object.assign(document.createElement("p"), { id: "check-message", textContent: `${word("errorAt", { where: at.where })}${next[1]}` });
    const kept = Object.assign(document.createElement("p"), { textContent: this.valid ? word("previewKept") : word("noValid") });
    alert.append(p, kept);
    const go = Object.assign(document.createElement("button"), { type: "button", textContent: word("goToError") });
    go.addEventListener("click", () => {
      if (at.row != null) this.ctx.grid.goTo(at.row, at.key);
      if (at.derived) this.ctx.derived.goTo(at.row, at.derived);
      else if (at.chart != null) this.ctx.charts.goTo(at.chart, at.field);
      else this.ctx.dataset.goTo(at.dataset);
    });
    go.hidden = at.row == null && at.chart == null && !this.ctx.dataset.input(at.dataset);
    box.replaceChildren(alert, go);
  }

  /** Re-shows the current message (the UI's language changed). */
  again() {
    const keep = this.problem;
    this.problem = null;
    if (keep) this.show(keep);
  }
}
