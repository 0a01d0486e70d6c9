import json

import pocketcloud
from pocketcloud.grading.checks import expect_equal

FLAKY = """
def handler(event, context):
    if event["amount"] < 0:
        raise ValueError("negative amount")
    return {"charged": event["amount"]}
"""


def test_successes_are_not_sent_and_each_failure_is_kept(learner):
    """ko: 성공한 이벤트는 보내지 않고, 실패한 이벤트는 하나씩 모두 남습니다
    en: successful events are not sent, and every failed event is kept"""
    cloud = pocketcloud.Cloud(seed=9)
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="failed-payments")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    fn = pocketcloud.deploy(cloud, source=FLAKY, handler_name="handler", name="pay")
    learner.configure_failures(cloud, "pay", arn)
    for amount in (5, -1, 7, -2):
        fn.invoke_async({"amount": amount})
    cloud.run()
    expect_equal(sum(line.startswith("START") for line in fn.logs()), 4, ko="시도 횟수", en="attempts")
    bodies = [
        json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    ]
    expect_equal(sorted(b["requestPayload"]["amount"] for b in bodies), [-2, -1], ko="보관된 이벤트", en="events kept")
    config = cloud.client("lambda").get_function_event_invoke_config(FunctionName="pay")
    expect_equal(config["MaximumRetryAttempts"], 0, ko="MaximumRetryAttempts", en="MaximumRetryAttempts")
