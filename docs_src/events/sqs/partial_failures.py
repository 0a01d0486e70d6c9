"""One bad message in a batch: without and with a partial batch response."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sqs, lam = cloud.client("sqs"), cloud.client("lambda")

APP = """
def handler(event, context):
    failures = []
    for record in event["Records"]:
        if record["body"] == "bad":
            failures.append({"itemIdentifier": record["messageId"]})
            continue
        print("processed", record["body"])
    if failures and context.function_name == "all-or-nothing":
        raise ValueError(f"{len(failures)} message(s) failed")
    return {"batchItemFailures": failures}
"""
for name in ("all-or-nothing", "partial"):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    )
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])
    redrive = {
        "deadLetterTargetArn": dlq["Attributes"]["QueueArn"],
        "maxReceiveCount": 3,
    }
    url = sqs.create_queue(
        QueueName=name,
        Attributes={"VisibilityTimeout": "30", "RedrivePolicy": json.dumps(redrive)},
    )["QueueUrl"]
    for body in ("a", "b", "bad", "c"):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    lam.create_event_source_mapping(
        FunctionName=name,
        EventSourceArn=arn["Attributes"]["QueueArn"],
        # Only with this setting does Lambda read the function's batchItemFailures.
        FunctionResponseTypes=["ReportBatchItemFailures"] if name == "partial" else [],
    )

cloud.run(until=300)
logs = cloud.client("logs")
for name in ("all-or-nothing", "partial"):
    lines = logs.filter_log_events(
        logGroupName=f"/aws/lambda/{name}", filterPattern="processed"
    )["events"]
    done = sorted(line["message"].split()[1] for line in lines)
    dlq_url = sqs.get_queue_url(QueueName=f"{name}-dlq")["QueueUrl"]
    dead = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10)["Messages"]
    print(f"{name:<15} processed {done}  DLQ {sorted(m['Body'] for m in dead)}")

# expect: all-or-nothing  processed ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c']
# expect: DLQ ['a', 'b', 'bad', 'c']
# expect: partial         processed ['a', 'b', 'c']  DLQ ['bad']
