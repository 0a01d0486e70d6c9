"""Requests to a REST API with Lambda proxy integrations: routing, the function's response, and every way it can
go wrong, as a client sees it.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html (output format,
"If the function output is of a different format, API Gateway returns a 502 Bad Gateway error response",
headers/multiValueHeaders merging, binary bodies);
https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html ("If the Lambda API rejects the
invocation request, API Gateway returns a 500 error code. If the function runs but returns an error, or returns a
response in the wrong format, API Gateway returns a 502 ... the body ... is {"message": "Internal server error"}");
https://repost.aws/knowledge-center/api-gateway-internal-server-error (throttling and missing permissions give 500);
https://repost.aws/knowledge-center/api-gateway-5xx-error (504 "Endpoint request timed out");
https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html (403 "Missing
Authentication Token" for an unsupported method or resource);
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html (binaryMediaTypes,
"the first Accept header").
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

import pocketcloud

from .apigateway_support import ACCOUNT, REGION, allow, event_of, function, lambda_uri, rest_api, rest_url


def _responder(response: Any) -> str:
    return f"import json\n\ndef handler(event, context):\n    return {response!r}\n"


def _message(answer: dict[str, Any]) -> str:
    message: str = json.loads(answer["body"])["message"]
    return message


@pytest.fixture
def petstore(cloud: pocketcloud.Cloud) -> str:
    """/pets (GET), /pets/{petId} (GET), /pets/{petId}/toys (GET), /{proxy+} (ANY), all to the echo function."""
    arn = function(cloud)
    api, ids = rest_api(cloud, arn, paths=("{proxy+}",), method="ANY")
    apigw = cloud.client("apigateway")
    root = ids["/"]
    pets = apigw.create_resource(restApiId=api, parentId=root, pathPart="pets")["id"]
    pet = apigw.create_resource(restApiId=api, parentId=pets, pathPart="{petId}")["id"]
    toys = apigw.create_resource(restApiId=api, parentId=pet, pathPart="toys")["id"]
    for resource in (pets, pet, toys):
        apigw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(
            restApiId=api,
            resourceId=resource,
            httpMethod="GET",
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri=lambda_uri(arn),
        )
    apigw.create_deployment(restApiId=api, stageName="test")
    return api


@pytest.mark.parametrize(
    ("method", "path", "resource", "params"),
    [
        ("GET", "/pets", "/pets", None),
        ("GET", "/pets/", "/pets", None),
        ("GET", "/pets/7", "/pets/{petId}", {"petId": "7"}),
        ("GET", "/pets/a%20b", "/pets/{petId}", {"petId": "a b"}),
        ("GET", "/pets/7/toys", "/pets/{petId}/toys", {"petId": "7"}),
        ("GET", "/cats/1/2", "/{proxy+}", {"proxy": "cats/1/2"}),
        ("POST", "/pets", "/{proxy+}", {"proxy": "pets"}),
        ("DELETE", "/pets/7/toys/ball", "/{proxy+}", {"proxy": "pets/7/toys/ball"}),
    ],
)
def test_requests_find_the_most_specific_resource(
    cloud: pocketcloud.Cloud, petstore: str, method: str, path: str, resource: str, params: dict[str, str] | None
) -> None:
    """Literal before ``{param}`` before ``{proxy+}``; a method the resource lacks falls through to ``ANY
    /{proxy+}``; a trailing slash is ignored; path parameters are decoded ("API Gateway decodes URL-encoded request
    parameters"). Ordering as LocalStack's AWS-validated REST router resolves it."""
    event = event_of(cloud.http_request(method, rest_url(petstore, path)))
    assert event["resource"] == event["requestContext"]["resourcePath"] == resource
    assert event["pathParameters"] == params
    assert event["httpMethod"] == method
    assert event["path"] == path


@pytest.mark.parametrize(
    ("path", "status", "message", "error_type"),
    [
        ("", 403, "Forbidden", "ForbiddenException"),
        ("/", 403, "Forbidden", "ForbiddenException"),
        ("/prod/pets", 403, "Forbidden", "ForbiddenException"),
        ("/test", 403, "Missing Authentication Token", "MissingAuthenticationTokenException"),
        ("/test/pets/1/2/3/x", 200, None, None),
    ],
)
def test_requests_outside_the_deployed_tree(
    cloud: pocketcloud.Cloud, petstore: str, path: str, status: int, message: str | None, error_type: str | None
) -> None:
    """No stage or an unknown stage: 403 Forbidden (as users report it); a path no deployed method serves (here the
    root, which has no method): 403 "Missing Authentication Token" (gateway response MISSING_AUTHENTICATION_TOKEN)."""
    answer = cloud.http_request("GET", f"https://{petstore}.execute-api.{REGION}.amazonaws.com{path}")
    assert answer["statusCode"] == status
    if message is None:
        return
    assert answer["body"] == json.dumps({"message": message}, separators=(",", ":"))
    assert answer["headers"]["x-amzn-ErrorType"] == error_type
    assert answer["headers"]["Content-Type"] == "application/json"


def test_changes_answer_only_after_a_new_deployment(cloud: pocketcloud.Cloud) -> None:
    """A stage serves its deployment, a snapshot: a method added later answers once the API is deployed again."""
    arn = function(cloud)
    api, ids = rest_api(cloud, arn, paths=("hello",), method="GET")
    apigw = cloud.client("apigateway")
    apigw.put_method(restApiId=api, resourceId=ids["/hello"], httpMethod="POST", authorizationType="NONE")
    apigw.put_integration(
        restApiId=api,
        resourceId=ids["/hello"],
        httpMethod="POST",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(arn),
    )
    assert cloud.http_request("POST", rest_url(api, "/hello"))["statusCode"] == 403
    apigw.create_deployment(restApiId=api, stageName="test")
    assert cloud.http_request("POST", rest_url(api, "/hello"))["statusCode"] == 200


def test_without_permission_the_invoke_is_refused_with_500(cloud: pocketcloud.Cloud) -> None:
    """API Gateway calls Lambda as apigateway.amazonaws.com; without a resource-based policy statement Lambda
    refuses and the client gets 500 {"message":"Internal server error"} ("Invalid permissions on Lambda
    function")."""
    api, _ = rest_api(cloud, function(cloud), permission=False)
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert answer["statusCode"] == 500
    assert _message(answer) == "Internal server error"
    record = cloud.backend("apigateway", None).requests[-1]
    assert record.integration_error.startswith("AccessDeniedException")


def test_the_source_arn_is_the_methods_execute_api_arn(cloud: pocketcloud.Cloud) -> None:
    """The invoke's source ARN is ``arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{method}{resource
    path}``: a statement scoped to ``/*/GET/pets`` allows GET /pets and nothing else."""
    arn = function(cloud)
    api, _ = rest_api(cloud, arn, paths=("pets", "users"), method="GET", permission=False)
    allow(cloud, api, source_arn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api}/*/GET/pets")
    assert cloud.http_request("GET", rest_url(api, "/pets"))["statusCode"] == 200
    assert cloud.http_request("GET", rest_url(api, "/users"))["statusCode"] == 500


def test_a_function_error_is_502(cloud: pocketcloud.Cloud) -> None:
    arn = function(cloud, "def handler(event, context):\n    raise ValueError('boom')\n")
    api, _ = rest_api(cloud, arn)
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert answer["statusCode"] == 502
    assert _message(answer) == "Internal server error"
    assert answer["headers"]["x-amzn-ErrorType"] == "InternalServerErrorException"


@pytest.mark.parametrize(
    "output",
    [
        "just a string",
        ["a list"],
        None,
        {"statusCode": 200, "body": {"not": "a string"}},
        {"statusCode": 200, "extra": 1},
        {"statusCode": "OK"},
        {"statusCode": 200, "headers": {"X-Count": 5}},
        {"statusCode": 200, "multiValueHeaders": {"X-A": "not-a-list"}},
        {"statusCode": 200, "isBase64Encoded": "yes"},
    ],
)
def test_a_malformed_response_is_502(cloud: pocketcloud.Cloud, output: Any) -> None:
    """Anything but the proxy output format: 502 {"message":"Internal server error"}."""
    api, _ = rest_api(cloud, function(cloud, _responder(output)))
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert (answer["statusCode"], _message(answer)) == (502, "Internal server error")
    record = cloud.backend("apigateway", None).requests[-1]
    assert "Malformed Lambda proxy response" in record.integration_error


def test_custom_status_codes_headers_and_multi_value_headers(cloud: pocketcloud.Cloud) -> None:
    """statusCode, headers and multiValueHeaders reach the client; for the same header multiValueHeaders win; a
    string of digits is a status code; booleans print as true/false; Content-Type defaults to application/json."""
    output = {
        "statusCode": "418",
        "headers": {"X-One": "1", "X-Both": "from-headers", "X-Flag": True},
        "multiValueHeaders": {"X-Both": ["a", "b"], "Set-Cookie": ["c=1", "d=2"]},
        "body": "teapot",
    }
    api, _ = rest_api(cloud, function(cloud, _responder(output)))
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert answer["statusCode"] == 418
    assert answer["body"] == "teapot"
    assert answer["headers"]["X-One"] == "1"
    assert answer["headers"]["X-Flag"] == "true"
    assert answer["multiValueHeaders"]["X-Both"] == ["a", "b"]
    assert answer["multiValueHeaders"]["Set-Cookie"] == ["c=1", "d=2"]
    assert answer["headers"]["Content-Type"] == "application/json"


def test_an_empty_object_is_an_empty_200(cloud: pocketcloud.Cloud) -> None:
    """None of the output keys is required: ``{}`` is a 200 with an empty body (LocalStack's AWS-checked reading)."""
    api, _ = rest_api(cloud, function(cloud, _responder({})))
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert (answer["statusCode"], answer["body"]) == (200, "")


def test_api_gateway_headers_on_every_response(cloud: pocketcloud.Cloud) -> None:
    """x-amzn-RequestId is the event's requestContext.requestId; x-amz-apigw-id its extendedRequestId."""
    api, _ = rest_api(cloud, function(cloud))
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    event = event_of(answer)
    assert answer["headers"]["x-amzn-RequestId"] == event["requestContext"]["requestId"]
    assert answer["headers"]["x-amz-apigw-id"] == event["requestContext"]["extendedRequestId"]
    assert answer["headers"]["X-Amzn-Trace-Id"] == event["headers"]["X-Amzn-Trace-Id"]
    assert answer["headers"]["Content-Length"] == str(len(answer["body"].encode()))


def test_a_throttled_function_is_500(cloud: pocketcloud.Cloud) -> None:
    """Lambda's TooManyRequestsException is a refused invoke: REST APIs answer 500 "Internal server error" (not
    429: "There is no way to map Lambda's 429 to any status code. It will always be considered as 500.")."""
    arn = function(cloud)
    cloud.client("lambda").put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=0)
    api, _ = rest_api(cloud, arn)
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert (answer["statusCode"], _message(answer)) == (500, "Internal server error")
    assert cloud.backend("apigateway", None).requests[-1].integration_error.startswith("TooManyRequestsException")


def test_the_integration_timeout_gives_504_on_the_virtual_clock(cloud: pocketcloud.Cloud) -> None:
    """A function slower than the integration timeout (29 s by default): the client gets 504 {"message":"Endpoint
    request timed out"} when the timeout passes, while the function runs on to its own end."""
    arn = function(
        cloud, "import time\n\ndef handler(event, context):\n    time.sleep(40)\n    return {}\n", Timeout=60
    )
    api, _ = rest_api(cloud, arn)
    started = cloud.now
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert (answer["statusCode"], _message(answer)) == (504, "Endpoint request timed out")
    assert cloud.now - started == pytest.approx(0.008 + 29 + 0.002)
    cloud.run()
    invocation = next(iter(cloud.backend("lambda", None).recent.values()))
    assert invocation.duration_ms > 40_000


def test_a_shorter_integration_timeout(cloud: pocketcloud.Cloud) -> None:
    """``timeoutInMillis`` (50 to 29,000) is the limit API Gateway waits."""
    arn = function(cloud, "import time\n\ndef handler(event, context):\n    time.sleep(2)\n    return {}\n", Timeout=10)
    api, ids = rest_api(cloud, arn, paths=("slow",), method="GET")
    apigw = cloud.client("apigateway")
    apigw.put_integration(
        restApiId=api,
        resourceId=ids["/slow"],
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(arn),
        timeoutInMillis=1000,
    )
    apigw.create_deployment(restApiId=api, stageName="test")
    started = cloud.now
    assert cloud.http_request("GET", rest_url(api, "/slow"))["statusCode"] == 504
    assert cloud.now - started == pytest.approx(1.010)


def test_binary_bodies_follow_binary_media_types(cloud: pocketcloud.Cloud) -> None:
    """A request whose Content-Type matches binaryMediaTypes reaches Lambda base64-encoded; a base64 response is
    decoded to bytes only when the first Accept type matches, and is sent as base64 text otherwise."""
    png = bytes(range(256))
    source = (
        "import base64\n\ndef handler(event, context):\n"
        "    data = base64.b64decode(event['body']) if event['isBase64Encoded'] else event['body'].encode()\n"
        "    return {'statusCode': 200, 'headers': {'Content-Type': 'image/png'},\n"
        "            'body': base64.b64encode(data[::-1]).decode(), 'isBase64Encoded': True}\n"
    )
    api, _ = rest_api(cloud, function(cloud, source), binaryMediaTypes=["image/*"])
    url = rest_url(api, "/image")
    binary = cloud.http_request("POST", url, {"Content-Type": "image/png", "Accept": "image/png"}, png)
    assert binary["body"] == png[::-1]
    text = cloud.http_request("POST", url, {"Content-Type": "image/png", "Accept": "application/json"}, png)
    assert text["body"] == base64.b64encode(png[::-1]).decode()
    plain = cloud.http_request("POST", url, {"Content-Type": "text/plain", "Accept": "image/png, */*"}, "abc")
    assert plain["body"] == b"cba"


def test_stage_variables_reach_the_event_and_pick_the_function(cloud: pocketcloud.Cloud) -> None:
    """ "arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/arn:aws:lambda:<region>:<account_id>:
    function:${stageVariables.<function_variable_name>}/invocations" picks the function per stage; an unset
    variable renders empty, so Lambda refuses the invoke (500)."""
    function(cloud, _responder({"statusCode": 200, "body": "blue"}), name="blue")
    function(cloud, _responder({"statusCode": 200, "body": "green"}), name="green")
    apigw = cloud.client("apigateway")
    api = apigw.create_rest_api(name="colors")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    uri = lambda_uri(f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:${{stageVariables.color}}")
    apigw.put_integration(
        restApiId=api, resourceId=root, httpMethod="GET", type="AWS_PROXY", integrationHttpMethod="POST", uri=uri
    )
    apigw.create_deployment(restApiId=api, stageName="blue", variables={"color": "blue"})
    apigw.create_deployment(restApiId=api, stageName="green", variables={"color": "green"})
    apigw.create_deployment(restApiId=api, stageName="none")
    for name in ("blue", "green"):
        allow(cloud, api, name)
    assert cloud.http_request("GET", rest_url(api, "/", "blue"))["body"] == "blue"
    assert cloud.http_request("GET", rest_url(api, "/", "green"))["body"] == "green"
    assert cloud.http_request("GET", rest_url(api, "/", "none"))["statusCode"] == 500


@pytest.mark.parametrize(
    ("method_params", "status", "message"),
    [
        ({"authorizationType": "AWS_IAM"}, 403, "Missing Authentication Token"),
        ({"authorizationType": "NONE", "apiKeyRequired": True}, 403, "Forbidden"),
    ],
)
def test_methods_that_need_credentials(
    cloud: pocketcloud.Cloud, method_params: dict[str, Any], status: int, message: str
) -> None:
    """An AWS_IAM method called without a SigV4 signature answers "Missing Authentication Token"; an API-key method
    without a key "Forbidden" (pocketcloud's client never signs, and API keys are not simulated)."""
    arn = function(cloud)
    apigw = cloud.client("apigateway")
    api = apigw.create_rest_api(name="secure")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", **method_params)
    apigw.put_integration(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(arn),
    )
    apigw.create_deployment(restApiId=api, stageName="test")
    answer = cloud.http_request("GET", rest_url(api, "/"))
    assert (answer["statusCode"], _message(answer)) == (status, message)


def test_configuration_errors_are_500(cloud: pocketcloud.Cloud) -> None:
    """A Lambda integration with another integration method than POST ("you must use the HTTP method of POST") and
    an integration type pocketcloud does not run yet (MOCK) answer 500 "Internal server error"."""
    arn = function(cloud)
    apigw = cloud.client("apigateway")
    api = apigw.create_rest_api(name="misconfigured")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    mock = apigw.create_resource(restApiId=api, parentId=root, pathPart="mock")["id"]
    for resource, params in (
        (root, {"type": "AWS_PROXY", "integrationHttpMethod": "GET", "uri": lambda_uri(arn)}),
        (mock, {"type": "MOCK"}),
    ):
        apigw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", **params)
    apigw.create_deployment(restApiId=api, stageName="test")
    allow(cloud, api)
    for path in ("/", "/mock"):
        answer = cloud.http_request("GET", rest_url(api, path))
        assert (answer["statusCode"], _message(answer)) == (500, "Internal server error")


def test_a_disabled_or_private_endpoint_is_forbidden(cloud: pocketcloud.Cloud) -> None:
    arn = function(cloud)
    disabled, _ = rest_api(cloud, arn, disableExecuteApiEndpoint=True)
    private, _ = rest_api(cloud, arn, endpointConfiguration={"types": ["PRIVATE"]})
    for api in (disabled, private):
        answer = cloud.http_request("GET", rest_url(api, "/x"))
        assert (answer["statusCode"], _message(answer)) == (403, "Forbidden")


def test_latency_is_the_integration_plus_api_gateways_overhead(cloud: pocketcloud.Cloud) -> None:
    """The access-log record: responseLatency = integrationLatency + API Gateway's own time (a pocketcloud model,
    8 ms before and 2 ms after the integration by default, adjustable in the service's settings)."""
    api, _ = rest_api(cloud, function(cloud))
    service = cloud.backend("apigateway", None)
    cloud.http_request("GET", rest_url(api, "/x"))
    record = service.requests[-1]
    assert record.status == 200
    assert record.route == "/{proxy+}" and record.stage == "test"
    assert record.response_latency_ms == pytest.approx(record.integration_latency_ms + 10.0)
    service.settings.request_overhead_s = 0.05
    started = cloud.now
    cloud.http_request("GET", rest_url(api, "/x"))
    assert service.requests[-1].response_latency_ms == pytest.approx(service.requests[-1].integration_latency_ms + 52)
    assert cloud.now - started == pytest.approx(service.requests[-1].response_latency_ms / 1000, abs=1e-6)


def test_same_seed_same_responses() -> None:
    def run() -> list[Any]:
        cloud = pocketcloud.Cloud(seed=3)
        api, _ = rest_api(cloud, function(cloud))
        return [cloud.http_request("GET", rest_url(api, f"/{i}")) for i in range(3)]

    assert run() == run()


def test_a_function_that_times_out_is_a_function_error(cloud: pocketcloud.Cloud) -> None:
    """A function that passes its own timeout (3 s by default) before the integration timeout fails with a function
    error ("Task timed out"): 502, when the function's timeout ends it."""
    arn = function(cloud, "import time\n\ndef handler(event, context):\n    time.sleep(5)\n    return {}\n")
    api, _ = rest_api(cloud, arn)
    started = cloud.now
    answer = cloud.http_request("GET", rest_url(api, "/x"))
    assert (answer["statusCode"], _message(answer)) == (502, "Internal server error")
    assert 3.0 < cloud.now - started < 5.0
