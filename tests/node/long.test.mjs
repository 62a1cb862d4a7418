// The published folder's long images (长图), the pure part (www/editor/folder.js): which
// encoding a too-big image falls back to, the files' names, where the QR code points, and
// the long/ files makeFolder writes with the editor's real module (the rasteriser, which
// needs a browser, is stood in for here; tests/e2e/publish.test.mjs draws real ones).
// Expected values are written here from the dataset and the platforms' limit.
//   node --test tests/node/long.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { fittedImage, imageExtension, longStem, makeFolder, qrAddress } from "../../www/editor/folder.js";
import { TWO_CHARTS, realModule } from "./fixtures.mjs";

const MB2 = 2 * 1024 * 1024;

/** An encoder whose sizes are given per request ("image/png", "image/jpeg@0.92", …); it records the requests. */
function encoder(sizes, { real = (type) => type } = {}) {
  const asked = [];
  const encode = async ({ type, quality }) => {
    const key = quality === undefined ? type : `${type}@${quality}`;
    asked.push(key);
    const size = sizes[key];
    return size === undefined ? null : { type: real(type), bytes: new Uint8Array(size) };
  };
  return { asked, encode };
}

test("long image: PNG when it fits in 2 MB, with nothing else tried", async () => {
  const { asked, encode } = encoder({ "image/png": MB2 });
  const image = await fittedImage(encode);
  assert.deepEqual([image.type, image.bytes.length], ["image/png", MB2]);
  assert.deepEqual(asked, ["image/png"]);
});

test("long image: a PNG over 2 MB becomes a JPEG, from quality 0.92 down to the first that fits", async () => {
  const { asked, encode } = encoder({ "image/png": MB2 + 1, "image/jpeg@0.92": MB2 + 1, "image/jpeg@0.88": MB2 - 10 });
  const image = await fittedImage(encode);
  assert.deepEqual([image.type, image.bytes.length], ["image/jpeg", MB2 - 10]);
  assert.deepEqual(asked, ["image/png", "image/jpeg@0.92", "image/jpeg@0.88"]);
});

test("long image: never below quality 0.8; an image that fits nowhere is an error, not a file", async () => {
  const { asked, encode } = encoder({ "image/png": 5e6, "image/jpeg@0.92": 4e6, "image/jpeg@0.88": 3.5e6, "image/jpeg@0.84": 3e6, "image/jpeg@0.8": 2.5e6 });
  await assert.rejects(fittedImage(encode), /2500000 bytes/);
  assert.ok(asked.every((k) => !/@0\.[0-7]/.test(k)), asked.join(" "));
  await assert.rejects(fittedImage(encoder({}).encode), /no image/, "a browser that gives no image");
});

test("long image: named by what the browser really made (a PNG where JPEG was asked for)", async () => {
  const { encode } = encoder({ "image/png": MB2 + 1, "image/jpeg@0.92": 1000 }, { real: () => "image/png" });
  const image = await fittedImage(encode);
  assert.equal(imageExtension(image.type), "png");
  assert.equal(imageExtension("image/jpeg"), "jpg");
});

test("long image: its stem is the folder's name unless a chart has that id; the QR code only for an http(s) address", () => {
  assert.equal(longStem("suzhou-industrial-park", ["growth-2023", "firms"]), "suzhou-industrial-park");
  assert.equal(longStem("charts", ["charts", "firms"]), "charts-all");
  assert.equal(qrAddress("https://news.example.com/charts/suzhou"), "https://news.example.com/charts/suzhou/");
  assert.equal(qrAddress(" https://news.example.com/p/?utm=1#top "), "https://news.example.com/p/");
  assert.equal(qrAddress(""), "");
  assert.equal(qrAddress("javascript:alert(1)"), "");
});

const DOC = TWO_CHARTS;
const WIDGET = { entries: {}, build: {} };
const PNG = (n) => ({ type: "image/png", bytes: new Uint8Array([137, 80, 78, 71, n]) });

test("long image: the folder's long/ files, with the module's alternative text in reading order", async (t) => {
  const m = await realModule();
  if (!m) return t.skip("pkg-editor/ is not built");
  const drawn = [];
  const raster = async (svg) => (drawn.push(svg), PNG(drawn.length));
  const base = "https://news.example.com/charts/suzhou/";
  const folder = await makeFolder({ m, doc: DOC, json: JSON.stringify(DOC), base, build: "b-0", widget: WIDGET, raster });
  const long = folder.files.filter((f) => f.name.startsWith("long/")).map((f) => f.name);
  assert.deepEqual(long, [
    "long/firms.zh.png",
    "long/firms.zh.txt",
    "long/growth-2023.en.png",
    "long/growth-2023.en.txt",
    "long/growth-2023.zh.png",
    "long/growth-2023.zh.txt",
    "long/suzhou-industrial-park.en.png",
    "long/suzhou-industrial-park.en.txt",
    "long/suzhou-industrial-park.zh.png",
    "long/suzhou-industrial-park.zh.txt",
  ]);
  assert.deepEqual(folder.problems, []);
  assert.ok(drawn.every((svg) => /^<svg[^>]* width="1080"/.test(svg)), "every image is drawn 1080 px wide");
  const text = (name) => new TextDecoder().decode(folder.files.find((f) => f.name === name).data);
  const zh = text("long/suzhou-industrial-park.zh.txt");
  const at = (s) => zh.indexOf(s);
  for (const s of ["两项增速", "地区生产总值增速", "进出口增速", "新增企业", "新增外资企业", base]) assert.ok(at(s) >= 0, `${s} in ${zh}`);
  assert.ok(at("地区生产总值增速") < at("进出口增速") && at("进出口增速") < at("新增外资企业"), "the figures in the charts' order");
  assert.ok(zh.endsWith("\n") && !zh.endsWith("\n\n"), "one line end, as render --long writes it");
  const en = text("long/suzhou-industrial-park.en.txt");
  assert.ok(en.includes("GDP growth") && !en.includes("新增外资企业"), en);
  assert.ok(!text("long/growth-2023.zh.txt").includes(base), "a chart alone has no QR code");
});

test("long image: no address, no QR code; an image that fails is left out and named, the rest published", async (t) => {
  const m = await realModule();
  if (!m) return t.skip("pkg-editor/ is not built");
  const raster = async (svg) => {
    if (svg.includes("新增外资企业") && !svg.includes("进出口增速")) throw new Error("no canvas");
    return PNG(0);
  };
  const folder = await makeFolder({ m, doc: DOC, json: JSON.stringify(DOC), base: "", build: "b-0", widget: WIDGET, raster });
  const names = folder.files.map((f) => f.name);
  assert.ok(!names.some((n) => n.startsWith("long/firms.")), names.join(" "));
  assert.deepEqual(folder.problems, ["long/firms.zh: no canvas"]);
  assert.ok(names.includes("long/suzhou-industrial-park.zh.png") && names.includes("index.html"), "the rest of the folder");
  const zh = new TextDecoder().decode(folder.files.find((f) => f.name === "long/suzhou-industrial-park.zh.txt").data);
  assert.ok(!/https?:/.test(zh), `no address, no QR code: ${zh}`);
});
