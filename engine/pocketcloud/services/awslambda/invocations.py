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
from .admission import admit
from .context import ClientContext
from .invoke import DeferredEvent, Invocation, start_invocation
from .permissions import check_invoke_permission
from .sandbox import current_clock

if TYPE_CHECKING:
    from .service import LambdaService, Target


@dataclass(slots=True)
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
    if payload.__class__ is jsondoc.Document:
        return payload.take()  # an engine front end's event: the value these bytes encode
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
    request_id: str | None = None,
) -> InvokeResult | None:
    """The Invoke operation (its parameters already checked against the model).

    ``request_id`` is for Lambda's own front ends that name the request before invoking (a function URL puts
    it in the event's ``requestContext.requestId``); otherwise each invocation draws a new one.

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
    return _invoke_sync(service, target, event, client_context, log_tail, on_response, request_id)


def throttled(reason: str | None) -> ServiceError:
    """A throttled synchronous call: 429 TooManyRequestsException with the check's Reason (see
    :mod:`.admission`); the caller retries (boto3's retry modes do, for this error code)."""
    return ServiceError("TooManyRequestsException", "Rate Exceeded.", 429, Reason=reason, Type="User")


def _invoke_sync(
    service: LambdaService,
    target: Target,
    event: Any,
    client_context: ClientContext | None,
    log_tail: bool,
    on_response: Callable[[InvokeResult], None] | None,
    request_id: str | None,
) -> InvokeResult | None:
    """A ``RequestResponse`` invocation of a resolved target, its request already decoded: admit, run, answer."""
    if on_response is None and (service.cloud.kernel_running or current_clock() is not None):
        raise ServiceError(
            "InvalidParameterValueException",
            "A synchronous Invoke cannot be made from inside the simulation (e.g. from a handler); "
            "use InvocationType='Event'.",
        )
    version, reason = admit(service, target, "sync")
    if version is None:
        raise throttled(reason)
    if on_response is not None:
        start_invocation(
            service, target, version, event, client_context, _answer_when(on_response, log_tail), request_id
        )
        return None
    invocation = start_invocation(service, target, version, event, client_context)
    service.cloud.run(until=invocation.finished_at)
    return InvokeResult(200, capped(invocation), version.version, log_tail)


def _answer_when(on_response: Callable[[InvokeResult], None], log_tail: bool) -> Callable[[Invocation], None]:
    """The ``on_finish`` of a synchronous invocation made from inside the simulation: its 200 response (capped at
    6 MB) for ``on_response``, with the version it ran as the executed version."""

    def finished(invocation: Invocation) -> None:
        on_response(InvokeResult(200, capped(invocation), invocation.version, log_tail))

    return finished


class PreparedInvoke:
    """One Invoke request, checked and decoded once, sent many times from inside the simulation.

    A traffic generator sends the same request a million times; checking its parameters and decoding its payload
    each time would cost more than Lambda's own work. Each :meth:`send` is still the Invoke operation through the
    one invoke path: the function name is resolved anew (so a deleted function, a new alias version or a changed
    permission applies at once), the request is admitted or throttled, and it runs and answers exactly as
    :func:`invoke` would. A synchronous request's event is decoded again for each invocation that runs code
    (:class:`~.invoke.DeferredEvent`), so a handler that changes its event never changes the next one's.
    """

    __slots__ = ("caller", "client_context", "event", "function_name", "log_tail", "params", "qualifier", "service")

    def __init__(self, service: LambdaService, params: dict[str, Any], caller: Caller = ACCOUNT) -> None:
        payload = params.get("Payload", b"")
        if hasattr(payload, "read"):
            params = dict(params, Payload=payload.read())  # a file-like payload is read once
        self.service = service
        self.params = params
        self.caller = caller
        self.function_name = params["FunctionName"]
        self.qualifier = params.get("Qualifier")
        self.log_tail = params.get("LogType", "None") == "Tail"
        self.client_context = params.get("ClientContext")
        _client_context(self.client_context)  # refused now if it is not base64 JSON
        self.event: DeferredEvent | None = None
        if params.get("InvocationType", "RequestResponse") == "RequestResponse":
            data = params.get("Payload", b"")
            parse_payload(data, limits.LAMBDA_SYNC_PAYLOAD_MAX_BYTES)  # refused now if it is not JSON
            self.event = DeferredEvent(_payload_bytes(data))

    def resolve(self) -> Target:
        """What the request's FunctionName and Qualifier name now (``ResourceNotFoundException`` if nothing)."""
        return self.service.resolve(self.function_name, self.qualifier)

    def send(self, on_response: Callable[[InvokeResult], None]) -> None:
        """Invoke now; ``on_response`` gets the result when the invocation finishes (at once for Event, DryRun)."""
        if self.event is None:
            invoke(self.service, self.params, self.caller, on_response)
            return
        reason = self.start(_answer_when(on_response, self.log_tail))
        if reason is not None:
            raise throttled(reason)

    def start(
        self,
        on_finish: Callable[[Invocation], None],
        schedule: Callable[..., None] | None = None,
        target: Target | None = None,
    ) -> str | None:
        """The synchronous request once, for a caller that reads the invocation itself (:meth:`send`, a traffic
        stream): resolved, checked, admitted and started. Returns None, or the throttle Reason (the throttle is
        recorded and nothing starts: :meth:`send` raises :func:`throttled` for it). ``on_finish`` gets the
        invocation when it finishes, before the response's 6 MB cap (:func:`capped`); ``schedule`` takes the
        finish instead of the kernel (:func:`.invoke.start_invocation`); ``target`` is what :meth:`resolve` gave
        for this request, by a caller that knows nothing changed since (a stream, within one kernel event)."""
        service = self.service
        if target is None:
            target = service.resolve(self.function_name, self.qualifier)
        if self.caller.principal is not None:
            check_invoke_permission(service, target, self.caller)
        client_context = _client_context(self.client_context) if self.client_context is not None else None
        version, reason = admit(service, target, "sync")
        if version is None:
            return reason
        start_invocation(service, target, version, self.event, client_context, on_finish, schedule=schedule)
        return None


def _payload_bytes(payload: Any) -> bytes:
    """The bytes of a payload :func:`parse_payload` accepted."""
    if isinstance(payload, str):
        return payload.encode("utf-8")
    return bytes(payload)


def capped(invocation: Invocation) -> Invocation:
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
