"""SQS event source mappings: the event, deleting, visibility and redrive, partial batches, filters, batching,
scaling, throttling and FIFO order.

Sources:
* SQS = https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
* ERR = https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
* SCALE = https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
* FILTER = https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html
* REC = AWS's events and answers recorded in LocalStack's snapshot tests
  (tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.snapshot.json)
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import SqsModel

import pocketcloud

from .conftest import make_function

#: The sample event of the Lambda guide's SQS chapter (awsdocs/aws-lambda-developer-guide, doc_source/with-sqs.md,
#: "Example Amazon SQS Message Event"), first record.
AWS_SAMPLE = json.loads("""
{
    "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
    "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
    "body": "test",
    "attributes": {
        "ApproximateReceiveCount": "1",
        "SentTimestamp": "1545082649183",
        "SenderId": "AIDAIENQZJOLO23YVJ4VO",
        "ApproximateFirstReceiveTimestamp": "1545082649185"
    },
    "messageAttributes": {},
    "md5OfBody": "098f6bcd4621d373cade4e832627b4f6",
    "eventSource": "aws:sqs",
    "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
    "awsRegion": "us-east-2"
}
""")

RECORDER = (
    "import json\n"
    "def handler(event, context):\n"
    "    print('EVENT ' + json.dumps(event))\n"
    "    bad = [r['messageId'] for r in event['Records'] if r['body'] == 'bad']\n"
    "    if bad and 'partial' in context.function_name:\n"
    "        return {'batchItemFailures': [{'itemIdentifier': i} for i in bad]}\n"
    "    if bad:\n"
    "        raise ValueError('bad message')\n"
    "    return {'batchItemFailures': []}\n"
)


class Queue:
    def __init__(self, cloud: pocketcloud.Cloud, name: str = "work", **attributes: str) -> None:
        self.sqs: Any = cloud.client("sqs")
        self.url = self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        self.arn = self.sqs.get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]

    def send(self, *bodies: str, **params: Any) -> None:
        for body in bodies:
            self.sqs.send_message(QueueUrl=self.url, MessageBody=body, **params)

    def counts(self) -> tuple[int, int]:
        attributes = self.sqs.get_queue_attributes(QueueUrl=self.url, AttributeNames=["All"])["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]), int(attributes["ApproximateNumberOfMessagesNotVisible"])


def events(cloud: pocketcloud.Cloud, function: str = "hello") -> list[dict[str, Any]]:
    """Every event the function got, in order (its handler prints them)."""
    logs = cloud.client("logs")
    found = logs.filter_log_events(logGroupName=f"/aws/lambda/{function}", filterPattern="EVENT")["events"]
    return [json.loads(e["message"].split("EVENT ", 1)[1]) for e in found]


def mapping(cloud: pocketcloud.Cloud, lam: Any, queue: Queue, function: str = "hello", **params: Any) -> str:
    if function not in {f["FunctionName"] for f in lam.list_functions()["Functions"]}:
        make_function(lam, function, source=RECORDER)
    uuid: str = lam.create_event_source_mapping(FunctionName=function, EventSourceArn=queue.arn, **params)["UUID"]
    return uuid


def test_the_event_validates_against_powertools_and_matches_the_aws_sample(cloud, lam) -> None:
    """SQS: the event's records validate against Powertools' SqsModel; a record has the sample's members, in the
    sample's order and of its types (attributes ApproximateReceiveCount, SentTimestamp, SenderId,
    ApproximateFirstReceiveTimestamp as strings of digits), eventSource "aws:sqs", the queue's ARN and region, and
    md5OfBody the MD5 of the body. Message attributes appear as {stringValue|binaryValue, stringListValues,
    binaryListValues, dataType} with md5OfMessageAttributes, as in AWS's recorded events (REC
    test_message_body_and_attributes_passed_correctly)."""
    queue = Queue(cloud)
    queue.send("test")
    queue.send(
        "with attributes",
        MessageAttributes={
            "Author": {"DataType": "String", "StringValue": "John Grisham"},
            "Blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
        },
    )
    mapping(cloud, lam, queue)
    cloud.run()
    [event] = events(cloud)
    parsed = parse(event=event, model=SqsModel)
    assert [r.body for r in parsed.Records] == ["test", "with attributes"]
    plain, attributed = event["Records"]
    assert list(plain) == list(AWS_SAMPLE)
    assert list(plain["attributes"]) == list(AWS_SAMPLE["attributes"])
    for key, value in AWS_SAMPLE.items():
        assert type(plain[key]) is type(value), key
    assert all(value.isdigit() for key, value in plain["attributes"].items() if key != "SenderId")
    assert (plain["eventSource"], plain["awsRegion"], plain["eventSourceARN"]) == ("aws:sqs", cloud.region, queue.arn)
    assert plain["md5OfBody"] == hashlib.md5(b"test").hexdigest() == AWS_SAMPLE["md5OfBody"]
    assert plain["messageAttributes"] == {} and "md5OfMessageAttributes" not in plain
    assert attributed["messageAttributes"] == {
        "Author": {"stringValue": "John Grisham", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
        "Blob": {"binaryValue": "AAE=", "stringListValues": [], "binaryListValues": [], "dataType": "Binary"},
    }
    assert list(attributed).index("md5OfMessageAttributes") == list(attributed).index("md5OfBody") - 1


def test_a_fifo_event_carries_the_fifo_attributes_in_awss_order(cloud, lam) -> None:
    """SQS ("Example FIFO queue message event"): attributes ApproximateReceiveCount, SentTimestamp,
    SequenceNumber, MessageGroupId, SenderId, MessageDeduplicationId, ApproximateFirstReceiveTimestamp."""
    queue = Queue(cloud, "work.fifo", FifoQueue="true")
    queue.send("first", MessageGroupId="g", MessageDeduplicationId="d1")
    mapping(cloud, lam, queue)
    cloud.run()
    [record] = events(cloud)[0]["Records"]
    assert list(record["attributes"]) == [
        "ApproximateReceiveCount",
        "SentTimestamp",
        "SequenceNumber",
        "MessageGroupId",
        "SenderId",
        "MessageDeduplicationId",
        "ApproximateFirstReceiveTimestamp",
    ]
    assert (record["attributes"]["MessageGroupId"], record["attributes"]["MessageDeduplicationId"]) == ("g", "d1")
    parse(event={"Records": [record]}, model=SqsModel)


def test_processed_batches_are_deleted(cloud, lam) -> None:
    """SQS: "When your function successfully processes a batch, Lambda deletes its messages from the queue";
    batches hold up to BatchSize messages."""
    queue = Queue(cloud)
    queue.send(*[f"m{i}" for i in range(25)])
    uuid = mapping(cloud, lam, queue)
    cloud.run()
    sizes = sorted(len(e["Records"]) for e in events(cloud))
    assert sum(sizes) == 25 and max(sizes) == 10
    assert queue.counts() == (0, 0)
    assert cloud.lambda_esm_activity(uuid).totals["delete"] == 25


def test_a_failed_batch_returns_after_the_visibility_timeout_and_reaches_the_dlq(cloud, lam) -> None:
    """SQS: "if your function encounters an error while processing a batch, all messages in that batch become
    visible in the queue again after the visibility timeout expires"; the queue's redrive policy moves a message to
    its dead-letter queue once it has been received maxReceiveCount times (REC test_redrive_policy_with_failing_
    lambda: ApproximateReceiveCount "1", then "2", then the DLQ)."""
    dlq = Queue(cloud, "dlq")
    redrive = json.dumps({"deadLetterTargetArn": dlq.arn, "maxReceiveCount": 2})
    queue = Queue(cloud, VisibilityTimeout="20", RedrivePolicy=redrive)
    queue.send("bad")
    mapping(cloud, lam, queue)
    cloud.run()
    seen = events(cloud)
    assert [e["Records"][0]["attributes"]["ApproximateReceiveCount"] for e in seen] == ["1", "2"]
    first, second = (int(e["Records"][0]["attributes"]["ApproximateFirstReceiveTimestamp"]) for e in seen)
    assert first == second
    assert queue.counts() == (0, 0) and dlq.counts() == (1, 0)


def test_partial_batch_responses_keep_only_the_failed_messages(cloud, lam) -> None:
    """ERR: with ReportBatchItemFailures "only the failed messages" become visible again; the others are deleted."""
    queue = Queue(cloud, VisibilityTimeout="20")
    queue.send("good", "bad", "good too")
    mapping(cloud, lam, queue, "partial", FunctionResponseTypes=["ReportBatchItemFailures"])
    cloud.run(until=cloud.now + 10)
    assert queue.counts() == (0, 1)
    cloud.run(until=cloud.now + 20)
    retried = events(cloud, "partial")[1]["Records"]
    assert [r["body"] for r in retried] == ["bad"]


def test_an_invalid_partial_response_fails_the_whole_batch(cloud, lam) -> None:
    """ERR: "Lambda treats a batch as a complete failure if your function returns ... An itemIdentifier with a bad
    key name" (REC test_report_batch_item_failures_invalid_result_json_batch_fails: {"foo": "notvalid"})."""
    make_function(
        lam,
        "odd",
        source="def handler(e, c):\n    print('EVENT {}')\n    return {'batchItemFailures': [{'foo': 'x'}]}\n",
    )
    queue = Queue(cloud, VisibilityTimeout="20")
    queue.send("a", "b")
    mapping(cloud, lam, queue, "odd", FunctionResponseTypes=["ReportBatchItemFailures"])
    cloud.run(until=cloud.now + 10)
    assert queue.counts() == (0, 2)


