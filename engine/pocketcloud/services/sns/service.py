"""The topics and subscriptions of one cloud, and the SNS operations on them.

Subscriptions: "If the endpoint type is HTTP/S or email, or if the endpoint and the topic are not in the same
Amazon Web Services account, the endpoint owner must run the ConfirmSubscription action": SQS and Lambda
endpoints in the cloud's own account are confirmed at once (and those are the protocols pocketcloud delivers
to; the others are refused with a message that says so). https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
A FIFO topic takes SQS subscriptions only, and a FIFO queue can only subscribe to a FIFO topic.
https://docs.aws.amazon.com/sns/latest/dg/fifo-topic-code-examples.html
"""

from __future__ import annotations

import base64
import binascii
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import jsondoc, limits
from ...errors import ServiceError
from ...timeutil import iso_millis
from . import delivery, filter_policy, publishing
from .arns import check_topic_name, invalid_parameter, is_subscription_arn, not_found, parse_topic_arn, topic_arn
from .attributes import (
    DEFAULT_DELIVERY_POLICY,
    check_subscription_attribute,
    check_topic_attribute,
    default_policy,
)

if TYPE_CHECKING:
    from ...cloud import Cloud

_SIMULATED = ("sqs", "lambda")
_OTHER_PROTOCOLS = ("http", "https", "email", "email-json", "sms", "application", "firehose")
_SEQUENCE_BASE = 10_000_000_000_000_000_000


@dataclass
class Subscription:
    arn: str
    topic_arn: str
    protocol: str
    endpoint: str
    attributes: dict[str, str] = field(default_factory=dict)
    filter_policy: dict[str, Any] | None = None

    @property
    def filter_scope(self) -> str:
        return self.attributes.get("FilterPolicyScope", "MessageAttributes")

    @property
    def raw(self) -> bool:
        return self.attributes.get("RawMessageDelivery") == "true"

    @property
    def dead_letter_arn(self) -> str | None:
        raw = self.attributes.get("RedrivePolicy")
        if not raw:
            return None
        target = jsondoc.loads(raw).get("deadLetterTargetArn")
        return str(target) if target else None


@dataclass
class Topic:
    name: str
    arn: str
    fifo: bool
    attributes: dict[str, str]
    tags: dict[str, str] = field(default_factory=dict)
    subscriptions: list[Subscription] = field(default_factory=list)
    sequence: int = 0
    dedup: dict[tuple[str, str], tuple[float, str, str | None]] = field(default_factory=dict)

    @property
    def max_message_size(self) -> int:
        return int(self.attributes.get("MaximumMessageSize", limits.SNS_DEFAULT_MESSAGE_SIZE_BYTES))


