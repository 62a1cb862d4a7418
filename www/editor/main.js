// The editor page: wiring of the working dataset (state.js), the figure table
// (table.js), pasting (paste.js), charts and derived figures (charts.js), the preview
// (the real <park-infographic>) and publishing (publish.js). Every edit schedules one
// validation for the next animation frame, with the same Rust validation the widget runs.
import { ChartPanel, DerivedPanel } from "./charts.js";
import { pasteRows } from "./paste.js";
import { Publisher } from "./publish.js";
import { MAX_FILE_BYTES, blank, canSave, clearSaved, freshId, isOurs, newFigure, restore, save, serialize } from "./state.js";
import { COLUMNS, FigureTable, columnForField } from "./table.js";
import { setLang, word } from "./words.js";

// The editor's build of the module (pkg-editor, which no embed loads): the JSON module's
// exports plus checkJson, deriveValue, deriveOps and chartSvg. The code below still works
// with a module that has only Data.fromJson (validation; no derived values or SVG).
// (`__BUILD__`: the way from the bundled editor to its build's files, see .ci/dist.sh.)
const MODULE_URL = new URL(__BUILD__ + "pkg-editor/park_infographic.js", import.meta.url);
const DEFAULT_OPS = ["remainder", "ratio", "annual_rate", "index_path"];

const $ = (id) => document.getElementById(id);
const obj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

let doc = blank();
let wasm = null; // the module, once loaded
let lastValid = null; // the JSON text of the last valid version (what the preview shows)
let validCharts = []; // its chart ids
let shown = null; // what the preview element was last given
let problem = null; // [path, message] of the current error, or null
let scheduled = false;
let orderStale = false; // the chart's figure list needs rebuilding (a chart cell changed)
let derivedKey = null; // what the derived values were last computed from
const derivedNotes = new Map(); // figure index → what its computation gave (for the panel)
let keep = true; // whether the working dataset is saved (not right after "clear")

function say(id, text) {
  if ($(id).textContent !== text) $(id).textContent = text;
}

// ---- validation -----------------------------------------------------------------

/** [] when `text` is a valid dataset, else [path, message] (path "" for the whole file). */
function check(text) {
  if (typeof wasm.checkJson === "function") return wasm.checkJson(text);
  try {
    wasm.Data.fromJson(text).free();
    return [];
  } catch (e) {
    const m = /^([A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+(?:\[\d+\])?)*): ([\s\S]*)$/.exec(e.message);
    return m ? [m[1], m[2]] : ["", e.message];
  }
}

/**
 * Recomputes every derived figure's value from its inputs (never typed), when a derived
 * figure or one of its inputs changed: each computation reads the whole file.
 */
function derive() {
  if (typeof wasm?.deriveValue !== "function") return;
  const byId = new Map(doc.figures.map((f) => [f?.id, f]));
  const inputs = [];
  doc.figures.forEach((f, i) => {
    if (!obj(f?.derived)) return;
    const from = Array.isArray(f.derived.from) ? f.derived.from : [];
    inputs.push([i, { ...f, value: null }, from.map((id) => byId.get(id) ?? null)]);
  });
  const key = JSON.stringify(inputs);
  if (key === derivedKey) return;
  derivedKey = key;
  derivedNotes.clear();
  const text = serialize(doc);
  for (const [i] of inputs) {
    const f = doc.figures[i];
    try {
      // One decimal, as the source states values: within the validator's tolerance.
      const v = Math.round(wasm.deriveValue(text, i) * 10) / 10;
      if (f.value !== v) {
        f.value = v;
        table.refreshRow(i);
      }
      derivedNotes.set(i, word("computed")(v));
    } catch (e) {
      derivedNotes.set(i, word("cannotDerive") + e.message);
    }
  }
  derived.result(derivedNotes.get(table.selected()) ?? "");
}

/** At most one validation per animation frame, however fast the edits come. */
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    validate();
  });
}

/** An edit: the work is saved again (after "clear") and validated at the next frame. */
function edited() {
  keep = true;
  schedule();
}

function validate() {
  if (orderStale) {
    orderStale = false;
    charts.renderOrder();
  }
  persist();
  if (!wasm) return;
  derive();
  const text = serialize(doc);
  const result = check(text);
  showProblem(result.length ? result : null);
  if (!result.length) {
    const changed = lastValid !== text;
    lastValid = text;
    if (changed) validCharts = JSON.parse(text).charts.map((c) => c.id);
    preview();
    if (changed) publisher.renderImages();
  }
}

function persist() {
  if (!keep) return;
  if (!canSave()) return say("saved", word("notSaved"));
  const failed = save(doc);
  say("saved", failed ? word("saveFailed") + failed : word("saved"));
}

