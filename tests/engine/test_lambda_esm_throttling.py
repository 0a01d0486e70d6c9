"""Event source mappings under throttling, and the IteratorAge metric of stream mappings.

A poller that cannot invoke its function because of concurrency backs off and tries again; nothing it read is lost:
each throttled attempt is counted (``Throttles``), and the records are processed later, expire, or go back to
the queue exactly as the guides say.

Sources:
* SQSERR = https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
* SQSSCALE = https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
* KIN = https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
* KERR = https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
* DDB = https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
* METRICS = https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

import pocketcloud
from pocketcloud.metrics import dimensions
from pocketcloud.services.awslambda.esm.kinesis import POLL_INTERVAL_S

from . import test_lambda_esm_dynamodb as ddb_support
from .conftest import make_function
from .kinesis_support import active_stream
from .test_lambda_esm_kinesis import STREAM, data, events, put
from .test_lambda_esm_sqs import Queue

#: Records each event and takes two seconds, so that a few concurrent batches keep the function busy.
SLOW_RECORDER = (
    "import json, time\n"
    "def handler(event, context):\n"
    "    print('EVENT ' + json.dumps(event))\n"
    "    time.sleep(2)\n"
    "    return {'batchItemFailures': []}\n"
)


def series(cloud: pocketcloud.Cloud, name: str, function: str = "hello") -> list[float]:
    found = cloud.metrics.series("AWS/Lambda", name, dimensions(FunctionName=function))
    return list(found.values) if found is not None else []


def peak_in_flight(cloud: pocketcloud.Cloud, function: str = "hello") -> float:
    return max(series(cloud, "ConcurrentExecutions", function))


# -- SQS -------------------------------------------------------------------------------------------------------


def test_sqs_maximum_concurrency_above_reserved_concurrency_backs_off_and_loses_nothing(cloud, lam) -> None:
    """SQSSCALE: "If the maximum concurrency setting is greater than the function's reserved concurrency, Lambda
    may throttle the function"; SQSERR: "If the invocation fails due to throttling, Lambda gradually backs off
    retries". With MaximumConcurrency 5 and reserved concurrency 2 the function never runs more than two batches
    at once, throttled attempts are counted (METRICS: Throttles "The number of invocation requests that are
    throttled") and retried after a growing wait, and every message is processed exactly once and deleted."""
    make_function(lam, source=SLOW_RECORDER, Timeout=10)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=2)
    queue = Queue(cloud, VisibilityTimeout="600")
    queue.send(*[f"m{i}" for i in range(30)])
    uuid = lam.create_event_source_mapping(
        FunctionName="hello", EventSourceArn=queue.arn, BatchSize=1, ScalingConfig={"MaximumConcurrency": 5}
    )["UUID"]
    cloud.run()
    bodies = sorted(r["body"] for e in events(cloud) for r in e["Records"])
    assert bodies == sorted(f"m{i}" for i in range(30))
    assert queue.counts() == (0, 0)
    assert peak_in_flight(cloud) == 2
    activity = cloud.lambda_esm_activity(uuid)
    throttled = activity.where("throttled")
    assert throttled and all(a.detail == "ReservedFunctionConcurrentInvocationLimitExceeded" for a in throttled)
    assert sum(series(cloud, "Throttles")) == len(throttled)
    assert sum(series(cloud, "Invocations")) == 30
    # a slot that stays throttled waits longer each time (1 s, 2 s, 4 s ...)
    by_slot: dict[str, list[float]] = {}
    for step in throttled:
        by_slot.setdefault(step.poller, []).append(step.time)
    gaps = [round(b - a, 6) for times in by_slot.values() for a, b in pairwise(times)]
    assert gaps and max(gaps) >= 2.0


