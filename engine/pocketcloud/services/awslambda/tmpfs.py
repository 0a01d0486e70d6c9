"""The file system a function sees: ``/tmp`` of its own, and its code and layers at ``/var/task`` and ``/opt``.

On Lambda each environment has its own ``/tmp`` (512 MB to 10 GB of ephemeral storage, the function's
``EphemeralStorage``); files written in one invocation are still there in the next invocation *of the same
environment*, and no other environment sees them. The function's package is unpacked at ``/var/task`` and its
layers at ``/opt``, both read-only; ``/tmp`` is the only writable directory, and the working directory is
``/var/task``.
https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths
https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html (LAMBDA_TASK_ROOT is the working directory)

pocketcloud gives each environment a real private folder for ``/tmp`` (created when the code first uses it, and
each code version one for its files) and, while the environment's code runs, translates paths in the file
functions code uses (``open``, ``os``, ``pathlib`` through ``os``, ``tempfile``):

- ``/tmp``, ``/var/task``, ``/opt`` and ``/var/tmp`` map to private folders; relative paths resolve against the
  environment's own working directory (``os.getcwd()`` is ``/var/task``; ``os.chdir`` changes it, not the
  host's);
- writing anywhere but ``/tmp`` fails with ``EROFS`` ("Read-only file system"), as on Lambda;
- writes through ``open`` that would take ``/tmp`` past the function's ephemeral storage fail with ``ENOSPC``
  ("No space left on device");
- other absolute paths are the host's, for reading: this is a teaching simulator, not a security sandbox.

Private folders are removed when their environment shuts down, when the Cloud is garbage-collected, and at
interpreter exit (``weakref.finalize``), so dropped Clouds leave nothing behind.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import posixpath
import stat
import tempfile
import weakref
from collections.abc import Callable
from typing import Any

# The engine's own file operations use the ``posix`` module (``nt`` elsewhere) directly: function code sees
# stand-ins for the ``os`` functions, and a real path must never be translated twice.
_posix: Any = __import__(os.name)

_TMP = "/tmp"
_TASK = "/var/task"
_READ_ONLY_DIRS = ("/var/task", "/opt", "/var/tmp")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_HOST_TMP = tempfile.gettempdir()
_names: Any = tempfile._get_candidate_names()  # type: ignore[attr-defined]


def _private_dir(prefix: str) -> str:
    """A new private folder in the host's temporary directory (never translated: see ``_posix``)."""
    while True:
        path = f"{_HOST_TMP}/{prefix}{next(_names)}"
        try:
            _posix.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path


def _real_rmtree(path: str, _ignore_errors: bool = True) -> None:
    """Remove a private folder and everything in it."""
    try:
        entries = list(_posix.scandir(path))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                _real_rmtree(entry.path)
            else:
                _posix.unlink(entry.path)
        except OSError:
            pass
    with contextlib.suppress(OSError):
        _posix.rmdir(path)


def _size_of(path: str) -> int:
    total = 0
    try:
        entries = list(_posix.scandir(path))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                total += _size_of(entry.path)
            else:
                total += entry.stat(follow_symlinks=False).st_size
        except OSError:
            pass
    return total


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(_posix.stat(path).st_mode)
    except OSError:
        return False


