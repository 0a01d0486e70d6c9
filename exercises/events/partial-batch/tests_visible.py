import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def ship(cloud, learner, bodies):
    """A queue with a DLQ (maxReceiveCount 2) and a mapping with ReportBatchItemFailures to the learner's function.
    Returns the order IDs shipped (one per "shipped" log line) and the bodies in the DLQ."""
    sqs, lam = cloud.client("sqs"), cloud.client("lambda")
    dlq = sqs.create_queue(QueueName="orders-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(
        QueueName="orders",
        Attributes={
            "VisibilityTimeout": "30",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2}),
        },
    )["QueueUrl"]
    fn = deploy_learner(cloud, learner, name="shipper", timeout=5)
    for body in bodies:
        sqs.send_message(QueueUrl=url, MessageBody=body)
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    lam.create_event_source_mapping(
        FunctionName="shipper", EventSourceArn=arn, BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"]
    )
    cloud.run(until=300)
    shipped = sorted(line.split()[1] for line in fn.logs() if line.startswith("shipped "))
    dead = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])
    return shipped, sorted(m["Body"] for m in dead)


def test_good_orders_ship_once_and_the_bad_message_reaches_the_dlq(learner):
    """ko: 정상 주문은 한 번씩 배송되고 JSON이 아닌 메시지만 DLQ로 갑니다
    en: good orders ship once each, and only the message that is not JSON reaches the DLQ"""
    shipped, dead = ship(pocketcloud.Cloud(seed=0), learner, ['{"id": "a"}', "not json", '{"id": "b"}'])
    expect_equal(shipped, ["a", "b"], ko="배송된 주문", en="orders shipped")
    expect_equal(dead, ["not json"], ko="DLQ의 메시지", en="messages in the DLQ")
