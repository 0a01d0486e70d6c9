"""Traffic generators and workload models: arrival patterns in virtual time driving sync and async invokes, an SQS
queue or an HTTP API, and functions whose handler is a model (the fast path for a day of traffic).

Sources:
* SCALE = https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html
* LOG = https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html (START/END/REPORT and INIT_START lines)
* BILL = https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/ (Init is billed)
* METRICS = https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
The patterns and the workload model are pocketcloud's (documented in ``pocketcloud/traffic.py`` and
``services/awslambda/workload.py``); what Lambda does with the requests is AWS's behaviour, as in the other tests.
"""

from __future__ import annotations

import itertools
import math
import random

import pytest

import pocketcloud
from pocketcloud import traffic
from pocketcloud.metrics import dimensions

from .conftest import make_function


def test_patterns_space_arrivals_as_asked() -> None:
    """constant, steps, spike, daily and replay give the arrivals their parameters describe."""
    rng = random.Random(0)
    assert list(traffic.constant(2, 3).arrivals(rng)) == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    stepped = list(traffic.steps([(0, 1), (2, 4)], duration=3).arrivals(rng))
    assert stepped == [0.0, 1.0, 2.0, 2.25, 2.5, 2.75]
    burst = list(traffic.spike(base=1, peak=10, at=2, length=1, duration=4).arrivals(rng))
    assert len(burst) == 2 + 10 + 1 and burst[2] == 2.0
    day = traffic.daily(peak=10, trough=1)
    assert math.isclose(day.expected, (10 + 1) / 2 * 86_400, rel_tol=1e-3)
    assert list(traffic.replay([0.5, 0.5, 2]).arrivals(rng)) == [0.5, 0.5, 2.0]


def test_poisson_arrivals_are_seeded() -> None:
    """Poisson arrivals come from their own seeded generator: same seed, same arrivals; about rate x duration."""
    a = list(traffic.poisson(50, 100).arrivals(random.Random("s")))
    b = list(traffic.poisson(50, 100).arrivals(random.Random("s")))
    assert a == b and 4500 < len(a) < 5500
    assert all(y >= x for x, y in itertools.pairwise(a))


@pytest.mark.parametrize(
    "make",
    [
        lambda: traffic.constant(-1, 10),
        lambda: traffic.constant(1, float("inf")),
        lambda: traffic.steps([], 10),
        lambda: traffic.steps([(5, 1), (2, 1)], 10),
        lambda: traffic.daily(peak=1, trough=5),
        lambda: traffic.replay([3, 1]),
        lambda: traffic.spike(1, 10, at=5, length=0, duration=10),
        lambda: traffic.Workload(duration_ms=-5),
        lambda: traffic.Workload(errors=1.5),
        lambda: traffic.Workload(memory_mb=0),
    ],
)
def test_impossible_parameters_are_refused(make) -> None:  # type: ignore[no-untyped-def]
    """Bad input gets a clear error (a ValueError subclass naming the parameter), never a silent odd run."""
    with pytest.raises(ValueError):
        make()


