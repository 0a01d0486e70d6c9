"""EC2 capacity: Auto Scaling group capacity providers, container instances, managed scaling, task placement.

pocketcloud does not simulate EC2 or EC2 Auto Scaling, so an Auto Scaling group is a small model standing in for
one: :func:`auto_scaling_group` makes it (instance type, min/max/desired size) and returns an ARN in the
``arn:aws:autoscaling:…:autoScalingGroup:{uuid}:autoScalingGroupName/{name}`` form for CreateCapacityProvider. A
launched instance boots for ``EcsSettings.instance_startup_s`` (a pocketcloud model), then registers as a container
instance in the cluster its capacity provider belongs to, with the instance type's vCPUs (1024 CPU units each) and
memory minus ``EcsSettings.reserved_memory_mib`` (what the OS and the agent keep: a pocketcloud model).

**Managed scaling** (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html, checked
2026-12-01). "Every minute, Amazon ECS collects information, which determines whether the Auto Scaling group needs
to scale in or out", and publishes ``CapacityProviderReservation``, "the percent of container instances in use for a
specific capacity provider", to ``AWS/ECS/ManagedScaling`` (CapacityProviderName, ClusterName). The guide gives the
formula by reference ("For more information about how the metric is calculated, see Deep Dive on Amazon ECS Cluster
Auto Scaling", https://aws.amazon.com/blogs/containers/deep-dive-on-amazon-ecs-cluster-auto-scaling/):
``CapacityProviderReservation = M / N * 100`` where N is the instances running and M the instances needed for the
tasks that run and wait (200 when N = 0 and M > 0; 100 when both are 0). M is counted as the guide says, "using a
``binpack`` strategy" over the group's instance type: the waiting tasks go to the spare room of running instances
first, then to imagined new instances, first fit. The group's desired capacity tracks ``targetCapacity``:
``ceil(M / (targetCapacity / 100))`` instances, within the group's min and max, and

* scale-out: "Amazon ECS then launch either the ``minimumScalingStepSize``, if the maximum calculated instance count
  is less than the minimum scaling step size, or the lower of either the ``maximumScalingStepSize`` or the maximum
  calculated instance count value"; and it waits for the warm-up: "Auto Scaling checks if all existing instances
  have passed the ``instanceWarmupPeriod`` (now minus the instance launch time). The scale-out is blocked for
  Instances that are within the ``instanceWarmupPeriod``" (default 300 s, :data:`SCALE_OUT_BLOCKED_BY_WARMUP`);
* scale-in: "CloudWatch scale-in alarms require 15 data points (15 minutes) before the scale-in process for the Auto
  Scaling group starts"; then ECS "reduces ASG capacity iteratively over several steps", each step up to 50 % of the
  group ("Amazon ECS has increased the scale-in step limit to reduce up to 50% ASG capacity",
  https://aws.amazon.com/blogs/containers/faster-scaling-in-for-amazon-ecs-cluster-auto-scaling/): pocketcloud takes
  one step a minute, at least one instance and at most half the group, until the group is at the wanted size; a
  scale-out need resets it ("the scale-in process is stopped and starts from the beginning if required").

**Managed termination protection** ENABLED: scale-in removes only instances without tasks. DISABLED: the newest
instances go, and their tasks stop ("Host EC2 (instance i-…) terminated.").

**Placement** (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html): an
instance must have the task's CPU and memory free; ``binpack`` (field ``memory`` or ``cpu``) picks "the least
available amount" of that resource, ``spread`` (``instanceId`` or ``attribute:ecs.availability-zone``) the instance
or zone with the fewest tasks, ``random`` the first in the seeded order. A task of a capacity provider with no room
waits in ``PROVISIONING`` until an instance has room ("tasks … are in the PROVISIONING state until capacity is
available").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import to_datetime

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .backend import Cluster, EcsService
    from .tasks import Task

#: vCPUs and memory (MiB) of the instance types the model knows. https://aws.amazon.com/ec2/instance-types/
INSTANCE_TYPES: dict[str, tuple[int, int]] = {
    "t3.medium": (2, 4096),
    "t3.large": (2, 8192),
    "m5.large": (2, 8192),
    "m5.xlarge": (4, 16384),
    "m5.2xlarge": (8, 32768),
    "c5.large": (2, 4096),
    "c5.xlarge": (4, 8192),
    "c5.2xlarge": (8, 16384),
    "r5.large": (2, 16384),
}
NAMESPACE = "AWS/ECS/ManagedScaling"
#: ``place`` answers this for a task that must wait for capacity (no instance yet).
WAIT = None
#: "CloudWatch scale-in alarms require 15 data points (15 minutes) before the scale-in process ... starts."
SCALE_IN_MINUTES = 15
#: "Amazon ECS has increased the scale-in step limit to reduce up to 50% ASG capacity" (one step a minute here).
SCALE_IN_STEP_FRACTION = 0.5
#: "The scale-out is blocked for Instances that are within the instanceWarmupPeriod."
SCALE_OUT_BLOCKED_BY_WARMUP = True


@dataclass
class AutoScalingGroup:
    """The model of an EC2 Auto Scaling group (see the module docstring)."""

    name: str
    arn: str
    instance_type: str
    min_size: int
    max_size: int
    desired: int
    instances: list[ContainerInstance] = field(default_factory=list)
    provider: CapacityProvider | None = None
    low_minutes: int = 0


@dataclass
class CapacityProvider:
    name: str
    arn: str
    group: AutoScalingGroup
    managed: bool
    target: int
    min_step: int
    max_step: int
    warmup: int
    protection: bool
    tags: list[dict[str, str]]

    def describe(self) -> dict[str, Any]:
        return {
            "capacityProviderArn": self.arn,
            "name": self.name,
            "status": "ACTIVE",
            "autoScalingGroupProvider": {
                "autoScalingGroupArn": self.group.arn,
                "managedScaling": {
                    "status": "ENABLED" if self.managed else "DISABLED",
                    "targetCapacity": self.target,
                    "minimumScalingStepSize": self.min_step,
                    "maximumScalingStepSize": self.max_step,
                    "instanceWarmupPeriod": self.warmup,
                },
                "managedTerminationProtection": "ENABLED" if self.protection else "DISABLED",
                "managedDraining": "ENABLED",
            },
            "tags": list(self.tags),
            "type": "EC2_AUTOSCALING",
        }


class ContainerInstance:
    """One EC2 instance of a group, registered (once booted) as a container instance of a cluster."""

    def __init__(self, ecs: EcsService, group: AutoScalingGroup) -> None:
        self.ecs = ecs
        self.group = group
        self.ec2_id = f"i-{ecs.cloud.random_hex(17)}"
        self.id = ecs.cloud.random_hex(32)
        self.arn = ""
        self.cluster: Cluster | None = None
        self.status = "LAUNCHING"
        vcpus, memory = INSTANCE_TYPES[group.instance_type]
        self.cpu = vcpus * 1024
        self.memory = memory - ecs.settings.reserved_memory_mib
        self.tasks: list[Task] = []
        self.zone = ""
        self.registered_at = 0.0
        self.launched_at = ecs.cloud.now
        self.booted = False

    @property
    def free_cpu(self) -> int:
        return self.cpu - sum(t.td.cpu for t in self.tasks)

    @property
    def free_memory(self) -> int:
        return self.memory - sum(t.td.memory for t in self.tasks)

    def fits(self, task: Task) -> bool:
        return self.status == "ACTIVE" and self.free_cpu >= task.td.cpu and self.free_memory >= task.td.memory

    def claim(self, task: Task) -> None:
        self.tasks.append(task)
        task.instance = self

    def release(self, task: Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)

    def describe(self) -> dict[str, Any]:
        def resources(cpu: int, memory: int) -> list[dict[str, Any]]:
            return [
                {"name": "CPU", "type": "INTEGER", "integerValue": cpu, "doubleValue": 0.0, "longValue": 0},
                {"name": "MEMORY", "type": "INTEGER", "integerValue": memory, "doubleValue": 0.0, "longValue": 0},
            ]

        return {
            "containerInstanceArn": self.arn,
            "ec2InstanceId": self.ec2_id,
            "capacityProviderName": self.group.provider.name if self.group.provider else "",
            "version": 1,
            "versionInfo": {"agentVersion": "1.89.0", "dockerVersion": "DockerVersion: 25.0.8"},
            "remainingResources": resources(self.free_cpu, self.free_memory),
            "registeredResources": resources(self.cpu, self.memory),
            "status": self.status,
            "agentConnected": self.status == "ACTIVE",
            "runningTasksCount": sum(1 for t in self.tasks if t.last_status == "RUNNING"),
            "pendingTasksCount": sum(1 for t in self.tasks if t.pending),
            "attributes": [
                {"name": "ecs.instance-type", "value": self.group.instance_type},
                {"name": "ecs.availability-zone", "value": self.zone},
            ],
            "registeredAt": to_datetime(self.registered_at),
            "tags": [],
        }


def groups(ecs: EcsService) -> dict[str, AutoScalingGroup]:
    found: dict[str, AutoScalingGroup] | None = getattr(ecs, "_groups", None)
    if found is None:
        found = {}
        ecs._groups = found  # type: ignore[attr-defined]
    return found


def auto_scaling_group(
    cloud: Cloud, name: str, instance_type: str = "m5.large", min_size: int = 0, max_size: int = 10, desired: int = 0
) -> str:
    """Make the model of an EC2 Auto Scaling group and return its ARN (not an AWS operation: see the module)."""
    from .backend import EcsService

    ecs: EcsService = cloud.backend("ecs", EcsService)
    if instance_type not in INSTANCE_TYPES:
        raise ValueError(f"instance_type must be one of {', '.join(INSTANCE_TYPES)}")
    if not 0 <= min_size <= desired <= max_size:
        raise ValueError("need 0 <= min_size <= desired <= max_size")
    uuid = cloud.new_request_id()
    prefix = f"arn:{cloud.partition}:autoscaling:{cloud.region}:{cloud.account_id}"
    arn = f"{prefix}:autoScalingGroup:{uuid}:autoScalingGroupName/{name}"
    group = groups(ecs)[arn] = AutoScalingGroup(name, arn, instance_type, min_size, max_size, 0)
    resize(ecs, group, desired)
    return arn


def resize(ecs: EcsService, group: AutoScalingGroup, desired: int) -> None:
    """Set the group's desired capacity: launch instances, or terminate (protected ones are kept)."""
    desired = max(group.min_size, min(group.max_size, desired))
    live = [i for i in group.instances if i.status in ("LAUNCHING", "ACTIVE")]
    for _ in range(desired - len(live)):
        instance = ContainerInstance(ecs, group)
        group.instances.append(instance)
        ecs.cloud.kernel.schedule(ecs.settings.instance_startup_s, _booted, ecs, instance)
    if desired < len(live):
        protect = group.provider is not None and group.provider.protection
        candidates = [i for i in reversed(live) if not (protect and i.tasks)]
        for instance in candidates[: len(live) - desired]:
            _terminate(ecs, instance)
        desired = len([i for i in group.instances if i.status in ("LAUNCHING", "ACTIVE")])
    group.desired = desired


