// The Data step (数据 · Data): a table pasted anywhere on the step (or a CSV/TSV/TXT file
// opened, or a sheet of an .xlsx file: xlsx.js) is read, its columns recognised and shown
// as a mapping the journalist can change; its rows join the grid (grid.js) and a chart of
// them is made at once. Rows ticked in the grid become a chart of their own. Changes go
// through the store.
import { ask } from "./files.js";
import { Grid } from "./grid.js";
import { makeChart, mergePasted, renewChartWords } from "./model.js";
import { ROLES, decodeTable, readRows, readTable, tableFigures } from "./paste.js";
import { SCHEMA, blank, copy, newFigure } from "./state.js";
import { freshId } from "./ids.js";
import { word } from "./words.js";
import { readSpreadsheet } from "./xlsx.js";

const $ = (id) => document.getElementById(id);

export class DataPanel {
  /** `ctx`: {readValue(), suggest(doc, chartId), say(text), showChart(id)}. */
  constructor({ store, ctx, onSelect }) {
    this.store = store;
    this.ctx = ctx;
    this.last = null; // the last paste: {table, before} (its mapping can still change)
    this.grid = new Grid($("grid"), {
      store,
      ctx,
      onSelect,
      onSelection: (ids) => this.selectionChanged(ids),
      onPaste: (text) => this.paste(text),
    });
    $("paste-zone").addEventListener("paste", (e) => {
      e.preventDefault();
      this.paste(e.clipboardData?.getData("text/plain") ?? "");
    });
    // A paste anywhere in the step that no text field takes is a table pasted.
    $("data").addEventListener("paste", (e) => {
      if (e.defaultPrevented || e.target.closest("input:not(.cell-input), textarea, select, [contenteditable]")) return;
      e.preventDefault();
      this.paste(e.clipboardData?.getData("text/plain") ?? "");
    });
    $("table-file").addEventListener("change", (e) => {
      this.openTable(e.target.files?.[0]);
      e.target.value = "";
    });
    $("mapping").addEventListener("change", (e) => this.remap(e.target));
    $("make-chart").addEventListener("click", () => this.makeChart());
    $("add-figure").addEventListener("click", () => this.addRow());
    $("remove-figure").addEventListener("click", () => this.removeRows());
  }

  render() {
    this.grid.render();
    this.renderMapping();
    this.selectionChanged(this.grid.selected);
  }

  refresh() {
    this.grid.refresh();
  }

  /** Reads pasted text as a table and merges its rows; never refused as a whole. */
  paste(text) {
    this.pasteTable(readTable(text));
  }

  /** Merges a table's rows (a paste, a file's); `note` is said before what it did. */
  pasteTable(table, note = "") {
    if (!table.rows.length) return this.ctx.say(word("pasteNothing"));
    const before = this.store.doc;
    this.last = { table, before };
    this.apply(table, before, "paste", note);
    this.renderMapping();
  }

  /** Merges `table` into `before` (a dataset), as one step of the store. */
  apply(table, before, label, note = "") {
    const { readValue, suggest, perChart } = this.ctx;
    let result;
    // A dataset of the old schema, or the example shown but not chosen: the table is new data.
    const fresh = before.schema !== SCHEMA || this.ctx.isExample();
    this.store.replace(
      (() => {
        const doc = fresh ? blank() : copy(before);
        const read = tableFigures(table, { readValue: readValue() });
        result = { ...mergePasted(doc, read, { caption: table.caption, suggest, perChart: perChart() }), marked: read.marks.filter((m) => m[0].error).length };
        if (!fresh) renewChartWords(before, doc);
        return doc;
      })(),
      label,
    );
    const words = [note, word("pasteDone", result)].filter(Boolean);
    if (fresh && before.figures.length) words.push(word("pasteNewData"));
    if (result.chart) words.push(word("pasteChart", { chart: this.chartName(result.chart) }));
    if (result.marked) words.push(word("pasteMarked", { n: result.marked }));
    this.ctx.say(words.join(" "));
    if (result.chart) this.ctx.showChart(result.chart);
  }

  /** The last paste's columns, each with a select of what it holds. */
  renderMapping() {
    const box = $("mapping");
    const t = this.last?.table;
    box.hidden = !t;
    if (!t) return box.querySelector(".columns")?.replaceChildren();
    const list = box.querySelector(".columns");
    list.replaceChildren(
      ...t.columns.map((c, i) => {
        const label = document.createElement("label");
        const name = document.createElement("span");
        name.textContent = c.header || `#${i + 1}: ${t.rows[0]?.[i] ?? ""}`;
        const select = document.createElement("select");
        select.dataset.column = i;
        for (const role of ROLES) {
          const o = document.createElement("option");
          o.value = role;
          o.textContent = word(`role.${role}`);
          o.selected = role === c.role;
          select.append(o);
        }
        label.append(name, " ", select);
        return label;
      }),
    );
  }

