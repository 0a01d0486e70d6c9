import pocketcloud
from pocketcloud.grading.checks import expect_equal

SLOW = """
import time


def handler(event, context):
    time.sleep(1)
    return "ok"
"""


def test_overlapping_waves_fill_small_hosts_and_are_reused(learner):
    """ko: 호스트당 슬롯이 2개일 때 동시에 온 요청 5개는 호스트 3대에 놓이고, 다음 물결은 재사용합니다
    en: with 2 slots per host, 5 requests at once land on 3 hosts, and the next wave reuses them"""
    cloud = pocketcloud.Cloud(seed=5)
    cloud.lambda_settings.worker_slots = 2
    pocketcloud.deploy(cloud, source=SLOW, handler_name="handler", name="slow", timeout=10)
    pocketcloud.deploy(cloud, source=SLOW, handler_name="handler", name="other", timeout=10)
    lam = cloud.client("lambda")
    for _ in range(2):  # two waves of five, ten seconds apart
        for _ in range(5):
            lam.invoke(FunctionName="slow", InvocationType="Event", Payload=b"{}")
        lam.invoke(FunctionName="other", InvocationType="Event", Payload=b"{}")
        cloud.run(until=cloud.now + 10)
    want = {"invocations": 10, "environments": 5, "cold_starts": 5, "hosts": 3}
    expect_equal(learner.summarize(cloud, "slow"), want, ko="'slow'의 추적 요약", en="the trace's summary of 'slow'")
    expect_equal(
        learner.summarize(cloud, "missing")["invocations"], 0, ko="호출이 없는 함수", en="a function never invoked"
    )
