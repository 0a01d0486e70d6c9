import pocketcloud
from pocketcloud.grading.checks import expect_equal

ORDERS = """
def handler(event, context):
    if event.get("qty", 0) <= 0:
        raise ValueError("qty must be positive")
    return {"order": event["order"], "total": event["qty"] * 1200}
"""


def _lam():
    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=ORDERS, handler_name="handler", name="orders")
    return cloud.client("lambda")


def test_a_successful_call_is_ok(learner):
    """ko: 성공한 호출의 결과: ("ok", 결과)
    en: a successful call is ("ok", result)"""
    got = learner.call(_lam(), "orders", {"order": 7, "qty": 2})
    expect_equal(got, ("ok", {"order": 7, "total": 2400}), ko="call이 돌려준 값", en="what call returned")


def test_a_failed_call_reports_the_error(learner):
    """ko: 예외를 던진 함수의 결과: ("error", errorType, errorMessage)
    en: a function that raises gives ("error", errorType, errorMessage)"""
    got = learner.call(_lam(), "orders", {"order": 8, "qty": 0})
    expect_equal(got, ("error", "ValueError", "qty must be positive"), ko="call이 돌려준 값", en="what call returned")
