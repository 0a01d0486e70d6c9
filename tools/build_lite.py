"""Build pocketcloud's JupyterLite site so that it runs with no network but its own host.

The labs run in the reader's browser on JupyterLite's Pyodide kernel. Out of the box that kernel fetches
Pyodide and every start-up wheel from a CDN and falls back to PyPI, which breaks the project's promise that
the built site makes zero requests to any other host. This script assembles everything from registry packages
only (npm for the Pyodide runtime, PyPI for the wheels, the project's own wheel) and builds a site that serves
it all:

* ``<out>/static/pyodide/`` holds the Pyodide runtime, every wheel the kernel needs to start, the pocketcloud
  wheel (and its pure-Python dependencies) and a ``pyodide-lock.<digest>.json`` that describes exactly those
  files and nothing else; each wheel sits in a folder named after its digest. Because pocketcloud is
  registered there with ``imports: ["pocketcloud"]``, a bare ``import pocketcloud`` works both in the
  JupyterLite kernel and in a plain Pyodide worker that calls ``loadPackagesFromImports``.
* The third-party wheels are compiled to Python 3.14 bytecode by Pyodide itself under Node, as Pyodide's own
  CDN ships them, so the kernel does not compile IPython from source at every start.
* ``<out>/static/pyodide/runner-snapshot.<key>.gz`` is the page runner's memory snapshot of Python with the
  engine imported, made under Node from the files above (``tools/lite_snapshot.py``).
* ``jupyter-lite.json`` turns the PyPI fallback off and lets Pyodide prefetch the kernel's start-up packages. It
  also attaches every cell of a notebook to the page (JupyterLab's ``windowingMode`` ``none``; the default,
  ``contentVisibility``, leaves off-screen outputs unrendered): the labs are short, and a reader's browser
  search, a screen reader and the browser tests then see every output.
* Notebooks under ``labs/`` appear in the file browser with their folders (``ko/...``, ``en/...``).

Usage (the defaults are these values)::

    .venv/bin/python tools/build_lite.py --wheel dist/pocketcloud-0.1.0-py3-none-any.whl \\
        --labs labs --out build/lite

Downloads are cached under ``build/cache/`` and checked against pinned sha256 digests, so a second build needs
no network. The pins live in ``tools/lite/wheels.toml``. The lock entries are written by ``tools/lite_lock.py``
with the standard library, field for field as Pyodide's own ``pyodide lockfile add-wheels`` writes them (that
tool needs Python >= 3.12; this build runs on any Python >= 3.11). Every wheel and the lock itself get
content-derived names, so a browser's cached copy from an older build never meets a newer lock. The recipe and
its pitfalls are written up in ``../shared/notes/offline-jupyterlite.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name, parse_wheel_filename

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: make ``tools`` importable
from tools.lite_lock import (
    LockError,
    ServedWheel,
    applicable,
    find_lock,
    marker_environment,
    package_entries,
    serve_wheels,
    sha256_of,
    wheel_metadata,
    write_lock,
)
from tools.lite_snapshot import SnapshotError, make_snapshot

# ----------------------------------------------------------------------------------------------------
# Pins. Every version this build depends on lives here, so an upgrade is one reviewed diff.
# ----------------------------------------------------------------------------------------------------

#: The Pyodide release jupyterlite-pyodide-kernel 0.8.6 was built and tested against
#: (``jupyterlite_pyodide_kernel.constants.PYODIDE_VERSION``); the root ``package.json`` installs the same
#: version from npm. The build refuses to run when either of them disagrees.
PYODIDE_VERSION = "314.0.6"

#: Python inside Pyodide 314, used to pick wheels (``pip download``) and to compile them.
PYODIDE_PYTHON_VERSION = "3.14"


@dataclass(frozen=True)
class PinnedWheel:
    """One pure-Python wheel from PyPI, pinned by version and by the sha256 digest PyPI publishes for it."""

    name: str
    version: str
    sha256: str


#: The pinned PyPI wheels: ``[[start-up]]`` (what the kernel loads while it starts) and ``[[engine]]`` (the
#: engine's pure-Python runtime dependencies). Adding a dependency of the engine is one block in that file.
WHEEL_PINS = Path(__file__).resolve().parent / "lite" / "wheels.toml"


def load_pins(path: Path = WHEEL_PINS) -> tuple[tuple[PinnedWheel, ...], tuple[PinnedWheel, ...]]:
    """Read ``(start-up wheels, engine dependency wheels)`` from the pins file, refusing a malformed one."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - {"start-up", "engine"}
    if unknown:
        raise BuildError(f"{path}: unknown section(s) {sorted(unknown)}; use [[start-up]] or [[engine]]")
    groups: list[tuple[PinnedWheel, ...]] = []
    for section in ("start-up", "engine"):
        pins = []
        for item in data.get(section, []):
            if set(item) != {"name", "version", "sha256"} or not re.fullmatch(r"[0-9a-f]{64}", item["sha256"]):
                raise BuildError(f"{path}: each [[{section}]] needs exactly name, version and a hex sha256: {item}")
            pins.append(PinnedWheel(item["name"], item["version"], item["sha256"]))
        groups.append(tuple(pins))
    names = [canonicalize_name(pin.name) for group in groups for pin in group]
    if len(names) != len(set(names)):
        raise BuildError(f"{path}: a wheel is pinned twice: {sorted(n for n in names if names.count(n) > 1)}")
    return groups[0], groups[1]


