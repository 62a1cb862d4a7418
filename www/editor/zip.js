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

/** The fields local and central headers share (method … name length), from offset `at`. */
function commonFields(view, at, { method, when, crc, stored, size, nameLength }) {
  view.setUint16(at, method, true);
  view.setUint16(at + 2, when.time, true);
  view.setUint16(at + 4, when.date, true);
  view.setUint32(at + 6, crc, true);
  view.setUint32(at + 10, stored, true); // compressed size
  view.setUint32(at + 14, size, true); // uncompressed size
  view.setUint16(at + 18, nameLength, true);
}

function localHeader(name, fields) {
  const local = new Uint8Array(30 + name.length);
  const l = new DataView(local.buffer);
  l.setUint32(0, 0x04034b50, true); // local file header signature
  l.setUint16(4, VERSION, true); // version needed to extract
  l.setUint16(6, UTF8_NAMES, true);
  commonFields(l, 8, fields);
  // extra field length: 0
  local.set(name, 30);
  return local;
}

function centralHeader(name, fields, offset) {
  const central = new Uint8Array(46 + name.length);
  const c = new DataView(central.buffer);
  c.setUint32(0, 0x02014b50, true); // central file header signature
  c.setUint16(4, MADE_BY_UNIX, true);
  c.setUint16(6, VERSION, true);
  c.setUint16(8, UTF8_NAMES, true);
  commonFields(c, 10, fields);
  // extra field, comment, disk number, internal attributes: 0
  c.setUint32(38, (FILE_MODE << 16) >>> 0, true); // external attributes: the Unix mode
  c.setUint32(42, offset, true); // where its local header starts
  central.set(name, 46);
  return central;
}

/** The end of central directory record for `count` entries. */
function endRecord(count, directorySize, directoryOffset) {
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true); // end of central directory signature
  // this disk, the directory's disk: 0
  e.setUint16(8, count, true); // entries on this disk
  e.setUint16(10, count, true); // entries in all
  e.setUint32(12, directorySize, true);
  e.setUint32(16, directoryOffset, true);
  // comment length: 0
  return end;
}

/** A file's bytes as stored in the archive: deflated where that makes them smaller. */
async function packed(data, deflate) {
  if (deflate && data.length > 0) {
    const body = await deflateRaw(data);
    if (body.length < data.length) return { method: DEFLATED, body };
  }
  return { method: STORED, body: data };
}

/** A file's name and bytes, checked. */
function entry(file, seen) {
  checkName(file.name);
  if (seen.has(file.name)) throw new Error(`two files named ${file.name}`);
  seen.add(file.name);
  const data = typeof file.data === "string" ? utf8.encode(file.data) : file.data;
  if (!(data instanceof Uint8Array)) throw new Error(`${file.name}: data is neither text nor bytes`);
  if (data.length > MAX_BYTES) throw new Error(`${file.name}: over 4 GiB`);
  return { name: utf8.encode(file.name), data };
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

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
    const { name, data } = entry(file, seen);
    const { method, body } = await packed(data, useDeflate);
    const fields = { method, when, crc: crc32(data), stored: body.length, size: data.length, nameLength: name.length };
    const local = localHeader(name, fields);
    locals.push(local, body);
    centrals.push(centralHeader(name, fields, offset));
    offset += local.length + body.length;
    if (offset > MAX_BYTES) throw new Error("the archive would be over 4 GiB");
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  return concat([...locals, ...centrals, endRecord(files.length, directorySize, offset)]);
}
