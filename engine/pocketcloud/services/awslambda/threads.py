"""Threads inside a function: AWS's freeze/thaw behaviour, modelled deterministically without real threads.

On Lambda, when the handler returns, Lambda freezes the execution environment: "background processes or
callbacks that were initiated by your Lambda function and did not complete when the function ended resume if
Lambda reuses the execution environment", and are gone with it when it is shut down.
https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html

pocketcloud runs all function code on one virtual clock in one interpreter (a browser has no threads at all), so
a thread a function starts is a **deferred call** (pocketcloud's model; AWS documents no scheduling):

- ``Thread.start()`` records the thread; it runs, to completion, when the function ``join()``\\ s it or waits
  on something a thread could release (a ``Condition``, ``Event``, ``Queue``, ``Future``, ``Semaphore``);
- a thread still pending when the handler returns is frozen with the environment and runs at the start of the
  environment's **next** invocation (its log lines appear in that invocation's log), or never, if the
  environment is shut down first;
- ``concurrent.futures.ThreadPoolExecutor`` runs each submitted call at once, in order;
- a wait that nothing could ever end waits out its timeout in virtual time, or the rest of the invocation's.

No real thread is ever started, so none can outlive its environment or keep the host process alive.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.thread
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_RealCondition = threading.Condition
#: Read once so that the package caches the real class in its namespace (it is resolved lazily otherwise).
_RealThreadPoolExecutor = concurrent.futures.ThreadPoolExecutor
_real_condition_wait = threading.Condition.wait
_main_ident = threading.get_ident


class ThreadScheduler:
    """The deferred threads of one execution environment."""

    def __init__(self) -> None:
        self.pending: list[SimThread] = []
        #: The real thread running the sandbox (waits from any other thread behave exactly as before).
        self.owner = 0

    def run_pending(self) -> bool:
        """Run every pending thread to completion; True if any ran."""
        ran = False
        while self.pending:
            thread = self.pending.pop(0)
            thread._run_now()
            ran = True
        return ran

    def discard(self) -> None:
        """The environment is gone: its frozen threads die with it."""
        self.pending.clear()


#: The scheduler of the environment whose code runs right now.
_current: ThreadScheduler | None = None
#: How waits that no thread can end spend virtual time: set by the sandbox to the clock's ``wait``.
_wait_out: Callable[[float | None], None] | None = None


def activate(scheduler: ThreadScheduler | None, wait_out: Callable[[float | None], None] | None) -> None:
    global _current, _wait_out
    _current = scheduler
    _wait_out = wait_out
    if scheduler is not None:
        scheduler.owner = _main_ident()


class SimThread:
    """``threading.Thread`` inside a function: a deferred call (see the module docstring)."""

    _counter = 0

    def __init__(
        self,
        group: None = None,
        target: Callable[..., Any] | None = None,
        name: str | None = None,
        args: Iterable[Any] = (),
        kwargs: Mapping[str, Any] | None = None,
        *,
        daemon: bool | None = None,
    ) -> None:
        SimThread._counter += 1
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs or {})
        self.name = name or f"Thread-{SimThread._counter}"
        self.daemon = bool(daemon)
        self._started = False
        self._done = False
        self._scheduler: ThreadScheduler | None = None
        self.ident: int | None = None
        self.native_id: int | None = None

    def start(self) -> None:
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        self.ident = self.native_id = 10_000 + SimThread._counter
        scheduler = _current
        if scheduler is None:  # started outside any function (an object that leaked out): run it now
            self._run_now()
        else:
            self._scheduler = scheduler
            scheduler.pending.append(self)

    def run(self) -> None:
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def _run_now(self) -> None:
        if self._done:
            return
        self._done = True
        scheduler = self._scheduler
        if scheduler is not None and self in scheduler.pending:
            scheduler.pending.remove(self)
        try:
            self.run()
        except Exception as exc:  # as in a real thread: the error is reported, the caller goes on
            import traceback

            print(f"Exception in thread {self.name}:", file=_stderr())
            traceback.print_exception(exc, file=_stderr())

    def join(self, timeout: float | None = None) -> None:
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        self._run_now()

    def is_alive(self) -> bool:
        return self._started and not self._done

    def getName(self) -> str:
        return self.name

    def setDaemon(self, daemonic: bool) -> None:
        self.daemon = daemonic

    def isDaemon(self) -> bool:
        return self.daemon

    def __repr__(self) -> str:
        state = "started" if self.is_alive() else ("stopped" if self._done else "initial")
        return f"<SimThread({self.name}, {state})>"


class SimTimer(SimThread):
    """``threading.Timer`` inside a function: waits its interval in virtual time when it runs."""

    def __init__(
        self,
        interval: float,
        function: Callable[..., Any],
        args: Iterable[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(target=function, args=args or (), kwargs=kwargs)
        self.interval = interval
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        if self._cancelled:
            return
        if _wait_out is not None:
            _wait_out(self.interval)
        if not self._cancelled:
            super().run()


def _start_new_thread(function: Callable[..., Any], args: tuple[Any, ...], kwargs: Any = None) -> int:
    """``_thread.start_new_thread`` inside a function."""
    thread = SimThread(target=function, args=args, kwargs=kwargs)
    thread.start()
    return thread.ident or 0


def _condition_wait(self: Any, timeout: float | None = None) -> bool:
    """``Condition.wait`` (and so ``Event.wait``, ``Queue.get``, ``Future.result``, ``Semaphore.acquire``)."""
    scheduler = _current
    if scheduler is None or _main_ident() != scheduler.owner:
        return bool(_real_condition_wait(self, timeout))
    saved = self._release_save()
    try:
        ran = scheduler.run_pending()
    finally:
        self._acquire_restore(saved)
    if ran:
        return True  # a thread ran and may have notified: the caller re-checks its predicate
    if _wait_out is not None:
        _wait_out(timeout)  # nothing can end this wait: it lasts its timeout (or the rest of the invocation)
    return False


class SyncThreadPoolExecutor(concurrent.futures.Executor):
    """``ThreadPoolExecutor`` inside a function: every submitted call runs at once, in submission order."""

    def __init__(
        self,
        max_workers: int | None = None,
        thread_name_prefix: str = "",
        initializer: Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        if max_workers is not None and max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers or 1
        self._initializer = initializer
        self._initargs = initargs
        self._initialized = False
        self._shutdown = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        if not self._initialized:
            self._initialized = True
            if self._initializer is not None:
                self._initializer(*self._initargs)
        future.set_running_or_notify_cancel()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._shutdown = True


def _stderr() -> Any:
    import sys

    return sys.stderr


def patches() -> list[tuple[Any, str, Any, Any]]:
    """(owner, attribute, stand-in, original) for the thread APIs a function sees."""
    return [
        (threading, "Thread", SimThread, threading.Thread),
        (threading, "Timer", SimTimer, threading.Timer),
        (_RealCondition, "wait", _condition_wait, _real_condition_wait),
        (concurrent.futures, "ThreadPoolExecutor", SyncThreadPoolExecutor, _RealThreadPoolExecutor),
    ]
