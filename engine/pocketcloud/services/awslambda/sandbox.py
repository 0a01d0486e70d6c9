"""The handler sandbox: what a function's code sees while it runs inside pocketcloud.

Learner code runs in the same Python interpreter as the engine (there is no other process in a browser), so
the sandbox makes the interpreter *look* like a Lambda execution environment for exactly as long as the code
runs, then puts everything back:

- **Imports** come from the function's package, as if from ``/var/task``. Modules a function imports belong to
  its execution environment: they are put into ``sys.modules`` while it runs and taken out afterwards, so
  two functions (or two environments of one function) never share module globals, and the notebook never sees
  them.
- **Time** follows the virtual clock (:mod:`.vclock`); **threads** are deferred calls (:mod:`.threads`); the
  process-wide APIs (exit, stdin, tracing hooks, ``random``) get stand-ins (:mod:`.process`); files under
  ``/tmp``, ``/var/task`` and ``/opt`` are the environment's own (:mod:`.tmpfs`).
- **Output** (``print``, stderr) goes to the environment's log stream, as on Lambda, not to the notebook.
- **Environment variables**: ``os.environ`` is the function's own variables plus Lambda's runtime variables.
- **Runaway code** is stopped by the guard (:mod:`.guard`) and reported as a timeout.
- **Host state** is put back after every phase, whatever the code did: ``sys.modules`` (added, removed and
  replaced entries), ``sys.path``, ``sys.meta_path``, the ``sys``, ``builtins``, ``time``, ``datetime``,
  ``json`` and ``random`` namespaces, the recursion limit, ``os.environ``, the root logger.

This is isolation for teaching, not security: code can still inspect the process it runs in (see the
lifecycle page, "What pocketcloud isolates").
"""

from __future__ import annotations

import builtins
import datetime as _datetime_module
import importlib.abc
import importlib.machinery
import json as _json_module
import logging
import operator
import os
import random
import sys
import time as _time_module
import weakref
from collections.abc import Callable
from types import CodeType, ModuleType
from typing import Any

from . import guard as _guard
from . import process, threads
from .guard import DEFAULT_STEP_BUDGET, DeadlineExceeded, Guard, RunawayCode
from .vclock import TIME_PATCHES, VirtualClock, current_clock, set_current

__all__ = [
    "DEFAULT_STEP_BUDGET",
    "LAYER_ROOT",
    "TASK_ROOT",
    "DeadlineExceeded",
    "ModuleIndex",
    "RunawayCode",
    "Sandbox",
    "VirtualClock",
    "current_clock",
]

#: Where a function's own code appears to live, as on Lambda (``LAMBDA_TASK_ROOT``).
TASK_ROOT = "/var/task"
#: Where layer content appears to live (``/opt``); Python packages go under ``/opt/python``.
LAYER_ROOT = "/opt"

_USER_PREFIXES = (TASK_ROOT + "/", LAYER_ROOT + "/")

#: Attributes put back after every phase even though pocketcloud does not patch them: whatever function code sets
#: them to, the host gets its own objects back. (A whole-namespace snapshot would cost more than the rest of the
#: invocation: these are the ones a handler plausibly changes.)
_GUARDED: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (sys, ("path", "meta_path", "path_hooks", "path_importer_cache", "modules", "stdout", "stderr", "displayhook",
           "excepthook")),
    (_datetime_module, ("time", "timedelta", "timezone")),
    (random, ("Random",)),
    (_json_module, ("dumps", "loads", "dump", "load", "JSONEncoder", "JSONDecoder")),
    (builtins, ("print", "__import__", "__build_class__", "len", "isinstance", "str", "repr", "type", "getattr")),
)  # fmt: skip
#: Words whose presence in a function's source installs a group of stand-ins (see ``Sandbox.__init__``).
_TIME_WORDS = (b"time", b"sleep", b"date", b"logging", b"calendar", b"sched", b"asyncio")
_THREAD_WORDS = (b"thread", b"Thread", b"concurrent", b"Timer", b"Event", b"Queue", b"Condition", b"Semaphore",
                 b"Barrier", b"future", b"asyncio")  # fmt: skip
