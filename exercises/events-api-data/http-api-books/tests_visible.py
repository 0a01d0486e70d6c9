import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect, expect_equal


def books_api(learner, seed=0):
    """A real HTTP API with the two routes, integrated with the learner's function; returns (cloud, endpoint)."""
    cloud = pocketcloud.Cloud(seed=seed)
    fn = deploy_learner(cloud, learner, name="books")
    v2 = cloud.client("apigatewayv2")
    api = v2.create_api(Name="books", ProtocolType="HTTP")
    integration = v2.create_integration(
        ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=fn.arn, PayloadFormatVersion="2.0"
    )["IntegrationId"]
    for key in ("GET /books/{id}", "POST /books"):
        v2.create_route(ApiId=api["ApiId"], RouteKey=key, Target=f"integrations/{integration}")
    v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
    cloud.client("lambda").add_permission(
        FunctionName="books",
        StatementId="apigateway",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=f"arn:aws:execute-api:{cloud.region}:{cloud.account_id}:{api['ApiId']}/*",
    )
    return cloud, api["ApiEndpoint"]


def send(cloud, method, url, body=None):
    headers = {"content-type": "application/json"} if body is not None else None
    return cloud.http_request(method, url, headers=headers, body=body)


def test_get_an_existing_book(learner):
    """ko: 있는 책은 200과 JSON 본문으로 답합니다
    en: an existing book is a 200 with a JSON body"""
    cloud, url = books_api(learner)
    answer = send(cloud, "GET", url + "/books/1")
    expect_equal(answer["statusCode"], 200, ko="GET /books/1의 상태 코드", en="the status code of GET /books/1")
    expect(
        answer["headers"].get("content-type", "").startswith("application/json"),
        ko="content-type 헤더가 application/json이어야 합니다",
        en="the content-type header must be application/json",
        got=answer["headers"].get("content-type"),
    )
    expect_equal(json.loads(answer["body"]), {"id": "1", "title": "Dune"}, ko="본문", en="the body")


def test_a_missing_book_is_404(learner):
    """ko: 없는 책은 404입니다
    en: a missing book is a 404"""
    cloud, url = books_api(learner)
    answer = send(cloud, "GET", url + "/books/42")
    expect_equal(answer["statusCode"], 404, ko="GET /books/42의 상태 코드", en="the status code of GET /books/42")
    expect_equal(json.loads(answer["body"]), {"error": "not found"}, ko="본문", en="the body")
