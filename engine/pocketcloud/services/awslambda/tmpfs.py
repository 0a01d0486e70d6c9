"""The file system a function sees: ``/tmp`` of its own, and its code and layers at ``/var/task`` and ``/opt``.

On Lambda each environment has its own ``/tmp`` (512 MB to 10 GB of ephemeral storage); files written in one
invocation are still there in the next invocation *of the same environment*, and no other environment sees
them. The function's package is unpacked at ``/var/task`` and its layers at ``/opt``, so code can read data
files it ships. pocketcloud gives each environment a real private folder for ``/tmp`` (and each code version
one for its files) and, while the environment's code runs, translates paths under those three prefixes in the
file functions code uses (``open``, ``os``, ``pathlib`` through ``os``, ``tempfile``).
https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

_TMP = "/tmp"


class TmpFS:
    """A private folder standing in for ``/tmp``, plus the other mounts (``/var/task``, ``/opt``), and the
    translation of their paths to real folders."""

    def __init__(self, mounts: dict[str, str] | None = None) -> None:
        self.root = tempfile.mkdtemp(prefix="pocketcloud-tmp-")
        self.mounts = {_TMP: self.root, **(mounts or {})}

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
            return text
        for prefix, root in self.mounts.items():
            if text == prefix or text.startswith(prefix + "/"):
                return root + text[len(prefix) :]
        return text

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _one(fs: TmpFS, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if args:
            args = (fs.map(args[0]), *args[1:])
        else:
            for key in ("path", "file"):
                if key in kwargs:
                    kwargs[key] = fs.map(kwargs[key])
        return fn(*args, **kwargs)

    return wrapper


def _two(fs: TmpFS, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        return fn(fs.map(src), fs.map(dst), *args, **kwargs)

    return wrapper


_ONE_PATH = ("open", "stat", "lstat", "listdir", "scandir", "remove", "unlink", "mkdir", "rmdir", "access", "chmod")
_TWO_PATHS = ("rename", "replace")


def patches(fs: TmpFS) -> list[tuple[Any, str, Any, Any]]:
    """(owner, attribute, patched, original) for every function that must see the private ``/tmp``."""
    out: list[tuple[Any, str, Any, Any]] = [
        (builtins, "open", _one(fs, builtins.open), builtins.open),
        (io, "open", _one(fs, io.open), io.open),
        (tempfile, "tempdir", _TMP, tempfile.tempdir),
    ]
    for name in _ONE_PATH:
        original = getattr(os, name)
        out.append((os, name, _one(fs, original), original))
    for name in _TWO_PATHS:
        original = getattr(os, name)
        out.append((os, name, _two(fs, original), original))
    return out


def materialize(files: dict[str, bytes]) -> str:
    """Write ``files`` (path -> bytes) into a new private folder and return it (read by code, never by us)."""
    root = tempfile.mkdtemp(prefix="pocketcloud-code-")
    for path, data in files.items():
        target = os.path.join(root, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
    return root
