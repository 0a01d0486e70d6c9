"""``cloud.client("events")``: Amazon EventBridge (event buses, rules, targets, PutEvents) with boto3's names.

EventBridge speaks the JSON protocol; constraint violations (a rule name over 64 characters, a State outside the
enum) come back as ``ValidationException`` "1 validation error detected: ...", as AWS answers them (e.g. "Value
'...' at 'targets.1.member.id' failed to satisfy constraint: Member must have length less than or equal to 64",
quoted from AWS in aws/serverless-application-model#1742), so ``validation_error_code`` is
``ValidationException``.

Not simulated (each needs a service pocketcloud does not have, or a second account): archives and replays, API
destinations and connections, global endpoints, partner event sources, and PutPartnerEvents. Scheduled rules are
here; the separate EventBridge Scheduler service (``scheduler``) is not.
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import buses, putevents, rules, tags, targets
from .service import EventsService


class EventsClient(BaseClient):
    """A boto3-shaped EventBridge client. Every call goes to the cloud's one EventBridge state."""

    service_name = "events"

    @property
    def _service(self) -> EventsService:
        service: EventsService = self._cloud.backend("events", EventsService)
        return service

    # -- event buses -----------------------------------------------------------------------------------------
    @operation("CreateEventBus")
    def create_event_bus(self, **params: Any) -> dict[str, Any]:
        """Create a custom event bus (the account's ``default`` bus always exists)."""
        return buses.create_event_bus(self._service, params)

    @operation("DescribeEventBus")
    def describe_event_bus(self, **params: Any) -> dict[str, Any]:
        return buses.describe_event_bus(self._service, params)

    @operation("ListEventBuses")
    def list_event_buses(self, **params: Any) -> dict[str, Any]:
        return buses.list_event_buses(self._service, params)

    @operation("UpdateEventBus")
    def update_event_bus(self, **params: Any) -> dict[str, Any]:
        return buses.update_event_bus(self._service, params)

    @operation("DeleteEventBus")
    def delete_event_bus(self, **params: Any) -> dict[str, Any]:
        """Delete a custom bus and its rules (the default bus cannot be deleted)."""
        return buses.delete_event_bus(self._service, params)

    @operation("PutPermission")
    def put_permission(self, **params: Any) -> dict[str, Any]:
        return buses.put_permission(self._service, params)

    @operation("RemovePermission")
    def remove_permission(self, **params: Any) -> dict[str, Any]:
        return buses.remove_permission(self._service, params)

    # -- rules -----------------------------------------------------------------------------------------------
    @operation("PutRule")
    def put_rule(self, **params: Any) -> dict[str, Any]:
        """Create or replace a rule: an ``EventPattern`` (matched against events on its bus) and/or a
        ``ScheduleExpression`` (``rate(...)``/``cron(...)``, fired on the virtual clock in UTC)."""
        return rules.put_rule(self._service, params)

    @operation("DescribeRule")
    def describe_rule(self, **params: Any) -> dict[str, Any]:
        return rules.describe_rule(self._service, params)

    @operation("ListRules")
    def list_rules(self, **params: Any) -> dict[str, Any]:
        return rules.list_rules(self._service, params)

    @operation("DeleteRule")
    def delete_rule(self, **params: Any) -> dict[str, Any]:
        """Delete a rule once its targets are removed."""
        return rules.delete_rule(self._service, params)

    @operation("EnableRule")
    def enable_rule(self, **params: Any) -> dict[str, Any]:
        return rules.set_state(self._service, params, "ENABLED")

    @operation("DisableRule")
    def disable_rule(self, **params: Any) -> dict[str, Any]:
        return rules.set_state(self._service, params, "DISABLED")

    @operation("ListRuleNamesByTarget")
    def list_rule_names_by_target(self, **params: Any) -> dict[str, Any]:
        return rules.list_rule_names_by_target(self._service, params)

    @operation("TestEventPattern")
    def test_event_pattern(self, **params: Any) -> dict[str, Any]:
        """Whether an event (JSON text) matches an event pattern."""
        return putevents.test_event_pattern(params)

    # -- targets ---------------------------------------------------------------------------------------------
    @operation("PutTargets")
    def put_targets(self, **params: Any) -> dict[str, Any]:
        """Add or update up to five targets of a rule (Lambda, SQS, SNS, Step Functions, event buses), with
        Input / InputPath / InputTransformer, RetryPolicy and DeadLetterConfig."""
        return targets.put_targets(self._service, params)

    @operation("RemoveTargets")
    def remove_targets(self, **params: Any) -> dict[str, Any]:
        return targets.remove_targets(self._service, params)

    @operation("ListTargetsByRule")
    def list_targets_by_rule(self, **params: Any) -> dict[str, Any]:
        return targets.list_targets_by_rule(self._service, params)

    # -- events ----------------------------------------------------------------------------------------------
    @operation("PutEvents")
    def put_events(self, **params: Any) -> dict[str, Any]:
        """Send up to ten custom events; each matching rule's targets get them on the virtual clock."""
        return putevents.put_events(self._service, params, self._caller)

    # -- tags ------------------------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        return tags.tag_resource(self._service, params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        return tags.untag_resource(self._service, params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        return tags.list_tags_for_resource(self._service, params)
