"""ARN partitions: a cloud in a China or GovCloud Region makes ``arn:aws-cn:`` / ``arn:aws-us-gov:`` ARNs.

"The partition in which the resource is located. A partition is a group of AWS Regions. ... aws - AWS Regions,
aws-cn - China Regions, aws-us-gov - AWS GovCloud (US) Regions".
Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
The Region-to-partition rules are botocore's (data/partitions.json, regionRegex of each partition).
"""

from __future__ import annotations

import pytest

import pocketcloud
from pocketcloud.cloud import partition_of


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("ap-northeast-2", "aws"),
        ("us-east-1", "aws"),
        ("cn-north-1", "aws-cn"),
        ("cn-northwest-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
    ],
)
def test_partition_follows_the_region(region: str, partition: str) -> None:
    assert partition_of(region) == partition
    assert pocketcloud.Cloud(region=region).partition == partition


@pytest.mark.parametrize(("region", "partition"), [("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")])
def test_log_group_arns_carry_the_partition(region: str, partition: str) -> None:
    logs = pocketcloud.Cloud(region=region).client("logs")
    logs.create_log_group(logGroupName="app")
    group = logs.describe_log_groups()["logGroups"][0]
    assert group["logGroupArn"] == f"arn:{partition}:logs:{region}:123456789012:log-group:app"
    assert group["arn"] == group["logGroupArn"] + ":*"
    # The group is found by its own ARN, but not by the same ARN in another partition.
    logs.create_log_stream(logGroupName="app", logStreamName="s")
    by_arn = logs.describe_log_streams(logGroupIdentifier=group["logGroupArn"])
    assert by_arn["logStreams"][0]["arn"].startswith(f"arn:{partition}:logs:")
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.describe_log_streams(logGroupIdentifier=f"arn:aws:logs:{region}:123456789012:log-group:app")


@pytest.mark.parametrize(("region", "partition"), [("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")])
def test_secret_arns_carry_the_partition(region: str, partition: str) -> None:
    sm = pocketcloud.Cloud(region=region).client("secretsmanager")
    arn = sm.create_secret(Name="db", SecretString="x")["ARN"]
    assert arn.startswith(f"arn:{partition}:secretsmanager:{region}:123456789012:secret:db-")
    assert sm.get_secret_value(SecretId=arn)["SecretString"] == "x"
    partial = f"arn:{partition}:secretsmanager:{region}:123456789012:secret:db"
    assert sm.get_secret_value(SecretId=partial)["Name"] == "db"
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.get_secret_value(SecretId=arn.replace(f"arn:{partition}:", "arn:aws:"))


def test_clients_report_the_partition_in_meta() -> None:
    assert pocketcloud.Cloud(region="cn-north-1").client("logs").meta.partition == "aws-cn"
