"""Kinesis event source mappings: the event, per-shard order, blocking retries, bisecting, record age, partial
batches, destinations, parallelization, tumbling windows, resharding, filters and starting positions.

Sources:
* KIN = https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
* KERR = https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
* KPART = https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
* KWIN = https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html
* KFILT = https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis-filtering.html
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import KinesisDataStreamModel

import pocketcloud
import pocketcloud.timeutil

from .conftest import ROLE, make_function
from .kinesis_support import REGION, active_stream, arn
from .test_kinesis_lambda_event import AWS_SAMPLE, lambda_event

STREAM = arn("clicks")

#: The record Lambda sends an SQS or SNS on-failure destination for a Kinesis batch (KERR, "Example Amazon SNS and
#: Amazon SQS invocation record"): "All of the fields shown in the KinesisBatchInfo property will always be present."
AWS_FAILURE_RECORD = json.loads("""
{
    "requestContext": {
        "requestId": "c9b8fa9f-5a7f-xmpl-af9c-0c604cde93a5",
        "functionArn": "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
        "condition": "RetryAttemptsExhausted",
        "approximateInvokeCount": 1
    },
    "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
    "version": "1.0",
    "timestamp": "2019-11-14T00:38:06.021Z",
    "KinesisBatchInfo": {
        "shardId": "shardId-000000000001",
        "startSequenceNumber": "49601189658422359378836298521827638475320189012309704722",
        "endSequenceNumber": "49601189658422359378836298522902373528957594348623495186",
        "approximateArrivalOfFirstRecord": "2019-11-14T00:38:04.835Z",
        "approximateArrivalOfLastRecord": "2019-11-14T00:38:05.580Z",
        "batchSize": 500,
        "streamArn": "arn:aws:kinesis:us-east-2:123456789012:stream/mystream"
    }
}
""")

RECORDER = (
    "import base64, json\n"
    "def handler(event, context):\n"
    "    print('EVENT ' + json.dumps(event))\n"
    "    for r in event.get('Records', []):\n"
    "        if base64.b64decode(r['kinesis']['data']) == b'bad':\n"
    "            if 'partial' in context.function_name:\n"
    "                return {'batchItemFailures': [{'itemIdentifier': r['kinesis']['sequenceNumber']}]}\n"
    "            raise ValueError('bad record')\n"
    "    if 'window' in event:\n"
    "        state = dict(event['state'])\n"
    "        state['count'] = state.get('count', 0) + len(event['Records'])\n"
    "        return {'state': state}\n"
    "    return None\n"
)


def events(cloud: pocketcloud.Cloud, function: str = "hello") -> list[dict[str, Any]]:
    logs = cloud.client("logs")
    if not logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{function}")["logGroups"]:
        return []
    found = logs.filter_log_events(logGroupName=f"/aws/lambda/{function}", filterPattern="EVENT")["events"]
    return [json.loads(e["message"].split("EVENT ", 1)[1]) for e in found]


def data(event: dict[str, Any]) -> list[bytes]:
    import base64

    return [base64.b64decode(r["kinesis"]["data"]) for r in event["Records"]]


def setup(cloud: pocketcloud.Cloud, shards: int = 1, function: str = "hello", **params: Any) -> tuple[Any, Any, str]:
    kinesis = active_stream(cloud, "clicks", shards=shards)
    lam = cloud.client("lambda")
    make_function(lam, function, source=RECORDER, Timeout=30)
    params.setdefault("StartingPosition", "TRIM_HORIZON")
    uuid = lam.create_event_source_mapping(FunctionName=function, EventSourceArn=STREAM, **params)["UUID"]
    return kinesis, lam, uuid


def put(kinesis: Any, *payloads: bytes, key: str = "k") -> None:
    for payload in payloads:
        kinesis.put_record(StreamName="clicks", Data=payload, PartitionKey=key, ExplicitHashKey="0")


def queue(cloud: pocketcloud.Cloud, name: str = "failures") -> tuple[str, str]:
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def test_the_event_is_the_one_the_kinesis_test_builds_and_validates(cloud) -> None:
    """KIN: "Lambda reads records from the data stream and invokes your function synchronously with an event that
    contains stream records". The event equals the one the Kinesis package's Lambda-event test builds from the same
    GetRecords page (test_kinesis_lambda_event.lambda_event, itself checked field by field against the sample in
    with-kinesis.html), validates against KinesisDataStreamModel, and names the function's role."""
    kinesis, _, _ = setup(cloud)
    put(kinesis, b"Hello, this is a test.", b'{"order": 7}')
    cloud.run()
    [event] = events(cloud)
    iterator = kinesis.get_shard_iterator(
        StreamName="clicks", ShardId="shardId-000000000000", ShardIteratorType="TRIM_HORIZON"
    )
    page = kinesis.get_records(ShardIterator=iterator["ShardIterator"])
    assert event == lambda_event(page, "shardId-000000000000", STREAM, REGION, ROLE)
    parsed = parse(event=event, model=KinesisDataStreamModel)
    assert [r.kinesis.data for r in parsed.Records] == [b"Hello, this is a test.", b'{"order": 7}']
    assert list(event["Records"][0]) == list(AWS_SAMPLE["Records"][0])


