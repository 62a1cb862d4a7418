// Annotations end to end. An editor's dataset with one of each kind on its first chart
// (tests/fixtures/annotations.json: a highlight, a reference line, a band and a note),
// served as data-src, renders; the highlighted bar is drawn in its colour and the others in
// the highlight's grey (read from the pixels at the marks the module's layout places); the
// note's and the line's words are in the chart's description and its data table; hover on
// the note shows it with its figure, hover on the line's label shows the line; keys reach
// the labels after the figures and announce them.
//
// Expected values come from the fixture (read here) and the design's colours (the spec,
// tests/fixtures/palette.json).
import { readFileSync } from "node:fs";
import { colour } from "../palette.mjs";
import { assert, assertEqual, marks, open, paintedColours, test } from "./harness.mjs";

const FIXTURE = new URL("../fixtures/annotations.json", import.meta.url);
const SRC = "/fixtures/annotations.json";
const DATA = JSON.parse(readFileSync(FIXTURE, "utf8"));
const CHART = DATA.charts[0];
const [HIGHLIGHT, LINE, BAND, NOTE] = CHART.annotations;
const FIGURES = DATA.figures.filter((f) => f.chart === CHART.id);
/** The design's colours: the background, a stated result, and the grey a highlight leaves. */
const LIGHT = Object.fromEntries(["background", "primary", "faded"].map((k) => [k, colour("light", k)]));

async function annotatedPage(env, lang) {
  const page = await open(env, null, { viewport: { width: 375, height: 900 } });
  await page.route(`**${SRC}`, (route) => route.fulfill({ contentType: "application/json", body: readFileSync(FIXTURE) }));
  await page.goto(`${env.origin}/index.html`);
  await page.evaluate(
    ({ chart, lang, src }) => {
      window.__events = [];
      document.body.replaceChildren();
      const w = document.createElement("park-infographic");
      w.id = "w";
      Object.entries({ chart, lang, theme: "light", "data-src": src }).forEach(([k, v]) => w.setAttribute(k, v));
      for (const type of ["ready", "error", "hover"]) {
        w.addEventListener(`infographic:${type}`, (e) => window.__events.push({ type, detail: e.detail }));
      }
      document.body.append(w);
    },
    { chart: CHART.id, lang, src: SRC },
  );
  await page.waitForFunction(() => window.__events.some((e) => e.type !== "hover"));
  return page;
}

/** Every mark of the widget's chart (harness `marks`), with the colour painted in its box. */
async function drawnMarks(page, lang) {
  await page.evaluate(() => document.getElementById("w").shadowRoot.querySelector("canvas.base").scrollIntoView({ block: "center" }));
  const all = await marks(page, "#w", { lang, dataSrc: SRC });
  const painted = await paintedColours(page, "#w", all.map((m) => m.device), LIGHT.background);
  return all.map((m, i) => ({ ...m, painted: painted[i] }));
}

/** Where the note's first line is drawn: its text in the module's SVG of the same layout. */
function notePoint(page, lang, text) {
  return page.evaluate(
    async ({ lang, src, text }) => {
      const widget = document.getElementById("w");
      const canvas = widget.shadowRoot.querySelector("canvas.base");
      const files = widget.shadowRoot.querySelector("link").href;
      const m = await import(new URL("pkg-editor/park_infographic.js", files).href);
      await m.default();
      const json = await (await fetch(src)).text();
      const svg = m.chartSvg(json, widget.getAttribute("chart"), lang, "light", canvas.parentElement.clientWidth);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      const node = [...doc.querySelectorAll("text")].find((t) => text.startsWith(t.textContent));
      const size = Number(node.closest("[font-size]").getAttribute("font-size"));
      const r = canvas.getBoundingClientRect();
      // Its baseline's y, less half its size: the middle of the line; a few px into its text.
      return { x: r.left + Number(node.getAttribute("x")) + 4, y: r.top + Number(node.getAttribute("y")) - size / 3 };
    },
    { lang, src: SRC, text },
  );
}

const lastHover = (page) => page.evaluate(() => window.__events.filter((e) => e.type === "hover").pop()?.detail ?? null);
const shadow = (page, selector, fn) =>
  page.evaluate(([s, f]) => new Function("n", `return (${f})(n)`)(document.getElementById("w").shadowRoot.querySelector(s)), [
    selector,
    fn.toString(),
  ]);

