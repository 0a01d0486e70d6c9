"""Lambda's internals, made visible: the path of each invocation (frontend or async queue and pollers), the worker
host and microVM slot of its environment, cold or warm, queue wait, Init and run, and the metrics they feed.

Sources:
* WP = https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-executions.html ("Each
  execution environment may only be used for one concurrent invocation at a time, and they may be reused across
  multiple invocations of the same function version"; "never reused across different function versions")
* LIFE = https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
* ASYNC = https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html ("Lambda places the event in a queue
  ... A separate process reads events from the queue and sends them to your function")
* METRICS = https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
* The worker-host/slot layout is pocketcloud's documented model (``services/awslambda/placement.py``).
"""

from __future__ import annotations

import json

import pocketcloud
from pocketcloud.metrics import dimensions

from .conftest import make_function

SLOW = "import time\ndef handler(event, context):\n    time.sleep(1)\n    return event\n"


def test_sync_invocations_go_through_the_frontend_and_reuse_one_environment(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """WP and LIFE: the first invocation creates an environment (Init runs: a cold start); later ones, arriving
    after it finished, reuse it (warm). Each record says where it ran."""
    make_function(lam, "hello")
    for _ in range(3):
        lam.invoke(FunctionName="hello", Payload=b"{}")
    runs = cloud.lambda_trace.filter("hello")
    assert [r.start_kind for r in runs] == ["cold", "warm", "warm"]
    assert {r.path for r in runs} == {"sync"}
    assert len({r.env_name for r in runs}) == 1 and runs[0].env_name == "hello:$LATEST#1"
    assert runs[0].host == "worker-1" and runs[0].slot == 0
    first = runs[0]
    assert first.handler_started_at - first.started_at == first.init_duration_ms / 1000
    assert first.queue_wait_s == 0.0


def test_one_invocation_at_a_time_per_environment(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """WP: an environment serves one invocation at a time, so overlapping invocations each get their own; once they
    finish, the next request reuses the most recently used idle one."""
    make_function(lam, "slow", SLOW, Timeout=10)
    for n in range(3):
        lam.invoke(FunctionName="slow", InvocationType="Event", Payload=json.dumps({"n": n}))
    cloud.run(until=5)
    runs = cloud.lambda_trace.filter("slow")
    assert len({r.env_name for r in runs}) == 3 and all(r.cold_start for r in runs)
    lam.invoke(FunctionName="slow", Payload=b"{}")
    last = cloud.lambda_trace.invocations[-1]
    assert last.start_kind == "warm"


def test_async_events_wait_in_the_internal_queue(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """ASYNC: an async invocation is queued and a poller sends it on; its record shows the async path and the time
    it spent in the queue (METRICS: AsyncEventsReceived, AsyncEventAge)."""
    make_function(lam, "hello")
    lam.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")
    cloud.run()
    (run,) = cloud.lambda_trace.filter("hello")
    assert run.path == "async" and run.queue_wait_s == cloud.lambda_settings.async_queue_delay_s
    fn = dimensions(FunctionName="hello")
    received = cloud.metrics.series("AWS/Lambda", "AsyncEventsReceived", fn)
    age = cloud.metrics.series("AWS/Lambda", "AsyncEventAge", fn)
    assert received is not None and received.values == [1.0]
    assert age is not None and age.values == [run.queue_wait_s * 1000]


def test_placement_fills_hosts_and_reuses_freed_slots(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """pocketcloud's placement model: hosts with ``worker_slots`` microVM slots; a new environment takes the
    lowest-numbered host with a free slot, a new host when all are full; a shut-down environment frees its slot."""
    cloud.lambda_settings.worker_slots = 2
    make_function(lam, "slow", SLOW, Timeout=10)
    for _ in range(5):
        lam.invoke(FunctionName="slow", InvocationType="Event", Payload=b"{}")
    cloud.run(until=0.5)
    placed = sorted((r.host, r.slot) for r in cloud.lambda_trace.filter("slow"))
    assert placed == [("worker-1", 0), ("worker-1", 1), ("worker-2", 0), ("worker-2", 1), ("worker-3", 0)]
    cloud.lambda_settings.idle_reclaim_s = 60
    cloud.run(until=200)  # all five are reclaimed after a minute idle
    lam.update_function_configuration(FunctionName="slow", Timeout=11)  # a new version of $LATEST's configuration
    lam.invoke(FunctionName="slow", Payload=b"{}")
    assert cloud.lambda_trace.invocations[-1].host == "worker-1"
    assert cloud.lambda_trace.invocations[-1].slot == 0


def test_esm_invocations_name_their_mapping(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """An event source mapping's poller invokes synchronously; the trace shows the ``esm`` path and the mapping."""
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    make_function(lam, "worker")
    uuid = lam.create_event_source_mapping(FunctionName="worker", EventSourceArn=arn)["UUID"]
    sqs.send_message(QueueUrl=url, MessageBody="hi")
    cloud.run(until=60)
    (run,) = cloud.lambda_trace.filter("worker", path="esm")
    assert run.source == uuid


def test_trace_filters_tables_and_lanes(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """The trace is plain data a lab can print, filter and chart: a table, filters, Gantt lanes per environment."""
    make_function(lam, "slow", SLOW, Timeout=10)
    make_function(lam, "fail", "def handler(event, context):\n    raise ValueError('no')\n")
    for _ in range(2):
        lam.invoke(FunctionName="slow", InvocationType="Event", Payload=b"{}")
    lam.invoke(FunctionName="fail", Payload=b"{}")
    cloud.run()
    trace = cloud.lambda_trace
    assert len(trace.filter(errors=True)) == 1 and trace.filter(errors=True)[0].function_name == "fail"
    assert len(trace.filter(path="async")) == 2
    assert trace.filter(since=100.0) == []
    table = trace.table()
    assert table.splitlines()[0].split()[:3] == ["received", "path", "function"]
    assert "slow:$LATEST#1" in table and "Unhandled" in table
    lanes = trace.lanes("slow")
    assert sorted(lanes) == ["slow:$LATEST#1", "slow:$LATEST#2"]
    phases = lanes["slow:$LATEST#1"]
    assert [p["phase"] for p in phases] == ["init", "invoke"]
    assert phases[0]["end"] == phases[1]["start"]
    summary = trace.summary()
    assert summary["cold"] == 3 and summary["path:async"] == 2


def test_invocation_metrics_follow_aws_names_and_dimensions(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """METRICS: Invocations, Errors (0 or 1 per invocation) and Duration per function, per Resource when the request
    named a qualifier, and across all functions (no dimensions); the data point is stamped when the function was
    invoked. ColdStarts is pocketcloud's own series (namespace ``pocketcloud/Lambda``)."""
    make_function(lam, "fail", "def handler(event, context):\n    raise ValueError('no')\n")
    lam.publish_version(FunctionName="fail")
    lam.invoke(FunctionName="fail", Payload=b"{}")
    lam.invoke(FunctionName="fail", Qualifier="1", Payload=b"{}")
    fn = dimensions(FunctionName="fail")
    invocations = cloud.metrics.series("AWS/Lambda", "Invocations", fn)
    errors = cloud.metrics.series("AWS/Lambda", "Errors", fn)
    assert invocations is not None and invocations.values == [1.0, 1.0]
    assert errors is not None and errors.values == [1.0, 1.0]
    duration = cloud.metrics.series("AWS/Lambda", "Duration", fn)
    runs = cloud.lambda_trace.filter("fail")
    assert duration is not None and duration.values == [r.duration_ms for r in runs]
    assert invocations.times == [r.started_at for r in runs]
    by_version = cloud.metrics.series("AWS/Lambda", "Invocations", dimensions(FunctionName="fail", Resource="fail:1"))
    assert by_version is not None and by_version.values == [1.0]
    everything = cloud.metrics.series("AWS/Lambda", "Invocations", ())
    assert everything is not None and len(everything.values) == 2
    cold = cloud.metrics.series("pocketcloud/Lambda", "ColdStarts", fn)
    assert cold is not None and len(cold.values) == 2  # $LATEST and version 1 never share an environment (WP)


def test_same_seed_same_trace() -> None:
    """Determinism: two clouds with one seed produce the same placements, start kinds and durations."""

    def run() -> list[tuple[str, str, int, str, float]]:
        cloud = pocketcloud.Cloud(seed=7)
        lam = cloud.client("lambda")
        make_function(lam, "slow", SLOW, Timeout=10)
        for _ in range(4):
            lam.invoke(FunctionName="slow", InvocationType="Event", Payload=b"{}")
        cloud.run()
        return [(r.env_name, r.host, r.slot, r.start_kind, r.duration_ms) for r in cloud.lambda_trace.invocations]

    assert run() == run()
