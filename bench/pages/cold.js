// Splits ours' cold start into steps, in a fresh page: fetch the wasm, compile it,
// instantiate, parse the built-in dataset, create the chart, first render (includes
// V8's lazy compilation of the functions it runs), second render (warm).
import init, { Chart, Data } from "../pkg/park_infographic.js";

const now = () => performance.now();
const t = {};
let a = now();
const bytes = await (await fetch("../pkg/park_infographic_bg.wasm")).arrayBuffer();
t.fetch = now() - a;
a = now();
const module = await WebAssembly.compile(bytes);
t.compile = now() - a;
a = now();
await init({ module_or_path: module });
t.instantiate = now() - a;
a = now();
const data = Data.builtin();
t.dataBuiltin = now() - a;
a = now();
const chart = new Chart(data, "growth-2019", "zh", "light");
t.chartNew = now() - a;
const canvas = document.getElementById("ours");
a = now();
chart.render(canvas, 640, window.devicePixelRatio || 1);
t.firstRender = now() - a;
a = now();
chart.render(canvas, 640, window.devicePixelRatio || 1);
t.secondRender = now() - a;
window.__cold = t;
