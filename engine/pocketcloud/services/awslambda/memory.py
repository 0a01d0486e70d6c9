"""The memory model behind ``Max Memory Used`` and ``Runtime.OutOfMemory``.

On Lambda, Max Memory Used is the peak resident memory of the execution environment, and a function that
needs more memory than its MemorySize is killed: "Runtime exited with error: signal: killed", error type
``Runtime.OutOfMemory``. https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html

Every pocketcloud function shares one Python process, so there is no resident memory of its own to read, and
tracing every allocation (``tracemalloc``) slows allocation-heavy code several times over. pocketcloud's model
instead measures **the data the function holds**:

    Max Memory Used = runtime base (36 MB) + 1.5 x the unzipped package size + the largest data size seen

where the data size is the deep ``sys.getsizeof`` of what the function's code can reach: its modules' globals,
the locals of its running frames and the value it returns (functions, classes and modules are not counted). It is
sampled at the end of Init and of every invocation, and while the code runs every few hundred guard steps or one
step per object the last sample visited, whichever is more, so a loop that keeps growing a list is caught while it runs
and sampling stays a small share of the code's own time. The sample while code runs counts built-in data only
(:func:`plain_bytes`): it is taken inside the guard's trace function, where measuring the function's own objects
could run its code unguarded. The sample at the end of a phase is exact: built-in data (with functions and classes
left out, as always) is measured by the same C-only walk with the guard off, and anything else under the guard.
When the model exceeds MemorySize the invocation ends with
``Runtime.OutOfMemory`` and the environment is reset, as on Lambda. Memory that is allocated and dropped between
two samples is not seen; a single allocation larger than the host can give fails on the host itself
(``MemoryError``, reported as ``Runtime.OutOfMemory`` too).

The walk stops at the simulated cloud itself: a client the code keeps in a global (``s3 = boto3.client("s3")``,
``cache = redis.Redis(...)``, as AWS recommends doing in init code) holds a reference to its :class:`Cloud`, whose
services, logs and queues live *outside* the execution environment, on AWS's side of the API. Any object whose class
sets ``pocketcloud_outside_function = True`` is neither counted nor entered; without that, every sample would walk
the whole simulation (up to :data:`MAX_OBJECTS` objects), making each invocation slow and Max Memory Used grow with
the state of other services.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from types import BuiltinFunctionType, CodeType, FrameType, FunctionType, MethodType, ModuleType
from typing import Any, Literal, overload

MIB = 1024 * 1024
#: How many objects one sample may visit; beyond it the sample stops (a lower bound, never a hang).
MAX_OBJECTS = 200_000

_SKIP = (ModuleType, FunctionType, BuiltinFunctionType, MethodType, type, CodeType, FrameType)
_SKIP_TYPES = frozenset((FunctionType, BuiltinFunctionType, ModuleType, type, MethodType))
_LEAVES = (str, bytes, bytearray, int, float, complex, bool, memoryview, range, type(None))
_getsizeof = sys.getsizeof
#: The class attribute that marks objects living outside any function's memory (the simulated cloud).
OUTSIDE_MARK = "pocketcloud_outside_function"


class OutOfMemory(BaseException):
    """The function's data outgrew its MemorySize: Lambda kills the runtime (``Runtime.OutOfMemory``)."""


def data_bytes(roots: Iterable[Any], count: bool = False) -> Any:
    """The deep size of the data reachable from ``roots`` (see the module docstring); with ``count``, also how
    many objects the walk visited."""
    stack = [root for root in roots if not isinstance(root, _SKIP)]
    if not stack:
        return (0, 0) if count else 0
    seen: set[int] = set()
    total = 0
    visited = 0
    while stack and visited < MAX_OBJECTS:
        obj = stack.pop()
        key = id(obj)
        if key in seen:
            continue
        seen.add(key)
        visited += 1
        try:
            total += _getsizeof(obj)
        except Exception:  # a broken __sizeof__ is the function's problem, not the model's
            continue
        if isinstance(obj, _LEAVES):
            continue
        if isinstance(obj, dict):
            stack.extend(v for v in obj.values() if not isinstance(v, _SKIP))
            stack.extend(k for k in obj if not isinstance(k, str))
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(v for v in obj if not isinstance(v, _SKIP))
        else:
            if getattr(obj.__class__, OUTSIDE_MARK, False):
                total -= _getsizeof(obj)  # the cloud is not the function's: take back its own size too
                continue
            attrs = getattr(obj, "__dict__", None) if not isinstance(obj, _SKIP) else None
            if isinstance(attrs, dict):
                stack.append(attrs)
    return (total, visited) if count else total


def module_roots(modules: Iterable[ModuleType]) -> list[Any]:
    """The global values of the function's own modules (names starting with ``__`` are the runtime's)."""
    roots: list[Any] = []
    skip = _SKIP_TYPES
    for module in modules:
        for name, value in module.__dict__.items():
            if value.__class__ not in skip and name[:2] != "__" and not isinstance(value, _SKIP):
                roots.append(value)
    return roots


