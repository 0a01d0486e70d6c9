"""ElastiCache events: the log DescribeEvents reads and the notifications sent to a cluster's SNS topic.

**How ElastiCache reaches Lambda on AWS:** only through SNS. A cluster or replication group with a
``NotificationTopicArn`` publishes its events to that topic ("ElastiCache can publish messages using Amazon Simple
Notification Service (SNS) when significant events happen on a cache cluster"); a Lambda function subscribed to the
topic gets the SNS event. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html
(Node-based clusters send no service events to EventBridge; only API calls arrive there, through CloudTrail.)

The SNS ``Message`` is a JSON object naming the event and its source, e.g.
``{"ElastiCache:CacheClusterProvisioningComplete":"my-cluster"}`` (the event names of the table above; handlers in
the wild read the event name from the object's keys). DescribeEvents shows the event's message text ("Cache cluster
created", "Cache cluster deleted", "Cache node 0001 restarted", "Failover to replica node %s completed"), as
listed in the same table. ElastiCache publishes as ``elasticache.amazonaws.com`` for the resource's owner: "The
Amazon SNS topic's access policy must use the aws:SourceOwner condition key" (the default topic policy does).
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html
A topic that refuses turns the configuration's ``TopicStatus`` to ``inactive``, as the console shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ClientError
from ...timeutil import to_datetime

if TYPE_CHECKING:
    from .service import ElastiCacheService

PRINCIPAL = "elasticache.amazonaws.com"


@dataclass(frozen=True)
class CacheEvent:
    time: float
    source_type: str  # "cache-cluster", "replication-group"
    source_id: str
    name: str  # "ElastiCache:CacheClusterProvisioningComplete"
    message: str  # DescribeEvents' text

    def describe(self) -> dict[str, Any]:
        return {
            "SourceIdentifier": self.source_id,
            "SourceType": self.source_type,
            "Message": self.message,
            "Date": to_datetime(self.time),
        }


def sns_message(event: CacheEvent) -> str:
    return json.dumps({event.name: event.source_id}, separators=(",", ":"))


def emit(service: ElastiCacheService, owner: Any, source_type: str, source_id: str, name: str, message: str) -> None:
    """Record the event; publish it to ``owner``'s notification topic, if it has an active one."""
    event = CacheEvent(service.cloud.now, source_type, source_id, name, message)
    service.events.append(event)
    topic = getattr(owner, "topic_arn", None)
    if topic is None or getattr(owner, "topic_status", "active") != "active":
        return
    cloud = service.cloud
    client: Any = cloud.service_client("sns", PRINCIPAL, source_arn=owner.arn, source_owner=cloud.account_id)
    try:
        client.publish(TopicArn=topic, Message=sns_message(event))
    except ClientError as exc:
        owner.topic_status = "inactive"
        service.failed_notifications.append((event, str(exc)))
