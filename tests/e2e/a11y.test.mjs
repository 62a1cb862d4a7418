// Accessibility: axe-core in the real browser on the gallery, the demo article and the
// iframe page, in both languages and both themes: zero violations. Also the behaviours
// axe cannot see: reduced motion respected, touch targets at least 24 px.
import { createRequire } from "node:module";
import { colour } from "../palette.mjs";
import { assert, assertClean, assertEqual, countEvents, holdRequests, open, pngPixels, settled, test } from "./harness.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PAGES = [
  { path: "index.html", widgets: 1 },
  { path: "article.html", widgets: null },
  { path: "frame.html?chart=growth-2019", widgets: 1 },
];

/** Sets every widget's lang and theme and waits for them to re-render. */
async function configure(page, lang, theme) {
  await page.evaluate(
    async ({ lang, theme }) => {
      const widgets = [...document.querySelectorAll("park-infographic")];
      const ready = widgets.map((w) => new Promise((ok) => {
        w.addEventListener("infographic:ready", ok, { once: true });
        w.addEventListener("infographic:error", ok, { once: true });
      }));
      document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
      document.documentElement.dataset.theme = theme;
      for (const w of widgets) {
        w.setAttribute("lang", lang);
        w.setAttribute("theme", theme);
      }
      await Promise.all(ready);
    },
    { lang, theme },
  );
}

export default async function a11y(env) {
  await axePages(env);
  await touchTargets(env);
  await focusRing(env);
  await reducedMotion(env);
}

