"""Sending, receiving, deleting and hiding messages (the single and ``*Batch`` operations).

Long polling: "With long polling, the ReceiveMessage request queries all of the servers for messages ... Amazon
SQS sends a response after it collects at least one available message, up to the maximum number of messages
specified in the request. Amazon SQS sends an empty response only if the polling wait time expires."
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
A ReceiveMessage made from *outside* the simulation (a learner's code, a notebook cell) with a wait time (its
WaitTimeSeconds, else the queue's ReceiveMessageWaitTimeSeconds) that finds the queue empty lets the virtual
clock run, one scheduled event at a time, until a message becomes visible or the wait ends: what a blocked
long poll looks like. Made from *inside* the simulation (a Lambda handler, another service's event), it cannot
move the clock and answers at once with what is there, like a short poll.

Short polling is modelled as sampling every server: a short poll returns every visible message up to
MaxNumberOfMessages (AWS samples "a weighted random set of machines" and may return fewer).
"""

from __future__ import annotations

import functools
import hashlib
from typing import TYPE_CHECKING, Any

from ... import limits
from ...client import Caller
from ...errors import ServiceError
from . import policy
from .batch import check_entries, check_total_size, failure
from .errors import invalid_parameter_value, invalid_value, missing_parameter, wire
from .messages import Message, check_attributes, check_body, md5_hex, md5_of_attributes, normalised, wanted_attributes
from .queue import Queue

if TYPE_CHECKING:
    from .service import SqsService

_FIFO_ID_CHARS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)


@functools.lru_cache(maxsize=256)
def _sender_id(who: str) -> str:
    digest = hashlib.sha256(who.encode()).hexdigest().upper()
    return "AIDA" + "".join(ch if ch.isalpha() else chr(ord("A") + int(ch)) for ch in digest[:17])


def sender_id(caller: Caller, account: str) -> str:
    """SenderId: "For a user, returns the user ID, for example ABCDEFGHI1JKLMNOPQ23R" (API_ReceiveMessage).
    pocketcloud has no IAM users: the account (or a service principal) gets a fixed ID of that form derived
    from its name."""
    return _sender_id(caller.principal or f"account:{account}")


def _check_fifo_id(value: str, parameter: str) -> None:
    if not 1 <= len(value) <= limits.SQS_FIFO_ID_MAX_LENGTH or not set(value) <= _FIFO_ID_CHARS:
        raise invalid_value(
            parameter,
            value,
            f"{parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.",
        )


