// The editor page (editor.html) end to end, as a journalist meets it: a table pasted from
// WPS (Chinese header, values as typed) becomes two charts whose preview says the values
// exactly as typed; Chinese typed into the grid through an input method; and one test per
// data-safety case of issue 21 (item 9): renaming a chart by typing, a file nested 100 000
// levels, two tabs, a full quota, a damaged save, starting over (asked, undoable), an
// invalid download (warned), 1e309. Expected values come from the pasted table itself and
// from src/data/default.json, never from the editor.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COLUMNS } from "../../www/editor/columns.js";
import { SUZHOU } from "../node/fixtures.mjs";
import { assert, assertClean, assertEqual, open, test } from "./harness.mjs";

const DEFAULT_TEXT = readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8");
const fresh = () => JSON.parse(DEFAULT_TEXT);
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const KEY = "park-infographic-editor";
const col = (key) => COLUMNS.findIndex((c) => c.key === key);

/** The editor with its module loaded; `example`: the example data opened. */
async function editor(env, { example = false, ...options } = {}) {
  const p = await open(env, null, { acceptDownloads: true, ...options });
  p.setDefaultTimeout(10000);
  await p.addInitScript(() => {
    window.__events = [];
    for (const type of ["ready", "error", "hover"]) {
      document.addEventListener(`infographic:${type}`, (e) => window.__events.push({ type, detail: e.detail }));
    }
  });
  await p.goto(`${env.origin}/editor.html`);
  await ready(p);
  if (example) {
    await p.locator("#open-example").click();
    await p.waitForFunction(() => document.querySelectorAll("#grid tbody tr").length > 0 && document.querySelector("#check .ok, #check [role=alert]"));
  }
  return p;
}

const ready = (p) => p.waitForFunction(() => document.body.dataset.ready === "true");
const cell = (p, row, key) => p.locator(`#grid tbody tr:nth-child(${row + 1}) td:nth-of-type(${col(key) + 1})`);
const cellText = (p, row, key) => cell(p, row, key).locator("span").first().textContent();
const rowCount = (p) => p.evaluate(() => document.querySelectorAll("#grid tbody tr").length);

/** The work this browser saved (the envelope's dataset). */
const savedDoc = (p) => p.evaluate((key) => {
  const v = JSON.parse(localStorage.getItem(key));
  return v && "doc" in v ? v.doc : v;
}, KEY);

/** Types `text` into a cell by the keyboard (Enter edits, Enter keeps), as an editor does. */
async function typeInto(p, row, key, text) {
  await cell(p, row, key).click();
  await p.keyboard.press("Enter");
  await p.keyboard.press("Control+A");
  await p.keyboard.type(text);
  await p.keyboard.press("Enter");
}

