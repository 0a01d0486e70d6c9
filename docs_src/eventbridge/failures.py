"""A missing permission is not retried; a dead-letter queue keeps the event and why."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
events = cloud.client("events")
lam = cloud.client("lambda")
sqs = cloud.client("sqs")

function = lam.create_function(
    FunctionName="worker",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={
        "ZipFile": pocketcloud.zip_code(
            {"app.py": "def handler(event, context):\n    return 'done'\n"}
        )
    },
)["FunctionArn"]
rule_arn = events.put_rule(
    Name="jobs", EventPattern=json.dumps({"source": ["my.jobs"]})
)["RuleArn"]

# The dead-letter queue: an SQS queue whose policy lets the rule send to it.
dlq_url = sqs.create_queue(QueueName="jobs-dlq")["QueueUrl"]
dlq_arn = "arn:aws:sqs:ap-northeast-2:123456789012:jobs-dlq"
statement = {
    "Effect": "Allow",
    "Principal": {"Service": "events.amazonaws.com"},
    "Action": "sqs:SendMessage",
    "Resource": dlq_arn,
    "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}},
}
sqs.set_queue_attributes(
    QueueUrl=dlq_url,
    Attributes={
        "Policy": json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    },
)

# Forgot lam.add_permission(...): EventBridge is not allowed to invoke the function.
events.put_targets(
    Rule="jobs",
    Targets=[
        {
            "Id": "worker",
            "Arn": function,
            "RetryPolicy": {
                "MaximumRetryAttempts": 3,
                "MaximumEventAgeInSeconds": 3600,
            },
            "DeadLetterConfig": {"Arn": dlq_arn},
        }
    ],
)
events.put_events(
    Entries=[
        {"Source": "my.jobs", "DetailType": "Job", "Detail": json.dumps({"job": 1})}
    ]
)
cloud.run()

(message,) = sqs.receive_message(QueueUrl=dlq_url, MessageAttributeNames=["All"])[
    "Messages"
]
for name, value in sorted(message["MessageAttributes"].items()):
    print(f"{name:16} {value['StringValue']}")
print("body detail:", json.loads(message["Body"])["detail"])

# The rule's metrics tell the same story.
cloud_metrics = {
    series.name: sum(series.values)
    for series in cloud.metrics
    if series.namespace == "AWS/Events"
}
print(cloud_metrics)

# expect: ERROR_CODE       NO_PERMISSIONS
# expect: RETRY_ATTEMPTS   0
# expect: body detail: {'job': 1}
# expect: 'InvocationsSentToDlq': 1.0
