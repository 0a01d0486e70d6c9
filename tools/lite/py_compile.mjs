// Runs py_compile_wheels.py inside the npm Pyodide runtime under Node, so that wheels are compiled to
// bytecode by the same Python (3.14 in Pyodide 314) that will import them in the browser. Called by
// tools/build_lite.py; host folders are mounted into Pyodide's file system with NODEFS.
//
// Usage: node py_compile.mjs <pyodide.mjs> <input dir> <output dir> <wheel file name>...
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideModule, inputDir, outputDir, ...wheels] = process.argv.slice(2);
if (!pyodideModule || !inputDir || !outputDir) {
  console.error("usage: node py_compile.mjs <pyodide.mjs> <input dir> <output dir> <wheel>...");
  process.exit(2);
}

try {
  const { loadPyodide } = await import(pathToFileURL(pyodideModule).href);
  const pyodide = await loadPyodide();
  const { FS } = pyodide;
  for (const [hostDir, mountPoint] of [[inputDir, "/wheels-in"], [outputDir, "/wheels-out"]]) {
    FS.mkdirTree(mountPoint);
    FS.mount(FS.filesystems.NODEFS, { root: hostDir }, mountPoint);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  pyodide.runPython(await readFile(join(here, "py_compile_wheels.py"), "utf8"));
  const compileWheels = pyodide.globals.get("compile_wheels");
  compileWheels("/wheels-in", "/wheels-out", pyodide.toPy(wheels));
} catch (error) {
  console.error(String(error?.stack ?? error));
  process.exit(1);
}
