"""Concurrency and throttling: the account quota, GetAccountSettings, reserved and provisioned concurrency, the
request rate, the scaling rate, and what a throttled request becomes (429, requeued, counted).

Sources:
* CONC = https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
* SCALE = https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html
* QUOTAS = https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
* GAS = https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html
* CONFIG = https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
* ASYNC = https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
* METRICS = https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
* botocore's Lambda model (``lambda/2015-03-31``): ``TooManyRequestsException`` (429) and its ``ThrottleReason`` enum
"""

from __future__ import annotations

import json

import pytest

import pocketcloud
from pocketcloud import ParamValidationError, traffic
from pocketcloud.metrics import dimensions
from pocketcloud.services.awslambda.service import LambdaService

from .conftest import make_function

SLOW = "import time\ndef handler(event, context):\n    time.sleep(1)\n    return event\n"


def total(cloud: pocketcloud.Cloud, name: str, dims: dict[str, str] | None = None) -> float:
    series = cloud.metrics.series("AWS/Lambda", name, dimensions(dims))
    return sum(series.values) if series is not None else 0.0


def test_get_account_settings_defaults(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """GAS and QUOTAS: 1,000 concurrent executions by default, 75 GB code storage, 50 MB zipped, 250 MB unzipped;
    UnreservedConcurrentExecutions is the account's concurrency minus reserved concurrency; AccountUsage counts
    functions and the code they store."""
    make_function(lam, "a")
    settings = lam.get_account_settings()
    assert settings["AccountLimit"] == {
        "TotalCodeSize": 80_530_636_800,
        "CodeSizeUnzipped": 262_144_000,
        "CodeSizeZipped": 52_428_800,
        "ConcurrentExecutions": 1000,
        "UnreservedConcurrentExecutions": 1000,
    }
    code_size = lam.get_function(FunctionName="a")["Configuration"]["CodeSize"]
    assert settings["AccountUsage"] == {"TotalCodeSize": code_size, "FunctionCount": 1}


def test_reserved_and_provisioned_concurrency_leave_the_unreserved_pool(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """CONC: reserved concurrency is set aside for a function; "Provisioned concurrency counts towards a function's
    reserved concurrency and Regional quotas", so the provisioned concurrency of a function without reserved
    concurrency comes out of the unreserved pool too."""
    make_function(lam, "a")
    make_function(lam, "b")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=300)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 700
    version = lam.publish_version(FunctionName="b")["Version"]
    lam.put_provisioned_concurrency_config(FunctionName="b", Qualifier=version, ProvisionedConcurrentExecutions=5)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 695
    lam.delete_function_concurrency(FunctionName="a")
    lam.delete_provisioned_concurrency_config(FunctionName="b", Qualifier=version)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 1000


def test_reserving_keeps_100_unreserved_after_other_functions_provisioned_concurrency(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """CONFIG ("You can reserve up to the Unreserved account concurrency value that is shown, minus 100") and CONC
    (provisioned concurrency of a function without reserved concurrency comes out of the unreserved pool): with 50
    provisioned for another function, reserving 851 of 1,000 would leave 99. A function's own provisioned
    concurrency moves inside its reservation, so it does not count twice."""
    make_function(lam, "a")
    make_function(lam, "b")
    version = lam.publish_version(FunctionName="b")["Version"]
    lam.put_provisioned_concurrency_config(FunctionName="b", Qualifier=version, ProvisionedConcurrentExecutions=50)
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as err:
        lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=851)
    assert err.value.response["Error"]["Message"] == (
        "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution "
        "below its minimum value of [100]."
    )
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=850)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 100
    lam.delete_function_concurrency(FunctionName="a")
    lam.put_function_concurrency(FunctionName="b", ReservedConcurrentExecutions=900)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 100


