/*
 * The Python behind a page's runnable examples: one module worker per page, shared by every
 * example on it, kept warm between runs (runner.mjs starts it on the first Run click).
 *
 * Protocol (main thread -> worker):
 *   {type: "run", id, code, filename, lang, indexURL, lockFileURL, snapshotURL}   lockFileURL: the site's
 *        content-named lock; snapshotURL: the build's memory snapshot (tools/lite_snapshot.py), restored
 *        instead of a boot when it fits this Pyodide and lock, otherwise (or when absent) Python boots as usual;
 *        lang: the page's language ("ko" or "en"), given to Python as the POCKETCLOUD_LANG environment
 *        variable, so pocketcloud's displays (state machine graphs, charts) label themselves in it
 *   {type: "check", id, code, tests, options, filename, indexURL, lockFileURL}   an exercise's Run/Check: the
 *        learner's code and its tests ([{suite, source}]) through pocketcloud.grading.harness (the grader's
 *        harness; options: {kind, tryout}); the reply's `report` is the harness's structured result
 *   {type: "boot", id, indexURL, lockFileURL}   load Python, the engine and the harness ahead of a first Check
 * worker -> main thread, all tagged with the run's id:
 *   {type: "phase", phase: "python" | "packages" | "running"}
 *   {type: "output", chunks: [[stream, text], ...]}      stream is "stdout" or "stderr"
 *   {type: "truncated"}                                   output limit reached; the rest is dropped
 *   {type: "done", ok, error?, rich?: {mime, data}, fatal?, report?, boot: "snapshot" | "normal", timings?}
 *        timings (the first reply only): {origin, marks: {name: ms}, resources: {file: [startMs, endMs, bytes]}},
 *        where Python's start-up spent its time: `origin` is this worker's performance.timeOrigin, every ms is
 *        relative to it (the page shifts them to the click); the same marks are performance.mark()s, "pocketcloud:"
 *        prefixed, for the browser's profiler
 *
 * Each run gets a fresh namespace dict, so examples never see each other's variables, while
 * imported modules (and Pyodide itself) stay loaded. Stopping a run is the main thread's job: it
 * terminates this worker (Python cannot be interrupted without cross-origin isolation).
 */

import { LOADER, SUPPORT } from "./support.mjs";

const OUTPUT_LIMIT = 500_000; // characters per run; beyond this the page would only slow down
const BURST = 20; // output messages allowed per window before output is batched
const WINDOW_MS = 100;

let pyodide = null;
let booting = null;
let runInPython = null;
let runChecks = null; // pocketcloud.grading.harness.run_checks_json, imported on the first check or boot
let currentId = null;
let queue = Promise.resolve();

/* Where the first run's time goes (reported once, with the first reply; see the protocol above). */
const marks = {};
let timingsSent = false;

function mark(name) {
  marks[name] = Math.round(performance.now());
  performance.mark(`pocketcloud:${name}`);
}

function timings() {
  if (timingsSent) return undefined;
  timingsSent = true;
  const resources = {};
  for (const entry of performance.getEntriesByType("resource")) {
    const file = entry.name.split("/").pop();
    resources[file] = [Math.round(entry.startTime), Math.round(entry.responseEnd), entry.encodedBodySize];
  }
  return { origin: performance.timeOrigin, marks: { ...marks }, resources };
}

const out = { chunks: [], size: 0, total: 0, truncated: false, windowStart: 0, posted: 0 };

function resetOutput() {
  out.chunks = [];
  out.size = 0;
  out.total = 0;
  out.truncated = false;
  out.windowStart = 0;
  out.posted = 0;
}

function flush() {
  if (!out.chunks.length || currentId === null) return;
  self.postMessage({ type: "output", id: currentId, chunks: out.chunks });
  out.chunks = [];
  out.size = 0;
}

/* Called synchronously from Python's print(): posts at once unless output is flooding, in which
 * case it batches (a loop printing a million lines must not drown the page in messages). */