#: What the kernel loads while it starts, read from jupyterlite-pyodide-kernel 0.8.6's worker:
#: ``initPackageManager`` loads micropip and installs piplite, ``initKernel`` then runs one
#: ``piplite.install`` after another for the rest. The worker skips each name it finds in
#: ``loadPyodideOptions.packages`` (compared as spelled here), so the build lists them all there and Pyodide
#: fetches the whole set from the lock in parallel while it boots, the prefetch jupyterlite's own optional
#: PyodideLockAddon does. Each must be in the lock, or the kernel never becomes ready and the page shows
#: nothing.
KERNEL_START_UP_PACKAGES = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")

#: The kernel's own wheels, shipped inside the kernel's lab extension (so pinned by jupyterlite-pyodide-kernel
#: in pyproject.toml) and registered in the lock here so that they can be prefetched too. The extension's
#: widgetsnbextension stubs stay out: piplite still serves them from the extension when ipywidgets asks.
KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
KERNEL_BUNDLED_WHEELS = ("ipykernel", "piplite", "pyodide-kernel")

#: The runtime files a browser needs from the npm package. Source maps, type declarations, the classic
#: ``pyodide.js`` and the demo consoles stay out: module workers use ``pyodide.mjs``.
PYODIDE_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

PYODIDE_KERNEL_PLUGIN = f"{KERNEL_EXTENSION}:kernel"

#: Where the runtime, the wheels and the lock are, relative to the lite root (jupyterlite's well-known folder).
PYODIDE_URL = "static/pyodide/"

#: ``pip download`` options that select wheels for Pyodide rather than for the Python running this script:
#: pure-Python wheels only, for Python 3.14, exactly the pinned file (no dependencies, digests required).
PIP_DOWNLOAD_FOR_PYODIDE = (
    "--quiet",
    "--no-deps",
    "--require-hashes",
    "--only-binary=:all:",
    f"--python-version={PYODIDE_PYTHON_VERSION}",
    "--implementation=py",
    "--abi=none",
    "--platform=any",
)

#: A file written at the root of every site this script builds. It records what went in, and its presence is
#: what allows a rebuild to replace the folder: the script never deletes a folder it did not make.
MANIFEST_NAME = "pocketcloud-lite.json"

