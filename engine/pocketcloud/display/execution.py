"""What an execution history says about each state: reached or not, succeeded, failed, caught, retried.

The input is GetExecutionHistory's ``events`` as boto3 returns them: dicts with ``type``, ``id``,
``previousEventId``, ``timestamp`` and one ``...EventDetails`` member
(https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html). An event belongs to the
state whose ``...StateEntered`` event its ``previousEventId`` chain leads back to; histories written without
``previousEventId`` fall back to the state entered last. A state's status, for the visits it had:

* *failed*: a Fail state was entered, or a failure (TaskFailed, TaskTimedOut, LambdaFunctionFailed, ...) ended the
  visit and nothing caught it;
* *caught*: a failure happened and the execution went on from that state (a catcher's ``Next``);
* *retried*: a failure was followed by another attempt (TaskScheduled again, or a Parallel or Map state's
  ParallelStateStarted / MapStateStarted again), and the state then succeeded;
* *in progress*: entered and not left while the execution runs; *succeeded*: left normally; *not reached*.

A state visited several times (a loop, a Map iteration) shows its most telling visit: failed before caught before
retried before in progress before succeeded. This summary is pocketcloud's reading of AWS's event types, the way the
Step Functions console's graph colours states.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SUCCEEDED = "succeeded"
FAILED = "failed"
CAUGHT = "caught"
RETRIED = "retried"
IN_PROGRESS = "in_progress"
NOT_REACHED = "not_reached"
STATUSES = (SUCCEEDED, FAILED, CAUGHT, RETRIED, IN_PROGRESS, NOT_REACHED)
_PRIORITY = {FAILED: 0, CAUGHT: 1, RETRIED: 2, IN_PROGRESS: 3, SUCCEEDED: 4, NOT_REACHED: 5}

_FAILURES = frozenset(
    {
        "TaskFailed", "TaskTimedOut", "TaskStartFailed", "TaskSubmitFailed", "LambdaFunctionFailed",
        "LambdaFunctionTimedOut", "LambdaFunctionStartFailed", "LambdaFunctionScheduleFailed", "ActivityFailed",
        "ActivityTimedOut", "ActivityScheduleFailed", "MapStateFailed", "ParallelStateFailed", "EvaluationFailed",
        "MapRunFailed",
    }
)  # fmt: skip
#: Events that start one attempt of a state: a retried Task schedules its work again, a retried Parallel or Map
#: state starts its branches or iterations again.
_ATTEMPTS = frozenset(
    {"TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled", "ParallelStateStarted", "MapStateStarted"}
)
_ABORTS = frozenset({"TaskStateAborted", "MapStateAborted", "ParallelStateAborted", "WaitStateAborted"})
_EXECUTION_ENDS = frozenset({"ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"})


@dataclass
class _Visit:
    entered: int
    input: str | None = None
    output: str | None = None
    exited: bool = False
    failures: list[int] = field(default_factory=list)
    attempts: list[int] = field(default_factory=list)
    error: str | None = None
    cause: str | None = None
    aborted: bool = False


@dataclass
class StateRun:
    """One state's summary over an execution."""

    status: str = NOT_REACHED
    visits: int = 0
    retries: int = 0
    input: str | None = None
    output: str | None = None
    error: str | None = None
    cause: str | None = None
    iterations: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history table."""

    id: int
    type: str
    state: str | None
    elapsed_ms: int | None


def seconds(timestamp: object) -> float | None:
    """A history timestamp (``datetime``, epoch seconds or ISO 8601 text) as epoch seconds."""
    if isinstance(timestamp, datetime):
        return timestamp.timestamp()
    if isinstance(timestamp, int | float) and not isinstance(timestamp, bool):
        return float(timestamp)
    if isinstance(timestamp, str):
        try:
            return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def _details(event: Mapping[str, Any]) -> Mapping[str, Any]:
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, Mapping):
            return value
    return {}


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass
class ExecutionSummary:
    """Per-state runs, the history rows and how the execution stands."""

    states: dict[str, StateRun]
    rows: list[HistoryRow]
    finished: str | None


def summarize(events: Iterable[Mapping[str, Any]]) -> ExecutionSummary:
    ordered = sorted((e for e in events if isinstance(e, Mapping)), key=lambda e: int(e.get("id", 0) or 0))
    owner: dict[int, str] = {}
    visits: dict[str, list[_Visit]] = {}
    iterations: dict[str, dict[str, int]] = {}
    rows: list[HistoryRow] = []
    caught_from: set[int] = set()
    finished: str | None = None
    start: float | None = None
    last_entered: str | None = None
    #: Parallel and Map states entered and not yet exited, innermost last: their ...Started, ...Succeeded,
    #: ...Failed and MapRun* events point (previousEventId) at a branch's or iteration's last event, not at them.
    containers: list[tuple[str, str]] = []
    for event in ordered:
        kind = str(event.get("type", ""))
        event_id = int(event.get("id", 0) or 0)
        previous = event.get("previousEventId")
        details = _details(event)
        moment = seconds(event.get("timestamp"))
        if start is None and moment is not None:
            start = moment
        name: str | None = None
        if kind.endswith("StateEntered"):
            name = str(details.get("name", ""))
            visits.setdefault(name, []).append(_Visit(event_id, input=_text(details.get("input"))))
            if isinstance(previous, int):
                caught_from.add(previous)
            last_entered = name
            if kind == "FailStateEntered":
                visits[name][-1].failures.append(event_id)
            if kind in ("ParallelStateEntered", "MapStateEntered"):
                containers.append((kind.removesuffix("StateEntered"), name))
        elif kind.endswith("StateExited"):
            name = str(details.get("name", ""))
            for index in range(len(containers) - 1, -1, -1):
                if containers[index][1] == name:
                    del containers[index]
                    break
            if name in visits:
                visits[name][-1].exited = True
                visits[name][-1].output = _text(details.get("output"))
        elif kind.startswith("MapIteration"):
            name = str(details.get("name", ""))
            counts = iterations.setdefault(name, {})
            outcome = kind.removeprefix("MapIteration").lower()
            counts[outcome] = counts.get(outcome, 0) + 1
        else:
            name = owner.get(previous) if isinstance(previous, int) else None
            family = (
                "Map"
                if kind.startswith(("MapState", "MapRun"))
                else "Parallel"
                if kind.startswith("ParallelState")
                else None
            )
            if family is not None:
                name = next((n for f, n in reversed(containers) if f == family), name)
            if name is None and kind not in _EXECUTION_ENDS and kind != "ExecutionStarted":
                name = last_entered
            visit = visits[name][-1] if name in visits else None
            if visit is not None:
                if kind in _FAILURES:
                    visit.failures.append(event_id)
                    visit.error = _text(details.get("error"))
                    visit.cause = _text(details.get("cause"))
                elif kind in _ATTEMPTS:
                    visit.attempts.append(event_id)
                elif kind in _ABORTS:
                    visit.aborted = True
            if kind in _EXECUTION_ENDS:
                finished = kind
                name = None
        if name is not None:
            owner[event_id] = name
        elapsed = None if moment is None or start is None else round((moment - start) * 1000)
        rows.append(HistoryRow(event_id, kind, name, elapsed))
    runs = {name: _run(entries, caught_from, finished) for name, entries in visits.items()}
    for name, counts in iterations.items():
        runs.setdefault(name, StateRun()).iterations = counts
    return ExecutionSummary(runs, rows, finished)


def _visit_status(visit: _Visit, caught_from: set[int], finished: str | None) -> str:
    if visit.failures:
        last_failure = visit.failures[-1]
        if any(a > last_failure for a in visit.attempts):
            if visit.exited:
                return RETRIED
            return IN_PROGRESS if finished is None else FAILED
        if visit.exited or last_failure in caught_from:
            return CAUGHT
        return IN_PROGRESS if finished is None else FAILED
    if visit.exited:
        return RETRIED if len(visit.attempts) > 1 else SUCCEEDED
    if visit.aborted or finished is not None:
        return FAILED if finished != "ExecutionSucceeded" else SUCCEEDED
    return IN_PROGRESS


def _run(entries: list[_Visit], caught_from: set[int], finished: str | None) -> StateRun:
    statuses = [_visit_status(v, caught_from, finished) for v in entries]
    last = entries[-1]
    return StateRun(
        status=min(statuses, key=lambda s: _PRIORITY[s]),
        visits=len(entries),
        retries=sum(max(len(v.attempts) - 1, 0) for v in entries),
        input=last.input,
        output=last.output,
        error=next((v.error for v in reversed(entries) if v.error), None),
        cause=next((v.cause for v in reversed(entries) if v.cause), None),
    )
