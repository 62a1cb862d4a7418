// The editor's publish step end to end: one button gives one .zip; unzipped (by Python's
// zipfile, not by the code under test) and served as it is from a host of its own, it
// works for an article on another origin: with no CORS header and no special headers the
// web-component snippet shows the chart's picture in place and the iframe snippet its
// chart; with Access-Control-Allow-Origin the live widget draws and answers with the
// figures. Publishing again regenerates everything, pictures included. The folder's long
// images (长图) are 1080 px wide, within the platforms' 2 MB, and the QR code at the end of
// the long one (read by jsQR from the file's pixels) opens the address typed. Expected values
// come from the dataset published (src/data/default.json, which the build ships, and a
// copy of it changed here) and the README's numbers, never from the editor.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { serve } from "../../.ci/serve.mjs";
import { SUZHOU, SUZHOU_CAPTION, SUZHOU_ROWS } from "../node/fixtures.mjs";
import { assert, assertClean, assertEqual, countEvents, open, settled, test } from "./harness.mjs";

const DIST = new URL("../../dist/", import.meta.url);
const DEFAULT = JSON.parse(readFileSync(new URL("../../src/data/default.json", import.meta.url), "utf8"));
const BASE_KEY = "park-infographic-editor:publish";
/** The long images' width and the most bytes WeChat and Weibo take (README, "Publish"). */
const LONG_WIDTH = 1080;
const MAX_BYTES = 2 * 1024 * 1024;

