// The reader flows, the same in every engine: charts drawn (pixels read back at the marks
// the layout reports, in the colour the figure's kind calls for), hover, tap and keys
// answering with the right figure, the iframe sizing itself, a bad data-src failing soft,
// theme switching, and every label fitting its box in the engine's real font.
//
// Expected values never come from the code under test: figures from src/data/default.json,
// colours from the design's spec (tests/fixtures/palette.json) and the figure's kind,
// period and derived flag.
import { SUZHOU, SUZHOU_CAPTION, SUZHOU_ROWS } from "../node/fixtures.mjs";
import { PALETTE, rgb } from "../palette.mjs";
import { measureLabels, settledCount } from "./inpage.mjs";
import { drawnMarks, markPoint } from "./locate.mjs";
import { assert, assertEqual } from "../assert.mjs";
import { annotations } from "./annotations.mjs";

/** Derived bars are filled with their colour at 20 % over the background, then striped. */
const tint = (c, bg) => c.map((v, i) => Math.round(v * 0.2 + bg[i] * 0.8));

/** The colours a mark or the background may be drawn in, counted at each mark. */
const COUNTED = ["background", "text", "muted", "primary", "secondary", "aim", "faded"];

function colors(theme) {
  const p = Object.fromEntries(COUNTED.map((k) => [k, rgb(PALETTE[theme][k])]));
  for (const k of ["primary", "secondary", "aim", "faded"]) p[`${k}Tint`] = tint(p[k], p.background);
  return p;
}

const KIND_COLOR = { actual: "primary", plan: "secondary", aim: "aim" };
const samePeriod = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What the units of the test data measure, as README's units table says: by name (schema
 * 3, src/data/default.json) and by schema 2's ids (tests/fixtures/forms.json).
 */
const UNIT_KIND = {
  "%": "percent",
  percent: "percent",
  位: "rank",
  rank: "rank",
  指数: "index",
  index: "index",
  平方公里: "area",
  万平方米: "area",
  km2: "area",
  wan_m2: "area",
  年: "years",
  years: "years",
  count: "count",
  ...Object.fromEntries(["个", "家", "件", "项", "次", "批次"].map((u) => [u, "count"])),
};
/** Schema 2's unit ids as the widget names them now (README, "The data"). */
const UNIT_NAME = { percent: "%", rank: "位", index: "指数", km2: "平方公里", wan_m2: "万平方米", years: "年", multiple: "倍", yi_yuan: "亿元", wan_yuan: "万元" };
const COUNTING_WORDS = ["个", "家", "件", "项", "次", "批次", "人"];
const kindOf = (f) => UNIT_KIND[f.unit];
/** The unit's name a reader's event carries for figure `f` of either schema. */
const unitName = (f) =>
  f.unit === "count" ? (COUNTING_WORDS.includes(f.counter?.zh) ? f.counter.zh : "个") : UNIT_NAME[f.unit] ?? f.unit;

/**
 * Which figures each form draws itself (README's table of forms); any other figure of its
 * panel is drawn as a tile.
 */
const FORM_DRAWS = {
  bars: () => true,
  tiles: () => true,
  ranks: (f) => kindOf(f) === "rank",
  units: (f) =>
    ["count", "years"].includes(kindOf(f)) && f.bound !== "range" && Number.isInteger(f.value) && f.value >= 1 && f.value <= 100,
  share: (f) => kindOf(f) === "percent" && f.bound !== "range" && f.value != null && f.value >= 0 && f.value <= 100,
  path: (f) => kindOf(f) === "index" && f.derived?.step != null,
  areas: (f) => kindOf(f) === "area",
};

/** The form that draws figure `f`: its panel's (the group's, else the chart's), else tiles. */
function formOf(data, chart, f) {
  const spec = data.charts.find((c) => c.id === chart);
  const form = spec.groups?.find((g) => g.id === f.group)?.form ?? spec.form;
  return FORM_DRAWS[form]?.(f) ? form : "tiles";
}

