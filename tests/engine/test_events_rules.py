"""Rules: PutRule, DescribeRule, ListRules, DeleteRule, Enable/DisableRule, ListRuleNamesByTarget and
TestEventPattern, with AWS's errors and the quotas.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html (the operator examples)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html (300 rules per bus, 2,048-character patterns)
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

from .events_support import ACCOUNT, AWS_EVENT_SAMPLE, REGION, error, rule_arn

PATTERN = json.dumps({"source": ["my.app"]})


@pytest.fixture
def events(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("events")


def test_put_rule_returns_the_rule_arn(events) -> None:
    """A rule on the default bus is ``rule/<name>``; on a custom bus ``rule/<bus>/<name>``."""
    assert events.put_rule(Name="r", EventPattern=PATTERN)["RuleArn"] == rule_arn("r")
    events.create_event_bus(Name="shop")
    assert events.put_rule(Name="r", EventPattern=PATTERN, EventBusName="shop")["RuleArn"] == rule_arn("r", "shop")


def test_describe_rule_shows_what_put_rule_stored(events) -> None:
    """DescribeRule: Name, Arn, EventPattern as given, State (ENABLED by default), Description, EventBusName and
    CreatedBy (the account); ListRules' entries leave out CreatedBy."""
    events.put_rule(Name="r", EventPattern=PATTERN, Description="orders")
    described = events.describe_rule(Name="r")
    assert {k: v for k, v in described.items() if k != "ResponseMetadata"} == {
        "Name": "r",
        "Arn": rule_arn("r"),
        "EventPattern": PATTERN,
        "State": "ENABLED",
        "Description": "orders",
        "EventBusName": "default",
        "CreatedBy": ACCOUNT,
    }
    (listed,) = events.list_rules()["Rules"]
    assert "CreatedBy" not in listed and listed["Name"] == "r"


def test_put_rule_replaces_and_keeps_the_targets(cloud, events) -> None:
    """ "If you omit arguments in PutRule, the old values for those arguments are not kept"; the targets stay."""
    events.put_rule(Name="r", EventPattern=PATTERN, Description="first")
    url = cloud.client("sqs").create_queue(QueueName="q")["QueueUrl"]
    assert url
    events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q"}])
    events.put_rule(Name="r", EventPattern=json.dumps({"source": ["other"]}))
    described = events.describe_rule(Name="r")
    assert "Description" not in described
    assert json.loads(described["EventPattern"]) == {"source": ["other"]}
    assert [t["Id"] for t in events.list_targets_by_rule(Rule="r")["Targets"]] == ["q"]


def test_a_rule_needs_a_pattern_or_a_schedule(events) -> None:
    """ "A rule must contain at least an EventPattern or ScheduleExpression"."""
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_rule(Name="r")
    assert error(info.value) == (
        "ValidationException",
        "Parameter(s) EventPattern or ScheduleExpression must be specified.",
    )


def test_schedules_only_on_the_default_bus(events) -> None:
    """ "ScheduleExpression is supported only on the default event bus.\""""
    events.create_event_bus(Name="shop")
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_rule(Name="r", ScheduleExpression="rate(5 minutes)", EventBusName="shop")
    message = "ScheduleExpression is supported only on the default event bus."
    assert error(info.value) == ("ValidationException", message)


@pytest.mark.parametrize(
    "pattern",
    ["not json", json.dumps({"source": "my.app"}), json.dumps({"detail": {"n": [{"numeric": [">", "x"]}]}})],
)
def test_an_invalid_pattern_is_refused_and_the_rule_kept(events, pattern: str) -> None:
    """InvalidEventPatternException "Event pattern is not valid. Reason: ..."; the existing rule is unchanged."""
    events.put_rule(Name="r", EventPattern=PATTERN)
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_rule(Name="r", EventPattern=pattern)
    code, message = error(info.value)
    assert code == "InvalidEventPatternException"
    assert message.startswith("Event pattern is not valid. Reason: ")
    assert events.describe_rule(Name="r")["EventPattern"] == PATTERN


def test_a_pattern_over_the_quota_is_refused(events) -> None:
    """ "Event pattern size: 2048" characters (the default quota)."""
    values = [f"v{i:05d}" for i in range(300)]
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_rule(Name="r", EventPattern=json.dumps({"source": values}))
    assert error(info.value)[0] == "LimitExceededException"
    assert events.list_rules()["Rules"] == []


def test_a_name_over_64_characters_is_a_validation_error(events) -> None:
    """Name: "Maximum length of 64" (answered as ValidationException "1 validation error detected")."""
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_rule(Name="r" * 65, EventPattern=PATTERN)
    code, message = error(info.value)
    assert code == "ValidationException" and message.startswith("1 validation error detected")


def test_rules_per_bus_quota(events) -> None:
    """ "Number of rules: 300" per event bus."""
    for i in range(300):
        events.put_rule(Name=f"r{i}", EventPattern=PATTERN)
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_rule(Name="one-more", EventPattern=PATTERN)
    assert error(info.value)[0] == "LimitExceededException"
    events.put_rule(Name="r0", EventPattern=PATTERN, Description="updating is fine")


