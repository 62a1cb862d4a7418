// Bugs found by testing from outside, and browsers that lack optional APIs,
// each as a reader would meet it: the live system theme switch, an ad iframe that tried to
// size itself through embed-frame.js, the fallback image under an editor's failed data,
// printing a dark page, and older engines (no findLastIndex, no ResizeObserver, WebKit's
// throwing device-pixel box…), where the chart must still draw. Pixels are read back from
// the canvas; waits are on events and markers, never on time.
import { readFileSync } from "node:fs";
import { CSP, serve } from "../../.ci/serve.mjs";
import { BUILD } from "../build.mjs";
import { colour } from "../palette.mjs";
import { assert, assertEqual, open, test } from "./harness.mjs";

const DEFAULT = JSON.parse(readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8"));
// The canvas background of each theme as the design sets it (the spec, tests/fixtures/palette.json).
const BACKGROUND = { light: colour("light", "background"), dark: colour("dark", "background") };

/**
 * A page on the bundle's origin (so the strict CSP applies) holding only `widgets`
 * ({id, ...attributes}), each in a box `width` px wide (null: the page's width). Every
 * widget event is recorded in window.__events with the widget's id. Resolves once every
 * widget has fired ready or error.
 */
async function mount(env, widgets, { width = 480, options = {}, before } = {}) {
  const p = await open(env, null, options);
  await p.addInitScript(() => {
    // The most common colour of a widget's first chart canvas: its background.
    window.__background = (widget) => {
      const c = widget.shadowRoot.querySelector("canvas.base");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const counts = new Map();
      let best = 0;
      let most = 0;
      for (let i = 0; i < d.length; i += 4) {
        const key = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        if (n > most) [best, most] = [key, n];
      }
      return [(best >> 16) & 255, (best >> 8) & 255, best & 255];
    };
    window.__events = [];
    for (const type of ["ready", "error", "hover"]) {
      document.addEventListener(`infographic:${type}`, (e) => window.__events.push({ id: e.target.id, type, detail: e.detail }));
    }
  });
  if (before) await before(p);
  await p.goto(`${env.origin}/index.html`);
  // The gallery's own widget is replaced (while loading or not) once embed.js has run.
  await p.waitForFunction(() => customElements.get("park-infographic"));
  await p.evaluate(
    ({ widgets, width }) => {
      document.body.replaceChildren();
      window.__events = [];
      for (const { id, ...attrs } of widgets) {
        const box = document.createElement("div");
        if (width) box.style.width = `${width}px`;
        const w = document.createElement("park-infographic");
        w.id = id;
        for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
        box.append(w);
        document.body.append(box);
      }
    },
    { widgets, width },
  );
  await settledIds(p, widgets.map((w) => w.id));
  return p;
}

/** Resolves when every widget in `ids` has fired ready or error. */
function settledIds(p, ids) {
  return unlessPageError(
    p,
    p.waitForFunction((ids) => ids.every((id) => window.__events.some((e) => e.id === id && e.type !== "hover")), ids),
  );
}

/**
 * `promise`, or a failure at the first uncaught page error, including one already thrown
 * (a widget that throws may never settle: say why at once rather than wait in vain).
 */
async function unlessPageError(p, promise) {
  const earlier = p.problems.find((m) => m.startsWith("pageerror"));
  let onError;
  const thrown = new Promise((_, reject) => {
    onError = (e) => reject(new Error(`uncaught page error: ${e.message}`));
    p.on("pageerror", onError);
  });
  try {
    if (earlier) throw new Error(`uncaught page error: ${earlier}`);
    return await Promise.race([promise, thrown]);
  } finally {
    p.off("pageerror", onError);
    thrown.catch(() => {});
    promise.catch(() => {});
  }
}

const eventsOf = (p, id, type) => p.evaluate(({ id, type }) => window.__events.filter((e) => e.id === id && e.type === type), { id, type });

/** The background of the widget's first chart canvas (its most common colour). */
const background = (p, id) => p.evaluate((id) => window.__background(document.getElementById(id)), id);

/** Whether the widget drew a chart: ready, a canvas of real size, and more than one colour on it. */
function drawn(p, id) {
  return p.evaluate((id) => {
    const canvases = [...document.getElementById(id).shadowRoot.querySelectorAll("canvas.base")];
    return {
      ready: window.__events.some((e) => e.id === id && e.type === "ready"),
      error: window.__events.find((e) => e.id === id && e.type === "error")?.detail?.message ?? null,
      charts: canvases.length,
      inked: canvases.every((c) => {
        if (c.width < 100 || c.height < 100) return false;
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 16) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
        return ink > 500;
      }),
    };
  }, id);
}

