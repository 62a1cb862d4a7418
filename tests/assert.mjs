// The browser tests' two assertions (e2e and the three engines' flows), on node:assert.
import assertions from "node:assert/strict";

export function assert(condition, message) {
  assertions.ok(condition, `assertion failed: ${message}`);
}

/** Equal as JSON (what a page gives back is JSON anyway). */
export function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  assertions.equal(a, b, `${message}: expected ${b}, got ${a}`);
}