REPO = Path(__file__).resolve().parent.parent
CONFIG_DIR = Path(__file__).resolve().parent / "lite"


class BuildError(Exception):
    """A problem the person running the build must fix; printed without a traceback."""


def log(message: str) -> None:
    """Report progress on stderr, so stdout stays free for anything that wants to parse it."""
    print(f"[build_lite] {message}", file=sys.stderr, flush=True)


def run(command: Sequence[str | Path], *, cwd: Path | None = None, what: str) -> None:
    """Run a command and turn a non-zero exit into a BuildError that shows its output."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = "\n".join(part for part in (result.stdout.strip(), result.stderr.strip()) if part)
        raise BuildError(f"{what} failed (exit {result.returncode}):\n{output}")


# ----------------------------------------------------------------------------------------------------
# Inputs: the Pyodide runtime and the kernel.
# ----------------------------------------------------------------------------------------------------


def check_kernel_matches_pins() -> None:
    """Refuse to build when the installed kernel expects another Pyodide than the one pinned here.

    A mismatch does not fail at build time; it fails in the browser, silently, so it is caught here.
    """
    try:
        import jupyter_server  # noqa: F401  (jupyterlite needs it to add notebooks as contents)
        from jupyterlite_pyodide_kernel.constants import (  # type: ignore[import-untyped]
            PYODIDE_VERSION as kernel_pyodide,
        )
    except ImportError as error:
        raise BuildError(
            f"{error.name} is not installed in {sys.prefix}; run `pip install -e '.[dev,docs]'` "
            "and build with the project's venv (.venv/bin/python tools/build_lite.py)"
        ) from error
    if kernel_pyodide != PYODIDE_VERSION:
        raise BuildError(
            f"jupyterlite-pyodide-kernel expects Pyodide {kernel_pyodide} but this script pins "
            f"{PYODIDE_VERSION}; update PYODIDE_VERSION, package.json and the start-up wheel pins together"
        )


def find_pyodide_runtime() -> Path:
    """Return the npm-installed Pyodide folder after checking its version and files."""
    package_dir = REPO / "node_modules" / "pyodide"
    package_json = package_dir / "package.json"
    if not package_json.is_file():
        raise BuildError(
            f"{package_dir} is missing: run `npm install` at the repository root "
            f"(package.json pins pyodide {PYODIDE_VERSION})"
        )
    version = json.loads(package_json.read_text(encoding="utf-8")).get("version")
    if version != PYODIDE_VERSION:
        raise BuildError(f"node_modules/pyodide is version {version}, expected {PYODIDE_VERSION}: run `npm install`")
    missing = [name for name in (*PYODIDE_RUNTIME_FILES, "pyodide-lock.json") if not (package_dir / name).is_file()]
    if missing:
        raise BuildError(f"node_modules/pyodide lacks {', '.join(missing)}: reinstall it with `npm install`")
    return package_dir


# ----------------------------------------------------------------------------------------------------
# Wheels: download once, check digests every time.
# ----------------------------------------------------------------------------------------------------


def cached_wheel(pin: PinnedWheel, cache_dir: Path) -> Path | None:
    """Return the cached wheel file for a pin, whatever its exact tags (``py3`` or ``py2.py3``)."""
    for path in sorted(cache_dir.glob("*.whl")):
        name, version, _build, _tags = parse_wheel_filename(path.name)
        if name == canonicalize_name(pin.name) and str(version) == pin.version:
            return path
    return None


def fetch_wheels(pins: Sequence[PinnedWheel], cache_dir: Path) -> list[Path]:
    """Make sure every pinned wheel is in the cache with the right digest, downloading only what is missing.

    pip downloads with ``--require-hashes``, so a file whose digest differs from the pin never lands; the
    digest of every cached file is checked again on every build, because the cache is just a folder.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    missing = [pin for pin in pins if cached_wheel(pin, cache_dir) is None]
    if missing:
        log(f"downloading {len(missing)} wheel(s) from PyPI: {', '.join(p.name for p in missing)}")
        with tempfile.TemporaryDirectory() as scratch:
            requirements = Path(scratch) / "requirements.txt"
            requirements.write_text(
                "".join(f"{pin.name}=={pin.version} --hash=sha256:{pin.sha256}\n" for pin in missing),
                encoding="utf-8",
            )
            run(
                [sys.executable, "-m", "pip", "download", *PIP_DOWNLOAD_FOR_PYODIDE, "-d", scratch, "-r", requirements],
                what="pip download of the pinned wheels",
            )
            for wheel in Path(scratch).glob("*.whl"):
                shutil.move(wheel, cache_dir / wheel.name)
    wheels = []
    for pin in pins:
        path = cached_wheel(pin, cache_dir)
        if path is None:
            raise BuildError(f"pip reported success but no wheel for {pin.name}=={pin.version} is in {cache_dir}")
        digest = sha256_of(path)
        if digest != pin.sha256:
            path.unlink()
            raise BuildError(
                f"{path.name} has sha256 {digest}, pinned {pin.sha256}; the cached copy was removed, "
                "run the build again to download it afresh"
            )
        wheels.append(path)
    return wheels


