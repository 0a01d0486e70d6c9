"""Rules metric filters and subscription filters share: the per-group regex quota and the parameters of features
pocketcloud does not simulate.

PutMetricFilter and PutSubscriptionFilter: "there is a quota of two regular expression patterns within a single
filter pattern. There is also a quota of five regular expression patterns per log group."
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
"""

from __future__ import annotations

from typing import Any

from ... import limits
from ...errors import ServiceError
from .backend import LogGroup
from .filter_pattern import FilterPattern
from .pattern_values import invalid


def check_group_regexes(
    group: LogGroup, pattern: FilterPattern, *, metric_filter: str | None = None, subscription: str | None = None
) -> None:
    """Refuse ``pattern`` if the group's filters (the one being replaced left out) would have over five regexes."""
    used = sum(f.pattern.regexes for n, f in group.metric_filters.items() if n != metric_filter)
    used += sum(f.pattern.regexes for n, f in group.subscription_filters.items() if n != subscription)
    if used + pattern.regexes > limits.LOGS_REGEX_PER_GROUP_MAX:
        raise ServiceError("LimitExceededException", "Resource limit exceeded.")


def refuse_not_simulated(params: dict[str, Any]) -> None:
    """Log transformers and centralized logs' system fields are not simulated: refused by name, not ignored."""
    if params.get("applyOnTransformedLogs"):
        raise invalid("pocketcloud does not simulate log transformers (applyOnTransformedLogs).")
    for name in ("fieldSelectionCriteria", "emitSystemFieldDimensions", "emitSystemFields"):
        if params.get(name):
            raise invalid(f"pocketcloud does not simulate centralized logs' system fields ({name}).")
