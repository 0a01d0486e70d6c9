import json

import pocketcloud
from pocketcloud.grading.checks import expect_equal


def test_it_works_in_any_cloud_and_for_any_name(learner):
    """ko: 다른 리전의 클라우드에서도, 어떤 이름에도 동작합니다
    en: it works in a cloud in another region and for any name"""
    cloud = pocketcloud.Cloud(seed=9, region="us-east-1")
    arn = learner.create_hello(cloud)
    expect_equal(arn, "arn:aws:lambda:us-east-1:123456789012:function:hello", ko="ARN", en="the ARN")
    for name in ("지민", "Grace"):
        response = cloud.client("lambda").invoke(FunctionName="hello", Payload=json.dumps({"name": name}))
        expect_equal(json.loads(response["Payload"].read()), {"hello": name}, ko="함수의 응답", en="the answer")