/**
 * What figure `f` of `chart` must look like: its colour by kind (results, plans, aims),
 * rates of a period other than the chart's first set apart in bars, derived figures
 * striped or hollow with a pale inside; without a value, a row shows "not stated" as text,
 * an area an empty dashed square, a tile still its rule.
 */
function expected(data, chart, f) {
  const inChart = data.figures.filter((g) => g.chart === chart);
  const form = formOf(data, chart, f);
  let color = KIND_COLOR[f.kind ?? "actual"];
  if (form === "bars" && kindOf(f) === "percent" && !samePeriod(f.period, inChart[0].period)) color = "secondary";
  // A highlight (README, "The data") greys every figure of its chart it does not name.
  const highlights = (data.charts.find((c) => c.id === chart).annotations ?? []).filter((a) => a.type === "highlight");
  if (highlights.length && !highlights.some((a) => a.figures.includes(f.id))) color = "faded";
  if (f.value == null) {
    if (form === "areas") return { color, as: "ink" };
    return form === "tiles" ? { color, as: "solid" } : { color: "muted", as: "text" };
  }
  return { color, as: f.derived ? "derived" : "solid" };
}

function near(pixel, c, tolerance = 3) {
  return c.every((v, i) => Math.abs(pixel[i] - v) <= tolerance);
}

/** Checks every mark of one drawn chart against what its figure calls for. */
function checkMarks(data, drawn, problems) {
  const palette = colors(drawn.theme);
  if (!near(drawn.background, palette.background, 0) || drawn.backgroundShare < 0.5) {
    problems.push(`${drawn.chart}: background ${drawn.background} (${Math.round(drawn.backgroundShare * 100)} %), expected ${drawn.theme}'s`);
  }
  const want = data.figures.filter((f) => f.chart === drawn.chart).map((f) => f.id).sort();
  const got = drawn.marks.map((m) => m.id).sort();
  if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`${drawn.chart}: marks ${got} ≠ figures ${want}`);
  for (const m of drawn.marks) {
    const f = data.figures.find((g) => g.id === m.id);
    if (!f) continue;
    const e = expected(data, drawn.chart, f);
    const at = `${drawn.chart} ${drawn.theme} ${f.id} (${e.as} ${e.color}, box ${m.box})`;
    const n = m.counts[e.color];
    if (e.as === "solid" && !near(m.centre, palette[e.color])) problems.push(`${at}: centre ${m.centre}`);
    if (e.as === "derived") {
      // Striped bar or hollow dot: its colour, and pale tint or background inside; not
      // solid (a solid dot fills π/4 of its box, a solid bar all of it).
      const pale = m.counts[`${e.color}Tint`];
      if (!(n > 0 && pale > 0 && n < 0.6 * m.total)) problems.push(`${at}: ${n} colour, ${pale} pale of ${m.total}`);
    }
    if ((e.as === "text" || e.as === "ink") && n < 3) problems.push(`${at}: only ${n} px of its colour`);
  }
}

async function drawnCorrectly(page, data, selector, view) {
  // The theme the widget resolved ("auto" follows the machine), then its palette's counts.
  const theme = await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector(".body").dataset.theme, selector);
  const drawn = await drawnMarks(page, selector, view, colors(theme));
  const problems = [];
  checkMarks(data, drawn, problems);
  return { drawn, problems };
}

const noProblems = async (page) => assertEqual(await page.evaluate(() => window.__problems), [], "page errors and CSP violations");
const settled = (page, n) => page.waitFor((n) => window.__events.filter((e) => e.type === "ready" || e.type === "error").length >= n, n);

/**
 * The first hover event with a figure after `before` events: a later null (the pointer
 * leaving, focus moving on) is not what the reader's action was answered with.
 */
async function nextHover(page, before) {
  return page.waitFor(
    (before) => window.__events.slice(before).find((e) => e.type === "hover" && e.detail)?.detail ?? null,
    before,
  );
}

