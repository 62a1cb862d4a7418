// The mobile reader's rows of the targets' table and its section of results.md, from
// run.mjs's results.mobile (bench/lib/mobile.mjs).
import { bytes, kb, KB, ms, range, table, times } from "./format.mjs";

const SEEN_RATIO = 0.5;
const READY_RATIO = 0.9;
const SHIFT_LIMIT = 0.01;
const BUDGET_BYTES = 64 * KB;
const OURS = { builtin: "built-in chart", published: "an editor's published chart" };

const mid = (s, f) => `${f(s.median)} (${range(s, f)})`;
const shift = (x) => (Number.isFinite(x) ? x.toFixed(4) : "–");

/** Rows: measure | ours | Chart.js | ratio | target | met. */
export function mobileTargets(m) {
  const c = m.rows.chartjs;
  const n = c.loads;
  const vs = (row, what, limit, label) => ({
    measure: `phone, ${OURS[row]}: ${label}, ms after navigation start, median (range) of ${n} loads; ratio per round`,
    ours: mid(m.rows[row][what], ms),
    chartjs: mid(c[what], ms),
    ratio: mid(m.ratio[row][what], times),
    target: `≤ ${limit}×`,
    met: m.ratio[row][what].median <= limit,
  });
  const both = (f) => `${f(m.rows.builtin)} / ${f(m.rows.published)}`;
  return [
    vs("builtin", "seen", SEEN_RATIO, "chart seen"),
    vs("published", "seen", SEEN_RATIO, "chart seen"),
    vs("builtin", "ready", READY_RATIO, "ready (hover answers)"),
    vs("published", "ready", READY_RATIO, "ready (hover answers)"),
    {
      measure: `phone: layout shift, navigation → ready, largest of ${n} loads (built-in / published)`,
      ours: both((x) => shift(x.shift.max)),
      chartjs: shift(c.shift.max),
      ratio: "—",
      target: `< ${SHIFT_LIMIT}`,
      met: ["builtin", "published"].every((row) => m.rows[row].shift.max < SHIFT_LIMIT),
    },
    {
      measure: "phone: the chart's downloads, gzip bodies (whole page on the wire, headers and article included); built-in / published",
      ours: both((x) => `${kb(x.chartBytes.max)} (${kb(x.bytes.max)})`),
      chartjs: `${kb(c.chartBytes.max)} (${kb(c.bytes.max)})`,
      ratio: both((x) => times(x.chartBytes.max / c.chartBytes.max)),
      target: `≤ ${kb(BUDGET_BYTES)} (the chart's)`,
      met: ["builtin", "published"].every((row) => m.rows[row].chartBytes.max <= BUDGET_BYTES),
    },
  ];
}