def _booted(ecs: EcsService, instance: ContainerInstance) -> None:
    if instance.status != "LAUNCHING":
        return
    instance.booted = True
    register_booted(ecs, instance)


def register_booted(ecs: EcsService, instance: ContainerInstance) -> None:
    """Register a booted instance in the cluster that has its capacity provider (if any does yet)."""
    if not instance.booted:
        return
    provider = instance.group.provider
    cluster = next(
        (c for c in ecs.clusters.values() if provider is not None and provider.name in c.capacity_providers), None
    )
    if cluster is None:
        return  # booted, but no cluster takes its provider: it stays unregistered (LAUNCHING)
    instance.cluster = cluster
    instance.arn = ecs.arn("container-instance", f"{cluster.name}/{instance.id}")
    instance.status = "ACTIVE"
    instance.registered_at = ecs.cloud.now
    index = len([i for i in ecs.instances.values() if i.cluster is cluster])
    instance.zone = f"{ecs.cloud.region}{'abc'[index % 3]}"
    ecs.instances[instance.arn] = instance
    place_waiting(ecs)


def _terminate(ecs: EcsService, instance: ContainerInstance) -> None:
    instance.status = "INACTIVE"
    for task in list(instance.tasks):
        reason = f"Host EC2 (instance {instance.ec2_id}) terminated."
        if task.service is not None:
            task.service.stop_tasks([task], reason, "TerminationNotice")
        else:
            task.stop(reason, "TerminationNotice")
    ecs.instances.pop(instance.arn, None)