def compile_wheels(wheels: Sequence[Path], runtime: Path, cache_dir: Path) -> list[Path]:
    """Return bytecode-compiled copies of third-party wheels, compiling in Node only those not cached.

    Importing IPython from a sources-only wheel spends seconds compiling it in the browser at every kernel
    start; precompiled, the kernel's first output comes seconds sooner (the speed Pyodide's own CDN wheels
    give). The compiler is Pyodide itself under Node (see ``tools/lite/py_compile_wheels.py``). The cache
    key covers the input digest, the Pyodide version and the compiler's source, so any change recompiles.
    """
    compiler = CONFIG_DIR / "py_compile_wheels.py"
    salt = f"{PYODIDE_VERSION}:{sha256_of(compiler)}:{sha256_of(CONFIG_DIR / 'py_compile.mjs')}"
    targets = []
    for wheel in wheels:
        key = hashlib.sha256(f"{salt}:{sha256_of(wheel)}".encode()).hexdigest()[:24]
        targets.append(cache_dir / key / wheel.name)
    todo = [(wheel, target) for wheel, target in zip(wheels, targets, strict=True) if not target.is_file()]
    if todo:
        node = shutil.which("node")
        if node is None:
            raise BuildError("Node.js is needed to compile wheels (and `npm install`): apt-get install nodejs")
        log(f"compiling {len(todo)} wheel(s) to Python {PYODIDE_PYTHON_VERSION} bytecode in Pyodide under Node")
        source_dirs = {wheel.parent for wheel, _ in todo}
        if len(source_dirs) != 1:
            raise BuildError(f"wheels to compile must share one folder, got {sorted(source_dirs)}")
        with tempfile.TemporaryDirectory(dir=cache_dir.parent) as scratch:
            command: list[str | Path] = [node, CONFIG_DIR / "py_compile.mjs", runtime / "pyodide.mjs"]
            command += [source_dirs.pop(), scratch, *(wheel.name for wheel, _ in todo)]
            run(command, what="compiling wheels in Pyodide")
            for wheel, target in todo:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(Path(scratch) / wheel.name, target)
    return targets


def check_engine_dependencies(engine_wheel: Path, info: Mapping[str, Any], shipped: Iterable[PinnedWheel]) -> None:
    """Fail early, with the fix in the message, when the engine needs a wheel this build does not ship."""
    name, _version, requirements = wheel_metadata(engine_wheel)
    if canonicalize_name(name) != "pocketcloud":
        raise BuildError(f"{engine_wheel} is the wheel of {name!r}, not of pocketcloud")
    names = {canonicalize_name(p.name) for p in shipped}
    needed = applicable(requirements, marker_environment(info))
    unpinned = sorted(str(r) for r in needed if canonicalize_name(r.name) not in names)
    if unpinned:
        raise BuildError(
            f"pocketcloud depends on {', '.join(unpinned)}, which the site would not serve; pin each one's "
            f"pure-Python wheel (version and PyPI sha256) as an [[engine]] block in {WHEEL_PINS}"
        )


