import { test } from "node:test";
import assert from "node:assert/strict";
import { baseId, idFor, shortHash } from "../../www/editor/ids.js";
import { makeChart, mergePasted, removeChart, renameChart } from "../../www/editor/model.js";
import { Store } from "../../www/editor/store.js";
import { readTable, tableFigures } from "../../www/editor/paste.js";
import { blank, readDataset, serialize, MAX_DEPTH } from "../../www/editor/state.js";
import { parsePeriod, periodText, readCell } from "../../www/editor/values.js";
import { SUZHOU, fakeReadValue } from "./fixtures.mjs";

const paste = (doc, text) => {
  const table = readTable(text);
  return mergePasted(doc, { ...tableFigures(table, { readValue: fakeReadValue }) }, { caption: table.caption });
};

test("ids: made from labels, stable, valid for the validator, distinct for distinct labels", () => {
  assert.equal(baseId("地区生产总值"), baseId("地区生产总值"));
  assert.notEqual(baseId("地区生产总值"), baseId("地区生产总值增速"));
  assert.match(baseId("地区生产总值"), /^f-[0-9a-z]{7}$/);
  assert.equal(baseId("GDP growth"), "f-gdp-growth");
  assert.equal(shortHash(""), shortHash(""));
  assert.equal(idFor("A", new Set(["f-a"])), "f-a-2");
});

test("a paste makes figures and a chart of them at once, titled by the table's caption", () => {
  const doc = blank();
  const r = paste(doc, SUZHOU);
  assert.deepEqual([r.added, r.updated, r.chart], [11, 0, "chart-1"]);
  assert.equal(doc.charts.length, 1);
  assert.equal(doc.charts[0].title.zh, "苏州工业园区2023年主要经济指标");
  assert.ok(doc.charts[0].description.zh.startsWith("图中为地区生产总值、"));
  assert.ok(doc.figures.every((f) => f.chart === "chart-1"));
  assert.equal(doc.source, undefined, "no source invented");
});

test("a paste longer than a chart can hold is spread over charts the validator accepts", () => {
  const doc = blank();
  const rows = Array.from({ length: 45 }, (_, i) => `指标${i + 1}\t${i + 1}`).join("\n");
  const table = readTable(`指标\t数值\n${rows}`);
  const r = mergePasted(doc, tableFigures(table, { readValue: fakeReadValue }), { perChart: 40 });
  assert.equal(r.added, 45);
  assert.deepEqual(
    doc.charts.map((c) => doc.figures.filter((f) => f.chart === c.id).length),
    [40, 5],
  );
  assert.equal(r.chart, doc.charts[0].id, "the first new chart is the one shown");
  assert.equal(doc.figures.find((f) => f.chart === doc.charts[1].id).label.zh, "指标41", "in the table's order");
});

test("the same table pasted again updates its rows (same ids), adds none", () => {
  const doc = blank();
  paste(doc, SUZHOU);
  const ids = doc.figures.map((f) => f.id);
  const again = paste(doc, SUZHOU.replace("5.6%", "5.7%"));
  assert.deepEqual([again.added, again.updated], [0, 11]);
  assert.deepEqual(doc.figures.map((f) => f.id), ids);
  assert.equal(doc.figures[1].value, 5.7);
  assert.equal(doc.charts.length, 1, "the rows stay in their chart");
});

test("a source column becomes the dataset's sources, each figure pointing at its own", () => {
  const doc = blank();
  paste(doc, "指标\t数值\t来源\nA\t1\t统计公报\nB\t2\t管委会\nC\t3\t\n");
  assert.deepEqual(doc.source.sections.map((s) => s.title.zh), ["统计公报", "管委会"]);
  assert.deepEqual(doc.figures.map((f) => f.source?.section), [doc.source.sections[0].id, doc.source.sections[1].id, undefined]);
});

test("make a chart of selected rows: they leave their chart; a chart left empty goes", () => {
  const doc = blank();
  paste(doc, SUZHOU);
  const rates = doc.figures.filter((f) => f.unit === "%").map((f) => f.id);
  const id = makeChart(doc, rates, { suggest: () => "bars" });
  assert.equal(id, "chart-2");
  assert.deepEqual(doc.charts.map((c) => [c.id, c.form]), [["chart-1", doc.charts[0].form], ["chart-2", "bars"]]);
  assert.equal(doc.figures.filter((f) => f.chart === "chart-2").length, 5);
  assert.equal(doc.figures.filter((f) => f.chart === "chart-1").length, 6);
  makeChart(doc, doc.figures.filter((f) => f.chart === "chart-1").map((f) => f.id));
  assert.deepEqual(doc.charts.map((c) => c.id), ["chart-2", "chart-3"]);
});

