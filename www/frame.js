// The iframe target, in two kinds of page, sized by the host page:
//
//   frames/<chart>.<lang>.html   a chart's static frame page, written by the build (and by
//                                the editor's publish step) with the chart's picture in its
//                                HTML: the iframe shows the chart at once, also without
//                                JavaScript; this script finds the element there
//   frame.html?chart=growth-2019&lang=zh&theme=auto
//   frame.html?chart=my-chart&lang=zh&data-src=data/mine.json   (a dataset on this origin)
//
// On frame.html unknown or missing parameters fall back to growth-2019, zh, auto. Inside
// an iframe this posts {type: "park-infographic:height", chart, height} to the parent
// whenever the document's height changes (embed-frame.js on the host page resizes the
// iframe), and obeys one message from the parent only: {type: "park-infographic:set",
// lang?, theme?}.
// The built-in charts (frame.html draws the built-in data), from the file the widget also
// loads: no need to wait for the wasm to know them.
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
// A static frame page holds its element already; frame.html makes one from its URL.
let widget = document.querySelector("#chart park-infographic");
const state = widget
  ? { lang: widget.getAttribute("lang") || "zh", theme: widget.getAttribute("theme") || "auto" }
  : { lang: pick("lang", LANGS), theme: pick("theme", THEMES) };

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

if (!widget) {
  // An editor's dataset (the editor's iframe snippet): a data-src on the frame's own origin
  // only, so no other site can make this origin show figures of its choosing; its chart
  // ids are the editor's (the widget says so if the dataset has no such chart).
  const dataSrc = sameOrigin(params.get("data-src"));
  const chart = dataSrc ? params.get("chart") || DEFAULTS.chart : pick("chart", Object.keys(HEIGHTS.charts));
  widget = document.createElement("park-infographic");
  widget.setAttribute("chart", chart);
  if (dataSrc) widget.setAttribute("data-src", dataSrc);
  apply();
  document.getElementById("chart").append(widget);
}
const chart = widget.getAttribute("chart");
// The chart's title names the frame (its heading, for assistive technology, and its title).
widget.addEventListener("infographic:ready", () => {
  const title = widget.shadowRoot?.querySelector(".stage")?.getAttribute("aria-label");
  if (!title) return;
  document.title = title;
  document.getElementById("title").textContent = title;
});

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

/** Puts the current language and theme on the document and the widget. */
function apply() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
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
