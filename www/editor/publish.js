// Publishing: one button gives one .zip, a complete static folder (folder.js says what is
// in it) that works uploaded as it is to any host: the widget's files of this editor's own
// build, the data (compact, and the JSON source), each chart's pictures (SVG and PNG, per
// language), its static iframe pages, its snippets and an index.html showing them all.
// This file fetches the widget's files, asks the wasm module for the compact data and the
// pictures, draws the PNGs and handles the page; folder.js (pure) writes the files.
import { download, pngBlob } from "../embed/dom.js";
import {
  IMAGE_RATIO,
  IMAGE_WIDTH_CSS,
  LANGS,
  PICTURE_WIDTH_CSS,
  chartLangs,
  chartSnippets,
  chartTitle,
  dataPath,
  folderName,
  hostSentence,
  httpUrl,
  inlinePicture,
  publishedFolder,
  snippetBase,
} from "./folder.js";
import { serialize } from "./state.js";
import * as words from "./words.js";
import { zip } from "./zip.js";

export { httpUrl };

// The editor's own build folder (b-<hash>/, where the bundled editor.js is) and the bundle's
// root above it (the entries): the published folder carries the same files under the same
// names. (`__BUILD__`: the way from the bundled editor to its build's files, .ci/dist.sh.)
const BUILD_DIR = new URL(__BUILD__ || "./", import.meta.url);
const ROOT = new URL("../", BUILD_DIR);
const BUILD = BUILD_DIR.pathname.split("/").filter(Boolean).pop() ?? "";
/** Files of the build the folder's index.html uses besides the widget's (style and icon). */
const PAGE_FILES = ["page.css", "favicon.svg"];
/** The folder's address as typed, kept in this browser beside the work (saves.js's key). */
const BASE_KEY = "park-infographic-editor:publish";

const WORDS = {
  zh: {
    publish: "发布",
    intro: "一个按钮生成整个发布文件夹（.zip）：解压后原样上传到任何静态网站即可。每次下载都会按当前数据重新生成全部文件，包括图片。",
    base: "文件夹上传后的网址",
    baseHelp: "例如 https://www.example.com/charts/park/。留空时代码使用相对地址，只适用于文件夹自己的 index.html。",
    httpOnly: "网址须以 http:// 或 https:// 开头。",
    zip: "下载发布文件夹（.zip）",
    json: "下载 JSON",
    snippets: "嵌入代码",
    chart: "图表",
    component: "Web 组件（含图表的静态图）",
    iframe: "Iframe",
    copy: "复制",
    copied: "已复制。",
    copyManual: "已选中文字：请按 Ctrl+C（⌘C）复制。",
    zhOnly: "此图表没有英文文字，只发布中文版。",
    lang: { zh: "中文", en: "English" },
    noModule: "编辑器模块尚未加载。",
    invalid: "数据有误，改正后才能发布：",
    working: "正在生成发布文件夹……",
    done: (name, n, kb) => `已下载 ${name}：${n} 个文件，${kb} KB。解压后上传整个文件夹。`,
    failed: "未能生成发布文件夹：",
  },
  en: {
    publish: "Publish",
    intro: "One button makes the whole folder (.zip): unzip it and upload it as it is to any static host. Every download makes every file anew from the data as it is now, pictures included.",
    base: "The folder's address once uploaded",
    baseHelp: "For example https://www.example.com/charts/park/. Left empty, the snippets use relative addresses, good only for the folder's own index.html.",
    httpOnly: "The address must start with http:// or https://.",
    zip: "Download the folder (.zip)",
    json: "Download JSON",
    snippets: "Snippets",
    chart: "Chart",
    component: "Web component (with the chart's picture)",
    iframe: "Iframe",
    copy: "Copy",
    copied: "Copied.",
    copyManual: "The text is selected: press Ctrl+C (⌘C) to copy.",
    zhOnly: "This chart has no English text: it is published in Chinese only.",
    lang: { zh: "Chinese", en: "English" },
    noModule: "The editor's module has not loaded yet.",
    invalid: "The data has a mistake; correct it to publish: ",
    working: "Making the folder…",
    done: (name, n, kb) => `Downloaded ${name}: ${n} files, ${kb} KB. Unzip it and upload the whole folder.`,
    failed: "Could not make the folder: ",
  },
};
const say = (key) => WORDS[words.uiLang?.() === "en" ? "en" : "zh"][key];

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

