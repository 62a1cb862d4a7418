// The long image (长图) in the browser: the module's SVG document drawn on a canvas
// LONG_WIDTH_PX wide, then encoded as the platforms take it (PNG, or JPEG where a PNG
// would be too big: folder.js's fittedImage chooses). Everything optional is detected
// first; every failure is a thrown Error with a message the publish step shows.
import { LONG_WIDTH_PX, fittedImage } from "./folder.js";
import { word } from "./words.js";

const say = (key, args) => word(`pub.${key}`, args);

/** The image at `url`, loaded (the page's CSP must allow blob: images). */
function loaded(url) {
  const img = new Image();
  const done = new Promise((ok, fail) => {
    img.onload = () => ok(img);
    img.onerror = () => fail(new Error(say("longBlocked")));
  });
  img.src = url;
  return done;
}

/** The SVG document `svg` drawn on a white canvas LONG_WIDTH_PX wide. */
async function svgCanvas(svg) {
  if (typeof Image !== "function" || typeof URL.createObjectURL !== "function" || typeof Blob !== "function") {
    throw new Error(say("longUnsupported"));
  }
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = await loaded(url);
    if (!img.naturalWidth || !img.naturalHeight) throw new Error("the image has no size");
    const canvas = document.createElement("canvas");
    canvas.width = LONG_WIDTH_PX;
    canvas.height = Math.round((img.naturalHeight * LONG_WIDTH_PX) / img.naturalWidth);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error(say("longCanvas", { w: canvas.width, h: canvas.height }));
    // JPEG has no transparency: what the SVG leaves bare must be the light theme's white.
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The canvas encoded as `type` (at `quality`): `{type, bytes}` of what the browser really made, or null. */
async function encoded(canvas, { type, quality }) {
  if (typeof canvas.toBlob === "function") {
    const blob = await new Promise((ok) => canvas.toBlob(ok, type, quality));
    if (!blob) return null;
    // Blob.arrayBuffer is younger than toBlob; a Response reads a blob in the older engines too.
    const buffer = typeof blob.arrayBuffer === "function" ? await blob.arrayBuffer() : await new Response(blob).arrayBuffer();
    return { type: blob.type, bytes: new Uint8Array(buffer) };
  }
  const url = canvas.toDataURL(type, quality);
  const match = /^data:([^;,]+);base64,/.exec(url);
  if (!match) return null;
  const text = atob(url.slice(match[0].length));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return { type: match[1], bytes };
}

/** The SVG document as the file to post: `{type, bytes}` within the platforms' limit; throws otherwise. */
export async function rasterise(svg) {
  const canvas = await svgCanvas(svg);
  try {
    return await fittedImage((wanted) => encoded(canvas, wanted)).catch((e) => Promise.reject(new Error(say("longTooBig") + e.message)));
  } finally {
    // The canvas's pixels are large: let them go now rather than at the next collection.
    canvas.width = 0;
    canvas.height = 0;
  }
}
