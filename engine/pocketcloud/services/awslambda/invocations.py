"""The Invoke operation: synchronous, asynchronous (handed to the internal event queue, :mod:`.async_queue`) and
dry runs.

https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import jsondoc, limits
from ...client import ACCOUNT, Caller
from ...errors import ServiceError
from . import async_queue
from .concurrency import throttle_reason
from .context import ClientContext
from .invoke import Invocation, start_invocation
from .permissions import check_invoke_permission
from .sandbox import current_clock
from .versions import route

if TYPE_CHECKING:
    from .service import LambdaService


@dataclass
class InvokeResult:
    """What the client turns into the Invoke response."""

    status: int
    invocation: Invocation | None
    executed_version: str | None
    log_tail: bool
    #: The request ID of an event accepted for asynchronous processing (the 202 response's RequestId).
    request_id: str | None = None


def parse_payload(payload: Any, limit: int) -> Any:
    """Decode the request payload as Lambda does: it must be JSON; an empty payload is ``{}``."""
    if hasattr(payload, "read"):
        payload = payload.read()
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    if not isinstance(payload, (bytes, bytearray)):
        raise ServiceError(
            "InvalidRequestContentException",
            "Payload must be bytes, a string or a file-like object holding JSON (try json.dumps(event)).",
        )
    if len(payload) > limit:
        raise ServiceError(
            "RequestTooLargeException",
            f"Request must be smaller than {limit} bytes for the InvokeFunction operation",
            413,
        )
    if not payload.strip():
        return {}
    try:
        return jsondoc.loads(bytes(payload))
    except jsondoc.JSONDocumentError as exc:
        raise ServiceError(
            "InvalidRequestContentException",
            f"Could not parse request body into json: Could not parse payload into json: {exc}",
        ) from None


def _client_context(value: Any) -> ClientContext | None:
    if value is None:
        return None
    try:
        data = jsondoc.loads(base64.b64decode(str(value), validate=True))
    except (binascii.Error, ValueError):
        raise ServiceError(
            "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object."
        ) from None
    if not isinstance(data, dict):
        raise ServiceError(
            "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object."
        )
    return ClientContext(data)


def invoke(
    service: LambdaService,
    params: dict[str, Any],
    caller: Caller = ACCOUNT,
    on_response: Callable[[InvokeResult], None] | None = None,
) -> InvokeResult | None:
    """The Invoke operation (its parameters already checked against the model).

    A synchronous invoke from outside the simulation lets the clock run until the invocation finishes and
    returns its result. From inside the simulation (another service's event, ``on_response`` given), the
    invocation starts now and ``on_response`` gets the result when it finishes on the virtual clock.
    """
    target = service.resolve(params["FunctionName"], params.get("Qualifier"))
    if caller.principal is not None:
        check_invoke_permission(service, target, caller)
    invocation_type = params.get("InvocationType", "RequestResponse")
    log_tail = params.get("LogType", "None") == "Tail"
    if invocation_type == "DryRun":
        parse_payload(params.get("Payload", b""), limits.LAMBDA_SYNC_PAYLOAD_MAX_BYTES)
        return _answer(InvokeResult(204, None, None, False), on_response)
    if invocation_type == "Event":
        event = parse_payload(params.get("Payload", b""), limits.LAMBDA_ASYNC_PAYLOAD_MAX_BYTES)
        request_id = async_queue.enqueue(service, target, event)
        return _answer(InvokeResult(202, None, None, False, request_id), on_response)
    event = parse_payload(params.get("Payload", b""), limits.LAMBDA_SYNC_PAYLOAD_MAX_BYTES)
    client_context = _client_context(params.get("ClientContext"))
    if on_response is None and (service.cloud.kernel_running or current_clock() is not None):
        raise ServiceError(
            "InvalidParameterValueException",
            "A synchronous Invoke cannot be made from inside the simulation (e.g. from a handler); "
            "use InvocationType='Event'.",
        )
    reason = throttle_reason(service, target.function)
    if reason is not None:
        raise ServiceError("TooManyRequestsException", "Rate Exceeded.", 429, Reason=reason, Type="User")
    version = route(service, target)
    if on_response is not None:

        def finished(invocation: Invocation) -> None:
            on_response(InvokeResult(200, _capped(invocation), version.version, log_tail))

        start_invocation(service, target, version, event, client_context, finished)
        return None
    invocation = start_invocation(service, target, version, event, client_context)
    service.cloud.run(until=invocation.finished_at)
    return InvokeResult(200, _capped(invocation), version.version, log_tail)


def _capped(invocation: Invocation) -> Invocation:
    """Synchronous responses are capped at 6 MB: past it the caller gets Lambda's error instead of the response.
    https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"""
    if len(invocation.payload) > limits.LAMBDA_SYNC_RESPONSE_MAX_BYTES:
        invocation.payload = (
            b'{"errorMessage": "Response payload size exceeded maximum allowed payload size (6291556 bytes).", '
            b'"errorType": "Function.ResponseSizeTooLarge"}'
        )
        invocation.function_error = "Unhandled"
    return invocation


def _answer(result: InvokeResult, on_response: Callable[[InvokeResult], None] | None) -> InvokeResult | None:
    """An answer that is ready at once (Event, DryRun): returned, or handed to the in-simulation caller."""
    if on_response is None:
        return result
    on_response(result)
    return None
