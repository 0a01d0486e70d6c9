"""``cloud.lambda_trace``: the path of every invocation through Lambda, to print, filter and draw.

Each record is the :class:`~.records.Invocation` the invoke path made (the same object the Invoke response and
the log were built from), so the trace can never disagree with what the API answered. It tells, per invocation:

* how the request came in (``path``): ``"sync"`` through the Invoke API's frontend (authentication, the
  throttle checks of :mod:`.admission`), ``"async"`` through the internal event queue and its pollers, or
  ``"esm"`` through an event source mapping's pollers (``source`` is the mapping's UUID);
* the worker host and microVM slot of the execution environment it ran in (:mod:`.placement`) and the
  environment itself (``env_name``: ``function:version#n``);
* whether it was a cold start (Init ran for it), a warm start, or ran on a provisioned environment;
* its queue wait (``received_at`` to ``started_at``: for async events, the time in the queue, retries
  included), its Init and its run, on the virtual clock.

Every throttled attempt is kept too (:class:`~.admission.Throttle`), with the check that refused it.

The trace keeps the most recent :data:`TRACE_LIMIT` invocations and throttles, 1,000 by default; a lab that wants
more sets ``cloud.lambda_trace.limit = 20_000`` first. (A simulated day of a million invocations is counted
exactly by the metrics, ``cloud.metrics``; the trace is for looking at, and every record it keeps alive costs the
interpreter's garbage collector time on every invocation after it.)
``lanes()`` groups invocations by environment for a Gantt chart: one lane per environment, from its creation to
its shutdown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .admission import Throttle
    from .records import Invocation

#: How many invocations (and throttles) the trace keeps, the most recent last.
TRACE_LIMIT = 1_000


class LambdaTrace:
    """The recent invocations and throttles of one cloud's Lambda, oldest first."""

    def __init__(self, limit: int = TRACE_LIMIT) -> None:
        self.invocations: deque[Invocation] = deque(maxlen=limit)
        self.throttles: deque[Throttle] = deque(maxlen=limit)
        #: Invocations recorded since the cloud began (the deque keeps only the last ``limit``).
        self.total = 0

    @property
    def limit(self) -> int:
        """How many invocations (and throttles) the trace keeps; setting it keeps the most recent ones."""
        return self.invocations.maxlen or 0

    @limit.setter
    def limit(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"limit must be a whole number >= 1, got {value!r}")
        self.invocations = deque(self.invocations, maxlen=value)
        self.throttles = deque(self.throttles, maxlen=value)

    def record(self, invocation: Invocation) -> None:
        self.invocations.append(invocation)
        self.total += 1

    def __len__(self) -> int:
        return len(self.invocations)

    def filter(
        self,
        function: str | None = None,
        *,
        path: str | None = None,
        start: str | None = None,
        host: str | None = None,
        env: str | None = None,
        errors: bool | None = None,
        since: float | None = None,
        until: float | None = None,
    ) -> list[Invocation]:
        """The invocations that match every criterion given: ``function`` name, ``path`` ("sync", "async",
        "esm"), ``start`` ("cold", "warm", "provisioned"), worker ``host`` ("worker-1"), environment name,
        ``errors`` (True: only failed ones), and a virtual-time window on ``started_at``."""
        out = []
        for inv in self.invocations:
            if function is not None and inv.function_name != function:
                continue
            if path is not None and inv.path != path:
                continue
            if start is not None and inv.start_kind != start:
                continue
            if host is not None and inv.host != host:
                continue
            if env is not None and inv.env_name != env:
                continue
            if errors is not None and (inv.function_error is not None) != errors:
                continue
            if since is not None and inv.started_at < since:
                continue
            if until is not None and inv.started_at >= until:
                continue
            out.append(inv)
        return out

    def table(self, invocations: Iterable[Invocation] | None = None, limit: int = 50) -> str:
        """A printable table, one line per invocation (the first ``limit``): times in virtual seconds and ms."""
        rows = list(self.invocations if invocations is None else invocations)
        header = (
            f"{'received':>10} {'path':5} {'function':16} {'environment':22} {'host/slot':13} {'start':11} "
            f"{'wait ms':>8} {'init ms':>8} {'run ms':>9} result"
        )
        lines = [header]
        for inv in rows[:limit]:
            init = f"{inv.init_duration_ms:8.2f}" if inv.init_duration_ms is not None and inv.cold_start else " " * 8
            slot = f"{inv.host}/{inv.slot}" if inv.host else "-"
            lines.append(
                f"{inv.received_at:10.3f} {inv.path:5} {inv.function_name[:16]:16} {inv.env_name[:22]:22} "
                f"{slot:13} {inv.start_kind:11} {inv.queue_wait_s * 1000:8.2f} {init} {inv.duration_ms:9.2f} "
                f"{inv.function_error or 'ok'}"
            )
        if len(rows) > limit:
            lines.append(f"... {len(rows) - limit} more")
        return "\n".join(lines)

    def lanes(self, function: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Gantt lanes: environment name -> its phases in time order, each ``{"phase": "init"|"invoke",
        "start", "end", "request_id", "start_kind"}`` (virtual seconds). Plain data, for any chart library."""
        lanes: dict[str, list[dict[str, Any]]] = {}
        for inv in self.invocations:
            if function is not None and inv.function_name != function:
                continue
            lane = lanes.setdefault(inv.env_name, [])
            if inv.cold_start and inv.handler_started_at > inv.started_at:
                lane.append(
                    {
                        "phase": "init",
                        "start": inv.started_at,
                        "end": inv.handler_started_at,
                        "request_id": inv.request_id,
                        "start_kind": inv.start_kind,
                    }
                )
            lane.append(
                {
                    "phase": "invoke",
                    "start": inv.handler_started_at,
                    "end": inv.finished_at,
                    "request_id": inv.request_id,
                    "start_kind": inv.start_kind,
                }
            )
        return lanes

    def summary(self) -> dict[str, int]:
        """Counts over the kept records: invocations by start kind and path, and throttles by Reason."""
        counts: dict[str, int] = {"invocations": len(self.invocations), "throttles": len(self.throttles)}
        for inv in self.invocations:
            counts[inv.start_kind] = counts.get(inv.start_kind, 0) + 1
            counts[f"path:{inv.path}"] = counts.get(f"path:{inv.path}", 0) + 1
        for throttle in self.throttles:
            counts[throttle.reason] = counts.get(throttle.reason, 0) + 1
        return counts

    def __str__(self) -> str:
        return self.table()
