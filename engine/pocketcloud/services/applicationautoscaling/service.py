"""The Application Auto Scaling state of one cloud: scalable targets, policies, scheduled actions and activities.

Everything runs on the virtual clock through other services' public operations:

* target tracking policies create their two alarms with CloudWatch's PutMetricAlarm (as
  ``application-autoscaling.amazonaws.com``) and delete them with DeleteAlarms;
* an alarm whose action is a policy ARN reaches :meth:`AutoScalingService.on_alarm` through
  :mod:`pocketcloud.alarm_actions`, registered with ``repeat=True``: like EC2 Auto Scaling actions, a scaling policy
  is invoked again every period its alarm stays in ALARM ("the alarm continues to invoke the action for every period
  that the alarm remains in the new state",
  https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions), which
  is what lets a target tracking policy keep adding capacity while the metric stays high;
* the metric value a decision uses is read with CloudWatch's GetMetricData (the alarm's metric, its last complete
  period; step scaling aggregates with the policy's MetricAggregationType, Average by default);
* capacity is read and set with ECS's DescribeServices/UpdateService or Lambda's provisioned concurrency operations
  (:mod:`.resources`).

"Application Auto Scaling ... will scale out if any of the target tracking policies are ready for scale out, but will
scale in only if all of the target tracking policies (with the scale-in portion enabled) are ready to scale in."
https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#target-tracking-multiple-scaling-policies
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...alarm_actions import AlarmActionError, AlarmActionEvent, register_alarm_action
from ...errors import ClientError, ServiceError
from . import activities, policies, resources
from .activities import Activity
from .policies import Policy
from .resources import Resource, ResourceError

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...kernel import Timer
    from .scheduling import Schedule

Key = tuple[str, str, str]


@dataclass
class Target:
    resource: Resource
    min_capacity: int
    max_capacity: int
    role_arn: str
    created_at: float
    arn: str
    suspended: dict[str, bool] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    #: The last scale-out: when, the capacity before it, and the cooldown it started.
    out_at: float = -math.inf
    out_base: int = 0
    out_cooldown: float = 0.0
    in_at: float = -math.inf
    in_cooldown: float = 0.0

    def describe(self) -> dict[str, Any]:
        from ...timeutil import to_datetime

        r = self.resource
        return {
            "ServiceNamespace": r.namespace,
            "ResourceId": r.resource_id,
            "ScalableDimension": r.dimension,
            "MinCapacity": self.min_capacity,
            "MaxCapacity": self.max_capacity,
            "RoleARN": self.role_arn,
            "CreationTime": to_datetime(self.created_at),
            "SuspendedState": {
                "DynamicScalingInSuspended": self.suspended.get("DynamicScalingInSuspended", False),
                "DynamicScalingOutSuspended": self.suspended.get("DynamicScalingOutSuspended", False),
                "ScheduledScalingSuspended": self.suspended.get("ScheduledScalingSuspended", False),
            },
            "ScalableTargetARN": self.arn,
        }


@dataclass
class ScheduledAction:
    name: str
    arn: str
    key: Key
    params: dict[str, Any]
    schedule: Schedule
    created_at: float
    timer: Timer | None = None


class AutoScalingService:
    """Targets, policies, scheduled actions and activities of one cloud."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.targets: dict[Key, Target] = {}
        self.policies: dict[tuple[str, str, str, str], Policy] = {}
        self.by_arn: dict[str, Policy] = {}
        self.scheduled: dict[tuple[str, str, str, str], ScheduledAction] = {}
        self.activities: list[Activity] = []
        prefix = f"arn:{cloud.partition}:autoscaling:{cloud.region}:{cloud.account_id}:scalingPolicy:"
        register_alarm_action(cloud, prefix, self.on_alarm, repeat=True)

    @property
    def now(self) -> float:
        return self.cloud.now

    def cloudwatch(self) -> Any:
        return self.cloud.service_client("cloudwatch", resources.PRINCIPAL, source_account=self.cloud.account_id)

    # -- lookups --------------------------------------------------------------------------------------------------
    def target(self, namespace: str, resource_id: str, dimension: str) -> Target:
        found = self.targets.get((namespace, resource_id, dimension))
        if found is None:
            raise ServiceError(
                "ObjectNotFoundException",
                f"No scalable target registered for service namespace: {namespace}, resource ID: {resource_id}, "
                f"scalable dimension: {dimension}",
            )
        return found

    def policies_of(self, key: Key) -> list[Policy]:
        return [p for k, p in self.policies.items() if k[:3] == key]

    # -- activities -----------------------------------------------------------------------------------------------
    def record(self, activity: Activity) -> Activity:
        horizon = self.now - activities.RETENTION_S
        if self.activities and self.activities[0].start < horizon:
            self.activities = [a for a in self.activities if a.start >= horizon]
        self.activities.append(activity)
        return activity

    def scale(self, target: Target, capacity: int, cause: str) -> Activity:
        """Set the target's capacity through its service, and record the activity (Successful or Failed)."""
        r = target.resource
        activity = Activity(
            self.cloud.new_request_id(), r.namespace, r.resource_id, r.dimension,
            activities.setting(r.noun, capacity), cause, self.now, None, "InProgress",
        )  # fmt: skip
        try:
            resources.set_capacity(self.cloud, r, capacity)
        except ResourceError as exc:
            activity.status, activity.message = "Failed", activities.failure(r.noun, capacity, str(exc))
        else:
            activity.status, activity.message = "Successful", activities.success(r.noun, capacity, r.namespace)
        activity.end = self.now
        return self.record(activity)

    def not_scaled(self, target: Target, cause: str, code: str, current: int) -> None:
        r = target.resource
        reason: dict[str, Any] = {"Code": code}
        if code == "AlreadyAtMaxCapacity":
            reason["MaxCapacity"] = target.max_capacity
        elif code == "AlreadyAtMinCapacity":
            reason["MinCapacity"] = target.min_capacity
        else:
            reason["CurrentCapacity"] = current
        self.record(
            Activity(
                self.cloud.new_request_id(), r.namespace, r.resource_id, r.dimension,
                activities.NOT_SCALED_DESCRIPTION, cause, self.now, self.now, "Failed", None, [reason],
            )
        )  # fmt: skip

    def enforce_bounds(self, target: Target, cause: str) -> None:
        """After a new minimum or maximum: bring the capacity inside [min, max] (an activity if it moves)."""
        try:
            current = resources.current_capacity(self.cloud, target.resource)
        except ResourceError:
            return
        wanted = min(max(current, target.min_capacity), target.max_capacity)
        if wanted != current:
            self.scale(target, wanted, cause)

    # -- alarms ---------------------------------------------------------------------------------------------------
    def on_alarm(self, event: AlarmActionEvent) -> str | None:
        """An alarm whose action is one of this cloud's scaling policies changed state (or stayed in ALARM)."""
        arn = event.action_arn.split(":createdBy/")[0]
        policy = self.by_arn.get(arn)
        if policy is None:
            raise AlarmActionError(f"No scaling policy found for {arn}")
        if event.new_state != "ALARM":
            return None
        target = self.targets.get((policy.namespace, policy.resource_id, policy.dimension))
        if target is None:
            raise AlarmActionError(f"No scalable target registered for {policy.resource_id}")
        cause = activities.alarm_cause(event.alarm_name, policy.name)
        try:
            current = resources.current_capacity(self.cloud, target.resource)
        except ResourceError as exc:
            raise AlarmActionError(str(exc)) from None
        if policy.policy_type == "TargetTrackingScaling":
            self._track(target, policy, event, current, cause)
        else:
            self._step(target, policy, event, current, cause)
        return None

    def _metric_value(self, alarm: dict[str, Any], statistic: str | None = None) -> float | None:
        """The alarm metric's value over its last complete period, read with GetMetricData."""
        from ...timeutil import to_datetime

        if alarm.get("Metrics"):
            queries = alarm["Metrics"]
            period = next(
                (int(m["MetricStat"]["Period"]) for m in queries if "MetricStat" in m),
                int(next((m.get("Period", 60) for m in queries), 60)),
            )
        else:
            period = int(alarm["Period"])
            stat: dict[str, Any] = {
                "Metric": {"Namespace": alarm["Namespace"], "MetricName": alarm["MetricName"],
                           "Dimensions": alarm.get("Dimensions", [])},
                "Period": period,
                "Stat": statistic or alarm.get("Statistic") or alarm.get("ExtendedStatistic") or "Average",
            }  # fmt: skip
            if "Unit" in alarm:
                stat["Unit"] = alarm["Unit"]
            queries = [{"Id": "m", "MetricStat": stat, "ReturnData": True}]
        end = math.floor(self.now / 60.0) * 60.0
        start = end - period
        found = self.cloudwatch().get_metric_data(
            MetricDataQueries=queries, StartTime=to_datetime(start), EndTime=to_datetime(end)
        )
        for result in found["MetricDataResults"]:
            if result["Values"]:
                return float(result["Values"][0])
        return None

    def _track(self, target: Target, policy: Policy, event: AlarmActionEvent, current: int, cause: str) -> None:
        config = policy.config
        metric = self._metric_value(event.alarm)
        if metric is None:
            return  # "does not perform scaling when the specified metric has insufficient data"
        target_value = float(config["TargetValue"])
        ns = target.resource.namespace
        if "-AlarmHigh-" in event.alarm_name:
            if target.suspended.get("DynamicScalingOutSuspended"):
                return
            cooldown = float(config.get("ScaleOutCooldown", policies.DEFAULT_COOLDOWN_S[ns]))
            in_cooldown = self.now < target.out_at + target.out_cooldown
            base = target.out_base if in_cooldown else current
            desired = policies.tracking_capacity(base, metric, target_value)
            self._scale_out(target, current, desired, cooldown, cause)
            return
        if target.suspended.get("DynamicScalingInSuspended") or config.get("DisableScaleIn"):
            return
        cooldown = float(config.get("ScaleInCooldown", policies.DEFAULT_COOLDOWN_S[ns]))
        if self.now < target.in_at + target.in_cooldown:
            return  # scale-in cooldown: blocked until it expires
        if not self._all_ready_to_scale_in(target, policy):
            return
        desired = policies.tracking_capacity(current, metric, target_value)
        if desired >= current:
            self.not_scaled(target, cause, "AlreadyAtDesiredCapacity", current)
            return
        self._scale_in(target, current, desired, cooldown, cause)

    def _all_ready_to_scale_in(self, target: Target, policy: Policy) -> bool:
        key = (target.resource.namespace, target.resource.resource_id, target.resource.dimension)
        others = [
            p for p in self.policies_of(key)
            if p is not policy and p.policy_type == "TargetTrackingScaling" and not p.config.get("DisableScaleIn")
        ]  # fmt: skip
        names = [name for p in others for name, _arn in p.alarms if "-AlarmLow-" in name]
        if not names:
            return True
        found = self.cloudwatch().describe_alarms(AlarmNames=names)["MetricAlarms"]
        return len(found) == len(names) and all(a["StateValue"] == "ALARM" for a in found)

    def _scale_out(self, target: Target, current: int, desired: int, cooldown: float, cause: str) -> None:
        capped = min(desired, target.max_capacity)
        if capped <= current:
            code = "AlreadyAtMaxCapacity" if current >= target.max_capacity else "AlreadyAtDesiredCapacity"
            self.not_scaled(target, cause, code, current)
            return
        in_cooldown = self.now < target.out_at + target.out_cooldown
        activity = self.scale(target, capped, cause)
        if activity.status == "Successful":
            if not in_cooldown:
                target.out_base = current
            target.out_at, target.out_cooldown = self.now, cooldown
            target.in_at = -math.inf  # a scale-out ends a scale-in cooldown

    def _scale_in(self, target: Target, current: int, desired: int, cooldown: float, cause: str) -> None:
        floored = max(desired, target.min_capacity)
        if floored >= current:
            self.not_scaled(target, cause, "AlreadyAtMinCapacity", current)
            return
        activity = self.scale(target, floored, cause)
        if activity.status == "Successful":
            target.in_at, target.in_cooldown = self.now, cooldown

    def _step(self, target: Target, policy: Policy, event: AlarmActionEvent, current: int, cause: str) -> None:
        config = policy.config
        threshold = float(event.alarm.get("Threshold", 0.0))
        metric = self._metric_value(event.alarm, config.get("MetricAggregationType", "Average"))
        if metric is None:
            return
        step = policies.step_for(config["StepAdjustments"], metric - threshold)
        if step is None:
            return
        desired = policies.step_capacity(config, current, int(step["ScalingAdjustment"]))
        cooldown = float(config.get("Cooldown", policies.DEFAULT_COOLDOWN_S[target.resource.namespace]))
        if desired > current or (config["AdjustmentType"] == "ExactCapacity" and desired >= current):
            if target.suspended.get("DynamicScalingOutSuspended"):
                return
            in_cooldown = self.now < target.out_at + target.out_cooldown
            if in_cooldown:
                # the capacity added by the scale-out that started the cooldown counts toward this one
                desired = policies.step_capacity(config, target.out_base, int(step["ScalingAdjustment"]))
            self._scale_out(target, current, desired, cooldown, cause)
        elif desired < current:
            if target.suspended.get("DynamicScalingInSuspended"):
                return
            if self.now < target.in_at + target.in_cooldown:
                return
            self._scale_in(target, current, desired, cooldown, cause)
        else:
            self.not_scaled(target, cause, "AlreadyAtDesiredCapacity", current)

    # -- target tracking alarms -------------------------------------------------------------------------------------
    def create_alarms(self, policy: Policy, resource: Resource) -> None:
        """Create the policy's AlarmHigh (and AlarmLow) with PutMetricAlarm, replacing any it had."""
        self.delete_alarms(policy)
        policy.created_by = self.cloud.new_request_id()
        description = f"DO NOT EDIT OR DELETE. For TargetTrackingScaling policy {policy.action_arn}."
        made: list[tuple[str, str]] = []
        cw = self.cloudwatch()
        for kind, params in policies.tracking_alarms(policy.config, resource.resource_id, resource.parts):
            name = f"TargetTracking-{resource.resource_id}-{kind}-{self.cloud.new_request_id()}"
            cw.put_metric_alarm(
                AlarmName=name, AlarmDescription=description, ActionsEnabled=True,
                AlarmActions=[policy.action_arn], **params,
            )  # fmt: skip
            arn = f"arn:{self.cloud.partition}:cloudwatch:{self.cloud.region}:{self.cloud.account_id}:alarm:{name}"
            made.append((name, arn))
        policy.alarms = made

    def delete_alarms(self, policy: Policy) -> None:
        if policy.policy_type == "TargetTrackingScaling" and policy.alarms:
            with contextlib.suppress(ClientError):
                self.cloudwatch().delete_alarms(AlarmNames=[name for name, _arn in policy.alarms])
        policy.alarms = []
