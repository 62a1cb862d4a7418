// The editor page (editor.html) end to end, as a journalist meets it: a table pasted from
// WPS (Chinese header, values as typed) becomes two charts whose preview (data table and
// hover) says the values exactly as typed; the main flow by keyboard alone; the page at
// 320 px and the preview at three widths in both languages; derived figures; a 500-row
// paste; charts added, filled, reordered, removed; Chinese typed through an input method;
// and one test per way work could be lost: renaming a chart by typing, a
// file nested 100 000 levels, two tabs, a full quota, a damaged save, starting over
// (asked, undoable), an invalid download (warned), 1e309. Expected values come from the
// pasted table itself and from src/data/default.json, never from the editor; marks are
// located from the layout the module returns.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COLUMNS } from "../../www/editor/columns.js";
import { SUZHOU, SUZHOU_CAPTION, SUZHOU_ROWS } from "../node/fixtures.mjs";
import { colour } from "../palette.mjs";
import { assert, assertClean, assertEqual, markPoint, marks, open, paintedColours, test } from "./harness.mjs";

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

/** Presses each key in turn. */
async function keys(p, ...names) {
  for (const name of names) await p.keyboard.press(name);
}

/** Types `text` into a cell by the keyboard (Enter edits, Enter keeps), as an editor does. */
async function typeInto(p, row, key, text) {
  await cell(p, row, key).click();
  await p.keyboard.press("Enter");
  await p.keyboard.press("Control+A");
  await p.keyboard.type(text);
  await p.keyboard.press("Enter");
}

/**
 * Pastes `text` as a spreadsheet's clipboard would (a real paste event) into the paste
 * zone; returns how many grid rows the paste's own task built.
 */
function paste(p, text) {
  return p.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.getElementById("paste-zone").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    return document.querySelectorAll("#grid tbody tr").length;
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

/** The preview's chart, language, state and title; `ok` once it shows `id` in `lang`, drawn. */
function previewState({ id, lang, title }) {
  const el = document.getElementById("preview-chart");
  const stage = el?.shadowRoot.querySelector(".stage");
  const s = { chart: el?.getAttribute("chart"), lang: el?.getAttribute("lang"), busy: el?.hasAttribute("aria-busy"), canvas: Boolean(stage?.querySelector("canvas.base")), title: stage?.getAttribute("aria-label") };
  s.ok = s.chart === id && s.lang === lang && !s.busy && s.canvas && Boolean(s.title) && (!title || s.title === title);
  return s.ok && s;
}

/**
 * Waits until the preview shows chart `id`, drawn (with `title`, when given: the preview
 * follows an edit in a later frame); returns its accessible name (its title).
 */
async function previewShows(p, id, lang = "zh", title = undefined) {
  try {
    return (await (await p.waitForFunction(previewState, { id, lang, title })).jsonValue()).title;
  } catch (e) {
    const s = await p.evaluate(() => document.getElementById("preview-chart")?.outerHTML.slice(0, 200));
    throw new Error(`${e.message}: waiting for ${id} (${lang}); the preview: ${s}`);
  }
}

/** Chooses `value` in the page's confirm dialog. */
async function answer(p, value) {
  await p.waitForFunction(() => document.getElementById("ask")?.open);
  await p.locator(`#ask button[value="${value}"]`).click();
}

/**
 * Where mark `mark` of the preview is on the page (harness `markPoint`: from the layout the
 * module returns for the data the preview was given, at its width, language and theme).
 */
async function previewMark(p, mark) {
  await p.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector("canvas.base").scrollIntoView({ block: "center" }));
  return markPoint(p, "#preview-chart", 0, mark);
}

/** Every mark of the preview hovered by the mouse: [{label, value}] as the tooltip says them. */
async function hoverAll(p) {
  const out = [];
  for (let i = 0, count = 1; i < count; i++) {
    const point = await previewMark(p, i);
    count = point.count;
    const before = await p.evaluate(() => window.__events.length);
    await p.mouse.move(point.x, point.y);
    await p.waitForFunction((n) => window.__events.slice(n).some((e) => e.type === "hover" && e.detail), before);
    out.push(await p.evaluate(() => {
      const tip = document.getElementById("preview-chart").shadowRoot.querySelector(".tooltip.on");
      return { label: tip.querySelector(".label").textContent, value: tip.querySelector("strong").textContent };
    }));
  }
  await p.mouse.move(0, 0);
  return out;
}

