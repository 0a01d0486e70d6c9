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


def test_background_events_do_not_keep_run_going_on_their_own() -> None:
    """A recurring schedule (a secret's next rotation) must not make ``run()`` spin forever: without ``until``
    the loop stops once only background events are left, and the clock stays at the last event that ran
    (pocketcloud's kernel model, see pocketcloud.kernel)."""
    kernel = Kernel()
    seen: list[float] = []

    def every_day() -> None:
        seen.append(kernel.now)
        kernel.schedule(86_400.0, every_day, background=True)

    kernel.schedule(86_400.0, every_day, background=True)
    kernel.schedule(5.0, seen.append, -5.0)
    assert kernel.run() == 5.0
    assert seen == [-5.0]
    assert kernel.run(until=3 * 86_400.0) == 3 * 86_400.0
    assert seen == [-5.0, 86_400.0, 2 * 86_400.0, 3 * 86_400.0]


def test_a_background_event_before_foreground_work_happens_on_the_way() -> None:
    kernel = Kernel()
    seen: list[str] = []
    kernel.schedule(10.0, seen.append, "background", background=True)
    kernel.schedule(20.0, seen.append, "foreground")
    kernel.run()
    assert seen == ["background", "foreground"]
    assert kernel.now == 20.0


def test_work_started_by_a_background_event_is_foreground_and_finishes() -> None:
    kernel = Kernel()
    seen: list[float] = []

    def rotate() -> None:
        kernel.schedule(3.0, lambda: seen.append(kernel.now))

    kernel.schedule(10.0, rotate, background=True)
    kernel.schedule(11.0, lambda: None)
    kernel.run()
    assert seen == [13.0]
