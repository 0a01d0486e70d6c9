"""SNS subscription filter policies: the documented operators on message attributes and on the message body,
and the errors for malformed or too complex policies.

Sources (checked 2026-12-02):
https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html
https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html
https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html
https://docs.aws.amazon.com/sns/latest/dg/and-or-logic.html
https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
Error texts: AWS's as recorded in LocalStack's SNS filter validator.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pocketcloud import ClientError
from pocketcloud.services.sns.filter_policy import matches


def _attrs(**values: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, value in values.items():
        if isinstance(value, list):
            out[name] = {"DataType": "String.Array", "StringValue": json.dumps(value)}
        elif isinstance(value, (int, float)):
            out[name] = {"DataType": "Number", "StringValue": str(value)}
        else:
            out[name] = {"DataType": "String", "StringValue": value}
    return out


def _on_attributes(policy: dict[str, Any], **values: Any) -> bool:
    return matches(policy, "MessageAttributes", "{}", _attrs(**values))


def _on_body(policy: dict[str, Any], body: Any) -> bool:
    return matches(policy, "MessageBody", json.dumps(body), {})


def test_exact_matching_with_string_arrays() -> None:
    """Exact matching; "For String.Array type attributes, each element in the array is treated as a separate
    string"; matching is case-sensitive."""
    policy = {"customer_interests": ["rugby", "tennis"]}
    assert _on_attributes(policy, customer_interests="rugby")
    assert _on_attributes(policy, customer_interests=["rugby", "tennis"])
    assert not _on_attributes(policy, customer_interests="baseball")
    assert not _on_attributes(policy, customer_interests="Rugby")
    assert not _on_attributes(policy, customer_interests=["baseball"])
    assert not _on_attributes(policy)


