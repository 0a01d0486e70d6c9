"""``cloud.client("elbv2")``: a minimal Elastic Load Balancing v2 (Application Load Balancers) with boto3's names.

Elastic Load Balancing speaks the Query protocol and answers bad values with ``ValidationError`` (its front end's
code for constraint violations, e.g. a name over 32 characters), so ``validation_error_code`` is ``ValidationError``.
What is simulated and what is not: :mod:`.backend`; target health: :mod:`.health`; requests to the DNS name and the
``AWS/ApplicationELB`` metrics: :mod:`.routing`. Per-target request counts for a learner:
:func:`pocketcloud.services.elbv2.routing.summary` via :meth:`Elbv2Client.target_request_counts`.
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import operations as ops
from .backend import Elbv2Service
from .routing import summary


class Elbv2Client(BaseClient):
    """A boto3-shaped elbv2 client. Every call goes to the cloud's one Elastic Load Balancing state."""

    service_name = "elbv2"
    validation_error_code = "ValidationError"

    @property
    def _service(self) -> Elbv2Service:
        service: Elbv2Service = self._cloud.backend("elbv2", Elbv2Service)
        return service

    @operation("CreateLoadBalancer")
    def create_load_balancer(self, **params: Any) -> dict[str, Any]:
        return ops.create_load_balancer(self._service, params)

    @operation("DescribeLoadBalancers")
    def describe_load_balancers(self, **params: Any) -> dict[str, Any]:
        return ops.describe_load_balancers(self._service, params)

    @operation("DeleteLoadBalancer")
    def delete_load_balancer(self, **params: Any) -> dict[str, Any]:
        return ops.delete_load_balancer(self._service, params)

    @operation("CreateTargetGroup")
    def create_target_group(self, **params: Any) -> dict[str, Any]:
        return ops.create_target_group(self._service, params)

    @operation("DescribeTargetGroups")
    def describe_target_groups(self, **params: Any) -> dict[str, Any]:
        return ops.describe_target_groups(self._service, params)

    @operation("DeleteTargetGroup")
    def delete_target_group(self, **params: Any) -> dict[str, Any]:
        return ops.delete_target_group(self._service, params)

    @operation("CreateListener")
    def create_listener(self, **params: Any) -> dict[str, Any]:
        return ops.create_listener(self._service, params)

    @operation("DescribeListeners")
    def describe_listeners(self, **params: Any) -> dict[str, Any]:
        return ops.describe_listeners(self._service, params)

    @operation("DeleteListener")
    def delete_listener(self, **params: Any) -> dict[str, Any]:
        return ops.delete_listener(self._service, params)

    @operation("RegisterTargets")
    def register_targets(self, **params: Any) -> dict[str, Any]:
        return ops.register_targets(self._service, params)

    @operation("DeregisterTargets")
    def deregister_targets(self, **params: Any) -> dict[str, Any]:
        return ops.deregister_targets(self._service, params)

    @operation("DescribeTargetHealth")
    def describe_target_health(self, **params: Any) -> dict[str, Any]:
        return ops.describe_target_health(self._service, params)

    @operation("DescribeTargetGroupAttributes")
    def describe_target_group_attributes(self, **params: Any) -> dict[str, Any]:
        return ops.describe_target_group_attributes(self._service, params)

    @operation("ModifyTargetGroupAttributes")
    def modify_target_group_attributes(self, **params: Any) -> dict[str, Any]:
        return ops.modify_target_group_attributes(self._service, params)

    def target_request_counts(self, TargetGroupArn: str) -> list[dict[str, Any]]:
        """Not an AWS operation: each target's requests received, requests in flight and health state."""
        return summary(self._service.tg(TargetGroupArn))
