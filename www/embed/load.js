// Loading: the wasm modules, the data files and the loading heights, each requested once
// per page and shared by every widget on it.
import { describeError, failure, notLoaded } from "./errors.js";

// The widget's files are in its build's folder beside the bundled embed.js: `__BUILD__`
// is that folder's name, written in by the build (.ci/dist.sh).
// Two of the crate's builds (README, "Layout"). The compact module reads the compact data
// files (the built-in data's, and editors' published `.bin` files); the JSON module adds
// the JSON reader and validation, for editors' JSON, which readers of compact files would
// otherwise download for nothing.
const MODULES = {
  compact: { wasm: "pkg/park_infographic_bg.wasm", glue: () => import(new URL(__BUILD__ + "pkg/park_infographic.js", import.meta.url).href) },
  json: {
    wasm: "pkg-json/park_infographic_bg.wasm",
    glue: () => import(new URL(__BUILD__ + "pkg-json/park_infographic.js", import.meta.url).href),
  },
};
const DATA_TIMEOUT_MS = 10000;
// A data file is read as it arrives and given up at this size (decompressed bytes): an
// endless or bomb-like answer costs the reader's memory no more than this. The modules
// refuse larger files too (MAX_JSON_BYTES in src/data/mod.rs).
const DATA_LIMIT_BYTES = 512 * 1024;

/** The built-in data, one compact file per chart (see src/data/compact.rs). */
const builtinUrl = (file) => new URL(`${__BUILD__}data/${file}.bin`, import.meta.url).href;
/** Whether a data-src names a compact file (what the editor publishes) rather than JSON. */
const isCompact = (url) => /\.bin$/i.test(new URL(url).pathname);

/** The module a widget needs: "compact" or "json" (its data-src or json property decide). */
export function moduleKind(widget) {
  if (widget.json != null) return "json";
  const src = widget.getAttribute("data-src");
  return !src || isCompact(new URL(src, document.baseURI).href) ? "compact" : "json";
}

const requests = {}; // kind -> { wasm: Promise<Response>, glue: Promise<module> }
function request(kind) {
  const files = MODULES[kind];
  const wasm = fetch(new URL(__BUILD__ + files.wasm, import.meta.url));
  const glue = files.glue();
  // Reported by loadModule, when a widget needs the module.
  wasm.catch(() => {});
  glue.catch(() => {});
  requests[kind] = { wasm, glue };
}

const prefetched = new Map(); // URL -> Promise<Uint8Array>, for the widgets already on the page
function prefetch(url) {
  if (!prefetched.has(url)) prefetched.set(url, fetchBytes(url));
  prefetched.get(url).catch(() => {}); // reported by the widget that needs it
}

/**
 * Requests what the widgets already on the page need, all at once, the moment the script
 * runs: their module (the wasm downloads and compiles while the rest arrives), its glue,
 * and each widget's data file. Static imports would have made a chain: this file, then the
 * glue, then the wasm. A page that adds its widgets later gets the same from the snippet's
 * preload lines (README).
 */
export function requestForPage() {
  const widgets = [...document.querySelectorAll("park-infographic")];
  for (const kind of new Set(widgets.map(moduleKind))) request(kind);
  for (const w of widgets) {
    const src = w.getAttribute("data-src");
    if (src) {
      try {
        prefetch(new URL(src, document.baseURI).href);
      } catch {
        // A malformed URL: the widget reports it.
      }
      continue;
    }
    const chart = w.getAttribute("chart") || "all";
    prefetch(builtinUrl(builtinChart(chart) ? chart : "all"));
  }
  // Compiled now, while the styles, heights and data arrive (a failure reaches the widgets
  // that need the module, through their own loadModule).
  for (const kind of Object.keys(requests)) loadModule(kind).catch(() => {});
}

// Chart heights by width for the built-in data (render --heights): per chart and language,
// [from width, height, from width, height, …]. Only widgets without a picture need them,
// for their loading placeholders.
let heights = { charts: {} }; // until they arrive, or if they cannot
let heightsLoaded;
export function loadHeights() {
  heightsLoaded ??= import(new URL(__BUILD__ + "heights.js", import.meta.url).href).then(
    (m) => (heights = m.default),
    () => heights, // no heights: placeholders get a default height
  );
  return heightsLoaded;
}

/** The built-in chart's height at `width` CSS px (0 if unknown). */
export function estimateHeight(id, lang, width) {
  const row = heights.charts[id]?.[lang];
  if (!row) return 0;
  // Narrower than the first width the chart is drawn at that width and scaled down by CSS.
  if (width < row[0]) return (row[1] * width) / row[0];
  let i = 0;
  while (row[i + 2] <= width) i += 2;
  return row[i + 1];
}

/** The built-in data's chart ids (`__BUILTIN_CHARTS__`: written in by the build). */
export const BUILTIN_CHARTS = __BUILTIN_CHARTS__;

