// The one store of the working dataset. Every change goes through `update(fn, label)`:
// `fn` changes a copy, the words the editor made for a chart follow its rows (model.js),
// the copy becomes the dataset, the step is recorded for undo, the work is saved
// (saves.js) and every subscriber is told. Panels read `store.doc` and never change it
// themselves. Undo and redo cover every change: typing (a run of keys in
// one cell is one step), pastes, chart edits, opening a file, starting over. Pure.
import { renewChartWords } from "./model.js";
import { copy } from "./state.js";

const LIMIT = 200; // undo steps kept

export class Store {
  /** `saves`: a Saves (or null: nothing kept); `doc`: the dataset to start with. */
  constructor({ doc, saves = null }) {
    this.doc = doc;
    this.saves = saves;
    this.past = []; // [{doc, label}], oldest first
    this.future = [];
    this.merge = null; // the key of the last update, for runs of keys in one cell
    this.listeners = new Set();
    this.lastSave = { ok: true };
  }

  /** Calls `fn(change)` after every change; returns the function that stops it. */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  notify(change) {
    for (const fn of this.listeners) fn(change);
  }

  /**
   * Changes the dataset: `fn(draft)` edits a copy (returning false: nothing changed).
   * `merge`: updates with the same key one after another are one undo step. `save: false`
   * keeps it out of storage until the next change (the built-in data shown, not chosen).
   * Returns what `fn` returned.
   */
  update(fn, label, options = {}) {
    const draft = copy(this.doc);
    const result = fn(draft);
    if (result === false) return result;
    renewChartWords(this.doc, draft);
    this.commit(draft, label, options);
    return result;
  }

  /** Replaces the whole dataset (a file opened, starting over): one undo step. */
  replace(doc, label, options = {}) {
    this.commit(copy(doc), label, { ...options, merge: null });
  }

  /** `amend`: part of the step before (values the module derives from it), no step of its own. */
  commit(next, label, { merge = null, save = true, amend = false } = {}) {
    if (!amend && !(merge && merge === this.merge && this.past.length)) {
      this.past.push({ doc: this.doc, label });
      if (this.past.length > LIMIT) this.past.shift();
    }
    if (!amend) this.merge = merge;
    if (!amend) this.future = [];
    this.doc = next;
    this.changed({ label, kind: "update", save });
  }

  undo() {
    const step = this.past.pop();
    if (!step) return null;
    this.future.push({ doc: this.doc, label: step.label });
    this.doc = step.doc;
    this.merge = null;
    this.changed({ label: step.label, kind: "undo", save: true });
    return step.label;
  }

  /** Takes back the last step for good (an edit cancelled with Escape): no redo. */
  revert() {
    const step = this.past.pop();
    if (!step) return;
    this.doc = step.doc;
    this.merge = null;
    this.changed({ label: step.label, kind: "revert", save: true });
  }

  redo() {
    const step = this.future.pop();
    if (!step) return null;
    this.past.push({ doc: this.doc, label: step.label });
    this.doc = step.doc;
    this.merge = null;
    this.changed({ label: step.label, kind: "redo", save: true });
    return step.label;
  }

  get canUndo() {
    return this.past.length > 0;
  }

  get canRedo() {
    return this.future.length > 0;
  }

  /** Another tab's newer work: this tab takes it, its own kept as an undo step. */
  adopt(env, label) {
    this.past.push({ doc: this.doc, label });
    this.future = [];
    this.merge = null;
    this.doc = env.doc;
    this.saves?.adopt(env);
    this.changed({ label, kind: "adopt", save: false });
  }

  changed(change) {
    if (change.save && this.saves) {
      this.lastSave = this.saves.save(this.doc);
      if (this.lastSave.error === "newer") {
        // Never written over: this tab takes the newer work; its own change stays undoable.
        const env = this.lastSave.env;
        this.notify({ ...change, save: false });
        this.adopt(env, "adopt");
        return;
      }
    }
    this.notify(change);
  }
}