def choose_instance(
    instances: list[ContainerInstance], task: Any, strategy: list[dict[str, Any]]
) -> ContainerInstance | None:
    """The instance ``task`` goes to under the placement ``strategy`` (module docstring), or None."""
    fitting = [i for i in instances if i.fits(task)]
    if not fitting:
        return None
    for step in reversed(strategy or [{"type": "spread", "field": "instanceId"}]):
        kind, field_name = step.get("type"), (step.get("field") or "").lower()
        if kind == "binpack":
            key = (lambda i: i.free_cpu) if field_name == "cpu" else (lambda i: i.free_memory)
            fitting.sort(key=key)
        elif kind == "spread" and field_name == "attribute:ecs.availability-zone":
            per_zone: dict[str, int] = {}
            for instance in instances:
                per_zone[instance.zone] = per_zone.get(instance.zone, 0) + len(instance.tasks)
            fitting.sort(key=lambda i: per_zone.get(i.zone, 0))
        elif kind == "spread":
            fitting.sort(key=lambda i: len(i.tasks))
    return fitting[0]


def place_waiting(ecs: EcsService) -> None:
    """Place the tasks waiting in PROVISIONING for EC2 capacity, oldest first."""
    for task in sorted((t for t in ecs.tasks.values() if t.waiting_for_capacity), key=lambda t: t.created):
        provider = ecs.capacity_providers.get(task.capacity_provider or "")
        if provider is None:
            continue
        instances = [i for i in provider.group.instances if i.cluster is task.cluster and i.status == "ACTIVE"]
        strategy = task.service.placement_strategy if task.service else []
        instance = choose_instance(instances, task, strategy)
        if instance is not None:
            instance.claim(task)
            task.placed()


