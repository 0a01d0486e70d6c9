"""The synchronous traffic stream (``services/awslambda/stream.py``): ``traffic.sync`` takes a run's arrivals and
finishes in stretches instead of one kernel event each, and every simulated fact must be the one the
per-request path (``traffic.sync(..., batched=False)``) gives: the same requests admitted or throttled, the same
environments, cold and warm starts, request IDs, durations, logs, metrics and tallies, in the same order.

Each test runs one scenario both ways and compares everything Lambda recorded. The behaviour itself (throttle
reasons, the scaling rate, billing, the metrics' definitions) is tested against the AWS documentation elsewhere
(``test_lambda_traffic.py``, ``test_lambda_concurrency*.py``); here the per-request path is the reference.
Sources for what the scenarios exercise:
* CONCURRENCY = https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html (reserved concurrency, 429s)
* PROVISIONED = https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html (spill-over)
* ALIAS = https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html (weighted routing)
* TIMEOUT = https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError, traffic
from pocketcloud.services.awslambda.records import Invocation
from pocketcloud.services.awslambda.service import LambdaService

CODE = {"app.py": "def handler(event, context):\n    return {'ok': True}\n"}
_FIELDS = [name for name in Invocation.__slots__ if name not in ("env", "_lines")]


def _cloud(timeout: int = 3) -> tuple[pocketcloud.Cloud, Any, LambdaService]:
    cloud = pocketcloud.Cloud(seed=7)
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="api",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/stream",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code(CODE)},
        Timeout=timeout,
    )
    service = cloud.backend("lambda", LambdaService)
    service.trace.limit = 100_000
    return cloud, lam, service


def _facts(cloud: pocketcloud.Cloud, service: LambdaService, runs: list[traffic.TrafficRun]) -> dict[str, Any]:
    """Everything the scenario left behind, as plain data."""
    logs = cloud.client("logs")
    streams = {}
    for group in sorted(service.logs.groups):
        for stream in sorted(service.logs.groups[group].streams):
            events = logs.get_log_events(logGroupName=group, logStreamName=stream, startFromHead=True, limit=10_000)
            streams[(group, stream)] = [(e["timestamp"], e["message"]) for e in events["events"]]
    return {
        "runs": [(r.sent, r.ok, r.errors, r.throttled, r.accepted, r.throttled_at) for r in runs],
        "invocations": [
            [getattr(inv, name) for name in _FIELDS] + [inv.env_name, inv.host, inv.slot]
            for inv in service.trace.invocations
        ],
        "throttles": list(service.trace.throttles),
        "metrics": [(s.namespace, s.name, s.dimensions, s.unit, list(s.times), list(s.values)) for s in cloud.metrics],
        "logs": streams,
        "recent": list(service.recent),
        "now": cloud.now,
        "next_request_id": cloud.new_request_id(),
    }


def _both(scenario: Callable[[bool], dict[str, Any]]) -> dict[str, Any]:
    streamed, one_by_one = scenario(True), scenario(False)
    for key in one_by_one:
        assert streamed[key] == one_by_one[key], key
    return streamed


def test_a_modelled_day_with_throttles_and_errors_is_the_same_either_way() -> None:
    """Reserved concurrency too small for the peak: 429s (CONCURRENCY), function errors, cold and warm starts."""

    def scenario(batched: bool) -> dict[str, Any]:
        cloud, lam, service = _cloud()
        lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=3)
        traffic.Workload(duration_ms=60, spread=0.4, errors=0.02).attach(cloud, "api")
        pattern = traffic.daily(peak=40, trough=0.5, duration=3_600, peak_at=1_800, poisson=True)
        run = traffic.drive(cloud, pattern, traffic.sync("api", batched=batched))
        cloud.run(until=3_700)
        return _facts(cloud, service, [run])

    facts = _both(scenario)
    sent, ok, errors, throttled, _accepted, _at = facts["runs"][0]
    assert sent == ok + errors + throttled and throttled > 0 and errors > 0


def test_provisioned_alias_spill_over_and_routing_are_the_same_either_way() -> None:
    """An alias with provisioned concurrency (spill-over to on-demand, PROVISIONED), weighted routing to a second
    version (ALIAS) and reserved concurrency throttling a spike."""

    def scenario(batched: bool) -> dict[str, Any]:
        cloud, lam, service = _cloud()
        traffic.Workload(duration_ms=300, spread=0.8, errors=0.05).attach(cloud, "api")
        one = lam.publish_version(FunctionName="api")["Version"]
        lam.update_function_configuration(FunctionName="api", MemorySize=256)
        cloud.run(until=1)
        two = lam.publish_version(FunctionName="api")["Version"]
        lam.create_alias(
            FunctionName="api", Name="live", FunctionVersion=one, RoutingConfig={"AdditionalVersionWeights": {two: 0.3}}
        )
        lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=20)
        lam.put_provisioned_concurrency_config(FunctionName="api", Qualifier="live", ProvisionedConcurrentExecutions=5)
        cloud.run(until=120)
        pattern = traffic.spike(base=5, peak=200, at=30, length=10, duration=120)
        run = traffic.drive(cloud, pattern, traffic.sync("api", qualifier="live", batched=batched))
        cloud.run(until=400)
        return _facts(cloud, service, [run])

    facts = _both(scenario)
    assert any(inv[_FIELDS.index("provisioned")] for inv in facts["invocations"])
    assert {inv[_FIELDS.index("version")] for inv in facts["invocations"]} == {"1", "2"}


def test_timeouts_code_and_two_functions_are_the_same_either_way() -> None:
    """Modelled invocations past the function's timeout (TIMEOUT: the environment is reset), a second function
    running real code, and both streams sharing the account's metrics."""

    def scenario(batched: bool) -> dict[str, Any]:
        cloud, lam, service = _cloud(timeout=1)
        traffic.Workload(duration_ms=900, spread=0.3).attach(cloud, "api")
        lam.create_function(
            FunctionName="code",
            Runtime="python3.13",
            Role="arn:aws:iam::123456789012:role/stream",
            Handler="app.handler",
            Code={"ZipFile": pocketcloud.zip_code(CODE)},
        )
        first = traffic.drive(cloud, traffic.constant(20, 30), traffic.sync("api", batched=batched))
        second = traffic.drive(cloud, traffic.poisson(3, 30), traffic.sync("code", batched=batched), seed=1)
        cloud.run()
        return _facts(cloud, service, [first, second])

    facts = _both(scenario)
    statuses = {inv[_FIELDS.index("status")] for inv in facts["invocations"]}
    assert "timeout" in statuses and facts["runs"][1][1] > 0


