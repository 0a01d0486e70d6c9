"""Event buses, the bus policy and tags: CreateEventBus, DescribeEventBus, ListEventBuses, UpdateEventBus,
DeleteEventBus, PutPermission, RemovePermission, TagResource, UntagResource, ListTagsForResource.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html ("Each account has a default event bus")
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteEventBus.html
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html (100 buses, a 10,240-character policy)
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

from .events_support import ACCOUNT, REGION, error, rule_arn

BUS_ARN = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/"


@pytest.fixture
def events(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("events")


def test_the_default_bus_always_exists(events) -> None:
    described = events.describe_event_bus()
    assert (described["Name"], described["Arn"]) == ("default", BUS_ARN + "default")
    assert [b["Name"] for b in events.list_event_buses()["EventBuses"]] == ["default"]


def test_create_describe_update_a_custom_bus(events) -> None:
    created = events.create_event_bus(Name="shop", Description="orders", Tags=[{"Key": "team", "Value": "a"}])
    assert created["EventBusArn"] == BUS_ARN + "shop"
    assert created["Description"] == "orders"
    assert events.describe_event_bus(Name=BUS_ARN + "shop")["Description"] == "orders"
    events.update_event_bus(Name="shop", Description="all orders")
    assert events.describe_event_bus(Name="shop")["Description"] == "all orders"
    assert events.list_tags_for_resource(ResourceARN=BUS_ARN + "shop")["Tags"] == [{"Key": "team", "Value": "a"}]
    assert [b["Name"] for b in events.list_event_buses(NamePrefix="sh")["EventBuses"]] == ["shop"]


def test_bus_refusals_in_aws_words(events) -> None:
    """A bus that exists, a name with "/" (partner buses), a partner event source (none exist here) and the
    default bus's deletion are refused, each with AWS's message."""
    events.create_event_bus(Name="shop")
    EXISTS, NOT_FOUND = "Event bus shop already exists.", "Event bus nope does not exist."
    cases = [
        (lambda: events.create_event_bus(Name="shop"), ("ResourceAlreadyExistsException", EXISTS)),
        (lambda: events.create_event_bus(Name="a/b"), ("ValidationException", "Event bus name must not contain '/'.")),
        (
            lambda: events.create_event_bus(Name="aws.partner/acme.com/x", EventSourceName="aws.partner/acme.com/x"),
            ("ResourceNotFoundException", "Event source aws.partner/acme.com/x does not exist."),
        ),
        (lambda: events.delete_event_bus(Name="default"), ("ValidationException", "Cannot delete event bus default.")),
        (lambda: events.describe_event_bus(Name="nope"), ("ResourceNotFoundException", NOT_FOUND)),
    ]
    for call, expected in cases:
        with pytest.raises(pocketcloud.ClientError) as info:
            call()
        assert error(info.value) == expected
    assert sorted(b["Name"] for b in events.list_event_buses()["EventBuses"]) == ["default", "shop"]


def test_the_bus_quota(events) -> None:
    """ "Event buses: 100" per account and Region, the default bus included."""
    for i in range(99):
        events.create_event_bus(Name=f"b{i}")
    with pytest.raises(pocketcloud.ClientError) as info:
        events.create_event_bus(Name="one-more")
    assert error(info.value)[0] == "LimitExceededException"


def test_deleting_a_bus_deletes_its_rules(events) -> None:
    events.create_event_bus(Name="shop")
    events.put_rule(Name="r", EventPattern='{"source": ["a"]}', EventBusName="shop")
    events.delete_event_bus(Name="shop")
    events.delete_event_bus(Name="shop")  # deleting a bus that is gone succeeds
    events.create_event_bus(Name="shop")
    assert events.list_rules(EventBusName="shop")["Rules"] == []


def test_put_and_remove_permission(events) -> None:
    """PutPermission adds a statement allowing events:PutEvents to an account (or "*"); DescribeEventBus shows
    the policy; RemovePermission takes it out by StatementId."""
    events.put_permission(Action="events:PutEvents", Principal="111122223333", StatementId="partner")
    policy = json.loads(events.describe_event_bus()["Policy"])
    assert policy["Statement"] == [
        {
            "Sid": "partner",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "events:PutEvents",
            "Resource": BUS_ARN + "default",
        }
    ]
    with pytest.raises(pocketcloud.ClientError) as info:
        events.remove_permission(StatementId="other")
    assert error(info.value) == ("ResourceNotFoundException", "Statement with the provided id does not exist.")
    events.remove_permission(StatementId="partner")
    assert "Policy" not in events.describe_event_bus()
    with pytest.raises(pocketcloud.ClientError) as info:
        events.remove_permission(StatementId="partner")
    assert error(info.value) == ("ResourceNotFoundException", "EventBus does not have a policy.")


def test_put_permission_refusals(events) -> None:
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_permission(Action="events:PutRule", Principal="111122223333", StatementId="x")
    assert error(info.value) == ("ValidationException", "Provided value in parameter 'action' is not supported.")
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_permission(Action="events:PutEvents", StatementId="x")
    assert error(info.value) == ("ValidationException", "Parameter Principal must be specified.")
    assert "Policy" not in events.describe_event_bus()


def test_tags_on_rules(events) -> None:
    """Rules and buses can be tagged; a tag key that is there gets the new value; untagging removes keys."""
    arn = events.put_rule(Name="r", EventPattern='{"source": ["a"]}', Tags=[{"Key": "a", "Value": "1"}])["RuleArn"]
    events.tag_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "2"}, {"Key": "b", "Value": "3"}])
    events.untag_resource(ResourceARN=arn, TagKeys=["b"])
    assert events.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "a", "Value": "2"}]
    with pytest.raises(pocketcloud.ClientError) as info:
        events.list_tags_for_resource(ResourceARN=rule_arn("nope"))
    assert error(info.value) == ("ResourceNotFoundException", "Rule nope does not exist on EventBus default.")


def test_a_forged_next_token_is_refused(events) -> None:
    with pytest.raises(pocketcloud.ClientError) as info:
        events.list_event_buses(NextToken="bm90IGEgdG9rZW4")
    assert error(info.value)[0] == "ValidationException"
