// The web component's behaviour for readers: loading without layout shift, keyboard,
// touch, resizing, pixel ratio and themes. Each test builds its own page from the
// gallery's scripts (so the strict CSP applies) and locates marks from the layout the
// wasm code returns.
import {
  assert,
  assertClean,
  assertEqual,
  backgroundPixel,
  countEvents,
  holdRequests,
  markPoint,
  marks,
  open,
  pngPixels,
  pointOutside,
  settled,
  test,
} from "./harness.mjs";
import { colour } from "../palette.mjs";

/** A page with only the given widgets (attributes as objects), inside a box of `width` px. */
async function page(env, widgets, { width = 480, options = {}, before } = {}) {
  const p = await open(env, null, options);
  await countEvents(p);
  if (before) await before(p);
  await p.goto(`${env.origin}/index.html`);
  await settled(p, 1); // the gallery's own widget
  await p.evaluate(
    ({ widgets, width }) => {
      document.body.replaceChildren();
      window.__settled = 0;
      window.__events = [];
      for (const attrs of widgets) {
        const box = document.createElement("div");
        box.style.width = `${width}px`;
        const w = document.createElement("park-infographic");
        for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
        box.append(w);
        document.body.append(box);
      }
    },
    { widgets, width },
  );
  await settled(p, widgets.length);
  return p;
}

const shadow = (p, selector, fn, arg) =>
  p.evaluate(
    ({ selector, fn, arg }) => {
      const root = document.querySelector("park-infographic").shadowRoot;
      return new Function("root", "arg", `return (${fn})(root.querySelector(${JSON.stringify(selector)}), arg)`)(root, arg);
    },
    { selector, fn: fn.toString(), arg },
  );

const lastHover = (p) => p.evaluate(() => window.__events.filter((e) => e.type === "hover").at(-1)?.detail);

export default async function widget(env) {
  await environmentFailures(env);
  await readerWords(env);
  await loadingAndReady(env);
  await keys(env);
  await touch(env);
  await zoomAndWidth(env);
  await narrowingManyCharts(env);
  await keysWhileRedrawn(env);
  await scrolledIntoView(env);
  await themes(env);
  await accessibleNames(env);
}

/** Loading: the height reserved before the chart comes, then the ready event and a sharp canvas. */
async function loadingAndReady(env) {
  await test("widget: while loading it reserves the height the chart will have", async () => {
    const p = await open(env, null);
    await countEvents(p);
    // Hold the wasm back until the skeleton has been measured.
    const wasm = await holdRequests(p, "**/*.wasm");
    await p.goto(`${env.origin}/index.html`);
    await p.waitForFunction(() => document.querySelector("park-infographic")?.shadowRoot?.querySelector(".skeleton"));
    const before = await p.evaluate(() => document.querySelector("park-infographic").getBoundingClientRect().height);
    assertEqual(await p.evaluate(() => window.__settled), 0, "still loading while measured");
    wasm.release();
    await settled(p, 1);
    const after = await p.evaluate(() => document.querySelector("park-infographic").getBoundingClientRect().height);
    assert(before > 1000, `skeleton reserved ${before}px`);
    // Heights are sampled every 20 px of width: a line may wrap differently in between.
    assert(Math.abs(after - before) <= 40, `height moved from ${before} to ${after}`);
    await assertClean(p);
    await p.close();
  });

  await test("widget: ready event names the chart; backing store is CSS size × pixel ratio", async () => {
    for (const dpr of [1, 2]) {
      const p = await page(env, [{ chart: "growth-2019" }], { options: { deviceScaleFactor: dpr } });
      const ready = await p.evaluate(() => window.__events.find((e) => e.type === "ready").detail);
      assertEqual(ready, { chart: "growth-2019" }, "ready detail");
      const c = await shadow(p, "canvas.base", (c) => ({
        w: c.width,
        h: c.height,
        cssW: c.getBoundingClientRect().width,
        cssH: c.getBoundingClientRect().height,
      }));
      assertEqual(c.w, Math.round(c.cssW * dpr), `backing width at dpr ${dpr}`);
      assert(Math.abs(c.h - c.cssH * dpr) <= 1, `backing height at dpr ${dpr}: ${c.h} vs ${c.cssH}`);
      await assertClean(p);
      await p.close();
    }
  });
}