const eventCount = (page) => page.evaluate(() => window.__events.length);
const tooltip = (page, selector) =>
  page.evaluate((s) => {
    // The tooltip shown (embed.js keeps each mark's, and shows one with .on).
    const t = document.querySelector(s).shadowRoot.querySelector(".tooltip.on");
    return t ? t.textContent : null;
  }, selector);

function checkFigure(detail, f, chart) {
  assertEqual([detail.chart, detail.id, detail.value, detail.unit], [chart, f.id, f.value, unitName(f)], "hover detail (chart, id, value, unit)");
}

const GALLERY = "park-infographic";

/**
 * Every reader flow, in one order for every engine: each area opens its own page (the
 * gallery's flows share one).
 */
export async function flows(env) {
  await galleryFlows(env);
  await formsFlows(env);
  await articleFlows(env);
  await frameFlow(env);
  await dataSrcFlows(env);
  await editorFlows(env);
  await publishedFlow(env);
  await annotations(env);
}

/** The gallery in the light theme: every chart, then pointer, touch, keys, theme and width on it. */
async function galleryFlows(env) {
  const gallery = await env.open("/index.html");
  try {
    await settled(gallery, 1);
    // An explicit theme: "auto" would follow the machine's setting.
    const before = await gallery.evaluate(settledCount);
    await gallery.evaluate((s) => document.querySelector(s).setAttribute("theme", "light"), GALLERY);
    await settled(gallery, before + 1);
    const views = await gallery.evaluate((s) => document.querySelector(s).shadowRoot.querySelectorAll("canvas.base").length, GALLERY);
    await pointerFlows(env, gallery, views);
    await themeFlow(env, gallery, views);
    await narrowFlows(env, gallery, views);
  } finally {
    await gallery.close();
  }
}

/** Every chart drawn in its colours; hover, tap and keys answering with growth-2019's figures. */
async function pointerFlows(env, gallery, views) {
  const { data, test } = env;
  await test("gallery: every chart drawn, each mark in its figure's colour (light, zh)", async () => {
    assertEqual(views, data.charts.length, "charts drawn");
    const problems = [];
    for (let view = 0; view < views; view++) problems.push(...(await drawnCorrectly(gallery, data, GALLERY, view)).problems);
    assertEqual(problems, [], "marks");
    await noProblems(gallery);
  });

  const growth = data.figures.filter((f) => f.chart === "growth-2019");
  await test("hover: a real pointer over the first and last bar answers with their figures", async () => {
    for (const [mark, f] of [[0, growth[0]], [-1, growth.at(-1)]]) {
      const p = await markPoint(gallery, GALLERY, 0, mark);
      const n = await eventCount(gallery);
      await gallery.move(p.x, p.y);
      checkFigure(await nextHover(gallery, n), f, "growth-2019");
      assert(await tooltip(gallery, GALLERY), "the tooltip shows");
    }
  });

  await test(`tap: a ${env.tapPointer} tap pins the tooltip on its figure; tapping it again unpins`, async () => {
    if (env.tapPointer !== "touch") env.note(`taps are sent as pointerType "${env.tapPointer}" (the driver cannot send touch)`);
    // The mouse leaves the widget first: to the page's heading, outside it.
    const away = await gallery.evaluate(() => {
      const r = document.querySelector("h1").getBoundingClientRect();
      return { x: r.left + 5, y: r.top + r.height / 2 };
    });
    const p = await markPoint(gallery, GALLERY, 0, 1);
    await gallery.move(away.x, away.y);
    let n = await eventCount(gallery);
    await gallery.tap(p.x, p.y);
    checkFigure(await nextHover(gallery, n), growth[1], "growth-2019");
    // Pinned: a mouse passing over another bar leaves the tooltip on the tapped figure.
    const other = await markPoint(gallery, GALLERY, 0, 3);
    await gallery.move(other.x, other.y);
    const tip = await tooltip(gallery, GALLERY);
    const last = await gallery.evaluate(() => window.__events.filter((e) => e.type === "hover").at(-1).detail);
    assertEqual(last?.id, growth[1].id, "still the tapped figure");
    assert(tip && tip.includes(growth[1].label.zh), `pinned tooltip: ${tip}`);
    n = await eventCount(gallery);
    await gallery.tap(p.x, p.y);
    await gallery.waitFor((n) => window.__events.slice(n).some((e) => e.type === "hover" && e.detail === null), n);
    assertEqual(await tooltip(gallery, GALLERY), null, "tooltip after the second tap");
  });

  await test("keys: focus, ArrowRight and End announce the first and last figure", async () => {
    await gallery.evaluate((s) => document.querySelector(s).shadowRoot.querySelector(".stage").focus(), GALLERY);
    for (const [key, f] of [["ArrowRight", growth[0]], ["End", growth.at(-1)]]) {
      const n = await eventCount(gallery);
      await gallery.press(key);
      checkFigure(await nextHover(gallery, n), f, "growth-2019");
      const live = await gallery.evaluate((s) => document.querySelector(s).shadowRoot.querySelector("[aria-live]").textContent, GALLERY);
      assert(live.includes(f.label.zh), `announced "${live}" for ${key}`);
    }
  });
}

