// Forms end to end. An editor's dataset that is not the default (tests/fixtures/forms.json,
// served as data-src) has a chart id the code has never heard of in every form: each one
// renders, answers hover at every mark (located from the layout the module returns) with
// the figure the fixture puts there, and reaches every mark by keys. Under every chart the
// actions are one line of text links at 320 px, and they work: the table opens, the
// downloads fire.
import { readFileSync } from "node:fs";
import { assert, assertEqual, marks, open, test } from "./harness.mjs";

const FIXTURE = new URL("../fixtures/forms.json", import.meta.url);
const SRC = "/fixtures/forms.json";
// Read here, independently of the module: which figures each chart has, and their labels.
const EDITOR = JSON.parse(readFileSync(FIXTURE, "utf8"));
const FORMS = ["bars", "tiles", "units", "share", "path", "areas", "ranks"];
const BUILTIN_IDS = ["growth-2019", "pipeline-2019", "innovation-2019", "services-2019", "targets-2020", "parks-2020", "growth-path", "rankings"];

async function formsPage(env, viewport) {
  const page = await open(env, null, { viewport, acceptDownloads: true });
  await page.route(`**${SRC}`, (route) =>
    route.fulfill({ contentType: "application/json", body: readFileSync(FIXTURE) }),
  );
  await page.goto(`${env.origin}/index.html`);
  return page;
}

/** Replaces the body with widgets ({id, attrs}) and records their events in __events. */
async function mount(page, specs) {
  await page.evaluate((specs) => {
    window.__events = [];
    document.body.replaceChildren();
    for (const { id, attrs } of specs) {
      const w = document.createElement("park-infographic");
      w.id = id;
      for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
      for (const type of ["ready", "error", "hover"]) {
        w.addEventListener(`infographic:${type}`, (e) => window.__events.push({ id, type, detail: e.detail }));
      }
      document.body.append(w);
    }
  }, specs);
  const ids = specs.map((s) => s.id);
  await page.waitForFunction(
    (ids) => ids.every((id) => window.__events.some((e) => e.id === id && e.type !== "hover")),
    ids,
    { timeout: 20000 },
  );
  return page.evaluate(() => window.__events.filter((e) => e.type !== "hover"));
}

/** Where each mark of widget `#id` is on the page (the editor's dataset, in `lang`). */
const markPoints = (page, id, lang) => marks(page, `#${id}`, { lang, dataSrc: SRC });

const lastHover = (page, id) =>
  page.evaluate((id) => window.__events.filter((e) => e.id === id && e.type === "hover").pop()?.detail ?? null, id);

export default async function (env) {
  await editorDataset(env);
  await actionsAt320(env);
}

/** An editor's dataset: a new chart id in every form drawn and answering; a chart it lacks named. */
async function editorDataset(env) {
  await test("forms: an editor's dataset with a new chart id in each form renders, answers hover and keys", async () => {
    const charts = EDITOR.charts;
    assertEqual([...new Set(charts.map((c) => c.form))].sort(), [...FORMS].sort(), "the fixture has every form");
    for (const c of charts) assert(!BUILTIN_IDS.includes(c.id), `${c.id} is a new id`);
    const page = await formsPage(env, { width: 700, height: 900 });
    try {
      const settled = await mount(
        page,
        charts.map((c) => ({ id: c.id, attrs: { chart: c.id, lang: "zh", theme: "light", "data-src": SRC } })),
      );
      for (const c of charts) {
        const events = settled.filter((e) => e.id === c.id);
        assertEqual(events.map((e) => e.type), ["ready"], `${c.id} (${c.form}) ready: ${JSON.stringify(events)}`);
      }
      for (const c of charts) {
        const figures = EDITOR.figures.filter((f) => f.chart === c.id);
        const labels = Object.fromEntries(figures.map((f) => [f.id, f.label.zh]));
        const points = await markPoints(page, c.id, "zh");
        assertEqual(points.length, figures.length, `${c.id}: one mark per figure`);
        const hovered = [];
        for (const [i, p] of points.entries()) {
          await page.evaluate(() => (window.__events = window.__events.filter((e) => e.type !== "hover")));
          await page.locator(`#${c.id}`).scrollIntoViewIfNeeded();
          const [fresh] = await markPointsAfterScroll(page, c.id, i);
          await page.mouse.move(1, 1);
          await page.mouse.move(fresh.x, fresh.y);
          await page.waitForFunction((id) => window.__events.some((e) => e.id === id && e.type === "hover" && e.detail), c.id);
          const detail = await lastHover(page, c.id);
          assertEqual(detail.chart, c.id, `${c.id} mark ${i}: hover names the chart`);
          assert(detail.id in labels, `${c.id} mark ${i}: hover names ${detail.id}, not a figure of this chart`);
          assertEqual(detail.label, labels[detail.id], `${c.id} mark ${i}: the figure's own label`);
          hovered.push(detail.id);
        }
        assertEqual([...hovered].sort(), Object.keys(labels).sort(), `${c.id}: every figure answers hover once`);
        // Keys: from the stage, ArrowRight visits the marks in the same order, Home/End the ends.
        await page.mouse.move(1, 1);
        await page.focus(`#${c.id} .stage`);
        const keyed = [];
        for (let i = 0; i < points.length; i++) {
          await page.keyboard.press("ArrowRight");
          keyed.push((await lastHover(page, c.id))?.id);
        }
        assertEqual(keyed, hovered, `${c.id}: keys reach every mark in order`);
        await page.keyboard.press("Home");
        assertEqual((await lastHover(page, c.id))?.id, hovered[0], `${c.id}: Home`);
        await page.keyboard.press("End");
        assertEqual((await lastHover(page, c.id))?.id, hovered.at(-1), `${c.id}: End`);
        await page.keyboard.press("Escape");
      }
      assertEqual(page.problems, [], "console errors");
    } finally {
      await page.close();
    }
  });

  await test("forms: an unknown chart under an editor's data-src names its charts and shows no built-in image", async () => {
    const page = await formsPage(env, { width: 700, height: 900 });
    try {
      const [event] = await mount(page, [{ id: "w", attrs: { chart: "growth-2019", "data-src": SRC } }]);
      assertEqual(event.type, "error", "error event");
      assert(
        event.detail.message.includes('unknown chart "growth-2019"; known charts: growth-2020, patents-2019'),
        event.detail.message,
      );
      const images = await page.$eval("#w", (w) => w.shadowRoot.querySelectorAll("img").length);
      assertEqual(images, 0, "no fallback image of the built-in data under an editor's data-src");
    } finally {
      await page.close();
    }
  });
}

