"""Target health: the health checks an Application Load Balancer sends to each registered target.

As the Application Load Balancer guide describes them: the load balancer "sends a health check request to each
registered target every HealthCheckIntervalSeconds seconds", an HTTP ``GET`` of ``HealthCheckPath``; a check passes
when the answer's status matches ``Matcher`` within ``HealthCheckTimeoutSeconds``. "After your target is
registered, it must pass one health check to be considered healthy"; a healthy target becomes ``unhealthy`` after
``UnhealthyThresholdCount`` consecutive failures, and an unhealthy one healthy again after
``HealthyThresholdCount`` consecutive successes. A deregistered target is ``draining`` for the target group's
deregistration delay, then gone. A target group no listener uses is not checked: its targets are ``unused``
(``Target.NotInUse``). https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html

Reason codes and descriptions are the documented ones (``Elb.RegistrationInProgress``, ``Elb.InitialHealthChecking``,
``Target.ResponseCodeMismatch`` "Health checks failed with these codes: [500]", ``Target.Timeout`` "Request timed
out", ``Target.FailedHealthChecks`` "Health checks failed", ``Target.DeregistrationInProgress``).
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html

pocketcloud models: the first check is sent :data:`REGISTRATION_S` seconds after registration (AWS gives no
number); health checks are background events on the virtual clock (they do not keep ``cloud.run()`` going on
their own: let time pass with ``cloud.run(until=...)``); health checks do not count as requests in the metrics
("Metrics for Application Load Balancers exclude health check requests").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The module, not its names: pocketcloud.http imports the services package, which imports this module.
from ... import http

if TYPE_CHECKING:
    from ...kernel import Timer
    from .backend import Elbv2Service, TargetGroup

#: Seconds from registration to the first health check (a pocketcloud model).
REGISTRATION_S = 10.0


class TargetState:
    """One registered target of one target group: its health and its requests in flight."""

    __slots__ = (
        "batched_in_flight",
        "description",
        "fails",
        "host",
        "id",
        "in_flight",
        "passes",
        "port",
        "reason",
        "requests",
        "state",
        "timer",
    )

    def __init__(self, target_id: str, port: int) -> None:
        self.id = target_id
        self.port = port
        self.host = target_id.lower()
        self.state = "initial"
        self.reason: str | None = "Elb.RegistrationInProgress"
        self.description: str | None = "Target registration is in progress"
        self.passes = 0
        self.fails = 0
        self.in_flight = 0
        #: Requests in flight sent by the batched path (:mod:`.batch`), as of its last stretch of arrivals.
        self.batched_in_flight = 0
        #: Requests this target received (per-target request counts for learners).
        self.requests = 0
        self.timer: Timer | None = None

    def health(self) -> dict[str, Any]:
        out: dict[str, Any] = {"State": self.state}
        if self.reason:
            out["Reason"] = self.reason
        if self.description:
            out["Description"] = self.description
        return out


def in_use(group: TargetGroup) -> bool:
    """A listener forwards to the group (its load balancer may still be provisioning)."""
    return bool(group.listeners)


def checked(group: TargetGroup) -> bool:
    """Health checks run: a listener of an ``active`` load balancer forwards to the group."""
    return any(listener.lb.state == "active" for listener in group.listeners)


def start(service: Elbv2Service, group: TargetGroup, target: TargetState, delay: float = REGISTRATION_S) -> None:
    """Begin checking ``target`` (after ``delay``) if its group is in use; otherwise mark it ``unused``."""
    if not group.health_check_enabled:
        target.state, target.reason, target.description = "unavailable", "Target.HealthCheckDisabled", None
        return
    if not in_use(group):
        target.state, target.reason = "unused", "Target.NotInUse"
        target.description = "Target group is not configured to receive traffic from the load balancer"
        return
    if target.state == "unused":
        target.state, target.reason = "initial", "Elb.RegistrationInProgress"
        target.description = "Target registration is in progress"
    if target.timer is None and checked(group):
        target.timer = service.cloud.kernel.schedule(delay, check, service, group, target, background=True)


def stop(target: TargetState) -> None:
    if target.timer is not None:
        target.timer.cancel()
        target.timer = None


def check(service: Elbv2Service, group: TargetGroup, target: TargetState) -> None:
    """Send one health check; schedule the next one an interval later."""
    cloud = service.cloud
    target.timer = cloud.kernel.schedule(group.interval_s, check, service, group, target, background=True)
    if target.state == "initial" and target.reason == "Elb.RegistrationInProgress":
        target.reason, target.description = "Elb.InitialHealthChecking", "Initial health checking in progress"
    deadline = cloud.now + group.timeout_s
    done = [False]

    def answered(response: dict[str, Any]) -> None:
        if done[0]:
            return
        done[0] = True
        status = int(response.get("statusCode", 0))
        if cloud.now > deadline:
            record(group, target, False, "Target.Timeout", "Request timed out")
        elif group.matches(status):
            record(group, target, True, None, None)
        else:
            record(
                group,
                target,
                False,
                "Target.ResponseCodeMismatch",
                f"Health checks failed with these codes: [{status}]",
            )

    def timed_out() -> None:
        if not done[0]:
            done[0] = True
            record(group, target, False, "Target.Timeout", "Request timed out")

    url = f"http://{target.host}:{target.port}{group.path}"
    try:
        cloud.http.request_and_then(answered, "GET", url, {"User-Agent": "ELB-HealthChecker/2.0"}, None, "10.0.0.2")
    except http.UnknownHostError:
        done[0] = True
        record(group, target, False, "Target.FailedHealthChecks", "Health checks failed")
        return
    if not done[0]:
        cloud.kernel.schedule(group.timeout_s, timed_out, background=True)


def record(group: TargetGroup, target: TargetState, passed: bool, reason: str | None, description: str | None) -> None:
    """Apply one check's result to the target's state (the thresholds of the module docstring)."""
    if target.state in ("draining", "unused"):
        return
    if passed:
        target.passes += 1
        target.fails = 0
        if target.state == "initial" or (target.state == "unhealthy" and target.passes >= group.healthy_threshold):
            target.state, target.reason, target.description = "healthy", None, None
        return
    target.fails += 1
    target.passes = 0
    if target.state == "unhealthy":
        target.reason, target.description = reason, description
    elif target.fails >= group.unhealthy_threshold:
        target.state, target.reason, target.description = "unhealthy", reason, description