/** The section: how it is measured, the table, what lies under it, the files. */
export function mobileMarkdown(m, p) {
  const s = m.settings;
  const name = { builtin: `ours, ${OURS.builtin}`, published: `ours, ${OURS.published}`, chartjs: "Chart.js 4 (deferred UMD)" };
  const ratio = (row, what) => (m.ratio[row] ? `; ${mid(m.ratio[row][what], times)}` : "");
  p(
    "## A reader on a phone",
    `\`bench/lib/mobile.mjs\`: an article (\`bench/pages/mobile-article.template.html\`, its styles inline) on one origin, the bundle on another that sends \`Access-Control-Allow-Origin: *\`, both gzip level ${s.gzipLevel} (\`bench/lib/gzip.mjs\` over \`.ci/serve.mjs\`), HTTP/1.1. Lighthouse's mobile conditions through the DevTools protocol: ${s.network.latency} ms round trip, ${((s.network.downloadThroughput * 8) / 2 ** 20).toFixed(1)} Mbit/s down, ${Math.round((s.network.uploadThroughput * 8) / 1024)} kbit/s up, CPU ${s.cpuRate}×, ${s.phone.viewport.width} × ${s.phone.viewport.height} CSS px at DPR ${s.phone.deviceScaleFactor}, mobile and touch emulated. A fresh browser context per load (nothing cached); ${s.rounds} rounds of the three pages, the order alternating, after one warm-up round. Pages: ${name.builtin} — \`dist/snippets/growth-2019.zh.html\` with the bundle's address; ${name.published} — the same snippet as \`www/snippets.js\` writes it with \`data-src\` (the editor's publish step), a compact file at \`/published/growth.bin\` on the bundle's origin (the build's \`data/growth-2019.bin\` copied) and its preload line; Chart.js — \`chart.umd.min.js\` deferred from the bundle's origin, the host's configuration (\`bench/pages/chartjs.js\`) and data from the article's, in a box whose height (ours' chart's there) the article's styles reserve.`,
    "How each column is measured, in the page by `bench/pages/mobile-probe.js` (an init script: no request, no page policy), times in ms after navigation start:",
    [
      "- **seen** — ours: the first paint that holds the whole picture. Each `<text>` of the inline picture is given `elementtiming` as the parser adds it (a MutationObserver callback, which runs before any rendering update), and Element Timing reports each text's first paint; seen = the latest of these first paints' `paintTime` (the rendering update that painted it), once every text has reported. The SVG's paths come before its texts, so they are painted by then. In some loads on a busy machine Element Timing reports none of the texts (not even when the widget lays them out anew in its slot); there seen is the animation frame after the parser's task that completed the picture (Chart.js's method), and the table below counts such loads. Chart.js: as the first-chart row above, `bench:ready` (dispatched right after `new Chart`, animation off) and the next animation frame.",
      "- **ready** — once ours fired `infographic:ready` (Chart.js: `bench:ready`) and a frame has passed, the page says so on the console and the benchmark answers with a real mouse move (`Input.dispatchMouseEvent`, sent on that console event) to the centre of the first bar (located in an untimed calibration load: ours from the module's layout, Chart.js from its elements). From the first trusted `pointermove`, each frame is checked in a task right after it; ready = the animation-frame time of the frame whose callbacks answered: ours' `infographic:hover` naming that bar's figure, Chart.js's tooltip showing that bar. It includes the harness's reaction (console event → input event), the same for all three; its median is in the table below.",
      "- **layout shift** — the sum of the `layout-shift` entries with a start time up to ready.",
      "- **bytes** — the sum of `Network.loadingFinished.encodedDataLength` over the page's requests (bytes on the wire: gzip bodies and headers; the browser's favicon request left out). The target is read on the chart's downloads: every request but the article's page, bodies only (headers, from `Network.responseReceived`, subtracted).",
    ].join("\n"),
    table(
      ["", "seen; ÷ Chart.js per round", "ready (hover answers); ÷ Chart.js", "layout shift, median (largest)", "bytes on the wire, page (chart's files, gzip bodies)"],
      Object.keys(name).map((row) => {
        const x = m.rows[row];
        return [name[row], `${mid(x.seen, ms)}${ratio(row, "seen")}`, `${mid(x.ready, ms)}${ratio(row, "ready")}`, `${shift(x.shift.median)} (${shift(x.shift.max)})`, `${kb(x.bytes.median)} (${kb(x.chartBytes.median)})`];
      }),
      "lllll",
    ),
  );
  mobileDetails(m, p, name);
}

/** What lies under the columns, and each page's requests. */
function mobileDetails(m, p, name) {
  const rows = Object.keys(name);
  p(
    "Under the columns, medians (range):",
    table(
      ["", ...rows.map((r) => name[r])],
      [
        ["first contentful paint (`paintTime`)", ...rows.map((r) => mid(m.rows[r].fcp, ms))],
        ["the picture's first text painted (Element Timing)", ...rows.map((r) => (m.rows[r].firstText.n ? mid(m.rows[r].firstText, ms) : "—"))],
        ["seen (Element Timing) after the animation frame that followed the picture's last parser task", ...rows.map((r) => (m.rows[r].seenAfterFrame.n ? mid(m.rows[r].seenAfterFrame, ms) : "—"))],
        ["loads whose seen is that frame (Element Timing left texts unreported)", ...rows.slice(0, 2).map((r) => `${m.rows[r].seenByFrame} of ${m.rows[r].loads}`), "—"],
        ["drawn: `infographic:ready` / `bench:ready` + next frame", ...rows.map((r) => mid(m.rows[r].drawn, ms))],
        ["the benchmark's move, after that frame (page's rendering + harness)", ...rows.map((r) => mid(m.rows[r].moveDelay, ms))],
        ["layout-shift entries after ready (all loads)", ...rows.map((r) => String(m.rows[r].shiftsAfterReady))],
      ],
      "lrrr",
    ),
    "Requests of the last load (bytes on the wire, of which headers):",
    table(
      ["page", "origin", "path", "bytes", "headers"],
      rows.flatMap((r) => m.rows[r].files.map((f) => [name[r], f.origin, `\`${f.path}\``, bytes(f.bytes ?? 0), bytes(f.head ?? 0)])),
      "lllrr",
    ),
  );
}
