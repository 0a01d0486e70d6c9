"""``cloud.client("application-autoscaling")``: scalable targets, scaling policies, scheduled actions, activities.

pocketcloud simulates two scalable dimensions (:mod:`.resources`): ``ecs:service:DesiredCount`` (through ECS's
DescribeServices/UpdateService) and ``lambda:function:ProvisionedConcurrency`` (through Lambda's provisioned
concurrency operations). Policies (:mod:`.policies`): **target tracking** with the predefined metrics
ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget and
LambdaProvisionedConcurrencyUtilization or a customized metric (one metric, or metric math), creating the two
CloudWatch alarms AWS creates; **step scaling**, driven by an alarm you create with PutMetricAlarm whose AlarmActions
is the policy ARN. Scheduled actions (:mod:`.scheduling`) run ``at``/``rate``/``cron`` expressions in a time zone.
Everything runs on the virtual clock (:mod:`.service`); DescribeScalingActivities shows AWS's messages
(:mod:`.activities`). Predictive scaling (and GetPredictiveScalingForecast) is not simulated.

The service answers constraint violations with ``ValidationException``.
https://docs.aws.amazon.com/autoscaling/application/APIReference/CommonErrors.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import api
from .service import AutoScalingService


class ApplicationAutoScalingClient(BaseClient):
    """A boto3-shaped Application Auto Scaling client over the cloud's one auto scaling state."""

    service_name = "application-autoscaling"
    validation_error_code = "ValidationException"

    @property
    def _service(self) -> AutoScalingService:
        service: AutoScalingService = self._cloud.backend("application-autoscaling", AutoScalingService)
        return service

    @operation("RegisterScalableTarget")
    def register_scalable_target(self, **params: Any) -> dict[str, Any]:
        """Register (or update the minimum, maximum and suspended state of) a scalable target.
        https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html"""
        return api.register_scalable_target(self._service, params)

    @operation("DescribeScalableTargets")
    def describe_scalable_targets(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html"""
        return api.describe_scalable_targets(self._service, params)

    @operation("DeregisterScalableTarget")
    def deregister_scalable_target(self, **params: Any) -> dict[str, Any]:
        """Deregister a target, deleting its scaling policies and scheduled actions.
        https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html"""
        return api.deregister_scalable_target(self._service, params)

    @operation("PutScalingPolicy")
    def put_scaling_policy(self, **params: Any) -> dict[str, Any]:
        """Create or update a target tracking or step scaling policy.
        https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html"""
        return api.put_scaling_policy(self._service, params)

    @operation("DescribeScalingPolicies")
    def describe_scaling_policies(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html"""
        return api.describe_scaling_policies(self._service, params)

    @operation("DeleteScalingPolicy")
    def delete_scaling_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeleteScalingPolicy.html"""
        return api.delete_scaling_policy(self._service, params)

    @operation("PutScheduledAction")
    def put_scheduled_action(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html"""
        return api.put_scheduled_action(self._service, params)

    @operation("DescribeScheduledActions")
    def describe_scheduled_actions(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScheduledActions.html"""
        return api.describe_scheduled_actions(self._service, params)

    @operation("DeleteScheduledAction")
    def delete_scheduled_action(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeleteScheduledAction.html"""
        return api.delete_scheduled_action(self._service, params)

    @operation("DescribeScalingActivities")
    def describe_scaling_activities(self, **params: Any) -> dict[str, Any]:
        """Newest first; not-scaled decisions only with IncludeNotScaledActivities.
        https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingActivities.html"""
        return api.describe_scaling_activities(self._service, params)

    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TagResource.html"""
        return api.tag_resource(self._service, params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_UntagResource.html"""
        return api.untag_resource(self._service, params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ListTagsForResource.html"""
        return api.list_tags_for_resource(self._service, params)
