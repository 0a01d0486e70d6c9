"""Scaling activities: what DescribeScalingActivities shows, in AWS's words.

The documented example (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scaling-activities.html,
checked 2026-12-01) is the model for every message here::

    "Description": "Setting desired count to 1.",
    "Cause": "monitor alarm web-app-cpu-lt-25 in state ALARM triggered policy web-app-cpu-lt-25",
    "StatusMessage": "Successfully set desired count to 1. Change successfully fulfilled by ecs.",
    "StatusCode": "Successful"

and, for a decision not to scale (shown only with ``IncludeNotScaledActivities``)::

    "Description": "Attempting to scale due to alarm triggered", "StatusCode": "Failed",
    "NotScaledReasons": [{"Code": "AlreadyAtMaxCapacity", "MaxCapacity": 4}]

with the reason codes AutoScalingAnticipatedFlapping, TargetServicePutResourceAsUnscalable, AlreadyAtMaxCapacity,
AlreadyAtMinCapacity and AlreadyAtDesiredCapacity. Activities are kept six weeks ("You can look up scaling activities
from the last six weeks"). For Lambda the same sentences say "desired concurrency" and "by lambda": "Setting desired
concurrency to 5." / "Successfully set desired concurrency to 5. Change successfully fulfilled by lambda." in a real
answer (https://www.luminis.eu/blog/aws-lambda-provisioned-concurrency-autoscaling-with-aws-cdk/, 2022; AWS's guide
shows only the ECS wording). The alarm Cause has the same shape there: "monitor alarm
TargetTracking-function:…-AlarmHigh-<uuid> in state ALARM triggered policy <name>". Activities caused by a
scheduled action or by a new minimum or maximum capacity say so in the Cause ("scheduled action name <name> was
triggered", "minimum capacity was set to <n>"): pocketcloud's wording, as AWS documents that these changes start
activities but not their text (no real example was found either).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...timeutil import to_datetime

#: "You can look up scaling activities from the last six weeks."
RETENTION_S = 42 * 86_400
NOT_SCALED_DESCRIPTION = "Attempting to scale due to alarm triggered"


@dataclass
class Activity:
    activity_id: str
    namespace: str
    resource_id: str
    dimension: str
    description: str
    cause: str
    start: float
    end: float | None
    status: str
    message: str | None = None
    not_scaled: list[dict[str, Any]] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ActivityId": self.activity_id,
            "ServiceNamespace": self.namespace,
            "ResourceId": self.resource_id,
            "ScalableDimension": self.dimension,
            "Description": self.description,
            "Cause": self.cause,
            "StartTime": to_datetime(self.start),
        }
        if self.end is not None:
            out["EndTime"] = to_datetime(self.end)
        out["StatusCode"] = self.status
        if self.message is not None:
            out["StatusMessage"] = self.message
        if self.not_scaled:
            out["NotScaledReasons"] = [dict(r) for r in self.not_scaled]
        return out


def alarm_cause(alarm_name: str, policy_name: str) -> str:
    return f"monitor alarm {alarm_name} in state ALARM triggered policy {policy_name}"


def setting(noun: str, capacity: int) -> str:
    return f"Setting {noun} to {capacity}."


def success(noun: str, capacity: int, namespace: str) -> str:
    return f"Successfully set {noun} to {capacity}. Change successfully fulfilled by {namespace}."


def failure(noun: str, capacity: int, reason: str) -> str:
    # pocketcloud's wording for a refused change (AWS documents no text for it): the target service's message follows.
    return f"Failed to set {noun} to {capacity}. Reason: {reason}"
