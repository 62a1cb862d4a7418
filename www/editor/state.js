// The working dataset's shape (schema 3, the shape of data/default.json): a blank one,
// a new row, the key order downloads keep, and the limits a file is checked against
// before it is read. Pure: no DOM, no storage. The vocabulary (units, bounds, forms,
// kinds, rules) is the module's (`vocabulary(lang)`): the editor keeps no copy of it.

export const SCHEMA = 3;

/** Whether `v` is a plain object of the dataset (not null, not a list). */
export const obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** Files bigger than this are refused before reading (the reader takes far less anyway). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Nesting deeper than the validator reads (src/data/json.rs MAX_DEPTH): refused unread. */
export const MAX_DEPTH = 64;

// Key order of src/data/default.json (and of the reader), so downloads diff cleanly.
// Keys not listed keep their place after these: the reader will name them.
const ORDER = {
  "": ["schema", "subject", "source", "units", "charts", "figures"],
  source: ["title", "sections"],
  section: ["id", "title", "paragraphs"],
  unit: ["name", "zh", "en", "en_before", "scale", "base", "kind"],
  chart: ["id", "form", "title", "description", "note", "groups"],
  group: ["id", "label", "form"],
  figure: ["id", "label", "short", "value", "low", "unit", "counter", "typed", "period", "bound", "kind", "band", "derived", "source", "chart", "group", "note"],
  period: ["year", "quarter", "horizon_years", "horizon_years_low", "as_of_report"],
  band: ["min_yi_yuan", "max_yi_yuan"],
  derived: ["op", "from", "step", "rule"],
  ref: ["section", "paragraph"],
  text: ["zh", "en"],
};
const TEXT_KEYS = new Set(["subject", "title", "description", "note", "label", "short", "counter", "rule", "typed"]);

/** What kind of object sits under `key` inside an object of kind `parent`. */
function childKind(parent, key) {
  if (TEXT_KEYS.has(key)) return "text";
  if (parent === "") return { source: "source", units: "unit", charts: "chart", figures: "figure" }[key];
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

/** A deep copy of plain JSON data. */
export const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** An empty dataset: no chart, no figure (the check asks for them), nothing invented. */
export function blank() {
  return { schema: SCHEMA, charts: [], figures: [] };
}

/** A new row: an id and nothing else the journalist has not given; chart follows `like`. */
export function newFigure(id, like) {
  const fig = { id, label: { zh: "" }, value: null };
  if (typeof like?.chart === "string") fig.chart = like.chart;
  return fig;
}

/**
 * Null if `doc` looks like a dataset of this tool (an object with figures and charts
 * lists) that the table can show, else a key of words.js saying why not. Everything
 * finer is the validator's.
 */
export function isOurs(doc) {
  if (!obj(doc)) return "notObject";
  if (!Array.isArray(doc.figures) || !Array.isArray(doc.charts)) return "noLists";
  if (!doc.figures.every((f) => f && typeof f === "object" && !Array.isArray(f))) return "badFigure";
  if (!doc.charts.every((c) => c && typeof c === "object" && !Array.isArray(c))) return "badChart";
  return null;
}

/** How deeply `text` (JSON) nests its objects and arrays, counted without parsing it. */
export function nesting(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/**
 * The dataset in `text` (a file being opened), or `{error, detail}` with a words.js key:
 * too deep for the validator, not JSON, or not a dataset. Nothing recursive runs on text
 * nested deeper than the validator reads.
 */
export function readDataset(text) {
  const t = String(text).replace(/^\uFEFF/, "");
  const depth = nesting(t);
  if (depth > MAX_DEPTH) return { error: "tooDeep", detail: depth };
  let doc;
  try {
    doc = JSON.parse(t);
  } catch (e) {
    return { error: "notJson", detail: e.message };
  }
  const why = isOurs(doc);
  return why ? { error: why } : { doc };
}
