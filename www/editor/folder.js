// The folder the editor publishes, as a list of files: a complete static site that works
// uploaded as it is to any host. No DOM: `publishedFolder` is given every file's contents
// (the widget's files, the compact data, the pictures) and writes the pages and snippets
// around them; `makeFolder` asks the editor's wasm module for the compact data and the
// pictures first. publish.js does the fetching, the PNGs and the page; node runs this
// file too (tests/node/folder.test.mjs, tests/engines/run.mjs).
//
//   index.html                  every chart with its snippets, its picture and the live widget
//   embed.js, embed-frame.js    the widget's entries (as in dist/)
//   b-<hash>/…                  the widget's files of the editor's own build (widget-files.json)
//   data/<name>.json            the JSON source (what the editor opens again)
//   data/<chart>.bin            each chart's compact file (or one data/all.bin)
//   frames/<chart>.<lang>.html  each chart's static iframe page, with its picture
//   pictures/<chart>.<lang>.svg, .png   the picture, for print and platforms without scripts
//   snippets/<chart>.<lang>.html, .iframe.html   what to paste into an article
//   long/<name>.<lang>.png, .txt   the long image (长图) for WeChat and Weibo, its alt text
//   long/<chart>.<lang>.png, .txt  each chart alone at the long image's phone layout
import { buildFiles, componentSnippet, escapeHtml, framePage, iframeSnippet } from "../snippets.js";

/** The snippets' inline picture: a phone's column (as .ci/pages.mjs for the built-in charts). */
export const PICTURE_WIDTH_CSS = 360;
/** The picture files (SVG, PNG at IMAGE_RATIO): an article's column. */
export const IMAGE_WIDTH_CSS = 640;
export const IMAGE_RATIO = 2;
export const LANGS = ["zh", "en"];
/** The long images' width in device px (src/long.rs's WIDTH_PX) and the platforms' limit per file. */
export const LONG_WIDTH_PX = 1080;
export const LONG_MAX_BYTES = 2 * 1024 * 1024;
/** The encodings tried in turn: PNG (sharp text), then JPEG from high quality down. */
export const LONG_ENCODINGS = [{ type: "image/png" }, ...[0.92, 0.88, 0.84, 0.8].map((quality) => ({ type: "image/jpeg", quality }))];

/**
 * What was typed as an absolute http(s) URL, or null: a snippet must never carry another
 * scheme (a javascript: URL in an iframe's src would run on the news page's behalf).
 */
