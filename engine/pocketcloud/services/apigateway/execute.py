"""Answering requests to a REST API: ``https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/{path}``.

The request's first path segment names the stage; the stage's deployment (not the API as it is now) decides
which resource and method answer, most specific path first (:mod:`.paths`), the method itself or ``ANY``. What a
client gets back:

* a request that matches no resource or method of the stage: 403 ``{"message":"Missing Authentication Token"}``
  ("The gateway response for a missing authentication token error, including the cases when the client attempts
  to invoke an unsupported API method or resource"); a request without a stage or to a stage the API does not have:
  403 ``{"message":"Forbidden"}``, as users meet it (https://github.com/OWASP/Serverless-Goat/issues/14, a path
  whose first segment is no stage; https://github.com/berislavlopac/plambdapi/issues/6, the bare API URL).
  An ``AWS_IAM`` method called without a SigV4 signature (pocketcloud's client never signs) also gets
  "Missing Authentication Token"; an ``apiKeyRequired`` method, called without a valid key, ``Forbidden`` (API keys
  are not simulated yet, so no key is valid). A private API, or an API with ``disableExecuteApiEndpoint``, answers
  ``Forbidden`` on this public endpoint.
  https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
* a Lambda proxy (``AWS_PROXY``) method: the function's response as format 1.0 reads it
  (:mod:`pocketcloud.httpformats.responses`), or
  502 ``{"message":"Internal server error"}`` for a function error or a malformed response, 500 with the same body
  when Lambda refuses the invoke (no permission for API Gateway, throttled, no such function), and 504
  ``{"message":"Endpoint request timed out"}`` when the integration timeout (``timeoutInMillis``, 29 s by default)
  passes first. https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
  https://repost.aws/knowledge-center/api-gateway-5xx-error ("504 endpoint request timed out")
* other integration types (MOCK, AWS, HTTP, HTTP_PROXY) are not simulated yet: 500 "Internal server error", with
  the reason in the request's access-log record (``service.requests``).

Responses carry ``x-amzn-RequestId`` (the UUID that is also ``requestContext.requestId``), ``x-amz-apigw-id``
(the ``extendedRequestId``) and ``X-Amzn-Trace-Id``, and ``Content-Type: application/json`` when the function set
none (as LocalStack's AWS-checked implementation answers). A body the function returned base64-encoded is decoded
to bytes when the request's first ``Accept`` type matches the API's ``binaryMediaTypes``; otherwise the client gets
the base64 text (see :mod:`pocketcloud.httpformats.formats`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote

from ...httpformats.formats import body_for_event, first_accept, media_type_matches
from ...httpformats.responses import parse_v1
from ...jsondoc import event_payload
from . import ids
from .events import forwarded_headers, v1_event
from .exchange import Exchange, has_header
from .integration import FUNCTION_ERROR, OK, REJECTED, Outcome, invoke, lambda_function, render_stage_variables
from .integration import source_arn as execute_api_arn

if TYPE_CHECKING:
    from ...http import HttpRequest, Respond
    from .models import DeployedMethod, RestApi
    from .service import RestApiService

INTERNAL = "Internal server error"
FORBIDDEN = "Forbidden"
MISSING_TOKEN = "Missing Authentication Token"
TIMED_OUT = "Endpoint request timed out"


def handle(service: RestApiService, api: RestApi, request: HttpRequest, respond: Respond) -> None:
    cloud = service.cloud
    request_id = cloud.new_request_id()
    extended = ids.token(cloud)
    trace = ids.trace_id(cloud, cloud.now)
    gateway = [("x-amzn-RequestId", request_id), ("x-amz-apigw-id", extended), ("X-Amzn-Trace-Id", trace)]
    exchange = Exchange(cloud, service.settings, service.requests, request, respond, api.id, request_id, gateway)
    if api.disable_execute_api_endpoint or api.endpoint_type == "PRIVATE":
        exchange.fail(403, FORBIDDEN, error_type="ForbiddenException")
        return
    stage_part, _, rest = request.path[1:].partition("/")
    if not stage_part:
        exchange.fail(403, FORBIDDEN, error_type="ForbiddenException")
        return
    stage = api.stages.get(unquote(stage_part))
    deployment = api.deployments.get(stage.deployment_id) if stage is not None else None
    if stage is None or deployment is None:
        exchange.fail(403, FORBIDDEN, error_type="ForbiddenException")
        return
    exchange.stage = stage.name
    inner = "/" + rest
    found = deployment.tree.match(inner, request.method)
    if found is None:
        exchange.fail(403, MISSING_TOKEN, error_type="MissingAuthenticationTokenException")
        return
    method, path_parameters = found
    exchange.route = method.resource_path
    if method.authorization_type == "AWS_IAM":
        exchange.fail(403, MISSING_TOKEN, error_type="MissingAuthenticationTokenException")
        return
    if method.api_key_required:
        exchange.fail(403, FORBIDDEN, error_type="ForbiddenException")
        return
    if method.integration_type != "AWS_PROXY":
        exchange.fail(
            500,
            INTERNAL,
            error_type="InternalServerErrorException",
            integration_error=f"{method.integration_type} integrations are not simulated by pocketcloud yet",
        )
        return
    function = lambda_function(render_stage_variables(method.integration_uri or "", stage.variables))
    if method.integration_http_method != "POST" or function is None:
        exchange.fail(
            500,
            INTERNAL,
            error_type="InternalServerErrorException",
            integration_error="Execution failed due to configuration error: Lambda integrations must use POST "
            "and a Lambda function's invocation URI",
        )
        return
    headers = forwarded_headers(request, trace, rest=True)
    if request.body:
        binary = media_type_matches(request.header("content-type"), api.binary_media_types)
        body, encoded = body_for_event(request.body, binary)
    else:
        body, encoded = None, False
    event = v1_event(
        request=request,
        headers=headers,
        resource_path=method.resource_path,
        resource_id=method.resource_id,
        path=inner,
        stage=stage.name,
        stage_variables=stage.variables,
        path_parameters=path_parameters,
        body=body,
        base64_encoded=encoded,
        api_id=api.id,
        account_id=cloud.account_id,
        request_id=request_id,
        extended_request_id=extended,
        http_api=False,
    )
    payload = event_payload(event)
    arn = execute_api_arn(cloud.region, cloud.account_id, api.id, stage.name, method.http_method, method.resource_path)
    client = api.lambda_clients.get(arn, method.credentials is not None)

    def outcome(result: Outcome) -> None:
        _answer(exchange, api, method, result)

    def integrate() -> None:
        invoke(cloud, client, function, payload, method.timeout_ms / 1000, outcome)

    cloud.kernel.call_at(cloud.now + service.settings.request_overhead_s, integrate)


def _answer(exchange: Exchange, api: RestApi, method: DeployedMethod, result: Outcome) -> None:
    latency = round(result.integration_latency_ms, 3)
    if result.kind != OK:
        if result.kind == REJECTED:
            status, message = 500, INTERNAL
        elif result.kind == FUNCTION_ERROR:
            status, message = 502, INTERNAL
        else:
            status, message = 504, TIMED_OUT
        error_type = "InternalServerErrorException" if status in (500, 502) else None
        exchange.fail(
            status,
            message,
            error_type=error_type,
            integration_error=result.error,
            integration_latency_ms=latency,
            before_integration=False,
        )
        return
    parsed = parse_v1(result.payload)
    body: str | bytes | None = None
    if parsed is not None:
        body = parsed.body
        accept = first_accept(exchange.request.header("accept"))
        if parsed.base64_encoded and media_type_matches(accept, api.binary_media_types):
            body = parsed.body_bytes()
    if parsed is None or body is None:
        exchange.fail(
            502,
            INTERNAL,
            error_type="InternalServerErrorException",
            integration_error="Execution failed due to configuration error: Malformed Lambda proxy response",
            integration_latency_ms=latency,
            before_integration=False,
        )
        return
    headers = list(parsed.headers)
    if not has_header(headers, "content-type"):
        headers.append(("Content-Type", "application/json"))
    headers.extend(exchange.gateway_headers)
    exchange.finish(parsed.status, headers, body, latency)
