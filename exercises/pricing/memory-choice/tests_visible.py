import pocketcloud
from pocketcloud.grading.checks import expect_equal

WORK = """
import time
from pocketcloud.runtime import cpu_work


def handler(event, context):
    time.sleep(0.05)
    cpu_work(0.1)
    return {"ok": True}
"""


def test_the_cheapest_size_that_meets_the_goal(learner):
    """ko: 512~2048 MB 중 p99 < 200 ms를 지키는 가장 싼 메모리는 1536 MB입니다
    en: of 512 to 2048 MB, the cheapest size with p99 under 200 ms is 1536 MB"""
    cloud = pocketcloud.Cloud(seed=0)
    fn = pocketcloud.deploy(cloud, source=WORK, handler_name="handler", name="work", timeout=30)
    got = learner.best_memory(fn, [512, 1024, 1536, 2048], 10)
    expect_equal(got, 1536, ko="고른 메모리(MB)", en="the memory chosen (MB)")