/** Light → dark → light: every canvas repainted, the dark marks in their colours. */
async function themeFlow(env, gallery, views) {
  const { data, test } = env;
  await test("theme: light → dark → light repaints every canvas's background; dark marks in their colours (en)", async () => {
    const backgrounds = [];
    for (const [theme, lang] of [["dark", "en"], ["light", "zh"]]) {
      const before = await gallery.evaluate(settledCount);
      await gallery.evaluate(([s, theme, lang]) => {
        const w = document.querySelector(s);
        w.setAttribute("lang", lang);
        w.setAttribute("theme", theme);
      }, [GALLERY, theme, lang]);
      await gallery.waitFor(([s, n]) => window.__events.filter((e) => e.type === "ready").length >= n && !document.querySelector(s).hasAttribute("aria-busy"), [GALLERY, before + 1]);
      const problems = [];
      for (let view = 0; view < views; view++) {
        const { drawn, problems: p } = await drawnCorrectly(gallery, data, GALLERY, view);
        backgrounds.push(`${theme} ${drawn.background}`);
        assertEqual(drawn.theme, theme, "resolved theme");
        problems.push(...p);
      }
      assertEqual(problems, [], `${theme} marks`);
    }
    const distinct = new Set(backgrounds);
    assertEqual([...distinct], [`dark ${rgb(PALETTE.dark.background)}`, `light ${rgb(PALETTE.light.background)}`], "backgrounds");
  });
}

/** Narrowed to a phone's width, every chart drawn again; every label fits in this engine's font. */
async function narrowFlows(env, gallery, views) {
  const { data, test } = env;
  await test("narrowed: every chart drawn again at a phone's 320 px, each mark in its figure's colour", async () => {
    // Every canvas's backing store at the new width (CSS px × the screen's ratio).
    const redrawn = ([s, width]) =>
      [...document.querySelector(s).shadowRoot.querySelectorAll("canvas.base")].every((c) => c.width === Math.round(width * devicePixelRatio));
    await gallery.evaluate((s) => (document.querySelector(s).style.width = "320px"), GALLERY);
    await gallery.waitFor(redrawn, [GALLERY, 320]);
    const problems = [];
    for (let view = 0; view < views; view++) problems.push(...(await drawnCorrectly(gallery, data, GALLERY, view)).problems);
    assertEqual(problems, [], "marks at 320 px");
    await noProblems(gallery);
  });

  await test("labels: every label the layout placed fits its box in this engine's font (320/960 px, ×1/×2, 3 datasets, zh/en)", async () => {
    const r = await gallery.evaluate(measureLabels, { url: "/engines/labels.json" });
    assert(r.measured > 1000, `measured ${r.measured} labels`);
    const lines = r.overflows.slice(0, 12).map((o) => `${o.dataset} ${o.chart} ${o.lang} ${o.widthCss}px ×${o.dpr} ${o.font}: ${o.measured} > ${o.box[2]} (x ${o.box[0]} of ${o.widthPx}) "${o.text}"`);
    assert(r.overflows.length === 0, `${r.overflows.length} of ${r.measured} labels overflow:\n${lines.join("\n")}`);
  });
}