async function assertDrawn(p, id, what) {
  const state = await drawn(p, id);
  assert(state.ready && !state.error && state.charts > 0 && state.inked, `${what}: ${JSON.stringify(state)}`);
  assertEqual(p.problems, [], `${what}: console and page errors`);
  assertEqual(await p.evaluate(() => window.__csp), [], `${what}: CSP violations`);
}

/**
 * Resolves once a MediaQueryList created now for `query` has seen its next change. The
 * widget's own lists were created before (at load), and lists are told of a change in the
 * order they were created: when this one hears it, the widget has handled it.
 */
async function mediaChangeMarker(p, query) {
  await p.evaluate((query) => {
    window.__mediaChanged = false;
    // Kept on window: a list nothing refers to may be collected, with its listener.
    window.__mediaList = window.matchMedia(query);
    window.__mediaList.addEventListener("change", () => (window.__mediaChanged = true), { once: true });
  }, query);
  return () => p.waitForFunction(() => window.__mediaChanged);
}

export default async function regressions(env) {
  await themeSwitch(env);
  await frameOrigins(env);
  await frameChecks(env);
  await fallbackImages(env);
  await printing(env);
  await missingApis(env);
  await errorStages(env);
  await languageTags(env);
}

/** The lang attribute as pages write it: checked once, by the module, as the data is. */
async function languageTags(env) {
  await test("regression: lang=\"zh-CN\" and lang=\"en-GB\" draw in Chinese and English; \"zh-TW\" is refused by name", async () => {
    const p = await mount(env, [
      { id: "cn", chart: "growth-2019", lang: "zh-CN" },
      { id: "gb", chart: "growth-2019", lang: "en-GB" },
      { id: "tw", chart: "growth-2019", lang: "zh-TW" },
    ]);
    try {
      const outcome = (id) => window.__events.find((e) => e.id === id && e.type !== "hover");
      const [cn, gb, tw] = await Promise.all(["cn", "gb", "tw"].map((id) => p.evaluate(outcome, id)));
      assertEqual([cn.type, gb.type, tw.type], ["ready", "ready", "error"], "drawn, drawn, refused");
      const title = (id) => document.getElementById(id).shadowRoot.querySelector(".stage").getAttribute("aria-label");
      assertEqual(await p.evaluate(title, "cn"), DEFAULT.charts.find((c) => c.id === "growth-2019").title.zh, "Chinese");
      assertEqual(await p.evaluate(title, "gb"), DEFAULT.charts.find((c) => c.id === "growth-2019").title.en, "English");
      assert(/unknown lang "zh-TW"; use zh or en/.test(tw.detail.message), tw.detail.message);
    } finally {
      await p.close();
    }
  });
}

