// The bad-input corpus in the browser. For every tests/corpus/NN-*.json (as data-src) and
// every broken environment (404, HTML, very slow, unknown lang, unknown chart), a page
// holds a valid widget and the bad one: the bad one shows the expected message in its own
// error box (role=alert) and fires infographic:error with it, nothing is thrown uncaught,
// and the valid widget still renders and answers hover. Then the hostile-but-valid data
// (markup in every label, tests/corpus/valid/markup-in-labels.json) renders as text: no
// element is created from it and no handler runs, with and without the page's CSP.
import { readdirSync, readFileSync } from "node:fs";
import { assert, assertEqual, holdRequests, markPoint, test } from "./harness.mjs";

const CORPUS = new URL("../corpus/", import.meta.url);
const MIN_CASES = 30;
// The widget gives up on a data-src after 10 s (DATA_TIMEOUT_MS in embed.js).
const DATA_TIMEOUT_MS = 10000;

function corpusCases() {
  return readdirSync(CORPUS)
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .sort()
    .map((file) => ({
      name: file,
      attrs: { "data-src": `/corpus/${file}` },
      expected: readFileSync(new URL(file.replace(/\.json$/, ".expected"), CORPUS), "utf8").trim(),
    }));
}

const ENVIRONMENT_CASES = [
  { name: "data-src that 404s", attrs: { "data-src": "/corpus/no-such-file.json" }, expected: "no-such-file.json: HTTP 404" },
  { name: "data-src that answers with an HTML page", attrs: { "data-src": "/e2e/html.json" }, expected: "the server sent a web page, not JSON" },
  { name: 'unknown lang="fr"', attrs: { lang: "fr" }, expected: 'unknown lang "fr"; use zh or en' },
  { name: 'unknown chart="pie"', attrs: { chart: "pie" }, expected: 'unknown chart "pie"; known charts: growth-2019' },
  { name: 'unknown lang="fr" with a chart', attrs: { chart: "growth-2019", lang: "fr" }, expected: 'unknown lang "fr"; use zh or en' },
  { name: "unknown chart with markup in it", attrs: { chart: "<img src=x onerror=alert(1)>" }, expected: 'unknown chart "<img src=x onerror=alert(1)>"' },
  { name: "bad data-src with a chart attribute", attrs: { chart: "growth-2019", "data-src": "/corpus/16-negative-count.json" }, expected: "figures[0].value: -39 is negative; a count cannot be" },
];
/** Its request is held unanswered while the page's clock is moved past the widget's limit. */
const SLOW_CASE = {
  name: "data-src that never answers",
  attrs: { "data-src": "/e2e/never.json" },
  expected: "no answer within 10 s",
};

/** A page on the bundle's origin whose body the cases replace; records uncaught errors. */
async function casePage(env, contextOptions, { clock = false } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  // Time stands still on this page until the test moves it (timers fire only then).
  if (clock) {
    await page.clock.install({ time: 0 });
    await page.clock.pauseAt(1000);
  }
  page.uncaught = [];
  page.on("pageerror", (e) => page.uncaught.push(e.message));
  page.failed = [];
  page.on("response", (r) => r.status() >= 400 && page.failed.push(r.url()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  // The harness serves tests/corpus/<file> only; the valid/ files come from disk here.
  await page.route("**/corpus/valid/*.json", (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop();
    try {
      route.fulfill({ contentType: "application/json", body: readFileSync(new URL(`valid/${name}`, CORPUS)) });
    } catch {
      route.fulfill({ status: 404, body: "" });
    }
  });
  await page.goto(`${env.origin}/index.html`);
  page.closeAll = () => context.close();
  return page;
}

/**
 * Replaces the page body with widgets built from `specs` ({id, attrs}); every widget's
 * events are recorded with its id in window.__events. Elements added anywhere (document
 * and each widget's shadow root) are recorded in window.__added.
 */
async function mount(page, specs) {
  await page.evaluate((specs) => {
    window.__events = [];
    window.__added = [];
    for (const o of window.__observers ?? []) o.disconnect();
    window.__observers = [];
    const watch = (root) => {
      const o = new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            for (const e of [n, ...n.querySelectorAll("*")]) {
              const on = [...e.attributes].map((a) => a.name).filter((a) => a.startsWith("on"));
              window.__added.push({ tag: e.localName, on, src: e.getAttribute("src") });
            }
          }
        }
      });
      o.observe(root, { childList: true, subtree: true });
      window.__observers.push(o);
    };
    document.body.replaceChildren();
    watch(document.body);
    for (const { id, attrs } of specs) {
      const w = document.createElement("park-infographic");
      w.id = id;
      for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
      for (const type of ["ready", "error", "hover"]) {
        w.addEventListener(`infographic:${type}`, (e) => window.__events.push({ id, type, detail: e.detail }));
      }
      watch(w.shadowRoot);
      document.body.append(w);
    }
  }, specs);
}

