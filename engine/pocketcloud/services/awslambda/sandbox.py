"""The handler sandbox: what a function's code sees while it runs inside pocketcloud.

Learner code runs in the same Python interpreter as the engine (there is no other process in a browser), so
the sandbox makes the interpreter *look* like a Lambda execution environment for exactly as long as the code
runs, then puts everything back:

- **Imports** come from the function's package, as if from ``/var/task``. Modules a function imports belong to
  its execution environment: they are put into ``sys.modules`` while it runs and taken out afterwards, so
  two functions (or two environments of one function) never share module globals, and the notebook never sees
  them.
- **Time** follows the virtual clock: ``time.sleep`` advances the invocation's virtual elapsed time instead of
  blocking, and ``time.time``/``monotonic``/``perf_counter`` and ``datetime.now`` read it.
- **Output** (``print``, stderr) goes to the environment's log stream, as on Lambda, not to the notebook.
- **Environment variables**: ``os.environ`` is the function's own variables plus Lambda's runtime variables.
- **Runaway code** is stopped: a line budget (a deterministic guard, not a wall-clock one) ends a handler that
  loops without ever sleeping, and it is reported as a timeout.
"""

from __future__ import annotations

import datetime as _datetime_module
import importlib.abc
import importlib.machinery
import logging
import operator
import os
import shutil
import sys
import time as _time_module
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import CodeType, FrameType, ModuleType
from typing import Any

from ...timeutil import EPOCH_SECONDS

#: Where a function's own code appears to live, as on Lambda (``LAMBDA_TASK_ROOT``).
TASK_ROOT = "/var/task"
#: Where layer content appears to live (``/opt``); Python packages go under ``/opt/python``.
LAYER_ROOT = "/opt"

#: The most source lines a single init or invoke may execute before the guard calls it a runaway. A real
#: handler that needs more work than this should model it with virtual time; a loop that never sleeps is
#: reported exactly as Lambda reports a handler that does not finish: as a timeout.
DEFAULT_LINE_BUDGET = 5_000_000

_USER_PREFIXES = (TASK_ROOT + "/", LAYER_ROOT + "/")


class DeadlineExceeded(BaseException):
    """Raised inside user code when its virtual time runs out. A BaseException, so ``except Exception`` in the
    handler cannot swallow it, just as a handler on Lambda cannot catch its own timeout."""


class RunawayCode(DeadlineExceeded):
    """The line budget ran out: the code spins without sleeping. Reported as a timeout."""


# --- virtual time -------------------------------------------------------------------------------------------


class VirtualClock:
    """Time as one phase (init or invoke) of one environment sees it.

    ``base`` is the cloud's virtual time when the phase started, ``elapsed`` how far the code has moved it
    (sleeps), ``deadline`` the elapsed time at which the phase is cut off (the function timeout).
    """

    __slots__ = ("base", "deadline", "elapsed", "vcpus")

    def __init__(self, base: float, deadline: float | None, vcpus: float = 1.0) -> None:
        self.base = base
        self.elapsed = 0.0
        self.deadline = deadline
        #: The CPU share of the function (memory / 1,769 MB), which sets how fast simulated CPU work runs.
        self.vcpus = vcpus

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        target = self.elapsed + seconds
        if self.deadline is not None and target > self.deadline:
            self.elapsed = self.deadline
            raise DeadlineExceeded()
        self.elapsed = target

    @property
    def now(self) -> float:
        return self.base + self.elapsed


_real_sleep = _time_module.sleep
_real_time = _time_module.time
_real_time_ns = _time_module.time_ns
_real_monotonic = _time_module.monotonic
_real_monotonic_ns = _time_module.monotonic_ns
_real_perf_counter = _time_module.perf_counter
_real_perf_counter_ns = _time_module.perf_counter_ns
_RealDateTime = _datetime_module.datetime
_RealDate = _datetime_module.date

#: The clock of the code running right now, or None outside any function. The patched functions below are
#: module-level singletons that read it, so a function that did ``from time import sleep`` during init still
#: gets the *current* invocation's clock later.
_current: VirtualClock | None = None
#: A fixed offset for monotonic clocks, so that they are not mistaken for Unix timestamps.
_MONOTONIC_BASE = 1000.0


def _sleep(seconds: float) -> None:
    if _current is None:
        _real_sleep(seconds)
    else:
        _current.advance(float(seconds))


