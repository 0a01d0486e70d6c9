import json

import pocketcloud
from pocketcloud.grading.checks import expect_equal

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
    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=PAYMENT, handler_name="handler", name="charge")
    function_arn = cloud.client("lambda").get_function(FunctionName="charge")["Configuration"]["FunctionArn"]
    sfn = cloud.client("stepfunctions")
    definition = json.dumps(learner.definition(function_arn))
    machine = sfn.create_state_machine(name="orders", definition=definition, roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input=json.dumps(order))
    cloud.run()
    result = sfn.describe_execution(executionArn=started["executionArn"])
    return result, sfn.get_execution_history(executionArn=started["executionArn"])["events"]


def test_a_busy_gateway_is_retried_until_the_charge_goes_through(learner):
    """ko: 결제 게이트웨이가 두 번 바빠도 재시도 끝에 결제하고 배송합니다
    en: a gateway that is busy twice is retried until the charge goes through, then the order ships"""
    result, events = execute(learner, {"order": "A-1", "total": 30, "busy": 2})
    expect_equal(
        (result["status"], result.get("error")),
        ("SUCCEEDED", None),
        ko="실행 상태와 오류",
        en="the execution's status and error",
    )
    expect_equal(
        json.loads(result["output"]),
        {"order": "A-1", "charged": 30, "status": "shipped"},
        ko="실행의 출력",
        en="the execution's output",
    )
    attempts = sum(1 for e in events if e["type"] == "TaskScheduled")
    expect_equal(attempts, 3, ko="결제 함수를 호출한 횟수", en="how many times the payment function was called")


def test_a_declined_card_goes_to_payment_declined_with_the_order_and_the_error(learner):
    """ko: 거절된 카드는 Payment declined 상태로 가고, 출력에는 주문과 오류가 함께 남습니다
    en: a declined card goes to Payment declined, and the output keeps the order next to the error"""
    result, events = execute(learner, {"order": "A-2", "total": 45, "card": "declined"})
    expect_equal(
        (result["status"], result.get("error")),
        ("SUCCEEDED", None),
        ko="실행 상태와 오류",
        en="the execution's status and error",
    )
    output = json.loads(result["output"])
    expect_equal(output.get("order"), "A-2", ko="출력의 order", en="the output's order")
    expect_equal(
        output.get("error", {}).get("Error"), "CardDeclined", ko="출력의 error.Error", en="the output's error.Error"
    )
    entered = [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]
    expect_equal(
        entered, ["Charge", "Payment declined"], ko="실행이 거친 상태", en="the states the execution went through"
    )
