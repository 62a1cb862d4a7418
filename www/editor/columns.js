// The grid's columns: how each reads and writes its field of a figure. Cells show and
// keep the text typed (a value cell its wording: 约5亿元); an unreadable cell keeps its
// text, so the check marks it and nothing typed is lost. Pure: no DOM.
import { periodText, setPeriod, setValue, valueText } from "./values.js";
import { obj } from "./state.js";

const show = (v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** A bilingual text field; English (and optional texts) disappear when empty. */
function textColumn(key, field, lang, optional) {
  return {
    key,
    get: (f) => (obj(f[field]) ? show(f[field][lang]) : lang === "zh" ? show(f[field]) : ""),
    set(f, text) {
      if (!obj(f[field])) f[field] = { zh: "" };
      if (lang === "en" && text.trim() === "") delete f[field].en;
      else f[field][lang] = text;
      if (optional && !f[field].zh && !f[field].en) delete f[field];
    },
  };
}

/** A plain optional field: empty text removes it. */
function plainColumn(key, field, list) {
  return {
    key,
    list,
    get: (f) => show(f[field]),
    set(f, text) {
      const t = text.trim();
      if (t === "") delete f[field];
      else f[field] = t;
    },
  };
}

function refColumn(key, field) {
  return {
    key,
    list: key === "section" ? "section" : undefined,
    get: (f) => (obj(f.source) ? show(f.source[field]) : ""),
    set(f, text) {
      const t = text.trim();
      if (!obj(f.source)) f.source = {};
      if (t === "") delete f.source[field];
      else f.source[field] = field === "paragraph" && /^\d+$/.test(t) ? Number(t) : t;
      if (!Object.keys(f.source).length) delete f.source;
    },
  };
}

/** The grid's columns, in order; `key` names the column (headers, error paths, tests). */
export const COLUMNS = [
  textColumn("labelZh", "label", "zh", false),
  {
    key: "value",
    get: valueText,
    set: (f, text, ctx) => setValue(f, text, ctx?.readValue),
  },
  { key: "reading", readOnly: true, get: () => "" },
  plainColumn("unit", "unit", "unit"),
  { key: "period", get: (f) => periodText(f.period), set: setPeriod },
  textColumn("labelEn", "label", "en", false),
  plainColumn("chart", "chart", "chart"),
  plainColumn("kind", "kind", "kind"),
  plainColumn("group", "group", "group"),
  textColumn("noteZh", "note", "zh", true),
  textColumn("noteEn", "note", "en", true),
  refColumn("section", "section"),
  refColumn("paragraph", "paragraph"),
  plainColumn("id", "id"),
];

export const columnIndex = (key) => COLUMNS.findIndex((c) => c.key === key);

/** The column an error path inside a figure points at (`label.en`, `period.year`, …). */
export function columnForField(field) {
  const [head, rest] = String(field).split(/\.(.*)/);
  const byField = { id: "id", value: "value", derived: "value", low: "value", typed: "value", bound: "value", unit: "unit", period: "period", kind: "kind", chart: "chart", group: "group" };
  if (head === "label" || head === "note") return `${head}${rest === "en" ? "En" : "Zh"}`;
  if (head === "source") return rest === "paragraph" ? "paragraph" : "section";
  return byField[head.replace(/\[.*$/, "")] ?? "labelZh";
}
