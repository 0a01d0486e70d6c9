"""The Pass state: passes its input to its output, optionally injecting a fixed ``Result`` or a built payload.

"Result (Optional): Refers to the output of a virtual task that is passed on to the next state. If you include
the ResultPath field in your state machine definition, Result is placed as specified by ResultPath and passed on
to the next state." JSONPath Pass states also take Parameters; JSONata Pass states take Output.
https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
"""

from __future__ import annotations

from typing import Any

from .. import payload
from ..fibers import Step
from .base import State, Thread


class PassState(State):
    type_name = "Pass"

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        self.has_result = "Result" in spec
        self.result = spec.get("Result")
        self.parameters = payload.compile_template(spec["Parameters"]) if "Parameters" in spec else None

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        if self.jsonata:
            states = {"input": raw}
            output = self.jsonata_output(thread, states, raw, entered)
            values = self.evaluate_assign(thread, self.assign, None, states, entered)
        else:
            effective = self.effective_input(thread, raw, entered)
            if self.parameters is not None:
                result = payload.render(self.parameters, thread.sources(effective), self.runtime_fail(entered))
            elif self.has_result:
                result = self.result
            else:
                result = effective
            values = self.evaluate_assign(thread, self.assign, result, {}, entered)
            output = self.result_path.apply(raw, result, self.prefix(entered))  # type: ignore[union-attr]
            output = self.finish_jsonpath(thread, output, entered)
        self.exit(thread, output, self.store(thread, values))
        return output, self.following()
        yield  # a generator that never waits
