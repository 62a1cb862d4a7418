// The published folder's maker (www/editor/folder.js), the pure part: given a dataset, stub
// contents for the files it does not write (the widget's, the compact data, the pictures)
// and the address typed, the paths of the folder and the text of its snippets and pages.
// Expected values are written here from the dataset, not taken from the code under test.
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { folderName, httpUrl, makeFolder, pictureHeight, publishedFolder, snippetBase } from "../../www/editor/folder.js";
import { readFileSync } from "node:fs";
import { TWO_CHARTS, realModule } from "./fixtures.mjs";

const BUILD = "b-0123abcdef";
const DOC = TWO_CHARTS;
const JSON_TEXT = `${JSON.stringify(DOC, null, 2)}\n`;
/** A picture as the module writes one (its root's height: the widget's height). */
const picture = (id, lang, h) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="${h}" viewBox="0 0 360 ${h}" role="img" aria-label="${id} ${lang}"><title>${id} ${lang}</title></svg>`;
const WIDGET = {
  entries: { "embed.js": "/*embed*/", "embed-frame.js": "/*frame*/" },
  build: {
    "pkg/park_infographic.js": "/*glue*/",
    "pkg/park_infographic_bg.wasm": new Uint8Array([0, 97, 115, 109]),
    "embed.css": "",
    "heights.js": "",
    "frame.js": "",
    "frame.css": "",
    "page.css": "",
  },
};
const CHARTS = [
  { id: "growth-2023", langs: ["zh", "en"], pictures: {} },
  { id: "firms", langs: ["zh"], pictures: {} },
];
for (const c of CHARTS) {
  for (const lang of c.langs) {
    c.pictures[lang] = { inline: picture(c.id, lang, 300), svg: `<svg>${c.id}.${lang}</svg>`, png: new Uint8Array([137, 80, 78, 71]) };
  }
}
const make = (base, data = { "growth-2023": new Uint8Array([1]), firms: new Uint8Array([2]) }) =>
  publishedFolder({ doc: DOC, json: JSON_TEXT, base, build: BUILD, widget: WIDGET, data, charts: CHARTS });
const text = (folder, name) => new TextDecoder().decode(folder.files.find((f) => f.name === name).data);

test("folder: every path, in order: the page, the widget, the data, frames, pictures, snippets", () => {
  const folder = make("https://news.example.com/charts/suzhou");
  assert.equal(folder.name, "suzhou-industrial-park");
  assert.deepEqual(folder.files.map((f) => f.name), [
    "index.html",
    "embed-frame.js",
    "embed.js",
    `${BUILD}/embed.css`,
    `${BUILD}/frame.css`,
    `${BUILD}/frame.js`,
    `${BUILD}/heights.js`,
    `${BUILD}/page.css`,
    `${BUILD}/pkg/park_infographic.js`,
    `${BUILD}/pkg/park_infographic_bg.wasm`,
    "data/firms.bin",
    "data/growth-2023.bin",
    "data/suzhou-industrial-park.json",
    "frames/firms.zh.html",
    "frames/growth-2023.en.html",
    "frames/growth-2023.zh.html",
    "pictures/firms.zh.png",
    "pictures/firms.zh.svg",
    "pictures/growth-2023.en.png",
    "pictures/growth-2023.en.svg",
    "pictures/growth-2023.zh.png",
    "pictures/growth-2023.zh.svg",
    "snippets/firms.zh.html",
    "snippets/firms.zh.iframe.html",
    "snippets/growth-2023.en.html",
    "snippets/growth-2023.en.iframe.html",
    "snippets/growth-2023.zh.html",
    "snippets/growth-2023.zh.iframe.html",
  ]);
  assert.equal(text(folder, "data/suzhou-industrial-park.json"), JSON_TEXT, "the JSON source as given");
  assert.deepEqual([...folder.files.find((f) => f.name === `${BUILD}/pkg/park_infographic_bg.wasm`).data], [0, 97, 115, 109]);
  assert.equal(text(folder, "pictures/growth-2023.en.svg"), "<svg>growth-2023.en</svg>");
});

test("folder: snippets for the address typed (made to end in /), with the picture inside", () => {
  const folder = make("https://news.example.com/charts/suzhou");
  const B = "https://news.example.com/charts/suzhou/";
  const component = text(folder, "snippets/growth-2023.zh.html");
  assert.equal(
    component,
    [
      `<script type="module" src="${B}embed.js"></script>`,
      `<link rel="modulepreload" href="${B}${BUILD}/pkg/park_infographic.js">`,
      `<link rel="preload" href="${B}${BUILD}/pkg/park_infographic_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
      `<link rel="preload" href="${B}data/growth-2023.bin" as="fetch" crossorigin>`,
      `<link rel="preload" href="${B}${BUILD}/embed.css" as="style">`,
      `<park-infographic chart="growth-2023" lang="zh" data-src="${B}data/growth-2023.bin">${picture("growth-2023", "zh", 300)}</park-infographic>`,
      "",
    ].join("\n"),
  );
  assert.equal(
    text(folder, "snippets/growth-2023.en.iframe.html"),
    [
      `<iframe src="${B}frames/growth-2023.en.html"`,
      `        title="Growth (%)" width="100%" height="300" loading="lazy"></iframe>`,
      `<script src="${B}embed-frame.js"></script>`,
      "",
    ].join("\n"),
  );
  // A title with markup characters is escaped in the iframe's title.
  assert.ok(text(folder, "snippets/firms.zh.iframe.html").includes('title="企业 &lt;数量&gt; &amp; &quot;家&quot;"'));
  assert.deepEqual(folder.snippets.map((s) => [s.chart, s.lang]), [["growth-2023", "zh"], ["growth-2023", "en"], ["firms", "zh"]]);
  assert.equal(folder.snippets[0].component, component.trimEnd(), "the snippets returned are the files' text");
});

