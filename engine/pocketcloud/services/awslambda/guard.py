"""The runaway guard: stops function code that would otherwise never give control back to the engine.

A Lambda function that loops forever is stopped by Lambda at its timeout. pocketcloud runs the code on a
virtual clock, so a loop that never sleeps never reaches its timeout on that clock: the guard gives every
invocation (and every Init) a deterministic **budget of executed steps** instead, and once the budget or the
virtual deadline is spent it raises :class:`RunawayCode` in the code *again at every further step* until the code
gives up control. However much of it the code catches, the invocation is then reported as a timeout, exactly as
Lambda reports a function that did not finish in time.

Each interpreter gets the mechanism it offers:

- **Python 3.12 and later** (Pyodide included): ``sys.monitoring`` events on the function's own code objects
  only (``PY_START``, ``PY_RESUME``, ``JUMP`` and the branch events): every loop iteration and every call is a
  step, so even a one-line ``while True: pass`` is counted. A callback that raises does not switch the tool off,
  so the next step raises again. Nothing else in the process is instrumented, and no thread is needed.
- **Python 3.11**: ``sys.settrace`` with opcode events, in the function's frames only (a one-line loop emits a
  single *line* event on 3.11, but one *opcode* event per iteration). CPython switches a trace function off
  when it raises; the stop exception switches tracing back on when the code that caught it drops it, so the
  next step raises again. A function whose code has no backward jump and no exception handler runs each of its
  instructions at most once per call, so it is not traced: each call is charged its instruction count, an upper
  bound of its opcodes (a one-line handler costs one trace call instead of one per opcode).

What cannot be stopped in-process is code that never comes back to Python bytecode: a C-level loop such as
``collections.deque(itertools.count(), maxlen=0)``, or a blocking C call. Such code hangs the Python process (in a
browser, the tab's Python worker); the site's Stop button ends the worker. The documentation says so.
"""

from __future__ import annotations

import dis
import sys
import weakref
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any

#: Where a function's own code appears to live, as on Lambda (``LAMBDA_TASK_ROOT``), and its layers (``/opt``).
USER_PREFIXES = ("/var/task/", "/opt/")

#: The most steps one Init or one invocation may execute. A "step" is an opcode on Python 3.11 and a call or a
#: jump on 3.12+, so the figure differs per interpreter; both are far beyond what a teaching handler needs
#: (a real handler that needs more should model its work with virtual time, ``cpu_work``), and both stop a
#: runaway loop within a few seconds of real time. The outcome is the same everywhere: a timeout.
DEFAULT_STEP_BUDGET = 5_000_000 if sys.version_info < (3, 12) else 2_000_000


class DeadlineExceeded(BaseException):
    """Raised inside user code when its virtual time runs out. A BaseException, so ``except Exception`` in the
    handler does not catch it; code that catches it anyway is stopped by the guard, which raises again."""


class RunawayCode(DeadlineExceeded):
    """The step budget ran out: the code spins without ever sleeping. Reported as a timeout."""


#: The guard of the code running right now (None outside any function).
_active: Guard | None = None


#: Fewest steps between two calls of a guard's ``tick`` (the memory model's sample while code runs); the tick
#: says how many steps to wait next (a sample that visited many objects waits longer, so sampling stays cheap).
MIN_TICK_STEPS = 256 if sys.version_info < (3, 12) else 64


class Guard:
    """The budget of one phase (Init or Invoke) of one environment."""

    __slots__ = ("budget", "oom", "remaining", "tick", "tick_at", "tripped")

    def __init__(self, budget: int, tick: Callable[[], int] | None = None) -> None:
        self.budget = budget
        self.remaining = budget
        #: The value of ``remaining`` at which ``tick`` is called next.
        self.tick_at = budget - MIN_TICK_STEPS
        #: Set once the budget or the deadline is spent: from then on every step raises again.
        self.tripped = False
        #: Called now and then: returns 0 when the function's data outgrew its memory, else the steps to wait.
        self.tick = tick
        #: Set when ``tick`` said so: the code is stopped like a runaway and reported as out of memory.
        self.oom = False

    def ticked(self) -> bool:
        """Run the periodic check; True when the code must be stopped."""
        if self.tick is None:
            self.tick_at = self.remaining - MIN_TICK_STEPS
            return False
        wait = self.tick()
        if wait <= 0:
            self.oom = self.tripped = True
            return True
        self.tick_at = self.remaining - max(MIN_TICK_STEPS, wait)
        return False

    def trip(self) -> None:
        """The deadline passed (a caught sleep, for example): stop the code at its next step."""
        self.tripped = True
        _request_stop()


