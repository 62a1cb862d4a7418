// Marks located from the layout the module returns, for the three engines' flows: the
// node side of inpage.mjs `marks` (run in the page), the one lookup every browser test uses.
import { markPixels, marks } from "./inpage.mjs";

/** Mark `mark` (negative: from the end) of chart `view`, scrolled into view: its centre, chart and the count. */
export async function markPoint(page, selector, view, mark) {
  const all = await page.evaluate(marks, { selector, view, scroll: true });
  return { ...all.at(mark), count: all.length };
}

/** The figure marks of chart `view` and what its canvas shows in each (inpage.mjs markPixels). */
export async function drawnMarks(page, selector, view, colors) {
  const all = await page.evaluate(marks, { selector, view });
  const figures = all.filter((m) => !m.annotation).map(({ id, device }) => ({ id, box: device }));
  return { chart: all[0]?.chart, ...(await page.evaluate(markPixels, { selector, view, colors, figures })) };
}
