from decimal import Decimal

import pocketcloud
from pocketcloud.grading.checks import expect, expect_close

SOURCE = """
import time


def handler(event, context):
    time.sleep(0.12)
    return {"ok": True}
"""


def _reference(memory, runs, seed):
    """The same measurement, done by the test on an identical cloud (same seed: same durations)."""
    cloud = pocketcloud.Cloud(seed=seed)
    fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="api", memory_size=memory)
    fn.invoke({})
    costs = [fn.invoke({}).cost for _ in range(runs)]
    return sum(costs, Decimal(0)) / runs * 1_000_000


def test_the_cold_start_is_left_out(learner):
    """ko: 콜드 스타트를 빼고 웜 호출 100만 번의 비용을 계산합니다
    en: the cost of a million warm invocations, without the cold start"""
    cloud = pocketcloud.Cloud(seed=0)
    fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="api", memory_size=512)
    got = learner.warm_cost_per_million(fn, {}, 10)
    expect(isinstance(got, Decimal), ko="Decimal을 돌려줘야 합니다", en="it must return a Decimal", got=got)
    expect_close(
        float(got), float(_reference(512, 10, 0)), tolerance=1e-6, ko="100만 번의 비용(USD)", en="the cost of a million"
    )
