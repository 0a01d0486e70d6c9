import pocketcloud
from pocketcloud.grading.checks import expect_equal

IO_ONLY = """
import time


def handler(event, context):
    time.sleep(0.12)
    return {"ok": True}
"""
HEAVY = """
from pocketcloud.runtime import cpu_work


def handler(event, context):
    cpu_work(0.5)
    return {"ok": True}
"""


def test_waiting_code_wants_the_smallest_size(learner):
    """ko: 기다리기만 하는 코드는 메모리를 늘려도 빨라지지 않으므로 가장 작은 메모리가 가장 쌉니다
    en: code that only waits gets no faster with memory, so the smallest size is the cheapest"""
    cloud = pocketcloud.Cloud(seed=3)
    fn = pocketcloud.deploy(cloud, source=IO_ONLY, handler_name="handler", name="io", timeout=30)
    expect_equal(learner.best_memory(fn, [2048, 256, 1024], 8), 256, ko="고른 메모리(MB)", en="the memory chosen")


def test_no_size_meets_the_goal(learner):
    """ko: 목표를 지키는 메모리가 없으면 None입니다
    en: None when no size meets the goal"""
    cloud = pocketcloud.Cloud(seed=3)
    fn = pocketcloud.deploy(cloud, source=HEAVY, handler_name="handler", name="heavy", timeout=30)
    expect_equal(learner.best_memory(fn, [128, 512, 1024], 5), None, ko="고른 메모리", en="the memory chosen")
