// The annotations flow, the same in every engine: an editor's dataset with one of each kind
// on its first chart (tests/fixtures/annotations.json), through data-src; the highlighted
// bar in its colour and the others in the highlight's grey (pixels read at the marks the
// module's layout places); a real pointer on the reference line's label answers with the
// line; keys reach the line and the band after the figures and announce the highlighted,
// noted figure with its note.
//
// Expected values: the fixture (read here) and the design's colours (the spec,
// tests/fixtures/palette.json).
import { readFileSync } from "node:fs";
import { colour } from "../palette.mjs";
import { settledCount } from "./inpage.mjs";
import { drawnMarks, markPoint } from "./locate.mjs";
import { assert } from "../assert.mjs";

const DATA = JSON.parse(readFileSync(new URL("../fixtures/annotations.json", import.meta.url), "utf8"));
const CHART = DATA.charts[0];
const [HIGHLIGHT, LINE, BAND, NOTE] = CHART.annotations;
const FIGURES = DATA.figures.filter((f) => f.chart === CHART.id);
const SELECTOR = "park-infographic";
/** The light theme's background, a stated result's colour and a highlight's grey. */
const COLORS = Object.fromEntries(["background", "primary", "faded"].map((k) => [k, colour("light", k)]));

const near = (p, c) => p && c.every((v, i) => Math.abs(p[i] - v) <= 3);

/** The last hover event after `before` events that `ok` accepts. */
function hoverAfter(page, before, kind) {
  return page.waitFor(
    ([before, kind]) =>
      window.__events
        .slice(before)
        .filter((e) => e.type === "hover" && e.detail && (kind ? e.detail.annotation === kind : !e.detail.annotation))
        .at(-1)?.detail ?? null,
    [before, kind],
  );
}

export async function annotations(env) {
  const page = await env.open("/index.html", { width: 375, height: 800 });
  try {
    await page.waitFor((n) => window.__events.filter((e) => e.type === "ready" || e.type === "error").length >= n, 1);
    const before = await page.evaluate(settledCount);
    await page.evaluate(
      ([s, chart]) => {
        const w = document.querySelector(s);
        w.setAttribute("theme", "light");
        w.setAttribute("lang", "zh");
        w.setAttribute("chart", chart);
        w.setAttribute("data-src", "/engines/annotations.json");
      },
      [SELECTOR, CHART.id],
    );
    await page.waitFor(
      ([s, n]) => window.__events.filter((e) => e.type === "ready").length >= n && !document.querySelector(s).hasAttribute("aria-busy"),
      [SELECTOR, before + 1],
    );

    await env.test("annotations: an editor's dataset through data-src draws its highlighted bar in its colour, the others grey", async () => {
      const drawn = await drawnMarks(page, SELECTOR, 0, COLORS);
      assert(drawn.chart === CHART.id, `the chart drawn: ${drawn.chart}`);
      const ids = drawn.marks.map((m) => m.id);
      assert(JSON.stringify(ids) === JSON.stringify(FIGURES.map((f) => f.id)), `figure marks: ${ids}`);
      for (const m of drawn.marks) {
        const want = HIGHLIGHT.figures.includes(m.id) ? COLORS.primary : COLORS.faded;
        assert(near(m.centre, want), `${m.id}: painted ${m.centre}, want ${want}`);
      }
      const problems = await page.evaluate(() => window.__problems);
      assert(problems.length === 0, `page problems: ${problems}`);
    });

    await env.test("annotations: a real pointer on the line's label answers with the line; keys announce the labels after the figures", async () => {
      // The labels' marks follow the figures' (line, then band).
      const p = await markPoint(page, SELECTOR, 0, FIGURES.length);
      await page.move(1, 1);
      let n = await page.evaluate(() => window.__events.length);
      await page.move(p.x, p.y);
      const line = await hoverAfter(page, n, "line");
      assert(line.label === LINE.label.zh && line.value === LINE.value && line.id === null, `hover: ${JSON.stringify(line)}`);
      await page.move(1, 1);
      await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector(".stage").focus(), SELECTOR);
      const live = () => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector("[aria-live]").textContent, SELECTOR);
      n = await page.evaluate(() => window.__events.length);
      await page.press("End");
      await hoverAfter(page, n, "band");
      assert((await live()).includes(BAND.label.zh), `End: ${await live()}`);
      n = await page.evaluate(() => window.__events.length);
      await page.press("ArrowLeft");
      await hoverAfter(page, n, "line");
      assert((await live()).includes(LINE.label.zh), `ArrowLeft: ${await live()}`);
      n = await page.evaluate(() => window.__events.length);
      await page.press("Home");
      const first = await hoverAfter(page, n, null);
      const said = await live();
      assert(first.id === NOTE.figure && said.includes(NOTE.text.zh) && said.includes("突出显示"), `Home: ${first.id}: ${said}`);
    });
  } finally {
    await page.close();
  }
}