/** Pastes `text` as a spreadsheet's clipboard would (a real paste event) into the paste zone. */
async function paste(p, text) {
  await p.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.getElementById("paste-zone").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Waits for the check to say valid, or an alert containing `naming`; returns its text. */
async function checked(p, { valid, naming = "" }) {
  const selector = valid ? "#check .ok" : "#check [role=alert]";
  try {
    await p.waitForFunction(({ selector, naming }) => document.querySelector(selector)?.textContent.includes(naming), { selector, naming });
  } catch (e) {
    throw new Error(`${e.message}; the check says: ${await p.locator("#check").textContent()}`);
  }
  return p.locator(selector).textContent();
}

/** Waits until the preview has drawn data containing `needle`. */
async function drawnWith(p, needle) {
  await p.waitForFunction((needle) => {
    const el = document.getElementById("preview-chart");
    return el?.json?.includes(needle) && !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base");
  }, needle);
}

/** Chooses `value` in the page's confirm dialog. */
async function answer(p, value) {
  await p.waitForFunction(() => document.getElementById("ask")?.open);
  await p.locator(`#ask button[value="${value}"]`).click();
}

/** The rows of the 苏州 table as pasted: [label, value as typed (with its unit cell)]. */
const SUZHOU_ROWS = SUZHOU.split(/\r\n/).slice(2).map((line) => {
  const [label, value, unit] = line.split("\t");
  return [label, value.endsWith(unit) ? value : `${value}${unit}`];
});

export default async function editorTests(env) {
  await test("editor: the journalist's table pasted from WPS becomes two charts whose preview says the values as typed", async () => {
    const p = await editor(env, { viewport: { width: 1300, height: 900 } });
    await paste(p, SUZHOU);
    assertEqual(await rowCount(p), SUZHOU_ROWS.length, "every row kept");
    assertEqual(await p.locator("#grid tbody tr td.unread").count(), 0, "every value read");
    const about = SUZHOU_ROWS.findIndex(([, v]) => v === "约5亿元");
    assertEqual(await cellText(p, about, "reading"), "约 · 5 · 亿元", "the reading beside the cell");
    // Right after the paste, the preview shows the pasted rows as a chart.
    await checked(p, { valid: true });
    await drawnWith(p, "18.5亿美元");
    // The growth rates (the rows typed with %) become a chart of their own: bars.
    for (const [i, [, v]] of SUZHOU_ROWS.entries()) if (v.endsWith("%")) await p.locator(`#grid tbody tr:nth-child(${i + 1}) input[type=checkbox]`).click();
    await p.locator("#make-chart").click();
    assertEqual(await p.locator('#chart-fields [data-field="form"]').inputValue(), "bars", "bars suggested for the rates");
    await p.locator("#chart-pick").selectOption({ index: 0 });
    await p.locator('#chart-fields [data-field="form"]').selectOption("tiles");
    await checked(p, { valid: true });
    const doc = await savedDoc(p);
    assertEqual(doc.charts.map((c) => c.form), ["tiles", "bars"], "two charts");
    assertEqual(doc.figures.filter((f) => f.chart === doc.charts[1].id).length, SUZHOU_ROWS.filter(([, v]) => v.endsWith("%")).length, "the rates in the bars");
    // The preview's data table says the values exactly as typed.
    await drawnWith(p, '"form": "tiles"');
    const table = await p.evaluate(() => {
      const root = document.getElementById("preview-chart").shadowRoot;
      [...root.querySelectorAll("button, summary, a")].find((b) => /数据表/.test(b.textContent))?.click();
      return root.textContent;
    });
    for (const typed of ["18.5亿美元", "约5亿元", "1.2万人", "超100家"]) assert(table.includes(typed), `the data table says ${typed}`);
    assert(!/2026/.test(JSON.stringify(doc)) && doc.source === undefined, "no period or source invented");
    await assertClean(p);
    await p.close();
  });

  await test("editor: Chinese typed through an input method into a grid cell keeps every character", async () => {
    const p = await editor(env);
    await paste(p, "指标\t数值\nA\t1\n");
    await cell(p, 0, "labelZh").click();
    const cdp = await p.context().newCDPSession(p);
    await cdp.send("Input.imeSetComposition", { text: "su", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.imeSetComposition", { text: "苏州", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "苏州工业园区" });
    await p.keyboard.press("Enter");
    assertEqual(await cellText(p, 0, "labelZh"), "苏州工业园区", "the cell");
    assertEqual((await savedDoc(p)).figures[0].label.zh, "苏州工业园区", "saved");
    await p.close();
  });

  await test("editor (item 9): renaming a chart by typing moves no other chart's figures", async () => {
    const p = await editor(env, { example: true });
    const d = fresh();
    const before = d.figures.filter((f) => f.chart === "growth-2019").map((f) => f.id);
    const index = d.charts.findIndex((c) => c.id === "growth-path");
    await p.locator("#chart-pick").selectOption(String(index));
    const id = p.locator('#chart-fields [data-field="id"]');
    await id.click();
    await id.press("Control+A");
    await id.pressSequentially("growth-2019-revised");
    await id.press("Enter");
    await p.waitForFunction((key) => localStorage.getItem(key)?.includes("growth-2019-revised"), KEY);
    const doc = await savedDoc(p);
    assertEqual(doc.figures.filter((f) => f.chart === "growth-2019").map((f) => f.id), before, "growth-2019 keeps its figures");
    assertEqual(doc.figures.filter((f) => f.chart === "growth-2019-revised").length, d.figures.filter((f) => f.chart === "growth-path").length, "the renamed chart keeps its own");
    await p.close();
  });

  await test("editor (item 9): a file nested 100 000 levels is refused on opening; the work goes on", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 0, "labelZh", "留着");
    const dir = mkdtempSync(join(tmpdir(), "editor-deep-"));
    const file = join(dir, "deep.json");
    writeFileSync(file, `{"schema": 2, "charts": [], "figures": [${"[".repeat(100000)}${"]".repeat(100000)}]}`);
    await p.locator("input[type=file][accept*=json]").first().setInputFiles(file);
    rmSync(dir, { recursive: true });
    await p.waitForFunction(() => /64|nest|嵌套/.test(document.getElementById("status").textContent));
    assertEqual(await cellText(p, 0, "labelZh"), "留着", "the work is unchanged");
    await typeInto(p, 1, "labelZh", "还能编辑");
    await checked(p, { valid: true });
    assertEqual((await savedDoc(p)).figures[1].label.zh, "还能编辑", "edits still saved");
    await assertClean(p);
    await p.close();
  });

  await test("editor (item 9): two tabs: the other tab is told and takes the newer work, never overwrites it", async () => {
    const context = await env.browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    for (const p of [a, b]) {
      p.setDefaultTimeout(10000);
      await p.goto(`${env.origin}/editor.html`);
      await ready(p);
    }
    await paste(a, "指标\t数值\n甲\t1\n乙\t2\n");
    await typeInto(a, 0, "labelZh", "甲（A 改）");
    // B is told, and shows A's work.
    await b.waitForFunction(() => /另一个标签页|Another tab/.test(document.getElementById("status").textContent));
    await b.waitForFunction(() => document.querySelector("#grid tbody tr td span")?.textContent === "甲（A 改）");
    // B's edit now builds on A's: nothing of A's is lost.
    await typeInto(b, 1, "labelZh", "乙（B 改）");
    await a.waitForFunction(() => [...document.querySelectorAll("#grid tbody tr")].map((r) => r.cells[1].textContent).join("|") === "甲（A 改）|乙（B 改）");
    const saved = await savedDoc(a);
    assertEqual(saved.figures.map((f) => f.label.zh), ["甲（A 改）", "乙（B 改）"], "the last save has both tabs' work");
    await context.close();
  });

  await test("editor (item 9): a full quota is said plainly, the last good save stays and is restored", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 0, "labelZh", "存好的");
    await p.waitForFunction((key) => localStorage.getItem(key)?.includes("存好的"), KEY);
    // Fill the rest of this origin's storage.
    await p.evaluate(() => {
      for (let size = 1 << 20, i = 0; size >= 16; ) {
        try {
          localStorage.setItem(`junk-${i++}`, "x".repeat(size));
        } catch {
          size >>= 1;
        }
      }
    });
    await typeInto(p, 1, "labelZh", "x".repeat(60));
    await p.waitForFunction(() => /已满|full/.test(document.getElementById("save-offer").textContent));
    const [download] = await Promise.all([p.waitForEvent("download"), p.locator('#save-offer button[data-act="download"]').click()]);
    assert(readFileSync(await download.path(), "utf8").includes("x".repeat(60)), "the download has the unsaved work");
    await p.reload();
    await ready(p);
    assertEqual(await cellText(p, 0, "labelZh"), "存好的", "the last good save restored");
    await p.close();
  });

  await test("editor (item 9): a damaged save is kept aside, offered as a download, never overwritten", async () => {
    const p = await editor(env);
    const broken = '{"revision": 3, "doc": {"figures": [{"id": "a", "label": {"zh": "半截';
    await p.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, broken]);
    await p.reload();
    await ready(p);
    await p.waitForFunction(() => /读不出|cannot be read/.test(document.getElementById("save-offer").textContent));
    await paste(p, "指标\t数值\n新的\t1\n");
    await p.waitForFunction((key) => localStorage.getItem(key)?.includes("新的"), KEY);
    const [download] = await Promise.all([p.waitForEvent("download"), p.locator('#save-offer button[data-act="damaged"]').click()]);
    assertEqual(readFileSync(await download.path(), "utf8"), broken, "the damaged save, byte for byte");
    await p.close();
  });

  await test("editor (item 9): starting over asks, offers the work as a download first, and undo brings it back", async () => {
    const p = await editor(env);
    await paste(p, "指标\t数值\n我的数据\t7\n");
    await p.locator("#start-over").click();
    await answer(p, "cancel");
    assertEqual(await rowCount(p), 1, "cancel keeps the work");
    await p.locator("#start-over").click();
    const [download] = await Promise.all([p.waitForEvent("download"), answer(p, "download")]);
    assert(readFileSync(await download.path(), "utf8").includes("我的数据"), "the work downloaded first");
    assertEqual(await rowCount(p), 0, "started over");
    await p.locator("#undo").click();
    assertEqual(await cellText(p, 0, "labelZh"), "我的数据", "undo brings it back");
    await p.keyboard.press("Control+Shift+Z");
    assertEqual(await rowCount(p), 0, "redo");
    await assertClean(p);
    await p.close();
  });

  await test("editor (item 9): downloading invalid data warns first", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 2, "value", "很多");
    await checked(p, { valid: false, naming: "很多" });
    let downloads = 0;
    p.on("download", () => downloads++);
    await p.locator("#download-work").click();
    await answer(p, "cancel");
    assertEqual(downloads, 0, "nothing downloaded on cancel");
    const [download] = await Promise.all([p.waitForEvent("download"), (async () => {
      await p.locator("#download-work").click();
      await answer(p, "download");
    })()]);
    assert(readFileSync(await download.path(), "utf8").includes("很多"), "downloaded when asked to");
    await p.close();
  });

  await test("editor (item 9): 1e309 is never stored as null while the check says valid", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 0, "value", "1e309");
    await checked(p, { valid: false });
    const f = (await savedDoc(p)).figures[0];
    assert(f.value !== null, `stored value: ${JSON.stringify(f.value)}`);
    assertEqual(await cellText(p, 0, "value"), "1e309", "kept as typed");
    await p.close();
  });

  await test("editor: an edited value reaches the preview; undo takes it back", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 0, "value", "23.4");
    await checked(p, { valid: true });
    await drawnWith(p, '"value": 23.4,');
    await p.keyboard.press("Control+Z");
    await drawnWith(p, `"value": ${fresh().figures[0].value},`);
    await assertClean(p);
    await p.close();
  });

  await test("editor: axe finds no violations (zh/en × light/dark)", async () => {
    const p = await editor(env, { bypassCSP: true, example: true });
    await typeInto(p, 2, "value", "很多");
    await checked(p, { valid: false });
    await p.addScriptTag({ path: AXE });
    for (const lang of ["zh", "en"]) {
      for (const theme of ["light", "dark"]) {
        await p.locator(`#ui-switches input[name=ui][value=${lang}]`).check();
        await p.locator(`#ui-switches input[name=pagetheme][value=${theme}]`).check();
        const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }));
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        assertEqual(found, [], `violations (${lang}, ${theme})`);
      }
    }
    await p.close();
  });
}