async function themeSwitch(env) {
  await test("regression: theme=auto follows a live light↔dark switch; theme=light is not rebuilt", async () => {
    const p = await mount(
      env,
      [
        { id: "auto", chart: "rankings", theme: "auto" },
        { id: "light", chart: "rankings", theme: "light" },
      ],
      { options: { colorScheme: "light" } },
    );
    try {
      assertEqual(await background(p, "auto"), BACKGROUND.light, "auto under a light system theme");
      await p.evaluate(() => (document.getElementById("light").shadowRoot.querySelector("canvas.base").__original = true));
      let readies = 1;
      for (const scheme of ["dark", "light"]) {
        await p.emulateMedia({ colorScheme: scheme });
        readies++;
        // The auto widget's next ready marks the switch as handled; a ready from the
        // explicit one (the inverted condition rebuilt it instead) ends the wait too.
        await p.waitForFunction(
          (n) =>
            window.__events.filter((e) => e.id === "auto" && e.type === "ready").length >= n ||
            window.__events.filter((e) => e.id === "light" && e.type === "ready").length > 1,
          readies,
        );
        assertEqual((await eventsOf(p, "auto", "ready")).length, readies, `auto redrawn after the switch to ${scheme}`);
        assertEqual(await background(p, "auto"), BACKGROUND[scheme], `auto background after the switch to ${scheme}`);
        assertEqual((await eventsOf(p, "light", "ready")).length, 1, `theme=light rebuilt on the switch to ${scheme}`);
        assertEqual(await background(p, "light"), BACKGROUND.light, `theme=light background after the switch to ${scheme}`);
      }
      const same = await p.evaluate(() => document.getElementById("light").shadowRoot.querySelector("canvas.base").__original === true);
      assert(same, "theme=light keeps its canvas (not rebuilt)");
      assertEqual(p.problems, [], "console and page errors");
    } finally {
      await p.close();
    }
  });
}

