"""Scheduled rules: rate and cron expressions evaluated on the virtual clock in UTC, and the scheduled event.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html ("All scheduled events use
UTC+0 time zone"; "The finest resolution using a cron expression is one minute")
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html (value and unit; singular for 1)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html (fields, wildcards, examples)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html (the scheduled event sample)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel

import pocketcloud
from pocketcloud.services.events.schedule import INVALID, ScheduleError
from pocketcloud.services.events.schedule import parse as parse_schedule
from pocketcloud.timeutil import EPOCH

from .events_support import ACCOUNT, REGION, error, function_for, received, rule_arn

#: The scheduled event of "Tutorial: Schedule AWS Lambda functions using EventBridge".
SCHEDULED_SAMPLE: dict[str, Any] = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2015-10-08T16:53:06Z",
    "region": "us-east-1",
    "resources": ["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"],
    "detail": {},
}


def _firings(expression: str, count: int, start: float = 0.0) -> list[datetime]:
    schedule = parse_schedule(expression, start)
    moments: list[datetime] = []
    t = start
    for _ in range(count):
        at = schedule.next_after(t)
        assert at is not None
        moments.append(EPOCH + timedelta(seconds=at))
        t = at
    return moments


def _scheduled(cloud: pocketcloud.Cloud, expression: str, name: str = "tick") -> Any:
    events = cloud.client("events")
    events.put_rule(Name=name, ScheduleExpression=expression)
    fn = function_for(cloud, rule_arn(name))
    events.put_targets(Rule=name, Targets=[{"Id": "fn", "Arn": fn}])
    return events


def test_a_rate_starts_when_the_rule_is_created(cloud) -> None:
    """ "A rate expression starts when you create the scheduled event rule": rate(5 minutes) created at 00:01:40
    fires at 00:06:40, 00:11:40, ..."""
    cloud.run(until=100)
    _scheduled(cloud, "rate(5 minutes)")
    cloud.run(until=100 + 3 * 300 + 60)
    assert [e["time"] for e in received(cloud)] == [
        "2026-01-01T00:06:40Z",
        "2026-01-01T00:11:40Z",
        "2026-01-01T00:16:40Z",
    ]


def test_the_scheduled_event_matches_the_sample(cloud) -> None:
    """Field by field as in the tutorial's sample: "Scheduled Event", source "aws.events", the rule's ARN in
    resources, an empty detail; it validates as Powertools' EventBridgeModel."""
    _scheduled(cloud, "rate(1 minute)")
    cloud.run(until=61)
    (event,) = received(cloud)
    assert list(event) == list(SCHEDULED_SAMPLE)
    assert {k: v for k, v in event.items() if k not in ("id", "time")} == {
        **{k: v for k, v in SCHEDULED_SAMPLE.items() if k not in ("id", "time")},
        "account": ACCOUNT,
        "region": REGION,
        "resources": [rule_arn("tick")],
    }
    assert event["time"] == "2026-01-01T00:01:00Z"
    assert parse(event=event, model=EventBridgeModel).source == "aws.events"


def test_run_returns_with_a_schedule_armed(cloud) -> None:
    """A schedule never ends, yet ``cloud.run()`` returns: its timers are background work."""
    _scheduled(cloud, "rate(1 hour)")
    cloud.run()
    assert cloud.now < 3600


def test_disable_stops_and_enable_resumes(cloud) -> None:
    """ "When you disable a rule, it stops ... self-triggering if it's a scheduled rule." (API_DisableRule)"""
    events = _scheduled(cloud, "rate(1 minute)")
    cloud.run(until=150)
    events.disable_rule(Name="tick")
    cloud.run(until=600)
    events.enable_rule(Name="tick")
    cloud.run(until=730)
    assert [e["time"] for e in received(cloud)] == [
        "2026-01-01T00:01:00Z",
        "2026-01-01T00:02:00Z",
        "2026-01-01T00:11:00Z",
        "2026-01-01T00:12:00Z",
    ]


