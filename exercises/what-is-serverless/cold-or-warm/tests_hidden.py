import pocketcloud
from pocketcloud.grading.checks import expect_equal

APP = """
def handler(event, context):
    return {"hello": event["name"]}
"""


def test_a_warm_function_has_none(learner):
    """ko: 이미 따뜻한 함수에는 콜드 스타트가 없습니다
    en: an already warm function has none"""
    cloud = pocketcloud.Cloud(seed=2)
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="hello")
    fn.invoke({"name": "warm-up"})
    got = learner.count_cold_starts(cloud.client("lambda"), "hello", [{"name": "x"}, {"name": "y"}])
    expect_equal(got, 0, ko="콜드 스타트 수", en="the number of cold starts")


def test_a_new_configuration_means_a_new_environment(learner):
    """ko: 구성을 바꾸면 다음 호출은 새 실행 환경에서 시작합니다
    en: after a configuration change the next call starts in a new environment"""
    cloud = pocketcloud.Cloud(seed=2)
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="hello")
    fn.invoke({"name": "warm-up"})
    fn.configure(MemorySize=512)
    got = learner.count_cold_starts(cloud.client("lambda"), "hello", [{"name": "x"}, {"name": "y"}, {"name": "z"}])
    expect_equal(got, 1, ko="콜드 스타트 수", en="the number of cold starts")
