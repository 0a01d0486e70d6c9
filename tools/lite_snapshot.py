"""Make the page runner's memory snapshot at build time, so a reader's first Run restores Python instead of booting it.

A first click on Run used to wait for a whole Pyodide boot plus the engine's import. Pyodide can instead
restore an interpreter from a copy of its WebAssembly memory (``makeMemorySnapshot`` / ``_loadSnapshot``).
This module makes that copy once per build, under Node (``tools/lite/snapshot.mjs``), after the engine and
every module it has have been imported and its service models parsed (``tools/lite/snapshot_warm.py``).

Why Node, and why it is safe in the browser (measured, see ``bench/site.py``): the snapshot holds the wasm
memory only. The Pyodide build is the same file in both places, and Pyodide itself refuses a snapshot made by
another build (its ``BUILD_ID`` check). The JavaScript objects Python refers to are stored as paths from
``globalThis`` and looked up again after a restore; nothing else of Node's survives. What a snapshot cannot
hold is the Emscripten file system (it lives in JavaScript), so the file carries every file the engine's wheels
laid out in site-packages, and the worker writes them back before the restore: the engine's data files,
tracebacks and lazy imports work as after a normal boot, without downloading and unpacking the wheels again
(Pyodide's unpacking in Python was the longest step of a restore, measured in ``tools/lite/runner-snapshot.md``).
Node is already needed to build (wheels are compiled in Pyodide under Node), so this adds no tool.

Versioning: a stale snapshot must never be loaded. The file is named ``runner-snapshot.<key>.gz`` after a key
that covers the Pyodide version, this build's content-named lock (whose entries carry the engine wheel's
sha256 and every dependency's), the two scripts that make it and the runner's support module it imports
(``docs/assets/runner/support.mjs``); every page names its build's file in a
``<meta>`` tag (``hooks/bundled_assets.py``), as it names its lock. The file also starts with a header the
worker checks against what it actually loaded (Pyodide version, lock name); on any mismatch or failure it
boots Python normally. Layout, before gzip::

    b"PCSNAP01" | uint32 LE header length | header JSON, space-padded to 16 bytes
    | the files' bytes, in the header's order | Pyodide's snapshot without its zero runs

The header (``snapshot_header``, completed by ``snapshot.mjs``) adds ``memory`` (the length of Pyodide's
snapshot), ``zeros`` (``[offset, length]`` of each run of whole 64 KiB zero pages left out: about 40% of the
memory, which the worker's zeroed buffer already holds, so it is neither inflated nor copied), ``files``
(``[absolute path, size]``) and ``packages`` (the lock's names of the wheels those files come from: the worker
marks them loaded, so Pyodide never fetches them again). gzip because static hosts do not compress unknown
types; the worker inflates it with ``DecompressionStream`` as it downloads (and accepts it already inflated by
a host that sent ``Content-Encoding``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from tools.lite_lock import sha256_of

#: Bumped when the layout above changes; part of the key and of the header the worker checks.
#: 2: the site-packages files and the zero runs (1 held Pyodide's snapshot only; the worker reloaded the wheels).
SNAPSHOT_FORMAT = 2
SNAPSHOT_PREFIX = "runner-snapshot."
SCRIPTS = Path(__file__).resolve().parent / "lite"
MAKER = SCRIPTS / "snapshot.mjs"
WARM = SCRIPTS / "snapshot_warm.py"
#: The page runner's Python support module, imported into the snapshot (the worker uses it as it is there).
SUPPORT = SCRIPTS.parents[1] / "docs" / "assets" / "runner" / "support.mjs"


class SnapshotError(Exception):
    """The snapshot could not be made; the message says why (the build stops: a silent slow site is worse)."""


def snapshot_key(pyodide_version: str, lock: Path) -> str:
    """The digest that names a snapshot: everything that decides its content, and nothing else."""
    scripts = [sha256_of(script) for script in (MAKER, WARM, SUPPORT)]
    parts = [str(SNAPSHOT_FORMAT), pyodide_version, sha256_of(lock), *scripts]
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


def snapshot_header(pyodide_version: str, lock: Path, engine_wheel: Path, key: str) -> dict[str, object]:
    """What the worker compares with what it loaded before it trusts the snapshot (``snapshot.mjs`` adds the
    layout's ``memory``, ``zeros``, ``packages`` and ``files``)."""
    return {
        "format": SNAPSHOT_FORMAT,
        "key": key,
        "pyodide": pyodide_version,
        "lock": lock.name,
        "engine_sha256": sha256_of(engine_wheel),
    }


def make_snapshot(pyodide_dir: Path, lock: Path, engine_wheel: Path, pyodide_version: str, cache: Path) -> Path:
    """Write ``runner-snapshot.<key>.gz`` into ``pyodide_dir`` (the staged runtime, wheels and lock) and return it.

    A snapshot with the same key is taken from ``cache`` (a rebuild with an unchanged engine makes none).
    """
    key = snapshot_key(pyodide_version, lock)
    target = pyodide_dir / f"{SNAPSHOT_PREFIX}{key}.gz"
    cached = cache / target.name
    if not cached.is_file():
        node = shutil.which("node")
        if node is None:
            raise SnapshotError("Node.js is needed to make the runner's memory snapshot: apt-get install nodejs")
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f".{target.name}.partial"
        header = json.dumps(snapshot_header(pyodide_version, lock, engine_wheel, key), sort_keys=True)
        command = [node, str(MAKER), str(pyodide_dir), str(lock), str(partial), header]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise SnapshotError(f"making the runner's snapshot failed (exit {result.returncode}):\n{result.stderr}")
        partial.rename(cached)
    shutil.copyfile(cached, target)
    return target
