"""Events AWS services put on the default bus: S3's "Send to EventBridge", RDS's "RDS DB Instance Event" and
Lambda's EventBridge destinations, each reaching a rule's target as AWS sends it.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html ("Unlike other destinations, you don't need to
select which event types you want to deliver")
https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html (the "Object created" and "Object deleted
(using DeleteObject)" samples, reproduced below)
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html (EventBridgeConfiguration)
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloud-watch-events.html (RDS events in EventBridge)
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloudwatch-events.sample.html (the DB instance sample)
https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html (EventBridge destinations: source
"lambda", detail-type "Lambda Function Invocation Result - Success", the record as detail)
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel, S3EventNotificationEventBridgeModel

import pocketcloud

from .conftest import make_function
from .events_support import ACCOUNT, REGION, function_for, messages, queue_for, received, rule_arn

S3_CREATED_SAMPLE: dict[str, Any] = {
    "version": "0",
    "id": "17793124-05d4-b198-2fde-7ededc63b103",
    "detail-type": "Object Created",
    "source": "aws.s3",
    "account": "111122223333",
    "time": "2021-11-12T00:00:00Z",
    "region": "ca-central-1",
    "resources": ["arn:aws:s3:::amzn-s3-demo-bucket1"],
    "detail": {
        "version": "0",
        "bucket": {"name": "amzn-s3-demo-bucket1"},
        "object": {
            "key": "example-key",
            "size": 5,
            "etag": "b1946ac92492d2347c6235b4d2611184",
            "version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e",
            "sequencer": "617f08299329d189",
        },
        "request-id": "N4N7GDK58NMKJ12R",
        "requester": "123456789012",
        "source-ip-address": "1.2.3.4",
        "reason": "PutObject",
    },
}


def _s3_rule(cloud: pocketcloud.Cloud, detail_types: list[str]) -> None:
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="uploads", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration={"EventBridgeConfiguration": {}}
    )
    events = cloud.client("events")
    pattern = {"source": ["aws.s3"], "detail-type": detail_types, "detail": {"bucket": {"name": ["uploads"]}}}
    events.put_rule(Name="uploads", EventPattern=json.dumps(pattern))
    fn = function_for(cloud, rule_arn("uploads"))
    events.put_targets(Rule="uploads", Targets=[{"Id": "fn", "Arn": fn}])


def test_s3_send_to_eventbridge_is_shown_in_the_configuration(cloud) -> None:
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="uploads", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration={"EventBridgeConfiguration": {}}
    )
    shown = s3.get_bucket_notification_configuration(Bucket="uploads")
    assert shown["EventBridgeConfiguration"] == {}
    s3.put_bucket_notification_configuration(Bucket="uploads", NotificationConfiguration={})
    assert "EventBridgeConfiguration" not in s3.get_bucket_notification_configuration(Bucket="uploads")


def test_an_object_created_event_matches_the_sample(cloud) -> None:
    """ "Object Created" field by field as in the S3 guide's sample (an unversioned bucket has no version-id);
    valid as Powertools' S3EventNotificationEventBridgeModel."""
    _s3_rule(cloud, ["Object Created"])
    cloud.client("s3").put_object(Bucket="uploads", Key="photos/cat.jpg", Body=b"hello")
    cloud.run()
    (event,) = received(cloud)
    assert list(event) == list(S3_CREATED_SAMPLE)
    assert (event["source"], event["detail-type"], event["account"], event["region"]) == (
        "aws.s3",
        "Object Created",
        ACCOUNT,
        REGION,
    )
    assert event["resources"] == ["arn:aws:s3:::uploads"]
    detail = event["detail"]
    assert list(detail) == list(S3_CREATED_SAMPLE["detail"])
    expected_object = [k for k in S3_CREATED_SAMPLE["detail"]["object"] if k != "version-id"]
    assert list(detail["object"]) == expected_object
    assert detail["object"]["key"] == "photos/cat.jpg" and detail["object"]["size"] == 5
    assert detail["object"]["etag"] == "5d41402abc4b2a76b9719d911017c592"  # MD5 of "hello", without quotes
    assert (detail["version"], detail["requester"], detail["reason"]) == ("0", ACCOUNT, "PutObject")
    model = parse(event=event, model=S3EventNotificationEventBridgeModel)
    assert model.detail.bucket.name == "uploads"


