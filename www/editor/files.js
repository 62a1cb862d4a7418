// Work in and out of the page: opening a JSON file (refused unread past the validator's
// limits), downloading the work (warned first when it is not valid), starting over
// (asked in a dialog that offers the work as a download first; undo brings it back),
// and the offers a save that failed makes: a full quota, a damaged saved copy.
import { download } from "../embed/dom.js";
import { MAX_FILE_BYTES, blank, readDataset, serialize } from "./state.js";
import { word } from "./words.js";

const $ = (id) => document.getElementById(id);

/**
 * Asks in the page's <dialog>: resolves to the value of the button chosen ("" for Esc).
 * Enter takes the `focus` button: cancel, unless the question is a harmless choice.
 */
export function ask(text, buttons, { focus = "cancel" } = {}) {
  const dialog = $("ask");
  $("ask-text").textContent = text;
  $("ask-buttons").replaceChildren(
    ...buttons.map(([value, label]) => Object.assign(document.createElement("button"), { value, textContent: label, type: "submit" })),
  );
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    [...dialog.querySelectorAll("#ask-buttons button")].find((b) => b.value === focus)?.focus();
  });
}

export class Files {
  /** `ctx`: {say(text), problem() → [path, message] or null, opened(label)}. */
  constructor({ store, saves, ctx }) {
    this.store = store;
    this.saves = saves;
    this.ctx = ctx;
    $("open-file").addEventListener("change", (e) => {
      this.open(e.target.files?.[0]);
      e.target.value = "";
    });
    $("download-work").addEventListener("click", () => this.downloadWork());
    $("start-over").addEventListener("click", () => this.startOver());
    $("save-offer").addEventListener("click", (e) => {
      if (e.target.dataset.act === "download") this.save();
      if (e.target.dataset.act === "damaged") this.downloadDamaged();
      if (e.target.dataset.act === "forget") this.forgetDamaged();
    });
  }

  save(name = "park-infographic-work.json") {
    download(new Blob([serialize(this.store.doc)], { type: "application/json" }), name);
  }

  async downloadWork() {
    const problem = this.ctx.problem();
    if (problem) {
      const choice = await ask(word("confirmInvalid", { why: problem[1] }), [["download", word("downloadAnyway")], ["cancel", word("cancel")]]);
      if (choice !== "download") return;
    }
    this.save();
  }

  async startOver() {
    const choice = await ask(word("confirmStart"), [["download", word("confirmDownload")], ["go", word("confirmGo")], ["cancel", word("cancel")]]);
    if (choice !== "download" && choice !== "go") return;
    if (choice === "download") this.save();
    this.store.replace(blank(), "start");
    this.ctx.say(word("startedOver"));
    this.ctx.opened("start");
  }

  /** Opens a dataset file: past the size or nesting limits, or not ours, it is refused unread. */
  async open(file) {
    if (!file) return;
    if (/\.(csv|tsv|txt|xlsx?)$/i.test(file.name)) return this.ctx.openTable(file);
    if (file.size > MAX_FILE_BYTES) return this.ctx.say(word("tooBig", { mb: (file.size / 1024 / 1024).toFixed(1) }));
    let text;
    try {
      text = await file.text();
    } catch (e) {
      return this.ctx.say(word("readFailed") + e.message);
    }
    const read = readDataset(text);
    if (read.error) return this.ctx.say(word(read.error, { n: read.detail, detail: read.detail }));
    this.store.replace(read.doc, "open");
    this.ctx.say(word("loaded", { name: file.name }) + (read.doc.schema === 2 ? ` ${word("converted")}` : ""));
    this.ctx.opened("open");
  }

  /** Says what the last save did, with a download where work could be lost. */
  saveState() {
    const box = $("save-offer");
    const s = this.store.lastSave;
    const damaged = this.saves.damaged();
    let text = "";
    const buttons = [];
    if (s.error === "quota" || s.error === "unavailable") {
      text = word(s.error === "quota" ? "quota" : "notSaved");
      buttons.push(["download", word("downloadNow")]);
    } else if (s.error === "locked") {
      text = word("locked");
    } else if (s.ok) text = word("saved");
    if (damaged !== null) {
      text = `${word("damaged")} ${text}`;
      buttons.push(["damaged", word("downloadDamaged")], ["forget", word("forgetDamaged")]);
    }
    const p = Object.assign(document.createElement("span"), { textContent: text });
    box.className = s.error || damaged !== null ? "status warn" : "status quiet-text";
    box.replaceChildren(p, ...buttons.map(([act, label]) => Object.assign(document.createElement("button"), { type: "button", textContent: label })));
    [...box.querySelectorAll("button")].forEach((b, i) => (b.dataset.act = buttons[i][0]));
  }

  downloadDamaged() {
    const text = this.saves.damaged();
    if (text === null) return;
    download(new Blob([text], { type: "application/json" }), "park-infographic-unreadable-save.json");
    // The journalist has it now: it may be written over.
    this.saves.locked = false;
  }

  forgetDamaged() {
    this.saves.forgetDamaged();
    this.saves.locked = false;
    this.saveState();
  }
}