def create_capacity_provider(ecs: EcsService, p: dict[str, Any]) -> CapacityProvider:
    name = p["name"]
    if name.lower().startswith(("aws", "ecs", "fargate")):
        raise ServiceError(
            "ClientException",
            "The specified capacity provider name is invalid. Capacity provider names cannot be prefixed with "
            "'aws', 'ecs', or 'fargate'.",
        )
    if name in ecs.capacity_providers:
        raise ServiceError("ClientException", "The specified capacity provider already exists.")
    asg = p.get("autoScalingGroupProvider")
    if not asg:
        raise ServiceError("ClientException", "pocketcloud simulates Auto Scaling group capacity providers only.")
    group = groups(ecs).get(asg["autoScalingGroupArn"])
    if group is None:
        raise ServiceError(
            "ClientException",
            "The specified Auto Scaling group ARN is not valid (pocketcloud: make the group with "
            "pocketcloud.services.ecs.capacity.auto_scaling_group).",
        )
    if group.provider is not None:
        raise ServiceError(
            "ClientException", "The specified Auto Scaling group is already in use by a capacity provider."
        )
    scaling = asg.get("managedScaling", {})
    target = scaling.get("targetCapacity", 100)
    if not 1 <= target <= limits.ECS_TARGET_CAPACITY_MAX:
        # The range is AWS's ("greater than 0 and less than or equal to 100", API_ManagedScaling); the sentence is
        # pocketcloud's, as no real answer to an out-of-range targetCapacity was found.
        raise ServiceError("ClientException", "The target capacity must be between 1 and 100.")
    provider = CapacityProvider(
        name, ecs.arn("capacity-provider", name), group, scaling.get("status", "ENABLED") == "ENABLED", target,
        scaling.get("minimumScalingStepSize", 1), scaling.get("maximumScalingStepSize", 10000),
        scaling.get("instanceWarmupPeriod", 300), asg.get("managedTerminationProtection") == "ENABLED",
        list(p.get("tags", [])),
    )  # fmt: skip
    group.provider = provider
    ecs.capacity_providers[name] = provider
    ecs.ensure_ticking()
    return provider