/** A news page on a third origin: the bundle's iframe and script, and an ad's iframe. */
async function frameOrigins(env) {
  await test("regression: embed-frame.js resizes only frames of the bundle's origin, not an ad's", async () => {
    const script = (body) => (req, res) => res.writeHead(200, { "content-type": "text/javascript" }).end(body);
    const page = (body) => (req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    const noIcon = (req, res) => res.writeHead(204).end();
    const bundle = env.origin;
    // The ad: a well-formed height message, as a hostile or careless ad could send.
    const ads = await serve(new URL(".", import.meta.url).pathname, 0, {
      routes: {
        "/favicon.ico": noIcon,
        "/ad.html": page('<!doctype html><title>ad</title><script src="ad.js"></script><p>ad</p>'),
        "/ad.js": script('parent.postMessage({ type: "park-infographic:height", chart: "growth-2019", height: 5000 }, "*");'),
      },
    });
    const adOrigin = `http://127.0.0.1:${ads.address().port}`;
    // The host page records every message after embed-frame.js has seen it (listeners run
    // in the order they were added): the record is the marker that a message was handled.
    const news = await serve(new URL(".", import.meta.url).pathname, 0, {
      routes: {
        "/favicon.ico": noIcon,
        "/news.html": page(`<!doctype html><meta charset="utf-8"><title>news</title>
<script src="${bundle}/embed-frame.js"></script>
<script src="/news.js"></script>
<iframe id="ad" src="${adOrigin}/ad.html" width="300" height="250" title="ad"></iframe>
<iframe id="chart" src="${bundle}/frame.html?chart=growth-2019&amp;lang=zh" width="640" height="300" title="chart"></iframe>`),
        "/news.js": script(
          'window.__messages = []; window.addEventListener("message", function (e) { window.__messages.push({ origin: e.origin, data: e.data }); });',
        ),
      },
    });
    const p = await open(env, null);
    try {
      await p.goto(`http://127.0.0.1:${news.address().port}/news.html`);
      await p.waitForFunction((origin) => window.__messages.some((m) => m.origin === origin), adOrigin);
      const ad = await p.evaluate(() => {
        const f = document.getElementById("ad");
        return { style: f.style.height, height: f.clientHeight };
      });
      assertEqual(ad, { style: "", height: 250 }, "the ad's iframe after its height message");
      // The chart's own frame is still sized to the height it reports (the last one).
      const fitted = await p.waitForFunction(
        (origin) => {
          const heights = window.__messages.filter((m) => m.origin === origin && m.data?.type === "park-infographic:height");
          const f = document.getElementById("chart");
          const doc = f.contentDocument; // cross-origin from the news page: null
          return heights.length && !doc && heights.at(-1).data.height > 300 && f.style.height === `${Math.ceil(heights.at(-1).data.height)}px`
            ? f.getBoundingClientRect().height
            : false;
        },
        bundle,
      );
      assert((await fitted.jsonValue()) > 300, "the chart's frame was resized to its report");
      assertEqual(p.problems, [], "console and page errors");
    } finally {
      await p.close();
      await new Promise((ok) => ads.close(ok));
      await new Promise((ok) => news.close(ok));
    }
  });
}

/**
 * Each of embed-frame.js's two checks on its own: the message must come from the bundle's
 * origin (a frame whose src is on it may have been sent elsewhere), and the frame must have
 * a src on that origin (a frame without one has its creator's origin, maybe the bundle's).
 */
async function frameChecks(env) {
  const HEIGHT = { type: "park-infographic:height", chart: "growth-2019", height: 5001 };
  /** Records messages after embed-frame.js has handled them (listeners run in order). */
  const record = (p) => p.evaluate(() => {
    window.__messages = [];
    window.addEventListener("message", (e) => window.__messages.push(e.origin));
  });

  await test("regression: embed-frame.js ignores a frame of the bundle's src that was sent to another origin", async () => {
    const other = await serve(new URL(".", import.meta.url).pathname, 0, {
      routes: {
        "/away.html": (req, res) =>
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>away</title><p>away</p>"),
      },
    });
    const away = `http://127.0.0.1:${other.address().port}`;
    const p = await open(env, null);
    try {
      await p.route(`${env.origin}/e2e/host.html`, (route) =>
        route.fulfill({
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8" },
          body: `<!doctype html><meta charset="utf-8"><title>host</title>
<script src="${env.origin}/embed-frame.js"></script>
<iframe id="f" src="${env.origin}/${BUILD}/favicon.svg" width="300" height="200" title="f"></iframe>`,
        }),
      );
      // The frame's src is on the bundle's origin, but the frame went elsewhere (as any
      // frame may navigate itself): its message comes from the other origin.
      await p.goto(`${env.origin}/e2e/host.html`);
      await record(p);
      const frame = await (await p.$("#f")).contentFrame();
      await frame.goto(`${away}/away.html`);
      await frame.evaluate((m) => parent.postMessage(m, "*"), HEIGHT);
      await p.waitForFunction((o) => window.__messages.includes(o), away);
      assertEqual(await p.evaluate(() => document.getElementById("f").style.height), "", "the frame's height");
    } finally {
      await p.close();
      await new Promise((ok) => other.close(ok));
    }
  });

  await test("regression: embed-frame.js ignores frames without a src (about:blank, srcdoc) on the bundle's origin", async () => {
    const p = await open(env, null);
    try {
      await p.route(`${env.origin}/e2e/blank-frames.html`, (route) =>
        route.fulfill({
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP },
          body: `<!doctype html><meta charset="utf-8"><title>frames</title>
<script src="/embed-frame.js"></script>
<iframe id="blank" width="300" height="200" title="blank"></iframe>
<iframe id="doc" srcdoc="<p>doc</p>" width="300" height="200" title="doc"></iframe>`,
        }),
      );
      await p.goto(`${env.origin}/e2e/blank-frames.html`);
      await record(p);
      for (const id of ["blank", "doc"]) {
        const frame = await (await p.$(`#${id}`)).contentFrame();
        await frame.evaluate((m) => parent.postMessage(m, "*"), HEIGHT);
      }
      // Both came from the bundle's origin (the page's), so the first check let them through.
      await p.waitForFunction((o) => window.__messages.filter((m) => m === o).length === 2, env.origin);
      const heights = await p.evaluate(() => ["blank", "doc"].map((id) => document.getElementById(id).style.height));
      assertEqual(heights, ["", ""], "the frames' heights");
    } finally {
      await p.close();
    }
  });
}

