// Opening an Excel workbook (.xlsx) in the editor, as a journalist does: the journalist's
// table saved by a spreadsheet (tests/fixtures/suzhou.xlsx: percentages stored as numbers
// with a percent format, 3,000 as a number with a thousands format, the rest as text, a
// second sheet) opened by the file button or dropped on the page. The sheet is chosen, the
// grid has the table's rows with the values as the spreadsheet shows them (12%, 约5亿元,
// 18.5亿美元, 1.2万人), the preview draws them; the spreadsheet module (pkg-xlsx) is
// downloaded only once a file is chosen. Files that are not workbooks, an .xls and a zip
// bomb are refused in the interface's words, the work kept. Expected values come from the
// pasted table (tests/node/fixtures.mjs), which the fixture holds (xlsx/src/book.rs).
import { readFileSync } from "node:fs";
import { COLUMNS } from "../../www/editor/columns.js";
import { zip } from "../../www/editor/zip.js";
import { SUZHOU_CAPTION, SUZHOU_ROWS } from "../node/fixtures.mjs";
import { assert, assertClean, assertEqual, open, test } from "./harness.mjs";

const FIXTURE = new URL("../fixtures/suzhou.xlsx", import.meta.url).pathname;
const col = (key) => COLUMNS.findIndex((c) => c.key === key);
const cellText = (p, row, key) => p.locator(`#grid tbody tr:nth-child(${row + 1}) td:nth-of-type(${col(key) + 1}) span`).first().textContent();
const rowCount = (p) => p.evaluate(() => document.querySelectorAll("#grid tbody tr").length);
const status = (p) => p.locator("#status").textContent();
const isXlsx = (url) => url.includes("/pkg-xlsx/");

/** The editor with its own module loaded; `requests`: every URL the page asked for, in order. */
async function editor(env) {
  const p = await open(env, null, { viewport: { width: 1300, height: 900 } });
  p.setDefaultTimeout(10000);
  p.requests = [];
  p.on("request", (r) => p.requests.push(r.url()));
  await p.goto(`${env.origin}/editor.html`);
  await p.waitForFunction(() => document.body.dataset.ready === "true");
  return p;
}

/** The page's dialog: its question and buttons; then the button named `label` pressed. */
async function choose(p, label) {
  await p.waitForFunction(() => document.getElementById("ask")?.open);
  const asked = {
    text: await p.locator("#ask-text").textContent(),
    buttons: await p.locator("#ask-buttons button").allTextContents(),
  };
  await p.locator("#ask-buttons button", { hasText: label }).click();
  return asked;
}

/** Drops a file of `bytes` called `name` on the page, as a file dragged from the desktop. */
function drop(p, name, bytes) {
  return p.evaluate(
    ({ name, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name));
      const target = document.getElementById("grid");
      for (const type of ["dragenter", "dragover", "drop"]) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { name, bytes: [...bytes] },
  );
}

/** Waits for the status line to say `text`; returns what it says. */
async function says(p, text) {
  try {
    await p.waitForFunction((text) => document.getElementById("status").textContent.includes(text), text);
  } catch (e) {
    throw new Error(`${e.message}: the status says ${await status(p)}`);
  }
  return status(p);
}

/** The grid's rows as [label, value as shown]. */
async function gridRows(p) {
  const out = [];
  for (let i = 0; i < (await rowCount(p)); i++) out.push([await cellText(p, i, "labelZh"), await cellText(p, i, "value")]);
  return out;
}

