"""The Wait state: "delays the state machine from continuing for a specified time" (Seconds, Timestamp,
SecondsPath, TimestampPath; JSONata: Seconds/Timestamp may be expressions).
https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html

The wait is on the virtual clock: a one-day Wait finishes as soon as the cloud's clock is run past it, in no wall
time. A Timestamp in the past continues at once. SecondsPath must select a non-negative integer and
TimestampPath an RFC 3339 timestamp, or the state fails with ``States.Runtime``.
"""

from __future__ import annotations

from typing import Any

from .. import intrinsics, jsonata_mode, payload
from ..fibers import Step, sleep
from ..intrinsics import to_json
from ..timeutil_sfn import seconds_until
from .base import State, Thread
from .choice import parse_timestamp


class WaitState(State):
    type_name = "Wait"

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        self.seconds = spec.get("Seconds")
        self.timestamp = spec.get("Timestamp")
        self.seconds_path = payload.Selector(spec["SecondsPath"]) if "SecondsPath" in spec else None
        self.timestamp_path = payload.Selector(spec["TimestampPath"]) if "TimestampPath" in spec else None
        self.seconds_expr = (
            jsonata_mode.compile_template(self.seconds) if jsonata_mode.is_expression(self.seconds) else None
        )
        self.timestamp_expr = (
            jsonata_mode.compile_template(self.timestamp) if jsonata_mode.is_expression(self.timestamp) else None
        )

    def _delay(self, thread: Thread, raw: Any, effective: Any, entered: int) -> float:
        fail = self.runtime_fail(entered)
        if self.seconds_expr is not None:
            value = self.jsonata_value(thread, self.seconds_expr, {"input": raw}, "Seconds", entered)
            if not intrinsics._is_int(value) or value < 0:
                raise self.query_fail(entered)(
                    f"The JSONata expression '{str(self.seconds)[2:-2].strip()}' specified for the field 'Seconds' "
                    f"returned an unexpected result type. Expected 'Integer', but was: {to_json(value)}"
                )
            return float(value)
        if self.timestamp_expr is not None:
            value = self.jsonata_value(thread, self.timestamp_expr, {"input": raw}, "Timestamp", entered)
            stamp = parse_timestamp(value)
            if stamp is None:
                raise self.query_fail(entered)(
                    f"The JSONata expression '{str(self.timestamp)[2:-2].strip()}' specified for the field 'Timestamp' "
                    f"returned an invalid timestamp: {to_json(value)}"
                )
            return seconds_until(thread.execution.cloud.kernel.now, stamp)
        if self.seconds is not None:
            return float(self.seconds)
        if self.timestamp is not None:
            stamp = parse_timestamp(self.timestamp)
            return 0.0 if stamp is None else seconds_until(thread.execution.cloud.kernel.now, stamp)
        if self.seconds_path is not None:
            value = self.seconds_path.apply(effective, thread.sources(effective), fail)
            if not intrinsics._is_int(value) or value < 0:
                raise fail(f"The SecondsPath parameter does not reference a valid integer value: {to_json(value)}")
            return float(value)
        if self.timestamp_path is not None:
            value = self.timestamp_path.apply(effective, thread.sources(effective), fail)
            stamp = parse_timestamp(value)
            if stamp is None:
                raise fail(
                    f"The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                    f"date-time format string: {to_json(value)}"
                )
            return seconds_until(thread.execution.cloud.kernel.now, stamp)
        return 0.0

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        effective = self.effective_input(thread, raw, entered)
        delay = self._delay(thread, raw, effective, entered)
        try:
            yield sleep(thread.execution.cloud.kernel, delay)
        except GeneratorExit:
            raise
        except BaseException:
            thread.emit("WaitStateAborted")
            raise
        states = {"input": raw}
        values = self.evaluate_assign(thread, self.assign, effective, states, entered)
        if self.jsonata:
            output = self.jsonata_output(thread, states, raw, entered)
        else:
            output = self.finish_jsonpath(thread, effective, entered)
        self.exit(thread, output, self.store(thread, values))
        return output, self.following()