/** The keyboard: arrow keys between marks, what is announced, Esc. */
async function keys(env) {
  await test("widget: arrow keys move between marks, announce them and Esc clears", async () => {
    const p = await page(env, [{ chart: "growth-2019" }]);
    await shadow(p, ".stage", (s) => s.focus());
    const focused = await p.evaluate(() => document.querySelector("park-infographic").shadowRoot.activeElement?.className);
    assertEqual(focused, "stage", "the chart is focusable");
    const ids = [];
    for (let i = 0; i < 5; i++) {
      await p.keyboard.press("ArrowRight");
      ids.push((await lastHover(p))?.id);
    }
    assertEqual(
      ids,
      ["fai-growth-2019", "industrial-output-growth-2019", "hightech-output-growth-2019", "budget-revenue-growth-2019", "ngit-output-growth-2020q1"],
      "marks in reading order",
    );
    const live = await shadow(p, "[aria-live]", (n) => n.textContent);
    assert(live.includes("11%") && live.includes("2020年一季度"), `announcement: ${live}`);
    await p.keyboard.press("ArrowRight");
    assertEqual((await lastHover(p))?.id, "fai-growth-2019", "wraps to the first mark");
    await p.keyboard.press("End");
    assertEqual((await lastHover(p))?.id, "ngit-output-growth-2020q1", "End");
    await p.keyboard.press("ArrowLeft");
    assertEqual((await lastHover(p))?.id, "budget-revenue-growth-2019", "ArrowLeft");
    // One tooltip shown (embed.js keeps each mark's, and shows one with .on), opaque; the
    // others transparent.
    const tips = await p.evaluate(() =>
      [...document.querySelector("park-infographic").shadowRoot.querySelectorAll(".tooltip")].map((t) => ({
        on: t.classList.contains("on"),
        opacity: getComputedStyle(t).opacity,
        text: t.textContent,
      })),
    );
    const shownTips = tips.filter((t) => t.opacity !== "0");
    assertEqual(shownTips.length, 1, `tooltips on screen: ${JSON.stringify(tips)}`);
    assert(shownTips[0].on && shownTips[0].text.includes("4.5%"), `tooltip: ${JSON.stringify(shownTips[0])}`);
    // The highlight: a ring round the mark where the layout put it (markBox, from a
    // separate handle), 2 px wide and 1 px out, in the light theme's highlight colour
    // (the spec's), as a reader sees it on a screenshot.
    const boxes = await p.evaluate(async () => {
      const w = document.querySelector("park-infographic");
      const canvas = w.shadowRoot.querySelector("canvas.base");
      // The widget's own files: its build's folder, where its stylesheet is.
      const files = w.shadowRoot.querySelector("link").href;
      const m = await import(new URL("pkg/park_infographic.js", files).href);
      const data = m.Data.fromBytes(new Uint8Array(await (await fetch(new URL("data/all.bin", files))).arrayBuffer()));
      const chart = new m.Chart(data, "growth-2019", "zh", "light");
      chart.layOut(canvas.parentElement.clientWidth, devicePixelRatio);
      const [x, y, width, height] = chart.markBox(3);
      chart.free();
      const c = canvas.getBoundingClientRect();
      const r = w.shadowRoot.querySelector(".ring.on").getBoundingClientRect();
      return { mark: { x: c.left + x, y: c.top + y, width, height }, ring: { x: r.left, y: r.top, width: r.width, height: r.height } };
    });
    const { mark, ring } = boxes;
    const near = (a, b) => Math.abs(a - b) <= 1;
    assert(
      near(ring.x, mark.x - 3) && near(ring.y, mark.y - 3) && near(ring.width, mark.width + 6) && near(ring.height, mark.height + 6),
      `the ring surrounds mark 3: ${JSON.stringify(boxes)}`,
    );
    const shot = await p.screenshot();
    const [edge] = await pngPixels(env, shot, [[Math.round(ring.x + 1), Math.round(ring.y + ring.height / 2)]]);
    assert(
      edge.slice(0, 3).every((v, c) => Math.abs(v - colour("light", "highlight")[c]) <= 24),
      `the ring's edge is the highlight colour: rgba(${edge.join(", ")})`,
    );
    await p.keyboard.press("Escape");
    assertEqual(await lastHover(p), null, "Esc sends hover null");
    assert(await shadow(p, ".tooltip.on", (t) => t === null), "tooltip hidden after Esc");
    await assertClean(p);
    await p.close();
  });
}

