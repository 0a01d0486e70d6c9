"""A stream of synchronous Invoke requests, taken in stretches instead of one kernel event per request and per
finish: the same invocations, in the same order, with the same results.

``traffic.drive(cloud, pattern, traffic.sync("api"))`` sends a million requests on a busy day. Sent one kernel
event each, every request pays for two trips through the kernel's heap (its arrival and its finish) and for the
layers between a traffic generator and Lambda (the client's sender, the prepared request, the response) as much
as for Lambda's own work. :class:`SyncStream` keeps the requests' arrivals and the invocations' finishes on a
heap of its own and takes them, in one kernel event, for as long as each is the next thing the kernel would run:
its key — time, priority, sequence number — is below the next kernel event's (:meth:`.Kernel.next_seq` gives
each the number the kernel would have given it, at the moment the kernel would have scheduled it). Anything
else that happens in the cloud (an idle environment reclaimed, a poller, another function) stays a kernel event
and runs between two stretches, exactly where it would have run.

Each request is still the whole Invoke operation through the one invoke path (:meth:`.PreparedInvoke.start`):
resolved, admitted or throttled (a 429 is reported as ``throttled``, never lost), run (a cold or warm start, the
workload model or the handler's code), logged, billed and counted in the metrics; only its finish goes on this
heap (the ``schedule`` of :func:`.invoke.start_invocation`) instead of the kernel's. So every simulated fact is
the one the per-request path gives; the tests compare the two, fact by fact
(``tests/engine/test_lambda_stream.py``). ``traffic.sync(..., batched=False)`` sends one kernel event per
request instead.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...kernel import NORMAL, URGENT
from .invocations import capped, throttled

if TYPE_CHECKING:
    from .invocations import PreparedInvoke
    from .records import Invocation
    from .service import Target

#: ``report(outcome, arrival, at)``: outcome is "ok", "error" (the response carries FunctionError) or
#: "throttled" (TooManyRequestsException), ``at`` when the caller learns it.
Report = Callable[[str, float, float], None]


class SyncStream:
    """Sends ``prepared`` once per arrival time (absolute virtual seconds, in order); see the module docstring."""

    __slots__ = ("_finished", "_later", "arrival", "arrivals", "client_error", "kernel", "pending", "ran", "report",
                 "resolve", "sent", "start")  # fmt: skip

    def __init__(
        self,
        prepared: PreparedInvoke,
        client_error: Callable[[ServiceError], Exception],
        arrivals: Iterator[float],
        sent: Callable[[], None],
        report: Report,
        ran: Callable[[Invocation], None] | None = None,
    ) -> None:
        if prepared.event is None:
            raise ValueError("a stream sends synchronous (RequestResponse) requests")
        kernel = prepared.service.cloud.kernel
        self.kernel = kernel
        self.start = prepared.start
        self.resolve = prepared.resolve
        self.client_error = client_error
        self.arrivals = arrivals
        self.sent = sent
        self.report = report
        #: Given each finished invocation's record before its report (the facts of its REPORT line).
        self.ran = ran
        #: The finishes scheduled and not yet run: ``(at, priority, seq, callback, args)``, a heap.
        self.pending: list[tuple[float, int, int, Callable[..., Any], tuple[Any, ...]]] = []
        #: The next arrival's key ``(at, NORMAL, seq)``, or None when there is none.
        self.arrival: tuple[float, int, int] | None = None
        # Bound once: one of each is handed to every request.
        self._later = self.later
        self._finished = self.finished
        first = next(arrivals, None)
        if first is not None:
            self.arrival = (max(first, kernel.now), NORMAL, kernel.next_seq())
        self._arm()

    def later(self, at: float, callback: Callable[..., Any], *args: Any) -> None:
        """The ``schedule`` of the invocations this stream starts (:func:`.invoke.start_invocation`): their finish,
        an URGENT event, kept here under the key the kernel would have given it."""
        heapq.heappush(self.pending, (at, URGENT, self.kernel.next_seq(), callback, args))

    def finished(self, invocation: Invocation) -> None:
        """A request's answer: "error" when its response carries FunctionError, else "ok"."""
        capped(invocation)  # the response's 6 MB cap, which may set FunctionError
        if self.ran is not None:
            self.ran(invocation)
        self.report("error" if invocation.function_error else "ok", invocation.received_at, self.kernel.now)

    def _arm(self) -> None:
        """Wake at the earliest of this stream's events, under its own key."""
        pending = self.pending
        arrival = self.arrival
        first: tuple[Any, ...] | None = pending[0] if pending else None
        if arrival is not None and (first is None or arrival < first):
            first = arrival
        if first is not None:
            self.kernel.call_at_key(first[0], first[1], first[2], self.wake)

    def wake(self) -> None:
        """Take every event of this stream that comes before the kernel's next one (and within the run).

        An arrival is the Invoke operation, then the next arrival's key (in that order, as one kernel event
        does); a finish is the invoke path's own callback. This loop runs twice per request, so the stream's
        state is kept in locals and written back when the wake ends."""
        kernel = self.kernel
        queue = kernel.queue
        pending = self.pending
        pop = heapq.heappop
        limit = math.inf if kernel.until is None else kernel.until
        arrivals = self.arrivals
        start = self.start
        finished = self._finished
        later = self._later
        sent = self.sent
        next_seq = kernel.next_seq
        target: Target | None = None
        arrival = self.arrival
        self.arrival = None
        taken = 0
        try:
            while True:
                if pending and (arrival is None or pending[0] < arrival):
                    item: tuple[Any, ...] = pending[0]
                    if item[0] > limit or (queue and queue[0] < item):
                        break
                    kernel.now = item[0]
                    taken += 1
                    pop(pending)
                    item[3](*item[4])
                    continue
                if arrival is None:
                    break
                now = arrival[0]
                if now > limit or (queue and queue[0] < arrival):
                    break
                kernel.now = now
                taken += 1
                arrival = None
                sent()
                try:
                    if target is None:
                        named = self.resolve()
                        # Kept for the wake's later arrivals while it names a modelled function: nothing else
                        # runs in the cloud within one wake, and a model runs no code that could change it (a
                        # handler's code could, so a function with code is resolved for every request).
                        if named.function.workload is not None:
                            target = named
                        reason = start(finished, later, named)
                    else:
                        reason = start(finished, later, target)
                except ServiceError as err:
                    raise self.client_error(err) from None
                if reason is not None:
                    # The caller's error is built as on the per-request path: a throttle's ClientError draws a
                    # RequestId of its own, and the request IDs after it depend on that draw.
                    self.client_error(throttled(reason))
                    self.report("throttled", now, now)
                following = next(arrivals, None)
                if following is not None:
                    arrival = (following if following > now else now, NORMAL, next_seq())
        finally:
            self.arrival = arrival
            # The kernel counted this wake as one event; the others count as the kernel would have.
            kernel.activity += max(0, taken - 1)
            self._arm()
