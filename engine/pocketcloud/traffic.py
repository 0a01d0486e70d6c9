"""Traffic for labs: arrival patterns in virtual time, sent to a function, a queue or an HTTP API.

A lab composes two things: *when* requests arrive (a pattern) and *where* each one goes (a target)::

    from pocketcloud import traffic

    traffic.Workload(duration_ms=120, spread=0.3).attach(cloud, "api")   # optional: model the handler
    run = traffic.drive(cloud, traffic.spike(base=5, peak=2000, at=60, length=10, duration=300),
                        traffic.sync("api"))
    cloud.run()
    run.sent, run.ok, run.throttled, run.errors

Patterns (all rates are requests per second, all times virtual seconds from the moment ``drive`` is called):

* :func:`constant` — a fixed rate; :func:`steps` — a rate that changes at given times;
* :func:`spike` — a base rate with a burst; :func:`daily` — a day's curve (a cosine from ``trough`` at night to
  ``peak`` at ``peak_at``), evaluated minute by minute;
* :func:`poisson` — random (exponential) gaps around a mean rate; every rate pattern takes ``poisson=True`` to
  draw its arrivals the same way instead of spacing them evenly;
* :func:`replay` — the arrival times of a recorded trace.

Targets: :func:`sync` (a synchronous Invoke from inside the simulation), :func:`async_` (``InvocationType=
"Event"``), :func:`sqs` (SendMessage to a queue, for an event source mapping to poll) and :func:`http` (a request to
an API Gateway endpoint). Each goes through the service's public operation, so Lambda sees exactly what a real
caller would send, throttles included: a synchronous 429 is counted in :attr:`TrafficRun.throttled` (AWS's
callers see it as ``TooManyRequestsException``), never lost.

Arrivals are drawn from a random generator of their own (from the cloud's seed and ``seed``), so adding traffic
changes no other simulated number, and the same seed gives the same arrivals. Only the next arrival is on the
kernel's queue at any time, so a million-request day costs no memory up front.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .errors import PocketCloudError
from .services.awslambda.workload import Workload, WorkloadError, attach

if TYPE_CHECKING:
    from .cloud import Cloud

__all__ = [
    "Pattern",
    "TrafficError",
    "TrafficRun",
    "Workload",
    "WorkloadError",
    "async_",
    "attach",
    "constant",
    "daily",
    "drive",
    "http",
    "poisson",
    "replay",
    "spike",
    "sqs",
    "steps",
    "sync",
]


class TrafficError(PocketCloudError, ValueError):
    """A traffic pattern with impossible parameters (a negative rate, a step back in time ...)."""


def _positive(value: Any, name: str, allow_zero: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TrafficError(f"{name} must be a finite number, got {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise TrafficError(f"{name} must be {'>= 0' if allow_zero else '> 0'}, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Pattern:
    """Arrival times as piecewise-constant rates: ``(start, end, rate)`` segments, or an explicit list."""

    segments: tuple[tuple[float, float, float], ...] = ()
    poisson: bool = False
    times: tuple[float, ...] | None = None

    def arrivals(self, rng: random.Random) -> Iterator[float]:
        """The arrival times, in order (seconds from the start)."""
        if self.times is not None:
            yield from self.times
            return
        for start, end, rate in self.segments:
            if rate <= 0:
                continue
            if self.poisson:
                # rng.expovariate(rate), written out (CPython's own formula, the same floats): one call less per
                # arrival on a million-request day. A test holds it to expovariate.
                uniform = rng.random
                t = start + -math.log(1.0 - uniform()) / rate
                while t < end:
                    yield t
                    t += -math.log(1.0 - uniform()) / rate
            else:
                count = math.ceil((end - start) * rate - 1e-9)
                for k in range(count):
                    yield start + k / rate

    @property
    def expected(self) -> float:
        """The expected number of arrivals."""
        if self.times is not None:
            return float(len(self.times))
        return sum((end - start) * rate for start, end, rate in self.segments)


def constant(rate: float, duration: float, *, poisson: bool = False) -> Pattern:
    """``rate`` requests per second for ``duration`` seconds."""
    return Pattern(((0.0, _positive(duration, "duration"), _positive(rate, "rate")),), poisson)


def poisson(rate: float, duration: float) -> Pattern:
    """Poisson arrivals: exponential gaps with mean ``1/rate`` for ``duration`` seconds."""
    return constant(rate, duration, poisson=True)


def steps(changes: Iterable[tuple[float, float]], duration: float, *, poisson: bool = False) -> Pattern:
    """A rate that changes at given times: ``[(0, 10), (600, 100), (1200, 10)]`` is 10/s, then 100/s from 600 s,
    then 10/s from 1,200 s, until ``duration``."""
    points = [(_positive(at, "step time"), _positive(rate, "rate")) for at, rate in changes]
    if not points:
        raise TrafficError("steps needs at least one (time, rate) pair")
    if any(b[0] <= a[0] for a, b in pairwise(points)):
        raise TrafficError("step times must increase")
    end = _positive(duration, "duration")
    segments = []
    for i, (at, rate) in enumerate(points):
        until = points[i + 1][0] if i + 1 < len(points) else end
        if at < end:
            segments.append((at, min(until, end), rate))
    return Pattern(tuple(segments), poisson)


def spike(base: float, peak: float, at: float, length: float, duration: float, *, poisson: bool = False) -> Pattern:
    """``base`` requests per second, and ``peak`` per second for ``length`` seconds from ``at``."""
    _positive(length, "length", allow_zero=False)
    return steps(
        [(0.0, base), (at, peak), (at + length, base)] if at > 0 else [(0.0, peak), (length, base)],
        duration,
        poisson=poisson,
    )


def daily(
    peak: float, trough: float, duration: float = 86_400.0, *, peak_at: float = 14 * 3600.0, poisson: bool = False
) -> Pattern:
    """A day's traffic: a cosine between ``trough`` (12 hours from the peak) and ``peak`` (at ``peak_at``, 14:00 by
    default), as a rate per minute. A pocketcloud model of the usual diurnal shape, not an AWS figure."""
    high, low = _positive(peak, "peak"), _positive(trough, "trough")
    if low > high:
        raise TrafficError(f"trough ({trough!r}) must not exceed peak ({peak!r})")
    end = _positive(duration, "duration")
    segments = []
    minute = 0.0
    while minute < end:
        middle = minute + 30.0
        phase = 2 * math.pi * (middle - peak_at) / 86_400.0
        rate = low + (high - low) * (1 + math.cos(phase)) / 2
        segments.append((minute, min(minute + 60.0, end), rate))
        minute += 60.0
    return Pattern(tuple(segments), poisson)


def replay(times: Iterable[float]) -> Pattern:
    """Arrivals at the given times (seconds from the start, e.g. from a recorded log), in order."""
    recorded = tuple(_positive(t, "arrival time") for t in times)
    if any(b < a for a, b in pairwise(recorded)):
        raise TrafficError("replayed arrival times must not decrease")
    return Pattern(times=recorded)


# -- targets ---------------------------------------------------------------------------------------------------
#: A target, bound to a cloud, gives the function that sends one request and reports how it ended:
#: ``report("ok" | "error" | "throttled" | "accepted")``. Clients are made once per :func:`drive`, not per request.
Sender = Callable[[Callable[[str], None]], None]
Target = Callable[["Cloud"], Sender]


def _payload(payload: Any) -> bytes:
    if isinstance(payload, bytes):
        return payload
    import json

    return json.dumps(payload).encode()


def sync(function: str, payload: Any = b"{}", qualifier: str | None = None, *, batched: bool = True) -> Target:
    """A synchronous Invoke of ``function`` (``RequestResponse``) made from inside the simulation.

    The requests go to Lambda as a stream (:mod:`pocketcloud.services.awslambda.stream`): each is the same Invoke
    with the same result, in the same order, but the arrivals and finishes are taken in stretches instead of one
    kernel event each, which makes a million-request day about twice as fast. ``batched=False`` sends one kernel
    event per request (the tests compare the two)."""
    body = _payload(payload)
    params: dict[str, Any] = {"FunctionName": function, "Payload": body}
    if qualifier is not None:
        params["Qualifier"] = qualifier

    def bind(cloud: Cloud) -> Sender:
        lam: Any = cloud.client("lambda")
        throttled = lam.exceptions.TooManyRequestsException
        # Checked once: every request is the same. Only whether the function failed is read (the response's
        # FunctionError), so the sender's outcome form is used: the same Invoke, without a response to build.
        sender = lam.prepare_invoke(**params)
        outcome = sender.outcome

        def send(report: Callable[[str], None]) -> None:
            try:
                outcome(lambda failed: report("error" if failed else "ok"))
            except throttled:
                report("throttled")

        if batched:
            send.batch = sender.stream  # type: ignore[attr-defined]
        return send

    return bind


def async_(function: str, payload: Any = b"{}", qualifier: str | None = None) -> Target:
    """An asynchronous Invoke (``InvocationType="Event"``): Lambda's internal queue takes it (``accepted``)."""
    params: dict[str, Any] = {"FunctionName": function, "Payload": _payload(payload), "InvocationType": "Event"}
    if qualifier is not None:
        params["Qualifier"] = qualifier

    def bind(cloud: Cloud) -> Sender:
        lam: Any = cloud.client("lambda")
        invoke = lam.prepare_invoke(**params)

        def send(report: Callable[[str], None]) -> None:
            invoke(lambda response: report("accepted"))

        return send

    return bind