/**
 * Waits until every widget in `ids` has fired ready or error; fails at once on an
 * uncaught page error (a widget that throws may never settle).
 */
async function settledAll(page, ids) {
  let onError;
  const thrown = new Promise((_, reject) => {
    onError = (e) => reject(new Error(`uncaught page error before the widgets settled: ${e.message}`));
    page.on("pageerror", onError);
  });
  try {
    await Promise.race([
      page.waitForFunction(
        (ids) => ids.every((id) => window.__events.some((e) => e.id === id && e.type !== "hover")),
        ids,
      ),
      thrown,
    ]);
  } finally {
    page.off("pageerror", onError);
    thrown.catch(() => {});
  }
}

async function widgetState(page, id) {
  return page.evaluate((id) => {
    const w = document.getElementById(id);
    const box = w.shadowRoot.querySelector(".error");
    const canvases = [...w.shadowRoot.querySelectorAll("canvas.base")].map((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 16) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
      return { w: c.width, h: c.height, ink };
    });
    return {
      events: window.__events.filter((e) => e.id === id).map(({ type, detail }) => ({ type, detail })),
      error: box && { role: box.getAttribute("role"), text: box.textContent, title: box.querySelector("strong")?.textContent },
      canvases,
      busy: w.hasAttribute("aria-busy"),
    };
  }, id);
}

/** The valid widget: rendered, non-blank, and a hover over its first mark reaches the page. */
async function assertGoodWidget(page) {
  const good = await widgetState(page, "good");
  assert(good.events.some((e) => e.type === "ready"), `valid widget not ready: ${JSON.stringify(good.events)}`);
  assert(!good.error, `valid widget shows an error: ${good.error?.text}`);
  assertEqual(good.canvases.length, 1, "valid widget canvases");
  const c = good.canvases[0];
  assert(c.w > 0 && c.h > 100 && c.ink > 500, `valid widget canvas is blank: ${JSON.stringify(c)}`);
  const point = await markPoint(page, "#good", 0, 0);
  await page.mouse.move(1, 1);
  await page.mouse.move(point.x, point.y);
  await page.waitForFunction(
    () => window.__events.some((e) => e.id === "good" && e.type === "hover" && e.detail?.chart === "growth-2019"),
  );
  const hover = (await widgetState(page, "good")).events.findLast((e) => e.type === "hover");
  assertEqual(hover.detail.id, "fai-growth-2019", "hovered figure");
}

/** One bad case: a valid widget first (so it stays in view), the bad one below it. */
async function runCase(page, c, { beforeSettled } = {}) {
  page.uncaught.length = 0;
  page.failed.length = 0;
  await mount(page, [
    { id: "good", attrs: { chart: "growth-2019" } },
    { id: "bad", attrs: c.attrs },
  ]);
  await beforeSettled?.();
  await settledAll(page, ["good", "bad"]);
  const bad = await widgetState(page, "bad");
  const errors = bad.events.filter((e) => e.type === "error");
  assert(!bad.events.some((e) => e.type === "ready"), "the bad widget fired infographic:ready");
  assertEqual(errors.length, 1, "infographic:error events");
  const message = errors[0].detail?.message ?? "";
  assert(message.includes(c.expected), `infographic:error message ${JSON.stringify(message.slice(0, 300))} lacks ${JSON.stringify(c.expected)}`);
  assert(bad.error, "the bad widget shows no .error box");
  assertEqual(bad.error.role, "alert", "error box role");
  assert(bad.error.title, "error box has a title");
  assert(bad.error.text.includes(c.expected), `error box text ${JSON.stringify(bad.error.text.slice(0, 300))} lacks ${JSON.stringify(c.expected)}`);
  assert(!bad.busy, "the bad widget is still aria-busy");
  assertEqual(bad.canvases.length, 0, "the bad widget draws no chart");
  await assertGoodWidget(page);
  assertEqual(page.uncaught, [], "uncaught page errors");
  // The only failed request may be the data-src itself (no fallback image for a chart
  // or language that has none).
  const dataSrc = c.attrs["data-src"] && new URL(c.attrs["data-src"], page.url()).href;
  assertEqual(page.failed.filter((u) => u !== dataSrc), [], "failed requests other than data-src");
  // Markup echoed in a message (e.g. a bad id "<img …>") is text, never elements.
  const made = await page.evaluate(() => window.__added.filter((a) => a.on.length || ["script", "iframe", "object", "embed"].includes(a.tag)));
  assertEqual(made, [], "elements with handlers or scripts created");
}

