// The editor's zip writer (www/editor/zip.js), read back by an independent reader:
// Python's zipfile (testzip() checks every CRC; the contents must equal what was written).
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canDeflate, crc32, zip } from "../../www/editor/zip.js";

/** What Python's zipfile reads from the archive at `path`, per file. */
function pythonRead(path) {
  const script = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = {"bad": bad, "files": [
        {"name": i.filename, "method": i.compress_type, "utf8": bool(i.flag_bits & 0x800),
         "size": i.file_size, "data": base64.b64encode(z.read(i)).decode(),
         "date": list(i.date_time), "mode": i.external_attr >> 16}
        for i in z.infolist()]}
print(json.dumps(out))
`;
  return JSON.parse(execFileSync("python3", ["-c", script, path], { encoding: "utf8" }));
}

// Pseudo-random bytes (xorshift32, fixed seed): incompressible, so deflate must fall back
// to stored.
const noise = (n) => {
  const out = new Uint8Array(n);
  let s = 2463534242;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
};
const FILES = [
  { name: "index.html", data: "<!doctype html>\n<title>图表</title>\n".repeat(200) },
  { name: "data/南通高新区.json", data: JSON.stringify({ 中文: "数据", en: "data" }, null, 2) },
  { name: "b-0123456789/pkg/park_infographic_bg.wasm", data: noise(70000) },
  { name: "pictures/empty.svg", data: "" },
  { name: "snippets/one-byte.html", data: new Uint8Array([0]) },
];
const bytesOf = (d) => (typeof d === "string" ? Buffer.from(d, "utf8") : Buffer.from(d));
const DATE = new Date(2026, 11, 7, 13, 45, 30);

for (const deflate of [false, true]) {
  test(`zip ${deflate ? "deflated" : "stored"}: Python's zipfile reads every file back intact`, async () => {
    if (deflate) assert.ok(canDeflate(), "node has CompressionStream('deflate-raw')");
    const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
    try {
      const bytes = await zip(FILES, { deflate, date: DATE });
      const path = join(dir, "out.zip");
      writeFileSync(path, bytes);
      const read = pythonRead(path);
      assert.equal(read.bad, null, "testzip: no file with a bad CRC");
      assert.deepEqual(read.files.map((f) => f.name), FILES.map((f) => f.name), "names (UTF-8) in order");
      for (const [i, f] of read.files.entries()) {
        const want = bytesOf(FILES[i].data);
        assert.equal(f.size, want.length, `${f.name}: size`);
        assert.ok(Buffer.from(f.data, "base64").equals(want), `${f.name}: contents`);
        assert.equal(f.utf8, true, `${f.name}: UTF-8 flag`);
        assert.deepEqual(f.date, [2026, 12, 7, 13, 45, 30], `${f.name}: date`);
        assert.equal(f.mode, 0o100644, `${f.name}: a regular file`);
      }
      const methods = Object.fromEntries(read.files.map((f) => [f.name, f.method]));
      if (deflate) {
        assert.equal(methods["index.html"], 8, "text is deflated");
        assert.equal(methods["b-0123456789/pkg/park_infographic_bg.wasm"], 0, "noise is stored (deflate would grow it)");
        assert.equal(methods["pictures/empty.svg"], 0, "an empty file is stored");
        assert.ok(bytes.length < 70000 + 10000, `deflated archive is small: ${bytes.length}`);
      } else {
        assert.ok(Object.values(methods).every((m) => m === 0), "all stored");
        const total = FILES.reduce((n, f) => n + bytesOf(f.data).length, 0);
        assert.ok(bytes.length > total, "stored: bigger than the contents");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("zip: CRC-32 agrees with zlib's (known value and random data)", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926, "the check value");
  const data = noise(5000);
  // Python zlib.crc32, an independent implementation.
  const py = execFileSync("python3", ["-c", "import sys,zlib; print(zlib.crc32(sys.stdin.buffer.read()))"], { input: data, encoding: "utf8" });
  assert.equal(crc32(data), Number(py.trim()));
});

test("zip: refuses names that could escape the folder, and duplicates", async () => {
  for (const name of ["../x", "/etc/x", "a//b", "a\\b", "./a", ""]) {
    await assert.rejects(zip([{ name, data: "x" }]), /not a relative file path/, name);
  }
  await assert.rejects(zip([{ name: "a", data: "1" }, { name: "a", data: "2" }]), /two files named a/);
});
