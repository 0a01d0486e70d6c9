"""The side-by-side comparison (pocketcloud.compare): the same traffic on Lambda and on ECS behind an ALB.

Sources for the behaviours checked:
* Lambda bills each request plus its billed duration in GB-seconds, Init included on a cold start since August
  2025: https://aws.amazon.com/lambda/pricing/ and
  https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/
* Fargate bills the task size per vCPU-hour and GB-hour from the image pull to the task's end, per second with a
  1-minute minimum: https://aws.amazon.com/fargate/pricing/
* A synchronous invocation beyond the function's concurrency is throttled (429 TooManyRequestsException):
  https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
* Target tracking adds tasks through the CloudWatch alarms it creates and manages
  (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html); their
  configuration (AlarmHigh: 3 periods of 60 s above the target) is the one pocketcloud reproduces in
  services/applicationautoscaling/policies.py, from alarms AWS created in public repositories.
"""

from __future__ import annotations

from decimal import Decimal

from pocketcloud import pricing_compute, traffic
from pocketcloud.compare import Comparison, compare, percentile


def spike() -> traffic.Pattern:
    return traffic.spike(base=0.5, peak=5, at=120, length=300, duration=600)


def test_percentile_nearest_rank() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 100) == 4.0


def test_same_arrivals_on_both_sides_and_deterministic() -> None:
    """Two clouds with one seed draw the same arrivals; running again gives the same numbers."""
    pattern = traffic.constant(rate=1, duration=120)
    first = compare(pattern, work_ms=100, target_cpu=None, seed=3)
    assert [a for a, _l, _o in first.lam.requests] == [a for a, _l, _o in first.ecs.requests]
    assert first.lam.sent == first.ecs.sent == 120
    again = compare(pattern, work_ms=100, target_cpu=None, seed=3)
    assert str(again) == str(first)


def test_steady_light_traffic_costs_as_priced() -> None:
    """Light steady traffic: nothing fails; Fargate's bill is each task's size for its life (pull to end)."""
    result = compare(traffic.constant(rate=1, duration=120), work_ms=100, tasks=2, target_cpu=None)
    assert result.lam.failed == result.ecs.failed == 0
    assert 95 <= result.lam.p(50) <= 105  # the handler's 100 ms
    assert result.ecs.p(50) == 100  # 100 ms of CPU on a 1-vCPU task
    assert result.lam.starts == 1  # one environment serves a request a second
    # Two tasks of 1 vCPU / 2 GB; the bill is at least their 1-minute minimum and matches pricing_compute.
    assert result.ecs.cost_usd > 2 * pricing_compute.fargate_task_cost(1, 2, 60).total_usd
    lam_cost = result.lam.cost_usd
    assert Decimal("0.0002") < lam_cost < Decimal("0.0004")  # 120 x (0.2 µ$ + 0.1 s x 1.727 GB x 16.67 µ$)


def test_a_spike_overloads_one_task_but_not_lambda() -> None:
    """One task without auto scaling: the spike queues on it (latency, 5xx); Lambda adds environments."""
    result = compare(spike(), work_ms=250, tasks=1, target_cpu=None)
    assert result.lam.failed == 0
    assert result.lam.peak_capacity >= 2 and result.lam.starts >= 2
    assert result.ecs.p(99) > 10 * result.lam.p(99)
    assert result.ecs.peak_capacity == 1


def test_target_tracking_adds_tasks_after_minutes() -> None:
    """With target tracking at 50 % CPU the service scales out, but only minutes into the spike."""
    result = compare(spike(), work_ms=250, tasks=2, max_tasks=6)
    running = dict(result.ecs.capacity)
    assert running[120 + 120 + 60] == 2  # a minute into the spike: still two tasks
    assert result.ecs.peak_capacity > 2
    first_more = min(t for t, n in result.ecs.capacity if n > 2)
    assert first_more - (120 + 120) >= 180  # the alarm's 3 minutes above the target, then the start-up
    assert result.ecs.starts >= 1 and all(lag > 0 for lag in result.ecs.start_lag_s)
    assert result.ecs.mean_cpu is not None and result.ecs.mean_cpu > 0


def test_reserved_concurrency_throttles() -> None:
    """A function limited to one concurrent execution throttles the spike's overlapping requests (429)."""
    result = compare(traffic.constant(rate=5, duration=30), work_ms=400, reserved_concurrency=1, target_cpu=None)
    assert result.lam.failed > 0
    assert result.lam.peak_capacity == 1
    assert result.lam.ok + result.lam.failed == result.lam.sent


def test_table_html_is_escaped_and_charts_render() -> None:
    result = compare(traffic.constant(rate=0.5, duration=60), target_cpu=None, lang="ko")
    assert isinstance(result, Comparison)
    html = result._repr_html_()
    assert html.startswith('<table class="pc-table">') and "<script" not in html
    assert "Fargate의 ECS" in html and "USD" in html
    result.lam.name = "<b>"
    assert "<svg" in result.capacity_chart() and "<svg" in result.latency_chart()
    assert "지연 시간" in str(result)