/**
 * A valid file (hostile or odd, but valid) renders beside the default widget, in Chinese
 * (which every dataset has; English is optional).
 */
async function runValid(page, file) {
  page.uncaught.length = 0;
  await mount(page, [
    { id: "good", attrs: { chart: "growth-2019" } },
    { id: "valid", attrs: { "data-src": `/corpus/valid/${file}`, lang: "zh" } },
  ]);
  await settledAll(page, ["good", "valid"]);
  const valid = await widgetState(page, "valid");
  assert(!valid.error, `valid/${file} shows an error: ${valid.error?.text.slice(0, 300)}`);
  assert(valid.events.some((e) => e.type === "ready"), `valid/${file} not ready`);
  assert(valid.canvases.length > 0 && valid.canvases.every((c) => c.ink > 500), `valid/${file}: blank canvas ${JSON.stringify(valid.canvases)}`);
  await assertGoodWidget(page);
  assertEqual(page.uncaught, [], "uncaught page errors");
}

// Literal in both languages' renderings (labels, derived rule, section title).
const HOSTILE = [
  "<img src=x onerror=window.__pwned=true>",
  "</script><script>window.__pwned=true</script>",
  "<u>",
];
const HOSTILE_BY_LANG = {
  zh: ["增速 <img src=x onerror=window.__pwned=true>", "两项增速。<svg onload=window.__pwned=true>"],
  en: ["Growth <img src=x onerror=window.__pwned=true>", "Two growth rates. <svg onload=window.__pwned=true>"],
};
const MARKUP_TAGS = ["img", "script", "iframe", "svg", "a", "b", "i", "u", "object", "embed"];

async function hostileCase(env, { bypassCSP }) {
  const page = await casePage(env, { bypassCSP });
  try {
    await page.evaluate(() => (window.__pwned = false));
    const src = "/corpus/valid/markup-in-labels.json";
    await mount(page, [
      { id: "hostile-zh", attrs: { "data-src": src, lang: "zh" } },
      { id: "hostile-en", attrs: { "data-src": src, lang: "en", theme: "dark" } },
    ]);
    await settledAll(page, ["hostile-zh", "hostile-en"]);
    const texts = {};
    for (const id of ["hostile-zh", "hostile-en"]) {
      const state = await widgetState(page, id);
      assert(state.events.some((e) => e.type === "ready"), `${id} not ready: ${JSON.stringify(state.events).slice(0, 300)}`);
      assert(state.canvases[0]?.ink > 500, `${id} canvas is blank`);
      // Hover the first mark with the mouse, then step through every mark by keyboard
      // (each step fills the tooltip and the live region), then open the data table.
      const point = await markPoint(page, `#${id}`, 0, 0, { lang: id.slice(-2), dataSrc: src });
      await page.mouse.move(1, 1);
      await page.mouse.move(point.x, point.y);
      await page.waitForFunction((id) => window.__events.some((e) => e.id === id && e.type === "hover" && e.detail), id);
      const tips = [];
      await page.focus(`#${id} .stage`);
      for (let i = 0; i < point.count; i++) {
        await page.keyboard.press("ArrowRight");
        tips.push(await page.$eval(`#${id}`, (w) => w.shadowRoot.querySelector(".tooltip.on").textContent));
      }
      await page.click(`#${id} details.table summary`);
      // The table is built when first opened (on the toggle event).
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector("details.table table"), id);
      texts[id] = { tips, all: await page.$eval(`#${id}`, (w) => w.shadowRoot.textContent) };
      const hover = (await widgetState(page, id)).events.filter((e) => e.type === "hover" && e.detail);
      assert(hover.some((e) => e.detail.label === HOSTILE[0]), `${id}: hover detail.label is not the literal markup`);
    }
    const result = await page.evaluate((tags) => {
      // Every element in the body, through open shadow roots (the head has the bundle's scripts).
      const all = (root) => [...root.querySelectorAll("*")].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
      const elements = all(document.body);
      return {
        pwned: window.__pwned,
        imgs: elements.filter((e) => e.localName === "img").length,
        markup: elements.filter((e) => tags.includes(e.localName)).map((e) => e.outerHTML.slice(0, 80)),
        handlers: elements.filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
        added: window.__added.filter((a) => a.on.length || tags.includes(a.tag)),
        csp: window.__csp,
      };
    }, MARKUP_TAGS);
    assertEqual(result.pwned, false, "window.__pwned (a handler from the data ran)");
    assertEqual(result.imgs, 0, "img elements in the document and shadow roots");
    assertEqual(result.handlers, 0, "elements with on* attributes");
    assertEqual(result.markup, [], "markup elements in the widgets");
    assertEqual(result.added, [], "markup elements ever added");
    if (!bypassCSP) assertEqual(result.csp, [], "CSP violations");
    for (const id of ["hostile-zh", "hostile-en"]) {
      const { tips, all } = texts[id];
      const lang = id.slice(-2);
      assert(tips.some((tip) => tip.includes(HOSTILE[0])), `${id}: no tooltip shows the literal label: ${tips.join(" | ")}`);
      assert(tips.join("\n").includes('"><iframe src=javascript:window.__pwned=true>'), `${id}: tooltip lacks the literal note`);
      for (const s of [...HOSTILE, ...HOSTILE_BY_LANG[lang]]) {
        assert(all.includes(s), `${id}: rendered text lacks ${JSON.stringify(s)}`);
      }
    }
    assertEqual(page.uncaught, [], "uncaught page errors");
  } finally {
    await page.closeAll();
  }
}

