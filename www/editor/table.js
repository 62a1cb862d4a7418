// The figure table: one row per figure, a spreadsheet-like grid. Arrow keys, Home/End
// and Tab move; Enter or F2 (or typing) edits in place; Enter or Tab commits, Escape
// cancels; Delete empties a cell. Cells show and keep the raw text typed (see state.js);
// the columns know how to read and write their field of a figure.
import { BOUNDS, KINDS, UNITS } from "./state.js";
import { word } from "./words.js";

// A long table is built a chunk of rows per task, so a 500-row paste never blocks typing
// (keys are handled between chunks). The built-in data's rows come at once.
const FIRST_ROWS = 60;
const CHUNK_ROWS = 40;

const obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Text typed into a number field: a number, null when empty, else the raw text. */
export function numberOrText(text, empty = null) {
  const t = text.trim();
  if (t === "") return empty;
  return NUMBER.test(t) ? Number(t) : text;
}

function show(v) {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** "2019", "2020 Q1", "2020 +3y", "2020 +2-3y", "2019 now" ⇄ the period object. */
const PERIOD = /^\s*(\d{4})(?:\s*Q([1-4]))?(?:\s*\+\s*(?:(\d+)\s*[-–]\s*)?(\d+)\s*y?)?(\s+now)?\s*$/i;

export function parsePeriod(text) {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const p = { year: Number(m[1]) };
  if (m[2]) p.quarter = Number(m[2]);
  if (m[4]) p.horizon_years = Number(m[4]);
  if (m[3]) p.horizon_years_low = Number(m[3]);
  if (m[5]) p.as_of_report = true;
  return p;
}

function periodText(p) {
  if (!obj(p)) return show(p);
  const parts = [show(p.year)];
  if (p.quarter != null) parts.push(`Q${p.quarter}`);
  if (p.horizon_years != null) parts.push(`+${p.horizon_years_low != null ? `${p.horizon_years_low}-` : ""}${p.horizon_years}y`);
  if (p.as_of_report) parts.push("now");
  return parts.join(" ");
}

/** A bilingual text field; `optional` ones disappear when both languages are empty. */
function textColumn(key, field, lang, optional) {
  return {
    key,
    get: (f) => (obj(f[field]) ? show(f[field][lang]) : lang === "zh" ? show(f[field]) : ""),
    set(f, text) {
      if (!obj(f[field])) f[field] = { zh: "", en: "" };
      f[field][lang] = text;
      if (optional && !f[field].zh && !f[field].en) delete f[field];
    },
  };
}

/** A plain field; `empty` text removes it (optional fields) or stores "" (required ones). */
function plainColumn(key, field, { required = false, options = null } = {}) {
  return {
    key,
    options,
    get: (f) => show(f[field]),
    set(f, text) {
      const t = text.trim();
      if (t === "" && !required) delete f[field];
      else f[field] = t;
    },
  };
}

function refColumn(key, field, number) {
  return {
    key,
    get: (f) => (obj(f.source) ? show(f.source[field]) : ""),
    set(f, text) {
      if (!obj(f.source)) f.source = {};
      f.source[field] = number ? numberOrText(text, "") : text.trim();
    },
    number,
  };
}

/** The table's columns, in order; `key` names the column (headers, paste, error paths). */
export const COLUMNS = [
  plainColumn("id", "id", { required: true }),
  textColumn("labelZh", "label", "zh", false),
  textColumn("labelEn", "label", "en", false),
  {
    key: "value",
    get: (f) => show(f.value),
    set(f, text) {
      f.value = numberOrText(text);
    },
    number: true,
  },
  plainColumn("unit", "unit", { required: true, options: UNITS }),
  plainColumn("bound", "bound", { options: BOUNDS }),
  {
    key: "period",
    get: (f) => periodText(f.period),
    set(f, text) {
      f.period = parsePeriod(text) ?? text;
    },
    period: true,
  },
  plainColumn("kind", "kind", { options: KINDS }),
  plainColumn("chart", "chart"),
  plainColumn("group", "group"),
  refColumn("section", "section", false),
  refColumn("paragraph", "paragraph", true),
  textColumn("noteZh", "note", "zh", true),
  textColumn("noteEn", "note", "en", true),
];

/** The column an error path inside a figure points at (`label.en`, `period.year`, …). */
export function columnForField(field) {
  const [head, rest] = field.split(/\.(.*)/);
  const byField = {
    id: "id",
    value: "value",
    derived: "value",
    low: "value",
    unit: "unit",
    bound: "bound",
    period: "period",
    kind: "kind",
    chart: "chart",
    group: "group",
  };
  if (head === "label" || head === "note") return `${head}${rest === "en" ? "En" : "Zh"}`;
  if (head === "source") return rest === "paragraph" ? "paragraph" : "section";
  return byField[head.replace(/\[.*$/, "")] ?? "id";
}

/** The grid on the page; `doc()` gives the working dataset. */
export class FigureTable {
  constructor(table, { doc, onEdit, onSelect, onPaste }) {
    this.table = table;
    this.doc = doc;
    this.onEdit = onEdit;
    this.onSelect = onSelect;
    this.onPaste = onPaste;
    this.row = 0;
    this.col = 0;
    this.rendered = 0; // rows built so far (see grow)
    this.pending = 0;
    this.wanted = null; // an error mark for a row not built yet
    this.editing = null; // {input, cell, before}
    this.error = null; // the cell marked invalid
    this.head = document.createElement("thead");
    this.body = document.createElement("tbody");
    table.append(this.head, this.body);
    table.addEventListener("keydown", (e) => this.key(e));
    table.addEventListener("click", (e) => {
      const cell = e.target.closest("td");
      if (cell && !this.editing) this.focus(Number(cell.dataset.r), Number(cell.dataset.c));
    });
    table.addEventListener("dblclick", (e) => {
      if (e.target.closest("td")) this.edit();
    });
    table.addEventListener("paste", (e) => {
      const text = e.clipboardData?.getData("text/plain") ?? "";
      // A single value pastes into the cell being edited, like any text field.
      if (this.editing && !/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
      e.preventDefault();
      this.cancel();
      this.onPaste(text);
    });
  }

  figures() {
    return this.doc().figures;
  }

  /** Headers in the current language, and every row. */
  render() {
    const tr = document.createElement("tr");
    const corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = word("row");
    tr.append(corner);
    for (const c of COLUMNS) {
      const th = document.createElement("th");
      th.scope = "col";
      th.className = `c-${c.key}`; // its width (editor.css): the table's layout is fixed
      th.textContent = word(`col.${c.key}`);
      tr.append(th);
    }
    this.head.replaceChildren(tr);
    clearTimeout(this.pending);
    this.body.replaceChildren();
    this.rendered = 0;
    this.error = null;
    this.wanted = null;
    const n = this.figures().length;
    this.row = Math.min(this.row, Math.max(n - 1, 0));
    this.grow(Math.max(FIRST_ROWS, this.row + 1));
    this.more();
  }

  /** Appends the rows not yet built, up to row `end` (exclusive). */
  grow(end) {
    const figures = this.figures();
    const upTo = Math.min(end, figures.length);
    if (this.rendered >= upTo) return;
    const rows = document.createDocumentFragment();
    for (let r = this.rendered; r < upTo; r++) rows.append(this.buildRow(figures[r], r));
    this.body.append(rows);
    this.rendered = upTo;
    if (this.wanted && this.wanted[0] < upTo) this.markError(...this.wanted);
    this.roving();
  }

  more() {
    if (this.rendered >= this.figures().length) return;
    this.pending = setTimeout(() => {
      this.grow(this.rendered + CHUNK_ROWS);
      this.more();
    });
  }

  buildRow(f, r) {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = String(r + 1);
    tr.append(th);
    COLUMNS.forEach((c, ci) => {
      const td = document.createElement("td");
      td.dataset.r = r;
      td.dataset.c = ci;
      td.tabIndex = -1;
      this.fill(td, f, c);
      tr.append(td);
    });
    return tr;
  }

  fill(td, f, c) {
    td.textContent = c.get(f);
    const derived = c.key === "value" && obj(f.derived);
    td.classList.toggle("derived", derived);
    if (derived) td.setAttribute("aria-readonly", "true");
    else td.removeAttribute("aria-readonly");
  }

  /** Refreshes one row's cells from the data (after a derived value is recomputed). */
  refreshRow(r) {
    const tr = this.body.rows[r];
    const f = this.figures()[r];
    if (!tr || !f) return;
    COLUMNS.forEach((c, ci) => {
      const td = tr.cells[ci + 1];
      if (this.editing?.cell !== td) this.fill(td, f, c);
    });
  }

  cell(r = this.row, c = this.col) {
    return this.body.rows[r]?.cells[c + 1] ?? null;
  }

  /** Exactly one cell is in the tab order: the active one. */
  roving() {
    for (const td of this.body.querySelectorAll('td[tabindex="0"]')) td.tabIndex = -1;
    const td = this.cell();
    if (td) td.tabIndex = 0;
  }

  focus(r, c) {
    const n = this.figures().length;
    if (!n) return;
    const changed = r !== this.row;
    this.row = Math.max(0, Math.min(n - 1, r));
    this.grow(this.row + 1);
    this.col = Math.max(0, Math.min(COLUMNS.length - 1, c));
    this.roving();
    this.cell()?.focus();
    this.cell()?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    if (changed) this.onSelect(this.row);
  }

  selected() {
    return this.figures().length ? this.row : -1;
  }

  key(e) {
    if (this.editing) {
      if (e.key === "Escape") {
        e.preventDefault();
        this.cancel();
        this.cell()?.focus();
      } else if (e.key === "Enter") {
        e.preventDefault();
        this.commit();
        this.focus(this.row + 1, this.col);
      } else if (e.key === "Tab") {
        e.preventDefault();
        this.commit();
        this.focus(this.row, this.col + (e.shiftKey ? -1 : 1));
      }
      return;
    }
    if (!e.target.closest("td")) return;
    const last = COLUMNS.length - 1;
    const moves = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-10, 0],
      PageDown: [10, 0],
    };
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      this.focus(this.row + dr, this.col + dc);
    } else if (e.key === "Home") {
      e.preventDefault();
      this.focus(e.ctrlKey ? 0 : this.row, 0);
    } else if (e.key === "End") {
      e.preventDefault();
      this.focus(e.ctrlKey ? this.figures().length - 1 : this.row, last);
    } else if (e.key === "Tab") {
      // Within a row Tab moves right like a spreadsheet; past the row's end it leaves
      // the table (so the keyboard is never trapped).
      const next = this.col + (e.shiftKey ? -1 : 1);
      if (next >= 0 && next <= last) {
        e.preventDefault();
        this.focus(this.row, next);
      }
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.edit();
    } else if (e.key === "Delete" || e.key === "Backspace") {
      // Empties the cell, as in a spreadsheet.
      e.preventDefault();
      this.clearCell();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing over a cell starts editing with that character, as in a spreadsheet.
      e.preventDefault();
      this.edit(e.key);
    }
  }

  /** Puts an input into the active cell; `start` replaces its text (typing over it). */
  edit(start) {
    const td = this.cell();
    const f = this.figures()[this.row];
    const c = COLUMNS[this.col];
    if (!td || !f || td.getAttribute("aria-readonly") === "true") return;
    const input = document.createElement("input");
    input.className = "cell-input";
    input.value = start ?? c.get(f);
    input.setAttribute("aria-label", `${word(`col.${c.key}`)}, ${word("row")} ${this.row + 1}`);
    if (c.options || c.key === "chart" || c.key === "section" || c.key === "group") input.setAttribute("list", `list-${c.key}`);
    if (td.getAttribute("aria-invalid") === "true") {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", td.getAttribute("aria-describedby") ?? "");
    }
    this.editing = { input, cell: td, before: JSON.stringify(f) };
    td.replaceChildren(input);
    input.addEventListener("blur", () => {
      if (this.editing?.input === input) this.commit();
    });
    // Every keystroke reaches the data (validated once per frame): nothing typed is lost,
    // even if the page is closed mid-edit.
    input.addEventListener("input", () => {
      c.set(f, input.value);
      this.onEdit(this.row, c.key);
    });
    input.focus();
    if (start === undefined) input.select();
    else {
      c.set(f, input.value);
      this.onEdit(this.row, c.key);
    }
  }

  clearCell() {
    const td = this.cell();
    const f = this.figures()[this.row];
    const c = COLUMNS[this.col];
    if (!td || !f || td.getAttribute("aria-readonly") === "true") return;
    c.set(f, "");
    this.fill(td, f, c);
    this.onEdit(this.row, c.key);
  }

  /** Keeps what the open editor holds. */
  commit() {
    this.closeEditor((f, c, ed) => c.set(f, ed.input.value));
  }

  /** Back to the figure as it was before this edit, every field of it. */
  cancel() {
    this.closeEditor((f, c, ed) => {
      for (const k of Object.keys(f)) delete f[k];
      Object.assign(f, JSON.parse(ed.before));
    });
  }

  /**
   * Closes the open editor, if any: `apply(figure, column, editor)`, then the cell is
   * refilled and the edit reported.
   */
  closeEditor(apply) {
    const ed = this.editing;
    if (!ed) return;
    this.editing = null;
    const r = Number(ed.cell.dataset.r);
    const c = COLUMNS[Number(ed.cell.dataset.c)];
    const f = this.figures()[r];
    if (f) {
      apply(f, c, ed);
      this.fill(ed.cell, f, c);
      this.onEdit(r, c.key);
    }
  }

  /** Marks the cell an error points at (or none); `describedBy` is the message's id. */
  markError(r, key, describedBy) {
    if (this.error) {
      this.error.removeAttribute("aria-invalid");
      this.error.removeAttribute("aria-describedby");
      this.error.classList.remove("invalid");
    }
    this.error = null;
    this.wanted = null;
    if (r == null) return;
    if (r >= this.rendered) {
      this.wanted = [r, key, describedBy]; // marked when its row is built
      return;
    }
    const td = this.cell(r, COLUMNS.findIndex((c) => c.key === key));
    if (!td) return;
    td.setAttribute("aria-invalid", "true");
    td.setAttribute("aria-describedby", describedBy);
    td.classList.add("invalid");
    this.error = td;
  }

  /** Moves focus to the cell an error points at. */
  goTo(r, key) {
    this.focus(r, COLUMNS.findIndex((c) => c.key === key));
  }
}
