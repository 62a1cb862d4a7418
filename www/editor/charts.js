// Chart editing: pick a chart (it is also the one previewed), its id, form and words,
// the order of its figures; add and remove charts. And the derived-figure editor for the
// table's selected row: a rule the validator knows and its inputs (the value is computed).
import { FORMS, freshId } from "./state.js";
import { word } from "./words.js";

const obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Reads `a.b` of an object, as text for an input. */
function getPath(o, path) {
  const v = path.split(".").reduce((x, k) => (obj(x) ? x[k] : undefined), o);
  return v === undefined || v === null ? "" : String(v);
}

/** Writes `a.b` (a bilingual text) or `a`; an optional text with both languages empty goes. */
function setPath(o, path, value, optional) {
  const [head, lang] = path.split(".");
  if (!lang) {
    o[head] = value;
    return;
  }
  if (!obj(o[head])) o[head] = { zh: "", en: "" };
  o[head][lang] = value;
  if (optional && !o[head].zh && !o[head].en) delete o[head];
}

const chartName = (c) => `${getPath(c, "id")} — ${getPath(c, "title.zh") || getPath(c, "title.en")}`;
const figureName = (f) => `${getPath(f, "id")} · ${getPath(f, "label.zh") || getPath(f, "label.en")}`;

function option(value, text, selected) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  o.selected = selected;
  return o;
}