export default async function corpus(env) {
  const cases = corpusCases();
  const t0 = performance.now();

  await test(`corpus: at least ${MIN_CASES} bad-input cases`, async () => {
    assert(cases.length >= MIN_CASES, `only ${cases.length} cases in tests/corpus`);
  });

  // The widget's limit on a data-src, on the page's own (controlled) clock: nothing at
  // 10 s less a millisecond, the message at 10 s, while the request is still unanswered.
  await test(`corpus env: ${SLOW_CASE.name}`, async () => {
    const page = await casePage(env, {}, { clock: true });
    try {
      const never = await holdRequests(page, "**/e2e/never.json");
      const requested = page.waitForRequest(/\/e2e\/never\.json$/);
      await runCase(page, SLOW_CASE, {
        beforeSettled: async () => {
          await requested;
          await page.waitForFunction(() => window.__events.some((e) => e.id === "good" && e.type === "ready"));
          await page.clock.runFor(DATA_TIMEOUT_MS - 1);
          const early = await page.evaluate(() => window.__events.filter((e) => e.id === "bad"));
          assertEqual(early, [], "events before the limit");
          await page.clock.runFor(1);
          // From here time flows: the valid widget's hover is answered in an animation frame.
          await page.clock.resume();
        },
      });
      assertEqual(never.held.length, 1, "the request was never answered");
      never.release();
    } finally {
      await page.closeAll();
    }
  });

  // One page for all cases (the body is rebuilt per case); after a failure the page is
  // replaced, so one broken case (e.g. a wasm panic, which poisons the module for every
  // widget on that page) does not fail the cases after it.
  let page = await casePage(env);
  const onPage = (run) => async () => {
    try {
      await run(page);
    } catch (e) {
      await page.closeAll();
      page = await casePage(env);
      throw e;
    }
  };
  try {
    for (const c of cases) await test(`corpus: ${c.name}`, onPage((p) => runCase(p, c)));
    for (const c of ENVIRONMENT_CASES) await test(`corpus env: ${c.name}`, onPage((p) => runCase(p, c)));
    const valid = readdirSync(new URL("valid/", CORPUS)).filter((f) => f.endsWith(".json")).sort();
    for (const f of valid) {
      await test(`corpus valid: ${f} renders beside a valid widget`, onPage((p) => runValid(p, f)));
    }
  } finally {
    await page.closeAll();
  }

  await test("corpus: markup in labels renders as text and never runs (strict CSP)", () =>
    hostileCase(env, { bypassCSP: false }),
  );
  // The CSP would block an inline handler anyway: without it, nothing may run either.
  await test("corpus: markup in labels renders as text and never runs (CSP bypassed)", () =>
    hostileCase(env, { bypassCSP: true }),
  );
  console.log(`corpus: ${cases.length} data cases + ${ENVIRONMENT_CASES.length + 1} environment cases in ${Math.round((performance.now() - t0) / 1000)} s`);
}