/** `[]` when `json` is a valid dataset, else `[path, message]`. */
function check(m, json) {
  if (typeof m.checkJson === "function") return m.checkJson(json);
  try {
    m.Data.fromJson(json).free();
    return [];
  } catch (e) {
    return ["", e.message];
  }
}

/** The languages chart `id` is published in: the module's answer, else the texts'. */
function langsOf(data, doc, id) {
  if (typeof data.langs === "function") return Array.from(data.langs(id)).filter((l) => LANGS.includes(l));
  return chartLangs(doc, id);
}

/** The snippet's inline picture: the module's picture (look "auto", a phone's column). */
function snippetPicture(m, json, id, lang) {
  if (typeof m.chartPicture === "function") return m.chartPicture(json, id, lang, "auto", PICTURE_WIDTH_CSS);
  return inlinePicture(m.chartSvg(json, id, lang, "light", PICTURE_WIDTH_CSS));
}

/** The picture file (light, an article's column). */
function pictureFile(m, json, id, lang) {
  if (typeof m.chartPicture === "function") return m.chartPicture(json, id, lang, "light", IMAGE_WIDTH_CSS);
  return m.chartSvg(json, id, lang, "light", IMAGE_WIDTH_CSS);
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

/**
 * The whole folder for the dataset `doc` (valid) with snippets for `base`: fetches the
 * widget's files, makes the compact data and every picture, and returns publishedFolder's
 * answer.
 */
export async function makeFolder(m, doc, base) {
  const json = serialize(doc);
  const widget = await widgetFiles();
  const data = m.Data.fromJson(json);
  try {
    const ids = Array.from(data.chartIds());
    const compact = {};
    if (typeof m.compactChart === "function") for (const id of ids) compact[id] = m.compactChart(json, id);
    else compact.all = m.compactBytes(json);
    const charts = [];
    for (const id of ids) {
      const langs = langsOf(data, doc, id);
      const pictures = {};
      for (const lang of langs) {
        pictures[lang] = {
          inline: snippetPicture(m, json, id, lang),
          svg: pictureFile(m, json, id, lang),
          png: await pngFile(m, data, id, lang),
        };
      }
      charts.push({ id, langs, pictures });
    }
    return publishedFolder({ doc, json, base, build: BUILD, widget, data: compact, charts });
  } finally {
    data.free();
  }
}

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

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
    const lang = words.uiLang?.() ?? "zh";
    if (this.builtLang === lang && this.section.querySelector("#publish-snippets")) return this.refresh();
    this.builtLang = lang;
    const base = el("input", { id: "publish-base", type: "url", autocomplete: "off", value: keptBase() });
    base.setAttribute("aria-describedby", "publish-base-help");
    base.placeholder = "https://www.example.com/charts/park/";
    this.section.replaceChildren(
      el("h2", { id: "publish-h", textContent: say("publish") }),
      el("p", { className: "help", textContent: say("intro") }),
      el("div", { className: "fields" }, el("label", {}, el("span", { textContent: say("base") }), " ", base)),
      el("p", { className: "help", id: "publish-base-help", textContent: say("baseHelp") }),
      el("p", {}, el("button", { type: "button", id: "publish-zip", className: "primary", textContent: say("zip") }), " ", el("button", { type: "button", id: "download-json", textContent: say("json") })),
      el("p", { className: "help", id: "publish-host", textContent: hostSentence(words.uiLang?.() === "en" ? "en" : "zh") }),
      el("p", { id: "publish-status", className: "status" }),
      el("h3", { textContent: say("snippets") }),
      el("div", { className: "fields" }, el("label", {}, el("span", { textContent: say("chart") }), " ", el("select", { id: "publish-chart" }))),
      el("div", { id: "publish-snippets" }),
    );
    this.section.querySelector("#publish-status").setAttribute("role", "status");
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
    const ids = (Array.isArray(doc?.charts) ? doc.charts : []).map((c) => c?.id).filter((id) => typeof id === "string");
    const optionsKey = ids.join("\u0000");
    if (select.dataset.key !== optionsKey) {
      select.dataset.key = optionsKey;
      select.replaceChildren(...ids.map((id) => el("option", { value: id, textContent: id })));
    }
    let chart = this.picked && ids.includes(this.picked) ? this.picked : this.view().chart;
    if (!ids.includes(chart)) chart = ids[0];
    if (chart) select.value = chart;

    const typed = this.section.querySelector("#publish-base").value;
    const base = snippetBase(typed);
    const m = this.moduleOf();
    const json = doc ? serialize(doc) : "";
    const key = JSON.stringify([json, chart, base, Boolean(m), words.uiLang?.()]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const note = (text) => box.replaceChildren(el("p", { className: "help", textContent: text }));
    if (!base) return note(say("httpOnly"));
    if (!m) return note(say("noModule"));
    if (!chart) return box.replaceChildren();
    const problem = check(m, json);
    if (problem.length) return note(say("invalid") + (problem[0] ? `${problem[0]}: ` : "") + problem[1]);
    let data;
    try {
      data = m.Data.fromJson(json);
      const ids = Array.from(data.chartIds());
      const file = dataPath(chart, typeof m.compactChart === "function" ? ids : []);
      const langs = langsOf(data, doc, chart);
      const blocks = langs.map((lang) => {
        const title = chartTitle(doc, chart, lang);
        const picture = snippetPicture(m, json, chart, lang);
        const s = chartSnippets({ base, build: BUILD, chart, lang, title, picture, data: file });
        return el(
          "div",
          { className: "snippet-lang" },
          el("h4", { textContent: `${say("lang")[lang]} · ${title}` }),
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
    else if (b.id === "download-json") {
      const doc = this.doc();
      download(new Blob([serialize(doc)], { type: "application/json" }), `${folderName(doc)}.json`);
    } else if (b.dataset.copy) this.copy(this.section.querySelector(`#${b.dataset.copy}`));
  }

  /** Makes the folder from the dataset as it is now and downloads it as one .zip. */
  async publish() {
    if (this.busy) return;
    const m = this.moduleOf();
    if (!m) return this.status(say("noModule"));
    const doc = this.doc();
    const problem = check(m, serialize(doc));
    if (problem.length) return this.status(say("invalid") + (problem[0] ? `${problem[0]}: ` : "") + problem[1]);
    const typed = this.section.querySelector("#publish-base").value;
    if (!snippetBase(typed)) return this.status(say("httpOnly"));
    const button = this.section.querySelector("#publish-zip");
    this.busy = true;
    button.disabled = true;
    this.status(say("working"));
    try {
      const folder = await makeFolder(m, doc, typed);
      const bytes = await zip(folder.files);
      const name = `${folder.name}.zip`;
      download(new Blob([bytes], { type: "application/zip" }), name);
      this.status(say("done")(name, folder.files.length, Math.round(bytes.length / 1024)));
    } catch (e) {
      this.status(say("failed") + (e?.message ?? e));
    } finally {
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

/**
 * Today's main.js's interface (`doc()`, `module()`, `view()`; it calls `render`,
 * `renderSnippets` and `renderImages`) over the PublishPanel, until the editor has its
 * store: those calls notify the panel as the store will.
 */
export class Publisher {
  constructor({ doc, module, view }) {
    const listeners = new Set();
    this.notify = () => {
      for (const fn of listeners) fn();
    };
    const store = { get: doc, subscribe: (fn) => (listeners.add(fn), () => listeners.delete(fn)) };
    this.panel = new PublishPanel({ store, module, view });
  }

  render() {
    this.panel.render();
  }

  renderSnippets() {
    this.notify();
  }

  renderImages() {
    this.notify();
  }
}