def _time() -> float:
    return _real_time() if _current is None else EPOCH_SECONDS + _current.now


def _time_ns() -> int:
    return _real_time_ns() if _current is None else round((EPOCH_SECONDS + _current.now) * 1e9)


def _monotonic() -> float:
    return _real_monotonic() if _current is None else _MONOTONIC_BASE + _current.now


def _monotonic_ns() -> int:
    return _real_monotonic_ns() if _current is None else round((_MONOTONIC_BASE + _current.now) * 1e9)


def _perf_counter() -> float:
    return _real_perf_counter() if _current is None else _MONOTONIC_BASE + _current.now


def _perf_counter_ns() -> int:
    return _real_perf_counter_ns() if _current is None else round((_MONOTONIC_BASE + _current.now) * 1e9)


class VirtualDateTime(_RealDateTime):
    """``datetime.datetime`` whose ``now``/``utcnow``/``today`` read the virtual clock inside a function."""

    @classmethod
    def now(cls, tz: _datetime_module.tzinfo | None = None) -> VirtualDateTime:
        if _current is None:
            return super().now(tz)
        return cls.fromtimestamp(EPOCH_SECONDS + _current.now, tz)

    @classmethod
    def utcnow(cls) -> VirtualDateTime:
        if _current is None:
            return cls.now(_datetime_module.UTC).replace(tzinfo=None)
        return cls.fromtimestamp(EPOCH_SECONDS + _current.now, _datetime_module.UTC).replace(tzinfo=None)

    @classmethod
    def today(cls) -> VirtualDateTime:
        return cls.now()


class VirtualDate(_RealDate):
    """``datetime.date`` whose ``today`` reads the virtual clock inside a function."""

    @classmethod
    def today(cls) -> VirtualDate:
        if _current is None:
            return super().today()
        moment = _RealDateTime.fromtimestamp(EPOCH_SECONDS + _current.now)
        return cls(moment.year, moment.month, moment.day)


_TIME_PATCHES: tuple[tuple[Any, str, Any, Any], ...] = (
    (_time_module, "sleep", _sleep, _real_sleep),
    (_time_module, "time", _time, _real_time),
    (_time_module, "time_ns", _time_ns, _real_time_ns),
    (_time_module, "monotonic", _monotonic, _real_monotonic),
    (_time_module, "monotonic_ns", _monotonic_ns, _real_monotonic_ns),
    (_time_module, "perf_counter", _perf_counter, _real_perf_counter),
    (_time_module, "perf_counter_ns", _perf_counter_ns, _real_perf_counter_ns),
    (_datetime_module, "datetime", VirtualDateTime, _RealDateTime),
    (_datetime_module, "date", VirtualDate, _RealDate),
)


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
        self._mount_roots: dict[str, str] | None = None

    def mount_roots(self) -> dict[str, str]:
        """Real folders holding ``/var/task`` and ``/opt`` for this code view, written once on first use."""
        if self._mount_roots is None:
            from .tmpfs import materialize

            self._mount_roots = {prefix: materialize(files) for prefix, files in self._mount_files.items()}
            for root in self._mount_roots.values():
                weakref.finalize(self, shutil.rmtree, root, True)
        return self._mount_roots

    def code(self, name: str) -> CodeType:
        code = self._code.get(name)
        if code is None:
            origin, _is_package, source = self.entries[name]
            code = compile(source, origin, "exec", dont_inherit=True)
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


# --- the line-budget guard ----------------------------------------------------------------------------------