export default async function xlsxTests(env) {
  await test("xlsx: the journalist's workbook opened by the file button: sheet chosen, values as typed, preview drawn; pkg-xlsx only then", async () => {
    const p = await editor(env);
    const atStart = p.requests.length;
    assert(!p.requests.some(isXlsx), `the editor's start downloads no spreadsheet module: ${p.requests.filter(isXlsx)}`);
    await p.locator("#table-file").setInputFiles(FIXTURE);
    // Two sheets: the journalist picks one.
    const asked = await choose(p, "主要指标");
    assert(asked.text.includes("suzhou.xlsx") && asked.text.includes("2"), `asks which sheet: ${asked.text}`);
    assertEqual(asked.buttons, ["主要指标", "说明", "取消"], "the sheets offered, and a way out");
    await p.waitForFunction((n) => document.querySelectorAll("#grid tbody tr").length === n, SUZHOU_ROWS.length);
    assertEqual(await gridRows(p), SUZHOU_ROWS, "every row, each value as the spreadsheet shows it");
    for (const typed of ["12%", "约5亿元", "18.5亿美元", "1.2万人", "3,000家", "-3.2%"]) {
      assert(SUZHOU_ROWS.some(([, v]) => v === typed), `the table has ${typed}`);
    }
    assertEqual(await p.locator("#grid tbody td.unread").count(), 0, "every value read");
    assertEqual(await cellText(p, SUZHOU_ROWS.findIndex(([, v]) => v === "约5亿元"), "reading"), "约 · 5 · 亿元", "read as a paste is");
    const said = await says(p, "已读入 suzhou.xlsx 的工作表“主要指标”");
    assert(said.includes(`已粘贴 ${SUZHOU_ROWS.length} 行`), `says what it did: ${said}`);
    // The caption row became the chart's title; the preview draws the rows.
    await p.waitForFunction(() => document.querySelector("#check .ok"));
    const drawn = await p.waitForFunction((needle) => {
      const el = document.getElementById("preview-chart");
      return el?.json?.includes(needle) && !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base") && el.json;
    }, "18.5亿美元");
    const json = JSON.parse(await drawn.jsonValue());
    assertEqual(json.charts[0].title.zh, SUZHOU_CAPTION, "the caption is the chart's title");
    assertEqual(json.figures.map((f) => f.typed?.zh ?? String(f.value)).filter((t) => t.endsWith("%")), SUZHOU_ROWS.map(([, v]) => v).filter((v) => v.endsWith("%")), "the rates as typed, to the widget");
    // The module came when the file was chosen, not before.
    const later = p.requests.slice(atStart).filter(isXlsx).map((u) => new URL(u).pathname.split("/").pop());
    assertEqual(later.sort(), ["park_infographic_xlsx.js", "park_infographic_xlsx_bg.wasm"], "pkg-xlsx downloaded once the file was chosen");
    await assertClean(p);
    await p.close();
  });

  await test("xlsx: a workbook dropped on the page opens the same way; a sheet not chosen opens nothing; Enter takes the first", async () => {
    const p = await editor(env);
    const bytes = readFileSync(FIXTURE);
    await drop(p, "suzhou.xlsx", bytes);
    await choose(p, "取消");
    await says(p, "没有打开 suzhou.xlsx");
    assertEqual(await rowCount(p), 0, "nothing opened");
    await drop(p, "suzhou.xlsx", bytes);
    // The keyboard's way: Enter picks the first sheet offered (主要指标), not cancel.
    await p.waitForFunction(() => document.getElementById("ask").open);
    await p.keyboard.press("Enter");
    await p.waitForFunction((n) => document.querySelectorAll("#grid tbody tr").length === n, SUZHOU_ROWS.length);
    assertEqual(await gridRows(p), SUZHOU_ROWS, "the same rows as by the file button");
    await assertClean(p);
    await p.close();
  });

  await test("xlsx: not a workbook, an .xls, a zip bomb: refused in the interface's words, the work kept", async () => {
    const p = await editor(env);
    await p.locator("#table-file").setInputFiles(FIXTURE);
    await choose(p, "主要指标");
    await p.waitForFunction((n) => document.querySelectorAll("#grid tbody tr").length === n, SUZHOU_ROWS.length);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    // 70 MB of one sheet in 70 KB.
    const bomb = await zip([{ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(70 << 20).fill(32) }]);
    assert(bomb.length < 200 << 10, `the bomb is small: ${bomb.length} bytes`);
    for (const [name, bytes, words] of [
      ["报表.xlsx", new TextEncoder().encode("指标,数值\n增速,5%\n"), "报表.xlsx 不是 Excel 工作簿（.xlsx），没有打开"],
      ["2022年.xls", ole, "2022年.xls 是旧版 Excel 文件（.xls）"],
      ["大.xlsx", bomb, "大.xlsx 太大"],
    ]) {
      await drop(p, name, bytes);
      await says(p, words);
      assertEqual(await rowCount(p), SUZHOU_ROWS.length, `the work kept after ${name}`);
    }
    // In English when the interface is.
    await p.locator('input[name="ui"][value="en"]').check();
    await drop(p, "report.xlsx", new TextEncoder().encode("not a zip"));
    await says(p, "report.xlsx is not an Excel workbook (.xlsx): not opened.");
    // A workbook after all that still opens (the module was not left broken).
    await drop(p, "suzhou.xlsx", readFileSync(FIXTURE));
    await choose(p, "说明");
    await says(p, "Read the sheet “说明” of suzhou.xlsx");
    await assertClean(p);
    await p.close();
  });
}