class SnsService:
    """Topics by ARN (in creation order), subscriptions by ARN, and the delivery log."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.topics: dict[str, Topic] = {}
        self.subscriptions: dict[str, Subscription] = {}
        #: Every delivery, filtered message and failure, newest last (see :mod:`.delivery`).
        self.deliveries: deque[delivery.Delivery] = deque(maxlen=10_000)
        self._clients: dict[tuple[str, str], Any] = {}

    def client_for(self, service: str, topic_arn: str) -> Any:
        """The client SNS delivers through, as ``sns.amazonaws.com`` for this topic (made once per topic)."""
        found = self._clients.get((service, topic_arn))
        if found is None:
            found = self._clients[(service, topic_arn)] = self.cloud.service_client(
                service, delivery.PRINCIPAL, source_arn=topic_arn
            )
        return found

    # -- lookup ----------------------------------------------------------------------------------------------
    def topic(self, arn: str, parameter: str = "TopicArn") -> Topic:
        parsed = parse_topic_arn(arn)
        if parsed is None:
            raise invalid_parameter(parameter)
        found = self.topics.get(arn)
        if found is None or parsed[0] != self.cloud.region or parsed[1] != self.cloud.account_id:
            raise not_found("Topic does not exist")
        return found

    def subscription(self, arn: str) -> Subscription:
        if not is_subscription_arn(arn):
            raise invalid_parameter("SubscriptionArn")
        found = self.subscriptions.get(arn)
        if found is None:
            raise not_found("Subscription does not exist")
        return found

    # -- topics ----------------------------------------------------------------------------------------------
    def create_topic(self, params: dict[str, Any]) -> dict[str, Any]:
        """ "This action is idempotent, so if the requester already owns a topic with the specified name, that
        topic's ARN is returned without creating a new topic." https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
        """
        name = params["Name"]
        requested = dict(params.get("Attributes") or {})
        fifo_flag = requested.pop("FifoTopic", "false").lower()
        if fifo_flag not in ("true", "false"):
            raise invalid_parameter("Attributes Reason: FifoTopic: Invalid value")
        fifo = fifo_flag == "true" or name.endswith(".fifo")
        check_topic_name(name, fifo)
        if name.endswith(".fifo") and fifo_flag != "true":
            raise invalid_parameter("Topic Name")
        checked = {k: check_topic_attribute(k, v, fifo=fifo, subscriptions=0) for k, v in requested.items()}
        tags = {t["Key"]: t["Value"] for t in params.get("Tags") or []}
        arn = topic_arn(self.cloud.region, self.cloud.account_id, name)
        existing = self.topics.get(arn)
        if existing is not None:
            if any(existing.attributes.get(k) != v for k, v in checked.items()):
                raise invalid_parameter("Attributes Reason: Topic already exists with different attributes")
            if tags and any(existing.tags.get(k) != v for k, v in tags.items()):
                raise invalid_parameter("Tags Reason: Topic already exists with different tags")
            return {"TopicArn": arn}
        attributes = {"Policy": default_policy(arn, self.cloud.account_id), "DisplayName": ""}
        if fifo:
            attributes.update(FifoTopic="true", ContentBasedDeduplication="false")
        attributes.update(checked)
        self.topics[arn] = Topic(name, arn, fifo, attributes, tags)
        return {"TopicArn": arn}

    def delete_topic(self, params: dict[str, Any]) -> dict[str, Any]:
        """Idempotent: "deleting a topic that does not exist does not result in an error"; its subscriptions go
        with it. https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html"""
        arn = params["TopicArn"]
        if parse_topic_arn(arn) is None:
            raise invalid_parameter("TopicArn")
        found = self.topics.pop(arn, None)
        if found is not None:
            for subscription in found.subscriptions:
                self.subscriptions.pop(subscription.arn, None)
        return {}

    def _page(self, items: list[Any], token: str | None) -> tuple[list[Any], str | None]:
        start = 0
        if token:
            try:
                start = int(base64.b64decode(token, validate=True).decode())
            except (ValueError, binascii.Error, UnicodeDecodeError):
                raise invalid_parameter("NextToken") from None
        end = start + limits.SNS_LIST_PAGE_SIZE
        more = base64.b64encode(str(end).encode()).decode() if end < len(items) else None
        return items[start:end], more

    def list_topics(self, params: dict[str, Any]) -> dict[str, Any]:
        page, more = self._page(list(self.topics), params.get("NextToken"))
        result: dict[str, Any] = {"Topics": [{"TopicArn": arn} for arn in page]}
        if more:
            result["NextToken"] = more
        return result

    def get_topic_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self.topic(params["TopicArn"])
        attributes = {
            "TopicArn": found.arn,
            "Owner": self.cloud.account_id,
            "SubscriptionsPending": "0",
            "SubscriptionsConfirmed": str(len(found.subscriptions)),
            "SubscriptionsDeleted": "0",
            "EffectiveDeliveryPolicy": found.attributes.get("DeliveryPolicy") or DEFAULT_DELIVERY_POLICY,
            **found.attributes,
        }
        return {"Attributes": attributes}

    def set_topic_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self.topic(params["TopicArn"])
        name = params["AttributeName"]
        value = params.get("AttributeValue", "")
        found.attributes[name] = check_topic_attribute(
            name, value, fifo=found.fifo, subscriptions=len(found.subscriptions)
        )
        return {}

    # -- subscriptions ---------------------------------------------------------------------------------------
    def subscribe(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self.topic(params["TopicArn"])
        protocol = params["Protocol"]
        if protocol in _OTHER_PROTOCOLS:
            raise invalid_parameter(
                f"pocketcloud does not simulate the {protocol} protocol; it delivers to sqs and lambda subscriptions"
            )
        if protocol not in _SIMULATED:
            raise invalid_parameter(f"Amazon SNS does not support this protocol string: {protocol}")
        endpoint = params.get("Endpoint") or ""
        self._check_endpoint(found, protocol, endpoint)
        requested = dict(params.get("Attributes") or {})
        attributes, policy = self._subscription_attributes(found, protocol, requested, subscribe=True)
        for existing in found.subscriptions:
            if existing.protocol == protocol and existing.endpoint == endpoint:
                if any(existing.attributes.get(k) != v for k, v in attributes.items()):
                    raise invalid_parameter("Attributes Reason: Subscription already exists with different attributes")
                return {"SubscriptionArn": existing.arn}
        arn = f"{found.arn}:{self.cloud.new_request_id()}"
        subscription = Subscription(arn, found.arn, protocol, endpoint, attributes, policy)
        found.subscriptions.append(subscription)
        self.subscriptions[arn] = subscription
        return {"SubscriptionArn": arn}

    def _check_endpoint(self, found: Topic, protocol: str, endpoint: str) -> None:
        if protocol == "sqs":
            parts = endpoint.split(":")
            if len(parts) != 6 or parts[:3] != ["arn", "aws", "sqs"] or not parts[5]:
                raise invalid_parameter("SQS endpoint ARN")
            if parts[5].endswith(".fifo") and not found.fifo:
                # As AWS words it (the doubled prefix included), recorded in LocalStack's SNS provider.
                raise invalid_parameter(
                    "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"
                )
            return
        parts = endpoint.split(":")
        if len(parts) not in (7, 8) or parts[:3] != ["arn", "aws", "lambda"] or parts[5] != "function":
            raise invalid_parameter("Lambda endpoint ARN")
        if found.fifo:
            raise invalid_parameter("Endpoint Reason: FIFO topics only deliver to Amazon SQS queues")

    def _subscription_attributes(
        self, found: Topic, protocol: str, requested: dict[str, str], *, subscribe: bool
    ) -> tuple[dict[str, str], dict[str, Any] | None]:
        """Check every requested attribute (FilterPolicy against the resulting FilterPolicyScope)."""
        checked: dict[str, str] = {}
        for name, value in requested.items():
            if name == "FilterPolicy":
                continue
            checked[name] = check_subscription_attribute(name, value, protocol=protocol, fifo_topic=found.fifo)
        policy = None
        raw_policy = requested.get("FilterPolicy")
        if raw_policy is not None:
            scope = checked.get("FilterPolicyScope", "MessageAttributes")
            policy = filter_policy.parse(raw_policy, scope, subscribe=subscribe)
            if policy is not None:
                checked["FilterPolicy"] = raw_policy
                checked.setdefault("FilterPolicyScope", scope)
        return checked, policy

    def unsubscribe(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self.subscription(params["SubscriptionArn"])
        del self.subscriptions[found.arn]
        topic = self.topics.get(found.topic_arn)
        if topic is not None:
            topic.subscriptions.remove(found)
        return {}

    def _entries(self, subscriptions: list[Subscription], token: str | None) -> dict[str, Any]:
        page, more = self._page(subscriptions, token)
        entries = [
            {
                "SubscriptionArn": s.arn,
                "Owner": self.cloud.account_id,
                "Protocol": s.protocol,
                "Endpoint": s.endpoint,
                "TopicArn": s.topic_arn,
            }
            for s in page
        ]
        result: dict[str, Any] = {"Subscriptions": entries}
        if more:
            result["NextToken"] = more
        return result

    def list_subscriptions(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._entries(list(self.subscriptions.values()), params.get("NextToken"))

    def list_subscriptions_by_topic(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._entries(list(self.topic(params["TopicArn"]).subscriptions), params.get("NextToken"))

    def get_subscription_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self.subscription(params["SubscriptionArn"])
        attributes = {
            "SubscriptionArn": found.arn,
            "TopicArn": found.topic_arn,
            "Owner": self.cloud.account_id,
            "Protocol": found.protocol,
            "Endpoint": found.endpoint,
            "ConfirmationWasAuthenticated": "true",
            "PendingConfirmation": "false",
            "RawMessageDelivery": "false",
            "SubscriptionPrincipal": f"arn:aws:iam::{self.cloud.account_id}:root",
            **found.attributes,
        }
        return {"Attributes": attributes}

    def set_subscription_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        """Changing FilterPolicyScope re-checks the current FilterPolicy for the new scope (a nested policy is
        refused for MessageAttributes)."""
        found = self.subscription(params["SubscriptionArn"])
        topic = self.topic(found.topic_arn)
        name = params["AttributeName"]
        value = params.get("AttributeValue", "")
        if name == "FilterPolicy":
            policy = filter_policy.parse(value, found.filter_scope, subscribe=False)
            found.filter_policy = policy
            if policy is None:
                found.attributes.pop("FilterPolicy", None)
            else:
                found.attributes["FilterPolicy"] = value
                found.attributes.setdefault("FilterPolicyScope", "MessageAttributes")
            return {}
        checked = check_subscription_attribute(name, value, protocol=found.protocol, fifo_topic=topic.fifo)
        if name == "FilterPolicyScope" and "FilterPolicy" in found.attributes:
            found.filter_policy = filter_policy.parse(found.attributes["FilterPolicy"], checked, subscribe=False)
        found.attributes[name] = checked
        return {}

    # -- tags ------------------------------------------------------------------------------------------------
    def _tagged(self, arn: str) -> Topic:
        found = self.topics.get(arn)
        if found is None:
            raise ServiceError("ResourceNotFound", "Resource does not exist", 404)
        return found

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """ "Adding more than 50 tags to a topic isn't recommended"; AWS refuses past 50 with TagLimitExceeded.
        https://docs.aws.amazon.com/sns/latest/api/API_TagResource.html"""
        found = self._tagged(params["ResourceArn"])
        merged = {**found.tags, **{t["Key"]: t["Value"] for t in params["Tags"]}}
        if len(merged) > 50:
            raise ServiceError("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded")
        found.tags = merged
        return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self._tagged(params["ResourceArn"])
        for key in params["TagKeys"]:
            found.tags.pop(key, None)
        return {}

    def list_tags_for_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self._tagged(params["ResourceArn"])
        return {"Tags": [{"Key": k, "Value": v} for k, v in found.tags.items()]}

    # -- publishing ------------------------------------------------------------------------------------------
    def target(self, params: dict[str, Any]) -> Topic:
        if params.get("PhoneNumber") is not None:
            raise invalid_parameter("pocketcloud does not simulate SMS delivery (PhoneNumber)")
        arn = params.get("TopicArn") or params.get("TargetArn")
        if not arn:
            raise invalid_parameter("TopicArn or TargetArn Reason: no value for required parameter")
        if params.get("TopicArn") is None and parse_topic_arn(arn) is None:
            raise invalid_parameter("pocketcloud does not simulate mobile push endpoints (TargetArn)")
        return self.topic(arn, "TopicArn" if params.get("TopicArn") else "TargetArn")

    def _published(self, found: Topic, checked: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The message as delivery sees it, and whether it is new (not a FIFO duplicate)."""
        now = self.cloud.now
        if found.fifo:
            group = checked["group_id"] if found.attributes.get("FifoThroughputScope") == "MessageGroup" else ""
            key = (group, checked["dedup_id"])
            previous = found.dedup.get(key)
            if previous is not None and previous[0] > now:
                return {"message_id": previous[1], "sequence_number": previous[2]}, False
        published = dict(checked)
        published["message_id"] = self.cloud.new_request_id()
        published["topic_arn"] = found.arn
        published["published_at"] = now
        published["timestamp"] = iso_millis(now)
        published["signature_version"] = found.attributes.get("SignatureVersion", "1")
        published["fifo"] = found.fifo
        if found.fifo:
            found.sequence += 1
            published["sequence_number"] = str(_SEQUENCE_BASE + found.sequence * 1000)
            expires = now + limits.SNS_DEDUPLICATION_INTERVAL_S
            found.dedup[key] = (expires, published["message_id"], published["sequence_number"])
        return published, True

    def publish(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/sns/latest/api/API_Publish.html"""
        found = self.target(params)
        checked = publishing.check(
            params,
            fifo=found.fifo,
            content_dedup=found.attributes.get("ContentBasedDeduplication") == "true",
            max_size=found.max_message_size,
        )
        published, new = self._published(found, checked)
        if new:
            delivery.fan_out(self, published, list(found.subscriptions))
        result: dict[str, Any] = {"MessageId": published["message_id"]}
        if published.get("sequence_number") is not None:
            result["SequenceNumber"] = published["sequence_number"]
        return result

    def publish_batch(self, params: dict[str, Any]) -> dict[str, Any]:
        """Up to 10 entries; "For FIFO topics, multiple messages within a single batch are published in the order
        they are sent, and messages are deduplicated within the batch and across batches for 5 minutes." Batch
        rules refuse the whole request (wording: the API reference's error descriptions); a malformed entry
        also refuses it, as AWS does ("it seems that AWS fails the whole publish if something is wrong in the
        format of 1 message", LocalStack's provider). https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
        """
        found = self.topic(params["TopicArn"])
        entries = params["PublishBatchRequestEntries"]
        if not entries:
            raise ServiceError("EmptyBatchRequest", "The batch request doesn't contain any entries.")
        if len(entries) > limits.SNS_BATCH_MAX_ENTRIES:
            text = "The batch request contains more entries than permissible."
            raise ServiceError("TooManyEntriesInBatchRequest", text)
        ids = [entry["Id"] for entry in entries]
        if len(set(ids)) != len(ids):
            raise ServiceError("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.")
        for entry_id in ids:
            if not entry_id or len(entry_id) > 80 or not all(c.isalnum() or c in "-_" for c in entry_id):
                text = "The Id of a batch entry in a batch request doesn't abide by the specification."
                raise ServiceError("InvalidBatchEntryId", text)
        content_dedup = found.attributes.get("ContentBasedDeduplication") == "true"
        checked = [
            publishing.check(entry, fifo=found.fifo, content_dedup=content_dedup, max_size=found.max_message_size)
            for entry in entries
        ]
        total = sum(len(c["message"].encode("utf-8")) for c in checked)
        if total > found.max_message_size:
            text = "The length of all the messages put together is more than the limit."
            raise ServiceError("BatchRequestTooLong", text)
        successful: list[dict[str, Any]] = []
        for entry_id, message in zip(ids, checked, strict=True):
            published, new = self._published(found, message)
            if new:
                delivery.fan_out(self, published, list(found.subscriptions))
            item: dict[str, Any] = {"Id": entry_id, "MessageId": published["message_id"]}
            if published.get("sequence_number") is not None:
                item["SequenceNumber"] = published["sequence_number"]
            successful.append(item)
        return {"Successful": successful, "Failed": []}
