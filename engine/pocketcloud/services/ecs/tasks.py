"""Tasks: their lifecycle on the virtual clock, and the simulated app that answers HTTP requests on the task's IP.

Lifecycle (the documented ``lastStatus`` values, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html):
``PROVISIONING`` -> ``PENDING`` -> ``RUNNING`` -> (``DEACTIVATING`` while its target drains) -> ``STOPPING`` ->
``STOPPED``; the durations are :class:`~.backend.EcsSettings`. A task on Fargate gets its own network interface
(``awsvpc``): its private IP answers ``http://{ip}:{port}/...`` through the cloud's HTTP router from the moment it
is ``RUNNING`` until it is ``STOPPED`` — that is where a load balancer sends requests, through the router, never
into this module.

The app is the request-handling model of :mod:`.taskdefs` (a pocketcloud model): up to ``concurrency`` requests
in progress, a FIFO queue behind them, a service time of ``latency + cpu * max(1, k / vCPUs)``. Until the app has
started (``startup_s`` after RUNNING) connections are refused (the router raises, the load balancer answers 502);
after ``unhealthy_after`` seconds it answers 500 to everything, health checks included.
"""

from __future__ import annotations

import json
from collections import deque
from typing import TYPE_CHECKING, Any

# The module, not its names: pocketcloud.http imports the services package, which imports this module.
from ... import http
from ...timeutil import to_datetime

if TYPE_CHECKING:
    from ...http import HttpRequest, Respond
    from .backend import Cluster, EcsService
    from .services import EcsServiceState
    from .taskdefs import TaskDefinition

_PENDING = ("PROVISIONING", "PENDING", "ACTIVATING")


