"""CloudWatch Logs administration: retention on the virtual clock, tags (both APIs), resource policies.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagLogGroup.html
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud import limits
from pocketcloud.errors import ClientError
from pocketcloud.timeutil import epoch_millis

DAY = 86_400


@pytest.fixture
def logs(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("logs")
    client.create_log_group(logGroupName="app")
    client.create_log_stream(logGroupName="app", logStreamName="s")
    return client


def put(cloud: pocketcloud.Cloud, logs: Any, *messages: str) -> None:
    now = epoch_millis(cloud.now)
    logs.put_log_events(
        logGroupName="app", logStreamName="s", logEvents=[{"timestamp": now, "message": m} for m in messages]
    )


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


# -- retention -----------------------------------------------------------------------------------------------------
def test_retention_appears_in_describe_log_groups_and_goes_away(logs) -> None:  # type: ignore[no-untyped-def]
    """DescribeLogGroups shows retentionInDays once a policy is set; DeleteRetentionPolicy makes events never
    expire again ("To set a log group so that its log events do not expire, use DeleteRetentionPolicy")."""
    assert "retentionInDays" not in logs.describe_log_groups()["logGroups"][0]
    logs.put_retention_policy(logGroupName="app", retentionInDays=7)
    assert logs.describe_log_groups()["logGroups"][0]["retentionInDays"] == 7
    logs.delete_retention_policy(logGroupName="app")
    assert "retentionInDays" not in logs.describe_log_groups()["logGroups"][0]


@pytest.mark.parametrize("days", [0, 2, 4, 8, 10000])
def test_only_the_documented_retention_values_are_accepted(logs, days: int) -> None:  # type: ignore[no-untyped-def]
    """ "Possible values are: 1, 3, 5, 7, 14, 30, ... 3653"; anything else is the front end's enum error."""
    with pytest.raises(logs.exceptions.InvalidParameterException) as exc:
        logs.put_retention_policy(logGroupName="app", retentionInDays=days)
    message = error(exc)[1]
    assert message.startswith(f"1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy")
    assert "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827" in message
    assert "retentionInDays" not in logs.describe_log_groups()["logGroups"][0]


@pytest.mark.parametrize("days", limits.LOGS_RETENTION_DAYS)
def test_every_documented_retention_value_is_accepted(logs, days: int) -> None:  # type: ignore[no-untyped-def]
    logs.put_retention_policy(logGroupName="app", retentionInDays=days)
    assert logs.describe_log_groups()["logGroups"][0]["retentionInDays"] == days


def test_retention_of_a_missing_group_is_resource_not_found(logs) -> None:  # type: ignore[no-untyped-def]
    for call in (
        lambda: logs.put_retention_policy(logGroupName="nope", retentionInDays=1),
        lambda: logs.delete_retention_policy(logGroupName="nope"),
    ):
        with pytest.raises(logs.exceptions.ResourceNotFoundException) as exc:
            call()
        assert error(exc) == ("ResourceNotFoundException", "The specified log group does not exist.")


