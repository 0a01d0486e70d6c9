"""The events API Gateway hands to Lambda: validated against aws-lambda-powertools' parser models and compared field
by field with AWS's sample events.

Sources (checked 2026-12-01):
REST APIs (format 1.0): https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
(the sample for ``POST /testStage/hello/world?name=me``, as kept in awsdocs/amazon-api-gateway-developer-guide,
doc_source/set-up-lambda-proxy-integrations.md, and its AWS_IAM requestContext sample);
HTTP APIs (formats 2.0 and 1.0): https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import APIGatewayProxyEventModel, APIGatewayProxyEventV2Model

import pocketcloud

from .apigateway_support import ACCOUNT, REGION, event_of, function, http_api, rest_api, rest_url

#: AWS's REST API sample event (format 1.0), trimmed of the CloudFront headers an edge endpoint adds.
REST_SAMPLE: dict[str, Any] = {
    "resource": "/{proxy+}",
    "path": "/hello/world",
    "httpMethod": "POST",
    "headers": {"Content-Type": "application/json", "headerName": "headerValue"},
    "multiValueHeaders": {"Content-Type": ["application/json"], "headerName": ["headerValue"]},
    "queryStringParameters": {"name": "me", "multivalueName": "me"},
    "multiValueQueryStringParameters": {"name": ["me"], "multivalueName": ["you", "me"]},
    "pathParameters": {"proxy": "hello/world"},
    "stageVariables": {"stageVariableName": "stageVariableValue"},
    "requestContext": {
        "accountId": "12345678912",
        "resourceId": "roq9wj",
        "stage": "testStage",
        "requestId": "deef4878-7910-11e6-8f14-25afc3e9ae33",
        "identity": {
            "cognitoIdentityPoolId": None,
            "accountId": None,
            "cognitoIdentityId": None,
            "caller": None,
            "apiKey": None,
            "sourceIp": "192.168.196.186",
            "cognitoAuthenticationType": None,
            "cognitoAuthenticationProvider": None,
            "userArn": None,
            "userAgent": "PostmanRuntime/2.4.5",
            "user": None,
        },
        "resourcePath": "/{proxy+}",
        "httpMethod": "POST",
        "apiId": "gy415nuibc",
    },
    "body": '{\r\n\t"a": 1\r\n}',
    "isBase64Encoded": False,
}
#: requestContext fields of the AWS_IAM sample on the same page, and of the HTTP API 1.0 sample.
REST_CONTEXT_MORE = {"requestTime", "path", "protocol", "requestTimeEpoch", "domainName", "domainPrefix"}
REST_CONTEXT_MORE |= {"extendedRequestId"}
IDENTITY_MORE = {"principalOrgId", "accessKey"}

#: AWS's HTTP API sample event, format 2.0 (header names lower-case, as the page says of all formats).
V2_SAMPLE: dict[str, Any] = {
    "version": "2.0",
    "routeKey": "$default",
    "rawPath": "/my/path",
    "rawQueryString": "parameter1=value1&parameter1=value2&parameter2=value",
    "cookies": ["cookie1", "cookie2"],
    "headers": {"header1": "value1", "header2": "value1,value2"},
    "queryStringParameters": {"parameter1": "value1,value2", "parameter2": "value"},
    "requestContext": {
        "accountId": "123456789012",
        "apiId": "api-id",
        "domainName": "id.execute-api.us-east-1.amazonaws.com",
        "domainPrefix": "id",
        "http": {
            "method": "POST",
            "path": "/my/path",
            "protocol": "HTTP/1.1",
            "sourceIp": "IP",
            "userAgent": "agent",
        },
        "requestId": "id",
        "routeKey": "$default",
        "stage": "$default",
        "time": "12/Mar/2020:19:03:58 +0000",
        "timeEpoch": 1583348638390,
    },
    "body": "Hello from Lambda",
    "pathParameters": {"parameter1": "value1"},
    "isBase64Encoded": False,
    "stageVariables": {"stageVariable1": "value1", "stageVariable2": "value2"},
}

#: AWS's HTTP API sample event, format 1.0 (its requestContext; the top level is REST's plus "version").
V1_HTTP_CONTEXT = {
    "accountId",
    "apiId",
    "authorizer",
    "domainName",
    "domainPrefix",
    "extendedRequestId",
    "httpMethod",
    "identity",
    "path",
    "protocol",
    "requestId",
    "requestTime",
    "requestTimeEpoch",
    "resourceId",
    "resourcePath",
    "stage",
}


def _same_types(ours: dict[str, Any], sample: dict[str, Any], where: str) -> None:
    for key, value in sample.items():
        if key in ours and value is not None and ours[key] is not None:
            assert type(ours[key]) is type(value), f"{where}.{key}: {type(ours[key])} vs {type(value)}"


@pytest.fixture
def rest_event() -> dict[str, Any]:
    """The event for the sample request, sent to a REST API deployed to ``testStage`` with the sample's stage
    variable."""
    cloud = pocketcloud.Cloud(seed=0)
    api_id, _ = rest_api(cloud, function(cloud), stage="testStage")
    cloud.client("apigateway").update_stage(
        restApiId=api_id,
        stageName="testStage",
        patchOperations=[{"op": "replace", "path": "/variables/stageVariableName", "value": "stageVariableValue"}],
    )
    url = rest_url(api_id, "/hello/world?name=me&multivalueName=you&multivalueName=me", stage="testStage")
    headers = {"Content-Type": "application/json", "headerName": "headerValue", "User-Agent": "PostmanRuntime/2.4.5"}
    return event_of(cloud.http_request("POST", url, headers, '{\r\n\t"a": 1\r\n}', source_ip="192.168.196.186"))


def test_rest_event_validates_against_powertools_model(rest_event: dict[str, Any]) -> None:
    """The REST API event is an APIGatewayProxyEventModel (aws-lambda-powertools' parser model)."""
    parsed = parse(event=rest_event, model=APIGatewayProxyEventModel)
    assert parsed.httpMethod == "POST"
    assert parsed.requestContext.stage == "testStage"


def test_rest_event_matches_the_sample_field_by_field(rest_event: dict[str, Any]) -> None:
    """Same top-level fields as AWS's sample, same values for the same request, same types."""
    assert set(rest_event) == set(REST_SAMPLE)
    for key in ("resource", "path", "httpMethod", "pathParameters", "stageVariables", "body", "isBase64Encoded"):
        assert rest_event[key] == REST_SAMPLE[key], key
    assert rest_event["queryStringParameters"] == REST_SAMPLE["queryStringParameters"]
    assert rest_event["multiValueQueryStringParameters"] == REST_SAMPLE["multiValueQueryStringParameters"]
    for name, value in REST_SAMPLE["headers"].items():
        assert rest_event["headers"][name] == value
        assert rest_event["multiValueHeaders"][name] == [value]
    _same_types(rest_event, REST_SAMPLE, "event")


def test_rest_request_context_matches_the_sample(rest_event: dict[str, Any]) -> None:
    """requestContext: every field of the sample (no apiKey without API keys), plus the fields AWS's newer samples
    show (requestTime, path with the stage, protocol, requestTimeEpoch, domainName, domainPrefix,
    extendedRequestId), and nothing else."""
    context = rest_event["requestContext"]
    sample = REST_SAMPLE["requestContext"]
    assert set(sample) <= set(context) <= set(sample) | REST_CONTEXT_MORE
    assert context["stage"] == "testStage"
    assert context["resourcePath"] == "/{proxy+}"
    assert context["httpMethod"] == "POST"
    assert context["accountId"] == ACCOUNT
    assert context["path"] == "/testStage/hello/world"
    assert context["protocol"] == "HTTP/1.1"
    assert context["domainName"] == f"{context['apiId']}.execute-api.{REGION}.amazonaws.com"
    assert context["domainPrefix"] == context["apiId"]
    assert len(context["requestId"]) == 36
    assert isinstance(context["requestTimeEpoch"], int)
    _same_types(context, sample, "requestContext")
    identity = context["identity"]
    assert set(identity) == (set(sample["identity"]) - {"apiKey"}) | IDENTITY_MORE
    assert identity["sourceIp"] == "192.168.196.186"
    assert identity["userAgent"] == "PostmanRuntime/2.4.5"
    assert all(identity[key] is None for key in identity if key not in ("sourceIp", "userAgent"))


def test_rest_event_headers_as_cloudfront_and_api_gateway_forward_them(rest_event: dict[str, Any]) -> None:
    """The sample shows what API Gateway adds (X-Forwarded-For/-Port/-Proto, the Host) and the real events show
    X-Amzn-Trace-Id; Content-Length is not forwarded to the function."""
    headers = rest_event["headers"]
    assert headers["Host"] == rest_event["requestContext"]["domainName"]
    assert headers["X-Forwarded-For"] == "192.168.196.186"
    assert headers["X-Forwarded-Port"] == "443"
    assert headers["X-Forwarded-Proto"] == "https"
    assert headers["X-Amzn-Trace-Id"].startswith("Root=1-")
    assert "Content-Length" not in headers
    assert headers["User-Agent"] == "PostmanRuntime/2.4.5"


@pytest.fixture
def v2_event() -> dict[str, Any]:
    """The event for the 2.0 sample's request (POST /my/path?..., two cookies, a repeated header, a body)."""
    cloud = pocketcloud.Cloud(seed=0)
    api = http_api(cloud, function(cloud))
    cloud.client("apigatewayv2").update_stage(
        ApiId=api["ApiId"],
        StageName="$default",
        StageVariables={"stageVariable1": "value1", "stageVariable2": "value2"},
    )
    headers = [
        ("Header1", "value1"),
        ("Header2", "value1"),
        ("Header2", "value2"),
        ("Cookie", "cookie1; cookie2"),
        ("User-Agent", "agent"),
        ("Content-Type", "text/plain"),
    ]
    url = api["ApiEndpoint"] + "/my/path?parameter1=value1&parameter1=value2&parameter2=value"
    return event_of(cloud.http_request("POST", url, headers, "Hello from Lambda"))


def test_v2_event_validates_against_powertools_model(v2_event: dict[str, Any]) -> None:
    """The HTTP API event is an APIGatewayProxyEventV2Model (aws-lambda-powertools' parser model)."""
    parsed = parse(event=v2_event, model=APIGatewayProxyEventV2Model)
    assert parsed.requestContext.http.method == "POST"


def test_v2_event_matches_the_sample_field_by_field(v2_event: dict[str, Any]) -> None:
    """The sample's fields and values for the same request; pathParameters only where the route has some."""
    assert set(v2_event) == set(V2_SAMPLE) - {"pathParameters"}
    for key in ("version", "routeKey", "rawPath", "rawQueryString", "cookies", "queryStringParameters", "body"):
        assert v2_event[key] == V2_SAMPLE[key], key
    assert v2_event["isBase64Encoded"] is False
    assert v2_event["stageVariables"] == V2_SAMPLE["stageVariables"]
    assert v2_event["headers"]["header1"] == "value1"
    assert v2_event["headers"]["header2"] == "value1,value2"
    assert "cookie" not in v2_event["headers"]
    assert all(name == name.lower() for name in v2_event["headers"])
    _same_types(v2_event, V2_SAMPLE, "event")


def test_v2_request_context_matches_the_sample(v2_event: dict[str, Any]) -> None:
    """requestContext: the sample's fields except ``authentication`` (mutual TLS) and ``authorizer`` (an
    authorizer's output), which an unauthenticated request does not have."""
    context = v2_event["requestContext"]
    sample = V2_SAMPLE["requestContext"]
    assert set(context) == set(sample) - {"authentication", "authorizer"}
    assert set(context["http"]) == set(sample["http"])
    assert context["http"]["method"] == "POST"
    assert context["http"]["path"] == "/my/path"
    assert context["http"]["protocol"] == "HTTP/1.1"
    assert context["http"]["userAgent"] == "agent"
    assert context["routeKey"] == context["stage"] == "$default"
    assert context["domainPrefix"] == context["apiId"]
    assert context["accountId"] == ACCOUNT
    assert context["time"] == "01/Jan/2026:00:00:00 +0000"
    assert context["timeEpoch"] == 1767225600000
    _same_types(context, sample, "requestContext")


def test_v2_path_parameters_come_from_the_route() -> None:
    """A route ``POST /my/{parameter1}`` gives the sample's ``pathParameters`` for ``/my/value1``."""
    cloud = pocketcloud.Cloud(seed=0)
    api = http_api(cloud, function(cloud))
    v2 = cloud.client("apigatewayv2")
    integration = v2.get_integrations(ApiId=api["ApiId"])["Items"][0]["IntegrationId"]
    v2.create_route(ApiId=api["ApiId"], RouteKey="POST /my/{parameter1}", Target=f"integrations/{integration}")
    event = event_of(cloud.http_request("POST", api["ApiEndpoint"] + "/my/value1"))
    assert event["pathParameters"] == V2_SAMPLE["pathParameters"]
    assert event["routeKey"] == "POST /my/{parameter1}"
    parse(event=event, model=APIGatewayProxyEventV2Model)


def test_v2_leaves_out_fields_without_values() -> None:
    """Without query string, cookies, body, path or stage variables, 2.0 leaves those fields out (rawQueryString
    stays, empty)."""
    cloud = pocketcloud.Cloud(seed=0)
    api = http_api(cloud, function(cloud))
    event = event_of(cloud.http_request("GET", api["ApiEndpoint"] + "/"))
    for key in ("cookies", "queryStringParameters", "body", "pathParameters", "stageVariables"):
        assert key not in event
    assert event["rawQueryString"] == ""
    assert event["isBase64Encoded"] is False
    parse(event=event, model=APIGatewayProxyEventV2Model)


def test_http_api_payload_1_0_event_matches_the_1_0_sample() -> None:
    """An HTTP API integration with PayloadFormatVersion 1.0 gets the 1.0 sample's shape: ``version`` "1.0", REST's
    top-level fields, and the sample's requestContext fields (``authorizer`` with null claims and scopes)."""
    cloud = pocketcloud.Cloud(seed=0)
    arn = function(cloud)
    v2 = cloud.client("apigatewayv2")
    api = v2.create_api(Name="v1", ProtocolType="HTTP")
    integration = v2.create_integration(
        ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=arn, PayloadFormatVersion="1.0"
    )
    v2.create_route(ApiId=api["ApiId"], RouteKey="GET /my/path", Target=f"integrations/{integration['IntegrationId']}")
    v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
    from .apigateway_support import allow

    allow(cloud, api["ApiId"], source_arn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*/*/my/path")
    url = api["ApiEndpoint"] + "/my/path?parameter1=value1&parameter1=value2&parameter2=value"
    event = event_of(
        cloud.http_request("GET", url, [("Header1", "value1"), ("Header2", "value1"), ("Header2", "value2")])
    )
    assert set(event) == set(REST_SAMPLE) | {"version"}
    assert event["version"] == "1.0"
    assert event["resource"] == event["path"] == "/my/path"
    assert event["headers"]["Header2"] == "value2"
    assert event["multiValueHeaders"]["Header2"] == ["value1", "value2"]
    assert event["multiValueQueryStringParameters"] == {"parameter1": ["value1", "value2"], "parameter2": ["value"]}
    assert event["pathParameters"] is None and event["stageVariables"] is None and event["body"] is None
    context = event["requestContext"]
    assert set(context) == V1_HTTP_CONTEXT
    assert context["authorizer"] == {"claims": None, "scopes": None}
    assert context["stage"] == "$default"
    assert context["resourcePath"] == "/my/path"
    parse(event=event, model=APIGatewayProxyEventModel)


def test_events_are_deterministic() -> None:
    """Same seed, same calls: the same event, request IDs and trace IDs included."""

    def run() -> str:
        cloud = pocketcloud.Cloud(seed=7)
        api = http_api(cloud, function(cloud))
        return json.dumps(event_of(cloud.http_request("GET", api["ApiEndpoint"] + "/x")), sort_keys=True)

    assert run() == run()