class Task:
    """One task: where it runs, its status, and its app's requests."""

    def __init__(
        self,
        ecs: EcsService,
        cluster: Cluster,
        td: TaskDefinition,
        service: EcsServiceState | None,
        deployment_id: str | None,
        launch_type: str,
        capacity_provider: str | None,
    ) -> None:
        cloud = ecs.cloud
        self.ecs = ecs
        self.id = cloud.random_hex(32)
        self.arn = ecs.arn("task", f"{cluster.name}/{self.id}")
        self.cluster = cluster
        self.td = td
        self.service = service
        self.deployment_id = deployment_id
        self.launch_type = launch_type
        self.capacity_provider = capacity_provider
        self.instance: Any = None
        #: EC2 capacity provider tasks wait in PROVISIONING until an instance has room (see :mod:`.capacity`).
        self.waiting_for_capacity = False
        self.ip = ecs.new_ip()
        self.created = cloud.now
        self.last_status = "PROVISIONING"
        self.desired_status = "RUNNING"
        self.started_at: float | None = None
        self.ready_at: float | None = None
        self.stopping_at: float | None = None
        self.stopped_at: float | None = None
        self.stopped_reason: str | None = None
        self.stop_code: str | None = None
        self.version = 1
        #: Health as the service scheduler last saw it in the load balancer ("HEALTHY", "UNHEALTHY", "UNKNOWN").
        self.lb_health = "UNKNOWN"
        self.registered_targets: list[tuple[str, int]] = []
        # The app's model state.
        self.vcpu = max(td.cpu, 1) / 1024
        self.in_progress = 0
        self.queue: deque[tuple[HttpRequest, Respond, float]] = deque()
        self.cpu_used_s = 0.0
        self.requests = 0

    @property
    def pending(self) -> bool:
        return self.last_status in _PENDING

    @property
    def live(self) -> bool:
        """Wanted running (not being stopped)."""
        return self.desired_status == "RUNNING"

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> None:
        settings = self.ecs.settings
        if self.launch_type == "FARGATE":
            self.ecs.cloud.kernel.schedule(settings.provisioning_s, self._pending)
        elif self.instance is not None:
            self.ecs.cloud.kernel.schedule(settings.ec2_provisioning_s, self._pending)
        else:
            self.waiting_for_capacity = True

    def placed(self) -> None:
        """An EC2 instance took this waiting task."""
        self.waiting_for_capacity = False
        self.ecs.cloud.kernel.schedule(self.ecs.settings.ec2_provisioning_s, self._pending)

    def _pending(self) -> None:
        if self.live:
            self.last_status = "PENDING"
            self.version += 1
            self.ecs.cloud.kernel.schedule(self.ecs.settings.pull_s, self._running)

    def _running(self) -> None:
        if not self.live:
            return
        cloud = self.ecs.cloud
        self.last_status = "RUNNING"
        self.version += 1
        self.started_at = cloud.now
        self.ready_at = cloud.now + self.td.model.startup_s
        cloud.http.register(self.ip, self.serve)
        if self.service is not None:
            self.service.task_running(self)

    def stop(self, reason: str, code: str, drain_s: float = 0.0) -> None:
        """Begin stopping: DEACTIVATING for ``drain_s`` (a target draining), STOPPING, then STOPPED."""
        if not self.live:
            return
        cloud = self.ecs.cloud
        self.desired_status = "STOPPED"
        self.waiting_for_capacity = False
        self.stopped_reason, self.stop_code = reason, code
        self.stopping_at = cloud.now
        self.version += 1
        if self.last_status == "RUNNING" and drain_s > 0:
            self.last_status = "DEACTIVATING"
            cloud.kernel.schedule(drain_s, self._stopping)
        elif self.last_status in ("RUNNING", "DEACTIVATING"):
            self._stopping()
        else:
            self._stopped()

    def _stopping(self) -> None:
        self.last_status = "STOPPING"
        self.ecs.cloud.kernel.schedule(self.ecs.settings.stop_s, self._stopped)

    def _stopped(self) -> None:
        cloud = self.ecs.cloud
        if self.started_at is not None and cloud.http.is_registered(self.ip):
            cloud.http.unregister(self.ip)
        self.last_status = "STOPPED"
        self.stopped_at = cloud.now
        self.version += 1
        for _request, respond, _at in self.queue:
            respond(http.response(502, [("content-type", "text/plain")], "connection reset"))
        self.queue.clear()
        if self.instance is not None:
            self.instance.release(self)
        if self.service is not None:
            self.service.task_stopped(self)
        cloud.kernel.schedule(self.ecs.settings.stopped_visible_s, self._forget, background=True)

    def _forget(self) -> None:
        self.ecs.tasks.pop(self.arn, None)

    # -- the app ---------------------------------------------------------------------------------------------
    def serve(self, request: HttpRequest, respond: Respond) -> None:
        now = self.ecs.cloud.now
        if self.ready_at is None or now < self.ready_at or self.last_status == "STOPPED":
            raise http.UnknownHostError(f"Failed to connect to {self.ip} port {self.td.model.port}: Connection refused")
        model = self.td.model
        if self.in_progress < model.concurrency:
            self._begin(request, respond)
        elif len(self.queue) < model.queue:
            self.queue.append((request, respond, now))
        else:
            raise http.UnknownHostError(f"Failed to connect to {self.ip} port {model.port}: Connection refused")

    def _begin(self, request: HttpRequest, respond: Respond) -> None:
        model = self.td.model
        self.in_progress += 1
        share = self.in_progress / self.vcpu
        cpu_s = model.cpu_ms / 1000.0
        seconds = model.latency_ms / 1000.0 + cpu_s * (share if share > 1 else 1.0)
        self.cpu_used_s += cpu_s
        self.requests += 1
        self.ecs.cloud.kernel.schedule(seconds, self._end, request, respond)

    def _end(self, request: HttpRequest, respond: Respond) -> None:
        self.in_progress -= 1
        model = self.td.model
        status = model.status
        after = model.unhealthy_after
        if after is not None and self.started_at is not None and self.ecs.cloud.now >= self.started_at + after:
            status = 500
        body = f'{{"task":"{self.id}","path":{json.dumps(request.path)}}}'
        respond(http.response(status, [("content-type", "application/json"), ("content-length", str(len(body)))], body))
        if self.queue and self.in_progress < model.concurrency:
            queued, answer, _at = self.queue.popleft()
            self._begin(queued, answer)

    def memory_used_mib(self) -> float:
        model = self.td.model
        return model.memory_mib + model.request_mib * (self.in_progress + len(self.queue))

    # -- describing ------------------------------------------------------------------------------------------
    def describe(self) -> dict[str, Any]:
        cloud = self.ecs.cloud
        eni = f"eni-attach-{self.id[:8]}"
        container_status = "PENDING" if self.pending else self.last_status
        containers = [
            {
                "containerArn": self.ecs.arn("container", f"{self.cluster.name}/{self.id}/{c['name']}"),
                "taskArn": self.arn,
                "name": c["name"],
                "image": c["image"],
                "lastStatus": "STOPPED" if self.last_status == "STOPPED" else container_status,
                "networkInterfaces": [{"attachmentId": eni, "privateIpv4Address": self.ip}],
                "healthStatus": "UNKNOWN",
                "cpu": str(c.get("cpu", 0)),
            }
            for c in self.td.containers
        ]
        out: dict[str, Any] = {
            "taskArn": self.arn,
            "clusterArn": self.cluster.arn,
            "taskDefinitionArn": self.td.arn,
            "lastStatus": self.last_status,
            "desiredStatus": self.desired_status,
            "launchType": self.launch_type,
            "cpu": str(self.td.cpu),
            "memory": str(self.td.memory),
            "containers": containers,
            "createdAt": to_datetime(self.created),
            "version": self.version,
            "availabilityZone": f"{cloud.region}a",
            "connectivity": "CONNECTED",
            "healthStatus": "UNKNOWN",
            "group": f"service:{self.service.name}" if self.service else f"family:{self.td.family}",
            "attachments": [
                {
                    "id": eni,
                    "type": "ElasticNetworkInterface",
                    "status": "DELETED" if self.last_status == "STOPPED" else "ATTACHED",
                    "details": [{"name": "privateIPv4Address", "value": self.ip}],
                }
            ],
            "overrides": {"containerOverrides": [{"name": c["name"]} for c in self.td.containers]},
            "tags": [],
            "enableExecuteCommand": False,
        }
        if self.deployment_id:
            out["startedBy"] = self.deployment_id
        if self.capacity_provider:
            out["capacityProviderName"] = self.capacity_provider
        if self.launch_type == "FARGATE":
            out["platformVersion"] = "1.4.0"
            out["platformFamily"] = "Linux"
        if self.instance is not None:
            out["containerInstanceArn"] = self.instance.arn
        for key, at in (
            ("startedAt", self.started_at),
            ("stoppingAt", self.stopping_at),
            ("stoppedAt", self.stopped_at),
        ):
            if at is not None:
                out[key] = to_datetime(at)
        if self.started_at is not None:
            out["pullStartedAt"] = to_datetime(self.started_at - self.ecs.settings.pull_s)
            out["pullStoppedAt"] = to_datetime(self.started_at)
            out["connectivityAt"] = to_datetime(self.started_at - self.ecs.settings.pull_s)
        if self.stopped_reason:
            out["stoppedReason"] = self.stopped_reason
            out["stopCode"] = self.stop_code
        return out
