//# allFunctionsCalledOnLoad
// (The line above asks Chromium to compile every function of this file while it loads,
// off the main thread, rather than each on its first call inside the widget's first tasks;
// the build keeps it. Other engines ignore it.)
//
// <park-infographic>: the embeddable widget. The source is the modules in embed/ (load,
// schedule, queue, chart-view, element, errors, dom, words); the build bundles them into
// one file (.ci/bundle.mjs), so a page makes one request for all of it.
//
//   <script type="module" src="embed.js"></script>
//   <park-infographic chart="growth-2019" lang="zh" theme="auto">…its picture…</park-infographic>
//
// Attributes: chart (any chart id the dataset has, or "all"), lang (zh | en), theme (auto |
// light | dark), data-src (URL of an editor's dataset: a compact `.bin` file or JSON),
// fallback-src (URL of an image shown under the error message when the chart cannot be
// drawn and the element holds no picture). Content: the chart's picture (an <svg> or
// <img>), shown until the canvas is drawn, and under an error message. Property: json (a
// dataset as JSON text, in place of data-src: the editor's preview). Events (bubbling,
// composed): infographic:ready {chart}, infographic:hover {chart, id, label, value, unit} or
// null, infographic:error {chart, message}. The message starts with a sentence naming what
// failed (the module, data-src, its data, an attribute, the drawing), then the detail.
// Printing draws every chart in the light theme (paper is white), whatever the screen's.
//
// Text from data reaches the DOM only through textContent; no innerHTML anywhere, no
// inline styles or scripts (the widget runs under a strict Content-Security-Policy).
// Optional browser APIs are feature-detected, each with a fallback: nothing optional may
// stop a chart from drawing (WebKit/Safari 15+, Firefox ESR, Chromium).
import { define } from "./embed/element.js";
import { requestForPage } from "./embed/load.js";

requestForPage();
define();