/** Touch: a tap pins the tooltip, and what dismisses it. */
async function touch(env) {
  await test("widget: a tap pins the tooltip; a tap outside, on the same mark again, or a scroll dismisses it", async () => {
    const p = await page(env, [{ chart: "pipeline-2019" }], { options: { hasTouch: true, isMobile: true, viewport: { width: 390, height: 700 } }, width: 360 });
    const tooltip = () =>
      shadow(p, ".tooltip.on", (t) => {
        if (!t) return { hidden: true };
        const r = t.getBoundingClientRect(); // where the reader sees it
        return { hidden: false, text: t.textContent, left: r.left, top: r.top };
      });
    const point = await markPoint(p, "park-infographic", 0, 1);
    await p.touchscreen.tap(point.x, point.y);
    assertEqual((await lastHover(p))?.id, "projects-under-construction", "tapped mark");
    const pinned = await tooltip();
    assert(!pinned.hidden && pinned.text.includes("46"), `tooltip shown for the tapped mark: ${JSON.stringify(pinned)}`);

    // Outside the widget: a point of the page beside its measured box, not on it.
    const outside = await pointOutside(p, "park-infographic");
    assert(outside, "the page has room beside the widget");
    await p.touchscreen.tap(outside.x, outside.y);
    assert((await tooltip()).hidden, "a tap outside the widget dismisses the tooltip");
    assertEqual(await lastHover(p), null, "and tells the page");

    // Tapping the pinned mark again unpins it.
    await p.touchscreen.tap(point.x, point.y);
    assert(!(await tooltip()).hidden, "shown again");
    await p.touchscreen.tap(point.x, point.y);
    assert((await tooltip()).hidden, "a second tap on the same mark dismisses it");

    // Tapping another mark moves the tooltip to that figure.
    await p.touchscreen.tap(point.x, point.y);
    const other = await markPoint(p, "park-infographic", 0, 4);
    await p.touchscreen.tap(other.x, other.y);
    assertEqual((await lastHover(p))?.id, "major-projects-completed-2019", "the other mark");
    const moved = await tooltip();
    assert(!moved.hidden, "tooltip still shown");
    assert(moved.text !== pinned.text && moved.text.includes("3"), `tooltip shows the other figure: ${moved.text}`);
    assert(moved.top !== pinned.top, `tooltip moved to the other mark: ${pinned.top} → ${moved.top}`);

    await p.evaluate(() => {
      document.body.style.height = "3000px";
      window.scrollBy(0, 50);
    });
    await p.waitForFunction(() => !document.querySelector("park-infographic").shadowRoot.querySelector(".tooltip.on"));
    await assertClean(p);
    await p.close();
  });
}

/** One chart given another pixel ratio or a narrower container. */
async function zoomAndWidth(env) {
  await test("widget: a change of pixel ratio (browser zoom) redraws sharp at the new ratio", async () => {
    const p = await page(env, [{ chart: "growth-2019" }]);
    const backing = () => shadow(p, "canvas.base", (c) => c.width / c.getBoundingClientRect().width);
    assertEqual(await backing(), 1, "ratio 1 at first");
    const cdp = await p.context().newCDPSession(p);
    for (const ratio of [2, 3, 1.25]) {
      await cdp.send("Emulation.setDeviceMetricsOverride", { width: 1000, height: 900, deviceScaleFactor: ratio, mobile: false });
      // Headless Chromium changes devicePixelRatio under emulation but, unlike a real
      // zoom, sends no resize event: send the one a browser would.
      await p.evaluate(() => window.dispatchEvent(new Event("resize")));
      await p.waitForFunction((ratio) => {
        const c = document.querySelector("park-infographic").shadowRoot.querySelector("canvas.base");
        return c.width === Math.round(ratio * c.getBoundingClientRect().width);
      }, ratio);
    }
    await assertClean(p);
    await p.close();
  });

  await test("widget: narrowing the container re-lays the chart out to fit", async () => {
    const p = await page(env, [{ chart: "targets-2020" }], { width: 960 });
    const wide = await shadow(p, "canvas.base", (c) => ({ w: c.getBoundingClientRect().width, h: c.height }));
    await p.evaluate(() => (document.querySelector("park-infographic").parentElement.style.width = "320px"));
    // Wait for the re-layout itself (the backing store), not just CSS shrinking the old one.
    await p.waitForFunction(() => document.querySelector("park-infographic").shadowRoot.querySelector("canvas.base").width === 320);
    const narrow = await shadow(p, "canvas.base", (c) => ({ w: c.getBoundingClientRect().width, h: c.height }));
    assertEqual(wide.w, 960, "wide width");
    assertEqual(narrow.w, 320, "narrow width");
    assert(narrow.h > wide.h, "the narrow layout is taller (labels above bars)");
    // Hover still lands on the right mark after the re-layout.
    const point = await markPoint(p, "park-infographic", 0, 2);
    await p.mouse.move(point.x, point.y);
    assertEqual((await lastHover(p))?.id, "target-projects-20-50yi-2020", "hover after resize");
    await assertClean(p);
    await p.close();
  });
}