def _prepare(queue: Queue, entry: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Check one message for ``queue`` (every rule of SendMessage); return the checked parts and its delay."""
    body = entry["MessageBody"]
    check_body(body)
    attributes = entry.get("MessageAttributes") or {}
    size = check_attributes(attributes) if attributes else 0
    system = entry.get("MessageSystemAttributes") or {}
    if system:
        check_attributes(system, system=True)
    if len(body.encode("utf-8")) + size > queue.max_message_size:
        raise invalid_parameter_value(
            f"One or more parameters are invalid. Reason: Message must be shorter than {queue.max_message_size} bytes."
        )
    delay = entry.get("DelaySeconds")
    if delay is not None and not 0 <= delay <= limits.SQS_DELAY_MAX_S:
        raise invalid_value("DelaySeconds", delay, "Must be between 0 and 900, if provided.")
    group_id = entry.get("MessageGroupId")
    dedup_id = entry.get("MessageDeduplicationId")
    if group_id is not None:
        _check_fifo_id(group_id, "MessageGroupId")
    if dedup_id is not None:
        _check_fifo_id(dedup_id, "MessageDeduplicationId")
    if queue.fifo:
        # "When you set FifoQueue, you can't set DelaySeconds per message" (API_SendMessage).
        if delay:
            raise invalid_value(
                "DelaySeconds", delay, "The request include parameter that is not valid for this queue type."
            )
        if group_id is None:
            raise missing_parameter("MessageGroupId")
        if dedup_id is None:
            if not queue.content_dedup:
                raise invalid_parameter_value(
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
                    "provided explicitly"
                )
            # "Amazon SQS uses a SHA-256 hash to generate the MessageDeduplicationId using the body of the message"
            dedup_id = hashlib.sha256(body.encode("utf-8")).hexdigest()
        delay = queue.delay_seconds
    else:
        if dedup_id is not None:
            raise invalid_value(
                "MessageDeduplicationId",
                dedup_id,
                "The request includes a parameter that is not valid for this queue type.",
            )
        if delay is None:
            delay = queue.delay_seconds
    parts = {"body": body, "attributes": attributes, "system": system, "group_id": group_id, "dedup_id": dedup_id}
    return parts, delay


def _store(service: SqsService, queue: Queue, parts: dict[str, Any], delay: int, sender: str) -> dict[str, Any]:
    """Store a checked message (or recognise a FIFO duplicate) and return SendMessage's result members."""
    now = service.cloud.now
    body = parts["body"]
    attributes = parts["attributes"]
    system = parts["system"]
    result: dict[str, Any] = {"MD5OfMessageBody": md5_hex(body.encode("utf-8"))}
    md5_attributes = md5_of_attributes(attributes) if attributes else None
    md5_system = md5_of_attributes(system) if system else None
    if md5_attributes:
        result["MD5OfMessageAttributes"] = md5_attributes
    if md5_system:
        result["MD5OfMessageSystemAttributes"] = md5_system
    if queue.fifo:
        duplicate = queue.duplicate_of(parts["dedup_id"], parts["group_id"], now)
        if duplicate is not None:
            result["MessageId"], sequence = duplicate
            if sequence is not None:
                result["SequenceNumber"] = sequence
            return result
    seq = queue.next_seq()
    message = Message(
        seq=seq,
        message_id=service.cloud.new_request_id(),
        body=body,
        md5_body=result["MD5OfMessageBody"],
        attributes=normalised(attributes) if attributes else None,
        md5_attributes=md5_attributes,
        system_attributes=normalised(system) if system else None,
        md5_system=md5_system,
        sent_at=now,
        sender_id=sender,
        enqueued_at=now,
        group_id=parts["group_id"],
        deduplication_id=parts["dedup_id"] if queue.fifo else None,
        sequence_number=queue.sequence_number(seq) if queue.fifo else None,
    )
    queue.add(message, delay, now)
    if queue.fifo:
        queue.remember(message, now)
        result["SequenceNumber"] = message.sequence_number
    result["MessageId"] = message.message_id
    return result


def send_message(service: SqsService, params: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html"""
    queue = service.queue(params["QueueUrl"])
    policy.check_send(queue.attributes.get("Policy"), queue.arn, queue.url, caller)
    parts, delay = _prepare(queue, params)
    return _store(service, queue, parts, delay, sender_id(caller, service.cloud.account_id))


def send_message_batch(service: SqsService, params: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html"""
    queue = service.queue(params["QueueUrl"])
    policy.check_send(queue.attributes.get("Policy"), queue.arn, queue.url, caller)
    entries = params["Entries"]
    check_entries(entries, "SendMessageBatchRequestEntry")
    check_total_size(entries)
    sender = sender_id(caller, service.cloud.account_id)
    successful: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for entry in entries:
        try:
            parts, delay = _prepare(queue, entry)
        except ServiceError as error:
            failed.append(failure(entry["Id"], error, wire(error)[0]))
            continue
        successful.append({"Id": entry["Id"], **_store(service, queue, parts, delay, sender)})
    return {"Successful": successful, "Failed": failed}


# -- ReceiveMessage ------------------------------------------------------------------------------------------


def _dead_letter(service: SqsService, source: Queue) -> Any:
    """A function that moves a message of ``source`` to its dead-letter queue (False if that queue is gone)."""
    if source.dead_letter_arn is None:
        return None

    def move(message: Message) -> bool:
        target = service.by_arn(source.dead_letter_arn or "")
        if target is None:
            return False
        now = service.cloud.now
        target.refresh(now)
        seq = target.next_seq()
        moved = Message(
            seq=seq,
            message_id=message.message_id,
            body=message.body,
            md5_body=message.md5_body,
            attributes=message.attributes,
            md5_attributes=message.md5_attributes,
            system_attributes=message.system_attributes,
            md5_system=message.md5_system,
            sent_at=message.sent_at,
            sender_id=message.sender_id,
            enqueued_at=now if source.fifo else message.enqueued_at,
            group_id=message.group_id,
            deduplication_id=message.deduplication_id,
            sequence_number=message.sequence_number,
            dead_letter_source_arn=source.arn,
            receive_count=message.receive_count,
            first_received_at=message.first_received_at,
        )
        target.add(moved, 0, now)
        return True

    return move


def _output(queue: Queue, message: Message, system_names: frozenset[str], names: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "MessageId": message.message_id,
        "ReceiptHandle": message.handle,
        "MD5OfBody": message.md5_body,
        "Body": message.body,
    }
    if system_names:
        chosen = queue.system_attributes(message, system_names)
        if chosen:
            out["Attributes"] = chosen
    attributes = wanted_attributes(message, names)
    if attributes:
        out["MD5OfMessageAttributes"] = (
            message.md5_attributes if attributes is message.attributes else md5_of_attributes(attributes)
        )
        out["MessageAttributes"] = {k: dict(v) for k, v in attributes.items()}
    return out


def receive_message(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html"""
    queue = service.queue(params["QueueUrl"])
    count = params.get("MaxNumberOfMessages", 1)
    if not 1 <= count <= limits.SQS_RECEIVE_MAX_MESSAGES:
        raise invalid_value("MaxNumberOfMessages", count, "Must be between 1 and 10, if provided.")
    timeout = params.get("VisibilityTimeout")
    if timeout is None:
        timeout = queue.visibility_timeout
    elif not 0 <= timeout <= limits.SQS_VISIBILITY_TIMEOUT_MAX_S:
        raise invalid_value("VisibilityTimeout", timeout, "Must be >= 0 and <= 43200, if provided.")
    wait = params.get("WaitTimeSeconds")
    if wait is None:
        wait = queue.wait_time
    elif not 0 <= wait <= limits.SQS_WAIT_TIME_MAX_S:
        raise invalid_value("WaitTimeSeconds", wait, "Must be >= 0 and <= 20, if provided.")
    cloud = service.cloud
    move = _dead_letter(service, queue)
    messages = queue.receive(count, timeout, cloud.now, move)
    if not messages and wait > 0 and not cloud.simulating:
        deadline = cloud.now + wait
        while not messages and cloud.now < deadline:
            upcoming = [t for t in (cloud.kernel.peek(), queue.next_change()) if t is not None]
            cloud.run(until=min([deadline, *upcoming]))
            if service.queues.get(queue.name) is not queue:
                return {}  # deleted while we waited
            queue.refresh(cloud.now)
            messages = queue.receive(count, timeout, cloud.now, move)
    if not messages:
        return {}
    system_names = frozenset(params.get("MessageSystemAttributeNames") or ()) | frozenset(
        params.get("AttributeNames") or ()
    )
    names = params.get("MessageAttributeNames")
    return {"Messages": [_output(queue, m, system_names, names) for m in messages]}


# -- DeleteMessage / ChangeMessageVisibility -------------------------------------------------------------------


def _keep_copy(service: SqsService, queue: Queue) -> bool:
    rate = service.settings.duplicate_delivery_rate
    return bool(rate) and not queue.fifo and service.cloud.random.random() < rate


def delete_message(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html"""
    queue = service.queue(params["QueueUrl"])
    queue.delete(params["ReceiptHandle"], _keep_copy(service, queue))
    return {}


def delete_message_batch(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html"""
    queue = service.queue(params["QueueUrl"])
    entries = params["Entries"]
    check_entries(entries, "DeleteMessageBatchRequestEntry")
    successful: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for entry in entries:
        try:
            queue.delete(entry["ReceiptHandle"], _keep_copy(service, queue))
        except ServiceError as error:
            failed.append(failure(entry["Id"], error, wire(error)[0]))
            continue
        successful.append({"Id": entry["Id"]})
    return {"Successful": successful, "Failed": failed}


def _check_timeout(timeout: int) -> None:
    if not 0 <= timeout <= limits.SQS_VISIBILITY_TIMEOUT_MAX_S:
        raise invalid_value("VisibilityTimeout", timeout, "Must be between 0 and 43200, if provided.")


def change_message_visibility(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html"""
    queue = service.queue(params["QueueUrl"])
    _check_timeout(params["VisibilityTimeout"])
    queue.change_visibility(params["ReceiptHandle"], params["VisibilityTimeout"], service.cloud.now)
    return {}


def change_message_visibility_batch(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibilityBatch.html"""
    queue = service.queue(params["QueueUrl"])
    entries = params["Entries"]
    check_entries(entries, "ChangeMessageVisibilityBatchRequestEntry")
    successful: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for entry in entries:
        try:
            timeout = entry.get("VisibilityTimeout", 0)
            _check_timeout(timeout)
            queue.change_visibility(entry["ReceiptHandle"], timeout, service.cloud.now)
        except ServiceError as error:
            failed.append(failure(entry["Id"], error, wire(error)[0]))
            continue
        successful.append({"Id": entry["Id"]})
    return {"Successful": successful, "Failed": failed}
