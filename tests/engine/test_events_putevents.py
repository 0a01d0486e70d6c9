"""PutEvents: the event envelope, per-entry failures, the request size limit, routing to the rules of one bus.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html (the envelope and its sample)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html (partial failures, Entries order)
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html (1-10 entries)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html (how the size is counted)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html (MatchedEvents, TriggeredRules)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel

import pocketcloud
from pocketcloud.metrics import dimensions
from pocketcloud.services.events.putevents import entry_size

from .events_support import (
    ACCOUNT,
    AWS_EVENT_SAMPLE,
    REGION,
    error,
    function_for,
    put,
    received,
    rule_arn,
    service,
)


def _rule_to_function(cloud: pocketcloud.Cloud, pattern: dict, name: str = "orders", bus: str = "default") -> None:
    events = cloud.client("events")
    events.put_rule(Name=name, EventPattern=json.dumps(pattern), EventBusName=bus)
    fn = function_for(cloud, rule_arn(name, bus))
    events.put_targets(Rule=name, EventBusName=bus, Targets=[{"Id": "fn", "Arn": fn}])


def test_a_custom_event_has_the_documented_envelope(cloud) -> None:
    """The delivered event has the members of the guide's sample, in its order, "version" "0", ``time`` in UTC to
    the second, ``resources`` [] when the entry has none, ``detail`` the decoded Detail; it validates as
    Powertools' EventBridgeModel."""
    _rule_to_function(cloud, {"source": ["my.app"]})
    result = put(cloud, {"order": 1, "items": ["a"]})
    cloud.run()
    (event,) = received(cloud)
    assert list(event) == list(AWS_EVENT_SAMPLE)
    assert event["id"] == result["Entries"][0]["EventId"]
    assert event["version"] == "0"
    assert (event["source"], event["detail-type"]) == ("my.app", "order")
    assert (event["account"], event["region"]) == (ACCOUNT, REGION)
    assert event["time"] == "2026-01-01T00:00:00Z"
    assert event["resources"] == []
    assert event["detail"] == {"order": 1, "items": ["a"]}
    model = parse(event=event, model=EventBridgeModel)
    assert model.detail_type == "order"


def test_entry_time_and_resources_are_kept(cloud) -> None:
    """ "Time: The time stamp of the event"; Resources: "AWS resources ... which the event primarily concerns"."""
    _rule_to_function(cloud, {"source": ["my.app"]})
    moment = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    put(cloud, {}, Time=moment, Resources=["arn:aws:s3:::a"])
    cloud.run()
    (event,) = received(cloud)
    assert event["time"] == "2025-03-04T05:06:07Z"
    assert event["resources"] == ["arn:aws:s3:::a"]


def test_refused_entries_do_not_stop_the_others(cloud) -> None:
    """ "if an individual entry within a request fails, EventBridge continues processing the rest"; Entries has one
    result per request entry, in order; FailedEntryCount counts the refused ones."""
    events = cloud.client("events")
    result = events.put_events(
        Entries=[
            {"Source": "my.app", "DetailType": "a", "Detail": "{}"},
            {"Source": "my.app", "DetailType": "a"},
            {"Source": "my.app", "DetailType": "a", "Detail": "[1]"},
            {"Source": "my.app", "DetailType": "a", "Detail": "{}", "EventBusName": "nope"},
            {"Source": "aws.s3", "DetailType": "a", "Detail": "{}"},
            {"Source": "my.app", "DetailType": "b", "Detail": '{"x": 1}'},
        ]
    )
    entries = result["Entries"]
    assert result["FailedEntryCount"] == 4
    assert "EventId" in entries[0] and "EventId" in entries[5]
    assert entries[1] == {
        "ErrorCode": "InvalidArgument",
        "ErrorMessage": "Parameter Detail is not valid. Reason: Detail is a required argument.",
    }
    assert entries[2] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    assert entries[3] == {"ErrorCode": "ResourceNotFoundException", "ErrorMessage": "Event bus nope does not exist."}
    assert entries[4] == {
        "ErrorCode": "NotAuthorizedForSourceException",
        "ErrorMessage": "Not authorized for the source.",
    }


def test_more_than_ten_entries_is_a_validation_error(cloud) -> None:
    """PutEvents takes 1 to 10 entries (the API's Entries constraint)."""
    entry = {"Source": "my.app", "DetailType": "a", "Detail": "{}"}
    with pytest.raises(pocketcloud.ClientError) as info:
        cloud.client("events").put_events(Entries=[entry] * 11)
    assert error(info.value)[0] == "ValidationException"