/** A page of charts narrowed: which is drawn again first, and print. */
async function narrowingManyCharts(env) {
  await test("widget: narrowing a page of charts redraws one in view first, each as a fresh one; print gets them all", async () => {
    const p = await page(env, [{ chart: "all" }], { width: 960 });
    // The sixth chart at the top of the screen, then the box narrowed to a phone's width:
    // which charts are in view once the narrowing has taken effect (a ResizeObserver of
    // the box, made after the widget's, sees it just after the widget does), and the order
    // in which the canvases are drawn again (each one's backing store gets its new width),
    // with the number of frames that had begun by then.
    const narrowed = (width, then) =>
      p.evaluate(
        ({ width, then }) =>
          new Promise((done) => {
            const canvases = [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("canvas.base")];
            const box = document.querySelector("park-infographic").parentElement;
            const order = [];
            const frames = [];
            let frame = 0;
            const count = () => order.length < canvases.length && (frame++, requestAnimationFrame(count));
            requestAnimationFrame(count);
            new MutationObserver((records) => {
              for (const r of records) {
                if (r.target.width !== width || order.includes(canvases.indexOf(r.target))) continue;
                order.push(canvases.indexOf(r.target));
                frames.push(frame);
              }
              if (then === "order" && order.length === canvases.length) done({ order, inView, frames });
            }).observe(box.firstChild.shadowRoot, { subtree: true, attributeFilter: ["width"] });
            let inView = null;
            const resized = new ResizeObserver(() => {
              if (box.getBoundingClientRect().width !== width) return;
              resized.disconnect();
              inView = canvases.map((c) => {
                const r = c.getBoundingClientRect();
                return r.bottom > 0 && r.top < innerHeight;
              });
              if (then !== "print") return;
              // After the widget's own animation frame, which starts its redraws.
              requestAnimationFrame(() => {
                const at = () => canvases.filter((c) => c.width === width).length;
                const before = at();
                dispatchEvent(new Event("beforeprint"));
                done({ before, after: at() });
                dispatchEvent(new Event("afterprint"));
              });
            });
            resized.observe(box);
            canvases[5].scrollIntoView();
            box.style.width = `${width}px`;
          }),
        { width, then },
      );
    const run = await narrowed(320, "order");
    const seen = run.inView.filter(Boolean).length;
    assert(seen >= 1 && seen <= 5 && !run.inView[0], `some charts in view, not the first, most not: ${JSON.stringify(run)}`);
    // The first one only: after each redraw the widget looks again at what is in view (a
    // chart drawn again for a narrower width grows, and pushes the next ones down).
    assert(run.inView[run.order[0]], `a chart in view was redrawn first: ${JSON.stringify(run)}`);
    // Each in a frame of its own, as first drawings are shown (one canvas per frame for the
    // compositor to take in).
    assertEqual(new Set(run.frames).size, run.frames.length, `one redrawn chart per frame: ${JSON.stringify(run)}`);
    // Each redrawn chart is exactly what a widget drawn at that width from the start shows.
    const differing = await p.evaluate(async () => {
      const box = document.createElement("div");
      box.style.width = "320px";
      const fresh = document.createElement("park-infographic");
      fresh.setAttribute("chart", "all");
      const ready = new Promise((ok) => fresh.addEventListener("infographic:ready", ok, { once: true }));
      box.append(fresh);
      document.body.append(box);
      await ready;
      const pixels = (c) => c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const [old, now] = [...document.querySelectorAll("park-infographic")].map((w) => [...w.shadowRoot.querySelectorAll("canvas.base")]);
      box.remove();
      return old.map((c, i) => {
        if (c.width !== now[i].width || c.height !== now[i].height) return `size ${c.width}×${c.height} vs ${now[i].width}×${now[i].height}`;
        const [a, b] = [pixels(c), pixels(now[i])];
        let n = 0;
        for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) n++;
        return n;
      });
    });
    assertEqual(differing, [0, 0, 0, 0, 0, 0, 0, 0], "bytes differing from a fresh drawing, per chart");
    // Printed before the redraws are through: paper gets every chart at the new width,
    // drawn in the print event itself.
    const printed = await narrowed(400, "print");
    assert(printed.before < 8, `charts were still to redraw when printing began: ${JSON.stringify(printed)}`);
    assertEqual(printed.after, 8, "every chart redrawn for print");
    await assertClean(p);
    await p.close();
  });
}

