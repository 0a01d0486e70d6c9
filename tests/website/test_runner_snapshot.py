"""The runner's memory snapshot is versioned so that a page can only ever name the snapshot of its own build.

How it behaves in the browser (same output as a normal boot, fallback when it does not fit) is tested in
tests/browser/test_snapshot.py; this checks the build's side: the name, the header and the pages' ``<meta>``.
"""

from __future__ import annotations

import gzip
import json
import re
import struct
import zipfile
from pathlib import Path

import pytest
from tools.lite_lock import sha256_of
from tools.lite_snapshot import SNAPSHOT_FORMAT, SNAPSHOT_PREFIX, snapshot_key

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
PYODIDE = SITE / "lite" / "static" / "pyodide"
META = re.compile(r'<meta name="pocketcloud:pyodide-snapshot" content="([^"]+)">')


def test_the_key_changes_with_the_lock_and_the_pyodide_version(tmp_path: Path) -> None:
    """A new engine wheel means a new lock (its sha256 is in it), hence a new snapshot name; so does Pyodide."""
    lock = tmp_path / "pyodide-lock.json"
    lock.write_text('{"packages": {"pocketcloud": {"sha256": "aa"}}}', encoding="utf-8")
    first = snapshot_key("314.0.6", lock)
    assert snapshot_key("314.0.6", lock) == first
    assert snapshot_key("314.0.7", lock) != first
    lock.write_text('{"packages": {"pocketcloud": {"sha256": "bb"}}}', encoding="utf-8")
    assert snapshot_key("314.0.6", lock) != first


@pytest.mark.site
def test_the_site_serves_one_snapshot_made_from_its_own_lock_and_engine() -> None:
    (snapshot,) = PYODIDE.glob(f"{SNAPSHOT_PREFIX}*.gz")
    (lock,) = PYODIDE.glob("pyodide-lock.*.json")
    (engine,) = PYODIDE.glob("*/pocketcloud-*.whl")
    raw = gzip.decompress(snapshot.read_bytes())
    assert raw[:8] == b"PCSNAP01"
    (length,) = struct.unpack_from("<I", raw, 8)
    assert (12 + length) % 16 == 0, "Pyodide reads the snapshot through a Uint32Array"
    header = json.loads(raw[12 : 12 + length])
    manifest = json.loads((SITE / "lite" / "pocketcloud-lite.json").read_text(encoding="utf-8"))
    layout = {key: header.pop(key) for key in ("memory", "zeros", "packages", "files")}
    assert header == {
        "format": SNAPSHOT_FORMAT,
        "key": snapshot_key(manifest["pyodide"], lock),
        "pyodide": manifest["pyodide"],
        "lock": lock.name,
        "engine_sha256": sha256_of(engine),
    }
    # what follows the header: the files, then Pyodide's snapshot less its zero runs (tools/lite_snapshot.py)
    left_out = sum(size for _start, size in layout["zeros"])
    stored = sum(size for _path, size in layout["files"]) + layout["memory"] - left_out
    assert len(raw) == 12 + length + stored
    assert left_out > layout["memory"] // 4, "most of a Python heap's zero pages are left out"
    assert layout["packages"] == ["jsonata-python", "pocketcloud"]
    end = 0
    for start, size in layout["zeros"]:  # in order, apart, inside the memory
        assert end <= start and size > 0
        end = start + size
    assert end <= layout["memory"]
    assert snapshot.name == f"{SNAPSHOT_PREFIX}{header['key']}.gz"
    assert manifest["runner_snapshot"] == f"static/pyodide/{snapshot.name}"


@pytest.mark.site
def test_the_snapshot_carries_the_files_of_every_wheel_it_imported() -> None:
    """A restored Python has the engine in memory but no files: the snapshot brings the wheels' files (sources
    for tracebacks and lazy imports such as pocketcloud.grading, data files, and the dist-info from which Pyodide
    knows the packages are installed), so the worker fetches and unpacks no wheel."""
    (snapshot,) = PYODIDE.glob(f"{SNAPSHOT_PREFIX}*.gz")
    raw = gzip.decompress(snapshot.read_bytes())
    (length,) = struct.unpack_from("<I", raw, 8)
    files = {path.split("site-packages/", 1)[1]: size for path, size in json.loads(raw[12 : 12 + length])["files"]}
    for wheel in PYODIDE.glob("*/*.whl"):
        if wheel.name.startswith(("pocketcloud-", "jsonata_python-")):
            with zipfile.ZipFile(wheel) as archive:
                for info in archive.infolist():
                    if not info.is_dir() and not info.filename.endswith("/RECORD"):
                        assert files.get(info.filename) == info.file_size, info.filename
    assert "pocketcloud/grading/harness.py" in files
    assert not [path for path in files if "__pycache__" in path]


@pytest.mark.site
def test_every_page_with_an_example_names_the_snapshot() -> None:
    (snapshot,) = PYODIDE.glob(f"{SNAPSHOT_PREFIX}*.gz")
    pages = [p for p in SITE.rglob("index.html") if 'class="pc-run"' in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        found = META.findall(page.read_text(encoding="utf-8"))
        assert found == [f"lite/static/pyodide/{snapshot.name}"], page.relative_to(SITE)
