import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect, expect_equal


def _invoke(learner, event):
    fn = deploy_learner(pocketcloud.Cloud(seed=0), learner, name="hello-api")
    return fn.invoke(event)


def test_the_function_runs_without_an_error(learner):
    """ko: 배포한 함수를 호출하면 오류 없이 끝납니다
    en: the deployed function runs without an error"""
    result = _invoke(learner, {"name": "Ada"})
    expect(
        result.function_error is None,
        ko="함수가 오류로 끝났습니다(FunctionError). 페이로드의 errorMessage를 확인하세요",
        en="the function ended with an error (FunctionError); look at errorMessage in the payload",
        got=result.payload,
    )


def test_status_code_and_headers(learner):
    """ko: statusCode는 200이고 Content-Type 헤더가 있습니다
    en: statusCode is 200 and there is a Content-Type header"""
    payload = _invoke(learner, {"name": "Ada"}).payload
    expect(isinstance(payload, dict), ko="응답은 딕셔너리여야 합니다", en="the response must be a dict", got=payload)
    expect_equal(payload.get("statusCode"), 200, ko="statusCode 값", en="the statusCode")
    expect_equal(payload.get("headers"), {"Content-Type": "application/json"}, ko="headers 값", en="the headers")


def test_body_is_a_json_string_with_the_greeting(learner):
    """ko: body는 인사말을 담은 JSON 문자열입니다
    en: body is a JSON string holding the greeting"""
    body = _invoke(learner, {"name": "Ada"}).payload.get("body")
    expect(
        isinstance(body, str),
        ko="body는 문자열이어야 합니다. 딕셔너리를 json.dumps로 바꾸세요",
        en="body must be a string: turn the dict into one with json.dumps",
        got=body,
    )
    expect_equal(json.loads(body), {"message": "hello, Ada"}, ko="body를 JSON으로 읽은 값", en="body read as JSON")
