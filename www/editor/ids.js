// Ids the journalist never types: made from a figure's label, the same label giving the
// same id every time (so pasting the same table again updates its rows rather than adding
// them twice). Labels in Latin letters give a readable slug; others (Chinese: no pinyin
// here) `f-` and a short hash of the label.

/** FNV-1a over the label's UTF-16 code units, in base 36 (7 characters). */
export function shortHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0");
}

/** The id a label stands for, before any clash with another figure's is settled. */
export function baseId(label, prefix = "f") {
  const text = String(label ?? "").trim().normalize("NFC");
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  // A Latin label of letters and digits only: its slug reads better than a hash.
  if (slug && /^[\x20-\x7e]+$/.test(text) && slug.length <= 40 && /^[a-z]/.test(slug)) return `${prefix}-${slug}`;
  return `${prefix}-${shortHash(text)}`;
}

/** `baseId(label)`, or with `-2`, `-3` … when `taken` (a Set of ids) has it already. */
export function idFor(label, taken, prefix = "f") {
  const base = baseId(label, prefix);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** `${prefix}-N`, the first N from `list.length + 1` that no item of `list` has. */
export function freshId(list, prefix) {
  const taken = new Set(list.map((x) => x?.id));
  let n = list.length + 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
