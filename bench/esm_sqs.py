"""Messages per second through an SQS -> Lambda event source mapping, and what each message costs.

The run: send N messages to a standard queue (SendMessageBatch, outside the timed part), create an event source
mapping (batch size 10, a trivial handler), and time (CPU time of this process, and wall time, which other load on
the machine inflates) ``cloud.run()`` until the pollers have received, invoked and
deleted every message. Target from the issue: 100,000 messages in under 10 s of CPython time.

Next to it, in the same run: N/10 direct synchronous invokes of the same handler with a 10-record event (what the
mapping's invocations amount to without the polling and deleting), and the per-message price of both from the
REPORT lines' billed durations (pocketcloud's price table, us-east-1 x86_64, 128 MB).

    python -m bench.esm_sqs [messages]
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal
from typing import Any

import pocketcloud
from pocketcloud.pricing import price_invocation

HANDLER = "def handler(event, context):\n    return None\n"
ROLE = "arn:aws:iam::123456789012:role/bench"


def _function(cloud: pocketcloud.Cloud) -> Any:
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="consumer",
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": HANDLER})},
    )
    return lam


def _cost(cloud: pocketcloud.Cloud) -> tuple[int, Decimal]:
    """(invocations, total price) from every REPORT line the function wrote."""
    logs = cloud.client("logs")
    total = Decimal(0)
    count = 0
    token: str | None = None
    while True:
        params: dict[str, Any] = {"logGroupName": "/aws/lambda/consumer", "filterPattern": '"REPORT RequestId"'}
        if token:
            params["nextToken"] = token
        page = logs.filter_log_events(**params)
        for event in page["events"]:
            billed = int(event["message"].split("Billed Duration: ")[1].split(" ms")[0])
            total += price_invocation(128, billed).total_usd
            count += 1
        token = page.get("nextToken")
        if not token:
            return count, total


def through_mapping(messages: int) -> dict[str, Any]:
    cloud = pocketcloud.Cloud(seed=0)
    lam = _function(cloud)
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="work")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    body = json.dumps({"order": 1})
    for start in range(0, messages, 10):
        entries = [{"Id": str(i), "MessageBody": body} for i in range(min(10, messages - start))]
        sqs.send_message_batch(QueueUrl=url, Entries=entries)
    uuid = lam.create_event_source_mapping(FunctionName="consumer", EventSourceArn=arn, BatchSize=10)["UUID"]
    started, wall = time.process_time(), time.perf_counter()
    cloud.run()
    seconds, wall = time.process_time() - started, time.perf_counter() - wall
    left = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert left["ApproximateNumberOfMessages"] == "0" and left["ApproximateNumberOfMessagesNotVisible"] == "0", left
    activity = cloud.lambda_esm_activity(uuid)
    invocations, price = _cost(cloud)
    return {
        "seconds": seconds,
        "wall": wall,
        "invocations": invocations,
        "deleted": activity.totals.get("delete", 0),
        "usd_per_message": price / messages,
        "virtual_seconds": cloud.now,
    }


def direct(messages: int) -> dict[str, Any]:
    cloud = pocketcloud.Cloud(seed=0)
    lam = _function(cloud)
    record = {"body": json.dumps({"order": 1})}
    payload = json.dumps({"Records": [record] * 10})
    invoke = lam.invoke
    started, wall = time.process_time(), time.perf_counter()
    for _ in range(messages // 10):
        invoke(FunctionName="consumer", Payload=payload)
    seconds, wall = time.process_time() - started, time.perf_counter() - wall
    invocations, price = _cost(cloud)
    return {"seconds": seconds, "wall": wall, "invocations": invocations, "usd_per_message": price / messages}


def main(messages: int = 100_000) -> None:
    mapped = through_mapping(messages)
    plain = direct(messages)
    rate = messages / mapped["seconds"]
    print(f"SQS -> Lambda event source mapping, {messages:,} messages, batch size 10, trivial handler")
    print(
        f"  mapping: {mapped['seconds']:.2f} s CPU, {mapped['wall']:.2f} s wall  ({rate:,.0f} messages/s of CPU, "
        f"{mapped['invocations']:,} invocations, {mapped['virtual_seconds']:.1f} virtual s)  "
        f"${mapped['usd_per_message']:.3E} per message"
    )
    print(
        f"  direct Invoke of 10-record events: {plain['seconds']:.2f} s CPU, {plain['wall']:.2f} s wall  "
        f"({messages / plain['seconds']:,.0f} messages/s of CPU)  ${plain['usd_per_message']:.3E} per message"
    )
    print(f"  mapping / direct time: {mapped['seconds'] / plain['seconds']:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