def test_a_deleted_rule_stops_firing(cloud) -> None:
    events = _scheduled(cloud, "rate(1 minute)")
    cloud.run(until=61)
    events.remove_targets(Rule="tick", Ids=["fn"])
    events.delete_rule(Name="tick")
    cloud.run(until=600)
    assert len(received(cloud)) == 1


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("cron(0 10 * * ? *)", ["2026-01-01 10:00", "2026-01-02 10:00", "2026-01-03 10:00"]),
        ("cron(15 12 * * ? *)", ["2026-01-01 12:15", "2026-01-02 12:15", "2026-01-03 12:15"]),
        # 2026-01-01 is a Thursday.
        ("cron(0 18 ? * MON-FRI *)", ["2026-01-01 18:00", "2026-01-02 18:00", "2026-01-05 18:00"]),
        ("cron(0 8 1 * ? *)", ["2026-01-01 08:00", "2026-02-01 08:00", "2026-03-01 08:00"]),
        ("cron(0/15 * * * ? *)", ["2026-01-01 00:15", "2026-01-01 00:30", "2026-01-01 00:45"]),
        ("cron(0/5 8-17 ? * MON-FRI *)", ["2026-01-01 08:00", "2026-01-01 08:05", "2026-01-01 08:10"]),
        ("cron(0 9 L * ? *)", ["2026-01-31 09:00", "2026-02-28 09:00", "2026-03-31 09:00"]),
        ("cron(0 9 ? * 6L *)", ["2026-01-30 09:00", "2026-02-27 09:00", "2026-03-27 09:00"]),
        ("cron(0 9 ? * 3#2 *)", ["2026-01-13 09:00", "2026-02-10 09:00", "2026-03-10 09:00"]),
        # 2026-01-03 is a Saturday: 3W is the weekday nearest to it, Friday the 2nd.
        ("cron(0 9 3W * ? *)", ["2026-01-02 09:00", "2026-02-03 09:00", "2026-03-03 09:00"]),
        ("cron(0 0 1 1 ? 2027-2028)", ["2027-01-01 00:00", "2028-01-01 00:00"]),
    ],
)
def test_cron_examples(expression: str, expected: list[str]) -> None:
    """The guide's examples (and L, W, # from its wildcard table), evaluated from 2026-01-01T00:00Z in UTC."""
    moments = [m.strftime("%Y-%m-%d %H:%M") for m in _firings(expression, len(expected))]
    assert moments == expected


def test_a_cron_rule_fires_at_its_minutes(cloud) -> None:
    _scheduled(cloud, "cron(30 1 * * ? *)")
    cloud.run(until=2 * 86_400)
    assert [e["time"] for e in received(cloud)] == ["2026-01-01T01:30:00Z", "2026-01-02T01:30:00Z"]


@pytest.mark.parametrize(
    "expression",
    [
        # Rate expressions AWS refuses (LocalStack's AWS-validated list).
        "rate(10 seconds)", "rate(10 years)", "rate(1 minutes)", "rate(10 minute)", "rate()", "rate(10)",
        "rate(0 minutes)", "rate(-10 minutes)", "rate(10 MINUTES)", "rate( 10 minutes )", " rate(10 minutes)",
        # Cron: five fields, both day fields set, neither "?", out of range, "#" outside day-of-week.
        "cron(0 10 * * ?)", "cron(0 10 * * 1 *)", "cron(0 10 ? * ? *)", "cron(60 10 * * ? *)",
        "cron(0 24 * * ? *)", "cron(0 10 32 * ? *)", "cron(0 10 * 13 ? *)", "cron(0 10 ? * 8 *)",
        "cron(0 10 1#2 * ? *)", "cron(55 7-23 * * * *)", "cron(15 12 ? * -1 *)", "every day",
    ],
)  # fmt: skip
def test_invalid_schedule_expressions(cloud, expression: str) -> None:
    """Each is refused with "Parameter ScheduleExpression is not valid." and no rule is created."""
    with pytest.raises(ScheduleError):
        parse_schedule(expression, 0.0)
    with pytest.raises(pocketcloud.ClientError) as info:
        cloud.client("events").put_rule(Name="r", ScheduleExpression=expression)
    assert error(info.value) == ("ValidationException", INVALID)
    assert cloud.client("events").list_rules()["Rules"] == []


def test_a_repeated_put_rule_keeps_the_rate_phase(cloud) -> None:
    """Repeating PutRule with the same rate keeps its phase (a pocketcloud model); a new rate starts anew."""
    events = _scheduled(cloud, "rate(10 minutes)")
    cloud.run(until=300)
    events.put_rule(Name="tick", ScheduleExpression="rate(10 minutes)", Description="same")
    cloud.run(until=601)
    assert [e["time"] for e in received(cloud)] == ["2026-01-01T00:10:00Z"]


def test_same_seed_same_schedule() -> None:
    def run(seed: int) -> list[tuple[str, str]]:
        cloud = pocketcloud.Cloud(seed=seed)
        _scheduled(cloud, "rate(1 minute)")
        cloud.run(until=200)
        return [(e["id"], e["time"]) for e in received(cloud)]

    assert run(3) == run(3)
