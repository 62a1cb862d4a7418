// frame.html: one <park-infographic> from the URL, sized by the host page.
//
//   frame.html?chart=growth-2019&lang=zh&theme=auto
//   frame.html?chart=my-chart&lang=zh&data-src=data/mine.json   (a dataset on this origin)
//
// Unknown or missing parameters fall back to growth-2019, zh, auto. Inside an iframe
// this posts {type: "park-infographic:height", chart, height} to the parent whenever the
// document's height changes (embed-frame.js on the host page resizes the iframe), and
// obeys one message from the parent only: {type: "park-infographic:set", lang?, theme?}.
// The built-in charts (frame.html draws the built-in data), from the file embed.js also
// loads: no need to wait for the wasm to know them.
import { isChartId } from "./embed.js";
import HEIGHTS from "./heights.js";

const LANGS = ["zh", "en"];
const THEMES = ["auto", "light", "dark"];
const DEFAULTS = { chart: "growth-2019", lang: "zh", theme: "auto" };
const framed = window.parent !== window;

const params = new URL(location.href).searchParams;
const pick = (name, allowed) => {
  const value = params.get(name);
  return allowed.includes(value) ? value : DEFAULTS[name];
};
const state = { lang: pick("lang", LANGS), theme: pick("theme", THEMES) };
let widget = null;

// Listening from the start: a parent may send its first message as soon as the frame
// loads. Only the parent may switch the language or theme, and only with a well-formed
// message.
if (framed) {
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const change = setMessage(event.data);
    if (!change) return;
    Object.assign(state, change);
    apply();
  });
}

// An editor's dataset (the editor's iframe snippet): a data-src on the frame's own origin
// only, so no other site can make this origin show figures of its choosing; its chart
// ids are the editor's (any short kebab-case id).
const dataSrc = sameOrigin(params.get("data-src"));
const chart = dataSrc && isChartId(params.get("chart") ?? "")
  ? params.get("chart")
  : pick("chart", Object.keys(HEIGHTS.charts));

widget = document.createElement("park-infographic");
widget.setAttribute("chart", chart);
if (dataSrc) widget.setAttribute("data-src", dataSrc);
apply();
// The chart's title names the frame (its heading, for assistive technology, and its title).
widget.addEventListener("infographic:ready", () => {
  const title = widget.shadowRoot?.querySelector(".stage")?.getAttribute("aria-label");
  if (!title) return;
  document.title = title;
  document.getElementById("title").textContent = title;
});
document.getElementById("chart").append(widget);

if (framed) {
  document.documentElement.classList.add("framed");
  // The height, in whole CSS px, each time it changes.
  let posted = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === posted) return;
    posted = height;
    window.parent.postMessage({ type: "park-infographic:height", chart, height }, "*");
  };
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(post).observe(document.documentElement);
  } else {
    // Safari before 13.1: the height changes when the chart is drawn or fails, is laid
    // out again (a resize) or its data table opens or closes.
    widget.addEventListener("infographic:ready", post);
    widget.addEventListener("infographic:error", post);
    widget.shadowRoot?.addEventListener("toggle", post, true);
    window.addEventListener("resize", post);
  }
  post();
}

/** Puts the current language and theme on the document and the widget (once it exists). */
function apply() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  if (!widget) return;
  // Setting an attribute to the value it has does not re-render (attributeChangedCallback).
  widget.setAttribute("lang", state.lang);
  widget.setAttribute("theme", state.theme);
}

/** `{type: "park-infographic:set", lang?, theme?}` as a plain object: the change, or null. */
function setMessage(data) {
  if (typeof data !== "object" || data === null || Object.getPrototypeOf(data) !== Object.prototype) return null;
  if (data.type !== "park-infographic:set") return null;
  if (!Object.keys(data).every((k) => k === "type" || k === "lang" || k === "theme")) return null;
  if ("lang" in data && !LANGS.includes(data.lang)) return null;
  if ("theme" in data && !THEMES.includes(data.theme)) return null;
  const change = {};
  if ("lang" in data) change.lang = data.lang;
  if ("theme" in data) change.theme = data.theme;
  return change;
}

/** `src` as an absolute URL if it is on this page's origin, else null. */
function sameOrigin(src) {
  if (!src) return null;
  try {
    const url = new URL(src, location.href);
    return url.origin === location.origin ? url.href : null;
  } catch {
    return null;
  }
}