_FILE_WORDS = (b"os", b"shutil", b"pathlib", b"glob", b"tempfile", b"io", b"zipfile", b"tarfile", b"sqlite")

_BUILTINS = builtins.__dict__
#: The names builtins had when the engine was imported, plus those the host adds later (see ``Sandbox.exit``).
_BUILTIN_NAMES = set(_BUILTINS)
#: Marks a guarded attribute in a patch group: saved and put back, not replaced.
_KEEP = object()


# --- imports ------------------------------------------------------------------------------------------------


class ModuleIndex:
    """The importable modules of one code view (function package + layers), with their compiled code.

    Built once per function version and shared by all its environments: code objects are immutable, so
    compiling each file once is safe, and makes every cold start after the first cheaper in real time.
    """

    def __init__(
        self, roots: list[tuple[str, dict[str, bytes]]], mounts: dict[str, dict[str, bytes]] | None = None
    ) -> None:
        #: module name -> (origin path, is package, source bytes)
        self.entries: dict[str, tuple[str, bool, bytes]] = {}
        self._code: dict[str, CodeType] = {}
        #: origin path -> source text, for tracebacks
        self.sources: dict[str, bytes] = {}
        for root, files in roots:
            for path, data in files.items():
                if not path.endswith(".py"):
                    continue
                parts = path[:-3].split("/")
                is_package = parts[-1] == "__init__"
                if is_package:
                    parts = parts[:-1]
                if not parts or not all(p.isidentifier() for p in parts):
                    continue
                name = ".".join(parts)
                origin = f"{root}/{path}"
                self.sources[origin] = data
                self.entries.setdefault(name, (origin, is_package, data))
        self.top_level = frozenset(name.split(".")[0] for name in self.entries)
        self._mount_files = mounts or {}
        self._blob: bytes | None = None
        self._mount_roots: dict[str, str] | None = None

    def mount_roots(self) -> dict[str, str]:
        """Real folders holding ``/var/task`` and ``/opt`` for this code view, written once on first use."""
        if self._mount_roots is None:
            from .tmpfs import _real_rmtree as _rmtree
            from .tmpfs import materialize

            self._mount_roots = {prefix: materialize(files) for prefix, files in self._mount_files.items()}
            for root in self._mount_roots.values():
                weakref.finalize(self, _rmtree, root)
        return self._mount_roots

    def mentions(self, words: tuple[bytes, ...]) -> bool:
        """True when any of ``words`` appears in the source of any module of this code view."""
        blob = self._blob
        if blob is None:
            blob = self._blob = b"\n".join(self.sources.values())
        return any(word in blob for word in words)

    def code(self, name: str) -> CodeType:
        code = self._code.get(name)
        if code is None:
            origin, _is_package, source = self.entries[name]
            code = _guard.instrument(compile(source, origin, "exec", dont_inherit=True))
            self._code[name] = code
        return code


