"""The ECS operations: validate everything first (a refused request changes nothing), then act.

Errors as ECS answers them: ``ClusterNotFoundException`` "Cluster not found.", ``ServiceNotFoundException``
"Service not found.", ``ServiceNotActiveException`` "Service was not ACTIVE.", ``InvalidParameterException``
"Creation of service was not idempotent." for a second service of the same name, "TaskDefinition not found." for
an unknown one, "The referenced task was not found." for StopTask, "Network Configuration must be provided when
networkMode 'awsvpc' is specified.", "Task definition does not support launch_type FARGATE.", and a target group
that no load balancer uses: "The target group with targetGroupArn … does not have an associated load balancer.";
``ClientException`` "Unable to describe task definition." for DescribeTaskDefinition. Describe* operations answer
names they do not find in ``failures`` with reason ``MISSING``.
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html
"""

from __future__ import annotations

from typing import Any

from ... import limits
from ...errors import ServiceError
from . import capacity, taskdefs
from .backend import EcsService
from .placement import FARGATE_PROVIDERS
from .services import PRINCIPAL, EcsServiceState
from .tasks import Task

#: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed" (cluster and
#: service names, API_CreateCluster / API_CreateService).
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _check_name(name: str, what: str) -> None:
    if not name or len(name) > limits.ECS_NAME_MAX or not _NAME_CHARS.issuperset(name):
        raise ServiceError(
            "InvalidParameterException",
            f"{what} name must be 1-255 characters: letters (uppercase and lowercase), numbers, underscores, and "
            "hyphens.",
        )