class TmpFS:
    """A private folder standing in for ``/tmp``, plus the other mounts (``/var/task``, ``/opt``), the working
    directory, and the translation of their paths to real folders."""

    def __init__(self, mounts: dict[str, str] | None = None, capacity_bytes: int = 512 * 1024 * 1024) -> None:
        self._root: str | None = None
        self._mounts = dict(mounts or {})
        self.mounts: dict[str, str] = dict(self._mounts)
        #: The function's ephemeral storage: what ``/tmp`` may hold.
        self.capacity_bytes = capacity_bytes
        #: The environment's working directory (a Lambda path), ``/var/task`` as on Lambda.
        self.cwd = _TASK
        self._empty: str | None = None
        self._finalizers: list[weakref.finalize[Any, Any]] = []

    # -- folders -----------------------------------------------------------------------------------------------
    @property
    def root(self) -> str:
        """The real folder behind ``/tmp``, created on first use."""
        if self._root is None:
            self._root = _private_dir("pocketcloud-tmp-")
            self._finalizers.append(weakref.finalize(self, _real_rmtree, self._root, True))
            self.mounts[_TMP] = self._root
        return self._root

    def _empty_dir(self) -> str:
        if self._empty is None:
            self._empty = _private_dir("pocketcloud-ro-")
            self._finalizers.append(weakref.finalize(self, _real_rmtree, self._empty, True))
        return self._empty

    def remove(self) -> None:
        """The environment is gone: so is its ``/tmp``."""
        for finalizer in self._finalizers:
            finalizer()
        self._finalizers.clear()
        self._root = self._empty = None
        self.mounts = dict(self._mounts)

    # -- paths -------------------------------------------------------------------------------------------------
    def lambda_path(self, text: str) -> str:
        """The absolute Lambda path for ``text`` (relative paths resolve against the working directory)."""
        if text[:1] != "/":
            text = posixpath.join(self.cwd, text)
        return posixpath.normpath(text) if ("/." in text or "//" in text) else text

    def map(self, path: Any) -> Any:
        if isinstance(path, int):
            return path
        text = os.fspath(path)
        if isinstance(text, bytes):
            decoded = text.decode(errors="surrogateescape")
            mapped = self._map_text(decoded)
            return mapped.encode(errors="surrogateescape") if mapped is not decoded else path
        return self._map_text(text)

    def _map_text(self, text: str) -> str:
        if text[:1] != "/":
            text = self.lambda_path(text)
        elif "/." in text:
            text = posixpath.normpath(text)
        if text == _TMP or text.startswith("/tmp/"):
            return self.root + text[4:]
        for prefix, real in self._mounts.items():
            if text == prefix or text.startswith(prefix + "/"):
                return real + text[len(prefix) :]
        if text == "/var/tmp" or text.startswith("/var/tmp/"):
            return self._empty_dir() + text[8:]
        return text

    def check_writable(self, path: Any) -> None:
        """Writing is allowed under ``/tmp`` only: anything else is Lambda's read-only file system."""
        if isinstance(path, int):
            return
        text = os.fspath(path)
        if isinstance(text, bytes):
            text = text.decode(errors="surrogateescape")
        lambda_path = self.lambda_path(text)
        if lambda_path == _TMP or lambda_path.startswith("/tmp/"):
            return
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), text)

    # -- ephemeral storage -------------------------------------------------------------------------------------
    def used_bytes(self) -> int:
        return 0 if self._root is None else _size_of(self._root)

    def no_space(self, path: Any) -> OSError:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path) if not isinstance(path, int) else path)


def _writes(mode: str) -> bool:
    return any(flag in mode for flag in "wax+")


class _QuotaFile:
    """A file opened for writing under ``/tmp``: every write is checked against the ephemeral storage."""

    def __init__(self, fs: TmpFS, handle: Any, path: Any, start_size: int) -> None:
        self._fs = fs
        self._handle = handle
        self._path = path
        # What /tmp holds besides this file's growth: measured when the file is opened.
        self._budget = fs.capacity_bytes - fs.used_bytes() + start_size

    def _charge(self, data: Any) -> None:
        size = len(data.encode("utf-8", "surrogateescape")) if isinstance(data, str) else len(memoryview(data))
        handle = self._handle
        try:
            end = handle.tell() + size
        except (OSError, ValueError):
            end = size
        if end > self._budget:
            raise self._fs.no_space(self._path)

    def write(self, data: Any) -> int:
        self._charge(data)
        return int(self._handle.write(data))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __enter__(self) -> _QuotaFile:
        self._handle.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._handle.__exit__(*exc)

    def __iter__(self) -> Any:
        return iter(self._handle)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def _open(fs: TmpFS, real_open: Callable[..., Any]) -> Callable[..., Any]:
    def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, int):
            return real_open(file, mode, *args, **kwargs)
        if _writes(mode):
            fs.check_writable(file)
            real = fs.map(file)
            start = 0
            if "a" in mode or "+" in mode:
                try:
                    start = _posix.stat(real).st_size
                except OSError:
                    start = 0
            handle = real_open(real, mode, *args, **kwargs)
            return _QuotaFile(fs, handle, file, start)
        return real_open(fs.map(file), mode, *args, **kwargs)

    return opened


