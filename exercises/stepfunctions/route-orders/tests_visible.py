import json

import pocketcloud
from pocketcloud.grading.checks import expect_equal

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def route(learner, order):
    """Run the learner's state machine on one order; (status, output or error)."""
    cloud = pocketcloud.Cloud(seed=0)
    sfn = cloud.client("stepfunctions")
    machine = sfn.create_state_machine(name="orders", definition=json.dumps(learner.definition()), roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input=json.dumps(order))
    cloud.run()
    result = sfn.describe_execution(executionArn=started["executionArn"])
    if result["status"] != "SUCCEEDED":
        return result["status"], result.get("error"), result.get("cause")
    return result["status"], json.loads(result["output"])


def test_a_big_order_goes_to_review(learner):
    """ko: 금액이 250인 주문은 검토(review)로 갑니다
    en: an order of 250 goes to review"""
    got = route(learner, {"order": "A-1", "amount": 250})
    expected = ("SUCCEEDED", {"order": "A-1", "amount": 250, "route": "review"})
    expect_equal(got, expected, ko="실행 상태와 출력", en="the execution's status and output")


def test_a_small_order_is_approved_automatically(learner):
    """ko: 금액이 40인 주문은 자동 승인(auto)됩니다
    en: an order of 40 is approved automatically"""
    got = route(learner, {"order": "A-2", "amount": 40})
    expected = ("SUCCEEDED", {"order": "A-2", "amount": 40, "route": "auto"})
    expect_equal(got, expected, ko="실행 상태와 출력", en="the execution's status and output")


def test_an_order_of_exactly_100_goes_to_review(learner):
    """ko: 금액이 정확히 100인 주문도 검토로 갑니다(100 이상)
    en: an order of exactly 100 goes to review too (100 or more)"""
    got = route(learner, {"order": "A-3", "amount": 100})
    expected = ("SUCCEEDED", {"order": "A-3", "amount": 100, "route": "review"})
    expect_equal(got, expected, ko="실행 상태와 출력", en="the execution's status and output")