def test_other_events_at_the_same_instant_keep_the_kernels_order() -> None:
    """Arrivals every 0.1 s and 100 ms invocations tie with each other and with a probe scheduled at the same
    instants: the probe sees the same concurrency, trace and clock as with one kernel event per request."""

    def scenario(batched: bool) -> dict[str, Any]:
        cloud, _lam, service = _cloud()
        traffic.Workload(duration_ms=100).attach(cloud, "api")
        seen: list[tuple[float, int, int]] = []

        def probe() -> None:
            function = service.functions["api"]
            seen.append((cloud.now, function.in_flight, service.trace.total))

        for k in range(0, 50):
            cloud.kernel.call_at(k * 0.1, probe)
        run = traffic.drive(cloud, traffic.constant(10, 5), traffic.sync("api", batched=batched))
        for k in range(0, 50):
            cloud.kernel.call_at(k * 0.1, probe)
        cloud.run()
        return dict(_facts(cloud, service, [run]), probe=seen)

    facts = _both(scenario)
    assert len(facts["probe"]) == 100


def test_a_run_until_a_time_stops_the_stream_there_and_resumes_it() -> None:
    """``cloud.run(until=t)`` runs nothing after ``t``; the next run carries on as if it had been one run."""

    def scenario(batched: bool, stops: tuple[float, ...]) -> dict[str, Any]:
        cloud, _lam, service = _cloud()
        traffic.Workload(duration_ms=250, spread=0.5).attach(cloud, "api")
        run = traffic.drive(cloud, traffic.poisson(30, 60), traffic.sync("api", batched=batched))
        for stop in stops:
            cloud.run(until=stop)
            assert all(inv.started_at <= stop for inv in service.trace.invocations)
        return _facts(cloud, service, [run])

    whole = scenario(False, (100,))
    for batched in (True, False):
        parts = scenario(batched, (0.5, 7.25, 7.25, 33.3, 100))
        assert parts == whole