def test_throttled_sqs_messages_that_outlast_the_visibility_timeout_go_to_the_queues_dlq(cloud, lam) -> None:
    """SQSERR: "Lambda continues to retry the message until the message's timestamp exceeds your queue's
    visibility timeout, at which point Lambda drops the message" — back to the queue, where the queue's redrive
    policy moves it to its dead-letter queue after maxReceiveCount receives. Nothing disappears: every message is
    in the DLQ, counted."""
    make_function(lam, source=SLOW_RECORDER)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    dlq = Queue(cloud, "work-dlq")
    redrive = json.dumps({"deadLetterTargetArn": dlq.arn, "maxReceiveCount": "2"})
    queue = Queue(cloud, VisibilityTimeout="5", RedrivePolicy=redrive)
    queue.send("a", "b", "c")
    uuid = lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=queue.arn, BatchSize=1)["UUID"]
    cloud.run(until=cloud.now + 60)
    lam.update_event_source_mapping(UUID=uuid, Enabled=False)
    cloud.run()
    assert dlq.counts()[0] == 3
    assert queue.counts() == (0, 0)
    assert series(cloud, "Invocations") == []
    assert sum(series(cloud, "Throttles")) == len(cloud.lambda_esm_activity(uuid).where("throttled"))


# -- Kinesis and DynamoDB Streams ------------------------------------------------------------------------------


def kinesis_mapping(cloud: pocketcloud.Cloud, lam: Any, **params: Any) -> tuple[Any, str]:
    kinesis = active_stream(cloud, "clicks", shards=1)
    make_function(lam, source=SLOW_RECORDER, Timeout=10)
    uuid = lam.create_event_source_mapping(
        FunctionName="hello", EventSourceArn=STREAM, StartingPosition="TRIM_HORIZON", **params
    )["UUID"]
    return kinesis, uuid


def test_kinesis_lanes_beyond_reserved_concurrency_wait_and_keep_key_order(cloud, lam) -> None:
    """KIN: ParallelizationFactor sets "the number of concurrent batches per shard", in order per partition key;
    KERR: a mapping "unable to invoke the function due to throttling ... retries until the records expire or
    exceed the maximum age" without using the retry quota. Four lanes, reserved concurrency 2: at most two batches
    run at once, the other lanes are throttled and retried (counted), and with MaximumRetryAttempts 0 every record
    is still processed once, each key in order."""
    kinesis, uuid = kinesis_mapping(cloud, lam, ParallelizationFactor=4, BatchSize=2, MaximumRetryAttempts=0)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=2)
    for i in range(24):
        put(kinesis, f"{i % 8}:{i}".encode(), key=f"key{i % 8}")
    cloud.run()
    seen = [d.decode() for e in events(cloud) for d in data(e)]
    assert sorted(seen) == sorted(f"{i % 8}:{i}" for i in range(24))
    for key in range(8):
        mine = [int(s.split(":")[1]) for s in seen if s.startswith(f"{key}:")]
        assert mine == sorted(mine) and len(mine) == 3
    assert peak_in_flight(cloud) == 2
    activity = cloud.lambda_esm_activity(uuid)
    assert activity.where("throttled") and not activity.where("discard")
    assert sum(series(cloud, "Throttles")) == len(activity.where("throttled"))


def test_throttled_stream_records_past_the_maximum_age_go_to_the_on_failure_destination(cloud, lam) -> None:
    """KERR: throttled batches are retried "until the records expire or exceed the maximum age"; then "Lambda
    discards the records and continues processing batches from the stream", sending the batch's details to the
    on-failure destination with the condition RecordAgeExceeded."""
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="failures")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    kinesis, uuid = kinesis_mapping(
        cloud, lam, MaximumRecordAgeInSeconds=60, DestinationConfig={"OnFailure": {"Destination": arn}}
    )
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    put(kinesis, b"late")
    cloud.run(until=cloud.now + 90)
    [message] = sqs.receive_message(QueueUrl=url)["Messages"]
    record = json.loads(message["Body"])
    assert record["requestContext"]["condition"] == "RecordAgeExceeded"
    assert record["KinesisBatchInfo"]["batchSize"] == 1
    assert cloud.lambda_esm_activity(uuid).where("throttled")


def test_dynamodb_stream_lanes_are_throttled_and_retried_like_kinesis(cloud, lam) -> None:
    """DDB: the same ParallelizationFactor and error handling as Kinesis (one concurrent batch per lane, throttled
    invocations retried until the records expire). Two lanes, reserved concurrency 1: one batch at a time, the other
    lane throttled and counted, every item processed once."""
    table, stream = ddb_support.table(cloud)
    make_function(lam, source=SLOW_RECORDER, Timeout=10)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=1)
    uuid = lam.create_event_source_mapping(
        FunctionName="hello", EventSourceArn=stream, StartingPosition="TRIM_HORIZON", ParallelizationFactor=2
    )["UUID"]
    for i in range(10):
        ddb_support.put(table, i, f"item {i}")
    cloud.run()
    items = sorted(int(r["dynamodb"]["Keys"]["Id"]["N"]) for e in ddb_support.events(cloud) for r in e["Records"])
    assert items == list(range(10))
    assert peak_in_flight(cloud) == 1
    throttled = cloud.lambda_esm_activity(uuid).where("throttled")
    assert throttled and sum(series(cloud, "Throttles")) == len(throttled)


