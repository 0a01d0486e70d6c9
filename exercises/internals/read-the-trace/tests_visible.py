import pocketcloud
from pocketcloud.grading.checks import expect_equal

THUMBS = """
import time


def handler(event, context):
    time.sleep(0.2)
    return "ok"
"""


def test_sequential_calls_reuse_one_environment(learner):
    """ko: 차례로 온 호출 3개와 동시에 온 호출 3개는 실행 환경 3개로 처리됩니다
    en: three calls one after another and three at once run in three environments"""
    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=THUMBS, handler_name="handler", name="thumbs", timeout=10)
    lam = cloud.client("lambda")
    for _ in range(3):
        lam.invoke(FunctionName="thumbs", Payload=b"{}")
    for _ in range(3):
        lam.invoke(FunctionName="thumbs", InvocationType="Event", Payload=b"{}")
    cloud.run()
    want = {"invocations": 6, "environments": 3, "cold_starts": 3, "hosts": 1}
    expect_equal(learner.summarize(cloud, "thumbs"), want, ko="추적 요약", en="the trace's summary")