export function httpUrl(text) {
  try {
    const url = new URL(String(text).trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Where the snippets point: the folder's address as typed (an absolute http(s) URL, made
 * to end in "/"), or "./" for an empty one (relative: good for the folder's own pages
 * only). Null for anything else.
 */
export function snippetBase(typed) {
  const text = String(typed ?? "").trim();
  if (!text) return "./";
  const url = httpUrl(text);
  if (!url) return null;
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u.href;
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const hasText = (t, lang) => isObj(t) && typeof t[lang] === "string" && t[lang].trim() !== "";

/** The languages chart `id` is published in: the module's `Data.langs` (English only where the chart has it). */
export const chartLangs = (data, id) => Array.from(data.langs(id)).filter((l) => LANGS.includes(l));

/** The snippet's inline picture: the module's, in the reader's colours, at a phone's column. */
export const snippetPicture = (m, json, id, lang) => m.chartPicture(json, id, lang, "auto", PICTURE_WIDTH_CSS);

/** The chart's title in `lang` (its id where it has none). */
export function chartTitle(doc, id, lang) {
  const spec = (doc.charts ?? []).find((c) => c?.id === id);
  return hasText(spec?.title, lang) ? spec.title[lang].trim() : id;
}

/** A file name from the dataset's subject (English, else "charts"): `nantong-high-tech-zone`. */
export function folderName(doc) {
  const en = isObj(doc.subject) && typeof doc.subject.en === "string" ? doc.subject.en : "";
  const slug = en
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "charts";
}

/** A long image's extension, from the type its bytes really are. */
export const imageExtension = (type) => (type === "image/jpeg" ? "jpg" : "png");

/**
 * The first of LONG_ENCODINGS whose bytes fit in `max`: `encode({type, quality})` resolves
 * to `{type, bytes}` (the type the browser really made) or null. Throws when none fits.
 */
export async function fittedImage(encode, max = LONG_MAX_BYTES) {
  let smallest = Infinity;
  for (const wanted of LONG_ENCODINGS) {
    const made = await encode(wanted);
    if (!made?.bytes) continue;
    if (made.bytes.length <= max) return { type: made.type, bytes: made.bytes };
    smallest = Math.min(smallest, made.bytes.length);
  }
  throw new Error(Number.isFinite(smallest) ? `${smallest} bytes, over ${max} even as JPEG` : "the browser made no image");
}

/**
 * The long images' file stems: the folder's name for the long image (with "-all" where a
 * chart has that id, so no chart's image takes its place) and each chart's id.
 */
export const longStem = (name, ids) => (ids.includes(name) ? `${name}-all` : name);

/** The languages the long image is made in: each one some chart has (zh always, en where there is English). */
export const longLangs = (data, ids) => LANGS.filter((lang) => ids.some((id) => chartLangs(data, id).includes(lang)));

/** Where the long image's QR code points: the folder's address as typed, or "" (no code) when none is. */
export const qrAddress = (typed) => (httpUrl(typed) ? snippetBase(typed) : "");

/** The chart's compact file in the folder: its own, or the one with every chart. */
export function dataPath(chart, dataNames) {
  return dataNames.includes(chart) ? `data/${chart}.bin` : "data/all.bin";
}

/** The picture's height in CSS px (its root's height attribute). */
export function pictureHeight(svg) {
  return Number(/^<svg[^>]*\sheight="(\d+)"/.exec(svg)?.[1] ?? 0);
}

/** What a host must send, in one sentence, in `lang`. */
export function hostSentence(lang) {
  return lang === "en"
    ? "Readers first see each chart's picture. For the live chart (hover or tap for the figures) on an article on another site, ask the site's administrator to send this folder's files with the header Access-Control-Allow-Origin: * and .wasm files as application/wasm. The iframe snippet needs nothing."
    : "读者会先看到图表的静态图。要让另一网站的文章里的图表能悬停、点按查看数字，请网站管理员为本文件夹的文件发送 Access-Control-Allow-Origin: * 头，并以 application/wasm 类型发送 .wasm 文件。iframe 代码无需任何设置。";
}

/**
 * The two snippets of one chart in one language, pointing at `base` (an absolute URL
 * ending in "/", or "./"): the web component with the chart's `picture` inside, and the
 * iframe of its static frame page.
 */
export function chartSnippets({ base, build, chart, lang, title, picture, data }) {
  const component = componentSnippet({
    bundle: base,
    files: buildFiles(build),
    chart,
    lang,
    dataSrc: `${base}${data}`,
    picture,
  });
  const iframe = iframeSnippet({ bundle: base, frame: `frames/${chart}.${lang}.html`, title, height: pictureHeight(picture) });
  return { component, iframe };
}

const utf8 = new TextEncoder();
const bytes = (data) => (typeof data === "string" ? utf8.encode(data) : data);

/**
 * The long image of every chart in each language, and each chart alone, with their
 * alternative texts (the module's): `raster(svg)`, async, gives `{type, bytes}` or throws.
 * An image that cannot be made is left out and named in `problems`; the rest go on.
 */
export async function longImages({ m, json, data, ids, name, typed, raster }) {
  const images = [];
  const problems = [];
  const qr = qrAddress(typed);
  for (const lang of longLangs(data, ids)) {
    const jobs = [[longStem(name, ids), undefined], ...ids.filter((id) => chartLangs(data, id).includes(lang)).map((id) => [id, id])];
    for (const [stem, chart] of jobs) {
      try {
        const image = await raster(m.longImageSvg(json, lang, qr, chart));
        images.push({ stem, lang, image, text: m.longImageText(json, lang, qr, chart) });
      } catch (e) {
        problems.push(`long/${stem}.${lang}: ${e?.message ?? e}`);
      }
    }
  }
  return { images, problems };
}

/**
 * The whole folder for the dataset `doc` (valid; `json` its text): the editor's module `m`
 * makes each chart's compact file and pictures (SVG; `png(data, id, lang)`, async, the PNG
 * bytes or null where there is no canvas), then publishedFolder writes the rest. `base`,
 * `build`, `widget`: as for publishedFolder. With `raster` (see longImages) the folder also
 * holds the long images; the returned `problems` name those that could not be made.
 */
export async function makeFolder({ m, doc, json, base, build, widget, png = async () => null, raster = null }) {
  const data = m.Data.fromJson(json);
  try {
    const ids = Array.from(data.chartIds());
    const compact = Object.fromEntries(ids.map((id) => [id, m.compactChart(json, id)]));
    const charts = [];
    for (const id of ids) {
      const langs = chartLangs(data, id);
      const pictures = {};
      for (const lang of langs) {
        const svg = m.chartPicture(json, id, lang, "light", IMAGE_WIDTH_CSS);
        pictures[lang] = { inline: snippetPicture(m, json, id, lang), svg, png: await png(data, id, lang) };
      }
      charts.push({ id, langs, pictures });
    }
    const long = raster ? await longImages({ m, json, data, ids, name: folderName(doc), typed: base, raster }) : { images: [], problems: [] };
    const folder = publishedFolder({ doc, json, base, build, widget, data: compact, charts, long: long.images });
    return { ...folder, problems: long.problems };
  } finally {
    data.free();
  }
}

/**
 * Every file of the published folder, and the snippets it holds.
 *
 * - `doc`: the dataset; `json`: its text as saved (data/<name>.json);
 * - `base`: the address typed for the folder ("" for relative snippets);
 * - `build`: the build folder's name (`b-<hash>`); `widget`: `{ entries: {path: bytes},
 *   build: {path: bytes} }`, the files widget-files.json lists (and any other of the
 *   build the pages use, e.g. page.css);
 * - `data`: the compact files by name (`{<chart>: bytes}`, or `{all: bytes}`);
 * - `charts`: `[{ id, langs, pictures: {<lang>: {inline, svg, png}} }]`, in the dataset's
 *   order: `inline` the snippet's picture (SVG text), `svg` and `png` the picture files;
 * - `long`: `[{ stem, lang, image: {type, bytes}, text }]`, the long images (longImages).
 *
 * Returns `{ name, files: [{name, data}], snippets: [{chart, lang, title, component, iframe}] }`.
 */
export function publishedFolder({ doc, json, base: typed = "", build, widget, data, charts, long = [] }) {
  const base = snippetBase(typed);
  if (!base) throw new Error(`not an http(s) address: ${typed}`);
  if (!/^[\w.-]+$/.test(build)) throw new Error(`not a build folder name: ${build}`);
  const name = folderName(doc);
  const dataNames = Object.keys(data);
  const files = [];
  const add = (path, content) => files.push({ name: path, data: bytes(content) });
  const snippets = [];
  const pages = [];
  for (const { id, langs, pictures } of charts) {
    const file = dataPath(id, dataNames);
    for (const lang of langs) {
      const picture = pictures[lang].inline;
      const title = chartTitle(doc, id, lang);
      const s = chartSnippets({ base, build, chart: id, lang, title, picture, data: file });
      snippets.push({ chart: id, lang, title, ...s });
      pages.push({ chart: id, lang, title, picture, data: file });
      add(
        `frames/${id}.${lang}.html`,
        framePage({ root: "../", files: buildFiles(build), chart: id, lang, title, dataSrc: `../${file}`, picture }),
      );
      add(`pictures/${id}.${lang}.svg`, pictures[lang].svg);
      if (pictures[lang].png) add(`pictures/${id}.${lang}.png`, pictures[lang].png);
      add(`snippets/${id}.${lang}.html`, `${s.component}\n`);
      add(`snippets/${id}.${lang}.iframe.html`, `${s.iframe}\n`);
    }
  }
  const longs = long.map(({ stem, lang, image }) => `long/${stem}.${lang}.${imageExtension(image.type)}`);
  add("index.html", indexPage({ doc, name, base, build, pages, snippets, extras: Object.keys(widget.build), longs }));
  for (const [path, content] of Object.entries(widget.entries)) add(path, content);
  for (const [path, content] of Object.entries(widget.build)) add(`${build}/${path}`, content);
  add(`data/${name}.json`, json);
  for (const [chart, content] of Object.entries(data)) add(`data/${chart}.bin`, content);
  for (const [i, { stem, lang, image, text }] of long.entries()) {
    add(longs[i], image.bytes);
    add(`long/${stem}.${lang}.txt`, `${text}\n`);
  }
  // The order a reader of the archive meets them: the page, the widget, the data, the rest.
  const rank = (path) => ["index.html", "embed", build, "data/", "frames/", "pictures/", "snippets/", "long/"].findIndex((p) => path.startsWith(p));
  files.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { name, files, snippets };
}

/** The folder's own page: each chart shown (picture, then the live widget) with its snippets. */
function indexPage({ doc, name, base, build, pages, snippets, extras, longs }) {
  const files = buildFiles(build);
  const subject = (lang) => (hasText(doc.subject, lang) ? doc.subject[lang].trim() : "");
  // The dataset's subject, else the journalist's title of the first chart, else the folder's name.
  const lead = pages[0]?.title;
  const heading = [subject("zh"), subject("en")].filter(Boolean).join(" · ") || lead || name;
  const relative = base === "./";
  // Relative snippets are given the page's own address on the host (published.js).
  const rewrite = relative && extras.includes("published.js");
  const mark = rewrite ? " data-relative" : "";
  const sections = pages.map(({ chart, lang, title, picture, data }, i) => {
    const s = snippets[i];
    const id = `${chart}.${lang}`;
    return `<section class="published" id="${escapeHtml(id)}" lang="${lang === "zh" ? "zh-CN" : "en"}">
<h2>${escapeHtml(title)} <small>(${escapeHtml(chart)}, ${lang})</small></h2>
<park-infographic chart="${escapeHtml(chart)}" lang="${lang}" data-src="${escapeHtml(data)}">${picture}</park-infographic>
<h3>Web 组件 · Web component <small>(snippets/${escapeHtml(id)}.html)</small></h3>
<pre tabindex="0"><code${mark}>${escapeHtml(s.component)}</code></pre>
<h3>Iframe <small>(snippets/${escapeHtml(id)}.iframe.html)</small></h3>
<pre tabindex="0"><code${mark}>${escapeHtml(s.iframe)}</code></pre>
<p><a href="pictures/${escapeHtml(id)}.svg">SVG</a> · <a href="pictures/${escapeHtml(id)}.png">PNG</a> · <a href="frames/${escapeHtml(id)}.html">iframe 页面 · frame page</a></p>
</section>`;
  });
  // The build's stylesheet and icon for the page, where the folder has them (the icon also
  // spares the host a request for /favicon.ico).
  const style =
    (extras.includes("favicon.svg") ? `<link rel="icon" href="${escapeHtml(build)}/favicon.svg">\n` : "") +
    (extras.includes("page.css") ? `<link rel="stylesheet" href="${escapeHtml(build)}/page.css">\n` : "");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} · 图表 · Charts</title>
<meta name="robots" content="noindex">
${style}<script type="module" src="embed.js"></script>
${rewrite ? `<script type="module" src="${escapeHtml(build)}/published.js"></script>
` : ""}
<link rel="modulepreload" href="${escapeHtml(files.glue)}">
<link rel="preload" href="${escapeHtml(files.wasm)}" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="${escapeHtml(files.css)}" as="style">
</head>
<body>
<header class="masthead">
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(hostSentence("zh"))}</p>
<p lang="en">${escapeHtml(hostSentence("en"))}</p>
<p id="relative-note">${
    relative
      ? "这些代码使用相对地址：在网站上打开本页，代码就会带上本文件夹的网址，可直接粘贴进文章。 · These snippets use relative addresses: open this page on the web site and they take this folder's address, ready to paste into an article."
      : `这些代码指向 · These snippets point at <a href="${escapeHtml(base)}">${escapeHtml(base)}</a>`
  }</p>
<p>数据 · Data: <a href="data/${escapeHtml(name)}.json">data/${escapeHtml(name)}.json</a> (在编辑器中打开 · open it in the editor)</p>
${longs.length ? `<p>长图（微信、微博）· Long images (WeChat, Weibo): ${longs.map((p) => `<a href="${escapeHtml(p)}">${escapeHtml(p)}</a>`).join(" · ")}</p>\n` : ""}</header>
<main class="gallery">
${sections.join("\n")}
</main>
</body>
</html>
`;
}