/** axe-core on each page, in both languages and both themes. */
async function axePages(env) {
  for (const { path, widgets } of PAGES) {
    await test(`a11y: axe finds no violations on ${path} (zh/en × light/dark)`, async () => {
      // axe is injected as a script: allow that one injection past the page's CSP.
      const page = await open(env, null, { bypassCSP: true });
      await countEvents(page);
      await page.goto(`${env.origin}/${path}`);
      const count = widgets ?? (await page.evaluate(() => document.querySelectorAll("park-infographic").length));
      await settled(page, count);
      await page.addScriptTag({ path: AXE });
      for (const lang of ["zh", "en"]) {
        for (const theme of ["light", "dark"]) {
          await configure(page, lang, theme);
          // Open every data table so its contents are audited too.
          await page.evaluate(() => {
            for (const w of document.querySelectorAll("park-infographic"))
              for (const d of w.shadowRoot.querySelectorAll("details")) d.open = true;
          });
          // Tables are built on the toggle event, which is queued: wait for every one.
          await page.waitForFunction(() =>
            [...document.querySelectorAll("park-infographic")].every((w) =>
              [...w.shadowRoot.querySelectorAll("details.table")].every((d) => d.querySelector("table")),
            ),
          );
          const result = await page.evaluate(() =>
            window.axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }),
          );
          const found = result.violations.map(
            (v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`,
          );
          assertEqual(found, [], `axe on ${path} ${lang}/${theme}`);
        }
      }
      assertEqual(page.problems, [], "console errors");
      await page.close();
    });
  }
}

async function touchTargets(env) {
  await test("a11y: touch targets are at least 24 × 24 CSS px", async () => {
    const page = await open(env, `/index.html`);
    await countEvents(page);
    await page.reload();
    await settled(page, 1);
    const small = await page.evaluate(() => {
      const root = document.querySelector("park-infographic").shadowRoot;
      return [...root.querySelectorAll("button, summary, .stage")]
        .map((n) => ({ n: n.className || n.tagName, r: n.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ n, r }) => `${n} ${r.width}×${r.height}`);
    });
    assertEqual(small, [], "targets under 24 px");
    await assertClean(page);
    await page.close();
  });
}

async function focusRing(env) {
  // The ring must be the widget's own (embed.css), not the browser's default, and it must
  // reach the screen around the chart when the reader arrives by keyboard.
  for (const theme of ["light", "dark"]) {
    await test(`a11y: keyboard focus draws the widget's own focus ring around the chart (${theme})`, async () => {
      const page = await open(env, null, { viewport: { width: 800, height: 700 } });
      await countEvents(page);
      await page.goto(`${env.origin}/index.html`);
      await settled(page, 1);
      await page.evaluate((theme) => {
        document.body.replaceChildren();
        window.__settled = 0;
        const w = document.createElement("park-infographic");
        w.setAttribute("chart", "growth-2019");
        w.setAttribute("theme", theme);
        // A plain focusable element before it, without the widget's styles: the
        // browser's default ring, for comparison.
        const plain = document.createElement("div");
        plain.tabIndex = 0;
        plain.id = "plain";
        plain.textContent = "before";
        document.body.append(plain, w);
      }, theme);
      await settled(page, 1);
      // By keyboard, as a reader does: Tab onto the plain element, then onto the chart.
      await page.keyboard.press("Tab");
      const browserDefault = await page.evaluate(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return el.id === "plain" ? { style: s.outlineStyle, color: s.outlineColor, width: s.outlineWidth, shadow: s.boxShadow } : null;
      });
      assert(browserDefault, "Tab reached the plain element first");
      await page.keyboard.press("Tab");
      const stage = await page.evaluate(() => {
        const el = document.querySelector("park-infographic").shadowRoot.activeElement;
        if (el?.className !== "stage") return null;
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        const ring = { style: s.outlineStyle, color: s.outlineColor, width: s.outlineWidth, shadow: s.boxShadow };
        return { ring, box: { x: r.x, y: r.y, w: r.width, h: r.height } };
      });
      assert(stage, "Tab reached the chart");
      // The focus ring is the light theme's primary blue in either theme (embed.css).
      const blue = `rgb(${colour("light", "primary").join(", ")})`;
      assertEqual(stage.ring, { style: "solid", color: blue, width: "3px", shadow: "none" }, "the widget's ring");
      assert(JSON.stringify(stage.ring) !== JSON.stringify(browserDefault), `differs from the browser default ${JSON.stringify(browserDefault)}`);

      // On screen: the ring's colour on all four sides of the chart, which here spans the
      // whole window (the gallery's body has no margin), as in frame.html or on a phone.
      const { x, y, w, h } = stage.box;
      assert(x <= 0 && x + w >= 800, `the chart spans the window: ${JSON.stringify(stage.box)}`);
      const dpr = await page.evaluate(() => window.devicePixelRatio);
      const sides = {
        left: [x + 1.5, y + h / 2],
        right: [x + w - 1.5, y + h / 2],
        top: [x + w / 2, y + 1.5],
        bottom: [x + w / 2, y + h - 1.5],
      };
      const points = Object.values(sides).map(([px, py]) => [Math.floor(px * dpr), Math.floor(py * dpr)]);
      const pixels = await pngPixels(env, await page.screenshot(), points);
      const far = (p) => Math.max(...colour("light", "primary").map((v, c) => Math.abs(p[c] - v)));
      const off = Object.keys(sides)
        .map((side, i) => [side, pixels[i]])
        .filter(([, p]) => far(p) > 8)
        .map(([side, p]) => `${side} ${p.slice(0, 3)}`);
      assertEqual(off, [], "ring pixels that are not the ring's colour");
      await assertClean(page);
      await page.close();
    });
  }
}

async function reducedMotion(env) {
  await test("a11y: reduced motion stops the loading animation", async () => {
    const page = await open(env, null, { reducedMotion: "reduce" });
    // The wasm is held back until the placeholder has been checked.
    const wasm = await holdRequests(page, "**/*.wasm");
    await page.goto(`${env.origin}/index.html`);
    await page.waitForFunction(() => document.querySelector("park-infographic")?.shadowRoot?.querySelector(".placeholder"));
    // The skeleton is what pulses (embed.css), and only where motion is not reduced.
    const animation = await page.evaluate(
      () => getComputedStyle(document.querySelector("park-infographic").shadowRoot.querySelector(".skeleton")).animationName,
    );
    assertEqual(animation, "none", "no pulse under prefers-reduced-motion");
    assertEqual(wasm.held.length, 1, "checked while the module was still loading");
    wasm.release();
    await page.waitForFunction(() => document.querySelector("park-infographic").shadowRoot.querySelector("canvas.base"));
    await assertClean(page);
    await page.close();
  });
}
