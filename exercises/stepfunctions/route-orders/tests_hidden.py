import json

import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def execute(learner, order):
    """Run the learner's state machine on one order; the cloud, the client and the execution's ARN."""
    cloud = pocketcloud.Cloud(seed=3)
    sfn = cloud.client("stepfunctions")
    machine = sfn.create_state_machine(name="orders", definition=json.dumps(learner.definition()), roleArn=ROLE)
    started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input=json.dumps(order))
    cloud.run()
    return sfn, started["executionArn"]


def outcome(sfn, arn):
    result = sfn.describe_execution(executionArn=arn)
    if result["status"] != "SUCCEEDED":
        return result["status"], result.get("error"), result.get("cause")
    return result["status"], json.loads(result["output"])


def test_an_order_without_an_amount_goes_to_review(learner):
    """ko: 금액(amount)이 없는 주문은 실패하지 않고 검토로 갑니다
    en: an order without an amount does not fail: it goes to review"""
    sfn, arn = execute(learner, {"order": "B-1"})
    expected = ("SUCCEEDED", {"order": "B-1", "route": "review"})
    expect_equal(outcome(sfn, arn), expected, ko="실행 상태와 출력", en="the execution's status and output")


def test_just_under_100_is_approved_and_passes_through_auto_approve(learner):
    """ko: 금액이 99.99인 주문은 Auto approve 상태를 거쳐 자동 승인됩니다
    en: an order of 99.99 is approved automatically, through the Auto approve state"""
    sfn, arn = execute(learner, {"order": "B-2", "amount": 99.99, "items": ["pen"]})
    expected = ("SUCCEEDED", {"order": "B-2", "amount": 99.99, "items": ["pen"], "route": "auto"})
    expect_equal(outcome(sfn, arn), expected, ko="실행 상태와 출력", en="the execution's status and output")
    events = sfn.get_execution_history(executionArn=arn)["events"]
    entered = [e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e]
    expect_equal(
        entered, ["Check amount", "Auto approve"], ko="실행이 거친 상태", en="the states the execution went through"
    )


def test_the_definition_is_valid(learner):
    """ko: ValidateStateMachineDefinition이 정의에서 오류를 찾지 못합니다
    en: ValidateStateMachineDefinition finds no error in the definition"""
    sfn = pocketcloud.Cloud(seed=3).client("stepfunctions")
    answer = sfn.validate_state_machine_definition(definition=json.dumps(learner.definition()))
    errors = [d for d in answer["diagnostics"] if d["severity"] == "ERROR"]
    expect(answer["result"] == "OK", ko="정의 검사 결과", en="the validation's result", expected=[], got=errors)