def test_a_handler_that_times_out_fails_its_batch(cloud, lam) -> None:
    """SQS: a batch whose invocation fails — a timeout is a function error ("Function errors include ... errors
    returned by the function's runtime, such as timeouts", invocation-retries) — stays in the queue."""
    make_function(lam, "sleepy", source="import time\ndef handler(e, c):\n    time.sleep(10)\n", Timeout=1)
    queue = Queue(cloud, VisibilityTimeout="60")
    queue.send("m")
    uuid = lam.create_event_source_mapping(FunctionName="sleepy", EventSourceArn=queue.arn)["UUID"]
    cloud.run(until=cloud.now + 20)
    assert queue.counts() == (0, 1)
    assert "function error" in cloud.lambda_esm_activity(uuid).where("result")[0].detail


def test_partial_responses_are_ignored_unless_turned_on(cloud, lam) -> None:
    """ERR (partial batch): responses "will not be processed by Lambda unless the ReportBatchItemFailures feature is
    explicitly turned on": the whole batch counts as processed."""
    queue = Queue(cloud)
    queue.send("good", "bad")
    make_function(lam, "partial", source=RECORDER)
    lam.create_event_source_mapping(FunctionName="partial", EventSourceArn=queue.arn)
    cloud.run(until=cloud.now + 10)
    assert queue.counts() == (0, 0)