def test_negative_concurrency_values_are_refused(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """API_PutFunctionConcurrency: ReservedConcurrentExecutions "Valid Range: Minimum value of 0";
    API_PutProvisionedConcurrencyConfig: ProvisionedConcurrentExecutions "Minimum value of 1". botocore checks
    both ranges before sending (its model's ``min``), so the learner sees boto3's ParamValidationError, with the
    range in its message; nothing changes."""
    make_function(lam, "a")
    version = lam.publish_version(FunctionName="a")["Version"]
    with pytest.raises(ParamValidationError, match="valid min value: 0"):
        lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=-1)
    with pytest.raises(ParamValidationError, match="valid min value: 1"):
        lam.put_provisioned_concurrency_config(FunctionName="a", Qualifier=version, ProvisionedConcurrentExecutions=0)
    assert lam.get_function_concurrency(FunctionName="a").get("ReservedConcurrentExecutions") is None
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 1000


def test_account_concurrency_is_a_cloud_setting(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """QUOTAS: "Concurrent executions" (Service Quotas code L-B99A9384) is raised on request; a pocketcloud lab sets
    ``cloud.lambda_settings.account_concurrency``, and the 100-unreserved minimum follows the new quota."""
    cloud.lambda_settings.account_concurrency = 3000
    make_function(lam, "a")
    assert lam.get_account_settings()["AccountLimit"]["ConcurrentExecutions"] == 3000
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=2900)
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as err:
        lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=2901)
    assert "below its minimum value of [100]" in err.value.response["Error"]["Message"]


def test_reserved_zero_throttles_every_sync_call_with_its_reason(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """CONC: reserved concurrency 0 stops all invocations; a throttled synchronous call is TooManyRequestsException
    (429) with Reason ReservedFunctionConcurrentInvocationLimitExceeded. METRICS: Throttles counts it, Invocations
    does not."""
    make_function(lam, "a")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=0)
    with pytest.raises(lam.exceptions.TooManyRequestsException) as err:
        lam.invoke(FunctionName="a", Payload=b"{}")
    response = err.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"
    assert response["Error"]["Message"] == "Rate Exceeded."
    assert total(cloud, "Throttles", {"FunctionName": "a"}) == 1
    assert total(cloud, "Invocations", {"FunctionName": "a"}) == 0
    (throttle,) = cloud.lambda_trace.throttles
    assert (throttle.function, throttle.path, throttle.check) == ("a", "sync", "concurrency")