def test_records_of_a_shard_arrive_in_order_in_batches(cloud) -> None:
    """KIN: "Lambda reads records in batches and invokes your function to process records from the batch"; a shard
    is processed in order, one batch at a time."""
    kinesis, _, _ = setup(cloud, BatchSize=7)
    put(kinesis, *[str(i).encode() for i in range(30)])
    cloud.run()
    seen = [int(d) for e in events(cloud) for d in data(e)]
    assert seen == list(range(30))
    assert max(len(e["Records"]) for e in events(cloud)) == 7


def test_a_failing_batch_blocks_its_shard_until_retries_run_out(cloud) -> None:
    """KERR: "If the function is invoked but returns an error, Lambda retries until the records ... reach the
    configured retry quota (MaximumRetryAttempts)"; then the batch goes to the on-failure destination and
    processing continues. The record has the guide's members and KinesisBatchInfo (field by field)."""
    url, destination = queue(cloud)
    kinesis, lam, uuid = setup(
        cloud, MaximumRetryAttempts=2, DestinationConfig={"OnFailure": {"Destination": destination}}
    )
    put(kinesis, b"bad", b"after")
    cloud.run()
    seen = [data(e) for e in events(cloud)]
    assert seen[:3] == [[b"bad", b"after"]] * 3 and seen[3:] == []
    [message] = cloud.client("sqs").receive_message(QueueUrl=url)["Messages"]
    record = json.loads(message["Body"])
    assert list(record) == list(AWS_FAILURE_RECORD)
    for part in ("requestContext", "responseContext", "KinesisBatchInfo"):
        assert list(record[part]) == list(AWS_FAILURE_RECORD[part])
        for key, value in AWS_FAILURE_RECORD[part].items():
            assert type(record[part][key]) is type(value), key
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["requestContext"]["functionArn"] == "arn:aws:lambda:ap-northeast-2:123456789012:function:hello"
    info = record["KinesisBatchInfo"]
    assert (info["shardId"], info["batchSize"], info["streamArn"]) == ("shardId-000000000000", 2, STREAM)
    assert len(info["startSequenceNumber"]) == 56 and info["startSequenceNumber"] < info["endSequenceNumber"]
    assert info["approximateArrivalOfFirstRecord"].endswith("Z")
    assert lam.get_event_source_mapping(UUID=uuid)["LastProcessingResult"] == "PROBLEM: Function call failed"


def test_bisecting_isolates_the_bad_record_without_using_retries(cloud) -> None:
    """KERR: "BisectBatchOnFunctionError ... splits a failed batch into two smaller batches, isolating bad records
    ... Splitting batches doesn't consume the retry quota": with no retries at all, only the bad record is
    discarded and everything else is processed."""
    url, destination = queue(cloud)
    kinesis, lam, uuid = setup(
        cloud,
        MaximumRetryAttempts=0,
        BisectBatchOnFunctionError=True,
        DestinationConfig={"OnFailure": {"Destination": destination}},
    )
    put(kinesis, *[str(i).encode() for i in range(5)], b"bad", *[str(i).encode() for i in range(5, 10)])
    cloud.run()
    [message] = cloud.client("sqs").receive_message(QueueUrl=url)["Messages"]
    assert json.loads(message["Body"])["KinesisBatchInfo"]["batchSize"] == 1
    processed = [d for e in events(cloud) if b"bad" not in data(e) for d in data(e)]
    assert sorted(int(d) for d in processed) == list(range(10))
    assert lam.get_event_source_mapping(UUID=uuid)["LastProcessingResult"] == "OK"


