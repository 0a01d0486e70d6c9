"""An alarm's history: configuration updates, state updates and actions, as DescribeAlarmHistory returns them.

https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html (checked 2026-12-01):
items have AlarmName, AlarmType, Timestamp, HistoryItemType (``ConfigurationUpdate``, ``StateUpdate``, ``Action``),
HistorySummary and HistoryData (JSON text); newest first unless ``ScanBy=TimestampAscending``; "CloudWatch saves
alarm history for 30 days" (AlarmThatSendsEmail).

The summaries are AWS's: ``Alarm "name" created`` / ``Alarm "name" updated``, ``Alarm updated from OK to ALARM``,
``Successfully executed action arn:...`` and ``Failed to execute action arn:... Received error: "..."``. A state
update's HistoryData is ``{"version": "1.0", "oldState": {"stateValue", "stateReason"}, "newState": {"stateValue",
"stateReason", "stateReasonData"}}`` (as recorded in LocalStack's AWS snapshots); an action's is
``{"actionState": "Succeeded"|"Failed", "stateUpdateTimestamp", "notificationResource", ...}`` with the published
message or the error (the members users' histories show; pocketcloud keeps that shape for every kind of action).
History stays when an alarm is deleted, as AWS keeps it, with a ``ConfigurationUpdate`` saying so (pocketcloud's
summary: ``Alarm "name" deleted``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import epoch_millis, to_datetime
from .querying import to_virtual


@dataclass(frozen=True)
class HistoryItem:
    alarm_name: str
    timestamp: float
    kind: str
    summary: str
    data: dict[str, Any]
    alarm_type: str = "MetricAlarm"
    #: Position in the cloud's history (set when the item is stored): what NextToken continues from.
    seq: int = 0

    def describe(self) -> dict[str, Any]:
        return {
            "AlarmName": self.alarm_name,
            "AlarmType": self.alarm_type,
            "Timestamp": to_datetime(self.timestamp),
            "HistoryItemType": self.kind,
            "HistorySummary": self.summary,
            "HistoryData": json.dumps(self.data, separators=(",", ":")),
        }


def state_update(
    name: str, at: float, old: tuple[str, str, str | None], new: tuple[str, str, str | None]
) -> HistoryItem:
    def side(state: tuple[str, str, str | None]) -> dict[str, Any]:
        out: dict[str, Any] = {"stateValue": state[0], "stateReason": state[1]}
        if state[2] is not None:
            try:
                out["stateReasonData"] = json.loads(state[2])
            except ValueError:
                out["stateReasonData"] = state[2]
        return out

    data = {"version": "1.0", "oldState": side(old), "newState": side(new)}
    return HistoryItem(name, at, "StateUpdate", f"Alarm updated from {old[0]} to {new[0]}", data)


def action(name: str, at: float, arn: str, error: str | None, published: str | None) -> HistoryItem:
    data: dict[str, Any] = {
        "actionState": "Succeeded" if error is None else "Failed",
        "stateUpdateTimestamp": epoch_millis(at),
        "notificationResource": arn,
    }
    if error is not None:
        data["error"] = error
        summary = f'Failed to execute action {arn}. Received error: "{error}"'
    else:
        if published is not None:
            data["publishedMessage"] = published
        summary = f"Successfully executed action {arn}"
    return HistoryItem(name, at, "Action", summary, data)


def configuration(name: str, at: float, kind: str, alarm: dict[str, Any] | None) -> HistoryItem:
    """``kind`` is ``Create``, ``Update`` or ``Delete``."""
    data: dict[str, Any] = {"version": "1.0", "type": kind}
    if alarm is not None:
        data[{"Create": "createdAlarm", "Update": "updatedAlarm"}.get(kind, "deletedAlarm")] = _camel(alarm)
    verb = {"Create": "created", "Update": "updated"}.get(kind, "deleted")
    return HistoryItem(name, at, "ConfigurationUpdate", f'Alarm "{name}" {verb}', data)


def _camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def describe_history(items: list[HistoryItem], params: dict[str, Any], now: float) -> dict[str, Any]:
    horizon = now - limits.CLOUDWATCH_ALARM_HISTORY_S
    name = params.get("AlarmName")
    kind = params.get("HistoryItemType")
    types = params.get("AlarmTypes")
    start = to_virtual(params["StartDate"]) if "StartDate" in params else None
    end = to_virtual(params["EndDate"]) if "EndDate" in params else None
    selected = [
        item
        for item in items
        if item.timestamp >= horizon
        and (name is None or item.alarm_name == name)
        and (kind is None or item.kind == kind)
        and (types is None or item.alarm_type in types)
        and (start is None or item.timestamp >= start)
        and (end is None or item.timestamp <= end)
    ]
    descending = params.get("ScanBy", "TimestampDescending") == "TimestampDescending"
    if descending:
        selected.reverse()
    token = params.get("NextToken")
    if token is not None:
        if not token.isdigit():
            raise ServiceError("InvalidNextToken", "The NextToken is not valid for this request.")
        after = int(token)
        selected = [i for i in selected if (i.seq < after if descending else i.seq > after)]
    size = params.get("MaxRecords", limits.CLOUDWATCH_ALARM_HISTORY_DEFAULT)
    page = selected[:size]
    result: dict[str, Any] = {"AlarmHistoryItems": [item.describe() for item in page]}
    if len(selected) > len(page):
        result["NextToken"] = str(page[-1].seq)
    return result
