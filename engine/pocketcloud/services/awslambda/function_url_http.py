"""Answering requests to a function URL: ``https://<url-id>.lambda-url.<region>.on.aws/<any path>``.

"When a client calls your function URL, Lambda maps the request to an event object before passing it to your
function. Your function's response is then mapped to an HTTP response that Lambda sends back to the client through
the function URL. The request and response event formats follow the same schema as the Amazon API Gateway payload
format version 2.0": ``routeKey`` and ``stage`` are ``$default``, ``apiId`` and ``domainPrefix`` the URL ID,
``requestContext.requestId`` "the ID of the invocation request. You can use this ID to trace invocation logs"
(so it is the invocation's request ID, and the response's ``x-amzn-RequestId``), and for ``AWS_IAM`` the caller is
in ``requestContext.authorizer.iam``. Lambda "infers the response format": a function that returns valid JSON
without ``statusCode`` answers 200, ``content-type: application/json``, its JSON as the body; ``cookies`` become
``set-cookie`` headers. Every path and method reaches the function (there are no routes).
https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html

CORS: "Lambda automatically handles the CORS preflight OPTIONS requests and adds the CORS headers" of the URL's
``Cors`` settings to responses, replacing any the function returns (the rules of
:mod:`pocketcloud.httpformats.cors`). https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors
Access: :mod:`.function_url_access` (a refused request never invokes the function).

Invocation goes through the one Invoke path (synchronous, the function's own timeout, concurrency and throttling).
``InvokeMode`` ``RESPONSE_STREAM``: "Lambda supports response streaming on Node.js managed runtimes" and on custom
runtimes only, so a Python function's response is sent as the function returned it, whole, ``200`` with
``content-type: application/octet-stream`` (no format 2.0 reading). https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html

Answers when it goes wrong. AWS documents only the 403; the bodies follow what clients of real function URLs
receive, and the rest are pocketcloud models: a refused request 403 ``{"Message":"Forbidden"}``
(``x-amzn-ErrorType: AccessDeniedException``); a function error or a response that cannot be read 502
``{"Message":"Internal Server Error"}``; a throttle 429 ``{"Message":"Rate Exceeded."}``; another refusal of the
invoke (a body over the 6 MB payload quota, say) its own status and message. Lambda adds no latency of its own here
(a pocketcloud model: the invocation's own durations are all the time a request takes).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ...errors import ServiceError
from ...http import response
from ...httpformats import cors
from ...httpformats.formats import body_for_event, is_text_media_type
from ...httpformats.payload_v2 import v2_event
from ...httpformats.responses import parse_v2
from ...jsondoc import event_payload
from .function_url_access import caller_of, refusal
from .invocations import InvokeResult, invoke

if TYPE_CHECKING:
    from ...http import HttpRequest, Respond
    from .function_urls import FunctionUrlConfig
    from .service import LambdaService

#: Headers the simulated client-side proxy adds for the function, as on HTTP APIs (the 2.0 sample events show
#: ``x-forwarded-for``, ``x-forwarded-port``, ``x-forwarded-proto`` and ``x-amzn-trace-id``).
_REPLACED = ("x-forwarded-for", "x-forwarded-port", "x-forwarded-proto", "x-amzn-trace-id")


def serve(service: LambdaService, config: FunctionUrlConfig) -> None:
    """Register the URL's host with the cloud's HTTP router."""

    def handler(request: HttpRequest, respond: Respond) -> None:
        handle(service, config.url_id, request, respond)

    service.cloud.http.register(config.host, handler)


def _error(status: int, message: str, request_id: str, error_type: str | None = None) -> dict[str, object]:
    headers = [("content-type", "application/json"), ("x-amzn-requestid", request_id)]
    if error_type:
        headers.append(("x-amzn-errortype", error_type))
    return response(status, headers, json.dumps({"Message": message}, separators=(",", ":")))


def _forwarded(request: HttpRequest, trace: str) -> list[tuple[str, str]]:
    forwarded_for = request.source_ip
    headers: list[tuple[str, str]] = []
    for name, value in request.headers:
        lower = name.lower()
        if lower == "x-forwarded-for":
            forwarded_for = f"{value}, {request.source_ip}"
        if lower in _REPLACED:
            continue
        headers.append((name, value))
    port = "443" if request.scheme == "https" else "80"
    headers += [
        ("x-amzn-trace-id", trace),
        ("x-forwarded-for", forwarded_for),
        ("x-forwarded-port", port),
        ("x-forwarded-proto", request.scheme),
    ]
    return headers


def handle(service: LambdaService, url_id: str, request: HttpRequest, respond: Respond) -> None:
    """Answer one request to a function URL (see the module docstring)."""
    cloud = service.cloud
    config = service.function_urls.get(url_id)
    request_id = cloud.new_request_id()
    if config is None:  # deleted while the request was on its way
        respond(_error(403, "Forbidden", request_id, "AccessDeniedException"))
        return
    function = service.functions[config.function_name]
    origin = request.header("origin")
    if config.cors is not None and request.method == "OPTIONS" and origin is not None:
        asked = request.header("access-control-request-method")
        if asked is not None:
            headers = [*cors.preflight(config.cors, origin, asked), ("x-amzn-requestid", request_id)]
            respond(response(200, headers, ""))
            return
    caller = caller_of(request, cloud.account_id)
    reason = refusal(function, config, caller, cloud.partition)
    if reason is not None:
        service.url_requests.append((request_id, config.url_id, 403, reason))
        respond(_error(403, "Forbidden", request_id, "AccessDeniedException"))
        return
    if request.body:
        body, encoded = body_for_event(request.body, not is_text_media_type(request.header("content-type")))
    else:
        body, encoded = None, False
    trace = f"Root=1-{cloud.random_hex(8)}-{cloud.random_hex(24)}"
    event = v2_event(
        request=request,
        headers=_forwarded(request, trace),
        route_key="$default",
        stage="$default",
        stage_variables={},
        path_parameters={},
        body=body,
        base64_encoded=encoded,
        api_id=config.url_id,
        account_id=cloud.account_id,
        request_id=request_id,
        authorizer=caller.authorizer(cloud.partition),
    )
    payload = event_payload(event)

    def answered(result: InvokeResult) -> None:
        respond(_answer(service, config, request, request_id, result))

    params = {"FunctionName": config.function_arn, "Payload": payload}
    try:
        invoke(service, params, on_response=answered, request_id=request_id)
    except ServiceError as error:
        status = error.status or 400
        service.url_requests.append((request_id, config.url_id, status, error.message))
        message = "Rate Exceeded." if error.code == "TooManyRequestsException" else error.message
        respond(_error(status, message, request_id, error.code))


def _answer(
    service: LambdaService, config: FunctionUrlConfig, request: HttpRequest, request_id: str, result: InvokeResult
) -> dict[str, object]:
    """The HTTP response for a finished invocation."""
    invocation = result.invocation
    assert invocation is not None
    if invocation.function_error:
        service.url_requests.append((request_id, config.url_id, 502, f"Function error ({invocation.function_error})"))
        return _error(502, "Internal Server Error", request_id)
    own = [("x-amzn-requestid", request_id)]
    if config.invoke_mode == "RESPONSE_STREAM":
        headers = [("content-type", "application/octet-stream")]
        if config.cors is not None:
            headers = cors.apply(config.cors, request.header("origin"), headers)
        service.url_requests.append((request_id, config.url_id, 200, None))
        return response(200, headers + own, invocation.payload)
    parsed = parse_v2(invocation.payload)
    body: str | bytes | None = None
    if parsed is not None:
        body = parsed.body_bytes() if parsed.base64_encoded else parsed.body
    if parsed is None or body is None:
        reason = "The function returned a response Lambda cannot read (payload format 2.0)"
        service.url_requests.append((request_id, config.url_id, 502, reason))
        return _error(502, "Internal Server Error", request_id)
    headers = list(parsed.headers)
    if config.cors is not None:
        headers = cors.apply(config.cors, request.header("origin"), headers)
    service.url_requests.append((request_id, config.url_id, parsed.status, None))
    return response(parsed.status, headers + own, body)
