"""The events API Gateway and function URLs hand to Lambda: JSON bytes that carry the event itself.

Lambda decodes a request payload before the handler sees it (the Invoke payload is JSON:
https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). An engine front end that built the event for this
request alone hands it over with its bytes (:class:`pocketcloud.jsondoc.Document`), so it is not decoded again. These
tests hold that to what a decode would give: the handler's event is exactly the decoded payload (the same values of
the same types), it is the handler's own (changing it changes no stage and no later request), and the payload quota
still applies to the bytes.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pocketcloud
from pocketcloud import jsondoc

from .apigateway_support import function, http_api, public_url_permissions, rest_api, rest_url

#: Answers whether the event it got is exactly what decoding its JSON gives (values and types, all the way down),
#: then changes every container in it, as a careless handler might.
CHECK = """
import json

def same(a, b):
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b

def spoil(value):
    if type(value) is dict:
        for key in list(value):
            spoil(value[key])
        value["spoiled"] = True
    elif type(value) is list:
        for item in value:
            spoil(item)
        value.append("spoiled")

def handler(event, context):
    decoded = json.loads(json.dumps(event))
    exact = same(event, decoded)
    spoil(event)
    return {"statusCode": 200, "body": json.dumps({"exact": exact, "event": decoded})}
"""


def _check(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer["statusCode"] == 200, answer
    body = json.loads(answer["body"])
    assert body["exact"] is True
    event: dict[str, Any] = body["event"]
    assert "spoiled" not in json.dumps(event)
    return event


def test_an_http_api_event_is_exactly_the_decoded_payload_and_the_handlers_own(cloud: pocketcloud.Cloud) -> None:
    """Payload format 2.0 with cookies, a repeated query parameter, path parameters, stage variables and a binary
    body: the handler gets what decoding the payload gives, and spoiling it changes neither the stage's variables
    nor the next request's event."""
    api = http_api(cloud, function(cloud, CHECK), RouteKey="POST /items/{id}")
    v2 = cloud.client("apigatewayv2")
    deployment = v2.get_stage(ApiId=api["ApiId"], StageName="$default")["DeploymentId"]
    v2.create_stage(ApiId=api["ApiId"], StageName="dev", DeploymentId=deployment, StageVariables={"env": "dev"})
    url = api["ApiEndpoint"] + "/dev/items/7?tag=a&tag=b"
    headers = {"cookie": "a=1; b=2", "content-type": "application/octet-stream"}
    for _ in range(2):
        event = _check(cloud.http_request("POST", url, headers=headers, body=bytes(range(5))))
        assert event["pathParameters"] == {"id": "7"} and event["stageVariables"] == {"env": "dev"}
        assert event["cookies"] == ["a=1", "b=2"] and event["queryStringParameters"] == {"tag": "a,b"}
        assert base64.b64decode(event["body"]) == bytes(range(5)) and event["isBase64Encoded"] is True
    assert v2.get_stage(ApiId=api["ApiId"], StageName="dev")["StageVariables"] == {"env": "dev"}


def test_a_rest_api_event_is_exactly_the_decoded_payload_and_the_handlers_own(cloud: pocketcloud.Cloud) -> None:
    """Payload format 1.0 (multi-value headers and query parameters, path parameters, stage variables), twice."""
    api_id, _ = rest_api(cloud, function(cloud, CHECK), paths=("items/{id}",))
    apigw = cloud.client("apigateway")
    deployment = apigw.get_stage(restApiId=api_id, stageName="test")["deploymentId"]
    apigw.create_stage(restApiId=api_id, stageName="prod", deploymentId=deployment, variables={"env": "prod"})
    url = rest_url(api_id, "/items/7?tag=a&tag=b", stage="prod")
    for _ in range(2):
        event = _check(cloud.http_request("GET", url, headers={"x-one": "1"}))
        assert event["pathParameters"] == {"id": "7"} and event["stageVariables"] == {"env": "prod"}
        assert event["multiValueQueryStringParameters"] == {"tag": ["a", "b"]}
    assert apigw.get_stage(restApiId=api_id, stageName="prod")["variables"] == {"env": "prod"}


def test_a_function_url_event_is_exactly_the_decoded_payload(cloud: pocketcloud.Cloud) -> None:
    """Function URLs send the same 2.0 event the same way."""
    function(cloud, CHECK)
    lam = cloud.client("lambda")
    url = lam.create_function_url_config(FunctionName="hello", AuthType="NONE")["FunctionUrl"]
    public_url_permissions(cloud)
    for _ in range(2):
        event = _check(cloud.http_request("GET", url + "items?x=1", headers={"cookie": "c=3"}))
        assert event["rawPath"] == "/items" and event["cookies"] == ["c=3"]


def test_a_document_gives_its_value_once_and_decodes_for_any_later_reader() -> None:
    """The value goes to the first reader only; the bytes are the payload for everything else."""
    event = {"a": [1, 2.5, None, True], "b": {"c": "\u00e9\U0001f600"}}
    document = jsondoc.event_payload(event)
    assert isinstance(document, bytes) and document == json.dumps(event, separators=(",", ":")).encode()
    assert document.take() is event
    again = document.take()
    assert again == event and again is not event


def test_the_payload_quota_still_applies_to_an_events_bytes(cloud: pocketcloud.Cloud) -> None:
    """A request whose event is over Lambda's 6 MB synchronous payload quota is refused by Lambda (API Gateway
    answers 500, as for any invoke Lambda refuses:
    https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), whatever carries the event."""
    api = http_api(cloud, function(cloud, CHECK))
    big = "x" * (6 * 1024 * 1024)
    answer = cloud.http_request("POST", api["ApiEndpoint"] + "/", headers={"content-type": "text/plain"}, body=big)
    assert answer["statusCode"] == 500
    assert cloud.http_request("POST", api["ApiEndpoint"] + "/", body="small")["statusCode"] == 200
