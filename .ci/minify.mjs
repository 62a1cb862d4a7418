// What ships, from www/: the widget's source modules bundled into one file (embed.js), and
// every other JavaScript and CSS file minified as it is (www/ stays the readable source).
// ES modules keep their import/export syntax, and the URLs they load stay string literals
// (so tests/size.mjs can still follow them). String literals, and so every message a
// reader sees, are kept as written.
//
//   node .ci/minify.mjs dist/a.js dist/b.css …        minifies in place
//   node .ci/minify.mjs --bundle www/editor/main.js dist/b-<hash>/editor.js
//   node .ci/minify.mjs --widget www/embed.js dist    the widget's entry, dist/embed.js
import { buildSync, transformSync } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// The README's "Browser support" floors: nothing newer than these is introduced.
const TARGET = ["chrome96", "firefox89", "safari15"];
// A compile hint for the engine (embed.js's first line) is kept as the first line.
const HINT = /^\/\/# allFunctionsCalledOnLoad\n/;

/** The minified text of one file; `file` names it (its extension picks JS or CSS). */
export function minified(source, file) {
  const css = file.endsWith(".css");
  // Classic scripts (embed-frame.js: no import/export) keep their format; only modules get
  // top-level names shortened, since a classic script's top level is the page's global scope.
  const module = !css && /^\s*(?:import\s*[\w{*"']|export\b)|\bimport\.meta\b/m.test(source);
  return (HINT.exec(source)?.[0] ?? "") + transformSync(source, {
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

/**
 * The ES module `entry` with every module it imports statically, as one minified file.
 * Dynamic imports of computed URLs (the wasm glue, the heights table) stay requests.
 * `defines`: names in the source replaced by values of the build (`__BUILD__`, the way
 * from the bundle to its build's files, so each file it loads is named by a literal URL).
 */
export function bundled(entry, defines = { __BUILD__: "" }) {
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    target: TARGET,
    minify: true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "error",
    define: Object.fromEntries(Object.entries(defines).map(([k, v]) => [k, JSON.stringify(v)])),
  });
  return (HINT.exec(readFileSync(entry, "utf8"))?.[0] ?? "") + outputFiles[0].text;
}

/**
 * What the widget's bundle (dist/embed.js, an entry beside the build's folder) is told of
 * its build: the folder's name and the built-in data's chart ids.
 */
export function widgetDefines(dist) {
  const build = readdirSync(dist).find((name) => /^b-[0-9a-f]{10}$/.test(name));
  const data = JSON.parse(readFileSync(join(dist, build, "data/default.json"), "utf8"));
  return { __BUILD__: `${build}/`, __BUILTIN_CHARTS__: data.charts.map((c) => c.id) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === "--bundle") {
    writeFileSync(args[2], bundled(args[1]));
  } else if (args[0] === "--widget") {
    writeFileSync(join(args[2], "embed.js"), bundled(args[1], widgetDefines(args[2])));
  } else {
    for (const file of args) writeFileSync(file, minified(readFileSync(file, "utf8"), file));
  }
}
