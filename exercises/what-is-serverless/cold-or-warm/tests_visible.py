import pocketcloud
from pocketcloud.grading.checks import expect_equal

APP = """
def handler(event, context):
    return {"hello": event["name"]}
"""


def test_one_environment_serves_calls_in_a_row(learner):
    """ko: 연달아 4번 호출하면 콜드 스타트는 1번입니다
    en: four calls in a row have one cold start"""
    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="hello")
    got = learner.count_cold_starts(cloud.client("lambda"), "hello", [{"name": str(n)} for n in range(4)])
    expect_equal(got, 1, ko="콜드 스타트 수", en="the number of cold starts")
