// A .zip writer with no dependency: local file headers, the central directory and its end
// record (PKWARE APPNOTE 6.3, sections 4.3.7, 4.3.12 and 4.3.16), CRC-32, UTF-8 names
// (general purpose flag bit 11). Each file is deflated (method 8) through the platform's
// CompressionStream("deflate-raw") where there is one and where it makes the file smaller,
// else stored (method 0). No ZIP64: a published folder is a few hundred kilobytes, so more
// than 65 535 files or 4 GiB is refused rather than written wrong.
// Pure: no DOM; node runs it too (tests/node/zip.test.mjs reads its output with Python's
// zipfile, an independent reader).

const UTF8_NAMES = 0x0800; // general purpose bit 11: names are UTF-8
const STORED = 0;
const DEFLATED = 8;
const VERSION = 20; // 2.0: deflate and folders
const MADE_BY_UNIX = (3 << 8) | VERSION; // so unzip gives files the mode below
const FILE_MODE = 0o100644; // a regular file, rw-r--r--
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

let table = null;
/** The CRC-32 (IEEE 802.3, reflected, as zip and gzip use it) of `bytes`. */
export function crc32(bytes) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Whether this platform can deflate (CompressionStream with "deflate-raw"). */
export function canDeflate() {
  try {
    new CompressionStream("deflate-raw"); // throws on an unknown format, or no such class
    return true;
  } catch {
    return false;
  }
}

async function deflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** MS-DOS time and date of `date` (local time, 2 s steps; 1980 is the earliest year). */
function dosTime(date) {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** A relative path with "/" between its parts, no "." or ".." part, no backslash. */
function checkName(name) {
  const parts = name.split("/");
  if (!name || name.includes("\\") || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`not a relative file path: ${JSON.stringify(name)}`);
  }
}

const utf8 = new TextEncoder();

/**
 * The bytes of a .zip holding `files` (`[{ name, data }]`, `data` a string, written as
 * UTF-8, or a Uint8Array), in that order. `deflate`: try deflate (where the platform has
 * it; a file is stored when deflating does not make it smaller); `date`: every file's
 * modification time.
 */
export async function zip(files, { deflate = true, date = new Date() } = {}) {
  if (files.length > MAX_ENTRIES) throw new Error(`more than ${MAX_ENTRIES} files`);
  const useDeflate = deflate && canDeflate();
  const when = dosTime(date);
  const seen = new Set();
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of files) {
    checkName(file.name);
    if (seen.has(file.name)) throw new Error(`two files named ${file.name}`);
    seen.add(file.name);
    const name = utf8.encode(file.name);
    const data = typeof file.data === "string" ? utf8.encode(file.data) : file.data;
    if (!(data instanceof Uint8Array)) throw new Error(`${file.name}: data is neither text nor bytes`);
    if (data.length > MAX_BYTES) throw new Error(`${file.name}: over 4 GiB`);
    let method = STORED;
    let body = data;
    if (useDeflate && data.length > 0) {
      const packed = await deflateRaw(data);
      if (packed.length < data.length) [method, body] = [DEFLATED, packed];
    }
    const crc = crc32(data);

    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true); // local file header signature
    l.setUint16(4, VERSION, true); // version needed to extract
    l.setUint16(6, UTF8_NAMES, true);
    l.setUint16(8, method, true);
    l.setUint16(10, when.time, true);
    l.setUint16(12, when.date, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, body.length, true); // compressed size
    l.setUint32(22, data.length, true); // uncompressed size
    l.setUint16(26, name.length, true);
    l.setUint16(28, 0, true); // extra field length
    local.set(name, 30);
    locals.push(local, body);

    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true); // central file header signature
    c.setUint16(4, MADE_BY_UNIX, true);
    c.setUint16(6, VERSION, true);
    c.setUint16(8, UTF8_NAMES, true);
    c.setUint16(10, method, true);
    c.setUint16(12, when.time, true);
    c.setUint16(14, when.date, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, data.length, true);
    c.setUint16(28, name.length, true);
    // extra field, comment, disk number, internal attributes: 0
    c.setUint32(38, (FILE_MODE << 16) >>> 0, true); // external attributes: the Unix mode
    c.setUint32(42, offset, true); // where its local header starts
    central.set(name, 46);
    centrals.push(central);

    offset += local.length + body.length;
    if (offset > MAX_BYTES) throw new Error("the archive would be over 4 GiB");
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true); // end of central directory signature
  // this disk, the directory's disk: 0
  e.setUint16(8, files.length, true); // entries on this disk
  e.setUint16(10, files.length, true); // entries in all
  e.setUint32(12, directorySize, true);
  e.setUint32(16, offset, true); // where the directory starts
  // comment length: 0
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
