"""``cloud.client("ecs")``: Amazon ECS clusters, task definitions, services and tasks with boto3's names.

ECS speaks JSON and answers bad parameter values with ``InvalidParameterException`` (and malformed task definitions
with ``ClientException``), so the model's few front-end constraints answer with ``InvalidParameterException``.

Simulated: clusters (with the FARGATE and FARGATE_SPOT capacity providers), task definitions with the Fargate
CPU/memory table and a request-handling model (:mod:`.taskdefs`), services with rolling deployments, load balancers
(through elbv2's public operations), health-check replacement and AWS's service events (:mod:`.services`), tasks
and their lifecycle (:mod:`.tasks`), ``AWS/ECS`` metrics (:mod:`.metrics`). Timings AWS does not publish are
settings (:mod:`.backend`). EC2 capacity: Auto Scaling group capacity providers with managed scaling and managed
termination protection, container instances, binpack/spread placement (:mod:`.capacity`; the Auto Scaling group
itself is a pocketcloud model made with :func:`.capacity.auto_scaling_group`). Not simulated: task sets, service
discovery/Service Connect, container health checks, Spot interruptions.
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import operations as ops
from .backend import EcsService


class EcsClient(BaseClient):
    """A boto3-shaped ECS client. Every call goes to the cloud's one ECS state."""

    service_name = "ecs"
    validation_error_code = "InvalidParameterException"

    @property
    def _service(self) -> EcsService:
        service: EcsService = self._cloud.backend("ecs", EcsService)
        return service

    @operation("CreateCluster")
    def create_cluster(self, **params: Any) -> dict[str, Any]:
        return ops.create_cluster(self._service, params)

    @operation("DescribeClusters")
    def describe_clusters(self, **params: Any) -> dict[str, Any]:
        return ops.describe_clusters(self._service, params)

    @operation("ListClusters")
    def list_clusters(self, **params: Any) -> dict[str, Any]:
        return ops.list_clusters(self._service, params)

    @operation("DeleteCluster")
    def delete_cluster(self, **params: Any) -> dict[str, Any]:
        return ops.delete_cluster(self._service, params)

    @operation("PutClusterCapacityProviders")
    def put_cluster_capacity_providers(self, **params: Any) -> dict[str, Any]:
        return ops.put_cluster_capacity_providers(self._service, params)

    @operation("RegisterTaskDefinition")
    def register_task_definition(self, **params: Any) -> dict[str, Any]:
        return ops.register_task_definition(self._service, params)

    @operation("DescribeTaskDefinition")
    def describe_task_definition(self, **params: Any) -> dict[str, Any]:
        return ops.describe_task_definition(self._service, params)

    @operation("DeregisterTaskDefinition")
    def deregister_task_definition(self, **params: Any) -> dict[str, Any]:
        return ops.deregister_task_definition(self._service, params)

    @operation("ListTaskDefinitions")
    def list_task_definitions(self, **params: Any) -> dict[str, Any]:
        return ops.list_task_definitions(self._service, params)

    @operation("CreateService")
    def create_service(self, **params: Any) -> dict[str, Any]:
        return ops.create_service(self._service, params)

    @operation("UpdateService")
    def update_service(self, **params: Any) -> dict[str, Any]:
        return ops.update_service(self._service, params)

    @operation("DescribeServices")
    def describe_services(self, **params: Any) -> dict[str, Any]:
        return ops.describe_services(self._service, params)

    @operation("ListServices")
    def list_services(self, **params: Any) -> dict[str, Any]:
        return ops.list_services(self._service, params)

    @operation("DeleteService")
    def delete_service(self, **params: Any) -> dict[str, Any]:
        return ops.delete_service(self._service, params)

    @operation("ListTasks")
    def list_tasks(self, **params: Any) -> dict[str, Any]:
        return ops.list_tasks(self._service, params)

    @operation("DescribeTasks")
    def describe_tasks(self, **params: Any) -> dict[str, Any]:
        return ops.describe_tasks(self._service, params)

    @operation("StopTask")
    def stop_task(self, **params: Any) -> dict[str, Any]:
        return ops.stop_task(self._service, params)

    @operation("RunTask")
    def run_task(self, **params: Any) -> dict[str, Any]:
        return ops.run_task(self._service, params)

    @operation("CreateCapacityProvider")
    def create_capacity_provider(self, **params: Any) -> dict[str, Any]:
        return ops.create_capacity_provider(self._service, params)

    @operation("DescribeCapacityProviders")
    def describe_capacity_providers(self, **params: Any) -> dict[str, Any]:
        return ops.describe_capacity_providers(self._service, params)

    @operation("ListContainerInstances")
    def list_container_instances(self, **params: Any) -> dict[str, Any]:
        return ops.list_container_instances(self._service, params)

    @operation("DescribeContainerInstances")
    def describe_container_instances(self, **params: Any) -> dict[str, Any]:
        return ops.describe_container_instances(self._service, params)
