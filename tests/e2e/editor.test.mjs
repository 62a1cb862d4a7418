// The editor page (editor.html) end to end: an editor's edits reach the real preview
// (<park-infographic>, hovered at marks located from the layout the module returns), paste
// from a spreadsheet, errors at their cell while the preview keeps the last good chart,
// the exported JSON served as data-src renders the same charts, the work survives a
// reload, the main flow by keyboard alone, axe in zh/en × light/dark, and bad input of
// every kind. Expected data is built here from src/data/default.json, not by the editor.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assert, assertClean, assertEqual, open, test } from "./harness.mjs";

const DEFAULT_TEXT = readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8");
const fresh = () => JSON.parse(DEFAULT_TEXT);
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
// The table's columns, in order (editor.html's grid: a row-number header, then these).
const COLS = ["id", "labelZh", "labelEn", "value", "unit", "bound", "period", "kind", "chart", "group", "section", "paragraph", "noteZh", "noteEn"];
const col = (key) => COLS.indexOf(key);

/** The editor, loaded with the built-in data and validated; events of the preview recorded. */
async function editor(env, options = {}) {
  const p = await open(env, null, { acceptDownloads: true, ...options });
  await p.addInitScript(() => {
    window.__events = [];
    for (const type of ["ready", "error", "hover"]) {
      document.addEventListener(`infographic:${type}`, (e) => window.__events.push({ type, detail: e.detail }));
    }
  });
  await p.goto(`${env.origin}/editor.html`);
  await loaded(p);
  return p;
}

/** The module is loaded, the table filled, the data validated and the preview drawn once. */
async function loaded(p) {
  await p.waitForFunction(
    () =>
      document.body.dataset.ready === "true" &&
      document.querySelectorAll("#grid tbody tr").length > 0 &&
      document.querySelector("#check .ok, #check [role=alert]") &&
      window.__events.some((e) => e.type === "ready"),
  );
}


/**
 * Waits until the preview has been given data containing `needle` (the preview redraws as
 * the editor types, one validation per frame) and has finished drawing it.
 */
async function drawnWith(p, needle) {
  await p.waitForFunction((needle) => {
    const el = document.getElementById("preview-chart");
    return el?.json?.includes(needle) && !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base");
  }, needle);
  return p.evaluate(() => window.__events.filter((e) => e.type !== "hover").at(-1).type);
}

const eventCount = (p) => p.evaluate(() => window.__events.length);
const cell = (p, row, key) => p.locator(`#grid tbody tr:nth-child(${row + 1}) td:nth-of-type(${col(key) + 1})`);
const cellText = (p, row, key) => cell(p, row, key).textContent();
const rowCount = (p) => p.evaluate(() => document.querySelectorAll("#grid tbody tr").length);

/** Types `text` into a cell by the keyboard (Enter edits, Enter commits), as an editor does. */
async function typeInto(p, row, key, text) {
  await cell(p, row, key).click();
  await p.keyboard.press("Enter");
  await p.keyboard.press("Control+A");
  await p.keyboard.type(text);
  await p.keyboard.press("Enter");
}

/**
 * Waits until the check line shows valid, or an alert containing `naming` (the editor
 * validates as it types, so earlier alerts name what was typed so far); returns its text.
 */
async function checked(p, { valid, naming = "" }) {
  const selector = valid ? "#check .ok" : "#check [role=alert]";
  try {
    await p.waitForFunction(({ selector, naming }) => document.querySelector(selector)?.textContent.includes(naming), { selector, naming });
  } catch (e) {
    throw new Error(`${e.message}; the check says: ${await p.locator("#check").textContent()}`);
  }
  return p.locator(selector).textContent();
}