def test_delete_rule_needs_its_targets_removed(events) -> None:
    """ "Before you can delete the rule, you must remove all targets"; deleting a missing rule succeeds."""
    events.put_rule(Name="r", EventPattern=PATTERN)
    events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q"}])
    with pytest.raises(pocketcloud.ClientError) as info:
        events.delete_rule(Name="r")
    assert error(info.value) == ("ValidationException", "Rule can't be deleted since it has targets.")
    events.remove_targets(Rule="r", Ids=["q"])
    events.delete_rule(Name="r")
    events.delete_rule(Name="r")
    assert events.list_rules()["Rules"] == []


def test_unknown_rule_and_bus_messages(events) -> None:
    """ "Rule <name> does not exist on EventBus <bus>." and "Event bus <name> does not exist.\""""
    with pytest.raises(pocketcloud.ClientError) as info:
        events.describe_rule(Name="nope")
    assert error(info.value) == ("ResourceNotFoundException", "Rule nope does not exist on EventBus default.")
    with pytest.raises(pocketcloud.ClientError) as info:
        events.list_rules(EventBusName="nope")
    assert error(info.value) == ("ResourceNotFoundException", "Event bus nope does not exist.")


def test_enable_and_disable(events) -> None:
    events.put_rule(Name="r", EventPattern=PATTERN, State="DISABLED")
    assert events.describe_rule(Name="r")["State"] == "DISABLED"
    events.enable_rule(Name="r")
    assert events.describe_rule(Name="r")["State"] == "ENABLED"


def test_list_rules_prefix_and_pages(events) -> None:
    """ListRules by name, NamePrefix, and Limit with NextToken."""
    for name in ("b", "a2", "a1", "c"):
        events.put_rule(Name=name, EventPattern=PATTERN)
    assert [r["Name"] for r in events.list_rules(NamePrefix="a")["Rules"]] == ["a1", "a2"]
    first = events.list_rules(Limit=3)
    second = events.list_rules(Limit=3, NextToken=first["NextToken"])
    assert [r["Name"] for r in first["Rules"] + second["Rules"]] == ["a1", "a2", "b", "c"]
    assert "NextToken" not in second


def test_list_rule_names_by_target(events) -> None:
    arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:q"
    for name in ("x", "y", "z"):
        events.put_rule(Name=name, EventPattern=PATTERN)
    events.put_targets(Rule="z", Targets=[{"Id": "q", "Arn": arn}])
    events.put_targets(Rule="x", Targets=[{"Id": "q", "Arn": arn}])
    assert events.list_rule_names_by_target(TargetArn=arn)["RuleNames"] == ["x", "z"]


# -- TestEventPattern, with the examples of "Content filtering in event patterns" -----------------------------


def _event(**detail: Any) -> str:
    return json.dumps(dict(AWS_EVENT_SAMPLE, detail=detail))


@pytest.mark.parametrize(
    ("pattern", "event", "result"),
    [
        ({"source": ["aws.ec2"]}, _event(), True),
        ({"source": [{"prefix": "aws."}]}, _event(), True),
        ({"detail": {"file": [{"suffix": ".png"}]}}, _event(file="a.png"), True),
        ({"detail": {"state": [{"anything-but": "initializing"}]}}, _event(state="running"), True),
        ({"detail": {"state": [{"anything-but": ["running", "stopped"]}]}}, _event(state="running"), False),
        ({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}, _event(**{"c-count": 5}), True),
        ({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}, _event(**{"c-count": 6}), False),
        ({"detail": {"state": [{"exists": False}]}}, _event(other=1), True),
        (
            {"detail": {"eventSourceArn": [{"wildcard": "arn:aws:s3:::bucket/*.png"}]}},
            _event(eventSourceArn="arn:aws:s3:::bucket/dir/x.png"),
            True,
        ),
        (
            {"detail": {"$or": [{"c-count": [{"numeric": [">", 10]}]}, {"d-count": [1]}]}},
            _event(**{"d-count": 1}),
            True,
        ),
        ({"detail": {"state": [{"equals-ignore-case": "TERMINATED"}]}}, _event(state="terminated"), True),
    ],
)
def test_test_event_pattern(events, pattern: dict, event: str, result: bool) -> None:
    """TestEventPattern answers whether the event matches, with the documented operators."""
    assert events.test_event_pattern(EventPattern=json.dumps(pattern), Event=event)["Result"] is result


def test_test_event_pattern_refuses_bad_input(events) -> None:
    """A bad pattern gets InvalidEventPatternException; an event missing the envelope's members "Parameter Event is
    not valid."."""
    with pytest.raises(pocketcloud.ClientError) as info:
        events.test_event_pattern(EventPattern="[]", Event=_event())
    assert error(info.value)[0] == "InvalidEventPatternException"
    with pytest.raises(pocketcloud.ClientError) as info:
        events.test_event_pattern(EventPattern=PATTERN, Event=json.dumps({"source": "my.app"}))
    assert error(info.value) == ("ValidationException", "Parameter Event is not valid.")
