// Chromium (Debian's) through playwright-core: the engine of Chrome, Edge and most
// Android browsers. Real mouse, touch and keyboard input over the DevTools protocol.
import { chromium } from "playwright-core";

export const name = "chromium";

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  return {
    version: browser.version(),
    tapPointer: "touch",
    async open(url, { width, height }) {
      // hasTouch: the touchscreen sends real touch pointers; the mouse stays a mouse.
      const context = await browser.newContext({ viewport: { width, height }, hasTouch: true });
      const page = await context.newPage();
      await page.goto(url);
      return {
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        move: (x, y) => page.mouse.move(x, y),
        tap: (x, y) => page.touchscreen.tap(x, y),
        press: (key) => page.keyboard.press(key),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
