import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


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


def test_post_creates_a_book_with_the_next_id(learner):
    """ko: POST는 다음 ID로 책을 만들고 201로 답하며, 그 책을 GET으로 읽을 수 있습니다
    en: POST creates a book with the next ID, answers 201, and GET then finds it"""
    cloud, url = books_api(learner, seed=3)
    answer = send(cloud, "POST", url + "/books", json.dumps({"title": "Emma"}))
    expect_equal(answer["statusCode"], 201, ko="POST /books의 상태 코드", en="the status code of POST /books")
    expect_equal(json.loads(answer["body"]), {"id": "3", "title": "Emma"}, ko="새 책", en="the new book")
    again = send(cloud, "GET", url + "/books/3")
    expect_equal(
        (again["statusCode"], json.loads(again["body"])),
        (200, {"id": "3", "title": "Emma"}),
        ko="GET /books/3",
        en="GET /books/3",
    )


def test_bad_bodies_are_400(learner):
    """ko: 제목이 없거나 비었거나 JSON이 아닌 본문은 400입니다
    en: a body without a title, with an empty one, or not JSON is a 400"""
    cloud, url = books_api(learner, seed=4)
    for body in ('{"name": "x"}', '{"title": "  "}', "not json", "[1, 2]"):
        answer = send(cloud, "POST", url + "/books", body)
        expect_equal(
            answer["statusCode"], 400, ko=f"본문 {body!r}의 상태 코드", en=f"the status code for body {body!r}"
        )
        expect_equal(json.loads(answer["body"]), {"error": "title is required"}, ko="본문", en="the body")
