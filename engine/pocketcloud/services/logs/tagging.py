"""Tags on log groups: TagResource / UntagResource / ListTagsForResource (by ARN), the older TagLogGroup /
UntagLogGroup / ListTagsLogGroup (by name), and CreateLogGroup's ``tags``.

"Currently, the only CloudWatch Logs resources that can be tagged are log groups and destinations" and "You can
associate as many as 50 tags with a CloudWatch Logs resource"; a new key is added, an existing key gets the new
value. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
The ARN is the group's ``logGroupArn`` (the ``arn`` with its trailing ``:*`` does not fit the model's
``resourceArn`` pattern and is refused by the front end). pocketcloud has no destinations
(cross-account subscriptions are not simulated), so a destination ARN names no resource.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from .backend import LogGroup

if TYPE_CHECKING:
    from .backend import LogsBackend

_GROUP_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-zA-Z-]*):logs:(?P<region>[^:]*):(?P<account>\d{12}):log-group:(?P<name>[^:]+)(:\*)?$"
)


def group_by_arn(backend: LogsBackend, arn: str) -> LogGroup:
    """The log group an ARN of this account names, or ResourceNotFoundException."""
    match = _GROUP_ARN.match(arn)
    cloud = backend.cloud
    if match is None or (match.group("partition"), match.group("region"), match.group("account")) != (
        cloud.partition,
        cloud.region,
        cloud.account_id,
    ):
        raise ServiceError("ResourceNotFoundException", "The specified resource does not exist.")
    return backend.group(match.group("name"))


def check_tag_count(current: dict[str, str], tags: dict[str, str]) -> None:
    """Refuse tags that would take a resource over the 50-tag maximum (TooManyTagsException's own words)."""
    if len({**current, **tags}) > limits.LOGS_TAGS_MAX:
        raise ServiceError("TooManyTagsException", f"A resource can have no more than {limits.LOGS_TAGS_MAX} tags.")


def add_tags(group: LogGroup, tags: dict[str, str]) -> None:
    """Merge ``tags`` into the group's, refusing (before any change) a result over the 50-tag maximum."""
    check_tag_count(group.tags, tags)
    group.tags.update(tags)


def tag_resource(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    add_tags(group_by_arn(backend, params["resourceArn"]), params["tags"])
    return {}


def untag_resource(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    group = group_by_arn(backend, params["resourceArn"])
    for key in params["tagKeys"]:
        group.tags.pop(key, None)
    return {}


def list_tags_for_resource(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    return {"tags": dict(group_by_arn(backend, params["resourceArn"]).tags)}


def tag_log_group(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    add_tags(backend.group(params["logGroupName"]), params["tags"])
    return {}


def untag_log_group(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    group = backend.group(params["logGroupName"])
    for key in params["tags"]:
        group.tags.pop(key, None)
    return {}


def list_tags_log_group(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    return {"tags": dict(backend.group(params["logGroupName"]).tags)}
