// The spreadsheet module (pkg-xlsx/, when built) in node: the journalist's workbook
// (tests/fixtures/suzhou.xlsx) gives the table the same text pasted from WPS gives — the
// same caption, header, mapping and figures — and a refusal is one of the editor's words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { readRows, readTable, tableFigures } from "../../www/editor/paste.js";
import { SUZHOU, fakeReadValue } from "./fixtures.mjs";

const DIR = new URL("../../pkg-xlsx/", import.meta.url);
const WORKBOOK = readFileSync(new URL("../fixtures/suzhou.xlsx", import.meta.url));

async function xlsxModule() {
  if (!existsSync(new URL("park_infographic_xlsx_bg.wasm", DIR))) return null;
  const m = await import(new URL("park_infographic_xlsx.js", DIR));
  m.initSync({ module: readFileSync(new URL("park_infographic_xlsx_bg.wasm", DIR)) });
  return m;
}

test("rows of a sheet read as the same text pasted: cells trimmed, blank rows left out", () => {
  const rows = SUZHOU.split("\r\n").map((line) => line.split("\t"));
  const sheet = [[""], ...rows.map((r) => r.map((c) => ` ${c} `)), ["", ""]];
  assert.deepEqual(readRows(sheet), readTable(SUZHOU));
});

test("xlsx: the journalist's workbook gives the pasted table, its values as the spreadsheet shows them", async (t) => {
  const m = await xlsxModule();
  if (!m) return t.skip("pkg-xlsx/ is not built");
  const read = m.readXlsx(WORKBOOK);
  assert.deepEqual(read.sheets, ["主要指标", "说明"]);
  assert.equal(read.sheet, "主要指标");
  assert.equal(read.cutRows || read.cutColumns || read.cutCells, false);
  const fromFile = readRows(read.rows);
  const pasted = readTable(SUZHOU);
  assert.deepEqual(fromFile, pasted);
  assert.deepEqual(tableFigures(fromFile, { readValue: fakeReadValue }), tableFigures(pasted, { readValue: fakeReadValue }));
  assert.deepEqual(m.readXlsxSheet(WORKBOOK, "说明").rows, [["数据来源", "园区统计局"]]);
});

test("xlsx: what is not a workbook is refused with a word of the editor's, never a trap", async (t) => {
  const m = await xlsxModule();
  if (!m) return t.skip("pkg-xlsx/ is not built");
  const refusal = (f) => {
    try {
      f();
    } catch (e) {
      return e.message;
    }
    return "read";
  };
  assert.equal(refusal(() => m.readXlsx(new TextEncoder().encode("指标,数值\n"))), "xlsxNotXlsx");
  assert.equal(refusal(() => m.readXlsx(WORKBOOK.subarray(0, 2000))), "xlsxNotXlsx");
  assert.equal(refusal(() => m.readXlsxSheet(WORKBOOK, "2022年")), "xlsxSheetMissing");
  const damaged = Uint8Array.from(WORKBOOK);
  for (let i = 200; i < damaged.length - 200; i += 97) damaged[i] ^= 0x5a;
  assert.match(refusal(() => m.readXlsx(damaged)), /^xlsx(NotXlsx|Damaged)$/);
  // The module still reads after them.
  assert.equal(m.readXlsx(WORKBOOK).rows.length, 13);
});
