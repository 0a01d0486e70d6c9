"""SQS messages on the virtual clock: send/receive/delete, MD5s, visibility and redelivery, delays, retention,
long polling, batches, size and content limits, dead-letter redrive, move tasks, determinism.

Each test states one documented behaviour and its source (checked 2026-12-02).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.sqs.service import SqsService

ARN = "arn:aws:sqs:ap-northeast-2:123456789012:"


@pytest.fixture
def sqs(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("sqs")


@pytest.fixture
def url(sqs: Any) -> str:
    found: str = sqs.create_queue(QueueName="q")["QueueUrl"]
    return found


def _counts(sqs: Any, url: str) -> tuple[int, int, int]:
    names = [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
    ]
    got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return tuple(int(got[n]) for n in names)  # type: ignore[return-value]


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def test_send_receive_delete(sqs, url) -> None:
    """A message is stored when sent, in flight when received (the receipt handle names that receive), gone when
    deleted with that handle; MD5OfBody is the MD5 of the body (RFC 1321).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
    """
    sent = sqs.send_message(QueueUrl=url, MessageBody="hello")
    assert sent["MD5OfMessageBody"] == "5d41402abc4b2a76b9719d911017c592"
    assert _counts(sqs, url) == (1, 0, 0)
    message = sqs.receive_message(QueueUrl=url)["Messages"][0]
    assert message["MessageId"] == sent["MessageId"] and message["Body"] == "hello"
    assert message["MD5OfBody"] == sent["MD5OfMessageBody"]
    assert _counts(sqs, url) == (0, 1, 0)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    assert _counts(sqs, url) == (0, 0, 0)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


@pytest.mark.parametrize(
    ("attributes", "digest"),
    [
        ({"attribName1": {"DataType": "String", "StringValue": "attribValue 1"}}, "19e27d4e946b072f3f58da80d94fd778"),
        (
            {
                "customNumberTypeAttrib": {
                    "DataType": "Number.float",
                    "StringValue": "4563442423554324324264524243.32543234",
                }
            },
            "9fe1b90bbd9965bdf77bac517c7d2495",
        ),
        (
            {"binaryAttribute": {"DataType": "Binary", "BinaryValue": b"Hello binary world!"}},
            "31a92b15d92f8db860eda32aceb656c3",
        ),
        (
            {
                "attribName1": {"DataType": "String", "StringValue": "attribValue 1"},
                "customNumberTypeAttrib": {
                    "DataType": "Number.float",
                    "StringValue": "4563442423554324324264524243.32543234",
                },
                "binaryAttribute": {"DataType": "Binary", "BinaryValue": b"Hello binary world!"},
            },
            "c932db14a896c663f83c260297d594ff",
        ),
    ],
)
def test_md5_of_message_attributes(sqs, url, attributes, digest) -> None:
    """ "Calculating the MD5 message digest for message attributes": sorted names, each part length-prefixed (4
    bytes, big-endian), transport type 1 for String/Number and 2 for Binary. Expected digests: the test vectors of
    the npm package aws-md5-of-message-attributes, which checks itself against SQS's answers.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
    """
    assert (
        sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=attributes)["MD5OfMessageAttributes"]
        == digest
    )
    received = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"])["Messages"][0]
    assert received["MD5OfMessageAttributes"] == digest
    assert received["MessageAttributes"] == attributes


def test_receive_returns_only_the_attributes_asked_for(sqs, url) -> None:
    """ReceiveMessage: MessageAttributeNames takes names, "All" or ".*", or a prefix "bar.*"; system attributes
    (SenderId, SentTimestamp, ApproximateReceiveCount, ApproximateFirstReceiveTimestamp) only when asked for.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
    """
    attributes = {
        "bar.one": {"DataType": "String", "StringValue": "1"},
        "baz": {"DataType": "Number", "StringValue": "2"},
    }
    sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=attributes)
    plain = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]
    assert "MessageAttributes" not in plain and "Attributes" not in plain
    prefixed = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["bar.*"], VisibilityTimeout=0)["Messages"][0]
    assert prefixed["MessageAttributes"] == {"bar.one": attributes["bar.one"]}
    system = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["All"])["Messages"][0]["Attributes"]
    assert set(system) == {"SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"}
    assert system["ApproximateReceiveCount"] == "3"
    assert system["SentTimestamp"] == "1767225600000"  # virtual time 0 is 2026-01-01T00:00:00Z


def test_visibility_timeout_expiry_redelivers_with_a_higher_receive_count(cloud, sqs, url) -> None:
    """ "If the message is not deleted or its visibility timeout is not extended before the timeout expires, it
    becomes visible again"; ApproximateReceiveCount counts receives; a stale receipt handle "will succeed, but the
    message might not be deleted" (pocketcloud: it is not).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
    """
    sqs.send_message(QueueUrl=url, MessageBody="work")
    first = sqs.receive_message(QueueUrl=url, VisibilityTimeout=10, AttributeNames=["ApproximateReceiveCount"])
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    cloud.run(until=9.999)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    cloud.run(until=10)
    second = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    assert second["Attributes"]["ApproximateReceiveCount"] == "2"
    assert second["ReceiptHandle"] != first["Messages"][0]["ReceiptHandle"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first["Messages"][0]["ReceiptHandle"])
    assert _counts(sqs, url) == (0, 1, 0)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=second["ReceiptHandle"])
    assert _counts(sqs, url) == (0, 0, 0)


def test_change_message_visibility(cloud, sqs, url) -> None:
    """ChangeMessageVisibility: the new timeout counts from the call; 0 makes the message visible at once; a
    message not in flight is MessageNotInflight; a handle that names nothing is refused as AWS words it.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
    """
    sqs.send_message(QueueUrl=url, MessageBody="x")
    handle = sqs.receive_message(QueueUrl=url)["Messages"][0]["ReceiptHandle"]
    cloud.run(until=20)
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=100)
    cloud.run(until=119)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=url, VisibilityTimeout=5)["Messages"][0]
    cloud.run(until=130)
    with pytest.raises(sqs.exceptions.MessageNotInflight):
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"], VisibilityTimeout=5)
    with pytest.raises(ClientError) as exc:
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=5)
    assert _error(exc) == (
        "InvalidParameterValue",
        f"Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available "
        "for visibility timeout change.",
    )
    with pytest.raises(sqs.exceptions.ReceiptHandleIsInvalid) as exc:
        sqs.delete_message(QueueUrl=url, ReceiptHandle="garbage")
    assert _error(exc) == (
        "ReceiptHandleIsInvalid",
        'The input receipt handle "garbage" is not a valid receipt handle.',
    )


def test_visibility_can_not_exceed_12_hours_from_the_receive(cloud, sqs, url) -> None:
    """ "The maximum is 12 hours"; "If you attempt to set the VisibilityTimeout to a value greater than the
    maximum time left, Amazon SQS returns an error."

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
    """
    sqs.send_message(QueueUrl=url, MessageBody="x")
    handle = sqs.receive_message(QueueUrl=url, VisibilityTimeout=43_200)["Messages"][0]["ReceiptHandle"]
    cloud.run(until=100)
    with pytest.raises(ClientError) as exc:
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=43_200)
    assert "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]" in _error(exc)[1]
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=43_100)


def test_delays(cloud, sqs) -> None:
    """DelaySeconds (0-900) per message overrides the queue's; a delayed message counts as
    ApproximateNumberOfMessagesDelayed until it becomes visible.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html
    """
    url = sqs.create_queue(QueueName="slow", Attributes={"DelaySeconds": "60"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="queue delay")
    sqs.send_message(QueueUrl=url, MessageBody="own delay", DelaySeconds=5)
    sqs.send_message(QueueUrl=url, MessageBody="now", DelaySeconds=0)
    assert _counts(sqs, url) == (1, 0, 2)
    cloud.run(until=5)
    assert _counts(sqs, url) == (2, 0, 1)
    cloud.run(until=60)
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert sorted(bodies) == ["now", "own delay", "queue delay"]
    with pytest.raises(ClientError) as exc:
        sqs.send_message(QueueUrl=url, MessageBody="x", DelaySeconds=901)
    assert _error(exc) == (
        "InvalidParameterValue",
        "Value 901 for parameter DelaySeconds is invalid. Reason: Must be between 0 and 900, if provided.",
    )


def test_retention_period_expires_messages(cloud, sqs) -> None:
    """ "Amazon SQS automatically deletes messages left in a queue longer than the retention period configured for
    the queue" (MessageRetentionPeriod, 60 s to 14 days).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
    """
    url = sqs.create_queue(QueueName="short", Attributes={"MessageRetentionPeriod": "60"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="old")
    cloud.run(until=30)
    sqs.send_message(QueueUrl=url, MessageBody="new")
    cloud.run(until=60)
    assert _counts(sqs, url) == (1, 0, 0)
    assert sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"] == "new"


def test_long_poll_lets_the_clock_run_until_a_message_arrives(cloud, sqs, url) -> None:
    """Long polling "sends a response after it collects at least one available message ... Amazon SQS sends an
    empty response only if the polling wait time expires". From outside the simulation pocketcloud runs the
    virtual clock for the wait; the queue's ReceiveMessageWaitTimeSeconds applies when the call gives none.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
    """
    assert "Messages" not in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)
    assert cloud.now == 20
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=7)
    got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)
    assert got["Messages"][0]["Body"] == "later" and cloud.now == 27
    cloud.kernel.schedule(3, lambda: sqs.send_message(QueueUrl=url, MessageBody="from an event"))
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ReceiveMessageWaitTimeSeconds": "20"})
    assert sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"] == "from an event"
    assert cloud.now == 30
    with pytest.raises(ClientError) as exc:
        sqs.receive_message(QueueUrl=url, WaitTimeSeconds=21)
    assert (
        _error(exc)[1]
        == "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."
    )


def test_long_poll_from_inside_a_handler_answers_at_once(cloud, sqs, url) -> None:
    """Inside the simulation (here a Lambda handler) a long poll cannot move the clock: it answers with what is
    there, like a short poll (pocketcloud's model of a poll that would block the handler)."""
    lam = cloud.client("lambda")
    source = (
        "import boto3\n"
        "def handler(event, context):\n"
        f"    got = boto3.client('sqs').receive_message(QueueUrl='{url}', WaitTimeSeconds=20)\n"
        "    return len(got.get('Messages', []))\n"
    )
    lam.create_function(
        FunctionName="poller",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/r",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
    )
    assert json.loads(lam.invoke(FunctionName="poller")["Payload"].read()) == 0
    assert cloud.now < 20


def test_receive_limits(sqs, url) -> None:
    """MaxNumberOfMessages "Valid values: 1 to 10" (wording: LocalStack's provider).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
    """
    for index in range(12):
        sqs.send_message(QueueUrl=url, MessageBody=str(index))
    assert len(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]) == 10
    assert len(sqs.receive_message(QueueUrl=url)["Messages"]) == 1
    for bad in (0, 11):
        with pytest.raises(ClientError) as exc:
            sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=bad)
        assert _error(exc) == (
            "InvalidParameterValue",
            f"Value {bad} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
        )


