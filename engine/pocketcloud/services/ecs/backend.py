"""The state of Amazon ECS in one cloud: clusters, task definitions, services, tasks, and the behaviour settings.

Timings that AWS does not publish are pocketcloud models, gathered in :class:`EcsSettings` so that a lab can change
them (``pocketcloud.services.ecs.backend.settings(cloud).pull_s = 40``):

* a Fargate task is ``PROVISIONING`` for ``provisioning_s`` (capacity and its network interface), ``PENDING`` for
  ``pull_s`` (the image pull), then ``RUNNING``; its app answers ``startup_s`` later (a task definition label);
* a stopping task is ``DEACTIVATING`` while its load balancer target drains (the target group's deregistration
  delay), then ``STOPPING`` for ``stop_s``, then ``STOPPED``; stopped tasks stay visible for ``stopped_visible_s``
  ("Stopped tasks only appear in the console and ListTasks for at least 1 hour"
  https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html);
* the service scheduler looks at its target groups' health every ``scheduler_s`` (a background event: time passes
  with ``cloud.run(until=...)``), and service metrics are sent every 60 s ("Amazon ECS sends metric data to
  CloudWatch in 1-minute periods" https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .services import EcsServiceState
    from .taskdefs import TaskDefinition
    from .tasks import Task


@dataclass
class EcsSettings:
    """ECS behaviour-model settings (see the module docstring); every number is virtual seconds."""

    provisioning_s: float = 10.0
    pull_s: float = 20.0
    stop_s: float = 2.0
    scheduler_s: float = 15.0
    metrics_period_s: float = 60.0
    stopped_visible_s: float = 3600.0
    #: EC2: from placement on an instance to PENDING (the agent starting the task).
    ec2_provisioning_s: float = 1.0
    #: EC2: an Auto Scaling group's new instance boots and registers its agent (a pocketcloud model).
    instance_startup_s: float = 90.0
    #: EC2: memory (MiB) an instance keeps for its OS and the ECS agent (a pocketcloud model).
    reserved_memory_mib: int = 256
    #: Events DescribeServices returns per service ("the last 100 events").
    events_kept: int = 100


@dataclass
class Cluster:
    name: str
    arn: str
    created: float
    status: str = "ACTIVE"
    capacity_providers: list[str] = field(default_factory=list)
    default_strategy: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, str]] = field(default_factory=list)
    services: dict[str, EcsServiceState] = field(default_factory=dict)

    def describe(self, ecs: EcsService) -> dict[str, Any]:
        tasks = [t for t in ecs.tasks.values() if t.cluster is self]
        running = sum(1 for t in tasks if t.last_status == "RUNNING")
        pending = sum(1 for t in tasks if t.last_status in ("PROVISIONING", "PENDING", "ACTIVATING"))
        instances = [i for i in ecs.instances.values() if i.cluster is self and i.status == "ACTIVE"]
        return {
            "clusterArn": self.arn,
            "clusterName": self.name,
            "status": self.status,
            "registeredContainerInstancesCount": len(instances),
            "runningTasksCount": running,
            "pendingTasksCount": pending,
            "activeServicesCount": sum(1 for s in self.services.values() if s.status == "ACTIVE"),
            "statistics": [],
            "tags": list(self.tags),
            "settings": [{"name": "containerInsights", "value": "disabled"}],
            "capacityProviders": list(self.capacity_providers),
            "defaultCapacityProviderStrategy": [dict(s) for s in self.default_strategy],
        }


class EcsService:
    """One cloud's ECS state (``cloud.backend("ecs", EcsService)``)."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.settings = EcsSettings()
        self.clusters: dict[str, Cluster] = {}
        self.task_definitions: dict[str, list[TaskDefinition]] = {}
        self.tasks: dict[str, Task] = {}
        self.instances: dict[str, Any] = {}
        self.capacity_providers: dict[str, Any] = {}
        self._next_ip = 10
        self._ticking = False
        self.metrics: Any = None

    def arn(self, kind: str, path: str) -> str:
        c = self.cloud
        return f"arn:{c.partition}:ecs:{c.region}:{c.account_id}:{kind}/{path}"

    def new_ip(self) -> str:
        """A private IPv4 address for a task's network interface (10.0.0.0/16, handed out in order)."""
        n = self._next_ip
        self._next_ip += 1
        return f"10.0.{(n // 250) % 250}.{n % 250 + 4}"

    def cluster(self, ref: str | None, create_default: bool = False) -> Cluster:
        """A cluster by name or ARN (``default`` when ``ref`` is None), or ClusterNotFoundException."""
        name = (ref or "default").rsplit("/", 1)[-1] if (ref or "").startswith("arn:") else (ref or "default")
        found = self.clusters.get(name)
        if found is None and name == "default" and create_default:
            found = self.create_cluster("default")
        if found is None or found.status != "ACTIVE":
            raise ServiceError("ClusterNotFoundException", "Cluster not found.")
        return found

    def create_cluster(self, name: str) -> Cluster:
        found = self.clusters.get(name)
        if found is None or found.status != "ACTIVE":
            found = self.clusters[name] = Cluster(name, self.arn("cluster", name), self.cloud.now)
        return found

    def ensure_ticking(self) -> None:
        """Start the scheduler's and the metrics' periodic (background) events once there is a service."""
        if self._ticking:
            return
        self._ticking = True
        from .metrics import EcsMetrics
        from .services import tick

        self.metrics = EcsMetrics(self)
        kernel = self.cloud.kernel
        kernel.schedule(self.settings.scheduler_s, tick, self, background=True)
        kernel.schedule(self.settings.metrics_period_s, self.metrics.emit, background=True)


def settings(cloud: Cloud) -> EcsSettings:
    """The ECS behaviour-model settings of ``cloud`` (see :class:`EcsSettings`)."""
    service: EcsService = cloud.backend("ecs", EcsService)
    return service.settings
