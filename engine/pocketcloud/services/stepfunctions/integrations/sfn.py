"""``arn:aws:states:::states:startExecution`` (request-response, ``.sync``, ``.sync:2``, ``.waitForTaskToken``).

"Start a new execution of another state machine" through the Step Functions API itself. The request-response
result is StartExecution's (``ExecutionArn``, ``StartDate``); ``.sync`` waits for the child and returns its
DescribeExecution with ``Output`` as a JSON *string*; ``.sync:2`` returns it with ``Output`` parsed as JSON.
A failed or aborted child fails the task with ``States.TaskFailed``, the cause being the child's
DescribeExecution as JSON. https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
"""

from __future__ import annotations

import json
from typing import Any

from ....errors import ClientError
from ..errors import StatesError
from ..fibers import Future, Step
from ..intrinsics import to_json
from .aws_sdk import jsonable
from .base import TaskContext
from .callbacks import PendingToken
from .service_call import invoke


def _error(err: ClientError) -> StatesError:
    code = err.response.get("Error", {}).get("Code", "")
    meta = err.response.get("ResponseMetadata", {})
    message = err.response.get("Error", {}).get("Message", "")
    return StatesError(
        f"StepFunctions.{code}Exception" if not code.endswith("Exception") else f"StepFunctions.{code}",
        f"{message} (Service: AWSStepFunctions; Status Code: {meta.get('HTTPStatusCode', 400)}; Error Code: {code}; "
        f"Request ID: {meta.get('RequestId', '')}; Proxy: null)",
    )


def _millis(value: Any) -> Any:
    from ....timeutil import EPOCH_SECONDS

    if hasattr(value, "timestamp"):
        return round(value.timestamp() * 1000) if value.timestamp() > 0 else int(EPOCH_SECONDS * 1000)
    return value


class StartExecution:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern  # "", "sync", "sync:2", "waitForTaskToken"
        self.needs_token = pattern == "waitForTaskToken"

    def run(self, ctx: TaskContext, params: Any) -> Step:
        ctx.scheduled(params)
        ctx.started()
        execution = ctx.execution
        client: Any = execution.cloud.client("stepfunctions")
        request = {k[:1].lower() + k[1:]: v for k, v in dict(params or {}).items()}
        if "input" in request and not isinstance(request["input"], str):
            request["input"] = to_json(request["input"])
        if "Input" in request and not isinstance(request["Input"], str):
            request["Input"] = to_json(request["Input"])
        token = ctx.thread.context.get("Task", {}).get("Token")
        future = Future()
        if self.needs_token and token is not None:
            execution.service.tokens[token] = PendingToken(ctx, future, "callback")
        try:
            try:
                response = invoke(client.start_execution, request, _error)
            except StatesError as err:
                raise ctx.failed(err.error, err.cause) from None
            started = {"ExecutionArn": response["executionArn"], "StartDate": _millis(response["startDate"])}
            if not self.pattern:
                return ctx.succeeded(started)
            ctx.submitted(started)
            if self.pattern != "waitForTaskToken":
                execution.service.on_execution_end(response["executionArn"], future.resolve)
            try:
                done = yield from ctx.wait(future, heartbeat=self.pattern == "waitForTaskToken")
            except StatesError as err:
                if err.error in ("States.Timeout", "States.HeartbeatTimeout"):
                    raise ctx.timed_out(err) from None
                raise ctx.failed(err.error, err.cause) from None
            if self.pattern == "waitForTaskToken":
                return ctx.succeeded(done)
            described = jsonable(client.describe_execution(executionArn=response["executionArn"]))
            described.pop("ResponseMetadata", None)
            result = {_pascal(k): v for k, v in described.items()}
            for key in ("StartDate", "StopDate"):
                if key in result:
                    result[key] = _iso_to_millis(result[key])
            if result.get("Status") != "SUCCEEDED":
                raise ctx.failed("States.TaskFailed", to_json(result))
            if self.pattern == "sync:2":
                if isinstance(result.get("Output"), str):
                    result["Output"] = json.loads(result["Output"])
                if isinstance(result.get("Input"), str):
                    result["Input"] = json.loads(result["Input"])
            return ctx.succeeded(result)
        finally:
            if token is not None:
                execution.service.tokens.pop(token, None)


def _pascal(key: str) -> str:
    return key[:1].upper() + key[1:]


def _iso_to_millis(value: Any) -> Any:
    from datetime import datetime

    if isinstance(value, str):
        try:
            return round(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
        except ValueError:
            return value
    return value