/** An editor's dataset: a chart id the code has never heard of, in every form. */
async function formsFlows(env) {
  const { test } = env;
  const editor = await env.open("/index.html");
  try {
    await settled(editor, 1);
    const before = await editor.evaluate(settledCount);
    await editor.evaluate((s) => {
      const w = document.querySelector(s);
      w.setAttribute("theme", "light");
      w.setAttribute("data-src", "/engines/forms.json");
    }, GALLERY);
    await editor.waitFor(([s, n]) => window.__events.filter((e) => e.type === "ready").length >= n && !document.querySelector(s).hasAttribute("aria-busy"), [GALLERY, before + 1]);
    const charts = env.editorData.charts;
    await test("forms: an editor's new chart id in each form is drawn, each mark in its figure's colour", async () => {
      assertEqual([...new Set(charts.map((c) => c.form))].sort(), Object.keys(FORM_DRAWS).sort(), "every form");
      const views = await editor.evaluate((s) => document.querySelector(s).shadowRoot.querySelectorAll("canvas.base").length, GALLERY);
      assertEqual(views, charts.length, "charts drawn");
      const problems = [];
      for (let view = 0; view < views; view++) problems.push(...(await drawnCorrectly(editor, env.editorData, GALLERY, view)).problems);
      assertEqual(problems, [], "marks");
      await noProblems(editor);
    });

    await test("forms: a real pointer over every form's first and last mark answers with a figure of that chart", async () => {
      for (const [view, c] of charts.entries()) {
        for (const mark of [0, -1]) {
          const p = await markPoint(editor, GALLERY, view, mark);
          assertEqual(p.chart, c.id, "the view's chart");
          // Off any mark first: a chart with one mark has the same first and last.
          await editor.move(1, 1);
          const n = await eventCount(editor);
          await editor.move(p.x, p.y);
          const detail = await nextHover(editor, n);
          const f = env.editorData.figures.find((g) => g.id === detail.id);
          assert(f && f.chart === c.id, `${c.id} (${c.form}) mark ${mark}: hover names ${detail.id}`);
          checkFigure(detail, f, c.id);
        }
      }
    });
  } finally {
    await editor.close();
  }
}

/** The article: components between paragraphs, and the iframe. */
async function articleFlows(env) {
  const { data, test } = env;
  const article = await env.open("/article.html");
  try {
    const selectors = await article.evaluate(() =>
      [...document.querySelectorAll("park-infographic")].map((w, i) => {
        w.id ||= `engines-${i}`;
        return `#${w.id}`;
      }),
    );
    await test("article: every component drawn, each mark in its figure's colour", async () => {
      await settled(article, selectors.length);
      const errors = await article.evaluate(() => window.__events.filter((e) => e.type === "error").map((e) => e.detail.message));
      assertEqual(errors, [], "error events");
      const problems = [];
      for (const s of selectors) problems.push(...(await drawnCorrectly(article, data, s, 0)).problems);
      assertEqual(problems, [], "marks");
      await noProblems(article);
    });

    await test("iframe: sizes itself to its document", async () => {
      const initial = await article.evaluate(() => {
        const iframe = document.querySelector("iframe.frame");
        iframe.scrollIntoView({ block: "center" }); // it loads lazily
        return Number(iframe.getAttribute("height"));
      });
      const fitted = await article.waitFor(() => {
        const iframe = document.querySelector("iframe.frame");
        const doc = iframe.contentDocument?.documentElement;
        const ready = iframe.contentWindow?.__events?.some((e) => e.type === "ready");
        const height = iframe.getBoundingClientRect().height;
        return ready && iframe.style.height && doc && Math.abs(height - doc.getBoundingClientRect().height) <= 1 ? height : 0;
      });
      assert(Math.abs(fitted - initial) > 2, `resized from its height attribute ${initial} px (now ${fitted} px)`);
    });
  } finally {
    await article.close();
  }
}

