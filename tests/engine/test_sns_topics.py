"""SNS topics and subscriptions: names, attributes, listing, tags, Subscribe's rules, errors in AWS's words.

Sources (checked 2026-12-02): the SNS API reference pages named per test. Error wordings the reference does not
print come from AWS's answers as recorded in LocalStack's SNS provider.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError

TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:"
QUEUE = "arn:aws:sqs:ap-northeast-2:123456789012:"
FUNCTION = "arn:aws:lambda:ap-northeast-2:123456789012:function:"


@pytest.fixture
def sns(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("sns")


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def test_create_topic_is_idempotent(sns) -> None:
    """ "This action is idempotent, so if the requester already owns a topic with the specified name, that topic's
    ARN is returned without creating a new topic."

    Source: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
    """
    arn = sns.create_topic(Name="orders")["TopicArn"]
    assert arn == TOPIC + "orders"
    assert sns.create_topic(Name="orders")["TopicArn"] == arn
    assert sns.list_topics()["Topics"] == [{"TopicArn": arn}]
    with pytest.raises(sns.exceptions.InvalidParameterException) as exc:
        sns.create_topic(Name="orders", Attributes={"DisplayName": "other"})
    assert _error(exc)[0] == "InvalidParameter"


def test_topic_names(sns) -> None:
    """Names: ASCII letters, digits, hyphens and underscores, 1 to 256 characters; a FIFO topic's ends in .fifo
    (and needs FifoTopic=true). InvalidParameter "Invalid parameter: Topic Name".

    Source: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
    """
    sns.create_topic(Name="a" * 256)
    for bad in ("a" * 257, "with space", "dot.ted", "x.fifo"):
        with pytest.raises(ClientError) as exc:
            sns.create_topic(Name=bad)
        assert _error(exc) == ("InvalidParameter", "Invalid parameter: Topic Name")
    fifo = sns.create_topic(Name="t.fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    assert sns.get_topic_attributes(TopicArn=fifo)["Attributes"]["FifoTopic"] == "true"
    with pytest.raises(ClientError) as exc:
        sns.create_topic(Name="nofifo", Attributes={"FifoTopic": "true"})
    assert "Fifo Topic names must end with .fifo" in _error(exc)[1]


def test_topic_attributes(sns) -> None:
    """GetTopicAttributes reports TopicArn, Owner, Policy, the subscription counts, EffectiveDeliveryPolicy and
    what was set; SetTopicAttributes refuses unknown names ("Invalid parameter: AttributeName"); MaximumMessageSize
    is 1,024 to 1,048,576.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
    """
    arn = sns.create_topic(Name="t")["TopicArn"]
    sns.set_topic_attributes(TopicArn=arn, AttributeName="DisplayName", AttributeValue="Orders")
    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    assert attributes["TopicArn"] == arn and attributes["Owner"] == "123456789012"
    assert attributes["DisplayName"] == "Orders" and attributes["SubscriptionsConfirmed"] == "0"
    assert json.loads(attributes["Policy"])["Statement"][0]["Resource"] == arn
    with pytest.raises(ClientError) as exc:
        sns.set_topic_attributes(TopicArn=arn, AttributeName="Bogus", AttributeValue="x")
    assert _error(exc) == ("InvalidParameter", "Invalid parameter: AttributeName")
    with pytest.raises(ClientError):
        sns.set_topic_attributes(TopicArn=arn, AttributeName="MaximumMessageSize", AttributeValue="1048577")
    sns.set_topic_attributes(TopicArn=arn, AttributeName="MaximumMessageSize", AttributeValue="1048576")


def test_unknown_topics(sns) -> None:
    """NotFound "Topic does not exist" (HTTP 404) for an unknown topic; "Invalid parameter: TopicArn" for
    something that is not a topic ARN; DeleteTopic of a missing topic "does not result in an error".

    Source: https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html
    """
    with pytest.raises(sns.exceptions.NotFoundException) as exc:
        sns.publish(TopicArn=TOPIC + "nope", Message="x")
    assert _error(exc) == ("NotFound", "Topic does not exist")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as exc:
        sns.get_topic_attributes(TopicArn="orders")
    assert _error(exc) == ("InvalidParameter", "Invalid parameter: TopicArn")
    sns.delete_topic(TopicArn=TOPIC + "nope")


def test_subscribe_sqs_and_lambda_are_confirmed_at_once(sns) -> None:
    """ "If the endpoint type is HTTP/S or email, or if the endpoint and the topic are not in the same Amazon Web
    Services account, the endpoint owner must run the ConfirmSubscription action": SQS and Lambda endpoints in
    the same account need none. Subscribe is idempotent for the same endpoint.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
    """
    arn = sns.create_topic(Name="t")["TopicArn"]
    queue = sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=QUEUE + "q")["SubscriptionArn"]
    function = sns.subscribe(TopicArn=arn, Protocol="lambda", Endpoint=FUNCTION + "f")["SubscriptionArn"]
    assert queue.startswith(arn + ":") and queue != function
    assert sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=QUEUE + "q")["SubscriptionArn"] == queue
    attributes = sns.get_subscription_attributes(SubscriptionArn=queue)["Attributes"]
    assert attributes["PendingConfirmation"] == "false" and attributes["RawMessageDelivery"] == "false"
    assert attributes["Protocol"] == "sqs" and attributes["Endpoint"] == QUEUE + "q"
    listed = sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
    assert [s["SubscriptionArn"] for s in listed] == [queue, function]
    assert sns.get_topic_attributes(TopicArn=arn)["Attributes"]["SubscriptionsConfirmed"] == "2"
    sns.unsubscribe(SubscriptionArn=queue)
    assert [s["SubscriptionArn"] for s in sns.list_subscriptions()["Subscriptions"]] == [function]
    with pytest.raises(sns.exceptions.NotFoundException):
        sns.get_subscription_attributes(SubscriptionArn=queue)


def test_subscribe_rules(sns) -> None:
    """Unknown protocols: "Invalid parameter: Amazon SNS does not support this protocol string: ..."; a FIFO queue
    only on a FIFO topic (AWS's doubled "Invalid parameter: Invalid parameter: Endpoint ..."); protocols pocketcloud
    does not deliver to are refused saying so; RawMessageDelivery is not for Lambda.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
    """
    arn = sns.create_topic(Name="t")["TopicArn"]
    with pytest.raises(ClientError) as exc:
        sns.subscribe(TopicArn=arn, Protocol="carrier-pigeon", Endpoint="x")
    assert _error(exc)[1] == "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon"
    with pytest.raises(ClientError) as exc:
        sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=QUEUE + "q.fifo")
    assert _error(exc)[1] == (
        "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard "
        "SNS topics"
    )
    with pytest.raises(ClientError) as exc:
        sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="me@example.com")
    assert "pocketcloud does not simulate the email protocol" in _error(exc)[1]
    with pytest.raises(ClientError) as exc:
        sns.subscribe(
            TopicArn=arn, Protocol="lambda", Endpoint=FUNCTION + "f", Attributes={"RawMessageDelivery": "true"}
        )
    assert _error(exc)[1] == (
        "Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not support raw message delivery."
    )
    with pytest.raises(ClientError):
        sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint="https://sqs.example/q")
    assert sns.list_subscriptions()["Subscriptions"] == []


def test_subscription_attributes(sns) -> None:
    """SetSubscriptionAttributes: RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy; others are
    "Invalid parameter: AttributeName".

    Source: https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html
    """
    arn = sns.create_topic(Name="t")["TopicArn"]
    sub = sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=QUEUE + "q")["SubscriptionArn"]
    sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="RawMessageDelivery", AttributeValue="true")
    sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="FilterPolicy", AttributeValue='{"a": ["b"]}')
    redrive = json.dumps({"deadLetterTargetArn": QUEUE + "dlq"})
    sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="RedrivePolicy", AttributeValue=redrive)
    attributes = sns.get_subscription_attributes(SubscriptionArn=sub)["Attributes"]
    assert attributes["RawMessageDelivery"] == "true"
    assert attributes["FilterPolicy"] == '{"a": ["b"]}' and attributes["FilterPolicyScope"] == "MessageAttributes"
    assert attributes["RedrivePolicy"] == redrive
    with pytest.raises(ClientError) as exc:
        sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="Colour", AttributeValue="x")
    assert _error(exc) == ("InvalidParameter", "Invalid parameter: AttributeName")
    with pytest.raises(ClientError):
        sns.set_subscription_attributes(SubscriptionArn=sub, AttributeName="RedrivePolicy", AttributeValue="{}")


def test_tags(sns) -> None:
    """TagResource / UntagResource / ListTagsForResource on a topic; an unknown resource is ResourceNotFound.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_TagResource.html
    """
    arn = sns.create_topic(Name="t", Tags=[{"Key": "team", "Value": "a"}])["TopicArn"]
    sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "dev"}])
    assert sns.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "a"},
        {"Key": "env", "Value": "dev"},
    ]
    sns.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert sns.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "env", "Value": "dev"}]
    with pytest.raises(sns.exceptions.ResourceNotFoundException):
        sns.list_tags_for_resource(ResourceArn=TOPIC + "nope")
    with pytest.raises(ClientError) as exc:
        sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "k" * 129, "Value": "v"}])
    assert _error(exc)[0] == "ValidationError"


def test_list_topics_pages_by_100(sns) -> None:
    """ "Each call returns a limited list of topics, up to 100. If there are more topics, a NextToken is also
    returned"; botocore's paginator follows it.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html
    """
    for index in range(150):
        sns.create_topic(Name=f"t{index:03}")
    first = sns.list_topics()
    assert len(first["Topics"]) == 100 and "NextToken" in first
    everything = sns.get_paginator("list_topics").paginate().build_full_result()
    assert len(everything["Topics"]) == 150


def test_delete_topic_removes_its_subscriptions(sns) -> None:
    """Deleting a topic deletes its subscriptions.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html
    """
    arn = sns.create_topic(Name="t")["TopicArn"]
    sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=QUEUE + "q")
    sns.delete_topic(TopicArn=arn)
    assert sns.list_subscriptions()["Subscriptions"] == [] and sns.list_topics()["Topics"] == []