# ----------------------------------------------------------------------------------------------------
# The lock: exactly the wheels the site serves, under content-derived names (see tools/lite_lock.py).
# ----------------------------------------------------------------------------------------------------


def check_lock(pyodide_dir: Path, source_lock: Path, pins: Sequence[PinnedWheel]) -> tuple[Path, dict[str, str]]:
    """Prove that the lock is complete and honest; return it and ``{package: version}`` for the manifest.

    There must be exactly one content-named lock, named after its own bytes; every entry's file must be
    there, at a path named after its own digest, with the digest the lock states, and no other wheel may be
    served; every ``depends`` must name an entry
    (``prompt_toolkit`` and ``prompt-toolkit`` are the same project, hence the normalisation); every start-up
    package must be an entry; every pinned wheel must be reachable from what the kernel or the engine loads,
    so the pin list stays minimal; and start-up versions must equal those of Pyodide's own lock, which the
    kernel was tested with.
    """
    try:
        lock_path = find_lock(pyodide_dir)
    except LockError as error:
        raise BuildError(str(error)) from error
    lock_bytes = lock_path.read_bytes()
    lock = json.loads(lock_bytes)
    entries = {canonicalize_name(key): entry for key, entry in lock["packages"].items()}
    problems: list[str] = []
    if hashlib.sha256(lock_bytes).hexdigest()[:16] not in lock_path.name:
        problems.append(f"{lock_path.name} is not named after its content")
    if (pyodide_dir / "pyodide-lock.json").exists():
        problems.append("a fixed-name pyodide-lock.json is served; a cached copy of it could outlive a deploy")
    for name, entry in entries.items():
        wheel = pyodide_dir / entry["file_name"]
        if not wheel.is_file():
            problems.append(f"{name}: {entry['file_name']} is not in {pyodide_dir}")
        elif (digest := sha256_of(wheel)) != entry["sha256"]:
            problems.append(f"{name}: {entry['file_name']} does not match the lock's sha256")
        elif entry["file_name"] != f"{digest[:16]}/{wheel.name}":
            problems.append(f"{name}: {entry['file_name']} is not at its content path {digest[:16]}/{wheel.name}")
        problems.extend(
            f"{name} depends on {dep}, which has no wheel in the lock"
            for dep in entry["depends"]
            if canonicalize_name(dep) not in entries
        )
        if not entry["imports"]:
            problems.append(f"{name} lists no imports, so a bare import would not load it")
    problems.extend(
        f"the kernel loads {name} at start-up, but the lock has no wheel for it"
        for name in KERNEL_START_UP_PACKAGES
        if canonicalize_name(name) not in entries
    )
    pocketcloud = entries.get(canonicalize_name("pocketcloud"))
    if pocketcloud is None or pocketcloud["imports"] != ["pocketcloud"]:
        problems.append(f"pocketcloud is not registered with imports ['pocketcloud']: {pocketcloud}")

    reachable: set[str] = set()
    pending = [canonicalize_name(name) for name in (*KERNEL_START_UP_PACKAGES, "pocketcloud")]
    while pending:
        name = pending.pop()
        if name not in reachable and name in entries:
            reachable.add(name)
            pending.extend(canonicalize_name(dep) for dep in entries[name]["depends"])
    problems.extend(
        f"{pin.name} is pinned but nothing the kernel or the engine loads needs it; drop the pin"
        for pin in pins
        if canonicalize_name(pin.name) not in reachable
    )

    upstream = {
        canonicalize_name(key): entry["version"]
        for key, entry in json.loads(source_lock.read_text(encoding="utf-8"))["packages"].items()
    }
    start_up, _engine = load_pins()
    problems.extend(
        f"{pin.name} is pinned at {pin.version} but Pyodide {PYODIDE_VERSION} ships {upstream[key]}"
        for pin in start_up
        if (key := canonicalize_name(pin.name)) in upstream and upstream[key] != pin.version
    )
    listed = {entry["file_name"] for entry in entries.values()}
    problems.extend(
        f"{wheel.relative_to(pyodide_dir)} is served but not in the lock"
        for wheel in pyodide_dir.rglob("*.whl")
        if wheel.relative_to(pyodide_dir).as_posix() not in listed
    )
    if problems:
        raise BuildError(f"{lock_path.name} is not consistent:\n  " + "\n  ".join(problems))
    return lock_path, {name: entries[name]["version"] for name in sorted(entries)}


