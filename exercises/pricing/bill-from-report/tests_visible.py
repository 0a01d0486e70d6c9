from decimal import Decimal

import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal
from pocketcloud.pricing import gb_seconds

PRICE_GB_S = Decimal("0.0000166667")
PRICE_REQUEST = Decimal("0.0000002")
APP = """
import time


def handler(event, context):
    time.sleep(event["ms"] / 1000)
    return event["ms"]
"""


def reports(seed, plan):
    """REPORT lines of real invocations: plan is [(memory MB, [work ms, ...]), ...]."""
    cloud = pocketcloud.Cloud(seed=seed)
    lines = []
    for index, (memory, works) in enumerate(plan):
        fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name=f"f{index}", memory_size=memory)
        for ms in works:
            fn.invoke({"ms": ms})
        lines += [line for line in fn.logs() if line.startswith("REPORT")]
    return lines


def expected(lines):
    total = Decimal(0)
    for line in lines:
        parts = dict(p.split(": ", 1) for p in line.split("\t")[1:] if ": " in p)
        total += gb_seconds(int(parts["Memory Size"].split()[0]), int(parts["Billed Duration"].split()[0]))
    return len(lines) * PRICE_REQUEST + total * PRICE_GB_S


def test_one_function(learner):
    """ko: 메모리 512 MB 함수의 호출 3번을 정확히 계산합니다
    en: three invocations of a 512 MB function, exactly"""
    lines = reports(0, [(512, [30, 30, 30])])
    got = learner.bill(lines, PRICE_GB_S, PRICE_REQUEST)
    expect(isinstance(got, Decimal), ko="Decimal을 돌려줘야 합니다", en="it must return a Decimal", got=got)
    expect_equal(got, expected(lines), ko="요금(USD)", en="the bill (USD)")
