"""Requests to an HTTP API with Lambda proxy integrations: stages, route selection, format 2.0 responses (inferred
and explicit), CORS, and the errors a client sees.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html (stage and route
selection, its example table, {"message":"Not Found"});
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html (response
inference for 2.0, cookies);
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html (preflight answered by API
Gateway, backend CORS headers ignored);
https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html (function and invocation errors are
internal errors); https://docs.v2.api.ourbranch.com/timeouts and https://github.com/anomalyco/sst/issues/2232 (the
30-second timeout answers 503 {"message": "Service Unavailable"});
https://github.com/ministackorg/ministack/pull/766 (which request bodies reach Lambda base64-encoded, measured).
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

import pocketcloud

from .apigateway_support import ACCOUNT, REGION, allow, event_of, function, http_api

ROUTE_KEY = "def handler(event, context):\n    return event['routeKey']\n"


def _body_message(answer: dict[str, Any]) -> str:
    message: str = json.loads(answer["body"])["message"]
    return message


@pytest.fixture
def routes(cloud: pocketcloud.Cloud) -> dict[str, Any]:
    """The routes of the documentation's example, each answering with its route key."""
    arn = function(cloud, ROUTE_KEY)
    v2 = cloud.client("apigatewayv2")
    api = v2.create_api(Name="routes", ProtocolType="HTTP")
    integration = v2.create_integration(
        ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=arn, PayloadFormatVersion="2.0"
    )["IntegrationId"]
    for key in ("GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default"):
        v2.create_route(ApiId=api["ApiId"], RouteKey=key, Target=f"integrations/{integration}")
    v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
    allow(cloud, api["ApiId"], source_arn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*")
    return api


@pytest.mark.parametrize(
    ("method", "path", "route"),
    [
        ("GET", "/pets/dog/1", "GET /pets/dog/1"),
        ("GET", "/pets/dog/2", "GET /pets/dog/{id}"),
        ("GET", "/pets/cat/1", "GET /pets/{proxy+}"),
        ("POST", "/test/5", "ANY /{proxy+}"),
        ("POST", "/pets/dog/1", "ANY /{proxy+}"),
        ("GET", "/", "$default"),
    ],
)
def test_route_selection_follows_the_documented_example(
    cloud: pocketcloud.Cloud, routes: dict[str, Any], method: str, path: str, route: str
) -> None:
    """The documentation's table: a full match first, then a greedy path variable, then $default; ANY catches the
    methods a route does not define."""
    answer = cloud.http_request(method, routes["ApiEndpoint"] + path)
    assert answer["statusCode"] == 200
    assert answer["body"] == route


def test_no_matching_route_and_no_default_is_404(cloud: pocketcloud.Cloud) -> None:
    api = http_api(cloud, function(cloud), RouteKey="GET /pets")
    answer = cloud.http_request("GET", api["ApiEndpoint"] + "/cats")
    assert answer["statusCode"] == 404
    assert answer["body"] == '{"message":"Not Found"}'
    assert answer["headers"]["content-type"] == "application/json"
    assert answer["statusCode"] == cloud.http_request("POST", api["ApiEndpoint"] + "/pets")["statusCode"]


def test_named_stages_and_the_default_stage(cloud: pocketcloud.Cloud) -> None:
    """A request whose first segment names a stage goes to it (``rawPath`` keeps the stage, routes match after it);
    any other request goes to $default; without a $default stage it is 404 "Not Found"."""
    api = http_api(cloud, function(cloud), RouteKey="GET /pets")
    v2 = cloud.client("apigatewayv2")
    deployment = v2.get_stage(ApiId=api["ApiId"], StageName="$default")["DeploymentId"]
    v2.create_stage(ApiId=api["ApiId"], StageName="dev", DeploymentId=deployment, StageVariables={"env": "dev"})
    dev = event_of(cloud.http_request("GET", api["ApiEndpoint"] + "/dev/pets"))
    assert dev["rawPath"] == "/dev/pets" and dev["requestContext"]["http"]["path"] == "/dev/pets"
    assert dev["requestContext"]["stage"] == "dev" and dev["stageVariables"] == {"env": "dev"}
    default = event_of(cloud.http_request("GET", api["ApiEndpoint"] + "/pets"))
    assert default["requestContext"]["stage"] == "$default"
    v2.delete_stage(ApiId=api["ApiId"], StageName="$default")
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/pets")["statusCode"] == 404
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/dev/pets")["statusCode"] == 200


@pytest.mark.parametrize(
    ("output", "body"),
    [
        ("Hello from Lambda!", "Hello from Lambda!"),
        ({"message": "Hello from Lambda!"}, '{"message": "Hello from Lambda!"}'),
        ({"body": "not a response: no statusCode"}, '{"body": "not a response: no statusCode"}'),
        (42, "42"),
        ([1, 2], "[1, 2]"),
    ],
)
def test_a_plain_value_is_inferred_as_json_200(cloud: pocketcloud.Cloud, output: Any, body: str) -> None:
    """ "If your Lambda function returns valid JSON and doesn't return a statusCode": statusCode 200, content-type
    application/json, isBase64Encoded false, and the body is the function's response (a string as itself)."""
    api = http_api(cloud, function(cloud, f"def handler(event, context):\n    return {output!r}\n"))
    answer = cloud.http_request("GET", api["ApiEndpoint"] + "/")
    assert answer["statusCode"] == 200
    assert answer["body"] == body
    assert answer["headers"]["content-type"] == "application/json"


def test_an_explicit_response_with_cookies_and_binary_body(cloud: pocketcloud.Cloud) -> None:
    """statusCode, headers, cookies ("each cookie becomes a set-cookie header") and a base64 body, which HTTP APIs
    always decode (they have no binary media types)."""
    data = bytes(range(10))
    output = {
        "statusCode": 201,
        "headers": {"x-custom": "yes", "x-count": 3},
        "cookies": ["a=1; Secure", "b=2"],
        "body": base64.b64encode(data).decode(),
        "isBase64Encoded": True,
    }
    api = http_api(cloud, function(cloud, f"def handler(event, context):\n    return {output!r}\n"))
    answer = cloud.http_request("GET", api["ApiEndpoint"] + "/")
    assert answer["statusCode"] == 201
    assert answer["body"] == data
    assert answer["headers"]["x-custom"] == "yes" and answer["headers"]["x-count"] == "3"
    assert answer["multiValueHeaders"]["set-cookie"] == ["a=1; Secure", "b=2"]


@pytest.mark.parametrize(
    "source",
    [
        "def handler(event, context):\n    raise RuntimeError('boom')\n",
        "def handler(event, context):\n    return {'statusCode': 'abc'}\n",
        "def handler(event, context):\n    return {'statusCode': 200, 'body': {'not': 'text'}}\n",
        "def handler(event, context):\n    return {'statusCode': 200, 'body': 'x', 'isBase64Encoded': True}\n",
    ],
)
def test_function_errors_and_unreadable_responses_are_500(cloud: pocketcloud.Cloud, source: str) -> None:
    """HTTP APIs answer a function error or a response they cannot read with 500 {"message":"Internal Server
    Error"}."""
    api = http_api(cloud, function(cloud, source))
    answer = cloud.http_request("GET", api["ApiEndpoint"] + "/")
    assert (answer["statusCode"], _body_message(answer)) == (500, "Internal Server Error")
    assert answer["headers"]["apigw-requestid"]


def test_refused_invokes_are_500(cloud: pocketcloud.Cloud) -> None:
    """No permission for apigateway.amazonaws.com, or a throttled function: Lambda refuses the invoke, 500."""
    arn = function(cloud)
    no_permission = http_api(cloud, arn, permission=False)
    answer = cloud.http_request("GET", no_permission["ApiEndpoint"] + "/")
    assert (answer["statusCode"], _body_message(answer)) == (500, "Internal Server Error")
    allowed = http_api(cloud, arn)
    cloud.client("lambda").put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    answer = cloud.http_request("GET", allowed["ApiEndpoint"] + "/")
    assert (answer["statusCode"], _body_message(answer)) == (500, "Internal Server Error")
    record = cloud.backend("apigatewayv2", None).requests[-1]
    assert record.integration_error.startswith("TooManyRequestsException")


def test_the_source_arn_of_a_route(cloud: pocketcloud.Cloud) -> None:
    """``arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{method}{path}`` for a route, ``.../{stage}/$default``
    for the $default route: a permission for ``/*/*/pets`` allows the GET /pets route and not $default."""
    arn = function(cloud)
    api = http_api(cloud, arn, permission=False, RouteKey="GET /pets")
    v2 = cloud.client("apigatewayv2")
    integration = v2.get_integrations(ApiId=api["ApiId"])["Items"][0]["IntegrationId"]
    v2.create_route(ApiId=api["ApiId"], RouteKey="$default", Target=f"integrations/{integration}")
    allow(cloud, api["ApiId"], source_arn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*/*/pets")
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/pets")["statusCode"] == 200
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/other")["statusCode"] == 500


def test_a_permission_change_applies_to_the_next_request(cloud: pocketcloud.Cloud) -> None:
    """Lambda checks its resource-based policy on every invoke, so removing API Gateway's permission refuses the very
    next request (500) and adding it back allows the one after; a statement for another API does not help.
    https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"""
    arn = function(cloud)
    api = http_api(cloud, arn)
    url = api["ApiEndpoint"] + "/"
    lam = cloud.client("lambda")
    assert [cloud.http_request("GET", url)["statusCode"] for _ in range(3)] == [200, 200, 200]
    lam.remove_permission(FunctionName="hello", StatementId=f"apigateway-{api['ApiId']}")
    assert cloud.http_request("GET", url)["statusCode"] == 500
    allow(cloud, "other", source_arn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:other/*")
    assert cloud.http_request("GET", url)["statusCode"] == 500
    allow(cloud, api["ApiId"], source_arn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*")
    assert cloud.http_request("GET", url)["statusCode"] == 200


def test_a_route_added_later_is_matched_at_once(cloud: pocketcloud.Cloud) -> None:
    """An auto-deploying stage deploys each route change: a path that fell to ``$default`` before a more specific
    route existed goes to the new route from the next request on (matches already made are not reused)."""
    arn = function(cloud, ROUTE_KEY)
    api = http_api(cloud, arn)
    url = api["ApiEndpoint"] + "/pets/7"
    assert cloud.http_request("GET", url)["body"] == "$default"
    v2 = cloud.client("apigatewayv2")
    integration = v2.get_integrations(ApiId=api["ApiId"])["Items"][0]["IntegrationId"]
    v2.create_route(ApiId=api["ApiId"], RouteKey="GET /pets/{id}", Target=f"integrations/{integration}")
    assert cloud.http_request("GET", url)["body"] == "GET /pets/{id}"
    assert cloud.http_request("GET", url)["body"] == "GET /pets/{id}"


def test_the_integration_timeout_gives_503(cloud: pocketcloud.Cloud) -> None:
    """HTTP APIs wait at most 30 s (TimeoutInMillis, default 30,000): then 503 {"message":"Service Unavailable"}."""
    slow = "import time\n\ndef handler(event, context):\n    time.sleep(35)\n    return 'late'\n"
    api = http_api(cloud, function(cloud, slow, Timeout=60))
    started = cloud.now
    answer = cloud.http_request("GET", api["ApiEndpoint"] + "/")
    assert (answer["statusCode"], _body_message(answer)) == (503, "Service Unavailable")
    assert cloud.now - started == pytest.approx(0.003 + 30 + 0.001)


@pytest.mark.parametrize(
    ("content_type", "encoded"),
    [
        ("text/plain", False),
        ("application/json; charset=utf-8", False),
        ("application/xml", False),
        ("application/javascript", False),
        ("image/png", True),
        ("application/x-www-form-urlencoded", True),
        ("application/octet-stream", True),
        (None, True),
    ],
)
def test_request_bodies_reach_lambda_as_text_or_base64(
    cloud: pocketcloud.Cloud, content_type: str | None, encoded: bool
) -> None:
    """Text media types arrive as text, everything else (no Content-Type, form posts) base64-encoded, as measured
    against AWS."""
    api = http_api(cloud, function(cloud))
    headers = {"Content-Type": content_type} if content_type else {}
    event = event_of(cloud.http_request("POST", api["ApiEndpoint"] + "/", headers, "a=1&b=2"))
    assert event["isBase64Encoded"] is encoded
    assert (base64.b64decode(event["body"]).decode() if encoded else event["body"]) == "a=1&b=2"


def test_cors_preflight_is_answered_by_api_gateway(cloud: pocketcloud.Cloud) -> None:
    """A preflight (OPTIONS with Origin and Access-Control-Request-Method) gets API Gateway's answer without an
    OPTIONS route and without invoking the function; a request from a listed origin gets the CORS headers and the
    function's own CORS headers are ignored; another origin gets none."""
    source = (
        "def handler(event, context):\n"
        "    return {'statusCode': 200, 'headers': {'Access-Control-Allow-Origin': 'https://evil.example'},"
        " 'body': 'ok'}\n"
    )
    cors = {
        "AllowOrigins": ["https://app.example"],
        "AllowMethods": ["GET", "POST"],
        "AllowHeaders": ["Authorization"],
        "ExposeHeaders": ["X-Total"],
        "MaxAge": 300,
        "AllowCredentials": True,
    }
    api = http_api(cloud, function(cloud, source), RouteKey="GET /items", CorsConfiguration=cors)
    lam_invocations = cloud.backend("lambda", None).recent
    preflight = cloud.http_request(
        "OPTIONS",
        api["ApiEndpoint"] + "/items",
        {"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight["statusCode"] == 204
    assert preflight["headers"]["access-control-allow-origin"] == "https://app.example"
    assert preflight["headers"]["access-control-allow-methods"] == "GET,POST"
    assert preflight["headers"]["access-control-allow-headers"] == "authorization"
    assert preflight["headers"]["access-control-max-age"] == "300"
    assert preflight["headers"]["access-control-allow-credentials"] == "true"
    assert len(lam_invocations) == 0
    actual = cloud.http_request("GET", api["ApiEndpoint"] + "/items", {"Origin": "https://app.example"})
    assert actual["headers"]["access-control-allow-origin"] == "https://app.example"
    assert actual["headers"]["access-control-expose-headers"] == "x-total"
    assert "Access-Control-Allow-Origin" not in actual["headers"]
    other = cloud.http_request("GET", api["ApiEndpoint"] + "/items", {"Origin": "https://evil.example"})
    assert not [h for h in other["headers"] if h.lower().startswith("access-control-")]
    refused = cloud.http_request(
        "OPTIONS",
        api["ApiEndpoint"] + "/items",
        {"Origin": "https://app.example", "Access-Control-Request-Method": "DELETE"},
    )
    assert refused["statusCode"] == 204
    assert "access-control-allow-origin" not in refused["headers"]


def test_wildcard_origins(cloud: pocketcloud.Cloud) -> None:
    """ "*" allows every origin (answered "*"), "https://*" any origin that begins with https://."""
    api = http_api(cloud, function(cloud), CorsConfiguration={"AllowOrigins": ["https://*"], "AllowMethods": ["*"]})
    ok = cloud.http_request("GET", api["ApiEndpoint"] + "/", {"Origin": "https://a.example"})
    assert ok["headers"]["access-control-allow-origin"] == "https://a.example"
    plain = cloud.http_request("GET", api["ApiEndpoint"] + "/", {"Origin": "http://a.example"})
    assert "access-control-allow-origin" not in plain["headers"]
    star = http_api(cloud, function(cloud, name="star"), CorsConfiguration={"AllowOrigins": ["*"]})
    answer = cloud.http_request("GET", star["ApiEndpoint"] + "/", {"Origin": "http://any.example"})
    assert answer["headers"]["access-control-allow-origin"] == "*"


def test_forbidden_requests(cloud: pocketcloud.Cloud) -> None:
    """An AWS_IAM route without a signature, and an API whose default endpoint is disabled: 403 "Forbidden"."""
    arn = function(cloud)
    api = http_api(cloud, arn, RouteKey="GET /secret")
    v2 = cloud.client("apigatewayv2")
    route = v2.get_routes(ApiId=api["ApiId"])["Items"][0]["RouteId"]
    v2.update_route(ApiId=api["ApiId"], RouteId=route, AuthorizationType="AWS_IAM")
    answer = cloud.http_request("GET", api["ApiEndpoint"] + "/secret")
    assert (answer["statusCode"], _body_message(answer)) == (403, "Forbidden")
    disabled = http_api(cloud, arn, DisableExecuteApiEndpoint=True)
    assert cloud.http_request("GET", disabled["ApiEndpoint"] + "/")["statusCode"] == 403


def test_a_route_without_integration_is_not_found(cloud: pocketcloud.Cloud) -> None:
    v2 = cloud.client("apigatewayv2")
    api = v2.create_api(Name="empty", ProtocolType="HTTP")
    v2.create_route(ApiId=api["ApiId"], RouteKey="GET /x")
    v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/x")["statusCode"] == 404


def test_payload_1_0_responses_on_http_apis(cloud: pocketcloud.Cloud) -> None:
    """With payload format 1.0 the function must return the 1.0 format; HTTP APIs answer a malformed one with 500
    (not REST's 502)."""
    v2 = cloud.client("apigatewayv2")
    good = function(cloud, "def handler(event, context):\n    return {'statusCode': 202, 'body': event['version']}\n")
    bad = function(cloud, "def handler(event, context):\n    return 'plain'\n", name="bad")
    answers = []
    for arn, name in ((good, "hello"), (bad, "bad")):
        api = v2.create_api(Name=name, ProtocolType="HTTP")
        integration = v2.create_integration(
            ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=arn, PayloadFormatVersion="1.0"
        )
        v2.create_route(ApiId=api["ApiId"], RouteKey="$default", Target=f"integrations/{integration['IntegrationId']}")
        v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
        allow(cloud, api["ApiId"], name, f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*")
        answers.append(cloud.http_request("GET", api["ApiEndpoint"] + "/"))
    assert (answers[0]["statusCode"], answers[0]["body"]) == (202, "1.0")
    assert answers[1]["statusCode"] == 500


def test_requests_from_inside_the_simulation(cloud: pocketcloud.Cloud) -> None:
    """``cloud.http_request_and_then`` sends requests from scheduled events; two requests at the same moment run in
    two execution environments (two cold starts), and each response arrives after its own latency."""
    api = http_api(cloud, function(cloud, "def handler(event, context):\n    return 'hi'\n"))
    got: list[tuple[float, int, str]] = []

    def send(tag: str) -> None:
        cloud.http_request_and_then(
            lambda answer: got.append((cloud.now, answer["statusCode"], tag)), "GET", api["ApiEndpoint"] + "/" + tag
        )

    for tag in ("a", "b"):
        cloud.kernel.schedule(1.0, send, tag)
    cloud.kernel.schedule(5.0, send, "c")
    cloud.run()
    assert sorted((status, tag) for _, status, tag in got) == [(200, "a"), (200, "b"), (200, "c")]
    assert all(at > 1.0 for at, _, _ in got[:2]) and got[2][0] > 5.0
    invocations = list(cloud.backend("lambda", None).recent.values())
    assert [invocation.cold_start for invocation in invocations] == [True, True, False]
    records = list(cloud.backend("apigatewayv2", None).requests)
    assert got[2][0] - 5.0 == pytest.approx(records[2].response_latency_ms / 1000, abs=1e-6)
    assert records[2].response_latency_ms < min(records[0].response_latency_ms, records[1].response_latency_ms)