def test_message_size_limit_is_1_mib_with_attributes(sqs, url) -> None:
    """ "The maximum size is 1 MiB or 1,048,576 bytes"; "All components of a message attribute are included in the
    1 MiB message size restriction"; the queue's MaximumMessageSize lowers it. Nothing is stored on refusal.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
    """
    sqs.send_message(QueueUrl=url, MessageBody="a" * 1_048_576)
    attribute = {"k": {"DataType": "String", "StringValue": "v"}}
    with pytest.raises(ClientError) as exc:
        sqs.send_message(QueueUrl=url, MessageBody="a" * (1_048_576 - 7), MessageAttributes=attribute)
    assert _error(exc) == (
        "InvalidParameterValue",
        "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.",
    )
    # "k" + "String" + "v": 8 bytes of attribute, so 1,048,568 bytes of body fit exactly
    sqs.send_message(QueueUrl=url, MessageBody="a" * (1_048_576 - 8), MessageAttributes=attribute)
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"MaximumMessageSize": "1024"})
    with pytest.raises(ClientError):
        sqs.send_message(QueueUrl=url, MessageBody="é" * 513)
    assert _counts(sqs, url) == (2, 0, 0)


def test_message_contents_and_attributes_are_checked(sqs, url) -> None:
    """Only XML characters (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF) are allowed
    (InvalidMessageContents); attribute names, types and values follow "Message attribute components".

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
    """
    with pytest.raises(sqs.exceptions.InvalidMessageContents):
        sqs.send_message(QueueUrl=url, MessageBody="bell\x07")
    with pytest.raises(ClientError) as exc:
        sqs.send_message(QueueUrl=url, MessageBody="")
    assert _error(exc) == ("MissingParameter", "The request must contain the parameter MessageBody.")
    bad = [
        {"AWS.x": {"DataType": "String", "StringValue": "v"}},
        {"a..b": {"DataType": "String", "StringValue": "v"}},
        {"sp ace": {"DataType": "String", "StringValue": "v"}},
        {"k": {"DataType": "Text", "StringValue": "v"}},
        {"k": {"DataType": "String", "StringValue": ""}},
        {"k": {"DataType": "Number", "StringValue": "twelve"}},
        {"k": {"DataType": "Binary", "StringValue": "v"}},
        {f"k{i}": {"DataType": "String", "StringValue": "v"} for i in range(11)},
    ]
    for attributes in bad:
        with pytest.raises(ClientError) as exc:
            sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes=attributes)
        assert _error(exc)[0] == "InvalidParameterValue"
    assert _counts(sqs, url) == (0, 0, 0)