  /** A column's meaning changed: the pasted rows are read again (one more undo step). */
  remap(select) {
    const i = Number(select.dataset.column);
    if (!this.last || Number.isNaN(i)) return;
    const table = { ...this.last.table, columns: this.last.table.columns.map((c) => ({ ...c })) };
    // One column per role: a role taken from another column leaves that one out.
    for (const c of table.columns) if (c.role === select.value && select.value !== "skip") c.role = "skip";
    table.columns[i].role = select.value;
    this.last.table = table;
    this.apply(table, this.last.before, "mapping");
    this.renderMapping();
  }

  async openTable(file) {
    if (!file) return;
    if (/\.xlsx?$/i.test(file.name)) return this.openSpreadsheet(file);
    try {
      this.paste(decodeTable(new Uint8Array(await file.arrayBuffer())));
    } catch (e) {
      this.ctx.say(word("readFailed") + e.message);
    }
  }

  /**
   * An .xlsx file: its sheet (asked which when it has several) read by the spreadsheet
   * module, loaded now (xlsx.js), into the paste's path; what it refuses is said plainly.
   */
  async openSpreadsheet(file) {
    const name = file.name;
    this.ctx.say(word("xlsxReading", { name }));
    let read;
    try {
      read = await readSpreadsheet(file, (sheets) => this.chooseSheet(name, sheets));
    } catch (e) {
      return this.ctx.say(word(e.code ?? "xlsxDamaged", { name, detail: e.message }));
    }
    if (!read) return this.ctx.say(word("xlsxNotOpened", { name }));
    const sheet = read.sheet;
    if (!read.rows.length) return this.ctx.say(word("xlsxEmpty", { name, sheet }));
    const notes = [word("xlsxRead", { name, sheet })];
    if (read.cutRows || read.cutColumns) notes.push(word("xlsxCut", { rows: read.maxRows, columns: read.maxColumns }));
    if (read.cutCells) notes.push(word("xlsxCutCells"));
    this.pasteTable(readRows(read.rows), notes.join(" "));
  }

  /** Asks which sheet to read (Enter: the first): its name, or null. */
  async chooseSheet(name, sheets) {
    const choice = await ask(
      word("xlsxWhichSheet", { name, n: sheets.length }),
      [...sheets.map((s, i) => [String(i), s]), ["cancel", word("cancel")]],
      { focus: "0" },
    );
    return sheets[Number(choice)] ?? null;
  }

  selectionChanged(ids) {
    $("make-chart").disabled = ids.size === 0;
    $("remove-figure").disabled = ids.size === 0 && this.grid.selectedRow() < 0;
    $("selection-count").textContent = ids.size ? word("selectedRows", { n: ids.size }) : "";
  }

  /** A chart as the journalist knows it: its title, else its id. */
  chartName(id) {
    const chart = this.store.doc.charts.find((c) => c.id === id);
    return chart?.title?.zh || chart?.title?.en || id;
  }

  makeChart() {
    const ids = [...this.grid.selected];
    if (!ids.length) return;
    const id = this.store.update((doc) => makeChart(doc, ids, { suggest: this.ctx.suggest }), "makeChart");
    this.grid.setSelection([]);
    this.ctx.showChart(id);
    this.ctx.say(word("madeChart", { n: ids.length, chart: this.chartName(id) }));
  }

  addRow() {
    const at = this.store.doc.figures.length;
    this.store.update((doc) => {
      doc.figures.push(newFigure(freshId(doc.figures, "f"), doc.figures.at(-1)));
    }, "addRow");
    this.grid.focus(at, 0);
  }

  /** Removes the ticked rows, or the active row when none is ticked. */
  removeRows() {
    const ticked = new Set(this.grid.selected);
    const r = this.grid.selectedRow();
    let removed = 0;
    this.store.update((doc) => {
      const before = doc.figures.length;
      doc.figures = ticked.size ? doc.figures.filter((f) => !ticked.has(f.id)) : doc.figures.filter((f, i) => i !== r);
      removed = before - doc.figures.length;
      return removed ? undefined : false;
    }, "removeRow");
    this.grid.setSelection([]);
    if (removed) this.ctx.say(word("rowsRemoved", { n: removed }));
  }
}

