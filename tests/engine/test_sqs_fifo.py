"""SQS FIFO queues: message groups and ordering, the 5-minute deduplication window, content-based deduplication,
FIFO-only parameters.

Sources (checked 2026-12-02):
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError


@pytest.fixture
def sqs(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("sqs")


@pytest.fixture
def fifo(sqs: Any) -> str:
    attributes = {"FifoQueue": "true", "ContentBasedDeduplication": "true", "VisibilityTimeout": "10"}
    url: str = sqs.create_queue(QueueName="jobs.fifo", Attributes=attributes)["QueueUrl"]
    return url


def _bodies(response: dict[str, Any]) -> list[str]:
    return [m["Body"] for m in response.get("Messages", [])]


def test_a_group_is_delivered_in_order_and_locked_while_in_flight(cloud, sqs, fifo) -> None:
    """ "When you receive a message with a message group ID, no more messages for the same message group ID are
    returned unless you delete the message, or it becomes visible"; SQS "attempts to return as many messages with
    the same message group ID as possible"."""
    for index in range(3):
        sqs.send_message(QueueUrl=fifo, MessageBody=f"a{index}", MessageGroupId="a")
    sqs.send_message(QueueUrl=fifo, MessageBody="b0", MessageGroupId="b")
    first = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=2)
    assert _bodies(first) == ["a0", "a1"]
    assert _bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == ["b0"]
    assert _bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == []
    for message in first["Messages"]:
        sqs.delete_message(QueueUrl=fifo, ReceiptHandle=message["ReceiptHandle"])
    assert _bodies(sqs.receive_message(QueueUrl=fifo)) == ["a2"]


def test_an_expired_visibility_timeout_returns_the_message_to_the_head_of_its_group(cloud, sqs, fifo) -> None:
    """Order within a group survives a failed receive: the message that timed out comes back before later ones."""
    for index in range(2):
        sqs.send_message(QueueUrl=fifo, MessageBody=f"m{index}", MessageGroupId="g")
    assert _bodies(sqs.receive_message(QueueUrl=fifo)) == ["m0"]
    cloud.run(until=10)
    message = sqs.receive_message(QueueUrl=fifo, AttributeNames=["All"])["Messages"][0]
    assert message["Body"] == "m0" and message["Attributes"]["ApproximateReceiveCount"] == "2"
    assert message["Attributes"]["MessageGroupId"] == "g"
    assert len(message["Attributes"]["SequenceNumber"]) == 20


def test_deduplication_window_is_five_minutes(cloud, sqs, fifo) -> None:
    """ "If a message with a particular message deduplication ID is sent successfully, any messages sent with the
    same message deduplication ID are accepted successfully but aren't delivered during the 5-minute
    deduplication interval"; content-based deduplication hashes the body with SHA-256."""
    first = sqs.send_message(QueueUrl=fifo, MessageBody="same", MessageGroupId="g")
    again = sqs.send_message(QueueUrl=fifo, MessageBody="same", MessageGroupId="g")
    assert again["MessageId"] == first["MessageId"] and again["SequenceNumber"] == first["SequenceNumber"]
    explicit = sqs.send_message(QueueUrl=fifo, MessageBody="same", MessageGroupId="g", MessageDeduplicationId="d1")
    assert explicit["MessageId"] != first["MessageId"]
    received = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10, AttributeNames=["MessageDeduplicationId"])
    assert _bodies(received) == ["same", "same"]
    assert received["Messages"][1]["Attributes"]["MessageDeduplicationId"] == "d1"
    for message in received["Messages"]:
        sqs.delete_message(QueueUrl=fifo, ReceiptHandle=message["ReceiptHandle"])
    cloud.run(until=299)
    sqs.send_message(QueueUrl=fifo, MessageBody="same", MessageGroupId="g")
    assert _bodies(sqs.receive_message(QueueUrl=fifo)) == []
    cloud.run(until=300)
    later = sqs.send_message(QueueUrl=fifo, MessageBody="same", MessageGroupId="g")
    assert later["MessageId"] != first["MessageId"]
    assert _bodies(sqs.receive_message(QueueUrl=fifo)) == ["same"]


def test_fifo_parameters_are_required_or_refused(sqs, fifo) -> None:
    """MessageGroupId is required on a FIFO queue (MissingParameter); without ContentBasedDeduplication a
    MessageDeduplicationId is required; DelaySeconds per message is not allowed; a standard queue refuses
    MessageDeduplicationId. Wordings: LocalStack's SQS provider.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
    """
    with pytest.raises(ClientError) as exc:
        sqs.send_message(QueueUrl=fifo, MessageBody="x")
    assert exc.value.response["Error"]["Code"] == "MissingParameter"
    with pytest.raises(ClientError) as exc:
        sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g", DelaySeconds=3)
    assert "The request include parameter that is not valid for this queue type." in str(exc.value)
    strict = sqs.create_queue(QueueName="strict.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    with pytest.raises(ClientError) as exc:
        sqs.send_message(QueueUrl=strict, MessageBody="x", MessageGroupId="g")
    assert exc.value.response["Error"]["Message"] == (
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"
    )
    standard = sqs.create_queue(QueueName="std")["QueueUrl"]
    with pytest.raises(ClientError):
        sqs.send_message(QueueUrl=standard, MessageBody="x", MessageDeduplicationId="d")
    with pytest.raises(ClientError):
        sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="bad group\x01")


def test_batch_entries_are_deduplicated_within_the_batch(sqs, fifo) -> None:
    """SendMessageBatch on a FIFO queue keeps the order of its entries and deduplicates within the batch."""
    entries = [
        {"Id": "1", "MessageBody": "one", "MessageGroupId": "g"},
        {"Id": "2", "MessageBody": "one", "MessageGroupId": "g"},
        {"Id": "3", "MessageBody": "two", "MessageGroupId": "g"},
    ]
    result = sqs.send_message_batch(QueueUrl=fifo, Entries=entries)
    ids = [entry["MessageId"] for entry in result["Successful"]]
    assert ids[0] == ids[1] != ids[2]
    assert _bodies(sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10)) == ["one", "two"]


def test_fifo_delete_with_an_expired_handle_is_refused(cloud, sqs, fifo) -> None:
    """On a FIFO queue a receipt handle whose visibility timeout has expired no longer deletes (InvalidParameterValue
    "The receipt handle has expired.", LocalStack's wording)."""
    sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g")
    handle = sqs.receive_message(QueueUrl=fifo)["Messages"][0]["ReceiptHandle"]
    cloud.run(until=10)
    with pytest.raises(ClientError) as exc:
        sqs.delete_message(QueueUrl=fifo, ReceiptHandle=handle)
    assert exc.value.response["Error"]["Message"].endswith("Reason: The receipt handle has expired.")
