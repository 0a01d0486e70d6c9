"""One execution of a state machine, driven as events on the virtual clock.

``Execution.start()`` writes ExecutionStarted and runs the compiled program in a fibre (see :mod:`.fibers`): it
runs until it must wait (a Wait state, a Lambda invocation, a task token) and continues when the clock gets
there, so nothing blocks and a one-day Wait costs no wall time. The end is ExecutionSucceeded, ExecutionFailed
(an error nobody caught), ExecutionAborted (StopExecution) or ExecutionTimedOut (the definition's
``TimeoutSeconds``, or the type's maximum duration).

Limits (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, checked 2026-12-01):
"Maximum execution time: 1 year" (Standard) and "5 minutes" (Express); "Maximum input or output size for a
task, state, or execution: 256 KiB of data as a UTF-8 encoded string"; "Execution history: 25,000 events".
Exceeding the data limit fails with ``States.DataLimitExceeded`` and AWS's cause "The state/task '<name>'
returned a result with a size exceeding the maximum number of bytes service limit." (recorded from AWS in
LocalStack's error_handling/test_states_errors.snapshot.json).

Billing: a Standard execution is billed per state transition (each state entered counts one), an Express
execution per request and per GB-second of duration (see :mod:`pocketcloud.pricing`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .asl.base import Thread
from .errors import DATA_LIMIT_EXCEEDED, ExecutionAborted, StatesError
from .fibers import Fiber, Step
from .history import History
from .timeutil_sfn import iso
from .variables import Scope

if TYPE_CHECKING:
    from .asl.program import Program
    from .service import StepFunctionsService

MAX_PAYLOAD_BYTES = 256 * 1024
STANDARD_MAX_SECONDS = 365 * 24 * 3600
EXPRESS_MAX_SECONDS = 5 * 60
#: Express billing: "duration ... rounded up to the nearest 100 ms" and memory "billed in 64-MB chunks".
#: https://aws.amazon.com/step-functions/pricing/ (checked 2026-12-01)
EXPRESS_BILLING_INCREMENT_MS = 100
EXPRESS_MEMORY_CHUNK_MB = 64


_ISO_CACHE: dict[float, str] = {}


class ExecutionTimedOut(ExecutionAborted):
    """The execution ran past its TimeoutSeconds or the type's maximum duration."""


class HistoryLimitReached(StatesError):
    pass


