// Changes to the working dataset that more than one panel makes, as pure functions of
// the dataset (the store calls them inside one update, so each is one undo step): a chart
// made from rows, a chart renamed or removed, a pasted table merged in, the words the
// editor made for a chart kept in step with its rows. No DOM.
import { baseId, freshId, idFor, shortHash } from "./ids.js";
import { SCHEMA, obj } from "./state.js";

const MAX_NOTE_CHARS = 300;
const MAX_LABEL_CHARS = 80;

const labelOf = (f) => (obj(f.label) ? f.label.zh || f.label.en || f.id : f.id);
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A title and description said by the rows themselves (the journalist changes them). */
export function chartWords(figures, caption) {
  const labels = figures.map(labelOf).filter(Boolean);
  const title = caption || (labels.length > 1 ? `${labels[0]}等${labels.length}项` : labels[0] || "图表");
  return { title: { zh: clip(title, MAX_LABEL_CHARS) }, description: { zh: clip(`图中为${labels.join("、")}。`, MAX_NOTE_CHARS) } };
}

/**
 * Keeps the words the editor made for a chart (chartWords) in step with its figures: a
 * chart whose rows changed between `before` and `after` gets new ones, unless the
 * journalist has written their own (those are never touched).
 */
export function renewChartWords(before, after) {
  const figuresOf = (doc, id) => doc.figures.filter((f) => f.chart === id);
  for (const chart of after.charts) {
    const old = before.charts.find((c) => c.id === chart.id);
    const [was, now] = [figuresOf(before, chart.id), figuresOf(after, chart.id)];
    if (!old || !now.length || was.map(labelOf).join("\n") === now.map(labelOf).join("\n")) continue;
    const [made, next] = [chartWords(was, ""), chartWords(now, "")];
    for (const k of ["title", "description"]) {
      if (obj(chart[k]) && chart[k].zh === made[k].zh && old[k]?.zh === made[k].zh) chart[k] = { ...chart[k], zh: next[k].zh };
    }
  }
}

/**
 * Makes a chart of the figures with ids `ids` (taken from the charts they were in) and
 * returns its id. `suggest(doc, id)` gives its form (the module's suggestForm); without
 * one, bars when the rows share one unit, else tiles.
 */
export function makeChart(doc, ids, { caption = "", suggest } = {}) {
  const wanted = new Set(ids);
  const figures = doc.figures.filter((f) => wanted.has(f.id));
  const id = freshId(doc.charts, "chart");
  const units = new Set(figures.map((f) => f.unit ?? ""));
  const chart = { id, form: units.size === 1 ? "bars" : "tiles", ...chartWords(figures, caption) };
  doc.charts.push(chart);
  for (const f of figures) {
    f.chart = id;
    delete f.group;
  }
  dropEmptyCharts(doc, id);
  if (typeof suggest === "function") {
    const form = suggest(doc, id);
    if (typeof form === "string" && form) chart.form = form;
  }
  return id;
}

/** Charts left with no figure (their rows went to another chart) are removed. */
export function dropEmptyCharts(doc, keep) {
  const used = new Set(doc.figures.map((f) => f.chart));
  doc.charts = doc.charts.filter((c) => c.id === keep || used.has(c.id));
}

/**
 * Renames chart `index` to `next`: exactly its own figures follow it. Refused (returns a
 * words.js key) when another chart has that id; the id's form is the validator's to judge.
 */
export function renameChart(doc, index, next) {
  const chart = doc.charts[index];
  const id = String(next).trim();
  if (!chart || id === chart.id) return null;
  if (doc.charts.some((c, i) => i !== index && c.id === id)) return "chartIdTaken";
  const old = chart.id;
  for (const f of doc.figures) if (f.chart === old) f.chart = id;
  chart.id = id;
  return null;
}

/** Removes chart `index`; its figures belong to no chart. Returns how many there were. */
export function removeChart(doc, index) {
  const chart = doc.charts[index];
  if (!chart) return 0;
  let n = 0;
  for (const f of doc.figures) {
    if (f.chart === chart.id) {
      delete f.chart;
      delete f.group;
      n++;
    }
  }
  doc.charts.splice(index, 1);
  return n;
}

const sameLabel = (a, b) => labelOf(a) === labelOf(b);

/** Sources named in a paste become the dataset's source sections; figures point at theirs. */
function addSources(doc, pasted, sources) {
  const texts = [...new Set(sources.filter(Boolean))];
  if (!texts.length) return;
  if (!obj(doc.source)) doc.source = { title: { zh: clip(texts.join("；"), MAX_NOTE_CHARS) }, sections: [] };
  if (!Array.isArray(doc.source.sections)) doc.source.sections = [];
  const ids = new Map(doc.source.sections.map((s) => [obj(s.title) ? s.title.zh : "", s.id]));
  for (const t of texts) {
    if (ids.has(t)) continue;
    const id = `s-${shortHash(t)}`;
    doc.source.sections.push({ id, title: { zh: clip(t, MAX_LABEL_CHARS) }, paragraphs: 1 });
    ids.set(t, id);
  }
  pasted.forEach((f, i) => {
    if (sources[i]) f.source = { section: ids.get(sources[i]) };
  });
}

/**
 * Merges figures read from a pasted table into `doc`: a row whose label the dataset has
 * (same id made from the same label) updates that figure, others are added. Rows without
 * a chart go to new charts of their own, `perChart` rows at most each (the preview shows
 * them at once). Returns `{added, updated, chart}`, `chart` the first new chart's id.
 */
export function mergePasted(doc, { figures, sources }, { caption = "", suggest, perChart = Infinity } = {}) {
  if (doc.schema !== SCHEMA) doc.schema = SCHEMA;
  const byId = new Map(doc.figures.map((f) => [f.id, f]));
  const taken = new Set(byId.keys());
  let added = 0;
  let updated = 0;
  const homeless = [];
  const merged = figures.map((p) => {
    const old = byId.get(p.id);
    if (old && (sameLabel(old, p) || p.id !== baseId(labelOf(p)))) {
      const keep = { chart: old.chart, group: old.group, derived: old.derived };
      for (const k of Object.keys(old)) delete old[k];
      Object.assign(old, p);
      for (const [k, v] of Object.entries(keep)) if (v !== undefined && old[k] === undefined) old[k] = v;
      updated++;
      return old;
    }
    if (old) p.id = idFor(labelOf(p), taken);
    taken.add(p.id);
    doc.figures.push(p);
    byId.set(p.id, p);
    added++;
    if (p.chart === undefined) homeless.push(p.id);
    return p;
  });
  addSources(doc, merged, sources ?? []);
  const charts = [];
  for (let i = 0; i < homeless.length; i += perChart) {
    charts.push(makeChart(doc, homeless.slice(i, i + perChart), { caption, suggest }));
  }
  return { added, updated, chart: charts[0] ?? null };
}
