// Embedding in a news page (article.html): components and an iframe side by side under the
// strict CSP, hover, the iframe's height protocol and its message checks, two languages at
// once, attribute changes, removal, the pictures without scripts, and the PNG and CSV downloads.
// Every test opens its own page; marks are located from the layout code (markPoint).
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { BUILD } from "../build.mjs";
import { colour } from "../palette.mjs";
import { assert, assertEqual, backgroundPixel, countEvents, holdRequests, markPoint, marks, open, pointOutside, settled, test } from "./harness.mjs";

const ARTICLE = "/article.html";
/** The <park-infographic> elements article.html holds (the iframe is counted apart). */
const COMPONENTS = 8;
const ZH = 'park-infographic[chart="growth-2019"]:not([lang="en"])';
const EN = 'park-infographic[chart="growth-2019"][lang="en"]';
const CJK = /[\u4e00-\u9fff]/;
/** The built-in data's source: expected titles come from here, not from the code. */
const DEFAULT = JSON.parse(readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8"));

/** The article with every component settled; hover events are recorded with their target. */
async function openArticle(env, options) {
  const page = await open(env, null, options);
  await countEvents(page);
  await page.addInitScript(() => {
    window.__hovers = [];
    document.addEventListener("infographic:hover", (e) =>
      window.__hovers.push({ lang: e.target.getAttribute("lang") || "zh", detail: e.detail }),
    );
  });
  await page.goto(env.origin + ARTICLE, { waitUntil: "domcontentloaded" });
  await settled(page, COMPONENTS);
  return page;
}

/** The iframe embed, scrolled into view (it loads lazily), with its chart settled. */
async function articleFrame(page) {
  const iframe = page.locator("iframe.frame");
  await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForURL(/\/frames\/services-2019\.zh\.html$/);
  await frame.waitForFunction(() => (window.__settled ?? 0) >= 1);
  return frame;
}

/** Per canvas.base of every widget in `target` (page or frame): size and inked samples. */
function canvasStats(target, selector = "park-infographic") {
  return target.evaluate((selector) => {
    return [...document.querySelectorAll(selector)].flatMap((widget) =>
      [...widget.shadowRoot.querySelectorAll("canvas.base")].map((c) => {
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 16) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
        return { chart: widget.getAttribute("chart"), lang: widget.getAttribute("lang"), w: c.width, h: c.height, ink };
      }),
    );
  }, selector);
}

function assertInked(stats, what) {
  for (const s of stats) assert(s.w > 0 && s.h > 100 && s.ink > 500, `${what}: blank canvas ${JSON.stringify(s)}`);
}

/** Sets an attribute on the widget and resolves with its state after the next ready. */
function setAndWait(target, selector, name, value) {
  return target.evaluate(
    ({ selector, name, value }) =>
      new Promise((ok, fail) => {
        const widget = document.querySelector(selector);
        widget.addEventListener(
          "infographic:ready",
          () => {
            const stage = widget.shadowRoot.querySelector(".stage");
            ok({ label: stage.getAttribute("aria-label"), views: widget.shadowRoot.querySelectorAll(".chart").length });
          },
          { once: true },
        );
        widget.addEventListener("infographic:error", (e) => fail(new Error(e.detail.message)), { once: true });
        widget.setAttribute(name, value);
      }),
    { selector, name, value },
  );
}

/** Scrolls the widget's chart to the middle of the viewport (the mouse only reaches it there). */
async function scrollToWidget(page, selector) {
  await page.evaluate((selector) => {
    document.querySelector(selector).shadowRoot.querySelector(".stage").scrollIntoView({ block: "center" });
  }, selector);
}

/** What the layout code says about mark `mark` of the widget: the datum hover must report. */
async function expectedDatum(page, selector, mark, lang = "zh") {
  const { id, label, value, unit } = (await marks(page, selector, { lang }))[mark];
  return { id, label, value, unit };
}

async function lastHover(page) {
  return page.evaluate(() => window.__hovers.at(-1));
}

async function noProblems(page, frame) {
  assertEqual(page.problems, [], "console/page errors");
  assertEqual(await page.evaluate(() => window.__csp), [], "CSP violations on the article");
  if (frame) assertEqual(await frame.evaluate(() => window.__csp), [], "CSP violations in the frame");
}