def test_an_object_deleted_event(cloud) -> None:
    """ "Object Deleted" with reason DeleteObject and deletion-type "Permanently Deleted" for an unversioned
    bucket; only the events the rule's pattern names arrive."""
    _s3_rule(cloud, ["Object Deleted"])
    s3 = cloud.client("s3")
    s3.put_object(Bucket="uploads", Key="a.txt", Body=b"x")
    s3.delete_object(Bucket="uploads", Key="a.txt")
    cloud.run()
    (event,) = received(cloud)
    assert event["detail-type"] == "Object Deleted"
    assert event["detail"]["reason"] == "DeleteObject"
    assert event["detail"]["deletion-type"] == "Permanently Deleted"
    assert list(event["detail"]["object"]) == ["key", "sequencer"]
    parse(event=event, model=S3EventNotificationEventBridgeModel)


def test_rds_events_reach_a_rule(cloud) -> None:
    """RDS sends every event to the default bus as "RDS DB Instance Event" (source aws.rds); a rule matching
    its EventID gets it, valid as EventBridgeModel."""
    events = cloud.client("events")
    pattern = {"source": ["aws.rds"], "detail-type": ["RDS DB Instance Event"]}
    events.put_rule(Name="rds", EventPattern=json.dumps(pattern))
    fn = function_for(cloud, rule_arn("rds"))
    events.put_targets(Rule="rds", Targets=[{"Id": "fn", "Arn": fn}])
    cloud.client("rds").create_db_instance(DBInstanceIdentifier="mydb", DBInstanceClass="db.t3.micro", Engine="mysql")
    cloud.run(until=1200)
    delivered = received(cloud)
    assert delivered
    first = delivered[0]
    assert first["resources"] == [f"arn:aws:rds:{REGION}:{ACCOUNT}:db:mydb"]
    assert first["detail"]["SourceType"] == "DB_INSTANCE"
    assert first["detail"]["EventID"].startswith("RDS-EVENT-")
    for event in delivered:
        parse(event=event, model=EventBridgeModel)


def test_lambda_destinations_put_events_on_a_bus(cloud, lam) -> None:
    """An on-success EventBridge destination: source "lambda", detail-type "Lambda Function Invocation Result -
    Success", resources the function and the bus, the invocation record as detail."""
    events = cloud.client("events")
    bus = events.create_event_bus(Name="results")["EventBusArn"]
    pattern = {"source": ["lambda"], "detail-type": ["Lambda Function Invocation Result - Success"]}
    events.put_rule(Name="ok", EventBusName="results", EventPattern=json.dumps(pattern))
    url, arn = queue_for(cloud, "results", rule_arn("ok", "results"))
    events.put_targets(Rule="ok", EventBusName="results", Targets=[{"Id": "q", "Arn": arn}])
    function = make_function(lam)["FunctionArn"]
    lam.put_function_event_invoke_config(FunctionName="hello", DestinationConfig={"OnSuccess": {"Destination": bus}})
    lam.invoke(FunctionName="hello", InvocationType="Event", Payload=b'{"n": 1}')
    cloud.run()
    (message,) = messages(cloud, url)
    event = json.loads(message["Body"])
    assert event["source"] == "lambda"
    assert event["resources"] == [event["detail"]["requestContext"]["functionArn"], bus]
    assert event["resources"][0].startswith(function)  # the version invoked: ...:function:hello:$LATEST
    assert event["detail"]["requestPayload"] == {"n": 1}
    assert event["detail"]["responsePayload"] == {"n": 1}
    parse(event=event, model=EventBridgeModel)