/** Under a chart at 320 px: the actions on one line, the table opening by keys, the downloads. */
async function actionsAt320(env) {
  for (const { name, attrs, file } of [
    { name: "built-in chart, zh", attrs: { chart: "targets-2020", lang: "zh" }, file: "targets-2020.zh" },
    { name: "editor's new chart, en", attrs: { chart: "teams-2020", lang: "en", "data-src": SRC }, file: "teams-2020.en" },
  ]) {
    await test(`forms: at 320 px the actions are one line of text links that work (${name})`, async () => {
      const page = await formsPage(env, { width: 320, height: 800 });
      try {
        const [event] = await mount(page, [{ id: "w", attrs }]);
        assertEqual(event.type, "ready", `ready: ${JSON.stringify(event.detail)}`);
        const boxes = await page.$eval("#w", (w) => {
          const root = w.shadowRoot;
          const box = (e) => {
            const r = e.getBoundingClientRect();
            return { text: e.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
          };
          const host = w.getBoundingClientRect();
          return {
            host: { left: host.left, right: host.right },
            links: [root.querySelector("details.table > summary"), ...root.querySelectorAll(".tools button")].map(box),
            line: box(root.querySelector(".actions")),
            lineHeight: parseFloat(getComputedStyle(root.querySelector(".tools button")).lineHeight),
          };
        });
        const words = attrs.lang === "en" ? ["Data table", "Download image", "Download data"] : ["数据表", "下载图片", "下载数据"];
        assertEqual(boxes.links.map((b) => b.text), words, "the three links, in order");
        for (const b of boxes.links) {
          assert(Math.abs(b.top - boxes.links[0].top) < 1, `${b.text} on the first link's line: ${JSON.stringify(boxes.links)}`);
          assert(b.height < 2 * boxes.lineHeight, `${b.text} does not wrap: ${b.height} px tall`);
          assert(b.height >= 24 && b.right - b.left >= 24, `${b.text} is a 24 px target`);
          assert(b.left >= boxes.host.left && b.right <= boxes.host.right, `${b.text} inside the widget`);
        }
        for (let i = 1; i < boxes.links.length; i++) {
          assert(boxes.links[i].left >= boxes.links[i - 1].right, "left to right, not overlapping");
        }
        assert(boxes.line.height < 2 * boxes.lineHeight, `one line: ${boxes.line.height} px`);

        // The table is a disclosure: by keyboard (Tab to the summary, Enter) it opens under
        // the line, with one row per figure; the links stay on their line.
        const summary = page.locator("#w details.table > summary");
        await summary.focus();
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector("details.table tbody"));
        const opened = await page.$eval("#w", (w) => {
          const root = w.shadowRoot;
          const table = root.querySelector("details.table table").getBoundingClientRect();
          const summary = root.querySelector("details.table > summary").getBoundingClientRect();
          const buttons = [...root.querySelectorAll(".tools button")].map((b) => b.getBoundingClientRect());
          const button = buttons[0];
          return {
            buttonsRight: Math.max(...buttons.map((b) => b.right)),
            hostRight: w.getBoundingClientRect().right,
            open: root.querySelector("details.table").open,
            rows: root.querySelectorAll("details.table tbody tr").length,
            tableTop: table.top,
            summaryBottom: summary.bottom,
            summaryTop: summary.top,
            buttonTop: button.top,
          };
        });
        assert(opened.open, "open");
        const expectedRows = attrs["data-src"]
          ? EDITOR.figures.filter((f) => f.chart === attrs.chart).length
          : JSON.parse(readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8")).figures.filter(
              (f) => f.chart === attrs.chart,
            ).length;
        assertEqual(opened.rows, expectedRows, "one row per figure");
        assert(opened.tableTop >= opened.summaryBottom, "the table opens under the line");
        assert(Math.abs(opened.buttonTop - opened.summaryTop) < 1, "the downloads stay on the summary's line");
        assert(opened.buttonsRight <= opened.hostRight, `the downloads stay inside: ${opened.buttonsRight} > ${opened.hostRight}`);

        for (const [k, ext] of [[0, "png"], [1, "csv"]]) {
          const [download] = await Promise.all([
            page.waitForEvent("download"),
            page.locator("#w .tools button").nth(k).click(),
          ]);
          assertEqual(download.suggestedFilename(), `${file}.${ext}`, `${ext} download`);
        }
        assertEqual(page.problems, [], "console errors");
      } finally {
        await page.close();
      }
    });
  }
}

/** The `i`-th mark's point after scrolling (positions are in the viewport). */
async function markPointsAfterScroll(page, id, i) {
  const lang = await page.$eval(`#${id}`, (w) => w.getAttribute("lang") || "zh");
  const points = await markPoints(page, id, lang);
  return [points[i]];
}
