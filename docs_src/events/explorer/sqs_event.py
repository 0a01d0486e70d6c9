"""SQS: the event an event source mapping hands the function (Lambda polls)."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sqs, lam = cloud.client("sqs"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

url = sqs.create_queue(QueueName="orders")["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
    "Attributes"
]["QueueArn"]
sqs.send_message(
    QueueUrl=url,
    MessageBody='{"order": 1017, "item": "tea"}',
    MessageAttributes={"channel": {"DataType": "String", "StringValue": "web"}},
)
# No permission on the function: Lambda itself polls, with the function's role.
lam.create_event_source_mapping(
    FunctionName="explorer", EventSourceArn=queue_arn, BatchSize=10
)
cloud.run(until=60)

explorer.show()

# expect: "eventSource": "aws:sqs"
# expect: "body": "{\"order\": 1017, \"item\": \"tea\"}"
# expect: "ApproximateReceiveCount": "1"
# expect: "stringValue": "web"
