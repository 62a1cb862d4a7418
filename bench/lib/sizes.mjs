// Transfer sizes (raw, gzip -9, brotli 11) of the files a page fetched, and what the wasm
// is made of according to twiggy (https://github.com/rustwasm/twiggy, `cargo install twiggy`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

function compressed(buf) {
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
 * `twiggy top` of cargo's wasm, before wasm-bindgen and wasm-opt (it still has function
 * names): the largest items, and the same sizes summed by crate. Sections the shipped
 * module does not have are left out (custom sections, the name section, wasm-bindgen's
 * type descriptions); the rest is pre-optimisation bytes, so read shares, not bytes.
 */
export function twiggyTop(wasmPath, n = 15) {
  const items = JSON.parse(execFileSync("twiggy", ["top", "--format", "json", wasmPath], { encoding: "utf8", maxBuffer: 1 << 28 }))
    .filter((x) => !/^custom section |" subsection$|__wbindgen_describe/.test(x.name))
    .map((x) => ({ name: readable(x.name), bytes: x.shallow_size }));
  const total = items.reduce((a, x) => a + x.bytes, 0);
  const byCrate = new Map();
  for (const x of items) byCrate.set(crateOf(x.name), (byCrate.get(crateOf(x.name)) ?? 0) + x.bytes);
  const percent = (bytes) => Math.round((bytes / total) * 1000) / 10;
  return {
    totalBytes: total,
    top: items.slice(0, n).map((x) => ({ ...x, percent: percent(x.bytes) })),
    crates: [...byCrate]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([crate, bytes]) => ({ crate, bytes, percent: percent(bytes) })),
  };
}

/** Without the symbol hashes: `core[c593…]::fmt::write::h12…` → `core::fmt::write`. */
const readable = (name) => name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, "");

/** `<&mut serde_json::de::Deserializer<R> as serde_core::…>::f` → serde_json; `data segment ".rodata"` → (data). */
function crateOf(name) {
  const m = /^(?:<|&|mut |dyn |\*const |\*mut )*([A-Za-z_]\w*)::/.exec(name);
  if (m) return m[1];
  if (name.startsWith("data segment")) return "(data)";
  return "(other: glue exports, tables, builtins)";
}
