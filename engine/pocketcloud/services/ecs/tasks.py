"""Tasks: their lifecycle on the virtual clock, and the simulated app that answers HTTP requests on the task's IP.

Lifecycle (the documented ``lastStatus`` values, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html):
``PROVISIONING`` -> ``PENDING`` -> ``RUNNING`` -> (``DEACTIVATING`` while its target drains) -> ``STOPPING`` ->
``STOPPED``; the durations are :class:`~.backend.EcsSettings`. A task on Fargate gets its own network interface
(``awsvpc``): its private IP answers ``http://{ip}:{port}/...`` through the cloud's HTTP router from the moment it
is ``RUNNING`` until it is ``STOPPED`` — that is where a load balancer sends requests, through the router, never
into this module.

The app is the request-handling model of :mod:`.taskdefs` and :mod:`.appqueue` (a pocketcloud model): up to
``concurrency`` requests in progress, a FIFO queue behind them, the CPU time of each on the task's vCPUs, first come
first served. Until the app has started (``startup_s`` after RUNNING) connections are refused (the router raises,
the load balancer answers 502); after ``unhealthy_after`` seconds it answers 500 to everything, health checks
included. A load balancer's health check (a GET with the ``ELB-HealthChecker/2.0`` user agent,
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html) is answered at
once without a slot or CPU: it is a tiny request, and counting it like a real one would let the checks themselves
load a small task (a pocketcloud model). It is not counted in the task's requests.
"""

from __future__ import annotations

import json
from collections import deque
from typing import TYPE_CHECKING, Any

# The module, not its names: pocketcloud.http imports the services package, which imports this module.
from ... import http
from ...timeutil import to_datetime
from .appqueue import TaskQueue

if TYPE_CHECKING:
    from ...http import HttpRequest, HttpResponse, Respond
    from ...kernel import Timer
    from .backend import Cluster, EcsService
    from .services import EcsServiceState
    from .taskdefs import TaskDefinition

_PENDING = ("PROVISIONING", "PENDING", "ACTIVATING")
_HEALTH_CHECKER = "ELB-HealthChecker/"


def _is_health_check(request: HttpRequest) -> bool:
    return any(n.lower() == "user-agent" and v.startswith(_HEALTH_CHECKER) for n, v in request.headers)


class TaskEndpoint:
    """What the task's IP answers with in the HTTP router: one request (``__call__``) or, for a load balancer's
    batched path, the answer to an arrival (``admit``)."""

    __slots__ = ("admit", "task")

    def __init__(self, task: Task) -> None:
        self.task = task
        self.admit = task.admit

    def __call__(self, request: HttpRequest, respond: Respond) -> None:
        self.task.serve(request, respond)


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
        model = td.model
        self.app = TaskQueue(self.vcpu, model.cpu_ms, model.latency_ms, model.concurrency, model.queue)
        #: Requests admitted and not yet answered through :meth:`serve`: (start, end, their answer's timer, respond).
        self._outstanding: deque[tuple[float, float, Timer, Respond]] = deque()
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
        cloud.http.register(self.ip, TaskEndpoint(self))
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
        # Requests still waiting for a slot are cut off (the load balancer answers them 502); the ones at work
        # finish.
        for start, _end, timer, respond in self._outstanding:
            if start > cloud.now:
                timer.cancel()
                respond(http.response(502, [("content-type", "text/plain")], "connection reset"))
        self._outstanding.clear()
        if self.instance is not None:
            self.instance.release(self)
        if self.service is not None:
            self.service.task_stopped(self)
        cloud.kernel.schedule(self.ecs.settings.stopped_visible_s, self._forget, background=True)

    def _forget(self) -> None:
        self.ecs.tasks.pop(self.arn, None)

    # -- the app ---------------------------------------------------------------------------------------------
    def accepting(self, now: float) -> bool:
        """The app answers connections at ``now`` (it has started and the task is not stopped)."""
        return self.ready_at is not None and now >= self.ready_at and self.last_status != "STOPPED"

    def status_at(self, at: float) -> int:
        """The HTTP status the app answers a request that ends at ``at`` (``pocketcloud.unhealthy_after``)."""
        model = self.td.model
        after = model.unhealthy_after
        if after is not None and self.started_at is not None and at >= self.started_at + after:
            return 500
        return model.status

    def serve(self, request: HttpRequest, respond: Respond) -> None:
        cloud = self.ecs.cloud
        now = cloud.now
        model = self.td.model
        if not self.accepting(now):
            raise http.UnknownHostError(f"Failed to connect to {self.ip} port {model.port}: Connection refused")
        if _is_health_check(request):
            # A health check is a tiny GET the app answers at once, beside its workers: it takes no slot and no
            # modelled CPU (a pocketcloud model; see the module docstring).
            respond(self._answer(request, self.status_at(now)))
            return
        admitted = self.app.admit(now)
        if admitted is None:
            raise http.UnknownHostError(f"Failed to connect to {self.ip} port {model.port}: Connection refused")
        start, end = admitted
        self.requests += 1
        outstanding = self._outstanding
        while outstanding and outstanding[0][1] <= now:
            outstanding.popleft()
        timer = cloud.kernel.schedule(end - now, self._end, request, respond)
        outstanding.append((start, end, timer, respond))

    def admit(self, at: float) -> tuple[int, float] | None:
        """A request arriving at ``at`` from a load balancer's batched path: (status, answered at), or None when
        the connection is refused (see :mod:`.appqueue`)."""
        if not self.accepting(at):
            return None
        admitted = self.app.admit(at)
        if admitted is None:
            return None
        self.requests += 1
        end = admitted[1]
        return self.status_at(end), end

    def _end(self, request: HttpRequest, respond: Respond) -> None:
        respond(self._answer(request, self.status_at(self.ecs.cloud.now)))

    def _answer(self, request: HttpRequest, status: int) -> HttpResponse:
        body = f'{{"task":"{self.id}","path":{json.dumps(request.path)}}}'
        return http.response(status, [("content-type", "application/json"), ("content-length", str(len(body)))], body)

    def cpu_used_s(self, until: float) -> float:
        """CPU seconds this task's requests used up to ``until`` (see :mod:`.appqueue`)."""
        return self.app.cpu_used(until)

    def memory_used_mib(self) -> float:
        model = self.td.model
        return model.memory_mib + model.request_mib * self.app.in_flight(self.ecs.cloud.now)

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