class PackageImporter(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A finder and loader for one execution environment's modules, placed first on ``sys.meta_path``."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index

    def find_spec(
        self, fullname: str, path: Any = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        entry = self.index.entries.get(fullname)
        if entry is None:
            return None
        origin, is_package, _source = entry
        spec = importlib.machinery.ModuleSpec(fullname, self, origin=origin, is_package=is_package)
        spec.has_location = True
        if is_package:
            spec.submodule_search_locations = [origin.rsplit("/", 1)[0]]
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        exec(self.index.code(module.__name__), module.__dict__)

    def get_source(self, fullname: str) -> str | None:
        entry = self.index.entries.get(fullname)
        return entry[2].decode("utf-8", "replace") if entry else None


# --- output -------------------------------------------------------------------------------------------------


class LogWriter:
    """``sys.stdout``/``sys.stderr`` inside a function: each completed line becomes one log event."""

    def __init__(self, emit: Callable[[str], None]) -> None:
        self._emit = emit
        self._partial = ""

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = self._partial + text
        *lines, self._partial = data.split("\n")
        for line in lines:
            self._emit(line)
        return len(text)

    def flush(self) -> None:
        if self._partial:
            self._emit(self._partial)
            self._partial = ""

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"


# --- activation ---------------------------------------------------------------------------------------------


class LambdaLogHandler(logging.Handler):
    """The root logger's handler inside a function, formatted as Lambda's Python runtime formats it:
    ``[LEVEL]\t<timestamp>Z\t<request id>\t<message>``. Timestamps come from the virtual clock."""

    def __init__(self, emit: Callable[[str], None]) -> None:
        super().__init__()
        self._emit_line = emit
        self.request_id = ""
        formatter = logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"
        )
        formatter.converter = _time_module.gmtime
        self.setFormatter(formatter)

    def emit(self, record: logging.LogRecord) -> None:
        record.aws_request_id = self.request_id
        try:
            self._emit_line(self.format(record))
        except Exception:  # a broken log record must not break the function, as with logging's own handlers
            self.handleError(record)


class Sandbox:
    """Everything one execution environment swaps into the interpreter while its code runs."""

    def __init__(
        self,
        index: ModuleIndex,
        environ: dict[str, str],
        emit: Callable[[str], None],
        extra_patches: list[tuple[Any, str, Any, Any]] | None = None,
        provided: dict[str, ModuleType] | None = None,
        seed: str = "",
    ) -> None:
        self.index = index
        self.importer = PackageImporter(index)
        self.modules: dict[str, ModuleType] = {}
        self.environ = environ
        self.writer = LogWriter(emit)
        self.log_handler = LambdaLogHandler(emit)
        #: The root logger's level inside this environment. Python's default is WARNING, and Lambda's runtime
        #: leaves it there unless the function (or AWS_LAMBDA_LOG_LEVEL) changes it.
        self.root_level = logging.WARNING
        #: This environment's ``random`` generator, seeded from the cloud's seed and the environment.
        self.random = random.Random(seed)
        #: Deferred threads the function started (see :mod:`.threads`).
        self.threads = threads.ThreadScheduler()
        #: ``sys.path`` as this environment's code sees (and may change) it; the host's list is never touched.
        self.path = list(sys.path)
        #: The recursion limit this environment's code set (capped), kept between its invocations.
        self.recursion_limit = sys.getrecursionlimit()
        # Stand-ins for the modules the function's code can reach by name: those its source (package and layers)
        # mentions, plus the ones no function may do without (exit, stdin, tracing hooks, open). Installing only
        # these keeps the invoke path as cheap as before; code that reaches a module without naming it (say
        # ``__import__("ti" + "me")``) gets the real one: this is a teaching simulator, not a security sandbox.
        mentions = index.mentions
        chosen: list[tuple[Any, str, Any, Any]] = list(process.patches(process.EmptyStdin()))
        if mentions(_TIME_WORDS):
            chosen += TIME_PATCHES
        if mentions((b"random", b"shuffle", b"choice")):
            chosen += process.random_patches(self.random)
        self._uses_threads = mentions(_THREAD_WORDS)
        if self._uses_threads:
            chosen += threads.patches()
        for patch in extra_patches or ():
            owner = patch[0]
            if owner is builtins or mentions(_FILE_WORDS):
                chosen.append(patch)
        self.patches = tuple(chosen)
        #: Modules the runtime provides (boto3), unless the function's own files provide them.
        self.provided = {
            name: module for name, module in (provided or {}).items() if name.split(".")[0] not in index.top_level
        }
        self._groups, self._classes = self._grouped_patches()
        self.clock: VirtualClock | None = None
        self.guard: Guard | None = None
        self._may_touch_modules = index.mentions((b"modules", b"importlib", b"__import__"))
        #: The memory model's sample while code runs (0: over the function's memory); set by the environment.
        self.on_tick: Callable[[], int] | None = None

    def modules_now(self) -> list[ModuleType]:
        """This environment's own modules, loaded now (inside a phase they are in ``sys.modules``)."""
        # Only type() checks and plain attribute reads: the guard's own sample calls this while the code runs,
        # inside its trace function, where anything the function planted (an object in sys.modules, a module
        # whose class or __spec__ was replaced) must not get to run.
        modules = sys.modules
        importer = self.importer
        out = []
        for name in self.index.entries:
            module = modules.get(name)
            if type(module) is not ModuleType:
                module = self.modules.get(name)
            if type(module) is ModuleType:
                spec = module.__dict__.get("__spec__")
                if type(spec) is importlib.machinery.ModuleSpec and spec.loader is importer:
                    out.append(module)
        return out

    def _grouped_patches(
        self,
    ) -> tuple[
        list[tuple[dict[str, Any], dict[str, Any], Callable[[Any], Any], tuple[str, ...]]],
        list[tuple[type, str, Any, Any]],
    ]:
        """Patches grouped by owner namespace, so that each is saved with one ``itemgetter`` call and applied with
        one ``dict.update`` (this runs twice per invocation); guarded attributes join their namespace's group.
        Class attributes (``Condition.wait``) are set one by one."""
        groups: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        classes: list[tuple[type, str, Any, Any]] = []
        patched_ids = {id(owner.__dict__) for owner, *_rest in self.patches if not isinstance(owner, type)}
        for owner, names in _GUARDED:
            namespace = owner.__dict__
            named = owner is _json_module and self.index.mentions((b"json",))
            if owner is not sys and id(namespace) not in patched_ids and not named:
                continue  # guarded only where the function's code reaches the module anyway
            entry = groups.setdefault(id(namespace), (namespace, {}))[1]
            for name in names:
                if name in namespace:
                    entry[name] = _KEEP
        for owner, attr, patched, _real in self.patches:
            if isinstance(owner, type):
                classes.append((owner, attr, patched, _real))
                continue
            namespace = owner.__dict__
            groups.setdefault(id(namespace), (namespace, {}))[1][attr] = patched
        out: list[tuple[dict[str, Any], dict[str, Any], Callable[[Any], Any], tuple[str, ...]]] = []
        for namespace, entries in groups.values():
            keys = tuple(entries)
            patched = {key: value for key, value in entries.items() if value is not _KEEP}
            out.append((namespace, patched, _tuple_getter(keys), keys))
        return out, classes

    def enter(self, clock: VirtualClock, budget: int = DEFAULT_STEP_BUDGET) -> Guard:
        """Swap this environment into the interpreter. Always pair with :meth:`exit` (in a ``finally``)."""
        if current_clock() is not None:
            raise RuntimeError("a Lambda function cannot run another function's code synchronously inside it")
        modules = sys.modules
        # The host's sys.modules as it is now, copied in full only for code that can reach sys.modules by name
        # (it says "modules", "importlib" or "__import__"); other code can only add entries by importing, and
        # exit() tells those apart by the module objects themselves.
        self._modules_before = dict(modules) if self._may_touch_modules else None
        self._provided_before = {name: modules.get(name) for name in self.provided}
        self._builtins_len = len(_BUILTINS)
        if len(_BUILTIN_NAMES) != self._builtins_len:
            _BUILTIN_NAMES.update(_BUILTINS)  # the host (a notebook's "_", a debugger) added names: they stay
        # The values there now (a tuple each, read by one itemgetter call): exit() puts them back.
        saved = []
        for namespace, patched, getter, keys in self._groups:
            saved.append((namespace, keys, getter(namespace)))
            namespace.update(patched)
        self._saved_patches = saved
        # Hide anything in sys.modules that the function's own files shadow (a learner's "json.py" wins, as
        # /var/task comes first on Lambda's sys.path), then bring this environment's modules back in.
        top_level = self.index.top_level
        clashes = [name for name in top_level if name in modules]
        self._shadowed: dict[str, Any] = {}
        if clashes:
            for name in list(modules):
                if name.split(".")[0] in clashes:
                    self._shadowed[name] = modules.pop(name)
        modules.update(self.modules)
        modules.update(self.provided)
        sys.path = self.path
        sys.meta_path = [self.importer, *sys.meta_path]
        sys.stdout = sys.stderr = self.writer  # type: ignore[assignment,unused-ignore]
        self._recursion_limit = sys.getrecursionlimit()
        if self.recursion_limit != self._recursion_limit:
            process._real_setrecursionlimit(self.recursion_limit)
        self._saved_environ = os.environ
        os.environ = self.environ  # type: ignore[assignment]  # noqa: B003 - swapped back in exit()
        for owner, attr, patched, _real in self._classes:
            setattr(owner, attr, patched)
        root = logging.root
        self._saved_logging = (root.handlers, root.level)
        root.handlers = [self.log_handler]
        if root.level != self.root_level:
            root.setLevel(self.root_level)  # setLevel, not assignment: it also clears loggers' cached levels
        guard = Guard(budget, self.on_tick)
        self.clock = clock
        self.guard = guard
        set_current(clock)
        if self._uses_threads:
            threads.activate(self.threads, clock.wait)
        _guard.arm(guard)
        return guard

    def exit(self) -> None:
        """Put back everything :meth:`enter` swapped in, keeping this environment's modules for next time."""
        _guard.disarm()
        if self._uses_threads:
            threads.activate(None, None)
        set_current(None)
        root = logging.root
        self.root_level = root.level
        saved_handlers, saved_level = self._saved_logging
        root.handlers = saved_handlers
        if root.level != saved_level:
            root.setLevel(saved_level)
        for owner, attr, _patched, real in self._classes:
            setattr(owner, attr, real)
        os.environ = self._saved_environ  # noqa: B003
        self.writer.flush()
        self.recursion_limit = sys.getrecursionlimit()
        if self.recursion_limit != self._recursion_limit:
            process._real_setrecursionlimit(self._recursion_limit)
        self.path = sys.path if isinstance(sys.path, list) else self.path
        for namespace, keys, originals in self._saved_patches:
            namespace.update(zip(keys, originals, strict=True))
        if len(_BUILTINS) != self._builtins_len:  # names the code added to builtins are removed again
            for name in [name for name in _BUILTINS if name not in _BUILTIN_NAMES]:
                del _BUILTINS[name]
        self._restore_modules()

    def _restore_modules(self) -> None:
        """Keep this environment's own modules for its next phase, then make ``sys.modules`` the host's again.

        Entries the code added are removed, except genuine imports of installed modules (a file outside
        ``/var/task`` and ``/opt`` found by the normal finders): importing a standard-library module is a cache
        the host would fill identically, and importing some extension modules twice in one process fails.
        """
        modules = sys.modules
        importer = self.importer
        for name in self.index.entries:
            module = modules.pop(name, None)
            if module is not None and getattr(getattr(module, "__spec__", None), "loader", None) is importer:
                self.modules[name] = module
        for name, previous in self._provided_before.items():
            if previous is None:
                modules.pop(name, None)
            else:
                modules[name] = previous
        if self._shadowed:
            modules.update(self._shadowed)
        before = self._modules_before
        if before is None or modules == before:
            return  # code that cannot name sys.modules only added genuine imports, which stay
        modules.update(before)
        if len(modules) != len(before):
            for name in [name for name in modules if name not in before]:
                if not _is_installed_module(modules[name]):
                    del modules[name]


def _is_installed_module(module: Any) -> bool:
    spec = getattr(module, "__spec__", None) if isinstance(module, ModuleType) else None
    if spec is None or isinstance(spec.loader, PackageImporter):
        return False
    origin = spec.origin or ""
    return origin in ("built-in", "frozen") or (origin.startswith("/") and not origin.startswith(_USER_PREFIXES))


def _tuple_getter(keys: tuple[str, ...]) -> Callable[[Any], Any]:
    """``itemgetter`` that always returns a tuple, even for one key."""
    getter = operator.itemgetter(*keys)
    if len(keys) == 1:
        return lambda namespace: (getter(namespace),)
    return getter
