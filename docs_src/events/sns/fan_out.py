"""SNS fan-out: one publish reaches two SQS queues and a Lambda function."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sns, sqs, lam = cloud.client("sns"), cloud.client("sqs"), cloud.client("lambda")
topic_arn = sns.create_topic(Name="orders")["TopicArn"]


def subscribed_queue(name, allow_sns=True):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    if allow_sns:  # the queue policy: SNS may send, for this topic only
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
                }
            ],
        }
        sqs.set_queue_attributes(
            QueueUrl=url, Attributes={"Policy": json.dumps(policy)}
        )
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn)
    return url


billing = subscribed_queue("billing")
shipping = subscribed_queue("shipping")
forgotten = subscribed_queue("analytics", allow_sns=False)


@cloud.function()
def notify(event, context):
    for record in event["Records"]:
        print("notify customer about", record["Sns"]["Message"])


lam.add_permission(
    FunctionName="notify",
    StatementId="sns-invoke",
    Action="lambda:InvokeFunction",
    Principal="sns.amazonaws.com",
    SourceArn=topic_arn,
)
sns.subscribe(TopicArn=topic_arn, Protocol="lambda", Endpoint=notify.arn)

sns.publish(TopicArn=topic_arn, Message=json.dumps({"order": 42, "total": 30}))
cloud.run()

for name, url in (
    ("billing", billing),
    ("shipping", shipping),
    ("analytics", forgotten),
):
    messages = sqs.receive_message(QueueUrl=url).get("Messages", [])
    bodies = [json.loads(m["Body"])["Message"] for m in messages]
    print(f"{name:<9} queue got {bodies}")
print([line for line in notify.logs() if line.startswith("notify")])

# expect: billing   queue got ['{"order": 42, "total": 30}']
# expect: shipping  queue got ['{"order": 42, "total": 30}']
# expect: analytics queue got []
# expect: ['notify customer about {"order": 42, "total": 30}']