async function fallbackImages(env) {
  const errorBox = (p, id) =>
    p.evaluate((id) => {
      const box = document.getElementById(id).shadowRoot.querySelector(".error");
      const img = box?.querySelector("img");
      return { box: !!box, img: img ? img.src : null };
    }, id);
  await test("regression: an editor's failed data-src shows no built-in figures; fallback-src names the image", async () => {
    const p = await mount(env, [
      { id: "plain", chart: "growth-2019", "data-src": "/corpus/no-such-file.json" },
      { id: "named", chart: "growth-2019", "data-src": "/corpus/16-negative-count.json", "fallback-src": `${BUILD}/favicon.svg` },
    ]);
    try {
      const plain = await errorBox(p, "plain");
      assertEqual(plain, { box: true, img: null }, "failed data-src without fallback-src: message only");
      const named = await errorBox(p, "named");
      assertEqual(named, { box: true, img: `${env.origin}/${BUILD}/favicon.svg` }, "failed data-src with fallback-src");
      await p.waitForFunction(() => {
        const img = document.getElementById("named").shadowRoot.querySelector(".error img");
        return img.complete && img.naturalWidth > 0;
      });
    } finally {
      await p.close();
    }
  });
  await test("regression: built-in data that cannot be drawn still shows its own fallback image", async () => {
    // No WebAssembly: the built-in chart's figures are right for it.
    const p = await mount(env, [{ id: "builtin", chart: "growth-2019" }], { before: (p) => p.addInitScript(() => delete window.WebAssembly) });
    try {
      assertEqual(await errorBox(p, "builtin"), { box: true, img: `${env.origin}/${BUILD}/fallback/growth-2019.zh.svg` }, "built-in fallback");
    } finally {
      await p.close();
    }
  });
}

async function printing(env) {
  await test("regression: a dark-themed chart prints in the light theme, without its controls", async () => {
    const p = await mount(env, [{ id: "dark", chart: "growth-2019", theme: "dark" }]);
    try {
      assertEqual(await background(p, "dark"), BACKGROUND.dark, "on screen");
      // beforeprint: the browser takes its print snapshot right after this event, so the
      // chart must be light by the time the event has been dispatched.
      const during = await p.evaluate(() => {
        window.dispatchEvent(new Event("beforeprint"));
        return window.__background(document.getElementById("dark"));
      });
      assertEqual(during, BACKGROUND.light, "synchronously after beforeprint");
      await p.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      assertEqual(await background(p, "dark"), BACKGROUND.dark, "after printing (afterprint)");

      // A mark highlighted with the keyboard shows its ring on screen; paper gets none.
      await p.evaluate(() => document.getElementById("dark").shadowRoot.querySelector(".stage").focus());
      await p.keyboard.press("ArrowRight");
      const ringShown = () =>
        p.evaluate(() => {
          const ring = document.getElementById("dark").shadowRoot.querySelector(".ring.on");
          return !!ring && getComputedStyle(ring).opacity === "1" && ring.getBoundingClientRect().height > 0;
        });
      assertEqual(await ringShown(), true, "the highlighted mark's ring on screen");

      // Print media as the printer renders it.
      let changed = await mediaChangeMarker(p, "print");
      await p.emulateMedia({ media: "print" });
      await changed();
      assertEqual(await background(p, "dark"), BACKGROUND.light, "under print media");
      const printed = await p.evaluate(() => {
        const root = document.getElementById("dark").shadowRoot;
        const shown = (sel) => {
          const e = root.querySelector(sel);
          return getComputedStyle(e).display !== "none" && e.getBoundingClientRect().height > 0;
        };
        return {
          canvas: shown("canvas.base"),
          tools: shown(".tools"),
          table: shown("details.table"),
          highlight: shown(".ring.on"),
          widgetBackground: getComputedStyle(root.querySelector(".body")).backgroundColor,
        };
      });
      assertEqual(
        printed,
        { canvas: true, tools: false, table: false, highlight: false, widgetBackground: `rgb(${BACKGROUND.light.join(", ")})` },
        "what prints",
      );
      changed = await mediaChangeMarker(p, "print");
      await p.emulateMedia({ media: "screen" });
      await changed();
      assertEqual(await background(p, "dark"), BACKGROUND.dark, "back on screen");
      assertEqual(await eventsOf(p, "dark", "error"), [], "errors");
      assertEqual(p.problems, [], "console and page errors");
    } finally {
      await p.close();
    }
  });
}

/**
 * Engines without an optional API, made in Chromium before embed.js runs. Each must still
 * draw every chart (and where the API had a job, the fallback does it).
 */
