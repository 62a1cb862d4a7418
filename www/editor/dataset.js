// The dataset panel (optional): subject, source and its sections, and the English words
// of units the module does not know. Changes go through the store.
import { freshId } from "./ids.js";
import { word } from "./words.js";
import { obj } from "./state.js";

const $ = (id) => document.getElementById(id);

function setText(o, path, value) {
  const keys = path.split(".");
  const lang = keys.pop();
  let target = o;
  for (const k of keys) {
    if (!obj(target[k])) target[k] = {};
    target = target[k];
  }
  if (!value.trim() && lang === "en") delete target.en;
  else target[lang] = value;
}

export class DatasetPanel {
  /** `ctx.newUnits()`: unit names in the data the module does not know. */
  constructor({ store, ctx }) {
    this.store = store;
    this.ctx = ctx;
    $("dataset-fields").addEventListener("input", (e) => this.editField(e.target));
    $("sections").addEventListener("input", (e) => this.editSection(e.target));
    $("units").addEventListener("input", (e) => this.editUnit(e.target));
    $("sections").addEventListener("click", (e) => {
      const i = e.target.dataset?.remove;
      if (i !== undefined) this.store.update((doc) => void doc.source.sections.splice(Number(i), 1), "dataset");
    });
    $("add-section").addEventListener("click", () => {
      this.store.update((doc) => {
        if (!obj(doc.source)) doc.source = { title: { zh: "" }, sections: [] };
        if (!Array.isArray(doc.source.sections)) doc.source.sections = [];
        doc.source.sections.push({ id: freshId(doc.source.sections, "section"), title: { zh: "" }, paragraphs: 1 });
      }, "dataset");
      $("sections").querySelector(".section:last-child input")?.focus();
    });
  }

  render() {
    const doc = this.store.doc;
    for (const input of $("dataset-fields").querySelectorAll("[data-field]")) {
      const v = input.dataset.field.split(".").reduce((o, k) => (obj(o) ? o[k] : undefined), doc);
      if (document.activeElement !== input) input.value = v ?? "";
    }
    const sections = obj(doc.source) && Array.isArray(doc.source.sections) ? doc.source.sections : [];
    if (!$("sections").contains(document.activeElement)) $("sections").replaceChildren(...sections.map((s, i) => this.sectionRow(s, i)));
    if (!$("units").contains(document.activeElement)) this.renderUnits();
  }

  sectionRow(s, i) {
    const row = document.createElement("div");
    row.className = "fields section";
    for (const [field, w] of [["id", "sectionId"], ["title.zh", "sectionZh"], ["title.en", "sectionEn"], ["paragraphs", "paragraphs"]]) {
      const label = document.createElement("label");
      const span = Object.assign(document.createElement("span"), { textContent: word(w) });
      const input = Object.assign(document.createElement("input"), { autocomplete: "off" });
      input.dataset.section = i;
      input.dataset.field = field;
      const [k, lang] = field.split(".");
      input.value = lang ? (obj(s[k]) ? s[k][lang] ?? "" : "") : (s[k] ?? "");
      label.append(span, " ", input);
      row.append(label);
    }
    const remove = Object.assign(document.createElement("button"), { type: "button", textContent: word("removeSection") });
    remove.setAttribute("aria-label", `${word("removeSection")}: ${s.id}`);
    remove.dataset.remove = i;
    row.append(remove);
    return row;
  }

  renderUnits() {
    const names = this.ctx.newUnits();
    $("units-box").hidden = !names.length;
    const entries = Array.isArray(this.store.doc.units) ? this.store.doc.units : [];
    $("units").replaceChildren(
      ...names.map((name) => {
        const label = document.createElement("label");
        const span = Object.assign(document.createElement("span"), { textContent: `${name} · ${word("unitEn")}` });
        const input = Object.assign(document.createElement("input"), { autocomplete: "off", lang: "en" });
        input.dataset.unit = name;
        input.value = entries.find((e) => e?.name === name)?.en ?? "";
        label.append(span, " ", input);
        return label;
      }),
    );
  }

  editField(input) {
    this.store.update((doc) => setText(doc, input.dataset.field, input.value), "dataset", { merge: `dataset-${input.dataset.field}` });
  }

  editSection(input) {
    const i = Number(input.dataset.section);
    const [k, lang] = input.dataset.field.split(".");
    const v = input.value;
    this.store.update((doc) => {
      const s = doc.source.sections[i];
      if (lang) setText(s, `${k}.${lang}`, v);
      else if (k === "paragraphs") s[k] = /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
      else s[k] = v;
    }, "dataset", { merge: `section-${i}-${input.dataset.field}` });
  }

  editUnit(input) {
    const name = input.dataset.unit;
    const en = input.value.trim();
    this.store.update((doc) => {
      const units = Array.isArray(doc.units) ? doc.units : [];
      const entry = units.find((e) => e?.name === name);
      if (entry && en) entry.en = en;
      else if (entry) delete entry.en;
      else if (en) units.push({ name, en });
      doc.units = units.filter((e) => Object.keys(e).length > 1);
      if (!doc.units.length) delete doc.units;
    }, "units", { merge: `unit-${name}` });
  }

  /** The dataset panel's input an error path points at, or null. */
  input(path) {
    if (!path) return null;
    const m = /^source\.sections\[(\d+)\](?:\.([a-z_.]+))?/.exec(path);
    const [scope, field] = m ? [`#sections [data-section="${m[1]}"]`, m[2] ?? "id"] : ["#dataset-fields [data-field]", path];
    return document.querySelector(`${scope}[data-field="${field}"]`) ?? document.querySelector(`${scope}[data-field="${field}.zh"]`);
  }

  markError(path) {
    for (const old of $("dataset").querySelectorAll("[aria-invalid]")) {
      old.removeAttribute("aria-invalid");
      old.removeAttribute("aria-describedby");
    }
    const input = this.input(path);
    input?.setAttribute("aria-invalid", "true");
    input?.setAttribute("aria-describedby", "check-message");
  }

  goTo(path) {
    this.input(path)?.focus();
  }
}