/** The frame page on its own. */
async function frameFlow(env) {
  const { data, test } = env;
  const frame = await env.open("/frame.html?chart=targets-2020&lang=en&theme=dark");
  try {
    await test("frame: the frame page draws its chart, marks in their colours (dark, en)", async () => {
      await settled(frame, 1);
      const { drawn, problems } = await drawnCorrectly(frame, data, "park-infographic", 0);
      assertEqual([drawn.chart, drawn.theme, drawn.lang], ["targets-2020", "dark", "en"], "chart, theme, lang");
      assertEqual(problems, [], "marks");
      await noProblems(frame);
    });
  } finally {
    await frame.close();
  }
}

/** A bad data-src fails soft; a widget's picture stands in until its canvas shows. */
async function dataSrcFlows(env) {
  const { data, test } = env;
  const bad = await env.open("/engines-fail-soft.html");
  try {
    await test("data-src: a missing, malformed, endless or bomb-like file fails soft (message, error event); the neighbour draws", async () => {
      await settled(bad, 8);
      const state = await bad.evaluate(() =>
        ["missing", "broken", "endless", "bomb", "good"].map((id) => {
          const root = document.getElementById(id).shadowRoot;
          const events = window.__events.filter((e) => e.id === id && e.type !== "hover");
          return {
            id,
            events: events.map((e) => e.type),
            message: events[0]?.detail?.message ?? null,
            alert: root.querySelector('[role="alert"]')?.textContent ?? null,
            canvases: root.querySelectorAll("canvas.base").length,
          };
        }),
      );
      const tooLarge = /larger than 512 KB/;
      for (const [s, what] of [[state[0], /missing\.json.*404/], [state[1], /line 1|column|JSON/i], [state[2], tooLarge], [state[3], tooLarge]]) {
        assertEqual(s.events, ["error"], `${s.id}: events`);
        assert(what.test(s.message), `${s.id}: error message "${s.message}"`);
        assert(s.alert?.includes(s.message), `${s.id}: the box shows the message: "${s.alert}"`);
        assertEqual(s.canvases, 0, `${s.id}: canvases`);
      }
      assertEqual(state[4].events, ["ready"], "neighbour events");
      assertEqual((await drawnCorrectly(bad, data, "#good", 0)).problems, [], "neighbour marks");
    });
    await test("picture: a widget's picture shows under its error message (missing or damaged data), and gives way to its canvas", async () => {
      await settled(bad, 8);
      // A drawn canvas shows in a frame of its own once in view (one per frame, page-wide):
      // until then the picture stands over it.
      await bad.evaluate(() => document.getElementById("pictured-good").scrollIntoView());
      await bad.waitFor(function canvasShown() {
        return document.getElementById("pictured-good").shadowRoot.querySelector("canvas.base:not(.pending)");
      });
      const seen = await bad.evaluate(() =>
        ["pictured-bad", "pictured-damaged", "pictured-good"].map((id) => {
          const w = document.getElementById(id);
          const picture = w.querySelector("svg").getBoundingClientRect();
          const alert = w.shadowRoot.querySelector('[role="alert"]')?.getBoundingClientRect();
          const canvas = w.shadowRoot.querySelector("canvas.base");
          return {
            events: window.__events.filter((e) => e.id === id && e.type !== "hover").map((e) => e.type),
            picture: Math.round(picture.height),
            inAlert: alert ? picture.top >= alert.top && picture.bottom <= alert.bottom + 1 : null,
            canvas: canvas ? Math.round(canvas.getBoundingClientRect().height) : 0,
            message: window.__events.find((e) => e.id === id && e.type === "error")?.detail.message ?? "",
          };
        }),
      );
      for (const failed of seen.slice(0, 2)) {
        assertEqual(failed.events, ["error"], "the failing widget's events");
        assertEqual([failed.picture, failed.inAlert], [100, true], "its picture, shown inside the error box");
      }
      assert(/damaged \(checksum\)/.test(seen[1].message), `a damaged file is named so: ${seen[1].message}`);
      assertEqual(seen[2].events, ["ready"], "the drawn widget's events");
      assertEqual(seen[2].picture, 0, "its picture, hidden once the canvas shows");
      assert(seen[2].canvas > 100, `its canvas shown: ${seen[2].canvas} px`);
    });
  } finally {
    await bad.close();
  }
}

