import json

import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def start(refunds, seed=11):
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


def test_twelve_requests_are_all_answered(learner):
    """ko: 대기열에 요청이 12개 있어도(한 번에 최대 10개씩 받습니다) 모두 답합니다
    en: all of twelve waiting requests are answered (a receive returns at most 10)"""
    refunds = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]
    cloud, sfn, sqs, queue_url, arns = start(refunds)
    answered = learner.answer_requests(sfn, sqs, queue_url, 75)
    expect_equal(
        answered, 12, ko="answer_requests가 돌려준 답한 요청 수", en="the number of answers answer_requests returned"
    )
    cloud.run(until=cloud.now + 60)
    statuses = [sfn.describe_execution(executionArn=arn)["status"] for arn in arns]
    expected = ["SUCCEEDED"] * 7 + ["FAILED"] * 5
    expect_equal(statuses, expected, ko="실행마다의 상태(한도 75)", en="each execution's status (limit 75)")


def test_a_refund_equal_to_the_limit_is_approved(learner):
    """ko: 한도와 같은 금액의 환불은 승인됩니다
    en: a refund equal to the limit is approved"""
    cloud, sfn, sqs, queue_url, arns = start([100])
    learner.answer_requests(sfn, sqs, queue_url, 100)
    cloud.run(until=cloud.now + 60)
    status = sfn.describe_execution(executionArn=arns[0])["status"]
    expect_equal(status, "SUCCEEDED", ko="실행 상태", en="the execution's status")


def test_answered_requests_leave_the_queue(learner):
    """ko: 답한 요청의 메시지는 대기열에서 삭제되므로 다시 불러도 답할 요청이 없습니다
    en: answered requests are deleted from the queue, so a second call finds nothing to answer"""
    cloud, sfn, sqs, queue_url, _ = start([30, 800])
    learner.answer_requests(sfn, sqs, queue_url, 100)
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
    left = int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])
    expect(
        left == 0,
        ko="답한 뒤에도 대기열에 메시지가 남아 있습니다. 처리한 메시지는 DeleteMessage로 지우세요",
        en="messages are left in the queue after answering: delete each handled message with DeleteMessage",
        expected=0,
        got=left,
    )
    cloud.run(until=cloud.now + 3600)  # long past the visibility timeout
    again = learner.answer_requests(sfn, sqs, queue_url, 100)
    expect_equal(again, 0, ko="두 번째 호출에서 답한 요청 수", en="answers on a second call")
