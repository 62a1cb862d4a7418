// Minifies the JavaScript and CSS that ship, in place in dist/ (www/ stays the readable
// source). One file at a time, no bundling: every file keeps its own URL, ES modules
// keep their import/export syntax, and the URLs they load stay string literals (so
// tests/size.mjs can still follow them). String literals, and so every message a reader
// sees, are kept as written.
//
//   node .ci/minify.mjs dist/embed.js dist/embed.css …   (.ci/dist.sh does this)
import { transformSync } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The README's "Browser support" floors: nothing newer than these is introduced.
const TARGET = ["chrome96", "firefox89", "safari15"];

/** The minified text of one file; `file` names it (its extension picks JS or CSS). */
export function minified(source, file) {
  const css = file.endsWith(".css");
  // Classic scripts (embed-frame.js: no import/export) keep their format; only modules get
  // top-level names shortened, since a classic script's top level is the page's global scope.
  const module = !css && /^\s*(?:import\s*[\w{*"']|export\b)|\bimport\.meta\b/m.test(source);
  // A compile hint for the engine (embed.js's first line) is kept as the first line.
  const hint = /^\/\/# allFunctionsCalledOnLoad\n/.exec(source)?.[0] ?? "";
  return hint + transformSync(source, {
    loader: css ? "css" : "js",
    format: module ? "esm" : undefined,
    target: TARGET,
    minify: true,
    legalComments: "none",
    // Module scripts are always decoded as UTF-8, so their text (the Chinese words) can stay
    // as it is; classic scripts and stylesheets may be decoded in the host page's encoding,
    // so there non-ASCII is written as escapes.
    charset: module ? "utf8" : "ascii",
    sourcefile: file,
  }).code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    writeFileSync(file, minified(readFileSync(file, "utf8"), file));
  }
}