def test_account_concurrency_throttles_sync_calls_while_async_work_runs(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """CONC: functions without reserved concurrency share the unreserved pool; past it, Reason
    ConcurrentInvocationLimitExceeded. Here the quota is 3 and three async events keep it busy for a second."""
    cloud.lambda_settings.account_concurrency = 3
    make_function(lam, "a", SLOW, Timeout=10)
    for n in range(3):
        lam.invoke(FunctionName="a", InvocationType="Event", Payload=json.dumps({"n": n}))
    cloud.run(until=0.5)
    with pytest.raises(lam.exceptions.TooManyRequestsException) as err:
        lam.invoke(FunctionName="a", Payload=b"{}")
    assert err.value.response["Reason"] == "ConcurrentInvocationLimitExceeded"
    cloud.run()
    assert lam.invoke(FunctionName="a", Payload=b"{}")["StatusCode"] == 200


def test_throttled_async_events_are_requeued_with_backoff(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """ASYNC: "For throttling errors (429) ... Lambda returns the event to the queue and attempts to run the function
    again for up to 6 hours. The retry interval increases exponentially from 1 second after the first attempt to a
    maximum of 5 minutes." Nothing is lost: every event runs, and each throttle is counted (METRICS: Throttles)."""
    make_function(lam, "a", SLOW, Timeout=10)
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=1)
    for n in range(3):
        lam.invoke(FunctionName="a", InvocationType="Event", Payload=json.dumps({"n": n}))
    cloud.run()
    runs = cloud.lambda_trace.filter("a")
    assert len(runs) == 3 and all(r.path == "async" for r in runs)
    assert total(cloud, "Invocations", {"FunctionName": "a"}) == 3
    throttles = [t for t in cloud.lambda_trace.throttles if t.function == "a"]
    assert throttles and all(t.reason == "ReservedFunctionConcurrentInvocationLimitExceeded" for t in throttles)
    assert total(cloud, "Throttles", {"FunctionName": "a"}) == len(throttles)
    # the queue wait of the later events covers their back-off (1 s, then 2 s ...): it is in the trace
    waits = sorted(r.queue_wait_s for r in runs)
    assert waits[0] < 0.1 and waits[1] >= 1.0 and waits[2] >= 2.0
    assert not cloud.backend("lambda", LambdaService).async_events


def test_reserved_zero_sends_async_events_away_without_retries(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """ASYNC: with reserved concurrency 0, "Lambda begins sending new events to the configured dead-letter queue or
    the on-failure event destination, without any retries"; with neither, the event is dropped and counted
    (METRICS: AsyncEventsDropped) and the attempt is a throttle."""
    make_function(lam, "a")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=0)
    lam.invoke(FunctionName="a", InvocationType="Event", Payload=b"{}")
    cloud.run()
    assert total(cloud, "AsyncEventsReceived", {"FunctionName": "a"}) == 1
    assert total(cloud, "AsyncEventsDropped", {"FunctionName": "a"}) == 1
    assert total(cloud, "Throttles", {"FunctionName": "a"}) == 1
    assert total(cloud, "Invocations", {"FunctionName": "a"}) == 0


def test_request_rate_is_ten_times_the_concurrency(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """CONC ("Concurrency versus requests per second"): "Lambda also imposes a requests per second limit ... equal
    to 10 times your account concurrency", and reserved concurrency limits a function's rate the same way.
    pocketcloud counts requests in one-second windows of virtual time (a model). Reasons from the ThrottleReason
    enum: ReservedFunctionInvocationRateLimitExceeded, FunctionInvocationRateLimitExceeded."""
    make_function(lam, "a", "def handler(event, context):\n    return 1\n")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=1)
    for _ in range(10):
        lam.invoke(FunctionName="a", Payload=b"{}")
    assert cloud.now < 1.0
    with pytest.raises(lam.exceptions.TooManyRequestsException) as err:
        lam.invoke(FunctionName="a", Payload=b"{}")
    assert err.value.response["Reason"] == "ReservedFunctionInvocationRateLimitExceeded"
    cloud.run(until=1.0)
    assert lam.invoke(FunctionName="a", Payload=b"{}")["StatusCode"] == 200


def test_scaling_rate_is_1000_new_environments_per_10_seconds(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """SCALE: "for each function, your concurrency scaling rate is 1,000 execution environment instances every 10
    seconds"; "Lambda makes a best attempt to refill your concurrency scaling rate continuously"; requests that
    arrive faster than the function can scale are throttled (429). 1,200 async events arrive at once with the
    account quota raised: 1,000 environments start at once, the rest are throttled and requeued, and the next ones
    start as the budget refills (100 per second)."""
    cloud.lambda_settings.account_concurrency = 5000
    cloud.lambda_trace.limit = 5000  # keep every record of the burst (the default keeps the last 1,000)
    make_function(lam, "burst", Timeout=60)
    # The handler's work as a model (30 s per invocation), so 1,200 environments cost little to simulate; the
    # admission checks are the same for code and models.
    traffic.Workload(duration_ms=30_000).attach(cloud, "burst")
    for _ in range(1200):
        lam.invoke(FunctionName="burst", InvocationType="Event", Payload=b"{}")
    cloud.run(until=0.5)
    assert len(cloud.lambda_trace.filter("burst", start="cold")) == 1000
    scaling = [t for t in cloud.lambda_trace.throttles if t.check == "scaling rate"]
    assert len(scaling) == 200 and all(t.reason == "ConcurrentInvocationLimitExceeded" for t in scaling)
    cloud.run(until=1.5)  # the throttled events come back after 1 s; 100 new environments' worth has refilled
    started = len(cloud.lambda_trace.filter("burst", start="cold"))
    assert 1000 < started <= 1100
    cloud.run()
    assert len(cloud.lambda_trace.filter("burst")) == 1200  # nothing lost


def test_provisioned_concurrency_spills_over_to_on_demand(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """CONC and METRICS: requests beyond an alias's provisioned concurrency run on on-demand (unreserved)
    environments; ProvisionedConcurrencyInvocations counts those on provisioned environments,
    ProvisionedConcurrencySpilloverInvocations the others."""
    make_function(lam, "api", SLOW, Timeout=10)
    version = lam.publish_version(FunctionName="api")["Version"]
    lam.create_alias(FunctionName="api", Name="live", FunctionVersion=version)
    lam.put_provisioned_concurrency_config(FunctionName="api", Qualifier="live", ProvisionedConcurrentExecutions=2)
    cloud.run()
    for _ in range(3):
        lam.invoke(FunctionName="api", Qualifier="live", InvocationType="Event", Payload=b"{}")
    cloud.run()
    kinds = sorted(r.start_kind for r in cloud.lambda_trace.filter("api"))
    assert kinds == ["cold", "provisioned", "provisioned"]
    dims = {"FunctionName": "api", "Resource": "api:live"}
    assert total(cloud, "ProvisionedConcurrencyInvocations", dims) == 2
    assert total(cloud, "ProvisionedConcurrencySpilloverInvocations", dims) == 1
    utilisation = cloud.metrics.series("AWS/Lambda", "ProvisionedConcurrencyUtilization", dimensions(dims))
    assert utilisation is not None and max(utilisation.values) == 1.0
    # the alias's invocations also carry the ExecutedVersion dimension
    assert total(cloud, "Invocations", dict(dims, ExecutedVersion=version)) == 3


def test_unreserved_concurrent_executions_metric(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """METRICS: UnreservedConcurrentExecutions is "the number of events that functions without reserved concurrency
    are processing"; ConcurrentExecutions per function and account-wide. A reserved function does not count."""
    make_function(lam, "free", SLOW, Timeout=10)
    make_function(lam, "kept", SLOW, Timeout=10)
    lam.put_function_concurrency(FunctionName="kept", ReservedConcurrentExecutions=10)
    for name in ("free", "free", "kept"):
        lam.invoke(FunctionName=name, InvocationType="Event", Payload=b"{}")
    cloud.run()
    unreserved = cloud.metrics.series("AWS/Lambda", "UnreservedConcurrentExecutions", ())
    assert unreserved is not None and max(unreserved.values) == 2
    account = cloud.metrics.series("AWS/Lambda", "ConcurrentExecutions", ())
    assert account is not None and max(account.values) == 3
    free = cloud.metrics.series("AWS/Lambda", "ConcurrentExecutions", dimensions(FunctionName="free"))
    assert free is not None and max(free.values) == 2


def test_a_throttled_backlog_of_async_events_drains_and_each_event_is_its_own(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """ASYNC: throttled events are requeued, none lost. Each queued event is one delivery: two events with the same
    payload are still two (the queue compares them by identity, so a backlog of thousands drains in linear time)."""
    from pocketcloud.services.awslambda.async_queue import QueuedEvent

    make_function(lam, "a")
    traffic.Workload(duration_ms=300).attach(cloud, "a")
    lam.put_function_concurrency(FunctionName="a", ReservedConcurrentExecutions=5)
    run = traffic.drive(cloud, traffic.constant(rate=200, duration=5), traffic.async_("a", payload={"same": 1}))
    cloud.run()
    assert run.accepted == 1000
    assert total(cloud, "Invocations", {"FunctionName": "a"}) == 1000
    assert total(cloud, "Throttles", {"FunctionName": "a"}) > 0
    assert not cloud.backend("lambda", LambdaService).async_events
    target = cloud.backend("lambda", LambdaService).resolve("a")
    one, other = QueuedEvent(target, {"same": 1}, 0.0, "r"), QueuedEvent(target, {"same": 1}, 0.0, "r")
    assert one != other and [one, other].index(other) == 1
