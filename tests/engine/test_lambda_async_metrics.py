"""The asynchronous-invocation metrics (AsyncEventsReceived, AsyncEventAge, AsyncEventsDropped) for throttled and
failing events: requeued with back-off up to the maximum event age, then sent to the DLQ or on-failure destination.

Sources:
* ERR = https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
* REC = https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
* METRICS = https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html (asynchronous invocation
  metrics)
* BLOG = https://aws.amazon.com/blogs/compute/introducing-new-asynchronous-invocation-metrics-for-aws-lambda/
"""

from __future__ import annotations

import json

import pocketcloud
from pocketcloud.metrics import dimensions
from pocketcloud.services.awslambda.async_queue import THROTTLE_BACKOFF_MAX_S, THROTTLE_BACKOFF_START_S

from .conftest import make_function
from .test_lambda_async import FAIL, queue, received

LONG = "import time\ndef handler(event, context):\n    time.sleep(100)\n    return 'done'\n"


def values(cloud: pocketcloud.Cloud, name: str, function: str = "hello") -> list[float]:
    found = cloud.metrics.series("AWS/Lambda", name, dimensions(FunctionName=function))
    return list(found.values) if found is not None else []


def test_backoff_constants_are_the_documented_ones() -> None:
    """ERR: "The retry interval increases exponentially from 1 second after the first attempt to a maximum of 5
    minutes"."""
    assert (THROTTLE_BACKOFF_START_S, THROTTLE_BACKOFF_MAX_S) == (1.0, 300.0)


def test_throttled_events_past_the_maximum_age_go_to_the_dlq_and_are_counted_as_dropped(cloud, lam) -> None:
    """ERR: throttled events return to the queue and are retried with exponential back-off "for up to 6 hours"
    — or the configured MaximumEventAgeInSeconds; "When the queue is very long, new events might age out before
    Lambda has a chance to send them to your function. When an event expires or fails all processing attempts,
    Lambda discards it." METRICS: AsyncEventsReceived counts every queued event; AsyncEventsDropped "The number of
    events that are dropped without successfully executing the function. If you configure a dead-letter queue
    (DLQ) or OnFailure destination, then events are sent there before they're dropped"; AsyncEventAge has one data
    point per invocation. Reserved concurrency 1 and a 100-second function: one event runs, four wait with back-off
    (1, 2, 4, 8, 16, 32 s) past the 60-second maximum age and reach the DLQ (REC: RequestID, ErrorCode) and the
    on-failure destination (condition EventAgeExceeded, no attempt)."""
    make_function(lam, source=LONG, Timeout=120)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=1)
    dlq_url, dlq_arn = queue(cloud, "dlq")
    failed_url, failed_arn = queue(cloud, "failed")
    lam.update_function_configuration(FunctionName="hello", DeadLetterConfig={"TargetArn": dlq_arn})
    lam.put_function_event_invoke_config(
        FunctionName="hello",
        MaximumEventAgeInSeconds=60,
        DestinationConfig={"OnFailure": {"Destination": failed_arn}},
    )
    request_ids = [
        lam.invoke(FunctionName="hello", InvocationType="Event", Payload=json.dumps({"n": n}))["ResponseMetadata"][
            "RequestId"
        ]
        for n in range(5)
    ]
    cloud.run()
    assert sum(values(cloud, "AsyncEventsReceived")) == 5
    assert sum(values(cloud, "AsyncEventsDropped")) == 4
    assert sum(values(cloud, "Invocations")) == 1
    assert len(values(cloud, "AsyncEventAge")) == 1
    throttles = [t for t in cloud.lambda_trace.throttles if t.function == "hello"]
    assert len(throttles) == 4 * 6 == sum(values(cloud, "Throttles"))
    dead = received(cloud, dlq_url)
    assert sorted(json.loads(m["Body"])["n"] for m in dead) == [1, 2, 3, 4]
    for message in dead:
        attributes = message["MessageAttributes"]
        assert attributes["ErrorCode"]["StringValue"] == "429"
        assert attributes["RequestID"]["StringValue"] in request_ids[1:]
    records = [json.loads(m["Body"]) for m in received(cloud, failed_url)]
    assert len(records) == 4
    for record in records:
        assert record["requestContext"]["condition"] == "EventAgeExceeded"
        assert record["requestContext"]["approximateInvokeCount"] == 0
        assert record["responseContext"]["statusCode"] == 429
    assert not cloud.lambda_trace.filter("hello", errors=True)


def test_event_age_includes_the_throttle_backoff(cloud, lam) -> None:
    """METRICS: AsyncEventAge is "the time between when Lambda successfully queues the event and when the function
    is invoked. The value of this metric increases when events are being retried due to invocation failures or
    throttling." Reserved concurrency 1, 1-second function, three events: the second and third wait for the
    back-off (1 s, then 2 s ...) and their ages say so; all three run, none is dropped."""
    make_function(lam, source="import time\ndef handler(e, c):\n    time.sleep(1)\n", Timeout=10)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=1)
    for n in range(3):
        lam.invoke(FunctionName="hello", InvocationType="Event", Payload=json.dumps({"n": n}))
    cloud.run()
    ages = sorted(values(cloud, "AsyncEventAge"))
    assert len(ages) == 3 and ages[0] < 100 and ages[1] >= 1_000 and ages[2] >= 2_000
    waits = sorted(r.queue_wait_s * 1000 for r in cloud.lambda_trace.filter("hello"))
    assert [round(a, 3) for a in ages] == [round(w, 3) for w in waits]
    assert values(cloud, "AsyncEventsDropped") == []


def test_event_age_of_retries_after_function_errors(cloud, lam) -> None:
    """ERR: a failing event is retried "two more times, with a one-minute wait between the first two attempts, and
    two minutes between the second and third attempts"; METRICS: AsyncEventAge grows with each retry. Three data
    points: about 0, at least 60 s and at least 180 s; then the event is dropped (AsyncEventsDropped 1)."""
    make_function(lam, source=FAIL)
    lam.invoke(FunctionName="hello", InvocationType="Event", Payload=b'{"n": 1}')
    cloud.run()
    ages = values(cloud, "AsyncEventAge")
    assert len(ages) == 3
    assert ages[0] < 1_000 and 60_000 <= ages[1] < 61_000 and 180_000 <= ages[2] < 182_000
    assert sum(values(cloud, "AsyncEventsDropped")) == 1
    assert sum(values(cloud, "Errors")) == 3


def test_a_successful_retry_is_not_a_drop(cloud, lam) -> None:
    """METRICS: AsyncEventsDropped counts only events "dropped without successfully executing the function": an
    event that fails once and then succeeds is received once, invoked twice, dropped never."""
    source = (
        "import os\n"
        "def handler(event, context):\n"
        "    if not os.path.exists('/tmp/seen'):\n"
        "        open('/tmp/seen', 'w').close()\n"
        "        raise RuntimeError('first attempt fails')\n"
        "    return 'ok'\n"
    )
    make_function(lam, source=source)
    lam.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")
    cloud.run()
    assert sum(values(cloud, "AsyncEventsReceived")) == 1
    assert sum(values(cloud, "Invocations")) == 2
    assert values(cloud, "AsyncEventsDropped") == []
