// The Charts step (图表 · Charts): pick a chart (it is the one previewed), its form
// (suggested from its data by the module, named in the UI's language), titles and notes,
// the order of its figures; add and remove charts. A chart's id changes only when the
// edit is committed (Enter or leaving the field), and exactly its own figures follow it.
// Its annotations (annotations-panel.js): figures ticked in the order list are highlighted;
// lines, bands and notes added; a figure's new id carried into them in the same step.
// And the derived-figure editor for the grid's active row. Changes go through the store.
import { option } from "../embed/dom.js";
import { annotationsOf, carryRenames } from "./annotations.js";
import { AnnotationPanel } from "./annotations-panel.js";
import { freshId } from "./ids.js";
import { removeChart, renameChart } from "./model.js";
import { word } from "./words.js";
import { obj } from "./state.js";

const $ = (id) => document.getElementById(id);

/** Reads `a.b` of an object, as text for an input. */
function getPath(o, path) {
  const v = path.split(".").reduce((x, k) => (obj(x) ? x[k] : undefined), o);
  return v === undefined || v === null ? "" : String(v);
}

/** Writes `a` or `a.lang` (a text: English and optional texts go when empty). */
function setPath(o, path, value) {
  const [head, lang] = path.split(".");
  if (!lang) return void (o[head] = value);
  if (!obj(o[head])) o[head] = { zh: "" };
  if (lang === "en" && !value.trim()) delete o[head].en;
  else o[head][lang] = value;
  if (head === "note" && !o[head].zh && !o[head].en) delete o[head];
}

/** Whether some row's figure id differs between two versions with as many rows (cheap: no copy). */
const renamed = (a, b) => a.figures.length === b.figures.length && a.figures.some((f, i) => f?.id !== b.figures[i]?.id);

const chartName = (c) => `${getPath(c, "id")} — ${getPath(c, "title.zh") || getPath(c, "title.en")}`;
/** A figure by its label, as the journalist wrote it (its id only where it has none). */
const figureName = (f) => getPath(f, "label.zh") || getPath(f, "label.en") || getPath(f, "id");

