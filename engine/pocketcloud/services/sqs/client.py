"""``cloud.client("sqs")``: Amazon SQS with boto3's operation and parameter names.

Each method names its AWS operation and hands the checked request to :mod:`.service` (queues) or
:mod:`.messaging` (messages). Errors reach the caller as boto3 shows them on SQS's JSON protocol (see
:mod:`.errors`): ``except sqs.exceptions.QueueDoesNotExist`` catches a missing queue, whose
``e.response["Error"]["Code"]`` reads ``AWS.SimpleQueueService.NonExistentQueue``.

SQS checks its own parameters and answers with its own codes (``InvalidParameterValue``,
``InvalidAttributeName`` ...), not with a front-end ``ValidationException``: ``validation_error_code`` is None.

Not simulated: AddPermission/RemovePermission (cross-account grants; a queue policy set with SetQueueAttributes
works), KMS encryption (KmsMasterKeyId is stored and reported, nothing is encrypted), fair-queue throughput.
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from ...errors import ClientError, ServiceError
from . import messaging, movetasks
from .errors import wire
from .service import SqsService


class SqsClient(BaseClient):
    """A boto3-shaped SQS client. Every call goes to the cloud's one SQS state."""

    service_name = "sqs"
    validation_error_code = None

    @property
    def _service(self) -> SqsService:
        service: SqsService = self._cloud.backend("sqs", SqsService)
        return service

    def _client_error(self, operation_name: str, err: ServiceError) -> ClientError:
        """The error as botocore parses SQS's JSON-protocol answer: the Query code in ``Error.Code``, the modeled
        shape in ``Error.QueryErrorCode`` (which picks the ``client.exceptions`` class) and ``Error.Type``."""
        code, extra = wire(err)
        status = err.status if err.status is not None else 400
        response: dict[str, Any] = {
            "Error": {"Code": code, "Message": err.message, **extra},
            "ResponseMetadata": {
                "HTTPStatusCode": status,
                "RequestId": self._cloud.new_request_id(),
                "RetryAttempts": 0,
            },
        }
        return self.exceptions.from_code(err.code)(response, operation_name)

    # -- queues ------------------------------------------------------------------------------------------------
    @operation("CreateQueue")
    def create_queue(self, **params: Any) -> dict[str, Any]:
        """Create a standard queue, or a FIFO queue (``Attributes={"FifoQueue": "true"}``, a name ending in .fifo)."""
        return self._service.create_queue(params)

    @operation("GetQueueUrl")
    def get_queue_url(self, **params: Any) -> dict[str, Any]:
        return self._service.get_queue_url(params)

    @operation("ListQueues")
    def list_queues(self, **params: Any) -> dict[str, Any]:
        return self._service.list_queues(params)

    @operation("GetQueueAttributes")
    def get_queue_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.get_queue_attributes(params)

    @operation("SetQueueAttributes")
    def set_queue_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.set_queue_attributes(params)

    @operation("TagQueue")
    def tag_queue(self, **params: Any) -> dict[str, Any]:
        return self._service.tag_queue(params)

    @operation("UntagQueue")
    def untag_queue(self, **params: Any) -> dict[str, Any]:
        return self._service.untag_queue(params)

    @operation("ListQueueTags")
    def list_queue_tags(self, **params: Any) -> dict[str, Any]:
        return self._service.list_queue_tags(params)

    @operation("ListDeadLetterSourceQueues")
    def list_dead_letter_source_queues(self, **params: Any) -> dict[str, Any]:
        return self._service.list_dead_letter_source_queues(params)

    @operation("PurgeQueue")
    def purge_queue(self, **params: Any) -> dict[str, Any]:
        return self._service.purge_queue(params)

    @operation("DeleteQueue")
    def delete_queue(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_queue(params)

    # -- messages ----------------------------------------------------------------------------------------------
    @operation("SendMessage")
    def send_message(self, **params: Any) -> dict[str, Any]:
        return messaging.send_message(self._service, params, self._caller)

    @operation("SendMessageBatch")
    def send_message_batch(self, **params: Any) -> dict[str, Any]:
        return messaging.send_message_batch(self._service, params, self._caller)

    @operation("ReceiveMessage")
    def receive_message(self, **params: Any) -> dict[str, Any]:
        """Receive up to MaxNumberOfMessages; with a wait time, from outside the simulation, the clock runs
        until a message arrives or the wait ends (see :mod:`.messaging`)."""
        return messaging.receive_message(self._service, params)

    @operation("DeleteMessage")
    def delete_message(self, **params: Any) -> dict[str, Any]:
        return messaging.delete_message(self._service, params)

    @operation("DeleteMessageBatch")
    def delete_message_batch(self, **params: Any) -> dict[str, Any]:
        return messaging.delete_message_batch(self._service, params)

    @operation("ChangeMessageVisibility")
    def change_message_visibility(self, **params: Any) -> dict[str, Any]:
        return messaging.change_message_visibility(self._service, params)

    @operation("ChangeMessageVisibilityBatch")
    def change_message_visibility_batch(self, **params: Any) -> dict[str, Any]:
        return messaging.change_message_visibility_batch(self._service, params)

    # -- dead-letter queue redrive ------------------------------------------------------------------------------
    @operation("StartMessageMoveTask")
    def start_message_move_task(self, **params: Any) -> dict[str, Any]:
        return movetasks.start_message_move_task(self._service, params)

    @operation("CancelMessageMoveTask")
    def cancel_message_move_task(self, **params: Any) -> dict[str, Any]:
        return movetasks.cancel_message_move_task(self._service, params)

    @operation("ListMessageMoveTasks")
    def list_message_move_tasks(self, **params: Any) -> dict[str, Any]:
        return movetasks.list_message_move_tasks(self._service, params)