def sqs(queue_url: str, body: str = "{}") -> Target:
    """SendMessage to an SQS queue (an event source mapping polls it and invokes its function)."""

    def bind(cloud: Cloud) -> Sender:
        client: Any = cloud.client("sqs")

        def send(report: Callable[[str], None]) -> None:
            client.send_message(QueueUrl=queue_url, MessageBody=body)
            report("accepted")

        return send

    return bind


def http(method: str, url: str, body: str | None = None, *, batched: bool = False) -> Target:
    """An HTTP request to a simulated endpoint (an API Gateway stage, a load balancer); a 429 or 5xx is counted as
    such. ``batched=True`` lets an endpoint that can (an Application Load Balancer) take the arrivals as a stream
    instead of one event each: the same answers, much faster (:mod:`pocketcloud.services.elbv2.batch`)."""

    def bind(cloud: Cloud) -> Sender:
        def send(report: Callable[[str], None]) -> None:
            def answered(response: Any) -> None:
                status = int(response.get("statusCode", 0))
                report("throttled" if status == 429 else "error" if status >= 500 else "ok")

            cloud.http_request_and_then(answered, method, url, None, body)

        if batched:
            host = url.split("/", 3)[2].rpartition("@")[2].rpartition(":")[0] or url.split("/", 3)[2]
            path = "/" + (url.split("/", 3)[3] if url.count("/") > 2 else "")
            endpoint = cloud.http.resolve(host.lower(), path.split("?", 1)[0])
            stream = getattr(endpoint, "batch", None)
            if stream is not None:
                send.batch = partial(stream, url)  # type: ignore[attr-defined]
        return send

    return bind