const MISSING = [
  {
    name: "WebKit's ResizeObserver (no device-pixel box; the option throws)",
    init: () => {
      delete ResizeObserverEntry.prototype.devicePixelContentBoxSize;
      const observe = ResizeObserver.prototype.observe;
      ResizeObserver.prototype.observe = function (target, options) {
        if (options?.box === "device-pixel-content-box") throw new TypeError("Type error");
        return observe.call(this, target, options);
      };
    },
  },
  {
    name: "a ResizeObserver that throws on the device-pixel box it claims to report",
    init: () => {
      const observe = ResizeObserver.prototype.observe;
      ResizeObserver.prototype.observe = function (target, options) {
        if (options?.box === "device-pixel-content-box") throw new TypeError("Type error");
        return observe.call(this, target, options);
      };
    },
  },
  { name: "no document.fonts", init: () => Object.defineProperty(Document.prototype, "fonts", { get: () => undefined }) },
  { name: "no Array.prototype.findLastIndex", init: () => delete Array.prototype.findLastIndex },
  {
    name: "no ResizeObserver at all",
    init: () => {
      delete window.ResizeObserver;
      delete window.ResizeObserverEntry;
    },
    // The window's resize event stands in: a narrower window re-lays the chart out.
    check: async (p) => {
      const before = await p.evaluate(() => document.getElementById("w").shadowRoot.querySelector("canvas.base").width);
      await p.setViewportSize({ width: 400, height: 900 });
      await p.waitForFunction(
        (before) => {
          const c = document.getElementById("w").shadowRoot.querySelector("canvas.base");
          return c.width !== before && c.width <= 400;
        },
        before,
      );
    },
  },
  {
    name: "no canvas.toBlob",
    init: () => delete HTMLCanvasElement.prototype.toBlob,
    // Download PNG still gives a PNG.
    check: async (p) => {
      const [download] = await unlessPageError(
        p,
        Promise.all([
          p.waitForEvent("download"),
          p.evaluate(() => document.getElementById("w").shadowRoot.querySelector(".tools button").click()),
        ]),
      );
      const path = await download.path();
      const { readFile } = await import("node:fs/promises");
      const bytes = await readFile(path);
      assertEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
      assert(bytes.length > 5000, `PNG of ${bytes.length} bytes`);
    },
  },
  {
    // Safari before 15 ignores `signal` in addEventListener options: listeners bound to
    // an AbortSignal would never be removed. Here every registration on window, document
    // and media-query lists is counted, with the option ignored the same way.
    name: "addEventListener without AbortSignal support (Safari before 15)",
    init: () => {
      const live = []; // [target, type, listener, capture]
      window.__liveListeners = live;
      const counted = (t) => t === window || t === document || t instanceof MediaQueryList;
      const capture = (opts) => (typeof opts === "boolean" ? opts : !!opts?.capture);
      const find = (t, type, fn, opts) => live.findIndex((l) => l[0] === t && l[1] === type && l[2] === fn && l[3] === capture(opts));
      const add = EventTarget.prototype.addEventListener;
      const remove = EventTarget.prototype.removeEventListener;
      EventTarget.prototype.addEventListener = function (type, fn, opts) {
        if (opts && typeof opts === "object" && "signal" in opts) {
          const { signal, ...rest } = opts;
          opts = rest;
        }
        if (counted(this) && fn && find(this, type, fn, opts) < 0) live.push([this, type, fn, capture(opts)]);
        return add.call(this, type, fn, opts);
      };
      EventTarget.prototype.removeEventListener = function (type, fn, opts) {
        const i = find(this, type, fn, opts);
        if (i >= 0) live.splice(i, 1);
        return remove.call(this, type, fn, opts);
      };
    },
    // Removing the widget removes every listener it added on window, document and media queries.
    check: async (p) => {
      const count = () => p.evaluate(() => window.__liveListeners.length);
      const withWidget = await count();
      await p.evaluate(() => document.getElementById("w").remove());
      const without = await count();
      await p.evaluate(() => {
        const w = document.createElement("park-infographic");
        w.id = "again";
        w.setAttribute("chart", "growth-2019");
        document.body.append(w);
      });
      await settledIds(p, ["again"]);
      const again = await count();
      await p.evaluate(() => document.getElementById("again").remove());
      assertEqual(await count(), without, "listeners left after removing a second widget");
      assert(withWidget > without && again === withWidget, `listeners: ${withWidget} with, ${without} without, ${again} again`);
    },
  },
];