def arm(guard: Guard) -> None:
    """Start counting ``guard``'s steps (called by the sandbox when function code starts running)."""
    global _active
    _active = guard
    _arm()


def disarm() -> None:
    """Stop counting: the function's code has given control back.

    ``_active`` is cleared first: on 3.11 the profile hook sees the C calls ``_disarm`` makes, and with a guard
    still active it would switch tracing back on, leaving the host traced (and slow) after the invocation."""
    global _active
    _active = None
    _disarm()


def instrument(code: CodeType) -> CodeType:
    """Mark ``code`` (and every code object nested in it) as function code that the guard counts."""
    _instrument(code)
    return code


# --- Python 3.12+: sys.monitoring -------------------------------------------------------------------------------

if sys.version_info >= (3, 12):  # pragma: no cover - exercised on 3.12+ (Pyodide) by the same tests
    _mon = sys.monitoring
    _E = _mon.events
    _STEP_EVENTS = _E.PY_START | _E.PY_RESUME | _E.JUMP
    _BRANCH_EVENTS = tuple(getattr(_E, name) for name in ("BRANCH", "BRANCH_LEFT", "BRANCH_RIGHT") if hasattr(_E, name))
    for _event in _BRANCH_EVENTS:
        _STEP_EVENTS |= _event
    _TOOL: int | None = None
    # The real functions, kept privately: function code sees stand-ins that protect the guard's tool id.
    _get_tool = _mon.get_tool
    _use_tool_id = _mon.use_tool_id
    _register_callback = _mon.register_callback
    _set_local_events = _mon.set_local_events

    def _tool() -> int:
        global _TOOL
        if _TOOL is None:
            for candidate in (4, 3, 2, 1, 0, 5):
                if _get_tool(candidate) is None:
                    _use_tool_id(candidate, "pocketcloud runaway guard")
                    _TOOL = candidate
                    break
            else:
                raise RuntimeError("no free sys.monitoring tool id for pocketcloud's runaway guard")
            for event in (_E.PY_START, _E.PY_RESUME, _E.JUMP, *_BRANCH_EVENTS):
                _register_callback(_TOOL, event, _step)
        return _TOOL

    def _step(*_args: Any) -> Any:
        guard = _active
        if guard is None:
            return None  # function code running outside an invocation (a leaked object's method): not counted
        if guard.tripped:
            raise RunawayCode()
        remaining = guard.remaining = guard.remaining - 1
        if remaining <= guard.tick_at and (remaining <= 0 or guard.ticked()):
            guard.tripped = True
            raise RunawayCode()
        return None

    def _instrument(code: CodeType) -> None:
        tool = _tool()
        stack = [code]
        while stack:
            current = stack.pop()
            _set_local_events(tool, current, _STEP_EVENTS)
            stack.extend(c for c in current.co_consts if isinstance(c, CodeType))

    def _arm() -> None:
        return None

    def _disarm() -> None:
        return None

    def _request_stop() -> None:
        return None  # the next step's callback raises

    def tool_id() -> int | None:
        """The ``sys.monitoring`` tool id the guard holds (the sandbox refuses to let function code free it)."""
        return _TOOL

# --- Python 3.11: sys.settrace with opcode events --------------------------------------------------------------

