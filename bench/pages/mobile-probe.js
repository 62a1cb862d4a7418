// The mobile reader's probe (bench/lib/mobile.mjs): added to every document of the measured
// contexts as an init script (Playwright's addInitScript: it runs before the page's own
// scripts, over no network and under no page policy), so the article pages carry no
// instrumentation of their own and download nothing for it. It only observes and tells
// the benchmark on the console; the benchmark reads window.__mobile at the end.
//
//   seen    ours: the first paint that holds the whole picture. Every <text> of the
//           picture gets an `elementtiming` attribute as the parser adds it (a
//           MutationObserver, whose callback runs at the end of the parser's task, before
//           any rendering update); Element Timing then reports each text's first paint
//           (`paintTime`: the rendering update that painted it). The last of these first
//           paints, once every text has reported, is the paint that completes the picture:
//           its paths come before its texts in the SVG, so they are painted by then. (The
//           first contentful paint is kept beside it: the parser yields, and the page may
//           paint its headline and part of the picture before the rest has arrived.)
//           Beside it too, `pictureFrame`: the animation frame after the picture is whole
//           (Chart.js's method), the stand-in in a load where Element Timing leaves texts
//           unreported (seen here on a busy machine: none of the picture's texts reported,
//           not even when the widget lays them out anew in its slot; a paint that was never
//           presented, it seems). The report counts such loads.
//           Chart.js: `bench:ready` (dispatched by chartjs.js after `new Chart`), then the
//           next animation frame (as bench/pages/common.js's first chart).
//   ready   a frame after `infographic:ready` / `bench:ready` the page says `mobile:ready`
//           and the benchmark moves the mouse over a bar (a real input event); from the
//           first trusted pointermove, each frame is checked in a task right after it: the
//           first frame whose callbacks answered (ours: `infographic:hover` naming a
//           figure; Chart.js: its tooltip showing a bar) gives `answer.frame` (its
//           animation-frame time).
//   shifts  every `layout-shift` entry (startTime, value, hadRecentInput).
"use strict";
(() => {
  if (location.pathname.endsWith("/blank.html")) return;
  const now = () => performance.now();
  const MAX_FRAMES = 1200; // a guard against a page that never answers, not a timing
  const m = (window.__mobile = {
    fcp: null,
    pictureWhole: null,
    pictureFrame: null,
    pictureTexts: [],
    pictureTextCount: 0,
    readyEvent: null,
    readyFrame: null,
    move: null,
    answer: null,
    shifts: [],
    hovers: [],
  });

  /** Calls fn(tRaf) in a task right after the next frame (its rendering done). */
  const afterFrame = (fn) =>
    requestAnimationFrame(() => {
      const tRaf = now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(tRaf);
      ch.port2.postMessage(0);
    });

  /** The first contentful paint and every layout shift. */
  function observePage() {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") m.fcp = { startTime: e.startTime, paintTime: e.paintTime ?? null };
    }).observe({ type: "paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.shifts.push({ startTime: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput });
    }).observe({ type: "layout-shift", buffered: true });
  }

  /**
   * The picture's texts, marked for Element Timing as the parser adds them (the observer's
   * callback runs at the end of the parser's task, before any rendering update could paint
   * them): each gets an `element` entry when first painted. A text is reported again when
   * its layout is made anew (once the element is defined and the picture shows in its
   * slot): its first paint is the one kept.
   */
  function observePicture() {
    const firstPaints = new Map(); // element -> paintTime
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier !== "picture" || !e.element || firstPaints.has(e.element)) continue;
        firstPaints.set(e.element, e.paintTime ?? e.renderTime);
        m.pictureTexts = [...firstPaints.values()];
      }
    }).observe({ type: "element", buffered: true });
    const parsed = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.localName === "text" && n.namespaceURI === "http://www.w3.org/2000/svg" && n.closest("park-infographic")) n.setAttribute("elementtiming", "picture");
        }
      }
      // The picture is whole once the parser has added a node after the element.
      const widget = document.querySelector("park-infographic");
      if (widget?.nextSibling) {
        m.pictureWhole = now();
        m.pictureTextCount = widget.querySelectorAll("svg text").length;
        requestAnimationFrame(() => (m.pictureFrame = now()));
        parsed.disconnect();
      }
    });
    parsed.observe(document, { childList: true, subtree: true });
    addEventListener("DOMContentLoaded", () => parsed.disconnect(), { once: true });
  }

  /** The chart drawn (or the widget's error), said on the console a frame later; hovers kept. */
  function watchReady() {
    const onReady = (e) => {
      if (m.readyEvent !== null) return;
      if (e.type === "infographic:error") {
        m.error = e.detail?.message ?? "infographic:error";
        console.log("mobile:error");
        return;
      }
      m.readyEvent = now();
      afterFrame((tRaf) => {
        m.readyFrame = tRaf;
        console.log("mobile:ready");
      });
    };
    for (const type of ["infographic:ready", "bench:ready", "infographic:error"]) document.addEventListener(type, onReady, { capture: true });
    document.addEventListener("infographic:hover", (e) => m.hovers.push({ t: now(), id: e.detail?.id ?? null }), { capture: true });
  }

  /** The answer to the move, as the page shows it: ours' hover event, Chart.js's tooltip. */
  function answered() {
    const hover = m.hovers.find((h) => h.t >= m.move.t && h.id);
    if (hover) return { id: hover.id };
    const canvas = document.querySelector("#chart-box canvas");
    const tooltip = canvas ? window.Chart?.getChart(canvas)?.tooltip : null;
    const active = tooltip?.opacity ? tooltip.getActiveElements() : [];
    return active.length ? { index: active[0].index } : null;
  }

  /** From the first trusted pointer move after ready: the frame that shows the answer. */
  function watchMove() {
    const onMove = (e) => {
      if (!e.isTrusted || m.readyFrame === null || m.move) return;
      m.move = { t: now(), timeStamp: e.timeStamp, pointerType: e.pointerType };
      // Registered before the page's own (this listener is the window's, capturing): in the
      // frame where the page answers, this callback runs first and the check after it.
      let frames = 0;
      const check = (tRaf) => {
        const a = answered();
        if (a) {
          m.answer = { ...a, frame: tRaf, frames };
          // Two more frames: the layout shifts of the answer's frame are reported by then.
          return requestAnimationFrame(() => requestAnimationFrame(() => console.log("mobile:done")));
        }
        if (++frames > MAX_FRAMES) return console.log("mobile:done");
        afterFrame(check);
      };
      afterFrame(check);
    };
    addEventListener("pointermove", onMove, { capture: true });
  }

  observePage();
  observePicture();
  watchReady();
  watchMove();
})();
