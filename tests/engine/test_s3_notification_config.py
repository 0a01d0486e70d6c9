"""S3 notification configurations: what PutBucketNotificationConfiguration accepts and refuses, as AWS validates it.

Sources (checked 2026-12-02): https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html (every example of a valid
and an
invalid configuration on that page is a test here), event types
https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html, Lambda
permissions https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html. S3's error texts as S3 answered them in public
threads: "Unable to validate the following destination configurations" with "<arn>, null" / "Not authorized to invoke
function [<arn>]" (https://github.com/awslabs/aws-lambda-redshift-loader/issues/219), "Configurations overlap. ..."
(https://github.com/minio/minio/issues/2472), "Configuration is ambiguously defined. ..."
(https://aws.amazon.com/premiumsupport/knowledge-center/lambda-s3-event-configuration-error/).
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError

from .s3_helpers import error, make_bucket, recording_function

LAMBDA = "arn:aws:lambda:ap-northeast-2:123456789012:function:"
TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:"
AMBIGUOUS = (
    "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are "
    "overlapping for the same event type."
)


@pytest.fixture
def s3(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("s3")
    make_bucket(client)
    return client


def rule(arn: str, events: list[str], prefix: str | None = None, suffix: str | None = None) -> dict[str, Any]:
    config: dict[str, Any] = {"LambdaFunctionArn": arn, "Events": events}
    rules = [{"Name": n, "Value": v} for n, v in (("prefix", prefix), ("suffix", suffix)) if v is not None]
    if rules:
        config["Filter"] = {"Key": {"FilterRules": rules}}
    return config


def put(s3: Any, *configs: dict[str, Any], skip: bool = True) -> Any:
    """Save Lambda configurations (skipping destination checks unless asked: these tests are about the shape)."""
    return s3.put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={"LambdaFunctionConfigurations": list(configs)},
        SkipDestinationValidation=skip,
    )


# -- destinations ----------------------------------------------------------------------------------------------


def test_a_lambda_destination_needs_a_resource_based_permission_for_s3(cloud, s3) -> None:
    """AWS: "Amazon S3 cannot invoke your Lambda function without your permission": without a policy statement for
    s3.amazonaws.com, S3 refuses the configuration — InvalidArgument "Unable to validate the following destination
    configurations", ``ArgumentName1`` "<arn>, null", ``ArgumentValue1`` "Not authorized to invoke function [<arn>]" —
    and keeps the configuration it had."""
    lam = cloud.client("lambda")
    arn = recording_function(lam, permit=False)
    with pytest.raises(ClientError) as exc:
        put(s3, rule(arn, ["s3:ObjectCreated:*"]), skip=False)
    assert error(exc.value) == {
        "Code": "InvalidArgument",
        "Message": "Unable to validate the following destination configurations",
        "ArgumentName1": f"{arn}, null",
        "ArgumentValue1": f"Not authorized to invoke function [{arn}]",
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "LambdaFunctionConfigurations" not in s3.get_bucket_notification_configuration(Bucket="uploads")
    lam.add_permission(
        FunctionName="on-upload",
        StatementId="s3",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::uploads",
    )
    put(s3, rule(arn, ["s3:ObjectCreated:*"]), skip=False)
    assert len(s3.get_bucket_notification_configuration(Bucket="uploads")["LambdaFunctionConfigurations"]) == 1


def test_a_permission_for_another_bucket_does_not_count(cloud, s3) -> None:
    """The statement's SourceArn condition must match this bucket (Lambda checks it, as AWS does)."""
    lam = cloud.client("lambda")
    arn = recording_function(lam, bucket="some-other-bucket")
    with pytest.raises(ClientError) as exc:
        put(s3, rule(arn, ["s3:ObjectCreated:*"]), skip=False)
    assert error(exc.value)["ArgumentValue1"] == f"Not authorized to invoke function [{arn}]"


def test_every_failed_destination_is_named(cloud, s3) -> None:
    """One ArgumentName/ArgumentValue pair per destination S3 could not validate; a function that does not exist
    is "The destination Lambda does not exist" (LocalStack's wording; AWS's is not quoted publicly)."""
    lam = cloud.client("lambda")
    arn = recording_function(lam, permit=False)
    with pytest.raises(ClientError) as exc:
        put(s3, rule(arn, ["s3:ObjectCreated:*"]), rule(LAMBDA + "ghost", ["s3:ObjectRemoved:*"]), skip=False)
    assert error(exc.value)["ArgumentValue2"] == "The destination Lambda does not exist"
    assert error(exc.value)["ArgumentName2"] == f"{LAMBDA}ghost, null"