def test_a_deleted_function_fails_the_next_request_and_keeps_the_ones_in_flight() -> None:
    """Deleting the function between two requests: the next request raises ResourceNotFoundException out of the
    run, as one request does; the invocations already running still finish and report."""

    def scenario(batched: bool) -> tuple[int, int, str, float]:
        cloud, lam, _service = _cloud()
        traffic.Workload(duration_ms=500).attach(cloud, "api")
        run = traffic.drive(cloud, traffic.constant(10, 10), traffic.sync("api", batched=batched))
        cloud.run(until=2.05)
        lam.delete_function(FunctionName="api")
        with pytest.raises(ClientError) as raised:
            cloud.run(until=20)
        error = raised.value.response["Error"]["Code"]
        cloud.run(until=20)
        return run.sent, run.ok, error, cloud.now

    streamed = scenario(True)
    assert streamed == scenario(False)
    sent, ok, error, _now = streamed
    assert error == "ResourceNotFoundException" and sent == 22 and ok == 21


def test_request_ids_are_the_uuid4_strings_of_the_seeded_bits() -> None:
    """A request ID is ``str(uuid.UUID(int=bits))`` of the seeded 128 bits with the version-4 and variant bits
    set: the bytes-based formatting gives exactly that string."""
    cloud = pocketcloud.Cloud(seed="ids")
    source = random.Random("ids:ids")
    for _ in range(200):
        bits = source.getrandbits(128)
        expected = uuid.UUID(int=bits, version=4)
        assert cloud.new_request_id() == str(expected)


def test_poisson_arrivals_are_expovariate_draws() -> None:
    """Poisson gaps are written out as ``random.expovariate``'s formula: the same arrival times as its draws."""
    pattern = traffic.poisson(7.5, 200)
    drawn = list(pattern.arrivals(random.Random("gaps")))
    source = random.Random("gaps")
    expected, t = [], source.expovariate(7.5)
    while t < 200:
        expected.append(t)
        t += source.expovariate(7.5)
    assert drawn == expected and len(drawn) > 1_000


def test_the_records_a_stream_hands_over_say_what_their_report_lines_say() -> None:
    """``ran`` gets each finished invocation's record (the side-by-side comparison reads it instead of parsing a
    log tail): its Billed Duration and Init Duration are the ones its REPORT line prints."""
    cloud, lam, service = _cloud()
    traffic.Workload(duration_ms=80, spread=0.5, init_ms=250).attach(cloud, "api")
    records: list[Invocation] = []
    answers: list[str] = []
    stream = lam.prepare_invoke(FunctionName="api", Payload=b"{}").stream
    source = random.Random(3)
    stream(
        iter(sorted(source.uniform(0, 30) for _ in range(300))),
        lambda: None,
        lambda outcome, _arrival, _at: answers.append(outcome),
        records.append,
    )
    cloud.run()
    assert len(records) == len(answers) == 300 and any(r.init_duration_ms is not None for r in records)
    lines = {}
    for group in service.logs.groups.values():
        for log_stream in group.streams:
            events = cloud.client("logs").get_log_events(
                logGroupName=group.name, logStreamName=log_stream, startFromHead=True, limit=10_000
            )["events"]
            for event in events:
                if event["message"].startswith("REPORT RequestId: "):
                    lines[event["message"].split()[2]] = event["message"]
    for record in records:
        line = lines[record.request_id]
        assert f"Billed Duration: {record.billed_duration_ms} ms" in line
        init = record.init_duration_ms
        assert ("Init Duration" in line) == (init is not None)
        if init is not None:
            assert f"Init Duration: {init:.2f} ms" in line


def test_a_stream_is_for_synchronous_requests() -> None:
    """Only a RequestResponse request streams; an Event request is sent one kernel event each."""
    lam = _cloud()[1]
    with pytest.raises(ValueError, match="synchronous"):
        lam.prepare_invoke(FunctionName="api", InvocationType="Event").stream(iter([1.0]), lambda: None, print)