async function missingApis(env) {
  for (const c of MISSING) {
    await test(`regression: with ${c.name}, the chart still draws`, async () => {
      const p = await mount(env, [{ id: "w", chart: "growth-2019" }], { width: null, before: (p) => p.addInitScript(c.init) });
      try {
        await assertDrawn(p, "w", c.name);
        if (c.check) await c.check(p);
        assertEqual(p.problems, [], `${c.name}: console and page errors after the check`);
      } finally {
        await p.close();
      }
    });
  }

  await test("regression: with no ResizeObserver, the article's iframe still sizes itself to its chart", async () => {
    const p = await open(env, null);
    try {
      // In every frame: the article's and the iframe's.
      await p.addInitScript(() => {
        delete window.ResizeObserver;
        delete window.ResizeObserverEntry;
      });
      await p.goto(`${env.origin}/article.html`);
      await p.locator("iframe.frame").scrollIntoViewIfNeeded(); // it loads lazily
      await unlessPageError(
        p,
        p.waitForFunction(() => {
          const iframe = document.querySelector("iframe.frame");
          const doc = iframe.contentDocument?.documentElement;
          const drawn = iframe.contentDocument?.querySelector("park-infographic")?.shadowRoot?.querySelector("canvas.base");
          return drawn && iframe.style.height === `${Math.ceil(doc.getBoundingClientRect().height)}px` && doc.getBoundingClientRect().height > 300;
        }),
      );
      assertEqual(p.problems, [], "console and page errors");
    } finally {
      await p.close();
    }
  });
}

/** An error that reaches the reader names the stage that failed, then the detail. */
async function errorStages(env) {
  const cases = [
    {
      name: "a data-src that 404s",
      attrs: { "data-src": "/corpus/no-such-file.json" },
      expect: [/^The data file in data-src could not be loaded\. /, /no-such-file\.json/, /HTTP 404/],
    },
    {
      name: "a data-src with a bad figure",
      attrs: { "data-src": "/corpus/16-negative-count.json" },
      expect: [/^The data file in data-src is not valid\. /, /16-negative-count\.json/, /figures\[0\]\.value: -39 is negative/],
    },
    {
      name: "a canvas that throws while drawing",
      attrs: {},
      init: () => {
        HTMLCanvasElement.prototype.getContext = () => {
          throw new TypeError("Type error");
        };
      },
      expect: [/^The chart "growth-2019" could not be drawn\. \S/],
    },
    {
      // What WebKit's unguarded ResizeObserver option showed readers: a bare "Type error".
      name: "a TypeError thrown while laying the chart out",
      attrs: {},
      init: () => {
        // (Laying out reads the pixel ratio.)
        Object.defineProperty(window, "devicePixelRatio", {
          get() {
            throw new TypeError("Type error");
          },
        });
      },
      expect: [/^The chart "growth-2019" could not be drawn\. TypeError: Type error$/],
    },
    {
      name: "a module that cannot be compiled",
      attrs: {},
      route: (p) => p.route("**/*.wasm", (r) => r.fulfill({ status: 200, contentType: "application/wasm", body: "not wasm" })),
      expect: [/^The chart module \(pkg\/park_infographic_bg\.wasm\) could not be loaded/],
    },
    {
      name: "an unknown lang",
      attrs: { lang: "fr" },
      expect: [/unknown lang "fr"; use zh or en/],
    },
  ];
  for (const c of cases) {
    await test(`regression: the error for ${c.name} names what failed`, async () => {
      const before = async (p) => {
        if (c.init) await p.addInitScript(c.init);
        if (c.route) await c.route(p);
      };
      const p = await mount(env, [{ id: "bad", chart: "growth-2019", ...c.attrs }], { before });
      try {
        const [error] = await eventsOf(p, "bad", "error");
        const message = error?.detail?.message ?? "";
        for (const re of c.expect) assert(re.test(message), `message ${JSON.stringify(message)} does not match ${re}`);
        const shown = await p.evaluate(() => document.getElementById("bad").shadowRoot.querySelector(".error p")?.textContent);
        assertEqual(shown, message, "the box shows the message");
      } finally {
        await p.close();
      }
    });
  }
}
