"""Lambda pricing: figures and worked examples published by AWS, and the rules the calculator follows.

Sources (checked 2026-11-25):
- Requests $0.20 per 1M, free tier 1M requests + 400,000 GB-s: https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html
- 1 ms billing example (60M x 28 ms x 1 GB = $28 + $12 = $40, us-east-1):
  https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/
- Worked example (512 MB, 3M runs of 1 s, free tier: 1,100,000 billable GB-s, 2M billable requests = $0.40):
  https://aws.amazon.com/lambda/pricing/ (earlier version of the page, with the rate rounded to $0.00001667)
- Tiers (x86 0-6B / 6-15B / >15B, Arm 0-7.5B / 7.5-18.75B / >18.75B, 10% and 20% off; example of 2 GB x 60 s x
  75M invocations = 9 billion GB-s): https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/
- Arm duration 20% lower, provisioned duration too:
  https://aws.amazon.com/blogs/aws/aws-lambda-functions-powered-by-aws-graviton2-processor-run-your-functions-on-arm-and-get-up-to-34-better-price-performance/
"""

from __future__ import annotations

import base64
import json
import re
from decimal import Decimal

import pytest

from pocketcloud import pricing
from pocketcloud.pricing import (
    FREE_TIER_GB_SECONDS,
    FREE_TIER_REQUESTS,
    PricingError,
    ProvisionedConcurrency,
    gb_seconds,
    monthly_cost,
    price_invocation,
    round_usd,
)

from .conftest import make_function

X86 = pricing.US_EAST_1.architectures["x86_64"]
ARM = pricing.US_EAST_1.architectures["arm64"]


def test_gb_seconds_is_memory_in_gb_times_seconds_as_in_aws_example() -> None:
    # "Total compute (GB-s) = 3,000,000 * 512MB/1024 = 1,500,000 GB-s" for 3M runs of 1 second.
    assert 3_000_000 * gb_seconds(512, 1000) == Decimal(1_500_000)
    assert gb_seconds(128, 100) == Decimal("0.0125")


def test_published_us_east_1_figures() -> None:
    assert pricing.US_EAST_1.usd_per_request * 1_000_000 == Decimal("0.20")
    assert X86.first_tier_usd_per_gb_second == Decimal("0.0000166667")
    assert [t.up_to_gb_seconds for t in X86.duration_tiers] == [Decimal("6e9"), Decimal("15e9"), None]
    assert [t.up_to_gb_seconds for t in ARM.duration_tiers] == [Decimal("7.5e9"), Decimal("18.75e9"), None]
    assert FREE_TIER_REQUESTS == 1_000_000
    assert FREE_TIER_GB_SECONDS == 400_000


def test_tier_prices_are_the_announced_10_and_20_percent_discounts() -> None:
    for arch in (X86, ARM):
        first, second, third = (t.usd_per_gb_second for t in arch.duration_tiers)
        assert second == round(first * Decimal("0.9"), 10)
        assert third == round(first * Decimal("0.8"), 10)


def test_arm_duration_is_20_percent_cheaper_than_x86() -> None:
    assert ARM.first_tier_usd_per_gb_second == round(X86.first_tier_usd_per_gb_second * Decimal("0.8"), 10)
    assert ARM.provisioned_duration_usd_per_gb_second == round(
        X86.provisioned_duration_usd_per_gb_second * Decimal("0.8"), 10
    )
    x86 = price_invocation(1024, 250, "x86_64")
    arm = price_invocation(1024, 250, "arm64")
    assert arm.compute_usd < x86.compute_usd
    assert arm.request_usd == x86.request_usd  # the request price does not depend on the architecture


def test_one_million_requests_of_128_mb_for_100_ms_on_x86() -> None:
    cost = monthly_cost(1_000_000, 100, 128, "x86_64", "us-east-1", free_tier=False)
    assert cost.gb_seconds == Decimal(12_500)
    assert cost.request_usd == Decimal("0.20")
    assert cost.compute_usd == Decimal(12_500) * Decimal("0.0000166667")  # $0.20833375
    assert round_usd(cost.total_usd) == Decimal("0.41")


def test_one_invocation_splits_request_and_compute() -> None:
    cost = price_invocation(128, 100)
    assert cost.gb_seconds == Decimal("0.0125")
    assert cost.request_usd == Decimal("0.0000002")
    assert cost.compute_usd == Decimal("0.0125") * Decimal("0.0000166667")
    assert cost.total_usd == cost.request_usd + cost.compute_usd
    # A million of them cost what the monthly calculator says without the free tier.
    assert cost.total_usd * 1_000_000 == monthly_cost(1_000_000, 100, 128, free_tier=False).total_usd


def test_1ms_billing_blog_example() -> None:
    # 60M invocations x 28 ms x 1 GB in US East (N. Virginia), free tier ignored: $12 + $28 = $40 (was $112
    # with 100 ms rounding).
    now = monthly_cost(60_000_000, 28, 1024, free_tier=False)
    assert now.request_usd == Decimal(12)
    assert round_usd(now.compute_usd) == Decimal("28.00")
    assert round_usd(now.total_usd) == Decimal("40.00")
    before = monthly_cost(60_000_000, 100, 1024, free_tier=False)
    assert round_usd(before.total_usd) == Decimal("112.00")


