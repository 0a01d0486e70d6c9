"""Lambda function URLs: the configuration API, the address, requests through ``cloud.http_request``, access.

Sources (checked 2026-12-01): https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html (the address
``https://<url-id>.lambda-url.<region>.on.aws``, a URL for the function or an alias only),
https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html (the request and response shapes),
https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html (the payload format 2.0 event, the inferred
response, cookies), https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html (NONE needs a public
``lambda:InvokeFunctionUrl`` and, for URLs created since October 2025, ``lambda:InvokeFunction``; otherwise 403;
AWS_IAM needs a SigV4-signed request). Error messages of the configuration API as LocalStack's AWS-validated
provider records them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import LambdaFunctionUrlModel

import pocketcloud
from pocketcloud import ClientError

from .apigateway_support import ECHO, function, public_url_permissions

URL = re.compile(r"^https://[a-z0-9]{32}\.lambda-url\.ap-northeast-2\.on\.aws/$")


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def _url(cloud: pocketcloud.Cloud, source: str = ECHO, public: bool = True, **params: Any) -> str:
    function(cloud, source)
    url: str = cloud.client("lambda").create_function_url_config(FunctionName="hello", AuthType="NONE", **params)[
        "FunctionUrl"
    ]
    if public:
        public_url_permissions(cloud)
    return url


def test_create_get_update_list_delete(cloud) -> None:
    lam = cloud.client("lambda")
    arn = function(cloud)
    created = lam.create_function_url_config(FunctionName=arn, AuthType="AWS_IAM")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert URL.match(created["FunctionUrl"])
    assert created["FunctionArn"] == arn
    assert created["AuthType"] == "AWS_IAM"
    assert created["InvokeMode"] == "BUFFERED"
    assert "LastModifiedTime" not in created  # CreateFunctionUrlConfig's response has no such member
    got = lam.get_function_url_config(FunctionName="hello")
    assert got["FunctionUrl"] == created["FunctionUrl"]
    assert got["CreationTime"] == got["LastModifiedTime"] == created["CreationTime"]
    cors = {"AllowCredentials": True, "AllowHeaders": ["date"], "AllowMethods": ["*"], "AllowOrigins": ["*"]}
    updated = lam.update_function_url_config(FunctionName="hello", AuthType="NONE", Cors=cors, InvokeMode="BUFFERED")
    assert updated["AuthType"] == "NONE"
    assert updated["Cors"] == cors
    assert updated["FunctionUrl"] == created["FunctionUrl"]  # "its URL endpoint never changes"
    listed = lam.list_function_url_configs(FunctionName="hello")["FunctionUrlConfigs"]
    assert [config["FunctionUrl"] for config in listed] == [created["FunctionUrl"]]
    assert lam.delete_function_url_config(FunctionName="hello")["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as exc:
        lam.get_function_url_config(FunctionName="hello")
    assert _error(exc) == ("ResourceNotFoundException", "The resource you requested does not exist.")
    assert lam.list_function_url_configs(FunctionName="hello")["FunctionUrlConfigs"] == []


def test_one_url_per_function_and_per_alias(cloud) -> None:
    lam = cloud.client("lambda")
    arn = function(cloud)
    lam.create_function_url_config(FunctionName="hello", AuthType="NONE")
    with pytest.raises(ClientError) as exc:
        lam.create_function_url_config(FunctionName="hello", AuthType="NONE")
    assert _error(exc) == (
        "ResourceConflictException",
        f"Failed to create function url config for [functionArn = {arn}]. Error message:  FunctionUrlConfig exists "
        "for this Lambda function",
    )
    lam.publish_version(FunctionName="hello")
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    alias_url = lam.create_function_url_config(FunctionName="hello", Qualifier="live", AuthType="NONE")
    assert alias_url["FunctionArn"] == arn + ":live"
    listed = lam.list_function_url_configs(FunctionName="hello")["FunctionUrlConfigs"]
    assert [config["FunctionArn"] for config in listed] == [arn, arn + ":live"]
    with pytest.raises(ClientError) as exc:
        lam.create_function_url_config(FunctionName="hello", Qualifier="nope", AuthType="NONE")
    assert _error(exc) == ("ResourceNotFoundException", "Function does not exist")


@pytest.mark.parametrize("qualifier", ["1", "$LATEST"])
def test_versions_take_no_url(cloud, qualifier: str) -> None:
    """ "You can't add a function URL to any other function version": the qualifier's pattern refuses them."""
    function(cloud)
    with pytest.raises(ClientError) as exc:
        cloud.client("lambda").create_function_url_config(FunctionName="hello", Qualifier=qualifier, AuthType="NONE")
    code, message = _error(exc)
    assert code == "ValidationException"
    assert f"Value '{qualifier}' at 'qualifier' failed to satisfy constraint" in message


