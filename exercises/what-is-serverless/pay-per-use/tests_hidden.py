from decimal import Decimal

import pocketcloud
from pocketcloud.grading.checks import expect_close

SOURCE = """
import time


def handler(event, context):
    time.sleep(0.12)
    return {"ok": True}
"""


def _measure(memory, runs, seed):
    cloud = pocketcloud.Cloud(seed=seed)
    fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="api", memory_size=memory)
    fn.invoke({})
    return sum((fn.invoke({}).cost for _ in range(runs)), Decimal(0)) / runs * 1_000_000


def test_other_memory_and_run_counts(learner):
    """ko: 메모리와 호출 횟수가 달라도 맞게 계산합니다
    en: right for other memory sizes and run counts too"""
    for memory, runs in ((128, 3), (2048, 7)):
        cloud = pocketcloud.Cloud(seed=4)
        fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="api", memory_size=memory)
        got = learner.warm_cost_per_million(fn, {}, runs)
        expect_close(
            float(got), float(_measure(memory, runs, 4)), tolerance=1e-6, ko="100만 번의 비용(USD)", en="the cost"
        )
