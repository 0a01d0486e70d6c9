"""RDS events: the catalog (event IDs, categories, messages), DescribeEvents, event subscriptions publishing to SNS
and from there to Lambda (the event validated against Powertools' SnsModel and compared with the sample of "Using
AWS Lambda with Amazon RDS"), and the EventBridge "RDS DB Instance Event" shape.

Sources (checked 2026-12-03):
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateEventSubscription.html
https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloudwatch-events.sample.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel, SnsModel

import pocketcloud
from pocketcloud.services import CLIENTS
from pocketcloud.services.rds import catalog
from pocketcloud.services.rds.events import RdsEvent, eventbridge_event
from pocketcloud.services.rds.service import RdsService

from .source_helpers import recorded_events, topic_to_function

SAMPLE_SUBSCRIPTION = "arn:aws:sns:us-east-2:123456789012:rds-lambda:21be56ed-a058-49f5-8c98-aedd2564c486"
#: The example of https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html
LAMBDA_SAMPLE = {
    "Records": [
        {
            "EventVersion": "1.0",
            "EventSubscriptionArn": SAMPLE_SUBSCRIPTION,
            "EventSource": "aws:sns",
            "Sns": {
                "SignatureVersion": "1",
                "Timestamp": "2019-01-02T12:45:07.000Z",
                "Signature": "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
                "SigningCertUrl": "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
                "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                "Message": (
                    '{"Event Source":"db-instance","Event Time":"2019-01-02 12:45:06.000","Identifier Link":'
                    '"https://console.aws.amazon.com/rds/home?region=eu-west-1#dbinstance:id=dbinstanceid",'
                    '"Source ID":"dbinstanceid","Event ID":'
                    '"http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/USER_Events.html#RDS-EVENT-0002",'
                    '"Event Message":"Finished DB Instance backup"}'
                ),
                "MessageAttributes": {},
                "Type": "Notification",
                "UnsubscribeUrl": "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe&amp;SubscriptionArn=arn:aws:sns:us-east-2:123456789012:test-lambda:21be56ed-a058-49f5-8c98-aedd2564c486",
                "TopicArn": "arn:aws:sns:us-east-2:123456789012:sns-lambda",
                "Subject": "RDS Notification Message",
            },
        }
    ]
}

#: "Example of a DB instance event" (the EventBridge event).
EVENTBRIDGE_SAMPLE = {
    "version": "0",
    "id": "68f6e973-1a0c-d37b-f2f2-94a7f62ffd4e",
    "detail-type": "RDS DB Instance Event",
    "source": "aws.rds",
    "account": "123456789012",
    "time": "2018-09-27T22:36:43Z",
    "region": "us-east-1",
    "resources": ["arn:aws:rds:us-east-1:123456789012:db:my-db-instance"],
    "detail": {
        "EventCategories": ["failover"],
        "SourceType": "DB_INSTANCE",
        "SourceArn": "arn:aws:rds:us-east-1:123456789012:db:my-db-instance",
        "Date": "2018-09-27T22:36:43.292Z",
        "Message": "A Multi-AZ failover has completed.",
        "SourceIdentifier": "rds:my-db-instance",
        "EventID": "RDS-EVENT-0049",
    },
}


def _instance(cloud: pocketcloud.Cloud, name: str = "mydb", **extra: Any) -> Any:
    rds = cloud.client("rds")
    rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro", Engine="mysql", **extra)
    return rds


def _messages(cloud: pocketcloud.Cloud) -> list[dict[str, Any]]:
    return [json.loads(e["Records"][0]["Sns"]["Message"]) for e in recorded_events(cloud)]


def test_creation_events_in_order(cloud) -> None:
    """Creating an instance records "DB instance created" (RDS-EVENT-0005, creation), then the first backup's
    "Backing up DB instance" (0001) and "Finished DB Instance backup" (0002)."""
    rds = _instance(cloud)
    cloud.run(until=600)
    events = rds.describe_events(SourceType="db-instance", SourceIdentifier="mydb", Duration=60)["Events"]
    assert [(e["Message"], e["EventCategories"]) for e in events] == [
        ("DB instance created", ["creation"]),
        ("Backing up DB instance", ["backup"]),
        ("Finished DB Instance backup", ["backup"]),
    ]
    assert events[0]["SourceArn"] == "arn:aws:rds:ap-northeast-2:123456789012:db:mydb"


def test_subscription_delivers_through_sns_to_lambda(cloud) -> None:
    """RDS publishes each matching event to the subscription's topic; SNS invokes the subscribed function with the
    SNS event whose Message is RDS's JSON. The event validates as SnsModel, has the sample's members, subject and
    message keys (plus "Source ARN", which current notifications carry)."""
    topic = topic_to_function(cloud)
    rds = cloud.client("rds")
    sub = rds.create_event_subscription(SubscriptionName="all-db", SnsTopicArn=topic, SourceType="db-instance")
    assert sub["EventSubscription"]["Status"] == "active"
    _instance(cloud)
    cloud.run(until=600)
    events = recorded_events(cloud)
    assert len(events) == 3
    (event,) = [e for e in events if "RDS-EVENT-0005" in e["Records"][0]["Sns"]["Message"]]
    parse(event=event, model=SnsModel)
    record, sample = event["Records"][0], LAMBDA_SAMPLE["Records"][0]
    assert set(record) == set(sample)
    assert set(record["Sns"]) == set(sample["Sns"])
    assert record["Sns"]["Subject"] == "RDS Notification Message"
    message = json.loads(record["Sns"]["Message"])
    sample_message = json.loads(str(sample["Sns"]["Message"]))
    assert list(message) == [*list(sample_message)[:4], "Source ARN", *list(sample_message)[4:]]
    assert message["Event Source"] == "db-instance"
    assert message["Source ID"] == "mydb"
    assert message["Source ARN"] == "arn:aws:rds:ap-northeast-2:123456789012:db:mydb"
    assert (
        message["Event ID"]
        == "http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/USER_Events.html#RDS-EVENT-0005"
    )
    assert message["Event Message"] == "DB instance created"
    assert (
        message["Identifier Link"] == "https://console.aws.amazon.com/rds/home?region=ap-northeast-2#dbinstance:id=mydb"
    )
    assert message["Event Time"] == "2026-01-01 00:04:00.000"


def test_failover_events_reach_the_function(cloud) -> None:
    """A forced failover sends "Multi-AZ instance failover started." (0013), "DB instance restarted" (0006) and
    "Multi-AZ instance failover completed" (0049), in that order."""
    topic = topic_to_function(cloud)
    rds = _instance(cloud, MultiAZ=True)
    cloud.run(until=600)
    rds.create_event_subscription(
        SubscriptionName="failover",
        SnsTopicArn=topic,
        SourceType="db-instance",
        EventCategories=["failover", "availability"],
    )
    rds.reboot_db_instance(DBInstanceIdentifier="mydb", ForceFailover=True)
    cloud.run(until=cloud.now + 120)
    assert [(m["Event ID"][-14:], m["Event Message"]) for m in _messages(cloud)] == [
        ("RDS-EVENT-0013", "Multi-AZ instance failover started."),
        ("RDS-EVENT-0006", "DB instance restarted"),
        ("RDS-EVENT-0049", "Multi-AZ instance failover completed"),
    ]


def test_categories_and_source_ids_filter(cloud) -> None:
    """Only events of the subscription's categories and sources are published."""
    topic = topic_to_function(cloud)
    rds = cloud.client("rds")
    _instance(cloud, "watched")
    _instance(cloud, "other")
    rds.create_event_subscription(
        SubscriptionName="creation-only", SnsTopicArn=topic, SourceType="db-instance",
        SourceIds=["watched"], EventCategories=["creation"],
    )  # fmt: skip
    cloud.run(until=600)
    assert [(m["Source ID"], m["Event Message"]) for m in _messages(cloud)] == [("watched", "DB instance created")]


