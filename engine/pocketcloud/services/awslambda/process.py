"""The process-wide APIs a function sees: exits, signals, stdin, tracing hooks, the recursion limit, ``random``.

On Lambda a function owns its runtime process: ``os._exit`` ends it (Lambda reports ``Runtime.ExitError``), stdin
is empty, and ``random`` starts from a fresh seed. In pocketcloud every function shares the engine's process, so
these calls get stand-ins while function code runs, and the engine's own references are private:

- ``os._exit``, ``os.abort`` and signals sent to the process itself end the *runtime*, not the host: they raise
  :class:`ProcessExit`, which the engine reports as Lambda reports a runtime that exited;
- ``input()`` and ``sys.stdin`` read an empty stream (``EOFError``), never the host's terminal;
- ``sys.settrace``/``setprofile`` and ``sys.monitoring`` calls that would switch off the runaway guard are
  kept from doing so; ``sys.setrecursionlimit`` is capped, so deep recursion fails with ``RecursionError``
  instead of crashing the interpreter;
- ``exec``/``eval``/``compile`` mark the code they compile as function code, which the guard counts;
- the ``random`` module's functions draw from one generator per execution environment, seeded from the cloud's
  seed, so the same seed gives the same results and the host's own random state is never touched.
"""

from __future__ import annotations

import builtins
import io
import os
import random
import signal
import sys
from collections.abc import Callable
from typing import Any

from . import guard

#: The highest recursion limit function code may set (pocketcloud's safety cap: deeper C recursion could
#: overflow the interpreter's C stack and crash the host, where on Lambda it would crash only the runtime).
MAX_RECURSION_LIMIT = 10_000

_real_exec = builtins.exec
_real_eval = builtins.eval
_real_compile = builtins.compile
_real_setrecursionlimit = sys.setrecursionlimit
_real_getpid = os.getpid
_real_kill = os.kill


class ProcessExit(BaseException):
    """The function's code ended its runtime process (``os._exit``, ``os.abort``, a fatal signal to itself)."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        #: How Lambda describes the exit: ``exit status 3`` or ``signal: killed``.
        self.status = status


def exit_status(exc: BaseException) -> str:
    """The runtime's exit as Lambda words it (Go's ``ProcessState`` string) for an exception that escaped.

    Lambda's Python runtime catches only ``Exception`` around the handler, so any other ``BaseException``
    (and an exception raised while the runtime formats the error) ends the runtime process: ``SystemExit(n)``
    with status ``n``, an uncaught ``KeyboardInterrupt`` through SIGINT (CPython re-raises the signal), anything
    else with status 1.
    https://github.com/aws/aws-lambda-python-runtime-interface-client/blob/main/awslambdaric/bootstrap.py
    """
    if isinstance(exc, ProcessExit):
        return exc.status
    if isinstance(exc, KeyboardInterrupt):
        return "signal: interrupt"
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None:
            return "exit status 0"
        if isinstance(code, int) and not isinstance(code, bool):
            return f"exit status {code & 0xFF}"
        return "exit status 1"
    return "exit status 1"


_SIGNAL_WORDS: dict[int, str] = {
    signal.SIGKILL: "killed",
    signal.SIGTERM: "terminated",
    signal.SIGINT: "interrupt",
    signal.SIGABRT: "aborted",
    signal.SIGSEGV: "segmentation fault",
}


def _exit(status: int) -> None:
    raise ProcessExit(f"exit status {int(status) & 0xFF}")


def _abort() -> None:
    raise ProcessExit("signal: aborted")


def _kill(pid: int, sig: int) -> None:
    if pid in (0, -1, _real_getpid()):
        if sig == 0:
            return
        raise ProcessExit(f"signal: {_SIGNAL_WORDS.get(sig, str(sig))}")
    raise PermissionError(1, "Operation not permitted")


def _raise_signal(sig: int) -> None:
    _kill(0, sig)


def _input(prompt: Any = "") -> str:
    if prompt:
        sys.stdout.write(str(prompt))
    raise EOFError("EOF when reading a line")


class EmptyStdin(io.StringIO):
    """``sys.stdin`` inside a function: the runtime's stdin carries nothing."""

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


# -- tracing hooks, recursion limit -----------------------------------------------------------------------------

_user_trace: list[Any] = [None, None]


def _settrace(function: Any) -> None:
    """Accepted and remembered, never installed: the guard holds the interpreter's trace hook."""
    _user_trace[0] = function


