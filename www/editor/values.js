// Cells as the journalist types them: a value cell read by the module's readValue
// (约5亿元 → 5, 亿元, about; the wording kept to show readers), and a period cell read
// here (2023, 2023年, 2023 Q1, 2023年一季度, 2020 +3y, 2019 now). Pure: no DOM.

import { obj } from "./state.js";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * What a value cell says, read with `readValue` (the module's) when there is one, else
 * only a plain number (3,000 and 12.5 read; anything else is kept as typed and marked).
 * Returns {value, low?, unit, bound, typed, reading, error?}; `value` is finite or null.
 */
export function readCell(text, readValue) {
  const t = String(text ?? "").trim();
  if (t === "") return { value: null, unit: "", bound: "exact", typed: "", reading: "" };
  if (typeof readValue === "function") {
    try {
      const r = readValue(t);
      if (r && !r.error && !(typeof r.value === "number" && Number.isFinite(r.value))) {
        return { ...r, value: null, error: r.error ?? "" };
      }
      return r;
    } catch (e) {
      return { value: null, unit: "", bound: "exact", typed: t, reading: "", error: e?.message ?? String(e) };
    }
  }
  const plain = t.replace(/(\d),(?=\d{3}\b)/g, "$1");
  const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain) ? Number(plain) : NaN;
  if (Number.isFinite(n)) return { value: n, unit: "", bound: "exact", typed: "", reading: String(n) };
  return { value: null, unit: "", bound: "exact", typed: t, reading: "", error: "unread" };
}

/**
 * Writes what `text` (a value cell) says into figure `f`: value, low, bound, unit (only
 * when the text names one: a unit column keeps its own), and the wording as typed. A cell
 * that cannot be read keeps its text as the value, so the check marks it and nothing is
 * lost. Returns the reading.
 */
export function setValue(f, text, readValue) {
  const r = readCell(text, readValue);
  for (const k of ["low", "typed"]) delete f[k];
  if (r.error !== undefined || (r.value === null && String(text).trim() !== "")) {
    f.value = String(text).trim();
    return r;
  }
  f.value = r.value;
  if (typeof r.low === "number" && Number.isFinite(r.low)) f.low = r.low;
  if (r.bound && r.bound !== "exact") f.bound = r.bound;
  else delete f.bound;
  if (r.unit) f.unit = r.unit;
  const typed = typeof r.typed === "string" ? r.typed.trim() : r.typed === true ? String(text).trim() : "";
  // The wording is kept when it says more than the bare number.
  if (typed && typed !== String(r.value)) {
    f.typed = CJK.test(typed) || !/[a-z]/i.test(typed) ? { zh: typed } : { en: typed };
  }
  return r;
}

/** The text a figure's value cell shows: its wording as typed, else its number. */
export function valueText(f) {
  if (obj(f.typed)) {
    const t = f.typed.zh ?? f.typed.en;
    if (typeof t === "string" && t) return t;
  }
  if (f.value === null || f.value === undefined) return "";
  return typeof f.value === "object" ? JSON.stringify(f.value) : String(f.value);
}

const QUARTERS = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const PERIOD =
  /^\s*(\d{4})\s*年?(?:度)?\s*(?:(?:Q|第?\s*([一二三四1-4])\s*季度?)\s*([1-4])?)?(?:\s*\+\s*(?:(\d+)\s*[-–]\s*)?(\d+)\s*y?)?(\s+now)?\s*$/i;

/** "2023", "2023年", "2023 Q1", "2023年一季度", "2020 +3y", "2020 +2-3y", "2019 now" → a period, or null. */
export function parsePeriod(text) {
  const m = PERIOD.exec(String(text ?? ""));
  if (!m) return null;
  const p = { year: Number(m[1]) };
  const q = m[3] ?? m[2];
  if (q) p.quarter = QUARTERS[q];
  if (m[5]) p.horizon_years = Number(m[5]);
  if (m[4]) p.horizon_years_low = Number(m[4]);
  if (m[6]) p.as_of_report = true;
  return p;
}

/** A period as the grid shows it (the form parsePeriod reads back). */
export function periodText(p) {
  if (p === undefined || p === null) return "";
  if (!obj(p)) return String(p);
  const parts = [String(p.year ?? "")];
  if (p.quarter != null) parts.push(`Q${p.quarter}`);
  if (p.horizon_years != null) parts.push(`+${p.horizon_years_low != null ? `${p.horizon_years_low}-` : ""}${p.horizon_years}y`);
  if (p.as_of_report) parts.push("now");
  return parts.join(" ");
}

/** Writes a period cell: empty removes the period (nothing is invented); unreadable text is kept. */
export function setPeriod(f, text) {
  const t = String(text ?? "").trim();
  if (t === "") delete f.period;
  else f.period = parsePeriod(t) ?? t;
}