def test_filters_match_json_bodies_and_delete_what_they_drop(cloud, lam) -> None:
    """FILTER: {"body": {"RequestCode": ["BBBB"]}} keeps JSON bodies with that code; "Lambda automatically deletes
    messages that don't match filter criteria"; an object pattern never matches a plain-string body, and a list of
    values for body matches plain strings only."""
    queue = Queue(cloud)
    queue.send(json.dumps({"RequestCode": "AAAA"}), json.dumps({"RequestCode": "BBBB"}), "BBBB", "Result: ok")
    filters = {
        "Filters": [
            {"Pattern": json.dumps({"body": {"RequestCode": ["BBBB"]}})},
            {"Pattern": json.dumps({"body": [{"prefix": "Result"}]})},
        ]
    }
    uuid = mapping(cloud, lam, queue, FilterCriteria=filters)
    cloud.run()
    bodies = [r["body"] for e in events(cloud) for r in e["Records"]]
    assert bodies == [json.dumps({"RequestCode": "BBBB"}), "Result: ok"]
    assert queue.counts() == (0, 0)
    assert cloud.lambda_esm_activity(uuid).totals["filter"] == 2
    assert lam.get_event_source_mapping(UUID=uuid)["FilterCriteria"] == filters


def test_a_batching_window_gathers_messages(cloud, lam) -> None:
    """SQS: with MaximumBatchingWindowInSeconds Lambda gathers records until the batch is full or the window ends
    (BatchSize over 10 needs a window)."""
    queue = Queue(cloud)
    queue.send(*[f"m{i}" for i in range(30)])
    mapping(cloud, lam, queue, BatchSize=50, MaximumBatchingWindowInSeconds=3)
    cloud.run()
    assert [len(e["Records"]) for e in events(cloud)] == [30]


