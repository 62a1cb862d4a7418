// The figure grid: one row per figure, a spreadsheet-like table. One <input> lives in
// the active cell and has the keyboard: at rest it is empty and see-through (the cell's
// text shows under it), so whatever is typed there — a key, or an input method's
// composition (Chinese) — starts editing in that same input and no character is lost.
// Arrow keys, Home/End, PageUp/Down and Tab move; Enter or F2 edits the cell's text;
// Enter or Tab keeps it, Escape cancels, Delete empties. Shift+Space ticks the row, and
// the row headers' boxes (Shift-click for a range) choose the rows a chart is made of.
// Every change goes through the store (a run of keys in one cell is one undo step).
import { COLUMNS, columnIndex } from "./columns.js";
import { readCell, valueText } from "./values.js";
import { word } from "./words.js";

// A long table is built a chunk of rows per task, so a 500-row paste never blocks typing.
const FIRST_ROWS = 60;
const CHUNK_ROWS = 40;

let sessions = 0; // numbers each editing session (its undo step)

export class Grid {
  /** `ctx.readValue()`: the module's reader or null; `onSelect(row)`, `onSelection(ids)`, `onPaste(text)`. */
  constructor(table, { store, ctx, onSelect, onSelection, onPaste }) {
    Object.assign(this, { table, store, ctx, onSelect, onSelection, onPaste });
    this.row = 0;
    this.col = 0;
    this.rendered = 0;
    this.pending = 0;
    this.wanted = null;
    this.error = null;
    this.editing = null; // {key, applied, composing}
    this.selected = new Set(); // ids of ticked rows
    this.anchor = null; // the last row ticked (Shift-click ranges start there)
    this.readings = new Map(); // value text → reading
    this.head = document.createElement("thead");
    this.body = document.createElement("tbody");
    table.append(this.head, this.body);
    this.input = this.makeInput();
    this.listen();
  }

  figures() {
    return this.store.doc.figures;
  }

  makeInput() {
    const input = document.createElement("input");
    input.className = "cell-input at-rest";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.addEventListener("keydown", (e) => this.key(e));
    input.addEventListener("compositionstart", () => this.startEdit("", { composing: true }));
    input.addEventListener("compositionend", () => {
      if (this.editing) this.editing.composing = false;
      this.apply();
    });
    input.addEventListener("input", (e) => {
      if (!this.editing) this.startEdit(input.value, { typed: true });
      else if (!e.isComposing && !this.editing.composing) this.apply();
    });
    input.addEventListener("blur", () => this.commit());
    return input;
  }

