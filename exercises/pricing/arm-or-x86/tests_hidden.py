from pocketcloud import pricing
from pocketcloud.grading.checks import expect_equal


def _bill(requests, ms, memory, arch):
    return pricing.monthly_cost(requests, ms, memory, arch, "us-east-1", free_tier=False).total_usd


def test_other_workloads(learner):
    """ko: 요청 수, 시간, 메모리가 다른 작업에서도 맞습니다(컴퓨팅 요금이 큰 구간 포함)
    en: other workloads are right too, large compute bands included"""
    for requests, ms, memory in ((1_000, 1, 128), (300_000_000, 900, 3008), (50_000_000, 45, 10240)):
        saving = _bill(requests, ms, memory, "x86_64") - _bill(requests, ms, memory, "arm64")
        expect_equal(
            learner.compare(requests, ms, memory),
            ("arm64", saving),
            ko="(아키텍처, 절약 금액)",
            en="(architecture, saving)",
        )
