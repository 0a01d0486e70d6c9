"""An execution's event history: AWS's event types, ids, previousEventId and ``...EventDetails`` payloads.

GetExecutionHistory returns ``HistoryEvent`` objects: ``timestamp``, ``type`` (one of the HistoryEventType
values), ``id`` (1, 2, 3 ... in order), ``previousEventId`` and exactly one ``<type>EventDetails`` member named
after the event type (``stateEnteredEventDetails`` for every ``...StateEntered``, ``taskScheduledEventDetails``,
``mapIterationStartedEventDetails`` ...). https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html

``previousEventId`` follows what AWS records (LocalStack's snapshot tests, recorded against AWS,
tests/aws/services/stepfunctions/v2/): ExecutionStarted has 0, and so does the first state's entered event; each
later event points at the last event of its own thread of control (the top level, one Parallel branch, one Map
iteration). Branch and iteration threads start from ParallelStateStarted / MapStateStarted.

Events are stored as small tuples with their details as Python values; JSON text for ``input`` / ``output`` is
made once, when the event is added, because the 256 KiB data limit needs the size anyway and a history must
not change if a value is shared later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...timeutil import to_datetime

#: "Execution history: 25,000 events" per execution (Standard). The execution fails when it would exceed it.
#: https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (checked 2026-12-01)
MAX_EVENTS = 25_000

#: History event type -> the name of its details member (types without details are absent).
DETAILS_KEY: dict[str, str] = {}
for _state in ("Choice", "Map", "Parallel", "Pass", "Succeed", "Task", "Wait", "Fail"):
    DETAILS_KEY[f"{_state}StateEntered"] = "stateEnteredEventDetails"
    DETAILS_KEY[f"{_state}StateExited"] = "stateExitedEventDetails"
for _name in [
    "ActivityFailed",
    "ActivityScheduleFailed",
    "ActivityScheduled",
    "ActivityStarted",
    "ActivitySucceeded",
    "ActivityTimedOut",
    "TaskFailed",
    "TaskScheduled",
    "TaskStartFailed",
    "TaskStarted",
    "TaskSubmitFailed",
    "TaskSubmitted",
    "TaskSucceeded",
    "TaskTimedOut",
    "ExecutionFailed",
    "ExecutionStarted",
    "ExecutionSucceeded",
    "ExecutionAborted",
    "ExecutionTimedOut",
    "ExecutionRedriven",
    "MapStateStarted",
    "MapIterationStarted",
    "MapIterationSucceeded",
    "MapIterationFailed",
    "MapIterationAborted",
    "LambdaFunctionFailed",
    "LambdaFunctionScheduleFailed",
    "LambdaFunctionScheduled",
    "LambdaFunctionStartFailed",
    "LambdaFunctionSucceeded",
    "LambdaFunctionTimedOut",
    "MapRunStarted",
    "MapRunFailed",
    "MapRunRedriven",
    "EvaluationFailed",
]:
    DETAILS_KEY[_name] = _name[0].lower() + _name[1:] + "EventDetails"


@dataclass
class Event:
    """One history event (``details`` already holds JSON strings where AWS has them)."""

    id: int
    previous: int
    at: float
    type: str
    details: dict[str, Any] | None

    def to_api(self, include_data: bool = True) -> dict[str, Any]:
        event: dict[str, Any] = {
            "timestamp": to_datetime(self.at),
            "type": self.type,
            "id": self.id,
            "previousEventId": self.previous,
        }
        if self.details is not None:
            details = self.details
            if not include_data:
                details = {k: v for k, v in details.items() if k not in _DATA_FIELDS}
            event[DETAILS_KEY[self.type]] = details
        return event


#: Members GetExecutionHistory leaves out with includeExecutionData=False ("input and output ... are omitted").
_DATA_FIELDS = frozenset({"input", "output", "parameters", "assignedVariables"})


@dataclass
class History:
    """The append-only list of an execution's events."""

    events: list[Event] = field(default_factory=list)

    def add(self, at: float, type_: str, previous: int, details: dict[str, Any] | None = None) -> int:
        event_id = len(self.events) + 1
        self.events.append(Event(event_id, previous, at, type_, details))
        return event_id

    def __len__(self) -> int:
        return len(self.events)

    @property
    def last_id(self) -> int:
        return len(self.events)

    def timestamp(self, event_id: int) -> datetime:
        return to_datetime(self.events[event_id - 1].at)


def data_details(value_json: str) -> dict[str, Any]:
    """``{"truncated": false}``: pocketcloud never truncates (it refuses data over 256 KiB instead)."""
    return {"truncated": False}
