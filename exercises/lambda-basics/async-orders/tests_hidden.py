import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

SLOW = """
import time


def handler(event, context):
    time.sleep(2)
    print(f"processed order {event['order']}")
"""


def test_the_caller_does_not_wait_for_the_work(learner):
    """ko: 10건을 넘겨도 호출자는 함수의 실행 시간을 기다리지 않습니다
    en: handing over 10 orders does not make the caller wait for the function's work"""
    cloud = pocketcloud.Cloud(seed=5)
    pocketcloud.deploy(cloud, source=SLOW, handler_name="handler", name="slow-orders", timeout=10)
    codes = learner.queue_orders(cloud.client("lambda"), "slow-orders", [{"order": n} for n in range(10)])
    expect_equal(codes, [202] * 10, ko="돌려준 StatusCode 목록", en="the StatusCodes returned")
    expect(
        cloud.now < 2,
        ko="호출자가 함수의 작업(건당 2초)을 기다렸습니다",
        en="the caller waited for the function's work (2 s per order)",
        expected="< 2 s of virtual time",
        got=f"{cloud.now:.1f} s",
    )


def test_an_empty_list(learner):
    """ko: 주문이 없으면 빈 목록을 돌려줍니다
    en: no orders give an empty list"""
    cloud = pocketcloud.Cloud(seed=5)
    pocketcloud.deploy(cloud, source=SLOW, handler_name="handler", name="slow-orders")
    expect_equal(learner.queue_orders(cloud.client("lambda"), "slow-orders", []), [], ko="결과", en="the result")
