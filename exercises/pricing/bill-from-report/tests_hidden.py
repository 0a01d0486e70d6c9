from decimal import Decimal

import pocketcloud
from pocketcloud.grading.checks import expect_equal
from pocketcloud.pricing import gb_seconds

APP = """
import time


def handler(event, context):
    time.sleep(event["ms"] / 1000)
    return event["ms"]
"""


def test_mixed_memory_sizes_and_other_prices(learner):
    """ko: 메모리가 다른 함수들과 다른 단가(arm64)도 정확히 계산합니다
    en: mixed memory sizes and other prices (arm64) are exact too"""
    cloud = pocketcloud.Cloud(seed=12)
    lines = []
    for index, (memory, works) in enumerate([(128, [5, 250]), (1769, [1200]), (10240, [1, 2, 3])]):
        fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name=f"g{index}", memory_size=memory)
        for ms in works:
            fn.invoke({"ms": ms})
        lines += [line for line in fn.logs() if line.startswith("REPORT")]
    price_gb_s, price_request = Decimal("0.0000133334"), Decimal("0.0000002")
    total = Decimal(0)
    for line in lines:
        parts = dict(p.split(": ", 1) for p in line.split("\t")[1:] if ": " in p)
        total += gb_seconds(int(parts["Memory Size"].split()[0]), int(parts["Billed Duration"].split()[0]))
    want = len(lines) * price_request + total * price_gb_s
    expect_equal(learner.bill(lines, price_gb_s, price_request), want, ko="요금(USD)", en="the bill (USD)")
    expect_equal(learner.bill([], price_gb_s, price_request), Decimal(0), ko="줄이 없을 때", en="no lines")
