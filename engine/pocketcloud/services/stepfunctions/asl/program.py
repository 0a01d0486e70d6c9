"""A state machine definition compiled once per version: states by name, the start state, the query language.

Compiling parses every path, payload template, intrinsic call and JSONata expression up front, so running an
execution never re-parses anything (the interpreter's speed comes from here). ``run`` is the loop that moves from
state to state: each state returns its output and the name of the next state, or ``None`` at the end.
https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
"""

from __future__ import annotations

from typing import Any

from ..fibers import Step
from .base import State, Thread
from .choice import ChoiceState
from .map_state import MapState
from .parallel import ParallelState
from .pass_state import PassState
from .succeed_fail import FailState, SucceedState
from .task import TaskState
from .wait import WaitState

STATE_TYPES: dict[str, type[State]] = {
    "Pass": PassState,
    "Task": TaskState,
    "Choice": ChoiceState,
    "Wait": WaitState,
    "Succeed": SucceedState,
    "Fail": FailState,
    "Parallel": ParallelState,
    "Map": MapState,
}


class Program:
    """``StartAt`` and ``States`` of a definition, a Parallel branch or a Map ItemProcessor."""

    def __init__(self, definition: dict[str, Any], query_language: str = "JSONPath") -> None:
        self.query_language = definition.get("QueryLanguage", query_language)
        self.start_at: str = definition["StartAt"]
        self.timeout_seconds = definition.get("TimeoutSeconds")
        self.states: dict[str, State] = {}
        for name, spec in definition["States"].items():
            cls = STATE_TYPES[spec["Type"]]
            self.states[name] = cls(name, spec, self.query_language, Program)

    def run(self, thread: Thread, value: Any) -> Step:
        states = self.states
        name: str | None = self.start_at
        while name is not None:
            state = states[name]
            value, name = yield from state.run(thread, value)
        return value
