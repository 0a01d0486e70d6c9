"""What Run shows: SOURCE (your code) behind an SQS event source mapping with ReportBatchItemFailures."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
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
fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="shipper", timeout=5)
for body in ('{"id": "a"}', "not json", '{"id": "b"}'):
    sqs.send_message(QueueUrl=url, MessageBody=body)
arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
lam.create_event_source_mapping(
    FunctionName="shipper", EventSourceArn=arn, FunctionResponseTypes=["ReportBatchItemFailures"]
)
cloud.run(until=300)
print([line for line in fn.logs() if line.startswith("shipped")])
print("DLQ:", [m["Body"] for m in sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])])
