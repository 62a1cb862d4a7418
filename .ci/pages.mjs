// The pages of dist/, at build time (.ci/dist.sh): links to the build's folder, and each
// built-in chart's picture where readers meet the chart first: in the demo article's
// elements, in a static frame page per chart and language (frames/<chart>.<lang>.html,
// what the iframe snippet points at), and in the snippets a producer copies
// (snippets/<chart>.<lang>.html and .iframe.html, which the gallery shows with its own
// address). The pictures come from `render --pictures`.
//
//   node .ci/pages.mjs <dist> <build folder> <pictures-dir>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFiles, componentSnippet, escapeHtml, framePage, iframeSnippet } from "../www/snippets.js";

/** The address the snippet files are written for; the gallery puts its own in its place. */
const EXAMPLE_BUNDLE = "https://cdn.example.org/park-infographic/";
/** The width (CSS px) pictures are laid out for: the phone column most readers have. */
const PICTURE_WIDTH_CSS = 360;
const [dist, build, pictures] = process.argv.slice(2);
/** The bundle's files an embed requests, relative to its root. */
const FILES = buildFiles(build);
const LANGS = ["zh", "en"];

const data = JSON.parse(readFileSync(join(dist, build, "data/default.json"), "utf8"));
const picture = (chart, lang, look = "auto") =>
  readFileSync(join(pictures, `${chart}.${lang}.${look}.${PICTURE_WIDTH_CSS}.svg`), "utf8").trim();
/** The picture's height in CSS px (its root's height attribute). */
const pictureHeight = (svg) => Number(/^<svg[^>]*\sheight="(\d+)"/.exec(svg)?.[1] ?? 0);

mkdirSync(join(dist, "frames"), { recursive: true });
mkdirSync(join(dist, "snippets"), { recursive: true });
for (const spec of data.charts) {
  for (const lang of LANGS) {
    const chart = spec.id;
    const svg = picture(chart, lang);
    const title = spec.title[lang];
    const frame = `frames/${chart}.${lang}.html`;
    const data = `${build}/data/${chart}.bin`;
    writeFileSync(join(dist, frame), framePage({ root: "../", files: FILES, chart, lang, title, data, picture: svg }));
    const component = componentSnippet({
      bundle: EXAMPLE_BUNDLE,
      files: FILES,
      chart,
      lang,
      data,
      picture: svg,
    });
    writeFileSync(join(dist, `snippets/${chart}.${lang}.html`), `${component}\n`);
    const iframe = iframeSnippet({ bundle: EXAMPLE_BUNDLE, frame, title, height: pictureHeight(svg) });
    writeFileSync(join(dist, `snippets/${chart}.${lang}.iframe.html`), `${iframe}\n`);
  }
}

// The pages' links to files of the build (written as if they were beside the page) go to
// the build's folder.
for (const page of ["index.html", "article.html", "frame.html", "editor.html"]) {
  const file = join(dist, page);
  const linked = readFileSync(file, "utf8").replace(/\s(href|src)="([\w./-]+)"/g, (whole, name, path) =>
    existsSync(join(dist, build, path)) ? ` ${name}="${build}/${path}"` : whole,
  );
  writeFileSync(file, linked);
}

// The demo article: every element of one built-in chart gets its picture (in the element's
// language and theme), as a producer's pasted snippet would have it.
const article = join(dist, "article.html");
const element = /<park-infographic([^>]*)><\/park-infographic>/g;
writeFileSync(
  article,
  readFileSync(article, "utf8").replace(element, (whole, attrs) => {
    const get = (name) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
    const chart = get("chart");
    if (!chart || chart === "all" || get("data-src") || !data.charts.some((c) => c.id === chart)) return whole;
    const look = get("theme") ?? "auto";
    return `<park-infographic${attrs}>${picture(chart, get("lang") ?? "zh", look)}</park-infographic>`;
  }),
);

// The gallery: the chart choice, and the first chart's snippets as the page's own text
// (gallery.js shows the chosen chart's, with the gallery's address).
const gallery = join(dist, "index.html");
const first = data.charts[0].id;
const options = data.charts
  .map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(c.title.zh)} · ${escapeHtml(c.title.en)}</option>`)
  .join("");
const snippetText = (file) => escapeHtml(readFileSync(join(dist, "snippets", file), "utf8").trim());
writeFileSync(
  gallery,
  readFileSync(gallery, "utf8")
    .replace("<!--chart options-->", options)
    .replace("<!--component snippet-->", snippetText(`${first}.zh.html`))
    .replace("<!--iframe snippet-->", snippetText(`${first}.zh.iframe.html`)),
);
