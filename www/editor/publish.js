// Publishing: the dataset as a JSON file (key order of default.json, 2-space pretty),
// the snippets that embed it (web component, iframe, no-script image), and each chart
// as a PNG (and SVG where the module can write one).
import { download, pngBlob } from "../embed/dom.js";
import { serialize } from "./state.js";
import { word } from "./words.js";

/**
 * What was typed as an absolute http(s) URL, or null: a snippet must never carry another
 * scheme (a javascript: URL in an iframe's src would run on the news page's behalf).
 */
export function httpUrl(text) {
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The bundle's URL ending in "/". */
const base = (url) => (url.endsWith("/") ? url : `${url}/`);

const attr = (s) => String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The three snippets for chart `id` in `lang`, titled `title`. */
export function snippets({ bundle, json, id, lang, title }) {
  const b = base(bundle);
  const img = `${b}images/${id}.${lang}.png`;
  return {
    component: [
      `<script type="module" src="${attr(b)}embed.js"></script>`,
      `<park-infographic chart="${attr(id)}" lang="${lang}" data-src="${attr(json)}" fallback-src="${attr(img)}"></park-infographic>`,
    ].join("\n"),
    iframe: [
      `<iframe src="${attr(b)}frame.html?chart=${encodeURIComponent(id)}&amp;lang=${lang}&amp;data-src=${encodeURIComponent(json)}"`,
      `        title="${attr(title)}" width="100%" height="420" loading="lazy"></iframe>`,
      `<script src="${attr(b)}embed-frame.js"></script>`,
    ].join("\n"),
    noscript: `<noscript><img src="${attr(img)}" alt="${attr(title)}" width="640"></noscript>`,
  };
}

export class Publisher {
  /**
   * `doc()`: the working dataset; `valid()`: the last valid JSON text (or null);
   * `module()`: the editor's wasm module; `view()`: {chart, lang, theme} of the preview.
   */
  constructor({ doc, valid, module, view }) {
    this.doc = doc;
    this.valid = valid;
    this.module = module;
    this.view = view;
    this.status = document.getElementById("publish-status");
    this.host = document.getElementById("host-url");
    this.bundle = document.getElementById("bundle-url");
    this.box = document.getElementById("snippets");
    this.images = document.getElementById("images");
    document.getElementById("download-json").addEventListener("click", () => {
      download(new Blob([serialize(this.doc())], { type: "application/json" }), "park-infographic-data.json");
    });
    for (const input of [this.host, this.bundle]) input.addEventListener("input", () => this.renderSnippets());
    this.images.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (b) this.image(b.dataset.chart, b.dataset.format);
    });
    this.box.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (b) this.copy(document.getElementById(b.dataset.target));
    });
  }

  render() {
    this.renderSnippets();
    this.renderImages();
  }

  renderSnippets() {
    const { chart, lang } = this.view();
    const spec = this.doc().charts.find((c) => c?.id === chart);
    const title = (spec?.title && spec.title[lang]) || chart;
    const bundle = httpUrl(this.bundle.value);
    const json = httpUrl(this.host.value);
    if (!bundle || !json) {
      const p = document.createElement("p");
      p.className = "help";
      p.textContent = word("httpOnly");
      this.box.replaceChildren(p);
      return;
    }
    const s = snippets({ bundle, json, id: chart, lang, title });
    const blocks = [
      ["component", word("snippetComponent")],
      ["iframe", word("snippetIframe")],
      ["noscript", word("snippetNoscript")],
    ].map(([key, heading]) => {
      const h = document.createElement("h3");
      h.textContent = heading;
      const pre = document.createElement("pre");
      pre.tabIndex = 0;
      pre.id = `snippet-${key}`;
      pre.setAttribute("aria-label", heading);
      const code = document.createElement("code");
      code.textContent = s[key];
      pre.append(code);
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.target = pre.id;
      b.textContent = word("copy");
      b.setAttribute("aria-label", `${word("copy")}: ${heading}`);
      const div = document.createElement("div");
      div.className = "snippet";
      div.append(h, pre, b);
      if (key === "iframe") {
        const note = document.createElement("p");
        note.className = "help";
        note.textContent = word("iframeNote");
        div.append(note);
      }
      return div;
    });
    this.box.replaceChildren(...blocks);
  }

  renderImages() {
    const text = this.valid();
    if (!text) {
      const li = document.createElement("li");
      li.textContent = word("noValid");
      this.images.replaceChildren(li);
      return;
    }
    const charts = JSON.parse(text).charts;
    const svg = typeof this.module()?.chartSvg === "function";
    this.images.replaceChildren(
      ...charts.map((c) => {
        const li = document.createElement("li");
        const name = document.createElement("span");
        name.textContent = c.id;
        li.append(name);
        for (const format of svg ? ["png", "svg"] : ["png"]) {
          const b = document.createElement("button");
          b.type = "button";
          b.dataset.chart = c.id;
          b.dataset.format = format;
          b.textContent = word(format);
          b.setAttribute("aria-label", `${word(format)}: ${c.id}`);
          li.append(b);
        }
        return li;
      }),
    );
  }

  /** Downloads chart `id` of the last valid version, in the preview's language and theme. */
  async image(id, format) {
    const m = this.module();
    const text = this.valid();
    if (!m || !text) return;
    const { lang, theme } = this.view();
    try {
      if (format === "svg") {
        const svg = m.chartSvg(text, id, lang, theme, 640);
        download(new Blob([svg], { type: "image/svg+xml" }), `${id}.${lang}.svg`);
        return;
      }
      const data = m.Data.fromJson(text);
      const chart = new m.Chart(data, id, lang, theme);
      try {
        const canvas = document.createElement("canvas");
        chart.layOut(640, 2);
        chart.draw(canvas);
        const blob = await pngBlob(canvas);
        if (blob) download(blob, `${id}.${lang}.png`);
      } finally {
        chart.free();
        data.free();
      }
    } catch (e) {
      this.status.textContent = e.message;
    }
  }

  /** Copies the snippet's text; where the clipboard API is missing or refused, selects it. */
  async copy(pre) {
    const text = pre.textContent;
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      this.status.textContent = word("copied");
    } catch {
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      pre.focus();
      this.status.textContent = word("copyManual");
    }
  }
}