/** The preview's data table, opened: each row's cells' texts. */
async function dataTable(p) {
  await p.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector("details.table summary").click());
  // The table is built when first opened, at its toggle event.
  return (await p.waitForFunction(() => {
    const rows = document.getElementById("preview-chart").shadowRoot.querySelectorAll("details.table tbody tr");
    return rows.length && [...rows].map((tr) => [...tr.cells].map((c) => c.textContent));
  })).jsonValue();
}

/** The design's colours (the spec), light: a stated figure's, and the grey a highlight leaves the rest. */
const LIGHT = Object.fromEntries(["background", "primary", "faded"].map((k) => [k, colour("light", k)]));

/** The colour painted solid inside each figure mark of the preview (harness `marks`, `paintedColours`). */
async function previewColours(p) {
  await p.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector("canvas.base").scrollIntoView({ block: "center" }));
  const figures = (await marks(p, "#preview-chart", { theme: "light" })).filter((m) => !m.annotation);
  const painted = await paintedColours(p, "#preview-chart", figures.map((m) => m.device), LIGHT.background);
  return figures.map((m, i) => ({ id: m.id, painted: painted[i] }));
}

const near = (a, b) => Boolean(a) && a.every((v, c) => Math.abs(v - b[c]) <= 3);

/** Waits until the preview was given data without `needle` and has drawn it. */
async function drawnWithout(p, needle) {
  await p.waitForFunction((needle) => {
    const el = document.getElementById("preview-chart");
    return el?.json && !el.json.includes(needle) && !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base");
  }, needle);
}

/** The preview's data table, opened (again) once it shows `needle`: each row's cells' texts. */
async function tableWith(p, needle) {
  return (await p.waitForFunction((needle) => {
    const details = document.getElementById("preview-chart").shadowRoot.querySelector("details.table");
    if (!details.open) details.open = true;
    const rows = [...details.querySelectorAll("tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent));
    return rows.some((r) => r.join(" ").includes(needle)) && rows;
  }, needle)).jsonValue();
}

/** The preview's description for screen readers (its chart's sentences). */
const previewDescription = (p) => p.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector("p.sr-only").textContent);

/** The chart step's annotation list: each item's plain description. */
const annotationList = (p) => p.locator("#annotation-list li .a-desc").allTextContents();

export default async function editorTests(env) {
  await pastedFromWps(env);
  await keyboardFlow(env);
  await narrowAndWide(env);
  await derivedFigures(env);
  await largePaste(env);
  await chartsAddedAndReordered(env);
  await typedWorkKept(env);
  await safeEditsAndTabs(env);
  await safeSaves(env);
  await editAndUndo(env);
  await annotationsDrawn(env);
  await annotationsChecked(env);
  await axeChecks(env);
}

/** The journalist's table pasted from WPS: two charts that say the values as typed. */
async function pastedFromWps(env) {
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
    const rates = SUZHOU_ROWS.filter(([, v]) => v.endsWith("%"));
    for (const [i, [, v]] of SUZHOU_ROWS.entries()) if (v.endsWith("%")) await p.locator(`#grid tbody tr:nth-child(${i + 1}) input[type=checkbox]`).click();
    await p.locator("#make-chart").click();
    assertEqual(await p.locator('#chart-fields [data-field="form"]').inputValue(), "bars", "bars suggested for the rates");
    await p.locator("#chart-pick").selectOption({ index: 0 });
    assertEqual(await p.locator('#chart-fields [data-field="form"]').inputValue(), "tiles", "tiles suggested for the rest");
    await checked(p, { valid: true });
    const doc = await savedDoc(p);
    await previewShows(p, doc.charts[0].id);
    assertEqual(doc.charts.map((c) => c.form), ["tiles", "bars"], "two charts");
    assertEqual(doc.figures.filter((f) => f.chart === doc.charts[1].id).map((f) => f.label.zh), rates.map(([label]) => label), "the rates in the bars");
    // The preview's data table and its hover say the values exactly as typed.
    const rest = SUZHOU_ROWS.filter(([, v]) => !v.endsWith("%"));
    const table = await dataTable(p);
    assertEqual(table.map((r) => [r[0], r[1]]), rest, "the data table: label, value as typed");
    const hovered = await hoverAll(p);
    assertEqual(hovered.map((h) => [h.label, h.value]).sort(), [...rest].sort(), "the tooltips: label, value as typed");
    for (const typed of ["18.5亿美元", "约5亿元", "1.2万人", "超100家"]) assert(table.some((r) => r[1] === typed), `the data table says ${typed}`);
    // The bars' table too; and nothing invented: no period where none was pasted, no
    // source, no English.
    await p.locator("#chart-pick").selectOption({ index: 1 });
    await previewShows(p, doc.charts[1].id);
    assertEqual((await dataTable(p)).map((r) => [r[0], r[1]]), rates, "the rates' data table");
    const text = JSON.stringify(doc);
    assert(!/2026/.test(text) && doc.source === undefined && !/"en"/.test(text), `nothing invented: ${text}`);
    assertEqual(doc.figures.find((f) => f.label.zh === "工业投资增速").period, undefined, "no period for the row without a year");
    await assertClean(p);
    await p.close();
  });
}