def test_drive_sync_counts_every_request(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """Every request sent is answered, failed or throttled: the tally adds up, and the metrics agree."""
    make_function(lam, "api")
    traffic.Workload(duration_ms=50, errors=0.1).attach(cloud, "api")
    run = traffic.drive(cloud, traffic.constant(20, 10), traffic.sync("api"))
    cloud.run()
    assert run.sent == 200 and run.ok + run.errors + run.throttled == 200
    invocations = cloud.metrics.series("AWS/Lambda", "Invocations", dimensions(FunctionName="api"))
    errors = cloud.metrics.series("AWS/Lambda", "Errors", dimensions(FunctionName="api"))
    assert invocations is not None and errors is not None
    assert sum(invocations.values) == run.ok + run.errors and sum(errors.values) == run.errors
    assert 5 < run.errors < 40


def test_a_spike_hits_reserved_concurrency_and_throttles(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """A function limited to 5 at once, 100 requests per second of 200 ms each: about 25 per second fit; the rest
    are throttled (429), counted by the driver and by the Throttles metric."""
    make_function(lam, "api")
    lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=5)
    traffic.Workload(duration_ms=200).attach(cloud, "api")
    run = traffic.drive(cloud, traffic.constant(100, 2), traffic.sync("api"))
    cloud.run()
    assert run.sent == 200 and run.throttled > 100 and run.ok == 200 - run.throttled
    throttles = cloud.metrics.series("AWS/Lambda", "Throttles", dimensions(FunctionName="api"))
    assert throttles is not None and sum(throttles.values) == run.throttled


def test_drive_async_and_sqs(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """Async invokes are accepted at once and run later; SQS messages are polled by the mapping and invoked."""
    make_function(lam, "events")
    make_function(lam, "jobs")
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    lam.create_event_source_mapping(FunctionName="jobs", EventSourceArn=arn, BatchSize=1)
    a = traffic.drive(cloud, traffic.constant(5, 2), traffic.async_("events"))
    b = traffic.drive(cloud, traffic.constant(5, 2), traffic.sqs(url), seed=1)
    cloud.run(until=120)
    assert a.accepted == 10 and b.accepted == 10
    assert len(cloud.lambda_trace.filter("events", path="async")) == 10
    processed = sum(len(r.log_lines) > 0 for r in cloud.lambda_trace.filter("jobs", path="esm"))
    assert processed >= 1


def test_modelled_invocations_write_the_log_a_reader_expects(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """LOG and BILL: a modelled invocation's stream reads like real code's: INIT_START on a cold start, START, END,
    REPORT with Duration, Billed Duration (Init included) and Init Duration; formatted only when read."""
    make_function(lam, "api")
    traffic.Workload(duration_ms=100, init_ms=200).attach(cloud, "api")
    lam.invoke(FunctionName="api", Payload=b"{}")
    lam.invoke(FunctionName="api", Payload=b"{}")
    first, second = cloud.lambda_trace.filter("api")
    assert first.cold_start and not second.cold_start
    assert first.billed_duration_ms == math.ceil(round(first.duration_ms + first.init_duration_ms, 2))
    logs = cloud.client("logs")
    events = logs.get_log_events(logGroupName="/aws/lambda/api", logStreamName=first.log_stream_name)["events"]
    messages = [e["message"] for e in events]
    assert messages[0].startswith("INIT_START Runtime Version: python:3.13")
    assert messages[1] == f"START RequestId: {first.request_id} Version: $LATEST"
    assert messages[3].startswith(f"REPORT RequestId: {first.request_id}\tDuration: {first.duration_ms:.2f} ms")
    assert f"Init Duration: {first.init_duration_ms:.2f} ms" in messages[3]
    assert len(messages) == 7 and "Init Duration" not in messages[6]


def test_modelled_timeouts_reset_the_environment(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """A modelled run past the function's timeout is a timeout, as for code: it lasts the timeout, answers
    ``Unhandled`` with Lambda's message, and the next invocation is a cold start (the environment was reset)."""
    make_function(lam, "slow", Timeout=1)
    traffic.Workload(duration_ms=5000).attach(cloud, "slow")
    response = lam.invoke(FunctionName="slow", Payload=b"{}")
    assert response["FunctionError"] == "Unhandled"
    assert b"Task timed out after 1.00 seconds" in response["Payload"].read()
    lam.invoke(FunctionName="slow", Payload=b"{}")
    first, second = cloud.lambda_trace.filter("slow")
    assert first.duration_ms == 1000.0 and first.status == "timeout" and second.cold_start


def test_same_seed_same_day() -> None:
    """Determinism: the same seed gives the same invocations, durations and throttles."""

    def day() -> tuple[int, float, int]:
        cloud = pocketcloud.Cloud(seed=3)
        lam = cloud.client("lambda")
        make_function(lam, "api")
        lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=3)
        traffic.Workload(duration_ms=80, spread=0.5).attach(cloud, "api")
        run = traffic.drive(cloud, traffic.poisson(30, 20), traffic.sync("api"))
        cloud.run()
        durations = sum(r.duration_ms for r in cloud.lambda_trace.invocations)
        return run.sent, durations, run.throttled

    assert day() == day()
