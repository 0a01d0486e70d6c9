"""Where a task runs: Fargate (capacity always available), Fargate Spot, or an EC2 container instance.

A capacity provider strategy's ``base`` tasks go to their provider first, the rest by ``weight``
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/capacity-providers.html); the choice is made per task
from the tasks the cluster already runs on each provider, so it is deterministic. Fargate and Fargate Spot always
have capacity in pocketcloud (a model: AWS's "Fargate capacity unavailable" is not simulated, nor are Spot
interruptions). A task of an Auto Scaling group capacity provider waits in PROVISIONING for an instance with room
(:mod:`.capacity`); a task for the EC2 launch type without a capacity provider goes to a registered instance with
room now, or cannot be placed (and the service writes ECS's event "unable to place a task because no container
instance met all of its requirements").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backend import Cluster, EcsService
    from .taskdefs import TaskDefinition

FARGATE_PROVIDERS = ("FARGATE", "FARGATE_SPOT")


def choose_provider(ecs: EcsService, cluster: Cluster, strategy: list[dict[str, Any]]) -> str:
    """The capacity provider of the strategy the next task goes to (base first, then by weight)."""
    counts: dict[str, int] = {}
    for task in ecs.tasks.values():
        if task.cluster is cluster and task.live and task.capacity_provider:
            counts[task.capacity_provider] = counts.get(task.capacity_provider, 0) + 1
    for item in strategy:
        if counts.get(item["capacityProvider"], 0) < item.get("base", 0):
            return str(item["capacityProvider"])
    weighted = [item for item in strategy if item.get("weight", 0) > 0] or strategy[:1]
    total = sum(item.get("weight", 1) for item in weighted) or 1

    def beyond(item: dict[str, Any]) -> int:
        return max(counts.get(item["capacityProvider"], 0) - int(item.get("base", 0)), 0)

    placed = sum(beyond(item) for item in weighted) + 1
    # The provider furthest below its weighted share of the tasks beyond the bases (ties: strategy order).
    best = min(weighted, key=lambda item: beyond(item) - placed * item.get("weight", 1) / total)
    return str(best["capacityProvider"])


def place(
    ecs: EcsService,
    cluster: Cluster,
    td: TaskDefinition,
    launch_type: str | None,
    strategy: list[dict[str, Any]],
    placement_strategy: list[dict[str, Any]],
) -> tuple[str, str | None, Any] | None:
    """(launch type, capacity provider, container instance) for a new task, or None when it cannot be placed."""
    if launch_type == "FARGATE":
        return "FARGATE", None, None
    from .capacity import WAIT, choose_instance

    if launch_type is None and strategy:
        provider = choose_provider(ecs, cluster, strategy)
        if provider in FARGATE_PROVIDERS:
            return "FARGATE", provider, None
        return "EC2", provider, WAIT
    instances = [i for i in ecs.instances.values() if i.cluster is cluster and i.status == "ACTIVE"]
    instance = choose_instance(instances, _Probe(td), placement_strategy)
    if instance is None:
        return None
    return "EC2", None, instance


class _Probe:
    """What placement needs of a task before the task exists: its definition."""

    def __init__(self, td: TaskDefinition) -> None:
        self.td = td