def test_skip_destination_validation_saves_without_checking(s3) -> None:
    """``SkipDestinationValidation``: "Skips validation of Amazon SQS, Amazon SNS, and Lambda destinations"."""
    put(s3, rule(LAMBDA + "not-yet-created", ["s3:ObjectCreated:*"]), skip=True)
    saved = s3.get_bucket_notification_configuration(Bucket="uploads")["LambdaFunctionConfigurations"]
    assert saved[0]["LambdaFunctionArn"] == LAMBDA + "not-yet-created"


# -- the configuration itself ------------------------------------------------------------------------------------


def test_unknown_events_and_malformed_arns_are_invalid_argument(s3) -> None:
    """AWS: "The event is not supported for notifications"; "The ARN is not well formed" (an SNS ARN where a function
    ARN
    belongs); a destination in another Region is refused too (moto quotes all three)."""
    with pytest.raises(ClientError) as exc:
        put(s3, rule(LAMBDA + "f", ["s3:ObjectCreated:Upload"]))
    assert (error(exc.value)["Message"], error(exc.value)["ArgumentValue"]) == (
        "The event is not supported for notifications",
        "s3:ObjectCreated:Upload",
    )
    with pytest.raises(ClientError) as exc:
        put(s3, rule(TOPIC + "t", ["s3:ObjectCreated:*"]))
    assert error(exc.value)["Message"] == "The ARN is not well formed"
    assert error(exc.value)["ArgumentName"] == "LambdaFunctionArn"
    with pytest.raises(ClientError) as exc:
        put(s3, rule("arn:aws:lambda:us-east-1:123456789012:function:f", ["s3:ObjectCreated:*"]))
    assert error(exc.value)["Message"] == (
        "The notification destination service region is not valid for the bucket location constraint"
    )
    assert set(s3.get_bucket_notification_configuration(Bucket="uploads")) == {"ResponseMetadata"}


def test_filter_rules_are_prefix_and_suffix_once_each(s3) -> None:
    """AWS: "filter rule name must be either prefix or suffix"; "Cannot specify more than one prefix rule in a filter.";
    a value over 1,024 bytes is refused (FilterRule Value: "The maximum length is 1,024 characters")."""
    bad = {"LambdaFunctionArn": LAMBDA + "f", "Events": ["s3:ObjectCreated:*"]}
    cases = [
        ([{"Name": "contains", "Value": "x"}], "filter rule name must be either prefix or suffix"),
        (
            [{"Name": "prefix", "Value": "a"}, {"Name": "prefix", "Value": "b"}],
            "Cannot specify more than one prefix rule in a filter.",
        ),
        (
            [{"Name": "suffix", "Value": "x" * 1025}],
            "Size of filter rule value cannot exceed 1024 bytes in UTF-8 representation",
        ),
    ]
    for rules, message in cases:
        with pytest.raises(ClientError) as exc:
            put(s3, dict(bad, Filter={"Key": {"FilterRules": rules}}))
        assert (error(exc.value)["Code"], error(exc.value)["Message"]) == ("InvalidArgument", message)


def test_get_returns_the_configuration_with_ids(s3) -> None:
    """AWS: "If you don't provide one, Amazon S3 will assign an ID"; rule names are accepted in either case ("AWS
    supports
    the capitalised name", https://github.com/localstack/localstack/issues/1249) and answered as botocore's enum
    spells them."""
    put(s3, rule(LAMBDA + "f", ["s3:ObjectCreated:*"], prefix="images/", suffix=".jpg"))
    put(
        s3,
        dict(
            rule(LAMBDA + "f", ["s3:ObjectCreated:*"]),
            Filter={
                "Key": {"FilterRules": [{"Name": "Prefix", "Value": "images/"}, {"Name": "Suffix", "Value": ".jpg"}]}
            },
        ),
    )
    saved = s3.get_bucket_notification_configuration(Bucket="uploads")["LambdaFunctionConfigurations"][0]
    assert saved["Id"]
    assert saved["Events"] == ["s3:ObjectCreated:*"]
    assert saved["Filter"] == {
        "Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "suffix", "Value": ".jpg"}]}
    }