/** Where an error path points: a table cell, a chart's field or the whole file. */
function locate(path) {
  let m = /^figures\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (m) {
    const key = columnForField(m[2] ?? "id");
    return { row: Number(m[1]), key, where: `${word("row")} ${Number(m[1]) + 1}, ${word(`col.${key}`)}` };
  }
  m = /^charts\[(\d+)\](?:\.([a-z_.]+))?/.exec(path);
  if (m) return { chart: Number(m[1]), field: m[2] ?? "id", where: `${word("charts")} ${Number(m[1]) + 1}, ${m[2] ?? "id"}` };
  return { input: datasetInput(path), where: path || "JSON" };
}

/** The dataset panel's input an error path points at (subject, source, a section), or null. */
function datasetInput(path) {
  const m = /^source\.sections\[(\d+)\](?:\.([a-z_.]+))?/.exec(path);
  const [scope, field] = m
    ? [`#sections [data-section="${m[1]}"]`, m[2] ?? "id"]
    : ["#dataset-fields [data-field]", path];
  return document.querySelector(`${scope}[data-field="${field}"]`) ?? document.querySelector(`${scope}[data-field="${field}.zh"]`);
}

/** Marks the dataset panel's input an error points at (or none). */
function markDataset(input) {
  for (const old of $("dataset").querySelectorAll("[aria-invalid]")) {
    old.removeAttribute("aria-invalid");
    old.removeAttribute("aria-describedby");
  }
  input?.setAttribute("aria-invalid", "true");
  input?.setAttribute("aria-describedby", "check-message");
}

function showProblem(next) {
  const same = JSON.stringify(next) === JSON.stringify(problem);
  problem = next;
  const box = $("check");
  if (!next) {
    table.markError(null);
    charts.markError(null);
    markDataset(null);
    if (!same || !box.querySelector(".ok")) {
      const p = document.createElement("p");
      p.className = "ok";
      p.textContent = word("valid");
      box.replaceChildren(p);
    }
    return;
  }
  const at = locate(next[0]);
  table.markError(at.row ?? null, at.key, "check-message");
  charts.markError(at.chart ?? null, at.field, "check-message");
  markDataset(at.input);
  if (same && box.querySelector("[role=alert]")) return;
  // The alert is replaced only when the error changes, so it is announced once.
  const alert = document.createElement("div");
  alert.className = "error";
  alert.setAttribute("role", "alert");
  const p = document.createElement("p");
  p.id = "check-message";
  p.textContent = `${word("errorAt")(at.where)}${next[1]}`;
  const kept = document.createElement("p");
  kept.textContent = lastValid ? word("previewKept") : word("noValid");
  alert.append(p, kept);
  const go = document.createElement("button");
  go.type = "button";
  go.textContent = word("goToError");
  go.addEventListener("click", () => {
    if (at.row != null) table.goTo(at.row, at.key);
    else if (at.chart != null) charts.goTo(at.chart, at.field);
    else at.input?.focus();
  });
  go.hidden = at.row == null && at.chart == null && !at.input;
  box.replaceChildren(alert, go);
}

// ---- preview --------------------------------------------------------------------

function preview() {
  if (!lastValid) return;
  let el = $("preview-chart");
  const settings = new FormData($("preview-switches"));
  const first = !el;
  // The real element, given the data as text (the page's CSP forbids fetching blob: URLs);
  // the first time with everything set before it is connected, so it draws once.
  if (first) {
    el = document.createElement("park-infographic");
    el.id = "preview-chart";
  }
  el.setAttribute("lang", settings.get("lang"));
  el.setAttribute("theme", settings.get("theme"));
  // A chart not in the last valid version (just added, say) waits until it is valid.
  if (validCharts.includes(charts.current())) el.setAttribute("chart", charts.current());
  else if (!el.hasAttribute("chart")) el.setAttribute("chart", validCharts[0]);
  if (shown !== lastValid) {
    shown = lastValid;
    el.json = lastValid;
  }
  if (first) $("preview-frame").append(el);
  $("preview-frame").className = `frame w${settings.get("width")}`;
  publisher.renderSnippets();
}

// ---- the dataset panel (subject, source, sections) --------------------------------