/** The iframe's height matches its document's once the height message has been applied. */
function iframeFits(page, notHeight = -1) {
  return page.waitForFunction(
    (notHeight) => {
      const iframe = document.querySelector("iframe.frame");
      const doc = iframe.contentDocument?.documentElement;
      const height = iframe.getBoundingClientRect().height;
      if (!doc || !iframe.style.height || Math.abs(height - notHeight) <= 2) return false;
      return Math.abs(height - doc.scrollHeight) <= 2 && Math.abs(height - doc.getBoundingClientRect().height) <= 2
        ? height
        : false;
    },
    notHeight,
  ).then((h) => h.jsonValue());
}

/** Posts each message from the article's own window to the iframe's window. */
function postToFrame(target, messages) {
  return target.evaluate((messages) => {
    const doc = window.parent === window ? document : window.parent.document;
    const frameWindow = (window.opener?.document ?? doc).querySelector("iframe.frame").contentWindow;
    for (const m of messages) frameWindow.postMessage(m, "*");
  }, messages);
}

function frameWidget(frame) {
  return frame.evaluate(() => {
    const widget = document.querySelector("park-infographic");
    return {
      chart: widget.getAttribute("chart"),
      lang: widget.getAttribute("lang"),
      theme: widget.getAttribute("theme") ?? "auto", // no attribute: the default
      label: widget.shadowRoot.querySelector(".stage")?.getAttribute("aria-label") ?? null,
      ready: window.__events.filter((e) => e.type === "ready").length,
      errors: window.__events.filter((e) => e.type === "error").length,
    };
  });
}

export default async function embed(env) {
  await articleRenders(env);
  await articleHover(env);
  await frameHeight(env);
  await frameSetMessages(env);
  await frameAlone(env);
  await articleLanguagesAndAttributes(env);
  await articleRemoval(env);
  await noScript(env);
  await downloads(env);
}

