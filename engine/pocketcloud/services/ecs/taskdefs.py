"""Task definitions: RegisterTaskDefinition's checks (the Fargate sizes), revisions, and the request-handling model.

**Fargate sizes.** "For task definitions that specify FARGATE for the requiresCompatibilities parameter (even if EC2
is also specified), you must use one of the values in the following table" (checked 2026-12-01):

=============== ===============================================================
cpu (units)     memory (MiB)
=============== ===============================================================
256 (.25 vCPU)  512, 1024, 2048
512 (.5 vCPU)   1024 - 4096 in 1024 steps
1024 (1 vCPU)   2048 - 8192 in 1024 steps
2048 (2 vCPU)   4096 - 16384 in 1024 steps
4096 (4 vCPU)   8192 - 30720 in 1024 steps
8192 (8 vCPU)   16384 - 61440 in 4096 steps (Linux platform 1.4.0 or later)
16384 (16 vCPU) 32768 - 122880 in 8192 steps (Linux platform 1.4.0 or later)
=============== ===============================================================

https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html — an invalid value is
answered "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Invalid 'cpu'
setting for task." (a cpu value outside the table) or, for a valid cpu with a memory its row does not allow, "No
Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS documentation for the valid
values." (the page quotes the first words; the whole sentence with the values is what ECS answers in
https://github.com/towardsthecloud/aws-cdk-examples/issues/1 (2022) and https://github.com/i-dot-ai/redbox/pull/1398
(2025)). A container asking for more memory than the task is refused "The 'memory' setting for container 'worker'
is greater than for the task." (https://github.com/pulumi/pulumi-awsx/issues/1220). Values may be given as
"1 vCPU" / "2 GB" / "2GB" and are converted to CPU units and MiB "when the task definition is registered". Tasks
hosted on EC2 may ask for 0.25 to 192 vCPUs. Fargate also "requires that 'cpu' be defined at the task level" and
supports only the ``awsvpc`` network mode ("Fargate only supports network mode ‘awsvpc’.", as ECS words it).

**The request-handling model (pocketcloud's, not AWS's).** A real container runs your code; a simulated one runs
this model, configured with ``dockerLabels`` on the container that has a port mapping (labels are plain strings in
a real task definition too, so the definition stays valid boto3 input):

=============================== ======= =========================================================================
label                           default meaning
=============================== ======= =========================================================================
``pocketcloud.cpu_ms``          10      CPU time one request needs (ms of one vCPU)
``pocketcloud.latency_ms``      0       time one request waits on something else (a database, say), no CPU
``pocketcloud.concurrency``     64      requests one task works on at once; more wait in its queue
``pocketcloud.queue``           1024    requests that may wait; beyond it the connection is refused (ALB: 502)
``pocketcloud.startup_s``       5       seconds from the container's start until the app answers
``pocketcloud.memory_mib``      25% of  the app's memory at rest
                                memory
``pocketcloud.request_mib``     1       extra memory per request in flight
``pocketcloud.status``          200     the HTTP status the app answers
``pocketcloud.unhealthy_after`` (none)  seconds after start when the app begins to answer 500 (health-check demos)
=============================== ======= =========================================================================

Service time: a request that starts while ``k`` requests (itself included) are in progress on a task of ``v`` vCPUs
takes ``latency + cpu_ms * max(1, k / v)``: one request on a quarter vCPU runs four times slower than on a whole
one, as a CPU quota throttles it, and requests beyond the vCPUs share them. The task's CPUUtilization is the CPU
time its requests used over the time it had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import to_datetime

if TYPE_CHECKING:
    from .backend import EcsService

#: Fargate's CPU units -> the memory sizes (MiB) each allows (see the module docstring).
FARGATE_SIZES: dict[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: tuple(range(1024, 4097, 1024)),
    1024: tuple(range(2048, 8193, 1024)),
    2048: tuple(range(4096, 16385, 1024)),
    4096: tuple(range(8192, 30721, 1024)),
    8192: tuple(range(16384, 61441, 4096)),
    16384: tuple(range(32768, 122881, 8192)),
}
#: "the supported task CPU values are between 0.25 vCPUs and 192 vCPUs" on EC2 (same page).
EC2_CPU_RANGE = (256, 192 * 1024)

_VCPU = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$", re.IGNORECASE)
_GB = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*gb\s*$", re.IGNORECASE)


def cpu_units(value: str) -> int | None:
    """``"1024"`` or ``"1 vCPU"`` -> 1024; None for anything else."""
    if value.strip().isdigit():
        return int(value)
    match = _VCPU.match(value)
    return round(float(match.group(1)) * 1024) if match else None


def memory_mib(value: str) -> int | None:
    """``"2048"``, ``"2 GB"`` or ``"2GB"`` -> 2048; None for anything else."""
    if value.strip().isdigit():
        return int(value)
    match = _GB.match(value)
    return round(float(match.group(1)) * 1024) if match else None


@dataclass(frozen=True)
class AppModel:
    """The request-handling model of one task definition (see the module docstring)."""

    cpu_ms: float = 10.0
    latency_ms: float = 0.0
    concurrency: int = 64
    queue: int = 1024
    startup_s: float = 5.0
    memory_mib: float = 0.0
    request_mib: float = 1.0
    status: int = 200
    unhealthy_after: float | None = None
    port: int | None = None
    container: str = ""


def _label(labels: dict[str, str], name: str, default: float, low: float = 0.0) -> float:
    raw = labels.get(f"pocketcloud.{name}")
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ServiceError(
            "ClientException", f"dockerLabels pocketcloud.{name} must be a number, got '{raw}'"
        ) from None
    if not value >= low or value != value or value == float("inf"):
        raise ServiceError("ClientException", f"dockerLabels pocketcloud.{name} must be a number >= {low:g}")
    return value


def app_model(containers: list[dict[str, Any]], memory: int) -> AppModel:
    serving = next((c for c in containers if c.get("portMappings")), containers[0])
    labels = serving.get("dockerLabels") or {}
    ports = serving.get("portMappings") or []
    after = labels.get("pocketcloud.unhealthy_after")
    return AppModel(
        cpu_ms=_label(labels, "cpu_ms", 10.0),
        latency_ms=_label(labels, "latency_ms", 0.0),
        concurrency=int(_label(labels, "concurrency", 64, 1)),
        queue=int(_label(labels, "queue", 1024)),
        startup_s=_label(labels, "startup_s", 5.0),
        memory_mib=_label(labels, "memory_mib", memory * 0.25),
        request_mib=_label(labels, "request_mib", 1.0),
        status=int(_label(labels, "status", 200, 100)),
        unhealthy_after=None if after is None else _label(labels, "unhealthy_after", 0.0),
        port=ports[0].get("containerPort") if ports else None,
        container=serving.get("name", ""),
    )


@dataclass
class TaskDefinition:
    family: str
    revision: int
    arn: str
    containers: list[dict[str, Any]]
    cpu: int
    memory: int
    network_mode: str
    requires: list[str]
    registered: float
    model: AppModel
    extra: dict[str, Any]
    status: str = "ACTIVE"

    @property
    def compatibilities(self) -> list[str]:
        return ["EC2", "FARGATE"] if self.network_mode == "awsvpc" and self.fargate_size_ok() else ["EC2"]

    def fargate_size_ok(self) -> bool:
        return self.memory in FARGATE_SIZES.get(self.cpu, ())

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "taskDefinitionArn": self.arn,
            "containerDefinitions": [dict(c) for c in self.containers],
            "family": self.family,
            "networkMode": self.network_mode,
            "revision": self.revision,
            "status": self.status,
            "compatibilities": self.compatibilities,
            "requiresCompatibilities": list(self.requires),
            "cpu": str(self.cpu),
            "memory": str(self.memory),
            "registeredAt": to_datetime(self.registered),
            "registeredBy": "arn:aws:iam::123456789012:root",
        }
        out.update(self.extra)
        return out


def register(service: EcsService, p: dict[str, Any]) -> TaskDefinition:
    """Check a RegisterTaskDefinition request (nothing changes when it fails) and store the new revision."""
    family = p["family"]
    if not re.match(r"^[A-Za-z0-9_-]{1,255}$", family):
        raise ServiceError(
            "ClientException",
            "Family contains invalid characters: up to 255 letters (uppercase and lowercase), numbers, underscores, "
            "and hyphens are allowed.",
        )
    containers = p["containerDefinitions"]
    if not containers:
        raise ServiceError("ClientException", "Container list cannot be empty.")
    requires = list(p.get("requiresCompatibilities", []))
    fargate = "FARGATE" in requires
    # "If no network mode is specified, the default is bridge" (API_RegisterTaskDefinition), so a Fargate task
    # definition without networkMode is refused like one with bridge: real RegisterTaskDefinition answers "Fargate
    # only supports network mode 'awsvpc'." when networkMode is left out (an observation of the real API dated
    # 2026-09-01 in public GitHub policy code).
    network_mode = p.get("networkMode", "bridge")
    cpu_raw, memory_raw = p.get("cpu"), p.get("memory")
    if fargate:
        if network_mode != "awsvpc":
            raise ServiceError("ClientException", "Fargate only supports network mode \u2018awsvpc\u2019.")
        if cpu_raw is None:
            raise ServiceError("ClientException", "Fargate requires that 'cpu' be defined at the task level.")
        if memory_raw is None:
            raise ServiceError("ClientException", "Fargate requires that 'memory' be defined at the task level.")
    cpu = cpu_units(cpu_raw) if cpu_raw is not None else None
    memory = memory_mib(memory_raw) if memory_raw is not None else None
    if cpu_raw is not None and cpu is None:
        raise ServiceError("ClientException", "Invalid 'cpu' setting for task.")
    if memory_raw is not None and memory is None:
        raise ServiceError("ClientException", "Invalid 'memory' setting for task.")
    if fargate:
        assert cpu is not None and memory is not None
        if cpu not in FARGATE_SIZES:
            raise ServiceError("ClientException", "Invalid 'cpu' setting for task.")
        if memory not in FARGATE_SIZES[cpu]:
            raise ServiceError(
                "ClientException",
                f"No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS "
                "documentation for the valid values.",
            )
    elif cpu is not None and not EC2_CPU_RANGE[0] <= cpu <= EC2_CPU_RANGE[1]:
        raise ServiceError("ClientException", "Invalid 'cpu' setting for task.")
    names: set[str] = set()
    container_memory = 0
    container_cpu = 0
    for container in containers:
        name = container.get("name")
        image = container.get("image")
        if not name or not image:
            raise ServiceError("ClientException", "Container.name and Container.image should not be null or empty.")
        if name in names:
            raise ServiceError("ClientException", f"Container names must be unique: '{name}' is used twice.")
        names.add(name)
        limit = container.get("memory") or container.get("memoryReservation") or 0
        if memory is None and not limit:
            raise ServiceError(
                "ClientException",
                f"Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be "
                "specified.",
            )
        if memory is not None and container.get("memory", 0) > memory:
            raise ServiceError(
                "ClientException", f"The 'memory' setting for container '{name}' is greater than for the task."
            )
        container_memory += limit
        container_cpu += container.get("cpu", 0)
    if cpu is not None and container_cpu > cpu:
        # pocketcloud's wording (AWS documents no text for this check), modelled on the memory message above.
        raise ServiceError("ClientException", "The 'cpu' setting for containers is greater than for the task.")
    memory = memory if memory is not None else container_memory
    cpu = cpu if cpu is not None else max(container_cpu, 0)
    model = app_model(containers, memory)
    revisions = service.task_definitions.setdefault(family, [])
    revision = len(revisions) + 1
    arn = service.arn("task-definition", f"{family}:{revision}")
    stored = []
    for container in containers:
        c = dict(container)
        c.setdefault("essential", True)
        c.setdefault("cpu", 0)
        c.setdefault("environment", [])
        c.setdefault("mountPoints", [])
        c.setdefault("volumesFrom", [])
        if c.get("portMappings"):
            c["portMappings"] = [
                {**m, "hostPort": m.get("hostPort", m.get("containerPort", 0)), "protocol": m.get("protocol", "tcp")}
                for m in c["portMappings"]
            ]
        stored.append(c)
    extra: dict[str, Any] = {k: p[k] for k in ("taskRoleArn", "executionRoleArn", "runtimePlatform") if k in p}
    td = TaskDefinition(
        family, revision, arn, stored, cpu, memory, network_mode, requires, service.cloud.now, model, extra
    )
    revisions.append(td)
    return td


def resolve(service: EcsService, ref: str) -> TaskDefinition:
    """A task definition by ``family``, ``family:revision`` or ARN (``family`` alone: the latest ACTIVE revision)."""
    name = ref.split(":task-definition/", 1)[1] if ":task-definition/" in ref else ref
    family, _, rev = name.partition(":")
    revisions = service.task_definitions.get(family, [])
    if rev:
        if rev.isdigit() and 1 <= int(rev) <= len(revisions):
            return revisions[int(rev) - 1]
    else:
        active = [td for td in revisions if td.status == "ACTIVE"]
        if active:
            return active[-1]
    raise ServiceError("ClientException", "Unable to describe task definition.")
