"""The virtual clock: a heap of scheduled callbacks and a loop that pops them in order.

Everything that happens in pocketcloud happens at a point of *virtual* time. Nothing reads the wall clock, so
the same seed and the same calls always give the same history, in CPython and in Pyodide alike. The kernel is
deliberately as small as SimPy's core: a heap ordered by ``(time, priority, sequence)`` and a loop. The
sequence number makes ties break in the order things were scheduled, which is what keeps runs reproducible.

*Background* events are the ones a service schedules for itself without anyone waiting for them, such as the
pollers of Lambda's event source mappings checking a queue once a second. They run like any other event, but they
do not keep ``run()`` (without ``until``) going on their own: ``run()`` stops when only background events remain
and every registered *quiescence check* agrees that nothing is left to do (a poller says so once it has looked
at its source and found it empty, after the last foreground event and after the run began). So "run until
everything has settled" still means something when pollers tick forever.
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

    __slots__ = ("at", "cancelled")

    def __init__(self, at: float) -> None:
        self.at = at
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Kernel:
    """A discrete-event loop over virtual seconds.

    ``schedule`` puts a callback on the heap; ``run`` pops callbacks in time order and advances ``now`` to each
    one's time before calling it. Callbacks may schedule more callbacks. There are no coroutines here on
    purpose: services keep explicit state, which is easier to show to a learner than a suspended generator.
    """

    __slots__ = ("_heap", "_live", "_seq", "activity", "now", "quiescence_checks", "running", "until")

    def __init__(self) -> None:
        self.now: float = 0.0
        self._heap: list[tuple[float, int, int, Timer | None, Callable[..., Any], tuple[Any, ...], bool]] = []
        self._seq = 0
        #: Foreground (not background) events on the heap.
        self._live = 0
        #: Counts foreground events run and calls of :meth:`run`: a background poller that found nothing to do
        #: notes this number, and is idle for as long as it has not changed.
        self.activity = 0
        #: Functions that say whether background work has settled (see the module docstring).
        self.quiescence_checks: list[Callable[[], bool]] = []
        #: True while :meth:`run` is processing events, so that code outside the simulation (a synchronous
        #: API call) can refuse to be called from inside it.
        self.running = False
        #: The ``until`` of the :meth:`run` in progress (None: none, or a run without it), for a driver that
        #: takes several of its own events in one kernel event (see :meth:`call_at_key`).
        self.until: float | None = None

    def schedule(
        self, delay: float, callback: Callable[..., Any], *args: Any, priority: int = NORMAL, background: bool = False
    ) -> Timer:
        """Call ``callback(*args)`` ``delay`` virtual seconds from now and return a cancellable handle."""
        if delay < 0:
            raise ValueError(f"cannot schedule in the past (delay={delay})")
        at = self.now + delay
        timer = Timer(at)
        self._seq += 1
        heapq.heappush(self._heap, (at, priority, self._seq, timer, callback, args, background))
        if not background:
            self._live += 1
        return timer

    def call_at(
        self, at: float, callback: Callable[..., Any], *args: Any, priority: int = NORMAL, background: bool = False
    ) -> None:
        """Schedule without a handle: the cheap path for events nobody will cancel."""
        if at < self.now:
            raise ValueError(f"cannot schedule in the past (at={at}, now={self.now})")
        self._seq += 1
        heapq.heappush(self._heap, (at, priority, self._seq, None, callback, args, background))
        if not background:
            self._live += 1

    # -- drivers that keep their own events ------------------------------------------------------------------
    # A driver (a traffic stream, :mod:`pocketcloud.services.awslambda.stream`) may keep a stretch of its own
    # events off the heap and take them in one kernel event, as long as each one runs exactly where the kernel
    # would have run it. It gives each event the key the kernel would have: the time, the priority and a
    # sequence number taken from :meth:`next_seq` at the moment it would have been scheduled; it takes its
    # events while each key is below the next kernel event's (``queue[0]``, whose first three items are its key)
    # and the run's :attr:`until` allows them, and it wakes again through :meth:`call_at_key` with its next
    # event's own key. The order of everything, and so every result, is then the same as with one kernel event
    # each.
    def next_seq(self) -> int:
        """The sequence number the next scheduled event would take (it is taken: each is used once)."""
        self._seq += 1
        return self._seq

    @property
    def queue(self) -> list[tuple[Any, ...]]:
        """The heap itself, to read (never to change): ``queue[0]`` is the next event, if any."""
        return self._heap

    def call_at_key(self, at: float, priority: int, seq: int, callback: Callable[..., Any], *args: Any) -> None:
        """Schedule a foreground callback under a key taken from :meth:`next_seq` (see above)."""
        if at < self.now:
            raise ValueError(f"cannot schedule in the past (at={at}, now={self.now})")
        heapq.heappush(self._heap, (at, priority, seq, None, callback, args, False))
        self._live += 1

    def settled(self) -> bool:
        """True when only background events remain and every quiescence check agrees nothing is left to do."""
        return self._live == 0 and all(check() for check in self.quiescence_checks)

    def peek(self) -> float | None:
        """The time of the next event, or ``None`` when nothing is scheduled."""
        return self._heap[0][0] if self._heap else None

    def run(self, until: float | None = None) -> float:
        """Process events until none are left or until virtual time ``until``; return the new ``now``.

        With ``until`` the clock ends exactly at ``until`` even when the last event came earlier, so that
        ``run(until=60)`` reads as "let a minute pass". Without ``until`` it also stops once only background
        events remain and they have settled (see the module docstring).
        """
        heap = self._heap
        pop = heapq.heappop
        if until is not None and until < self.now:
            raise ValueError(f"until={until} is before now={self.now}")
        self.running = True
        self.until = until
        self.activity += 1
        try:
            while heap:
                if until is not None:
                    if heap[0][0] > until:
                        break
                elif self._live == 0 and self.settled():
                    break
                at, _prio, _seq, timer, callback, args, background = pop(heap)
                if not background:
                    self._live -= 1
                    self.activity += 1
                if timer is not None and timer.cancelled:
                    continue
                self.now = at
                callback(*args)
        finally:
            self.running = False
            self.until = None
        if until is not None:
            self.now = float(until)
        return self.now