def test_unknown_function_and_bad_auth_type(cloud) -> None:
    lam = cloud.client("lambda")
    with pytest.raises(ClientError) as exc:
        lam.create_function_url_config(FunctionName="nope", AuthType="NONE")
    assert _error(exc) == ("ResourceNotFoundException", "Function does not exist")
    function(cloud)
    with pytest.raises(ClientError) as exc:
        lam.create_function_url_config(FunctionName="hello", AuthType="OPEN")
    assert _error(exc)[0] == "ValidationException"
    assert "Member must satisfy enum value set: [NONE, AWS_IAM]" in _error(exc)[1]


def test_a_public_url_invokes_the_function_with_a_v2_event(cloud) -> None:
    url = _url(cloud)
    answer = cloud.http_request(
        "POST",
        url + "orders/7?size=2&size=3",
        headers={"Content-Type": "application/json", "Cookie": "a=1; b=2", "X-Forwarded-For": "198.51.100.1"},
        body='{"item": "tea"}',
    )
    assert answer["statusCode"] == 200
    event = json.loads(answer["body"])
    parse(event=event, model=LambdaFunctionUrlModel)
    url_id = url.removeprefix("https://").split(".")[0]
    assert event["version"] == "2.0"
    assert event["routeKey"] == "$default"
    assert event["rawPath"] == "/orders/7"
    assert event["rawQueryString"] == "size=2&size=3"
    assert event["queryStringParameters"] == {"size": "2,3"}
    assert event["cookies"] == ["a=1", "b=2"]
    assert event["body"] == '{"item": "tea"}'
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["apiId"] == context["domainPrefix"] == url_id
    assert context["domainName"] == f"{url_id}.lambda-url.ap-northeast-2.on.aws"
    assert context["accountId"] == "123456789012"
    assert context["stage"] == context["routeKey"] == "$default"
    assert context["http"]["method"] == "POST"
    assert context["http"]["path"] == "/orders/7"
    assert "authorizer" not in context
    assert event["headers"]["x-forwarded-for"] == "198.51.100.1, 203.0.113.10"
    # requestContext.requestId is the invocation's request ID: the one in the function's log.
    assert answer["headers"]["x-amzn-requestid"] == context["requestId"]
    lam = cloud.backend("lambda", object)
    assert context["requestId"] in lam.recent  # type: ignore[attr-defined]


def test_a_binary_body_is_base64_encoded(cloud) -> None:
    url = _url(cloud)
    event = json.loads(cloud.http_request("PUT", url, headers={"Content-Type": "image/png"}, body=b"\x89PNG")["body"])
    assert event["isBase64Encoded"] is True
    assert event["body"] == "iVBORw=="


@pytest.mark.parametrize(
    ("returned", "status", "body", "content_type"),
    [
        ('"Hello, world!"', 200, "Hello, world!", "application/json"),
        ('{"message": "Hello, world!"}', 200, '{"message": "Hello, world!"}', "application/json"),
        (
            '{"statusCode": 201, "headers": {"Content-Type": "text/plain"}, "body": "made"}',
            201,
            "made",
            "text/plain",
        ),
    ],
)
def test_the_response_format_is_inferred(cloud, returned: str, status: int, body: str, content_type: str) -> None:
    """The urls-invocation page's three examples: a string, a JSON object without statusCode, a custom response."""
    source = f"import json\n\ndef handler(event, context):\n    return json.loads({returned!r})\n"
    answer = cloud.http_request("GET", _url(cloud, source))
    assert answer["statusCode"] == status
    assert answer["body"] == body
    content = {name.lower(): value for name, value in answer["headers"].items()}["content-type"]
    assert content == content_type


def test_cookies_become_set_cookie_headers(cloud) -> None:
    source = (
        "def handler(event, context):\n"
        "    cookies = ['Cookie_1=Value1', 'Cookie_2=Value2; Max-Age=78000']\n"
        "    return {'statusCode': 200, 'body': 'ok', 'cookies': cookies}\n"
    )
    answer = cloud.http_request("GET", _url(cloud, source))
    assert answer["multiValueHeaders"]["set-cookie"] == ["Cookie_1=Value1", "Cookie_2=Value2; Max-Age=78000"]


