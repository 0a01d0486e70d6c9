"""Virtual time as function code sees it: ``time``, ``datetime`` and the clock of the running phase.

Inside a function, ``time.sleep`` advances the invocation's virtual elapsed time instead of blocking, and every
way of reading the time follows the virtual clock: ``time.time``/``monotonic``/``perf_counter`` (and their
``_ns`` forms), ``time.localtime``/``gmtime``/``ctime``/``asctime``/``strftime`` when called without a time, and
``datetime.now``/``utcnow``/``today``. Lambda sets ``TZ=:UTC``, so local time inside a function is UTC.
https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
"""

from __future__ import annotations

import datetime as _datetime_module
import time as _time_module
from _thread import get_ident as _get_ident
from typing import Any

from ...timeutil import EPOCH_SECONDS
from . import guard as _guard


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
        deadline = self.deadline
        if deadline is not None and (target > deadline or (seconds > 0 and self.elapsed >= deadline)):
            self.elapsed = deadline
            guard = _guard._active
            if guard is not None:
                guard.trip()  # whatever the code catches, it is stopped at its next step
            raise _guard.DeadlineExceeded()
        self.elapsed = target

    def wait(self, timeout: float | None) -> None:
        """A wait nothing can end: it lasts ``timeout``, or the rest of the phase when there is none."""
        if timeout is None:
            remaining = (self.deadline - self.elapsed) if self.deadline is not None else 0.0
            self.advance(max(remaining, 0.0) + 1e-9)
        elif timeout > 0:
            self.advance(timeout)

    @property
    def expired(self) -> bool:
        return self.deadline is not None and self.elapsed >= self.deadline

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
_real_gmtime = _time_module.gmtime
_real_localtime = _time_module.localtime
_real_ctime = _time_module.ctime
_real_asctime = _time_module.asctime
_real_strftime = _time_module.strftime
_RealDateTime = _datetime_module.datetime
_RealDate = _datetime_module.date
_UTC = _datetime_module.UTC

#: The clock of the code running right now, or None outside any function. The patched functions below are
#: module-level singletons that read it, so a function that did ``from time import sleep`` during init still
#: gets the *current* invocation's clock later.
_current: VirtualClock | None = None
#: The thread that runs the function code (the one that set the clock). Other threads of the host process — a
#: Jupyter kernel's heartbeat sleeping once a second — keep the real clock: without this check, every
#: ``time.sleep(1)`` of such a thread would move a running invocation's virtual time by a second.
_owner: int | None = None
#: A fixed offset for monotonic clocks, so that they are not mistaken for Unix timestamps.
_MONOTONIC_BASE = 1000.0


def set_current(clock: VirtualClock | None) -> None:
    global _current, _owner
    _current = clock
    _owner = _get_ident() if clock is not None else None


def _mine() -> VirtualClock | None:
    """The running phase's clock when the caller is the thread running the function code, else None."""
    clock = _current
    if clock is None or _get_ident() != _owner:
        return None
    return clock


def current_clock() -> VirtualClock | None:
    """The virtual clock of the function code running right now (None outside any function, and in any other
    thread of the host process)."""
    return _mine()


def _sleep(seconds: float) -> None:
    clock = _mine()
    if clock is None:
        _real_sleep(seconds)
    else:
        clock.advance(float(seconds))


def _time() -> float:
    clock = _mine()
    return _real_time() if clock is None else EPOCH_SECONDS + clock.now


def _time_ns() -> int:
    clock = _mine()
    return _real_time_ns() if clock is None else round((EPOCH_SECONDS + clock.now) * 1e9)


def _monotonic() -> float:
    clock = _mine()
    return _real_monotonic() if clock is None else _MONOTONIC_BASE + clock.now


def _monotonic_ns() -> int:
    clock = _mine()
    return _real_monotonic_ns() if clock is None else round((_MONOTONIC_BASE + clock.now) * 1e9)


def _perf_counter() -> float:
    clock = _mine()
    return _real_perf_counter() if clock is None else _MONOTONIC_BASE + clock.now


def _perf_counter_ns() -> int:
    clock = _mine()
    return _real_perf_counter_ns() if clock is None else round((_MONOTONIC_BASE + clock.now) * 1e9)


def _gmtime(secs: float | None = None) -> _time_module.struct_time:
    return _real_gmtime(_time() if secs is None else secs)


def _localtime(secs: float | None = None) -> _time_module.struct_time:
    if _mine() is None:
        return _real_localtime(secs)
    return _real_gmtime(_time() if secs is None else secs)  # TZ=:UTC on Lambda


def _ctime(secs: float | None = None) -> str:
    return _real_asctime(_localtime(secs)) if _mine() is not None else _real_ctime(secs)


def _asctime(t: Any = None) -> str:
    return _real_asctime(_localtime() if t is None else t)


def _strftime(fmt: str, t: Any = None) -> str:
    return _real_strftime(fmt, _localtime() if t is None else t)


class VirtualDateTime(_RealDateTime):
    """``datetime.datetime`` whose ``now``/``utcnow``/``today`` read the virtual clock inside a function."""

    @classmethod
    def now(cls, tz: _datetime_module.tzinfo | None = None) -> VirtualDateTime:
        clock = _mine()
        if clock is None:
            return super().now(tz)
        moment = cls.fromtimestamp(EPOCH_SECONDS + clock.now, tz or _UTC)
        return moment if tz is not None else moment.replace(tzinfo=None)

    @classmethod
    def utcnow(cls) -> VirtualDateTime:
        clock = _mine()
        if clock is None:
            return cls.now(_UTC).replace(tzinfo=None)
        return cls.fromtimestamp(EPOCH_SECONDS + clock.now, _UTC).replace(tzinfo=None)

    @classmethod
    def today(cls) -> VirtualDateTime:
        return cls.now()


class VirtualDate(_RealDate):
    """``datetime.date`` whose ``today`` reads the virtual clock inside a function."""

    @classmethod
    def today(cls) -> VirtualDate:
        clock = _mine()
        if clock is None:
            return super().today()
        moment = _RealDateTime.fromtimestamp(EPOCH_SECONDS + clock.now, _UTC)
        return cls(moment.year, moment.month, moment.day)


TIME_PATCHES: tuple[tuple[Any, str, Any, Any], ...] = (
    (_time_module, "sleep", _sleep, _real_sleep),
    (_time_module, "time", _time, _real_time),
    (_time_module, "time_ns", _time_ns, _real_time_ns),
    (_time_module, "monotonic", _monotonic, _real_monotonic),
    (_time_module, "monotonic_ns", _monotonic_ns, _real_monotonic_ns),
    (_time_module, "perf_counter", _perf_counter, _real_perf_counter),
    (_time_module, "perf_counter_ns", _perf_counter_ns, _real_perf_counter_ns),
    (_time_module, "gmtime", _gmtime, _real_gmtime),
    (_time_module, "localtime", _localtime, _real_localtime),
    (_time_module, "ctime", _ctime, _real_ctime),
    (_time_module, "asctime", _asctime, _real_asctime),
    (_time_module, "strftime", _strftime, _real_strftime),
    (_datetime_module, "datetime", VirtualDateTime, _RealDateTime),
    (_datetime_module, "date", VirtualDate, _RealDate),
)
