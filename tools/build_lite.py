"""Build pocketcloud's JupyterLite site so that it runs with no network but its own host.

The labs run in the reader's browser on JupyterLite's Pyodide kernel. Out of the box that kernel fetches
Pyodide and every start-up wheel from a CDN and falls back to PyPI, which breaks the project's promise that
the built site makes zero requests to any other host. This script assembles everything from registry packages
only (npm for the Pyodide runtime, PyPI for the wheels, the project's own wheel) and builds a site that serves
it all:

* ``<out>/static/pyodide/`` holds the Pyodide runtime, every wheel the kernel needs to start, the pocketcloud
  wheel (and its pure-Python dependencies) and a ``pyodide-lock.json`` that describes exactly those files and
  nothing else. Because pocketcloud is registered there with ``imports: ["pocketcloud"]``, a bare
  ``import pocketcloud`` works both in the JupyterLite kernel and in a plain Pyodide worker that calls
  ``loadPackagesFromImports``.
* The third-party wheels are compiled to Python 3.14 bytecode by Pyodide itself under Node, as Pyodide's own
  CDN ships them, so the kernel does not compile IPython from source at every start.
* ``jupyter-lite.json`` turns the PyPI fallback off and lets Pyodide prefetch the kernel's start-up packages.
* Notebooks under ``labs/`` appear in the file browser with their folders (``ko/...``, ``en/...``).

Usage (the defaults are these values)::

    .venv/bin/python tools/build_lite.py --wheel dist/pocketcloud-0.1.0-py3-none-any.whl \\
        --labs labs --out build/lite

Downloads are cached under ``build/cache/`` and checked against pinned sha256 digests, so a second build needs
no network. The lock is edited with ``pyodide lockfile add-wheels`` from ``pyodide-build``, the tool the
Pyodide project provides for this; it needs Python >= 3.12, so it lives in its own venv, ``.venv-pyodide``,
made with a Python 3.13 interpreter. The recipe and its pitfalls are written up in
``../shared/notes/offline-jupyterlite.md``.
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
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

# ----------------------------------------------------------------------------------------------------
# Pins. Every version this build depends on lives here, so an upgrade is one reviewed diff.
# ----------------------------------------------------------------------------------------------------

#: The Pyodide release jupyterlite-pyodide-kernel 0.8.6 was built and tested against
#: (``jupyterlite_pyodide_kernel.constants.PYODIDE_VERSION``); the root ``package.json`` installs the same
#: version from npm. The build refuses to run when either of them disagrees.
PYODIDE_VERSION = "314.0.6"

#: Python inside Pyodide 314 and the values its packaging markers see, used to pick and check wheels.
PYODIDE_PYTHON_VERSION = "3.14"
PYODIDE_MARKER_ENVIRONMENT = {
    "implementation_name": "cpython",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_system": "Emscripten",
    "python_full_version": "3.14.2",
    "python_version": PYODIDE_PYTHON_VERSION,
    "sys_platform": "emscripten",
    "extra": "",
}

#: The build-tool venv: pyodide-build 0.39.2 is the release whose ``pyodide lockfile add-wheels`` was verified
#: with Pyodide 314's lock; it imports ``pkginfo`` without declaring it. Both need Python >= 3.12 and are
#: checked with 3.13, which this machine kind has under pyenv.
TOOL_PYTHON_VERSION = "3.13"
TOOL_REQUIREMENTS = ("pyodide-build==0.39.2", "pkginfo==2.0")


@dataclass(frozen=True)
class PinnedWheel:
    """One pure-Python wheel from PyPI, pinned by version and by the sha256 digest PyPI publishes for it."""

    name: str
    version: str
    sha256: str


#: Wheels the Pyodide kernel loads while it starts. Versions are the ones Pyodide 314.0.6's lock names (the
#: kernel was tested with them); ``comm`` and ``ipython-pygments-lexers`` are missing from that lock although
#: the kernel needs them, so they are the current releases. PyPI's wheels differ byte-for-byte from the ones
#: Pyodide rebuilds for its CDN, which is why the lock's digests are rewritten to these.
START_UP_WHEELS: tuple[PinnedWheel, ...] = (
    PinnedWheel("asttokens", "3.0.1", "15a3ebc0f43c2d0a50eeafea25e19046c68398e487b9f1f5b517f7c0f40f976a"),
    PinnedWheel("comm", "0.2.3", "c615d91d75f7f04f095b30d1c1711babd43bdc6419c1be9886a85f2f4e489417"),
    PinnedWheel("decorator", "5.2.1", "d316bb415a2d9e2d2b3abcc4084c6502fc09240e292cd76a76afc106a1c8e04a"),
    PinnedWheel("executing", "2.2.1", "760643d3452b4d777d295bb167ccc74c64a81df23fb5e08eff250c425a4b2017"),
    PinnedWheel("ipython", "9.12.0", "0f2701e8ee86e117e37f50563205d36feaa259d2e08d4a6bc6b6d74b18ce128d"),
    PinnedWheel("ipython-pygments-lexers", "1.1.1", "a9462224a505ade19a605f71f8fa63c2048833ce50abc86768a0d81d876dc81c"),
    PinnedWheel("jedi", "0.19.2", "a8ef22bde8490f57fe5c7681a3c83cb58874daf72b4784de3cce5b6ef6edb5b9"),
    PinnedWheel("matplotlib-inline", "0.2.1", "d56ce5156ba6085e00a9d54fead6ed29a9c47e215cd1bba2e976ef39f5710a76"),
    PinnedWheel("micropip", "0.11.1", "768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3"),
    PinnedWheel("parso", "0.8.6", "2c549f800b70a5c4952197248825584cb00f033b29c692671d3bf08bf380baff"),
    PinnedWheel("prompt-toolkit", "3.0.52", "9aac639a3bbd33284347de5ad8d68ecc044b91a762dc39b7c21095fcd6a19955"),
    PinnedWheel("pure-eval", "0.2.3", "1db8e35b67b3d218d818ae653e27f06c3aa420901fa7b081ca98cbedc874e0d0"),
    PinnedWheel("pygments", "2.20.0", "81a9e26dd42fd28a23a2d169d86d7ac03b46e2f8b59ed4698fb4785f946d0176"),
    PinnedWheel("stack-data", "0.6.3", "d5558e0c25a4cb0853cddad3d77da9891a08cb85dd9f9f91b9f8cd66e511e695"),
    PinnedWheel("traitlets", "5.14.3", "b74e89e397b1ed28cc831db7aea759ba6640cb3de13090ca145426688ff1ac4f"),
    PinnedWheel("wcwidth", "0.6.0", "1a3a1e510b553315f8e146c54764f4fb6264ffad731b3d78088cdb1478ffbdad"),
)

#: Pure-Python runtime dependencies of the engine, registered in the lock next to it so that a bare
#: ``import pocketcloud`` pulls them in. Empty while the engine has none; add e.g.
#: ``PinnedWheel("jsonpath-ng", "1.16.0", "<sha256 from PyPI>")``. The build fails if the engine's wheel
#: declares a dependency that is neither here nor in the start-up set.
ENGINE_DEPENDENCY_WHEELS: tuple[PinnedWheel, ...] = (
    PinnedWheel("jsonata-python", "0.7.1", "d34603578dd20add2aa0ac4562ca080d9c662f6b161298bd6254fe28247804ae"),
)

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


def sha256_of(path: Path) -> str:
    """Return the hex sha256 digest of a file, read in chunks so large wheels do not fill memory."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run(command: Sequence[str | Path], *, cwd: Path | None = None, what: str) -> None:
    """Run a command and turn a non-zero exit into a BuildError that shows its output."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = "\n".join(part for part in (result.stdout.strip(), result.stderr.strip()) if part)
        raise BuildError(f"{what} failed (exit {result.returncode}):\n{output}")


# ----------------------------------------------------------------------------------------------------
# Inputs: the Pyodide runtime, the kernel, the tool interpreter.
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


def find_tool_python() -> Path:
    """Find a working Python 3.13 for the pyodide-build venv.

    ``python3.13`` on PATH may be a pyenv shim that exists but refuses to run when 3.13 is not the selected
    version, so each candidate is actually run before it is trusted; pyenv's versions folder is searched too.
    """
    candidates: list[Path] = []
    on_path = shutil.which(f"python{TOOL_PYTHON_VERSION}")
    if on_path:
        candidates.append(Path(on_path))
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates.extend(
        sorted(pyenv_root.glob(f"versions/{TOOL_PYTHON_VERSION}.*/bin/python{TOOL_PYTHON_VERSION}"), reverse=True)
    )
    candidates.append(Path(f"/usr/bin/python{TOOL_PYTHON_VERSION}"))
    for candidate in candidates:
        if not candidate.is_file():
            continue
        probe = subprocess.run(
            [str(candidate), "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == TOOL_PYTHON_VERSION:
            return candidate
    raise BuildError(
        f"Python {TOOL_PYTHON_VERSION} was not found (looked on PATH and under {pyenv_root}/versions). "
        f"pyodide-build needs Python >= 3.12; install {TOOL_PYTHON_VERSION} (e.g. `pyenv install "
        f"{TOOL_PYTHON_VERSION}`) and run the build again"
    )


def ensure_tool_venv(venv_dir: Path) -> Path:
    """Create or reuse ``.venv-pyodide`` and return its ``pyodide`` command.

    A stamp file records the pins it was made with, so changing ``TOOL_REQUIREMENTS`` rebuilds the venv and
    an unchanged one costs nothing on the next run.
    """
    stamp = venv_dir / "pocketcloud-tool-pins.txt"
    pyodide_cli = venv_dir / "bin" / "pyodide"
    wanted = "\n".join(TOOL_REQUIREMENTS) + "\n"
    if pyodide_cli.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return pyodide_cli
    python = find_tool_python()
    log(f"creating {venv_dir.name} with {python} and {', '.join(TOOL_REQUIREMENTS)}")
    if venv_dir.exists():
        shutil.rmtree(venv_dir)
    run([python, "-m", "venv", venv_dir], what=f"creating {venv_dir}")
    run(
        [venv_dir / "bin" / "python", "-m", "pip", "install", "--quiet", *TOOL_REQUIREMENTS],
        what=f"installing {' '.join(TOOL_REQUIREMENTS)} into {venv_dir}",
    )
    stamp.write_text(wanted, encoding="utf-8")
    return pyodide_cli


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


def wheel_metadata(wheel: Path) -> tuple[str, list[Requirement]]:
    """Return a wheel's project name and the requirements that apply inside Pyodide."""
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(
            (n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")), None
        )
        if metadata_name is None:
            raise BuildError(f"{wheel} has no .dist-info/METADATA; is it a wheel?")
        headers = HeaderParser().parsestr(archive.read(metadata_name).decode("utf-8"))
    requirements = [Requirement(line) for line in headers.get_all("Requires-Dist") or []]
    applicable = [r for r in requirements if r.marker is None or r.marker.evaluate(PYODIDE_MARKER_ENVIRONMENT)]
    return str(headers["Name"]), applicable


def check_engine_dependencies(engine_wheel: Path) -> None:
    """Fail early, with the fix in the message, when the engine needs a wheel this build does not ship."""
    name, requirements = wheel_metadata(engine_wheel)
    if canonicalize_name(name) != "pocketcloud":
        raise BuildError(f"{engine_wheel} is the wheel of {name!r}, not of pocketcloud")
    shipped = {canonicalize_name(p.name) for p in (*START_UP_WHEELS, *ENGINE_DEPENDENCY_WHEELS)}
    unpinned = sorted(str(r) for r in requirements if canonicalize_name(r.name) not in shipped)
    if unpinned:
        raise BuildError(
            f"pocketcloud depends on {', '.join(unpinned)}, which the site would not serve; pin each one's "
            "pure-Python wheel (version and PyPI sha256) in ENGINE_DEPENDENCY_WHEELS in tools/build_lite.py"
        )


# ----------------------------------------------------------------------------------------------------
# The lock: add the wheels with pyodide-build, then keep only what the site serves.
# ----------------------------------------------------------------------------------------------------


def write_lock(pyodide_cli: Path, source_lock: Path, pyodide_dir: Path, wheels: Sequence[Path]) -> None:
    """Register the wheels in ``pyodide-lock.json`` and prune every entry whose file the site lacks.

    ``pyodide lockfile add-wheels`` adds new packages and replaces existing entries (name, digest, ``depends``
    and ``imports`` read from the wheels themselves). The npm lock still lists hundreds of packages whose
    files are only on Pyodide's CDN; left in, a learner's ``import numpy`` would make Pyodide fetch a file
    that 404s. Pruned, it is an ordinary ``ModuleNotFoundError`` and the lock describes exactly this site.
    """
    lock_path = pyodide_dir / "pyodide-lock.json"
    paths: list[str | Path] = ["--input", source_lock, "--output", lock_path, "--base-path", pyodide_dir]
    run(
        [pyodide_cli, "lockfile", "add-wheels", *paths, *wheels],
        what="pyodide lockfile add-wheels (a wheel's dependency is missing from the lock and from the pins?)",
    )
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    served = {wheel.name for wheel in wheels}
    packages = {key: entry for key, entry in lock["packages"].items() if entry["file_name"] in served}
    lock["packages"] = dict(sorted(packages.items()))
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def swap_in_compiled(pyodide_dir: Path, compiled: Sequence[Path]) -> None:
    """Replace staged source wheels with their bytecode-compiled twins and update their lock digests.

    The lock is written from the source wheels first because pyodide-build finds a wheel's top-level
    ``imports`` by looking for ``.py`` files; from a compiled wheel it would record none, and a bare
    ``import IPython`` in plain Pyodide would no longer load the package. Pyodide's own ``py-compile`` step
    works in the same order: lock from sources, then new digests.
    """
    lock_path = pyodide_dir / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    by_file = {entry["file_name"]: entry for entry in lock["packages"].values()}
    for wheel in compiled:
        if wheel.name not in by_file:
            raise BuildError(f"{wheel.name} was compiled but the lock has no entry for it")
        shutil.copyfile(wheel, pyodide_dir / wheel.name)
        by_file[wheel.name]["sha256"] = sha256_of(wheel)
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def check_lock(pyodide_dir: Path, source_lock: Path) -> dict[str, str]:
    """Prove that the lock is complete and honest, and return ``{package: version}`` for the manifest.

    Every entry's file must be there with the digest the lock states; every ``depends`` must name an entry
    (``prompt_toolkit`` and ``prompt-toolkit`` are the same project, hence the normalisation); every start-up
    package must be an entry; every pinned wheel must be reachable from what the kernel or the engine loads,
    so the pin list stays minimal; and start-up versions must equal those of Pyodide's own lock, which the
    kernel was tested with.
    """
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    entries = {canonicalize_name(key): entry for key, entry in lock["packages"].items()}
    problems: list[str] = []
    for name, entry in entries.items():
        wheel = pyodide_dir / entry["file_name"]
        if not wheel.is_file():
            problems.append(f"{name}: {entry['file_name']} is not in {pyodide_dir}")
        elif sha256_of(wheel) != entry["sha256"]:
            problems.append(f"{name}: {entry['file_name']} does not match the lock's sha256")
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
        for pin in (*START_UP_WHEELS, *ENGINE_DEPENDENCY_WHEELS)
        if canonicalize_name(pin.name) not in reachable
    )

    upstream = {
        canonicalize_name(key): entry["version"]
        for key, entry in json.loads(source_lock.read_text(encoding="utf-8"))["packages"].items()
    }
    problems.extend(
        f"{pin.name} is pinned at {pin.version} but Pyodide {PYODIDE_VERSION} ships {upstream[key]}"
        for pin in START_UP_WHEELS
        if (key := canonicalize_name(pin.name)) in upstream and upstream[key] != pin.version
    )
    if problems:
        raise BuildError("pyodide-lock.json is not consistent:\n  " + "\n  ".join(problems))
    return {name: entries[name]["version"] for name in sorted(entries)}


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