/** Pastes `text` into the grid as a spreadsheet's clipboard would (a real paste event). */
async function paste(p, row, key, text) {
  await cell(p, row, key).click();
  await p.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * The page point of mark `mark` of the preview, located from the layout the module returns
 * for `text` (the dataset the test expects the preview to show), at the preview's width.
 */
function previewMark(p, text, chart, mark, lang = "zh") {
  return p.evaluate(
    async ({ text, chart, mark, lang }) => {
      const widget = document.getElementById("preview-chart");
      const canvas = widget.shadowRoot.querySelector("canvas.base");
      // The module the preview uses (the json property reads JSON, as data-src does).
      // The widget's own files: its build's folder, where its stylesheet is.
      const files = widget.shadowRoot.querySelector("link").href;
      const m = await import(new URL("pkg-json/park_infographic.js", files).href);
      const data = m.Data.fromJson(text);
      const c = new m.Chart(data, chart, lang, widget.getAttribute("theme"));
      c.layOut(canvas.parentElement.clientWidth, window.devicePixelRatio);
      const [x, y, w, h] = c.markBox(mark);
      const count = c.markCount;
      c.free();
      data.free();
      const r = canvas.getBoundingClientRect();
      const k = (r.width / canvas.width) * window.devicePixelRatio;
      return { x: r.left + (x + w / 2) * k, y: r.top + (y + h / 2) * k, count };
    },
    { text, chart, mark, lang },
  );
}

/** Hovers the preview at mark `mark` and returns the hover event's detail. */
async function hover(p, text, chart, mark) {
  await p.locator("#preview-chart").scrollIntoViewIfNeeded();
  const point = await previewMark(p, text, chart, mark);
  const before = await eventCount(p);
  await p.mouse.move(point.x, point.y);
  await p.waitForFunction((n) => window.__events.slice(n).some((e) => e.type === "hover" && e.detail), before);
  return p.evaluate((n) => window.__events.slice(n).filter((e) => e.type === "hover" && e.detail).at(-1).detail, before);
}

/** A fingerprint of the preview's chart pixels. */
function previewPixels(p) {
  return p.evaluate(() => {
    const c = document.getElementById("preview-chart").shadowRoot.querySelector("canvas.base");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) >>> 0;
    return `${c.width}x${c.height}:${h}`;
  });
}

