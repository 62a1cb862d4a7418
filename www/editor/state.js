// The working dataset: a plain object in the schema of data/default.json, edited in
// place. A cell the editor typed that is not of the right type is kept as its raw text
// (a string where a number or an object belongs), so nothing typed is lost and the Rust
// reader names the field. Saved to localStorage when the browser allows it.

export const SCHEMA = 2;
const STORAGE_KEY = "park-infographic-editor";
/** Files bigger than this are refused before reading (the reader takes far less anyway). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

// The vocabulary the validator knows (src/vocab.rs, src/data/read.rs), for pickers.
export const FORMS = ["bars", "tiles", "units", "share", "path", "areas", "ranks"];
export const UNITS = ["percent", "count", "yi_yuan", "wan_yuan", "wan_m2", "km2", "rank", "years", "multiple", "index"];
export const BOUNDS = ["exact", "about", "nearly", "at_least", "more_than", "top", "range"];
export const KINDS = ["actual", "plan", "aim"];

// Key order of src/data/default.json (and of the reader), so downloads diff cleanly.
// Keys not listed keep their place after these: the reader will name them.
const ORDER = {
  "": ["schema", "subject", "source", "charts", "figures"],
  source: ["title", "sections"],
  section: ["id", "title", "paragraphs"],
  chart: ["id", "form", "title", "description", "note", "groups"],
  group: ["id", "label", "form"],
  figure: ["id", "label", "short", "value", "low", "unit", "counter", "period", "bound", "kind", "band", "derived", "source", "chart", "group", "note"],
  period: ["year", "quarter", "horizon_years", "horizon_years_low", "as_of_report"],
  band: ["min_yi_yuan", "max_yi_yuan"],
  derived: ["op", "from", "step", "rule"],
  ref: ["section", "paragraph"],
  text: ["zh", "en"],
};
const TEXT_KEYS = new Set(["subject", "title", "description", "note", "label", "short", "counter", "rule"]);

/** What kind of object sits under `key` inside an object of kind `parent`. */
function childKind(parent, key) {
  if (TEXT_KEYS.has(key)) return "text";
  if (parent === "") return { source: "source", charts: "chart", figures: "figure" }[key];
  if (parent === "source") return key === "sections" ? "section" : null;
  if (parent === "chart") return key === "groups" ? "group" : null;
  if (parent === "figure") return { period: "period", band: "band", derived: "derived", source: "ref" }[key];
  return null;
}

function ordered(value, kind) {
  if (Array.isArray(value)) return value.map((v) => ordered(v, kind));
  if (value === null || typeof value !== "object" || kind == null) return value;
  const keys = ORDER[kind] ?? [];
  const out = {};
  for (const k of keys) if (k in value && value[k] !== undefined) out[k] = ordered(value[k], childKind(kind, k));
  for (const k of Object.keys(value)) if (!(k in out) && value[k] !== undefined) out[k] = ordered(value[k], childKind(kind, k));
  return out;
}

/** The dataset as the file editors download: key order of default.json, 2-space pretty. */
export function serialize(doc) {
  return `${JSON.stringify(ordered(doc, ""), null, 2)}\n`;
}

/** A small valid dataset to start from: one section, one chart, one figure with no value yet. */
export function blank() {
  return {
    schema: SCHEMA,
    subject: { zh: "新数据", en: "New data" },
    source: {
      title: { zh: "来源", en: "Source" },
      sections: [{ id: "main", title: { zh: "正文", en: "Main text" }, paragraphs: 1 }],
    },
    charts: [{ id: "chart-1", form: "bars", title: { zh: "新图表", en: "New chart" }, description: { zh: "图中为……", en: "Shows …" } }],
    figures: [{ ...newFigure("figure-1", null), label: { zh: "新指标", en: "New figure" }, chart: "chart-1" }],
  };
}

/** A new figure row; unit, period, source and chart follow `like` (the row above), if any. */
export function newFigure(id, like) {
  const copy = (v) => (v && typeof v === "object" ? JSON.parse(JSON.stringify(v)) : v);
  const fig = {
    id,
    label: { zh: "", en: "" },
    value: null,
    unit: like?.unit ?? "count",
    period: copy(like?.period) ?? { year: new Date().getFullYear() },
    source: copy(like?.source) ?? { section: "main", paragraph: 1 },
  };
  if (like?.chart) fig.chart = like.chart;
  if (like?.group) fig.group = like.group;
  return fig;
}

/** An id `${prefix}-N` that no item of `list` has. */
export function freshId(list, prefix) {
  const taken = new Set(list.map((x) => x?.id));
  let n = list.length + 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** localStorage if this browser lets us use it (it throws in some private modes). */
function storage() {
  try {
    const s = window.localStorage;
    s.setItem(`${STORAGE_KEY}:probe`, "1");
    s.removeItem(`${STORAGE_KEY}:probe`);
    return s;
  } catch {
    return null;
  }
}

export const canSave = () => storage() !== null;

/** Saves the working dataset; returns null or the reason it could not (quota, say). */
export function save(doc) {
  const s = storage();
  if (!s) return "no storage";
  try {
    s.setItem(STORAGE_KEY, JSON.stringify(doc));
    return null;
  } catch (e) {
    return e.message || String(e);
  }
}

/** The saved working dataset, or null. */
export function restore() {
  try {
    const text = storage()?.getItem(STORAGE_KEY);
    const doc = text ? JSON.parse(text) : null;
    return isOurs(doc) === null ? doc : null;
  } catch {
    return null;
  }
}

export function clearSaved() {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing saved that we could reach: nothing to clear.
  }
}

/**
 * Null if `doc` looks like a dataset of this tool (an object with figures and charts
 * lists) that the table can show, else why not. Everything finer is the validator's.
 */
export function isOurs(doc) {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return "the file is not a JSON object";
  if (!Array.isArray(doc.figures) || !Array.isArray(doc.charts)) return "it has no \"figures\" and \"charts\" lists";
  if (!doc.figures.every((f) => f && typeof f === "object" && !Array.isArray(f))) return "a figure is not an object";
  if (!doc.charts.every((c) => c && typeof c === "object" && !Array.isArray(c))) return "a chart is not an object";
  return null;
}
