import pocketcloud
from pocketcloud.grading.checks import expect_equal

RESIZE = """
import time


def handler(event, context):
    time.sleep(1)
    return event["n"]
"""


def test_it_counts_what_the_logs_say(learner):
    """ko: 다른 함수와 다른 개수에서도 로그에 남은 수를 셉니다
    en: another function and another count: it counts what the logs hold"""
    cloud = pocketcloud.Cloud(seed=11)
    pocketcloud.deploy(cloud, source=RESIZE, handler_name="handler", name="thumbs")
    got = learner.environments_for_burst(cloud, "thumbs", 7)
    streams = cloud.client("logs").describe_log_streams(logGroupName="/aws/lambda/thumbs")["logStreams"]
    expect_equal(got, len(streams), ko="로그 스트림 수", en="log streams")
    expect_equal(got, 7, ko="로그 스트림 수", en="log streams")
