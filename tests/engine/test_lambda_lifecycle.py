"""Execution environments over time: concurrency, reclaim, provisioned concurrency, resets, async retries.

Sources (checked 2026-11-25):
- Lifecycle (Init once, reuse, shutdown): https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
- Concurrency, one request per environment at a time: https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
- Provisioned concurrency: https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
- Async invocation and retries: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
"""

from __future__ import annotations

import base64
import itertools
import json

import pytest

from .conftest import make_function

SLOW = "import time\ndef handler(event, context):\n    time.sleep(1)\n    return event\n"


def streams(cloud, name: str = "hello") -> list[str]:  # type: ignore[no-untyped-def]
    logs = cloud.client("logs")
    return [s["logStreamName"] for s in logs.describe_log_streams(logGroupName=f"/aws/lambda/{name}")["logStreams"]]


def report(lam, name: str = "hello", **kwargs) -> str:  # type: ignore[no-untyped-def]
    log = base64.b64decode(lam.invoke(FunctionName=name, LogType="Tail", **kwargs)["LogResult"]).decode()
    return next(line for line in log.splitlines() if line.startswith("REPORT"))


def test_overlapping_invocations_each_get_their_own_environment(cloud, lam) -> None:
    """An environment handles one request at a time; concurrent requests need more environments."""
    make_function(lam, source=SLOW)
    for i in range(3):
        assert (
            lam.invoke(FunctionName="hello", InvocationType="Event", Payload=json.dumps({"i": i}))["StatusCode"] == 202
        )
    cloud.run()
    assert len(streams(cloud)) == 3


def test_sequential_invocations_reuse_one_environment(cloud, lam) -> None:
    make_function(lam, source=SLOW)
    for _ in range(3):
        lam.invoke(FunctionName="hello")
    assert len(streams(cloud)) == 1


def test_async_events_after_the_first_finished_reuse_it(cloud, lam) -> None:
    make_function(lam, source=SLOW)
    lam.invoke(FunctionName="hello", InvocationType="Event")
    cloud.run(until=cloud.now + 5)
    lam.invoke(FunctionName="hello", InvocationType="Event")
    cloud.run()
    assert len(streams(cloud)) == 1


def test_idle_environments_are_reclaimed_under_the_documented_model(cloud, lam) -> None:
    """AWS reclaims idle environments after an unpublished time; pocketcloud's model uses a setting (600 s)."""
    make_function(lam)
    assert "Init Duration" in report(lam)
    cloud.run(until=cloud.now + 60)
    assert "Init Duration" not in report(lam)
    settings = lam._service.settings
    cloud.run(until=cloud.now + settings.idle_reclaim_s + 1)
    assert "Init Duration" in report(lam)


def test_the_reclaim_time_is_configurable(cloud, lam) -> None:
    lam._service.settings.idle_reclaim_s = 5
    make_function(lam)
    report(lam)
    cloud.run(until=cloud.now + 6)
    assert "Init Duration" in report(lam)


def test_a_timeout_resets_the_environment(cloud, lam) -> None:
    source = "import time\ndef handler(event, context):\n    time.sleep(event.get('sleep', 0))\n    return 1\n"
    make_function(lam, source=source, Timeout=1)
    report(lam)
    assert "Status: timeout" in report(lam, Payload=b'{"sleep": 2}')
    assert "Init Duration" in report(lam)


def test_updating_code_means_new_environments(lam) -> None:
    import pocketcloud

    make_function(lam)
    report(lam)
    lam.update_function_code(
        FunctionName="hello", ZipFile=pocketcloud.zip_code({"app.py": "def handler(e, c):\n    return 2\n"})
    )
    response = lam.invoke(FunctionName="hello", LogType="Tail")
    assert response["Payload"].read() == b"2"
    assert "Init Duration" in base64.b64decode(response["LogResult"]).decode()