def test_entry_size_is_counted_as_documented() -> None:
    """ "If specified, the Time parameter is 14 bytes", plus the UTF-8 bytes of Source, DetailType, Detail and each
    Resources entry (the guide's size calculation)."""
    entry = {"Source": "ab", "DetailType": "é", "Detail": "{}", "Resources": ["r1", "r22"], "Time": datetime.now(UTC)}
    assert entry_size(entry) == 14 + 2 + 2 + 2 + 2 + 3


def test_a_request_over_the_size_limit_is_refused_whole(cloud) -> None:
    """Entries totalling more than 1 MB are refused as a whole, and nothing is delivered."""
    _rule_to_function(cloud, {"source": ["my.app"]})
    big = json.dumps({"blob": "x" * 600_000})
    entry = {"Source": "my.app", "DetailType": "a", "Detail": big}
    with pytest.raises(pocketcloud.ClientError) as info:
        cloud.client("events").put_events(Entries=[entry, entry])
    assert error(info.value) == ("ValidationException", "Total size of the entries in the request is over the limit.")
    cloud.run()
    assert received(cloud) == []


def test_events_reach_only_the_rules_of_their_bus(cloud) -> None:
    """A custom bus gets only the events sent to it by name or ARN; the default bus rules do not see them."""
    cloud.client("events").create_event_bus(Name="shop")
    _rule_to_function(cloud, {"source": ["my.app"]}, "on-shop", "shop")
    put(cloud, {"n": 1})
    put(cloud, {"n": 2}, EventBusName="shop")
    put(cloud, {"n": 3}, EventBusName=f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/shop")
    cloud.run()
    assert sorted(e["detail"]["n"] for e in received(cloud)) == [2, 3]  # two environments: no order between them


def test_non_matching_and_disabled_rules_get_nothing(cloud) -> None:
    """Only enabled rules whose pattern matches see the event ("When you disable a rule, it stops matching new
    events", API_DisableRule)."""
    _rule_to_function(cloud, {"source": ["my.app"], "detail": {"amount": [{"numeric": [">", 100]}]}})
    put(cloud, {"amount": 50})
    put(cloud, {"amount": 150})
    cloud.client("events").disable_rule(Name="orders")
    put(cloud, {"amount": 200})
    cloud.run()
    assert [e["detail"]["amount"] for e in received(cloud)] == [150]


def test_matched_events_are_counted_as_metrics(cloud) -> None:
    """MatchedEvents and TriggeredRules are counted per rule (dimension RuleName on the default bus)."""
    _rule_to_function(cloud, {"source": ["my.app"]})
    put(cloud, {})
    put(cloud, {}, Source="other.app")
    cloud.run()
    series = cloud.metrics.series("AWS/Events", "MatchedEvents", dimensions(RuleName="orders"))
    assert series is not None and sum(series.values_between(0, cloud.now + 1)) == 1
    invocations = cloud.metrics.series("AWS/Events", "Invocations", dimensions(RuleName="orders"))
    assert invocations is not None and sum(invocations.values_between(0, cloud.now + 1)) == 1


def test_same_seed_same_event_ids() -> None:
    """Event IDs come from the cloud's seed: the same seed gives the same IDs."""

    def ids(seed: int) -> list[str]:
        cloud = pocketcloud.Cloud(seed=seed)
        return [put(cloud, {"n": n})["Entries"][0]["EventId"] for n in range(3)]

    assert ids(5) == ids(5)
    assert ids(5) != ids(6)


def test_rules_indexed_by_source_still_match_as_patterns_say(cloud) -> None:
    """Rules are looked up by their exact ``source`` values (a pocketcloud speed-up): a rule with a ``prefix``
    source, a rule without ``source`` and a rule whose pattern PutRule replaced all match exactly as their
    patterns say."""
    events = cloud.client("events")
    _rule_to_function(cloud, {"source": ["old.app"]}, "replaced")
    put(cloud, {"n": 0}, Source="new.app")  # builds the index for new.app before the rule changes
    events.put_rule(Name="replaced", EventPattern=json.dumps({"source": ["new.app"]}))
    events.put_rule(Name="by-prefix", EventPattern=json.dumps({"source": [{"prefix": "new."}]}))
    events.put_rule(Name="no-source", EventPattern=json.dumps({"detail": {"n": [1]}}))
    for name in ("by-prefix", "no-source"):
        events.put_targets(
            Rule=name, Targets=[{"Id": "fn", "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:recorder"}]
        )
        cloud.client("lambda").add_permission(
            FunctionName="recorder",
            StatementId=name,
            Action="lambda:InvokeFunction",
            Principal="events.amazonaws.com",
            SourceArn=rule_arn(name),
        )
    put(cloud, {"n": 1}, Source="new.app")
    cloud.run()
    rules = {rule.name: rule.stats.matched_events for rule in service(cloud).buses["default"].rules.values()}
    assert rules == {"replaced": 1, "by-prefix": 1, "no-source": 1}
