// Publishing: one button gives one .zip, a complete static folder (folder.js says what is
// in it) that works uploaded as it is to any host: the widget's files of this editor's own
// build, the data (compact, and the JSON source), each chart's pictures (SVG and PNG, per
// language), its static iframe pages, its snippets, the long images (长图) for WeChat and
// Weibo with their alternative texts, and an index.html showing them all.
// This file fetches the widget's files, asks the wasm module for the compact data and the
// pictures, draws the PNGs and handles the page; folder.js (pure) writes the files.
import { download, el, pngBlob } from "../embed/dom.js";
import { check } from "./checks.js";
import {
  IMAGE_RATIO,
  IMAGE_WIDTH_CSS,
  chartLangs,
  chartSnippets,
  chartTitle,
  dataPath,
  folderName,
  hostSentence,
  imageExtension,
  longLangs,
  longStem,
  makeFolder,
  qrAddress,
  snippetBase,
  snippetPicture,
} from "./folder.js";
import { rasterise } from "./longimage.js";
import { serialize } from "./state.js";
import { uiLang, word } from "./words.js";
import { zip } from "./zip.js";

// The editor's own build folder (b-<hash>/, where the bundled editor.js is) and the bundle's
// root above it (the entries): the published folder carries the same files under the same
// names. (`__BUILD__`: the way from the bundled editor to its build's files, .ci/dist.sh.)
const BUILD_DIR = new URL(__BUILD__ || "./", import.meta.url);
const ROOT = new URL("../", BUILD_DIR);
const BUILD = BUILD_DIR.pathname.split("/").filter(Boolean).pop() ?? "";
/**
 * Files of the build the folder's index.html uses besides the widget's: style, icon, and
 * the script that gives relative snippets the page's address.
 */
const PAGE_FILES = ["page.css", "favicon.svg", "published.js"];
/** The folder's address as typed, kept in this browser beside the work (saves.js's key). */
const BASE_KEY = "park-infographic-editor:publish";

const say = (key, args) => word(`pub.${key}`, args);
/** The other failures after the first, counted (they usually share its cause). */
const more = (n) => (n > 0 ? say("longMore", { n }) : "");

function keptBase() {
  try {
    return JSON.parse(localStorage.getItem(BASE_KEY) ?? "{}").base ?? "";
  } catch {
    return "";
  }
}

function keepBase(base) {
  try {
    localStorage.setItem(BASE_KEY, JSON.stringify({ base }));
  } catch {
    // No storage (private mode, quota): the field keeps it for this visit.
  }
}