def test_batches(sqs, url) -> None:
    """Batch rules refuse the whole request (EmptyBatchRequest, TooManyEntriesInBatchRequest, InvalidBatchEntryId,
    BatchEntryIdsNotDistinct, BatchRequestTooLong); a bad entry fails alone and the call answers 200.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
    """
    with pytest.raises(sqs.exceptions.EmptyBatchRequest):
        sqs.send_message_batch(QueueUrl=url, Entries=[])
    with pytest.raises(sqs.exceptions.TooManyEntriesInBatchRequest) as exc:
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": "x"} for i in range(11)])
    assert _error(exc)[1] == "Maximum number of entries per request are 10. You have sent 11."
    with pytest.raises(sqs.exceptions.BatchEntryIdsNotDistinct) as exc:
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "x"}] * 2)
    assert _error(exc) == ("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id a repeated.")
    with pytest.raises(sqs.exceptions.InvalidBatchEntryId):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "no spaces", "MessageBody": "x"}])
    with pytest.raises(sqs.exceptions.BatchRequestTooLong):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": "a" * 300_000} for i in range(4)])
    assert _counts(sqs, url) == (0, 0, 0)
    result = sqs.send_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "ok", "MessageBody": "x"}, {"Id": "bad", "MessageBody": "y", "DelaySeconds": 1000}],
    )
    assert [s["Id"] for s in result["Successful"]] == ["ok"]
    assert result["Failed"][0]["Id"] == "bad" and result["Failed"][0]["Code"] == "InvalidParameterValue"
    assert result["Failed"][0]["SenderFault"] is True
    handles = [m["ReceiptHandle"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    changed = sqs.change_message_visibility_batch(
        QueueUrl=url, Entries=[{"Id": "1", "ReceiptHandle": handles[0], "VisibilityTimeout": 0}]
    )
    assert changed["Successful"] == [{"Id": "1"}] and changed["Failed"] == []
    handles = [m["ReceiptHandle"] for m in sqs.receive_message(QueueUrl=url)["Messages"]]
    deleted = sqs.delete_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "1", "ReceiptHandle": handles[0]}, {"Id": "2", "ReceiptHandle": "bogus"}],
    )
    assert deleted["Successful"] == [{"Id": "1"}]
    assert deleted["Failed"][0]["Code"] == "ReceiptHandleIsInvalid"
    assert _counts(sqs, url) == (0, 0, 0)