function renderDataset() {
  for (const input of $("dataset-fields").querySelectorAll("[data-field]")) {
    const v = input.dataset.field.split(".").reduce((o, k) => (obj(o) ? o[k] : undefined), doc);
    if (document.activeElement !== input) input.value = v ?? "";
  }
  const sections = obj(doc.source) && Array.isArray(doc.source.sections) ? doc.source.sections : [];
  $("sections").replaceChildren(
    ...sections.map((s, i) => {
      const row = document.createElement("div");
      row.className = "fields section";
      for (const [field, w] of [["id", "sectionId"], ["title.zh", "sectionZh"], ["title.en", "sectionEn"], ["paragraphs", "paragraphs"]]) {
        const label = document.createElement("label");
        const span = document.createElement("span");
        span.textContent = word(w);
        const input = document.createElement("input");
        input.autocomplete = "off";
        input.dataset.section = i;
        input.dataset.field = field;
        const [k, lang] = field.split(".");
        input.value = lang ? (obj(s[k]) ? s[k][lang] : "") : (s[k] ?? "");
        label.append(span, " ", input);
        row.append(label);
      }
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = word("removeSection");
      remove.setAttribute("aria-label", `${word("removeSection")}: ${s.id}`);
      remove.dataset.remove = i;
      row.append(remove);
      return row;
    }),
  );
  fillLists();
}

function editDataset(input) {
  if (input.dataset.section !== undefined) {
    const s = doc.source.sections[Number(input.dataset.section)];
    const [k, lang] = input.dataset.field.split(".");
    if (lang) {
      if (!obj(s[k])) s[k] = { zh: "", en: "" };
      s[k][lang] = input.value;
    } else if (k === "paragraphs") {
      s[k] = /^\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value;
    } else s[k] = input.value;
  } else {
    const path = input.dataset.field.split(".");
    let o = doc;
    for (const k of path.slice(0, -1)) {
      if (!obj(o[k])) o[k] = {};
      o = o[k];
    }
    o[path[path.length - 1]] = input.value;
  }
  fillLists();
  edited();
}

/** The pickers' suggestions: units etc. from the vocabulary, charts and sections from the data. */
function fillLists() {
  const fill = (id, values) => {
    const list = $(id);
    const key = values.join("\u0000");
    if (list.dataset.key === key) return;
    list.dataset.key = key;
    list.replaceChildren(...values.map((v) => Object.assign(document.createElement("option"), { value: v })));
  };
  for (const c of COLUMNS) if (c.options) fill(`list-${c.key}`, c.options);
  fill("list-chart", doc.charts.map((c) => c?.id).filter((id) => typeof id === "string"));
  const groups = doc.charts.flatMap((c) => (Array.isArray(c?.groups) ? c.groups.map((g) => g?.id) : []));
  fill("list-group", [...new Set(groups.filter((id) => typeof id === "string"))]);
  const sections = obj(doc.source) && Array.isArray(doc.source.sections) ? doc.source.sections : [];
  fill("list-section", sections.map((s) => s?.id).filter((id) => typeof id === "string"));
}

// ---- starting points ------------------------------------------------------------

/** Replaces the working dataset and shows it everywhere; `save` it until the next edit? */
function setDoc(next, save = true) {
  doc = next;
  keep = save;
  derivedKey = null;
  lastValid = null;
  problem = null;
  table.row = 0;
  table.col = 0;
  charts.index = 0;
  renderAll();
  schedule();
}

function renderAll() {
  table.render();
  charts.render();
  derived.show(table.selected());
  derived.result(derivedNotes.get(table.selected()) ?? "");
  renderDataset();
  publisher.render();
  const keep = problem;
  problem = null;
  if (keep) showProblem(keep);
}

/** Opens a dataset from JSON text, or says why not (the work so far is kept). */
function openText(text, name, save = true) {
  let next;
  try {
    next = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const where = wasm ? check(text)[1] : e.message;
    return say("status", word("notJsonFile") + (where || e.message));
  }
  const why = isOurs(next);
  if (why) return say("status", word("notJsonFile") + why);
  setDoc(next, save);
  say("status", word("loaded")(name));
}

async function openFile(file) {
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    say("status", word("tooBig")((file.size / 1024 / 1024).toFixed(1)));
    return;
  }
  try {
    openText(await file.text(), file.name);
  } catch (e) {
    say("status", word("readFailed") + e.message);
  }
}

