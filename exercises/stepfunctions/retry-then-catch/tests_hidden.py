import itertools
import json

import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

ROLE = "arn:aws:iam::123456789012:role/sfn-role"
PAYMENT = """
attempts = {}


class CardDeclined(Exception):
    pass


def handler(event, context):
    order = event["order"]
    attempts[order] = attempts.get(order, 0) + 1
    if event.get("card") == "declined":
        raise CardDeclined(f"the card for {order} was declined")
    if attempts[order] <= event.get("busy", 0):
        raise ConnectionError("the payment gateway is busy")
    return {"order": order, "charged": event["total"]}
"""


def execute(learner, order):
    """Deploy the payment function, run the learner's state machine on one order: (result, history)."""
    cloud = pocketcloud.Cloud(seed=7)
    pocketcloud.deploy(cloud, source=PAYMENT, handler_name="handler", name="charge")
    function_arn = cloud.client("lambda").get_function(FunctionName="charge")["Configuration"]["FunctionArn"]
    sfn = cloud.client("stepfunctions")
    definition = json.dumps(learner.definition(function_arn))
    machine = sfn.create_state_machine(name="orders", definition=definition, roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input=json.dumps(order))
    cloud.run()
    result = sfn.describe_execution(executionArn=started["executionArn"])
    return result, sfn.get_execution_history(executionArn=started["executionArn"])["events"]


def test_a_declined_card_is_not_retried(learner):
    """ko: 거절된 카드는 재시도하지 않습니다(결제 함수는 한 번만 호출됩니다)
    en: a declined card is not retried (the payment function is called once)"""
    _, events = execute(learner, {"order": "B-1", "total": 12, "card": "declined"})
    attempts = sum(1 for e in events if e["type"] == "TaskScheduled")
    expect_equal(attempts, 1, ko="결제 함수를 호출한 횟수", en="how many times the payment function was called")


def test_the_retries_wait_1_then_2_seconds(learner):
    """ko: 재시도 전 대기 시간은 1초, 그다음 2초입니다(IntervalSeconds 1, BackoffRate 2)
    en: the retries wait 1 s, then 2 s (IntervalSeconds 1, BackoffRate 2)"""
    _, events = execute(learner, {"order": "B-2", "total": 12, "busy": 2})
    waits = [
        round((later["timestamp"] - failed["timestamp"]).total_seconds(), 1)
        for failed, later in itertools.pairwise(events)
        if failed["type"] == "TaskFailed" and later["type"] == "TaskScheduled"
    ]
    expect_equal(
        waits,
        [1.0, 2.0],
        ko="실패에서 다음 시도까지의 대기 시간(초)",
        en="the waits from a failure to the next attempt (s)",
    )


def test_a_gateway_busy_for_too_long_fails_the_execution_after_three_retries(learner):
    """ko: 계속 바쁜 게이트웨이는 세 번 재시도한 뒤 ConnectionError로 실행을 실패시킵니다
    en: a gateway that stays busy fails the execution with ConnectionError after three retries"""
    result, events = execute(learner, {"order": "B-3", "total": 12, "busy": 10})
    expect_equal(
        (result["status"], result.get("error")),
        ("FAILED", "ConnectionError"),
        ko="실행 상태와 오류(다른 오류는 Catch로 숨기지 않습니다)",
        en="the execution's status and error (other errors are not hidden by the Catch)",
    )
    attempts = sum(1 for e in events if e["type"] == "TaskScheduled")
    expect(
        attempts == 4,
        ko="첫 시도와 재시도 세 번으로 결제 함수를 네 번 호출해야 합니다",
        en="the payment function must be called four times: the first attempt and three retries",
        expected=4,
        got=attempts,
    )
