"""Succeed and Fail: the two terminal states.

Succeed "stops an execution successfully"; its output is its input after InputPath/OutputPath (or Output).
https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html

Fail "stops the execution of the state machine and marks it as a failure, unless it is caught by a Catch
block"; Error/Cause are strings, ErrorPath/CausePath (JSONPath) select them from the input or compute them with
an intrinsic function, and JSONata Fail states may use expressions. A Fail state has no exited event.
https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
"""

from __future__ import annotations

from typing import Any

from .. import intrinsics, jsonata_mode, payload
from ..errors import StatesError
from ..fibers import Step
from .base import State, Thread


class SucceedState(State):
    type_name = "Succeed"

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        if self.jsonata:
            output = self.jsonata_output(thread, {"input": raw}, raw, entered)
        else:
            output = self.finish_jsonpath(thread, self.effective_input(thread, raw, entered), entered)
        self.exit(thread, output)
        return output, None
        yield


class FailState(State):
    type_name = "Fail"

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        self.exited_type = None
        self.error = self._field(spec, "Error")
        self.cause = self._field(spec, "Cause")

    def _field(self, spec: dict[str, Any], name: str) -> tuple[str, Any] | None:
        if name in spec:
            value = spec[name]
            if self.jsonata and jsonata_mode.is_expression(value):
                return "jsonata", jsonata_mode.compile_template(value)
            return "const", value
        path = spec.get(f"{name}Path")
        if path is None:
            return None
        if intrinsics.is_intrinsic(path):
            return "intrinsic", intrinsics.parse(path)
        return "path", intrinsics.data_ref(path)

    def _value(self, thread: Thread, field: tuple[str, Any] | None, raw: Any, name: str, entered: int) -> Any:
        if field is None:
            return None
        kind, value = field
        if kind == "const":
            return value
        if kind == "jsonata":
            result = self.jsonata_value(thread, value, {"input": raw}, name, entered)
            if not isinstance(result, str):
                raise self.query_fail(entered)(
                    f"The JSONata expression specified for the field '{name}' returned an unexpected result type. "
                    f"Expected 'String', but was '{_type_name(result)}' for value: {intrinsics.to_json(result)}"
                )
            return result
        sources = thread.sources(raw)
        fail = self.runtime_fail(entered)
        if kind == "intrinsic":
            return payload.evaluate_intrinsic(value, sources, fail, f"{name}Path")
        selector = payload.Selector(value.text)
        result = selector.apply(raw, sources, fail)
        if not isinstance(result, str):
            raise fail(f"The {name}Path '{value.text}' must resolve to a string, but was: {intrinsics.to_json(result)}")
        return result

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        error = self._value(thread, self.error, raw, "Error", entered)
        cause = self._value(thread, self.cause, raw, "Cause", entered)
        raise FailStateError(error, cause)
        yield


class FailStateError(StatesError):
    """Raised by a Fail state. ``error`` may be absent (None): AWS then reports no error name."""

    def __init__(self, error: str | None, cause: str | None) -> None:
        super().__init__(error or "", cause)
        self.has_error = error is not None

    def output(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.has_error:
            result["Error"] = self.error
        if self.cause is not None:
            result["Cause"] = self.cause
        return result


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, (int, float)):
        return "Number"
    if isinstance(value, dict):
        return "Object"
    if isinstance(value, list):
        return "Array"
    return "Null" if value is None else "String"
