// The HTML a producer pastes, and the static frame pages: one source for the build
// (.ci/pages.mjs, the built-in charts) and the editor's publish step (editors' charts).
// Pure functions of their arguments: no DOM, so node runs them too.

/** `s` for an HTML attribute value or text (the data may hold any character). */
export const escapeHtml = (s) =>
  String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The build's files an embed requests, relative to the bundle's (or folder's) root. */
export function buildFiles(build) {
  return {
    glue: `${build}/pkg/park_infographic.js`,
    wasm: `${build}/pkg/park_infographic_bg.wasm`,
    css: `${build}/embed.css`,
    frame: `${build}/frame.js`,
    frameCss: `${build}/frame.css`,
  };
}

/** The bundle's address ending in "/". */
const dir = (url) => (url.endsWith("/") ? url : `${url}/`);

/**
 * The web-component snippet for one chart: the script, preload lines that start the
 * chart's files at once, and the element holding the chart's `picture` (inline SVG
 * markup, made by the same code as the canvas), which readers see at the page's first
 * paint, also without JavaScript, CORS or the script. `files` are the bundle's files as
 * the entry requests them (`{ glue, wasm, css }`, relative to `bundle`);
 * `data`: the chart's data file (absolute, or relative to `bundle` for built-in data).
 */
export function componentSnippet({ bundle, files, chart, lang, theme, data, dataSrc, picture }) {
  const b = escapeHtml(dir(bundle));
  const attrs = [`chart="${escapeHtml(chart)}"`, `lang="${lang}"`];
  if (theme && theme !== "auto") attrs.push(`theme="${theme}"`);
  if (dataSrc) attrs.push(`data-src="${escapeHtml(dataSrc)}"`);
  const dataUrl = escapeHtml(dataSrc ?? `${dir(bundle)}${data}`);
  return [
    `<script type="module" src="${b}embed.js"></script>`,
    `<link rel="modulepreload" href="${b}${files.glue}">`,
    `<link rel="preload" href="${b}${files.wasm}" as="fetch" type="application/wasm" crossorigin>`,
    `<link rel="preload" href="${dataUrl}" as="fetch" crossorigin>`,
    `<link rel="preload" href="${b}${files.css}" as="style">`,
    `<park-infographic ${attrs.join(" ")}>${picture ?? ""}</park-infographic>`,
  ].join("\n");
}

/**
 * The iframe snippet for one chart: its static frame page (`frame`, relative to `bundle`,
 * which holds the picture too) and the script that sizes the iframe to its chart.
 */
export function iframeSnippet({ bundle, frame, title, height }) {
  const b = escapeHtml(dir(bundle));
  return [
    `<iframe src="${b}${escapeHtml(frame)}"`,
    `        title="${escapeHtml(title)}" width="100%" height="${Math.ceil(height)}" loading="lazy"></iframe>`,
    `<script src="${b}embed-frame.js"></script>`,
  ].join("\n");
}

/**
 * A static frame page of one chart: the element with its picture in the page's HTML, so
 * the iframe shows the chart at once, also without JavaScript. `root`: the way from the
 * page to the bundle's root ("../" for frames/<chart>.<lang>.html); `files` as above;
 * `data` the chart's data file (relative to the root) or `dataSrc` an editor's.
 */
export function framePage({ root, files, chart, lang, title, data, dataSrc, picture }) {
  const r = escapeHtml(root);
  const attrs = [`chart="${escapeHtml(chart)}"`, `lang="${lang}"`];
  if (dataSrc) attrs.push(`data-src="${escapeHtml(dataSrc)}"`);
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="robots" content="noindex">
<link rel="stylesheet" href="${r}${escapeHtml(files.frameCss)}">
<script type="module" src="${r}embed.js"></script>
<link rel="modulepreload" href="${r}${escapeHtml(files.glue)}">
<link rel="preload" href="${r}${escapeHtml(files.wasm)}" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="${escapeHtml(dataSrc ?? `${root}${data}`)}" as="fetch" crossorigin>
<link rel="preload" href="${r}${escapeHtml(files.css)}" as="style">
<script type="module" src="${r}${escapeHtml(files.frame)}"></script>
</head>
<body>
<main id="chart">
<h1 class="sr-only" id="title">${escapeHtml(title)}</h1>
<park-infographic ${attrs.join(" ")}>${picture ?? ""}</park-infographic>
</main>
</body>
</html>
`;
}
