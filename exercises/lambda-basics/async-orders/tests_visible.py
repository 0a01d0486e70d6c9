import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal

ORDERS = """
import time


def handler(event, context):
    time.sleep(0.5)
    print(f"processed order {event['order']}")
    return {"order": event["order"], "status": "shipped"}
"""


def setup(seed=0):
    cloud = pocketcloud.Cloud(seed=seed)
    pocketcloud.deploy(cloud, source=ORDERS, handler_name="handler", name="orders")
    return cloud


def processed(cloud):
    """The orders the function has printed so far, read back from CloudWatch Logs."""
    logs = cloud.client("logs")
    groups = logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/orders")["logGroups"]
    if not groups:
        return []
    events = logs.filter_log_events(logGroupName="/aws/lambda/orders", filterPattern="processed")["events"]
    return sorted(e["message"].strip() for e in events)


def test_every_invoke_is_accepted_with_202(learner):
    """ko: 주문마다 202(접수됨)를 받습니다
    en: every order is accepted with 202"""
    cloud = setup()
    codes = learner.queue_orders(cloud.client("lambda"), "orders", [{"order": 1}, {"order": 2}, {"order": 3}])
    expect_equal(codes, [202, 202, 202], ko="돌려준 StatusCode 목록", en="the StatusCodes returned")


def test_nothing_is_processed_until_time_moves(learner):
    """ko: 호출 직후에는 처리된 주문이 없고, 시간이 지나면 모두 처리됩니다
    en: nothing is processed right after the calls, and everything once time moves on"""
    cloud = setup()
    learner.queue_orders(cloud.client("lambda"), "orders", [{"order": 1}, {"order": 2}])
    early = processed(cloud)
    expect(
        early == [],
        ko="queue_orders가 돌아왔을 때 이미 처리된 주문이 있습니다. 호출이 끝나기를 기다린 것입니다",
        en="orders were already processed when queue_orders returned: the calls waited for the function",
        expected=[],
        got=early,
    )
    cloud.run()
    expect_equal(
        processed(cloud),
        ["processed order 1", "processed order 2"],
        ko="시간이 지난 뒤 로그의 처리 기록",
        en="what the log holds once time has passed",
    )
