import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

ORDERS = """
import time


def handler(event, context):
    time.sleep(event.get("work", 0))
    if event.get("fail"):
        raise ValueError("bad order")
    return {"order": event.get("order")}
"""


def deployed(seed, reserved):
    cloud = pocketcloud.Cloud(seed=seed)
    pocketcloud.deploy(cloud, source=ORDERS, handler_name="handler", name="orders", timeout=120)
    lam = cloud.client("lambda")
    lam.put_function_concurrency(FunctionName="orders", ReservedConcurrentExecutions=reserved)
    return cloud, lam


def test_gives_up_after_the_last_attempt(learner):
    """ko: 예약된 동시성이 0이면 attempts번 시도한 뒤 TooManyRequestsException을 그대로 내보냅니다
    en: with reserved concurrency 0 it makes `attempts` calls, then lets TooManyRequestsException out"""
    cloud, lam = deployed(1, 0)
    raised = None
    try:
        learner.invoke_with_backoff(cloud, lam, "orders", b"{}", attempts=4, base_delay=0.5)
    except lam.exceptions.TooManyRequestsException as err:
        raised = err
    expect(raised is not None, ko="마지막 시도의 예외가 나와야 합니다", en="the last attempt's exception must come out")
    expect_equal(
        raised.response["Reason"], "ReservedFunctionConcurrentInvocationLimitExceeded", ko="Reason", en="Reason"
    )
    times = [round(t.at, 3) for t in cloud.lambda_trace.throttles]
    expect_equal(times, [0.0, 0.5, 1.5, 3.5], ko="호출 시각(초)", en="when the calls were made (s)")


def test_a_function_error_is_returned_not_retried(learner):
    """ko: 함수 오류는 제한이 아니므로 다시 시도하지 않고 응답을 돌려줍니다
    en: a function error is not a throttle: the response comes back without a retry"""
    cloud, lam = deployed(2, 1)
    response = learner.invoke_with_backoff(cloud, lam, "orders", b'{"fail": true}')
    expect(
        isinstance(response, dict),
        ko="Invoke 응답을 돌려줘야 합니다",
        en="it must return the Invoke response",
        got=response,
    )
    expect_equal(response.get("FunctionError"), "Unhandled", ko="FunctionError", en="FunctionError")
    expect_equal(len(cloud.lambda_trace.filter("orders")), 1, ko="호출 수", en="invocations")