/** The editor: an edited value and a pasted table reach the real preview. */
async function editorFlows(env) {
  const { data, test } = env;
  const page = await env.open("/editor.html");
  try {
    await test("editor: a value typed into the table is drawn in the preview; pointer and keys report it", async () => {
      // A clean start whatever this engine's profile kept: the example data, opened.
      await page.waitFor(() => document.body.dataset.ready === "true");
      await page.evaluate(() => {
        document.getElementById("status").textContent = "";
        document.getElementById("open-example").click();
      });
      await page.waitFor(() => /示例/.test(document.getElementById("status").textContent) && document.querySelector("#check .ok"));
      const f = data.figures[0];
      // By the keyboard: focus the value cell, Enter edits, type, Enter keeps it.
      await page.evaluate(() => document.querySelector("#grid tbody tr td.c-value").click());
      await page.press("Enter");
      for (const key of "23.4") await page.press(key);
      await page.press("Enter");
      // The preview redraws as the editor types (one check per frame): wait for the last.
      await page.waitFor(() => {
        const el = document.getElementById("preview-chart");
        return el?.json?.includes('"value": 23.4,') && !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base");
      });
      assertEqual(await page.evaluate(() => document.querySelector("#grid tbody tr td.c-value span").textContent), "23.4", "the cell");
      // The mark, located from the layout the module returns for the preview's (edited) data.
      const p = await previewMark(page, 0);
      let n = await eventCount(page);
      await page.move(p.x, p.y);
      const d = await nextHover(page, n);
      assertEqual([d.chart, d.id, d.label, d.value, d.unit], [f.chart, f.id, f.label.zh, 23.4, f.unit], "pointer hover");
      await page.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector(".stage").focus());
      n = await eventCount(page);
      await page.press("Home");
      assertEqual((await nextHover(page, n)).value, 23.4, "key hover");
      await noProblems(page);
    });
    await test("editor: a table pasted (TSV, a paste event) becomes a chart whose data table says the values as typed", async () => {
      // Start over (asked in the page's dialog), then paste the journalist's table as a
      // spreadsheet's clipboard gives it (WebKit's driver has no clipboard: a paste event).
      await page.evaluate(() => document.getElementById("start-over").click());
      await page.waitFor(() => document.getElementById("ask").open);
      await page.evaluate(() => document.querySelector('#ask button[value="go"]').click());
      await page.waitFor(() => document.querySelectorAll("#grid tbody tr").length === 0);
      const how = await page.evaluate(pasteTable, SUZHOU);
      await page.waitFor(() => {
        const el = document.getElementById("preview-chart");
        return document.querySelector("#check .ok") && el?.json?.includes("18.5亿美元") && !el.hasAttribute("aria-busy") && el.shadowRoot.querySelector("canvas.base");
      });
      if (how !== "ClipboardEvent") env.note(`the paste event: ${how}`);
      assertEqual(await page.evaluate(() => document.querySelectorAll("#grid tbody tr td.unread").length), 0, "every value read");
      assertEqual(await page.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector(".stage").getAttribute("aria-label")), SUZHOU_CAPTION, "the chart's title");
      await page.evaluate(openTable, "#preview-chart");
      assertEqual(await page.waitFor(tableRows, "#preview-chart"), SUZHOU_ROWS, "the data table: label, value as typed");
      // The keys answer with the first row.
      await page.evaluate(() => document.getElementById("preview-chart").shadowRoot.querySelector(".stage").focus());
      const n = await eventCount(page);
      await page.press("Home");
      assertEqual((await nextHover(page, n)).label, SUZHOU_ROWS[0][0], "Home");
      await noProblems(page);
    });
  } finally {
    await page.close();
  }
}

