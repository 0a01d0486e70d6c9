import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def _setup(name, username, seed=0):
    cloud = pocketcloud.Cloud(seed=seed)
    cloud.client("secretsmanager").create_secret(
        Name=name, SecretString=json.dumps({"username": username, "password": "pw-1"})
    )
    return cloud


def test_it_reads_the_secret(learner):
    """ko: 보안 암호의 username을 돌려줍니다
    en: it returns the secret's username"""
    cloud = _setup("prod/db", "app")
    fn = deploy_learner(cloud, learner, name="reader", environment={"DB_SECRET_ID": "prod/db"})
    result = fn.invoke({})
    expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
    expect_equal(result.payload, {"user": "app"}, ko="응답", en="the answer")


def test_the_value_is_cached_per_environment(learner):
    """ko: 보안 암호가 바뀌어도 같은 실행 환경은 캐시한 값을 씁니다(다시 읽지 않습니다)
    en: after the secret changes, the same environment still uses its cached value (it does not read again)"""
    cloud = _setup("prod/db", "app")
    fn = deploy_learner(cloud, learner, name="reader", environment={"DB_SECRET_ID": "prod/db"})
    fn.invoke({})
    cloud.client("secretsmanager").put_secret_value(
        SecretId="prod/db", SecretString=json.dumps({"username": "rotated", "password": "pw-2"})
    )
    expect_equal(fn.invoke({}).payload, {"user": "app"}, ko="웜 호출의 응답", en="the warm invocation's answer")
