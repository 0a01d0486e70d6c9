"""The batched path: a stream of identical requests to a load balancer, without one kernel event per request.

``traffic.drive(cloud, pattern, traffic.http("GET", url, batched=True))`` hands the arrivals to
:meth:`BatchDriver.wake` instead of scheduling each one. Between two *control events* (anything else on the
kernel's queue: a health check, a metric period, a scaling action, a task starting or stopping) nothing changes
the load balancer's choices or a target's state, so every arrival up to the next one (and at most to the next
whole virtual second, :data:`TICK_S`) is taken in one tight loop: the target is chosen as :func:`.routing.choose`
chooses it (round robin or least outstanding requests over the healthy targets, fail-open, 503 with none), and
the target's own queue model says when it answers (an HTTP handler with an ``admit(at)`` method: an ECS task,
:mod:`pocketcloud.services.ecs.appqueue`). The same facts come out as on the one-request path: each request's
latency and status (a 502 for a refused connection, a 504 past the idle timeout), the per-target request counts
and requests in flight, the tasks' CPU and memory, every report of the traffic run.

What differs (a pocketcloud model, said so): the run's tallies and the targets' counts are brought up to date at
every control event and every whole virtual second (read them after ``cloud.run(until=...)`` with a whole number,
as the labs do); the count metrics (``RequestCount``, ``RequestCountPerTarget``, ``HTTPCode_*``) are stored as one
statistic set per metric per minute, stamped at the minute's start, once the minute is over — Elastic Load
Balancing "reports metrics to CloudWatch only when requests are flowing through the load balancer ... in 60-second
intervals" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html);
``TargetResponseTime`` keeps every value (its percentiles stay exact). No X-Amzn-Trace-Id is drawn (nothing reads
the forwarded request). A request queued at a task that is stopped is answered when the task would have answered
it (the one-request path answers 502 at the stop): tasks behind a load balancer drain first, so this only differs
when a task holds more queued work than its deregistration delay.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ...kernel import NORMAL, URGENT

if TYPE_CHECKING:
    from .backend import Elbv2Service, LoadBalancer, TargetGroup
    from .health import TargetState

#: The longest stretch of arrivals taken at once (virtual seconds, aligned to whole seconds).
TICK_S = 1.0
_MINUTE = 60.0

#: ``report(outcome, arrival, answered_at)``: outcome is "ok", "error" (5xx) or "throttled" (429).
Report = Callable[[str, float, float], None]


class _Minute:
    """One minute of one target group's counts (the per-minute statistic sets) and its response times."""

    __slots__ = ("elb", "per_target", "status", "times")

    def __init__(self) -> None:
        #: Target answers by status class 2..5 (index = class).
        self.status = [0, 0, 0, 0, 0, 0]
        #: ELB errors by status.
        self.elb: dict[int, int] = {}
        #: RequestCountPerTarget: count, sum, min, max.
        self.per_target = [0.0, 0.0, math.inf, -math.inf]
        #: (answered at, seconds) of every target answer.
        self.times: list[tuple[float, float]] = []