/** A folder the editor published, on a host of its own. */
async function publishedFlow(env) {
  const { test } = env;
  if (!env.published) return;
  await test("editor's published folder: with no CORS header the article shows the chart's picture; with one the live chart says the values as typed", async () => {
    const { chart, plain, cors } = env.published;
    const rows = SUZHOU_ROWS.filter(([, v]) => !v.endsWith("%"));
    const pictured = await env.open(plain);
    try {
      await pictured.waitFor(() => document.readyState === "complete");
      const seen = await pictured.evaluate(() => {
        const w = document.querySelector("park-infographic");
        const svg = w.querySelector(":scope > svg");
        const box = svg.getBoundingClientRect();
        return { label: svg.getAttribute("aria-label"), width: Math.round(box.width), height: Math.round(box.height), defined: Boolean(customElements.get("park-infographic")) };
      });
      assertEqual([seen.label, seen.defined], [SUZHOU_CAPTION, false], "the picture (named by its title), and no live widget without CORS");
      assert(seen.width > 300 && seen.height > 100, `the picture in place: ${JSON.stringify(seen)}`);
    } finally {
      await pictured.close();
    }
    const live = await env.open(cors);
    try {
      await settled(live, 1);
      assertEqual(await live.evaluate(() => window.__events.filter((e) => e.type !== "hover").map((e) => [e.type, e.chart])), [["ready", chart]], "the live chart");
      await live.evaluate(openTable, "park-infographic");
      assertEqual(await live.waitFor(tableRows, "park-infographic"), rows, "its data table: label, value as typed");
      await noProblems(live);
    } finally {
      await live.close();
    }
  });
}

/** Dispatches a paste of `text` (TSV) on the editor's paste zone; says how the event was made. */
function pasteTable(text) {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  let event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
  let how = "ClipboardEvent";
  if (event.clipboardData?.getData("text/plain") !== text) {
    // An engine whose ClipboardEvent constructor drops clipboardData: the same data on the event.
    event = new Event("paste", { bubbles: true, cancelable: true });
    Object.defineProperty(event, "clipboardData", { value: data });
    how = "Event with clipboardData (the engine's ClipboardEvent constructor dropped it)";
  }
  document.getElementById("paste-zone").dispatchEvent(event);
  return how;
}

/** Opens the data table of the widget matching `selector` (it is built at its toggle event). */
function openTable(selector) {
  document.querySelector(selector).shadowRoot.querySelector("details.table summary").click();
}

/** The rows of that data table, [label, value] each, once built (else null). */
function tableRows(selector) {
  const rows = document.querySelector(selector).shadowRoot.querySelectorAll("details.table tbody tr");
  return rows.length ? [...rows].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]) : null;
}

/**
 * Mark `mark` of the editor's preview once the preview stands still: the same point in two
 * lookups in a row (a line of status or a scrollbar appearing above or beside it moves it
 * after it is drawn).
 */
async function previewMark(page, mark) {
  let last = null;
  for (let tries = 0; tries < 50; tries++) {
    const p = await markPoint(page, "#preview-chart", 0, mark);
    if (last && p.x === last.x && p.y === last.y) return p;
    last = p;
  }
  throw new Error("the preview never stood still");
}
