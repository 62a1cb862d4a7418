// Opening a spreadsheet file (.xlsx): its sheet read by the spreadsheet module (pkg-xlsx/,
// the crate xlsx/: calamine in wasm, about 300 KB gzipped), which is imported the first
// time a spreadsheet is opened — never at the editor's start, never by the widget. The
// rows it gives take the path a pasted table takes (data.js). What it refuses comes back
// as a word of words.js ("xlsxTooBig", "xlsxDamaged" …), said in the UI's language.

/** Past this the file is not read at all (the module refuses it too: MAX_FILE_BYTES). */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

let loading = null; // the module's import, once started
let fresh = 0; // bumped when an instance trapped: the next import is a new instance

/** An error the editor words: `code` is a key of words.js. */
export class SpreadsheetError extends Error {
  constructor(code, detail = "") {
    super(detail || code);
    this.code = code;
  }
}

function module() {
  loading ??= (async () => {
    // (`__BUILD__`: the way from the bundled editor to its build's files, see .ci/dist.sh.)
    const url = new URL(__BUILD__ + "pkg-xlsx/park_infographic_xlsx.js", import.meta.url);
    if (fresh) url.search = `?instance=${fresh}`;
    const m = await import(url.href);
    await m.default();
    return m;
  })();
  return loading.catch((e) => {
    loading = null;
    throw new SpreadsheetError("xlsxLoadFailed", e?.message ?? String(e));
  });
}

/** Calls the module; a refusal becomes its word, a trap (never expected) a damaged file. */
function call(read) {
  try {
    return read();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      // The instance may be left in any state: the next file gets a new one.
      loading = null;
      fresh++;
      throw new SpreadsheetError("xlsxDamaged");
    }
    const code = String(e?.message ?? "");
    throw new SpreadsheetError(/^xlsx[A-Z]\w*$/.test(code) ? code : "xlsxDamaged");
  }
}

/**
 * Reads the sheet of an .xlsx `file` that `choose(sheets)` picks (asked only when the file
 * has several visible sheets; it resolves to a name, or null to open nothing):
 * {sheets, sheet, rows: [[cell text…]…], cutRows, cutColumns, cutCells, maxRows,
 * maxColumns}, or null when none was chosen. Throws a SpreadsheetError.
 */
export async function readSpreadsheet(file, choose) {
  if (file.size > MAX_XLSX_BYTES) throw new SpreadsheetError("xlsxTooBig");
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new SpreadsheetError("xlsxUnreadable", e?.message ?? String(e));
  }
  const m = await module();
  let read = call(() => m.readXlsx(bytes));
  if (read.sheets.length > 1) {
    const name = await choose(read.sheets);
    if (!name) return null;
    if (name !== read.sheet) read = call(() => m.readXlsxSheet(bytes, name));
  }
  return read;
}
