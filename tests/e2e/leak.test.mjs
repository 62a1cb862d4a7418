// No leaks: a news page may create and drop widgets for as long as it is open, and readers
// hover, tap and open tables meanwhile. 500 create/use/remove cycles and 500 resizes of a
// live widget, then: no event listener left on window, document, any element (shadow trees
// included) or any media query list; no ResizeObserver still observing; wasm linear memory
// no larger than after warm-up; JS heap growth small.
import { assert, assertClean, assertEqual, markPoint, open, test } from "./harness.mjs";

const CYCLES = 500;
const WARM_UP = 50;
// A widget holds a few canvases, a table and closures: tens of KB. If even 2 KB per cycle
// stayed alive, 500 cycles would leave 1 MB; below that the allocator's own slack and V8's
// code caches dominate, so 1 MB separates "leaks per widget" from noise.
const HEAP_BOUND_BYTES = 1024 * 1024;
const CHARTS = ["targets-2020", "growth-2019"];

/**
 * Instrumentation, not a mock: the real constructors still do the work; the wrappers only
 * count what is being observed and remember (weakly) every media query list handed out.
 */
function instrument() {
  const NativeResizeObserver = window.ResizeObserver;
  window.__observing = 0;
  window.ResizeObserver = class extends NativeResizeObserver {
    #targets = new Set();
    observe(target, options) {
      if (!this.#targets.has(target)) {
        this.#targets.add(target);
        window.__observing++;
      }
      super.observe(target, options);
    }
    unobserve(target) {
      if (this.#targets.delete(target)) window.__observing--;
      super.unobserve(target);
    }
    disconnect() {
      window.__observing -= this.#targets.size;
      this.#targets.clear();
      super.disconnect();
    }
  };
  const nativeMatchMedia = window.matchMedia.bind(window);
  window.__mediaQueries = [];
  window.matchMedia = (query) => {
    const list = nativeMatchMedia(query);
    window.__mediaQueries.push(new WeakRef(list));
    return list;
  };
  // Counters only: a log of events would itself grow the heap.
  window.__ready = 0;
  window.__hovered = 0;
  document.addEventListener("infographic:ready", () => window.__ready++);
  document.addEventListener("infographic:hover", (e) => e.detail && window.__hovered++);
}

/** Collects garbage until it settles (finalizers and weak callbacks run in later tasks). */
async function collect(page) {
  await page.evaluate(async () => {
    const task = () =>
      new Promise((ok) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = ok;
        channel.port2.postMessage(0);
      });
    for (let i = 0; i < 3; i++) {
      window.gc();
      await task();
    }
  });
}

/**
 * Event listeners on window, on document and every node under it (through shadow roots),
 * and on every media query list still alive; and the ResizeObserver observations.
 */
async function handlers(page) {
  await collect(page);
  const cdp = await page.context().newCDPSession(page);
  const count = async (expression, options = {}) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId, ...options });
    return listeners.length;
  };
  const window_ = await count("window");
  const tree = await count("document", { depth: -1, pierce: true });
  const { result } = await cdp.send("Runtime.evaluate", {
    expression: "(window.__liveQueries = window.__mediaQueries.map((r) => r.deref()).filter(Boolean)).length",
    returnByValue: true,
  });
  let mediaQueries = 0;
  for (let i = 0; i < result.value; i++) mediaQueries += await count(`window.__liveQueries[${i}]`);
  await cdp.send("Runtime.evaluate", { expression: "delete window.__liveQueries" });
  await cdp.detach();
  const observing = await page.evaluate(() => window.__observing);
  return { window: window_, tree, mediaQueries, observing };
}

async function measure(page) {
  await collect(page);
  return page.evaluate(async () => {
    // The module the widgets imported (the same URL gives the same instance).
    const url = performance.getEntriesByType("resource").map((e) => e.name).find((n) => n.endsWith("/pkg/park_infographic.js"));
    const m = await import(url);
    const exports = await m.default(); // init is idempotent: the instance's exports
    return { wasm: exports.memory.buffer.byteLength, heap: performance.memory.usedJSHeapSize };
  });
}

