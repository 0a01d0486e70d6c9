"""S3 "Send to EventBridge": object events go to the default bus; rules pick."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3 = cloud.client("s3")
events = cloud.client("events")
lam = cloud.client("lambda")

s3.create_bucket(
    Bucket="photos", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"}
)
# Turn it on: no event types, no destination to name.
s3.put_bucket_notification_configuration(
    Bucket="photos", NotificationConfiguration={"EventBridgeConfiguration": {}}
)

APP = """
import json


def handler(event, context):
    detail = event["detail"]
    kind, key = event["detail-type"], detail["object"]["key"]
    print(json.dumps({"type": kind, "key": key, "reason": detail["reason"]}))
"""
function = lam.create_function(
    FunctionName="on-photo",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)["FunctionArn"]

# Only .jpg objects created in "photos" (a rule can filter on any field, keys included).
pattern = {
    "source": ["aws.s3"],
    "detail-type": ["Object Created"],
    "detail": {"bucket": {"name": ["photos"]}, "object": {"key": [{"suffix": ".jpg"}]}},
}
rule_arn = events.put_rule(Name="new-jpegs", EventPattern=json.dumps(pattern))[
    "RuleArn"
]
lam.add_permission(
    FunctionName="on-photo",
    StatementId="eventbridge",
    Action="lambda:InvokeFunction",
    Principal="events.amazonaws.com",
    SourceArn=rule_arn,
)
events.put_targets(Rule="new-jpegs", Targets=[{"Id": "fn", "Arn": function}])

s3.put_object(Bucket="photos", Key="cat.jpg", Body=b"...")
s3.put_object(Bucket="photos", Key="notes.txt", Body=b"...")
s3.copy_object(
    Bucket="photos",
    Key="cat-copy.jpg",
    CopySource={"Bucket": "photos", "Key": "cat.jpg"},
)
s3.delete_object(Bucket="photos", Key="cat.jpg")
cloud.run()

logs = cloud.client("logs")
for line in logs.filter_log_events(
    logGroupName="/aws/lambda/on-photo", filterPattern='"reason"'
)["events"]:
    print(line["message"].strip())

# expect: {"type": "Object Created", "key": "cat.jpg", "reason": "PutObject"}
# expect: {"type": "Object Created", "key": "cat-copy.jpg", "reason": "CopyObject"}