def test_provisioned_concurrency_initialises_environments_ahead(cloud, lam) -> None:
    """Provisioned environments run Init before any request. Their first REPORT shows that Init: "Init Duration -
    For the first request served, the amount of time it took the runtime to load the function and run code
    outside of the handler method" (python-logging); it is not billed as Duration. No INIT_REPORT is logged for
    a successful Init: AWS documents INIT_REPORT for failed or timed-out Init (lambda-runtime-environment).
    (This test used to assert the opposite of the first REPORT.)"""
    source = "import os\ndef handler(e, c):\n    return os.environ['AWS_LAMBDA_INITIALIZATION_TYPE']\n"
    make_function(lam, source=source)
    version = lam.publish_version(FunctionName="hello")["Version"]
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion=version)
    config = lam.put_provisioned_concurrency_config(
        FunctionName="hello", Qualifier="live", ProvisionedConcurrentExecutions=2
    )
    assert config["Status"] == "IN_PROGRESS"
    cloud.run(until=cloud.now + 30)
    ready = lam.get_provisioned_concurrency_config(FunctionName="hello", Qualifier="live")
    assert ready["Status"] == "READY"
    assert ready["AllocatedProvisionedConcurrentExecutions"] == 2
    response = lam.invoke(FunctionName="hello", Qualifier="live", LogType="Tail")
    assert json.loads(response["Payload"].read()) == "provisioned-concurrency"
    first = next(line for line in base64.b64decode(response["LogResult"]).decode().splitlines() if "REPORT" in line)
    duration = float(first.split("\tDuration: ")[1].split(" ms")[0])
    billed = int(first.split("Billed Duration: ")[1].split(" ms")[0])
    assert "Init Duration" in first
    assert billed == max(1, -(-round(duration * 100) // 100))  # the Init ran ahead and is not billed here
    messages = [
        e["message"] for e in cloud.client("logs").filter_log_events(logGroupName="/aws/lambda/hello")["events"]
    ]
    assert not any(m.startswith("INIT_REPORT") for m in messages)
    # Provisioned environments are not reclaimed when idle.
    cloud.run(until=cloud.now + 3600)
    assert "Init Duration" not in report(lam, Qualifier="live")


def test_provisioned_concurrency_needs_a_published_version(lam) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.put_provisioned_concurrency_config(
            FunctionName="hello", Qualifier="$LATEST", ProvisionedConcurrentExecutions=1
        )


def test_reserved_concurrency_throttles_synchronous_invokes(lam) -> None:
    make_function(lam)
    put = lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    assert put["ReservedConcurrentExecutions"] == 0
    assert lam.get_function_concurrency(FunctionName="hello")["ReservedConcurrentExecutions"] == 0
    with pytest.raises(lam.exceptions.TooManyRequestsException) as exc:
        lam.invoke(FunctionName="hello")
    assert exc.value.response["Error"]["Message"] == "Rate Exceeded."
    assert exc.value.response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"
    lam.delete_function_concurrency(FunctionName="hello")
    assert lam.invoke(FunctionName="hello")["StatusCode"] == 200


def test_reserved_concurrency_caps_parallel_environments(cloud, lam) -> None:
    make_function(lam, source=SLOW)
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=2)
    for _ in range(5):
        lam.invoke(FunctionName="hello", InvocationType="Event")
    cloud.run()
    # Throttled async events wait in the queue and run later on the same two environments.
    assert len(streams(cloud)) == 2
    assert lam._service.async_events == []


def test_unreserved_concurrency_must_stay_at_least_100(lam) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=901)
    assert "below its minimum value of [100]" in exc.value.response["Error"]["Message"]


def test_async_errors_are_retried_twice_with_one_and_two_minute_waits(cloud, lam) -> None:
    """ "Lambda retries the function two more times, with a one-minute wait between the first two attempts, and
    two minutes between the second and third attempts." (invocation-async-error-handling)"""
    make_function(lam, source="def handler(event, context):\n    raise RuntimeError('boom')\n")
    lam.invoke(FunctionName="hello", InvocationType="Event", Payload=b'{"n": 1}')
    cloud.run()
    events = cloud.client("logs").filter_log_events(logGroupName="/aws/lambda/hello", filterPattern='"START RequestId"')
    starts = [e["timestamp"] for e in events["events"]]
    assert len(starts) == 3
    gaps = [(b - a) / 1000 for a, b in itertools.pairwise(starts)]
    assert gaps[0] == pytest.approx(60, abs=1)
    assert gaps[1] == pytest.approx(120, abs=1)
    assert lam._service.dropped_events == [({"n": 1}, "RetriesExhausted")]