def test_pricing_page_example_with_free_tier() -> None:
    # 512 MB, 3M runs of 1 s: 1,500,000 GB-s - 400,000 free = 1,100,000 billable; 3M - 1M free = 2M requests.
    cost = monthly_cost(3_000_000, 1000, 512)
    assert cost.free_tier_applied
    assert cost.billable_gb_seconds == Decimal(1_100_000)
    assert cost.billable_requests == 2_000_000
    assert cost.request_usd == Decimal("0.40")
    # The page's rounded rate gave "1,100,000 * $0.00001667 = $18.34"; today's exact rate gives $18.33.
    assert round_usd(cost.billable_gb_seconds * Decimal("0.00001667")) == Decimal("18.34")
    assert round_usd(cost.compute_usd) == Decimal("18.33")


def test_free_tier_makes_a_small_month_free() -> None:
    cost = monthly_cost(1_000_000, 100, 128)
    assert cost.free_requests == 1_000_000
    assert cost.free_gb_seconds == Decimal(12_500)
    assert cost.total_usd == 0
    assert monthly_cost(0, 0, 128).total_usd == 0


def test_free_tier_covers_400000_gb_seconds_then_billing_starts() -> None:
    # 400,000 GB-s exactly: 400,000 runs of 1 GB for 1 s are free; one more run is billed.
    assert monthly_cost(400_000, 1000, 1024).total_usd == 0
    one_more = monthly_cost(400_001, 1000, 1024)
    assert one_more.billable_gb_seconds == 1
    assert one_more.compute_usd == Decimal("0.0000166667")


def test_tiers_apply_past_6_billion_gb_seconds() -> None:
    # The tiered-pricing post's example: 2 GB x 60 s x 75M invocations = 9 billion GB-s on x86.
    cost = monthly_cost(75_000_000, 60_000, 2048, free_tier=False)
    assert cost.gb_seconds == Decimal(9_000_000_000)
    assert [(c.gb_seconds, c.usd_per_gb_second) for c in cost.compute_charges] == [
        (Decimal(6_000_000_000), Decimal("0.0000166667")),
        (Decimal(3_000_000_000), Decimal("0.0000150000")),
    ]
    untiered = cost.gb_seconds * Decimal("0.0000166667")
    assert round_usd(untiered - cost.compute_usd) == Decimal("5000.10")


def test_third_tier_and_arm_bands() -> None:
    x86 = monthly_cost(1, Decimal(20_000_000_000_000), 1024, free_tier=False)  # 20 billion GB-s
    assert [c.gb_seconds for c in x86.compute_charges] == [Decimal("6e9"), Decimal("9e9"), Decimal("5e9")]
    arm = monthly_cost(1, Decimal(20_000_000_000_000), 1024, "arm64", free_tier=False)
    assert [c.gb_seconds for c in arm.compute_charges] == [Decimal("7.5e9"), Decimal("11.25e9"), Decimal("1.25e9")]
    assert arm.compute_usd < x86.compute_usd


def test_provisioned_concurrency_rules() -> None:
    # 10 environments of 1 GB for 61 s: billed as 5 minutes (rounded up to the nearest five minutes).
    cost = monthly_cost(100, 1000, 1024, provisioned=ProvisionedConcurrency(concurrency=10, seconds=61))
    assert cost.provisioned_gb_seconds == Decimal(10 * 300)
    assert cost.provisioned_concurrency_usd == Decimal(3000) * X86.provisioned_concurrency_usd_per_gb_second
    # The free tier does not apply to functions with provisioned concurrency enabled.
    assert not cost.free_tier_applied
    assert cost.billable_requests == 100
    assert cost.compute_charges[0].usd_per_gb_second == X86.provisioned_duration_usd_per_gb_second
    assert X86.provisioned_duration_usd_per_gb_second < X86.first_tier_usd_per_gb_second


def test_ephemeral_storage_above_512_mb_is_billed() -> None:
    assert price_invocation(128, 1000).ephemeral_storage_usd == 0
    cost = price_invocation(128, 1000, ephemeral_storage_mb=10_240)
    assert cost.ephemeral_storage_usd == Decimal("9.5") * pricing.US_EAST_1.ephemeral_storage_usd_per_gb_second


def test_unknown_region_lists_supported_regions() -> None:
    with pytest.raises(PricingError, match=r"No verified Lambda prices for region 'ap-northeast-2'.*us-east-1"):
        price_invocation(128, 100, region="ap-northeast-2")


def test_unknown_architecture_lists_supported_architectures() -> None:
    with pytest.raises(PricingError, match=r"Unknown architecture 'x86'\. Supported architectures: arm64, x86_64"):
        monthly_cost(1, 100, 128, "x86")


@pytest.mark.parametrize(
    ("memory", "billed"),
    [(64, 100), (10_241, 100), (128, 0), (128, 100.5), (128, -1), (True, 100)],
)
def test_inputs_lambda_would_not_accept(memory: int, billed: int) -> None:
    with pytest.raises(PricingError):
        price_invocation(memory, billed)


def test_pricing_errors_are_value_errors() -> None:
    with pytest.raises(ValueError):
        monthly_cost(-1, 100, 128)


def test_billed_duration_from_a_real_report_line_includes_init(lam) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source="import time\ntime.sleep(0.2)\ndef handler(event, context):\n    return 1\n")
    response = lam.invoke(FunctionName="hello", Payload=json.dumps({}), LogType="Tail")
    report = base64.b64decode(response["LogResult"]).decode()
    billed = int(re.search(r"Billed Duration: (\d+) ms", report)[1])  # type: ignore[index]
    init = float(re.search(r"Init Duration: ([\d.]+) ms", report)[1])  # type: ignore[index]
    assert billed >= init >= 200  # since 1 Aug 2025 the Init phase is billed for on-demand functions
    cost = price_invocation(128, billed)
    assert cost.compute_usd == gb_seconds(128, billed) * Decimal("0.0000166667")