test("renaming a chart moves exactly its own figures; a taken id is refused", () => {
  const doc = { schema: 3, charts: [{ id: "growth-path" }, { id: "growth-2019" }], figures: [{ id: "a", chart: "growth-path" }, { id: "b", chart: "growth-2019" }, { id: "c", chart: "growth-2019" }] };
  assert.equal(renameChart(doc, 0, "growth-2019"), "chartIdTaken");
  assert.deepEqual(doc.figures.map((f) => f.chart), ["growth-path", "growth-2019", "growth-2019"]);
  assert.equal(renameChart(doc, 0, "growth-2019-revised"), null);
  assert.deepEqual(doc.figures.map((f) => f.chart), ["growth-2019-revised", "growth-2019", "growth-2019"]);
  assert.equal(removeChart(doc, 1), 2);
  assert.deepEqual(doc.figures.map((f) => f.chart), ["growth-2019-revised", undefined, undefined]);
});

test("serialisation: default.json's key order, 2-space indent, typed and units in place", () => {
  const doc = { figures: [{ chart: "c", typed: { zh: "约5亿元" }, unit: "亿元", value: 5, label: { zh: "x" }, id: "a" }], charts: [], units: [{ en: "firms", name: "家" }], schema: 3 };
  const text = serialize(doc);
  assert.equal(text, `${JSON.stringify({ schema: 3, units: [{ name: "家", en: "firms" }], charts: [], figures: [{ id: "a", label: { zh: "x" }, value: 5, unit: "亿元", typed: { zh: "约5亿元" }, chart: "c" }] }, null, 2)}\n`);
});

test("opening: a file nested deeper than the validator reads is refused unread", () => {
  const deep = `${"[".repeat(100000)}${"]".repeat(100000)}`;
  assert.deepEqual(readDataset(deep), { error: "tooDeep", detail: 100000 });
  assert.equal(readDataset(`{"a":"${"[".repeat(100)}","figures":[],"charts":[]}`).error, undefined, "brackets in strings do not count");
  assert.equal(readDataset(`${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)}`).error, "notObject");
  assert.equal(readDataset("{oops").error, "notJson");
});

test("periods: as journalists write them; none when none is written", () => {
  assert.deepEqual(parsePeriod("2023"), { year: 2023 });
  assert.deepEqual(parsePeriod("2023年"), { year: 2023 });
  assert.deepEqual(parsePeriod("2023 Q1"), { year: 2023, quarter: 1 });
  assert.deepEqual(parsePeriod("2023年一季度"), { year: 2023, quarter: 1 });
  assert.deepEqual(parsePeriod("2020 +2-3y"), { year: 2020, horizon_years: 3, horizon_years_low: 2 });
  assert.deepEqual(parsePeriod("2019 now"), { year: 2019, as_of_report: true });
  assert.equal(parsePeriod("去年"), null);
  assert.equal(periodText({ year: 2020, quarter: 1 }), "2020 Q1");
});

test("1e309 and other numbers beyond a double are never stored as a number", () => {
  assert.ok(readCell("1e309").error !== undefined);
  assert.ok(readCell("1e309", () => ({ value: Infinity, unit: "", bound: "exact", typed: "", reading: "" })).error !== undefined);
  assert.equal(readCell("3,000").value, 3000);
});

test("rows moved out of a chart: the words the editor made for it follow; the journalist's stay", () => {
  const doc = blank();
  const { chart } = mergePasted(doc, tableFigures(readTable("指标\t数值\n甲\t1%\n乙\t2%\n丙\t3"), { readValue: fakeReadValue }));
  assert.equal(doc.charts[0].title.zh, "甲等3项", "the editor's title at first");
  const store = new Store({ doc });
  const ids = doc.figures.map((f) => f.id);
  store.update((d) => makeChart(d, ids.slice(0, 2)), "makeChart");
  const left = store.doc.charts.find((c) => c.id === chart);
  assert.deepEqual([left.title.zh, left.description.zh], ["丙", "图中为丙。"], "the old chart names only what it still shows");
  // Words the journalist wrote are theirs: a later move leaves them alone.
  store.update((d) => {
    d.charts.find((c) => c.id === chart).title.zh = "其他";
  }, "edit");
  store.update((d) => {
    d.figures.find((f) => f.id === ids[1]).chart = chart;
  }, "edit");
  const mine = store.doc.charts.find((c) => c.id === chart);
  assert.deepEqual([mine.title.zh, mine.description.zh], ["其他", "图中为乙、丙。"], "title kept, the made description follows");
});