def test_dry_run_and_event_responses(lam) -> None:
    make_function(lam)
    assert lam.invoke(FunctionName="hello", InvocationType="DryRun")["StatusCode"] == 204
    response = lam.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")
    assert response["StatusCode"] == 202
    assert response["Payload"].read() == b""


def test_async_payload_limit_is_1_mb(lam) -> None:
    """ "For asynchronous invocations, the maximum payload size is 1 MB." (API_Invoke)"""
    make_function(lam)
    big = json.dumps({"x": "a" * (1024 * 1024)})
    with pytest.raises(lam.exceptions.RequestTooLargeException):
        lam.invoke(FunctionName="hello", InvocationType="Event", Payload=big)
    assert lam.invoke(FunctionName="hello", Payload=big)["StatusCode"] == 200


def test_cpu_work_is_faster_with_more_memory(lam) -> None:
    """CPU is allocated in proportion to memory; 1,769 MB is one vCPU (configuration-memory)."""
    import re

    source = "from pocketcloud.runtime import cpu_work\ndef handler(e, c):\n    cpu_work(0.5)\n"
    durations = {}
    for memory in (128, 1769, 3538):
        make_function(lam, f"f{memory}", source=source, MemorySize=memory, Timeout=30)
        durations[memory] = float(re.search(r"\tDuration: ([\d.]+)", report(lam, f"f{memory}"))[1])  # type: ignore[index]
    assert durations[128] == pytest.approx(500 * 1769 / 128, rel=0.01)
    assert durations[1769] == pytest.approx(500, rel=0.02)
    # Single-threaded work cannot use a second vCPU.
    assert durations[3538] == pytest.approx(durations[1769], rel=0.02)


def test_init_over_10_seconds_is_retried_inside_the_first_invocation(cloud, lam) -> None:
    """ "The Init phase is limited to 10 seconds. If all three tasks don't complete within 10 seconds, Lambda retries
    the Init phase at the time of the first function invocation with the configured function timeout."
    (lambda-runtime-environment)"""
    make_function(lam, source="import time\ntime.sleep(11)\ndef handler(e, c):\n    return 'ok'\n", Timeout=30)
    response = lam.invoke(FunctionName="hello")
    assert response["Payload"].read() == b'"ok"'
    messages = [
        e["message"] for e in cloud.client("logs").filter_log_events(logGroupName="/aws/lambda/hello")["events"]
    ]
    assert any(m.startswith("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout") for m in messages)
    report_line = next(m for m in messages if m.startswith("REPORT"))
    assert float(report_line.split("\tDuration: ")[1].split(" ms")[0]) > 11_000


def test_init_that_cannot_finish_within_the_function_timeout_times_out(lam) -> None:
    make_function(lam, source="import time\ntime.sleep(20)\ndef handler(e, c):\n    return 'ok'\n", Timeout=15)
    response = lam.invoke(FunctionName="hello", LogType="Tail")
    assert response["FunctionError"] == "Unhandled"
    assert "Task timed out after 15.00 seconds" in json.loads(response["Payload"].read())["errorMessage"]


def test_changing_the_reclaim_time_applies_to_environments_already_idle(cloud, lam) -> None:
    make_function(lam)
    report(lam)
    cloud.lambda_settings.idle_reclaim_s = 30
    cloud.run(until=cloud.now + 700)  # the first check (at 600 s) sees the new, shorter setting
    assert "Init Duration" in report(lam)


def test_a_long_run_keeps_the_event_heap_small(cloud, lam) -> None:
    """Reclaim uses one pending check per environment, not one timer per invocation."""
    make_function(lam)
    for _ in range(2000):
        lam.invoke(FunctionName="hello")
    assert len(cloud.kernel._heap) <= 2