def test_disabled_subscription_sends_nothing(cloud) -> None:
    topic = topic_to_function(cloud)
    rds = cloud.client("rds")
    rds.create_event_subscription(SubscriptionName="off", SnsTopicArn=topic, Enabled=False)
    _instance(cloud)
    cloud.run(until=600)
    assert recorded_events(cloud) == []
    rds.modify_event_subscription(SubscriptionName="off", Enabled=True)
    rds.reboot_db_instance(DBInstanceIdentifier="mydb")
    cloud.run(until=cloud.now + 60)
    assert [m["Event Message"] for m in _messages(cloud)] == ["DB instance restarted"]


def test_snapshot_events(cloud) -> None:
    topic = topic_to_function(cloud)
    rds = _instance(cloud)
    cloud.run(until=600)
    rds.create_event_subscription(SubscriptionName="snaps", SnsTopicArn=topic, SourceType="db-snapshot")
    rds.create_db_snapshot(DBSnapshotIdentifier="snap1", DBInstanceIdentifier="mydb")
    cloud.run(until=cloud.now + 100)
    rds.delete_db_snapshot(DBSnapshotIdentifier="snap1")
    cloud.run()
    messages = _messages(cloud)
    assert [(m["Event Source"], m["Event Message"]) for m in messages] == [
        ("db-snapshot", "Creating manual snapshot"),
        ("db-snapshot", "Manual snapshot created"),
        ("db-snapshot", "Deleted manual snapshot"),
    ]
    assert messages[1]["Identifier Link"].endswith("#snapshot:id=snap1")