def needed_instances(ecs: EcsService, provider: CapacityProvider) -> tuple[int, int]:
    """(M, N): instances needed for the running and waiting tasks, and instances running."""
    group = provider.group
    running = [i for i in group.instances if i.status == "ACTIVE"]
    waiting = [t for t in ecs.tasks.values() if t.waiting_for_capacity and t.capacity_provider == provider.name]
    vcpus, memory = INSTANCE_TYPES[group.instance_type]
    cpu, mem = vcpus * 1024, memory - ecs.settings.reserved_memory_mib
    # [free CPU, free memory, needed]: waiting tasks go to the spare room of running instances first, first fit,
    # then to imagined new instances of the group's type.
    rooms = [[i.free_cpu, i.free_memory, 1 if i.tasks else 0] for i in running]
    extra: list[list[int]] = []
    for task in waiting:
        for room in rooms + extra:
            if room[0] >= task.td.cpu and room[1] >= task.td.memory:
                room[0] -= task.td.cpu
                room[1] -= task.td.memory
                room[2] = 1
                break
        else:
            extra.append([cpu - task.td.cpu, mem - task.td.memory, 1])
    return sum(room[2] for room in rooms) + len(extra), len(running)


def managed_scaling(ecs: EcsService) -> None:
    """Once a minute: publish CapacityProviderReservation and resize each managed group (module docstring)."""
    for provider in ecs.capacity_providers.values():
        cluster = next((c for c in ecs.clusters.values() if provider.name in c.capacity_providers), None)
        if cluster is None:
            continue
        m, n = needed_instances(ecs, provider)
        reservation = 200.0 if n == 0 and m > 0 else 100.0 if n == 0 else 100.0 * m / n
        dims = (("CapacityProviderName", provider.name), ("ClusterName", cluster.name))
        ecs.cloud.metrics.record(NAMESPACE, "CapacityProviderReservation", dims, reservation, ecs.cloud.now, "Percent")
        if not provider.managed:
            continue
        group = provider.group
        wanted = math.ceil(m / (provider.target / 100)) if m else 0
        live = [i for i in group.instances if i.status in ("LAUNCHING", "ACTIVE")]
        current = len(live)
        if wanted > current:
            group.low_minutes = 0
            now = ecs.cloud.now
            if SCALE_OUT_BLOCKED_BY_WARMUP and any(now - i.launched_at < provider.warmup for i in live):
                continue
            needed = wanted - current
            step = provider.min_step if needed < provider.min_step else min(provider.max_step, needed)
            resize(ecs, group, current + step)
        elif wanted < current and reservation < provider.target:
            group.low_minutes += 1
            if group.low_minutes >= SCALE_IN_MINUTES:
                # Stay in the scale-in process (one step a minute) until the group is at the wanted size.
                group.low_minutes = SCALE_IN_MINUTES
                step = max(1, math.floor(current * SCALE_IN_STEP_FRACTION))
                resize(ecs, group, max(wanted, current - step))
        else:
            group.low_minutes = 0
