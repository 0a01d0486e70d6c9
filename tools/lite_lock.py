"""Write Pyodide's ``pyodide-lock.json`` entries for pure-Python wheels, with the standard library only.

The offline JupyterLite build registers the engine's wheel and every wheel the kernel needs in the lock that
Pyodide reads at start-up. The Pyodide project's own tool for that, ``pyodide lockfile add-wheels`` (from
pyodide-build, built on the ``pyodide-lock`` package), needs Python >= 3.12, while the project's promise is
that a machine with one Python >= 3.11 builds everything. Its job for a pure-Python wheel is small and fully
specified by ``pyodide_lock.spec.PackageSpec`` (pyodide-lock 0.2.1) and ``pyodide_lock.utils``, which this
module follows field by field:

* ``name``: the canonicalized project name from the wheel's metadata; the lock's key is the same string.
* ``version``: the metadata's ``Version``.
* ``file_name``: where the file is, relative to the lock (Pyodide resolves it against the lock's folder).
* ``install_dir``: ``"site"``; ``package_type``: ``"package"``; ``unvendored_tests``: ``false``.
* ``sha256``: hex digest of the served file; Pyodide fetches it with that Subresource Integrity value.
* ``imports``: top-level import names, found the way setuptools (and pyodide-lock) find them: a ``.py`` file
  at the root of the wheel, or a root folder with a valid package name that holds Python files.
* ``depends``: canonical names of the requirements whose markers hold inside Pyodide (the marker environment
  is derived from the lock's ``info`` as pyodide-lock derives it); a requirement with extras also adds the
  extra's dependencies to the required package, because the lock has no notion of extras.

Pyodide's loader reads no other field. Two choices go beyond pyodide-lock, both so that a browser's cached
copy from an older build can never be combined with a newer one (a deploy must not break a returning
reader):

* every wheel is served under a folder named after its own digest, ``<sha256[:16]>/<wheel file>``, so a
  changed wheel gets a new URL while its file name stays a valid wheel name;
* the lock itself is written as ``pyodide-lock.<sha256[:16]>.json``, a name that changes with its content;
  whatever loads Pyodide is told that name (the kernel's ``loadPyodideOptions.lockFileURL``, the runner's
  ``<meta>`` tag), so an old page finds the old lock and a new page the new one, never a mixture.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

#: The fields of a package entry, as in every entry of Pyodide 314.0.6's own lock (``PackageSpec`` has these
#: plus ``tool``, an empty table for other tools' data, and the deprecated ``shared_library``, neither of which
#: Pyodide reads or ships).
PACKAGE_FIELDS = (
    "depends",
    "file_name",
    "imports",
    "install_dir",
    "name",
    "package_type",
    "sha256",
    "unvendored_tests",
    "version",
)

#: Lock file names: ``pyodide-lock.<digest>.json``; the digest is of the file's own bytes.
LOCK_STEM = "pyodide-lock"
LOCK_NAME = re.compile(rf"^{LOCK_STEM}\.([0-9a-f]{{16}})\.json$")
DIGEST_LENGTH = 16


class LockError(Exception):
    """A wheel that cannot be registered as it is (bad metadata, a dependency nobody ships)."""


@dataclass(frozen=True)
class ServedWheel:
    """A wheel as the site serves it, and the wheel its lock entry is read from.

    They differ for third-party wheels that the build compiles to bytecode: imports are found from the
    ``.py`` files of the source wheel (a compiled wheel has none), the digest is that of the served file.
    """

    source: Path
    served: Path


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content_path(wheel: Path) -> str:
    """The path a wheel is served at, relative to the lock: ``<sha256[:16]>/<wheel file name>``."""
    return f"{sha256_of(wheel)[:DIGEST_LENGTH]}/{wheel.name}"


def marker_environment(info: Mapping[str, Any]) -> dict[str, str]:
    """The values packaging markers see inside the Pyodide that a lock's ``info`` describes.

    Derived as ``pyodide_lock.utils._get_marker_environment`` derives it: ``platform`` is
    ``<sys_platform>_<release>`` (``emscripten_5_0_3``), ``python`` the full version (``3.14.2``).
    """
    python = str(info["python"])
    sys_platform, _, release = str(info["platform"]).partition("_")
    major, minor = python.split(".")[:2]
    return {
        "implementation_name": "cpython",
        "implementation_version": python,
        "os_name": "posix",
        "platform_machine": str(info.get("arch", "wasm32")),
        "platform_release": release,
        "platform_system": "Emscripten",
        "platform_version": "#1",
        "python_full_version": python,
        "platform_python_implementation": "CPython",
        "python_version": f"{major}.{minor}",
        "sys_platform": sys_platform,
        "extra": "",
    }


def wheel_metadata(wheel: Path) -> tuple[str, str, list[Requirement]]:
    """Return a wheel's project name, version and every ``Requires-Dist``, from its ``.dist-info/METADATA``."""
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(
            (n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")), None
        )
        if metadata_name is None:
            raise LockError(f"{wheel.name} has no .dist-info/METADATA; is it a wheel?")
        headers = HeaderParser().parsestr(archive.read(metadata_name).decode("utf-8"))
    name, version = headers["Name"], headers["Version"]
    if not name or not version:
        raise LockError(f"{wheel.name}: METADATA lacks Name or Version")
    return str(name), str(version), [Requirement(line) for line in headers.get_all("Requires-Dist") or []]


def applicable(requirements: Iterable[Requirement], environment: Mapping[str, str]) -> list[Requirement]:
    """The requirements whose markers hold in ``environment`` (with no extra selected)."""
    return [r for r in requirements if r.marker is None or r.marker.evaluate(dict(environment))]


def _valid_package_name(name: str) -> bool:
    return not any(character in name for character in ".- ")


def top_level_imports(wheel: Path) -> list[str]:
    """Top-level import names of a wheel, as ``pyodide_lock.utils.parse_top_level_import_name`` finds them.

    A ``.py`` file at the root is a module; a root folder is a package when it, through folders that are
    valid package names, holds a ``.py`` file (so ``*.dist-info`` and ``*.data`` never count). Names keep
    the order of the archive.
    """
    found: list[str] = []
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            parts = member.split("/")
            if not parts[-1].endswith(".py"):
                continue
            if len(parts) == 1:
                name = parts[0][: -len(".py")]
            elif all(_valid_package_name(part) for part in parts[:-1]):
                name = parts[0]
            else:
                continue
            if name not in found:
                found.append(name)
    return found


def package_entries(wheels: Sequence[ServedWheel], info: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Lock entries for ``wheels``, keyed by canonical name; every dependency must be among them.

    The site serves exactly these wheels and nothing else, so a dependency outside the set is an error
    (with the wheel that needs it in the message), never a silent entry that would 404 in the browser.
    """
    environment = marker_environment(info)
    entries: dict[str, dict[str, Any]] = {}
    requirements: dict[str, list[Requirement]] = {}
    for wheel in wheels:
        name, version, requires = wheel_metadata(wheel.source)
        key = canonicalize_name(name)
        if key in entries:
            raise LockError(f"two wheels for {key}: {entries[key]['file_name']} and {wheel.served.name}")
        imports = top_level_imports(wheel.source)
        if not imports:
            raise LockError(f"{wheel.source.name} has no top-level module or package to import")
        requirements[key] = requires
        entries[key] = {
            "depends": [],
            "file_name": content_path(wheel.served),
            "imports": imports,
            "install_dir": "site",
            "name": key,
            "package_type": "package",
            "sha256": sha256_of(wheel.served),
            "unvendored_tests": False,
            "version": version,
        }

    missing: list[str] = []
    with_extras: list[tuple[str, Requirement]] = []
    for package, requires in requirements.items():
        for requirement in applicable(requires, environment):
            dependency = canonicalize_name(requirement.name)
            if dependency not in entries:
                missing.append(f"{package} needs {requirement}")
                continue
            if dependency not in entries[package]["depends"]:
                entries[package]["depends"].append(dependency)
            if requirement.extras:
                with_extras.append((package, requirement))
    # ``foo[bar]``: foo's own lock entry must bring what its extra ``bar`` adds (pyodide-lock's _fix_extra_dep).
    seen: set[tuple[str, str]] = set()
    while with_extras:
        needed_by, requirement = with_extras.pop()
        target = canonicalize_name(requirement.name)
        for extra in sorted(requirement.extras):
            if (target, extra) in seen:
                continue
            seen.add((target, extra))
            extra_environment = {**environment, "extra": extra}
            for nested in requirements[target]:
                if nested.marker is None or not nested.marker.evaluate(extra_environment):
                    continue
                dependency = canonicalize_name(nested.name)
                if dependency not in entries:
                    missing.append(f"{target}[{extra}] (for {needed_by}) needs {nested}")
                    continue
                if dependency not in entries[target]["depends"]:
                    entries[target]["depends"].append(dependency)
                if nested.extras:
                    with_extras.append((target, nested))
    if missing:
        raise LockError("dependencies that the site would not serve:\n  " + "\n  ".join(missing))
    return dict(sorted(entries.items()))


def lock_text(info: Mapping[str, Any], packages: Mapping[str, Mapping[str, Any]]) -> str:
    """The lock as JSON text: stable key order, so the same inputs give the same bytes (and name)."""
    return json.dumps({"info": dict(info), "packages": dict(packages)}, indent=1, sort_keys=True) + "\n"


def write_lock(info: Mapping[str, Any], packages: Mapping[str, Mapping[str, Any]], folder: Path) -> Path:
    """Write ``pyodide-lock.<digest>.json`` into ``folder`` and return its path."""
    text = lock_text(info, packages)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]
    path = folder / f"{LOCK_STEM}.{digest}.json"
    path.write_text(text, encoding="utf-8")
    return path


def find_lock(folder: Path) -> Path:
    """The one content-named lock in ``folder``; more or fewer is a broken build."""
    locks = sorted(p for p in folder.glob(f"{LOCK_STEM}.*.json") if LOCK_NAME.match(p.name))
    if len(locks) != 1:
        raise LockError(f"expected one {LOCK_STEM}.<digest>.json in {folder}, found {[p.name for p in locks]}")
    return locks[0]


def serve_wheels(wheels: Iterable[ServedWheel], folder: Path) -> None:
    """Copy each served wheel to its content path under ``folder``."""
    for wheel in wheels:
        target = folder / content_path(wheel.served)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(wheel.served.read_bytes())