/** Whether `chart` is one of the built-in data's (which alone have fallback images). */
export const builtinChart = (chart) => BUILTIN_CHARTS.includes(chart);

// One instance of each module and one parsed dataset per source, shared by every widget.
const modules = {}; // kind -> Promise<glue exports>
const datasets = new Map();

/** The module of `kind` ("compact" or "json"), instantiated once; resolves to its exports. */
function loadModule(kind) {
  modules[kind] ??= (async () => {
    // The request started at load the first time; a retry after a failure asks again.
    if (!requests[kind]) request(kind);
    const { wasm, glue } = requests[kind];
    delete requests[kind];
    const exports = await glue;
    await exports.default({ module_or_path: wasm });
    return exports;
  })().catch((e) => {
    delete modules[kind]; // a later widget may try again (e.g. after a network blip)
    if (typeof WebAssembly !== "object") throw failure("This browser cannot run WebAssembly, which the chart needs");
    throw failure(`The chart module (${MODULES[kind].wasm}) could not be loaded`, e);
  });
  return modules[kind];
}

/**
 * The dataset at `url`, loaded once per page by `load` and shared by every widget, with
 * the module it lives in: `{ data, Chart }`. A failed load is not kept: the editor may fix
 * the file and set the attribute again.
 */
function shared(url, load) {
  if (!datasets.has(url)) {
    const pending = load();
    datasets.set(url, pending);
    pending.catch(() => datasets.delete(url));
  }
  return datasets.get(url);
}

/** The dataset a widget shows: its json property, its data-src, or the built-in data. */
export function loadSource(widget, chart) {
  if (widget.json != null) {
    return parseJson(widget.json, (e) => failure("The data in the json property is not valid", e));
  }
  const src = widget.getAttribute("data-src");
  return src ? loadData(src) : loadBuiltin(chart);
}

/** An editor's dataset at data-src: a compact file (`.bin`) or JSON. */
function loadData(src) {
  const url = new URL(src, document.baseURI).href;
  const invalid = (e) => failure("The data file in data-src is not valid", `${url}: ${describeError(e)}`);
  const bytes = () => taken(url).catch((e) => Promise.reject(notLoaded(e)));
  if (isCompact(url)) return shared(url, () => readCompact(bytes(), invalid));
  return shared(url, async () => {
    const text = new TextDecoder().decode(await bytes());
    if (/^\s*</.test(text)) {
      throw notLoaded(`${url}: the server sent a web page, not JSON`);
    }
    return parseJson(text, invalid);
  });
}

/**
 * The built-in data for a widget showing `chart`: that chart's own file, or every chart's
 * (all.bin) for "all" and for ids the built-in data does not have (the module's error
 * then names the ones it has).
 */
function loadBuiltin(chart) {
  const url = builtinUrl(builtinChart(chart) ? chart : "all");
  const unread = (e) => failure("The built-in data could not be loaded", e);
  return shared(url, () =>
    readCompact(
      taken(url).catch((e) => Promise.reject(unread(e))),
      (e) => unread(`${url}: ${describeError(e)}`),
    ),
  );
}

/** The bytes at `url`: the prefetched ones if the page asked for them at load. */
function taken(url) {
  const bytes = prefetched.get(url) ?? fetchBytes(url);
  prefetched.delete(url);
  return bytes;
}

/** A compact data file read by the compact module; `invalid` words its error. */
async function readCompact(bytes, invalid) {
  const [m, data] = await Promise.all([loadModule("compact"), bytes]);
  try {
    return { data: m.Data.fromBytes(data), Chart: m.Chart };
  } catch (e) {
    throw invalid(e);
  }
}

/** An editor's JSON text read and validated by the JSON module; `invalid` words its error. */
async function parseJson(text, invalid) {
  const m = await loadModule("json");
  try {
    return { data: m.Data.fromJson(text), Chart: m.Chart };
  } catch (e) {
    throw invalid(e);
  }
}

/**
 * The bytes of the file at `url`, read as they arrive and given up past DATA_LIMIT_BYTES
 * or DATA_TIMEOUT_MS; rejects with an error whose message names the URL and why.
 */
async function fetchBytes(url) {
  const abort = new AbortController();
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    abort.abort();
  }, DATA_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: abort.signal });
    if (!response.ok) {
      abort.abort(); // the error page's body is not wanted
      throw new Error(`HTTP ${response.status}`);
    }
    return await readCapped(response, abort);
  } catch (e) {
    throw new Error(`${url}: ${late ? `no answer within ${DATA_TIMEOUT_MS / 1000} s` : e.message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A response's body, chunk by chunk, given up (the download aborted) past the limit. */
async function readCapped(response, abort) {
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (let chunk; !(chunk = await reader.read()).done; chunks.push(chunk.value)) {
    size += chunk.value.length;
    if (size > DATA_LIMIT_BYTES) {
      abort.abort();
      throw new Error(`larger than ${DATA_LIMIT_BYTES / 1024} KB, the limit for a data file`);
    }
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}
