"""RDS's event stream: the log DescribeEvents reads, and the two ways events leave RDS (SNS and EventBridge).

Each event is recorded once (:class:`RdsEvent`) and then

* appended to the log DescribeEvents answers from ("events related to DB instances ... for the past 14 days"),
* published to the SNS topic of every **enabled event subscription** whose source type, source IDs and categories
  match, as RDS's JSON notification with the subject "RDS Notification Message" (the sample in
  https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html, with the "Source ARN" member real notifications
  carry). RDS publishes as ``events.rds.amazonaws.com`` for the resource's owner: "By default, an Amazon SNS topic
  has a policy allowing all Amazon RDS resources within the same account to publish notifications to it."
  https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.GrantingPermissions.html
  A topic that refuses (deleted, or a policy that denies RDS) turns the subscription's status to
  ``topic-not-exist`` / ``no-permission``, two of the statuses EventSubscription documents.
* sent to EventBridge as an "RDS DB Instance Event" / "RDS DB Snapshot Event" (:func:`eventbridge_event`), once
  pocketcloud has an ``events`` service. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloud-watch-events.html

Delivery is immediate, at the virtual instant of the event (RDS sends "near real time" notifications; a delay is
not documented).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ClientError
from ...timeutil import iso_millis, to_datetime
from .catalog import SOURCE_TYPES, EventKind

if TYPE_CHECKING:
    from .service import RdsService

PRINCIPAL = "events.rds.amazonaws.com"
SUBJECT = "RDS Notification Message"
EVENT_ID_URL = "http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/USER_Events.html#"


@dataclass(frozen=True)
class RdsEvent:
    time: float
    source_type: str  # the API's SourceType: "db-instance", "db-snapshot"
    source_id: str
    source_arn: str
    kind: EventKind

    def describe(self) -> dict[str, Any]:
        """The ``Event`` structure of DescribeEvents."""
        return {
            "SourceIdentifier": self.source_id,
            "SourceType": self.source_type,
            "Message": self.kind.message,
            "EventCategories": list(self.kind.categories),
            "Date": to_datetime(self.time),
            "SourceArn": self.source_arn,
        }


def event_time(t: float) -> str:
    """``2019-01-02 12:45:06.000``: how RDS notifications print "Event Time" (UTC, milliseconds)."""
    return to_datetime(t).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def sns_message(event: RdsEvent, region: str) -> dict[str, str]:
    """The JSON document RDS publishes to an event subscription's topic (the SNS ``Message``)."""
    fragment = SOURCE_TYPES[event.source_type][2]
    return {
        "Event Source": event.source_type,
        "Event Time": event_time(event.time),
        "Identifier Link": f"https://console.aws.amazon.com/rds/home?region={region}#{fragment}:id={event.source_id}",
        "Source ID": event.source_id,
        "Source ARN": event.source_arn,
        "Event ID": EVENT_ID_URL + event.kind.event_id,
        "Event Message": event.kind.message,
    }


def eventbridge_event(event: RdsEvent, account: str, region: str, event_uuid: str) -> dict[str, Any]:
    """The event RDS sends to EventBridge, as in "Example of a DB instance event":
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloudwatch-events.sample.html"""
    api_type, detail_type = SOURCE_TYPES[event.source_type][:2]
    return {
        "version": "0",
        "id": event_uuid,
        "detail-type": detail_type,
        "source": "aws.rds",
        "account": account,
        "time": to_datetime(event.time).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [event.source_arn],
        "detail": {
            "EventCategories": list(event.kind.categories),
            "SourceType": api_type,
            "SourceArn": event.source_arn,
            "Date": iso_millis(event.time),
            "Message": event.kind.message,
            "SourceIdentifier": event.source_id,
            "EventID": event.kind.event_id,
        },
    }


def emit(service: RdsService, source_type: str, source_id: str, source_arn: str, kind: EventKind) -> RdsEvent:
    """Record one event and hand it to its subscriptions and to EventBridge."""
    cloud = service.cloud
    event = RdsEvent(cloud.now, source_type, source_id, source_arn, kind)
    service.events.append(event)
    for subscription in list(service.subscriptions.values()):
        if subscription.matches(event):
            _publish(service, subscription, event)
    _to_eventbridge(service, event)
    return event


def _publish(service: RdsService, subscription: Any, event: RdsEvent) -> None:
    cloud = service.cloud
    client: Any = cloud.service_client("sns", PRINCIPAL, source_arn=event.source_arn, source_owner=cloud.account_id)
    body = json.dumps(sns_message(event, cloud.region), separators=(",", ":"))
    try:
        client.publish(TopicArn=subscription.topic_arn, Message=body, Subject=SUBJECT)
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        subscription.status = "topic-not-exist" if code in ("NotFound", "InvalidParameter") else "no-permission"
        service.failed_notifications.append((event, subscription.name, f"{code}: {exc}"))
        return
    subscription.status = "active"


def _to_eventbridge(service: RdsService, event: RdsEvent) -> None:
    from .. import CLIENTS

    if "events" not in CLIENTS:
        return
    cloud = service.cloud
    document = eventbridge_event(event, cloud.account_id, cloud.region, cloud.new_request_id())
    client: Any = cloud.service_client("events", "rds.amazonaws.com", source_arn=event.source_arn)
    entry = {
        "Source": document["source"],
        "DetailType": document["detail-type"],
        "Detail": json.dumps(document["detail"]),
        "Resources": document["resources"],
        "Time": to_datetime(event.time),
    }
    try:
        client.put_events(Entries=[entry])
    except ClientError as exc:
        service.failed_notifications.append((event, "eventbridge", str(exc)))