/** The main flow, by keyboard alone. */
async function keyboardFlow(env) {
  await test("editor: the main flow by keyboard alone (paste, edit, chart, preview keys, download)", async () => {
    const p = await editor(env, { viewport: { width: 1300, height: 900 } });
    await p.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await p.evaluate(() => navigator.clipboard.writeText("指标\t数值\t单位\n甲\t12%\t\n乙\t3,000\t家\n丙\t5.5%\t\n"));
    /** Presses Tab (Shift+Tab: `back`) until `selector` matches the focused element. */
    const tabTo = async (selector, { back = false, limit = 80 } = {}) => {
      for (let i = 0; i < limit; i++) {
        await p.keyboard.press(back ? "Shift+Tab" : "Tab");
        if (await p.evaluate((s) => document.activeElement?.matches(s), selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await p.evaluate(() => document.activeElement?.blur());
    // Data: the paste zone, Ctrl+V (the clipboard's table).
    await tabTo("#paste-zone");
    await p.keyboard.press("Control+V");
    await p.waitForFunction(() => document.querySelectorAll("#grid tbody tr").length === 3);
    // The grid: rename the first row, then a value opened and cancelled, then typed anew.
    await tabTo("#grid .cell-input");
    await p.keyboard.type("甲公司");
    await keys(p, "Enter", "ArrowUp", "ArrowRight", "F2");
    await p.keyboard.type("99");
    await keys(p, "Escape"); // cancels: nothing changes
    assertEqual(await cellText(p, 0, "value"), "12%", "Escape kept the value");
    await keys(p, "ArrowDown", "ArrowDown");
    await p.keyboard.type("约6%");
    await keys(p, "Enter");
    assertEqual([await cellText(p, 0, "labelZh"), await cellText(p, 2, "value")], ["甲公司", "约6%"], "typed");
    // Chart: the two rates (rows 1 and 3) ticked by Shift+Space, made a chart by its button.
    await keys(p, "ArrowUp", "ArrowUp", "Shift+Space", "ArrowDown", "ArrowDown", "Shift+Space");
    await tabTo("#make-chart");
    await p.keyboard.press("Enter");
    await tabTo('#chart-fields [data-field="title.zh"]');
    await p.keyboard.press("Control+A");
    await p.keyboard.type("两个增速");
    await checked(p, { valid: true });
    const doc = await savedDoc(p);
    const chart = doc.charts.find((c) => c.title.zh === "两个增速");
    assertEqual([chart?.form, doc.figures.filter((f) => f.chart === chart.id).map((f) => f.label.zh)], ["bars", ["甲公司", "丙"]], "the chart made");
    // The preview answers keys: Home is the chart's first figure.
    assertEqual(await previewShows(p, chart.id, "zh", "两个增速"), "两个增速", "the preview's chart, retitled");
    await tabTo("#preview-chart");
    const before = await p.evaluate(() => window.__events.length);
    await p.keyboard.press("Home");
    await p.waitForFunction((n) => window.__events.slice(n).some((e) => e.type === "hover" && e.detail), before);
    const hovered = await p.evaluate((n) => window.__events.slice(n).find((e) => e.type === "hover" && e.detail).detail, before);
    assertEqual([hovered.label, hovered.value, hovered.unit], ["甲公司", 12, "%"], "Home");
    // Download the work, back from the preview.
    await tabTo("#download-json", { back: true });
    const [download] = await Promise.all([p.waitForEvent("download"), p.keyboard.press("Enter")]);
    const data = JSON.parse(readFileSync(await download.path(), "utf8"));
    assertEqual(data.figures.map((f) => [f.label.zh, f.value, f.unit]), [["甲公司", 12, "%"], ["乙", 3000, "家"], ["丙", 6, "%"]], "downloaded figures");
    assertEqual(data.figures[2].bound, "about", "约 read as about");
    await assertClean(p);
    await p.close();
  });
}

/** The page at 320 px, and the preview at three widths, in both languages. */
async function narrowAndWide(env) {
  await test("editor: readable at 320 px in zh and en: only the grid and the preview scroll sideways", async () => {
    const p = await editor(env, { viewport: { width: 320, height: 700 } });
    await paste(p, SUZHOU);
    await checked(p, { valid: true });
    for (const lang of ["zh", "en"]) {
      await p.locator(`#ui-switches input[name=ui][value=${lang}]`).check();
      const wide = await p.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => !e.closest(".scroll, .frame, dialog") && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((e) => `${e.tagName}#${e.id}.${e.className}`),
      );
      assertEqual(wide, [], `wider than the page (${lang})`);
      assertEqual(await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, `the page does not scroll sideways (${lang})`);
      assertEqual(await p.locator("#make-chart").textContent(), lang === "zh" ? "用所选行做图表" : "Make a chart of the selected rows", "the interface language");
    }
    await p.close();
  });

  await test("editor: the preview at phone, column and wide widths, in both languages", async () => {
    const p = await editor(env, { viewport: { width: 1300, height: 900 }, example: true });
    const d = fresh();
    for (const [width, lang] of [["320", "en"], ["960", "zh"], ["640", "en"], ["320", "zh"]]) {
      await p.locator(`#preview-switches input[name=width][value="${width}"]`).check();
      await p.locator(`#preview-switches input[name=lang][value=${lang}]`).check();
      assertEqual(await previewShows(p, d.charts[0].id, lang), d.charts[0].title[lang], `the chart's title (${width}, ${lang})`);
      const drawn = await p.evaluate(() => {
        const el = document.getElementById("preview-chart");
        const canvas = el.shadowRoot.querySelector("canvas.base");
        return { width: el.clientWidth, backing: canvas.width, stage: Math.round(canvas.parentElement.clientWidth * devicePixelRatio) };
      });
      assertEqual([drawn.width, drawn.backing], [Number(width), drawn.stage], `drawn for the width (${width}, ${lang})`);
    }
    // A chart in Chinese only (the pasted table), asked for in English: the preview says
    // why (its title, description and each row's label have no English) and goes on
    // showing the chart, in Chinese, not an error box.
    await paste(p, SUZHOU);
    await checked(p, { valid: true });
    await p.locator("#preview-switches input[name=lang][value=en]").check();
    await p.waitForFunction(() => !document.getElementById("preview-english").hidden);
    const why = await p.locator("#preview-english").textContent();
    assert(why.includes(`${SUZHOU_ROWS.length + 2} 处没有英文（例如 英文标题）`), `says why, naming a field plainly: ${why}`);
    const shown = await p.waitForFunction(() => {
      const el = document.getElementById("preview-chart");
      return !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base, .error") && el;
    });
    assertEqual(
      await shown.evaluate((el) => [el.getAttribute("lang"), Boolean(el.shadowRoot.querySelector(".error")), el.shadowRoot.querySelector(".stage")?.getAttribute("aria-label")]),
      ["zh", false, SUZHOU_CAPTION],
      "the chart drawn in Chinese",
    );
    await assertClean(p);
    await p.close();
  });
}

/** Derived figures: their inputs, their computed value, their rule. */
async function derivedFigures(env) {
  await test("editor: derived figures: inputs change the computed value; a rule is chosen, never typed", async () => {
    const p = await editor(env, { example: true });
    const d = fresh();
    const at = (id) => d.figures.findIndex((f) => f.id === id);
    const value = (id) => d.figures[at(id)].value;
    const shows = (row, want) => p.waitForFunction(({ row, c, want }) => document.querySelector(`#grid tbody tr:nth-child(${row + 1}) td:nth-of-type(${c + 1}) span`)?.textContent === want, { row, c: col("value") + 1 - 1, want });
    // remainder: the total less the three larger bands, computed again when an input changes.
    const rest = at("target-projects-10-20yi-2020");
    await typeInto(p, at("target-projects-20-50yi-2020"), "value", "5");
    await shows(rest, String(value("target-projects-10yi-plus-2020") - 5 - value("target-projects-50-100yi-2020") - value("target-projects-100yi-plus-2020")));
    await checked(p, { valid: true });
    // The derived cell cannot be typed into.
    await cell(p, rest, "value").click();
    assertEqual(await cell(p, rest, "value").getAttribute("aria-readonly"), "true", "read-only to assistive technology");
    await p.keyboard.press("Enter");
    await p.keyboard.type("1");
    assertEqual(await p.evaluate(() => document.querySelector("#grid .cell-input").value), "", "nothing typed into a derived cell");
    // ratio: the rule removed (the value may be typed), then chosen again with its inputs.
    const ratio = at("equipment-to-design-park-ratio");
    await cell(p, ratio, "labelZh").click();
    assertEqual(await p.locator("#derived-op").inputValue(), "ratio", "the row's rule");
    await p.locator("#derived-op").selectOption("");
    await p.waitForFunction((c) => !document.querySelector(`${c}`)?.hasAttribute("aria-readonly"), `#grid tbody tr:nth-child(${ratio + 1}) td:nth-of-type(${col("value") + 1})`);
    await p.locator("#derived-op").selectOption("ratio");
    await p.locator("#derived-from").fill("ic-equipment-park-area, ic-design-park-area");
    // The units' sizes as README's table gives them: 平方公里 10⁶ m², 万平方米 10⁴ m².
    const SCALE = { 平方公里: 1e6, 万平方米: 1e4 };
    const [a, b] = ["ic-equipment-park-area", "ic-design-park-area"].map((id) => d.figures[at(id)]);
    const want = Math.round(((a.value * SCALE[a.unit]) / (b.value * SCALE[b.unit])) * 10) / 10;
    await shows(ratio, String(want));
    assert((await p.locator("#derived-out").textContent()).includes(String(want)), "the panel says what it computed");
    // The rule in words went with the rule: the check asks for it there, and goes there.
    const alert = await checked(p, { valid: false, naming: "推算值的“规则说明”" });
    assert(alert.includes(`第 ${ratio + 1} 行`), `the row: ${alert}`);
    assertEqual(await p.locator("#derived-rule-zh").getAttribute("aria-invalid"), "true", "the field is marked");
    await p.locator("#check button").click();
    assertEqual(await p.evaluate(() => document.activeElement.id), "derived-rule-zh", "the button goes there");
    await p.keyboard.type("两园规划面积之比");
    await checked(p, { valid: true });
    // An input that does not exist: the module's message, and the panel says why.
    await p.locator("#derived-from").fill("ic-equipment-park-area, no-such-figure");
    await checked(p, { valid: false, naming: "no-such-figure" });
    await p.waitForFunction(() => document.getElementById("derived-out").textContent.includes("no-such-figure"));
    await assertClean(p);
    await p.close();
  });
}

/** A paste of many rows, while the editor types on. */
async function largePaste(env) {
  await test("editor: 500 pasted rows arrive in chunks, typing goes on meanwhile, the limit is reported", async () => {
    const p = await editor(env);
    await paste(p, "指标\t数值\n先有的\t1\n");
    const lines = ["指标\t数值"];
    for (let i = 0; i < 500; i++) lines.push(`项目${i}\t${i === 480 ? "很多" : i}`);
    // Rows built by the paste's own task: not all (the rest come in later tasks, between
    // which keys are handled).
    const built = await paste(p, lines.join("\n"));
    assert(built < 501, `the paste's task built ${built} rows`);
    await typeInto(p, 0, "labelZh", "还在打字");
    await p.waitForFunction(() => document.querySelectorAll("#grid tbody tr").length === 501);
    assertEqual(await cellText(p, 0, "labelZh"), "还在打字", "typed while the rows arrived");
    assertEqual(await cellText(p, 500, "labelZh"), "项目499", "the last row");
    // The cell it could not read is kept and marked where it is, built late.
    assert((await cell(p, 481, "value").getAttribute("class")).split(" ").includes("unread"), "marked in a late row");
    assertEqual(await cellText(p, 481, "value"), "很多", "kept as typed");
    await typeInto(p, 481, "value", "480");
    await paste(p, "指标\t数值\n又一个\t1\n");
    const alert = await checked(p, { valid: false, naming: "500" });
    assert(alert.includes(String(await rowCount(p))), `the limit: ${alert}`);
    await p.close();
  });
}

/** Charts added, filled, reordered and removed. */
async function chartsAddedAndReordered(env) {
  await test("editor: charts: add one, give it figures and a form, reorder, remove", async () => {
    const p = await editor(env);
    await paste(p, SUZHOU);
    await checked(p, { valid: true });
    await p.locator("#add-chart").click();
    const fields = (name) => p.locator(`#chart-fields [data-field="${name}"]`);
    await fields("id").fill("jobs-2023");
    await fields("id").press("Enter");
    await fields("form").selectOption("tiles");
    await fields("title.zh").fill("就业与企业");
    await fields("description.zh").fill("新增就业和新增外资企业。");
    // Two rows move to it by their chart cell.
    const rows = ["新增就业", "新增外资企业"].map((label) => SUZHOU_ROWS.findIndex(([l]) => l === label));
    for (const r of rows) await typeInto(p, r, "chart", "jobs-2023");
    await checked(p, { valid: true });
    assertEqual(await previewShows(p, "jobs-2023"), "就业与企业", "the new chart is previewed");
    const order = () => p.locator("#chart-order li span").allTextContents();
    assertEqual((await order()).map((t) => t.split(" (")[0]), ["新增就业", "新增外资企业"], "its figures");
    await p.locator("#chart-order li:first-child button", { hasText: "下移" }).click();
    assertEqual((await order()).map((t) => t.split(" (")[0]), ["新增外资企业", "新增就业"], "reordered");
    await checked(p, { valid: true });
    const doc = await savedDoc(p);
    assertEqual(doc.figures.filter((f) => f.chart === "jobs-2023").map((f) => f.label.zh), ["新增外资企业", "新增就业"], "the order in the data");
    assertEqual(doc.charts.at(-1), { id: "jobs-2023", form: "tiles", title: { zh: "就业与企业" }, description: { zh: "新增就业和新增外资企业。" } }, "the chart");
    await p.locator("#remove-chart").click();
    assert((await p.locator("#chart-status").textContent()).includes("jobs-2023"), "the removal said");
    assertEqual(await cellText(p, rows[0], "chart"), "", "its figures belong to no chart");
    assertEqual((await savedDoc(p)).charts.map((c) => c.id).includes("jobs-2023"), false, "removed");
    await checked(p, { valid: true });
    await assertClean(p);
    await p.close();
  });
}

/** What is typed is kept: an unreadable value, the downloaded work, an input method's Chinese. */
async function typedWorkKept(env) {
  await test("editor: an unreadable value is named at its cell while the preview keeps the last good chart", async () => {
    const p = await editor(env, { example: true });
    const pixels = () => p.evaluate(() => {
      const c = document.getElementById("preview-chart").shadowRoot.querySelector("canvas.base");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) >>> 0;
      return `${c.width}x${c.height}:${h}`;
    });
    await previewShows(p, fresh().charts[0].id);
    const before = await pixels();
    const events = await p.evaluate(() => window.__events.length);
    await typeInto(p, 2, "value", "八");
    const alert = await checked(p, { valid: false, naming: "八" });
    assert(alert.includes("第 3 行"), `names the row: ${alert}`);
    assertEqual([await cell(p, 2, "value").getAttribute("aria-invalid"), await cell(p, 2, "value").getAttribute("aria-describedby")], ["true", "check-message"], "the cell marked, pointing at the message");
    assertEqual(await cellText(p, 2, "value"), "八", "nothing typed is lost");
    assertEqual(await pixels(), before, "the preview unchanged");
    assertEqual(await p.evaluate((n) => window.__events.slice(n).filter((e) => e.type !== "hover").length, events), 0, "no redraw, no error event");
    await p.locator("#check button").click();
    assertEqual(await p.evaluate(() => [document.activeElement.dataset.r, document.activeElement.dataset.c]), ["2", String(col("value"))], "the button goes to the cell");
    await typeInto(p, 2, "value", "8");
    await checked(p, { valid: true });
    await assertClean(p);
    await p.close();
  });

  await test("editor: the downloaded work keeps default.json's key order, 2-space indented", async () => {
    const p = await editor(env, { example: true });
    await checked(p, { valid: true });
    const [download] = await Promise.all([p.waitForEvent("download"), p.locator("#download-work").click()]);
    // JSON.parse keeps default.json's key order: the same data, written 2-space pretty.
    const text = readFileSync(await download.path(), "utf8");
    assert(text === `${JSON.stringify(fresh(), null, 2)}\n`, `the example, downloaded unchanged: ${text.slice(0, 300)}`);
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
}

/** Work kept: a chart renamed by typing, a file nested too deep, two tabs. */
async function safeEditsAndTabs(env) {
  await test("editor (work kept): renaming a chart by typing moves no other chart's figures", async () => {
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

  await test("editor (work kept): a file nested 100 000 levels is refused on opening; the work goes on", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 0, "labelZh", "留着");
    const dir = mkdtempSync(join(tmpdir(), "editor-deep-"));
    const file = join(dir, "deep.json");
    writeFileSync(file, `{"schema": 2, "charts": [], "figures": [${"[".repeat(100000)}${"]".repeat(100000)}]}`);
    await p.locator("input[type=file][accept*=json]").first().setInputFiles(file);
    // The page reads the file when it likes: it is removed only once the page has said why
    // it refused it (removed before, the read fails "file not found").
    await p.waitForFunction(() => /64|nest|嵌套/.test(document.getElementById("status").textContent));
    rmSync(dir, { recursive: true });
    assertEqual(await cellText(p, 0, "labelZh"), "留着", "the work is unchanged");
    await typeInto(p, 1, "labelZh", "还能编辑");
    await checked(p, { valid: true });
    assertEqual((await savedDoc(p)).figures[1].label.zh, "还能编辑", "edits still saved");
    await assertClean(p);
    await p.close();
  });

  await test("editor (work kept): two tabs: the other tab is told and takes the newer work, never overwrites it", async () => {
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
}

/** Work kept: the browser's save when full, damaged, started over, invalid, 1e309. */
async function safeSaves(env) {
  await test("editor (work kept): a full quota is said plainly, the last good save stays and is restored", async () => {
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

  await test("editor (work kept): a damaged save is kept aside, offered as a download, never overwritten", async () => {
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

  await test("editor (work kept): starting over asks, offers the work as a download first, and undo brings it back", async () => {
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

  await test("editor (work kept): downloading invalid data warns first", async () => {
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

  await test("editor (work kept): 1e309 is never stored as null while the check says valid", async () => {
    const p = await editor(env, { example: true });
    await typeInto(p, 0, "value", "1e309");
    await checked(p, { valid: false });
    const f = (await savedDoc(p)).figures[0];
    assert(f.value !== null, `stored value: ${JSON.stringify(f.value)}`);
    assertEqual(await cellText(p, 0, "value"), "1e309", "kept as typed");
    await p.close();
  });
}

/** An edit reaches the preview, and undo takes it back. */
async function editAndUndo(env) {
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
}

/** Annotations as the preview draws them. */
async function annotationsDrawn(env) {
  await test("editor: annotations: a highlighted row keeps its colour, the rest turn grey; a line's label reaches the preview and undo takes it back; a note sits in its row", async () => {
    const p = await editor(env, { viewport: { width: 1300, height: 900 } });
    await paste(p, "指标\t数值\n甲\t12%\n乙\t8%\n丙\t5%\n");
    await checked(p, { valid: true });
    const id = (await savedDoc(p)).charts[0].id;
    await previewShows(p, id);
    // 乙 ticked in the chart's list and highlighted: its bar keeps its colour, 甲's and 丙's are grey.
    await p.locator("#chart-order li", { hasText: "乙" }).locator("input[type=checkbox]").check();
    await p.locator("#highlight").click();
    assertEqual(await p.locator("#highlight").getAttribute("aria-pressed"), "true", "the toggle says it is on");
    await checked(p, { valid: true });
    await drawnWith(p, '"highlight"');
    const ids = Object.fromEntries((await savedDoc(p)).figures.map((f) => [f.label.zh, f.id]));
    const colours = await previewColours(p);
    assertEqual(colours.map((c) => c.id), [ids["甲"], ids["乙"], ids["丙"]], "a mark per row");
    assert(near(colours[1].painted, LIGHT.primary), `乙 keeps its colour: ${colours[1].painted}`);
    assert(near(colours[0].painted, LIGHT.faded) && near(colours[2].painted, LIGHT.faded), `甲 and 丙 grey: ${colours[0].painted}, ${colours[2].painted}`);
    assertEqual(await annotationList(p), ["突出显示：乙"], "listed in plain words");
    // A line typed as a journalist types it (10%), with its Chinese label.
    await p.locator("#add-line").click();
    await p.locator('#annotation-form [name="value"]').fill("10%");
    await p.locator('#annotation-form [name="zh"]').fill("平均水平");
    await p.locator('#annotation-form [type="submit"]').click();
    assertEqual((await savedDoc(p)).charts[0].annotations, [{ type: "highlight", figures: [ids["乙"]] }, { type: "line", value: 10, unit: "%", label: { zh: "平均水平" } }], "the saved annotations");
    await checked(p, { valid: true });
    await drawnWith(p, "平均水平");
    assert((await tableWith(p, "平均水平")).at(-1).join(" ").includes("平均水平"), "the line is the data table's last row");
    assert((await previewDescription(p)).includes("平均水平"), "the description says the line");
    // Undo: the line is gone from the data, the list and the preview.
    await p.locator("#undo").click();
    await drawnWithout(p, "平均水平");
    assertEqual(await annotationList(p), ["突出显示：乙"], "undone in the list");
    assert(!(await previewDescription(p)).includes("平均水平"), "undone in the preview");
    assertEqual((await savedDoc(p)).charts[0].annotations.length, 1, "undone in the save");
    // A note on 甲: in 甲's row of the data table, after its value.
    await p.locator("#add-note").click();
    await p.locator('#annotation-form [name="figure"]').selectOption(ids["甲"]);
    await p.locator('#annotation-form [name="zh"]').fill("三项中最高");
    await p.locator('#annotation-form [type="submit"]').click();
    await checked(p, { valid: true });
    await drawnWith(p, "三项中最高");
    const row = (await tableWith(p, "三项中最高")).find((r) => r[0] === "甲");
    assert(row && row.join(" ").indexOf("三项中最高") > row.join(" ").indexOf("12%"), `the note in 甲's row, after its value: ${row}`);
    // Unhighlighting 乙 removes the highlight; the save survives a reload.
    await p.locator("#highlight").click();
    await p.reload();
    await ready(p);
    assertEqual(await annotationList(p), ["注释（甲）：三项中最高"], "after a reload");
    assertEqual((await savedDoc(p)).charts[0].annotations, [{ type: "note", figure: ids["甲"], text: { zh: "三项中最高" } }], "the highlight gone with its last figure");
    await assertClean(p);
    await p.close();
  });
}

/** Annotations checked: the message at the annotation, in the UI's language; a figure's new id carried in. */
async function annotationsChecked(env) {
  await test("editor: annotations: the check's message is shown at the annotation, in the UI's language; a figure's new id is carried into it", async () => {
    const p = await editor(env, { viewport: { width: 1300, height: 900 } });
    await paste(p, "指标\t数值\n甲\t12%\n乙\t8%\n");
    await checked(p, { valid: true });
    // A line without its text: the check names it, at the line's text field.
    await p.locator("#add-line").click();
    await p.locator('#annotation-form [name="value"]').fill("很多");
    await p.locator('#annotation-form [type="submit"]').click();
    const alert = await checked(p, { valid: false, naming: "第 1 条注解" });
    const at = p.locator("#annotation-list li").first();
    const message = await at.locator(".a-error").textContent();
    assert(message.length > 0 && alert.includes(message), `the same message at the line: ${message} / ${alert}`);
    assertEqual(await at.locator('[data-field="value"]').getAttribute("aria-invalid"), "true", "its value marked");
    assertEqual(await at.locator('[data-field="value"]').inputValue(), "很多", "the words kept as typed");
    await at.locator('[data-field="value"]').fill("10");
    const empty = await checked(p, { valid: false, naming: "是空的" });
    assert(empty.includes("第 1 条注解"), empty);
    assertEqual(await at.locator('[data-field="label.zh"]').getAttribute("aria-invalid"), "true", "its text marked");
    // In English the message is English, still at the line.
    await p.locator("#ui-switches input[name=ui][value=en]").check();
    await checked(p, { valid: false, naming: "annotation 1" });
    assert((await p.locator("#annotation-list li .a-error").first().textContent()).includes("empty"), "the message in English at the line");
    await p.locator("#ui-switches input[name=ui][value=zh]").check();
    await p.locator("#annotation-list li").first().locator('[data-field="label.zh"]').fill("平均");
    await checked(p, { valid: true });
    // A note on 乙, then 乙's id changed in the grid: the note follows, in the same step.
    await p.locator("#add-note").click();
    const yi = (await savedDoc(p)).figures.find((f) => f.label.zh === "乙").id;
    await p.locator('#annotation-form [name="figure"]').selectOption(yi);
    await p.locator('#annotation-form [name="zh"]').fill("较低");
    await p.locator('#annotation-form [type="submit"]').click();
    await checked(p, { valid: true });
    await typeInto(p, 1, "id", "yi-rate");
    await checked(p, { valid: true });
    assertEqual((await savedDoc(p)).charts[0].annotations[1], { type: "note", figure: "yi-rate", text: { zh: "较低" } }, "the note follows the new id");
    await p.locator("#undo").click();
    assertEqual((await savedDoc(p)).charts[0].annotations[1].figure, yi, "one undo step takes both back");
    // 乙's row removed: the note keeps its words and the check names it at the note.
    await p.locator("#grid tbody tr:nth-child(2) input[type=checkbox]").check();
    await p.locator("#remove-figure").click();
    await checked(p, { valid: false, naming: "第 2 条注解" });
    assert((await p.locator('#annotation-list li[data-a="1"] .a-error').textContent()).includes(yi), "the missing figure named at the note");
    assertEqual(await p.locator('#annotation-list li[data-a="1"] [data-field="text.zh"]').inputValue(), "较低", "the note's words kept");
    await assertClean(p);
    await p.close();
  });
}

/** axe-core on the editor, in both languages and both themes. */
async function axeChecks(env) {
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
