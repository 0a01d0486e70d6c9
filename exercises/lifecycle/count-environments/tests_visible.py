import pocketcloud
from pocketcloud.grading.checks import expect_equal

RESIZE = """
import time


def handler(event, context):
    time.sleep(1)
    return event["n"]
"""


def test_a_burst_of_four_needs_four_environments(learner):
    """ko: 동시에 온 요청 4개에는 실행 환경 4개가 필요합니다
    en: four simultaneous requests need four environments"""
    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=RESIZE, handler_name="handler", name="resize")
    expect_equal(learner.environments_for_burst(cloud, "resize", 4), 4, ko="로그 스트림 수", en="log streams")
