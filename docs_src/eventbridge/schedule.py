"""Scheduled rules: rate(...) and cron(...) on the virtual clock, in UTC."""

import json

import pocketcloud
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)  # the virtual clock starts at 2026-01-01T00:00:00Z
events = cloud.client("events")
sqs = cloud.client("sqs")

# One queue collects what the rules send.
url = sqs.create_queue(QueueName="ticks")["QueueUrl"]
queue_arn = "arn:aws:sqs:ap-northeast-2:123456789012:ticks"

rules = {
    "every-6-hours": "rate(6 hours)",  # starts when the rule is created
    "nightly-report": "cron(0 2 * * ? *)",  # 02:00 UTC every day (11:00 in Seoul)
    "weekday-mornings": "cron(30 0 ? * MON-FRI *)",  # 00:30 UTC, Monday to Friday
}
rule_arns = []
for name, expression in rules.items():
    rule_arns.append(
        events.put_rule(Name=name, ScheduleExpression=expression)["RuleArn"]
    )
    events.put_targets(Rule=name, Targets=[{"Id": "ticks", "Arn": queue_arn}])

# The queue's policy lets these rules send to it.
policy = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": queue_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": rule_arns}},
        }
    ],
}
sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})

cloud.run(until=3 * 86_400)  # three virtual days, in well under a second
print("now:", to_datetime(cloud.now))

fired = []
nightly = None
while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get(
    "Messages", []
):
    for message in batch:
        event = json.loads(message["Body"])
        fired.append((event["time"], event["resources"][0].split("/")[-1]))
        nightly = event if fired[-1][1] == "nightly-report" else nightly
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
for time, rule in sorted(fired):
    print(time, rule)
print(json.dumps(nightly, indent=2))  # what every target of a scheduled rule gets

# expect: 2026-01-01T02:00:00Z nightly-report
# expect: 2026-01-02T00:30:00Z weekday-mornings
# expect: 2026-01-01T06:00:00Z every-6-hours
# expect: "detail-type": "Scheduled Event"