def test_without_a_public_policy_the_url_answers_403(cloud) -> None:
    """ "If a function's resource-based policy doesn't grant lambda:invokeFunctionUrl permissions, then users will
    get a 403 Forbidden error code ... even if the function URL uses the NONE auth type"; since October 2025 the
    lambda:InvokeFunction statement is needed too."""
    url = _url(cloud, public=False)
    answer = cloud.http_request("GET", url)
    assert answer["statusCode"] == 403
    assert json.loads(answer["body"]) == {"Message": "Forbidden"}
    assert answer["headers"]["x-amzn-errortype"] == "AccessDeniedException"
    lam = cloud.client("lambda")
    lam.add_permission(
        FunctionName="hello",
        StatementId="url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )
    assert cloud.http_request("GET", url)["statusCode"] == 403  # InvokeFunction still missing
    lam.add_permission(
        FunctionName="hello",
        StatementId="inv",
        Action="lambda:InvokeFunction",
        Principal="*",
        InvokedViaFunctionUrl=True,
    )
    assert cloud.http_request("GET", url)["statusCode"] == 200
    # A statement conditioned on the other AuthType does not count.
    lam.update_function_url_config(FunctionName="hello", AuthType="AWS_IAM")
    lam.update_function_url_config(FunctionName="hello", AuthType="NONE")
    lam.remove_permission(FunctionName="hello", StatementId="url")
    lam.add_permission(
        FunctionName="hello",
        StatementId="url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="AWS_IAM",
    )
    assert cloud.http_request("GET", url)["statusCode"] == 403


def test_aws_iam_urls_need_a_signed_request(cloud) -> None:
    function(cloud)
    url = cloud.client("lambda").create_function_url_config(FunctionName="hello", AuthType="AWS_IAM")["FunctionUrl"]
    assert cloud.http_request("GET", url)["statusCode"] == 403
    signed = {
        "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/ap-northeast-2/lambda/"
        "aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
        "X-Amz-Date": "20260101T000000Z",
    }
    answer = cloud.http_request("GET", url, headers=signed)
    event = json.loads(answer["body"])
    parse(event=event, model=LambdaFunctionUrlModel)
    iam = event["requestContext"]["authorizer"]["iam"]
    assert iam["accessKey"] == "AKIAIOSFODNN7EXAMPLE"
    assert iam["accountId"] == "123456789012"
    assert iam["userArn"] == "arn:aws:iam::123456789012:root"


def test_cors_preflight_and_headers(cloud) -> None:
    """ "Lambda automatically handles the CORS preflight OPTIONS requests" and the configured headers replace the
    function's own."""
    source = (
        "def handler(event, context):\n"
        "    return {'statusCode': 200, 'headers': {'Access-Control-Allow-Origin': 'https://evil.example'}, "
        "'body': 'ok'}\n"
    )
    cors = {"AllowOrigins": ["https://app.example"], "AllowMethods": ["get", "POST"], "MaxAge": 300}
    url = _url(cloud, source, Cors=cors)
    preflight = cloud.http_request(
        "OPTIONS", url, headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
    )
    assert preflight["headers"]["access-control-allow-origin"] == "https://app.example"
    assert preflight["headers"]["access-control-allow-methods"] == "GET,POST"
    assert preflight["headers"]["access-control-max-age"] == "300"
    answer = cloud.http_request("GET", url, headers={"Origin": "https://app.example"})
    assert answer["headers"]["access-control-allow-origin"] == "https://app.example"
    other = cloud.http_request("GET", url, headers={"Origin": "https://other.example"})
    assert not any(name.lower().startswith("access-control-") for name in other["headers"])


def test_function_errors_and_unreadable_responses_are_502(cloud) -> None:
    url = _url(cloud, "def handler(event, context):\n    raise ValueError('boom')\n")
    answer = cloud.http_request("GET", url)
    assert answer["statusCode"] == 502
    assert json.loads(answer["body"]) == {"Message": "Internal Server Error"}


def test_response_stream_sends_the_payload_as_returned(cloud) -> None:
    url = _url(cloud, "def handler(event, context):\n    return {'statusCode': 201, 'body': 'x'}\n")
    cloud.client("lambda").update_function_url_config(FunctionName="hello", InvokeMode="RESPONSE_STREAM")
    answer = cloud.http_request("GET", url)
    assert answer["statusCode"] == 200
    assert json.loads(answer["body"]) == {"statusCode": 201, "body": "x"}


def test_an_alias_url_invokes_the_alias(cloud) -> None:
    lam = cloud.client("lambda")
    function(cloud, "def handler(event, context):\n    return 'one'\n")
    lam.publish_version(FunctionName="hello")
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    lam.update_function_code(
        FunctionName="hello", ZipFile=pocketcloud.zip_code({"app.py": "def handler(e, c):\n    return 'two'\n"})
    )
    url = lam.create_function_url_config(FunctionName="hello", Qualifier="live", AuthType="NONE")["FunctionUrl"]
    assert cloud.http_request("GET", url)["statusCode"] == 403  # the function's own policy does not cover the alias
    public_url_permissions(cloud, qualifier="live")
    assert cloud.http_request("GET", url)["body"] == "one"
    lam.delete_alias(FunctionName="hello", Name="live")
    with pytest.raises(pocketcloud.http.UnknownHostError):
        cloud.http_request("GET", url)


def test_deleting_the_function_or_the_url_stops_the_address(cloud) -> None:
    url = _url(cloud)
    assert cloud.http_request("GET", url)["statusCode"] == 200
    lam = cloud.client("lambda")
    lam.delete_function_url_config(FunctionName="hello")
    with pytest.raises(pocketcloud.http.UnknownHostError):
        cloud.http_request("GET", url)
    url = lam.create_function_url_config(FunctionName="hello", AuthType="NONE")["FunctionUrl"]
    lam.delete_function(FunctionName="hello")
    with pytest.raises(pocketcloud.http.UnknownHostError):
        cloud.http_request("GET", url)


def test_url_ids_are_reproducible() -> None:
    def make() -> str:
        cloud = pocketcloud.Cloud(seed=7)
        return _url(cloud)

    assert make() == make()