def test_anything_but() -> None:
    """anything-but matches values not listed (for a String.Array, when no element is listed), or not starting
    with a prefix; it does not match a missing attribute."""
    policy = {"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}
    assert _on_attributes(policy, customer_interests="baseball")
    assert _on_attributes(policy, customer_interests=["football", "baseball"])
    assert not _on_attributes(policy, customer_interests=["rugby", "baseball"])
    assert not _on_attributes(policy, customer_interests="rugby")
    assert not _on_attributes(policy)
    prefix = {"event": [{"anything-but": {"prefix": "order-"}}]}
    assert _on_attributes(prefix, event="data-entry") and not _on_attributes(prefix, event="order-cancelled")


def test_prefix_suffix_and_equals_ignore_case() -> None:
    policy = {"customer_interests": [{"prefix": "bas"}, {"suffix": "ball"}, {"equals-ignore-case": "RUGBY"}]}
    assert _on_attributes(policy, customer_interests="basketball")
    assert _on_attributes(policy, customer_interests="football")
    assert _on_attributes(policy, customer_interests="rugby")
    assert not _on_attributes(policy, customer_interests="tennis")


def test_numeric_matching_and_ranges() -> None:
    """Numeric exact and range matching apply to Number attributes: ``{"numeric": [">", 0, "<=", 150]}``."""
    policy = {"price_usd": [{"numeric": [">", 0, "<=", 150]}]}
    assert _on_attributes(policy, price_usd=100)
    assert _on_attributes(policy, price_usd=150)
    assert not _on_attributes(policy, price_usd=0) and not _on_attributes(policy, price_usd=151)
    assert not _on_attributes(policy, price_usd="100")  # a String attribute is not compared numerically
    assert _on_attributes({"price_usd": [301.5]}, price_usd=301.5)
    assert _on_attributes({"price_usd": [{"numeric": ["=", 301.5]}]}, price_usd=301.50)


def test_exists_and_ip_address_matching() -> None:
    """``{"exists": true|false}`` tests for the key; ``{"cidr": "10.0.0.0/24"}`` matches addresses in the block."""
    assert _on_attributes({"store": [{"exists": True}]}, store="example_corp")
    assert not _on_attributes({"store": [{"exists": True}]})
    assert _on_attributes({"store": [{"exists": False}]}, other="x")
    assert not _on_attributes({"store": [{"exists": False}]}, store="example_corp")
    policy = {"source_ip": [{"cidr": "10.0.0.0/24"}]}
    assert _on_attributes(policy, source_ip="10.0.0.255") and not _on_attributes(policy, source_ip="10.0.1.1")


def test_and_or_logic() -> None:
    """Keys are ANDed, the values of one key ORed, and ``$or`` combines whole sub-policies."""
    policy = {"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}
    assert _on_attributes(policy, source="aws.cloudwatch", metricName="CPUUtilization")
    assert _on_attributes(policy, source="aws.cloudwatch", namespace="AWS/EC2")
    assert not _on_attributes(policy, source="aws.cloudwatch", namespace="AWS/ECS")
    assert not _on_attributes(policy, source="aws.other", namespace="AWS/EC2")


def test_payload_based_filtering_nests_and_looks_inside_arrays() -> None:
    """With FilterPolicyScope MessageBody "unlike attribute-based policies, payload-based policies support
    property nesting"; the message must be a JSON object (anything else never matches)."""
    policy = {"order": {"items": {"category": ["books"]}}, "total": [{"numeric": [">", 20]}]}
    body = {"order": {"items": [{"category": "toys"}, {"category": "books"}]}, "total": 25}
    assert _on_body(policy, body)
    assert not _on_body(policy, {"order": {"items": [{"category": "toys"}]}, "total": 25})
    assert not _on_body(policy, {"order": {"items": {"category": "books"}}, "total": 5})
    assert not matches(policy, "MessageBody", "not json", {})
    assert _on_body({"flag": [True], "gone": [None]}, {"flag": True, "gone": None})


@pytest.fixture
def subscription(cloud: Any) -> tuple[Any, str]:
    sns = cloud.client("sns")
    arn = sns.create_topic(Name="t")["TopicArn"]
    return sns, sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint="arn:aws:sqs:ap-northeast-2:123456789012:q")[
        "SubscriptionArn"
    ]


@pytest.mark.parametrize(
    ("policy", "reason"),
    [
        ({f"k{i}": ["v"] for i in range(6)}, "Filter policy can not have more than 5 keys"),
        ({"a": list(range(10)), "b": list(range(16))}, "Filter policy is too complex"),
        ({"a": []}, "Empty arrays are not allowed"),
        ({"a": "plain"}, '"a" must be an object or an array'),
        ({"a": [{"prefix": 1}]}, "prefix match pattern must be a string"),
        ({"a": [{"numeric": [">", "x"]}]}, "Value of > must be numeric"),
        ({"a": [{"numeric": ["<", 1, ">", 0]}]}, "Too many elements in numeric expression"),
        ({"a": [{"numeric": [">", 5, "<", 1]}]}, "Bottom must be less than top"),
        ({"a": [{"exists": "yes"}]}, "exists match pattern must be either true or false."),
        ({"a": [{"wildcards": "x"}]}, "Unrecognized match type wildcards"),
        ({"a": [{"prefix": "x", "suffix": "y"}]}, "Only one key allowed in match expression"),
        ({"a": [{"cidr": "10.0.0.0"}]}, "Malformed CIDR, one '/' required"),
    ],
)
def test_malformed_policies_are_refused_and_nothing_changes(subscription, policy, reason) -> None:
    """A bad policy is refused with InvalidParameter and the subscription keeps its previous policy."""
    sns, arn = subscription
    sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName="FilterPolicy", AttributeValue='{"a": ["b"]}')
    with pytest.raises(sns.exceptions.InvalidParameterException) as exc:
        sns.set_subscription_attributes(
            SubscriptionArn=arn, AttributeName="FilterPolicy", AttributeValue=json.dumps(policy)
        )
    assert exc.value.response["Error"]["Message"] == f"Invalid parameter: FilterPolicy: {reason}"
    assert sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]["FilterPolicy"] == '{"a": ["b"]}'


def test_policy_errors_from_subscribe_say_attributes(cloud) -> None:
    """With Subscribe the reason comes after "Invalid parameter: Attributes Reason: "; attribute policies cannot
    nest ("Filter policy scope MessageAttributes does not support nested filter policy"); bad JSON is "failed to
    parse JSON."."""
    sns = cloud.client("sns")
    arn = sns.create_topic(Name="t")["TopicArn"]
    endpoint = "arn:aws:sqs:ap-northeast-2:123456789012:q"
    with pytest.raises(ClientError) as exc:
        sns.subscribe(
            TopicArn=arn, Protocol="sqs", Endpoint=endpoint, Attributes={"FilterPolicy": '{"a": {"b": ["c"]}}'}
        )
    assert exc.value.response["Error"]["Message"] == (
        "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter "
        "policy"
    )
    with pytest.raises(ClientError) as exc:
        sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=endpoint, Attributes={"FilterPolicy": "{nope"})
    assert (
        exc.value.response["Error"]["Message"]
        == "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON."
    )
    nested = {"FilterPolicy": '{"a": {"b": ["c"]}}', "FilterPolicyScope": "MessageBody"}
    sns.subscribe(TopicArn=arn, Protocol="sqs", Endpoint=endpoint, Attributes=nested)