test("folder: a chart without English gets no English snippet, frame or picture", () => {
  const names = make("").files.map((f) => f.name);
  assert.ok(!names.some((n) => n.includes("firms.en")), names.join(" "));
});

test("folder: the static frame page reads the folder's data beside it and holds the picture", () => {
  const page = text(make(""), "frames/growth-2023.en.html");
  assert.ok(page.includes(`<park-infographic chart="growth-2023" lang="en" data-src="../data/growth-2023.bin">${picture("growth-2023", "en", 300)}</park-infographic>`), page);
  assert.ok(page.includes(`<script type="module" src="../embed.js"></script>`));
  assert.ok(page.includes(`<link rel="stylesheet" href="../${BUILD}/frame.css">`));
  assert.ok(page.includes(`<script type="module" src="../${BUILD}/frame.js"></script>`));
  assert.ok(page.startsWith("<!doctype html>\n<html lang=\"en\">"));
});

test("folder: an empty address gives relative snippets; index.html shows every chart with them", () => {
  const folder = make("  ");
  const component = text(folder, "snippets/growth-2023.zh.html");
  assert.ok(component.startsWith(`<script type="module" src="./embed.js"></script>\n`), component);
  assert.ok(component.includes(`data-src="./data/growth-2023.bin"`), component);
  assert.ok(!/(src|href)="https?:/.test(component), "no absolute address");
  const index = text(folder, "index.html");
  // The live widgets read the folder's own data; the snippets are shown as text.
  for (const [chart, lang] of [["growth-2023", "zh"], ["growth-2023", "en"], ["firms", "zh"]]) {
    assert.ok(index.includes(`<park-infographic chart="${chart}" lang="${lang}" data-src="data/${chart}.bin">${picture(chart, lang, 300)}</park-infographic>`), `${chart} ${lang}`);
  }
  assert.ok(index.includes("&lt;park-infographic chart=&quot;growth-2023&quot; lang=&quot;en&quot;"), "the snippet as text");
  assert.ok(index.includes(`<script type="module" src="embed.js"></script>`));
  assert.ok(index.includes(`<link rel="stylesheet" href="${BUILD}/page.css">`));
  assert.ok(index.includes("Access-Control-Allow-Origin") && index.includes("application/wasm"), "what the host must send");
  assert.ok(index.includes("iframe 代码无需任何设置") && index.includes("The iframe snippet needs nothing"));
  assert.ok(!/<script>|<style|style=/.test(index), "no inline script or style (a strict CSP allows the page)");
  assert.equal((index.match(/<script/g) ?? []).length, 1, "one script: embed.js");
});

test("folder: one data/all.bin where the module gives no file per chart", () => {
  const folder = make("https://x.example/", { all: new Uint8Array([3]) });
  const names = folder.files.map((f) => f.name);
  assert.ok(names.includes("data/all.bin") && !names.includes("data/firms.bin"));
  assert.ok(text(folder, "snippets/firms.zh.html").includes('data-src="https://x.example/data/all.bin"'));
  assert.ok(text(folder, "frames/firms.zh.html").includes('data-src="../data/all.bin"'));
});

test("folder: only http(s) addresses; a query or fragment is dropped", () => {
  for (const bad of ["javascript:alert(1)//", "data:text/html,x", "ftp://x.example/", "news.example.com/charts"]) {
    assert.equal(snippetBase(bad), null, bad);
    assert.equal(httpUrl(bad), null, bad);
    assert.throws(() => make(bad), /not an http\(s\) address/);
  }
  assert.equal(snippetBase("https://x.example/a/b?x=1#y"), "https://x.example/a/b/");
  assert.equal(snippetBase("http://x.example"), "http://x.example/");
  assert.equal(snippetBase(""), "./");
});

test("folder: names and pictures", () => {
  assert.equal(folderName({ subject: { zh: "南通高新区", en: "Nantong High-tech Zone" } }), "nantong-high-tech-zone");
  assert.equal(folderName({ subject: { zh: "南通高新区" } }), "charts", "no English subject");
  assert.equal(folderName({ subject: { en: "Zürich: «Parks» 2023!" } }), "zurich-parks-2023");
  assert.equal(pictureHeight('<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="305" viewBox="0 0 360 305"></svg>'), 305);
});

test("folder: made with the editor's module: each chart's compact file and pictures, English only where the chart has it", async (t) => {
  const m = await realModule();
  if (!m) return t.skip("pkg-editor/ is not built");
  const folder = await makeFolder({ m, doc: DOC, json: JSON_TEXT, base: "https://x.example/charts/", build: BUILD, widget: WIDGET });
  const names = folder.files.map((f) => f.name);
  for (const name of ["data/growth-2023.bin", "data/firms.bin", "pictures/growth-2023.en.svg", "pictures/firms.zh.svg", "frames/firms.zh.html"]) {
    assert.ok(names.includes(name), name);
  }
  assert.ok(!names.some((n) => n.includes("firms.en")), "firms: no English (its figure's label has none)");
  assert.ok(!names.some((n) => n.endsWith(".png")), "no PNG without a canvas");
  // The compact file the widget's own small module reads (pkg/, as a reader's browser would).
  const compact = await import("../../pkg/park_infographic.js");
  compact.initSync({ module: readFileSync(new URL("../../pkg/park_infographic_bg.wasm", import.meta.url)) });
  const data = compact.Data.fromBytes(folder.files.find((f) => f.name === "data/firms.bin").data);
  assert.deepEqual(Array.from(data.chartIds()), ["firms"], "the chart's own compact file");
  data.free();
  const svg = new TextDecoder().decode(folder.files.find((f) => f.name === "pictures/growth-2023.en.svg").data);
  assert.ok(svg.includes(DOC.charts[0].title.en), "the picture has its title");
});
