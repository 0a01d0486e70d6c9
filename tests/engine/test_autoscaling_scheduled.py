"""Scheduled scaling: PutScheduledAction with at/rate/cron expressions and a time zone, on the virtual clock.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
- https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
- https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html
- "At least one of minimum capacity and maximum capacity should be provided" (AWS's answer quoted in
  aws-cloudformation/community-registry-extensions#255)
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import pocketcloud
from pocketcloud.timeutil import to_datetime

from .autoscaling_support import TARGET, activities, capacity, registered


def scheduled(aas: object, name: str = "peak", **params: object) -> None:
    aas.put_scheduled_action(**TARGET, ScheduledActionName=name, **params)  # type: ignore[attr-defined]


def test_at_expression_runs_once_and_raises_the_minimum(cloud: pocketcloud.Cloud) -> None:
    """ "at(yyyy-mm-ddThh:mm:ss)" runs once, in UTC by default: a new minimum above the capacity scales it up."""
    aas = registered(cloud, low=1)
    scheduled(aas, Schedule="at(2026-01-01T02:00:00)", ScalableTargetAction={"MinCapacity": 6, "MaxCapacity": 10})
    cloud.run(until=2 * 3600 - 1)
    assert capacity(cloud) == 1
    cloud.run(until=2 * 3600 + 1)
    assert capacity(cloud) == 6
    last = activities(aas)[-1]
    assert last["Cause"] == "scheduled action name peak was triggered"
    assert last["StartTime"] == to_datetime(7200)
    (target,) = aas.describe_scalable_targets(ServiceNamespace="lambda")["ScalableTargets"]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (6, 10)


def test_cron_in_a_time_zone(cloud: pocketcloud.Cloud) -> None:
    """ "cron(0 9 * * ? *)" with Timezone Asia/Seoul (UTC+9) runs at 09:00 in Seoul: 00:00 UTC; "cron(0 21 * * ? *)"
    at 21:00 in Seoul, 12:00 UTC. Second 0 of the cloud is 2026-01-01T00:00Z (09:00 in Seoul), so the first morning
    run is the next day's."""
    aas = registered(cloud, low=1)
    scheduled(aas, Schedule="cron(0 9 * * ? *)", Timezone="Asia/Seoul",
              ScalableTargetAction={"MinCapacity": 4, "MaxCapacity": 10})  # fmt: skip
    scheduled(aas, "night", Schedule="cron(0 21 * * ? *)", Timezone="Asia/Seoul",
              ScalableTargetAction={"MinCapacity": 1, "MaxCapacity": 2})  # fmt: skip
    cloud.run(until=12 * 3600 + 1)
    (target,) = aas.describe_scalable_targets(ServiceNamespace="lambda")["ScalableTargets"]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 2)
    assert capacity(cloud) == 1
    cloud.run(until=24 * 3600 - 1)
    assert capacity(cloud) == 1
    cloud.run(until=24 * 3600 + 1)
    assert capacity(cloud) == 4
    assert activities(aas)[-1]["StartTime"] == to_datetime(24 * 3600)


def test_rate_expression_counts_from_creation(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=1)
    cloud.run(until=100)
    scheduled(aas, Schedule="rate(5 minutes)", ScalableTargetAction={"MinCapacity": 3})
    cloud.run(until=100 + 299)
    assert capacity(cloud) == 1
    cloud.run(until=100 + 301)
    assert capacity(cloud) == 3


def test_start_and_end_time_bound_the_runs(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=1)
    scheduled(
        aas, Schedule="rate(1 hour)", ScalableTargetAction={"MinCapacity": 2},
        StartTime=datetime(2026, 1, 1, 5, tzinfo=UTC), EndTime=datetime(2026, 1, 1, 5, 30, tzinfo=UTC),
    )  # fmt: skip
    cloud.run(until=10 * 3600)
    assert capacity(cloud) == 1  # the first run would be 06:00, after EndTime


def test_scheduled_scaling_suspended_does_nothing(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=1)
    aas.register_scalable_target(**TARGET, SuspendedState={"ScheduledScalingSuspended": True})
    scheduled(aas, Schedule="at(2026-01-01T00:10:00)", ScalableTargetAction={"MinCapacity": 5})
    cloud.run(until=3600)
    assert capacity(cloud) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"Schedule": "rate(5 minutes)", "ScalableTargetAction": {}},
         "At least one of minimum capacity and maximum capacity should be provided"),
        ({"Schedule": "rate(5 minutes)", "ScalableTargetAction": {"MinCapacity": 5, "MaxCapacity": 2}},
         "Maximum capacity cannot be less than minimum capacity"),
        ({"Schedule": "every day", "ScalableTargetAction": {"MinCapacity": 1}}, "every day"),
        ({"Schedule": "cron(0 9 * * ? *)", "Timezone": "Mars/Olympus", "ScalableTargetAction": {"MinCapacity": 1}},
         "Mars/Olympus"),
    ],
)  # fmt: skip
def test_bad_scheduled_actions_are_refused(cloud: pocketcloud.Cloud, params: dict[str, object], message: str) -> None:
    aas = registered(cloud)
    with pytest.raises(aas.exceptions.ValidationException) as err:
        scheduled(aas, **params)
    assert message in err.value.response["Error"]["Message"]
    assert aas.describe_scheduled_actions(ServiceNamespace="lambda")["ScheduledActions"] == []


def test_describe_and_delete(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=1)
    scheduled(aas, Schedule="cron(0 9 * * ? *)", Timezone="Asia/Seoul", ScalableTargetAction={"MinCapacity": 4})
    (action,) = aas.describe_scheduled_actions(ServiceNamespace="lambda")["ScheduledActions"]
    assert action["Schedule"] == "cron(0 9 * * ? *)" and action["Timezone"] == "Asia/Seoul"
    assert action["ScalableTargetAction"] == {"MinCapacity": 4}
    assert ":scheduledAction:" in action["ScheduledActionARN"]
    aas.delete_scheduled_action(**TARGET, ScheduledActionName="peak")
    cloud.run(until=86_400)
    assert capacity(cloud) == 1
    with pytest.raises(aas.exceptions.ObjectNotFoundException):
        aas.delete_scheduled_action(**TARGET, ScheduledActionName="peak")
