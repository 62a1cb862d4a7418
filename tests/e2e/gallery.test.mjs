// The gallery page: every chart renders, hover answers with the right datum, no errors.
import { assert, assertEqual, countEvents, markPoint, open, settled, test } from "./harness.mjs";

export default async function gallery(env) {
  const page = await open(env);
  await countEvents(page);
  await page.goto(`${env.origin}/index.html`);
  await settled(page, 1);

  await test("gallery: every chart renders a non-blank canvas", async () => {
    const stats = await page.evaluate(() => {
      const widget = document.querySelector("park-infographic");
      return [...widget.shadowRoot.querySelectorAll("canvas.base")].map((c) => {
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 16) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
        return { w: c.width, h: c.height, ink };
      });
    });
    assertEqual(stats.length, 8, "canvases");
    for (const s of stats) assert(s.w > 0 && s.h > 100 && s.ink > 500, `blank canvas ${JSON.stringify(s)}`);
  });

  await test("gallery: hovering a mark fires infographic:hover with its datum", async () => {
    await page.evaluate(() => (window.__events.length = 0));
    const point = await markPoint(page, "park-infographic", 0, 0);
    await page.mouse.move(point.x, point.y);
    const hover = await page.evaluate(() => window.__events.filter((e) => e.type === "hover").at(-1));
    assert(hover?.detail, "hover event fired");
    assertEqual(hover.detail.chart, "growth-2019", "chart");
    assertEqual(hover.detail.id, "fai-growth-2019", "figure id");
    assertEqual(hover.detail.value, 17.6, "value");
    assertEqual(hover.detail.unit, "%", "unit"); // the unit as default.json names it
    const tip = await page.evaluate(
      () => document.querySelector("park-infographic").shadowRoot.querySelector(".tooltip.on").textContent,
    );
    assert(tip.includes("17.6%") && tip.includes("来源"), `tooltip text: ${tip}`);
  });

  await test("gallery: no console errors and no CSP violations", async () => {
    const csp = await page.evaluate(() => window.__csp);
    assertEqual(page.problems, [], "console/page errors");
    assertEqual(csp, [], "CSP violations");
  });
  await page.close();
}
