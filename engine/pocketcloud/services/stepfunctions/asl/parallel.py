"""The Parallel state: runs every branch on the same input and outputs the array of their outputs, in order.

"If any branch fails ... the entire Parallel state fails"; the other branches are stopped. Events:
ParallelStateEntered, ParallelStateStarted, the branches' events, then ParallelStateSucceeded (or
ParallelStateFailed when the error is not retried) and ParallelStateExited. A retry runs every branch again.
https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html

The failing branch's error name and cause are the Parallel state's (that is what a Catcher sees).
Each branch gets its own variable scope over the outer one (see :mod:`..variables`).
"""

from __future__ import annotations

from typing import Any

from .. import jsonata_mode, payload
from ..errors import ExecutionAborted, StatesError
from ..fibers import Step, all_of, spawn
from .base import State, Thread


class ParallelState(State):
    type_name = "Parallel"
    can_fail = True

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        self.branches = [
            compiler(branch, query_language if not self.jsonata else "JSONata") for branch in spec["Branches"]
        ]
        if self.jsonata:
            self.arguments = jsonata_mode.compile_template(spec["Arguments"]) if "Arguments" in spec else None
            self.parameters = None
        else:
            self.arguments = None
            self.parameters = payload.compile_template(spec["Parameters"]) if "Parameters" in spec else None

    def _branches(self, thread: Thread, branch_input: Any) -> Step:
        thread.emit("ParallelStateStarted")
        fibers = []
        threads = []
        for program in self.branches:
            child = thread.child(dict(thread.context))
            threads.append(child)
            fibers.append(spawn(program.run(child, branch_input)))
        try:
            results = yield all_of([f.result for f in fibers])
        except StatesError:
            for fiber in fibers:
                fiber.interrupt(ExecutionAborted())
            raise
        except ExecutionAborted:
            for fiber in fibers:
                fiber.interrupt(ExecutionAborted())
            thread.emit("ParallelStateAborted")
            raise
        thread.prev = max(t.prev for t in threads)
        thread.emit("ParallelStateSucceeded")
        return results

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        effective = self.effective_input(thread, raw, entered)
        if self.jsonata:
            branch_input = (
                raw
                if self.arguments is None
                else self.jsonata_value(thread, self.arguments, {"input": raw}, "Arguments", entered)
            )
        elif self.parameters is not None:
            branch_input = payload.render(self.parameters, thread.sources(effective), self.runtime_fail(entered))
        else:
            branch_input = effective

        ok, value, next_state = yield from self.with_retry(
            thread,
            lambda: self._branches(thread, branch_input),
            raw,
            entered,
            lambda: thread.emit("ParallelStateFailed"),
        )
        if not ok:
            return value, next_state
        return self.finish_result(thread, raw, value, entered)
