"""ECS service metrics in ``AWS/ECS``: CPUUtilization and MemoryUtilization per cluster and per service.

"Amazon ECS sends metric data to CloudWatch in 1-minute periods"; the service metrics are "the total CPU units /
memory used by the tasks in the service, divided by the total CPU units / memory reserved for them", in Percent, with
the dimensions ``ClusterName, ServiceName`` and (for the whole cluster) ``ClusterName``.
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html (checked 2026-12-01)

Each minute pocketcloud writes one data point per service, stamped at the start of the minute it covers: CPU is
the CPU time the service's requests used over the minute divided by the vCPU seconds its RUNNING tasks had (the
request model of :mod:`.taskdefs`); memory is the tasks' modelled memory at that moment over their task memory. A
service with no RUNNING task writes nothing (as ECS has nothing to report). ``pocketcloud/ECS``
``RunningTaskCount`` and ``PendingTaskCount`` (per service) are written beside them, for labs that chart capacity
(Container Insights has such metrics; these are pocketcloud's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backend import EcsService

NAMESPACE = "AWS/ECS"
MODEL_NAMESPACE = "pocketcloud/ECS"


class EcsMetrics:
    def __init__(self, ecs: EcsService) -> None:
        self.ecs = ecs
        #: task ARN -> CPU seconds already accounted.
        self._cpu_seen: dict[str, float] = {}
        self._last = ecs.cloud.now

    def emit(self) -> None:
        ecs = self.ecs
        cloud = ecs.cloud
        cloud.kernel.schedule(ecs.settings.metrics_period_s, self.emit, background=True)
        now = cloud.now
        period = max(now - self._last, 1e-9)
        # Stamped at the start of the minute it covers, as CloudWatch stamps a period's datapoint.
        stamp = self._last
        self._last = now
        store = cloud.metrics
        seen = self._cpu_seen
        for cluster in ecs.clusters.values():
            cluster_cpu = cluster_cap = cluster_mem = cluster_mem_cap = 0.0
            for service in cluster.services.values():
                cpu = cap = mem = mem_cap = 0.0
                running = 0
                for task in service.tasks:
                    total = task.cpu_used_s(now)
                    used = total - seen.get(task.arn, 0.0)
                    seen[task.arn] = total
                    if task.last_status not in ("RUNNING", "DEACTIVATING") or task.started_at is None:
                        continue
                    running += 1
                    cpu += used
                    cap += task.vcpu * min(period, now - task.started_at)
                    mem += task.memory_used_mib()
                    mem_cap += task.td.memory
                dims: tuple[tuple[str, str], ...] = (("ClusterName", cluster.name), ("ServiceName", service.name))
                pending = sum(1 for t in service.tasks if t.live and t.pending)
                store.record(MODEL_NAMESPACE, "RunningTaskCount", dims, float(running), stamp, "Count")
                store.record(MODEL_NAMESPACE, "PendingTaskCount", dims, float(pending), stamp, "Count")
                if running and cap > 0:
                    store.record(NAMESPACE, "CPUUtilization", dims, min(100.0 * cpu / cap, 100.0), stamp, "Percent")
                    store.record(NAMESPACE, "MemoryUtilization", dims, 100.0 * mem / mem_cap, stamp, "Percent")
                cluster_cpu += cpu
                cluster_cap += cap
                cluster_mem += mem
                cluster_mem_cap += mem_cap
            if cluster_cap > 0:
                dims = (("ClusterName", cluster.name),)
                store.record(
                    NAMESPACE, "CPUUtilization", dims, min(100.0 * cluster_cpu / cluster_cap, 100.0), now, "Percent"
                )
                store.record(
                    NAMESPACE, "MemoryUtilization", dims, 100.0 * cluster_mem / cluster_mem_cap, now, "Percent"
                )
        for arn in [arn for arn in seen if arn not in ecs.tasks]:
            del seen[arn]
        if ecs.capacity_providers:
            from .capacity import managed_scaling

            managed_scaling(ecs)