export default async function editorTests(env) {
  await test("editor: a changed value reaches the preview, whose hover reports it", async () => {
    const p = await editor(env);
    await typeInto(p, 0, "value", "23.4");
    await checked(p, { valid: true });
    assertEqual(await drawnWith(p, '"value": 23.4,'), "ready", "the preview redrew");
    const expected = fresh();
    expected.figures[0].value = 23.4;
    const detail = await hover(p, JSON.stringify(expected), "growth-2019", 0);
    assertEqual([detail.chart, detail.id, detail.value], ["growth-2019", "fai-growth-2019", 23.4], "hover");
    await assertClean(p);
    await p.close();
  });

  await test("editor: pasted rows (en headers) add figures that the preview draws and hovers", async () => {
    const p = await editor(env);
    // Two figures of the default data, copied under new ids into the growth chart.
    const d = fresh();
    const [a, b] = [d.figures[0], d.figures[1]];
    const rows = [
      ["id", "label zh", "label en", "value", "unit", "period", "chart", "section", "paragraph"],
      ...[a, b].map((f) => [`${f.id}-copy`, f.label.zh, f.label.en, f.value, f.unit, f.period.year, f.chart, f.source.section, f.source.paragraph]),
    ];
    await paste(p, 0, "id", `${rows.map((r) => r.join("\t")).join("\r\n")}\r\n`);
    const status = await p.locator("#paste-status").textContent();
    // The UI is in Chinese: the headers recognised are named in Chinese.
    assert(status.includes("新增 2 行") && status.includes("编号, 标签（中文）, 标签（英文）, 数值, 单位, 时期, 图表, 章节, 段落"), `paste status: ${status}`);
    assertEqual(await rowCount(p), 60, "two rows added");
    assertEqual(await cellText(p, 58, "id"), "fai-growth-2019-copy", "new row id");
    await checked(p, { valid: true });
    assertEqual(await drawnWith(p, "industrial-output-growth-2019-copy"), "ready", "the preview redrew");
    const expected = fresh();
    for (const f of [a, b]) {
      expected.figures.push({ id: `${f.id}-copy`, label: f.label, value: f.value, unit: f.unit, period: { year: f.period.year }, source: f.source, chart: f.chart });
    }
    const text = JSON.stringify(expected);
    const { count } = await previewMark(p, text, "growth-2019", 0);
    assertEqual(count, 7, "growth-2019 has 5 + 2 marks");
    // The new figures are drawn where the layout of the expected data puts them.
    const ids = [];
    for (let i = 0; i < count; i++) ids.push((await hover(p, text, "growth-2019", i)).id);
    assert(ids.includes("fai-growth-2019-copy") && ids.includes("industrial-output-growth-2019-copy"), `hovered: ${ids}`);
    await assertClean(p);
    await p.close();
  });

  await test("editor: a zh header paste updates by id; one it cannot read names row and column and changes nothing", async () => {
    const p = await editor(env);
    await paste(p, 0, "id", "编号\t数值\nprojects-signed-2019\t40\n");
    assertEqual(await cellText(p, 5, "value"), "40", "updated in place");
    assertEqual(await rowCount(p), 58, "no row added");
    await checked(p, { valid: true });
    const before = await p.evaluate(() => document.querySelector("#grid tbody").textContent);
    await paste(p, 0, "id", "id\tvalue\tunit\nfai-growth-2019\t1\tpercent\nnew-one\tmany\tcount\n");
    const status = await p.locator("#paste-status").textContent();
    assert(/row 3, column 2/.test(status) || /第 3 行，第 2 列/.test(status), `names row and column: ${status}`);
    assert(status.includes("many"), `names the cell: ${status}`);
    assertEqual(await p.evaluate(() => document.querySelector("#grid tbody").textContent), before, "table unchanged");
    await paste(p, 0, "id", "id\tcolour\nfai-growth-2019\tred\n");
    assert((await p.locator("#paste-status").textContent()).includes("colour"), "an unknown header is named");
    assertEqual(await p.evaluate(() => document.querySelector("#grid tbody").textContent), before, "table unchanged");
    await assertClean(p);
    await p.close();
  });

  await test("editor: 500 pasted rows arrive in chunks, typing goes on meanwhile, the limit is reported", async () => {
    const p = await editor(env);
    const lines = ["id\tvalue\tchart"];
    for (let i = 0; i < 500; i++) lines.push(`bulk-${i}\t${i}\tgrowth-2019`);
    // Rows built by the paste's own task: not all of them (the rest come in later tasks,
    // between which keys are handled).
    await cell(p, 0, "id").click();
    const built = await p.evaluate((text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      return document.querySelectorAll("#grid tbody tr").length;
    }, lines.join("\n"));
    assert(built < 558, `the paste's task built ${built} rows`);
    // Typed while the rows arrive: kept.
    await typeInto(p, 0, "labelEn", "Still typing");
    await p.waitForFunction(() => document.querySelectorAll("#grid tbody tr").length === 558);
    assertEqual(await cellText(p, 0, "labelEn"), "Still typing", "typed during the paste");
    assertEqual(await cellText(p, 557, "id"), "bulk-499", "the last row");
    const alert = await checked(p, { valid: false, naming: "500" });
    assert(/558/.test(alert), `the validator's limit: ${alert}`);
    await p.close();

    // An error in a row that is built after the check is marked at its cell when it comes.
    const q = await editor(env);
    const late = ["id\tlabel zh\tlabel en\tchart"];
    for (let i = 0; i < 200; i++) late.push(`late-${i}\t行${i}\tRow ${i}\t${i === 199 ? "no-such-chart" : ""}`);
    await paste(q, 0, "id", late.join("\n"));
    await checked(q, { valid: false, naming: "no-such-chart" });
    await q.waitForFunction(() => document.querySelectorAll("#grid tbody tr").length === 258);
    assertEqual(await cell(q, 257, "chart").getAttribute("aria-invalid"), "true", "marked in a late row");
    await q.close();
  });

  await test("editor: an invalid value is shown at its cell while the preview keeps the last good chart", async () => {
    const p = await editor(env);
    const pixels = await previewPixels(p);
    const mark = await eventCount(p);
    await typeInto(p, 2, "value", "eight");
    const alert = await checked(p, { valid: false, naming: "eight" });
    assert(alert.includes("eight") && (alert.includes("行 3") || alert.includes("Row 3")), `alert: ${alert}`);
    const td = cell(p, 2, "value");
    assertEqual(await td.getAttribute("aria-invalid"), "true", "the cell is marked");
    assertEqual(await td.getAttribute("aria-describedby"), "check-message", "the cell points at the message");
    assertEqual(await td.textContent(), "eight", "nothing typed is lost");
    assertEqual(await previewPixels(p), pixels, "preview pixels unchanged");
    assertEqual(await p.evaluate((n) => window.__events.slice(n).filter((e) => e.type !== "hover").length, mark), 0, "no redraw, no error event");
    // The alert's button takes the keyboard to the cell.
    await p.locator("#check button").click();
    assertEqual(await p.evaluate(() => [document.activeElement.dataset.r, document.activeElement.dataset.c]), ["2", String(col("value"))], "focus at the cell");
    await typeInto(p, 2, "value", "8");
    await checked(p, { valid: true });
    await p.close();
  });

  await test("editor: bad cells (wrong type, duplicate id, missing chart) are named at their cell", async () => {
    const p = await editor(env);
    const cases = [
      [3, "paragraph", "one", "one"],
      [1, "id", "fai-growth-2019", "fai-growth-2019"],
      [4, "chart", "no-such-chart", "no-such-chart"],
      [0, "period", "last year", "last year"],
    ];
    for (const [row, key, text, named] of cases) {
      const good = await cellText(p, row, key);
      await typeInto(p, row, key, text);
      const alert = await checked(p, { valid: false, naming: named });
      assert(alert.includes(named), `${key}: ${alert}`);
      assertEqual(await cell(p, row, key).getAttribute("aria-invalid"), "true", `${key} cell marked`);
      await typeInto(p, row, key, good);
      await checked(p, { valid: true });
    }
    // A section's paragraph count that is not a number: at its field in the dataset panel.
    const paragraphs = p.locator('#sections [data-section="1"][data-field="paragraphs"]');
    await paragraphs.fill("many");
    await checked(p, { valid: false, naming: "many" });
    assertEqual(await paragraphs.getAttribute("aria-invalid"), "true", "the section's field is marked");
    await p.locator("#check button").click();
    assertEqual(await p.evaluate(() => document.activeElement.dataset.field), "paragraphs", "the button goes there");
    await paragraphs.fill("12");
    await checked(p, { valid: true });
    // A chart's English title over 80 characters: at that field.
    const title = p.locator('#chart-fields [data-field="title.en"]');
    await title.fill("x".repeat(81));
    await checked(p, { valid: false, naming: "80" });
    assertEqual(await title.getAttribute("aria-invalid"), "true", "the chart's field is marked");
    assertEqual(await p.locator('#chart-fields [data-field="title.zh"]').getAttribute("aria-invalid"), null, "not its neighbour");
    await assertClean(p);
    await p.close();
  });

  await test("editor: export JSON keeps default.json's key order, and served as data-src renders the same charts", async () => {
    const p = await editor(env);
    await typeInto(p, 0, "value", "23.4");
    await checked(p, { valid: true });
    const [download] = await Promise.all([p.waitForEvent("download"), p.locator("#download-json").click()]);
    const exported = readFileSync(await download.path(), "utf8");
    const expected = fresh();
    expected.figures[0].value = 23.4;
    // JSON.parse keeps default.json's key order: the same text, 2-space pretty.
    assertEqual(exported, `${JSON.stringify(expected, null, 2)}\n`, "exported text");
    await p.close();

    const page = await open(env, null);
    await page.route("**/e2e/exported.json", (r) => r.fulfill({ contentType: "application/json", body: exported }));
    await page.route("**/e2e/expected.json", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(expected) }));
    await page.goto(`${env.origin}/index.html`);
    const result = await page.evaluate(async () => {
      document.body.replaceChildren();
      const widgets = ["exported", "expected"].map((name) => {
        const w = document.createElement("park-infographic");
        w.setAttribute("data-src", `e2e/${name}.json`);
        w.setAttribute("theme", "light");
        w.style.width = "640px";
        document.body.append(w);
        return new Promise((ok, fail) => {
          w.addEventListener("infographic:ready", () => ok(w), { once: true });
          w.addEventListener("infographic:error", (e) => fail(new Error(e.detail.message)), { once: true });
        });
      });
      const [a, b] = await Promise.all(widgets);
      const pixels = (w) =>
        [...w.shadowRoot.querySelectorAll("canvas.base")].map((c) => {
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let h = 0;
          for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) >>> 0;
          return `${c.width}x${c.height}:${h}`;
        });
      const titles = (w) => [...w.shadowRoot.querySelectorAll(".stage")].map((s) => s.getAttribute("aria-label"));
      return { a: pixels(a), b: pixels(b), titles: titles(a) };
    });
    assertEqual(result.a.length, expected.charts.length, "every chart drawn");
    assertEqual(result.a, result.b, "the same pixels as the expected data");
    assertEqual(result.titles, expected.charts.map((c) => c.title.zh), "chart titles");
    await assertClean(page);
    await page.close();
  });

  await test("editor: a reload keeps the work", async () => {
    const p = await editor(env);
    await typeInto(p, 0, "labelEn", "Investment growth (edited)");
    await typeInto(p, 1, "value", "oops");
    await checked(p, { valid: false });
    await p.waitForFunction(() => localStorage.getItem("park-infographic-editor")?.includes("oops"));
    await p.reload();
    await p.waitForFunction(() => document.body.dataset.ready === "true" && document.querySelector("#check [role=alert]"));
    assertEqual(await cellText(p, 0, "labelEn"), "Investment growth (edited)", "edited label");
    assertEqual(await cellText(p, 1, "value"), "oops", "even the invalid text");
    // Clearing forgets it: the built-in data again.
    await p.locator("#clear").click();
    await checked(p, { valid: true });
    await p.reload();
    await p.waitForFunction(() => document.body.dataset.ready === "true" && document.querySelector("#check .ok"));
    assertEqual(await cellText(p, 1, "value"), "7.2", "built-in value after clear");
    await p.close();
  });

  await test("editor: the main flow by keyboard alone (start, edit, chart, preview keys, download)", async () => {
    const p = await editor(env);
    /** Presses Tab until `predicate` holds for the focused element (at most `limit` times). */
    const tabTo = async (predicate, what, limit = 60) => {
      for (let i = 0; i < limit; i++) {
        await p.keyboard.press("Tab");
        if (await p.evaluate(predicate)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    await p.evaluate(() => document.activeElement?.blur());
    await tabTo(() => document.activeElement?.id === "start-blank", "start blank");
    await p.keyboard.press("Enter");
    await p.waitForFunction(() => document.querySelectorAll("#grid tbody tr").length === 1);
    await tabTo(() => document.activeElement?.closest?.("#grid td"), "the grid");
    // The blank figure: give it a label and a value, by arrows and typing.
    await p.keyboard.press("Home");
    await p.keyboard.press("ArrowRight");
    await p.keyboard.type("增速");
    await p.keyboard.press("Tab");
    await p.keyboard.type("Growth");
    await p.keyboard.press("Tab");
    await p.keyboard.type("7.2");
    await p.keyboard.press("Tab");
    await p.keyboard.type("percent");
    await p.keyboard.press("Enter");
    await p.keyboard.press("ArrowUp");
    await p.keyboard.press("ArrowRight");
    await p.keyboard.press("ArrowRight");
    await p.keyboard.press("F2");
    await p.keyboard.press("Escape"); // opens and cancels: nothing changes
    assertEqual(await cellText(p, 0, "value"), "7.2", "value");
    assertEqual(await cellText(p, 0, "unit"), "percent", "unit typed, Escape kept it");
    await checked(p, { valid: true });
    // The chart's title, then the preview answers keys with the new figure.
    await tabTo(() => document.activeElement?.dataset?.field === "title.en", "the chart title");
    await p.keyboard.press("Control+A");
    await p.keyboard.type("Growth, my park");
    assertEqual(await drawnWith(p, "Growth, my park"), "ready", "the preview redrew");
    await tabTo(() => document.activeElement?.id === "preview-chart", "the preview");
    await p.keyboard.press("Home");
    await p.waitForFunction(() => window.__events.some((e) => e.type === "hover" && e.detail?.value === 7.2));
    await tabTo(() => document.activeElement?.id === "download-json", "download");
    const [download] = await Promise.all([p.waitForEvent("download"), p.keyboard.press("Enter")]);
    const data = JSON.parse(readFileSync(await download.path(), "utf8"));
    assertEqual([data.figures[0].label.en, data.figures[0].value, data.charts[0].title.en], ["Growth", 7.2, "Growth, my park"], "downloaded");
    await assertClean(p);
    await p.close();
  });

  await test("editor: files: foreign JSON, broken JSON and a 50 MB file are refused with a message; work kept", async () => {
    const p = await editor(env);
    await typeInto(p, 0, "labelEn", "kept");
    // Written to disk first: the browser gets them as a file picker would give them.
    const dir = mkdtempSync(join(tmpdir(), "editor-files-"));
    const files = [
      ["geo.json", JSON.stringify({ type: "FeatureCollection", features: [] }), /figures/],
      ["broken.json", '{\n  "schema": 2,\n  oops\n}', /line 3/],
      ["big.json", Buffer.alloc(50 * 1024 * 1024, 32), /50(\.0)? MB/],
    ];
    for (const [name, body, message] of files) {
      writeFileSync(join(dir, name), body);
      await p.locator("#start-file").setInputFiles(join(dir, name));
      await p.waitForFunction((re) => new RegExp(re).test(document.getElementById("status").textContent), message.source);
      assertEqual(await cellText(p, 0, "labelEn"), "kept", `${name}: work kept`);
      assertEqual(await rowCount(p), 58, `${name}: rows kept`);
    }
    rmSync(dir, { recursive: true });
    // One of ours, dropped on the page: opened, with a wrong type the validator names.
    const mine = fresh();
    mine.figures[2].value = "8%";
    await p.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "mine.json", { type: "application/json" }));
      document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(mine));
    const alert = await checked(p, { valid: false, naming: "8%" });
    assertEqual(await cell(p, 2, "value").getAttribute("aria-invalid"), "true", "at its cell");
    await p.close();
  });

  await test("editor: axe finds no violations (zh/en × light/dark)", async () => {
    const p = await editor(env, { bypassCSP: true });
    await typeInto(p, 2, "value", "eight"); // audit the error state too
    await checked(p, { valid: false });
    await p.addScriptTag({ path: AXE });
    for (const lang of ["zh", "en"]) {
      for (const theme of ["light", "dark"]) {
        await p.locator(`#ui-switches input[name=ui][value=${lang}]`).check();
        await p.locator(`#ui-switches input[name=pagetheme][value=${theme}]`).check();
        await p.locator(`#preview-switches input[name=lang][value=${lang}]`).check();
        await p.locator(`#preview-switches input[name=theme][value=${theme}]`).check();
        await p.waitForFunction(({ lang, theme }) => {
          const el = document.getElementById("preview-chart");
          return el.getAttribute("lang") === lang && el.shadowRoot.querySelector(".body").dataset.theme === theme && !el.hasAttribute("aria-busy");
        }, { lang, theme });
        const result = await p.evaluate(() =>
          window.axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }),
        );
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        assertEqual(found, [], `violations (${lang}, ${theme})`);
      }
    }
    await p.close();
  });
  await test("editor: derived figures: inputs change the computed value; a rule is chosen, never typed", async () => {
    const p = await editor(env);
    const d = fresh();
    const at = (id) => d.figures.findIndex((f) => f.id === id);
    const value = (id) => d.figures[at(id)].value;
    // remainder: the total minus the three larger bands, recomputed after an input changes.
    const rest = at("target-projects-10-20yi-2020");
    await typeInto(p, at("target-projects-20-50yi-2020"), "value", "5");
    const remainder = value("target-projects-10yi-plus-2020") - 5 - value("target-projects-50-100yi-2020") - value("target-projects-100yi-plus-2020");
    await p.waitForFunction(({ row, want }) => document.querySelector(`#grid tbody tr:nth-child(${row + 1}) td:nth-of-type(4)`).textContent === want, { row: rest, want: String(remainder) });
    await checked(p, { valid: true });
    // The derived cell cannot be typed into.
    await cell(p, rest, "value").click();
    await p.keyboard.press("Enter");
    assertEqual(await p.locator("#grid input").count(), 0, "no editor on a derived cell");
    assertEqual(await cell(p, rest, "value").getAttribute("aria-readonly"), "true", "read-only to assistive technology");
    // ratio: rule removed (the value is typed again), then chosen with its inputs.
    const ratio = at("equipment-to-design-park-ratio");
    await cell(p, ratio, "id").click();
    await p.locator("#derived-op").selectOption("");
    assertEqual(await cell(p, ratio, "value").getAttribute("aria-readonly"), null, "editable without a rule");
    await p.locator("#derived-op").selectOption("ratio");
    await p.locator("#derived-from").fill("ic-equipment-park-area, ic-design-park-area");
    // 9.5 km² = 9.5 million m²; 35 万m² = 350,000 m²: one decimal, as the source states it.
    const want = Math.round(((value("ic-equipment-park-area") * 1e6) / (value("ic-design-park-area") * 1e4)) * 10) / 10;
    await p.waitForFunction(({ row, want }) => document.querySelector(`#grid tbody tr:nth-child(${row + 1}) td:nth-of-type(4)`).textContent === want, { row: ratio, want: String(want) });
    assert((await p.locator("#derived-out").textContent()).includes(String(want)), "the panel says what it computed");
    await checked(p, { valid: true });
    // An input that does not exist: the module's message, at the value cell.
    await p.locator("#derived-from").fill("ic-equipment-park-area, no-such-figure");
    const alert = await checked(p, { valid: false, naming: "no-such-figure" });
    assert(alert.includes("no-such-figure"), `alert: ${alert}`);
    assert((await p.locator("#derived-out").textContent()).includes("no-such-figure"), "the panel says why it cannot compute");
    await assertClean(p);
    await p.close();
  });

  await test("editor: charts: add one, give it figures and a form, reorder, remove", async () => {
    const p = await editor(env);
    await p.locator("#add-chart").click();
    const id = await p.locator('#chart-fields [data-field="id"]').inputValue();
    assertEqual(id, "chart-9", "a fresh id");
    await p.locator('#chart-fields [data-field="id"]').fill("results-2020");
    await p.locator('#chart-fields [data-field="form"]').selectOption("tiles");
    await p.locator('#chart-fields [data-field="title.zh"]').fill("2020年成果");
    // Two figures of the default data move to it by their chart cell.
    const d = fresh();
    const rows = [d.figures.findIndex((f) => f.id === "projects-signed-2019"), d.figures.findIndex((f) => f.id === "iur-projects-2019")];
    for (const r of rows) {
      await cell(p, r, "group").click();
      await p.keyboard.press("Delete");
      await typeInto(p, r, "chart", "results-2020");
    }
    await checked(p, { valid: true });
    assertEqual(await drawnWith(p, '"chart": "results-2020"'), "ready", "the preview redrew");
    assertEqual(await p.locator("#preview-chart").getAttribute("chart"), "results-2020", "the new chart is previewed");
    assertEqual(await p.locator("#chart-order li span").allTextContents(), ["projects-signed-2019 · 全年签约产业项目", "iur-projects-2019 · 产学研合作项目"], "its figures");
    await p.locator("#chart-order li:first-child button", { hasText: "下移" }).click();
    assertEqual((await p.locator("#chart-order li span").allTextContents())[0].split(" ")[0], "iur-projects-2019", "reordered");
    await checked(p, { valid: true });
    const titles = await p.evaluate(() => document.getElementById("preview-chart").json);
    const exported = JSON.parse(titles);
    const mine = exported.figures.filter((f) => f.chart === "results-2020").map((f) => f.id);
    assertEqual(mine, ["iur-projects-2019", "projects-signed-2019"], "order in the data");
    assertEqual(exported.charts.at(-1), { id: "results-2020", form: "tiles", title: { zh: "2020年成果", en: "New chart" }, description: { zh: "图中为……", en: "Shows …" } }, "the chart");
    await p.locator("#remove-chart").click();
    assert((await p.locator("#chart-status").textContent()).includes("results-2020"), "removal said");
    assertEqual(await cellText(p, rows[0], "chart"), "", "its figures belong to no chart");
    await checked(p, { valid: true });
    await assertClean(p);
    await p.close();
  });

  await test("editor: publish: PNG at 2×, SVG, snippets copied (clipboard or selected text), iframe snippet draws", async () => {
    const p = await editor(env);
    await p.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const [png] = await Promise.all([p.waitForEvent("download"), p.locator('#images button[data-chart="growth-2019"][data-format="png"]').click()]);
    const bytes = readFileSync(await png.path());
    assertEqual([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG", "a PNG");
    assertEqual(bytes.readUInt32BE(16), 1280, "640 CSS px at 2×");
    assertEqual(png.suggestedFilename(), "growth-2019.zh.png", "file name");
    const [svg] = await Promise.all([p.waitForEvent("download"), p.locator('#images button[data-chart="growth-2019"][data-format="svg"]').click()]);
    const svgText = readFileSync(await svg.path(), "utf8");
    assert(svgText.includes("<svg") && svgText.includes(fresh().charts[0].title.zh.slice(0, 4)), "an SVG with the title");
    await p.locator("#host-url").fill("https://news.example.com/data/park.json");
    const component = await p.locator("#snippet-component").textContent();
    assert(component.includes('data-src="https://news.example.com/data/park.json"') && component.includes('chart="growth-2019"'), component);
    await p.locator('#snippets button[data-target="snippet-component"]').click();
    await p.waitForFunction(() => document.getElementById("publish-status").textContent);
    assertEqual(await p.evaluate(() => navigator.clipboard.readText()), component, "copied");
    await p.close();

    // Without the clipboard API the text is selected for Ctrl+C.
    const q = await open(env, null);
    await q.addInitScript(() => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined }));
    await q.goto(`${env.origin}/editor.html`);
    await q.waitForFunction(() => document.body.dataset.ready === "true" && document.querySelector("#snippet-iframe"));
    await q.locator('#snippets button[data-target="snippet-iframe"]').click();
    const iframe = await q.locator("#snippet-iframe").textContent();
    assertEqual(await q.evaluate(() => String(window.getSelection())), iframe, "selected");
    await q.close();

    // The iframe snippet's page: frame.html draws a data-src on its own origin, ignores another's.
    const f = await open(env, null);
    await f.route("**/e2e/park.json", (r) => r.fulfill({ contentType: "application/json", body: DEFAULT_TEXT }));
    for (const [src, want] of [["/e2e/park.json", "/e2e/park.json"], ["https://elsewhere.example/park.json", null]]) {
      await f.goto(`${env.origin}/frame.html?chart=growth-2019&lang=zh&data-src=${encodeURIComponent(src)}`);
      await f.waitForFunction(() => document.querySelector("park-infographic")?.shadowRoot.querySelector("canvas.base"));
      const attr = await f.evaluate(() => document.querySelector("park-infographic").getAttribute("data-src"));
      assertEqual(attr && new URL(attr).pathname, want, `data-src for ${src}`);
    }
    await assertClean(f);
    await f.close();
  });
  await test("editor: publish: a bundle or data address that is not http(s) gives no snippet", async () => {
    const p = await editor(env);
    for (const [field, text] of [["#bundle-url", "javascript:alert(1)//"], ["#host-url", "data:application/json,{}"]]) {
      await p.locator(field).fill(text);
      const shown = await p.locator("#snippets").textContent();
      assert(!/javascript:|data:/.test(shown) && !(await p.locator("#snippet-component").count()), `${field}: ${shown}`);
      await p.locator(field).fill("https://news.example.com/park/");
    }
    assert(await p.locator("#snippet-component").count(), "snippets again with http(s) addresses");
    await p.close();
  });
  await test("editor: readable at 320 px in zh and en: only the table and the preview scroll sideways", async () => {
    const p = await editor(env, { viewport: { width: 320, height: 700 } });
    for (const lang of ["zh", "en"]) {
      await p.locator(`#ui-switches input[name=ui][value=${lang}]`).check();
      const wide = await p.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => !e.closest(".scroll, .frame") && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((e) => `${e.tagName}#${e.id}.${e.className}`),
      );
      assertEqual(wide, [], `wider than the page (${lang})`);
      assertEqual(await p.locator("#figures-h").textContent(), lang === "zh" ? "数据" : "Figures", "the interface language");
    }
    await p.close();
  });
  await test("editor: the preview at phone, column and wide widths, in both languages", async () => {
    const p = await editor(env, { viewport: { width: 1200, height: 900 } });
    for (const [width, lang] of [["320", "en"], ["960", "zh"], ["640", "en"]]) {
      await p.locator(`#preview-switches input[name=width][value="${width}"]`).check();
      await p.locator(`#preview-switches input[name=lang][value=${lang}]`).check();
      const drawn = await p.waitForFunction(
        ({ width, lang }) => {
          const el = document.getElementById("preview-chart");
          const canvas = el.shadowRoot.querySelector("canvas.base");
          const stage = canvas?.parentElement;
          // Drawn for this width: the backing store is the stage's width × pixel ratio.
          return el.getAttribute("lang") === lang && !el.hasAttribute("aria-busy") && el.clientWidth === Number(width) &&
            canvas.width === Math.round(stage.clientWidth * devicePixelRatio) && stage.getAttribute("aria-label");
        },
        { width, lang },
      );
      const title = await drawn.jsonValue();
      assertEqual(title, fresh().charts[0].title[lang], `the chart's title (${width}, ${lang})`);
    }
    await assertClean(p);
    await p.close();
  });
}
