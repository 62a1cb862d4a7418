// The chart step's annotations (注解): the highlight toggle for the figures ticked in the
// chart's order list, a small form that adds a line, band or note, and the chart's list of
// annotations, each described in plain words, edited in place and removable. Every change
// is one store update (annotations.js makes it); the check's message about an annotation
// is shown at it. Values are read as the grid reads them (the module's readValue).
import { option } from "../embed/dom.js";
import { addAnnotation, annotationAt, annotationsOf, chartUnits, describe, fromForm, highlighted, removeAnnotation, setField, setHighlight } from "./annotations.js";
import { uiLang, word } from "./words.js";
import { obj } from "./state.js";

const $ = (id) => document.getElementById(id);
const FORM_WORDS = { line: "addLine", band: "addBand", note: "addNote" };

/** A labelled input or select of annotation `j`'s `field`. */
function control(j, field, caption, { select = null, value = "", lang = "" } = {}) {
  const label = document.createElement("label");
  const input = select ?? Object.assign(document.createElement("input"), { autocomplete: "off", value });
  input.dataset.a = j;
  input.dataset.field = field;
  if (lang) input.lang = lang;
  label.append(Object.assign(document.createElement("span"), { textContent: caption }), " ", input);
  return label;
}

const textIn = (t, lang) => (obj(t) && typeof t[lang] === "string" ? t[lang] : "");
const valueIn = (v) => (v === undefined || v === null ? "" : String(v));

