"""Errors inside an execution: the predefined ``States.*`` names, Retry and Catch matching, retry delays.

A failing state raises :class:`StatesError` (an error name and a cause, the pair AWS puts in
``taskFailedEventDetails`` / ``executionFailedEventDetails``). Whether a Retrier or a Catcher handles it is decided
here, from the documented rules:

* "Each Retrier and Catcher has an ErrorEquals field ... When a state reports an error, Step Functions scans
  through the retriers and, when the error name appears in the value of a retrier's ErrorEquals field, implements
  the retry policy"; ``States.ALL`` matches any error name but must appear alone and last.
  https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
* ``States.Runtime`` "isn't retriable, and will always cause the execution to fail. A retry or catch on
  States.ALL won't catch States.Runtime errors." (same page). pocketcloud raises it for path, payload-template
  and intrinsic-function failures, as AWS does, and never hands it to a Retrier or Catcher.
* ``States.TaskFailed`` matches any error of a Task state except ``States.Timeout``.
* Retry delay: "IntervalSeconds ... (default 1)", "BackoffRate: the multiplier by which the retry interval
  increases during each attempt (default 2.0)", "MaxAttempts ... (default 3)", "MaxDelaySeconds: the maximum
  value in seconds up to which a retry interval can increase", "JitterStrategy FULL: randomize the delay between 0
  and the computed interval". Same page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

ALL = "States.ALL"
TIMEOUT = "States.Timeout"
HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout"
TASK_FAILED = "States.TaskFailed"
RUNTIME = "States.Runtime"
DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded"
PERMISSIONS = "States.Permissions"
RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure"
PARAMETER_PATH_FAILURE = "States.ParameterPathFailure"
QUERY_EVALUATION_ERROR = "States.QueryEvaluationError"
INTRINSIC_FAILURE = "States.IntrinsicFailure"
BRANCH_FAILED = "States.BranchFailed"
NO_CHOICE_MATCHED = "States.NoChoiceMatched"
EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold"
ITEM_READER_FAILED = "States.ItemReaderFailed"
RESULT_WRITER_FAILED = "States.ResultWriterFailed"

#: Errors no Retrier or Catcher handles: the execution fails (see the module docstring).
UNCATCHABLE = frozenset({RUNTIME})


class StatesError(Exception):
    """An ASL error: ``error`` is the name Retry/Catch match on, ``cause`` the human-readable text.

    ``details_key`` names the failure event the error produces where it happens (``TaskFailed`` for a task,
    ``LambdaFunctionFailed`` for a plain Lambda ARN, ...); ``None`` means the state itself failed (path errors,
    Fail state, Choice without a match) and no separate failure event is written before the state's outcome.
    """

    def __init__(self, error: str, cause: str | None = None) -> None:
        super().__init__(f"{error}: {cause}")
        self.error = error
        self.cause = cause

    def output(self) -> dict[str, Any]:
        """The error output a Catcher passes on: ``{"Error": ..., "Cause": ...}`` (as AWS shapes it)."""
        result: dict[str, Any] = {"Error": self.error}
        if self.cause is not None:
            result["Cause"] = self.cause
        return result


class ExecutionAborted(Exception):
    """Raised into a running execution's fibres when it is stopped (StopExecution) or times out."""


def state_cause(state_name: str, entered_event_id: int, text: str) -> str:
    """AWS's prefix for errors raised while processing a state's data, e.g. an invalid path:
    "An error occurred while executing the state 'X' (entered at the event id #2). Invalid path ..."
    (recorded in LocalStack's snapshot tests against AWS, tests/aws/services/stepfunctions/v2/).
    """
    return (
        f"An error occurred while executing the state '{state_name}' (entered at the event id #{entered_event_id}). "
        f"{text}"
    )


def runtime_error(state_name: str, entered_event_id: int, text: str) -> StatesError:
    return StatesError(RUNTIME, state_cause(state_name, entered_event_id, text))


def matches(error_equals: tuple[str, ...], error: str, *, task: bool) -> bool:
    """Whether a Retrier's or Catcher's ErrorEquals covers ``error``."""
    if error in UNCATCHABLE:
        return False
    for name in error_equals:
        if name in (error, ALL):
            return True
        if name == TASK_FAILED and task and error != TIMEOUT and not error.startswith("States.Heartbeat"):
            return True
    return False


@dataclass
class Retrier:
    """One entry of a state's ``Retry`` field, compiled."""

    error_equals: tuple[str, ...]
    interval_seconds: float = 1.0
    max_attempts: int = 3
    backoff_rate: float = 2.0
    max_delay_seconds: float | None = None
    jitter_full: bool = False

    @classmethod
    def compile(cls, spec: dict[str, Any]) -> Retrier:
        return cls(
            error_equals=tuple(spec.get("ErrorEquals", ())),
            interval_seconds=float(spec.get("IntervalSeconds", 1)),
            max_attempts=int(spec.get("MaxAttempts", 3)),
            backoff_rate=float(spec.get("BackoffRate", 2.0)),
            max_delay_seconds=float(spec["MaxDelaySeconds"]) if "MaxDelaySeconds" in spec else None,
            jitter_full=spec.get("JitterStrategy") == "FULL",
        )

    def delay(self, attempt: int, rng: random.Random) -> float:
        """The wait before retry number ``attempt + 1`` (``attempt`` retries already made by this retrier)."""
        delay = self.interval_seconds * (self.backoff_rate**attempt)
        if self.max_delay_seconds is not None:
            delay = min(delay, self.max_delay_seconds)
        if self.jitter_full:
            delay = rng.uniform(0, delay)
        return delay


@dataclass
class Catcher:
    """One entry of a state's ``Catch`` field: its Next, ResultPath (JSONPath) or Output (JSONata), Assign."""

    error_equals: tuple[str, ...]
    next: str
    result_path: Any  # a compiled reference path, the literal None for "ResultPath": null, or ... (default "$")
    output: Any
    assign: Any
    has_result_path: bool
    has_output: bool

    @classmethod
    def compile(
        cls, spec: dict[str, Any], compile_result_path: Any, compile_output: Any, compile_assign: Any
    ) -> Catcher:
        return cls(
            error_equals=tuple(spec.get("ErrorEquals", ())),
            next=spec["Next"],
            result_path=compile_result_path(spec["ResultPath"]) if "ResultPath" in spec else None,
            output=compile_output(spec["Output"]) if "Output" in spec else None,
            assign=compile_assign(spec["Assign"]) if "Assign" in spec else None,
            has_result_path="ResultPath" in spec,
            has_output="Output" in spec,
        )
