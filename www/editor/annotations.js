// A chart's annotations (README "Annotations": highlight, line, band, note) as pure
// changes of the working dataset, for the chart step to make inside one store update:
// highlight figures or take them out, add a line, band or note from a form's texts, edit
// one field in place, remove one, and carry a figure's new id into them. Values are read
// as the grid reads a cell (values.js, the module's readValue). Also the plain words that
// list them and where a check's path points inside them. No DOM.
import { readCell } from "./values.js";
import { obj } from "./state.js";


/** The chart's annotations (a list, possibly empty; never created by reading). */
export const annotationsOf = (chart) => (Array.isArray(chart?.annotations) ? chart.annotations : []);

/** An empty list goes: a chart without annotations has no `annotations` key. */
function tidy(chart) {
  if (Array.isArray(chart.annotations) && !chart.annotations.length) delete chart.annotations;
}

/** Ids of the figures the chart's highlights name. */
export function highlighted(chart) {
  const ids = new Set();
  for (const a of annotationsOf(chart)) if (a?.type === "highlight" && Array.isArray(a.figures)) a.figures.forEach((id) => ids.add(id));
  return ids;
}

/**
 * Highlights figures `ids` of `chart` (`on`) or takes them out of every highlight; a
 * highlight left empty goes. Returns false when nothing changed.
 */
export function setHighlight(chart, ids, on) {
  const wanted = [...new Set(ids)].filter((id) => typeof id === "string" && id);
  const have = highlighted(chart);
  if (on) {
    const add = wanted.filter((id) => !have.has(id));
    if (!add.length) return false;
    let h = annotationsOf(chart).find((a) => a?.type === "highlight" && Array.isArray(a.figures));
    if (!h) {
      if (!Array.isArray(chart.annotations)) chart.annotations = [];
      h = { type: "highlight", figures: [] };
      chart.annotations.unshift(h);
    }
    h.figures.push(...add);
    return true;
  }
  const drop = new Set(wanted.filter((id) => have.has(id)));
  if (!drop.size) return false;
  for (const a of annotationsOf(chart)) if (a?.type === "highlight" && Array.isArray(a.figures)) a.figures = a.figures.filter((id) => !drop.has(id));
  chart.annotations = annotationsOf(chart).filter((a) => !(a?.type === "highlight" && Array.isArray(a.figures) && !a.figures.length));
  tidy(chart);
  return true;
}

/** The distinct units of the chart's figures, in the figures' order (its first one first). */
export function chartUnits(doc, chartId) {
  const units = doc.figures.filter((f) => f.chart === chartId).map((f) => (typeof f.unit === "string" ? f.unit : ""));
  return [...new Set(units)].filter(Boolean);
}

/**
 * A value typed as journalists type it (6.1%, 约5亿元, 200): `{value, unit}` when read;
 * otherwise the text itself as the value, kept so the check names it and nothing is lost.
 */
export function readAmount(text, readValue) {
  const t = String(text ?? "").trim();
  const r = readCell(t, readValue);
  if (t === "" || r.error !== undefined || typeof r.value !== "number") return { value: t, unit: "" };
  return { value: r.value, unit: typeof r.unit === "string" ? r.unit : "" };
}

/** A text of the schema from its Chinese and optional English. */
export function bilingual(zh, en) {
  const e = String(en ?? "");
  return e.trim() ? { zh: String(zh ?? ""), en: e } : { zh: String(zh ?? "") };
}

/** The amounts' unit: the one chosen, else one typed with a value, else none (the chart's first). */
function pickUnit(chosen, ...read) {
  if (chosen) return chosen;
  return read.find((r) => r.unit)?.unit ?? "";
}

/**
 * An annotation made from an add form's texts: `{type, value|from|to, zh, en, unit,
 * axis, figure}`. A unit typed with a value is the annotation's when none is chosen;
 * `axis` "period" (a path's years) takes no unit.
 */
export function fromForm(form, { readValue } = {}) {
  const type = form.type;
  if (type === "note") return { type, figure: String(form.figure ?? ""), text: bilingual(form.zh, form.en) };
  if (type !== "line" && type !== "band") return null;
  const period = form.axis === "period";
  const a = { type };
  if (period) a.axis = "period";
  const ends = type === "line" ? ["value"] : ["from", "to"];
  const read = ends.map((k) => readAmount(form[k], readValue));
  ends.forEach((k, i) => (a[k] = read[i].value));
  const unit = period ? "" : pickUnit(form.unit, ...read);
  if (unit) a.unit = unit;
  a.label = bilingual(form.zh, form.en);
  return a;
}

/** Adds annotation `a` to `chart`; returns its index. */
export function addAnnotation(chart, a) {
  if (!Array.isArray(chart.annotations)) chart.annotations = [];
  chart.annotations.push(a);
  return chart.annotations.length - 1;
}

