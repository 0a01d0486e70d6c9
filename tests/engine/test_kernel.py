"""The virtual clock: ordering, `until`, and no wall-clock time."""

from __future__ import annotations

import pytest

from pocketcloud import Cloud
from pocketcloud.kernel import URGENT, Kernel


def test_events_run_in_time_then_priority_then_schedule_order() -> None:
    kernel = Kernel()
    seen: list[str] = []
    kernel.schedule(2.0, seen.append, "t2")
    kernel.schedule(1.0, seen.append, "t1-normal-first")
    kernel.schedule(1.0, seen.append, "t1-normal-second")
    kernel.schedule(1.0, seen.append, "t1-urgent", priority=URGENT)
    kernel.run()
    assert seen == ["t1-urgent", "t1-normal-first", "t1-normal-second", "t2"]
    assert kernel.now == 2.0


def test_run_until_stops_at_that_time_and_leaves_later_events() -> None:
    kernel = Kernel()
    seen: list[float] = []
    for t in (1.0, 5.0, 10.0):
        kernel.schedule(t, lambda t=t: seen.append(t))
    assert kernel.run(until=6.0) == 6.0
    assert seen == [1.0, 5.0]
    assert kernel.peek() == 10.0
    kernel.run()
    assert seen == [1.0, 5.0, 10.0]


def test_callbacks_can_schedule_more_and_cancelled_timers_do_not_fire() -> None:
    kernel = Kernel()
    seen: list[float] = []

    def tick() -> None:
        seen.append(kernel.now)
        if kernel.now < 3:
            kernel.schedule(1.0, tick)

    kernel.schedule(1.0, tick)
    timer = kernel.schedule(2.5, seen.append, -1.0)
    timer.cancel()
    kernel.run()
    assert seen == [1.0, 2.0, 3.0]


def test_scheduling_in_the_past_is_refused() -> None:
    kernel = Kernel()
    with pytest.raises(ValueError):
        kernel.schedule(-1, print)
    kernel.run(until=5)
    with pytest.raises(ValueError):
        kernel.run(until=4)


def test_cloud_clock_starts_at_zero_and_only_moves_when_asked() -> None:
    cloud = Cloud(seed=0)
    assert cloud.now == 0.0
    assert cloud.run() == 0.0
    assert cloud.run(until=60) == 60.0
    assert cloud.now == 60.0


def test_cloud_defaults_and_validation() -> None:
    cloud = Cloud()
    assert (cloud.region, cloud.account_id) == ("ap-northeast-2", "123456789012")
    with pytest.raises(ValueError):
        Cloud(region="nowhere")
    with pytest.raises(ValueError):
        Cloud(account_id="123")
