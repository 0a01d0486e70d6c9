"""An RDS failover reaches a Lambda function: event subscription -> SNS topic ->
Lambda, as on AWS.
"""

import pocketcloud

# The function gets an SNS event; RDS's notification is the JSON string in Sns.Message.
ALERT = """
import json

def handler(event, context):
    for record in event["Records"]:
        sns = record["Sns"]
        message = json.loads(sns["Message"])
        # "Event ID" is a link: ...USER_Events.html#RDS-EVENT-0049
        event_id = message["Event ID"].rsplit("#", 1)[-1]
        source, text = message["Source ID"], message["Event Message"]
        print(f"ALERT {sns['Subject']} | {source} | {event_id} | {text}")
"""

ACCOUNT = "123456789012"
cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
sns = cloud.client("sns")
rds = cloud.client("rds")  # boto3.client("rds")
logs = cloud.client("logs")

# 1. An SNS topic and the function subscribed to it (SNS may invoke the function).
topic_arn = sns.create_topic(Name="db-alerts")["TopicArn"]
function_arn = lam.create_function(
    FunctionName="db-alert",
    Runtime="python3.13",
    Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": ALERT})},
)["FunctionArn"]
lam.add_permission(
    FunctionName="db-alert",
    StatementId="sns",
    Action="lambda:InvokeFunction",
    Principal="sns.amazonaws.com",
    SourceArn=topic_arn,
)
sns.subscribe(TopicArn=topic_arn, Protocol="lambda", Endpoint=function_arn)

# 2. A Multi-AZ DB instance (a primary and a standby in another Availability Zone).
rds.create_db_instance(
    DBInstanceIdentifier="orders-db",
    DBInstanceClass="db.t3.micro",
    Engine="mysql",
    MasterUsername="admin",
    MasterUserPassword="change-me-please",
    AllocatedStorage=20,
    MultiAZ=True,
)
cloud.run(until=cloud.now + 900)  # creation takes minutes of virtual time
db = rds.describe_db_instances(DBInstanceIdentifier="orders-db")["DBInstances"][0]
print(
    "status:",
    db["DBInstanceStatus"],
    "| AZ:",
    db["AvailabilityZone"],
    "| standby:",
    db["SecondaryAvailabilityZone"],
)

# 3. The event subscription: which sources and categories go to the topic.
rds.create_event_subscription(
    SubscriptionName="orders-db-failover",
    SnsTopicArn=topic_arn,
    SourceType="db-instance",
    SourceIds=["orders-db"],
    EventCategories=["failover", "availability"],
)

# 4. Force a failover, as `aws rds reboot-db-instance --force-failover` does.
rds.reboot_db_instance(DBInstanceIdentifier="orders-db", ForceFailover=True)
cloud.run(until=cloud.now + 300)
db = rds.describe_db_instances(DBInstanceIdentifier="orders-db")["DBInstances"][0]
print(
    "after failover: AZ:",
    db["AvailabilityZone"],
    "| standby:",
    db["SecondaryAvailabilityZone"],
)

group = "/aws/lambda/db-alert"
lines = []
for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
    events = logs.get_log_events(
        logGroupName=group, logStreamName=stream["logStreamName"]
    )["events"]
    lines += [
        (e["timestamp"], e["message"].strip())
        for e in events
        if e["message"].startswith("ALERT")
    ]
for _, line in sorted(lines):
    print(line)

# expect: status: available
# expect: RDS Notification Message | orders-db | RDS-EVENT-0013 | Multi-AZ instance
# expect: failover started.
# expect: RDS-EVENT-0006 | DB instance restarted
# expect: RDS-EVENT-0049 | Multi-AZ instance failover completed