/** Keys pressed while a chart is being drawn again. */
async function keysWhileRedrawn(env) {
  await test("widget: while a chart is drawn again, a key answers from the drawing shown; then from the new one", async () => {
    const p = await page(env, [{ chart: "growth-2019" }], { width: 960 });
    const r = await p.evaluate(async () => {
      const widget = document.querySelector("park-infographic");
      const box = widget.parentElement;
      const stage = widget.shadowRoot.querySelector(".stage");
      const canvas = stage.querySelector("canvas.base");
      // The first mark's box in the layouts at 960 and at 480 CSS px, from handles of our own.
      // The widget's own files: its build's folder, where its stylesheet is.
      const files = widget.shadowRoot.querySelector("link").href;
      const m = await import(new URL("pkg/park_infographic.js", files).href);
      const data = m.Data.fromBytes(new Uint8Array(await (await fetch(new URL("data/all.bin", files))).arrayBuffer()));
      const boxAt = (width) => {
        const chart = new m.Chart(data, "growth-2019", "zh", "light");
        chart.layOut(width, 1);
        const [x, y, w, h] = chart.markBox(0);
        chart.free();
        return { x, y, w, h, width };
      };
      const [wide, narrow] = [boxAt(960), boxAt(480)];
      // Where the ring shown round the first mark is, relative to the canvas and in the
      // drawing's CSS px (undoing the scale the canvas is shown at); the canvas's backing width.
      const ring = () => {
        stage.dispatchEvent(new KeyboardEvent("keydown", { key: "Home", bubbles: true }));
        const [c, g] = [canvas.getBoundingClientRect(), widget.shadowRoot.querySelector(".ring.on").getBoundingClientRect()];
        const k = c.width / (canvas.width / devicePixelRatio);
        return { x: (g.left - c.left + 3) / k, y: (g.top - c.top + 3) / k, w: (g.width - 6) / k, backing: canvas.width };
      };
      // Narrowed; once the widget has started its redraw (its first step, a new layout, runs
      // in the task before this one: the turns of scheduler.yield come in order).
      const during = await new Promise((done) => {
        const resized = new ResizeObserver(() => {
          resized.disconnect();
          requestAnimationFrame(async () => {
            await scheduler.yield();
            done(ring());
          });
        });
        resized.observe(box);
        box.style.width = "480px";
      });
      await new Promise((done) => {
        const step = () => (canvas.width === 480 ? done() : requestAnimationFrame(step));
        step();
      });
      return { wide, narrow, during, after: ring() };
    });
    const near = (a, b) => Math.abs(a - b) <= 1;
    const over = (ring, mark) => near(ring.x, mark.x) && near(ring.y, mark.y) && near(ring.w, mark.w);
    assertEqual(r.during.backing, 960, `still the old drawing while the redraw is under way: ${JSON.stringify(r)}`);
    assert(!over(r.wide, r.narrow), `the mark moves between the two layouts: ${JSON.stringify(r)}`);
    assert(over(r.during, r.wide), `the highlight is on the mark of the drawing shown: ${JSON.stringify(r)}`);
    assertEqual(r.after.backing, 480, "then the new drawing");
    assert(over(r.after, r.narrow), `and the highlight on its mark: ${JSON.stringify(r)}`);
    await assertClean(p);
    await p.close();
  });
}

