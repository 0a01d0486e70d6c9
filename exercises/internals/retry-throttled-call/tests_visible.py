import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

ORDERS = """
import time


def handler(event, context):
    time.sleep(event.get("work", 0))
    return {"order": event.get("order")}
"""


def busy_function(seed, work_s):
    """A function with reserved concurrency 1 whose only environment is busy for work_s seconds."""
    cloud = pocketcloud.Cloud(seed=seed)
    pocketcloud.deploy(cloud, source=ORDERS, handler_name="handler", name="orders", timeout=120)
    lam = cloud.client("lambda")
    lam.put_function_concurrency(FunctionName="orders", ReservedConcurrentExecutions=1)
    lam.invoke(FunctionName="orders", InvocationType="Event", Payload=f'{{"work": {work_s}}}'.encode())
    cloud.run(until=0.1)
    return cloud, lam


def test_waits_one_then_two_seconds_and_succeeds(learner):
    """ko: 1초, 2초를 기다린 뒤 세 번째 재시도에서 성공합니다
    en: waits 1 s, then 2 s, and the fourth call succeeds"""
    cloud, lam = busy_function(0, 5)
    response = learner.invoke_with_backoff(cloud, lam, "orders", b'{"order": 7}')
    expect(
        isinstance(response, dict),
        ko="Invoke 응답을 돌려줘야 합니다",
        en="it must return the Invoke response",
        got=response,
    )
    expect_equal(response["Payload"].read(), b'{"order": 7}', ko="응답 페이로드", en="the response payload")
    times = [round(t.at - 0.1, 3) for t in cloud.lambda_trace.throttles]
    expect_equal(times, [0.0, 1.0, 3.0], ko="제한된 호출 시각(초)", en="when the throttled calls were made (s)")
