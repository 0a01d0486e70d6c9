"""The Task state: runs one unit of work through an integration, with Retry, Catch, timeouts and heartbeats.

JSONPath: InputPath -> Parameters -> (the task) -> ResultSelector -> ResultPath -> OutputPath; JSONata:
Arguments -> (the task) -> Output (default ``$states.result``). TimeoutSeconds/HeartbeatSeconds (or their
``...Path`` forms, or JSONata expressions) bound the wait. https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

Assign is evaluated with the task's result (JSONPath: ``$`` is the raw result; JSONata: ``$states.result``),
as the workflow-variables page describes, and stored after the output is computed (Output sees the old values).
"""

from __future__ import annotations

from typing import Any

from .. import intrinsics, jsonata_mode, payload
from ..errors import ExecutionAborted
from ..fibers import Step
from ..integrations import resolve
from ..integrations.base import TaskContext
from ..intrinsics import to_json
from .base import State, Thread


class TaskState(State):
    type_name = "Task"
    can_fail = True
    is_task = True

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        self.resource = spec["Resource"]
        self.integration, self.resource_type, self.resource_name = resolve(self.resource)
        if self.jsonata:
            self.arguments = jsonata_mode.compile_template(spec["Arguments"]) if "Arguments" in spec else None
            self.parameters = None
        else:
            self.arguments = None
            self.parameters = payload.compile_template(spec["Parameters"]) if "Parameters" in spec else None
        self.timeout_spec = spec.get("TimeoutSeconds", spec.get("TimeoutSecondsPath"))
        self.timeout_is_path = "TimeoutSecondsPath" in spec
        self.heartbeat_spec = spec.get("HeartbeatSeconds", spec.get("HeartbeatSecondsPath"))
        self.heartbeat_is_path = "HeartbeatSecondsPath" in spec

    def _seconds(
        self, thread: Thread, spec: Any, is_path: bool, field: str, raw: Any, effective: Any, entered: int
    ) -> float | None:
        if spec is None:
            return None
        if self.jsonata and jsonata_mode.is_expression(spec):
            value = self.jsonata_value(thread, jsonata_mode.compile_template(spec), {"input": raw}, field, entered)
            if not intrinsics._is_int(value) or value <= 0:
                raise self.query_fail(entered)(
                    f"The JSONata expression '{spec[2:-2].strip()}' specified for the field '{field}' returned an "
                    f"unexpected result type. Expected 'Integer', but was: {to_json(value)}"
                )
            return float(value)
        if is_path:
            value = payload.Selector(spec).apply(effective, thread.sources(effective), self.runtime_fail(entered))
            if not intrinsics._is_int(value) or value <= 0:
                raise self.runtime_fail(entered)(
                    f"The {field}Path parameter does not reference a valid positive integer value: {to_json(value)}"
                )
            return float(value)
        return float(spec)

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        if getattr(self.integration, "needs_token", False):
            thread.context["Task"] = {"Token": thread.execution.new_task_token()}
        effective = self.effective_input(thread, raw, entered)
        if self.jsonata:
            states = {"input": raw}
            params = (
                raw
                if self.arguments is None
                else self.jsonata_value(thread, self.arguments, states, "Arguments", entered)
            )
        elif self.parameters is not None:
            params = payload.render(self.parameters, thread.sources(effective), self.runtime_fail(entered))
        else:
            params = effective
        timeout = self._seconds(
            thread, self.timeout_spec, self.timeout_is_path, "TimeoutSeconds", raw, effective, entered
        )
        heartbeat = self._seconds(
            thread, self.heartbeat_spec, self.heartbeat_is_path, "HeartbeatSeconds", raw, effective, entered
        )

        def attempt() -> Step:
            ctx = TaskContext(thread, self.name, self.resource_type, self.resource_name, timeout, heartbeat)
            return (yield from self.integration.run(ctx, params))

        try:
            ok, value, next_state = yield from self.with_retry(thread, attempt, raw, entered, None)
        except ExecutionAborted:
            thread.emit("TaskStateAborted")
            raise
        if not ok:
            return value, next_state
        return self.finish_result(thread, raw, value, entered)
