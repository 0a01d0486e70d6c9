"""The cost of EventBridge through the boto3-shaped API: PutEvents (10 entries a call) matched against 50 rules
of one bus, one of which matches every event and delivers it to an SQS queue, and the same events with no rule
matching (matching only)."""

from __future__ import annotations

import json
import time
from typing import Any

import pocketcloud

EVENTS = 20_000
RULES = 50


def _setup(matching: bool) -> tuple[pocketcloud.Cloud, Any]:
    cloud = pocketcloud.Cloud(seed=0)
    events = cloud.client("events")
    sqs = cloud.client("sqs")
    sqs.create_queue(QueueName="sink")
    arn = f"arn:aws:sqs:{cloud.region}:{cloud.account_id}:sink"
    rule_arns = []
    for i in range(RULES):
        source = "bench.app" if matching and i == 0 else f"other.{i}"
        pattern = {"source": [source], "detail": {"n": [{"numeric": [">=", 0]}]}}
        rule_arns.append(events.put_rule(Name=f"r{i}", EventPattern=json.dumps(pattern))["RuleArn"])
        events.put_targets(Rule=f"r{i}", Targets=[{"Id": "q", "Arn": arn}])
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": rule_arns}},
    }
    policy = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    sqs.set_queue_attributes(QueueUrl=sqs.get_queue_url(QueueName="sink")["QueueUrl"], Attributes={"Policy": policy})
    return cloud, events


def _rate(matching: bool) -> float:
    cloud, events = _setup(matching)
    entries = [{"Source": "bench.app", "DetailType": "t", "Detail": json.dumps({"n": i})} for i in range(10)]
    started = time.perf_counter()
    for _ in range(EVENTS // 10):
        events.put_events(Entries=entries)
    cloud.run()
    elapsed = time.perf_counter() - started
    return EVENTS / elapsed


def measure() -> dict[str, float]:
    return {"delivered_per_s": _rate(True), "matched_only_per_s": _rate(False)}


def main() -> None:
    r = measure()
    print(
        f"EventBridge, {EVENTS:,} events in PutEvents calls of 10 against {RULES} rules: "
        f"{r['delivered_per_s']:,.0f} events/s matched and delivered to SQS, "
        f"{r['matched_only_per_s']:,.0f} events/s when no rule matches"
    )


if __name__ == "__main__":
    main()
