"""Requests to an Application Load Balancer's DNS name: listener, target choice, forwarding, errors, metrics.

``cloud.http_request("GET", f"http://{dns_name}/path")`` reaches the listener on the URL's port (80 for
``http://``, 443 for ``https://``). Its default action forwards to the target group, which picks a target:

* among the ``healthy`` targets, by the group's algorithm: ``round_robin`` (the default) or
  ``least_outstanding_requests`` (the target with the fewest requests in flight; ties in registration order);
* "If a target group contains only unhealthy registered targets, the load balancer routes requests to all those
  targets, regardless of their health status" (fail open);
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
* with no target to route to (none registered, or only ``initial``/``draining`` ones) the load balancer answers
  **503** itself ("The target groups for the load balancer have no registered targets").
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html#http-503-issues

The request goes on to ``http://{target id}:{port}{path}`` through the cloud's HTTP router (the target, e.g. an
ECS task, answers there; this service never looks inside it). A target that does not answer the connection gets a
**502** (HTTP 502: "The load balancer received a TCP RST from the target when attempting to establish a
connection"); one that has not answered when the load balancer's idle timeout (60 s) runs out, a **504**.
Requests wait in the target itself when it is busy (its own queue: the load balancer does not queue). ELB error
pages carry ``server: awselb/2.0`` and the HTML body ALB sends.

Metrics (``AWS/ApplicationELB``, per request, stamped when the response leaves the load balancer; names,
dimensions and units from https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html):
``RequestCount`` (LoadBalancer; TargetGroup+LoadBalancer), ``RequestCountPerTarget`` (TargetGroup;
TargetGroup+LoadBalancer; each request adds ``1 / healthy targets`` so that the Sum over a period is the
requests per target), ``TargetResponseTime`` (Seconds; LoadBalancer; TargetGroup+LoadBalancer),
``HTTPCode_Target_2XX_Count`` … ``5XX`` and ``HTTPCode_ELB_5XX_Count`` / ``HTTPCode_ELB_502_Count`` /
``_503_`` / ``_504_`` (Count). The load balancer adds no latency of its own (a pocketcloud model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

# The module, not its names: pocketcloud.http imports the services package, which imports this module.
from ... import http

if TYPE_CHECKING:
    from ...http import HttpRequest, HttpResponse, Respond
    from .backend import Elbv2Service, LoadBalancer, TargetGroup
    from .health import TargetState

NAMESPACE = "AWS/ApplicationELB"
_TITLES = {502: "502 Bad Gateway", 503: "503 Service Temporarily Unavailable", 504: "504 Gateway Time-out"}


def elb_error(status: int) -> HttpResponse:
    """An error the load balancer itself answers (502, 503, 504), with ALB's HTML page."""
    title = _TITLES[status]
    body = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n"
    )
    return http.response(
        status, [("server", "awselb/2.0"), ("content-type", "text/html"), ("content-length", str(len(body)))], body
    )


class AlbEndpoint:
    """The handler of a load balancer's DNS name: one request at a time (``__call__``), or a stream of them
    (:meth:`batch`, the batched path of :mod:`.batch`)."""

    __slots__ = ("lb", "service")

    def __init__(self, service: Elbv2Service, lb: LoadBalancer) -> None:
        self.service = service
        self.lb = lb

    def __call__(self, request: HttpRequest, respond: Respond) -> None:
        handle(self.service, self.lb, request, respond)

    def batch(
        self, url: str, arrivals: Iterator[float], sent: Callable[[], None], report: Callable[[str, float, float], None]
    ) -> None:
        """Send a request to ``url`` at each of ``arrivals`` (virtual times, in order); see :mod:`.batch`."""
        from .batch import BatchDriver

        parts = url.split("/", 3)
        netloc = parts[2].rpartition("@")[2]
        host_port = netloc.rpartition(":")[2] if netloc.count(":") == 1 else ""
        port = int(host_port) if host_port.isdigit() else (443 if parts[0] == "https:" else 80)
        path = "/" + (parts[3].split("?", 1)[0] if len(parts) > 3 else "")
        if port not in self.lb.listeners or self.lb.state != "active":
            raise http.UnknownHostError(f"Failed to connect to {self.lb.dns_name} port {port}: Connection refused")
        BatchDriver(self.service, self.lb, port, path, arrivals, sent, report)


def serve(service: Elbv2Service, lb: LoadBalancer) -> None:
    """Answer requests to the load balancer's DNS name (once it is active)."""
    service.cloud.http.register(lb.dns_name, AlbEndpoint(service, lb))


def choose(group: TargetGroup) -> TargetState | None:
    """The target the next request goes to (see the module docstring), or None."""
    healthy = [t for t in group.targets.values() if t.state == "healthy"]
    pool = healthy or [t for t in group.targets.values() if t.state == "unhealthy"]
    if not pool:
        return None
    if group.algorithm == "least_outstanding_requests":
        return min(pool, key=lambda t: t.in_flight)
    group.cursor += 1
    return pool[group.cursor % len(pool)]


#: The address requests from the load balancer's nodes come from (a pocketcloud model: one node).
NODE_IP = "10.0.0.2"