class BatchDriver:
    """Takes a stream of arrivals to one load balancer's listener (see the module docstring)."""

    def __init__(
        self,
        service: Elbv2Service,
        lb: LoadBalancer,
        port: int,
        path: str,
        arrivals: Iterator[float],
        sent: Callable[[], None],
        report: Report,
    ) -> None:
        self.service = service
        self.lb = lb
        self.port = port
        self.path = path
        self.arrivals = arrivals
        self.sent = sent
        self.report = report
        self.kernel = service.cloud.kernel
        self.next_arrival: float | None = next(arrivals, None)
        #: (answered at, arrival, outcome) of the requests not yet reported.
        self.pending: list[tuple[float, float, str]] = []
        self.minutes: dict[int, _Minute] = {}
        #: Per target id: the answer times of its requests in flight (they never decrease: FIFO).
        self.ends: dict[str, deque[float]] = {}
        self._route_key: Any = None
        self._route_value: tuple[TargetGroup | None, list[TargetState], list[Any], list[deque[float]], float] | None
        self._route_value = None
        self._schedule(self.kernel.now, self.kernel.now)

    def _schedule(self, now: float, horizon: float) -> None:
        """The next wake: the next arrival, the next whole second with a report due, the end of a minute."""
        # The earliest of them, no earlier than ``horizon`` (the same instant as the earliest of each one's max).
        when = math.inf
        if self.next_arrival is not None:
            when = self.next_arrival
        if self.pending:
            due = math.ceil(self.pending[0][0] / TICK_S) * TICK_S
            if due < when:
                when = due
        if self.minutes:
            over = (min(self.minutes) + 1) * _MINUTE
            if over < when:
                when = over
        if when != math.inf:
            if when < horizon:
                when = horizon
            # Before the other events of that instant (they may read what this wake brings up to date), unless
            # they are due now: then after them, so that they run first.
            self.kernel.call_at(when, self.wake, priority=URGENT if when > now else NORMAL)

    def wake(self) -> None:
        kernel = self.kernel
        now = kernel.now
        pending = self.pending
        report = self.report
        while pending and pending[0][0] <= now:
            at, arrival, outcome = heapq.heappop(pending)
            report(outcome, arrival, at)
        peek = kernel.peek()
        horizon = math.floor(now / TICK_S) * TICK_S + TICK_S
        if peek is not None and peek < horizon:
            horizon = peek
        if self.next_arrival is not None and self.next_arrival < horizon:
            self._take(horizon)
        self._flush_minutes(now)
        self._schedule(now, horizon)

    # -- one stretch of arrivals ---------------------------------------------------------------------------------
    def _take(self, horizon: float) -> None:
        """Every arrival before ``horizon``: nothing else happens in the kernel before it.

        This loop runs once per request, so what the stretch does not change is kept in locals: the round-robin
        cursor and the per-target request counts are written back once at its end, and the minute an answer
        falls in is looked up again only when it differs from the last one."""
        group, pool, admits, ends, share = self._route()
        least = group is not None and group.algorithm == "least_outstanding_requests"
        idle = self.lb.idle_timeout_s
        pending = self.pending
        push = heapq.heappush
        minutes = self.minutes
        sent = self.sent
        arrivals = self.arrivals
        count = len(pool)
        taken = [0] * count
        cursor = group.cursor if group is not None else 0
        minute_key = -1.0
        minute = _Minute()
        t = self.next_arrival
        while t is not None and t < horizon:
            sent()
            if group is None:
                push(pending, (t, t, "error"))
            elif not count:
                self._elb_error(t, 503, None, share)
                push(pending, (t, t, "error"))
            else:
                if least:
                    index = _least(ends, t)
                else:
                    cursor += 1
                    index = cursor % count
                taken[index] += 1
                admit = admits[index]
                answer = admit(t) if admit is not None else None
                if answer is None:
                    self._elb_error(t, 502, group, share)
                    push(pending, (t, t, "error"))
                else:
                    status, end = answer
                    if end - t > idle:
                        at = t + idle
                        self._elb_error(at, 504, group, share)
                        push(pending, (at, t, "error"))
                        ends[index].append(at if at < end else end)
                    else:
                        key = end // _MINUTE
                        if key != minute_key:
                            minute_key = key
                            found = minutes.get(int(key))
                            if found is None:
                                found = minutes[int(key)] = _Minute()
                            minute = found
                        klass = status // 100
                        minute.status[2 if klass < 2 else 5 if klass > 5 else klass] += 1
                        counts = minute.per_target
                        counts[0] += 1
                        counts[1] += share
                        if share < counts[2]:
                            counts[2] = share
                        if share > counts[3]:
                            counts[3] = share
                        minute.times.append((end, end - t))
                        push(pending, (end, t, "throttled" if status == 429 else "error" if status >= 500 else "ok"))
                        cap = t + idle
                        ends[index].append(cap if cap < end else end)
            t = next(arrivals, None)
        self.next_arrival = t
        if group is not None:
            group.cursor = cursor
        # Requests in flight per target, as of the last arrival taken (the ALB's own count).
        for target, queue, n in zip(pool, ends, taken, strict=True):
            target.requests += n
            while queue and queue[0] <= horizon:
                queue.popleft()
            target.batched_in_flight = len(queue)

    def _route(self) -> tuple[TargetGroup | None, list[TargetState], list[Any], list[deque[float]], float]:
        """Where arrivals go until the next control event: the group, the targets to choose from, their ``admit``
        and in-flight queues, and each request's share of RequestCountPerTarget. Kept while nothing changed."""
        lb = self.lb
        listener = lb.listeners.get(self.port)
        group = listener.target_group if listener is not None and lb.state == "active" else None
        targets = list(group.targets.values()) if group is not None else []
        key = (id(group), [(t.id, t.state) for t in targets])
        if self._route_key == key and self._route_value is not None:
            return self._route_value
        healthy = [t for t in targets if t.state == "healthy"]
        pool = healthy or [t for t in targets if t.state == "unhealthy"]
        resolve = self.service.cloud.http.resolve
        admits = [getattr(resolve(target.host, self.path), "admit", None) for target in pool]
        ends = [self.ends.setdefault(target.id, deque()) for target in pool]
        self._route_key = key
        self._route_value = (group, pool, admits, ends, 1.0 / (len(healthy) or 1))
        return self._route_value

    def _elb_error(self, at: float, status: int, group: TargetGroup | None, share: float) -> None:
        key = int(at // _MINUTE)
        minute = self.minutes.get(key)
        if minute is None:
            minute = self.minutes[key] = _Minute()
        minute.elb[status] = minute.elb.get(status, 0) + 1
        if group is not None:
            counts = minute.per_target
            counts[0] += 1
            counts[1] += share
            counts[2] = min(counts[2], share)
            counts[3] = max(counts[3], share)

    # -- metrics ---------------------------------------------------------------------------------------------
    def _flush_minutes(self, now: float) -> None:
        """Store every minute that is over (see the module docstring)."""
        minutes = self.minutes
        if not minutes or (min(minutes) + 1) * _MINUTE > now:
            return  # the earliest minute is not over, so none is
        done = [key for key in minutes if (key + 1) * _MINUTE <= now]
        lb = self.lb
        listener = lb.listeners.get(self.port)
        group = listener.target_group if listener is not None else None
        for key in sorted(done):
            write(self.service, lb, group, key * _MINUTE, self.minutes.pop(key))


def _least(ends: list[deque[float]], t: float) -> int:
    """The target with the fewest requests in flight at ``t`` (ties: the first registered)."""
    best, fewest = 0, -1
    for index, queue in enumerate(ends):
        while queue and queue[0] <= t:
            queue.popleft()
        if fewest < 0 or len(queue) < fewest:
            best, fewest = index, len(queue)
    return best


def write(service: Elbv2Service, lb: LoadBalancer, group: TargetGroup | None, stamp: float, minute: Any) -> None:
    """One minute's ``AWS/ApplicationELB`` statistic sets and response times (names as :mod:`.routing` writes)."""
    from .routing import NAMESPACE

    store = service.cloud.metrics
    lb_dims = (("LoadBalancer", lb.dimension),)
    dims_sets: list[tuple[tuple[str, str], ...]] = [lb_dims]
    if group is not None:
        dims_sets.append((("LoadBalancer", lb.dimension), ("TargetGroup", group.dimension)))
    answered = sum(minute.status)
    times = sorted(minute.times)
    elb_errors = sum(minute.elb.values())

    def add(name: str, dims: tuple[tuple[str, str], ...], n: float, unit: str = "Count") -> None:
        if n:
            store.series_for(NAMESPACE, name, dims, unit).add_set(stamp, n, n, 1.0, 1.0)

    for dims in dims_sets:
        add("RequestCount", dims, answered + (elb_errors if dims is lb_dims else minute.per_target[0] - answered))
        for klass in (2, 3, 4, 5):
            add(f"HTTPCode_Target_{klass}XX_Count", dims, minute.status[klass])
        if times:
            store.series_for(NAMESPACE, "TargetResponseTime", dims, "Seconds").add_many(times)
    add("HTTPCode_ELB_5XX_Count", lb_dims, elb_errors)
    for status, n in sorted(minute.elb.items()):
        add(f"HTTPCode_ELB_{status}_Count", lb_dims, n)
    count, total, low, high = minute.per_target
    if group is not None and count:
        for dims in ((("TargetGroup", group.dimension),), dims_sets[1]):
            store.series_for(NAMESPACE, "RequestCountPerTarget", dims, "Count").add_set(stamp, count, total, low, high)