def test_redrive_to_the_dead_letter_queue_after_max_receive_count(cloud, sqs) -> None:
    """ "When the ReceiveCount for a message exceeds the maxReceiveCount for a queue, Amazon SQS moves the message
    to the dead-letter-queue"; it keeps its MessageId and gains DeadLetterQueueSourceArn; ApproximateReceiveCount
    counts receives "across all queues".

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
    """
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": ARN + "dlq", "maxReceiveCount": 2})
    url = sqs.create_queue(QueueName="work", Attributes={"RedrivePolicy": policy, "VisibilityTimeout": "5"})["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="poison")
    for _ in range(2):
        assert sqs.receive_message(QueueUrl=url)["Messages"][0]["MessageId"] == sent["MessageId"]
        cloud.run(until=cloud.now + 5)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    moved = sqs.receive_message(QueueUrl=dlq, AttributeNames=["All"])["Messages"][0]
    assert moved["MessageId"] == sent["MessageId"] and moved["Body"] == "poison"
    assert moved["Attributes"]["DeadLetterQueueSourceArn"] == ARN + "work"
    assert moved["Attributes"]["ApproximateReceiveCount"] == "3"


def test_message_move_task_redrives_back_to_the_source(cloud, sqs) -> None:
    """StartMessageMoveTask without DestinationArn moves messages "back to their original source queues"; the
    source must be a DLQ; ListMessageMoveTasks reports the task.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
    """
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": ARN + "dlq", "maxReceiveCount": 1})
    url = sqs.create_queue(QueueName="work", Attributes={"RedrivePolicy": policy, "VisibilityTimeout": "1"})["QueueUrl"]
    for index in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=str(index))
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    cloud.run(until=cloud.now + 1)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    with pytest.raises(ClientError) as exc:
        sqs.start_message_move_task(SourceArn=ARN + "work")
    assert _error(exc)[1] == "Source queue must be configured as a Dead Letter Queue."
    handle = sqs.start_message_move_task(SourceArn=ARN + "dlq", MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
    cloud.run(until=cloud.now + 10)
    task = sqs.list_message_move_tasks(SourceArn=ARN + "dlq")["Results"][0]
    assert task["Status"] == "COMPLETED" and task["ApproximateNumberOfMessagesMoved"] == 3
    assert _counts(sqs, dlq) == (0, 0, 0)
    assert sorted(m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]) == [
        "0",
        "1",
        "2",
    ]
    with pytest.raises(ClientError):
        sqs.cancel_message_move_task(TaskHandle=handle)


