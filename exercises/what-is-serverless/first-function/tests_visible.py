import json

import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal


def test_the_function_exists_with_the_right_configuration(learner):
    """ko: hello 함수가 python3.13과 app.handler로 만들어집니다
    en: the hello function is created with python3.13 and app.handler"""
    cloud = pocketcloud.Cloud(seed=0)
    learner.create_hello(cloud)
    names = [f["FunctionName"] for f in cloud.client("lambda").list_functions()["Functions"]]
    expect("hello" in names, ko="hello라는 함수가 없습니다", en="there is no function named hello", got=names)
    config = cloud.client("lambda").get_function_configuration(FunctionName="hello")
    expect_equal(config["Runtime"], "python3.13", ko="런타임", en="the runtime")
    expect_equal(config["Handler"], "app.handler", ko="핸들러", en="the handler")


def test_it_returns_the_new_functions_arn(learner):
    """ko: 새 함수의 ARN을 돌려줍니다
    en: it returns the new function's ARN"""
    cloud = pocketcloud.Cloud(seed=0)
    arn = learner.create_hello(cloud)
    expected = cloud.client("lambda").get_function_configuration(FunctionName="hello")["FunctionArn"]
    expect_equal(arn, expected, ko="create_hello가 돌려준 값", en="what create_hello returned")


def test_invoking_it_says_hello(learner):
    """ko: 호출하면 {"hello": 이름}을 돌려줍니다
    en: invoking it answers {"hello": name}"""
    cloud = pocketcloud.Cloud(seed=0)
    learner.create_hello(cloud)
    response = cloud.client("lambda").invoke(FunctionName="hello", Payload=json.dumps({"name": "Ada"}))
    expect_equal(json.loads(response["Payload"].read()), {"hello": "Ada"}, ko="함수의 응답", en="the answer")
