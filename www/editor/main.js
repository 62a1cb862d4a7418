// The editor page: one store of the working dataset (store.js: every change, undo, saves)
// and the panels that show it and ask it for changes: Data (data.js: paste, mapping,
// grid), Charts (charts.js), the preview (preview.js), the dataset (dataset.js), files
// (files.js), the check (checks.js), and Publish (publish.js). The module (pkg-editor)
// reads values, names the vocabulary, suggests forms, derives and validates; until it has
// loaded, cells are kept as typed and nothing is checked.
import { ChartPanel, DerivedPanel } from "./charts.js";
import { Checker } from "./checks.js";
import { DataPanel } from "./data.js";
import { DatasetPanel } from "./dataset.js";
import { Files } from "./files.js";
import { Preview } from "./preview.js";
import { PublishPanel } from "./publish.js";
import { KEY, Saves } from "./saves.js";
import { blank, readDataset, serialize } from "./state.js";
import { Store } from "./store.js";
import { setLang, uiLang, word } from "./words.js";

// (`__BUILD__`: the way from the bundled editor to its build's files, see .ci/dist.sh.)
const MODULE_URL = new URL(__BUILD__ + "pkg-editor/park_infographic.js", import.meta.url);
const $ = (id) => document.getElementById(id);

let wasm = null;
let vocab = null; // vocabulary(lang) of the module, in the UI's language
let example = false; // the example data is shown, not chosen: a paste replaces it

function storage() {
  try {
    return window.localStorage ?? null;
  } catch {
    return null;
  }
}

const saves = new Saves(storage());
const store = new Store({ doc: blank(), saves });
const say = (text) => ($("status").textContent = text);

/** The module's vocabulary (units, forms, rules, kinds) in the UI's language; null until it has loaded. */
function vocabulary() {
  if (!vocab && wasm) vocab = wasm.vocabulary(uiLang());
  return vocab;
}

const forms = () => (vocabulary()?.forms ?? []).map((f) => ({ id: f.id, label: f.label }));
const rules = () => (vocabulary()?.rules ?? []).map((r) => ({ id: r.id, label: r.label }));

function suggest(doc, id) {
  if (!wasm) return null;
  try {
    return wasm.suggestForm(serialize(doc), id);
  } catch {
    return null;
  }
}

/** Unit names in the data that the module's vocabulary does not have. */
function newUnits() {
  const known = new Set((vocabulary()?.units ?? []).map((u) => u.name));
  if (!known.size) return [];
  return [...new Set(store.doc.figures.map((f) => f.unit).filter((u) => typeof u === "string" && u && !known.has(u)))];
}

const readValue = () => (wasm ? (text) => wasm.readValue(text) : null);

// ---- the panels ---------------------------------------------------------------------

const preview = new Preview({
  ctx: {
    valid: () => checker.valid,
    validCharts: () => (checker.valid ? JSON.parse(checker.valid).charts.map((c) => c.id) : []),
    current: () => charts.current(),
  },
});

const charts = new ChartPanel({
  store,
  ctx: { forms, onPick: () => preview.render(), annotationTypes: () => vocabulary()?.annotations ?? [], readValue },
});

const derived = new DerivedPanel({ store, ctx: { rules } });

const data = new DataPanel({
  store,
  ctx: {
    readValue,
    suggest,
    perChart: () => vocabulary()?.figuresPerChart,
    say,
    module: () => wasm,
    isExample: () => example,
    showChart: (id) => charts.show(id),
  },
  onSelect: (row) => derived.show(row),
});

const dataset = new DatasetPanel({ store, ctx: { newUnits } });

const checker = new Checker({
  store,
  ctx: {
    module: () => wasm,
    lang: uiLang,
    grid: data.grid,
    charts,
    dataset,
    derived,
    onValid: () => {
      preview.render();
      publish.render();
    },
  },
});

const files = new Files({
  store,
  saves,
  ctx: {
    say,
    problem: () => checker.problem,
    openTable: (file) => data.openTable(file),
    opened: () => {
      example = false;
      renderAll();
    },
  },
});

// A file dropped anywhere on the page opens as 打开文件… opens it (a table, a spreadsheet,
// a work file), rather than the browser leaving the page for it.
document.addEventListener("dragover", (e) => {
  if (![...(e.dataTransfer?.types ?? [])].includes("Files")) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = "copy";
});
document.addEventListener("drop", (e) => {
  const file = e.dataTransfer?.files?.[0];
  if (!file) return;
  e.preventDefault();
  files.open(file);
});

const publish = new PublishPanel({ store, module: () => wasm, view: () => preview.view() });

/**
 * Recomputes every derived figure's value from its inputs (never typed), as part of the
 * change that touched them; runs only when a derived figure or one of its inputs changed.
 */
let derivedKey = null;
function derive() {
  if (!wasm) return;
  const doc = store.doc;
  const byId = new Map(doc.figures.map((f) => [f?.id, f]));
  const inputs = [];
  doc.figures.forEach((f, i) => {
    if (f?.derived && typeof f.derived === "object") inputs.push([i, { ...f, value: null }, (f.derived.from ?? []).map((id) => byId.get(id) ?? null)]);
  });
  const key = JSON.stringify(inputs);
  if (key === derivedKey) return;
  derivedKey = key;
  const text = serialize(doc);
  const values = new Map();
  const notes = new Map();
  for (const [i] of inputs) {
    try {
      values.set(i, Math.round(wasm.deriveValue(text, i) * 10) / 10);
      notes.set(i, word("computed", { v: values.get(i) }));
    } catch (e) {
      notes.set(i, word("cannotDerive") + e.message);
    }
  }
  derived.notes = notes;
  if ([...values].some(([i, v]) => doc.figures[i].value !== v)) {
    store.update((d) => values.forEach((v, i) => (d.figures[i].value = v)), "derived", { amend: true });
  }
  derived.result(notes.get(data.grid.selectedRow()) ?? "");
}