class LineGuard:
    """Counts source lines executed in user code and stops the code when the budget runs out.

    Only frames whose file lives under ``/var/task`` or ``/opt`` are traced line by line, so the engine and
    the standard library run at full speed. Once tripped, the guard raises on *every* further user line, so
    even a ``while True: try: ... except BaseException: ...`` loop cannot keep going.
    """

    __slots__ = ("budget", "remaining", "tripped")

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.remaining = budget
        self.tripped = False

    def global_trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename.startswith(_USER_PREFIXES):
            return self.local_trace
        return None

    def local_trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.remaining -= 1
            if self.remaining <= 0:
                self.tripped = True
                raise RunawayCode()
        return self.local_trace


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
        self.patches = _TIME_PATCHES + tuple(extra_patches or ())
        #: Modules the runtime provides (boto3), unless the function's own files provide them.
        self.provided = {
            name: module for name, module in (provided or {}).items() if name.split(".")[0] not in index.top_level
        }
        self._groups = self._grouped_patches()

    @contextmanager
    def active(self, clock: VirtualClock, line_budget: int = DEFAULT_LINE_BUDGET) -> Iterator[LineGuard]:
        """Make the interpreter look like this environment for the duration of the ``with`` block."""
        guard = self.enter(clock, line_budget)
        try:
            yield guard
        finally:
            self.exit()

    def _grouped_patches(self) -> list[tuple[dict[str, Any], dict[str, Any], Callable[[Any], Any], tuple[str, ...]]]:
        """Patches grouped by owner namespace, so each is saved with one ``itemgetter`` call and applied with one
        ``dict.update``: this runs twice per invocation."""
        groups: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        for owner, attr, patched, _real in self.patches:
            namespace = owner.__dict__
            groups.setdefault(id(namespace), (namespace, {}))[1][attr] = patched
        out: list[tuple[dict[str, Any], dict[str, Any], Callable[[Any], Any], tuple[str, ...]]] = []
        for namespace, patched in groups.values():
            keys = tuple(patched)
            out.append((namespace, patched, _tuple_getter(keys), keys))
        return out

    def enter(self, clock: VirtualClock, line_budget: int = DEFAULT_LINE_BUDGET) -> LineGuard:
        """Swap this environment into the interpreter. Always pair with :meth:`exit` (in a ``finally``)."""
        global _current
        if _current is not None:
            raise RuntimeError("a Lambda function cannot run another function's code synchronously inside it")
        modules = sys.modules
        # Hide anything in sys.modules that the function's own files shadow (a learner's "json.py" wins, as
        # /var/task comes first on Lambda's sys.path), then bring this environment's modules back in.
        clashes = [name for name in self.index.top_level if name in modules]
        self._shadowed = (
            {name: modules.pop(name) for name in list(modules) if name.split(".")[0] in clashes} if clashes else {}
        )
        modules.update(self.modules)
        provided = self.provided
        self._replaced = {name: modules.get(name) for name in provided} if provided else {}
        modules.update(provided)
        sys.meta_path.insert(0, self.importer)
        self._saved_streams = (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = self.writer  # type: ignore[assignment,unused-ignore]
        self._saved_environ = os.environ
        os.environ = self.environ  # type: ignore[assignment]  # noqa: B003 - swapped back in exit()
        saved = []
        for namespace, patched, getter, keys in self._groups:
            saved.append((namespace, keys, getter(namespace)))
            namespace.update(patched)
        self._saved_patches = saved
        root = logging.root
        self._saved_logging = (root.handlers, root.level)
        root.handlers = [self.log_handler]
        if root.level != self.root_level:
            root.setLevel(self.root_level)  # setLevel, not assignment: it also clears loggers' cached levels
        guard = LineGuard(line_budget)
        self._saved_trace = sys.gettrace()
        _current = clock
        sys.settrace(guard.global_trace)
        return guard

    def exit(self) -> None:
        """Put back everything :meth:`enter` swapped in, keeping this environment's modules for next time."""
        global _current
        sys.settrace(self._saved_trace)
        _current = None
        root = logging.root
        self.root_level = root.level
        saved_handlers, saved_level = self._saved_logging
        root.handlers = saved_handlers
        if root.level != saved_level:
            root.setLevel(saved_level)
        for namespace, keys, originals in self._saved_patches:
            namespace.update(zip(keys, originals, strict=True))
        os.environ = self._saved_environ  # noqa: B003
        self.writer.flush()
        sys.stdout, sys.stderr = self._saved_streams
        with suppress(ValueError):
            sys.meta_path.remove(self.importer)
        modules = sys.modules
        for name in self.index.entries:
            module = modules.pop(name, None)
            if module is not None and getattr(module.__spec__, "loader", None) is self.importer:
                self.modules[name] = module
        for name, previous in self._replaced.items():
            if previous is None:
                modules.pop(name, None)
            else:
                modules[name] = previous
        if self._shadowed:
            modules.update(self._shadowed)


def _tuple_getter(keys: tuple[str, ...]) -> Callable[[Any], Any]:
    """``itemgetter`` that always returns a tuple, even for one key."""
    getter = operator.itemgetter(*keys)
    if len(keys) == 1:
        return lambda namespace: (getter(namespace),)
    return getter


def current_clock() -> VirtualClock | None:
    """The virtual clock of the function code running right now (None outside any function)."""
    return _current