def test_scaling_starts_at_five_batches_and_adds_five_a_second(cloud, lam) -> None:
    """SCALE: "Lambda starts processing five batches at a time with five concurrent invocations of your function.
    If messages are still available, Lambda increases the number of processes that are reading batches by up to 300
    more concurrent invokes per minute" (5 a second in pocketcloud's model)."""
    make_function(lam, "slow", source="import time\ndef handler(e, c):\n    time.sleep(30)\n", Timeout=60)
    queue = Queue(cloud, VisibilityTimeout="600")
    queue.send(*[f"m{i}" for i in range(500)])
    uuid = lam.create_event_source_mapping(FunctionName="slow", EventSourceArn=queue.arn, BatchSize=1)["UUID"]
    cloud.run(until=5.5)
    assert lam._service.functions["slow"].in_flight == 5
    cloud.run(until=8.5)
    assert lam._service.functions["slow"].in_flight == 20
    scaled = cloud.lambda_esm_activity(uuid).where("scale")
    assert [s.records for s in scaled] == [10, 15, 20]


def test_maximum_concurrency_caps_concurrent_batches(cloud, lam) -> None:
    """SCALE: "The maximum concurrency setting limits the number of concurrent instances of the function that an
    Amazon SQS event source can invoke" (ScalingConfig.MaximumConcurrency, 2-1,000)."""
    make_function(lam, "slow", source="import time\ndef handler(e, c):\n    time.sleep(30)\n", Timeout=60)
    queue = Queue(cloud, VisibilityTimeout="600")
    queue.send(*[f"m{i}" for i in range(100)])
    uuid = lam.create_event_source_mapping(
        FunctionName="slow", EventSourceArn=queue.arn, BatchSize=1, ScalingConfig={"MaximumConcurrency": 2}
    )["UUID"]
    cloud.run(until=20)
    assert lam._service.functions["slow"].in_flight == 2
    assert lam.get_event_source_mapping(UUID=uuid)["ScalingConfig"] == {"MaximumConcurrency": 2}


def test_throttled_batches_are_retried_then_left_to_return(cloud, lam) -> None:
    """ERR: "If the invocation fails due to throttling, Lambda gradually backs off retries ... Lambda continues to
    retry the message until the message's timestamp exceeds your queue's visibility timeout"; the function never
    ran, and the message is back in the queue."""
    queue = Queue(cloud, VisibilityTimeout="5")
    queue.send("m")
    uuid = mapping(cloud, lam, queue)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    cloud.run(until=cloud.now + 9)
    activity = cloud.lambda_esm_activity(uuid)
    assert len(activity.where("throttled")) >= 2
    assert "gave up" in activity.where("result")[0].detail
    assert queue.counts()[0] + queue.counts()[1] == 1


def test_fifo_batches_of_a_group_run_in_order(cloud, lam) -> None:
    """SCALE: "For FIFO queues, Lambda sends messages to your function in the order that it receives them ...
    Amazon SQS ensures that messages in the same group are delivered to Lambda in order"."""
    queue = Queue(cloud, "work.fifo", FifoQueue="true", ContentBasedDeduplication="true")
    for i in range(12):
        queue.send(f"{i}", MessageGroupId="a" if i % 2 else "b")
    mapping(cloud, lam, queue, BatchSize=2)
    cloud.run()
    bodies = [[int(r["body"]) for r in e["Records"]] for e in events(cloud)]
    for group in (0, 1):
        sequence = [b for batch in bodies for b in batch if b % 2 == group]
        assert sequence == sorted(sequence)
    assert sum(len(b) for b in bodies) == 12


def test_a_disabled_mapping_does_not_poll(cloud, lam) -> None:
    """API (Enabled): "When false, Lambda pauses polling and invocation." """
    queue = Queue(cloud)
    queue.send("m")
    uuid = mapping(cloud, lam, queue, Enabled=False)
    cloud.run(until=cloud.now + 30)
    assert queue.counts() == (1, 0)
    lam.update_event_source_mapping(UUID=uuid, Enabled=True)
    cloud.run()
    assert queue.counts() == (0, 0)


def test_the_same_seed_gives_the_same_activity() -> None:
    """Determinism: the same calls on a cloud with the same seed give the same pollers' history."""

    def run() -> list[str]:
        cloud = pocketcloud.Cloud(seed=5)
        lam = cloud.client("lambda")
        queue = Queue(cloud)
        queue.send(*[f"m{i}" for i in range(40)], "bad")
        uuid = mapping(cloud, lam, queue)
        cloud.run(until=200)
        return [str(a) for a in cloud.lambda_esm_activity(uuid)]

    assert run() == run()
