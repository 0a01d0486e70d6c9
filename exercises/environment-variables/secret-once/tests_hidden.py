import json

import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def test_the_name_comes_from_the_environment(learner):
    """ko: 보안 암호의 이름은 DB_SECRET_ID에서 옵니다
    en: the secret's name comes from DB_SECRET_ID"""
    cloud = pocketcloud.Cloud(seed=3)
    cloud.client("secretsmanager").create_secret(
        Name="staging/orders-db", SecretString=json.dumps({"username": "orders", "password": "x"})
    )
    fn = deploy_learner(cloud, learner, name="reader", environment={"DB_SECRET_ID": "staging/orders-db"})
    result = fn.invoke({})
    expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
    expect_equal(result.payload, {"user": "orders"}, ko="응답", en="the answer")
    fn.configure(MemorySize=256)  # new environments read the (rotated) value again
    cloud.client("secretsmanager").put_secret_value(
        SecretId="staging/orders-db", SecretString=json.dumps({"username": "orders-v2", "password": "y"})
    )
    expect_equal(fn.invoke({}).payload, {"user": "orders-v2"}, ko="새 환경의 응답", en="a new environment's answer")
