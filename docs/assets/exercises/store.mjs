/*
 * Where a learner's work is kept: IndexedDB (database "pocketcloud", store "progress"), with localStorage as
 * the fallback and, when neither works (private mode, storage disabled, quota full), memory plus a visible
 * warning on every exercise and on the progress page: nothing is ever lost silently.
 *
 * Records, keyed by string:
 *   "ex:<chapter>/<name>"  {code, starter_hash, base_starter, attempts, failures, solved, solved_at, updated_at,
 *                           history: [{at, ok, passed, total, code, kind?}]}   (history keeps the last 25)
 *   "quiz:<chapter>/quiz"  {answers: {qid: index | [indexes] | "typed number"}, correct: {qid: bool}, attempts,
 *                           updated_at}
 *   "learner"              {name}
 *
 * Export/import is one JSON file with a format version and an integrity hash (the same canonical form as
 * engine/pocketcloud/grading/submission.py), which is also the file a learner hands in for grading.
 */

import { sha256Hex } from "./sha256.mjs";

export const FORMAT = "pocketcloud-progress";
export const VERSION = 1;
export const HISTORY_LIMIT = 25;
const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
const LS_PREFIX = "pocketcloud:progress:";

const listeners = new Set();
export const storageState = { backend: "memory", error: null };

function report(error) {
  storageState.error = error;
  for (const listener of listeners) listener(storageState);
}

export function onStorageProblem(listener) {
  listeners.add(listener);
  if (storageState.error) listener(storageState);
}

function promisify(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

class IdbBackend {
  name = "indexeddb";
  constructor(db) {
    this.db = db;
  }
  static async open() {
    const request = indexedDB.open("pocketcloud", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("progress");
    const db = await promisify(request);
    return new IdbBackend(db);
  }
  #store(mode) {
    return this.db.transaction("progress", mode).objectStore("progress");
  }
  async get(key) {
    return (await promisify(this.#store("readonly").get(key))) ?? null;
  }
  async put(key, value) {
    const tx = this.db.transaction("progress", "readwrite");
    tx.objectStore("progress").put(value, key);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new DOMException("aborted", "AbortError"));
    });
  }
  async entries() {
    const store = this.#store("readonly");
    const [keys, values] = await Promise.all([promisify(store.getAllKeys()), promisify(store.getAll())]);
    return keys.map((key, i) => [key, values[i]]);
  }
  async replaceAll(entries) {
    const tx = this.db.transaction("progress", "readwrite");
    const store = tx.objectStore("progress");
    store.clear();
    for (const [key, value] of entries) store.put(value, key);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new DOMException("aborted", "AbortError"));
    });
  }
}

class LocalBackend {
  name = "localstorage";
  static open() {
    const probe = `${LS_PREFIX}__probe`;
    localStorage.setItem(probe, "1");
    localStorage.removeItem(probe);
    return new LocalBackend();
  }
  async get(key) {
    const raw = localStorage.getItem(LS_PREFIX + key);
    return raw === null ? null : JSON.parse(raw);
  }
  async put(key, value) {
    localStorage.setItem(LS_PREFIX + key, JSON.stringify(value));
  }
  async entries() {
    const out = [];
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (name?.startsWith(LS_PREFIX) && !name.endsWith("__probe")) {
        try {
          out.push([name.slice(LS_PREFIX.length), JSON.parse(localStorage.getItem(name))]);
        } catch {
          /* a damaged entry is skipped, never fatal */
        }
      }
    }
    return out;
  }
  async replaceAll(entries) {
    const old = await this.entries();
    try {
      for (const [key] of old) localStorage.removeItem(LS_PREFIX + key);
      for (const [key, value] of entries) localStorage.setItem(LS_PREFIX + key, JSON.stringify(value));
    } catch (error) {
      for (const [key, value] of old) localStorage.setItem(LS_PREFIX + key, JSON.stringify(value));
      throw error;
    }
  }
}

/* The store: every read and write goes through an in-memory copy, so a failing backend loses nothing that
 * the page still holds, and the warning tells the learner to export. */