class Execution:
    """An execution's identity, status, history and the fibre that runs it."""

    def __init__(
        self,
        service: StepFunctionsService,
        *,
        arn: str,
        name: str,
        state_machine_arn: str,
        state_machine_name: str,
        program: Program,
        definition: str,
        role_arn: str,
        input_text: str,
        input_value: Any,
        express: bool,
        version_arn: str | None = None,
        alias_arn: str | None = None,
        map_run_arn: str | None = None,
        trace_header: str | None = None,
    ) -> None:
        self.service = service
        self.cloud = service.cloud
        self.arn = arn
        self.name = name
        self.state_machine_arn = state_machine_arn
        self.state_machine_name = state_machine_name
        self.program = program
        self.definition = definition
        self.role_arn = role_arn
        self.input_text = input_text
        self.input_value = input_value
        self.express = express
        self.version_arn = version_arn
        self.alias_arn = alias_arn
        self.map_run_arn = map_run_arn
        self.trace_header = trace_header
        self.history = History()
        self.status = "RUNNING"
        self.start_time = self.cloud.now
        self.stop_time: float | None = None
        self.output_text: str | None = None
        self.error: str | None = None
        self.cause: str | None = None
        self.transitions = 0
        self.redrive_count = 0
        self.redrive_time: float | None = None
        self.rng = random.Random(self.cloud.random_hex(16))
        self.fiber: Fiber | None = None
        self._timeout_timer: Any = None
        self.on_end: list[Callable[[Execution], None]] = []
        self._history_limit = False

    # -- helpers used by the states ----------------------------------------------------------------------------
    def now_millis(self) -> int:
        from ...timeutil import epoch_millis

        return epoch_millis(self.cloud.now)

    def iso_now(self) -> str:
        now = self.cloud.kernel.now
        cached = _ISO_CACHE.get(now)
        if cached is None:
            if len(_ISO_CACHE) > 4096:
                _ISO_CACHE.clear()
            cached = _ISO_CACHE[now] = iso(now)
        return cached

    def new_uuid(self) -> str:
        bits = self.rng.getrandbits(128)
        bits = (bits & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48)
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def new_task_token(self) -> str:
        return self.service.new_task_token()

    def size_error(self, text: str, name: str) -> StatesError | None:
        if len(text) * 4 <= MAX_PAYLOAD_BYTES or len(text.encode("utf-8")) <= MAX_PAYLOAD_BYTES:
            return None
        return StatesError(
            DATA_LIMIT_EXCEEDED,
            f"The state/task '{name}' returned a result with a size exceeding the maximum number of bytes service "
            "limit.",
        )

    def history_limit_reached(self) -> None:
        if not self._history_limit:
            self._history_limit = True
            raise HistoryLimitReached(
                "States.Runtime",
                "The execution reached the maximum number of events in its history (25000).",
            )

    def context_object(self) -> dict[str, Any]:
        execution: dict[str, Any] = {
            "Id": self.arn,
            "Input": self.input_value,
            "StartTime": iso(self.start_time),
            "Name": self.name,
            "RoleArn": self.role_arn,
            "RedriveCount": self.redrive_count,
        }
        if self.redrive_time is not None:
            execution["RedriveTime"] = iso(self.redrive_time)
        return {
            "Execution": execution,
            "StateMachine": {"Id": self.state_machine_arn, "Name": self.state_machine_name},
        }

    # -- running ---------------------------------------------------------------------------------------------------
    def start(self) -> None:
        details: dict[str, Any] = {
            "input": self.input_text,
            "inputDetails": {"truncated": False},
            "roleArn": self.role_arn,
        }
        if self.alias_arn:
            details["stateMachineAliasArn"] = self.alias_arn
        if self.version_arn:
            details["stateMachineVersionArn"] = self.version_arn
        self.history.add(self.cloud.now, "ExecutionStarted", 0, details)
        # A Standard execution without TimeoutSeconds may wait up to a year (a task token nobody returns); that
        # limit is checked when the execution is next looked at (check_expired) rather than kept on the clock,
        # so that cloud.run() does not leap a year ahead for an execution waiting on a callback.
        limit = EXPRESS_MAX_SECONDS if self.express else None
        if self.program.timeout_seconds is not None:
            limit = (
                int(self.program.timeout_seconds) if limit is None else min(limit, int(self.program.timeout_seconds))
            )
        if limit is not None:
            self._timeout_timer = self.cloud.kernel.schedule(limit, self._time_out)
        thread = Thread(self, self.context_object(), Scope(), 0)
        self.fiber = Fiber(self._main(thread, self.input_value)).start()

    def _main(self, thread: Thread, value: Any) -> Step:
        try:
            output = yield from self.program.run(thread, value)
        except ExecutionTimedOut:
            self._finish("TIMED_OUT", thread, "ExecutionTimedOut", {"error": "States.Timeout"})
            return None
        except ExecutionAborted as stop:
            details = getattr(stop, "details", None) or {}
            self._finish("ABORTED", thread, "ExecutionAborted", details or None)
            return None
        except StatesError as err:
            self.error, self.cause = (err.error or None), err.cause
            details = {}
            if err.error:
                details["error"] = err.error
            if err.cause is not None:
                details["cause"] = err.cause
            self._finish("FAILED", thread, "ExecutionFailed", details)
            return None
        text = thread.json(output)
        too_big = self.size_error(text, self.name)
        if too_big is not None:
            self.error, self.cause = too_big.error, too_big.cause
            self._finish("FAILED", thread, "ExecutionFailed", {"error": too_big.error, "cause": too_big.cause})
            return None
        self.output_text = text
        self._finish("SUCCEEDED", thread, "ExecutionSucceeded", {"output": text, "outputDetails": {"truncated": False}})
        return None

    def _finish(self, status: str, thread: Thread, event: str, details: dict[str, Any] | None) -> None:
        self.status = status
        self.stop_time = self.cloud.now
        self.history.add(self.cloud.now, event, thread.prev, details)
        if self._timeout_timer is not None:
            self._timeout_timer.cancel()
            self._timeout_timer = None
        callbacks, self.on_end = self.on_end, []
        for callback in callbacks:
            callback(self)

    def check_expired(self) -> None:
        """Time out a Standard execution that has run past the one-year maximum (see :meth:`start`)."""
        if self.status == "RUNNING" and self.cloud.now - self.start_time >= STANDARD_MAX_SECONDS:
            self._time_out()

    def _time_out(self) -> None:
        if self.status == "RUNNING" and self.fiber is not None:
            self.error, self.cause = "States.Timeout", None
            self.fiber.interrupt(ExecutionTimedOut())

    def stop(self, error: str | None, cause: str | None) -> None:
        """StopExecution: abort the running states and write ExecutionAborted."""
        if self.status != "RUNNING" or self.fiber is None:
            return
        stop = ExecutionAborted()
        details: dict[str, Any] = {}
        if error is not None:
            details["error"] = error
        if cause is not None:
            details["cause"] = cause
        stop.details = details  # type: ignore[attr-defined]
        self.error, self.cause = error, cause
        self.fiber.interrupt(stop)

    # -- billing ---------------------------------------------------------------------------------------------------
    @property
    def billed_duration_ms(self) -> int:
        end = self.stop_time if self.stop_time is not None else self.cloud.now
        ms = max(1.0, (end - self.start_time) * 1000)
        return int(math.ceil(ms / EXPRESS_BILLING_INCREMENT_MS) * EXPRESS_BILLING_INCREMENT_MS)