/** The article: every component and the iframe drawn, and its columns at desktop and phone widths. */
async function articleRenders(env) {
  await test("article: every component and the iframe render, without errors or CSP violations", async () => {
    const page = await openArticle(env);
    try {
      const events = await page.evaluate(() => window.__events.filter((e) => e.type !== "hover"));
      assertEqual(events.filter((e) => e.type === "error"), [], "infographic:error events");
      const attributes = await page.evaluate(() =>
        [...document.querySelectorAll("park-infographic")].map((w) => w.getAttribute("chart")).sort(),
      );
      assertEqual(attributes.length, COMPONENTS, "components on the page");
      assertEqual(events.map((e) => e.detail.chart).sort(), attributes, "one ready per component");

      const stats = await canvasStats(page);
      assertEqual(stats.length, COMPONENTS, "one canvas per component");
      assertInked(stats, "article");

      const frame = await articleFrame(page);
      const inFrame = await frameWidget(frame);
      assertEqual([inFrame.chart, inFrame.lang, inFrame.errors], ["services-2019", "zh", 0], "frame widget");
      const frameStats = await canvasStats(frame);
      assertEqual(frameStats.length, 1, "canvases in the frame");
      assertInked(frameStats, "frame");
      await noProblems(page, frame);
    } finally {
      await page.close();
    }
  });

  await test("article: narrow column, sidebar beside it (below on phones), a wide figure that breaks out", async () => {
    const page = await openArticle(env, { viewport: { width: 1100, height: 900 } });
    try {
      const layout = () =>
        page.evaluate(() => {
          const box = (el) => el.getBoundingClientRect();
          const paragraphs = [...document.querySelectorAll(".story-body > p")].map(box);
          const side = box(document.querySelector(".sidebar"));
          const canvases = [...document.querySelectorAll("park-infographic")].map(
            (w) => box(w.shadowRoot.querySelector("canvas.base")).right,
          );
          return {
            column: Math.max(...paragraphs.map((p) => p.width)),
            columnRight: Math.max(...paragraphs.map((p) => p.right)),
            firstTop: paragraphs[0].top,
            lastBottom: paragraphs.at(-1).bottom,
            side: { left: side.left, top: side.top, width: side.width },
            wide: box(document.querySelector(".wide park-infographic")).width,
            viewport: document.documentElement.clientWidth,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            canvasRight: Math.max(...canvases),
          };
        });
      const desk = await layout();
      assert(desk.column >= 560 && desk.column <= 640, `text column ${desk.column} px`);
      assert(desk.side.left >= desk.columnRight + 16, `sidebar beside the column: ${JSON.stringify(desk)}`);
      assert(Math.abs(desk.side.top - desk.firstTop) < 4, `sidebar level with the text: ${JSON.stringify(desk)}`);
      assert(desk.wide > desk.column + 200 && desk.wide <= 960, `wide figure ${desk.wide} px`);
      assertEqual(desk.overflow, 0, "horizontal overflow on a desktop");

      await page.setViewportSize({ width: 390, height: 800 });
      await page.waitForFunction(() =>
        [...document.querySelectorAll("park-infographic")].every(
          (w) => w.shadowRoot.querySelector("canvas.base").getBoundingClientRect().right <= document.documentElement.clientWidth,
        ),
      );
      const phone = await layout();
      assert(phone.column <= phone.viewport - 16, `column on a phone ${phone.column} px`);
      assert(phone.side.top > phone.lastBottom, `sidebar below the text: ${JSON.stringify(phone)}`);
      assert(phone.side.width > phone.viewport - 60, `sidebar full width: ${phone.side.width}`);
      assertEqual(phone.overflow, 0, "horizontal overflow on a phone");
      assertInked(await canvasStats(page), "phone");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });
}

/** Hovering a chart of the article tells the page which figure is under the pointer. */
async function articleHover(env) {
  await test("article: hover fires infographic:hover with the datum under the pointer", async () => {
    const page = await openArticle(env);
    try {
      await scrollToWidget(page, ZH);
      const first = await markPoint(page, ZH, 0, 0);
      assertEqual(first.id, "growth-2019", "chart of the widget");
      await page.mouse.move(first.x, first.y);
      const hover0 = await lastHover(page);
      const expected0 = await expectedDatum(page, ZH, 0);
      assertEqual(hover0?.lang, "zh", "the zh widget answered");
      assertEqual(hover0.detail.chart, "growth-2019", "chart");
      assertEqual(hover0.detail.id, expected0.id, "figure id of mark 0");
      assertEqual(hover0.detail.label, expected0.label, "label of mark 0");
      assertEqual([hover0.detail.id, hover0.detail.value, hover0.detail.unit], ["fai-growth-2019", 17.6, "%"], "datum");

      const second = await markPoint(page, ZH, 0, 1);
      await page.mouse.move(second.x, second.y);
      const hover1 = await lastHover(page);
      const expected1 = await expectedDatum(page, ZH, 1);
      assertEqual(hover1.detail.id, expected1.id, "figure id of mark 1");
      assert(typeof hover1.detail.value === "number", "value is a number");
      assert(hover1.detail.id && hover1.detail.id !== hover0.detail.id, "mark 1 is another figure");

      // Leaving the widget tells the page too.
      const away = await pointOutside(page, ZH);
      assert(away, "room beside the widget");
      await page.mouse.move(away.x, away.y);
      assertEqual((await lastHover(page)).detail, null, "hover cleared on leave");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });
}

/** The iframe's height protocol: it follows its document, and ignores messages it should not obey. */
async function frameHeight(env) {
  await test("iframe: height messages size the iframe to its document, also after a width change", async () => {
    const page = await openArticle(env);
    try {
      const frame = await articleFrame(page);
      const initial = Number(await page.locator("iframe.frame").getAttribute("height"));
      const full = await iframeFits(page);
      assert(full > 100, `fitted height ${full}`);
      assert(Math.abs(full - initial) > 2, `the iframe was resized from its initial ${initial}px`);

      // Narrower: the chart lays out again (taller) and the frame reports it. (The new
      // layout comes a frame after the width: until then the old drawing is scaled down.)
      const laidOutFor = (width) =>
        frame.waitForFunction(
          (width) => document.querySelector("park-infographic").shadowRoot.querySelector("canvas.base").width === width * devicePixelRatio,
          width,
        );
      await page.evaluate(() => (document.querySelector("iframe.frame").style.width = "240px"));
      await laidOutFor(240);
      const narrow = await iframeFits(page, full);
      assert(narrow > full, `narrow frame is taller: ${narrow} vs ${full}`);

      // Opening the data table inside the frame makes it taller still.
      await frame.locator("park-infographic summary").click();
      const open = await iframeFits(page, narrow);
      assert(open > narrow + 50, `table opened: ${open} vs ${narrow}`);
      await frame.locator("park-infographic summary").click();
      await iframeFits(page, open);

      // Back to full width: back to the first height.
      await page.evaluate(() => (document.querySelector("iframe.frame").style.width = ""));
      const back = await iframeFits(page, narrow);
      assert(Math.abs(back - full) <= 2, `back to full width: ${back} vs ${full}`);
      await noProblems(page, frame);
    } finally {
      await page.close();
    }
  });

  await test("iframe: embed-frame.js ignores height messages that are malformed or from other windows", async () => {
    const page = await openArticle(env);
    try {
      const frame = await articleFrame(page);
      await iframeFits(page);
      // Every height the iframe is given from now on.
      await page.evaluate(() => {
        const iframe = document.querySelector("iframe.frame");
        window.__heights = [];
        new MutationObserver(() => window.__heights.push(iframe.style.height)).observe(iframe, {
          attributes: true,
          attributeFilter: ["style"],
        });
      });
      // From the frame: wrong shapes. From the article itself: the right shape, wrong source.
      // Each would set a height of its own (900 + i px) if it were obeyed.
      await frame.evaluate(() => {
        const bad = [
          { type: "park-infographic:height", chart: "services-2019", height: -5 },
          { type: "park-infographic:height", chart: "services-2019", height: 0 },
          { type: "park-infographic:height", chart: "services-2019", height: 20000 },
          { type: "park-infographic:height", chart: "services-2019", height: Infinity },
          { type: "park-infographic:height", chart: "services-2019", height: NaN },
          { type: "park-infographic:height", chart: "services-2019", height: "901" },
          { type: "park-infographic:height", chart: 7, height: 902 },
          { type: "park-infographic:height", height: 903 },
          { type: "other", chart: "services-2019", height: 904 },
          { type: "park-infographic:height", chart: "services-2019", height: [905] },
          "park-infographic:height",
          null,
          [906],
        ];
        for (const m of bad) window.parent.postMessage(m, "*");
      });
      await page.evaluate(() =>
        window.postMessage({ type: "park-infographic:height", chart: "services-2019", height: 907 }, "*"),
      );
      // Then a well-formed message from the frame, as a marker: messages are handled in the
      // order they were posted, so once it is applied every bad one has been handled. (A
      // fractional height rounds up.)
      await frame.evaluate(() =>
        window.parent.postMessage({ type: "park-infographic:height", chart: "services-2019", height: 700.2 }, "*"),
      );
      await page.waitForFunction(() => document.querySelector("iframe.frame").style.height === "701px");
      const heights = await page.evaluate(() => window.__heights);
      assertEqual(heights.filter((h) => /^(-5|0|20000|90\d)px$/.test(h)), [], "heights set from bad messages");
      await noProblems(page, frame);
    } finally {
      await page.close();
    }
  });
}

/** The iframe's set messages: obeyed from its parent only, also when sent as a frame loads. */
async function frameSetMessages(env) {
  await test("iframe: the frame obeys well-formed set messages from its parent only", async () => {
    const page = await openArticle(env);
    try {
      const frame = await articleFrame(page);
      const start = await frameWidget(frame);
      assertEqual([start.lang, start.theme], ["zh", "auto"], "frame starts in zh, auto");

      // Malformed, then a well-formed theme change as a marker: once it is applied, every
      // message posted before it has been handled.
      await postToFrame(page, [
        { type: "park-infographic:set", lang: "fr" },
        { type: "park-infographic:set", lang: "en", extra: 1 },
        { type: "park-infographic:set", lang: "en", theme: "neon" },
        { type: "park-infographic:set", lang: ["en"] },
        { type: "park-infographic:SET", lang: "en" },
        { type: "park-infographic:height", lang: "en" },
        { lang: "en" },
        "park-infographic:set",
        JSON.stringify({ type: "park-infographic:set", lang: "en" }),
        null,
        42,
        [{ type: "park-infographic:set", lang: "en" }],
        { type: "park-infographic:set", theme: "dark" },
      ]);
      await frame.waitForFunction(() => document.querySelector("park-infographic").getAttribute("theme") === "dark");
      assertEqual((await frameWidget(frame)).lang, "zh", "malformed messages changed nothing");

      // Well-formed messages from windows other than the parent.
      const wellFormed = { type: "park-infographic:set", lang: "en" };
      await frame.evaluate((m) => window.postMessage(m, "*"), wellFormed); // the frame itself
      await page.evaluate(() => {
        const other = document.createElement("iframe");
        other.name = "other";
        other.className = "other";
        document.body.append(other);
      });
      const other = page.frame({ name: "other" });
      assert(other, "a second iframe");
      await postToFrame(other, [wellFormed]); // a sibling iframe
      const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate(() => window.open("about:blank"))]);
      await postToFrame(popup, [wellFormed]); // a window the article opened
      await popup.close();
      await postToFrame(page, [{ type: "park-infographic:set", theme: "light" }]);
      await frame.waitForFunction(() => document.querySelector("park-infographic").getAttribute("theme") === "light");
      assertEqual((await frameWidget(frame)).lang, "zh", "messages from other windows changed nothing");

      // The parent's well-formed message switches the language and re-renders.
      const readyBefore = (await frameWidget(frame)).ready;
      await postToFrame(page, [wellFormed]);
      await frame.waitForFunction(
        (n) => window.__events.filter((e) => e.type === "ready").length > n &&
          document.querySelector("park-infographic").getAttribute("lang") === "en",
        readyBefore,
      );
      const end = await frameWidget(frame);
      assertEqual([end.chart, end.lang, end.errors], ["services-2019", "en", 0], "frame switched to English");
      assert(!CJK.test(end.label) && end.label !== start.label, `English title: ${end.label}`);
      assertEqual(await frame.evaluate(() => document.documentElement.lang), "en", "frame document lang");
      assertInked(await canvasStats(frame), "frame in English");
      await iframeFits(page);

      // A message sent the moment a new frame loads (before its chart exists) still counts.
      await page.evaluate(() => {
        const late = document.createElement("iframe");
        late.name = "late";
        late.title = "late";
        late.src = "frame.html?chart=rankings";
        late.addEventListener("load", () =>
          late.contentWindow.postMessage({ type: "park-infographic:set", lang: "en", theme: "dark" }, "*"),
        );
        document.querySelector(".story-body").append(late);
      });
      const late = await (await page.$('iframe[name="late"]')).contentFrame();
      await late.waitForURL(/\/frame\.html\?/);
      await late.waitForFunction(() => window.__events?.some((e) => e.type === "ready" || e.type === "error"));
      await late.waitForFunction(() => {
        const w = document.querySelector("park-infographic");
        return w.getAttribute("lang") === "en" && !w.hasAttribute("aria-busy");
      });
      const lateState = await frameWidget(late);
      assertEqual([lateState.chart, lateState.lang, lateState.theme, lateState.errors], ["rankings", "en", "dark", 0], "early message applied");
      await noProblems(page, frame);
    } finally {
      await page.close();
    }
  });
}

