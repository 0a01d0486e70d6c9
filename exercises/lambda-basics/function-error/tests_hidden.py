import pocketcloud
from pocketcloud.grading.checks import expect_equal

OTHER = """
class PaymentDeclined(Exception):
    pass


def handler(event, context):
    if event["card"] == "expired":
        raise PaymentDeclined("card expired")
    if event["card"] == "missing-key":
        return event["nope"]
    return ["charged", event["amount"]]
"""


def _lam():
    cloud = pocketcloud.Cloud(seed=3)
    pocketcloud.deploy(cloud, source=OTHER, handler_name="handler", name="payments")
    return cloud.client("lambda")


def test_any_function_name_and_result_shape(learner):
    """ko: 다른 함수 이름과 다른 모양의 결과도 처리합니다
    en: another function name and another result shape work too"""
    got = learner.call(_lam(), "payments", {"card": "ok", "amount": 5})
    expect_equal(got, ("ok", ["charged", 5]), ko="call이 돌려준 값", en="what call returned")


def test_custom_and_builtin_error_types(learner):
    """ko: 직접 만든 예외와 KeyError도 이름과 메시지를 돌려줍니다
    en: a custom exception and a KeyError both come back with type and message"""
    lam = _lam()
    expect_equal(
        learner.call(lam, "payments", {"card": "expired", "amount": 5}),
        ("error", "PaymentDeclined", "card expired"),
        ko="call이 돌려준 값",
        en="what call returned",
    )
    expect_equal(
        learner.call(lam, "payments", {"card": "missing-key", "amount": 5}),
        ("error", "KeyError", "'nope'"),
        ko="call이 돌려준 값",
        en="what call returned",
    )