/** An image file's type and size in px from its header (PNG's IHDR, JPEG's frame header), or type null. */
function imageInfo(buf) {
  if (buf.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) {
    return { type: "png", width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  for (let i = 2; buf[0] === 0xff && buf[1] === 0xd8 && i + 9 < buf.length && buf[i] === 0xff; i += 2 + buf.readUInt16BE(i + 2)) {
    const marker = buf[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { type: "jpg", width: buf.readUInt16BE(i + 7), height: buf.readUInt16BE(i + 5) };
    }
  }
  return { type: null };
}

/**
 * The long images of the unzipped folder `dir`: each `long/<stem>.<lang>.<png|jpg>` with
 * its header read, its size and its alternative text; each checked to be 1080 px wide,
 * within 2 MB and of the type its name says.
 */
function longImages(dir, names) {
  const images = {};
  for (const n of names.filter((n) => /^long\/[^/]+\.(png|jpg)$/.test(n))) {
    const bytes = readFileSync(join(dir, n));
    const info = imageInfo(bytes);
    const key = n.replace(/^long\//, "").replace(/\.(png|jpg)$/, "");
    assertEqual([info.type, info.width], [n.split(".").pop(), LONG_WIDTH], `${n}: its type and width`);
    assert(bytes.length <= MAX_BYTES, `${n}: ${bytes.length} bytes, over ${MAX_BYTES}`);
    assert(names.includes(`long/${key}.txt`), `${n}: its alternative text`);
    images[key] = { ...info, bytes, text: readFileSync(join(dir, `long/${key}.txt`), "utf8") };
  }
  return images;
}

/** What the QR code in a PNG's last rows says (the long image ends with it), read by jsQR; null for none. */
function qrText(bytes) {
  const png = PNG.sync.read(bytes);
  const rows = Math.min(png.height, png.width);
  const start = (png.height - rows) * png.width * 4;
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset + start, rows * png.width * 4);
  return jsQR(pixels, png.width, rows)?.data ?? null;
}

/** Unzips `zip` into `dir` with Python's zipfile (every CRC checked); returns the names. */
function unzip(zip, dir) {
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad: sys.exit("bad CRC: " + bad)
    z.extractall(sys.argv[2])
    print(json.dumps(z.namelist()))
`;
  return JSON.parse(execFileSync("python3", ["-c", script, zip, dir], { encoding: "utf8" }));
}

/** A news page on an origin of its own: its `html` property is its body at each request. */
async function newsSite() {
  const site = { html: "" };
  const server = createServer((req, res) => {
    // A news site has an icon: the browser asks for it whenever it likes.
    if (req.url === "/favicon.ico") return res.writeHead(204).end();
    if (req.url !== "/news.html") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>news</title></head>
<body><p>正文第一段。</p>
${site.html}
<p>正文第二段。</p></body></html>`);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return Object.assign(site, { url: `http://127.0.0.1:${server.address().port}/news.html`, close: () => new Promise((ok) => server.close(ok)) });
}

const close = (server) => new Promise((ok) => server.close(ok));
const origin = (server) => `http://127.0.0.1:${server.address().port}`;

/** Types the folder's address, presses the one button, returns the downloaded .zip's path. */
async function publish(p, base) {
  await p.locator("#publish-base").fill(base);
  const status = () => p.locator("#publish-status").textContent();
  const [download] = await Promise.all([
    // The folder's long images take a few seconds on a small machine, more when it is busy.
    p.waitForEvent("download", { timeout: 120_000 }).catch(async (e) => Promise.reject(new Error(`${e.message}; the panel says: ${await status()}`))),
    p.locator("#publish-zip").click(),
  ]);
  await p.waitForFunction(() => /\.zip/.test(document.getElementById("publish-status").textContent));
  return { path: await download.path(), name: download.suggestedFilename() };
}

/**
 * The editor, its module loaded, with the panel's snippets shown: the work saved in the
 * browser, or else the built-in example data (the editor's "open the example" button,
 * where it starts blank).
 */
async function editor(p, url) {
  await p.goto(url);
  await p.waitForFunction(() => document.body.dataset.ready === "true");
  const example = p.locator("#open-example");
  if (!(await p.locator("#publish-snippets pre").count()) && (await example.count())) await example.click();
  await p.waitForFunction(() => document.querySelector("#publish-snippets pre"));
}

/**
 * The paths the folder must hold for `doc` (every chart in both languages: it has English);
 * a long image's `.png` or `.jpg` (whichever fits in 2 MB) is written `.image`.
 */
function expectedPaths(doc, build, widgetFiles, dataFiles, name) {
  const paths = ["index.html", ...widgetFiles.entries, ...widgetFiles.build.map((f) => `${build}/${f}`), `data/${name}.json`, ...dataFiles];
  for (const lang of ["zh", "en"]) paths.push(`long/${name}.${lang}.image`, `long/${name}.${lang}.txt`);
  for (const c of doc.charts) {
    for (const lang of ["zh", "en"]) {
      const id = `${c.id}.${lang}`;
      paths.push(`frames/${id}.html`, `pictures/${id}.svg`, `pictures/${id}.png`, `snippets/${id}.html`, `snippets/${id}.iframe.html`);
      paths.push(`long/${id}.image`, `long/${id}.txt`);
    }
  }
  return paths.sort();
}

/** The folder's paths, a long image's extension written `.image` (as expectedPaths does). */
const anyImage = (names) => names.map((n) => n.replace(/^(long\/.+)\.(png|jpg)$/, "$1.image")).sort();

/**
 * The pasted table's long image in the folder `dir` (`name` the folder's): within the
 * platforms' limits, taller than either chart alone, its text every row's label, and its
 * QR code (none on a chart alone) the folder's address `base`.
 */
function longOfTable(dir, names, name, ids, base) {
  const long = longImages(dir, names);
  const all = long[`${name}.zh`];
  assert(all, `long/${name}.zh.png: ${Object.keys(long)}`);
  for (const id of ids) assert(all.height > long[`${id}.zh`].height, `taller (${all.height} px) than ${id} alone (${long[`${id}.zh`].height} px)`);
  for (const [label] of SUZHOU_ROWS) assert(all.text.includes(label), `the text names ${label}: ${all.text}`);
  assert(all.text.includes(base), "the text gives the address");
  assertEqual(all.type, "png", "two charts fit in a PNG");
  assertEqual(qrText(all.bytes), base, "the QR code opens the folder's address");
  assertEqual(qrText(long[`${ids[0]}.zh`].bytes), null, "a chart alone has no QR code");
}

export default async function (env) {
  await folderOnHosts(env);
  await addresses(env);
  await longImageFallbacks(env);
  await pastedTable(env);
}

/** A file of the folder unzipped into `dir`'s charts/. */
const fileIn = (dir, name) => readFileSync(join(dir, "charts", name));

/** The default data published for two hosts (no CORS, CORS), read there by articles. */
async function folderOnHosts(env) {
  await test("publish: one .zip is a static folder; on a host with no CORS the article shows the picture and the iframe its chart; with CORS the live widget; again regenerates all", async () => {
    const work = mkdtempSync(join(tmpdir(), "publish-e2e-"));
    const plain = join(work, "plain");
    const cors = join(work, "cors");
    mkdirSync(join(plain, "charts"), { recursive: true });
    mkdirSync(join(cors, "charts"), { recursive: true });
    // The folder's two hosts: one that sends nothing special, one that sends CORS.
    const hostPlain = await serve(plain, 0);
    const hostCors = await serve(cors, 0, { headers: { "access-control-allow-origin": "*" } });
    const news = await newsSite();
    const p = await open(env, null, { acceptDownloads: true });
    try {
      const basePlain = `${origin(hostPlain)}/charts/`;
      const snippetPlain = await publishForPlainHost(env, p, plain, basePlain);
      await articleWithoutCors(env, news, plain, snippetPlain);
      await folderPage(env, basePlain);
      const { changed, snippetCors } = await publishAgainForCors(env, p, cors, `${origin(hostCors)}/charts/`);
      await articleWithCors(env, news, changed, snippetCors);
      await assertClean(p);
    } finally {
      await p.close();
      await Promise.all([close(hostPlain), close(hostCors), news.close()]);
      rmSync(work, { recursive: true, force: true });
    }
  });
}

/** The built-in data published for the host without CORS: the folder's files, checked; its snippet. */
async function publishForPlainHost(env, p, plain, basePlain) {
  await editor(p, `${env.origin}/editor.html`);
  const zip1 = await publish(p, basePlain);
  assertEqual(zip1.name, "nantong-high-tech-zone.zip", "the archive's name");
  const names = unzip(zip1.path, join(plain, "charts"));
  const build = names.find((n) => /^b-[0-9a-f]+\//.test(n)).split("/")[0];
  const distBuild = new URL(`${build}/`, DIST);
  assert(existsSync(distBuild), `the folder's build ${build} is the editor's own (dist/${build})`);
  const widgetFiles = JSON.parse(readFileSync(new URL("widget-files.json", distBuild), "utf8"));
  const dataFiles = names.filter((n) => n.endsWith(".bin"));
  const perChart = DEFAULT.charts.map((c) => `data/${c.id}.bin`).sort();
  assert(
    JSON.stringify(dataFiles.sort()) === JSON.stringify(perChart) || JSON.stringify(dataFiles) === '["data/all.bin"]',
    `compact data: one file per chart or all.bin: ${dataFiles}`,
  );
  const extras = [`${build}/page.css`, `${build}/favicon.svg`, `${build}/published.js`]; // the index page's style, icon and script
  assertEqual(anyImage(names.filter((n) => !extras.includes(n))), expectedPaths(DEFAULT, build, widgetFiles, dataFiles, "nantong-high-tech-zone"), "the folder's files");
  // The long images: each 1080 px wide within 2 MB; the long one holds every chart, so it
  // is taller than any alone, and its text names each chart's figures.
  const long = longImages(join(plain, "charts"), names);
  for (const lang of ["zh", "en"]) {
    const all = long[`nantong-high-tech-zone.${lang}`];
    for (const c of DEFAULT.charts) {
      assert(all.height > long[`${c.id}.${lang}`].height, `long.${lang} (${all.height} px) is taller than ${c.id} alone (${long[`${c.id}.${lang}`].height} px)`);
      const figure = DEFAULT.figures.find((f) => f.chart === c.id);
      assert(all.text.includes(figure.label[lang]), `long.${lang}'s text names ${figure.label[lang]}`);
    }
  }
  assert(fileIn(plain, "embed.js").equals(readFileSync(new URL("embed.js", DIST))), "embed.js is the bundle's");
  assert(fileIn(plain, `${build}/pkg/park_infographic_bg.wasm`).equals(readFileSync(new URL("pkg/park_infographic_bg.wasm", distBuild))), "the wasm is the build's");
  assertEqual(JSON.parse(fileIn(plain, "data/nantong-high-tech-zone.json")), DEFAULT, "the JSON source is the data published");
  const png = fileIn(plain, "pictures/growth-2019.en.png");
  assertEqual([png.subarray(1, 4).toString(), png.readUInt32BE(16)], ["PNG", 1280], "a PNG, 640 CSS px at 2×");
  assert(fileIn(plain, "pictures/rankings.zh.svg").toString().includes(DEFAULT.charts.find((c) => c.id === "rankings").title.zh), "the SVG picture has its title");
  const snippetPlain = fileIn(plain, "snippets/growth-2019.zh.html").toString();
  assert(snippetPlain.startsWith(`<script type="module" src="${basePlain}embed.js"></script>`), snippetPlain.slice(0, 200));
  // The panel shows the same snippets as the folder holds.
  await p.locator("#publish-chart").selectOption("growth-2019");
  await p.waitForFunction((text) => document.querySelector("#snippet-zh-component")?.textContent === text, snippetPlain.trimEnd());
  // The address is kept with the work: a reload shows it again.
  await editor(p, `${env.origin}/editor.html`);
  assertEqual(await p.locator("#publish-base").inputValue(), basePlain, "the address after a reload");
  return snippetPlain;
}

/** The article on another origin, the folder's host sending no CORS header: the picture; the iframe draws. */
async function articleWithoutCors(env, news, plain, snippetPlain) {
  const growth = DEFAULT.charts.find((c) => c.id === "growth-2019");
  const rankings = DEFAULT.charts.find((c) => c.id === "rankings");
  news.html = `${snippetPlain}\n<p>中间一段。</p>\n${fileIn(plain, "snippets/rankings.en.iframe.html")}`;
  const reader = await open(env, null, { viewport: { width: 412, height: 900 } });
  try {
    await reader.goto(news.url, { waitUntil: "load" }); // the module script has failed by then
    const shown = await reader.evaluate(() => {
      const w = document.querySelector("park-infographic");
      const svg = w.querySelector(":scope > svg");
      const box = svg.getBoundingClientRect();
      return {
        label: svg.getAttribute("aria-label") ?? svg.querySelector("title")?.textContent,
        height: Math.round(box.height),
        width: Math.round(box.width),
        visible: svg.checkVisibility(),
        defined: Boolean(customElements.get("park-infographic")),
      };
    });
    assertEqual(shown.label, growth.title.zh, "the picture's name");
    assert(shown.visible && shown.height > 200 && shown.width > 300, `the picture in place: ${JSON.stringify(shown)}`);
    assertEqual(shown.defined, false, "no CORS: the module script did not run");
    // The iframe needs nothing from the host: its chart draws.
    const frame = reader.frameLocator("iframe").locator("park-infographic");
    await frame.evaluate((w) => new Promise((ok) => (w.shadowRoot?.querySelector("canvas.base") ? ok() : w.addEventListener("infographic:ready", ok, { once: true }))));
    assertEqual(await frame.evaluate((w) => w.shadowRoot.querySelector(".stage").getAttribute("aria-label")), rankings.title.en, "the iframe's chart");
  } finally {
    await reader.close();
  }
}

/** The folder's own page, on its host: every chart drawn live, under the strict CSP. */
async function folderPage(env, basePlain) {
  const index = await open(env, null);
  try {
    await countEvents(index);
    await index.goto(`${basePlain}index.html`);
    await settled(index, DEFAULT.charts.length * 2);
    assertEqual(await index.evaluate(() => window.__events.filter((e) => e.type === "error").map((e) => e.detail.message)), [], "index.html: errors");
    await assertClean(index);
  } finally {
    await index.close();
  }
}

/** The data changed and published again, for the host that sends CORS: every file made anew. */
async function publishAgainForCors(env, p, cors, baseCors) {
  const changed = structuredClone(DEFAULT);
  changed.charts.find((c) => c.id === "growth-2019").title.zh = "同比增速（重新发布）";
  const first = changed.figures.find((f) => f.chart === "growth-2019");
  first.value = 18.5;
  await p.evaluate((doc) => localStorage.setItem("park-infographic-editor", JSON.stringify(doc)), changed);
  await editor(p, `${env.origin}/editor.html`);
  const zip2 = await publish(p, baseCors);
  unzip(zip2.path, join(cors, "charts"));
  assert(fileIn(cors, "pictures/growth-2019.zh.svg").toString().includes("同比增速（重新发布）"), "the picture made anew");
  assert(fileIn(cors, "frames/growth-2019.zh.html").toString().includes("同比增速（重新发布）"), "the frame page's picture made anew");
  assertEqual(JSON.parse(fileIn(cors, "data/nantong-high-tech-zone.json")), changed, "the JSON source is the changed data");
  const snippetCors = fileIn(cors, "snippets/growth-2019.zh.html").toString();
  assert(snippetCors.includes("同比增速（重新发布）") && snippetCors.includes(`src="${baseCors}embed.js"`), "the snippet made anew for the new address");
  return { changed, snippetCors };
}

/** The article, the folder's host sending CORS: the live widget answers with the figures published. */
async function articleWithCors(env, news, changed, snippetCors) {
  news.html = snippetCors;
  const live = await open(env, null, { viewport: { width: 412, height: 900 } });
  try {
    await countEvents(live);
    await live.goto(news.url);
    await settled(live, 1);
    const events = await live.evaluate(() => window.__events.map((e) => e.type));
    assertEqual(events, ["ready"], "infographic:ready");
    // Keys answer with the figures published (the changed one first).
    const figures = changed.figures.filter((f) => f.chart === "growth-2019");
    await live.evaluate(() => document.querySelector("park-infographic").shadowRoot.querySelector(".stage").focus());
    for (const [key, f] of [["ArrowRight", figures[0]], ["End", figures.at(-1)]]) {
      const n = await live.evaluate(() => window.__events.length);
      await live.keyboard.press(key);
      await live.waitForFunction((n) => window.__events.slice(n).some((e) => e.type === "hover" && e.detail), n);
      const d = await live.evaluate((n) => window.__events.slice(n).find((e) => e.type === "hover" && e.detail).detail, n);
      assertEqual([d.chart, d.id, d.value], ["growth-2019", f.id, f.value], `hover after ${key}`);
    }
    // The data table lists every figure with its value.
    // (The table is built when first opened, at its toggle event.)
    await live.evaluate(() => document.querySelector("park-infographic").shadowRoot.querySelector("details.table summary").click());
    await live.waitForFunction(() => document.querySelector("park-infographic").shadowRoot.querySelector("details.table tbody tr"));
    const table = await live.evaluate(() =>
      [...document.querySelector("park-infographic").shadowRoot.querySelectorAll("details.table tbody tr")].map((tr) => tr.textContent),
    );
    assertEqual(table.length, figures.length, "a row per figure");
    for (const [i, f] of figures.entries()) {
      assert(table[i].includes(f.label.zh) && table[i].includes(String(f.value)), `row ${i}: ${table[i]} (${f.label.zh}, ${f.value})`);
    }
    assertEqual(await live.evaluate(() => window.__csp), [], "CSP violations");
    assertEqual(live.problems, [], "console errors");
  } finally {
    await live.close();
  }
}

/** Addresses that are not http(s), and an empty one. */
async function addresses(env) {
  await test("publish: no snippet and no folder for an address that is not http(s); an empty one gives relative snippets, which the folder's index page on the host gives its address", async () => {
    const p = await open(env, null, { acceptDownloads: true });
    try {
      await editor(p, `${env.origin}/editor.html`);
      for (const text of ["javascript:alert(1)//", "data:text/html,x"]) {
        await p.locator("#publish-base").fill(text);
        await p.waitForFunction(() => !document.querySelector("#publish-snippets pre"));
        const shown = await p.locator("#publish").textContent();
        assert(!/javascript:|data:text/.test(shown.replace(/https?:\/\/[^\s]*/g, "")), `${text}: ${shown}`);
        await p.locator("#publish-zip").click();
        await p.waitForFunction(() => /http/.test(document.getElementById("publish-status").textContent));
      }
      await p.locator("#publish-base").fill("");
      await p.waitForFunction(() => document.querySelector("#snippet-zh-component"));
      const component = await p.locator("#snippet-zh-component").textContent();
      assert(component.startsWith('<script type="module" src="./embed.js"></script>'), component.slice(0, 120));
      // Copy: the clipboard where there is one.
      await p.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await p.locator('#publish button[data-copy="snippet-zh-iframe"]').click();
      await p.waitForFunction(() => document.getElementById("publish-status").textContent);
      assertEqual(await p.evaluate(() => navigator.clipboard.readText()), await p.locator("#snippet-zh-iframe").textContent(), "copied");
      assertEqual(await p.evaluate((k) => JSON.parse(localStorage.getItem(k)).base, BASE_KEY), "", "the address kept (empty)");
      // Published so, uploaded, its index page opened on the host: the snippets there carry
      // the folder's own address, ready for an article on another site.
      const work = mkdtempSync(join(tmpdir(), "publish-relative-"));
      const host = await serve(work, 0);
      try {
        const zip = await publish(p, "");
        unzip(zip.path, join(work, "charts"));
        const index = await open(env, null);
        await index.goto(`${origin(host)}/charts/index.html`);
        const folder = `${origin(host)}/charts/`;
        await index.waitForFunction((f) => document.getElementById("relative-note").textContent.includes(f), folder);
        const codes = await index.locator("pre code").allTextContents();
        assert(codes.length > 0 && codes.every((c) => !c.includes('="./')), "no relative address left");
        assert(codes[0].startsWith(`<script type="module" src="${folder}embed.js"></script>`), codes[0].slice(0, 160));
        assert(codes[1].includes(`src="${folder}frames/`), codes[1].slice(0, 200));
        await index.close();
      } finally {
        await close(host);
        rmSync(work, { recursive: true, force: true });
      }
    } finally {
      await p.close();
    }
    // Without the clipboard API the text is selected for Ctrl+C.
    const q = await open(env, null);
    try {
      await q.addInitScript(() => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined }));
      await editor(q, `${env.origin}/editor.html`);
      await q.locator('#publish button[data-copy="snippet-zh-component"]').click();
      const text = await q.locator("#snippet-zh-component").textContent();
      assertEqual(await q.evaluate(() => String(window.getSelection())), text, "selected");
    } finally {
      await q.close();
    }
  });
}

