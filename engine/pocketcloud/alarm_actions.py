"""Alarm actions: how a CloudWatch alarm's state change reaches the service that owns an action's ARN.

On AWS an alarm action is an ARN: an SNS topic, a Lambda function, an EC2 Auto Scaling or Application Auto Scaling
scaling policy, a Systems Manager OpsItem … and CloudWatch calls the owning service when the alarm changes state.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions

pocketcloud keeps that shape without any service importing another's modules: a service *registers* a handler for
the ARNs it owns (by prefix), and CloudWatch hands each state change to the handler of each action's ARN. The
cloudwatch package registers SNS topics and Lambda functions itself (publishing and invoking through those services'
public clients, as AWS's service principals); a later service registers its own::

    from pocketcloud.alarm_actions import AlarmActionEvent, register_alarm_action

    def scale(event: AlarmActionEvent) -> str | None:
        ...  # adjust capacity; raise AlarmActionError("why") to record a failed action
        return None  # or a short note for the alarm history's HistoryData

    register_alarm_action(cloud, "arn:aws:autoscaling:", scale, repeat=True)

Application Auto Scaling (:mod:`pocketcloud.services.applicationautoscaling`) registers its scaling policies this way
(``arn:aws:autoscaling:<region>:<account>:scalingPolicy:``, with ``repeat=True``), so an alarm created with
PutMetricAlarm whose AlarmActions is a policy ARN drives a step scaling policy, and the alarms a target tracking
policy creates drive it.

``repeat=True`` asks for the EC2 Auto Scaling behaviour: "For Amazon EC2 Auto Scaling actions, the alarm continues
to invoke the action for every period that the alarm remains in the new state. For Amazon SNS notifications, no
additional actions are invoked." (AlarmThatSendsEmail). Repeated calls carry ``repeated=True``. Every call, first or
repeated, appears in DescribeAlarmHistory as an ``Action`` item: "Successfully executed action <arn>" or
"Failed to execute action <arn>. Received error: "<reason>"" (the wording AWS's alarm histories show).

Handlers run on the virtual clock, inside the alarm's evaluation event: they may schedule work but must not run the
clock. The longest matching prefix wins; registering a prefix again replaces its handler.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import PocketCloudError

if TYPE_CHECKING:
    from .cloud import Cloud


class AlarmActionError(PocketCloudError):
    """Raised by a handler to record a failed action; the message becomes the history's "Received error"."""


@dataclass(frozen=True)
class AlarmActionEvent:
    """One state change (or one repeat) of one alarm, for one of its action ARNs."""

    action_arn: str
    alarm_name: str
    alarm_arn: str
    old_state: str
    new_state: str
    reason: str
    #: StateReasonData as a dict (None when the change had none, e.g. SetAlarmState without it).
    reason_data: dict[str, Any] | None
    #: Virtual seconds of the change (or of the repeat).
    timestamp: float
    #: The alarm as DescribeAlarms shows it (a copy: changing it changes nothing).
    alarm: dict[str, Any]
    repeated: bool = False
    #: The state before the change: reason, StateReasonData (a JSON string or None) and when it began.
    previous_reason: str = ""
    previous_reason_data: str | None = None
    previous_timestamp: float = 0.0
    #: The message CloudWatch publishes to an SNS topic for this change (AWS's notification JSON, as a dict).
    notification: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[AlarmActionEvent], "str | None"]


@dataclass(frozen=True)
class Registration:
    prefix: str
    handler: Handler
    repeat: bool


class AlarmActionRegistry:
    """The handlers of one cloud, by ARN prefix."""

    def __init__(self, cloud: Cloud | None = None) -> None:
        self._by_prefix: dict[str, Registration] = {}

    def register(self, prefix: str, handler: Handler, *, repeat: bool = False) -> None:
        if not prefix:
            raise ValueError("an alarm action prefix cannot be empty")
        self._by_prefix[prefix] = Registration(prefix, handler, repeat)

    def unregister(self, prefix: str) -> None:
        self._by_prefix.pop(prefix, None)

    def find(self, arn: str) -> Registration | None:
        """The registration whose prefix is the longest that ``arn`` starts with."""
        best: Registration | None = None
        for prefix, registration in self._by_prefix.items():
            if arn.startswith(prefix) and (best is None or len(prefix) > len(best.prefix)):
                best = registration
        return best


def registry(cloud: Cloud) -> AlarmActionRegistry:
    """The cloud's registry (one per cloud, created on first use)."""
    found: AlarmActionRegistry = cloud.backend("alarm-actions", AlarmActionRegistry)
    return found


def register_alarm_action(cloud: Cloud, prefix: str, handler: Handler, *, repeat: bool = False) -> None:
    """Call ``handler`` for every alarm action whose ARN starts with ``prefix`` (see the module docstring)."""
    registry(cloud).register(prefix, handler, repeat=repeat)