else:
    #: Filenames of code compiled inside a function (``exec``, ``compile``): traced as function code too.
    _user_files: set[str] = set()
    #: The real hooks, kept privately: function code sees stand-ins (see the sandbox).
    _settrace = sys.settrace
    _gettrace = sys.gettrace
    _setprofile = sys.setprofile
    _getprofile = sys.getprofile
    _getframe = sys._getframe
    _saved_trace: Any = None
    _saved_profile: Any = None

    def _is_user(filename: str) -> bool:
        return filename.startswith(USER_PREFIXES) or filename in _user_files

    #: Opcodes that jump backwards: a code object without them (and without exception handlers, whose targets
    #: a crafted code object could place anywhere) runs each of its instructions at most once per call.
    _BACKWARD = frozenset(op for name, op in dis.opmap.items() if "BACKWARD" in name)
    #: ``id(code)`` of function code -> (a weak reference to it, its instruction count when it is straight-line,
    #: else 0): see ``_global_trace``. Keyed by id, because hashing a code object hashes all its constants; an
    #: entry whose code object has gone is recognised (and replaced) when the id is used again.
    _straight: dict[int, tuple[weakref.ref[CodeType], int]] = {}

    def _straight_length(code: CodeType) -> int:
        raw = code.co_code  # the unspecialised instructions, two bytes each
        if code.co_exceptiontable or not _BACKWARD.isdisjoint(raw[0::2]):
            return 0
        return len(raw) // 2

    def _global_trace(frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        filename = code.co_filename
        if not (filename.startswith(USER_PREFIXES) or filename in _user_files):  # _is_user, inlined: every call
            return None
        entry = _straight.get(id(code))
        if entry is None or entry[0]() is not code:
            entry = _straight[id(code)] = (weakref.ref(code), _straight_length(code))
        length = entry[1]
        if length:
            # Straight-line function code cannot run longer than its length without calling (and each call is
            # counted here again): it is charged that many steps now instead of being traced opcode by opcode,
            # an upper bound that never lets it run further than tracing would, at a fraction of the cost.
            guard = _active
            if guard is not None:
                if guard.tripped:
                    _stop()
                remaining = guard.remaining = guard.remaining - length
                if remaining <= guard.tick_at:
                    _checkpoint(guard, remaining)
            return None
        frame.f_trace_opcodes = True
        return _local_trace

    def _local_trace(frame: FrameType, event: str, arg: Any) -> Any:
        guard = _active
        if guard is None:
            return None
        if guard.tripped:
            _stop()
        remaining = guard.remaining = guard.remaining - 1
        if remaining <= guard.tick_at:
            _checkpoint(guard, remaining)
        return _local_trace

    def _checkpoint(guard: Guard, remaining: int) -> None:
        """The budget's periodic check, from inside the trace function: stop, or sample memory and go on."""
        # Long-running code: a profile hook now watches calls too, so that tracing lost to an error inside
        # the trace function itself (a RecursionError at the recursion limit) comes back at the next call.
        if _getprofile() is not _profile:
            _setprofile(_profile)
        if remaining <= 0 or guard.ticked():
            guard.tripped = True
            _stop()
        elif guard.tick is None:
            guard.tick_at = remaining - MIN_TICK_STEPS

    def _stop() -> None:
        # From now on a profile hook watches calls too: code that catches the stop and calls something before
        # dropping it (an ``except: f()``) gets tracing back at that call.
        if _getprofile() is not _profile:
            _setprofile(_profile)
        raise _Stop()

    def _profile(frame: FrameType, event: str, arg: Any) -> None:
        if _active is not None and _gettrace() is None:
            _rearm()

    def _rearm() -> None:
        """Tracing back on, in every function frame on the stack (CPython switched it off when we raised)."""
        _settrace(_global_trace)
        frame: FrameType | None = _getframe(2)
        while frame is not None:
            if _is_user(frame.f_code.co_filename):
                frame.f_trace = _local_trace
                frame.f_trace_opcodes = True
            frame = frame.f_back

    class _Stop(RunawayCode):
        """The stop raised from the trace function. CPython switches tracing off when a trace function raises;
        when the code has caught this exception and dropped it, ``__del__`` switches tracing back on, so the
        code's next step raises again. (Code that keeps a reference to the exception keeps tracing off: the
        honest limit of this mechanism on 3.11, documented on the lifecycle page.)"""

        def __del__(self) -> None:
            guard = _active
            if guard is not None and guard.tripped and _gettrace() is None:
                _rearm()

    def _request_stop() -> None:
        return None  # the code's next step raises

    def _instrument(code: CodeType) -> None:
        if not code.co_filename.startswith(USER_PREFIXES):
            _user_files.add(code.co_filename)

    def _arm() -> None:
        global _saved_trace, _saved_profile
        # A debugger's or coverage's hooks are put back afterwards (never the guard's own, if left over).
        _saved_trace = None if _gettrace() is _global_trace else _gettrace()
        _saved_profile = None if _getprofile() is _profile else _getprofile()
        _settrace(_global_trace)

    def _disarm() -> None:
        _settrace(_saved_trace)
        if _getprofile() is not _saved_profile:
            _setprofile(_saved_profile)

    def tool_id() -> int | None:
        return None