export default async function (env) {
  for (const lang of ["zh", "en"]) {
    const words = (text) => text[lang];
    await test(`annotations (${lang}): an editor's dataset with one of each kind renders through data-src, the highlighted bar in its colour, the rest grey`, async () => {
      assertEqual([HIGHLIGHT, LINE, BAND, NOTE].map((a) => a.type), ["highlight", "line", "band", "note"], "the fixture's first chart");
      const page = await annotatedPage(env, lang);
      try {
        const events = await page.evaluate(() => window.__events.map((e) => e.type));
        assertEqual(events, ["ready"], "events");
        const drawn = await drawnMarks(page, lang);
        const figures = drawn.filter((m) => !m.annotation);
        assertEqual(figures.map((m) => m.id), FIGURES.map((f) => f.id), "a mark per figure, in order");
        for (const m of figures) {
          const want = HIGHLIGHT.figures.includes(m.id) ? LIGHT.primary : LIGHT.faded;
          assert(m.painted && m.painted.every((v, c) => Math.abs(v - want[c]) <= 3), `${m.id}: painted ${m.painted}, want ${want}`);
        }
        assertEqual(drawn.filter((m) => m.annotation).map((m) => m.annotation), ["line", "band"], "the labels' marks, after the figures");
        assertEqual(page.problems, [], "console errors");
      } finally {
        await page.close();
      }
    });

    await test(`annotations (${lang}): the note's and the line's words are in the description and the data table`, async () => {
      const page = await annotatedPage(env, lang);
      try {
        const description = await shadow(page, "p.sr-only", (n) => n.textContent);
        for (const text of [words(NOTE.text), words(LINE.label), words(BAND.label)]) {
          assert(description.includes(text), `description lacks ${text}: ${description}`);
        }
        await page.evaluate(() => (document.getElementById("w").shadowRoot.querySelector("details.table").open = true));
        await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector("details.table tbody"));
        const rows = await page.evaluate(() =>
          [...document.getElementById("w").shadowRoot.querySelectorAll("details.table tbody tr")].map((tr) => tr.textContent),
        );
        // Each figure (a note after its value), then the line and band.
        assertEqual(rows.length, FIGURES.length + 2, `rows: ${rows.join(" | ")}`);
        const noted = FIGURES.findIndex((f) => f.id === NOTE.figure);
        assert(rows[noted].includes(words(FIGURES[noted].label)), `row ${noted}: ${rows[noted]}`);
        assert(rows[noted].includes(lang === "zh" ? "突出显示" : "Highlighted"), `the highlighted row says so: ${rows[noted]}`);
        const [value, note] = [FIGURES[noted].value, words(NOTE.text)].map((t) => rows[noted].indexOf(String(t)));
        assert(value >= 0 && note > value, `the note after its figure's value: ${rows[noted]}`);
        assert(rows.at(-2).includes(words(LINE.label)) && rows.at(-1).includes(words(BAND.label)), `lines last: ${rows.slice(-2)}`);
      } finally {
        await page.close();
      }
    });

    await test(`annotations (${lang}): hover on the note shows it with its figure; on the line's label, the line; keys announce them after the figures`, async () => {
      const page = await annotatedPage(env, lang);
      try {
        const note = await notePoint(page, lang, words(NOTE.text));
        await page.mouse.move(1, 1);
        await page.mouse.move(note.x, note.y);
        await page.waitForFunction(() => window.__events.some((e) => e.type === "hover" && e.detail));
        assertEqual((await lastHover(page))?.id, NOTE.figure, "hover on the note names its figure");
        const tip = await shadow(page, ".tooltip.on", (n) => n?.textContent ?? "");
        assert(tip.includes(words(NOTE.text)), `the tooltip shows the note: ${tip}`);
        const drawn = await drawnMarks(page, lang);
        const line = drawn.find((m) => m.annotation === "line");
        await page.mouse.move(line.x, line.y);
        await page.waitForFunction(() => window.__events.at(-1)?.detail?.annotation === "line");
        const detail = await lastHover(page);
        assertEqual([detail.id, detail.label, detail.value, detail.unit], [null, words(LINE.label), LINE.value, "%"], "the line's hover");
        assert((await shadow(page, ".tooltip.on", (n) => n?.textContent ?? "")).includes(words(LINE.label)), "the line's tooltip");
        await page.mouse.move(1, 1);
        await page.focus("#w .stage");
        const live = () => shadow(page, "[aria-live]", (n) => n.textContent);
        await page.keyboard.press("End");
        assert((await live()).includes(words(BAND.label)), `End announces the band: ${await live()}`);
        await page.keyboard.press("ArrowLeft");
        assert((await live()).includes(words(LINE.label)), `then the line: ${await live()}`);
        await page.keyboard.press("Home");
        const first = await live();
        assert(first.includes(words(NOTE.text)) && first.includes(lang === "zh" ? "突出显示" : "Highlighted"), `Home announces the highlighted figure with its note: ${first}`);
        assertEqual(page.problems, [], "console errors");
      } finally {
        await page.close();
      }
    });
  }
}
