// No leaks: a news page may create and drop widgets for as long as it is open.
// 500 create/remove cycles and 500 resizes of a live widget, then: no listeners left on
// document/window, wasm linear memory no larger than after warm-up, JS heap growth small.
import { assert, open, settled, countEvents, test } from "./harness.mjs";

const CYCLES = 500;
const WARM_UP = 50;
// A widget holds a few canvases, a table and closures: tens of KB. If even 2 KB per cycle
// stayed alive, 500 cycles would leave 1 MB; below that the allocator's own slack and V8's
// code caches dominate, so 1 MB separates "leaks per widget" from noise.
const HEAP_BOUND_BYTES = 1024 * 1024;

async function listenerCount(page) {
  const cdp = await page.context().newCDPSession(page);
  let total = 0;
  for (const expression of ["window", "document"]) {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    total += listeners.length;
  }
  await cdp.detach();
  return total;
}

async function measure(page) {
  return page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc();
      await new Promise((ok) => setTimeout(ok, 20));
    }
    const m = await import(new URL("pkg/park_infographic.js", document.baseURI).href);
    const exports = await m.default(); // init is idempotent: the instance's exports
    return { wasm: exports.memory.buffer.byteLength, heap: performance.memory.usedJSHeapSize };
  });
}

export default async function leak(env) {
  await test(`leak: ${CYCLES} create/remove cycles and ${CYCLES} resizes leave nothing behind`, async () => {
    const page = await open(env, null);
    await countEvents(page);
    await page.goto(`${env.origin}/index.html`);
    await settled(page, 1);
    await page.evaluate(() => document.body.replaceChildren());
    await page.evaluate(() => window.gc());
    const baseListeners = await listenerCount(page);

    const cycle = (n) =>
      page.evaluate(async (n) => {
        for (let i = 0; i < n; i++) {
          const w = document.createElement("park-infographic");
          w.setAttribute("chart", i % 2 ? "growth-2019" : "targets-2020");
          const ready = new Promise((ok) => w.addEventListener("infographic:ready", ok, { once: true }));
          document.body.append(w);
          await ready;
          w.remove();
        }
      }, n);
    await cycle(WARM_UP);
    const warm = await measure(page);
    await cycle(CYCLES);
    const after = await measure(page);
    const listeners = await listenerCount(page);
    console.log(
      `     wasm memory ${warm.wasm} → ${after.wasm} bytes; JS heap ${warm.heap} → ${after.heap} bytes ` +
        `(+${after.heap - warm.heap}); listeners ${baseListeners} → ${listeners}`,
    );
    assert(listeners === baseListeners, `listeners left behind: ${baseListeners} → ${listeners}`);
    assert(after.wasm === warm.wasm, `wasm memory grew: ${warm.wasm} → ${after.wasm}`);
    assert(after.heap - warm.heap < HEAP_BOUND_BYTES, `JS heap grew by ${after.heap - warm.heap} bytes`);

    // Resizing a live widget re-lays it out each time; memory must not creep either.
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
    const resize = (n) =>
      page.evaluate(async (n) => {
        const box = document.getElementById("box");
        const frame = () => new Promise((ok) => requestAnimationFrame(ok));
        for (let i = 0; i < n; i++) {
          box.style.width = `${i % 2 ? 320 : 960}px`;
          await frame();
        }
        const canvas = box.firstChild.shadowRoot.querySelector("canvas.base");
        return canvas.getBoundingClientRect().width;
      }, n);
    await resize(WARM_UP);
    const warmResize = await measure(page);
    const lastWidth = await resize(CYCLES);
    const afterResize = await measure(page);
    console.log(
      `     resize: wasm memory ${warmResize.wasm} → ${afterResize.wasm}; JS heap +${afterResize.heap - warmResize.heap}`,
    );
    assert(lastWidth === 320, `the last resize was applied (${lastWidth})`);
    assert(afterResize.wasm === warmResize.wasm, `wasm memory grew on resize: ${warmResize.wasm} → ${afterResize.wasm}`);
    assert(afterResize.heap - warmResize.heap < HEAP_BOUND_BYTES, `JS heap grew on resize by ${afterResize.heap - warmResize.heap}`);
    assert(page.problems.length === 0, page.problems.join("\n"));
    await page.close();
  });
}
