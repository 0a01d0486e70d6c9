"""What every state shares: entered/exited events, the context object's ``State``, input/output processing in
both query languages, Assign, and the Retry/Catch loop of the states that can fail.

A state is compiled once per definition version (paths, payload templates, intrinsic calls and JSONata
expressions are parsed here) and run as a generator: ``output, next_name = yield from state.run(thread, input)``.
``next_name`` is ``None`` when the state ends its (sub-)workflow.

Common fields and their defaults: https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
and https://states-language.net/#state-fields. The entered event carries the *raw* input, the exited event the
output after OutputPath (or Output), as AWS records them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import jsonata_mode, payload
from ..errors import UNCATCHABLE, Catcher, Retrier, StatesError, matches, state_cause
from ..fibers import Step, sleep
from ..history import MAX_EVENTS
from ..intrinsics import to_json
from ..variables import Scope

if TYPE_CHECKING:
    from ..interpreter import Execution

TRUNCATED_FALSE = {"truncated": False}


class Thread:
    """One thread of control: the top level of an execution, a Parallel branch or a Map iteration."""

    __slots__ = ("context", "execution", "last_text", "last_value", "prev", "variables")

    def __init__(self, execution: Execution, context: dict[str, Any], variables: Scope, prev: int) -> None:
        self.execution = execution
        self.context = context
        self.variables = variables
        self.prev = prev
        #: The last state output and its JSON text: the next state's input is usually that very object, so its
        #: entered event reuses the text instead of encoding it again.
        self.last_value: Any = None
        self.last_text: str | None = None

    def json(self, value: Any) -> str:
        if value is self.last_value and self.last_text is not None:
            return self.last_text
        return to_json(value)

    def emit(self, type_: str, details: dict[str, Any] | None = None, *, update: bool = True) -> int:
        execution = self.execution
        history = execution.history
        if len(history.events) >= MAX_EVENTS:
            execution.history_limit_reached()
        event_id = history.add(execution.cloud.kernel.now, type_, self.prev, details)
        if update:
            self.prev = event_id
        return event_id

    def child(self, context: dict[str, Any], variables: Scope | None = None) -> Thread:
        return Thread(self.execution, context, variables or Scope(self.variables), self.prev)

    def sources(self, document: Any) -> payload.Sources:
        ex = self.execution
        return payload.Sources(document, self.context, self.variables, ex.rng, ex.new_uuid)

    def bindings(self, states: dict[str, Any]) -> jsonata_mode.Bindings:
        ex = self.execution
        states.setdefault("context", self.context)
        return jsonata_mode.Bindings(states, self.variables.visible(), ex.rng, ex.new_uuid, ex.now_millis())


class State:
    """Fields and behaviour common to all state types."""

    type_name = "Pass"
    can_fail = False  # Task, Parallel and Map have Retry/Catch
    is_task = False

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        self.name = name
        self.spec = spec
        self.jsonata = spec.get("QueryLanguage", query_language) == "JSONata"
        self.next: str | None = spec.get("Next")
        self.end = bool(spec.get("End", False))
        self.entered_type = f"{self.type_name}StateEntered"
        self.exited_type: str | None = f"{self.type_name}StateExited"
        if self.jsonata:
            self.input_path = payload.Selector("$")
            self.output_path = payload.Selector("$")
            self.output = jsonata_mode.compile_template(spec["Output"]) if "Output" in spec else None
            self.assign: Any = jsonata_mode.compile_template(spec["Assign"]) if "Assign" in spec else None
        else:
            self.input_path = payload.Selector(spec.get("InputPath", "$"))
            self.output_path = payload.Selector(spec.get("OutputPath", "$"))
            self.output = None
            self.assign = payload.compile_template(spec["Assign"]) if "Assign" in spec else None
        self.retriers = [Retrier.compile(r) for r in spec.get("Retry", ())] if self.can_fail else []
        self.catchers = (
            [
                Catcher.compile(c, self._result_path, self._jsonata_template, self._assign_template)
                for c in spec.get("Catch", ())
            ]
            if self.can_fail
            else []
        )
        self._result_path_spec = spec.get("ResultPath", "$")
        self.result_path = payload.ResultPath(self._result_path_spec) if not self.jsonata else None
        # ResultSelector belongs to the states that produce a result (Task, Parallel, Map).
        selector = spec.get("ResultSelector") if self.can_fail else None
        self.result_selector = payload.compile_template(selector) if selector is not None else None

    # -- compile helpers -------------------------------------------------------------------------------------
    def _result_path(self, spec: Any) -> payload.ResultPath:
        return payload.ResultPath(spec)

    def _jsonata_template(self, spec: Any) -> Any:
        return jsonata_mode.compile_template(spec)

    def _assign_template(self, spec: Any) -> Any:
        return jsonata_mode.compile_template(spec) if self.jsonata else payload.compile_template(spec)

    # -- running -----------------------------------------------------------------------------------------------
    def enter(self, thread: Thread, raw: Any) -> int:
        execution = thread.execution
        execution.transitions += 1
        entered = thread.emit(
            self.entered_type, {"name": self.name, "input": thread.json(raw), "inputDetails": TRUNCATED_FALSE}
        )
        thread.context["State"] = {"Name": self.name, "EnteredTime": execution.iso_now()}
        if self.can_fail:
            thread.context["State"]["RetryCount"] = 0
        return entered

    def exit(self, thread: Thread, output: Any, assigned: dict[str, str] | None = None) -> None:
        execution = thread.execution
        text = thread.json(output)
        thread.last_value, thread.last_text = output, text
        too_big = execution.size_error(text, self.name)
        if too_big is not None:
            raise too_big
        if self.exited_type is None:
            return
        details: dict[str, Any] = {"name": self.name, "output": text, "outputDetails": TRUNCATED_FALSE}
        if assigned:
            details["assignedVariables"] = assigned
            details["assignedVariablesDetails"] = TRUNCATED_FALSE
        thread.emit(self.exited_type, details)

    def run(self, thread: Thread, raw: Any) -> Step:
        raise NotImplementedError

    def following(self) -> str | None:
        return None if self.end else self.next

    def prefix(self, entered_id: int) -> Callable[[str], str]:
        name = self.name
        return lambda text: state_cause(name, entered_id, text)

    def runtime_fail(self, entered_id: int) -> Callable[[str], StatesError]:
        name = self.name
        return lambda text: StatesError("States.Runtime", state_cause(name, entered_id, text))

    def query_fail(self, entered_id: int) -> Callable[[str], StatesError]:
        name = self.name
        return lambda text: StatesError("States.QueryEvaluationError", state_cause(name, entered_id, text))

    def effective_input(self, thread: Thread, raw: Any, entered: int) -> Any:
        if self.jsonata or self.input_path.identity:
            return raw
        return self.input_path.apply(raw, thread.sources(raw), self.runtime_fail(entered))

    def finish_jsonpath(self, thread: Thread, output: Any, entered: int) -> Any:
        if self.output_path.identity:
            return output
        return self.output_path.apply(output, thread.sources(output), self.runtime_fail(entered))

    def jsonata_value(self, thread: Thread, template: Any, states: dict[str, Any], field: str, entered: int) -> Any:
        return jsonata_mode.render(template, thread.bindings(states), field, self.query_fail(entered))

    def evaluate_assign(
        self, thread: Thread, template: Any, document: Any, states: dict[str, Any], entered: int
    ) -> Any:
        """Evaluate an Assign field (JSONPath: against ``document``; JSONata: with ``$states``), not yet stored."""
        if template is None:
            return None
        if self.jsonata:
            return self.jsonata_value(thread, template, states, "Assign", entered)
        return payload.render(template, thread.sources(document), self.runtime_fail(entered))

    def store(self, thread: Thread, values: Any) -> dict[str, str] | None:
        if not values:
            return None
        return thread.variables.assign(values, self.name)

    def jsonata_output(self, thread: Thread, states: dict[str, Any], default: Any, entered: int) -> Any:
        if self.output is None:
            return default
        return self.jsonata_value(thread, self.output, states, "Output", entered)

    def finish_result(self, thread: Thread, raw: Any, result: Any, entered: int) -> tuple[Any, str | None]:
        """The end of a state that produced a result (Task, Parallel, Map), shared so the three cannot drift apart.

        Assign is evaluated with the result (JSONPath: ``$`` is the raw result; JSONata: ``$states.result``) and
        stored after the output is computed (workflow-variables). In JSONPath, ResultSelector shapes the result
        "before ResultPath is applied", then OutputPath
        (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html).
        """
        if self.jsonata:
            states = {"input": raw, "result": result}
            output = self.jsonata_output(thread, states, result, entered)
            values = self.evaluate_assign(thread, self.assign, None, states, entered)
        else:
            values = self.evaluate_assign(thread, self.assign, result, {}, entered)
            if self.result_selector is not None:
                result = payload.render(self.result_selector, thread.sources(result), self.runtime_fail(entered))
            output = self.result_path.apply(raw, result, self.prefix(entered))  # type: ignore[union-attr]
            output = self.finish_jsonpath(thread, output, entered)
        self.exit(thread, output, self.store(thread, values))
        return output, self.following()

    # -- Retry / Catch -------------------------------------------------------------------------------------------
    def with_retry(
        self, thread: Thread, attempt: Callable[[], Step], raw: Any, entered: int, on_failed: Callable[[], Any] | None
    ) -> Step:
        """Run ``attempt`` until it succeeds, is retried out, or is caught. Returns ``(True, result, None)`` on
        success and ``(False, output, next)`` when a Catcher handled the error; re-raises otherwise."""
        counts = [0] * len(self.retriers)
        execution = thread.execution
        while True:
            try:
                result = yield from attempt()
                return True, result, None
            except StatesError as err:
                if err.error in UNCATCHABLE:
                    if on_failed is not None:
                        on_failed()
                    raise
                retried = False
                for index, retrier in enumerate(self.retriers):
                    if matches(retrier.error_equals, err.error, task=self.is_task):
                        if counts[index] < retrier.max_attempts:
                            delay = retrier.delay(counts[index], execution.rng)
                            counts[index] += 1
                            execution.transitions += 1  # "each retry will be charged as an additional state transition"
                            thread.context["State"]["RetryCount"] = thread.context["State"].get("RetryCount", 0) + 1
                            yield sleep(execution.cloud.kernel, delay)
                            retried = True
                        break
                if retried:
                    continue
                if on_failed is not None:
                    on_failed()
                for catcher in self.catchers:
                    if matches(catcher.error_equals, err.error, task=self.is_task):
                        output, assigned = self.caught(thread, catcher, err, raw, entered)
                        self.exit(thread, output, assigned)
                        return False, output, catcher.next
                raise

    def caught(
        self, thread: Thread, catcher: Catcher, err: StatesError, raw: Any, entered: int
    ) -> tuple[Any, dict[str, str] | None]:
        error_output = err.output()
        if self.jsonata:
            states = {"input": raw, "errorOutput": error_output}
            output = (
                jsonata_mode.render(catcher.output, thread.bindings(dict(states)), "Output", self.query_fail(entered))
                if catcher.has_output
                else error_output
            )
            values = self.evaluate_assign(thread, catcher.assign, None, dict(states), entered)
        else:
            result_path = catcher.result_path if catcher.has_result_path else payload.ResultPath("$")
            output = result_path.apply(raw, error_output, self.prefix(entered))
            values = self.evaluate_assign(thread, catcher.assign, error_output, {}, entered)
        return output, self.store(thread, values)
