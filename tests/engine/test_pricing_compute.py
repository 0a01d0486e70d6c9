"""Fargate and EC2 prices: the published figures and the billing rules (per second, 1-minute minimum, task size).

Sources (checked 2026-12-01):
- https://aws.amazon.com/fargate/pricing/ (per vCPU-hour and GB-hour, per second with a 1-minute minimum, 20 GB of
  ephemeral storage included); us-east-1 Linux/x86 $0.04048 / $0.004445 and Linux/ARM $0.03238 / $0.00356 as
  Price List transcriptions quote them (the page renders its tables client-side), and as the page's worked examples
  state them per second: "$0.000011244 per vCPU second", "$0.000001235 per GB second", storage "$0.0000000308 per GB
  second" (Example 1, x86), "$0.0000089944 per vCPU-second", "$0.0000009889 per GB-second" (Example 2, ARM)
- https://aws.amazon.com/blogs/aws/aws-fargate-spot-now-generally-available/ ("up to a 70% discount")
- https://aws.amazon.com/ec2/pricing/on-demand/ (per second, 60-second minimum for Linux); t3.micro $0.0104/hour
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pocketcloud import pricing_compute as pc
from pocketcloud.pricing import PricingError


def test_fargate_published_rates() -> None:
    assert pc.fargate_prices().usd_per_vcpu_hour == Decimal("0.04048")
    assert pc.fargate_prices().usd_per_gb_hour == Decimal("0.004445")
    arm = pc.fargate_prices(architecture="ARM64")
    assert (arm.usd_per_vcpu_hour, arm.usd_per_gb_hour) == (Decimal("0.03238"), Decimal("0.00356"))
    # Graviton is about 20 % cheaper per vCPU-hour
    assert abs(arm.usd_per_vcpu_hour / pc.fargate_prices().usd_per_vcpu_hour - Decimal("0.8")) < Decimal("0.001")


def test_a_month_of_one_task_is_the_hourly_rate_times_hours() -> None:
    """1 vCPU and 2 GB for 730 hours: 730 x (0.04048 + 2 x 0.004445) = $36.0401."""
    cost = pc.fargate_task_cost(1, 2, 730 * 3600)
    assert cost.total_usd == Decimal("36.04010")


def test_per_second_with_a_one_minute_minimum() -> None:
    assert pc.billed_seconds(10) == 60
    assert pc.billed_seconds(60.2) == 61
    assert pc.fargate_task_cost(0.25, 0.5, 10).total_usd == pc.fargate_task_cost(0.25, 0.5, 60).total_usd
    assert pc.ec2_instance_cost("t3.micro", 3600) == Decimal("0.0104")
    assert pc.ec2_instance_cost("t3.micro", 1) == Decimal("0.0104") * 60 / 3600


def test_storage_above_twenty_gb_is_billed() -> None:
    assert pc.fargate_task_cost(1, 2, 3600).storage_usd == 0
    assert pc.fargate_task_cost(1, 2, 3600, ephemeral_storage_gb=30).storage_usd == Decimal("0.001110")


def test_spot_takes_a_given_discount_up_to_seventy_percent() -> None:
    full = pc.fargate_task_cost(1, 2, 3600).total_usd
    assert pc.fargate_task_cost(1, 2, 3600, spot_discount=0.7).total_usd == full * Decimal("0.3")
    with pytest.raises(PricingError):
        pc.fargate_task_cost(1, 2, 3600, spot_discount=0.8)


def test_unknown_regions_sizes_and_types_are_refused_with_what_is_known() -> None:
    with pytest.raises(PricingError, match="us-east-1"):
        pc.fargate_prices("ap-northeast-2")
    with pytest.raises(PricingError, match=r"t3\.micro"):
        pc.instance_type("x9.huge")
    assert pc.instance_type("c6g.large").architecture == "arm64"
    assert pc.instance_type("m5.large").vcpus == 2


@pytest.mark.parametrize(
    ("architecture", "vcpu_per_s", "gb_per_s"),
    [("X86_64", "0.000011244", "0.000001235"), ("ARM64", "0.0000089944", "0.0000009889")],
)
def test_hourly_rates_agree_with_the_pricing_pages_per_second_examples(
    architecture: str, vcpu_per_s: str, gb_per_s: str
) -> None:
    """The Fargate pricing page's Examples 1 (Linux/x86) and 2 (Linux/ARM) state the us-east-1 rates per second; the
    hourly figures are those times 3600, to the page's rounding (https://aws.amazon.com/fargate/pricing/)."""
    prices = pc.fargate_prices(architecture=architecture)
    # The page gives nine decimals (half a unit of the last: 5e-10).
    assert abs(prices.usd_per_vcpu_hour / 3600 - Decimal(vcpu_per_s)) < Decimal("0.0000000005")
    assert abs(prices.usd_per_gb_hour / 3600 - Decimal(gb_per_s)) < Decimal("0.0000000005")
    assert abs(pc.FARGATE_STORAGE_USD_PER_GB_HOUR["us-east-1"] / 3600 - Decimal("0.0000000308")) < Decimal("1e-10")