  listen() {
    this.table.addEventListener("click", (e) => {
      const box = e.target.closest("input[type=checkbox]");
      if (box) return this.tick(Number(box.dataset.r), box.checked, e.shiftKey);
      const td = e.target.closest("td");
      if (td && td.dataset.r !== undefined) this.focus(Number(td.dataset.r), Number(td.dataset.c));
    });
    this.table.addEventListener("dblclick", (e) => {
      if (e.target.closest("td")) this.edit();
    });
    this.table.addEventListener("paste", (e) => {
      const text = e.clipboardData?.getData("text/plain") ?? "";
      // A single value pastes into the cell being edited, like any text field.
      if (this.editing && !/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
      e.preventDefault();
      e.stopPropagation();
      this.cancel();
      this.onPaste(text);
    });
  }

  /** Headers in the current language, and every row. */
  render() {
    const tr = document.createElement("tr");
    const corner = document.createElement("th");
    corner.scope = "col";
    corner.className = "c-row";
    corner.textContent = word("row");
    tr.append(corner);
    for (const c of COLUMNS) {
      const th = document.createElement("th");
      th.scope = "col";
      th.className = `c-${c.key}`;
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
    this.count = n;
    this.row = Math.min(this.row, Math.max(n - 1, 0));
    const ids = new Set(this.figures().map((f) => f.id));
    for (const id of this.selected) if (!ids.has(id)) this.selected.delete(id);
    this.grow(Math.max(FIRST_ROWS, this.row + 1));
    this.more();
  }

  /** After a change in the store: rows rebuilt when their number changed, else refilled. */
  refresh() {
    if (this.figures().length !== this.count) {
      const focused = this.table.contains(document.activeElement);
      this.render();
      if (focused) this.focus(this.row, this.col);
      return;
    }
    for (let r = 0; r < this.rendered; r++) this.refreshRow(r);
  }

  grow(end) {
    const figures = this.figures();
    const upTo = Math.min(end, figures.length);
    if (this.rendered >= upTo) return;
    const rows = document.createDocumentFragment();
    for (let r = this.rendered; r < upTo; r++) rows.append(this.buildRow(figures[r], r));
    this.body.append(rows);
    this.rendered = upTo;
    if (this.wanted && this.wanted[0] < upTo) this.markError(...this.wanted);
    this.place();
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
    th.className = "c-row";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.tabIndex = -1;
    box.dataset.r = r;
    box.setAttribute("aria-label", `${word("select")} ${word("row")} ${r + 1}`);
    const n = document.createElement("span");
    n.textContent = String(r + 1);
    th.append(box, " ", n);
    tr.append(th);
    COLUMNS.forEach((c, ci) => {
      const td = document.createElement("td");
      td.dataset.r = r;
      td.dataset.c = ci;
      td.className = `c-${c.key}`;
      td.append(document.createElement("span"));
      tr.append(td);
    });
    this.fillRow(tr, f);
    return tr;
  }

  /** The reading of a value cell (约 · 5 · 亿元), or why it cannot be read. */
  reading(f) {
    const text = valueText(f);
    const key = typeof f.value === "string" ? `!${text}` : text;
    if (!this.readings.has(key)) {
      const r = readCell(text, this.ctx.readValue());
      let shown = r.reading ?? "";
      if (r.error !== undefined || typeof f.value === "string") shown = word(this.ctx.readValue() ? "cannotRead" : "needModule", { text });
      else if (r.unit && r.unitKnown === false) shown += ` · ${word("unitNew", { unit: r.unit })}`;
      this.readings.set(key, { shown, bad: r.error !== undefined || typeof f.value === "string" });
      if (this.readings.size > 5000) this.readings.clear();
    }
    return this.readings.get(key);
  }

  fillRow(tr, f) {
    const box = tr.cells[0].querySelector("input");
    box.checked = this.selected.has(f.id);
    COLUMNS.forEach((c, ci) => {
      const td = tr.cells[ci + 1];
      const span = td.firstChild;
      let text = c.get(f);
      if (c.key === "reading") {
        const r = this.reading(f);
        text = r.shown;
        td.classList.toggle("unread", r.bad);
        tr.cells[columnIndex("value") + 1].classList.toggle("unread", r.bad);
      }
      if (span.textContent !== text) span.textContent = text;
      const derived = c.key === "value" && f.derived && typeof f.derived === "object";
      td.classList.toggle("derived", Boolean(derived));
      if (derived || c.readOnly) td.setAttribute("aria-readonly", "true");
      else td.removeAttribute("aria-readonly");
    });
  }

  refreshRow(r) {
    const tr = this.body.rows[r];
    const f = this.figures()[r];
    if (tr && f) this.fillRow(tr, f);
  }

  cell(r = this.row, c = this.col) {
    return this.body.rows[r]?.cells[c + 1] ?? null;
  }

  /** Puts the keyboard's input into the active cell. */
  place() {
    const td = this.cell();
    if (!td) return;
    const c = COLUMNS[this.col];
    this.input.dataset.r = this.row;
    this.input.dataset.c = this.col;
    this.input.setAttribute("aria-label", `${word(`col.${c.key}`)}, ${word("row")} ${this.row + 1}: ${td.firstChild.textContent}`);
    for (const a of ["aria-invalid", "aria-describedby"]) {
      if (td.hasAttribute(a)) this.input.setAttribute(a, td.getAttribute(a));
      else this.input.removeAttribute(a);
    }
    this.input.readOnly = td.getAttribute("aria-readonly") === "true";
    if (c.list) this.input.setAttribute("list", `list-${c.list}`);
    else this.input.removeAttribute("list");
    if (this.input.parentNode !== td) td.append(this.input);
  }

  focus(r, c) {
    const n = this.figures().length;
    if (!n) return;
    this.commit();
    const changed = r !== this.row;
    this.row = Math.max(0, Math.min(n - 1, r));
    this.grow(this.row + 1);
    this.col = Math.max(0, Math.min(COLUMNS.length - 1, c));
    this.place();
    this.input.focus({ preventScroll: true });
    this.cell()?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    if (changed) this.onSelect(this.row);
  }

  key(e) {
    if (this.editing) return this.editKey(e);
    // An input method at work: its keys are its own (compositionstart starts the edit).
    if (e.isComposing || e.keyCode === 229) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-10, 0], PageDown: [10, 0] };
    const last = COLUMNS.length - 1;
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      if (e.shiftKey && dr) this.tick(this.row + dr, true, true);
      this.focus(this.row + dr, this.col + dc);
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      const end = e.key === "End";
      this.focus(e.ctrlKey ? (end ? this.figures().length - 1 : 0) : this.row, end ? last : 0);
    } else if (e.key === "Tab") {
      // Within a row Tab moves like a spreadsheet; past the row's end it leaves the grid.
      const next = this.col + (e.shiftKey ? -1 : 1);
      if (next >= 0 && next <= last) {
        e.preventDefault();
        this.focus(this.row, next);
      }
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.edit();
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      this.clearCell();
    } else if (e.key === " " && e.shiftKey) {
      e.preventDefault();
      const f = this.figures()[this.row];
      this.tick(this.row, !this.selected.has(f?.id), false);
    } else if (this.input.readOnly && e.key.length === 1 && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
    }
    // Any other key types into the input at rest: its input event starts the edit.
  }

  editKey(e) {
    if (e.isComposing || this.editing.composing) return;
    if (e.key === "Escape") {
      e.preventDefault();
      this.cancel();
    } else if (e.key === "Enter") {
      e.preventDefault();
      this.commit();
      this.focus(this.row + 1, this.col);
    } else if (e.key === "Tab") {
      e.preventDefault();
      this.commit();
      this.focus(this.row, this.col + (e.shiftKey ? -1 : 1));
    }
  }

  /** Edits the active cell's text (Enter, F2, double-click). */
  edit() {
    const f = this.figures()[this.row];
    if (!f || this.input.readOnly) return;
    this.input.value = COLUMNS[this.col].get(f);
    this.startEdit(this.input.value, {});
    this.input.select();
  }

  /** The input leaves rest: what it holds (typed over the cell, or its text) is the cell's. */
  startEdit(text, { composing = false, typed = false }) {
    if (this.editing || this.input.readOnly) return;
    this.editing = { key: `edit-${++sessions}`, applied: false, composing, r: this.row, c: this.col };
    this.input.classList.remove("at-rest");
    this.cell()?.classList.add("editing");
    if (typed) this.apply();
  }

  /** Writes the input's text into the figure (one undo step per editing session). */
  apply() {
    const ed = this.editing;
    if (!ed || ed.composing) return;
    const c = COLUMNS[ed.c];
    const text = this.input.value;
    const readValue = this.ctx.readValue();
    const changed = this.store.update(
      (doc) => {
        const f = doc.figures[ed.r];
        if (!f || c.get(f) === text) return false;
        c.set(f, text, { readValue });
      },
      "edit",
      { merge: ed.key },
    );
    if (changed !== false) ed.applied = true;
  }

  /** Keeps what the input holds and puts it back at rest. */
  commit() {
    if (!this.editing) return;
    this.editing.composing = false;
    this.apply();
    this.rest();
  }

  /** Back to the cell as it was before this editing session. */
  cancel() {
    const ed = this.editing;
    if (!ed) return;
    this.rest();
    if (ed.applied) this.store.revert();
  }

  rest() {
    this.editing = null;
    this.input.value = "";
    this.input.classList.add("at-rest");
    for (const td of this.body.querySelectorAll("td.editing")) td.classList.remove("editing");
  }

  clearCell() {
    const c = COLUMNS[this.col];
    const r = this.row;
    if (this.input.readOnly) return;
    this.store.update((doc) => {
      const f = doc.figures[r];
      if (!f || c.get(f) === "") return false;
      c.set(f, "", { readValue: this.ctx.readValue() });
    }, "edit");
  }

  /** Ticks (or unticks) row `r`; with `range`, every row from the last one ticked. */
  tick(r, on, range) {
    const figures = this.figures();
    if (r < 0 || r >= figures.length) return;
    const from = range && this.anchor !== null ? Math.min(this.anchor, r) : r;
    const to = range && this.anchor !== null ? Math.max(this.anchor, r) : r;
    for (let i = from; i <= to; i++) {
      if (on) this.selected.add(figures[i].id);
      else this.selected.delete(figures[i].id);
      this.refreshRow(i);
    }
    this.anchor = r;
    this.onSelection(this.selected);
  }

  setSelection(ids) {
    this.selected = new Set(ids);
    this.anchor = null;
    for (let r = 0; r < this.rendered; r++) this.refreshRow(r);
    this.onSelection(this.selected);
  }

  selectedRow() {
    return this.figures().length ? this.row : -1;
  }

  /** Marks the cell an error points at (or none); `describedBy` is the message's id. */
  markError(r, key, describedBy) {
    if (this.error) {
      for (const a of ["aria-invalid", "aria-describedby"]) this.error.removeAttribute(a);
      this.error.classList.remove("invalid");
    }
    this.error = null;
    this.wanted = null;
    if (r == null) return this.place();
    if (r >= this.rendered) {
      this.wanted = [r, key, describedBy];
      return;
    }
    const td = this.cell(r, columnIndex(key));
    if (!td) return;
    td.setAttribute("aria-invalid", "true");
    td.setAttribute("aria-describedby", describedBy);
    td.classList.add("invalid");
    this.error = td;
    if (!this.editing) this.place();
  }

  goTo(r, key) {
    this.focus(r, columnIndex(key));
  }
}