export class ChartPanel {
  /** `ctx`: {forms() → [{id, label}], onPick(), annotationTypes() → [{id, label}], readValue()}. */
  constructor({ store, ctx }) {
    this.store = store;
    this.ctx = ctx;
    this.index = 0;
    this.annotations = new AnnotationPanel({
      store,
      ctx: { chart: () => this.index, types: () => ctx.annotationTypes?.() ?? [], readValue: () => ctx.readValue?.() ?? null, say: (t) => (this.status.textContent = t) },
    });
    this.followRenames();
    this.pick = $("chart-pick");
    this.fields = $("chart-fields");
    this.order = $("chart-order");
    this.status = $("chart-status");
    this.idInput = this.fields.querySelector('[data-field="id"]');
    this.pick.addEventListener("change", () => {
      this.index = Number(this.pick.value);
      this.render();
      this.ctx.onPick();
    });
    this.fields.addEventListener("input", (e) => e.target !== this.idInput && e.target.tagName === "INPUT" && this.edit(e.target));
    this.fields.addEventListener("change", (e) => (e.target === this.idInput ? this.rename() : e.target.tagName === "SELECT" && this.edit(e.target)));
    this.idInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.rename();
      if (e.key === "Escape") this.idInput.value = this.current();
    });
    $("add-chart").addEventListener("click", () => this.add());
    $("remove-chart").addEventListener("click", () => this.remove());
    this.order.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (b) this.move(b.dataset.figure, Number(b.dataset.step));
    });
    this.order.addEventListener("change", (e) => e.target.dataset.pick !== undefined && this.annotations.pick(e.target.dataset.pick, e.target.checked));
  }

  /**
   * A figure's id changed in its row (the grid's id cell): its highlight and note follow,
   * as part of that same step, so no annotation is left naming an id that is gone.
   */
  followRenames() {
    let seen = this.store.doc;
    this.store.subscribe((change) => {
      const before = seen;
      seen = this.store.doc;
      if (change.kind !== "update" || before === seen || !renamed(before, seen)) return;
      this.store.update((doc) => (carryRenames(before, doc) ? undefined : false), change.label, { amend: true });
    });
  }

  charts() {
    return this.store.doc.charts;
  }

  chart() {
    return this.charts()[this.index] ?? null;
  }

  /** The previewed chart's id. */
  current() {
    return typeof this.chart()?.id === "string" ? this.chart().id : "";
  }

  show(id) {
    const i = this.charts().findIndex((c) => c.id === id);
    if (i >= 0) this.index = i;
    this.render();
    this.ctx.onPick();
  }

  render() {
    const charts = this.charts();
    this.index = Math.max(0, Math.min(this.index, charts.length - 1));
    this.pick.replaceChildren(...charts.map((c, i) => option(String(i), chartName(c), i === this.index)));
    const chart = this.chart();
    const form = this.fields.querySelector('[data-field="form"]');
    const forms = this.ctx.forms();
    const current = chart?.form ?? "";
    const known = forms.some((f) => f.id === current);
    form.replaceChildren(...forms.map((f) => option(f.id, f.label, f.id === current)), ...(known || !current ? [] : [option(current, current, true)]));
    for (const input of this.fields.querySelectorAll("[data-field]")) {
      input.disabled = !chart;
      if (document.activeElement !== input && input !== form) input.value = chart ? getPath(chart, input.dataset.field) : "";
    }
    $("remove-chart").disabled = !chart;
    $("charts-empty").hidden = Boolean(chart);
    this.renderOrder();
    this.annotations.render();
  }

  renderOrder() {
    const id = this.current();
    const mine = this.store.doc.figures.filter((f) => f.chart === id && id !== "");
    if (!mine.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = word(this.chart() ? "noFigures" : "noCharts");
      return this.order.replaceChildren(li);
    }
    const lit = new Set(annotationsOf(this.chart()).flatMap((a) => (a?.type === "highlight" && Array.isArray(a.figures) ? a.figures : [])));
    this.order.replaceChildren(
      ...mine.map((f, k) => {
        const li = document.createElement("li");
        li.append(this.pickBox(f));
        if (lit.has(f.id)) li.append(" ", Object.assign(document.createElement("em"), { textContent: word("isHighlighted") }));
        for (const [step, w] of [[-1, "up"], [1, "down"]]) {
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = word(w);
          b.dataset.figure = f.id;
          b.dataset.step = step;
          b.setAttribute("aria-label", `${word(w)}: ${getPath(f, "label.zh") || f.id}`);
          b.disabled = (step < 0 && k === 0) || (step > 0 && k === mine.length - 1);
          li.append(b);
        }
        return li;
      }),
    );
  }

  /** A figure's name with the box that ticks it for the highlight. */
  pickBox(f) {
    const label = document.createElement("label");
    const box = Object.assign(document.createElement("input"), { type: "checkbox", checked: this.annotations.picked.has(f.id) });
    box.dataset.pick = f.id;
    const name = document.createElement("span");
    name.textContent = figureName(f);
    label.append(box, " ", name);
    return label;
  }

  edit(input) {
    const path = input.dataset.field;
    const i = this.index;
    if (!this.chart() || !path) return;
    this.store.update((doc) => setPath(doc.charts[i], path, input.value), "chart", { merge: `chart-${i}-${path}` });
  }

  /** The id typed is committed: the chart, and exactly its figures, take it. */
  rename() {
    const i = this.index;
    const next = this.idInput.value.trim();
    if (!this.chart() || next === this.current()) return;
    let refused = null;
    this.store.update((doc) => {
      refused = renameChart(doc, i, next);
      return refused ? false : undefined;
    }, "renameChart");
    this.status.textContent = refused ? word(refused, { id: next }) : "";
    if (refused) this.idInput.value = this.current();
    this.ctx.onPick();
  }

  /** Moves figure `id` past its neighbour in the same chart. */
  move(id, step) {
    this.store.update((doc) => {
      const figures = doc.figures;
      const i = figures.findIndex((f) => f.id === id);
      const chart = figures[i]?.chart;
      let j = i + step;
      while (j >= 0 && j < figures.length && figures[j].chart !== chart) j += step;
      if (i < 0 || j < 0 || j >= figures.length) return false;
      [figures[i], figures[j]] = [figures[j], figures[i]];
    }, "move");
    const again = this.order.querySelector(`button[data-figure="${CSS.escape(id)}"][data-step="${step}"]`);
    (again && !again.disabled ? again : this.order.querySelector(`button[data-figure="${CSS.escape(id)}"]:not([disabled])`))?.focus();
  }

  add() {
    this.store.update((doc) => {
      const id = freshId(doc.charts, "chart");
      doc.charts.push({ id, form: "bars", title: { zh: "" }, description: { zh: "" } });
      this.index = doc.charts.length - 1;
    }, "addChart");
    this.render();
    this.fields.querySelector('[data-field="title.zh"]').focus();
    this.ctx.onPick();
  }

  remove() {
    const i = this.index;
    const id = this.current();
    if (!this.chart()) return;
    const k = annotationsOf(this.chart()).length;
    const n = this.store.update((doc) => removeChart(doc, i), "removeChart");
    this.status.textContent = [word("chartRemoved", { id, n }), k ? word("chartAnnotationsGone", { n: k }) : ""].filter(Boolean).join(" ");
    this.pick.focus();
    this.ctx.onPick();
  }

  /** Shows chart `i` with focus on its `field` (an error path's field). */
  goTo(i, field) {
    this.index = i;
    this.render();
    this.ctx.onPick();
    if (String(field).startsWith("annotations")) return this.annotations.goTo(field);
    const input = this.fields.querySelector(`[data-field="${field}"]`) ?? this.fields.querySelector(`[data-field="${field}.zh"]`);
    (input ?? this.pick).focus();
  }

  /** Marks chart `i`'s field `field` (an annotation's: shown at it, with `message`). */
  markError(i, field, describedBy, message) {
    this.annotations.markError(i, field, message);
    for (const input of this.fields.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
    if (i !== this.index || field == null) return;
    const input = this.fields.querySelector(`[data-field="${field}"]`) ?? this.fields.querySelector(`[data-field="${field}.zh"]`);
    input?.setAttribute("aria-invalid", "true");
    input?.setAttribute("aria-describedby", describedBy);
  }
}