class Store {
  #backend = null;
  #memory = new Map();
  #opening = null;

  open() {
    this.#opening ??= (async () => {
      try {
        this.#backend = await IdbBackend.open();
      } catch (error) {
        try {
          this.#backend = LocalBackend.open();
          storageState.fallback = true;
        } catch (second) {
          this.#backend = null;
          report(second ?? error);
        }
      }
      storageState.backend = this.#backend?.name ?? "memory";
      if (this.#backend) {
        try {
          for (const [key, value] of await this.#backend.entries()) this.#memory.set(key, value);
        } catch (error) {
          report(error);
        }
      }
    })();
    return this.#opening;
  }

  async get(key) {
    await this.open();
    const value = this.#memory.get(key);
    return value === undefined ? null : structuredClone(value);
  }

  async put(key, value) {
    await this.open();
    this.#memory.set(key, structuredClone(value));
    if (!this.#backend) return false;
    try {
      await this.#backend.put(key, value);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  async entries() {
    await this.open();
    return [...this.#memory.entries()].map(([k, v]) => [k, structuredClone(v)]);
  }

  async replaceAll(entries) {
    await this.open();
    if (this.#backend) await this.#backend.replaceAll(entries); // throws: the caller keeps the old progress
    this.#memory = new Map(entries.map(([k, v]) => [k, structuredClone(v)]));
  }
}

export const store = new Store();

/* ------------------------------------------------------------------------------------------ */
/* The progress file.                                                                         */

export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export async function integrityOf(document) {
  const body = { ...document };
  delete body.integrity;
  return `sha256:${await sha256Hex(canonical(body))}`;
}

export async function exportDocument(edition) {
  const entries = await store.entries();
  const exercises = {};
  const quizzes = {};
  let learner = { name: "" };
  for (const [key, value] of entries) {
    if (key.startsWith("ex:")) exercises[key.slice(3)] = value;
    else if (key.startsWith("quiz:")) quizzes[key.slice(5)] = value;
    else if (key === "learner") learner = value;
  }
  const document = {
    format: FORMAT,
    version: VERSION,
    exported_at: new Date().toISOString(),
    site: { edition },
    learner,
    exercises,
    quizzes,
  };
  document.integrity = await integrityOf(document);
  return document;
}

export class ImportError extends Error {
  constructor(reason, detail) {
    super(reason);
    this.reason = reason;
    this.detail = detail;
  }
}

const isCount = (v) => Number.isInteger(v) && v >= 0;

/* Checks a file completely before anything is replaced; throws ImportError(reason) otherwise. */
export async function parseImport(text, size) {
  if (size > MAX_IMPORT_BYTES) throw new ImportError("tooBig");
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    throw new ImportError("notJson");
  }
  if (!document || typeof document !== "object" || Array.isArray(document) || document.format !== FORMAT) {
    throw new ImportError("notProgress");
  }
  if (document.version !== VERSION) throw new ImportError("version", String(document.version));
  const { exercises, quizzes = {}, learner = {} } = document;
  if (!exercises || typeof exercises !== "object" || Array.isArray(exercises)) {
    throw new ImportError("shape", "exercises");
  }
  for (const [id, work] of Object.entries(exercises)) {
    const ok =
      work && typeof work === "object" && typeof work.code === "string" && isCount(work.attempts ?? 0) &&
      (work.history === undefined || Array.isArray(work.history));
    if (!ok) throw new ImportError("shape", id);
  }
  if (!quizzes || typeof quizzes !== "object" || Array.isArray(quizzes)) throw new ImportError("shape", "quizzes");
  if ((await integrityOf(document)) !== document.integrity) throw new ImportError("integrity");
  const entries = [];
  for (const [id, work] of Object.entries(exercises)) entries.push([`ex:${id}`, work]);
  for (const [id, work] of Object.entries(quizzes)) entries.push([`quiz:${id}`, work]);
  if (learner && typeof learner === "object") entries.push(["learner", { name: String(learner.name ?? "") }]);
  return { entries, exercises: Object.keys(exercises).length, quizzes: Object.keys(quizzes).length };
}
