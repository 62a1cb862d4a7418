// Firefox ESR (Debian's) through puppeteer-core over WebDriver BiDi (Playwright's own
// Firefox build cannot be installed here, and Debian's Firefox speaks BiDi natively).
import puppeteer from "puppeteer-core";

export const name = "firefox";

export async function launch() {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless: true,
  });
  return {
    version: await browser.version(),
    tapPointer: "touch",
    async open(url, { width, height }) {
      const page = await browser.newPage();
      // hasTouch: BiDi input.performActions then sends pointerType "touch" for taps.
      await page.setViewport({ width, height, hasTouch: true });
      await page.goto(url);
      return {
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        move: (x, y) => page.mouse.move(x, y),
        tap: (x, y) => page.touchscreen.tap(x, y),
        press: (key) => page.keyboard.press(key),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
