// Size budget: everything one embed downloads, compressed as a server would (gzip -9),
// must stay within its budget. Deterministic: it reads dist/.
//
// An embed is what a producer pastes: a built snippet (dist/snippets/<chart>.<lang>.html).
// Its files are the ones the snippet names (the script and its preload lines, which name
// what embed.js requests for that widget: e2e modules.test.mjs checks a page with the
// snippet requests exactly these) and what those modules load in turn (the glue's wasm,
// found by following every static import and `new URL("x", import.meta.url)` with a
// literal path). The picture is part of the article's HTML, not a download.
//
//   node tests/size.mjs [dist-dir]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { sizeTable } from "../bench/lib/sizes.mjs";
import { BUILD } from "./build.mjs";

// 64 KB for a built-in chart and for an editor's chart published in the compact form. The
// embed of an editor's JSON (the module adds the JSON reader and validation) is held where
// it stands, a ratchet: lower it with every cut. (Raised for schema 3: open units, the
// wording as typed and the reading of schema-2 files that snippets already published still
// name; and for charts' annotations, which it reads, checks and draws, after the allocator
// had cut it first. Editors publish compact files, which this module is not loaded for.)
const GOAL_BYTES = 64 * 1024;
const JSON_SRC_BUDGET_BYTES = 101450;
const DIST = process.argv[2] ?? new URL("../dist", import.meta.url).pathname;
/** The address the build writes the snippets for (.ci/pages.mjs). */
const EXAMPLE_BUNDLE = "https://cdn.example.org/park-infographic/";

/** The bundle's files a snippet names. */
function snippetFiles(name) {
  const text = readFileSync(join(DIST, "snippets", name), "utf8");
  return [...text.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((url) => url.startsWith(EXAMPLE_BUNDLE))
    .map((url) => url.slice(EXAMPLE_BUNDLE.length));
}

/** Relative paths a module loads as soon as it runs. */
function references(source) {
  const patterns = [
    // static imports, also minified (`import h from"./x.js"`, several statements a line)
    /(?:^|[;}\s])import\s*(?:[\w*{][^"'`;]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/gm,
    /new URL\(\s*["']([^"'`$]+\.(?:js|mjs|wasm|css))["']\s*,\s*import\.meta\.url/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]));
}

/**
 * `files` and what the modules among them load, but not the entry's own requests (what
 * embed.js asks for depends on the widget; the snippet names it).
 */
function closure(files) {
  const out = [];
  const queue = [...files];
  while (queue.length) {
    const file = normalize(queue.shift());
    if (out.includes(file)) continue;
    if (!existsSync(join(DIST, file))) {
      console.error(`size: ${file} is referenced but missing from ${DIST} (run make dist)`);
      process.exit(1);
    }
    out.push(file);
    if (file === "embed.js" || !/\.m?js$/.test(file)) continue;
    for (const ref of references(readFileSync(join(DIST, file), "utf8"))) {
      queue.push(relative(DIST, join(DIST, dirname(file), ref)));
    }
  }
  return out;
}

const builtin = closure(snippetFiles("growth-2019.zh.html"));
/** The same embed with an editor's data in place of the chart's, and `module`'s files. */
const editors = (module, data = []) =>
  closure([
    ...builtin.filter((f) => !f.includes("/data/") && !f.includes("/pkg/")),
    `${BUILD}/${module}/park_infographic.js`,
    ...data,
  ]);
// An editor's chart published compact is one chart's file, as the built-in charts' are:
// the largest of those stands in for it.
const charts = readdirSync(join(DIST, BUILD, "data")).filter((f) => f.endsWith(".bin") && f !== "all.bin");
const largest = charts.sort((a, b) => statSync(join(DIST, BUILD, "data", b)).size - statSync(join(DIST, BUILD, "data", a)).size)[0];
const EMBEDS = [
  { name: "a built-in chart (snippets/growth-2019.zh.html)", files: builtin, budget: GOAL_BYTES },
  {
    name: `an editor's chart published compact (data-src .bin; data/${largest} stands in)`,
    files: editors("pkg", [`${BUILD}/data/${largest}`]),
    budget: GOAL_BYTES,
  },
  // Its code only: an editor's JSON file is as large as the editor makes it.
  { name: "an editor's chart as JSON (data-src .json), without the file", files: editors("pkg-json"), budget: JSON_SRC_BUDGET_BYTES },
];

let failed = 0;
for (const { name, files, budget } of EMBEDS) {
  // The bench's measurement (bench/lib/sizes.mjs), so the two never disagree.
  const { rows, total: sum } = sizeTable(files.map((file) => ({ name: file, path: join(DIST, file) })));
  const total = sum.gzip;
  console.log(`\none embed of ${name}: gzip -9 bytes  raw bytes  file`);
  for (const r of rows) console.log(`${String(r.gzip).padStart(13)}  ${String(r.raw).padStart(9)}  ${r.name}`);
  console.log(`${String(total).padStart(13)}             total (budget ${budget} B; goal ${GOAL_BYTES} B = 64 KB)`);
  if (total > budget) {
    console.log(`size: it downloads ${total - budget} B more than its budget`);
    failed++;
  }
}
console.log(`size: ${EMBEDS.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
