// Transfer sizes (raw, gzip -9, brotli 11) of the files a page fetched, and what the wasm
// is made of according to twiggy (https://github.com/rustwasm/twiggy, `cargo install twiggy`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export function compressed(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** files: [{name, path, note}] → {rows: [{name, note, raw, gzip, brotli}], total}. */
export function sizeTable(files) {
  const rows = files.map(({ name, path, note }) => ({ name, note, ...compressed(readFileSync(path)) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of Object.keys(total)) total[k] += r[k];
  return { rows, total };
}

/**
 * `twiggy top` of a wasm binary with its name section (the one cargo writes, before
 * wasm-bindgen and wasm-opt): the largest items, and the same sizes summed by crate (the
 * first path segment of twiggy's demangled names). Sizes are pre-optimisation bytes, so
 * read them as shares of the shipped module, not as its bytes.
 */
export function twiggyTop(wasmPath, n = 15) {
  const items = JSON.parse(execFileSync("twiggy", ["top", "--format", "json", wasmPath], { encoding: "utf8", maxBuffer: 1 << 28 }));
  const total = items.reduce((a, x) => a + x.shallow_size, 0);
  const byCrate = new Map();
  for (const x of items) byCrate.set(crateOf(x.name), (byCrate.get(crateOf(x.name)) ?? 0) + x.shallow_size);
  const share = (size) => Math.round((size / total) * 1000) / 10;
  return {
    totalBytes: total,
    top: items.slice(0, n).map((x) => ({ name: x.name, bytes: x.shallow_size, percent: share(x.shallow_size) })),
    crates: [...byCrate]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([crate, size]) => ({ crate, bytes: size, percent: share(size) })),
  };
}

/** `<serde_json::de::X as serde::Deserializer>::f::h12…` → serde_json; `data[3]` → (data). */
function crateOf(name) {
  const path = name.replace(/^(<|&|mut |dyn |\*const |\*mut )+/, "");
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(path);
  if (m) return m[1];
  const kind = /^(data|code|type|elem|global|table|memory|import|export|custom section)\b/.exec(path);
  return kind ? `(${kind[1]})` : "(other)";
}
