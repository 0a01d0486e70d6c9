"""Visibility timeout and redrive: when a failed message comes back, where it goes."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sqs, lam = cloud.client("sqs"), cloud.client("lambda")


@cloud.function(timeout=10)
def ship(event, context):
    import time

    for record in event["Records"]:
        receives = record["attributes"]["ApproximateReceiveCount"]
        print(f"{time.strftime('%H:%M:%S')} receive #{receives}: {record['body']}")
        raise RuntimeError("warehouse API unavailable")


dlq_url = sqs.create_queue(QueueName="ship-dlq")["QueueUrl"]
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
    "Attributes"
]["QueueArn"]
url = sqs.create_queue(
    QueueName="ship",
    Attributes={
        # AWS advises at least six times the function's timeout (10 s here).
        "VisibilityTimeout": "60",
        "RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 4}
        ),
    },
)["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
    "Attributes"
]["QueueArn"]
lam.create_event_source_mapping(FunctionName="ship", EventSourceArn=queue_arn)
sqs.send_message(QueueUrl=url, MessageBody="order 7")
cloud.run(until=600)

print([line for line in ship.logs() if "receive #" in line])
counts = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
print("left in ship:", counts["ApproximateNumberOfMessages"])
dead = sqs.receive_message(QueueUrl=dlq_url, AttributeNames=["All"])["Messages"][0]
print(
    "in ship-dlq:", dead["Body"], "from", dead["Attributes"]["DeadLetterQueueSourceArn"]
)

# expect: receive #1: order 7
# expect: receive #4: order 7
# expect: left in ship: 0
# expect: in ship-dlq: order 7 from arn:aws:sqs:ap-northeast-2:123456789012:ship
