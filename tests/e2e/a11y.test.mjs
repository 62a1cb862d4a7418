// Accessibility: axe-core in the real browser on the gallery, the demo article and the
// iframe page, in both languages and both themes: zero violations. Also the behaviours
// axe cannot see: reduced motion respected, touch targets at least 24 px.
import { createRequire } from "node:module";
import { assert, assertEqual, countEvents, open, settled, test } from "./harness.mjs";

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
          await page.evaluate(async () => {
            for (const w of document.querySelectorAll("park-infographic"))
              for (const d of w.shadowRoot.querySelectorAll("details")) d.open = true;
            // Tables are built on the toggle event, which is queued: let it run.
            await new Promise((ok) => setTimeout(ok, 0));
          });
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

  await test("a11y: touch targets are at least 24 × 24 CSS px and focus is visible", async () => {
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
    await page.keyboard.press("Tab"); // into the gallery's form
    const outline = await page.evaluate(() => {
      const stage = document.querySelector("park-infographic").shadowRoot.querySelector(".stage");
      stage.focus({ focusVisible: true });
      return getComputedStyle(stage).outlineStyle;
    });
    assert(outline !== "none", `focused chart has an outline (${outline})`);
    await page.close();
  });

  await test("a11y: reduced motion stops the loading animation", async () => {
    const page = await open(env, null, { reducedMotion: "reduce" });
    await page.route("**/*.wasm", async (route) => {
      await new Promise((ok) => setTimeout(ok, 800));
      await route.continue();
    });
    await page.goto(`${env.origin}/index.html`);
    await page.waitForFunction(() => document.querySelector("park-infographic")?.shadowRoot?.querySelector(".placeholder"));
    const animation = await page.evaluate(
      () => getComputedStyle(document.querySelector("park-infographic").shadowRoot.querySelector(".placeholder")).animationName,
    );
    assertEqual(animation, "none", "no pulse under prefers-reduced-motion");
    await page.close();
  });
}
