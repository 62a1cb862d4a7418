// A table pasted from WPS, Excel, Numbers or a web page (tab-separated), a CSV file, or
// the rows of a spreadsheet's sheet (read by pkg-xlsx, see xlsx.js):
// its rows, which row is the header (if any), and what each column holds (a mapping the
// journalist can change). Then the figures the rows give. A paste is never refused as a
// whole: a cell that cannot be read is kept as typed and marked. Pure: no DOM.
import { idFor } from "./ids.js";
import { setPeriod, setValue } from "./values.js";

/** What a column can hold; "skip" columns are left out. */
export const ROLES = ["label", "labelEn", "value", "unit", "period", "kind", "chart", "note", "noteEn", "source", "id", "skip"];

/** Rows of cells split at `sep`; a cell in double quotes may hold separators, newlines and doubled quotes. */
export function splitRows(text, sep) {
  const rows = [];
  let row = [];
  let cell = "";
  const s = String(text).replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; ) {
    const ch = s[i];
    if (ch === '"' && cell.trim() === "") {
      cell = "";
      for (i++; i < s.length; ) {
        if (s[i] === '"' && s[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else cell += s[i++];
      }
    } else if (ch === sep) {
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
  return rows.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ""));
}

/** Tabs when any line has one (spreadsheets), else commas (CSV), else one column. */
export function separator(text) {
  if (/\t/.test(text)) return "\t";
  if (/[,，]/.test(text) && /,/.test(text)) return ",";
  return "\t";
}

// Header words, compared after squash(); the first role whose words match wins, so the
// more particular ones (英文名称 before 名称) come first.
const HEADERS = [
  ["labelEn", ["英文", "英文名称", "英文标签", "标签英文", "labelen", "english", "englishlabel", "nameen"]],
  ["noteEn", ["英文备注", "英文注释", "noteen", "注释英文"]],
  ["id", ["编号", "id", "代码", "code"]],
  ["unit", ["单位", "unit", "units", "计量单位"]],
  ["period", ["年份", "时期", "年度", "时间", "日期", "期间", "year", "period", "date", "time"]],
  ["kind", ["类型", "性质", "kind", "type"]],
  ["chart", ["图表", "chart"]],
  ["note", ["备注", "说明", "注释", "附注", "注释中文", "note", "notes", "notezh", "remark", "remarks", "comment"]],
  ["source", ["来源", "出处", "数据来源", "资料来源", "source", "sources"]],
  ["value", ["数值", "金额", "数量", "数据", "值", "总量", "规模", "增速", "增长", "value", "values", "amount", "number", "count", "total", "figure"]],
  ["label", ["指标", "名称", "项目", "指标名称", "标签", "标签中文", "内容", "类别", "label", "labelzh", "name", "item", "indicator", "metric", "category"]],
];

const squash = (h) => h.toLowerCase().replace(/[\s_.·:：\-—/]/g, "");

/**
 * What a header cell names: {role, unit?, year?}. A unit in brackets is the column's unit
 * (金额（亿元）); a year alone (2023年) is a value column for that year. Null if unknown.
 */
export function headerRole(text) {
  const h = String(text ?? "").trim();
  if (!h) return null;
  const bracket = /^(.*?)[（(]\s*([^()（）]+?)\s*[)）]\s*$/.exec(h);
  const word = squash(bracket ? bracket[1] : h);
  const unit = bracket ? bracket[2] : undefined;
  const year = /^(\d{4})年?(?:度)?(?:数据|数值)?$/.exec(word);
  if (year) return { role: "value", year: Number(year[1]), unit };
  for (const [role, words] of HEADERS) {
    if (words.includes(word)) return { role, unit };
  }
  // A longer header that contains a header word (主要指标, 2023年数值, 金额亿元).
  for (const [role, words] of HEADERS) {
    if (word.length <= 12 && words.some((w) => /[^\x00-\x7f]/.test(w) && w.length >= 2 && word.includes(w))) return { role, unit };
  }
  return null;
}

const looksNumeric = (c) => /\d/.test(c) && c.replace(/[\d.,，%％\s+\-约近超逾余多以上左右万亿千百元美人家个项件年]/g, "").length <= 2;
const looksYear = (c) => /^\d{4}\s*年?(?:\s*(?:Q[1-4]|[一二三四]季度))?$/.test(c);

/** Roles guessed from the cells of a table without a header row. */
function guessRoles(rows, width) {
  const roles = Array(width).fill("skip");
  const column = (i) => rows.map((r) => r[i] ?? "").filter((c) => c !== "");
  const share = (cells, test) => (cells.length ? cells.filter(test).length / cells.length : 0);
  for (let i = 0; i < width; i++) {
    const cells = column(i);
    if (share(cells, looksYear) >= 0.8 && !roles.includes("period")) roles[i] = "period";
    else if (share(cells, looksNumeric) >= 0.6 && !roles.includes("value")) roles[i] = "value";
  }
  const text = roles.findIndex((r, i) => r === "skip" && column(i).length);
  if (text >= 0) roles[text] = "label";
  return roles;
}

/**
 * The table in `text`: {caption, header (cells or null), rows, columns: [{role, unit?,
 * year?, header}]}. A first line with one cell over rows of several is the table's caption.
 */
/**
 * A table file's bytes as text: UTF-8 (with or without a byte-order mark), else GB18030,
 * which Excel and WPS in Chinese use when they save a CSV (a superset of GBK).
 */
export function decodeTable(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

export function readTable(text) {
  return readRows(splitRows(text, separator(text)));
}

/**
 * The table of rows of cell texts (a sheet of a spreadsheet file, or pasted text split),
 * read as a paste is: cells trimmed, blank rows left out, then as `readTable`.
 */
export function readRows(cells) {
  let rows = cells.map((r) => r.map((c) => String(c ?? "").trim())).filter((r) => r.some((c) => c !== ""));
  let caption = "";
  if (rows.length > 2 && rows[0].filter((c) => c).length === 1 && rows[1].filter((c) => c).length > 1) {
    caption = rows[0].find((c) => c);
    rows = rows.slice(1);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  const first = rows[0] ?? [];
  const named = first.map(headerRole);
  const isHeader = named.filter(Boolean).length >= Math.min(2, first.filter((c) => c).length);
  const header = isHeader ? first : null;
  const body = isHeader ? rows.slice(1) : rows;
  let columns;
  if (header) {
    columns = Array.from({ length: width }, (_, i) => ({ header: header[i] ?? "", ...(named[i] ?? { role: "skip" }) }));
    // One column per role (the first), except value columns of different years.
    const seen = new Set();
    for (const c of columns) {
      const key = c.role === "value" && c.year ? `value-${c.year}` : c.role;
      if (c.role !== "skip" && seen.has(key)) c.role = "skip";
      seen.add(key);
    }
    if (!columns.some((c) => c.role === "label")) {
      const guess = guessRoles(body, width).indexOf("label");
      const free = guess >= 0 && columns[guess].role === "skip" ? guess : columns.findIndex((c) => c.role === "skip");
      if (free >= 0) columns[free].role = "label";
    }
    if (!columns.some((c) => c.role === "value")) {
      const guess = guessRoles(body, width).indexOf("value");
      if (guess >= 0 && columns[guess].role === "skip") columns[guess].role = "value";
    }
  } else {
    columns = guessRoles(body, width).map((role) => ({ header: "", role }));
  }
  return { caption, header, rows: body, columns };
}

/** One figure from a row: the cells of each role, each read; errors by column. */
function rowFigure(cells, columns, readValue) {
  const f = { id: "", label: { zh: "" }, value: null };
  const marks = [];
  const at = (role) => columns.findIndex((c) => c.role === role);
  const text = (role) => (at(role) >= 0 ? cells[at(role)] ?? "" : "");
  f.label.zh = text("label");
  if (text("labelEn")) f.label.en = text("labelEn");
  const v = at("value") >= 0 ? at("value") : columns.findIndex((c) => c.role === "value");
  const col = columns[v];
  let raw = v >= 0 ? cells[v] ?? "" : "";
  const unit = text("unit") || col?.unit || "";
  // The unit column's word joins the value, so 1.2万 and 人 read as 1.2万人.
  if (raw && unit && !raw.endsWith(unit)) raw = `${raw}${unit}`;
  const r = setValue(f, raw, readValue);
  if (!f.unit && unit) f.unit = unit;
  if (f.value === null && !raw) delete f.typed;
  marks.push({ column: v, reading: r.reading ?? "", error: r.error !== undefined && raw !== "" ? r.error || "unread" : null, unitKnown: r.unitKnown });
  if (text("period")) setPeriod(f, text("period"));
  else if (col?.year) f.period = { year: col.year };
  if (text("kind")) f.kind = text("kind");
  if (text("chart")) f.chart = text("chart");
  if (text("note") || text("noteEn")) {
    f.note = { zh: text("note") || text("noteEn") };
    if (text("noteEn")) f.note.en = text("noteEn");
  }
  if (text("id")) f.id = text("id");
  return { figure: f, marks, source: text("source") };
}

/**
 * The figures the table gives, ids made from labels (kept when the row has an id cell):
 * `{figures, marks, sources}`, marks[i] the readings and errors of row i's value cell,
 * sources[i] its source text. `taken`: ids already used by other figures.
 */
export function tableFigures(table, { readValue, taken = new Set() } = {}) {
  const used = new Set(taken);
  const figures = [];
  const marks = [];
  const sources = [];
  for (const cells of table.rows) {
    const { figure, marks: m, source } = rowFigure(cells, table.columns, readValue);
    if (!figure.label.zh && figure.value === null && !figure.label.en) continue;
    if (!figure.id) figure.id = idFor(figure.label.zh || figure.label.en || cells.join(" "), used);
    used.add(figure.id);
    figures.push(figure);
    marks.push(m);
    sources.push(source);
  }
  return { figures, marks, sources };
}