def test_queue_policy_decides_whether_a_service_may_send(cloud) -> None:
    """An AWS service sending to a queue (SNS, for one) needs the queue policy to allow its principal; without it
    SQS refuses (AccessDenied). Calls made as the account itself are not checked (IAM is not simulated).

    Source: https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
    """
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    topic = "arn:aws:sns:ap-northeast-2:123456789012:t"
    as_sns = cloud.service_client("sqs", "sns.amazonaws.com", source_arn=topic)
    with pytest.raises(ClientError) as exc:
        as_sns.send_message(QueueUrl=url, MessageBody="x")
    assert _error(exc) == ("AccessDenied", f"Access to the resource {url} is denied.")
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "SQS:SendMessage",
        "Resource": ARN + "q",
        "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
    }
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Statement": [statement]})})
    as_sns.send_message(QueueUrl=url, MessageBody="x")
    other = cloud.service_client("sqs", "sns.amazonaws.com", source_arn=topic + "-other")
    with pytest.raises(ClientError):
        other.send_message(QueueUrl=url, MessageBody="x")
    assert _counts(sqs, url) == (1, 0, 0)


def test_same_seed_same_history() -> None:
    """Determinism: the same seed and calls give the same message IDs, handles and attributes."""

    def run(seed: int) -> list[Any]:
        cloud = pocketcloud.Cloud(seed=seed)
        sqs = cloud.client("sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        out = [sqs.send_message(QueueUrl=url, MessageBody=str(i))["MessageId"] for i in range(5)]
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"])["Messages"]
        return out + [(m["ReceiptHandle"], m["Attributes"]) for m in got]

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_at_least_once_delivery_is_a_seeded_model_off_by_default(cloud, sqs, url) -> None:
    """ "For standard queues, it is possible to receive a message even after you delete it" (on rare occasions).
    pocketcloud's SqsSettings.duplicate_delivery_rate models it from the seed; 0 by default.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
    """
    cloud.backend("sqs", SqsService).settings.duplicate_delivery_rate = 1.0
    sqs.send_message(QueueUrl=url, MessageBody="twice")
    first = sqs.receive_message(QueueUrl=url, VisibilityTimeout=5)["Messages"][0]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
    cloud.run(until=5)
    again = sqs.receive_message(QueueUrl=url)["Messages"][0]
    assert again["MessageId"] == first["MessageId"]
    cloud.backend("sqs", SqsService).settings.duplicate_delivery_rate = 0.0
    sqs.delete_message(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"])
    assert _counts(sqs, url) == (0, 0, 0)


def test_in_flight_limit_of_a_standard_queue(sqs, url) -> None:
    """ "For most standard queues ... a maximum of approximately 120,000 in flight messages ... If you reach this
    limit, Amazon SQS returns the OverLimit error message."

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
    """
    entries = [{"Id": str(i), "MessageBody": "x"} for i in range(10)]
    for _ in range(12_001):
        sqs.send_message_batch(QueueUrl=url, Entries=entries)
    for _ in range(12_000):
        sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    with pytest.raises(sqs.exceptions.OverLimit) as exc:
        sqs.receive_message(QueueUrl=url)
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
