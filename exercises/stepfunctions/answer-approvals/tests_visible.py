import json

import pocketcloud
from pocketcloud.grading.checks import expect_equal

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def start(refunds, seed=0):
    """A refund workflow that waits for a task token, and one execution per refund; (cloud, sfn, sqs, queue, arns)."""
    cloud = pocketcloud.Cloud(seed=seed)
    sqs = cloud.client("sqs")
    sfn = cloud.client("stepfunctions")
    queue_url = sqs.create_queue(QueueName="approvals")["QueueUrl"]
    ask = {
        "Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": queue_url, "MessageBody": {"request.$": "$", "token.$": "$$.Task.Token"}},
        "End": True,
    }
    definition = json.dumps({"StartAt": "Ask for approval", "States": {"Ask for approval": ask}})
    machine = sfn.create_state_machine(name="refunds", definition=definition, roleArn=ROLE)["stateMachineArn"]
    arns = []
    for n, refund in enumerate(refunds):
        request = json.dumps({"customer": f"customer-{n}", "refund": refund})
        arns.append(sfn.start_execution(stateMachineArn=machine, input=request)["executionArn"])
    cloud.run(until=cloud.now + 60)
    return cloud, sfn, sqs, queue_url, arns


def outcome(sfn, arn):
    result = sfn.describe_execution(executionArn=arn)
    if result["status"] == "SUCCEEDED":
        return result["status"], json.loads(result["output"])
    return result["status"], result.get("error")


def test_a_small_refund_is_approved(learner):
    """ko: 한도 이하의 환불은 승인되고 실행은 {"approved": true}로 성공합니다
    en: a refund within the limit is approved and the execution succeeds with {"approved": true}"""
    cloud, sfn, sqs, queue_url, arns = start([30])
    answered = learner.answer_requests(sfn, sqs, queue_url, 100)
    expect_equal(
        answered, 1, ko="answer_requests가 돌려준 답한 요청 수", en="the number of answers answer_requests returned"
    )
    cloud.run(until=cloud.now + 60)
    expect_equal(outcome(sfn, arns[0]), ("SUCCEEDED", {"approved": True}), ko="실행 결과", en="the execution's outcome")


def test_a_big_refund_is_rejected(learner):
    """ko: 한도를 넘는 환불은 거절되고 실행은 Rejected 오류로 실패합니다
    en: a refund over the limit is rejected and the execution fails with the error Rejected"""
    cloud, sfn, sqs, queue_url, arns = start([800])
    learner.answer_requests(sfn, sqs, queue_url, 100)
    cloud.run(until=cloud.now + 60)
    expect_equal(outcome(sfn, arns[0]), ("FAILED", "Rejected"), ko="실행 결과", en="the execution's outcome")