def kernel_extension_wheels() -> list[Path]:
    """Return the kernel's own wheels from the lab extension that ``jupyter lite build`` publishes.

    jupyterlite-core copies federated extensions from ``sys.prefix``, so these are the very files the site
    serves under ``extensions/``; the lock gets its own copies beside Pyodide.
    """
    folder = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / KERNEL_EXTENSION / "static" / "pypi"
    wanted = {canonicalize_name(name) for name in KERNEL_BUNDLED_WHEELS}
    wheels = [p for p in sorted(folder.glob("*.whl")) if parse_wheel_filename(p.name)[0] in wanted]
    found = {parse_wheel_filename(p.name)[0] for p in wheels}
    if found != wanted or len(wheels) != len(wanted):
        raise BuildError(
            f"expected one wheel each of {', '.join(sorted(wanted))} in {folder}, found "
            f"{[p.name for p in wheels]}: is jupyterlite-pyodide-kernel installed in {sys.prefix}?"
        )
    return wheels


# ----------------------------------------------------------------------------------------------------
# The site.
# ----------------------------------------------------------------------------------------------------


def stage_runtime(staging: Path, runtime: Path) -> Path:
    """Lay out the well-known ``static/pyodide/`` folder of a JupyterLite project with the Pyodide runtime;
    ``jupyter lite build`` copies it and points ``pyodideUrl`` at it by itself."""
    pyodide_dir = staging / "static" / "pyodide"
    pyodide_dir.mkdir(parents=True)
    for name in PYODIDE_RUNTIME_FILES:
        shutil.copyfile(runtime / name, pyodide_dir / name)
    return pyodide_dir