/** The long images where a browser cannot draw them one way or any way. */
async function longImageFallbacks(env) {
  await test("publish: the long image without toBlob (toDataURL); with no way to draw images the folder still publishes and says why", async () => {
    const address = "https://www.example.com/charts/park/";
    const p = await open(env, null, { acceptDownloads: true });
    try {
      await p.addInitScript(() => delete HTMLCanvasElement.prototype.toBlob);
      await editor(p, `${env.origin}/editor.html`);
      await p.locator("#publish-base").fill(address);
      const [single] = await Promise.all([p.waitForEvent("download", { timeout: 120_000 }), p.locator("#publish-long").click()]);
      const bytes = readFileSync(await single.path());
      const info = imageInfo(bytes);
      assertEqual([single.suggestedFilename(), info.width], [`nantong-high-tech-zone.zh.${info.type}`, LONG_WIDTH], "the long image alone, Chinese as the preview");
      assert(bytes.length <= MAX_BYTES, `${bytes.length} bytes`);
      if (info.type === "png") assertEqual(qrText(bytes), address, "its QR code");
      await assertClean(p);
    } finally {
      await p.close();
    }
    const q = await open(env, null, { acceptDownloads: true });
    try {
      await q.addInitScript(() => Object.defineProperty(window, "Image", { value: undefined }));
      await editor(q, `${env.origin}/editor.html`);
      const work = mkdtempSync(join(tmpdir(), "publish-noimage-"));
      try {
        const names = unzip((await publish(q, address)).path, work);
        assert(names.includes("index.html") && names.some((n) => n.startsWith("pictures/")), "the rest of the folder");
        assertEqual(names.filter((n) => n.startsWith("long/")), [], "no long image, no text without it");
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
      const status = await q.locator("#publish-status").textContent();
      assert(status.includes("long/nantong-high-tech-zone.zh"), `the panel names what failed: ${status}`);
      await assertClean(q);
    } finally {
      await q.close();
    }
  });
}

/** The new user's story: a pasted table, two charts, published. */
async function pastedTable(env) {
  await test("publish: the journalist's pasted table, two charts, one button: Chinese only; no CORS shows the pictures, CORS the live charts saying the values as typed; a long image whose QR code opens the folder", async () => {
    const work = mkdtempSync(join(tmpdir(), "publish-journalist-"));
    const hosts = { plain: await serve(work, 0), cors: await serve(work, 0, { headers: { "access-control-allow-origin": "*" } }) };
    const news = await newsSite();
    const p = await open(env, null, { acceptDownloads: true, viewport: { width: 1300, height: 900 } });
    try {
      // Paste, then the rates (typed with %) ticked and made a chart of their own.
      await p.goto(`${env.origin}/editor.html`);
      await p.waitForFunction(() => document.body.dataset.ready === "true");
      await p.evaluate((text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        document.getElementById("paste-zone").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, SUZHOU);
      for (const [i, [, v]] of SUZHOU_ROWS.entries()) if (v.endsWith("%")) await p.locator(`#grid tbody tr:nth-child(${i + 1}) input[type=checkbox]`).click();
      await p.locator("#make-chart").click();
      await p.waitForFunction(() => document.querySelector("#check .ok") && document.querySelectorAll("#publish-chart option").length === 2);
      const ids = await p.locator("#publish-chart option").evaluateAll((os) => os.map((o) => o.value));
      let folder = "";
      for (const [name, host] of Object.entries(hosts)) {
        mkdirSync(join(work, name));
        const zip = await publish(p, `${origin(host)}/${name}/`);
        folder = zip.name.replace(/\.zip$/, "");
        const names = unzip(zip.path, join(work, name));
        assert(!names.some((n) => /\.en\./.test(n)), `no English files for a Chinese-only table: ${names.filter((n) => /\.en\./.test(n))}`);
        for (const id of ids) assert(names.includes(`pictures/${id}.zh.svg`) && names.includes(`snippets/${id}.zh.html`), `${id}'s picture and snippet`);
        longOfTable(join(work, name), names, zip.name.replace(/\.zip$/, ""), ids, `${origin(host)}/${name}/`);
      }
      // The long image alone, from its own button: for the address typed last.
      const [single] = await Promise.all([p.waitForEvent("download", { timeout: 120_000 }), p.locator("#publish-long").click()]);
      const bytes = readFileSync(await single.path());
      assertEqual([single.suggestedFilename().replace(/\.(png|jpg)$/, ""), imageInfo(bytes).width], [`${folder}.zh`, LONG_WIDTH], "the long image alone");
      assertEqual(qrText(bytes), `${origin(hosts.cors)}/cors/`, "its QR code");
      const snippets = (name) => ids.map((id) => readFileSync(join(work, name, `snippets/${id}.zh.html`), "utf8")).join("\n<p>中段。</p>\n");
      // No CORS: each chart's picture, in place.
      news.html = snippets("plain");
      const reader = await open(env, null, { viewport: { width: 412, height: 900 } });
      try {
        await reader.goto(news.url, { waitUntil: "load" });
        const shown = await reader.evaluate(() =>
          [...document.querySelectorAll("park-infographic")].map((w) => {
            const svg = w.querySelector(":scope > svg");
            return { label: svg.getAttribute("aria-label"), visible: svg.checkVisibility() && svg.getBoundingClientRect().height > 100 };
          }),
        );
        assertEqual(shown[0], { label: SUZHOU_CAPTION, visible: true }, "the first chart's picture, titled by the table's caption");
        assert(shown[1].visible, "the second chart's picture");
      } finally {
        await reader.close();
      }
      // CORS: the live charts; their data tables say the values as typed.
      news.html = snippets("cors");
      const live = await open(env, null, { viewport: { width: 412, height: 900 } });
      try {
        await countEvents(live);
        await live.goto(news.url);
        await settled(live, 2);
        assertEqual(await live.evaluate(() => window.__events.filter((e) => e.type !== "hover").map((e) => e.type)), ["ready", "ready"], "both charts drawn");
        const tables = [];
        for (const i of [0, 1]) {
          await live.evaluate((i) => document.querySelectorAll("park-infographic")[i].shadowRoot.querySelector("details.table summary").click(), i);
          tables.push(await (await live.waitForFunction((i) => {
            const rows = document.querySelectorAll("park-infographic")[i].shadowRoot.querySelectorAll("details.table tbody tr");
            return rows.length && [...rows].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]);
          }, i)).jsonValue());
        }
        assertEqual(tables, [SUZHOU_ROWS.filter(([, v]) => !v.endsWith("%")), SUZHOU_ROWS.filter(([, v]) => v.endsWith("%"))], "the data tables: label, value as typed");
        await assertClean(live);
      } finally {
        await live.close();
      }
      await assertClean(p);
    } finally {
      await p.close();
      await Promise.all([close(hosts.plain), close(hosts.cors), news.close()]);
      rmSync(work, { recursive: true, force: true });
    }
  });
}
