"""ListLogGroups: the newer listing with a regular-expression name pattern and tag filters.

Sources (checked 2026-12-01): https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListLogGroups.html
("Use ^ to match log group names by prefix", "For a substring match, specify the string to match. All matches are
case sensitive", "separate them with a | as in the example ^/aws/lambda|discovery"; the default limit is 50; more
than one filter type: "log groups that satisfy all filters"; each entry is logGroupName, logGroupArn,
logGroupClass) and the TagFilter type (values ORed, none = any value, ``*`` wildcard ignoring case, ``!`` negation).
"""

from __future__ import annotations

import pocketcloud


def names(logs, **params: object) -> list[str]:  # type: ignore[no-untyped-def]
    return [group["logGroupName"] for group in logs.list_log_groups(**params)["logGroups"]]


def test_the_name_pattern_is_a_prefix_or_a_substring_and_up_to_five_alternatives(cloud: pocketcloud.Cloud) -> None:
    logs = cloud.client("logs")
    for name in ("/aws/lambda/orders", "/aws/lambda/users", "/app/discovery", "/app/Discovery2"):
        logs.create_log_group(logGroupName=name)
    assert names(logs, logGroupNamePattern="^/aws/lambda") == ["/aws/lambda/orders", "/aws/lambda/users"]
    assert names(logs, logGroupNamePattern="discovery") == ["/app/discovery"]
    assert names(logs, logGroupNamePattern="^/aws/lambda|discovery") == [
        "/app/discovery",
        "/aws/lambda/orders",
        "/aws/lambda/users",
    ]
    assert names(logs, logGroupNamePattern="lambda") == ["/aws/lambda/orders", "/aws/lambda/users"]
    entry = logs.list_log_groups(logGroupNamePattern="orders")["logGroups"][0]
    assert entry == {
        "logGroupName": "/aws/lambda/orders",
        "logGroupArn": f"arn:aws:logs:{cloud.region}:{cloud.account_id}:log-group:/aws/lambda/orders",
        "logGroupClass": "STANDARD",
    }


def test_tag_filters_class_and_paging(cloud: pocketcloud.Cloud) -> None:
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="/a", tags={"env": "prod-1"})
    logs.create_log_group(logGroupName="/b", tags={"env": "dev"})
    logs.create_log_group(logGroupName="/c", logGroupClass="INFREQUENT_ACCESS")
    assert names(logs, logGroupTags=[{"key": "env"}]) == ["/a", "/b"]
    assert names(logs, logGroupTags=[{"key": "env", "values": ["PROD*"]}]) == ["/a"]
    assert names(logs, logGroupTags=[{"key": "env", "values": ["!dev"]}]) == ["/a"]
    assert names(logs, logGroupTags=[{"key": "env", "values": ["dev", "prod-1"]}]) == ["/a", "/b"]
    assert names(logs, logGroupClass="INFREQUENT_ACCESS") == ["/c"]
    assert names(logs, logGroupClass="STANDARD", logGroupTags=[{"key": "env", "values": ["dev"]}]) == ["/b"]
    first = logs.list_log_groups(limit=2)
    assert [g["logGroupName"] for g in first["logGroups"]] == ["/a", "/b"]
    rest = logs.list_log_groups(limit=2, nextToken=first["nextToken"])
    assert [g["logGroupName"] for g in rest["logGroups"]] == ["/c"] and "nextToken" not in rest