def test_subscription_errors_leave_nothing_behind(cloud) -> None:
    """A topic that does not exist (SNSTopicArnNotFound), a source that does not exist (SourceNotFound), an unknown
    category (SubscriptionCategoryNotFound), source IDs without a source type, a duplicate name."""
    rds = cloud.client("rds")
    topic = cloud.client("sns").create_topic(Name="t")["TopicArn"]
    with pytest.raises(rds.exceptions.SNSTopicArnNotFoundFault):
        rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic + "x")
    with pytest.raises(rds.exceptions.SNSInvalidTopicFault):
        rds.create_event_subscription(SubscriptionName="s", SnsTopicArn="not-an-arn")
    with pytest.raises(rds.exceptions.SourceNotFoundFault):
        rds.create_event_subscription(
            SubscriptionName="s", SnsTopicArn=topic, SourceType="db-instance", SourceIds=["x"]
        )
    with pytest.raises(rds.exceptions.SubscriptionCategoryNotFoundFault):
        rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic, EventCategories=["weather"])
    with pytest.raises(pocketcloud.ClientError) as error:
        rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic, SourceIds=["x"])
    assert error.value.response["Error"]["Message"] == "You must specify a source type if you specify a source ID."
    assert rds.describe_event_subscriptions()["EventSubscriptionsList"] == []
    rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic)
    with pytest.raises(rds.exceptions.SubscriptionAlreadyExistFault):
        rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic)
    with pytest.raises(rds.exceptions.SubscriptionNotFoundFault):
        rds.delete_event_subscription(SubscriptionName="nope")


def test_a_deleted_topic_marks_the_subscription(cloud) -> None:
    """A topic that no longer exists turns the subscription's status to ``topic-not-exist`` (one of
    EventSubscription's documented statuses)."""
    sns, rds = cloud.client("sns"), cloud.client("rds")
    topic = sns.create_topic(Name="gone")["TopicArn"]
    rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic)
    sns.delete_topic(TopicArn=topic)
    _instance(cloud)
    cloud.run(until=600)
    status = rds.describe_event_subscriptions(SubscriptionName="s")["EventSubscriptionsList"][0]["Status"]
    assert status == "topic-not-exist"