def _gettrace() -> Any:
    return _user_trace[0]


def _setprofile(function: Any) -> None:
    _user_trace[1] = function


def _getprofile() -> Any:
    return _user_trace[1]


def _setrecursionlimit(limit: int) -> None:
    if not isinstance(limit, int):
        raise TypeError("'" + type(limit).__name__ + "' object cannot be interpreted as an integer")
    _real_setrecursionlimit(min(limit, MAX_RECURSION_LIMIT))


# -- exec, eval, compile: code compiled inside a function is function code ----------------------------------------


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1,
             **kwargs: Any) -> Any:  # fmt: skip
    code = _real_compile(source, filename, mode, flags, dont_inherit, optimize, **kwargs)
    if isinstance(code, type(_compile.__code__)):
        guard.instrument(code)
    return code


def _caller_namespaces(globals_: Any, locals_: Any) -> tuple[Any, Any]:
    if globals_ is None:
        frame = sys._getframe(2)
        globals_ = frame.f_globals
        if locals_ is None:
            locals_ = frame.f_locals
    return globals_, locals_


def _exec(source: Any, globals_: Any = None, locals_: Any = None, /, **kwargs: Any) -> None:
    if isinstance(source, (str, bytes, bytearray)):
        source = _compile(source, "<string>", "exec")
    globals_, locals_ = _caller_namespaces(globals_, locals_)
    _real_exec(source, globals_, locals_, **kwargs)


def _eval(source: Any, globals_: Any = None, locals_: Any = None, /) -> Any:
    if isinstance(source, (str, bytes, bytearray)):
        text = source if isinstance(source, str) else bytes(source).decode()
        source = _compile(text.lstrip(" \t"), "<string>", "eval")
    globals_, locals_ = _caller_namespaces(globals_, locals_)
    return _real_eval(source, globals_, locals_)


# -- sys.monitoring: function code may use its own tools, never free or silence the guard's -----------------------


def _monitoring_patches() -> list[tuple[Any, str, Any, Any]]:
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is None:
        return []
    out: list[tuple[Any, str, Any, Any]] = []
    for name in ("use_tool_id", "free_tool_id", "clear_tool_id", "set_events", "set_local_events", "register_callback"):
        real = getattr(monitoring, name, None)
        if real is not None:
            out.append((monitoring, name, _protect_tool(real), real))
    return out


def _protect_tool(real: Callable[..., Any]) -> Callable[..., Any]:
    def call(tool_id: int, *args: Any) -> Any:
        if tool_id == guard.tool_id():
            raise ValueError(f"tool {tool_id} is already in use")
        return real(tool_id, *args)

    return call


# -- random: one generator per environment ----------------------------------------------------------------------

#: Module-level functions of ``random`` that are bound methods of its hidden generator.
_RANDOM_NAMES = tuple(
    name
    for name, value in vars(random).items()
    if not name.startswith("_") and getattr(value, "__self__", None) is random._inst
)


def random_patches(rng: random.Random) -> list[tuple[Any, str, Any, Any]]:
    """``random.random``, ``randint``, ``choice``, ``seed``... bound to ``rng`` while the function runs."""
    return [(random, name, getattr(rng, name), getattr(random, name)) for name in _RANDOM_NAMES]


def patches(stdin: io.StringIO) -> list[tuple[Any, str, Any, Any]]:
    """(owner, attribute, stand-in, original) for the process-wide APIs (see the module docstring)."""
    out: list[tuple[Any, str, Any, Any]] = [
        (os, "_exit", _exit, os._exit),
        (os, "abort", _abort, os.abort),
        (os, "kill", _kill, os.kill),
        (builtins, "input", _input, builtins.input),
        (builtins, "exec", _exec, builtins.exec),
        (builtins, "eval", _eval, builtins.eval),
        (builtins, "compile", _compile, builtins.compile),
        (sys, "stdin", stdin, sys.stdin),
        (sys, "settrace", _settrace, sys.settrace),
        (sys, "gettrace", _gettrace, sys.gettrace),
        (sys, "setprofile", _setprofile, sys.setprofile),
        (sys, "getprofile", _getprofile, sys.getprofile),
        (sys, "setrecursionlimit", _setrecursionlimit, sys.setrecursionlimit),
    ]
    if hasattr(os, "killpg"):
        out.append((os, "killpg", _kill, os.killpg))
    return out + _monitoring_patches()