def test_records_older_than_the_maximum_age_are_discarded(cloud) -> None:
    """KERR: "Before invocation ... retries until the records expire or exceed the maximum age configured on the
    event source mapping (MaximumRecordAgeInSeconds)"; such records go to the destination with condition
    RecordAgeExceeded (the condition AWS uses, as recorded by several emulators' tests against AWS)."""
    url, destination = queue(cloud)
    kinesis = active_stream(cloud, "clicks")
    put(kinesis, b"old")
    cloud.run(until=cloud.now + 120)
    lam = cloud.client("lambda")
    make_function(lam, source=RECORDER)
    lam.create_event_source_mapping(
        FunctionName="hello",
        EventSourceArn=STREAM,
        StartingPosition="TRIM_HORIZON",
        MaximumRecordAgeInSeconds=60,
        DestinationConfig={"OnFailure": {"Destination": destination}},
    )
    cloud.run()
    assert events(cloud) == []
    [message] = cloud.client("sqs").receive_message(QueueUrl=url)["Messages"]
    assert json.loads(message["Body"])["requestContext"]["condition"] == "RecordAgeExceeded"


def test_partial_batch_responses_retry_from_the_lowest_failed_record(cloud) -> None:
    """KPART: "Lambda uses the record with the lowest sequence number as the checkpoint. Lambda then retries all
    records starting from that checkpoint." Once the retries run out, the records from the checkpoint on are
    discarded together."""
    kinesis, _, _ = setup(
        cloud, 1, "partial", FunctionResponseTypes=["ReportBatchItemFailures"], MaximumRetryAttempts=1
    )
    put(kinesis, b"1", b"2", b"bad", b"4")
    cloud.run()
    seen = [data(e) for e in events(cloud, "partial")]
    assert seen == [[b"1", b"2", b"bad", b"4"], [b"bad", b"4"]]


def test_parallelization_factor_runs_batches_of_a_shard_concurrently_in_key_order(cloud) -> None:
    """KIN: ParallelizationFactor "set[s] the number of concurrent batches per shard"; records with the same
    partition key stay in order. Two lanes on one shard: two concurrent invocations, each key's records in order."""
    kinesis, _, uuid = setup(cloud, ParallelizationFactor=2, BatchSize=2)
    for i in range(12):
        put(kinesis, f"{i % 3}:{i}".encode(), key=f"key{i % 3}")
    cloud.run()
    seen = [d.decode() for e in events(cloud) for d in data(e)]
    for key in "012":
        mine = [int(s.split(":")[1]) for s in seen if s.startswith(key + ":")]
        assert mine == sorted(mine) and len(mine) == 4
    assert cloud.lambda_esm_activity(uuid).concurrency == 2
    assert len(cloud.lambda_esm_activity(uuid).pollers) == 2


def test_tumbling_windows_carry_state_and_end_with_a_final_invocation(cloud) -> None:
    """KWIN: each invocation of a window gets the state the previous one returned ({} at first) and must return a
    state; after the window, "isFinalInvokeForWindow" is true; the event carries window, state, shardId,
    eventSourceARN and isWindowTerminatedEarly, as in the guide's example (and Powertools' test event)."""
    kinesis, _, _ = setup(cloud, TumblingWindowInSeconds=60, BatchSize=2)
    cloud.run(until=120)  # a window boundary: records below all fall in [120, 180)
    put(kinesis, b"a", b"b", b"c", b"d", b"e")
    cloud.run()
    seen = events(cloud)
    for event in seen:
        parse(event=event, model=KinesisDataStreamModel)
    assert [len(e["Records"]) for e in seen] == [2, 2, 1, 0]
    assert [e["state"] for e in seen] == [{}, {"count": 2}, {"count": 4}, {"count": 5}]
    assert [e["isFinalInvokeForWindow"] for e in seen] == [False, False, False, True]
    final = seen[-1]
    assert list(final) == [
        "Records",
        "window",
        "state",
        "shardId",
        "eventSourceARN",
        "isFinalInvokeForWindow",
        "isWindowTerminatedEarly",
    ]
    assert final["window"] == {"start": "2026-01-01T00:02:00Z", "end": "2026-01-01T00:03:00Z"}
    assert (final["shardId"], final["eventSourceARN"], final["isWindowTerminatedEarly"]) == (
        "shardId-000000000000",
        STREAM,
        False,
    )


