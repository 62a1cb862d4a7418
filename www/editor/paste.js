// Tab-separated rows pasted from a spreadsheet: the first row names the columns (the
// table's headers in zh or en, or the field names); each row adds the figure with that id
// or updates it. Nothing changes unless every row is understood (atomic).
import { COLUMNS, numberOrText, parsePeriod } from "./table.js";
import { newFigure } from "./state.js";
import { everyLang, word } from "./words.js";

/** Rows of cells; a cell in double quotes may hold tabs, newlines and doubled quotes (Excel, Sheets). */
export function parseTsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let i = 0;
  const s = text.replace(/^\uFEFF/, "");
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' && cell === "") {
      // A quoted cell, up to the lone closing quote.
      i++;
      while (i < s.length) {
        if (s[i] === '"' && s[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else cell += s[i++];
      }
    } else if (ch === "\t") {
      row.push(cell);
      cell = "";
      i++;
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  // Blank lines (a trailing newline, a spreadsheet's empty rows) carry nothing.
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

const squash = (h) => h.toLowerCase().replace(/[\s_.()（）:：-]/g, "");

/** Header text → column, from both languages' headers and the column keys. */
function headerTable() {
  const table = new Map();
  for (const c of COLUMNS) {
    for (const name of [c.key, ...everyLang(`col.${c.key}`)]) table.set(squash(name), c);
  }
  return table;
}

/** Every header the paste understands, in the current language (for messages). */
export const knownHeaders = () => COLUMNS.map((c) => word(`col.${c.key}`)).join(", ");

/** Why `text` cannot go into column `c`, or null. */
function refuse(c, text) {
  const t = text.trim();
  if (t === "") return c.key === "id" ? word("pasteEmptyId") : null;
  if (c.number && typeof numberOrText(t) !== "number") return word("pasteNotNumber")(t);
  if (c.period && !parsePeriod(t)) return word("pasteBadPeriod")(t);
  if (c.options && !c.options.includes(t)) return word("pasteNotOneOf")(t, c.options.join(", "));
  return null;
}

/**
 * The figures after pasting `text` into `figures` (a new list; the old one is untouched),
 * or why not: `{error}` naming row and column (both from 1, as the spreadsheet shows).
 */
export function pasteRows(figures, text) {
  const rows = parseTsv(text);
  const fail = (row, col, why) => ({ error: word("pasteError")(row, col, why) });
  if (rows.length < 2) return { error: word("pasteNothing") };
  const table = headerTable();
  const header = rows[0];
  const columns = [];
  for (const [i, h] of header.entries()) {
    const c = table.get(squash(h));
    if (!c) {
      const why = columns.length ? word("pasteUnknownHeader")(h) : word("pasteNoHeader");
      return fail(1, i + 1, `${why}: ${knownHeaders()}`);
    }
    columns.push(c);
  }
  const idAt = columns.findIndex((c) => c.key === "id");
  if (idAt < 0) return fail(1, 1, word("pasteNeedId"));
  // Check every row before changing anything.
  const seen = new Set();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.length > columns.length) return fail(r + 1, columns.length + 1, word("pasteTooMany"));
    for (const [i, c] of columns.entries()) {
      const why = refuse(c, cells[i] ?? "");
      if (why) return fail(r + 1, i + 1, `${word(`col.${c.key}`)}: ${why}`);
    }
    const id = cells[idAt].trim();
    if (seen.has(id)) return fail(r + 1, idAt + 1, word("pasteDuplicate")(id));
    seen.add(id);
  }
  const out = JSON.parse(JSON.stringify(figures));
  const byId = new Map(out.map((f) => [f.id, f]));
  let added = 0;
  let updated = 0;
  for (const cells of rows.slice(1)) {
    const id = cells[idAt].trim();
    let f = byId.get(id);
    const like = f ? null : out[out.length - 1];
    if (f) updated++;
    else {
      f = newFigure(id, like);
      out.push(f);
      byId.set(id, f);
      added++;
    }
    columns.forEach((c, i) => {
      if (i !== idAt && i < cells.length) c.set(f, cells[i]);
    });
    // A new row in another chart than the row it was modelled on: that row's panel is not its.
    if (like && f.chart !== like.chart && !columns.some((c) => c.key === "group")) delete f.group;
  }
  const headers = columns.map((c) => word(`col.${c.key}`)).join(", ");
  return { figures: out, added, updated, headers };
}
