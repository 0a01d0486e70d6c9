"""Fibres: how an execution waits on the virtual clock without blocking anything.

A state is a Python generator that ``yield``\\ s a :class:`Future` whenever it must wait (a Wait state's timer, a
Lambda invocation, a task token, a retry interval). A :class:`Fiber` drives one generator: it sends each
future's value back in when the future resolves, or throws its error in. Parallel branches and Map iterations are
child fibres. Nothing ever blocks: a future is resolved by a kernel callback at a virtual moment, and a run of
ten Pass states that never waits finishes inside one call.

Wake-ups go through one FIFO run queue (:func:`_drain`), never by recursion, so a Map of 10,000 items that
finish at once costs a loop, not a deep stack, and the order of events is always the order things became ready.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator
from typing import Any

from ...kernel import Kernel, Timer

Step = Generator["Future", Any, Any]


class Future:
    """A value that is not there yet. Resolve it once with :meth:`resolve` or :meth:`reject`."""

    __slots__ = ("_callbacks", "done", "error", "timer", "value")

    def __init__(self) -> None:
        self.done = False
        self.value: Any = None
        self.error: BaseException | None = None
        self._callbacks: list[Callable[[Future], None]] = []
        self.timer: Timer | None = None

    def resolve(self, value: Any = None) -> None:
        if self.done:
            return
        self.done = True
        self.value = value
        self._fire()

    def reject(self, error: BaseException) -> None:
        if self.done:
            return
        self.done = True
        self.error = error
        self._fire()

    def _fire(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)

    def add_callback(self, callback: Callable[[Future], None]) -> None:
        if self.done:
            callback(self)
        else:
            self._callbacks.append(callback)

    def cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


def sleep(kernel: Kernel, seconds: float) -> Future:
    """A future that resolves ``seconds`` virtual seconds from now."""
    future = Future()
    if seconds <= 0:
        future.resolve()
        return future
    future.timer = kernel.schedule(seconds, future.resolve, None)
    return future


def resolved(value: Any = None) -> Future:
    future = Future()
    future.resolve(value)
    return future


def deadline(kernel: Kernel, future: Future, seconds: float, error: Callable[[], BaseException]) -> Timer:
    """Reject ``future`` with ``error()`` if it is still pending after ``seconds``; returns the timer."""

    def expire() -> None:
        if not future.done:
            future.reject(error())

    return kernel.schedule(seconds, expire)


_ready: deque[tuple[Fiber, Any, BaseException | None]] = deque()
_draining = False


def _drain() -> None:
    global _draining
    if _draining:
        return
    _draining = True
    try:
        while _ready:
            fiber, value, error = _ready.popleft()
            fiber._advance(value, error)
    finally:
        _draining = False


class Fiber:
    """Drives one generator; ``result`` resolves with its return value or rejects with its exception."""

    __slots__ = ("_gen", "_waiting", "finished", "result")

    def __init__(self, gen: Step) -> None:
        self._gen = gen
        self._waiting: Future | None = None
        self.result = Future()
        self.finished = False

    def start(self) -> Fiber:
        _ready.append((self, None, None))
        _drain()
        return self

    def _advance(self, value: Any, error: BaseException | None) -> None:
        gen = self._gen
        while not self.finished:
            try:
                future = gen.send(value) if error is None else gen.throw(error)
            except StopIteration as stop:
                self.finished = True
                self.result.resolve(stop.value)
                return
            except BaseException as exc:
                self.finished = True
                self.result.reject(exc)
                return
            if future.done:
                value, error = future.value, future.error
                continue
            self._waiting = future
            future.add_callback(self._wake)
            return

    def _wake(self, future: Future) -> None:
        if self._waiting is not future or self.finished:
            return
        self._waiting = None
        _ready.append((self, future.value, future.error))
        _drain()

    def interrupt(self, error: BaseException) -> None:
        """Throw ``error`` into the generator where it waits (used to abort an execution or a branch)."""
        if self.finished:
            return
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting.cancel_timer()
        _ready.append((self, None, error))
        _drain()


def spawn(gen: Step) -> Fiber:
    return Fiber(gen).start()


def all_of(futures: list[Future]) -> Future:
    """Resolves with the list of values when every future has; rejects with the first error."""
    combined = Future()
    remaining = [len(futures)]
    if not futures:
        combined.resolve([])
        return combined

    def one(_: Future) -> None:
        if combined.done:
            return
        if _.error is not None:
            combined.reject(_.error)
            return
        remaining[0] -= 1
        if remaining[0] == 0:
            combined.resolve([f.value for f in futures])

    for future in futures:
        future.add_callback(one)
    return combined