export default async function leak(env) {
  await test(`leak: ${CYCLES} create/hover/tap/table/remove cycles and ${CYCLES} resizes leave nothing behind`, async () => {
    const page = await open(env, null, { hasTouch: true, viewport: { width: 1000, height: 900 } });
    await page.addInitScript(instrument);
    await page.goto(`${env.origin}/index.html`);
    await page.waitForFunction(() => window.__ready >= 1);
    await page.evaluate(() => document.body.replaceChildren());
    const base = await handlers(page);
    const points = await readerPoints(page);

    await cycle(page, points, WARM_UP);
    const warm = await measure(page);
    await cycle(page, points, CYCLES);
    const after = await measure(page);
    const left = await handlers(page);
    console.log(
      `     wasm memory ${warm.wasm} → ${after.wasm} bytes; JS heap ${warm.heap} → ${after.heap} bytes ` +
        `(+${after.heap - warm.heap}); handlers ${JSON.stringify(base)} → ${JSON.stringify(left)}`,
    );
    assertEqual(left, base, "listeners and observers left behind");
    assert(after.wasm === warm.wasm, `wasm memory grew: ${warm.wasm} → ${after.wasm}`);
    assert(after.heap - warm.heap < HEAP_BOUND_BYTES, `JS heap grew by ${after.heap - warm.heap} bytes`);

    // Resizing a live widget re-lays it out each time; memory must not creep, and the
    // widget must not gather listeners or observations either.
    await addResizable(page);
    await resize(page, WARM_UP);
    const warmResize = await measure(page);
    const liveHandlers = await handlers(page);
    assert(liveHandlers.tree > base.tree && liveHandlers.observing > base.observing, `the live widget is counted: ${JSON.stringify(liveHandlers)}`);
    const lastWidth = await resize(page, CYCLES);
    const afterResize = await measure(page);
    const afterHandlers = await handlers(page);
    console.log(
      `     resize: wasm memory ${warmResize.wasm} → ${afterResize.wasm}; JS heap +${afterResize.heap - warmResize.heap}; ` +
        `handlers ${JSON.stringify(liveHandlers)} → ${JSON.stringify(afterHandlers)}`,
    );
    assert(lastWidth === 320, `the last resize was applied (${lastWidth})`);
    assertEqual(afterHandlers, liveHandlers, "listeners and observers after resizes");
    assert(afterResize.wasm === warmResize.wasm, `wasm memory grew on resize: ${warmResize.wasm} → ${afterResize.wasm}`);
    assert(afterResize.heap - warmResize.heap < HEAP_BOUND_BYTES, `JS heap grew on resize by ${afterResize.heap - warmResize.heap}`);
    await assertClean(page);
    await page.close();
  });
}

/** Adds one widget of `chart` at the top of the page and waits until it is drawn. */
function add(page, chart) {
  return page.evaluate((chart) => {
    const w = document.createElement("park-infographic");
    w.setAttribute("chart", chart);
    w.setAttribute("lang", "en");
    const ready = new Promise((ok) => w.addEventListener("infographic:ready", ok, { once: true }));
    document.body.append(w);
    return ready;
  }, chart);
}

/**
 * Where to hover, tap and click for each chart: the same at every cycle, since every
 * widget is laid out at the same place and width.
 */
async function readerPoints(page) {
  const points = {};
  for (const chart of CHARTS) {
    await add(page, chart);
    const hover = await markPoint(page, "park-infographic", 0, 0, { lang: "en" });
    const tap = await markPoint(page, "park-infographic", 0, 1, { lang: "en" });
    const summary = await page.evaluate(() => {
      const r = document.querySelector("park-infographic").shadowRoot.querySelector("details.table summary").getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    points[chart] = { hover, tap, summary };
    await page.evaluate(() => document.querySelector("park-infographic").remove());
  }
  return points;
}

/** `n` cycles of a reader's use: a widget added, hovered, tapped, its table opened, removed. */
async function cycle(page, points, n) {
  const before = await page.evaluate(() => ({ hovered: window.__hovered, ready: window.__ready }));
  for (let i = 0; i < n; i++) {
    const chart = CHARTS[i % 2];
    const { hover, tap, summary } = points[chart];
    await add(page, chart);
    await page.mouse.move(hover.x, hover.y); // hover a mark
    await page.touchscreen.tap(tap.x, tap.y); // pin another one by touch
    await page.mouse.click(summary.x, summary.y); // open the data table (unpins)
    // The table is built on the (queued) toggle event: remove the widget once it is.
    await page.waitForFunction(() => {
      const w = document.querySelector("park-infographic");
      if (!w.shadowRoot.querySelector("details.table[open] table")) return false;
      if (w.shadowRoot.querySelector(".tooltip.on")) throw new Error("the tooltip stayed pinned");
      w.remove();
      return true;
    });
  }
  const after = await page.evaluate(() => ({ hovered: window.__hovered, ready: window.__ready }));
  // Every cycle: one ready, a hover by mouse and one by touch.
  assertEqual([after.ready - before.ready, after.hovered - before.hovered], [n, 2 * n], "widgets drawn and marks hovered");
}

/** A live widget of every chart, in a box whose width the resizes change. */
async function addResizable(page) {
  await page.evaluate(async () => {
    const box = document.createElement("div");
    box.id = "box";
    const w = document.createElement("park-infographic");
    w.setAttribute("chart", "all");
    const ready = new Promise((ok) => w.addEventListener("infographic:ready", ok, { once: true }));
    box.append(w);
    document.body.append(box);
    await ready;
  });
}

/** `n` resizes of the box, one a frame; the chart's width after the last. */
function resize(page, n) {
  return page.evaluate(async (n) => {
    const box = document.getElementById("box");
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    for (let i = 0; i < n; i++) {
      box.style.width = `${i % 2 ? 320 : 960}px`;
      await frame();
    }
    const canvas = box.firstChild.shadowRoot.querySelector("canvas.base");
    return canvas.getBoundingClientRect().width;
  }, n);
}
