"""One failing function, invoked the three ways Lambda is invoked: who retries?"""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam, sqs, logs = cloud.client("lambda"), cloud.client("sqs"), cloud.client("logs")

APP = """
def handler(event, context):
    raise RuntimeError("the database is down")
"""
for name in ("sync-fn", "async-fn", "poll-fn"):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    )


def attempts(name):
    """When the function started, in seconds from the first start (from its log)."""
    found = logs.filter_log_events(
        logGroupName=f"/aws/lambda/{name}", filterPattern='"START RequestId"'
    )["events"]
    return [round((e["timestamp"] - found[0]["timestamp"]) / 1000) for e in found]


# 1. Synchronous: the caller gets the error and decides what to do.
response = lam.invoke(FunctionName="sync-fn", Payload=b'{"order": 1}')
print("synchronous   FunctionError:", response.get("FunctionError"))

# 2. Asynchronous: Lambda queues the event and retries it itself.
lam.invoke(FunctionName="async-fn", InvocationType="Event", Payload=b'{"order": 2}')

# 3. Event source mapping: Lambda polls a queue; SQS keeps the message until
#    it is deleted, or moves it to a dead-letter queue after 3 receives.
dlq_url = sqs.create_queue(QueueName="orders-dlq")["QueueUrl"]
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])
redrive = {
    "deadLetterTargetArn": dlq_arn["Attributes"]["QueueArn"],
    "maxReceiveCount": 3,
}
url = sqs.create_queue(
    QueueName="orders",
    Attributes={"VisibilityTimeout": "30", "RedrivePolicy": json.dumps(redrive)},
)["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
lam.create_event_source_mapping(
    FunctionName="poll-fn", EventSourceArn=queue_arn["Attributes"]["QueueArn"]
)
sqs.send_message(QueueUrl=url, MessageBody='{"order": 3}')

cloud.run(until=600)  # ten virtual minutes
print("synchronous   attempts at +s:", attempts("sync-fn"))
print("asynchronous  attempts at +s:", attempts("async-fn"))
print("SQS mapping   attempts at +s:", attempts("poll-fn"))
moved = sqs.receive_message(QueueUrl=dlq_url)["Messages"][0]["Body"]
print("in the SQS dead-letter queue:", moved)

# expect: synchronous   FunctionError: Unhandled
# expect: synchronous   attempts at +s: [0]
# expect: asynchronous  attempts at +s: [0, 60, 180]
# expect: SQS mapping   attempts at +s: [0, 30, 60]
# expect: in the SQS dead-letter queue: {"order": 3}
