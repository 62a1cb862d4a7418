// floor.html (bench/run.mjs makes it from ours.html): ours' first chart with no drawing at
// all. The widget's files are requested as embed.js requests them (its glue, the wasm
// compiled and instantiated, the chart's data file, the heights table, the stylesheet),
// then infographic:ready fires and nothing is drawn. Its time to "first chart" is the lowest
// any drawing loaded this way could reach: the part of ours' time that is loading.
const at = (path) => new URL(`../${path}`, import.meta.url);
const wasm = fetch(at("pkg/park_infographic_bg.wasm"));
const glue = import("../pkg/park_infographic.js");
const data = fetch(at("data/growth-2019.bin")).then((r) => r.arrayBuffer());
const heights = import("../heights.js");
const sheet = Object.assign(document.createElement("link"), { rel: "stylesheet", href: at("embed.css").href });
const styled = new Promise((ok) => sheet.addEventListener("load", ok, { once: true }));
document.head.append(sheet);
await (await glue).default({ module_or_path: wasm });
await Promise.all([data, heights, styled]);
document.dispatchEvent(new CustomEvent("infographic:ready"));
