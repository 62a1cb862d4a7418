// Transfer sizes (raw, gzip -9, brotli q11) and what the wasm binary is made of.
import { readFileSync, existsSync, statSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

export function compressed(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** files: [{name, path, note?, counted?}] → rows with sizes and totals of counted rows. */
export function sizeTable(files) {
  const rows = files.map((f) => ({ ...f, counted: f.counted ?? true, ...compressed(readFileSync(f.path)) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows.filter((r) => r.counted)) for (const k of Object.keys(total)) total[k] += r[k];
  return { rows: rows.map(({ path, ...r }) => r), total };
}

const SECTION_NAMES = [
  "custom", "type", "import", "function", "table", "memory", "global",
  "export", "start", "element", "code", "data", "datacount",
];

/** A read position in `buf`, with the LEB128 and length-prefixed-string readers wasm needs. */
function cursor(buf, o = 0) {
  const c = {
    o,
    leb() {
      let r = 0;
      let s = 0;
      let x;
      do {
        x = buf[c.o++];
        r += (x & 0x7f) * 2 ** s;
        s += 7;
      } while (x & 0x80);
      return r;
    },
    str() {
      const n = c.leb();
      const s = buf.subarray(c.o, c.o + n).toString();
      c.o += n;
      return s;
    },
  };
  return c;
}

/** Top-level sections of a wasm binary: [{id, name, size, start, end}]. */
export function wasmSections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm binary");
  const c = cursor(buf, 8);
  const out = [];
  while (c.o < buf.length) {
    const id = buf[c.o++];
    const size = c.leb();
    const start = c.o;
    let name = SECTION_NAMES[id] ?? `unknown(${id})`;
    if (id === 0) {
      const len = c.leb();
      name = `custom "${buf.subarray(c.o, c.o + len).toString()}"`;
    }
    out.push({ id, name, size, start, end: start + size });
    c.o = start + size;
  }
  return { sections: out };
}

/** Function body sizes and names (from the "name" section, if any). */
function functions(buf) {
  const { sections } = wasmSections(buf);
  const c = cursor(buf);
  let imported = 0;
  const imp = sections.find((s) => s.id === 2);
  if (imp) {
    c.o = imp.start;
    const n = c.leb();
    for (let i = 0; i < n; i++) {
      c.str();
      c.str();
      const kind = buf[c.o++];
      if (kind === 0) {
        c.leb();
        imported++;
      } else if (kind === 1) {
        c.o++;
        const f = c.leb();
        c.leb();
        if (f & 1) c.leb();
      } else if (kind === 2) {
        const f = c.leb();
        c.leb();
        if (f & 1) c.leb();
      } else if (kind === 3) {
        c.o += 2;
      } else if (kind === 4) {
        c.o++;
        c.leb();
      }
    }
  }
  const bodies = [];
  const code = sections.find((s) => s.id === 10);
  if (code) {
    c.o = code.start;
    const n = c.leb();
    for (let i = 0; i < n; i++) {
      const size = c.leb();
      bodies.push({ index: imported + i, size });
      c.o += size;
    }
  }
  const names = new Map();
  const nameSec = sections.find((s) => s.name === 'custom "name"');
  if (nameSec) {
    c.o = nameSec.start;
    c.str();
    while (c.o < nameSec.end) {
      const sub = buf[c.o++];
      const len = c.leb();
      const end = c.o + len;
      if (sub === 1) {
        const n = c.leb();
        for (let i = 0; i < n; i++) {
          const idx = c.leb();
          names.set(idx, c.str());
        }
      }
      c.o = end;
    }
  }
  return bodies.map((b) => ({ ...b, name: names.get(b.index) ?? null }));
}

/** The crate a Rust symbol (legacy `_ZN…` or v0 `_R…` mangling) belongs to, roughly. */
export function crateOf(name) {
  if (!name) return "(unnamed)";
  if (name.startsWith("_R")) {
    // v0: the first crate root `C[s<disambiguator>_]<len><ident>` in the path.
    // An identifier that starts with `_` or a digit is preceded by a `_` separator.
    const m = /C(?:s[0-9A-Za-z]*_)?(\d+)(_?)/.exec(name);
    if (!m) return "(other)";
    const crate = name.substr(m.index + m[0].length, Number(m[1]));
    return crate === "__rustc" ? "(allocator shim)" : crate;
  }
  if (name.startsWith("_ZN")) {
    const m = /^_ZN(\d+)/.exec(name);
    if (!m) return "(other)";
    const seg = name.substr(3 + m[1].length, Number(m[1]));
    // `<T as Trait>::f` is `_$LT$path..T$u20$as$u20$…$GT$`: count it for the type's crate.
    if (/^_?\$LT\$/.test(seg)) {
      let inner = seg.replace(/^_?\$LT\$/, "");
      for (let prev = ""; prev !== inner; ) {
        prev = inner;
        inner = inner.replace(/^(\$RF\$|\$BP\$|mut\$u20\$|const\$u20\$|dyn\$u20\$|\$u5b\$|\$LP\$)/, "");
      }
      const crate = /^([A-Za-z_][A-Za-z0-9_]*)\.\./.exec(inner);
      return crate ? crate[1] : "(impls on primitive types)";
    }
    return seg;
  }
  if (/^(__wbindgen|__wbg|__externref)/.test(name)) return "wasm_bindgen";
  if (/^(memcpy|memset|memmove|memcmp|__rust|__rdl|__rg|__)/.test(name)) return "(runtime builtins)";
  return "(other)";
}

/**
 * What the shipped wasm is made of: its sections, the embedded dataset, and (when the
 * pre-optimisation binary with a name section is around) code size per crate.
 */
export function wasmAnatomy(shipped, { preopt, pkgWasm, datasetJson } = {}) {
  const buf = readFileSync(shipped);
  const { sections } = wasmSections(buf);
  const rows = sections.map((s) => ({
    name: s.name,
    size: s.size,
    gzip: gzipSync(buf.subarray(s.start, s.end), { level: 9 }).length,
  }));
  const out = { total: buf.length, sections: rows, functions: functions(buf).length };
  if (datasetJson && existsSync(datasetJson)) {
    const json = readFileSync(datasetJson);
    out.dataset = {
      raw: json.length,
      gzip: gzipSync(json, { level: 9 }).length,
      minifiedRaw: Buffer.from(JSON.stringify(JSON.parse(json))).length,
      embeddedVerbatim: buf.indexOf(json) >= 0,
    };
  }
  // The pre-wasm-bindgen binary describes the shipped one only if pkg/'s wasm is what
  // dist/ ships and the two were built within minutes of each other (same build).
  const fresh =
    preopt &&
    pkgWasm &&
    existsSync(preopt) &&
    existsSync(pkgWasm) &&
    readFileSync(pkgWasm).equals(buf) &&
    Math.abs(statSync(pkgWasm).mtimeMs - statSync(preopt).mtimeMs) < 10 * 60 * 1000;
  if (!fresh) out.codeByCrate = null;
  if (fresh) {
    // wasm-bindgen runs and then removes the type-description functions: leave them out.
    const fns = functions(readFileSync(preopt)).filter((f) => !/__wbindgen_describe|WasmDescribe/.test(f.name ?? ""));
    const total = fns.reduce((a, f) => a + f.size, 0);
    const byCrate = new Map();
    for (const f of fns) {
      const c = crateOf(f.name);
      byCrate.set(c, (byCrate.get(c) ?? 0) + f.size);
    }
    // The same by module (first two path segments of the demangled name, generic
    // arguments and impl targets stripped).
    const byModule = new Map();
    for (const f of fns) {
      const path = demangle(f.name).replace(/^<(&?(mut )?)?/, "").split("::").slice(0, 2).join("::").replace(/<.*$/, "");
      byModule.set(path, (byModule.get(path) ?? 0) + f.size);
    }
    out.codeByCrate = {
      source: "pre-wasm-opt binary's name section (target/wasm32-unknown-unknown/release); shares are approximate",
      preoptBuilt: statSync(preopt).mtime.toISOString(),
      pkgBuilt: statSync(pkgWasm).mtime.toISOString(),
      preoptCodeBytes: total,
      crates: [...byCrate.entries()]
        .map(([crate, size]) => ({ crate, size, share: size / total }))
        .sort((a, b) => b.size - a.size),
      modules: [...byModule.entries()]
        .map(([module, size]) => ({ module, size, share: size / total }))
        .sort((a, b) => b.size - a.size)
        .slice(0, 25),
      largest: fns
        .sort((a, b) => b.size - a.size)
        .slice(0, 12)
        .map((f) => ({ name: f.name, size: f.size })),
    };
  }
  return out;
}

/** `_ZN16park_infographic4data8validate8validate17h…E` → `park_infographic::data::validate::validate`. */
export function demangle(name) {
  if (!name) return "?";
  if (name.startsWith("_ZN")) {
    const parts = [];
    let i = 3;
    while (i < name.length && /\d/.test(name[i])) {
      const m = /^\d+/.exec(name.slice(i));
      const n = Number(m[0]);
      i += m[0].length;
      parts.push(name.substr(i, n));
      i += n;
    }
    if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
    return parts
      .join("::")
      .replace(/\$LT\$/g, "<")
      .replace(/\$GT\$/g, ">")
      .replace(/\$RF\$/g, "&")
      .replace(/\$u20\$/g, " ")
      .replace(/\$C\$/g, ",")
      .replace(/\.\./g, "::")
      .replace(/^_</, "<");
  }
  if (name.startsWith("_R")) {
    // v0, roughly: drop disambiguators (`s…_`) and back-references (`B…_`), then read the
    // length-prefixed identifiers in order.
    const s = name.slice(2).replace(/(?<=[CMXY]|N[a-zA-Z])s[0-9A-Za-z]*_/g, "").replace(/B[0-9A-Za-z]*_/g, "");
    const ids = [];
    let i = 0;
    while (i < s.length) {
      const m = /^(\d+)(_?)/.exec(s.slice(i));
      if (!m) {
        i++;
        continue;
      }
      const start = i + m[0].length;
      ids.push(s.substr(start, Number(m[1])));
      i = start + Number(m[1]);
    }
    return ids.join("::") || name;
  }
  return name;
}
