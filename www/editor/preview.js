// The preview: the real <park-infographic>, given the last valid version as text (the
// page's CSP forbids blob: URLs). It follows every edit (one check per frame) and shows
// the chart being edited; the English switch says why a chart has no English.
import { word } from "./words.js";
import { obj } from "./state.js";

const $ = (id) => document.getElementById(id);

/** Texts of chart `id` (and its figures) with no English: [[where, path]]. */
export function missingEnglish(doc, id) {
  const chart = doc.charts.find((c) => c.id === id);
  if (!chart) return [];
  const out = [];
  const need = (text, where) => obj(text) && text.zh && !text.en && out.push(where);
  // The fields by name, without the "(optional)" their inputs carry.
  const field = (key) => word(key).replace(/\s*[（(][^（()）]*[)）]$/, "");
  need(chart.title, field("titleEn"));
  need(chart.description, field("descEn"));
  for (const f of doc.figures) if (f.chart === id) need(f.label, `${field("col.labelEn")}: ${f.label?.zh}`);
  return out;
}

export class Preview {
  /** `ctx`: {valid() → JSON text or null, validCharts() → ids, current() → chart id}. */
  constructor({ ctx }) {
    this.ctx = ctx;
    this.shown = null;
    $("preview-switches").addEventListener("change", () => this.render());
  }

  settings() {
    return new FormData($("preview-switches"));
  }

  render() {
    const text = this.ctx.valid();
    $("preview-empty").hidden = Boolean(text);
    if (!text) return;
    let el = $("preview-chart");
    const s = this.settings();
    const first = !el;
    if (first) {
      el = document.createElement("park-infographic");
      el.id = "preview-chart";
    }
    el.setAttribute("theme", s.get("theme"));
    const ids = this.ctx.validCharts();
    const want = this.ctx.current();
    if (ids.includes(want)) el.setAttribute("chart", want);
    else if (!ids.includes(el.getAttribute("chart"))) el.setAttribute("chart", ids[0]);
    // A chart without English is shown in Chinese, with the note saying why, rather than
    // as the widget's refusal.
    const doc = JSON.parse(text);
    const english = s.get("lang") === "en" && !missingEnglish(doc, el.getAttribute("chart")).length;
    el.setAttribute("lang", english || s.get("lang") !== "en" ? s.get("lang") : "zh");
    if (this.shown !== text) {
      this.shown = text;
      el.json = text;
    }
    if (first) $("preview-frame").append(el);
    $("preview-frame").className = `frame w${s.get("width")}`;
    this.explainEnglish(doc, el.getAttribute("chart"), s.get("lang"));
  }

  /** In English, a chart without English text says so (and what to fill in). */
  explainEnglish(doc, id, lang) {
    const missing = lang === "en" ? missingEnglish(doc, id) : [];
    const p = $("preview-english");
    p.hidden = !missing.length;
    p.textContent = missing.length ? word("noEnglish", { why: word("noEnglishWhy", { n: missing.length, where: missing[0] }) }) : "";
  }

  view() {
    const s = this.settings();
    return { chart: $("preview-chart")?.getAttribute("chart") ?? this.ctx.current(), lang: s.get("lang"), theme: s.get("theme") };
  }
}