# -- clusters ------------------------------------------------------------------------------------------------
def create_cluster(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    name = p.get("clusterName", "default")
    _check_name(name, "Cluster")
    providers = list(p.get("capacityProviders", []))
    _check_providers(providers, p.get("defaultCapacityProviderStrategy", []), ecs)
    active = [c for c in ecs.clusters.values() if c.status == "ACTIVE"]
    if name not in {c.name for c in active} and len(active) >= limits.ECS_CLUSTERS_PER_ACCOUNT:
        raise ServiceError("LimitExceededException", "The limit on the number of clusters has been reached.")
    cluster = ecs.create_cluster(name)
    cluster.capacity_providers = providers
    cluster.default_strategy = [dict(s) for s in p.get("defaultCapacityProviderStrategy", [])]
    cluster.tags = list(p.get("tags", []))
    return {"cluster": cluster.describe(ecs)}


def _check_providers(providers: list[str], strategy: list[dict[str, Any]], ecs: EcsService | None = None) -> None:
    for name in providers:
        if name not in FARGATE_PROVIDERS and (ecs is None or name not in ecs.capacity_providers):
            raise ServiceError(
                "InvalidParameterException", f"The specified capacity provider '{name}' is not in an ACTIVE state."
            )
    for item in strategy:
        if item["capacityProvider"] not in providers:
            raise ServiceError(
                "InvalidParameterException",
                "The specified capacity provider strategy cannot contain a capacity provider that is not associated "
                "with the cluster. Associate the capacity provider with the cluster or specify a valid capacity "
                "provider and try again.",
            )


def put_cluster_capacity_providers(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p["cluster"])
    _check_providers(list(p["capacityProviders"]), p["defaultCapacityProviderStrategy"], ecs)
    for name in p["capacityProviders"]:
        for other in ecs.clusters.values():
            if other is not cluster and name in other.capacity_providers and name not in FARGATE_PROVIDERS:
                raise ServiceError(
                    "InvalidParameterException", f"The capacity provider '{name}' is already in use by another cluster."
                )
    cluster.capacity_providers = list(p["capacityProviders"])
    cluster.default_strategy = [dict(s) for s in p["defaultCapacityProviderStrategy"]]
    for name in cluster.capacity_providers:
        provider = ecs.capacity_providers.get(name)
        if provider is not None:
            for instance in provider.group.instances:
                if instance.status == "LAUNCHING" and instance.cluster is None:
                    capacity.register_booted(ecs, instance)
    return {"cluster": cluster.describe(ecs)}


# -- capacity providers and container instances ---------------------------------------------------------------
def create_capacity_provider(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    return {"capacityProvider": capacity.create_capacity_provider(ecs, p).describe()}


def describe_capacity_providers(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    names = p.get("capacityProviders") or [*FARGATE_PROVIDERS, *ecs.capacity_providers]
    found, failures = [], []
    for name in names:
        short = name.rsplit("/", 1)[-1]
        if short in FARGATE_PROVIDERS:
            found.append({"capacityProviderArn": ecs.arn("capacity-provider", short), "name": short,
                          "status": "ACTIVE", "tags": []})  # fmt: skip
        elif short in ecs.capacity_providers:
            found.append(ecs.capacity_providers[short].describe())
        else:
            failures.append({"arn": ecs.arn("capacity-provider", short), "reason": "MISSING"})
    return {"capacityProviders": found, "failures": failures}


def list_container_instances(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p.get("cluster"))
    status = p.get("status", "ACTIVE")
    return {
        "containerInstanceArns": [i.arn for i in ecs.instances.values() if i.cluster is cluster and i.status == status]
    }


def describe_container_instances(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p.get("cluster"))
    found, failures = [], []
    for ref in p["containerInstances"]:
        arn = ecs.arn("container-instance", f"{cluster.name}/{ref.rsplit('/', 1)[-1]}")
        instance = ecs.instances.get(arn)
        if instance is None:
            failures.append({"arn": ref, "reason": "MISSING"})
        else:
            found.append(instance.describe())
    return {"containerInstances": found, "failures": failures}


def describe_clusters(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    found, failures = [], []
    for ref in p.get("clusters") or ["default"]:
        try:
            found.append(ecs.cluster(ref).describe(ecs))
        except ServiceError:
            failures.append({"arn": ref if ref.startswith("arn:") else ecs.arn("cluster", ref), "reason": "MISSING"})
    return {"clusters": found, "failures": failures}


def list_clusters(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    return {"clusterArns": [c.arn for c in ecs.clusters.values() if c.status == "ACTIVE"]}


def delete_cluster(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p["cluster"])
    if any(s.status == "ACTIVE" for s in cluster.services.values()):
        raise ServiceError(
            "ClusterContainsServicesException",
            "The Cluster cannot be deleted while Services are active.",
        )
    if any(t.cluster is cluster and t.live for t in ecs.tasks.values()):
        raise ServiceError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.")
    cluster.status = "INACTIVE"
    return {"cluster": cluster.describe(ecs)}


# -- task definitions ----------------------------------------------------------------------------------------
def register_task_definition(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    td = taskdefs.register(ecs, p)
    return {"taskDefinition": td.describe(), "tags": list(p.get("tags", []))}


def describe_task_definition(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    return {"taskDefinition": taskdefs.resolve(ecs, p["taskDefinition"]).describe()}


def deregister_task_definition(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    ref = p["taskDefinition"]
    if ":" not in ref.rsplit("/", 1)[-1]:
        raise ServiceError("InvalidParameterException", "Task Definition can not be blank.")
    td = taskdefs.resolve(ecs, ref)
    td.status = "INACTIVE"
    return {"taskDefinition": td.describe()}


def list_task_definitions(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    status = p.get("status", "ACTIVE")
    family = p.get("familyPrefix", "")
    arns = [
        td.arn
        for name, revisions in sorted(ecs.task_definitions.items())
        if name.startswith(family)
        for td in revisions
        if td.status == status
    ]
    if p.get("sort") == "DESC":
        arns.reverse()
    return {"taskDefinitionArns": arns}


# -- services ------------------------------------------------------------------------------------------------
def _task_definition(ecs: EcsService, ref: str) -> taskdefs.TaskDefinition:
    try:
        return taskdefs.resolve(ecs, ref)
    except ServiceError:
        raise ServiceError("InvalidParameterException", "TaskDefinition not found.") from None


def create_service(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p.get("cluster"), create_default=False)
    name = p["serviceName"]
    _check_name(name, "Service")
    if "taskDefinition" not in p:
        raise ServiceError("InvalidParameterException", "TaskDefinition must be specified.")
    td = _task_definition(ecs, p["taskDefinition"])
    existing = cluster.services.get(name)
    if existing is not None and existing.status != "INACTIVE":
        raise ServiceError("InvalidParameterException", "Creation of service was not idempotent.")
    if p.get("launchType") and p.get("capacityProviderStrategy"):
        raise ServiceError(
            "InvalidParameterException",
            "Specifying both a launch type and capacity provider strategy is not supported.",
        )
    if p.get("desiredCount", 0) < 0:
        raise ServiceError("InvalidParameterException", "Desired count must be greater than or equal to 0.")
    if p.get("desiredCount", 0) > limits.ECS_TASKS_PER_SERVICE:
        raise ServiceError("InvalidParameterException", f"Desired count cannot exceed {limits.ECS_TASKS_PER_SERVICE}.")
    if sum(1 for s in cluster.services.values() if s.status != "INACTIVE") >= limits.ECS_SERVICES_PER_CLUSTER:
        raise ServiceError(
            "LimitExceededException", "The limit on the number of services per cluster has been reached."
        )
    strategy = p.get("capacityProviderStrategy") or ([] if p.get("launchType") else cluster.default_strategy)
    fargate = p.get("launchType") == "FARGATE" or (
        bool(strategy) and all(s["capacityProvider"] in FARGATE_PROVIDERS for s in strategy)
    )
    if strategy:
        _check_providers(cluster.capacity_providers if p.get("capacityProviderStrategy") else
                         [s["capacityProvider"] for s in strategy], strategy, ecs)  # fmt: skip
    if fargate and "FARGATE" not in td.compatibilities:
        raise ServiceError("InvalidParameterException", "Task definition does not support launch_type FARGATE.")
    if td.network_mode == "awsvpc" and not p.get("networkConfiguration", {}).get("awsvpcConfiguration"):
        raise ServiceError(
            "InvalidParameterException",
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        )
    config = p.get("deploymentConfiguration", {})
    if config.get("maximumPercent", 200) < config.get("minimumHealthyPercent", 100):
        raise ServiceError(
            "InvalidParameterException",
            "The maximumPercent must be greater than or equal to the minimumHealthyPercent.",
        )
    _check_load_balancers(ecs, p.get("loadBalancers", []), td)
    service = EcsServiceState(ecs, cluster, p, td)
    cluster.services[name] = service
    ecs.ensure_ticking()
    service.reconcile()
    return {"service": service.describe()}


def _check_load_balancers(ecs: EcsService, lbs: list[dict[str, Any]], td: taskdefs.TaskDefinition) -> None:
    if not lbs:
        return
    elbv2: Any = ecs.cloud.service_client("elbv2", PRINCIPAL)
    names = {c["name"]: c for c in td.containers}
    for lb in lbs:
        arn = lb.get("targetGroupArn")
        if not arn:
            raise ServiceError(
                "InvalidParameterException", "pocketcloud simulates target groups (targetGroupArn) only."
            )
        try:
            group = elbv2.describe_target_groups(TargetGroupArns=[arn])["TargetGroups"][0]
        except Exception:
            raise ServiceError(
                "InvalidParameterException",
                "Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service "
                "role being passed has the proper permissions.",
            ) from None
        if not group["LoadBalancerArns"]:
            raise ServiceError(
                "InvalidParameterException",
                f"The target group with targetGroupArn {arn} does not have an associated load balancer.",
            )
        if td.network_mode == "awsvpc" and group["TargetType"] != "ip":
            raise ServiceError(
                "InvalidParameterException",
                f"The provided target group {arn} has target type {group['TargetType']}, which is incompatible with "
                "the awsvpc network mode specified in the task definition.",
            )
        container = names.get(lb.get("containerName", ""))
        ports = [m.get("containerPort") for m in (container or {}).get("portMappings", [])]
        if container is None or lb.get("containerPort") not in ports:
            raise ServiceError(
                "InvalidParameterException",
                f"The container {lb.get('containerName')} did not have a container port {lb.get('containerPort')} "
                "defined.",
            )


def _service(ecs: EcsService, cluster_ref: str | None, ref: str) -> EcsServiceState:
    cluster = ecs.cluster(cluster_ref)
    service = cluster.services.get(ref.rsplit("/", 1)[-1])
    if service is None:
        raise ServiceError("ServiceNotFoundException", "Service not found.")
    return service


def update_service(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    service = _service(ecs, p.get("cluster"), p["service"])
    if service.status != "ACTIVE":
        raise ServiceError("ServiceNotActiveException", "Service was not ACTIVE.")
    td = _task_definition(ecs, p["taskDefinition"]) if p.get("taskDefinition") else None
    desired = p.get("desiredCount")
    if desired is not None and desired < 0:
        raise ServiceError("InvalidParameterException", "Desired count must be greater than or equal to 0.")
    if desired is not None and desired > limits.ECS_TASKS_PER_SERVICE:
        raise ServiceError("InvalidParameterException", f"Desired count cannot exceed {limits.ECS_TASKS_PER_SERVICE}.")
    config = p.get("deploymentConfiguration", {})
    max_percent = config.get("maximumPercent", service.max_percent)
    min_percent = config.get("minimumHealthyPercent", service.min_percent)
    if max_percent < min_percent:
        raise ServiceError(
            "InvalidParameterException",
            "The maximumPercent must be greater than or equal to the minimumHealthyPercent.",
        )
    if td is not None and service.uses_fargate() and "FARGATE" not in td.compatibilities:
        raise ServiceError("InvalidParameterException", "Task definition does not support launch_type FARGATE.")
    service.max_percent, service.min_percent = max_percent, min_percent
    if "healthCheckGracePeriodSeconds" in p:
        service.grace_s = p["healthCheckGracePeriodSeconds"]
    service.update(td, desired, bool(p.get("forceNewDeployment")))
    return {"service": service.describe()}


def describe_services(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p.get("cluster"))
    found, failures = [], []
    for ref in p["services"]:
        service = cluster.services.get(ref.rsplit("/", 1)[-1])
        if service is None:
            failures.append({"arn": ref if ref.startswith("arn:") else ecs.arn("service", f"{cluster.name}/{ref}"),
                             "reason": "MISSING"})  # fmt: skip
        else:
            found.append(service.describe())
    return {"services": found, "failures": failures}


def list_services(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p.get("cluster"))
    return {"serviceArns": [s.arn for s in cluster.services.values() if s.status != "INACTIVE"]}


def delete_service(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    service = _service(ecs, p.get("cluster"), p["service"])
    if service.status != "ACTIVE":
        raise ServiceError("ServiceNotActiveException", "Service was not ACTIVE.")
    if service.desired > 0 and not p.get("force"):
        raise ServiceError(
            "InvalidParameterException",
            "The service cannot be stopped while it is scaled above 0.",
        )
    service.desired = 0
    service.reconcile()
    service.status = "DRAINING" if service.tasks else "INACTIVE"
    return {"service": service.describe()}


# -- tasks ---------------------------------------------------------------------------------------------------
def list_tasks(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    cluster = ecs.cluster(p.get("cluster"))
    desired = p.get("desiredStatus", "RUNNING")
    found = [t for t in ecs.tasks.values() if t.cluster is cluster and t.desired_status == desired]
    if p.get("serviceName"):
        found = [t for t in found if t.service is not None and t.service.name == p["serviceName"]]
    if p.get("family"):
        found = [t for t in found if t.td.family == p["family"]]
    if p.get("startedBy"):
        found = [t for t in found if t.deployment_id == p["startedBy"]]
    if p.get("launchType"):
        found = [t for t in found if t.launch_type == p["launchType"]]
    return {"taskArns": [t.arn for t in found]}


def _task(ecs: EcsService, cluster_ref: str | None, ref: str) -> Task | None:
    cluster = ecs.cluster(cluster_ref)
    task_id = ref.rsplit("/", 1)[-1]
    task = ecs.tasks.get(ecs.arn("task", f"{cluster.name}/{task_id}"))
    return task


def describe_tasks(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    ecs.cluster(p.get("cluster"))
    found, failures = [], []
    for ref in p["tasks"]:
        task = _task(ecs, p.get("cluster"), ref)
        if task is None:
            failures.append({"arn": ref, "reason": "MISSING"})
        else:
            found.append(task.describe())
    return {"tasks": found, "failures": failures}


def stop_task(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    task = _task(ecs, p.get("cluster"), p["task"])
    if task is None:
        raise ServiceError("InvalidParameterException", "The referenced task was not found.")
    reason = p.get("reason") or "Task stopped by user"
    if task.service is not None:
        task.service.stop_tasks([task], reason, "UserInitiated")
    else:
        task.stop(reason, "UserInitiated")
    return {"task": task.describe()}


def run_task(ecs: EcsService, p: dict[str, Any]) -> dict[str, Any]:
    """Standalone tasks on Fargate (they run until stopped: the app model has no end of its own)."""
    cluster = ecs.cluster(p.get("cluster"))
    td = taskdefs.resolve(ecs, p["taskDefinition"])
    count = p.get("count", 1)
    if not 1 <= count <= limits.ECS_RUN_TASK_MAX_COUNT:
        raise ServiceError("InvalidParameterException", "Count must be between 1 and 10.")
    strategy = p.get("capacityProviderStrategy") or ([] if p.get("launchType") else cluster.default_strategy)
    provider = strategy[0]["capacityProvider"] if strategy else None
    fargate = p.get("launchType") == "FARGATE" or provider in FARGATE_PROVIDERS
    if fargate and "FARGATE" not in td.compatibilities:
        raise ServiceError("InvalidParameterException", "Task definition does not support launch_type FARGATE.")
    if td.network_mode == "awsvpc" and not p.get("networkConfiguration", {}).get("awsvpcConfiguration"):
        raise ServiceError(
            "InvalidParameterException",
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        )
    if not fargate:
        return {"tasks": [], "failures": [{"reason": "No Container Instances were found in your cluster."}]}
    tasks = []
    for _ in range(count):
        task = Task(ecs, cluster, td, None, p.get("startedBy"), "FARGATE", provider)
        ecs.tasks[task.arn] = task
        task.start()
        tasks.append(task.describe())
    ecs.ensure_ticking()
    return {"tasks": tasks, "failures": []}