async function openBuiltin(save = true) {
  try {
    const response = await fetch(new URL(__BUILD__ + "data/default.json", import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    openText(await response.text(), "data/default.json", save);
    return true;
  } catch (e) {
    say("status", word("readFailed") + e.message);
    return false;
  }
}

// ---- the page -------------------------------------------------------------------

const table = new FigureTable($("grid"), {
  doc: () => doc,
  onEdit: (row, key) => {
    // Per keystroke: only the one line of the chart's figure list that names this figure;
    // a figure moving between charts redraws the list once, at the next check.
    if (key === "id" || key === "labelZh" || key === "labelEn") charts.renameFigure(row);
    if (key === "chart") orderStale = true;
    edited();
  },
  onSelect: (row) => {
    derived.show(row);
    derived.result(derivedNotes.get(row) ?? "");
  },
  onPaste: (text) => {
    const result = pasteRows(doc.figures, text);
    if (result.error) {
      say("paste-status", result.error);
      return;
    }
    doc.figures = result.figures;
    table.render();
    charts.render();
    fillLists();
    table.focus(table.row, table.col);
    say("paste-status", `${word("pasteDone")(result.added, result.updated)} ${word("pasteHeaders")(result.headers)}`);
    edited();
  },
});

const charts = new ChartPanel({
  doc: () => doc,
  onEdit: edited,
  onPick: () => {
    preview();
    publisher.renderSnippets();
  },
  onFigures: () => {
    table.render();
    fillLists();
  },
});

const derived = new DerivedPanel({
  doc: () => doc,
  ops: DEFAULT_OPS,
  onEdit: (row) => {
    table.refreshRow(row);
    edited();
  },
});

const publisher = new Publisher({
  doc: () => doc,
  valid: () => lastValid,
  module: () => wasm,
  view: () => {
    const s = new FormData($("preview-switches"));
    return { chart: charts.current(), lang: s.get("lang"), theme: s.get("theme") };
  },
});

$("start-builtin").addEventListener("click", openBuiltin);
$("start-blank").addEventListener("click", () => {
  setDoc(blank());
  say("status", "");
});
$("start-file").addEventListener("change", (e) => {
  openFile(e.target.files?.[0]);
  e.target.value = "";
});
// Forgets the saved work and shows the built-in data, which is saved again only once edited.
$("clear").addEventListener("click", async () => {
  clearSaved();
  await openBuiltin(false);
  say("status", word("cleared"));
});
// Drag and drop anywhere on the page; the browser must not open the file itself.
document.addEventListener("dragover", (e) => {
  e.preventDefault();
  $("drop").classList.add("over");
});
document.addEventListener("dragleave", () => $("drop").classList.remove("over"));
document.addEventListener("drop", (e) => {
  e.preventDefault();
  $("drop").classList.remove("over");
  openFile(e.dataTransfer?.files?.[0]);
});

$("add-figure").addEventListener("click", () => {
  const at = doc.figures.length;
  doc.figures.push(newFigure(freshId(doc.figures, "figure"), doc.figures[doc.figures.length - 1]));
  table.render();
  charts.renderOrder();
  table.focus(at, 0);
  edited();
});
$("remove-figure").addEventListener("click", () => {
  const r = table.selected();
  if (r < 0) return;
  doc.figures.splice(r, 1);
  table.render();
  charts.renderOrder();
  derived.show(table.selected());
  table.focus(table.row, table.col);
  edited();
});

$("dataset-fields").addEventListener("input", (e) => editDataset(e.target));
$("sections").addEventListener("input", (e) => editDataset(e.target));
$("sections").addEventListener("click", (e) => {
  const i = e.target.dataset?.remove;
  if (i === undefined) return;
  doc.source.sections.splice(Number(i), 1);
  renderDataset();
  $("add-section").focus();
  edited();
});
$("add-section").addEventListener("click", () => {
  if (!obj(doc.source)) doc.source = { title: { zh: "", en: "" }, sections: [] };
  if (!Array.isArray(doc.source.sections)) doc.source.sections = [];
  doc.source.sections.push({ id: freshId(doc.source.sections, "section"), title: { zh: "", en: "" }, paragraphs: 1 });
  renderDataset();
  $("sections").querySelector(".section:last-child input")?.focus();
  edited();
});

$("preview-switches").addEventListener("change", preview);
$("ui-switches").addEventListener("change", (e) => {
  if (e.target.name === "ui") {
    setLang(e.target.value);
    derivedKey = null; // the panel's words, in the new language at the next check
    renderAll();
    schedule();
    persist();
  } else document.documentElement.dataset.theme = e.target.value;
});

// Start: the language and theme the reader's system asks for, the saved work if any,
// else the built-in dataset.
if (window.matchMedia?.("(prefers-color-scheme: dark)").matches) {
  $("ui-switches").elements.pagetheme.value = "dark";
  $("preview-switches").elements.theme.value = "dark";
}
document.documentElement.dataset.theme = $("ui-switches").elements.pagetheme.value;
setLang($("ui-switches").elements.ui.value);
const saved = restore();
if (saved) {
  doc = saved;
  renderAll();
  say("status", word("restored"));
} else if (!(await openBuiltin(false))) {
  renderAll(); // the blank dataset
}
try {
  const m = await import(MODULE_URL.href);
  await m.default();
  wasm = m;
  if (typeof m.deriveOps === "function") derived.ops = m.deriveOps();
  derived.render();
  publisher.renderImages();
  document.body.dataset.ready = "true"; // tests and scripts wait for this
  schedule();
} catch (e) {
  say("status", `${e.message}`);
}
