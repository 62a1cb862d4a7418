// WebKit (WebKitGTK's MiniBrowser, the engine of Safari and of every iOS browser) through
// selenium-webdriver and WebKitWebDriver (W3C WebDriver classic). MiniBrowser has no
// headless mode, so it runs under an Xvfb this file starts and stops itself, by PID, on
// a display Xvfb picks (-displayfd). WebDriver classic has no init scripts; the test
// server puts the event recorder into every page instead.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { Builder, Key } from "selenium-webdriver";
import { Origin, Pointer } from "selenium-webdriver/lib/input.js";

export const name = "webkit";

const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const KEYS = { ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, End: Key.END, Home: Key.HOME, Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER };

/** Starts Xvfb on a free display; resolves to {display, process} once it accepts clients. */
function startXvfb() {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  xvfb.stderr.on("data", (d) => (stderr += d));
  return new Promise((ok, fail) => {
    let out = "";
    // Xvfb writes the display number to fd 3 when it is ready for clients.
    xvfb.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) ok({ display: `:${out.trim()}`, process: xvfb });
    });
    xvfb.on("exit", (code) => fail(new Error(`Xvfb exited (${code}): ${stderr.trim()}`)));
    xvfb.on("error", fail);
  });
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

/** Resolves once WebKitWebDriver answers /status (it takes a moment to listen). */
async function driverReady(url, driver) {
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 50)); // poll interval, not a synchronisation delay
  }
}

function stop(child) {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((ok) => child.once("exit", ok));
    child.kill("SIGTERM");
    return exited;
  }
}

export async function launch() {
  const xvfb = await startXvfb();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const driverProcess = spawn("WebKitWebDriver", [`--port=${port}`], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: "ignore",
  });
  const cleanup = async () => {
    await stop(driverProcess);
    await stop(xvfb.process);
  };
  let driver;
  try {
    await driverReady(url, driverProcess);
    driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
      })
      .build();
    // Long enough for the slowest evaluate (a page-side wait); a hang guard, not a test limit.
    await driver.manage().setTimeouts({ script: 120000, pageLoad: 60000 });
  } catch (e) {
    await cleanup();
    throw e;
  }
  const caps = await driver.getCapabilities();
  let open = false;
  return {
    version: `WebKitGTK ${caps.get("browserVersion")}`,
    // The pointer a tap is sent with (see tap below).
    tapPointer: "pen",
    async open(pageUrl, { width, height }) {
      // One window per session: "pages" are navigations of it.
      if (open) throw new Error("webkit: one page at a time");
      open = true;
      await driver.manage().window().setRect({ width, height });
      await driver.get(pageUrl);
      return {
        // The message first: WebKit's `stack` leaves it out.
        async evaluate(fn, arg) {
          const result = await driver.executeAsyncScript(
            `const done = arguments[arguments.length - 1];
             Promise.resolve().then(() => (${fn})(arguments[0]))
               .then((value) => done({ value }), (e) => done({ error: e instanceof Error ? e.message + "\\n" + e.stack : String(e) }));`,
            arg,
          );
          if (result?.error) throw new Error(result.error);
          return result?.value;
        },
        move: (x, y) =>
          driver.actions({ async: true }).move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).perform(),
        // WebKitWebDriver (2.50) cannot send touch: it accepts pointerType "touch" in
        // actions but the page receives mouse pointer events. The closest it can send is a
        // pen: a non-mouse pointer, which is what the widget tells apart (it pins the
        // tooltip on any pointerdown that is not a mouse's, as for a finger).
        async tap(x, y) {
          const pen = new Pointer("pen", Pointer.Type.PEN);
          const at = { x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT };
          await driver.actions({ async: true }).insert(pen, pen.move(at), pen.press(), pen.release()).perform();
        },
        press: (key) => driver.actions({ async: true }).sendKeys(KEYS[key] ?? key).perform(),
        async close() {
          open = false;
          await driver.get("about:blank");
        },
      };
    },
    async close() {
      try {
        await driver.quit();
      } finally {
        await cleanup();
      }
    },
  };
}