def handle(service: Elbv2Service, lb: LoadBalancer, request: HttpRequest, respond: Respond) -> None:
    netloc = request.url.split("/", 3)[2].rpartition("@")[2]
    host_port = netloc.rpartition(":")[2] if netloc.count(":") == 1 else ""
    port = int(host_port) if host_port.isdigit() else (443 if request.scheme == "https" else 80)
    listener = lb.listeners.get(port)
    if listener is None or lb.state != "active":
        raise http.UnknownHostError(f"Failed to connect to {lb.dns_name} port {port}: Connection refused")
    group = listener.target_group
    metrics = service.metrics
    target = choose(group)
    if target is None:
        metrics.elb_error(lb, 503)
        respond(elb_error(503))
        return
    healthy = sum(1 for t in group.targets.values() if t.state == "healthy") or 1
    cloud = service.cloud
    started = cloud.now
    done = [False]
    target.in_flight += 1
    target.requests += 1

    def finish(answer: HttpResponse, from_target: bool) -> None:
        if done[0]:
            return
        done[0] = True
        target.in_flight -= 1
        status = int(answer.get("statusCode", 0))
        if from_target:
            metrics.target_answer(lb, group, healthy, status, cloud.now - started)
        else:
            metrics.elb_error(lb, status, group, healthy)
        respond(answer)

    def timed_out() -> None:
        finish(elb_error(504), False)

    # The request goes on as the load balancer sends it: the client's headers (Host included) with the
    # X-Forwarded-* headers and a trace ID added.
    # https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html
    forwarded = [(n, v) for n, v in request.headers if not n.lower().startswith("x-forwarded-")]
    forwarded.append(("X-Forwarded-For", request.source_ip))
    forwarded.append(("X-Forwarded-Proto", request.scheme))
    forwarded.append(("X-Forwarded-Port", str(port)))
    forwarded.append(("X-Amzn-Trace-Id", f"Root=1-{int(started):08x}-{cloud.random_hex(24)}"))
    url = f"http://{target.host}:{target.port}{request.path}" + (f"?{request.query}" if request.query else "")
    handler = cloud.http.resolve(target.host, request.path)
    if handler is None:
        finish(elb_error(502), False)
        return
    timer = cloud.kernel.schedule(lb.idle_timeout_s, timed_out)

    def answered(answer: HttpResponse) -> None:
        timer.cancel()
        finish(answer, True)

    sent = http.HttpRequest(
        request.method, url, "http", target.host, request.path, request.query, forwarded, request.body, NODE_IP, started
    )
    try:
        handler(sent, answered)
    except http.UnknownHostError:
        timer.cancel()
        finish(elb_error(502), False)


class AlbMetrics:
    """Writes the ``AWS/ApplicationELB`` data points (see the module docstring).

    The series one (load balancer, target group) writes per answered request are looked up once and kept as bound
    appends (every point is stamped with the kernel's now, which never goes back, and only this service writes
    ``AWS/ApplicationELB``: PutMetricData refuses ``AWS/`` namespaces), so a request costs a few C calls."""

    def __init__(self, service: Elbv2Service) -> None:
        self._store = service.cloud.metrics
        self._cloud = service.cloud
        self._groups: dict[tuple[str, str, int], tuple[list[Any], list[Any], list[Any], list[Any]]] = {}

    def _add(self, name: str, dims: tuple[tuple[str, str], ...], value: float, unit: str) -> None:
        self._store.record(NAMESPACE, name, dims, value, self._cloud.now, unit)

    def _appenders(self, lb: LoadBalancer, group: TargetGroup, status_class: int) -> tuple[list[Any], ...]:
        key = (lb.arn, group.arn, status_class)
        found = self._groups.get(key)
        if found is None:
            lb_dims = (("LoadBalancer", lb.dimension),)
            both = (("LoadBalancer", lb.dimension), ("TargetGroup", group.dimension))
            tg_dims = (("TargetGroup", group.dimension),)
            store = self._store
            times: list[Any] = []
            ones: list[Any] = []
            seconds: list[Any] = []
            per_target: list[Any] = []
            for dims in (lb_dims, both):
                for name, unit, sink in (
                    ("RequestCount", "Count", ones),
                    (f"HTTPCode_Target_{status_class}XX_Count", "Count", ones),
                    ("TargetResponseTime", "Seconds", seconds),
                ):
                    series = store.series_for(NAMESPACE, name, dims, unit)
                    times.append(series.times.append)
                    sink.append(series.values.append)
            for dims in (tg_dims, both):
                series = store.series_for(NAMESPACE, "RequestCountPerTarget", dims, "Count")
                times.append(series.times.append)
                per_target.append(series.values.append)
            found = self._groups[key] = (times, ones, seconds, per_target)
        return found

    def target_answer(self, lb: LoadBalancer, group: TargetGroup, healthy: int, status: int, seconds: float) -> None:
        times, ones, durations, per_target = self._appenders(lb, group, min(max(status // 100, 2), 5))
        now = self._cloud.now
        for append in times:
            append(now)
        for append in ones:
            append(1.0)
        for append in durations:
            append(seconds)
        share = 1.0 / healthy
        for append in per_target:
            append(share)

    def elb_error(self, lb: LoadBalancer, status: int, group: TargetGroup | None = None, healthy: int = 1) -> None:
        lb_dims = (("LoadBalancer", lb.dimension),)
        self._add("RequestCount", lb_dims, 1.0, "Count")
        self._add("HTTPCode_ELB_5XX_Count", lb_dims, 1.0, "Count")
        self._add(f"HTTPCode_ELB_{status}_Count", lb_dims, 1.0, "Count")
        if group is not None:
            both = (("LoadBalancer", lb.dimension), ("TargetGroup", group.dimension))
            self._add("RequestCount", both, 1.0, "Count")
            for dims in ((("TargetGroup", group.dimension),), both):
                self._add("RequestCountPerTarget", dims, 1.0 / healthy, "Count")


def summary(group: TargetGroup) -> list[dict[str, Any]]:
    """Per-target request counts and health, for a learner: ``[{"Id", "Port", "State", "Requests", "InFlight"}]``."""
    return [
        {
            "Id": t.id,
            "Port": t.port,
            "State": t.state,
            "Requests": t.requests,
            "InFlight": t.in_flight + t.batched_in_flight,
        }
        for t in group.targets.values()
    ]
