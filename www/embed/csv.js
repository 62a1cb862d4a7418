// A chart's figures as CSV for the "download data" link, from the rows the module gives the
// data table (its words about each figure): what a spreadsheet opens correctly, UTF-8 with
// a byte-order mark (Excel otherwise reads Chinese as mojibake), CRLF line ends, RFC 4180
// quoting. Written here rather than in the module: the same bytes cost the reader less as
// script than as wasm.

/** A number as a plain decimal with at most 9 decimals (never 1e-7), no trailing zeros. */
function plain(v) {
  return v == null ? "" : v.toFixed(9).replace(/\.?0+$/, "") || "0";
}

/**
 * A cell, quoted when needed; a leading `=`, `+`, `@` or `-` gets an apostrophe so a
 * spreadsheet does not run it as a formula (CSV injection), unless it is a negative number.
 */
export function cell(text) {
  let s = String(text ?? "");
  if (/^[=+@]/.test(s) || (s[0] === "-" && !/^-\d[\d,]*(\.[\d,]*)?$/.test(s))) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The figures among `rows` (a chart's `table()`: its notes, lines and bands have no id) under
 * `columns`: id, label, value, unit, as stated, period, kind, derivation, source.
 */
export function csv(rows, columns) {
  const figures = rows.filter((r) => r.id);
  const lines = [columns, ...figures.map((r) => [r.id, r.label, plain(r.value), r.unit, r.valueText, r.period, r.kind, r.derived, r.source])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(",") + "\r\n").join("")}`;
}
