import { test } from "node:test";
import assert from "node:assert/strict";
import { DAMAGED_KEY, KEY, Saves } from "../../www/editor/saves.js";
import { Store } from "../../www/editor/store.js";
import { MemoryStorage } from "./fixtures.mjs";

const doc = (n) => ({ schema: 3, charts: [], figures: [{ id: "a", label: { zh: "A" }, value: n }] });

test("every change is one undo step; a run of keys in one cell is one; redo", () => {
  const store = new Store({ doc: doc(1) });
  const seen = [];
  store.subscribe((c) => seen.push(c.kind));
  store.update((d) => void (d.figures[0].value = 2), "edit", { merge: "cell 0 value" });
  store.update((d) => void (d.figures[0].value = 23), "edit", { merge: "cell 0 value" });
  store.update((d) => void d.figures.push({ id: "b" }), "paste");
  assert.equal(store.doc.figures.length, 2);
  assert.equal(store.undo(), "paste");
  assert.equal(store.undo(), "edit");
  assert.equal(store.doc.figures[0].value, 1);
  assert.equal(store.canUndo, false);
  store.redo();
  assert.equal(store.doc.figures[0].value, 23);
  store.replace(doc(9), "start over");
  assert.equal(store.doc.figures[0].value, 9);
  store.undo();
  assert.equal(store.doc.figures[0].value, 23);
  assert.deepEqual(seen, ["update", "update", "update", "undo", "undo", "redo", "update", "undo"]);
});

test("the dataset handed out is never changed by a later update (panels cannot mutate it)", () => {
  const store = new Store({ doc: doc(1) });
  const before = store.doc;
  store.update((d) => void (d.figures[0].value = 2), "edit");
  assert.equal(before.figures[0].value, 1);
});

test("saves carry a revision; a reload restores the last one", () => {
  const storage = new MemoryStorage();
  const store = new Store({ doc: doc(1), saves: new Saves(storage) });
  store.update((d) => void (d.figures[0].value = 2), "edit");
  store.update((d) => void (d.figures[0].value = 3), "edit");
  const again = new Saves(storage).restore();
  assert.deepEqual([again.revision, again.doc.figures[0].value], [2, 3]);
});

test("two tabs: a tab whose work is older takes the newer work instead of overwriting it", () => {
  const storage = new MemoryStorage();
  const a = new Store({ doc: doc(1), saves: new Saves(storage, { tab: "a" }) });
  const b = new Store({ doc: doc(1), saves: new Saves(storage, { tab: "b" }) });
  a.update((d) => void (d.figures[0].value = 10), "edit");
  // B missed the storage event: its next save finds the newer revision and takes it.
  const kinds = [];
  b.subscribe((c) => kinds.push(c.kind));
  b.update((d) => void (d.figures[0].value = 20), "edit");
  assert.equal(JSON.parse(storage.getItem(KEY)).doc.figures[0].value, 10, "A's work not overwritten");
  assert.equal(b.doc.figures[0].value, 10, "B shows A's newer work");
  assert.deepEqual(kinds, ["update", "adopt"]);
  b.undo();
  assert.equal(b.doc.figures[0].value, 20, "B's own edit is one undo away");
});

test("full quota: the save says so and the last good save stays", () => {
  const storage = new MemoryStorage(400);
  const store = new Store({ doc: doc(1), saves: new Saves(storage) });
  store.update((d) => void (d.figures[0].value = 2), "edit");
  assert.equal(store.lastSave.ok, true);
  store.update((d) => d.figures.push({ id: "big", label: { zh: "x".repeat(1000) } }), "paste");
  assert.equal(store.lastSave.error, "quota");
  assert.equal(new Saves(storage).restore().doc.figures[0].value, 2);
});

test("a saved copy that cannot be read is kept aside, and never written over while it cannot be", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, '{"revision": 4, "doc": {"figures": [');
  const saves = new Saves(storage);
  assert.deepEqual(saves.restore(), { damaged: '{"revision": 4, "doc": {"figures": [' });
  assert.equal(storage.getItem(DAMAGED_KEY), '{"revision": 4, "doc": {"figures": [');
  assert.equal(saves.damaged(), storage.getItem(DAMAGED_KEY));
  // No room to keep it aside: nothing is saved over it.
  const full = new MemoryStorage(70);
  full.setItem(KEY, "x".repeat(40));
  const locked = new Saves(full);
  locked.restore();
  assert.equal(locked.save(doc(1)).error, "locked");
  assert.equal(full.getItem(KEY), "x".repeat(40));
});

test("a bare dataset saved by the editor before revisions is restored", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, JSON.stringify(doc(7)));
  assert.equal(new Saves(storage).restore().doc.figures[0].value, 7);
});
