"""A workload model (``traffic.Workload``) belongs to the function, so traffic through any of its names runs it.

Lambda's metrics carry ``ExecutedVersion`` for invocations through an alias or a version
(https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html), and a qualifier that names nothing is
refused as Invoke refuses it, with ResourceNotFoundException
(https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors).
"""

from __future__ import annotations

import pytest

import pocketcloud
from pocketcloud import traffic
from pocketcloud.errors import ServiceError

from .conftest import make_function


def test_a_workload_runs_for_traffic_to_a_version_or_an_alias() -> None:
    """The handler's code, which would fail, never runs: each of the three names runs the model, whichever name
    attached it; the alias's data points carry ``ExecutedVersion``; an unknown qualifier is refused."""
    cloud = pocketcloud.Cloud(seed=1)
    lam = cloud.client("lambda")
    make_function(lam, "api", source="def handler(event, context):\n    raise RuntimeError('code ran')\n")
    lam.publish_version(FunctionName="api")
    lam.create_alias(FunctionName="api", Name="live", FunctionVersion="1")
    traffic.Workload(duration_ms=50).attach(cloud, "api:live")
    runs = [
        traffic.drive(cloud, traffic.constant(5, 10), traffic.sync("api:live")),
        traffic.drive(cloud, traffic.constant(5, 10), traffic.sync("api", qualifier="1"), seed=1),
        traffic.drive(cloud, traffic.constant(5, 10), traffic.sync("api"), seed=2),
    ]
    cloud.run()
    assert [(run.sent, run.ok, run.errors) for run in runs] == [(50, 50, 0)] * 3
    assert {inv.duration_ms for inv in cloud.lambda_trace.invocations} == {50.0}
    executed = cloud.metrics.find("AWS/Lambda", "Invocations", ExecutedVersion="1")
    assert [len(series) for series in executed] == [50]
    with pytest.raises(ServiceError) as refused:
        traffic.Workload().attach(cloud, "api:nope")
    assert refused.value.code == "ResourceNotFoundException"
