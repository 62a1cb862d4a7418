// floor.html (bench/run.mjs makes it from ours.html): ours' first chart with no drawing at
// all. The widget's files are requested as embed.js requests them for a widget holding its
// picture (its glue, the wasm compiled and instantiated, the chart's data file, the
// stylesheet: the files the snippet's preload lines name, which name the build's folder),
// then infographic:ready fires and nothing is drawn. Its time to "first chart" is the
// lowest any drawing loaded this way could reach: the part of ours' time that is loading.
const preloaded = (selector, ending) => {
  const link = [...document.querySelectorAll(selector)].find((l) => new URL(l.href).pathname.endsWith(ending));
  if (!link) throw new Error(`floor.js: no ${selector} ending in ${ending} on the page`);
  return link.href;
};
const wasm = fetch(preloaded('link[rel="preload"][as="fetch"]', ".wasm"));
const glue = import(preloaded('link[rel="modulepreload"]', "/pkg/park_infographic.js"));
const data = fetch(preloaded('link[rel="preload"][as="fetch"]', ".bin")).then((r) => r.arrayBuffer());
const sheet = Object.assign(document.createElement("link"), { rel: "stylesheet", href: preloaded('link[rel="preload"][as="style"]', "/embed.css") });
const styled = new Promise((ok) => sheet.addEventListener("load", ok, { once: true }));
document.head.append(sheet);
await (await glue).default({ module_or_path: wasm });
await Promise.all([data, styled]);
document.dispatchEvent(new CustomEvent("infographic:ready"));