#: Exact types for which everything a walk does to them (``sys.getsizeof``, iterating, ``type()``) is the
#: interpreter's own C code: measuring an object of exactly one of these types never runs function code.
_PLAIN = frozenset(
    (str, bytes, bytearray, memoryview, range, int, float, complex, bool, type(None), dict, list, tuple, set, frozenset)
)
_PLAIN_LEAVES = _PLAIN - {dict, list, tuple, set, frozenset}
#: The exact types of :data:`_SKIP` (functions, methods, classes made by ``type``, modules, code, frames): values
#: the full walk leaves out, recognised here without ``isinstance`` (which can run a ``__class__`` property).
_SKIP_EXACT = frozenset(_SKIP)


@overload
def plain_roots(modules: Iterable[ModuleType], strict: Literal[False] = False) -> list[Any]: ...
@overload
def plain_roots(modules: Iterable[ModuleType], strict: bool) -> list[Any] | None: ...
def plain_roots(modules: Iterable[ModuleType], strict: bool = False) -> list[Any] | None:
    """The globals of the function's modules that are exactly built-in data (:data:`_PLAIN`), found with
    ``type()`` and plain dict reads alone; any other global is left out (see :func:`plain_bytes`).

    With ``strict``, None instead when some global is neither built-in data nor something the full walk leaves
    out anyway (a function, class, module or method, by exact type): the globals :func:`module_roots` would give
    are then not all here."""
    plain = _PLAIN
    skipped = _SKIP_EXACT
    roots: list[Any] = []
    for module in modules:
        if type(module) is not ModuleType:
            if strict:
                return None
            continue
        for name, value in module.__dict__.items():
            if type(name) is not str:
                if strict:
                    return None
            elif name[:2] != "__":
                kind = type(value)
                if kind in plain:
                    roots.append(value)
                elif strict and kind not in skipped:
                    return None
    return roots


@overload
def plain_bytes(roots: Iterable[Any], strict: Literal[False] = False) -> tuple[int, int]: ...
@overload
def plain_bytes(roots: Iterable[Any], strict: bool) -> tuple[int, int] | None: ...
def plain_bytes(roots: Iterable[Any], strict: bool = False) -> tuple[int, int] | None:
    """(bytes, objects visited) of the built-in data reachable from ``roots``, by :func:`data_bytes`'s walk, but
    touching only objects that are exactly built-in data: ``sys.getsizeof`` and iteration of those are the
    interpreter's C code. Anything else is left out, so this is a lower bound, equal to :func:`data_bytes` when all
    the data is built-in. With ``strict``, None as soon as the walk meets anything :func:`data_bytes` would have
    counted that this walk leaves out: what it returns is then exactly what :func:`data_bytes` gives.

    This is the sample the runaway guard takes while code runs. It runs inside the guard's trace function, where
    function code is not traced, so measuring an object that runs function code (a ``__sizeof__``, a
    ``__class__`` property, a ``dict`` subclass's ``values``) could loop there for ever, unguarded. The sample at
    the end of each phase tries the strict form first, with the guard off (it runs no function code), and
    otherwise uses :func:`data_bytes` under the guard, which counts everything."""
    plain = _PLAIN
    leaves = _PLAIN_LEAVES
    skipped = _SKIP_EXACT
    stack: list[Any] = []
    for root in roots:
        if type(root) in plain:
            stack.append(root)
        elif strict and type(root) not in skipped:
            return None
    seen: set[int] = set()
    total = 0
    visited = 0
    while stack and visited < MAX_OBJECTS:
        obj = stack.pop()
        key = id(obj)
        if key in seen:
            continue
        seen.add(key)
        visited += 1
        total += _getsizeof(obj)
        kind = type(obj)
        if kind in leaves:
            continue
        children = obj.values() if kind is dict else obj
        if strict:
            # data_bytes leaves out values of these exact types, and counts every other value and every
            # non-str key: anything else makes this walk's answer differ from it.
            for value in children:
                if type(value) in plain:
                    stack.append(value)
                elif type(value) not in skipped:
                    return None
            if kind is dict:
                for name in obj:
                    if type(name) is not str:
                        if type(name) not in plain:
                            return None
                        stack.append(name)
            continue
        stack.extend(value for value in children if type(value) in plain)
        if kind is dict:
            stack.extend(name for name in obj if type(name) is not str and type(name) in plain)
    return total, visited


def frame_roots(prefixes: tuple[str, ...]) -> list[Any]:
    """The locals of the function's frames now running (sampled while code runs)."""
    roots: list[Any] = []
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.startswith(prefixes):
            roots.extend(frame.f_locals.values())
        frame = frame.f_back
    return roots


def used_mb(base_mb: float, data: int) -> float:
    return base_mb + data / MIB