/** Charts brought into view together, and print. */
async function scrolledIntoView(env) {
  await test("widget: charts scrolled into view together show one per frame; all of them print", async () => {
    const p = await page(env, [{ chart: "all" }], { width: 480 });
    // What a reader's screen shows, frame by frame: which chart canvases are visible, and
    // which of those lie in the viewport.
    const state = () =>
      p.evaluate(() => {
        const canvases = [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("canvas.base")];
        return canvases.map((c) => {
          const r = c.getBoundingClientRect();
          return { shown: getComputedStyle(c).visibility === "visible", inView: r.bottom > 0 && r.top < innerHeight };
        });
      });
    // The charts in view show within a few frames of the last one drawn.
    await p.waitForFunction(() =>
      [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("canvas.base")].every((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom <= 0 || r.top >= innerHeight || getComputedStyle(c).visibility === "visible";
      }),
    );
    const first = await state();
    assertEqual(first.length, 8, "canvases");
    // Charts below the first screen wait hidden (nothing was handed over for them yet).
    const below = first.filter((c) => !c.inView);
    assert(below.length >= 3 && below.every((c) => !c.shown), `charts out of view are hidden: ${JSON.stringify(first)}`);
    // Jump to the end: several charts come into view in one frame. Record, in every frame,
    // how many canvases became visible, until every canvas in view is.
    const frames = await p.evaluate(
      () =>
        new Promise((done) => {
          const canvases = [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("canvas.base")];
          const shown = () => canvases.filter((c) => getComputedStyle(c).visibility === "visible");
          const inView = (c) => {
            const r = c.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          };
          scrollTo(0, document.documentElement.scrollHeight);
          let before = new Set(shown());
          const counts = [];
          const frame = () => {
            const now = shown();
            counts.push(now.filter((c) => !before.has(c)).length);
            before = new Set(now);
            if (canvases.filter(inView).every((c) => before.has(c))) done({ counts, inView: canvases.filter(inView).length });
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }),
    );
    assert(frames.inView >= 2, `the jump brings several charts into view: ${JSON.stringify(frames)}`);
    assertEqual(Math.max(...frames.counts), 1, `charts shown per frame (${JSON.stringify(frames.counts)})`);
    assertEqual(frames.counts.reduce((a, b) => a + b, 0), frames.inView, "every chart in view is shown");
    // Paper gets every chart, seen or not.
    await p.emulateMedia({ media: "print" });
    assert((await state()).every((c) => c.shown), "every chart visible in print");
    await assertClean(p);
    await p.close();
  });
}

/** The dark theme, set or followed from the page's colour scheme. */
async function themes(env) {
  await test("widget: dark theme and prefers-color-scheme paint a dark chart", async () => {
    const background = (p) => backgroundPixel(p, "park-infographic");
    let p = await page(env, [{ chart: "rankings", theme: "dark" }]);
    assertEqual(await background(p), colour("dark", "background"), "theme=dark");
    await p.evaluate(() => document.querySelector("park-infographic").setAttribute("theme", "light"));
    await p.waitForFunction(() => window.__settled >= 2);
    assertEqual(await background(p), colour("light", "background"), "theme=light");
    await assertClean(p);
    await p.close();
    p = await page(env, [{ chart: "rankings" }], { options: { colorScheme: "dark" } });
    assertEqual(await background(p), colour("dark", "background"), "auto follows the page's dark scheme");
    await assertClean(p);
    await p.close();
  });
}

/** What assistive technology is given: names, descriptions, data tables. */
async function accessibleNames(env) {
  await test("widget: each chart has an accessible name, description and data table", async () => {
    const p = await page(env, [{ chart: "all", lang: "en" }], { width: 700 });
    // Tables are built when first opened: closed, they hold only their summary.
    const closedRows = await p.evaluate(() => document.querySelector("park-infographic").shadowRoot.querySelectorAll("tbody tr").length);
    assertEqual(closedRows, 0, "no table rows before opening");
    await p.evaluate(() => {
      for (const d of document.querySelector("park-infographic").shadowRoot.querySelectorAll("details")) d.open = true;
    });
    await p.waitForFunction(() => document.querySelector("park-infographic").shadowRoot.querySelectorAll("table").length === 8);
    const info = await p.evaluate(() =>
      [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("figure.chart")].map((f) => {
        const stage = f.querySelector(".stage");
        const desc = f.querySelector(`#${stage.getAttribute("aria-describedby")}`);
        return {
          name: stage.getAttribute("aria-label"),
          desc: desc?.textContent ?? "",
          rows: f.querySelectorAll("tbody tr").length,
          tab: stage.tabIndex,
        };
      }),
    );
    assertEqual(info.length, 8, "charts");
    for (const c of info) {
      assert(c.name.length > 5 && /[a-z]/i.test(c.name), `name ${c.name}`);
      assert(c.desc.length > 20, `description of ${c.name}`);
      assert(c.rows >= 5, `table rows of ${c.name}`);
      assertEqual(c.tab, 0, "focusable");
    }
    await assertClean(p);
    await p.close();
  });
}

/** Where the mark of figure `id` is in the only widget's chart (page coordinates). */
async function figurePoint(p, id) {
  return (await marks(p, "park-infographic")).find((m) => m.id === id);
}

async function readerWords(env) {
  await test("widget: a figure the article names without a number answers hover with no value, not 0", async () => {
    const p = await page(env, [{ chart: "parks-2020" }], { width: 640 });
    // 技术创新产业园: the article gives no area for it.
    const at = await figurePoint(p, "tech-innovation-park-area");
    await p.mouse.move(at.x, at.y);
    await p.waitForFunction(() => window.__events.some((e) => e.type === "hover" && e.detail?.id === "tech-innovation-park-area"));
    const detail = await lastHover(p);
    assertEqual([detail.id, detail.value], ["tech-innovation-park-area", null], "the hovered figure and its value");
    await p.close();
  });

  await test("widget: the data table reads each value as the article states it, with its bound word and unit", async () => {
    const p = await page(env, [{ chart: "pipeline-2019" }], { width: 640 });
    await p.evaluate(() => (document.querySelector("park-infographic").shadowRoot.querySelector("details").open = true));
    await p.waitForFunction(() => document.querySelector("park-infographic").shadowRoot.querySelector("tbody tr"));
    const rows = await p.evaluate(() =>
      Object.fromEntries(
        [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("tbody tr")].map((tr) => [
          tr.querySelector("th").textContent,
          tr.querySelector("td").textContent,
        ]),
      ),
    );
    // The article's own words: 签约产业项目39个，总投资规模近300亿元; 在建项目46个，总投资220亿元.
    assertEqual(rows["签约项目总投资"], "近300亿元", "signed investment");
    assertEqual(rows["在建项目（报道时）"], "46个", "projects under way");
    await p.close();
  });
}

export async function environmentFailures(env) {
  for (const [name, setup] of [
    ["WebAssembly is unavailable", (p) => p.addInitScript(() => delete window.WebAssembly)],
    ["the wasm fails to compile", (p) => p.route("**/*.wasm", (r) => r.fulfill({ status: 200, contentType: "application/wasm", body: "not wasm" }))],
  ]) {
    await test(`widget: when ${name}, the fallback image and a message show`, async () => {
      const p = await open(env, null);
      await countEvents(p);
      await setup(p);
      await p.goto(`${env.origin}/frame.html?chart=growth-2019&lang=zh`);
      await settled(p, 1);
      const error = await p.evaluate(() => window.__events.find((e) => e.type === "error")?.detail);
      assert(error?.chart === "growth-2019" && error.message.length > 10, `error event: ${JSON.stringify(error)}`);
      await p.waitForFunction(() => {
        const img = document.querySelector("park-infographic").shadowRoot.querySelector(".error img");
        return img?.complete && img.naturalWidth > 0;
      });
      const text = await p.evaluate(() => document.querySelector("park-infographic").shadowRoot.querySelector(".error").textContent);
      assert(text.includes("图表无法显示"), `message: ${text}`);
      await assertClean(p);
      await p.close();
    });
  }
}
