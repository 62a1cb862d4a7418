// The work kept in this browser (localStorage, or any object with its getItem/setItem/
// removeItem): one envelope {revision, tab, doc} under one key, so a second tab can tell
// newer work from its own. Nothing is ever written over work it has not read: a save that
// finds a newer revision from another tab is refused (the caller takes that work), a
// stored copy that cannot be read is first kept aside under another key, and a full
// quota leaves the last good save as it was. Pure: the storage is given.
import { isOurs } from "./state.js";

export const KEY = "park-infographic-editor";
export const DAMAGED_KEY = `${KEY}:damaged`;

/** A tab's name for its own saves (random enough to tell two tabs apart). */
const tabName = () => Math.random().toString(36).slice(2, 10);

/** True for the exceptions browsers throw when the storage is full. */
export function isQuota(e) {
  return e?.name === "QuotaExceededError" || e?.name === "NS_ERROR_DOM_QUOTA_REACHED" || e?.code === 22 || e?.code === 1014;
}

export class Saves {
  /** `storage`: localStorage or a stand-in; null when the browser gives none. */
  constructor(storage, { tab = tabName() } = {}) {
    this.storage = storage;
    this.tab = tab;
    this.revision = 0; // the stored revision this tab's work is based on
    this.locked = false; // an unreadable copy could not be kept aside: never write over it
  }

  get available() {
    return Boolean(this.storage);
  }

  /** The stored envelope {revision, tab, doc}, `{damaged: text}`, or null when nothing is stored. */
  read() {
    let text;
    try {
      text = this.storage?.getItem(KEY) ?? null;
    } catch {
      return null;
    }
    if (text === null) return null;
    try {
      const value = JSON.parse(text);
      // The envelope; or a bare dataset, as editors before revisions saved it.
      const env = value && typeof value === "object" && "doc" in value && "revision" in value ? value : { revision: 0, tab: "", doc: value };
      if (isOurs(env.doc) !== null || !Number.isSafeInteger(env.revision)) return { damaged: text };
      return env;
    } catch {
      return { damaged: text };
    }
  }

  /**
   * The saved work at startup: `{doc, revision}`, `{damaged: text}` (kept aside first,
   * under DAMAGED_KEY), or `{}` when there is none.
   */
  restore() {
    const env = this.read();
    if (!env) return {};
    if (env.damaged !== undefined) {
      try {
        if (this.storage.getItem(DAMAGED_KEY) !== env.damaged) this.storage.setItem(DAMAGED_KEY, env.damaged);
      } catch {
        this.locked = true;
      }
      return { damaged: env.damaged };
    }
    this.revision = env.revision;
    return { doc: env.doc, revision: env.revision };
  }

  /** The copy kept aside because it could not be read, or null. */
  damaged() {
    try {
      // Not kept aside for want of room: it is still where it was saved.
      if (this.locked) return this.storage.getItem(KEY);
      return this.storage?.getItem(DAMAGED_KEY) ?? null;
    } catch {
      return null;
    }
  }

  forgetDamaged() {
    try {
      this.storage?.removeItem(DAMAGED_KEY);
    } catch {
      // Nothing we could reach: nothing to forget.
    }
  }

  /**
   * Saves `doc` as the next revision: `{ok: true, revision}`, or `{error}` with error one
   * of "unavailable", "locked", "quota" (the last good save is kept), "newer" (another tab
   * saved newer work: `{error, env}` gives it; nothing was written).
   */
  save(doc) {
    if (!this.storage) return { error: "unavailable" };
    if (this.locked) return { error: "locked" };
    const stored = this.read();
    if (stored && stored.damaged === undefined && stored.revision > this.revision && stored.tab !== this.tab) {
      return { error: "newer", env: stored };
    }
    const revision = Math.max(this.revision, stored?.revision ?? 0) + 1;
    try {
      this.storage.setItem(KEY, JSON.stringify({ revision, tab: this.tab, doc }));
    } catch (e) {
      return { error: isQuota(e) ? "quota" : "unavailable", detail: e?.message };
    }
    this.revision = revision;
    return { ok: true, revision };
  }

  /** This tab now works on `env` (another tab's newer save). */
  adopt(env) {
    this.revision = env.revision;
  }

  /** Forgets the saved work (the caller has offered it as a download first). */
  clear() {
    try {
      this.storage?.removeItem(KEY);
    } catch {
      // Nothing we could reach: nothing to clear.
    }
    this.revision = 0;
  }
}
