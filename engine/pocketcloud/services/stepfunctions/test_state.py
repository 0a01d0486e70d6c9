"""TestState and ValidateStateMachineDefinition.

TestState "tests a single state": it runs the state once on the given input (and ``variables``, ``context``)
and answers with its ``output`` or ``error``/``cause``, the ``nextState`` and a ``status``
(SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR). ``inspectionLevel``:

* INFO (default): output, error, cause, nextState, status;
* DEBUG: also ``inspectionData`` with the data after each processing step — JSONPath: ``input``,
  ``afterInputPath``, ``afterParameters``, ``result``, ``afterResultSelector``, ``afterResultPath``; JSONata:
  ``input``, ``afterArguments``, ``result``, ``variables``;
* TRACE: DEBUG plus the HTTP ``request``/``response`` of an HTTP Task. pocketcloud simulates no HTTP endpoints, so
  its TRACE shows what DEBUG shows.

``mock`` (``result`` or ``errorOutput``) replaces a Task's call, as the current API allows; ``stateName`` picks one
state of a whole state machine definition. ``revealSecrets`` only matters for HTTP Tasks' connection secrets,
which pocketcloud does not simulate (accepted and ignored).
https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ... import jsondoc
from ...errors import ServiceError
from . import payload, validation
from .asl.base import Thread
from .asl.program import Program
from .errors import StatesError, matches
from .fibers import Fiber, Step
from .interpreter import Execution
from .intrinsics import to_json
from .variables import Scope

if TYPE_CHECKING:
    from .service import StepFunctionsService


class MockIntegration:
    def __init__(self, mock: dict[str, Any]) -> None:
        self.mock = mock

    def run(self, ctx: Any, params: Any) -> Step:
        ctx.scheduled(params)
        ctx.started()
        if "errorOutput" in self.mock:
            error = self.mock["errorOutput"]
            raise ctx.failed(error.get("error", ""), error.get("cause"))
        return ctx.succeeded(json.loads(self.mock["result"]))
        yield


def validate_definition(params: dict[str, Any]) -> dict[str, Any]:
    """ValidateStateMachineDefinition: the validator's diagnostics for the definition text and its ``type``
    (STANDARD by default; EXPRESS also refuses callbacks, ``.sync`` and activities), filtered by ``severity`` and
    capped by ``maxResults`` (default and maximum 100; 0 means 100), shaped by
    :func:`.validation.validation_response`.
    https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html"""
    found = validation.validate(params["definition"], strict=True, state_machine_type=params.get("type", "STANDARD"))
    return validation.validation_response(
        found, severity=params.get("severity", "ERROR"), max_results=params.get("maxResults", 0)
    )


def test_state(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    try:
        spec = json.loads(params["definition"])
    except ValueError as exc:
        raise ServiceError(
            "InvalidDefinition", f"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {exc}'"
        ) from None
    if isinstance(spec, dict) and "States" in spec:
        name = str(params.get("stateName") or spec.get("StartAt"))
        if name not in spec["States"]:
            raise ServiceError("ValidationException", f"State '{name}' does not exist in the definition")
        query_language = spec.get("QueryLanguage", "JSONPath")
        spec = spec["States"][name]
    else:
        name = params.get("stateName") or "TestState"
        query_language = "JSONPath"
    if not isinstance(spec, dict) or "Type" not in spec:
        raise ServiceError("InvalidDefinition", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED'")
    next_state = spec.get("Next")
    spec = dict(spec)
    if spec["Type"] not in ("Choice", "Succeed", "Fail"):
        spec.pop("Next", None)
        spec["End"] = True
    try:
        program = Program({"StartAt": name, "States": {name: spec}, "QueryLanguage": query_language})
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(
            "InvalidDefinition", f"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: {exc}'"
        ) from None
    state = program.states[name]
    if params.get("mock") and hasattr(state, "integration"):
        state.integration = MockIntegration(params["mock"])
    # In isolation the state runs once: Retry and Catch are decided below from the error, as TestState reports
    # them (RETRIABLE with the retrier's backoff, CAUGHT_ERROR with the catcher's output and next state).
    retriers, catchers = state.retriers, state.catchers
    state.retriers, state.catchers = [], []
    config = params.get("stateConfiguration") or {}
    input_text = params.get("input", "{}")
    try:
        value = jsondoc.loads(input_text)
        variables = jsondoc.loads(params["variables"]) if params.get("variables") else {}
        context = jsondoc.loads(params["context"]) if params.get("context") else None
    except jsondoc.JSONDocumentError as exc:
        raise ServiceError("InvalidExecutionInput", f"Invalid State Machine Execution Input: '{exc}'") from None
    arn = f"arn:aws:states:{service.cloud.region}:{service.cloud.account_id}:execution:TestStateMachine:test-state"
    execution = Execution(
        service,
        arn=arn,
        name="test-state",
        state_machine_arn=arn.replace("execution", "stateMachine"),
        state_machine_name="TestStateMachine",
        program=program,
        definition=params["definition"],
        role_arn=params.get("roleArn", ""),
        input_text=input_text,
        input_value=value,
        express=False,
    )
    scope = Scope()
    scope.values.update(variables if isinstance(variables, dict) else {})
    ctx = execution.context_object()
    if isinstance(context, dict):
        ctx.update(context)
    thread = Thread(execution, ctx, scope, 0)
    fiber = Fiber(state.run(thread, value)).start()
    while not fiber.result.done and service.cloud.kernel.peek() is not None:
        service.cloud.run(until=service.cloud.kernel.peek())
    response: dict[str, Any] = {}
    level = params.get("inspectionLevel", "INFO")
    error = fiber.result.error
    error_details: dict[str, Any] | None = None
    if error is None and fiber.result.done:
        output, chosen = fiber.result.value
        response["output"] = to_json(output)
        response["status"] = "SUCCEEDED"
        nxt = chosen if spec["Type"] == "Choice" else next_state
        if nxt:
            response["nextState"] = nxt
    elif isinstance(error, StatesError):
        if error.error:
            response["error"] = error.error
        if error.cause is not None:
            response["cause"] = error.cause
        response["status"] = "FAILED"
        retry_count = int(config.get("retrierRetryCount", 0))
        decided = False
        for index, retrier in enumerate(retriers):
            if matches(retrier.error_equals, error.error, task=state.is_task):
                if retry_count < retrier.max_attempts:
                    response["status"] = "RETRIABLE"
                    delay = retrier.interval_seconds * retrier.backoff_rate**retry_count
                    if retrier.max_delay_seconds is not None:
                        delay = min(delay, retrier.max_delay_seconds)
                    error_details = {"retryIndex": index, "retryBackoffIntervalSeconds": int(delay)}
                    decided = True
                break
        if not decided:
            for index, catcher in enumerate(catchers):
                if matches(catcher.error_equals, error.error, task=state.is_task):
                    output, _ = state.caught(thread, catcher, error, value, 0)
                    response["status"] = "CAUGHT_ERROR"
                    response["output"] = to_json(output)
                    response["nextState"] = catcher.next
                    error_details = {"catchIndex": index}
                    break
    else:
        response["status"] = "FAILED"
        response["error"] = "States.Runtime"
        response["cause"] = str(error)
    if level in ("DEBUG", "TRACE"):
        response["inspectionData"] = _inspection(state, thread, value, execution, scope)
        if error_details is not None:
            response["inspectionData"]["errorDetails"] = error_details
    return response


def _inspection(state: Any, thread: Thread, raw: Any, execution: Execution, scope: Scope) -> dict[str, Any]:
    data: dict[str, Any] = {"input": to_json(raw)}
    if scope.values:
        data["variables"] = to_json(scope.values)
    results = [e for e in execution.history.events if e.type in ("TaskSucceeded", "LambdaFunctionSucceeded")]
    if state.jsonata:
        scheduled = [e for e in execution.history.events if e.type == "TaskScheduled"]
        if scheduled and scheduled[0].details:
            data["afterArguments"] = scheduled[0].details["parameters"]
        if results and results[-1].details:
            data["result"] = results[-1].details["output"]
        return data
    fail = lambda text: StatesError("States.Runtime", text)  # noqa: E731
    try:
        effective = state.effective_input(thread, raw, 0)
        data["afterInputPath"] = to_json(effective)
        parameters = getattr(state, "parameters", None)
        after = payload.render(parameters, thread.sources(effective), fail) if parameters is not None else effective
        data["afterParameters"] = to_json(after)
        if results and results[-1].details:
            result = json.loads(results[-1].details["output"])
            data["result"] = to_json(result)
            selector = getattr(state, "result_selector", None)
            selected = payload.render(selector, thread.sources(result), fail) if selector is not None else result
            data["afterResultSelector"] = to_json(selected)
            data["afterResultPath"] = to_json(state.result_path.apply(raw, selected, lambda t: t))
        elif state.type_name == "Pass":
            result = after if parameters is not None else (state.result if state.has_result else effective)
            data["result"] = to_json(result)
            data["afterResultPath"] = to_json(state.result_path.apply(raw, result, lambda t: t))
    except StatesError:
        pass
    return data
