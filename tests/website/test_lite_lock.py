"""The Pyodide lock the lite build writes with the standard library (tools/lite_lock.py) has the shape of the
entries Pyodide itself ships, says what Pyodide's own tool would say, and names every file by its content.

The reference for the entry format is Pyodide 314.0.6's ``pyodide-lock.json`` (node_modules/pyodide, the
file Pyodide's loader reads) and pyodide-lock 0.2.1's ``PackageSpec``
(https://github.com/pyodide/pyodide-lock/blob/main/pyodide_lock/spec.py): ``name``, ``version``,
``file_name``, ``install_dir``, ``sha256``, ``package_type``, ``imports``, ``depends``, ``unvendored_tests``.
pyodide-lock needs Python >= 3.12, so it cannot run here; the expected values below were produced once with
its ``pyodide lockfile add-wheels`` (pyodide-build 0.39.2) on the same wheels.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from tools.lite_lock import (
    PACKAGE_FIELDS,
    LockError,
    ServedWheel,
    marker_environment,
    package_entries,
    top_level_imports,
    write_lock,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
LITE = ROOT / "site" / "lite"
PYODIDE_DIR = LITE / "static" / "pyodide"

#: What ``pyodide lockfile add-wheels`` (pyodide-build 0.39.2) wrote for these wheels, verbatim.
PYODIDE_BUILD_SAID = {
    "ipython": {
        "imports": ["IPython"],
        "depends": [
            "decorator", "ipython-pygments-lexers", "jedi", "matplotlib-inline", "prompt-toolkit", "pygments",
            "stack-data", "traitlets",
        ],
    },
    "matplotlib-inline": {"imports": ["matplotlib_inline"], "depends": ["traitlets"]},
    "stack-data": {"imports": ["stack_data"], "depends": ["executing", "asttokens", "pure-eval"]},
    "prompt-toolkit": {"imports": ["prompt_toolkit"], "depends": ["wcwidth"]},
    "pyodide-kernel": {"imports": ["pyodide_kernel"], "depends": ["comm", "ipython"]},
    # pyodide-build wrote "depends": [] while the engine had no dependencies; it lists a wheel's Requires-Dist
    # names, so with jsonata-python declared (Step Functions' JSONata) the entry names it.
    "pocketcloud": {"imports": ["pocketcloud"], "depends": ["jsonata-python"]},
}  # fmt: skip


def _shipped() -> dict[str, object]:
    if not SHIPPED_LOCK.is_file():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (make test does it)")
    data: dict[str, object] = json.loads(SHIPPED_LOCK.read_text(encoding="utf-8"))
    return data


def _built_lock() -> tuple[Path, dict[str, dict[str, object]]]:
    locks = sorted(PYODIDE_DIR.glob("pyodide-lock.*.json"))
    if not locks:
        pytest.fail("site/lite is not built: run `make site` (make test does it)")
    assert len(locks) == 1, locks
    return locks[0], json.loads(locks[0].read_text(encoding="utf-8"))


@pytest.mark.site
def test_entries_have_the_shape_of_the_entries_pyodide_ships() -> None:
    shipped = _shipped()
    shipped_packages = shipped["packages"]
    assert isinstance(shipped_packages, dict)
    shipped_fields = {tuple(sorted(entry)) for entry in shipped_packages.values()}
    assert shipped_fields == {PACKAGE_FIELDS}, "Pyodide's own entries changed shape: update PACKAGE_FIELDS"
    _path, lock = _built_lock()
    assert set(lock) == {"info", "packages"}
    assert lock["info"] == shipped["info"]
    for key, entry in lock["packages"].items():
        assert tuple(sorted(entry)) == PACKAGE_FIELDS, key
        assert key == entry["name"] == re.sub(r"[-_.]+", "-", str(entry["name"])).lower()
        assert isinstance(entry["version"], str) and isinstance(entry["unvendored_tests"], bool)
        assert entry["install_dir"] == "site" and entry["package_type"] == "package"
        assert re.fullmatch(r"[0-9a-f]{64}", str(entry["sha256"]))
        for field in ("imports", "depends"):
            value = entry[field]
            assert isinstance(value, list) and all(isinstance(v, str) for v in value), (key, field)


@pytest.mark.site
def test_entries_say_what_pyodides_own_tool_says() -> None:
    _path, lock = _built_lock()
    for key, expected in PYODIDE_BUILD_SAID.items():
        entry = lock["packages"][key]
        assert {"imports": entry["imports"], "depends": entry["depends"]} == expected, key


@pytest.mark.site
def test_every_file_is_named_by_its_content() -> None:
    """Issue #8: a browser's cached wheel or lock from an older build can never meet a newer one, because a
    changed file gets a new URL: the lock is named after its bytes, each wheel sits under its digest, the
    kernel and every page name this build's lock, and no fixed-name lock is served."""
    path, lock = _built_lock()
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] in path.name
    assert not (PYODIDE_DIR / "pyodide-lock.json").exists()
    for key, entry in lock["packages"].items():
        wheel = PYODIDE_DIR / str(entry["file_name"])
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        assert digest == entry["sha256"] and entry["file_name"] == f"{digest[:16]}/{wheel.name}", key
    settings = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    options = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]["loadPyodideOptions"]
    assert options["lockFileURL"] == f"./static/pyodide/{path.name}"
    for page in ("index.html", "en/concepts/what-is-serverless/index.html"):
        html = (ROOT / "site" / page).read_text(encoding="utf-8")
        assert f'<meta name="pocketcloud:pyodide-lock" content="lite/static/pyodide/{path.name}">' in html, page


