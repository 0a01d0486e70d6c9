import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def test_a_batch_without_failures_and_one_with_two(learner):
    """ko: 실패가 없는 배치도, 실패가 둘인 배치도 올바르게 처리합니다
    en: a batch without failures and a batch with two both come out right"""
    cloud = pocketcloud.Cloud(seed=5)
    sqs, lam = cloud.client("sqs"), cloud.client("lambda")
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(
        QueueName="work",
        Attributes={
            "VisibilityTimeout": "20",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 3}),
        },
    )["QueueUrl"]
    fn = deploy_learner(cloud, learner, name="worker", timeout=5)
    bodies = ['{"id": "1"}', '{"id": "2"}', "{broken", '{"id": "3"}', "", '{"id": "4"}']
    for body in bodies:
        sqs.send_message(QueueUrl=url, MessageBody=body or " ")
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    lam.create_event_source_mapping(
        FunctionName="worker", EventSourceArn=arn, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"]
    )
    cloud.run(until=400)
    shipped = sorted(line.split()[1] for line in fn.logs() if line.startswith("shipped "))
    dead = sorted(m["Body"] for m in sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", []))
    expect_equal(shipped, ["1", "2", "3", "4"], ko="배송된 주문", en="orders shipped")
    expect_equal(dead, [" ", "{broken"], ko="DLQ의 메시지", en="messages in the DLQ")