def _os_open(fs: TmpFS, real: Callable[..., Any]) -> Callable[..., Any]:
    def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if flags & _WRITE_FLAGS:
            fs.check_writable(path)
        return real(fs.map(path), flags, *args, **kwargs)

    return opened


def _one(fs: TmpFS, fn: Callable[..., Any], writes: bool) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if args:
            if writes:
                fs.check_writable(args[0])
            args = (fs.map(args[0]), *args[1:])
        else:
            for key in ("path", "file"):
                if key in kwargs:
                    if writes:
                        fs.check_writable(kwargs[key])
                    kwargs[key] = fs.map(kwargs[key])
        return fn(*args, **kwargs)

    return wrapper


def _two(fs: TmpFS, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        fs.check_writable(src)
        fs.check_writable(dst)
        return fn(fs.map(src), fs.map(dst), *args, **kwargs)

    return wrapper


def _getcwd(fs: TmpFS) -> Callable[[], str]:
    def getcwd() -> str:
        return fs.cwd

    return getcwd


def _getcwdb(fs: TmpFS) -> Callable[[], bytes]:
    def getcwdb() -> bytes:
        return fs.cwd.encode()

    return getcwdb


def _chdir(fs: TmpFS) -> Callable[[Any], None]:
    def chdir(path: Any) -> None:
        if isinstance(path, int):
            raise PermissionError(errno.EPERM, "fchdir is not available inside a pocketcloud function")
        text = os.fspath(path)
        target = fs.lambda_path(text.decode() if isinstance(text, bytes) else text)
        if not _is_dir(fs.map(target)):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), text)
        fs.cwd = target

    return chdir


_READS = ("stat", "lstat", "listdir", "scandir", "access")
_WRITES = ("remove", "unlink", "mkdir", "rmdir", "chmod", "makedirs", "utime", "truncate")
_TWO_PATHS = ("rename", "replace", "link", "symlink")


def patches(fs: TmpFS) -> list[tuple[Any, str, Any, Any]]:
    """(owner, attribute, patched, original) for every function that must see the environment's files."""
    out: list[tuple[Any, str, Any, Any]] = [
        (builtins, "open", _open(fs, builtins.open), builtins.open),
        (io, "open", _open(fs, io.open), io.open),
        (os, "open", _os_open(fs, os.open), os.open),
        (os, "getcwd", _getcwd(fs), os.getcwd),
        (os, "getcwdb", _getcwdb(fs), os.getcwdb),
        (os, "chdir", _chdir(fs), os.chdir),
        (os, "fchdir", _chdir(fs), os.fchdir),
        (tempfile, "tempdir", _TMP, tempfile.tempdir),
    ]
    for name in _READS:
        original = getattr(os, name)
        out.append((os, name, _one(fs, original, writes=False), original))
    for name in _WRITES:
        original = getattr(os, name, None)
        if original is not None and name != "makedirs":
            out.append((os, name, _one(fs, original, writes=True), original))
    for name in _TWO_PATHS:
        original = getattr(os, name, None)
        if original is not None:
            out.append((os, name, _two(fs, original), original))
    return out


def materialize(files: dict[str, bytes]) -> str:
    """Write ``files`` (path -> bytes) into a new private folder and return it (read by code, never by us)."""
    root = _private_dir("pocketcloud-code-")  # removed with its ModuleIndex (weakref.finalize)
    for path, data in files.items():
        target = os.path.join(root, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
    return root