def _wheel(folder: Path, name: str, files: dict[str, str], requires: list[str], version: str = "1.0") -> Path:
    """Write a minimal wheel: the files, and METADATA with the given Requires-Dist lines."""
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-py3-none-any.whl"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in files.items():
            archive.writestr(member, text)
        archive.writestr(f"{dist}.dist-info/METADATA", metadata)
    return path


def test_markers_extras_and_missing_dependencies(tmp_path: Path) -> None:
    """Requirements are kept only where their markers hold inside Pyodide (emscripten, Python 3.14); an
    extra's dependencies join the package that declares the extra; a dependency nobody ships is an error."""
    info = _shipped()["info"]
    assert isinstance(info, dict)
    app = _wheel(
        tmp_path,
        "App",
        {"app/__init__.py": "", "app_cli.py": "", "tests/data/x.txt": ""},
        [
            "lib[fast]>=1",
            'win-only; sys_platform == "win32"',
            'old-backport; python_version < "3.12"',
            'wasm-helper; platform_machine == "wasm32"',
            'docs-tool; extra == "docs"',
        ],
    )
    lib = _wheel(tmp_path, "lib", {"lib.py": ""}, ['speedup; extra == "fast"'])
    speedup = _wheel(tmp_path, "speedup", {"speedup/core/__init__.py": ""}, [])
    helper = _wheel(tmp_path, "wasm_helper", {"wasm_helper.py": ""}, [])
    entries = package_entries([ServedWheel(w, w) for w in (app, lib, speedup, helper)], info)
    assert entries["app"]["depends"] == ["lib", "wasm-helper"]
    assert entries["lib"]["depends"] == ["speedup"]
    assert entries["app"]["imports"] == ["app", "app_cli"]
    assert top_level_imports(speedup) == ["speedup"]
    assert marker_environment(info)["python_version"] == "3.14"
    with pytest.raises(LockError, match=r"app needs lib\[fast\]>=1"):
        package_entries([ServedWheel(app, app), ServedWheel(helper, helper)], info)
    path = write_lock(info, entries, tmp_path)
    assert path.name == f"pyodide-lock.{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}.json"
    assert write_lock(info, entries, tmp_path) == path, "the same entries give the same file"


def test_extra_wheels_are_data(tmp_path: Path) -> None:
    """The wheels the site serves besides the engine are pinned in tools/lite/wheels.toml, so adding one of
    the engine's dependencies (jsonata-python) is one [[engine]] block; a malformed pin is refused."""
    from tools.build_lite import BuildError, load_pins

    start_up, engine = load_pins()
    assert {p.name for p in start_up} >= {"ipython", "micropip", "comm"}
    assert [p.name for p in engine] == ["jsonata-python"]
    good = tmp_path / "good.toml"
    good.write_text('[[engine]]\nname = "jsonata-python"\nversion = "0.7.1"\nsha256 = "' + "0" * 64 + '"\n')
    assert [p.name for p in load_pins(good)[1]] == ["jsonata-python"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[engine]]\nname = "jsonata-python"\nversion = "0.7.1"\n')
    with pytest.raises(BuildError, match="needs exactly name, version and a hex sha256"):
        load_pins(bad)
