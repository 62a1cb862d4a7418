import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeTable, headerRole, readTable, separator, splitRows, tableFigures } from "../../www/editor/paste.js";
import { SUZHOU, fakeReadValue } from "./fixtures.mjs";

test("TSV from a spreadsheet: quoted cells keep tabs, newlines and doubled quotes", () => {
  const text = 'a\t"b\tc"\t"say ""hi"""\r\n"two\nlines"\t2\t3\r\n\r\n';
  assert.deepEqual(splitRows(text, separator(text)), [["a", "b\tc", 'say "hi"'], ["two\nlines", "2", "3"]]);
});

test("CSV: commas separate, quoted cells keep theirs (3,000)", () => {
  const text = '指标,数值\n高新技术企业,"3,000家"\n"名称, 带逗号",5%\n';
  assert.equal(separator(text), ",");
  assert.deepEqual(splitRows(text, ","), [["指标", "数值"], ["高新技术企业", "3,000家"], ["名称, 带逗号", "5%"]]);
});

test("headers in Chinese and English name their columns; a unit in brackets and a year are kept", () => {
  const roles = (hs) => hs.map((h) => headerRole(h)?.role ?? null);
  assert.deepEqual(roles(["指标", "数值", "单位", "年份", "备注", "来源"]), ["label", "value", "unit", "period", "note", "source"]);
  assert.deepEqual(roles(["名称", "金额", "时期"]), ["label", "value", "period"]);
  assert.deepEqual(roles(["项目", "数量", "英文名称"]), ["label", "value", "labelEn"]);
  assert.deepEqual(roles(["Indicator", "Value", "Unit", "Year", "Note", "Source"]), ["label", "value", "unit", "period", "note", "source"]);
  assert.deepEqual(headerRole("金额（亿元）"), { role: "value", unit: "亿元" });
  assert.deepEqual(headerRole("2023年"), { role: "value", year: 2023, unit: undefined });
  assert.equal(headerRole("颜色"), null);
});

test("the 苏州 table: caption, header, mapping, every row kept", () => {
  const t = readTable(SUZHOU);
  assert.equal(t.caption, "苏州工业园区2023年主要经济指标");
  assert.deepEqual(t.header, ["指标", "数值", "单位", "年份", "备注"]);
  assert.deepEqual(t.columns.map((c) => c.role), ["label", "value", "unit", "period", "note"]);
  assert.equal(t.rows.length, 11);
});

test("no header row: the columns are guessed from their cells", () => {
  const t = readTable("地区生产总值\t3686亿元\t2023\n进出口增速\t-3.2%\t2023\n");
  assert.equal(t.header, null);
  assert.deepEqual(t.columns.map((c) => c.role), ["label", "value", "period"]);
  assert.equal(t.rows.length, 2);
});

test("unknown headers are skipped, not refused; the journalist can map them", () => {
  const t = readTable("指标\t颜色\t数值\nA\t红\t1\n");
  assert.deepEqual(t.columns.map((c) => c.role), ["label", "skip", "value"]);
});

test("figures from the 苏州 table: values as typed, units, bounds, no invented period or source", () => {
  const t = readTable(SUZHOU);
  const { figures, marks } = tableFigures(t, { readValue: fakeReadValue });
  assert.equal(figures.length, 11);
  const by = Object.fromEntries(figures.map((f) => [f.label.zh, f]));
  assert.deepEqual(by["一般公共预算收入"], { id: by["一般公共预算收入"].id, label: { zh: "一般公共预算收入" }, value: 5, bound: "about", unit: "亿元", typed: { zh: "约5亿元" }, period: { year: 2023 }, note: { zh: "估算" } });
  assert.deepEqual([by["新增就业"].value, by["新增就业"].unit, by["新增就业"].typed], [1.2, "万人", { zh: "1.2万人" }]);
  assert.deepEqual([by["新增外资企业"].value, by["新增外资企业"].unit, by["新增外资企业"].bound, by["新增外资企业"].typed], [100, "家", "more_than", { zh: "超100家" }]);
  assert.deepEqual([by["高新技术企业"].value, by["高新技术企业"].unit], [3000, "家"]);
  assert.deepEqual([by["地区生产总值增速"].value, by["地区生产总值增速"].unit, by["地区生产总值增速"].typed], [5.6, "%", { zh: "5.6%" }]);
  assert.deepEqual([by["实际使用外资"].value, by["实际使用外资"].unit], [18.5, "亿美元"]);
  // No period typed: none given (not this year); no source column: no source.
  assert.equal(by["工业投资增速"].period, undefined);
  assert.ok(figures.every((f) => f.source === undefined && f.label.en === undefined));
  assert.equal(marks[2][0].reading, "约 · 5 · 亿元");
  assert.ok(marks.every((m) => m[0].error === null));
});

test("a bad cell is kept as typed and marked; the other rows are read", () => {
  const t = readTable("指标\t数值\nA\t12%\nB\t很多\nC\t1e309\n");
  const { figures, marks } = tableFigures(t, { readValue: fakeReadValue });
  assert.deepEqual(figures.map((f) => f.value), [12, "很多", "1e309"]);
  assert.deepEqual(marks.map((m) => Boolean(m[0].error)), [false, true, true]);
});

test("without the module's reader, plain numbers still read; other values are kept and marked", () => {
  const t = readTable("指标\t数值\nA\t3,000\nB\t约5亿元\nC\t1e309\n");
  const { figures, marks } = tableFigures(t, {});
  assert.deepEqual(figures.map((f) => f.value), [3000, "约5亿元", "1e309"]);
  assert.deepEqual(marks.map((m) => Boolean(m[0].error)), [false, true, true]);
});

test("a CSV saved by Excel or WPS in Chinese (GB18030) reads as the same text as UTF-8", () => {
  // "指标,数值\n研发投入,约5亿元\n" in GB18030, bytes written out by hand from the code table.
  const gb = Uint8Array.from([
    0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0xca, 0xfd, 0xd6, 0xb5, 0x0a,
    0xd1, 0xd0, 0xb7, 0xa2, 0xcd, 0xb6, 0xc8, 0xeb, 0x2c, 0xd4, 0xbc, 0x35, 0xd2, 0xda, 0xd4, 0xaa, 0x0a,
  ]);
  const text = "指标,数值\n研发投入,约5亿元\n";
  assert.equal(decodeTable(gb), text);
  assert.equal(decodeTable(new TextEncoder().encode(text)), text);
  assert.equal(decodeTable(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])), text);
});
