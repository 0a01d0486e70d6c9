"""RDS: an event notification as it reaches a function, through SNS and through
EventBridge."""

import json

import pocketcloud

ACCOUNT = "123456789012"
cloud = pocketcloud.Cloud(seed=0)
rds, sns = cloud.client("rds"), cloud.client("sns")
events, lam = cloud.client("events"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

# Path 1: an RDS event subscription publishes to a topic the function subscribes to.
topic_arn = sns.create_topic(Name="db-events")["TopicArn"]
lam.add_permission(
    FunctionName="explorer",
    StatementId="sns",
    Action="lambda:InvokeFunction",
    Principal="sns.amazonaws.com",
    SourceArn=topic_arn,
)
sns.subscribe(TopicArn=topic_arn, Protocol="lambda", Endpoint=explorer.arn)
rds.create_event_subscription(
    SubscriptionName="orders-db",
    SnsTopicArn=topic_arn,
    SourceType="db-instance",
    EventCategories=["creation"],
)
# Path 2: RDS sends every event to EventBridge's default bus; a rule picks RDS's.
rule_arn = events.put_rule(
    Name="rds-events", EventPattern=json.dumps({"source": ["aws.rds"]})
)["RuleArn"]
lam.add_permission(
    FunctionName="explorer",
    StatementId="events",
    Action="lambda:InvokeFunction",
    Principal="events.amazonaws.com",
    SourceArn=rule_arn,
)
events.put_targets(Rule="rds-events", Targets=[{"Id": "fn", "Arn": explorer.arn}])

rds.create_db_instance(
    DBInstanceIdentifier="orders-db",
    DBInstanceClass="db.t3.micro",
    Engine="mysql",
    MasterUsername="admin",
    MasterUserPassword="change-me-please",
    AllocatedStorage=20,
)
cloud.run(until=cloud.now + 900)  # creating takes minutes of virtual time

via_sns = next(e for e in explorer.events if "Records" in e)
via_eventbridge = next(e for e in explorer.events if e.get("source") == "aws.rds")
explorer.show(via_sns)
print("Sns.Message, parsed:")
explorer.show(json.loads(via_sns["Records"][0]["Sns"]["Message"]))
explorer.show(via_eventbridge)

# expect: "Subject": "RDS Notification Message"
# expect: "Event Source": "db-instance"
# expect: "detail-type": "RDS DB Instance Event"
# expect: "EventID": "RDS-EVENT-0005"
