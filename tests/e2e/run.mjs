// End-to-end tests in Debian's headless Chromium against the built bundle (dist/), served
// by our own server with the strict Content-Security-Policy on every page.
//   node tests/e2e/run.mjs            (make e2e-test builds dist/ first)
import { start, summary } from "./harness.mjs";
import { gallery } from "./gallery.test.mjs";

const env = await start();
try {
  await gallery(env);
} finally {
  await env.close();
}
process.exit(summary() ? 0 : 1);
