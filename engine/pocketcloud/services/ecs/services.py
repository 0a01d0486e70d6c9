"""ECS services: the service scheduler keeping ``desiredCount`` tasks running, rolling deployments, load balancers.

**Rolling updates** ("ECS" deployment controller): "minimumHealthyPercent represents a lower limit on the number of
your service's tasks that must remain in the RUNNING state during a deployment, as a percentage of the
desiredCount (rounded up to the nearest integer)"; "maximumPercent represents an upper limit on the number of your
service's tasks that are allowed in the RUNNING or PENDING state during a deployment, as a percentage of the
desiredCount (rounded down to the nearest integer)". Defaults 100 and 200.
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html
The scheduler (:func:`reconcile`, run after every change and every ``scheduler_s``) starts tasks of the newest
deployment while the total stays within maximumPercent, and stops tasks of older deployments (unhealthy ones first)
while the healthy count stays at or above minimumHealthyPercent. A task counts as healthy when it is RUNNING, its
app has started and, behind a load balancer, its target is ``healthy``. Once only the newest deployment's tasks
run, all healthy, the deployment is ``COMPLETED`` and the service has reached a steady state.

**Load balancers.** When a task reaches RUNNING the service registers its IP in each of its target groups through
elbv2's public ``RegisterTargets`` (as the ``ecs.amazonaws.com`` principal); stopping a task deregisters it first
and waits the target group's deregistration delay (``DescribeTargetGroupAttributes``) in ``DEACTIVATING``. Every
``scheduler_s`` the scheduler reads ``DescribeTargetHealth``: a task whose target is ``unhealthy`` after the
service's ``healthCheckGracePeriodSeconds`` is stopped ("Task failed ELB health checks in (target-group …)") and
replaced, as ECS replaces it. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html

**Service events** (newest first, the last 100; the messages as ECS writes them,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html, and as real services
show them, checked 2026-12-01: "(service okkez-sandbox-app) has started 6 tasks: (task 9085…) (task f563…)"
https://github.com/reproio/ecs_deploy/pull/81; "(service staging-sd-neodarwin) has stopped 1 running tasks: (task
a1bf…)." and "… has begun draining connections on 1 tasks." https://github.com/sil-org/ecs-deploy/issues/95;
"(service myapp) deregistered 1 targets in (target-group arn:aws:elasticloadbalancing:…)"
https://github.com/kayac/ecspresso/pull/5):
``(service web) has started 2 tasks: (task 1a2b…) (task 3c4d…).``,
``(service web) has stopped 1 running tasks: (task 1a2b…).``,
``(service web) registered 1 targets in (target-group arn:…)``, ``(service web) deregistered 1 targets in
(target-group arn:…)``, ``(service web) has begun draining connections on 1 tasks.``,
``(service web) (task 1a2b…) (port 8080) is unhealthy in (target-group arn:…) due to (reason Health checks failed
with these codes: [500])`` (``(instance i-…)`` in place of the task on EC2,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-unhealthy-event-messages.html),
``(service web) (deployment ecs-svc/…) deployment completed.``,
``(service web) has reached a steady state.`` and, for EC2 without capacity, ``(service web) was unable to place a
task because no container instance met all of its requirements. Reason: No Container Instances were found in your
cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.``
Stopped tasks carry the documented ``stoppedReason``/``stopCode``: ``Scaling activity initiated by (deployment
ecs-svc/…)`` / ``ServiceSchedulerInitiated``; ``Task stopped by user`` / ``UserInitiated``. A steady-state event is
written when the service reaches it (AWS repeats it every few hours; pocketcloud does not).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...timeutil import to_datetime
from .tasks import Task

if TYPE_CHECKING:
    from .backend import Cluster, EcsService
    from .taskdefs import TaskDefinition

PRINCIPAL = "ecs.amazonaws.com"
PLACEMENT_FAILED = (
    "was unable to place a task because no container instance met all of its requirements. Reason: No Container "
    "Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS "
    "Developer Guide."
)


class Deployment:
    def __init__(self, service: EcsServiceState, td: TaskDefinition) -> None:
        cloud = service.ecs.cloud
        self.id = f"ecs-svc/{int(cloud.random_hex(16), 16) % 10**19:019d}"
        self.td = td
        self.created = cloud.now
        self.updated = cloud.now
        self.rollout = "IN_PROGRESS"
        self.failed = 0

    def describe(self, service: EcsServiceState, primary: bool) -> dict[str, Any]:
        tasks = [t for t in service.tasks if t.deployment_id == self.id and t.live]
        reason = f"ECS deployment {self.id} {'completed' if self.rollout == 'COMPLETED' else 'in progress'}."
        out: dict[str, Any] = {
            "id": self.id,
            "status": "PRIMARY" if primary else "ACTIVE",
            "taskDefinition": self.td.arn,
            "desiredCount": service.desired if primary else len(tasks),
            "pendingCount": sum(1 for t in tasks if t.pending),
            "runningCount": sum(1 for t in tasks if t.last_status == "RUNNING"),
            "failedTasks": self.failed,
            "createdAt": to_datetime(self.created),
            "updatedAt": to_datetime(self.updated),
            "rolloutState": self.rollout,
            "rolloutStateReason": reason,
        }
        out.update(service.placement_fields())
        if service.network:
            out["networkConfiguration"] = service.network
        return out


class EcsServiceState:
    """One ECS service (the scheduler's state for it)."""

    def __init__(self, ecs: EcsService, cluster: Cluster, p: dict[str, Any], td: TaskDefinition) -> None:
        self.ecs = ecs
        self.cluster = cluster
        self.name: str = p["serviceName"]
        self.arn = ecs.arn("service", f"{cluster.name}/{self.name}")
        self.desired: int = p.get("desiredCount", 0)
        self.launch_type: str | None = p.get("launchType")
        self.strategy: list[dict[str, Any]] = [dict(s) for s in p.get("capacityProviderStrategy", [])]
        if not self.launch_type and not self.strategy:
            self.strategy = [dict(s) for s in cluster.default_strategy]
            if not self.strategy:
                self.launch_type = "EC2"
        config = p.get("deploymentConfiguration", {})
        self.max_percent: int = config.get("maximumPercent", 200)
        self.min_percent: int = config.get("minimumHealthyPercent", 100)
        self.load_balancers: list[dict[str, Any]] = [dict(lb) for lb in p.get("loadBalancers", [])]
        self.grace_s: int = p.get("healthCheckGracePeriodSeconds", 0)
        self.network: dict[str, Any] | None = p.get("networkConfiguration")
        self.placement_strategy: list[dict[str, Any]] = list(p.get("placementStrategy", []))
        self.created = ecs.cloud.now
        self.status = "ACTIVE"
        self.deployments: list[Deployment] = [Deployment(self, td)]
        self.tasks: list[Task] = []
        self.events: list[dict[str, Any]] = []
        self.steady = False
        self._reconciling = False

    # -- what it looks like ----------------------------------------------------------------------------------
    @property
    def primary(self) -> Deployment:
        return self.deployments[0]

    def placement_fields(self) -> dict[str, Any]:
        if self.launch_type:
            out: dict[str, Any] = {"launchType": self.launch_type}
        else:
            out = {"capacityProviderStrategy": [dict(s) for s in self.strategy]}
        if self.uses_fargate():
            out["platformVersion"] = "LATEST"
            out["platformFamily"] = "Linux"
        return out

    def uses_fargate(self) -> bool:
        if self.launch_type:
            return self.launch_type == "FARGATE"
        return all(s.get("capacityProvider") in ("FARGATE", "FARGATE_SPOT") for s in self.strategy)

    def describe(self) -> dict[str, Any]:
        live = [t for t in self.tasks if t.live]
        out: dict[str, Any] = {
            "serviceArn": self.arn,
            "serviceName": self.name,
            "clusterArn": self.cluster.arn,
            "loadBalancers": [dict(lb) for lb in self.load_balancers],
            "serviceRegistries": [],
            "status": self.status,
            "desiredCount": self.desired,
            "runningCount": sum(1 for t in self.tasks if t.last_status == "RUNNING" and t.live),
            "pendingCount": sum(1 for t in live if t.pending),
            "taskDefinition": self.primary.td.arn,
            "deploymentConfiguration": {
                "deploymentCircuitBreaker": {"enable": False, "rollback": False},
                "maximumPercent": self.max_percent,
                "minimumHealthyPercent": self.min_percent,
            },
            "deployments": [d.describe(self, i == 0) for i, d in enumerate(self.deployments)],
            "events": list(self.events),
            "createdAt": to_datetime(self.created),
            "placementConstraints": [],
            "placementStrategy": [dict(s) for s in self.placement_strategy],
            "schedulingStrategy": "REPLICA",
            "deploymentController": {"type": "ECS"},
            "createdBy": f"arn:aws:iam::{self.ecs.cloud.account_id}:root",
            "enableECSManagedTags": False,
            "propagateTags": "NONE",
            "enableExecuteCommand": False,
            "availabilityZoneRebalancing": "DISABLED",
        }
        out.update(self.placement_fields())
        if self.network:
            out["networkConfiguration"] = self.network
        if self.load_balancers:
            out["healthCheckGracePeriodSeconds"] = self.grace_s
        return out

    def event(self, message: str) -> None:
        cloud = self.ecs.cloud
        self.events.insert(0, {"id": cloud.new_request_id(), "createdAt": to_datetime(cloud.now), "message": message})
        del self.events[self.ecs.settings.events_kept :]

    # -- the scheduler ---------------------------------------------------------------------------------------
    def healthy(self, task: Task) -> bool:
        if task.last_status != "RUNNING" or not task.live or task.ready_at is None:
            return False
        if task.ready_at > self.ecs.cloud.now:
            return False
        return not self.load_balancers or task.lb_health == "HEALTHY"

    def reconcile(self) -> None:
        """Start and stop tasks toward ``desiredCount`` within the deployment configuration (module docstring)."""
        if self._reconciling or self.status != "ACTIVE":
            return
        self._reconciling = True
        try:
            self._reconcile()
        finally:
            self._reconciling = False

    def _reconcile(self) -> None:
        primary = self.primary
        live = [t for t in self.tasks if t.live]
        mine = [t for t in live if t.deployment_id == primary.id]
        old = [t for t in live if t.deployment_id != primary.id]
        max_total = math.floor(self.desired * self.max_percent / 100)
        min_healthy = math.ceil(self.desired * self.min_percent / 100)
        # Scale the newest deployment in first (it may be above desiredCount after an UpdateService).
        if len(mine) > self.desired:
            extra = sorted(mine, key=lambda t: (self.healthy(t), -t.created))[: len(mine) - self.desired]
            self.stop_tasks(
                extra, f"Scaling activity initiated by (deployment {primary.id})", "ServiceSchedulerInitiated"
            )
            live = [t for t in live if t not in extra]
            mine = [t for t in mine if t not in extra]
        # Stop old tasks while enough healthy ones remain (unhealthy ones always may go).
        healthy_count = sum(1 for t in live if self.healthy(t))
        leaving = []
        for task in sorted(old, key=lambda t: (self.healthy(t), t.created)):
            if not self.healthy(task):
                leaving.append(task)
            elif healthy_count - 1 >= min_healthy:
                leaving.append(task)
                healthy_count -= 1
        if leaving:
            self.stop_tasks(
                leaving, f"Scaling activity initiated by (deployment {primary.id})", "ServiceSchedulerInitiated"
            )
            live = [t for t in live if t not in leaving]
        # Start new tasks while the total stays within maximumPercent.
        room = max_total - len(live)
        want = min(self.desired - len(mine), max(room, 0))
        if want > 0:
            self.start_tasks(want)
        self._check_steady()

    def start_tasks(self, count: int) -> None:
        from .placement import place

        started = []
        for _ in range(count):
            placed = place(
                self.ecs, self.cluster, self.primary.td, self.launch_type, self.strategy, self.placement_strategy
            )
            if placed is None:
                message = f"(service {self.name}) {PLACEMENT_FAILED}"
                if not self.events or self.events[0]["message"] != message:
                    self.event(message)
                break
            launch_type, provider, instance = placed
            task = Task(self.ecs, self.cluster, self.primary.td, self, self.primary.id, launch_type, provider)
            if instance is not None:
                instance.claim(task)
            self.ecs.tasks[task.arn] = task
            self.tasks.append(task)
            task.start()
            started.append(task)
        if any(t.waiting_for_capacity for t in started):
            from .capacity import place_waiting

            place_waiting(self.ecs)
        if started:
            self.steady = False
            self.event(
                f"(service {self.name}) has started {len(started)} tasks: "
                + " ".join(f"(task {t.id})" for t in started)
                + "."
            )

    def stop_tasks(self, tasks: list[Task], reason: str, code: str) -> None:
        """Stop ``tasks`` (deregistering their targets first and waiting the deregistration delay)."""
        tasks = [t for t in tasks if t.live]
        if not tasks:
            return
        self.steady = False
        running = [t for t in tasks if t.last_status == "RUNNING"]
        if running:
            self.event(
                f"(service {self.name}) has stopped {len(running)} running tasks: "
                + " ".join(f"(task {t.id})" for t in running)
                + "."
            )
        drain = self.deregister(running)
        for task in tasks:
            task.stop(reason, code, drain if task in running else 0.0)

    # -- load balancers --------------------------------------------------------------------------------------
    def _elbv2(self) -> Any:
        return self.ecs.cloud.service_client("elbv2", PRINCIPAL, source_arn=self.arn)

    def task_running(self, task: Task) -> None:
        if self.load_balancers and task.live:
            elbv2 = self._elbv2()
            for lb in self.load_balancers:
                target = (task.ip, lb.get("containerPort") or task.td.model.port or 80)
                elbv2.register_targets(
                    TargetGroupArn=lb["targetGroupArn"], Targets=[{"Id": target[0], "Port": target[1]}]
                )
                task.registered_targets.append(target)
                self.event(f"(service {self.name}) registered 1 targets in (target-group {lb['targetGroupArn']})")
        self.reconcile()

    def deregister(self, tasks: list[Task]) -> float:
        """Deregister the tasks' targets; the longest deregistration delay of their target groups."""
        registered = [t for t in tasks if t.registered_targets]
        if not registered or not self.load_balancers:
            return 0.0
        elbv2 = self._elbv2()
        delay = 0.0
        for lb in self.load_balancers:
            arn = lb["targetGroupArn"]
            targets = [
                {"Id": t.ip, "Port": port} for t in registered for ip, port in t.registered_targets if ip == t.ip
            ]
            try:
                elbv2.deregister_targets(TargetGroupArn=arn, Targets=targets)
                attributes = elbv2.describe_target_group_attributes(TargetGroupArn=arn)["Attributes"]
            except Exception:
                continue
            seconds = next((a["Value"] for a in attributes if a["Key"] == "deregistration_delay.timeout_seconds"), "0")
            delay = max(delay, float(seconds))
            self.event(f"(service {self.name}) deregistered {len(targets)} targets in (target-group {arn})")
        self.event(f"(service {self.name}) has begun draining connections on {len(registered)} tasks.")
        for task in registered:
            task.registered_targets = []
        return delay

    def poll_health(self) -> None:
        """Read the target groups' health; stop tasks that failed their health checks after the grace period."""
        if not self.load_balancers:
            return
        elbv2 = self._elbv2()
        by_ip = {t.ip: t for t in self.tasks if t.live and t.registered_targets}
        failing: dict[str, tuple[Task, str, int, str]] = {}
        states: dict[str, list[str]] = {}
        for lb in self.load_balancers:
            arn = lb["targetGroupArn"]
            try:
                found = elbv2.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
            except Exception:
                continue
            for entry in found:
                task = by_ip.get(entry["Target"]["Id"])
                if task is None:
                    continue
                state = entry["TargetHealth"]["State"]
                states.setdefault(task.ip, []).append(state)
                if state == "unhealthy":
                    failing[task.ip] = (
                        task,
                        arn,
                        entry["Target"]["Port"],
                        entry["TargetHealth"].get("Description", ""),
                    )
        now = self.ecs.cloud.now
        for ip, found_states in states.items():
            task = by_ip[ip]
            task.lb_health = (
                "HEALTHY" if all(s == "healthy" for s in found_states) else "UNHEALTHY" if ip in failing else "UNKNOWN"
            )
        for task, arn, port, description in failing.values():
            if task.started_at is not None and now >= task.started_at + self.grace_s:
                # https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-unhealthy-event-messages.html:
                # "Fargate: (service service-name) (task task-id) (port port-number) is unhealthy in (target-group
                # target-group-name) due to (reason failure-reason)", "EC2: (service …) (instance instance-id) …";
                # no closing period, as in the real events quoted on GitHub.
                where = f"(instance {task.instance.ec2_id})" if task.instance is not None else f"(task {task.id})"
                self.event(
                    f"(service {self.name}) {where} (port {port}) is unhealthy in (target-group {arn}) "
                    f"due to (reason {description})"
                )
                self.primary.failed += task.deployment_id == self.primary.id
                self.stop_tasks(
                    [task], f"Task failed ELB health checks in (target-group {arn})", "ServiceSchedulerInitiated"
                )
        self.reconcile()

    def task_stopped(self, task: Task) -> None:
        self.tasks = [t for t in self.tasks if t is not task]
        if self.status == "DRAINING" and not any(t for t in self.tasks):
            self.status = "INACTIVE"
        self.reconcile()

    def _check_steady(self) -> None:
        primary = self.primary
        live = [t for t in self.tasks if t.live]
        if any(t.deployment_id != primary.id for t in live) or any(t.last_status != "RUNNING" for t in self.tasks):
            return
        if len(live) != self.desired or not all(self.healthy(t) for t in live):
            return
        if len(self.deployments) > 1 or primary.rollout != "COMPLETED":
            self.deployments = [primary]
            if primary.rollout != "COMPLETED":
                primary.rollout = "COMPLETED"
                primary.updated = self.ecs.cloud.now
                self.event(f"(service {self.name}) (deployment {primary.id}) deployment completed.")
        if not self.steady:
            self.steady = True
            self.event(f"(service {self.name}) has reached a steady state.")

    def update(self, td: TaskDefinition | None, desired: int | None, force: bool) -> None:
        if desired is not None and desired != self.desired:
            self.desired = desired
            self.steady = False
        if td is not None and (td is not self.primary.td or force):
            self.deployments.insert(0, Deployment(self, td))
            self.steady = False
        elif force:
            self.deployments.insert(0, Deployment(self, self.primary.td))
            self.steady = False
        self.reconcile()


def tick(ecs: EcsService) -> None:
    """The scheduler's periodic look at every service (a background event every ``scheduler_s``)."""
    ecs.cloud.kernel.schedule(ecs.settings.scheduler_s, tick, ecs, background=True)
    if ecs.capacity_providers:
        from .capacity import place_waiting

        place_waiting(ecs)
    for cluster in list(ecs.clusters.values()):
        for service in list(cluster.services.values()):
            if service.status == "ACTIVE":
                service.poll_health()
                service.reconcile()
