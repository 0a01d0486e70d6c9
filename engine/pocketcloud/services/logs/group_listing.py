"""ListLogGroups' filters: a name pattern, the log group class and tags (the newer, slimmer DescribeLogGroups).

The rules are the API reference's (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListLogGroups.html
and the ``TagFilter`` type): ``logGroupNamePattern`` "is a regular expression that can match prefixes and
substrings": ``^`` anchors a prefix, up to five patterns are separated by ``|`` ("^/aws/lambda|discovery"), and
matches are case-sensitive (the model's pattern leaves only letters, digits, ``. - _ / #`` and those two
operators, so the value is a regular expression in Python's syntax as well; ``.`` is the wildcard). Tag filters
are ANDed; the values of one filter are ORed, a filter without values matches any value of that key, ``*`` is a
case-insensitive wildcard and ``!`` a case-sensitive negation. Filters of different kinds are ANDed ("If you
specify more than one filter type, the results include log groups that satisfy all filters"). pocketcloud's log
groups have no field indexes and no data sources, so a filter on either matches none of them.
"""

from __future__ import annotations

import re
from typing import Any

from .backend import LogGroup


def _tag_value_matches(value: str | None, wanted: str) -> bool:
    if wanted.startswith("!"):
        return value != wanted[1:]
    if "*" in wanted:
        regex = ".*".join(re.escape(part) for part in wanted.split("*"))
        return value is not None and re.fullmatch(regex, value, re.IGNORECASE) is not None
    return value == wanted


def _tags_match(group: LogGroup, tag_filters: list[dict[str, Any]]) -> bool:
    for tag_filter in tag_filters:
        key = tag_filter["key"]
        if key not in group.tags:
            return False
        values = tag_filter.get("values") or []
        if values and not any(_tag_value_matches(group.tags[key], str(v)) for v in values):
            return False
    return True


def listed(group: LogGroup, params: dict[str, Any]) -> bool:
    """Whether ``group`` passes every filter of a ListLogGroups request."""
    pattern = params.get("logGroupNamePattern")
    if pattern is not None and re.search(pattern, group.name) is None:
        return False
    group_class = params.get("logGroupClass")
    if group_class is not None and group.log_group_class != group_class:
        return False
    if params.get("dataSources") or params.get("fieldIndexNames"):
        return False
    return _tags_match(group, params.get("logGroupTags") or [])