def test_events_expire_on_the_virtual_clock(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """Events older than the retention period are no longer returned or counted in storedBytes ("These log
    events marked for deletion are also not included when you use an API to retrieve the storedBytes value");
    pocketcloud expires them exactly at the limit (a model of AWS's "up to 72 hours")."""
    put(cloud, logs, "old")
    cloud.run(until=cloud.now + 2 * DAY)
    put(cloud, logs, "new")
    logs.put_retention_policy(logGroupName="app", retentionInDays=3)

    def messages() -> list[str]:
        events = logs.get_log_events(logGroupName="app", logStreamName="s", startFromHead=True)["events"]
        return [e["message"] for e in events]

    assert messages() == ["old", "new"]
    cloud.run(until=3 * DAY - 1)
    assert messages() == ["old", "new"]
    assert logs.describe_log_groups()["logGroups"][0]["storedBytes"] == len("oldnew")
    cloud.run(until=3 * DAY + 1)
    assert messages() == ["new"]
    assert [e["message"] for e in logs.filter_log_events(logGroupName="app")["events"]] == ["new"]
    assert logs.describe_log_groups()["logGroups"][0]["storedBytes"] == len("new")
    stream = logs.describe_log_streams(logGroupName="app")["logStreams"][0]
    assert stream["firstEventTimestamp"] == epoch_millis(2 * DAY)
    cloud.run(until=6 * DAY)
    assert messages() == []
    assert "firstEventTimestamp" not in logs.describe_log_streams(logGroupName="app")["logStreams"][0]
    # "old" expired at day 3 and was deleted 72 hours later; "new" (expired at day 5) is only marked, so removing
    # the policy brings it back (the page's warning, see the next test).
    logs.delete_retention_policy(logGroupName="app")
    assert messages() == ["new"]


def test_a_longer_retention_within_72_hours_brings_expired_events_back(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """ "imagine that you change a log group to have a longer retention setting when it contains log events that
    are past the expiration date, but haven't been deleted ... To make sure that log data is deleted permanently,
    keep a log group at its lower retention setting until 72 hours after the previous retention period ends"
    (API_PutRetentionPolicy). pocketcloud deletes exactly 72 hours after an event expires (or after the policy
    that expired it was set, if later): a deterministic model of "up to 72 hours"."""
    put(cloud, logs, "day0")
    cloud.run(until=10 * DAY)
    put(cloud, logs, "day10")

    def messages() -> list[str]:
        return [e["message"] for e in logs.filter_log_events(logGroupName="app")["events"]]

    logs.put_retention_policy(logGroupName="app", retentionInDays=1)
    assert messages() == ["day10"]
    cloud.run(until=cloud.now + 3 * DAY - 1)  # not yet 72 hours since the policy marked "day0"
    logs.put_retention_policy(logGroupName="app", retentionInDays=30)
    assert messages() == ["day0", "day10"]
    logs.put_retention_policy(logGroupName="app", retentionInDays=1)
    cloud.run(until=cloud.now + 3 * DAY)  # 72 hours at the lower setting: both are deleted for good
    logs.delete_retention_policy(logGroupName="app")
    assert messages() == []
    put(cloud, logs, "after")  # the group itself keeps working, now without a retention
    assert messages() == ["after"]


def test_put_log_events_rejects_events_older_than_the_retention(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """ "None of the log events in the batch can be older than 14 days or older than the retention period of the
    log group"; such events are reported as ``expiredLogEventEndIndex`` (API_PutLogEvents,
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html)."""
    cloud.run(until=5 * DAY)
    logs.put_retention_policy(logGroupName="app", retentionInDays=3)
    now = epoch_millis(cloud.now)
    response = logs.put_log_events(
        logGroupName="app",
        logStreamName="s",
        logEvents=[
            {"timestamp": now - 3 * DAY * 1000 - 2000, "message": "3 days and 2 s old"},
            {"timestamp": now - 3 * DAY * 1000 + 2000, "message": "3 days less 2 s old"},
        ],
    )
    assert response["rejectedLogEventsInfo"] == {"expiredLogEventEndIndex": 1}
    assert [e["message"] for e in logs.filter_log_events(logGroupName="app")["events"]] == ["3 days less 2 s old"]


# -- tags ----------------------------------------------------------------------------------------------------------
def test_create_log_group_with_tags_and_both_tagging_apis(cloud) -> None:  # type: ignore[no-untyped-def]
    """TagResource "appended" new keys and replaces the value of an existing key; TagLogGroup / ListTagsLogGroup
    are the older by-name forms of the same tags."""
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="tagged", tags={"team": "a"})
    arn = logs.describe_log_groups()["logGroups"][0]["logGroupArn"]
    assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "a"}
    logs.tag_resource(resourceArn=arn, tags={"stage": "dev", "team": "b"})
    assert logs.list_tags_log_group(logGroupName="tagged")["tags"] == {"team": "b", "stage": "dev"}
    logs.tag_log_group(logGroupName="tagged", tags={"owner": "me"})
    logs.untag_resource(resourceArn=arn, tagKeys=["team", "not-there"])
    # The trailing ":*" of DescribeLogGroups' "arn" does not fit the model's resourceArn pattern [\w+=/:,.@-]*.
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.list_tags_for_resource(resourceArn=arn + ":*")
    assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"stage": "dev", "owner": "me"}
    logs.untag_log_group(logGroupName="tagged", tags=["stage", "owner"])
    assert logs.list_tags_log_group(logGroupName="tagged")["tags"] == {}


def test_at_most_fifty_tags_and_nothing_changes_on_refusal(logs) -> None:  # type: ignore[no-untyped-def]
    """ "You can associate as many as 50 tags with a CloudWatch Logs resource" (TooManyTagsException)."""
    logs.tag_log_group(logGroupName="app", tags={f"k{i}": "v" for i in range(49)})
    with pytest.raises(logs.exceptions.TooManyTagsException) as exc:
        logs.tag_log_group(logGroupName="app", tags={"x": "1", "y": "2"})
    assert error(exc) == ("TooManyTagsException", "A resource can have no more than 50 tags.")
    assert len(logs.list_tags_log_group(logGroupName="app")["tags"]) == 49
    logs.tag_log_group(logGroupName="app", tags={"k0": "replaced", "x": "1"})  # 50 exactly
    # 51 in one request is already over the model's maximum for the map: the front end's error.
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.create_log_group(logGroupName="many", tags={f"k{i}": "v" for i in range(51)})
    assert [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]] == ["app"]


