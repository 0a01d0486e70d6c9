"""The scalable resources pocketcloud can scale, and how capacity is read and set through their services' public APIs.

A scalable target is the triple (ServiceNamespace, ResourceId, ScalableDimension). pocketcloud simulates two:

* ``ecs`` / ``service/<cluster>/<service>`` / ``ecs:service:DesiredCount``: capacity is the service's
  ``desiredCount``, read with ECS's DescribeServices and set with UpdateService;
* ``lambda`` / ``function:<name>:<alias or version>`` / ``lambda:function:ProvisionedConcurrency``: capacity is the
  requested provisioned concurrency of that alias or version, read with GetProvisionedConcurrencyConfig (none = 0)
  and set with PutProvisionedConcurrencyConfig (0 = DeleteProvisionedConcurrencyConfig).

Resource ID formats and the service-linked roles (``AWSServiceRoleForApplicationAutoScaling_ECSService``,
``..._LambdaConcurrency``) are the documented ones:
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
(checked 2026-12-01). Application Auto Scaling calls the target service as its own principal,
``application-autoscaling.amazonaws.com``; the other namespaces of the model are refused by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ClientError, ServiceError

if TYPE_CHECKING:
    from ...cloud import Cloud

PRINCIPAL = "application-autoscaling.amazonaws.com"

#: Scalable dimension -> (service namespace, role service, role suffix).
DIMENSIONS = {
    "ecs:service:DesiredCount": ("ecs", "ecs", "ECSService"),
    "lambda:function:ProvisionedConcurrency": ("lambda", "lambda", "LambdaConcurrency"),
}

#: AWS's answer to a triple whose parts do not fit together, as moto (``moto/applicationautoscaling/models.py``) and
#: a 2026 measurement against AWS in a public repository quote it; "ECS service doesn't exist: <id>" likewise.
UNSUPPORTED = "Unsupported service namespace, resource type or scalable dimension"


class ResourceError(Exception):
    """The target service refused a capacity change (recorded as a Failed scaling activity)."""


@dataclass(frozen=True)
class Resource:
    """One parsed scalable resource."""

    namespace: str
    resource_id: str
    dimension: str
    #: ECS: (cluster, service); Lambda: (function name, qualifier).
    parts: tuple[str, str]

    @property
    def noun(self) -> str:
        """What the capacity is called in activity messages: "desired count" for ECS (the documented example,
        https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scaling-activities.html)
        and "desired concurrency" for Lambda ("Setting desired concurrency to 5." / "Successfully set desired
        concurrency to 5. Change successfully fulfilled by lambda.", a real DescribeScalingActivities answer quoted
        in https://www.luminis.eu/blog/aws-lambda-provisioned-concurrency-autoscaling-with-aws-cdk/, 2022)."""
        return "desired count" if self.namespace == "ecs" else "desired concurrency"


def parse(namespace: str, resource_id: str, dimension: str) -> Resource:
    """Check the triple and split the resource ID, or raise AWS's ValidationException."""
    known = DIMENSIONS.get(dimension)
    if known is None:
        if dimension.split(":")[0] == namespace:
            raise ServiceError(
                "ValidationException",
                f"pocketcloud simulates Application Auto Scaling for {', '.join(DIMENSIONS)}; {dimension} is not "
                "simulated.",
            )
        raise ServiceError("ValidationException", UNSUPPORTED)
    if known[0] != namespace:
        raise ServiceError("ValidationException", UNSUPPORTED)
    if namespace == "ecs":
        pieces = resource_id.split("/")
        if len(pieces) != 3 or pieces[0] != "service" or not pieces[1] or not pieces[2]:
            raise ServiceError("ValidationException", UNSUPPORTED)
        return Resource(namespace, resource_id, dimension, (pieces[1], pieces[2]))
    pieces = resource_id.split(":")
    if len(pieces) != 3 or pieces[0] != "function" or not pieces[1] or not pieces[2]:
        raise ServiceError("ValidationException", UNSUPPORTED)
    return Resource(namespace, resource_id, dimension, (pieces[1], pieces[2]))


def role_arn(cloud: Cloud, dimension: str) -> str:
    """The service-linked role Application Auto Scaling uses for the dimension (the default RoleARN)."""
    _namespace, service, suffix = DIMENSIONS[dimension]
    return (
        f"arn:{cloud.partition}:iam::{cloud.account_id}:role/aws-service-role/{service}.application-autoscaling."
        f"amazonaws.com/AWSServiceRoleForApplicationAutoScaling_{suffix}"
    )


def _client(cloud: Cloud, service: str) -> Any:
    from ...cloud import UnknownServiceError

    try:
        return cloud.service_client(service, PRINCIPAL, source_account=cloud.account_id)
    except UnknownServiceError:
        # An engine built without that service (e.g. before ECS is simulated): the resource cannot exist.
        raise ResourceError(f"pocketcloud does not simulate {service} in this build") from None


def current_capacity(cloud: Cloud, resource: Resource) -> int:
    """The resource's capacity now, read through its service's public API (ResourceError if it is gone)."""
    first, second = resource.parts
    if resource.namespace == "ecs":
        ecs = _client(cloud, "ecs")
        try:
            found = ecs.describe_services(cluster=first, services=[second])
        except ClientError as exc:
            raise ResourceError(exc.response["Error"]["Message"]) from None
        services = [s for s in found.get("services", []) if s.get("status") != "INACTIVE"]
        if not services:
            raise ResourceError(f"ECS service doesn't exist: {resource.resource_id}")
        return int(services[0]["desiredCount"])
    lam = _client(cloud, "lambda")
    try:
        config = lam.get_provisioned_concurrency_config(FunctionName=first, Qualifier=second)
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ProvisionedConcurrencyConfigNotFoundException":
            return 0
        raise ResourceError(exc.response["Error"]["Message"]) from None
    return int(config["RequestedProvisionedConcurrentExecutions"])


def check_exists(cloud: Cloud, resource: Resource) -> None:
    """RegisterScalableTarget checks that the resource exists (ValidationException otherwise)."""
    first, second = resource.parts
    if resource.namespace == "ecs":
        try:
            current_capacity(cloud, resource)
        except ResourceError:
            raise ServiceError("ValidationException", f"ECS service doesn't exist: {resource.resource_id}") from None
        return
    lam = _client(cloud, "lambda")
    try:
        lam.get_alias(FunctionName=first, Name=second)
        return
    except ClientError:
        pass
    try:
        versions = lam.list_versions_by_function(FunctionName=first).get("Versions", [])
    except ClientError:
        versions = []
    if second == "$LATEST" or not any(v["Version"] == second for v in versions):
        # The message is pocketcloud's: AWS documents that the alias or version must exist, not the wording.
        raise ServiceError(
            "ValidationException",
            f"Lambda function {first} has no published version or alias named {second} "
            f"(resource {resource.resource_id}).",
        )


def set_capacity(cloud: Cloud, resource: Resource, capacity: int) -> None:
    """Ask the resource's service for ``capacity`` (ResourceError with the service's message if it refuses)."""
    first, second = resource.parts
    client = _client(cloud, resource.namespace)
    try:
        if resource.namespace == "ecs":
            client.update_service(cluster=first, service=second, desiredCount=capacity)
            return
        lam = client
        if capacity <= 0:
            try:
                lam.delete_provisioned_concurrency_config(FunctionName=first, Qualifier=second)
            except ClientError as exc:
                if exc.response["Error"]["Code"] != "ResourceNotFoundException":
                    raise
            return
        lam.put_provisioned_concurrency_config(
            FunctionName=first, Qualifier=second, ProvisionedConcurrentExecutions=capacity
        )
    except ClientError as exc:
        raise ResourceError(exc.response["Error"]["Message"]) from None
