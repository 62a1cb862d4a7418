// Splits Chart.js' cold start: load + evaluate chart.umd.min.js (fetch time, from resource
// timing, reported apart), the data file, then the host code (new Chart → first draw),
// then a second layout + draw of the same chart (warm).
const now = () => performance.now();

function load(src) {
  return new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = ok;
    s.onerror = fail;
    document.head.append(s);
  });
}

function fetchTime(src) {
  const e = performance.getEntriesByName(new URL(src, document.baseURI).href)[0];
  return e ? e.responseEnd - e.startTime : 0;
}

const t = {};
let a = now();
await load("chart.umd.min.js");
t.libLoad = now() - a;
t.libFetch = fetchTime("chart.umd.min.js");
await load("chartjs-data.js");
a = now();
await load("chartjs.js");
t.hostLoad = now() - a;
t.hostFetch = fetchTime("chartjs.js");
// The same chart laid out and drawn again (warm: the library's code has run once).
const chart = Chart.getChart(document.querySelector("#chart-box canvas"));
a = now();
chart.update();
t.secondUpdate = now() - a;
window.__cold = t;