export class AnnotationPanel {
  /** `ctx`: {chart() → index, types() → [{id, label}] (the module's), readValue(), say(text)}. */
  constructor({ store, ctx }) {
    this.store = store;
    this.ctx = ctx;
    this.picked = new Set(); // ids of the figures ticked in the order list
    this.error = null; // {chart, index, field, message}: the check's message about an annotation
    this.shape = null; // what the list was built for: rebuilt only when it changes
    this.form = $("annotation-form");
    this.list = $("annotation-list");
    this.toggle = $("highlight");
    this.toggle.addEventListener("click", () => this.highlight());
    for (const b of document.querySelectorAll("#charts [data-add]")) b.addEventListener("click", () => this.open(b.dataset.add));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.add();
    });
    this.form.elements.unit.addEventListener("change", () => (this.form.elements.unit.dataset.chosen = "true"));
    $("annotation-cancel").addEventListener("click", () => this.close());
    this.list.addEventListener("input", (e) => !e.isComposing && e.target.tagName === "INPUT" && this.edit(e.target));
    this.list.addEventListener("compositionend", (e) => this.edit(e.target));
    this.list.addEventListener("change", (e) => e.target.tagName === "SELECT" && this.edit(e.target));
    this.list.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-remove]");
      if (b) this.remove(Number(b.dataset.remove));
    });
  }

  index() {
    return this.ctx.chart();
  }

  chart(doc = this.store.doc) {
    return doc.charts[this.index()] ?? null;
  }

  /** The chart's figures: [{id, name}]. */
  figures() {
    const id = this.chart()?.id;
    return this.store.doc.figures.filter((f) => f.chart === id && id !== undefined).map((f) => ({ id: f.id, name: textIn(f.label, "zh") || textIn(f.label, "en") || String(f.id) }));
  }

  names() {
    const types = new Map((this.ctx.types() ?? []).map((t) => [t.id, t.label]));
    const figures = new Map(this.figures().map((f) => [f.id, f.name]));
    const unit = chartUnits(this.store.doc, this.chart()?.id)[0] ?? "";
    return {
      lang: uiLang(),
      type: (t) => types.get(t) ?? String(t),
      figure: (id) => figures.get(id) ?? word("notInChart", { id }),
      axis: (a) => word(a === "period" ? "axisPeriod" : "axisValue"),
      unit,
    };
  }

  /** Whether the chart draws a path (the only form with a time axis). */
  hasPath() {
    const c = this.chart();
    return c?.form === "path" || (Array.isArray(c?.groups) && c.groups.some((g) => g?.form === "path"));
  }

  /** The order list's figures ticked (kept while they are in the chart). */
  pick(id, on) {
    if (on) this.picked.add(id);
    else this.picked.delete(id);
    this.renderToggle();
  }

  renderToggle() {
    const mine = new Set(this.figures().map((f) => f.id));
    for (const id of this.picked) if (!mine.has(id)) this.picked.delete(id);
    const lit = highlighted(this.chart());
    this.toggle.disabled = !this.picked.size;
    this.toggle.setAttribute("aria-pressed", String(this.picked.size > 0 && [...this.picked].every((id) => lit.has(id))));
    for (const b of document.querySelectorAll("#charts [data-add]")) b.disabled = !this.chart();
  }

  /** Highlights the ticked figures, or takes them out when all of them are highlighted. */
  highlight() {
    const i = this.index();
    const ids = [...this.picked];
    const on = this.toggle.getAttribute("aria-pressed") !== "true";
    const changed = this.store.update((doc) => (doc.charts[i] ? setHighlight(doc.charts[i], ids, on) : false), "highlight");
    if (changed !== false) this.ctx.say(word(on ? "highlightOn" : "highlightOff", { n: ids.length }));
    this.renderToggle();
  }

  render() {
    this.renderToggle();
    if (!this.chart()) this.close();
    const list = annotationsOf(this.chart());
    const names = this.names();
    const shape = JSON.stringify([this.index(), uiLang(), list.map((a) => a?.type), this.figures(), chartUnits(this.store.doc, this.chart()?.id), this.hasPath(), list.map((a) => a?.axis === "period")]);
    if (shape !== this.shape || !this.list.contains(document.activeElement)) {
      this.shape = shape;
      const had = this.list.contains(document.activeElement) ? document.activeElement.dataset : null;
      this.list.replaceChildren(...(list.length ? list.map((a, j) => this.item(a, j, names)) : [Object.assign(document.createElement("li"), { className: "empty", textContent: word("noAnnotations") })]));
      // A field whose change rebuilt the list (an axis chosen) keeps the keyboard.
      if (had?.field) this.list.querySelector(`[data-a="${had.a}"][data-field="${had.field}"]`)?.focus();
    } else this.refill(list, names);
    this.showError();
  }

  /** Values of the list's fields and descriptions follow the data; the field being typed in keeps its text. */
  refill(list, names) {
    for (const li of this.list.children) {
      const j = Number(li.dataset.a);
      const a = list[j];
      if (!a) continue;
      li.querySelector(".a-desc").textContent = describe(a, names);
      for (const input of li.querySelectorAll("[data-field]")) {
        if (input === document.activeElement) continue;
        const value = this.fieldValue(a, input.dataset.field);
        // A unit typed with a value may be one the chart's figures are not in: it is offered too.
        if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) input.append(option(value, value, false));
        input.value = value;
      }
    }
  }

  fieldValue(a, field) {
    const [head, lang] = field.split(".");
    if (lang) return textIn(a[head], lang);
    if (head === "unit") return a.axis === "period" ? "" : a.unit || chartUnits(this.store.doc, this.chart()?.id)[0] || "";
    if (head === "axis") return a.axis === "period" ? "period" : "value";
    return valueIn(a[head]);
  }

  /** Annotation `j` as a list item: its description, its fields, its remove button, its message. */
  item(a, j, names) {
    const li = document.createElement("li");
    li.dataset.a = j;
    const what = describe(a, names);
    li.append(Object.assign(document.createElement("p"), { className: "a-desc", textContent: what }));
    const fields = document.createElement("div");
    fields.className = "fields";
    fields.append(...this.controls(a, j));
    for (const input of fields.querySelectorAll("[data-field]")) input.value = this.fieldValue(a, input.dataset.field);
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: word("aRemove") });
    remove.dataset.remove = j;
    remove.setAttribute("aria-label", `${word("aRemove")}: ${what}`);
    const error = Object.assign(document.createElement("p"), { className: "a-error", id: `annotation-error-${j}`, hidden: true });
    li.append(fields, remove, error);
    return li;
  }

  /** The fields annotation `a` (number `j`) has, by its type. */
  controls(a, j) {
    const out = [];
    if (a?.type === "line") out.push(control(j, "value", word("aValue")));
    if (a?.type === "band") out.push(control(j, "from", word("aFrom")), control(j, "to", word("aTo")));
    if (a?.type === "line" || a?.type === "band") {
      if (a.axis !== "period") out.push(control(j, "unit", word("aUnit"), { select: this.unitSelect(a.unit) }));
      if (this.hasPath() || a.axis === "period") out.push(control(j, "axis", word("aAxis"), { select: this.axisSelect() }));
      out.push(control(j, "label.zh", word("aLabelZh")), control(j, "label.en", word("aLabelEn"), { lang: "en" }));
    }
    if (a?.type === "note") {
      out.push(control(j, "figure", word("aFigure"), { select: this.figureSelect(a.figure) }));
      out.push(control(j, "text.zh", word("aLabelZh")), control(j, "text.en", word("aLabelEn"), { lang: "en" }));
    }
    return out;
  }

  unitSelect(current = "") {
    const units = chartUnits(this.store.doc, this.chart()?.id);
    if (current && !units.includes(current)) units.push(current);
    const s = document.createElement("select");
    s.append(...(units.length ? units.map((u) => option(u, u, false)) : [option("", word("noUnit"), true)]));
    return s;
  }

  axisSelect() {
    const s = document.createElement("select");
    s.append(option("value", word("axisValue"), true), option("period", word("axisPeriod"), false));
    return s;
  }

  figureSelect(current = "") {
    const figures = this.figures();
    const s = document.createElement("select");
    s.append(...figures.map((f) => option(f.id, f.name, false)));
    if (current && !figures.some((f) => f.id === current)) s.append(option(current, word("notInChart", { id: current }), false));
    return s;
  }

  /** Opens the add form for `type` (line, band, note) with the chart's units and figures. */
  open(type) {
    if (!this.chart()) return;
    const f = this.form;
    f.reset();
    f.dataset.type = type;
    $("annotation-form-h").textContent = word(FORM_WORDS[type]);
    f.elements.unit.replaceChildren(...this.unitSelect().children);
    delete f.elements.unit.dataset.chosen;
    f.elements.axis.replaceChildren(...this.axisSelect().children);
    f.elements.figure.replaceChildren(...this.figureSelect().children);
    const picked = [...this.picked][0];
    if (type === "note" && picked) f.elements.figure.value = picked;
    for (const label of f.querySelectorAll("label[data-for]")) {
      label.hidden = !label.dataset.for.split(" ").includes(type) || (label.hasAttribute("data-path") && !this.hasPath());
    }
    f.hidden = false;
    f.querySelector("label:not([hidden]) input, label:not([hidden]) select").focus();
  }

  close() {
    this.form.hidden = true;
  }

  /** The form's annotation joins the chart (one step); the form closes. */
  add() {
    const f = this.form.elements;
    const type = this.form.dataset.type;
    const unit = f.unit.dataset.chosen ? f.unit.value : "";
    const texts = { type, value: f.value.value, from: f.from.value, to: f.to.value, unit, axis: this.hasPath() ? f.axis.value : "value", figure: f.figure.value, zh: f.zh.value, en: f.en.value };
    const a = fromForm(texts, { readValue: this.ctx.readValue() });
    const i = this.index();
    if (!a || !this.chart()) return;
    this.store.update((doc) => void addAnnotation(doc.charts[i], a), "annotation");
    this.ctx.say(word("annotationAdded", { what: describe(a, this.names()) }));
    this.close();
    $(`add-${type}`)?.focus();
  }

  /** A field of the list edited: that annotation's field changes in place (a run of keys is one step). */
  edit(input) {
    const j = Number(input.dataset.a);
    const field = input.dataset.field;
    if (!field || Number.isNaN(j)) return;
    const i = this.index();
    const readValue = this.ctx.readValue();
    const value = input.value;
    this.store.update((doc) => (doc.charts[i] ? setField(doc.charts[i], j, field, value, { readValue }) : false), "annotation", { merge: `annotation-${i}-${j}-${field}` });
  }

  remove(j) {
    const i = this.index();
    const what = describe(annotationsOf(this.chart())[j], this.names());
    const removed = this.store.update((doc) => (doc.charts[i] ? removeAnnotation(doc.charts[i], j) : false), "annotation");
    if (removed === false) return;
    this.ctx.say(word("annotationRemoved", { what }));
    (this.list.querySelector(`button[data-remove="${Math.min(j, annotationsOf(this.chart()).length - 1)}"]`) ?? $("add-line")).focus();
  }

  /** The check's message about chart `chart`'s annotations (`field`: `annotations[j]…`), or none. */
  markError(chart, field, message) {
    const at = chart == null ? null : annotationAt(field);
    this.error = at ? { chart, ...at, message: message ?? "" } : null;
    this.showError();
  }

  /** The message shown at its annotation (its field marked), or over the list for the list as a whole. */
  showError() {
    for (const old of this.list.querySelectorAll("[aria-invalid]")) {
      old.removeAttribute("aria-invalid");
      old.removeAttribute("aria-describedby");
    }
    for (const p of this.list.querySelectorAll(".a-error")) p.hidden = true;
    const top = $("annotations-error");
    top.hidden = true;
    const e = this.error?.chart === this.index() ? this.error : null;
    if (!e) return;
    const li = e.index == null ? null : this.list.querySelector(`li[data-a="${e.index}"]`);
    const p = li?.querySelector(".a-error") ?? top;
    p.textContent = e.message;
    p.hidden = false;
    const input = this.input(e.index, e.field);
    input?.setAttribute("aria-invalid", "true");
    input?.setAttribute("aria-describedby", p.id);
  }

  /** The list's field of annotation `j` a check's field names (a text: its Chinese), or null. */
  input(j, field) {
    if (j == null || !field) return null;
    const li = this.list.querySelector(`li[data-a="${j}"]`);
    return li?.querySelector(`[data-field="${field}"]`) ?? li?.querySelector(`[data-field="${field}.zh"]`) ?? null;
  }

  /** The keyboard to the annotation a check's field names. */
  goTo(field) {
    const at = annotationAt(field);
    const li = at?.index == null ? null : this.list.querySelector(`li[data-a="${at.index}"]`);
    (this.input(at?.index, at?.field) ?? li?.querySelector("[data-field], button") ?? this.toggle).focus();
  }
}
