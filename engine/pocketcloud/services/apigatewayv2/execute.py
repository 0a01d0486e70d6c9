"""Answering requests to an HTTP API: ``https://{api-id}.execute-api.{region}.amazonaws.com/[{stage}/]{path}``.

"When a client sends an API request, API Gateway first determines which stage to route the request to. If the
request explicitly matches a stage, API Gateway sends the request to that stage. If no stage fully matches the
request, API Gateway sends the request to the $default stage. If there's no $default stage, then the API returns
{"message":"Not Found"} and does not generate CloudWatch logs." Then the route: the most specific full match, then
a greedy path variable, then ``$default``; "If no routes match a request, API Gateway returns {"message":"Not
Found"} to the client." https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html

A named stage's requests keep the stage in ``rawPath`` (``/dev/items`` for stage ``dev``), as real 2.0 events show;
routes match the path after it. A Lambda proxy integration gets a 2.0 event (:mod:`pocketcloud.httpformats.payload_v2`)
or a 1.0 event (:mod:`..apigateway.events`) and its response is read by its format
(:mod:`pocketcloud.httpformats.responses`). HTTP APIs have no binary media types: a body the function returned
base64-encoded is always decoded for the client, and request bodies reach Lambda as text or base64 by their media
type (:mod:`pocketcloud.httpformats.formats`).

What a client gets when it goes wrong: a function error, a malformed response, or an invoke Lambda refuses
(no permission for API Gateway, throttled, no such function): 500 ``{"message":"Internal Server Error"}``;
the integration timeout (30 s at most): 503 ``{"message":"Service Unavailable"}`` (as API users observe it:
https://docs.v2.api.ourbranch.com/timeouts, https://github.com/anomalyco/sst/issues/2232);
an ``AWS_IAM`` route called without a signature, or an API with ``DisableExecuteApiEndpoint``: 403
``{"message":"Forbidden"}``. A route without an integration answers 404 "Not Found" and integrations other than
Lambda proxies 500 (pocketcloud models; the reason is in the access-log record, ``service.requests``).
https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
Every response carries ``apigw-requestid`` (the event's ``requestContext.requestId``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ...httpformats import cors
from ...httpformats.formats import body_for_event, is_text_media_type
from ...httpformats.payload_v2 import v2_event
from ...httpformats.responses import parse_v1, parse_v2
from ...jsondoc import event_payload
from ..apigateway import ids
from ..apigateway.events import forwarded_headers, v1_event
from ..apigateway.exchange import Exchange
from ..apigateway.integration import OK, TIMEOUT, Outcome, invoke, lambda_function, render_stage_variables
from ..apigateway.integration import source_arn as execute_api_arn

if TYPE_CHECKING:
    from ...http import HttpRequest, Respond
    from .models import DeployedRoute, Deployment, HttpApi, Stage
    from .service import HttpApiService

NOT_FOUND = "Not Found"
INTERNAL = "Internal Server Error"


def _stage(api: HttpApi, path: str) -> tuple[Stage | None, str]:
    first, _, rest = path[1:].partition("/")
    if first:
        named = api.stages.get(unquote(first))
        if named is not None and named.name != "$default":
            return named, "/" + rest
    return api.stages.get("$default"), path


def handle(service: HttpApiService, api: HttpApi, request: HttpRequest, respond: Respond) -> None:
    cloud = service.cloud
    request_id = ids.token(cloud)
    trace = ids.trace_id(cloud, cloud.now)
    exchange = Exchange(
        cloud,
        service.settings,
        service.requests,
        request,
        respond,
        api.id,
        request_id,
        [("apigw-requestid", request_id)],
        content_type="content-type",
    )
    if api.disable_execute_api_endpoint:
        exchange.fail(403, "Forbidden")
        return
    stage, inner = _stage(api, request.path)
    deployment = api.deployments.get(stage.deployment_id) if stage is not None and stage.deployment_id else None
    if stage is None or deployment is None:
        exchange.fail(404, NOT_FOUND)
        return
    exchange.stage = stage.name
    # Only an API with CORS reads the Origin header (looking headers up builds the request's header index).
    if deployment.cors is not None and request.method == "OPTIONS" and (origin := request.header("origin")) is not None:
        asked = request.header("access-control-request-method")
        if asked is not None:
            headers = cors.preflight(deployment.cors, origin, asked) + exchange.gateway_headers
            exchange.finish(204, headers, "", None, before_integration=True)
            return
    found = deployment.tree.match(inner, request.method)
    path_parameters: dict[str, str] = {}
    if found is None:
        route = deployment.default_route
    else:
        route, path_parameters = found
    if route is None:
        exchange.fail(404, NOT_FOUND)
        return
    exchange.route = route.route_key
    if route.authorization_type == "AWS_IAM":
        exchange.fail(403, "Forbidden")
        return
    if route.integration_type is None:
        exchange.fail(404, NOT_FOUND, integration_error="The route has no integration (Target)")
        return
    function = lambda_function(render_stage_variables(route.integration_uri or "", stage.variables))
    if route.integration_type != "AWS_PROXY" or function is None:
        reason = f"{route.integration_type} integrations are not simulated by pocketcloud yet"
        exchange.fail(500, INTERNAL, integration_error=reason)
        return
    _integrate(service, api, stage, deployment, route, path_parameters, exchange, function, trace)


def _integrate(
    service: HttpApiService,
    api: HttpApi,
    stage: Stage,
    deployment: Deployment,
    route: DeployedRoute,
    path_parameters: dict[str, str],
    exchange: Exchange,
    function: str,
    trace: str,
) -> None:
    cloud = service.cloud
    request = exchange.request
    headers = forwarded_headers(request, trace, rest=False)
    if request.body:
        body, encoded = body_for_event(request.body, not is_text_media_type(request.header("content-type")))
    else:
        body, encoded = None, False
    common: dict[str, Any] = {
        "request": request,
        "headers": headers,
        "stage": stage.name,
        "stage_variables": stage.variables,
        "path_parameters": path_parameters,
        "body": body,
        "base64_encoded": encoded,
        "api_id": api.id,
        "account_id": cloud.account_id,
        "request_id": exchange.request_id,
    }
    version2 = route.payload_format_version == "2.0"
    if version2:
        event = v2_event(route_key=route.route_key, **common)
    else:
        resource = route.path or "$default"
        event = v1_event(
            resource_path=resource,
            resource_id=route.route_key,
            path=request.path,
            extended_request_id=exchange.request_id,
            http_api=True,
            **common,
        )
    payload = event_payload(event)
    if route.path:
        arn = execute_api_arn(cloud.region, cloud.account_id, api.id, stage.name, route.method, route.path)
    else:
        arn = f"arn:aws:execute-api:{cloud.region}:{cloud.account_id}:{api.id}/{stage.name}/$default"
    client = api.lambda_clients.get(arn, route.credentials_arn is not None)

    def outcome(result: Outcome) -> None:
        _answer(exchange, deployment, result, version2)

    def start() -> None:
        invoke(cloud, client, function, payload, route.timeout_ms / 1000, outcome)

    cloud.kernel.call_at(cloud.now + service.settings.request_overhead_s, start)


def _answer(exchange: Exchange, deployment: Deployment, result: Outcome, version2: bool) -> None:
    latency = round(result.integration_latency_ms, 3)
    if result.kind != OK:
        status, message = (503, "Service Unavailable") if result.kind == TIMEOUT else (500, INTERNAL)
        exchange.fail(
            status, message, integration_error=result.error, integration_latency_ms=latency, before_integration=False
        )
        return
    parsed = parse_v2(result.payload) if version2 else parse_v1(result.payload)
    body: str | bytes | None = None
    if parsed is not None:
        body = parsed.body_bytes() if parsed.base64_encoded else parsed.body
    if parsed is None or body is None:
        exchange.fail(
            500,
            INTERNAL,
            integration_error="The Lambda function returned a response API Gateway cannot read "
            f"(payload format {'2.0' if version2 else '1.0'})",
            integration_latency_ms=latency,
            before_integration=False,
        )
        return
    headers = list(parsed.headers)
    if deployment.cors is not None:
        headers = cors.apply(deployment.cors, exchange.request.header("origin"), headers)
    headers.extend(exchange.gateway_headers)
    exchange.finish(parsed.status, headers, body, latency)
