"""Compile the Python sources in pure-Python wheels to bytecode, run inside Pyodide itself.

PyPI wheels carry only ``.py`` sources, so every import in the browser first compiles them; for IPython that
alone costs seconds of the kernel's start-up. Pyodide's own CDN ships the same wheels already compiled
(``pyodide py-compile``), but that tool must run on the CPython version Pyodide embeds (3.14), which this
machine does not have. Pyodide does: ``py_compile.mjs`` loads the npm Pyodide runtime in Node and runs this
file there, so the bytecode is made by exactly the interpreter that will load it.

Like Pyodide's tool, each ``module.py`` becomes a sourceless ``module.pyc`` at the same path (the import
system loads those directly), and the wheel keeps its name. Differences: bytecode is written in
unchecked-hash mode, so the output depends only on the input (no build timestamp); ``RECORD`` is rewritten to
list the new files; a source that does not compile under 3.14 (say, a Python 2 test helper) is kept as it is.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import py_compile
import tempfile
import zipfile
from pathlib import Path


def record_hash(data: bytes) -> str:
    """Return a file digest in the form wheel ``RECORD`` files use (PEP 376/427)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode('ascii')}"


def is_importable_source(name: str) -> bool:
    """Tell whether a wheel member is a module under a package root, not metadata, data or a script."""
    top = name.split("/", 1)[0]
    return name.endswith(".py") and not top.endswith((".dist-info", ".data"))


def compile_source(name: str, source: bytes, scratch: Path) -> bytes | None:
    """Compile one module to sourceless bytecode, or return None when this Python cannot compile it."""
    source_path = scratch / "module.py"
    bytecode_path = scratch / "module.pyc"
    source_path.write_bytes(source)
    try:
        py_compile.compile(
            str(source_path),
            cfile=str(bytecode_path),
            dfile=name,
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
    except py_compile.PyCompileError:
        return None
    return bytecode_path.read_bytes()


def compile_wheel(source_wheel: Path, target_wheel: Path) -> None:
    """Write ``target_wheel``: ``source_wheel`` with its modules compiled, members in the same order and
    with the same timestamps, so that compiling the same input twice gives the same bytes."""
    with (
        zipfile.ZipFile(source_wheel) as wheel_in,
        tempfile.TemporaryDirectory() as scratch,
        zipfile.ZipFile(target_wheel, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as wheel_out,
    ):
        renamed: dict[str, tuple[str, bytes]] = {}
        record_name = None
        members: list[tuple[str, zipfile.ZipInfo, bytes]] = []
        for info in wheel_in.infolist():
            name, data = info.filename, wheel_in.read(info)
            if name.endswith(".pyc"):
                continue
            if name.endswith(".dist-info/RECORD"):
                record_name = name
            elif is_importable_source(name):
                bytecode = compile_source(name, data, Path(scratch))
                if bytecode is not None:
                    renamed[name] = (name + "c", bytecode)
                    name, data = name + "c", bytecode
            members.append((name, info, data))
        for name, info, data in members:
            if name == record_name:
                data = rewrite_record(data, renamed)
            wheel_out.writestr(_copy_info(info, name), data)


def _copy_info(info: zipfile.ZipInfo, name: str) -> zipfile.ZipInfo:
    """Return a fresh ZipInfo for ``name`` that keeps the original member's timestamp and permissions."""
    copy = zipfile.ZipInfo(name, date_time=info.date_time)
    copy.external_attr = info.external_attr
    copy.compress_type = zipfile.ZIP_DEFLATED
    return copy


def rewrite_record(record: bytes, renamed: dict[str, tuple[str, bytes]]) -> bytes:
    """Replace the ``RECORD`` rows of compiled modules with rows for their bytecode."""
    rows = list(csv.reader(io.StringIO(record.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        if row and row[0] in renamed:
            new_name, data = renamed[row[0]]
            row = [new_name, record_hash(data), str(len(data))]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def compile_wheels(input_dir: str, output_dir: str, names: list[str]) -> None:
    """Compile each named wheel from ``input_dir`` into a wheel of the same name in ``output_dir``."""
    for name in names:
        compile_wheel(Path(input_dir) / name, Path(output_dir) / name)