/** The derived-figure editor for the grid's active row. */
export class DerivedPanel {
  /** `ctx.rules()`: [{id, label}] from the module. */
  constructor({ store, ctx }) {
    this.store = store;
    this.ctx = ctx;
    this.row = -1;
    this.op = $("derived-op");
    this.from = $("derived-from");
    this.step = $("derived-step");
    this.ruleZh = $("derived-rule-zh");
    this.ruleEn = $("derived-rule-en");
    this.out = $("derived-out");
    this.title = $("derived-for");
    this.error = null; // {row, field, describedBy}: the check's message points at a field here
    this.inputs = { rule: this.op, inputs: this.from, step: this.step, ruleZh: this.ruleZh, ruleEn: this.ruleEn };
    for (const input of [this.op, this.from, this.step, this.ruleZh, this.ruleEn]) {
      input.addEventListener(input === this.op ? "change" : "input", () => this.edit());
    }
  }

  figure() {
    return this.store.doc.figures[this.row] ?? null;
  }

  show(row) {
    this.row = row;
    this.render();
  }

  render() {
    const f = this.figure();
    const rules = this.ctx.rules();
    this.op.replaceChildren(option("", word("ruleNone"), true), ...rules.map((r) => option(r.id, r.label, false)));
    this.title.textContent = f ? word("derivedFor", { id: getPath(f, "label.zh") || getPath(f, "id") }) : word("noRow");
    const d = obj(f?.derived) ? f.derived : null;
    this.op.value = d && rules.some((r) => r.id === d.op) ? d.op : "";
    this.from.value = Array.isArray(d?.from) ? d.from.join(", ") : "";
    this.step.value = d?.step ?? "";
    this.ruleZh.value = getPath(d, "rule.zh");
    this.ruleEn.value = getPath(d, "rule.en");
    this.op.disabled = !f;
    this.from.disabled = this.step.disabled = this.ruleZh.disabled = this.ruleEn.disabled = !d;
    this.showError();
  }

  /** The check's message points at `field` of row `row`'s derived value (or nowhere: null). */
  markError(row, field, describedBy) {
    this.error = row == null ? null : { row, field, describedBy };
    this.showError();
  }

  showError() {
    for (const input of Object.values(this.inputs)) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
    const input = this.error?.row === this.row ? this.inputs[this.error.field] : null;
    input?.setAttribute("aria-invalid", "true");
    input?.setAttribute("aria-describedby", this.error.describedBy);
  }

  /** Shows row `row`'s derived value with the keyboard at its `field`. */
  goTo(row, field) {
    this.show(row);
    (this.inputs[field] ?? this.op).focus();
  }

  edit() {
    const row = this.row;
    if (!this.figure()) return;
    const op = this.op.value;
    const values = { from: this.from.value, step: this.step.value.trim(), zh: this.ruleZh.value, en: this.ruleEn.value };
    this.store.update((doc) => {
      const f = doc.figures[row];
      if (!op) return void delete f.derived;
      const d = obj(f.derived) ? f.derived : { op, from: [], rule: { zh: "" } };
      d.op = op;
      d.from = values.from.split(/[,，\s]+/).filter(Boolean);
      if (op === "index_path" && values.step !== "") d.step = /^\d+$/.test(values.step) ? Number(values.step) : values.step;
      else delete d.step;
      d.rule = values.en.trim() ? { zh: values.zh, en: values.en } : { zh: values.zh };
      f.derived = d;
    }, "derived", { merge: `derived-${row}` });
    this.from.disabled = this.step.disabled = this.ruleZh.disabled = this.ruleEn.disabled = !op;
  }

  result(text) {
    this.out.textContent = text;
  }
}