function emit(stream, text) {
  if (currentId === null || !text) return;
  if (out.truncated) return;
  if (!timingsSent && marks["first-output"] === undefined) mark("first-output");
  if (out.total + text.length > OUTPUT_LIMIT) {
    text = text.slice(0, Math.max(0, OUTPUT_LIMIT - out.total));
    out.truncated = true;
  }
  out.total += text.length;
  const last = out.chunks[out.chunks.length - 1];
  if (last && last[0] === stream) last[1] += text;
  else out.chunks.push([stream, text]);
  out.size += text.length;

  const now = performance.now();
  if (now - out.windowStart > WINDOW_MS) {
    out.windowStart = now;
    out.posted = 0;
  }
  if (out.posted < BURST || out.size > 65_536 || out.truncated) {
    out.posted += 1;
    flush();
  }
  if (out.truncated) self.postMessage({ type: "truncated", id: currentId });
}

function writer(stream) {
  const decoder = new TextDecoder();
  return {
    isatty: false,
    write(buffer) {
      emit(stream, decoder.decode(buffer, { stream: true }));
      return buffer.length;
    },
  };
}


// Packages the first example needs, fetched while Pyodide boots rather than after it (loadPyodide's
// `packages` option overlaps the download with start-up). Only the engine is named here: it is in the site's
// lock, and almost every example imports it; anything else still loads through loadPackagesFromImports.
function preload(code) {
  return /^\s*(?:import|from)\s+pocketcloud\b/m.test(code) ? ["pocketcloud"] : [];
}

/* The build's memory snapshot (tools/lite_snapshot.py): Python with the engine already imported, the files the
 * engine's wheels laid out (a snapshot holds no files), and Pyodide's memory without its long zero runs. Its
 * header must name the format, the Pyodide and the lock this worker was given, or it belongs to another build
 * and is refused. */
const SNAPSHOT_MAGIC = "PCSNAP01";
const SNAPSHOT_FORMAT = 2;

/* Reads a byte stream in exact lengths, straight into the caller's buffers (no concatenated copy). */
class ExactReader {
  constructor(stream) {
    this.reader = stream.getReader();
    this.chunk = new Uint8Array(0);
    this.at = 0;
  }

  async into(target, offset, length) {
    while (length > 0) {
      if (this.at === this.chunk.length) {
        const { done, value } = await this.reader.read();
        if (done) throw new Error("the snapshot is truncated");
        this.chunk = value;
        this.at = 0;
        continue;
      }
      const n = Math.min(length, this.chunk.length - this.at);
      target.set(this.chunk.subarray(this.at, this.at + n), offset);
      this.at += n;
      offset += n;
      length -= n;
    }
  }

  async bytes(length) {
    const out = new Uint8Array(length);
    await this.into(out, 0, length);
    return out;
  }
}

/* Download and inflate the snapshot as it arrives (gzip as built; a host that sent Content-Encoding has
 * inflated it already): {header, files: [[path, bytes]], memory}. Refused as soon as its header is read. */
