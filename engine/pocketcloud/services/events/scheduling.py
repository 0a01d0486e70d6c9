"""Scheduled rules on the virtual clock: one timer per enabled scheduled rule, and the event it sends.

Each enabled rule with a ScheduleExpression keeps exactly one kernel timer, set at the next moment its
expression names (:mod:`.schedule`), in UTC, to the second; PutRule, EnableRule, DisableRule, DeleteRule and
DeleteEventBus re-arm or cancel it. The timers are *background* events (see :mod:`pocketcloud.kernel`): a
schedule ticks forever, so it must not keep ``cloud.run()`` from returning. ``cloud.run(until=...)`` lets every
firing up to that moment happen; the targets then get the event ``settings.delivery_delay_s`` later, as
foreground work.

When the rule fires, its targets get the scheduled event, as in AWS's sample
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html, and the ``Scheduled Event``
of https://docs.aws.amazon.com/eventbridge/latest/userguide/event-reference.html):
``{"version": "0", "id": ..., "detail-type": "Scheduled Event", "source": "aws.events", "account": ..., "time":
"2015-10-08T16:53:06Z", "region": ..., "resources": [<rule ARN>], "detail": {}}``. Its ``time`` is the scheduled
moment. A scheduled rule that also has an event pattern fires on its schedule regardless of the pattern (a
pocketcloud model; AWS documents no such combination) and matches events on the bus with its pattern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...cloud import MAX_VIRTUAL_SECONDS
from . import delivery
from .putevents import event_time

if TYPE_CHECKING:
    from .models import Rule
    from .service import EventsService


def arm(service: EventsService, rule: Rule) -> None:
    """Cancel the rule's timer and, if it is an enabled scheduled rule, set the next one."""
    if rule.timer is not None:
        rule.timer.cancel()
        rule.timer = None
    if rule.schedule is None or not rule.enabled:
        return
    kernel = service.cloud.kernel
    at = rule.schedule.next_after(kernel.now)
    if at is None or at > MAX_VIRTUAL_SECONDS:
        return
    rule.timer = kernel.schedule(at - kernel.now, _fire, service, rule, background=True)


def scheduled_event(service: EventsService, rule: Rule) -> dict[str, Any]:
    cloud = service.cloud
    return {
        "version": "0",
        "id": cloud.new_request_id(),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": cloud.account_id,
        "time": event_time(cloud.now),
        "region": cloud.region,
        "resources": [rule.arn],
        "detail": {},
    }


def _fire(service: EventsService, rule: Rule) -> None:
    rule.timer = None
    rule.stats.triggered_rules += 1
    service.metric(rule, "TriggeredRules")
    delivery.dispatch(service, rule, scheduled_event(service, rule), service.cloud.now)
    arm(service, rule)
