"""The virtual clock: a heap of scheduled callbacks and a loop that pops them in order.

Everything that happens in pocketcloud happens at a point of *virtual* time. Nothing reads the wall clock, so
the same seed and the same calls always give the same history, in CPython and in Pyodide alike. The kernel is
deliberately as small as SimPy's core: a heap ordered by ``(time, priority, sequence)`` and a loop. The
sequence number makes ties break in the order things were scheduled, which is what keeps runs reproducible.

Some events are *background* events: things a service does on a schedule for as long as the cloud exists, such
as a secret's next automatic rotation. They happen when the clock passes them, but they do not keep
:meth:`Kernel.run` going on their own, so ``cloud.run()`` ("let everything that has started finish") still ends
instead of rotating a secret every 30 days forever. ``run(until=...)`` processes them like any other event.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

#: Priorities for events that fall at the same instant. Lower runs first: completions free resources before
#: new work at the same instant looks for them, the way a real service would see them.
URGENT = 0
NORMAL = 1


class Timer:
    """A handle on a scheduled callback, so that its owner can cancel it (e.g. an idle-reclaim timer)."""

    __slots__ = ("_kernel", "at", "background", "cancelled")

    def __init__(self, at: float, kernel: Kernel | None = None, background: bool = False) -> None:
        self.at = at
        self.cancelled = False
        self.background = background
        #: The kernel that counts this timer among its pending foreground events (None once it fired, and for
        #: background timers), so that cancelling it lets ``run()`` stop as soon as nothing else is pending.
        self._kernel = kernel

    def cancel(self) -> None:
        if self.cancelled:
            return
        self.cancelled = True
        if self._kernel is not None:
            self._kernel._foreground -= 1
            self._kernel = None


class Kernel:
    """A discrete-event loop over virtual seconds.

    ``schedule`` puts a callback on the heap; ``run`` pops callbacks in time order and advances ``now`` to each
    one's time before calling it. Callbacks may schedule more callbacks. There are no coroutines here on
    purpose: services keep explicit state, which is easier to show to a learner than a suspended generator.
    """

    __slots__ = ("_foreground", "_heap", "_seq", "now", "running")

    def __init__(self) -> None:
        self.now: float = 0.0
        self._heap: list[tuple[float, int, int, Timer | None, Callable[..., Any], tuple[Any, ...]]] = []
        self._seq = 0
        #: How many scheduled, uncancelled events are foreground events (see the module docstring).
        self._foreground = 0
        #: True while :meth:`run` is processing events, so that code outside the simulation (a synchronous
        #: API call) can refuse to be called from inside it.
        self.running = False

    def schedule(
        self, delay: float, callback: Callable[..., Any], *args: Any, priority: int = NORMAL, background: bool = False
    ) -> Timer:
        """Call ``callback(*args)`` ``delay`` virtual seconds from now and return a cancellable handle.

        A ``background`` event (a recurring schedule) happens when the clock reaches it but does not keep
        ``run()`` without ``until`` going by itself.
        """
        if delay < 0:
            raise ValueError(f"cannot schedule in the past (delay={delay})")
        at = self.now + delay
        if background:
            timer = Timer(at, None, True)
        else:
            timer = Timer(at, self)
            self._foreground += 1
        self._seq += 1
        heapq.heappush(self._heap, (at, priority, self._seq, timer, callback, args))
        return timer

    def call_at(self, at: float, callback: Callable[..., Any], *args: Any, priority: int = NORMAL) -> None:
        """Schedule without a handle: the cheap path for events nobody will cancel."""
        if at < self.now:
            raise ValueError(f"cannot schedule in the past (at={at}, now={self.now})")
        self._foreground += 1
        self._seq += 1
        heapq.heappush(self._heap, (at, priority, self._seq, None, callback, args))

    def peek(self) -> float | None:
        """The time of the next event, or ``None`` when nothing is scheduled."""
        return self._heap[0][0] if self._heap else None

    def run(self, until: float | None = None) -> float:
        """Process events until none are left or until virtual time ``until``; return the new ``now``.

        With ``until`` the clock ends exactly at ``until`` even when the last event came earlier, so that
        ``run(until=60)`` reads as "let a minute pass". Without it the loop ends when only background events
        are left (the clock then stays at the last event that ran).
        """
        heap = self._heap
        pop = heapq.heappop
        if until is not None and until < self.now:
            raise ValueError(f"until={until} is before now={self.now}")
        self.running = True
        try:
            while heap:
                if until is None:
                    if not self._foreground:
                        break
                elif heap[0][0] > until:
                    break
                at, _prio, _seq, timer, callback, args = pop(heap)
                if timer is None:
                    self._foreground -= 1
                elif timer.cancelled:
                    continue
                elif timer._kernel is not None:
                    timer._kernel = None
                    self._foreground -= 1
                self.now = at
                callback(*args)
        finally:
            self.running = False
        if until is not None:
            self.now = float(until)
        return self.now
