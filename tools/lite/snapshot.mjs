// Makes the page runner's memory snapshot: boots the npm Pyodide runtime under Node with the site's own lock,
// loads the engine, runs snapshot_warm.py (imports, parsed models), and writes Pyodide's memory snapshot
// (makeMemorySnapshot) gzipped, behind a small header that says what it was made from. Called by
// tools/lite_snapshot.py, which explains the format and why it is safe to load in the browser.
//
// Usage: node snapshot.mjs <pyodide dir> <lock file> <out file> <header json>
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [pyodideDir, lockFile, outFile, headerJson] = process.argv.slice(2);
if (!pyodideDir || !lockFile || !outFile || !headerJson) {
  console.error("usage: node snapshot.mjs <pyodide dir> <lock file> <out file> <header json>");
  process.exit(2);
}

const MAGIC = "PCSNAP01"; // docs/assets/runner/worker.mjs reads the same layout
const ALIGN = 16; // Pyodide reads the snapshot through a Uint32Array: its offset must be a multiple of 4

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
  // The package manager's record of loaded packages is a JS object the snapshot cannot carry (Pyodide refuses
  // one that is not empty). The files it describes live in the JS file system, which no snapshot holds either:
  // the worker loads the same wheels again after a restore, which fills both in.
  for (const name of Object.keys(pyodide.loadedPackages)) delete pyodide.loadedPackages[name];
  const snapshot = pyodide.makeMemorySnapshot();

  const encoder = new TextEncoder();
  let header = encoder.encode(headerJson);
  const fixed = MAGIC.length + 4;
  const padded = Math.ceil((fixed + header.length) / ALIGN) * ALIGN - fixed;
  header = encoder.encode(headerJson.padEnd(headerJson.length + padded - header.length, " "));
  const file = new Uint8Array(fixed + header.length + snapshot.length);
  file.set(encoder.encode(MAGIC), 0);
  new DataView(file.buffer).setUint32(MAGIC.length, header.length, true);
  file.set(header, fixed);
  file.set(snapshot, fixed + header.length);
  await writeFile(outFile, gzipSync(file, { level: 9 }));
  console.log(JSON.stringify({ raw: file.length }));
} catch (error) {
  console.error(String(error?.stack ?? error).slice(0, 4000));
  process.exit(1);
}
