import json

import pocketcloud
from pocketcloud.grading.checks import expect_equal

CHARGE = """
def handler(event, context):
    raise RuntimeError("card declined")
"""


def test_one_attempt_and_a_record_in_the_queue(learner):
    """ko: 한 번만 시도하고, 실패 기록이 대기열에 남습니다
    en: one attempt, and the failure's record is in the queue"""
    cloud = pocketcloud.Cloud(seed=0)
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="charge-failed")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    fn = pocketcloud.deploy(cloud, source=CHARGE, handler_name="handler", name="charge")
    learner.configure_failures(cloud, "charge", arn)
    fn.invoke_async({"card": "4242"})
    cloud.run()
    expect_equal(sum(line.startswith("START") for line in fn.logs()), 1, ko="시도 횟수", en="attempts")
    messages = sqs.receive_message(QueueUrl=url).get("Messages", [])
    expect_equal(len(messages), 1, ko="대기열의 메시지 수", en="messages in the queue")
    record = json.loads(messages[0]["Body"])
    expect_equal(record["requestContext"]["condition"], "RetriesExhausted", ko="condition", en="condition")
    expect_equal(record["requestPayload"], {"card": "4242"}, ko="requestPayload", en="requestPayload")
