import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def _body(learner, event):
    fn = deploy_learner(pocketcloud.Cloud(seed=1), learner, name="hello-api")
    result = fn.invoke(event)
    expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
    return json.loads(result.payload["body"])


def test_default_name_is_world(learner):
    """ko: name이 없으면 world에게 인사합니다
    en: without a name it greets the world"""
    expect_equal(_body(learner, {}), {"message": "hello, world"}, ko="body 값", en="the body")


def test_any_name_and_hangul(learner):
    """ko: 어떤 이름이든(한글 포함) 그대로 씁니다
    en: any name, Hangul included, is used as given"""
    expect_equal(_body(learner, {"name": "지민"}), {"message": "hello, 지민"}, ko="body 값", en="the body")
    expect_equal(_body(learner, {"name": "Grace"}), {"message": "hello, Grace"}, ko="body 값", en="the body")
