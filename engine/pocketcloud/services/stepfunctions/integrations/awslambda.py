"""Lambda from a Task state: the optimized ``arn:aws:states:::lambda:invoke`` and a plain function ARN.

Both go through Lambda's public client (``cloud.client("lambda").invoke_and_then``), so cold starts, concurrency,
logs and billing are Lambda's own. Step Functions calls Lambda with the state machine's role, as the account.

* ``arn:aws:states:::lambda:invoke``: the result is the whole Invoke response as the Java SDK sees it,
  ``{"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}``; events are Task*
  with ``resourceType: "lambda"``, ``resource: "invoke"``.
  https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
* a function ARN as Resource: the result is the function's output alone; events are LambdaFunctionScheduled /
  Started / Succeeded / Failed / TimedOut.
* A function error fails the task with the payload's ``errorType`` as the error name and the payload, as compact
  JSON, as the cause; an API error is ``Lambda.<ErrorCode>`` (e.g. ``Lambda.ResourceNotFoundException``). Recorded in
  LocalStack's AWS snapshots (services/test_lambda_task_service.snapshot.json,
  error_handling/test_task_lambda.snapshot.json).
"""

from __future__ import annotations

import json
from typing import Any

from ....errors import ClientError, ParamValidationError
from ..errors import StatesError
from ..fibers import Future, Step
from ..intrinsics import to_json
from .base import TaskContext, java_v1_error
from .service_call import ServiceCall

_INVOKE_KEYS = ("FunctionName", "Qualifier", "InvocationType", "LogType", "ClientContext")


def _payload_bytes(value: Any) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    return to_json(value).encode("utf-8")


def _start(ctx: TaskContext, params: dict[str, Any], future: Future) -> None:
    lam: Any = ctx.execution.cloud.client("lambda")
    request = {k: params[k] for k in _INVOKE_KEYS if k in params}
    request["Payload"] = _payload_bytes(params["Payload"]) if "Payload" in params else b"{}"
    try:
        lam.invoke_and_then(future.resolve, **request)
    except ClientError as err:
        future.reject(java_v1_error(err, "Lambda", "lambda", "AWSLambdaException", "AWSLambda"))
    except ParamValidationError as exc:
        meta = {"HTTPStatusCode": 400, "RequestId": ctx.execution.new_uuid()}
        error = {"Code": "ValidationException", "Message": str(exc)}
        failed = ClientError({"Error": error, "ResponseMetadata": meta}, "Invoke")
        future.reject(java_v1_error(failed, "Lambda", "lambda", "AWSLambdaException", "AWSLambda"))


def _decode(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def _function_error(raw: bytes) -> StatesError:
    text = raw.decode("utf-8", "replace")
    error = "Exception"
    try:
        body = json.loads(text)
    except ValueError:
        return StatesError(error, text)
    if isinstance(body, dict) and isinstance(body.get("errorType"), str):
        error = body["errorType"]
    # AWS re-serializes the error payload compactly: {"errorMessage":"...","errorType":"...",...}
    return StatesError(error, to_json(body))


def sdk_response(response: dict[str, Any], payload: Any, raw: bytes, ctx: TaskContext) -> dict[str, Any]:
    """The Invoke response as the optimized integration returns it (Java SDK field names and the HTTP headers
    Lambda answers with, in the order recorded in LocalStack's context_object/test_context_object.snapshot.json)."""
    from email.utils import formatdate

    from ....timeutil import EPOCH_SECONDS

    request_id = response.get("ResponseMetadata", {}).get("RequestId", "")
    version = response.get("ExecutedVersion", "$LATEST")
    date = formatdate(EPOCH_SECONDS + ctx.execution.cloud.now, usegmt=True)
    trace = f"Root=1-{ctx.execution.rng.getrandbits(32):08x}-{ctx.execution.rng.getrandbits(96):024x};Sampled=0"
    every = {
        "X-Amz-Executed-Version": version,
        "x-amzn-Remapped-Content-Length": "0",
        "Connection": "keep-alive",
        "x-amzn-RequestId": request_id,
        "Content-Length": str(len(raw)),
        "Date": date,
        "X-Amzn-Trace-Id": trace,
        "Content-Type": "application/json",
    }
    order = ("Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version",
             "x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id")  # fmt: skip
    headers = {k: every[k] for k in order}
    return {
        "ExecutedVersion": version,
        "Payload": payload,
        "SdkHttpMetadata": {
            "AllHttpHeaders": {k: [v] for k, v in every.items()},
            "HttpHeaders": headers,
            "HttpStatusCode": response.get("StatusCode", 200),
        },
        "SdkResponseMetadata": {"RequestId": request_id},
        "StatusCode": response.get("StatusCode", 200),
    }


class LambdaInvoke(ServiceCall):
    """``arn:aws:states:::lambda:invoke`` (request-response, or with ``.waitForTaskToken``)."""

    resource_type = "lambda"

    def __init__(self, action: str) -> None:
        self.action = action

    def request(self, ctx: TaskContext, params: Any) -> Step:
        if not isinstance(params, dict) or "FunctionName" not in params:
            raise StatesError(
                "States.Runtime", "The field 'FunctionName' is required by the lambda:invoke integration."
            )
        future = Future()
        _start(ctx, params, future)
        response = yield from ctx.wait(future)
        raw = response["Payload"].read()
        if response.get("FunctionError"):
            raise _function_error(raw)
        return sdk_response(response, _decode(raw), raw, ctx)


class LambdaFunction:
    """A function ARN as the Task's Resource (the original Lambda integration)."""

    def __init__(self, arn: str) -> None:
        self.arn = arn

    def run(self, ctx: TaskContext, params: Any) -> Step:
        thread = ctx.thread
        text = to_json(params)
        details: dict[str, Any] = {"resource": self.arn, "input": text, "inputDetails": {"truncated": False}}
        if ctx.timeout is not None:
            details["timeoutInSeconds"] = int(ctx.timeout)
        thread.emit("LambdaFunctionScheduled", details)
        future = Future()
        _start(ctx, {"FunctionName": self.arn, "Payload": params}, future)
        if future.done and future.error is not None:
            err = future.error
            assert isinstance(err, StatesError)
            details = {"error": err.error}
            if err.cause:
                details["cause"] = err.cause
            thread.emit("LambdaFunctionStartFailed", details)
            raise err
        thread.emit("LambdaFunctionStarted")
        try:
            response = yield from ctx.wait(future)
        except StatesError as err:
            event = "LambdaFunctionTimedOut" if err.error == "States.Timeout" else "LambdaFunctionFailed"
            details = {"error": err.error}
            if err.cause:
                details["cause"] = err.cause
            thread.emit(event, details)
            raise
        raw = response["Payload"].read()
        if response.get("FunctionError"):
            problem = _function_error(raw)
            thread.emit("LambdaFunctionFailed", {"error": problem.error, "cause": problem.cause})
            raise problem
        output = _decode(raw)
        out_text = to_json(output)
        too_big = ctx.execution.size_error(out_text, self.arn)
        if too_big is not None:
            thread.emit("LambdaFunctionFailed", {"error": too_big.error, "cause": too_big.cause})
            raise too_big
        thread.emit("LambdaFunctionSucceeded", {"output": out_text, "outputDetails": {"truncated": False}})
        return output
