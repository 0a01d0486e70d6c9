"""SQS and SNS throughput through the boto3-shaped API, next to a bare ``deque`` loop doing the same bookkeeping.

* SQS single: SendMessage, ReceiveMessage, DeleteMessage, one message at a time.
* SQS batch: SendMessageBatch, ReceiveMessage (MaxNumberOfMessages=10), DeleteMessageBatch, ten at a time.
* SNS fan-out: Publish to a topic with ten SQS subscribers (each delivery is an SQS SendMessage made as
  ``sns.amazonaws.com``, queue policy checked), counted as publishes and as deliveries per second.

The peer is a bare loop that appends to and pops from a ``deque`` and keeps a dict of in-flight messages: the
practical limit of a pure-Python queue, against which the API's checks, digests and shapes show as a ratio.
"""

from __future__ import annotations

import json
import time
from collections import deque
from typing import Any

import pocketcloud


def _bare(messages: int) -> float:
    store: deque[tuple[str, str]] = deque()
    in_flight: dict[str, str] = {}
    started = time.perf_counter()
    for index in range(messages):
        store.append((str(index), "hello"))
        message_id, body = store.popleft()
        handle = f"h{message_id}"
        in_flight[handle] = body
        del in_flight[handle]
    return messages / (time.perf_counter() - started)


def _queue(cloud: pocketcloud.Cloud, name: str) -> tuple[Any, str]:
    sqs = cloud.client("sqs")
    url: str = sqs.create_queue(QueueName=name)["QueueUrl"]
    return sqs, url


def sqs_single(messages: int = 20_000) -> float:
    sqs, url = _queue(pocketcloud.Cloud(seed=0), "bench")
    send, receive, delete = sqs.send_message, sqs.receive_message, sqs.delete_message
    started = time.perf_counter()
    for _ in range(messages):
        send(QueueUrl=url, MessageBody="hello")
        handle = receive(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
        delete(QueueUrl=url, ReceiptHandle=handle)
    return messages / (time.perf_counter() - started)


def sqs_batch(batches: int = 5_000) -> float:
    sqs, url = _queue(pocketcloud.Cloud(seed=0), "bench")
    entries = [{"Id": str(i), "MessageBody": "hello"} for i in range(10)]
    started = time.perf_counter()
    for _ in range(batches):
        sqs.send_message_batch(QueueUrl=url, Entries=entries)
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        sqs.delete_message_batch(
            QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)]
        )
    return batches * 10 / (time.perf_counter() - started)


def sns_fan_out(publishes: int = 5_000, subscribers: int = 10) -> float:
    cloud = pocketcloud.Cloud(seed=0)
    sns, sqs = cloud.client("sns"), cloud.client("sqs")
    topic = sns.create_topic(Name="bench")["TopicArn"]
    for index in range(subscribers):
        url = sqs.create_queue(QueueName=f"q{index}")["QueueUrl"]
        arn = f"arn:aws:sqs:{cloud.region}:{cloud.account_id}:q{index}"
        statement = {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
                     "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic}}}  # fmt: skip
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Statement": [statement]})})
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    started = time.perf_counter()
    for _ in range(publishes):
        sns.publish(TopicArn=topic, Message="hello")
    return publishes / (time.perf_counter() - started)


def main() -> None:
    bare = _bare(200_000)
    single = sqs_single()
    batch = sqs_batch()
    fan_out = sns_fan_out()
    print("SQS and SNS through the API (messages per second, CPython)")
    print(f"  bare deque loop                    {bare:12,.0f} /s")
    print(f"  SQS send+receive+delete, single    {single:12,.0f} /s   {bare / single:6.0f}x the bare loop's cost")
    print(f"  SQS send+receive+delete, batch 10  {batch:12,.0f} /s   {bare / batch:6.0f}x")
    print(f"  SNS publish to 10 SQS subscribers  {fan_out:12,.0f} publishes/s ({fan_out * 10:,.0f} deliveries/s)")


if __name__ == "__main__":
    main()