/** frame.html on its own: outside a frame, and narrower than any chart. */
async function frameAlone(env) {
  await test("iframe: frame.html falls back to defaults and does not post when not framed", async () => {
    const page = await open(env);
    try {
      await countEvents(page);
      await page.addInitScript(() => {
        window.__posted = [];
        window.addEventListener("message", (e) => window.__posted.push(e.data));
      });
      await page.goto(`${env.origin}/frame.html?chart=nope&lang=fr&theme=neon`);
      await settled(page, 1);
      const widget = await frameWidget(page);
      assertEqual(
        [widget.chart, widget.lang, widget.theme, widget.errors],
        ["growth-2019", "zh", "auto", 0],
        "defaults for unknown parameters",
      );
      // After two rendering steps (any height the page would post on a resize has been
      // posted by then), the test's message, then a marker: once the marker arrives, the
      // page has handled everything before it (messages arrive in the order posted).
      await page.evaluate(async () => {
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        window.postMessage({ type: "park-infographic:set", lang: "en" }, "*");
        window.postMessage("marker", "*");
      });
      await page.waitForFunction(() => window.__posted.includes("marker"));
      assertEqual(await page.evaluate(() => window.__posted.length), 2, "only the test's own messages");
      assertEqual((await frameWidget(page)).lang, "zh", "a top-level frame has no parent to obey");
      const margins = await page.evaluate(() => {
        const body = getComputedStyle(document.body);
        const width = document.querySelector("park-infographic").getBoundingClientRect().width;
        return [body.marginTop, body.marginLeft, width === document.documentElement.clientWidth];
      });
      assertEqual(margins, ["0px", "0px", true], "full width, no margins");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });

  await test("iframe: a frame narrower than 240 px scales its chart without distorting it", async () => {
    const page = await open(env, null, { viewport: { width: 200, height: 800 } });
    try {
      await countEvents(page);
      await page.goto(`${env.origin}/frame.html?chart=services-2019`);
      await settled(page, 1);
      const box = await page.evaluate(() => {
        const c = document.querySelector("park-infographic").shadowRoot.querySelector("canvas.base");
        const r = c.getBoundingClientRect();
        return { cssW: r.width, cssH: r.height, w: c.width, h: c.height };
      });
      assert(box.cssW <= 200, `fits the frame: ${JSON.stringify(box)}`);
      const shown = box.cssH / box.cssW;
      const drawn = box.h / box.w;
      assert(Math.abs(shown - drawn) < 0.02, `aspect ratio on screen ${shown.toFixed(3)} vs drawn ${drawn.toFixed(3)}`);
      await noProblems(page);
    } finally {
      await page.close();
    }
  });
}

/** One chart in two languages side by side, and a component's lang, theme and chart changed. */
async function articleLanguagesAndAttributes(env) {
  await test("article: one chart in two languages — both render, own titles, own tooltips", async () => {
    const page = await openArticle(env);
    try {
      const stats = await canvasStats(page, 'park-infographic[chart="growth-2019"]');
      assertEqual(stats.map((s) => s.lang), [null, "en"], "both instances");
      assertInked(stats, "growth-2019 twice");
      const titles = await page.evaluate(
        (sels) => sels.map((s) => document.querySelector(s).shadowRoot.querySelector(".stage").getAttribute("aria-label")),
        [ZH, EN],
      );
      assert(CJK.test(titles[0]), `zh title: ${titles[0]}`);
      assert(!CJK.test(titles[1]) && /[A-Za-z]/.test(titles[1]), `en title: ${titles[1]}`);
      assert(titles[0] !== titles[1], "titles differ");

      const tooltip = (sel) =>
        page.evaluate((sel) => {
          const tip = document.querySelector(sel).shadowRoot.querySelector(".tooltip.on");
          return tip ? { hidden: false, text: tip.textContent } : { hidden: true, text: "" };
        }, sel);

      // The zh chart shows mark 0 from the keyboard …
      await scrollToWidget(page, ZH);
      await page.locator(ZH).locator(".stage").focus();
      await page.keyboard.press("Home");
      const zhTip = await tooltip(ZH);
      assert(!zhTip.hidden && CJK.test(zhTip.text), `zh tooltip: ${JSON.stringify(zhTip)}`);
      assertEqual(await tooltip(EN), { hidden: true, text: "" }, "en tooltip before hover");
      const zhHover = await lastHover(page);
      assertEqual([zhHover.lang, zhHover.detail.id], ["zh", "fai-growth-2019"], "zh hover event");

      // … while the pointer hovers the same figure on the English one.
      await scrollToWidget(page, EN);
      const point = await markPoint(page, EN, 0, 0, { lang: "en" });
      await page.mouse.move(point.x, point.y);
      const enTip = await tooltip(EN);
      assert(!enTip.hidden && !CJK.test(enTip.text) && enTip.text.includes("17.6"), `en tooltip: ${JSON.stringify(enTip)}`);
      const enHover = await lastHover(page);
      assertEqual([enHover.lang, enHover.detail.id], ["en", "fai-growth-2019"], "en hover event");
      assert(enHover.detail.label !== zhHover.detail.label, "labels in their own language");
      assertEqual(await tooltip(ZH), zhTip, "the zh tooltip did not change");

      // Moving along the English chart leaves the zh one alone.
      const next = await markPoint(page, EN, 0, 2, { lang: "en" });
      await page.mouse.move(next.x, next.y);
      assert((await tooltip(EN)).text !== enTip.text, "en tooltip follows the pointer");
      assertEqual(await tooltip(ZH), zhTip, "the zh tooltip still did not change");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });

  await test("article: changing lang, theme and chart re-renders the component", async () => {
    const page = await openArticle(env);
    const sel = 'park-infographic[chart="targets-2020"]';
    try {
      const before = await page.evaluate(
        (sel) => document.querySelector(sel).shadowRoot.querySelector(".stage").getAttribute("aria-label"),
        sel,
      );
      assert(CJK.test(before), `zh title: ${before}`);
      const en = await setAndWait(page, sel, "lang", "en");
      assert(!CJK.test(en.label) && en.label !== before, `English title: ${en.label}`);
      assertEqual(en.views, 1, "one chart");
      const buttons = await page.locator(sel).locator("button").allTextContents();
      assertEqual(buttons, ["Download image", "Download data"], "English buttons");

      const light = await backgroundPixel(page, sel);
      await setAndWait(page, sel, "theme", "dark");
      const dark = await backgroundPixel(page, sel);
      // The themes' backgrounds (the spec), also the page's --pi-bg in embed.css.
      assertEqual([light, dark], [colour("light", "background"), colour("dark", "background")], "background with the theme");
      await setAndWait(page, sel, "theme", "light");

      const marksBefore = (await markPoint(page, sel, 0, 0, { lang: "en" })).count;
      const changed = await setAndWait(page, sel, "chart", "innovation-2019");
      const selNow = 'park-infographic[chart="innovation-2019"][lang="en"]';
      assert(changed.label !== en.label && !CJK.test(changed.label), `new title: ${changed.label}`);
      assertInked(await canvasStats(page, selNow), "after chart change");

      // The widget hit-tests the new layout: its last mark is a figure of the new chart.
      await scrollToWidget(page, selNow);
      const last = await markPoint(page, selNow, 0, 0, { lang: "en" });
      assert(last.count !== marksBefore, `mark count ${marksBefore} → ${last.count}`);
      const point = await markPoint(page, selNow, 0, last.count - 1, { lang: "en" });
      await page.mouse.move(point.x, point.y);
      const hover = await lastHover(page);
      const expected = await expectedDatum(page, selNow, last.count - 1, "en");
      assertEqual([hover?.detail?.chart, hover?.detail?.id], ["innovation-2019", expected.id], "hover on the new chart");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });
}

/** Components removed (also while loading) and added back. */
async function articleRemoval(env) {
  await test("article: removing every component throws nothing, and one added again renders", async () => {
    const page = await openArticle(env);
    try {
      // Remove them all, one of them with its tooltip showing.
      await scrollToWidget(page, ZH);
      const point = await markPoint(page, ZH, 0, 0);
      await page.mouse.move(point.x, point.y);
      await page.evaluate(() => {
        window.__removed = [...document.querySelectorAll("park-infographic")];
        for (const w of window.__removed) w.remove();
      });
      assertEqual(await page.locator("park-infographic").count(), 0, "components left");

      // Everything their listeners used to answer: pointer, scroll, resize, theme, zoom.
      await page.mouse.move(point.x + 5, point.y + 5);
      await page.mouse.down();
      await page.mouse.up();
      await page.keyboard.press("Escape");
      await page.mouse.wheel(0, 400);
      await page.setViewportSize({ width: 700, height: 800 });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.evaluate(() => window.gc?.());
      // Resize observations, scroll and media-query changes are delivered in the next
      // rendering steps, before the frames' animation callbacks.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

      // Added and removed while its data was still loading (its styles already applied):
      // when the data arrives it must not draw or fire anything. A witness with the same
      // data-src, added afterwards, marks the moment it would have.
      const held = await holdRequests(page, "**/data/default.json?held");
      const eventsBefore = await page.evaluate(() => window.__events.length);
      const requested = page.waitForRequest(/default\.json\?held$/);
      const src = `${BUILD}/data/default.json?held`;
      await page.evaluate((src) => {
        const w = document.createElement("park-infographic");
        w.setAttribute("chart", "parks-2020");
        w.setAttribute("data-src", src);
        w.addEventListener("infographic:ready", () => (window.__transient = "ready"));
        w.addEventListener("infographic:error", () => (window.__transient = "error"));
        document.querySelector(".story-body").append(w);
        window.__transientWidget = w;
      }, src);
      await requested;
      await page.waitForFunction(() => window.__transientWidget.shadowRoot.querySelector("link").sheet);
      await page.evaluate(() => window.__transientWidget.remove());
      held.release();
      await page.evaluate(
        (src) =>
          new Promise((ok) => {
            const witness = document.createElement("park-infographic");
            witness.setAttribute("chart", "parks-2020");
            witness.setAttribute("data-src", src);
            witness.addEventListener("infographic:ready", () => requestAnimationFrame(() => (witness.remove(), ok())), { once: true });
            document.querySelector(".story-body").append(witness);
          }),
        src,
      );
      assertEqual(await page.evaluate(() => window.__transient ?? null), null, "no event from the widget removed while loading");
      assertEqual(
        await page.evaluate((n) => window.__events.slice(n).filter((e) => e.type !== "hover").map((e) => e.type), eventsBefore),
        ["ready"],
        "the witness's ready only",
      );
      await page.evaluate(() => (window.__transientWidget = null));

      // A removed element put back, and a new one, both render again.
      const readyBefore = await page.evaluate(() => window.__settled);
      const eventsBeforeAgain = await page.evaluate(() => window.__events.length);
      await page.evaluate(() => {
        const again = window.__removed.find((w) => w.getAttribute("chart") === "rankings");
        document.querySelector(".story-body").append(again);
        const fresh = document.createElement("park-infographic");
        fresh.setAttribute("chart", "growth-2019");
        fresh.setAttribute("lang", "en");
        document.querySelector(".story-body").append(fresh);
        window.__removed = null;
      });
      await settled(page, readyBefore + 2);
      const events = await page.evaluate((n) => window.__events.slice(n).filter((e) => e.type !== "hover"), eventsBeforeAgain);
      assertEqual(events.map((e) => e.type), ["ready", "ready"], "both ready");
      const stats = await canvasStats(page);
      assertEqual(stats.map((s) => s.chart).sort(), ["growth-2019", "rankings"], "rendered again");
      assertInked(stats, "re-added");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });
}

/** Without scripts: the pictures every chart carries. */
async function noScript(env) {
  await test("no script: every chart of the article shows its picture, the iframe's too", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
    try {
      const page = await context.newPage();
      const failed = [];
      page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      await page.goto(env.origin + ARTICLE, { waitUntil: "load" });
      // Each element holds its chart's picture, named by the chart's title in its language.
      const pictures = await page.locator("park-infographic").evaluateAll((widgets) =>
        widgets.map((w) => {
          const svg = w.querySelector(":scope > svg");
          const box = svg?.getBoundingClientRect();
          return { chart: w.getAttribute("chart"), lang: w.getAttribute("lang") || "zh", label: svg?.getAttribute("aria-label"), width: box?.width, height: box?.height };
        }),
      );
      const frame = page.frameLocator("iframe.frame").locator("park-infographic > svg");
      const framed = { label: await frame.getAttribute("aria-label"), box: await frame.boundingBox() };
      assertEqual(pictures.length, COMPONENTS, "one picture per component");
      for (const p of pictures) {
        const title = DEFAULT.charts.find((c) => c.id === p.chart).title[p.lang];
        assertEqual(p.label, title, `${p.chart}.${p.lang}: the picture's name`);
        assert(p.width > 200 && p.height > 200, `${p.chart}.${p.lang}: shown ${p.width}×${p.height}`);
      }
      assertEqual(framed.label, DEFAULT.charts.find((c) => c.id === "services-2019").title.zh, "the iframe's picture");
      assert(framed.box.height > 200, `the iframe's picture shown: ${JSON.stringify(framed.box)}`);
      assertEqual(failed, [], "failed requests");
    } finally {
      await context.close();
    }
  });
}

/** The PNG and CSV downloads of a chart of the article. */
async function downloads(env) {
  await test("downloads: PNG at 2× and CSV with BOM and one row per figure", async () => {
    const page = await openArticle(env);
    try {
      const widget = page.locator(ZH);
      await scrollToWidget(page, ZH);
      const cssWidth = await page.evaluate(
        (sel) => document.querySelector(sel).shadowRoot.querySelector("canvas.base").getBoundingClientRect().width,
        ZH,
      );

      const [png] = await Promise.all([page.waitForEvent("download"), widget.locator("button", { hasText: "下载图片" }).click()]);
      assertEqual(png.suggestedFilename(), "growth-2019.zh.png", "PNG file name");
      const bytes = await readFile(await png.path());
      assertEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
      assertEqual(bytes.subarray(12, 16).toString("latin1"), "IHDR", "IHDR chunk");
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      assert(width >= 2 * Math.floor(cssWidth) && height > 200, `PNG ${width}×${height} for a ${cssWidth} px chart`);

      const [csv] = await Promise.all([page.waitForEvent("download"), widget.locator("button", { hasText: "下载数据" }).click()]);
      assertEqual(csv.suggestedFilename(), "growth-2019.zh.csv", "CSV file name");
      const raw = await readFile(await csv.path());
      assertEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
      const text = raw.subarray(3).toString("utf8");
      const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
      // The chart's figures, from the built-in data's source.
      const data = DEFAULT;
      const figures = data.figures.filter((f) => f.chart === "growth-2019").map((f) => f.id);
      assertEqual(figures.length, 5, "figures of growth-2019");
      assertEqual(lines.length, 1 + figures.length, `CSV lines:\n${text}`);
      for (const id of figures) assertEqual(lines.filter((l) => l.includes(id)).length, 1, `one row for ${id}`);
      assert(lines[0].split(",").length >= 3 && !figures.some((id) => lines[0].includes(id)), `header: ${lines[0]}`);
      assert(text.includes("fai-growth-2019") && CJK.test(text), "Chinese text and ids");
      // The table is built when first opened.
      await page.evaluate((sel) => (document.querySelector(sel).shadowRoot.querySelector("details.table").open = true), ZH);
      await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector("details.table tbody"), ZH);
      const tableRows = await page.evaluate(
        (sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details.table tbody tr").length,
        ZH,
      );
      assertEqual(tableRows, figures.length, "data table rows");
      await noProblems(page);
    } finally {
      await page.close();
    }
  });
}
