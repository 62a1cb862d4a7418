// How the reports write numbers and tables (bench/lib/report*.mjs).
export const KB = 1024;

export const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : "–");
export const kb = (b) => `${(b / KB).toFixed(1)} KB`;
export const bytes = (b) => `${b.toLocaleString("en-US")} B`;
export const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "–");
export const mib = (b) => `${(b / 2 ** 20).toFixed(2)} MiB`;
/** A summary's quartiles (stats.mjs), each written by `f`. */
export const spread = (s, f) => `${f(s.p25)}–${f(s.p75)}`;
/** A summary's range. */
export const range = (s, f) => `${f(s.min)}–${f(s.max)}`;

/** A markdown table; `align`: a letter per column, l or r. */
export function table(head, rows, align = `l${"r".repeat(head.length - 1)}`) {
  const line = (c) => `| ${c.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (align[i] === "r" ? "---:" : "---"))), ...rows.map(line)].join("\n");
}
