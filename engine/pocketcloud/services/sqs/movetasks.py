"""Dead-letter queue redrive: StartMessageMoveTask, CancelMessageMoveTask, ListMessageMoveTasks.

"Moves messages from a source queue to a destination queue ... This action is currently limited to
supporting message redrive from queues that are configured as dead-letter queues (DLQs) of other Amazon SQS
queues only"; without a DestinationArn "the messages are moved back to their original source queues"; "Only
one active message movement task is supported per queue at any given time"; MaxNumberOfMessagesPerSecond
"The maximum number of messages per second is 500."
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasks.html

A task moves one visible message per tick on the virtual clock, at its MaxNumberOfMessagesPerSecond (without
one, AWS picks a "system optimized" rate: pocketcloud uses 500 per second), and completes when the source has no
visible message left. Run the clock (``cloud.run``) to let it work. A moved message keeps its MessageId, body
and attributes and starts afresh in the destination (receive count 0, enqueued at the move). Error wordings:
LocalStack's SQS provider, tested against AWS.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import epoch_millis
from .errors import invalid_parameter_value
from .messages import Message

if TYPE_CHECKING:
    from .queue import Queue
    from .service import SqsService

_MAX_RATE = 500
_DEFAULT_RATE = 500


@dataclass
class MoveTask:
    task_id: str
    source_arn: str
    destination_arn: str | None
    rate: int | None
    started_at: float
    to_move: int
    moved: int = 0
    status: str = "RUNNING"
    failure: str | None = None

    @property
    def handle(self) -> str:
        doc = json.dumps({"taskId": self.task_id, "sourceArn": self.source_arn}, separators=(",", ":"))
        return base64.b64encode(doc.encode()).decode()


def _tasks(service: SqsService) -> list[MoveTask]:
    tasks: list[MoveTask] = service.move_tasks
    return tasks


def _not_found(parameter: str) -> ServiceError:
    message = f"The resource that you specified for the {parameter} parameter doesn't exist."
    return ServiceError("ResourceNotFoundException", message, 404)


def start_message_move_task(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    source = service.by_arn(params["SourceArn"])
    if source is None:
        raise _not_found("SourceArn")
    if not any(q.dead_letter_arn == source.arn for q in service.queues.values()):
        raise invalid_parameter_value("Source queue must be configured as a Dead Letter Queue.")
    destination_arn = params.get("DestinationArn")
    if destination_arn is not None and service.by_arn(destination_arn) is None:
        raise _not_found("DestinationArn")
    rate = params.get("MaxNumberOfMessagesPerSecond")
    if rate is not None and not 1 <= rate <= _MAX_RATE:
        raise invalid_parameter_value(
            f"Value {rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number "
            f"that's between 1 and {_MAX_RATE}."
        )
    tasks = _tasks(service)
    if any(t.source_arn == source.arn and t.status in ("RUNNING", "CANCELLING") for t in tasks):
        raise invalid_parameter_value(
            "There is already a task running. Only one active task is allowed for a source queue arn at a given time."
        )
    source.refresh(service.cloud.now)
    now = service.cloud.now
    task = MoveTask(service.cloud.new_request_id(), source.arn, destination_arn, rate, now, source.n_visible)
    tasks.append(task)
    service.cloud.kernel.schedule(0.0, _tick, service, task)
    return {"TaskHandle": task.handle}


def _tick(service: SqsService, task: MoveTask) -> None:
    if task.status != "RUNNING":
        return
    now = service.cloud.now
    source = service.by_arn(task.source_arn)
    if source is None:
        task.status, task.failure = "FAILED", "AWS.SimpleQueueService.NonExistentQueue"
        return
    source.refresh(now)
    taken = source.receive(1, 0, now, None)
    if not taken:
        task.status = "COMPLETED"
        return
    message = taken[0]
    target_arn = task.destination_arn or message.dead_letter_source_arn
    target = service.by_arn(target_arn) if target_arn else None
    if target is None:
        source.change_visibility(message.handle or "", 0, now)
        task.status, task.failure = "FAILED", "AWS.SimpleQueueService.NonExistentQueue"
        return
    source.remove(message)
    _deliver(target, message, now)
    task.moved += 1
    service.cloud.kernel.schedule(1.0 / (task.rate or _DEFAULT_RATE), _tick, service, task)


def _deliver(target: Queue, message: Message, now: float) -> None:
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
        enqueued_at=now,
        group_id=message.group_id,
        deduplication_id=message.deduplication_id,
        sequence_number=target.sequence_number(seq) if target.fifo else None,
    )
    target.add(moved, 0, now)


def _entry(task: MoveTask) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "SourceArn": task.source_arn,
        "Status": task.status,
        "StartedTimestamp": epoch_millis(task.started_at),
        "ApproximateNumberOfMessagesMoved": task.moved,
        "ApproximateNumberOfMessagesToMove": task.to_move,
    }
    if task.status == "RUNNING":
        entry["TaskHandle"] = task.handle
    if task.destination_arn is not None:
        entry["DestinationArn"] = task.destination_arn
    if task.rate is not None:
        entry["MaxNumberOfMessagesPerSecond"] = task.rate
    if task.failure is not None:
        entry["FailureReason"] = task.failure
    return entry


def list_message_move_tasks(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    """The source's tasks, most recent first; MaxResults 1 to 10 (default 1)."""
    source = service.by_arn(params["SourceArn"])
    if source is None:
        raise _not_found("SourceArn")
    limit = params.get("MaxResults", 1)
    if not 1 <= limit <= 10:
        reason = "You must enter a number that's between 1 and 10."
        raise invalid_parameter_value(f"Value {limit} for parameter MaxResults is invalid. Reason: {reason}")
    tasks = [t for t in reversed(_tasks(service)) if t.source_arn == source.arn]
    return {"Results": [_entry(t) for t in tasks[:limit]]}


def cancel_message_move_task(service: SqsService, params: dict[str, Any]) -> dict[str, Any]:
    handle = params["TaskHandle"]
    try:
        doc = json.loads(base64.b64decode(handle, validate=True))
        task_id = doc["taskId"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise invalid_parameter_value("Value for parameter TaskHandle is invalid.") from None
    task = next((t for t in _tasks(service) if t.task_id == task_id), None)
    if task is None or task.status != "RUNNING":
        raise ServiceError("ResourceNotFoundException", "Task does not exist.", 404)
    task.status = "CANCELLED"
    return {"ApproximateNumberOfMessagesMoved": task.moved}
