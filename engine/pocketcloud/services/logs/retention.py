"""PutRetentionPolicy and DeleteRetentionPolicy: how long a log group keeps its events.

"Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
3288, and 3653. To set a log group so that its log events do not expire, use DeleteRetentionPolicy."
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
Any other value is refused by the front end in its enum form ("1 validation error detected: Value '2' at
'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, ...]", as CloudWatch
Logs answers; the model declares ``Days`` as a plain integer, so the check is written here). How events expire
on the virtual clock (hidden at the limit, deleted for good 72 hours later, back under a longer retention until
then) is in :mod:`.backend`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from .pattern_values import invalid

if TYPE_CHECKING:
    from .backend import LogsBackend


def put_retention_policy(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    days = params["retentionInDays"]
    if days not in limits.LOGS_RETENTION_DAYS:
        allowed = ", ".join(str(d) for d in limits.LOGS_RETENTION_DAYS)
        raise invalid(
            f"1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: Member "
            f"must satisfy enum value set: [{allowed}]"
        )
    backend.group(params["logGroupName"]).set_retention(days, backend.now_ms())
    return {}


def delete_retention_policy(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    backend.group(params["logGroupName"]).set_retention(None, backend.now_ms())
    return {}