def test_an_empty_configuration_turns_notifications_off(s3) -> None:
    """AWS: "To turn off notifications on a bucket, you specify an empty NotificationConfiguration element"."""
    put(s3, rule(LAMBDA + "f", ["s3:ObjectCreated:*"]))
    s3.put_bucket_notification_configuration(Bucket="uploads", NotificationConfiguration={})
    answer = s3.get_bucket_notification_configuration(Bucket="uploads")
    assert set(answer) == {"ResponseMetadata"}


# -- overlapping configurations (every example of notification-how-to-filtering.html) --------------------------


def test_two_rules_without_filters_for_one_event_type_overlap(s3) -> None:
    """Without filters: "Configurations overlap. Configurations on the same bucket cannot share a common event
    type." with ArgumentName ``Event`` and the two event types."""
    with pytest.raises(ClientError) as exc:
        put(s3, rule(LAMBDA + "a", ["s3:ObjectRemoved:*"]), rule(LAMBDA + "b", ["s3:ObjectRemoved:*"]))
    assert error(exc.value) == {
        "Code": "InvalidArgument",
        "Message": "Configurations overlap. Configurations on the same bucket cannot share a common event type.",
        "ArgumentName": "Event",
        "ArgumentValue": "s3:ObjectRemoved:*, s3:ObjectRemoved:*",
    }


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # "notifications for PUT requests in the images/ folder go to queue-A, ... logs/ folder go to queue-B"
        (("s3:ObjectCreated:Put", "images/", None), ("s3:ObjectCreated:Put", "logs/", None)),
        # ".png and .jpg suffixes are not overlapping even though they have the same last letter"
        (("s3:ObjectCreated:Put", None, ".jpg"), ("s3:ObjectCreated:Put", None, ".png")),
        # "objects created with a common prefix but non-overlapping suffixes can be delivered to different destinations"
        (("s3:ObjectCreated:Put", "images", ".jpg"), ("s3:ObjectCreated:Put", "images", ".png")),
        # "You can use overlapping object key name filters with different event types"
        (("s3:ObjectCreated:Put", "image/", None), ("s3:ObjectRemoved:*", "image/", None)),
    ],
)
def test_the_documented_valid_configurations_are_accepted(s3, first, second) -> None:
    put(s3, rule(LAMBDA + "a", [first[0]], first[1], first[2]), rule(LAMBDA + "b", [second[0]], second[1], second[2]))
    assert len(s3.get_bucket_notification_configuration(Bucket="uploads")["LambdaFunctionConfigurations"]) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # "the root prefix overlaps with any other prefix"
        (("s3:ObjectCreated:*", None, None), ("s3:ObjectCreated:*", "images", None)),
        # "A string can end with jpg and pg, so the suffixes are overlapping" (ObjectCreated:* and :Put overlap)
        (("s3:ObjectCreated:*", None, "jpg"), ("s3:ObjectCreated:Put", None, "pg")),
        # "not valid because it has overlapping prefixes and suffixes"
        (("s3:ObjectCreated:*", "images", "jpg"), ("s3:ObjectCreated:Put", None, "jpg")),
    ],
)
def test_the_documented_invalid_configurations_are_refused(s3, first, second) -> None:
    put(s3, rule(LAMBDA + "keep", ["s3:ObjectRemoved:Delete"]))
    with pytest.raises(ClientError) as exc:
        put(
            s3,
            rule(LAMBDA + "a", [first[0]], first[1], first[2]),
            rule(LAMBDA + "b", [second[0]], second[1], second[2]),
        )
    assert (error(exc.value)["Code"], error(exc.value)["Message"]) == ("InvalidArgument", AMBIGUOUS)
    kept = s3.get_bucket_notification_configuration(Bucket="uploads")["LambdaFunctionConfigurations"]
    assert [c["LambdaFunctionArn"] for c in kept] == [LAMBDA + "keep"]


def test_overlaps_are_checked_across_destination_types(s3) -> None:
    """The rule applies to the whole configuration: a topic and a function cannot share an event type either."""
    with pytest.raises(ClientError):
        s3.put_bucket_notification_configuration(
            Bucket="uploads",
            NotificationConfiguration={
                "LambdaFunctionConfigurations": [rule(LAMBDA + "a", ["s3:ObjectCreated:*"])],
                "TopicConfigurations": [{"TopicArn": TOPIC + "t", "Events": ["s3:ObjectCreated:Copy"]}],
            },
            SkipDestinationValidation=True,
        )
