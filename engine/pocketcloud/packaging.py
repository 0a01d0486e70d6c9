"""Deployment packages: build a real .zip in memory, and read one the way Lambda unpacks it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

#: A fixed timestamp for every entry, so the same sources always give byte-identical zips (and so the same
#: CodeSha256), which is what makes a lab reproducible. 1980-01-01 is the earliest date a zip entry can hold.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def zip_code(files: Mapping[str, str | bytes]) -> bytes:
    """Return a .zip deployment package holding ``files`` (path inside the zip -> text or bytes).

    >>> import zipfile, io
    >>> zipfile.ZipFile(io.BytesIO(zip_code({"app.py": "x = 1"}))).namelist()
    ['app.py']
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            data = files[path]
            info = zipfile.ZipInfo(path.lstrip("/"), date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


class BadZipError(ValueError):
    """The uploaded bytes are not a readable zip archive."""


def unzip(data: bytes) -> dict[str, bytes]:
    """Unpack a deployment package into ``{path: bytes}``; directories are implied by paths."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise BadZipError(str(exc)) from exc


def unzipped_size(data: bytes) -> int:
    """Total uncompressed size of a package, which is what Lambda's 250 MB limit counts."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())