async function fetchSnapshot(url, expected) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = response.body.getReader();
  const first = await body.read();
  const replay = new ReadableStream({
    start(controller) {
      if (!first.done) controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await body.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  const input = new ExactReader(gzipped ? replay.pipeThrough(new DecompressionStream("gzip")) : replay);
  const fixed = await input.bytes(SNAPSHOT_MAGIC.length + 4);
  if (new TextDecoder().decode(fixed.subarray(0, SNAPSHOT_MAGIC.length)) !== SNAPSHOT_MAGIC) {
    throw new Error("not a pocketcloud snapshot");
  }
  const length = new DataView(fixed.buffer).getUint32(SNAPSHOT_MAGIC.length, true);
  const header = JSON.parse(new TextDecoder().decode(await input.bytes(length)));
  for (const [key, value] of Object.entries(expected)) {
    if (header[key] !== value) throw new Error(`made for ${key} ${header[key]}, this page has ${value}`);
  }
  mark("snapshot-header");
  const blob = await input.bytes(header.files.reduce((sum, [_path, size]) => sum + size, 0));
  let at = 0;
  const files = header.files.map(([path, size]) => [path, blob.subarray(at, (at += size))]);
  const memory = new Uint8Array(header.memory); // zeroed: the runs the file leaves out are already in place
  at = 0;
  for (const [start, zeros] of [...header.zeros, [header.memory, 0]]) {
    await input.into(memory, at, start - at);
    at = start + zeros;
  }
  mark("snapshot-inflated");
  return { header, files, memory };
}

/* The snapshot's files written back: every directory once, parents first, then each file in place (its bytes are
 * a view of the downloaded buffer, which nothing else uses; `canOwn` spares a copy). Emscripten's mkdirTree per
 * file walked the path from the root and threw for every directory that already existed: measured under Node,
 * 0.8-1.4 s for a tree like the engine's, against 0.07-0.12 s this way. */
function writeFiles(FS, files) {
  const directories = new Set();
  for (const [path] of files) {
    for (let at = path.indexOf("/", 1); at > 0; at = path.indexOf("/", at + 1)) directories.add(path.slice(0, at));
  }
  for (const directory of directories) {
    try {
      FS.mkdir(directory);
    } catch (error) {
      if (error?.errno !== 20) throw error; // EEXIST: made by Pyodide (/lib, site-packages)
    }
  }
  for (const [path, bytes] of files) FS.writeFile(path, bytes, { canOwn: true });
}

async function loadPython(indexURL, lockFileURL, packages, snapshot) {
  mark("load-start");
  const pyodideModule = await import(new URL("pyodide.mjs", indexURL).href);
  mark("pyodide-mjs");
  const options = {
    indexURL,
    packages,
    lockFileURL,
    packageBaseUrl: indexURL,
    stdout: (line) => emit("stdout", `${line}\n`),
    stderr: (line) => emit("stderr", `${line}\n`),
  };
  if (snapshot) {
    // Pyodide awaits a snapshot before it starts compiling the wasm, which would wait for the whole download and
    // inflate. So it gets an empty stand-in, and the real snapshot is taken in the module's pre-run (as a run
    // dependency, as Pyodide installs its standard library) while the wasm compiles, then handed to its restore.
    options._loadSnapshot = new Uint8Array(0);
    options.createPyodideModule = async (settings) => {
      let restored = null;
      let failure = null;
      settings.preRun.push((module) => {
        module.addRunDependency("pocketcloud-snapshot");
        mark("pre-run");
        snapshot
          .then(({ header, files, memory }) => {
            mark("pre-run-snapshot");
            if (header.pyodide !== pyodideModule.version) {
              throw new Error(`made for pyodide ${header.pyodide}, this page has ${pyodideModule.version}`);
            }
            // The wasm memory starts at its built-in size, smaller than the snapshot's (Pyodide's INITIAL_MEMORY
            // hint has no effect on a module that defines its own memory).
            module.growMemory(memory.length);
            mark("memory-grown");
            writeFiles(module.FS, files);
            restored = memory;
            mark("files-written");
          })
          .catch((error) => (failure = error))
          .finally(() => module.removeRunDependency("pocketcloud-snapshot"));
      });
      const instantiate = settings.instantiateWasm;
      settings.instantiateWasm = (imports, success) => {
        mark("wasm-instantiate");
        return instantiate(imports, (instance, module) => {
          mark("wasm-instantiated");
          success(instance, module);
        });
      };
      // imported here, after loadPyodide has started fetching the wasm and the standard library
      const { default: createPyodideModule } = await import(new URL("pyodide.asm.mjs", indexURL).href);
      mark("pyodide-asm-mjs");
      const module = await createPyodideModule(settings);
      if (failure) throw failure;
      mark("module-ready");
      const restore = module.API.restoreSnapshot;
      module.API.restoreSnapshot = () => {
        const config = restore(restored);
        mark("restored");
        return config;
      };
      return module;
    };
  }
  const py = await pyodideModule.loadPyodide(options);
  mark("pyodide-loaded");
  return py;
}

/* After a restore: every reader would otherwise share the random state seeded at build time, and the import
 * system must see the engine's files, written back before the restore (a snapshot holds no files). */
const AFTER_RESTORE = "import importlib, random\nrandom.seed()\nimportlib.invalidate_caches()\n";

let bootPath = null; // "snapshot" or "normal", reported with every result (browser tests and benches read it)

async function boot(indexURL, lockFileURL, snapshotURL, code) {
  const lock = lockFileURL ?? new URL("pyodide-lock.json", indexURL).href;
  let py = null;
  if (snapshotURL) {
    try {
      // fetched at once, while Pyodide's own files are imported and fetched
      const snapshot = fetchSnapshot(snapshotURL, { format: SNAPSHOT_FORMAT, lock: lock.split("/").pop() });
      snapshot.catch(() => {}); // awaited (and its error reported) by the module's pre-run
      // the engine is in the snapshot and its files come with it: no wheel to fetch
      py = await loadPython(indexURL, lock, [], snapshot);
      // Pyodide's record of installed packages is a JS object the snapshot could not carry (the maker empties
      // it); without it, the first `import pocketcloud` would fetch and unpack the wheels again
      for (const name of (await snapshot).header.packages) py.loadedPackages[name] = "default channel";
      py.runPython(AFTER_RESTORE);
      mark("after-restore");
      bootPath = "snapshot";
    } catch (error) {
      console.warn(`pocketcloud: the memory snapshot was not used (${error?.message ?? error}); booting Python`);
      py = null;
    }
  }
  if (!py) {
    py = await loadPython(indexURL, lock, preload(code), null);
    bootPath = "normal";
  }
  py.setStdout(writer("stdout"));
  py.setStderr(writer("stderr"));
  py.setStdin({ stdin: () => null }); // no keyboard here: input() gets end-of-file (EOFError)
  mark("streams");
  // already compiled and imported in a restored snapshot (support.mjs, tools/lite/snapshot.mjs)
  const load = py.runPython(LOADER, { globals: py.globals.get("dict")() });
  runInPython = load(SUPPORT);
  load.destroy();
  mark("support");
  return py;
}

/* The harness takes its snapshot of the engine when it is imported, so it is imported before any learner
 * code of an exercise runs (a python-run example on the same page may have run earlier; it gets a fresh
 * namespace too, and a tampered engine is reported by the harness, after which the page restarts this worker). */
function harness() {
  runChecks ??= pyodide.pyimport("pocketcloud.grading.harness").run_checks_json;
  return runChecks;
}

async function run({ type = "run", id, code = "", tests, options, filename, lang, indexURL, lockFileURL, snapshotURL }) {
  currentId = id;
  resetOutput();
  const exercise = type === "check" || type === "boot";
  try {
    if (!pyodide) {
      self.postMessage({ type: "phase", id, phase: "python" });
      booting ??= boot(indexURL, lockFileURL, snapshotURL, exercise ? "import pocketcloud" : code);
      pyodide = await booting;
    }
    if (type === "boot") {
      if (!pyodide.loadedPackages.pocketcloud) await pyodide.loadPackage("pocketcloud");
      harness();
      self.postMessage({ type: "done", id, ok: true, boot: bootPath });
      return;
    }
    let announced = false;
    await pyodide.loadPackagesFromImports(code, {
      messageCallback: () => {
        if (!announced) self.postMessage({ type: "phase", id, phase: "packages" });
        announced = true;
      },
      errorCallback: (message) => emit("stderr", `${message}\n`),
    });
    if (type === "check") {
      if (!pyodide.loadedPackages.pocketcloud) await pyodide.loadPackage("pocketcloud");
      const check = harness();
      self.postMessage({ type: "phase", id, phase: "running" });
      const echo = (text) => emit("stdout", text);
      const report = JSON.parse(check(code, JSON.stringify(tests), filename, echo, JSON.stringify(options ?? {})));
      flush();
      self.postMessage({ type: "done", id, ok: true, report, boot: bootPath });
      return;
    }
    mark("packages-from-imports");
    self.postMessage({ type: "phase", id, phase: "running" });
    const result = JSON.parse(await runInPython(code, filename, lang ?? ""));
    mark("ran");
    flush();
    self.postMessage({ type: "done", id, ...result, boot: bootPath, timings: timings() });
  } catch (error) {
    flush();
    const fatal = !pyodide; // Python never came up: this worker is useless, start afresh next time
    if (fatal) booting = null;
    self.postMessage({ type: "done", id, ok: false, fatal, error: String(error?.message ?? error) });
  } finally {
    currentId = null;
  }
}

self.onmessage = (event) => {
  const message = event.data;
  if (["run", "check", "boot"].includes(message?.type)) queue = queue.then(() => run(message));
};