def write_lite_config(staging: Path, lock_name: str) -> None:
    """Write the JupyterLite config files, with the kernel's ``loadPyodideOptions`` filled in here.

    ``packages`` comes from ``KERNEL_START_UP_PACKAGES``, so the list the lock is checked against and the
    list the browser prefetches cannot drift apart; ``lockFileURL`` names this build's content-named lock
    (the kernel resolves options ending in ``URL`` against the lite root), so a cached ``jupyter-lite.json``
    from an older build still names the older lock, whose wheels are the older ones: never a mixture.
    """
    shutil.copyfile(CONFIG_DIR / "jupyter_lite_config.json", staging / "jupyter_lite_config.json")
    lite_json = json.loads((CONFIG_DIR / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel_settings = lite_json["jupyter-config-data"]["litePluginSettings"][PYODIDE_KERNEL_PLUGIN]
    kernel_settings["loadPyodideOptions"] = {
        "packages": list(KERNEL_START_UP_PACKAGES),
        "lockFileURL": f"./{PYODIDE_URL}{lock_name}",
    }
    (staging / "jupyter-lite.json").write_text(json.dumps(lite_json, indent=2) + "\n", encoding="utf-8")


def lab_files(labs: Path) -> list[Path]:
    """List the lab files JupyterLite will publish, relative to ``labs``, skipping editor leftovers."""
    return sorted(
        path.relative_to(labs)
        for path in labs.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(labs).parts)
    )


def source_date_epoch(labs: Path) -> str | None:
    """Pick the timestamp the contents index reports for every lab, so that two builds are byte-identical.

    ``SOURCE_DATE_EPOCH`` wins when set (the reproducible-builds convention jupyterlite-core follows);
    otherwise the time of the last commit that touched the labs, which is the same in every clone, while
    file modification times are whenever the clone happened. Outside a git checkout, file times are kept.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct", "--", "."], cwd=labs, capture_output=True, text=True, check=False
    )
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


def jupyter_lite_build(staging: Path, output: Path, labs: Path) -> None:
    """Run ``jupyter lite build`` from the staged folder; labs become contents rooted at their subfolders."""
    command: list[str | Path] = [sys.executable, "-m", "jupyterlite_core", "build"]
    command += ["--lite-dir", staging, "--output-dir", output]
    if lab_files(labs):
        command += ["--contents", labs]
    epoch = source_date_epoch(labs)
    if epoch is not None:
        command += [f"--source-date-epoch={epoch}"]
    run(command, cwd=staging, what="jupyter lite build")


EXTERNAL_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)


def check_site(site: Path, labs: Path, lock_name: str) -> None:
    """Check the built site the way a browser would rely on it, before it replaces the previous one.

    The browser tests are the proof that nothing leaves the machine; this catches the obvious regressions at
    build time: the kernel pointed at another Pyodide, the PyPI fallback switched back on, an HTML page that
    loads a script or style from another host, a missing lab, or source maps that only add weight.
    """
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    problems: list[str] = []
    kernel_settings = config.get("litePluginSettings", {}).get(PYODIDE_KERNEL_PLUGIN, {})
    if kernel_settings.get("pyodideUrl") != "./static/pyodide/pyodide.mjs":
        problems.append(f"pyodideUrl is {kernel_settings.get('pyodideUrl')!r}, not the site's own copy")
    if kernel_settings.get("disablePyPIFallback") is not True:
        problems.append("disablePyPIFallback is not true: the kernel could fall back to PyPI")
    options = kernel_settings.get("loadPyodideOptions", {})
    prefetch = options.get("packages")
    if prefetch != list(KERNEL_START_UP_PACKAGES):
        problems.append(f"loadPyodideOptions.packages is {prefetch}, not {list(KERNEL_START_UP_PACKAGES)}")
    if options.get("lockFileURL") != f"./{PYODIDE_URL}{lock_name}":
        problems.append(f"loadPyodideOptions.lockFileURL is {options.get('lockFileURL')!r}, not this build's lock")
    for page in site.rglob("*.html"):
        if EXTERNAL_REFERENCE.search(page.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{page.relative_to(site)} loads something from another host")
    maps = [p for p in site.rglob("*.map") if p.is_file()]
    if maps:
        problems.append(f"{len(maps)} source maps were published, e.g. {maps[0].relative_to(site)}")
    problems.extend(
        f"lab {lab.as_posix()} is missing from the site's files/"
        for lab in lab_files(labs)
        if not (site / "files" / lab).is_file()
    )
    if problems:
        raise BuildError("the built site is not right:\n  " + "\n  ".join(problems))


def replace_site(partial: Path, out: Path) -> None:
    """Swap the new site into place; only a folder this script built (it has the manifest) is deleted."""
    if out.exists():
        if not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST_NAME).is_file()):
            raise BuildError(
                f"{out} exists and was not built by this script ({MANIFEST_NAME} missing); "
                "choose another --out or remove it yourself"
            )
        shutil.rmtree(out)
    partial.rename(out)


def folder_size(folder: Path) -> int:
    """Sum file sizes under a folder, for the closing report."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def build(wheel: Path, labs: Path, out: Path, cache: Path) -> None:
    """Build the site into ``out``; see the module docstring for what it contains and why."""
    started = time.monotonic()
    if not wheel.is_file():
        raise BuildError(f"{wheel} not found: build it with `.venv/bin/python -m build --wheel --outdir dist .`")
    if not labs.is_dir():
        raise BuildError(f"labs folder {labs} not found")
    check_kernel_matches_pins()
    runtime = find_pyodide_runtime()
    source_lock = runtime / "pyodide-lock.json"
    info = json.loads(source_lock.read_text(encoding="utf-8"))["info"]
    start_up, engine_deps = load_pins()
    pins = (*start_up, *engine_deps)
    check_engine_dependencies(wheel, info, pins)
    pinned = fetch_wheels(pins, cache / "wheels")
    compiled = compile_wheels(pinned, runtime, cache / "compiled")
    served = [ServedWheel(source, target) for source, target in zip(pinned, compiled, strict=True)]
    served += [ServedWheel(w, w) for w in (*kernel_extension_wheels(), wheel)]
    try:
        packages = package_entries(served, info)
    except LockError as error:
        raise BuildError(str(error)) from error

    # Staging and the half-built site live in fresh temporary folders, so an interrupted or concurrent
    # build never leaves a broken site at ``out``: it is replaced only after every check has passed.
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="lite-src-", dir=cache) as staging_name,
        tempfile.TemporaryDirectory(prefix=f".{out.name}-", dir=out.parent) as partial_name,
    ):
        staging, partial = Path(staging_name), Path(partial_name) / "site"
        pyodide_dir = stage_runtime(staging, runtime)
        serve_wheels(served, pyodide_dir)
        lock = write_lock(info, packages, pyodide_dir)
        snapshot_started = time.monotonic()
        try:
            snapshot = make_snapshot(pyodide_dir, lock, wheel, PYODIDE_VERSION, cache / "snapshots")
        except SnapshotError as error:
            raise BuildError(str(error)) from error
        log(
            f"the page runner's memory snapshot {snapshot.name}: {snapshot.stat().st_size / 1e6:.1f} MB, "
            f"{time.monotonic() - snapshot_started:.1f} s (made in Pyodide under Node, or taken from the cache)"
        )
        write_lite_config(staging, lock.name)
        log("running jupyter lite build")
        jupyter_lite_build(staging, partial, labs)
        lock, versions = check_lock(partial / PYODIDE_URL, source_lock, pins)
        check_site(partial, labs, lock.name)
        manifest = {
            "pyodide": PYODIDE_VERSION,
            "pyodide_url": PYODIDE_URL,
            "lock_file": f"{PYODIDE_URL}{lock.name}",
            "lock_packages": versions,
            "runner_snapshot": f"{PYODIDE_URL}{snapshot.name}",
            "labs": [lab.as_posix() for lab in lab_files(labs)],
        }
        (partial / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        replace_site(partial, out)
    log(
        f"built {out} in {time.monotonic() - started:.1f} s: {folder_size(out) / 1e6:.1f} MB, "
        f"{len(versions)} packages in {lock.name}, {len(manifest['labs'])} lab file(s)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the build; defaults point into the repository, whatever the cwd."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--wheel",
        type=Path,
        default=REPO / "dist/pocketcloud-0.1.0-py3-none-any.whl",
        help="the engine wheel",
    )
    parser.add_argument("--labs", type=Path, default=REPO / "labs", help="lab notebooks, in ko/ and en/")
    parser.add_argument("--out", type=Path, default=REPO / "build/lite", help="where the site is written")
    parser.add_argument("--cache", type=Path, default=REPO / "build/cache", help="download cache (deletable)")
    args = parser.parse_args(argv)
    paths = [path.resolve() for path in (args.wheel, args.labs, args.out, args.cache)]
    try:
        build(*paths)
    except BuildError as error:
        print(f"build_lite: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