def stage_lite_dir(staging: Path, runtime: Path, wheels: Iterable[Path]) -> Path:
    """Lay out a JupyterLite project folder: config files, and the runtime plus wheels in the well-known
    ``static/pyodide/`` folder, which ``jupyter lite build`` copies and points ``pyodideUrl`` at by itself.

    The kernel settings get ``loadPyodideOptions.packages`` from ``KERNEL_START_UP_PACKAGES`` here, so the
    list the lock is checked against and the list the browser prefetches cannot drift apart.
    """
    pyodide_dir = staging / "static" / "pyodide"
    pyodide_dir.mkdir(parents=True)
    shutil.copyfile(CONFIG_DIR / "jupyter_lite_config.json", staging / "jupyter_lite_config.json")
    lite_json = json.loads((CONFIG_DIR / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel_settings = lite_json["jupyter-config-data"]["litePluginSettings"][PYODIDE_KERNEL_PLUGIN]
    kernel_settings["loadPyodideOptions"] = {"packages": list(KERNEL_START_UP_PACKAGES)}
    (staging / "jupyter-lite.json").write_text(json.dumps(lite_json, indent=2) + "\n", encoding="utf-8")
    for name in PYODIDE_RUNTIME_FILES:
        shutil.copyfile(runtime / name, pyodide_dir / name)
    for wheel in wheels:
        shutil.copyfile(wheel, pyodide_dir / wheel.name)
    return pyodide_dir


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


def check_site(site: Path, labs: Path) -> None:
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
    prefetch = kernel_settings.get("loadPyodideOptions", {}).get("packages")
    if prefetch != list(KERNEL_START_UP_PACKAGES):
        problems.append(f"loadPyodideOptions.packages is {prefetch}, not {list(KERNEL_START_UP_PACKAGES)}")
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
    check_engine_dependencies(wheel)
    pyodide_cli = ensure_tool_venv(REPO / ".venv-pyodide")
    pinned = fetch_wheels((*START_UP_WHEELS, *ENGINE_DEPENDENCY_WHEELS), cache / "wheels")
    compiled = compile_wheels(pinned, runtime, cache / "compiled")
    sources = (*pinned, *kernel_extension_wheels(), wheel)

    # Staging and the half-built site live in fresh temporary folders, so an interrupted or concurrent
    # build never leaves a broken site at ``out``: it is replaced only after every check has passed.
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="lite-src-", dir=cache) as staging_name,
        tempfile.TemporaryDirectory(prefix=f".{out.name}-", dir=out.parent) as partial_name,
    ):
        staging, partial = Path(staging_name), Path(partial_name) / "site"
        pyodide_dir = stage_lite_dir(staging, runtime, sources)
        write_lock(pyodide_cli, runtime / "pyodide-lock.json", pyodide_dir, [pyodide_dir / w.name for w in sources])
        swap_in_compiled(pyodide_dir, compiled)
        log("running jupyter lite build")
        jupyter_lite_build(staging, partial, labs)
        packages = check_lock(partial / "static" / "pyodide", runtime / "pyodide-lock.json")
        check_site(partial, labs)
        manifest = {
            "pyodide": PYODIDE_VERSION,
            "pyodide_url": "static/pyodide/",
            "lock_packages": packages,
            "labs": [lab.as_posix() for lab in lab_files(labs)],
        }
        (partial / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        replace_site(partial, out)
    log(
        f"built {out} in {time.monotonic() - started:.1f} s: {folder_size(out) / 1e6:.1f} MB, "
        f"{len(packages)} packages in the lock, {len(manifest['labs'])} lab file(s)"
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
