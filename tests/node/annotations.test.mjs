// The chart step's annotations as pure changes of a dataset (www/editor/annotations.js):
// highlights toggled, lines, bands and notes made from a form's texts and edited in place,
// a figure's new id carried into them, and the module's check agreeing with what they make.
// Expected values are written here.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addAnnotation, annotationAt, annotationsOf, carryRenames, chartUnits, describe, fromForm,
  highlighted, readAmount, removeAnnotation, setField, setHighlight,
} from "../../www/editor/annotations.js";
import { serialize } from "../../www/editor/state.js";
import { fakeReadValue, realModule } from "./fixtures.mjs";

/** A small dataset: chart "rates" of three growth rates (%), chart "money" of one amount. */
function doc() {
  const f = (id, zh, value, unit, chart) => ({ id, label: { zh }, value, unit, chart });
  return {
    schema: 3,
    charts: [
      { id: "rates", form: "bars", title: { zh: "增速" }, description: { zh: "三项增速。" } },
      { id: "money", form: "tiles", title: { zh: "金额" }, description: { zh: "一项金额。" } },
    ],
    figures: [f("f-a", "甲", 12, "%", "rates"), f("f-b", "乙", 8, "%", "rates"), f("f-c", "丙", 5, "%", "rates"), f("f-d", "丁", 3, "亿元", "money")],
  };
}

test("highlight: figures toggled on join one highlight; toggled off they leave it; an empty one goes", () => {
  const d = doc();
  const chart = d.charts[0];
  assert.equal(setHighlight(chart, ["f-b"], true), true);
  assert.deepEqual(chart.annotations, [{ type: "highlight", figures: ["f-b"] }]);
  assert.equal(setHighlight(chart, ["f-b", "f-c"], true), true);
  assert.deepEqual(chart.annotations, [{ type: "highlight", figures: ["f-b", "f-c"] }], "one highlight, no id twice");
  assert.equal(setHighlight(chart, ["f-b"], true), false, "already highlighted: no change");
  assert.deepEqual([...highlighted(chart)], ["f-b", "f-c"]);
  assert.equal(setHighlight(chart, ["f-b"], false), true);
  assert.deepEqual(chart.annotations, [{ type: "highlight", figures: ["f-c"] }]);
  assert.equal(setHighlight(chart, ["f-a"], false), false, "not highlighted: no change");
  assert.equal(setHighlight(chart, ["f-c"], false), true);
  assert.equal("annotations" in chart, false, "an empty highlight and an empty list go");
});

test("highlight: a new highlight goes first, before lines and notes already there", () => {
  const chart = doc().charts[0];
  addAnnotation(chart, { type: "note", figure: "f-a", text: { zh: "最高" } });
  setHighlight(chart, ["f-a"], true);
  assert.deepEqual(chart.annotations.map((a) => a.type), ["highlight", "note"]);
  setHighlight(chart, ["f-a"], false);
  assert.deepEqual(chart.annotations.map((a) => a.type), ["note"], "the note stays");
});

test("values typed as journalists type them: read with the grid's reader, or kept as typed", () => {
  assert.deepEqual(readAmount("10%", fakeReadValue), { value: 10, unit: "%" });
  assert.deepEqual(readAmount("约5亿元", fakeReadValue), { value: 5, unit: "亿元" });
  assert.deepEqual(readAmount("3,000", null), { value: 3000, unit: "" }, "a plain number without the module");
  assert.deepEqual(readAmount("很多", fakeReadValue), { value: "很多", unit: "" }, "unreadable: kept as typed");
  assert.deepEqual(readAmount("", fakeReadValue), { value: "", unit: "" });
});

test("a line, a band and a note from the form's texts (Chinese first, English optional)", () => {
  const line = fromForm({ type: "line", value: "10%", zh: "平均 10%", en: "", unit: "" }, { readValue: fakeReadValue });
  assert.deepEqual(line, { type: "line", value: 10, unit: "%", label: { zh: "平均 10%" } });
  const chosen = fromForm({ type: "line", value: "6.1", zh: "全国", en: "China", unit: "%" }, { readValue: fakeReadValue });
  assert.deepEqual(chosen, { type: "line", value: 6.1, unit: "%", label: { zh: "全国", en: "China" } });
  const band = fromForm({ type: "band", from: "0", to: "5%", zh: "5%以下", unit: "" }, { readValue: fakeReadValue });
  assert.deepEqual(band, { type: "band", from: 0, to: 5, unit: "%", label: { zh: "5%以下" } });
  const years = fromForm({ type: "band", axis: "period", from: "0", to: "3", zh: "三年翻番期", unit: "指数" }, { readValue: fakeReadValue });
  assert.deepEqual(years, { type: "band", axis: "period", from: 0, to: 3, label: { zh: "三年翻番期" } }, "a path's years take no unit");
  const note = fromForm({ type: "note", figure: "f-a", zh: "最高", en: " " });
  assert.deepEqual(note, { type: "note", figure: "f-a", text: { zh: "最高" } });
  assert.equal(fromForm({ type: "arrow" }), null);
});

