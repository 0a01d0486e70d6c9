from pocketcloud import pricing
from pocketcloud.grading.checks import expect_equal


def _bill(requests, ms, memory, arch):
    return pricing.monthly_cost(requests, ms, memory, arch, "us-east-1", free_tier=False).total_usd


def test_eight_million_requests_at_one_gb(learner):
    """ko: 월 800만 건, 120 ms, 1,024 MB의 비교
    en: 8 million requests a month, 120 ms, 1,024 MB"""
    got = learner.compare(8_000_000, 120, 1024)
    saving = _bill(8_000_000, 120, 1024, "x86_64") - _bill(8_000_000, 120, 1024, "arm64")
    expect_equal(got, ("arm64", saving), ko="(아키텍처, 절약 금액)", en="(architecture, saving)")