# -- IteratorAge -----------------------------------------------------------------------------------------------


def test_iterator_age_is_the_age_of_the_last_record_when_the_batch_is_sent(cloud, lam) -> None:
    """METRICS (performance metrics): "IteratorAge – For DynamoDB, Kinesis, and Amazon DocumentDB event sources,
    the age of the last record in the event in milliseconds. This metric measures the time between when a stream
    receives the record and when the event source mapping sends the event to the function" (unit Milliseconds,
    viewed with Average or Maximum). One data point per batch sent, stamped when it is sent; while a slow function
    holds the shard, the waiting records grow older."""
    kinesis, _ = kinesis_mapping(cloud, lam, BatchSize=1)
    cloud.run(until=cloud.now + 30)  # the mapping is enabled and polling
    put(kinesis, b"0", b"1", b"2")
    cloud.run()
    found = cloud.metrics.series("AWS/Lambda", "IteratorAge", dimensions(FunctionName="hello"))
    assert found is not None and found.unit == "Milliseconds"
    ages = found.values
    assert len(ages) == 3 == len(cloud.lambda_trace.filter("hello"))
    # the first batch is read within one poll interval; each later one waited ~2 s more behind the slow function
    assert 0 <= ages[0] <= POLL_INTERVAL_S * 1000
    assert ages[1] - ages[0] >= 1_900 and ages[2] - ages[1] >= 1_900
    starts = [r.started_at for r in cloud.lambda_trace.filter("hello")]
    assert found.times == starts
    cw = cloud.client("cloudwatch")
    stats = cw.get_metric_statistics(
        Namespace="AWS/Lambda",
        MetricName="IteratorAge",
        Dimensions=[{"Name": "FunctionName", "Value": "hello"}],
        StartTime=pocketcloud.timeutil.to_datetime(0),
        EndTime=pocketcloud.timeutil.to_datetime(cloud.now + 60),
        Period=3600,
        Statistics=["Maximum", "Average"],
    )
    [point] = stats["Datapoints"]
    assert point["Maximum"] == max(ages) and point["Unit"] == "Milliseconds"


def test_iterator_age_grows_while_the_function_is_throttled(cloud, lam) -> None:
    """METRICS: IteratorAge measures the wait until the mapping sends the event; a throttled mapping sends nothing
    (no data point) and its records keep ageing, so the first point after the throttle lifts shows the wait."""
    kinesis, _ = kinesis_mapping(cloud, lam)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    put(kinesis, b"x")
    cloud.run(until=cloud.now + 30)
    assert series(cloud, "IteratorAge") == []
    lam.delete_function_concurrency(FunctionName="hello")
    cloud.run()
    [age] = series(cloud, "IteratorAge")
    assert age >= 29_000


def test_dynamodb_streams_mappings_emit_iterator_age(cloud, lam) -> None:
    """METRICS: IteratorAge is emitted for DynamoDB event sources too."""
    table, stream = ddb_support.table(cloud)
    make_function(lam, source=ddb_support.RECORDER)
    lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=stream, StartingPosition="TRIM_HORIZON")
    ddb_support.put(table, 1, "hi")
    cloud.run()
    ages = series(cloud, "IteratorAge")
    assert len(ages) == 1 and ages[0] >= 0


def test_sqs_mappings_emit_no_iterator_age(cloud, lam) -> None:
    """METRICS: IteratorAge is for stream event sources; an SQS queue is not one."""
    make_function(lam, source=SLOW_RECORDER)
    queue = Queue(cloud)
    queue.send("m")
    lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=queue.arn)
    cloud.run()
    assert sum(series(cloud, "Invocations")) == 1 and series(cloud, "IteratorAge") == []
