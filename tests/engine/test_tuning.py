"""The memory sweep (Lambda Power Tuning style): one invoke path, CPU in proportion to memory, cost per size.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html ("Lambda allocates CPU power in proportion
  to the amount of memory configured"; one vCPU at 1,769 MB)
- https://github.com/alexcasalboni/aws-lambda-power-tuning (invokes each power value, parses the REPORT lines,
  reports the cheapest and the fastest)
- https://aws.amazon.com/lambda/pricing/ (GB-seconds x price + per-request price; Init billed since 2025-08-01)
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import pocketcloud
from pocketcloud import pricing
from pocketcloud.errors import ParamValidationError
from pocketcloud.tuning import percentile, power_tune

from .conftest import make_function

CPU_BOUND = "from pocketcloud.runtime import cpu_work\ndef handler(e, c):\n    cpu_work(0.2)\n    return 1\n"
IO_BOUND = "import time\ndef handler(e, c):\n    time.sleep(0.2)\n    return 1\n"


def test_cpu_bound_work_speeds_up_with_memory_until_one_vcpu(cloud: pocketcloud.Cloud, lam: object) -> None:
    """Single-threaded CPU work takes 1,769/memory times longer below 1,769 MB and no less above it; the original
    memory size is restored afterwards."""
    make_function(lam, "work", CPU_BOUND, Timeout=30, MemorySize=256)
    result = power_tune(cloud, "work", memory_sizes=[128, 256, 1024, 1769, 3008], invocations=5)
    p50 = {s.memory_mb: s.p50 for s in result.sizes}
    assert p50[128] == pytest.approx(200 * 1769 / 128, rel=0.01)
    assert p50[1024] == pytest.approx(200 * 1769 / 1024, rel=0.01)
    assert p50[3008] == pytest.approx(p50[1769], rel=0.01)
    assert result.fastest.memory_mb in (1769, 3008)
    assert lam.get_function_configuration(FunctionName="work")["MemorySize"] == 256  # type: ignore[attr-defined]


def test_io_bound_work_is_cheapest_at_the_smallest_size(cloud: pocketcloud.Cloud, lam: object) -> None:
    """Waiting does not speed up with memory: the same 200 ms at every size, so 128 MB is the cheapest."""
    make_function(lam, "wait", IO_BOUND)
    result = power_tune(cloud, "wait", memory_sizes=[128, 512, 2048], invocations=4)
    assert all(s.p50 == pytest.approx(201, abs=3) for s in result.sizes)
    assert result.cheapest.memory_mb == 128
    costs = [s.cost_usd for s in result.sizes]
    assert costs == sorted(costs)


def test_cost_is_the_billed_duration_at_list_price(cloud: pocketcloud.Cloud, lam: object) -> None:
    """Mean cost per invocation: request price plus billed GB-seconds (the first, cold invocation bills its Init)."""
    make_function(lam, "wait", IO_BOUND)
    (size,) = power_tune(cloud, "wait", memory_sizes=[512], invocations=3).sizes
    assert size.cold_starts == 1 and size.billed_ms[0] > size.billed_ms[1]
    expected = sum(pricing.price_invocation(512, ms).total_usd for ms in size.billed_ms) / 3
    assert size.cost_usd == expected
    assert size.cost_usd > Decimal(0)


def test_timeouts_are_never_the_best(cloud: pocketcloud.Cloud, lam: object) -> None:
    """A size whose invocations time out (0.5 s of one vCPU takes 6.9 s at 128 MB, over the default 3 s timeout)
    counts its errors and is left out of cheapest and fastest."""
    make_function(lam, "slow", CPU_BOUND.replace("0.2", "0.5"))
    result = power_tune(cloud, "slow", memory_sizes=[128, 1024], invocations=2)
    small = result.sizes[0]
    assert small.errors == 2
    assert result.cheapest.memory_mb == 1024 and result.fastest.memory_mb == 1024


def test_table_and_chart_mark_cheapest_and_fastest_and_escape(cloud: pocketcloud.Cloud, lam: object) -> None:
    make_function(lam, "work", CPU_BOUND, Timeout=30)
    result = power_tune(cloud, "work", memory_sizes=[128, 1769], invocations=2, lang="ko")
    html = result._repr_html_()
    assert "가장 저렴" in html and "가장 빠름" in html and html.count("<tr") == 3
    svg = str(result.chart())
    assert svg.startswith("<svg") and "1769" in svg and "가장 빠름" in svg
    assert "<script" not in result.cost_chart()
    assert "cheapest" in str(power_tune(cloud, "work", memory_sizes=[1769], invocations=1))


def test_same_seed_same_sweep() -> None:
    def sweep() -> list[tuple[int, tuple[float, ...]]]:
        cloud = pocketcloud.Cloud(seed=5)
        make_function(cloud.client("lambda"), "work", CPU_BOUND, Timeout=30)
        return [
            (s.memory_mb, s.durations_ms)
            for s in power_tune(cloud, "work", memory_sizes=[256, 1024], invocations=3).sizes
        ]

    assert sweep() == sweep()


def test_bad_arguments() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    cloud = pocketcloud.Cloud()
    make_function(cloud.client("lambda"), "work", CPU_BOUND)
    with pytest.raises(ValueError):
        power_tune(cloud, "work", invocations=0)
    with pytest.raises(ValueError):
        power_tune(cloud, "work", memory_sizes=[])
    with pytest.raises(pricing.PricingError):
        power_tune(cloud, "work", region="ap-northeast-2")
    with pytest.raises(ParamValidationError):  # Lambda's own minimum, through UpdateFunctionConfiguration
        power_tune(cloud, "work", memory_sizes=[64])
    assert cloud.client("lambda").get_function_configuration(FunctionName="work")["MemorySize"] == 128