/** The grid's suggestions: units and kinds from the vocabulary, charts, groups and sections from the data. */
function fillLists() {
  const doc = store.doc;
  const fill = (id, values) => {
    const list = $(id);
    const key = values.join("\u0000");
    if (list.dataset.key === key) return;
    list.dataset.key = key;
    list.replaceChildren(...values.map((v) => Object.assign(document.createElement("option"), { value: v })));
  };
  const v = vocabulary();
  const strings = (xs) => [...new Set(xs.filter((x) => typeof x === "string" && x))];
  fill("list-unit", strings([...(v?.units ?? []).map((u) => u.name), ...doc.figures.map((f) => f.unit)]));
  fill("list-kind", strings((v?.kinds ?? []).map((k) => k.id)));
  fill("list-chart", strings(doc.charts.map((c) => c.id)));
  fill("list-group", strings(doc.charts.flatMap((c) => (Array.isArray(c.groups) ? c.groups.map((g) => g?.id) : []))));
  fill("list-section", strings(Array.isArray(doc.source?.sections) ? doc.source.sections.map((s) => s?.id) : []));
}

function renderAll() {
  fillLists();
  data.render();
  charts.render();
  derived.show(data.grid.selectedRow());
  dataset.render();
  publish.render();
  files.saveState();
  checker.again();
  checker.schedule();
}

/** Every change: the panels that show the dataset follow it, the check runs at the next frame. */
store.subscribe((change) => {
  if (change.label !== "example") example = false;
  fillLists();
  data.refresh();
  charts.render();
  derived.render();
  dataset.render();
  files.saveState();
  derive();
  checker.schedule();
  if (change.kind === "adopt") say(word("adopted"));
});

// ---- undo and redo ---------------------------------------------------------------------

function undoRedo(redo) {
  data.grid.commit();
  const label = redo ? store.redo() : store.undo();
  say(label ? word(redo ? "redone" : "undone", { what: word(`label.${label}`) }) : word("nothingToUndo"));
  updateUndoButtons();
}

function updateUndoButtons() {
  $("undo").disabled = !store.canUndo;
  $("redo").disabled = !store.canRedo;
}
store.subscribe(updateUndoButtons);

$("undo").addEventListener("click", () => undoRedo(false));
$("redo").addEventListener("click", () => undoRedo(true));
document.addEventListener("keydown", (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const k = e.key.toLowerCase();
  const field = e.target.closest?.("input:not(.cell-input), textarea");
  // A text field being typed in undoes its own typing; the grid's input at rest does not.
  if (field && !e.target.classList.contains("cell-input")) return;
  if (k === "z" || k === "y") {
    e.preventDefault();
    undoRedo(k === "y" || e.shiftKey);
  }
});

// ---- another tab ------------------------------------------------------------------------

// Another tab saved: newer work is taken here (this tab's stays one undo away), so the
// last save never silently wins.
window.addEventListener("storage", (e) => {
  if (e.key !== KEY || e.newValue === null) return;
  const env = saves.read();
  if (env && env.doc && env.revision > saves.revision && env.tab !== saves.tab) store.adopt(env, "adopt");
});

// ---- the page -----------------------------------------------------------------------------

$("open-example").addEventListener("click", async () => {
  if (await openExample()) say(word("exampleOpened"));
});

async function openExample() {
  try {
    const response = await fetch(new URL(__BUILD__ + "data/default.json", import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const read = readDataset(await response.text());
    if (read.error) throw new Error(word(read.error));
    store.replace(read.doc, "example", { save: false });
    example = true;
    renderAll();
    return true;
  } catch (e) {
    say(word("readFailed") + e.message);
    return false;
  }
}

$("ui-switches").addEventListener("change", (e) => {
  if (e.target.name === "ui") {
    setLang(e.target.value);
    vocab = null;
    data.grid.readings.clear();
    renderAll();
    // The last status was said in the other language: it goes rather than stay untranslated.
    say("");
  } else document.documentElement.dataset.theme = e.target.value;
});

/** Start: the saved work if any (a damaged copy kept aside and offered), else empty data. */
function start() {
  if (window.matchMedia?.("(prefers-color-scheme: dark)").matches) {
    $("ui-switches").elements.pagetheme.value = "dark";
    $("preview-switches").elements.theme.value = "dark";
  }
  document.documentElement.dataset.theme = $("ui-switches").elements.pagetheme.value;
  setLang($("ui-switches").elements.ui.value);
  const saved = saves.restore();
  if (saved.doc) {
    store.doc = saved.doc;
    say(word("restored"));
  } else say(word("startedBlank"));
  store.lastSave = saves.available ? { ok: true, revision: saves.revision } : { error: "unavailable" };
  renderAll();
  updateUndoButtons();
}

async function loadModule() {
  try {
    const m = await import(MODULE_URL.href);
    await m.default();
    wasm = m;
    data.grid.readings.clear();
    renderAll();
    document.body.dataset.ready = "true"; // tests and scripts wait for this
  } catch (e) {
    say(`${e.message}`);
  }
}

start();
await loadModule();