test("editing a field in place: values read again, texts keep the other language, English empty goes", () => {
  const chart = doc().charts[0];
  addAnnotation(chart, { type: "line", value: 10, unit: "%", label: { zh: "平均", en: "Average" } });
  assert.equal(setField(chart, 0, "value", "9.5%", { readValue: fakeReadValue }), true);
  assert.equal(setField(chart, 0, "label.zh", "均值", {}), true);
  assert.deepEqual(chart.annotations[0], { type: "line", value: 9.5, unit: "%", label: { zh: "均值", en: "Average" } });
  assert.equal(setField(chart, 0, "label.en", "", {}), true);
  assert.deepEqual(chart.annotations[0].label, { zh: "均值" });
  assert.equal(setField(chart, 0, "value", "很多", { readValue: fakeReadValue }), true);
  assert.equal(chart.annotations[0].value, "很多", "kept as typed for the check to name");
  assert.equal(setField(chart, 0, "label.zh", "均值", {}), false, "unchanged");
  assert.equal(setField(chart, 3, "label.zh", "x", {}), false, "no such annotation");
  addAnnotation(chart, { type: "band", from: 0, to: 5, unit: "%", label: { zh: "低" } });
  setField(chart, 1, "axis", "period", {});
  assert.deepEqual(chart.annotations[1], { type: "band", from: 0, to: 5, label: { zh: "低" }, axis: "period" }, "the period axis takes no unit");
  setField(chart, 1, "axis", "value", {});
  assert.equal("axis" in chart.annotations[1], false, "value is the default axis");
  assert.equal(removeAnnotation(chart, 0), true);
  assert.deepEqual(annotationsOf(chart).map((a) => a.type), ["band"]);
  assert.equal(removeAnnotation(chart, 0), true);
  assert.equal("annotations" in chart, false);
  assert.equal(removeAnnotation(chart, 0), false);
});

test("a figure's id changed in its row: its highlight and its note follow; other changes move nothing", () => {
  const before = doc();
  setHighlight(before.charts[0], ["f-a", "f-b"], true);
  addAnnotation(before.charts[0], { type: "note", figure: "f-a", text: { zh: "最高" } });
  const after = structuredClone(before);
  after.figures[0].id = "gdp";
  assert.equal(carryRenames(before, after), 2);
  assert.deepEqual(after.charts[0].annotations, [{ type: "highlight", figures: ["gdp", "f-b"] }, { type: "note", figure: "gdp", text: { zh: "最高" } }]);
  // A row removed: nothing is renamed (the check names the note's missing figure instead).
  const removed = structuredClone(before);
  removed.figures.splice(0, 1);
  assert.equal(carryRenames(before, removed), 0);
  assert.equal(removed.charts[0].annotations[1].figure, "f-a", "the note's words kept");
  // Two rows swapping ids is no rename.
  const swapped = structuredClone(before);
  [swapped.figures[0].id, swapped.figures[1].id] = ["f-b", "f-a"];
  assert.equal(carryRenames(before, swapped), 0);
});

test("the chart's units, its first figure's first; a check's path inside a chart", () => {
  const d = doc();
  d.figures[2].unit = "个";
  assert.deepEqual(chartUnits(d, "rates"), ["%", "个"]);
  assert.deepEqual(annotationAt("annotations[2].label.zh"), { index: 2, field: "label.zh" });
  assert.deepEqual(annotationAt("annotations[0].figures[1]"), { index: 0, field: "figures" });
  assert.deepEqual(annotationAt("annotations[1]"), { index: 1, field: null });
  assert.deepEqual(annotationAt("annotations"), { index: null, field: null });
  assert.equal(annotationAt("title.zh"), null);
});

test("plain descriptions in both languages", () => {
  const names = (lang) => ({
    lang,
    type: (t) => ({ highlight: "突出显示", line: "参考线", band: "区间", note: "注释" })[t],
    figure: (id) => ({ "f-a": "甲", "f-b": "乙" })[id] ?? id,
    axis: () => "时间",
    unit: "%",
  });
  assert.equal(describe({ type: "highlight", figures: ["f-a", "f-b"] }, names("zh")), "突出显示：甲、乙");
  assert.equal(describe({ type: "line", value: 10, label: { zh: "平均" } }, names("zh")), "参考线 10 %：平均");
  assert.equal(describe({ type: "band", from: 0, to: 3, axis: "period", label: { zh: "三年" } }, names("zh")), "区间 0–3 · 时间：三年");
  assert.equal(describe({ type: "note", figure: "f-a", text: { zh: "最高" } }, names("en")), "注释 (甲): 最高");
});

test("what the chart step makes is what the module's check accepts, and names where it is wrong", async (t) => {
  const m = await realModule();
  if (!m) return t.skip("pkg-editor/ not built");
  const d = doc();
  const chart = d.charts[0];
  setHighlight(chart, ["f-b"], true);
  addAnnotation(chart, fromForm({ type: "line", value: "10%", zh: "平均 10%" }, { readValue: (s) => m.readValue(s) }));
  addAnnotation(chart, fromForm({ type: "band", from: "0", to: "5", zh: "5%以下", unit: "%" }, { readValue: (s) => m.readValue(s) }));
  addAnnotation(chart, fromForm({ type: "note", figure: "f-a", zh: "最高" }));
  assert.deepEqual(m.checkJson(serialize(d), "zh"), []);
  setField(chart, 1, "label.zh", " ", {});
  assert.deepEqual(m.checkJson(serialize(d), "zh")[0], "charts[0].annotations[1].label.zh");
  setField(chart, 1, "label.zh", "平均", {});
  setField(chart, 1, "value", "很多", { readValue: (s) => m.readValue(s) });
  assert.equal(m.checkJson(serialize(d), "en")[0], "charts[0].annotations[1].value");
  setField(chart, 1, "value", "10", { readValue: (s) => m.readValue(s) });
  d.figures[0].id = "gdp-a";
  assert.equal(m.checkJson(serialize(d), "zh")[0], "charts[0].annotations[3].figure", "a renamed figure not carried is named at the note");
  const carried = structuredClone(d);
  d.figures[0].id = "f-a";
  carried.figures[0].id = "gdp-a";
  carryRenames(d, carried);
  assert.deepEqual(m.checkJson(serialize(carried), "zh"), []);
});
