// Makes the page runner's memory snapshot: boots the npm Pyodide runtime under Node with the site's own lock,
// loads the engine, runs snapshot_warm.py (imports, parsed models, a first invocation), imports the runner's
// support module (docs/assets/runner/support.mjs), and writes Pyodide's memory snapshot
// (makeMemorySnapshot) gzipped, behind a small header that says what it was made from, together with the files
// the engine's wheels laid out in site-packages (a snapshot holds no files) and without the memory's long zero
// runs (the worker's buffer starts zeroed). Called by tools/lite_snapshot.py, which explains the format and why
// it is safe to load in the browser.
//
// Usage: node snapshot.mjs <pyodide dir> <lock file> <out file> <header json>
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pyodideDir, lockFile, outFile, madeFrom] = process.argv.slice(2);
if (!pyodideDir || !lockFile || !outFile || !madeFrom) {
  console.error("usage: node snapshot.mjs <pyodide dir> <lock file> <out file> <header json>");
  process.exit(2);
}

const MAGIC = "PCSNAP01"; // docs/assets/runner/worker.mjs reads the same layout
const ALIGN = 16; // the header is padded so that what follows it starts on a 16-byte boundary
const ZERO_PAGE = 65536; // zero runs are found page by page; shorter ones are not worth a header entry

/* Every file under `dir` in Pyodide's file system, sorted (the same build gives the same bytes), without
 * __pycache__ (bytecode written here would only be stale next to another build's sources). */
function filesUnder(FS, dir, out = []) {
  for (const name of FS.readdir(dir).sort()) {
    if (name === "." || name === ".." || name === "__pycache__") continue;
    const path = `${dir}/${name}`;
    if (FS.isDir(FS.stat(path).mode)) filesUnder(FS, path, out);
    else out.push([path, FS.readFile(path)]);
  }
  return out;
}

/* [offset, length] of every run of whole zero pages in the memory: not stored, the reader's buffer is zeroed. */
function zeroRuns(memory) {
  const runs = [];
  const pages = Math.floor(memory.length / ZERO_PAGE);
  for (let page = 0; page < pages; page += 1) {
    const words = new Uint32Array(memory.buffer, memory.byteOffset + page * ZERO_PAGE, ZERO_PAGE / 4);
    if (words.some((word) => word !== 0)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === page * ZERO_PAGE) last[1] += ZERO_PAGE;
    else runs.push([page * ZERO_PAGE, ZERO_PAGE]);
  }
  return runs;
}

try {
  const indexURL = pyodideDir.endsWith("/") ? pyodideDir : `${pyodideDir}/`;
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL: lockFile,
    packageBaseUrl: indexURL,
    _makeSnapshot: true,
    // What a browser worker has: Emscripten's default program name, not this script's path.
    _sysExecutable: "./this.program",
  });
  await pyodide.loadPackage(["pocketcloud"], { messageCallback: () => {} });
  const here = dirname(fileURLToPath(import.meta.url));
  pyodide.runPython(await readFile(join(here, "snapshot_warm.py"), "utf8"), { filename: "snapshot_warm.py" });
  // The runner's support module, compiled and imported as the worker would (no proxy may outlive this step)
  const support = await import(pathToFileURL(join(here, "..", "..", "docs", "assets", "runner", "support.mjs")).href);
  const namespace = pyodide.globals.get("dict")();
  const load = pyodide.runPython(support.LOADER, { globals: namespace });
  load(support.SUPPORT).destroy();
  load.destroy();
  namespace.destroy();
  pyodide.runPython("import gc\ngc.collect()");
  // The package manager's record of loaded packages is a JS object the snapshot cannot carry (Pyodide refuses
  // one that is not empty). The files it describes live in the JS file system, which no snapshot holds either:
  // the worker loads the same wheels again after a restore, which fills both in.
  const sitePackages = pyodide.runPython("import os, pocketcloud\nos.path.dirname(os.path.dirname(pocketcloud.__file__))");
  const files = filesUnder(pyodide.FS, sitePackages);
  const packages = Object.keys(pyodide.loadedPackages).sort(); // the worker marks them loaded again
  for (const name of packages) delete pyodide.loadedPackages[name];
  let snapshot = pyodide.makeMemorySnapshot();
  if (snapshot.byteOffset % 4) snapshot = snapshot.slice(); // read through a Uint32Array below
  const zeros = zeroRuns(snapshot);
  const kept = [];
  let at = 0;
  for (const [start, length] of [...zeros, [snapshot.length, 0]]) {
    kept.push(snapshot.subarray(at, start));
    at = start + length;
  }

  const encoder = new TextEncoder();
  const headerJson = JSON.stringify({
    ...JSON.parse(madeFrom),
    memory: snapshot.length,
    zeros,
    packages,
    files: files.map(([path, bytes]) => [path, bytes.length]),
  });
  let header = encoder.encode(headerJson);
  const fixed = MAGIC.length + 4;
  const padded = Math.ceil((fixed + header.length) / ALIGN) * ALIGN - fixed;
  header = encoder.encode(headerJson.padEnd(headerJson.length + padded - header.length, " "));
  const parts = [...files.map(([_path, bytes]) => bytes), ...kept];
  const file = new Uint8Array(fixed + header.length + parts.reduce((sum, part) => sum + part.length, 0));
  file.set(encoder.encode(MAGIC), 0);
  new DataView(file.buffer).setUint32(MAGIC.length, header.length, true);
  file.set(header, fixed);
  at = fixed + header.length;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  await writeFile(outFile, gzipSync(file, { level: 9 }));
  const zeroBytes = zeros.reduce((sum, [_start, length]) => sum + length, 0);
  console.log(JSON.stringify({ raw: file.length, memory: snapshot.length, zeros: zeroBytes, files: files.length }));
} catch (error) {
  console.error(String(error?.stack ?? error).slice(0, 4000));
  process.exit(1);
}
