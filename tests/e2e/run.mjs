// End-to-end tests in Debian's headless Chromium against the built bundle (dist/), served
// by our own server with the strict Content-Security-Policy on every page. Every
// `*.test.mjs` here exports a default `async (env) => {…}` that runs its tests, each a
// node:test test (harness.mjs `test`).
//   node tests/e2e/run.mjs [filter]     (make e2e-test builds dist/ first)
import { readdirSync } from "node:fs";
import { start } from "./harness.mjs";

const filter = process.argv[2] ?? "";
const files = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".test.mjs") && f.includes(filter))
  .sort();
const env = await start();
try {
  for (const file of files) {
    const suite = await import(new URL(file, import.meta.url));
    await suite.default(env);
  }
} finally {
  await env.close();
}
// node:test reports every test and sets the exit code when the process ends.
