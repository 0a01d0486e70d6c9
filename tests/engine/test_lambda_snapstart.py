"""SnapStart for Python: the snapshot at PublishVersion, restores instead of Init, runtime hooks, the uniqueness
pitfall, the log lines and the price.

Sources:
* SNAP = https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html
* HOOKS = https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-python.html
* MON = https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html
* UNIQ = https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html
* ENV = https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html (AWS_LAMBDA_INITIALIZATION_TYPE)
* PRICE = https://aws.amazon.com/lambda/pricing/ (SnapStart for Python and .NET)
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pocketcloud import pricing

from .conftest import make_function

SOURCE = """
import os
import random
from snapshot_restore_py import register_after_restore, register_before_snapshot

SEED = random.random()
order = []

@register_before_snapshot
def first():
    order.append("before-1")

@register_before_snapshot
def second():
    order.append("before-2")

@register_after_restore
def restored():
    order.append("after")
    print("after-restore hook ran")

def handler(event, context):
    return {"seed": SEED, "order": order, "type": os.environ["AWS_LAMBDA_INITIALIZATION_TYPE"],
            "stream": os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")}
"""


def snap_function(lam, name: str = "snap", source: str = SOURCE, **extra):  # type: ignore[no-untyped-def]
    return make_function(lam, name, source, SnapStart={"ApplyOn": "PublishedVersions"}, **extra)


def test_publish_takes_the_snapshot_and_versions_restore(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """SNAP: "Lambda initializes your function when you publish a function version"; new environments of the
    version resume from the snapshot. MON: the stream starts with RESTORE_START and RESTORE_REPORT; the REPORT has
    Restore Duration and Billed Restore Duration and no Init Duration. ENV: AWS_LAMBDA_INITIALIZATION_TYPE is
    snap-start; MON: AWS_LAMBDA_LOG_STREAM_NAME is not set."""
    snap_function(lam)
    assert lam.get_function_configuration(FunctionName="snap")["SnapStart"] == {
        "ApplyOn": "PublishedVersions",
        "OptimizationStatus": "Off",  # $LATEST is never optimised
    }
    version = lam.publish_version(FunctionName="snap")
    assert version["SnapStart"] == {"ApplyOn": "PublishedVersions", "OptimizationStatus": "On"}
    body = json.loads(lam.invoke(FunctionName="snap", Qualifier="1", Payload=b"{}")["Payload"].read())
    assert body["type"] == "snap-start" and body["stream"] is None
    (run,) = cloud.lambda_trace.filter("snap")
    assert run.start_kind == "restore" and run.init_duration_ms is None and run.restore_duration_ms > 0
    logs = cloud.client("logs")
    lines = [
        e["message"]
        for e in logs.get_log_events(logGroupName="/aws/lambda/snap", logStreamName=run.log_stream_name)["events"]
    ]
    assert lines[0].startswith("RESTORE_START Runtime Version: ")
    assert lines[2] == f"RESTORE_REPORT Restore Duration: {run.restore_duration_ms:.2f} ms"
    report = lines[-1]
    assert f"Restore Duration: {run.restore_duration_ms:.2f} ms" in report
    assert f"Billed Restore Duration: {run.billed_restore_ms} ms" in report and "Init Duration" not in report
    # The Init ran at publish, in a stream of its own ending with INIT_REPORT (MON).
    streams = logs.describe_log_streams(logGroupName="/aws/lambda/snap")["logStreams"]
    assert len(streams) == 2
    # $LATEST does not use the snapshot: a normal cold start
    lam.invoke(FunctionName="snap", Payload=b"{}")
    assert cloud.lambda_trace.invocations[-1].start_kind == "cold"


def test_hooks_run_in_the_documented_order(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """HOOKS: before-snapshot hooks run "in the reverse order of registration" before the snapshot, after-restore
    hooks "in the order of registration" when an environment resumes; their output is in the restore's log."""
    snap_function(lam)
    lam.publish_version(FunctionName="snap")
    body = json.loads(lam.invoke(FunctionName="snap", Qualifier="1", Payload=b"{}")["Payload"].read())
    assert body["order"] == ["before-2", "before-1", "after"]
    run = cloud.lambda_trace.invocations[-1]
    logs = cloud.client("logs")
    events = logs.get_log_events(logGroupName="/aws/lambda/snap", logStreamName=run.log_stream_name)["events"]
    assert "after-restore hook ran" in events[1]["message"]


def test_restored_environments_share_the_snapshot_state(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """UNIQ: "any state defined during initialization, such as random number generators ... is shared across all
    execution environments restored from that snapshot": two environments restored at once draw the same seed."""
    sleepy = SOURCE.replace(
        "def handler(event, context):\n", "def handler(event, context):\n    __import__('time').sleep(1)\n"
    )
    snap_function(lam, "snap2", sleepy, Timeout=10)
    lam.publish_version(FunctionName="snap2")
    for _ in range(2):
        lam.invoke(FunctionName="snap2", Qualifier="1", InvocationType="Event", Payload=b"{}")
    cloud.run(until=5)
    runs = cloud.lambda_trace.filter("snap2")
    assert len({r.env_name for r in runs}) == 2 and all(r.start_kind == "restore" for r in runs)
    seeds = {json.loads(r.payload)["seed"] for r in runs}
    assert len(seeds) == 1


def test_snapstart_is_refused_where_aws_refuses_it(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """SNAP: Python 3.12 and later only ("nodejs22.x is not supported for SnapStart enabled functions" is AWS's
    wording for another runtime); no ephemeral storage above 512 MB; no provisioned concurrency."""
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as err:
        snap_function(lam, "old", Runtime="python3.11")
    assert err.value.response["Error"]["Message"] == "python3.11 is not supported for SnapStart enabled functions."
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        snap_function(lam, "big", EphemeralStorage={"Size": 1024})
    snap_function(lam)
    lam.publish_version(FunctionName="snap")
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.put_provisioned_concurrency_config(FunctionName="snap", Qualifier="1", ProvisionedConcurrentExecutions=1)


def test_a_failing_after_restore_hook_fails_the_invocation(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """HOOKS: an after-restore hook that raises fails the restore (AWS answers SnapStartException); pocketcloud
    reports a function error with the hook's exception, and the environment is not reused."""
    broken = SOURCE.replace('    order.append("after")\n', '    raise RuntimeError("no database")\n')
    snap_function(lam, source=broken)
    lam.publish_version(FunctionName="snap")
    response = lam.invoke(FunctionName="snap", Qualifier="1", Payload=b"{}")
    assert response["FunctionError"] == "Unhandled"
    assert json.loads(response["Payload"].read())["errorType"] == "RuntimeError"
    lam.invoke(FunctionName="snap", Qualifier="1", Payload=b"{}")
    first, second = cloud.lambda_trace.filter("snap")
    assert first.env_name != second.env_name


def test_snapstart_price() -> None:
    """PRICE: a cache charge per GB-second while the version exists (at least 3 hours) and a restore charge per GB,
    by memory size: 1,024 MB cached for a day and restored 1,000 times."""
    cost = pricing.snapstart_cost(1024, 86_400, 1000)
    assert cost.cache_usd == Decimal(86_400) * Decimal("0.0000015046")
    assert cost.restore_usd == Decimal(1000) * Decimal("0.0001397998")
    assert pricing.snapstart_cost(1024, 60, 0).cache_gb_seconds == Decimal(3 * 3600)