def test_a_window_invocation_without_state_fails(cloud) -> None:
    """KWIN: "If the response does not contain a state property, Lambda considers this a failed invocation." """
    kinesis = active_stream(cloud, "clicks")
    lam = cloud.client("lambda")
    make_function(lam, source="def handler(e, c):\n    print('EVENT {\"Records\": []}')\n    return {'nothing': 1}\n")
    uuid = lam.create_event_source_mapping(
        FunctionName="hello",
        EventSourceArn=STREAM,
        StartingPosition="TRIM_HORIZON",
        TumblingWindowInSeconds=30,
        MaximumRetryAttempts=0,
    )["UUID"]
    put(kinesis, b"x")
    cloud.run()
    assert "no state property" in cloud.lambda_esm_activity(uuid).where("result")[0].detail


def test_children_are_read_after_their_parent(cloud) -> None:
    """KIN: after a split the parent is read to its end (GetRecords then returns ChildShards) before the children
    ("Lambda ... processes the parent shard before it processes the child shards")."""
    kinesis, _, uuid = setup(cloud)
    put(kinesis, b"p1", b"p2")
    cloud.run()
    kinesis.split_shard(StreamName="clicks", ShardToSplit="shardId-000000000000", NewStartingHashKey=str(2**127))
    cloud.run(until=cloud.now + 30)
    put(kinesis, b"c1")
    cloud.run()
    assert [d for e in events(cloud) for d in data(e)] == [b"p1", b"p2", b"c1"]
    assert {"shardId-000000000001", "shardId-000000000002"} <= set(cloud.lambda_esm_activity(uuid).pollers.values())


def test_filters_match_json_data_and_drop_the_rest(cloud) -> None:
    """KFILT: "Kinesis event source mappings only support filtering on the data key"; "both the data field and your
    filter criteria for the data field must be in valid JSON format. If either field isn't in a valid JSON format,
    Lambda drops the message". The iterator passes over dropped records."""
    pattern = json.dumps({"data": {"order": {"type": ["buy"]}}})
    kinesis, _, uuid = setup(cloud, FilterCriteria={"Filters": [{"Pattern": pattern}]})
    put(kinesis, b'{"order": {"type": "sell"}}', b"not json", b'{"order": {"type": "buy"}}')
    cloud.run()
    assert [d for e in events(cloud) for d in data(e)] == [b'{"order": {"type": "buy"}}']
    assert cloud.lambda_esm_activity(uuid).totals["filter"] == 2


def test_latest_starts_after_the_records_already_there(cloud) -> None:
    """KIN (StartingPosition): LATEST reads only records added after the mapping starts."""
    kinesis = active_stream(cloud, "clicks")
    put(kinesis, b"before")
    lam = cloud.client("lambda")
    make_function(lam, source=RECORDER)
    lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=STREAM, StartingPosition="LATEST")
    cloud.run(until=cloud.now + 10)
    put(kinesis, b"after")
    cloud.run()
    assert [d for e in events(cloud) for d in data(e)] == [b"after"]


def test_at_timestamp_starts_at_the_first_record_from_that_time(cloud) -> None:
    """KIN (StartingPosition AT_TIMESTAMP with StartingPositionTimestamp): "The time from which to start reading",
    here between two records."""
    kinesis = active_stream(cloud, "clicks")
    put(kinesis, b"early")
    cloud.run(until=cloud.now + 30)
    middle = pocketcloud.timeutil.to_datetime(cloud.now)
    cloud.run(until=cloud.now + 30)
    put(kinesis, b"late")
    lam = cloud.client("lambda")
    make_function(lam, source=RECORDER)
    created = lam.create_event_source_mapping(
        FunctionName="hello", EventSourceArn=STREAM, StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=middle
    )
    assert created["StartingPositionTimestamp"] == middle
    cloud.run()
    assert [d for e in events(cloud) for d in data(e)] == [b"late"]


def test_a_throttled_shard_waits_without_using_retries(cloud) -> None:
    """KERR: "If a Lambda event source mapping is unable to invoke the function due to throttling ... it retries
    until the records expire or exceed the maximum age" — not the retry quota."""
    kinesis, lam, uuid = setup(cloud, MaximumRetryAttempts=0)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    put(kinesis, b"x")
    cloud.run(until=cloud.now + 20)
    assert cloud.lambda_esm_activity(uuid).where("throttled")
    lam.delete_function_concurrency(FunctionName="hello")
    cloud.run()
    assert [d for e in events(cloud) for d in data(e)] == [b"x"]