export class ChartPanel {
  constructor({ doc, onEdit, onPick, onFigures }) {
    this.doc = doc;
    this.onEdit = onEdit;
    this.onPick = onPick;
    this.onFigures = onFigures; // the figures' order or charts changed: the table re-renders
    this.index = 0;
    this.pick = document.getElementById("chart-pick");
    this.fields = document.getElementById("chart-fields");
    this.order = document.getElementById("chart-order");
    this.status = document.getElementById("chart-status");
    this.form = this.fields.querySelector('[data-field="form"]');
    for (const f of FORMS) this.form.append(option(f, f, false));
    this.pick.addEventListener("change", () => {
      this.index = Number(this.pick.value);
      this.render();
      this.onPick();
    });
    this.fields.addEventListener("input", (e) => this.edit(e.target));
    this.fields.addEventListener("change", (e) => this.edit(e.target));
    document.getElementById("add-chart").addEventListener("click", () => this.add());
    document.getElementById("remove-chart").addEventListener("click", () => this.remove());
    this.order.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (b) this.move(Number(b.dataset.figure), Number(b.dataset.step));
    });
  }

  charts() {
    return this.doc().charts;
  }

  chart() {
    return this.charts()[this.index] ?? null;
  }

  /** The previewed chart's id (raw, as typed). */
  current() {
    return typeof this.chart()?.id === "string" ? this.chart().id : "";
  }

  render() {
    const charts = this.charts();
    this.index = Math.max(0, Math.min(this.index, charts.length - 1));
    this.pick.replaceChildren(
      ...charts.map((c, i) => option(String(i), chartName(c), i === this.index)),
    );
    const chart = this.chart();
    for (const input of this.fields.querySelectorAll("[data-field]")) {
      input.disabled = !chart;
      if (document.activeElement !== input) input.value = chart ? getPath(chart, input.dataset.field) : "";
    }
    document.getElementById("remove-chart").disabled = !chart;
    this.renderOrder();
  }

  renderOrder() {
    const id = this.current();
    const figures = this.doc().figures;
    const mine = figures.map((f, i) => [f, i]).filter(([f]) => f.chart === id && id !== "");
    if (!mine.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = word("noFigures");
      this.order.replaceChildren(li);
      return;
    }
    this.order.replaceChildren(
      ...mine.map(([f, i], k) => {
        const li = document.createElement("li");
        li.dataset.figure = i;
        const name = document.createElement("span");
        name.textContent = figureName(f);
        li.append(name);
        for (const [step, w] of [[-1, "up"], [1, "down"]]) {
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = word(w);
          b.dataset.figure = i;
          b.dataset.step = step;
          b.setAttribute("aria-label", `${word(w)}: ${getPath(f, "id")}`);
          b.disabled = (step < 0 && k === 0) || (step > 0 && k === mine.length - 1);
          li.append(b);
        }
        return li;
      }),
    );
  }

  /** Renames figure `i`'s line, if it is in the list (its id or label changed). */
  renameFigure(i) {
    const span = this.order.querySelector(`li[data-figure="${i}"] > span`);
    const f = this.doc().figures[i];
    if (span && f) span.textContent = figureName(f);
  }

  edit(input) {
    const chart = this.chart();
    const path = input.dataset.field;
    if (!chart || !path) return;
    if (path === "id") {
      // The chart's figures follow its new id.
      const old = chart.id;
      for (const f of this.doc().figures) if (f.chart === old) f.chart = input.value;
      chart.id = input.value;
      this.onFigures();
    } else setPath(chart, path, input.value, path.startsWith("note."));
    this.pick.selectedOptions[0].textContent = chartName(chart);
    this.onEdit();
  }

  /** Moves figure `i` (an index into figures) past its neighbour in the same chart. */
  move(i, step) {
    const figures = this.doc().figures;
    const id = figures[i]?.chart;
    let j = i + step;
    while (j >= 0 && j < figures.length && figures[j].chart !== id) j += step;
    if (j < 0 || j >= figures.length) return;
    [figures[i], figures[j]] = [figures[j], figures[i]];
    this.renderOrder();
    // Keep the keyboard on the button that moved the figure.
    const again = this.order.querySelector(`button[data-figure="${j}"][data-step="${step}"]`);
    (again && !again.disabled ? again : this.order.querySelector(`button[data-figure="${j}"]:not([disabled])`))?.focus();
    this.onFigures();
    this.onEdit();
  }

  add() {
    const id = freshId(this.charts(), "chart");
    this.charts().push({ id, form: "bars", title: { zh: "新图表", en: "New chart" }, description: { zh: "图中为……", en: "Shows …" } });
    this.index = this.charts().length - 1;
    this.render();
    this.fields.querySelector('[data-field="id"]').focus();
    this.onFigures();
    this.onPick();
    this.onEdit();
  }

  remove() {
    const chart = this.chart();
    if (!chart) return;
    let n = 0;
    for (const f of this.doc().figures) {
      if (f.chart === chart.id) {
        delete f.chart;
        delete f.group;
        n++;
      }
    }
    this.charts().splice(this.index, 1);
    this.status.textContent = word("chartRemoved")(chart.id, n);
    this.render();
    this.pick.focus();
    this.onFigures();
    this.onPick();
    this.onEdit();
  }

  /** Shows chart `i` with focus on its `field` (an error path's field). */
  goTo(i, field) {
    this.index = i;
    this.render();
    this.onPick();
    const input = this.fields.querySelector(`[data-field="${field}"]`) ?? this.fields.querySelector(`[data-field="${field}.zh"]`);
    (input ?? this.pick).focus();
  }

  markError(i, field, describedBy) {
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

/** The derived-figure editor for the table's selected row. */
export class DerivedPanel {
  constructor({ doc, ops, onEdit }) {
    this.doc = doc;
    this.onEdit = onEdit;
    this.row = -1;
    this.ops = ops;
    this.op = document.getElementById("derived-op");
    this.from = document.getElementById("derived-from");
    this.step = document.getElementById("derived-step");
    this.ruleZh = document.getElementById("derived-rule-zh");
    this.ruleEn = document.getElementById("derived-rule-en");
    this.out = document.getElementById("derived-out");
    this.title = document.getElementById("derived-for");
    for (const input of [this.op, this.from, this.step, this.ruleZh, this.ruleEn]) {
      input.addEventListener(input === this.op ? "change" : "input", () => this.edit());
    }
  }

  figure() {
    return this.doc().figures[this.row] ?? null;
  }

  show(row) {
    this.row = row;
    this.render();
  }

  render() {
    const f = this.figure();
    this.op.replaceChildren(option("", word("ruleNone"), true), ...this.ops.map((op) => option(op, op, false)));
    this.title.textContent = f ? word("derivedFor")(getPath(f, "id")) : word("noRow");
    const d = obj(f?.derived) ? f.derived : null;
    this.op.value = d && this.ops.includes(d.op) ? d.op : "";
    this.from.value = Array.isArray(d?.from) ? d.from.join(", ") : "";
    this.step.value = d?.step ?? "";
    this.ruleZh.value = getPath(d, "rule.zh");
    this.ruleEn.value = getPath(d, "rule.en");
    for (const input of [this.op, this.from, this.step, this.ruleZh, this.ruleEn]) input.disabled = !f;
    this.from.disabled = this.step.disabled = this.ruleZh.disabled = this.ruleEn.disabled = !d;
  }

  edit() {
    const f = this.figure();
    if (!f) return;
    const op = this.op.value;
    if (!op) {
      delete f.derived;
    } else {
      const d = obj(f.derived) ? f.derived : { op, from: [], rule: { zh: "", en: "" } };
      d.op = op;
      d.from = this.from.value.split(/[,，\s]+/).filter(Boolean);
      const step = this.step.value.trim();
      if (op === "index_path" && step !== "") d.step = /^\d+$/.test(step) ? Number(step) : step;
      else delete d.step;
      d.rule = { zh: this.ruleZh.value, en: this.ruleEn.value };
      f.derived = d;
    }
    const enable = Boolean(op);
    this.from.disabled = this.step.disabled = this.ruleZh.disabled = this.ruleEn.disabled = !enable;
    this.onEdit(this.row);
  }

  /** What the module computed for the selected figure (a value or an error message). */
  result(text) {
    this.out.textContent = text;
  }
}
