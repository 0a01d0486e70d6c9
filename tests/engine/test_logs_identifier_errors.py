"""A log group's ``arn`` (the one ending in ``:*``) is not a ``logGroupIdentifier``; its ``logGroupArn`` is.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html
  (logGroupIdentifier: "Specify either the name or ARN of the log group"; "If you specify the ARN, it must not
  end with an asterisk (*)"; pattern ``[\\w#+=/:,.@-]*``)
- AWS's answer, recorded by moto's AWS-verified tests (getmoto/moto tests/test_logs/test_logs.py
  test_arn_formats_log_group_and_stream, test_get_log_events_using_arn): InvalidParameterException "1 validation
  error detected: Value at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular
  expression pattern: [\\w#+=/:,.@-]*" -- the value itself is left out.
"""

from __future__ import annotations

import pytest

import pocketcloud

MESSAGE = (
    "1 validation error detected: Value at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy "
    "regular expression pattern: [\\w#+=/:,.@-]*"
)


def test_the_star_arn_is_refused_in_aws_words_and_the_plain_arn_works(cloud: pocketcloud.Cloud) -> None:
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="my-group")
    logs.create_log_stream(logGroupName="my-group", logStreamName="stream")
    group = logs.describe_log_groups(logGroupNamePrefix="my-group")["logGroups"][0]
    assert group["arn"] == group["logGroupArn"] + ":*"
    streams = logs.describe_log_streams(logGroupIdentifier=group["logGroupArn"])["logStreams"]
    assert [s["logStreamName"] for s in streams] == ["stream"]
    logs.get_log_events(logGroupIdentifier=group["logGroupArn"], logStreamName="stream")
    for call in (
        lambda: logs.describe_log_streams(logGroupIdentifier=group["arn"]),
        lambda: logs.get_log_events(logGroupIdentifier=group["arn"], logStreamName="stream"),
    ):
        with pytest.raises(logs.exceptions.InvalidParameterException) as exc:
            call()
        assert exc.value.response["Error"]["Message"] == MESSAGE