/** Removes annotation `j` of `chart`; false when there is none. */
export function removeAnnotation(chart, j) {
  const list = annotationsOf(chart);
  if (!(j >= 0 && j < list.length)) return false;
  list.splice(j, 1);
  tidy(chart);
  return true;
}

/**
 * Edits one field of annotation `j` in place: `value`, `from`, `to` (read as typed; a
 * unit typed there becomes the annotation's), `unit`, `axis`, `figure`, or a text
 * (`label.zh`, `label.en`, `text.zh`, `text.en`: an empty English goes). Returns false
 * when there is no such annotation or nothing changed.
 */
export function setField(chart, j, field, text, { readValue } = {}) {
  const a = annotationsOf(chart)[j];
  if (!obj(a)) return false;
  const before = JSON.stringify(a);
  const [head, lang] = String(field).split(".");
  if (["value", "from", "to"].includes(head)) {
    const r = readAmount(text, readValue);
    a[head] = r.value;
    if (r.unit && a.axis !== "period") a.unit = r.unit;
  } else if (head === "unit" || head === "axis") {
    const t = String(text ?? "").trim();
    if (t === "" || (head === "axis" && t === "value")) delete a[head];
    else a[head] = t;
    if (head === "axis" && t === "period") delete a.unit;
  } else if (head === "figure") a.figure = String(text ?? "");
  else if ((head === "label" || head === "text") && (lang === "zh" || lang === "en")) {
    const t = obj(a[head]) ? a[head] : { zh: "" };
    a[head] = lang === "zh" ? bilingual(text, t.en) : bilingual(t.zh, text);
  } else return false;
  return JSON.stringify(a) !== before;
}

/** Every highlight's and note's reference to figure `old` now names `next`; returns how many. */
export function renameFigure(doc, old, next) {
  let n = 0;
  for (const chart of doc.charts) {
    for (const a of annotationsOf(chart)) {
      if (a?.type === "highlight" && Array.isArray(a.figures)) {
        a.figures = a.figures.map((id) => (id === old ? (n++, next) : id));
      } else if (a?.type === "note" && a.figure === old) {
        a.figure = next;
        n++;
      }
    }
  }
  return n;
}

/**
 * Figures whose id changed from `before` to `after` (the same row, the old id gone, the
 * new one not there before): their references in `after`'s annotations follow. Returns
 * how many references moved (0: nothing to do).
 */
export function carryRenames(before, after) {
  const a = before?.figures;
  const b = after?.figures;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return 0;
  const was = new Set(a.map((f) => f?.id));
  const now = new Set(b.map((f) => f?.id));
  let n = 0;
  a.forEach((f, i) => {
    const old = f?.id;
    const next = b[i]?.id;
    if (typeof old !== "string" || typeof next !== "string" || !next || old === next) return;
    if (now.has(old) || was.has(next)) return;
    n += renameFigure(after, old, next);
  });
  return n;
}

/** Where a check's path inside a chart points: `annotations[j].label.zh` → {index: j, field: "label.zh"}. */
export function annotationAt(field) {
  const m = /^annotations(?:\[(\d+)\](?:\.([a-z_]+(?:\.[a-z]+)?)(?:\[\d+\])?)?)?/.exec(String(field ?? ""));
  if (!m) return null;
  return { index: m[1] === undefined ? null : Number(m[1]), field: m[2] ?? null };
}

const textOf = (t) => (obj(t) ? t.zh || t.en || "" : typeof t === "string" ? t : "");
const amount = (v, unit) => `${typeof v === "number" ? v : String(v ?? "")}${unit ? ` ${unit}` : ""}`;

// Punctuation of the UI's language around the plain words.
const MARKS = { zh: { colon: "：", comma: "、", open: "（", close: "）" }, en: { colon: ": ", comma: ", ", open: " (", close: ")" } };

/**
 * The annotation in plain words, in the UI's language `names.lang`: `names` gives
 * `type(id)` (the module's name of its kind), `figure(id)` (a figure's label), `axis(id)`
 * and `unit` (the unit it is in when it names none).
 */
export function describe(a, names) {
  if (!obj(a)) return "";
  const p = MARKS[names.lang] ?? MARKS.zh;
  const kind = names.type(a.type);
  if (a.type === "highlight") return `${kind}${p.colon}${(Array.isArray(a.figures) ? a.figures : []).map(names.figure).join(p.comma)}`;
  if (a.type === "note") return `${kind}${p.open}${names.figure(a.figure)}${p.close}${p.colon}${textOf(a.text)}`;
  const unit = a.axis === "period" ? "" : a.unit || names.unit;
  const where = a.type === "line" ? amount(a.value, unit) : `${amount(a.from, "")}–${amount(a.to, unit)}`;
  const axis = a.axis === "period" ? ` · ${names.axis("period")}` : "";
  return `${kind} ${where}${axis}${p.colon}${textOf(a.label)}`;
}