@dataclass
class TrafficRun:
    """What one :func:`drive` sent and how each request ended (filled in as the simulation runs)."""

    sent: int = 0
    ok: int = 0
    errors: int = 0
    throttled: int = 0
    accepted: int = 0
    #: Arrival times of the throttled requests (virtual seconds), for charts.
    throttled_at: list[float] = field(default_factory=list)

    def report(self, outcome: str, at: float) -> None:
        if outcome == "ok":
            self.ok += 1
        elif outcome == "error":
            self.errors += 1
        elif outcome == "throttled":
            self.throttled += 1
            self.throttled_at.append(at)
        else:
            self.accepted += 1


def drive(cloud: Cloud, pattern: Pattern, target: Target, *, seed: int | str = 0) -> TrafficRun:
    """Send ``pattern``'s requests to ``target`` from now on, on the virtual clock; returns the live tally."""
    if not isinstance(pattern, Pattern):
        raise TrafficError(f"pattern must be a traffic pattern (constant, steps, ...), got {type(pattern).__name__}")
    run = TrafficRun()
    rng = random.Random(f"{cloud.seed}:traffic:{seed}")
    arrivals = pattern.arrivals(rng)
    origin = cloud.now
    kernel = cloud.kernel
    send = target(cloud)
    stream = getattr(send, "batch", None)
    if stream is not None:
        # The endpoint takes the arrivals itself (traffic.http(..., batched=True)): it counts each one sent and
        # reports each outcome at the time it happened.
        def sent() -> None:
            run.sent += 1

        # From time 0 the arrival times are already absolute (0.0 + t is t): no generator in between.
        absolute = arrivals if origin == 0.0 else (origin + t for t in arrivals)
        stream(absolute, sent, lambda outcome, _arrival, at: run.report(outcome, at))
        return run

    def report(outcome: str) -> None:
        run.report(outcome, kernel.now)

    call_at = kernel.call_at
    following = partial(next, arrivals, None)

    def arrive() -> None:
        # Send, then put the next arrival on the kernel's queue: one call per request on a million-request day.
        run.sent += 1
        send(report)
        t = following()
        if t is not None:
            call_at(max(origin + t, kernel.now), arrive)

    first = following()
    if first is not None:
        call_at(max(origin + first, kernel.now), arrive)
    return run