def test_tagging_unknown_resources(logs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(logs.exceptions.ResourceNotFoundException) as exc:
        logs.list_tags_for_resource(resourceArn="arn:aws:logs:ap-northeast-2:123456789012:log-group:nope")
    assert error(exc)[1] == "The specified log group does not exist."
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.tag_resource(resourceArn="arn:aws:sqs:ap-northeast-2:123456789012:q", tags={"a": "b"})
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.tag_log_group(logGroupName="nope", tags={"a": "b"})


def test_kms_key_id_is_recorded(cloud) -> None:  # type: ignore[no-untyped-def]
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="enc", kmsKeyId="arn:aws:kms:ap-northeast-2:123456789012:key/abc")
    assert logs.describe_log_groups()["logGroups"][0]["kmsKeyId"].endswith("key/abc")


# -- resource policies ---------------------------------------------------------------------------------------------
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Route53LogsToCloudWatchLogs",
                "Effect": "Allow",
                "Principal": {"Service": ["route53.amazonaws.com"]},
                "Action": "logs:PutLogEvents",
                "Resource": "logArn",
            }
        ],
    }
)


def test_account_resource_policies(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """PutResourcePolicy / DescribeResourcePolicies / DeleteResourcePolicy at ACCOUNT scope ("When not specified,
    defaults to ACCOUNT"), with the example policy from the API reference."""
    put_response = logs.put_resource_policy(policyName="route53", policyDocument=POLICY)
    assert put_response["resourcePolicy"]["policyName"] == "route53"
    (policy,) = logs.describe_resource_policies()["resourcePolicies"]
    assert policy == {
        "policyName": "route53",
        "policyDocument": POLICY,
        "lastUpdatedTime": epoch_millis(cloud.now),
        "policyScope": "ACCOUNT",
    }
    logs.delete_resource_policy(policyName="route53")
    assert logs.describe_resource_policies()["resourcePolicies"] == []
    with pytest.raises(logs.exceptions.ResourceNotFoundException) as exc:
        logs.delete_resource_policy(policyName="route53")
    assert error(exc)[1] == "Policy with name [route53] does not exist"


def test_at_most_ten_account_policies(logs) -> None:  # type: ignore[no-untyped-def]
    """ "An account can have a maximum of 10 policies without resourceARN"."""
    for i in range(10):
        logs.put_resource_policy(policyName=f"p{i}", policyDocument=POLICY)
    logs.put_resource_policy(policyName="p0", policyDocument=POLICY)  # replacing one is fine
    with pytest.raises(logs.exceptions.LimitExceededException):
        logs.put_resource_policy(policyName="p10", policyDocument=POLICY)
    assert len(logs.describe_resource_policies(limit=50)["resourcePolicies"]) == 10


def test_log_group_policies_need_the_revision_id(logs) -> None:  # type: ignore[no-untyped-def]
    """A RESOURCE-scoped policy: expectedRevisionId "Required when resourceArn is provided to prevent concurrent
    modifications. Use null when creating a resource policy for the first time"."""
    arn = logs.describe_log_groups()["logGroups"][0]["logGroupArn"]
    first = logs.put_resource_policy(policyName="g", policyDocument=POLICY, resourceArn=arn)
    revision = first["revisionId"]
    assert first["resourcePolicy"]["policyScope"] == "RESOURCE"
    with pytest.raises(logs.exceptions.OperationAbortedException):
        logs.put_resource_policy(policyName="g", policyDocument=POLICY, resourceArn=arn)
    second = logs.put_resource_policy(
        policyName="g", policyDocument=POLICY, resourceArn=arn, expectedRevisionId=revision
    )
    (found,) = logs.describe_resource_policies(resourceArn=arn)["resourcePolicies"]
    assert found["revisionId"] == second["revisionId"] != revision
    assert logs.describe_resource_policies()["resourcePolicies"] == []  # ACCOUNT scope holds none
    logs.delete_resource_policy(policyName="g", resourceArn=arn, expectedRevisionId=second["revisionId"])
    assert logs.describe_resource_policies(resourceArn=arn)["resourcePolicies"] == []


def test_a_policy_must_be_a_json_policy_document(logs) -> None:  # type: ignore[no-untyped-def]
    for document in ("not json", "[]", '{"Version": "2012-10-17"}'):
        with pytest.raises(logs.exceptions.InvalidParameterException):
            logs.put_resource_policy(policyName="bad", policyDocument=document)
    assert logs.describe_resource_policies()["resourcePolicies"] == []
