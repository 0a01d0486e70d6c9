"""Helpers for the Application Auto Scaling tests: a Lambda alias to scale, a registered target, a custom metric."""

from __future__ import annotations

from typing import Any

import pocketcloud

from .conftest import make_function

DIMENSION = "lambda:function:ProvisionedConcurrency"
RESOURCE = "function:api:live"
TARGET = {"ServiceNamespace": "lambda", "ResourceId": RESOURCE, "ScalableDimension": DIMENSION}


#: A handler that spends half a second per request (virtual time), so that requests overlap.
SLOW = "import time\ndef handler(event, context):\n    time.sleep(0.5)\n    return {}\n"


def alias(cloud: pocketcloud.Cloud, name: str = "api") -> None:
    """A function (0.5 s a request) with version 1 and the alias ``live`` pointing at it."""
    lam = cloud.client("lambda")
    make_function(lam, name, SLOW, Publish=True)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")


def registered(cloud: pocketcloud.Cloud, low: int = 1, high: int = 20) -> Any:
    """The alias, registered as a scalable target; the application-autoscaling client."""
    alias(cloud)
    aas = cloud.client("application-autoscaling")
    aas.register_scalable_target(**TARGET, MinCapacity=low, MaxCapacity=high)
    return aas


def capacity(cloud: pocketcloud.Cloud) -> int:
    lam = cloud.client("lambda")
    try:
        found = lam.get_provisioned_concurrency_config(FunctionName="api", Qualifier="live")
    except pocketcloud.ClientError:
        return 0
    value: int = found["RequestedProvisionedConcurrentExecutions"]
    return value


def busy_metric(**extra: Any) -> dict[str, Any]:
    """A customized metric the tests publish themselves (``App``/``Busy``), average per minute."""
    spec: dict[str, Any] = {"Namespace": "App", "MetricName": "Busy", "Statistic": "Average"}
    spec.update(extra)
    return spec


def publish(cloud: pocketcloud.Cloud, value: float, minutes: int, start: float | None = None) -> None:
    """One ``App``/``Busy`` data point in the middle of each of the next ``minutes`` minutes, running the clock."""
    cw = cloud.client("cloudwatch")
    begin = cloud.now if start is None else start
    for minute in range(minutes):
        cloud.run(until=max(cloud.now, begin + minute * 60 + 30))
        cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Busy", "Value": value}])
    cloud.run(until=begin + minutes * 60 + 1)


def activities(aas: Any, include: bool = False) -> list[dict[str, Any]]:
    """The target's activities, oldest first."""
    found: list[dict[str, Any]] = aas.describe_scaling_activities(
        ServiceNamespace="lambda", ResourceId=RESOURCE, ScalableDimension=DIMENSION,
        IncludeNotScaledActivities=include,
    )["ScalingActivities"]  # fmt: skip
    return found[::-1]