def test_a_topic_policy_can_refuse_rds(cloud) -> None:
    """RDS publishes as events.rds.amazonaws.com for the owner: the default topic policy lets it; a policy that
    denies RDS makes the subscription ``no-permission``.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.GrantingPermissions.html"""
    sns, rds = cloud.client("sns"), cloud.client("rds")
    topic = sns.create_topic(Name="locked")["TopicArn"]
    deny = {
        "Effect": "Deny",
        "Principal": {"Service": "events.rds.amazonaws.com"},
        "Action": "sns:Publish",
        "Resource": topic,
    }
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=json.dumps({"Statement": [deny]}))
    rds.create_event_subscription(SubscriptionName="s", SnsTopicArn=topic)
    _instance(cloud)
    cloud.run(until=600)
    assert rds.describe_event_subscriptions()["EventSubscriptionsList"][0]["Status"] == "no-permission"


def test_describe_event_categories(cloud) -> None:
    rds = cloud.client("rds")
    answer = rds.describe_event_categories(SourceType="db-snapshot")["EventCategoriesMapList"]
    assert answer == [
        {"SourceType": "db-snapshot", "EventCategories": ["creation", "deletion", "notification", "restoration"]}
    ]
    everything = {m["SourceType"] for m in rds.describe_event_categories()["EventCategoriesMapList"]}
    assert {"db-instance", "db-cluster", "db-snapshot", "db-parameter-group"} <= everything


def test_describe_events_window(cloud) -> None:
    """DescribeEvents returns the last hour by default (Duration is in minutes) and events at most 14 days old."""
    rds = _instance(cloud)
    cloud.run(until=600)
    cloud.run(until=600 + 2 * 3600)
    assert rds.describe_events()["Events"] == []
    assert len(rds.describe_events(Duration=300)["Events"]) == 3


def test_eventbridge_event_matches_the_sample() -> None:
    """The EventBridge event has the sample's members, field by field, and validates as EventBridgeModel."""
    kind = catalog.INSTANCE_FAILOVER_COMPLETED
    event = RdsEvent(0.0, "db-instance", "my-db-instance", "arn:aws:rds:us-east-1:123456789012:db:my-db-instance", kind)
    document = eventbridge_event(event, "123456789012", "us-east-1", "68f6e973-1a0c-d37b-f2f2-94a7f62ffd4e")
    parse(event=document, model=EventBridgeModel)
    assert list(document) == list(EVENTBRIDGE_SAMPLE)
    assert list(document["detail"]) == list(EVENTBRIDGE_SAMPLE["detail"])
    for key in ("version", "detail-type", "source", "account", "region", "resources"):
        assert document[key] == EVENTBRIDGE_SAMPLE[key]
    assert document["detail"]["EventID"] == "RDS-EVENT-0049"
    assert document["detail"]["SourceType"] == "DB_INSTANCE"
    assert document["time"] == "2026-01-01T00:00:00Z"


@pytest.mark.skipif("events" not in CLIENTS, reason="EventBridge is not simulated yet: RDS sends to it once it is")
def test_events_go_to_eventbridge(cloud) -> None:
    events: Any = cloud.client("events")
    _instance(cloud)
    cloud.run(until=600)
    assert events is not None  # the EventBridge tests will read the rule's target once the service exists


def test_same_seed_same_notifications() -> None:
    def run() -> list[str]:
        cloud = pocketcloud.Cloud(seed=3)
        topic = topic_to_function(cloud)
        cloud.client("rds").create_event_subscription(SubscriptionName="s", SnsTopicArn=topic)
        _instance(cloud)
        cloud.run(until=600)
        return [e["Records"][0]["Sns"]["MessageId"] + e["Records"][0]["Sns"]["Message"] for e in recorded_events(cloud)]

    assert run() == run()


def test_clouds_do_not_share_rds_state() -> None:
    a, b = pocketcloud.Cloud(), pocketcloud.Cloud()
    _instance(a)
    assert b.backend("rds", RdsService).instances == {}
