"""EventBridge: a custom event and a scheduled event, as a Lambda target gets them."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)  # the virtual clock starts at 2026-01-01T00:00:00Z
events, lam = cloud.client("events"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

rules = {
    "big-orders": {"EventPattern": json.dumps({"source": ["my.shop"]})},
    "nightly": {"ScheduleExpression": "cron(0 2 * * ? *)"},  # 02:00 UTC
}
for name, definition in rules.items():
    rule_arn = events.put_rule(Name=name, **definition)["RuleArn"]
    lam.add_permission(
        FunctionName="explorer",
        StatementId=f"events-{name}",
        Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com",
        SourceArn=rule_arn,
    )
    events.put_targets(Rule=name, Targets=[{"Id": "explorer", "Arn": explorer.arn}])

events.put_events(
    Entries=[
        {
            "Source": "my.shop",
            "DetailType": "Order Placed",
            "Detail": json.dumps({"order": 1017, "total": 250}),
        }
    ]
)
cloud.run(until=3 * 3600)  # past 02:00: the schedule fires once

custom, scheduled = explorer.events
explorer.show(custom)
explorer.show(scheduled)

# expect: "detail-type": "Order Placed"
# expect: "source": "my.shop"
# expect: "detail-type": "Scheduled Event"
# expect: "source": "aws.events"
# expect: "time": "2026-01-01T02:00:00Z"
