"""What a target receives: the event, an Input, an InputPath or a transformer."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
events = cloud.client("events")
sqs = cloud.client("sqs")

rule_arn = events.put_rule(
    Name="orders", EventPattern=json.dumps({"source": ["my.shop"]})
)["RuleArn"]


def queue(name):
    """A queue that lets the rule send to it."""
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = f"arn:aws:sqs:ap-northeast-2:123456789012:{name}"
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}},
    }
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
    return url, arn


targets = {
    "whole-event": {},
    "constant": {"Input": json.dumps({"job": "recount"})},
    "input-path": {"InputPath": "$.detail"},
    "json-template": {
        "InputTransformer": {
            "InputPathsMap": {
                "id": "$.detail.id",
                "total": "$.detail.total",
                "when": "$.time",
            },
            "InputTemplate": (
                '{"order": <id>, "total": <total>, "at": <when>, '
                '"rule": "<aws.events.rule-name>"}'
            ),
        }
    },
    "text-template": {
        "InputTransformer": {
            "InputPathsMap": {"id": "$.detail.id", "total": "$.detail.total"},
            "InputTemplate": "Order <id> was placed for <total> won",
        }
    },
}
urls = {}
for name, extra in targets.items():
    urls[name], arn = queue(name)
    events.put_targets(Rule="orders", Targets=[{"Id": name, "Arn": arn, **extra}])

events.put_events(
    Entries=[
        {
            "Source": "my.shop",
            "DetailType": "Order Placed",
            "Detail": json.dumps({"id": 7, "total": 42000}),
        }
    ]
)
cloud.run()
for name, url in urls.items():
    (message,) = sqs.receive_message(QueueUrl=url)["Messages"]
    print(f"{name:14} {message['Body']}")

# expect: constant       {"job": "recount"}
# expect: input-path     {"id":7,"total":42000}
# expect: json-template  {"order": 7, "total": 42000, "at": "2026-01-01T00:00:00Z"
# expect: "rule": "orders"}
# expect: text-template  Order 7 was placed for 42000 won