/** The chart drawn on a canvas at IMAGE_RATIO, as PNG bytes. */
async function pngFile(m, data, id, lang) {
  const chart = new m.Chart(data, id, lang, "light");
  try {
    const canvas = document.createElement("canvas");
    chart.layOut(IMAGE_WIDTH_CSS, IMAGE_RATIO);
    chart.draw(canvas);
    const blob = await pngBlob(canvas);
    return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
  } finally {
    chart.free();
  }
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The widget's files of this build, as widget-files.json lists them, and the page's. */
async function widgetFiles() {
  const list = await (await fetch(new URL("widget-files.json", BUILD_DIR))).json();
  const get = (paths, dir) => Promise.all(paths.map(async (p) => [p, await fetchBytes(new URL(p, dir))]));
  const [entries, build, page] = await Promise.all([
    get(list.entries, ROOT),
    get(list.build, BUILD_DIR),
    // The index page's stylesheet and icon: nice to have, not needed.
    Promise.all(PAGE_FILES.map((p) => fetchBytes(new URL(p, BUILD_DIR)).then((b) => [p, b], () => null))),
  ]);
  return { entries: Object.fromEntries(entries), build: Object.fromEntries([...build, ...page.filter(Boolean)]) };
}

export class PublishPanel {
  /**
   * `store`: `get()` (or `.doc`) gives the working dataset, `subscribe(fn)` calls `fn` on
   * every change; `module`: the editor's wasm module, or a function giving it (null until
   * loaded); `view()`: `{chart, lang, theme}` of the preview (the chart shown first).
   */
  constructor({ store, module, view }) {
    this.store = store;
    this.moduleOf = typeof module === "function" ? module : () => module;
    this.view = view ?? (() => ({}));
    this.section = document.getElementById("publish");
    this.builtLang = null; // the UI language the panel was built in
    this.picked = null; // the chart chosen in this panel (else the preview's)
    this.shownKey = null; // what the snippets shown were made from
    this.scheduled = false;
    this.busy = false;
    store.subscribe?.(() => this.schedule());
    this.section.addEventListener("click", (e) => this.click(e));
    this.section.addEventListener("input", (e) => {
      if (e.target.id !== "publish-base") return;
      keepBase(e.target.value);
      this.schedule();
    });
    this.section.addEventListener("change", (e) => {
      if (e.target.id !== "publish-chart") return;
      this.picked = e.target.value;
      this.schedule();
    });
  }

  doc() {
    return typeof this.store.get === "function" ? this.store.get() : this.store.doc;
  }

  /**
   * The panel in the UI's language, built once per language (the editor calls this after
   * every valid check too: then only the snippets follow the data).
   */
  render() {
    const lang = uiLang();
    if (this.builtLang === lang && this.section.querySelector("#publish-snippets")) return this.refresh();
    this.builtLang = lang;
    const base = el("input", { id: "publish-base", type: "url", autocomplete: "off", value: keptBase() });
    base.setAttribute("aria-describedby", "publish-base-help");
    base.placeholder = "https://www.example.com/charts/park/";
    this.section.replaceChildren(
      el("h2", { id: "publish-h", textContent: "发布 · Publish" }),
      el("p", { className: "help", textContent: say("intro") }),
      el("div", { className: "fields" }, el("label", {}, el("span", { textContent: say("base") }), " ", base)),
      el("p", { className: "help", id: "publish-base-help", textContent: say("baseHelp") }),
      el("p", {}, el("button", { type: "button", id: "publish-zip", className: "primary", textContent: say("zip") }), " ", el("button", { type: "button", id: "download-json", textContent: say("json") })),
      el("p", {}, el("button", { type: "button", id: "publish-long", className: "quiet", textContent: say("long") }), " ", el("span", { className: "help", id: "publish-long-help", textContent: say("longHelp") })),
      el("p", { className: "help", id: "publish-host", textContent: hostSentence(uiLang()) }),
      el("p", { id: "publish-status", className: "status" }),
      el("h3", { textContent: say("snippets") }),
      el("div", { className: "fields" }, el("label", {}, el("span", { textContent: say("chart") }), " ", el("select", { id: "publish-chart" }))),
      el("div", { id: "publish-snippets" }),
    );
    this.section.querySelector("#publish-status").setAttribute("role", "status");
    this.section.querySelector("#publish-long").setAttribute("aria-describedby", "publish-long-help");
    this.shownKey = null;
    this.refresh();
  }

  /** At most one refresh per animation frame, however fast the changes come. */
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.refresh();
    });
  }

  status(text) {
    const s = this.section.querySelector("#publish-status");
    if (s) s.textContent = text;
  }

  /** The chart choice and the chosen chart's snippets, from the dataset as it is now. */
  refresh() {
    const box = this.section.querySelector("#publish-snippets");
    const select = this.section.querySelector("#publish-chart");
    if (!box || !select) return;
    const doc = this.doc();
    const charts = (Array.isArray(doc?.charts) ? doc.charts : []).filter((c) => typeof c?.id === "string");
    const ids = charts.map((c) => c.id);
    // Charts by the journalist's title (their id where they have none yet).
    const named = charts.map((c) => [c.id, (typeof c.title?.zh === "string" && c.title.zh.trim()) || c.id]);
    const optionsKey = JSON.stringify(named);
    if (select.dataset.key !== optionsKey) {
      select.dataset.key = optionsKey;
      select.replaceChildren(...named.map(([id, title]) => el("option", { value: id, textContent: title })));
    }
    let chart = this.picked && ids.includes(this.picked) ? this.picked : this.view().chart;
    if (!ids.includes(chart)) chart = ids[0];
    if (chart) select.value = chart;

    const typed = this.section.querySelector("#publish-base").value;
    const base = snippetBase(typed);
    const m = this.moduleOf();
    const json = doc ? serialize(doc) : "";
    const key = JSON.stringify([json, chart, base, Boolean(m), uiLang()]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const note = (text) => box.replaceChildren(el("p", { className: "help", textContent: text }));
    if (!base) return note(say("httpOnly"));
    if (!m) return note(say("noModule"));
    if (!chart) return box.replaceChildren();
    const problem = check(m, json, uiLang());
    if (problem.length) return note(say("invalid") + (problem[0] ? `${problem[0]}: ` : "") + problem[1]);
    let data;
    try {
      data = m.Data.fromJson(json);
      const ids = Array.from(data.chartIds());
      const file = dataPath(chart, ids);
      const langs = chartLangs(data, chart);
      const blocks = langs.map((lang) => {
        const title = chartTitle(doc, chart, lang);
        const picture = snippetPicture(m, json, chart, lang);
        const s = chartSnippets({ base, build: BUILD, chart, lang, title, picture, data: file });
        return el(
          "div",
          { className: "snippet-lang" },
          el("h4", { textContent: `${say(`lang.${lang}`)} · ${title}` }),
          this.snippet(`snippet-${lang}-component`, `${say("component")} (${lang})`, s.component),
          this.snippet(`snippet-${lang}-iframe`, `${say("iframe")} (${lang})`, s.iframe),
        );
      });
      if (!langs.includes("en")) blocks.push(el("p", { className: "help", textContent: say("zhOnly") }));
      box.replaceChildren(...blocks);
    } catch (e) {
      note(say("failed") + e.message);
    } finally {
      data?.free();
    }
  }

  snippet(id, heading, text) {
    const pre = el("pre", { tabIndex: 0, id }, el("code", { textContent: text }));
    pre.setAttribute("aria-label", heading);
    const copy = el("button", { type: "button", textContent: say("copy") });
    copy.dataset.copy = id;
    copy.setAttribute("aria-label", `${say("copy")}: ${heading}`);
    return el("div", { className: "snippet" }, el("h5", { textContent: heading }), pre, copy);
  }

  click(e) {
    const b = e.target.closest?.("button");
    if (!b) return;
    if (b.id === "publish-zip") this.publish();
    else if (b.id === "publish-long") this.downloadLong();
    else if (b.id === "download-json") {
      const doc = this.doc();
      download(new Blob([serialize(doc)], { type: "application/json" }), `${folderName(doc)}.json`);
    } else if (b.dataset.copy) this.copy(this.section.querySelector(`#${b.dataset.copy}`));
  }

  /**
   * The module, the dataset, its text and the address typed when they can be published
   * now; else null, the reason shown.
   */
  ready() {
    if (this.busy) return null;
    const refuse = (text) => {
      this.status(text);
      return null;
    };
    const m = this.moduleOf();
    if (!m) return refuse(say("noModule"));
    const doc = this.doc();
    const json = serialize(doc);
    const problem = check(m, json, uiLang());
    if (problem.length) return refuse(say("invalid") + (problem[0] ? `${problem[0]}: ` : "") + problem[1]);
    const typed = this.section.querySelector("#publish-base").value;
    if (!snippetBase(typed)) return refuse(say("httpOnly"));
    return { m, doc, json, typed };
  }

  /** Makes the folder from the dataset as it is now and downloads it as one .zip. */
  async publish() {
    const ready = this.ready();
    if (!ready) return;
    const { m, doc, json, typed } = ready;
    const button = this.section.querySelector("#publish-zip");
    this.busy = true;
    button.disabled = true;
    this.status(say("working"));
    try {
      const widget = await widgetFiles();
      const png = (data, id, lang) => pngFile(m, data, id, lang);
      const folder = await makeFolder({ m, doc, json, base: typed, build: BUILD, widget, png, raster: rasterise });
      const bytes = await zip(folder.files);
      const name = `${folder.name}.zip`;
      download(new Blob([bytes], { type: "application/zip" }), name);
      const done = say("done", { name, n: folder.files.length, kb: Math.round(bytes.length / 1024) });
      this.status(folder.problems.length ? `${done} ${say("longFailed")}${folder.problems[0]}${more(folder.problems.length - 1)}` : done);
    } catch (e) {
      this.status(say("failed") + (e?.message ?? e));
    } finally {
      this.busy = false;
      button.disabled = false;
    }
  }

  /** The long image alone, in the preview's language where the data has it (else Chinese), downloaded. */
  async downloadLong() {
    const ready = this.ready();
    if (!ready) return;
    const { m, doc, json, typed } = ready;
    const button = this.section.querySelector("#publish-long");
    this.busy = true;
    button.disabled = true;
    this.status(say("longWorking"));
    let data;
    try {
      data = m.Data.fromJson(json);
      const ids = Array.from(data.chartIds());
      const langs = longLangs(data, ids);
      const lang = langs.includes(this.view().lang) ? this.view().lang : langs[0];
      const image = await rasterise(m.longImageSvg(json, lang, qrAddress(typed), undefined));
      const name = `${longStem(folderName(doc), ids)}.${lang}.${imageExtension(image.type)}`;
      download(new Blob([image.bytes], { type: image.type }), name);
      this.status(say("longDone", { name, kb: Math.round(image.bytes.length / 1024) }));
    } catch (e) {
      this.status(say("longFailed") + (e?.message ?? e));
    } finally {
      data?.free();
      this.busy = false;
      button.disabled = false;
    }
  }

  /** Copies the snippet's text; where the clipboard API is missing or refused, selects it. */
  async copy(pre) {
    if (!pre) return;
    const text = pre.textContent;
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      this.status(say("copied"));
    } catch {
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      pre.focus();
      this.status(say("copyManual"));
    }
  }
}
