"""``arn:aws:states:::sqs:sendMessage``: send a message, optionally waiting for a task token.

"MessageBody: the message to send ... If the value is not a string it is serialized as JSON". The response is
SendMessage's (``MD5OfMessageBody``, ``MessageId``, ...) with the Java SDK's metadata; errors are
``SQS.<ErrorCode>`` (e.g. ``SQS.QueueDoesNotExistException``), recorded in LocalStack's AWS snapshots
(error_handling/test_task_service_sqs.snapshot.json). https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html
"""

from __future__ import annotations

from typing import Any

from ....errors import ClientError
from ..errors import StatesError
from ..fibers import Step
from ..intrinsics import to_json
from .base import TaskContext, java_v1_error
from .service_call import ServiceCall, client_or_fail, invoke, java_sdk_metadata


def _error(err: ClientError) -> StatesError:
    return java_v1_error(err, "SQS", "sqs", "AmazonSQSException", "AmazonSQS")


class SqsSendMessage(ServiceCall):
    def request(self, ctx: TaskContext, params: Any) -> Step:
        sqs = client_or_fail(ctx, "sqs")
        request = dict(params or {})
        if "MessageBody" in request and not isinstance(request["MessageBody"], str):
            request["MessageBody"] = to_json(request["MessageBody"])
        response = invoke(sqs.send_message, request, _error)
        return {**response, **java_sdk_metadata(ctx.execution.new_uuid())}
        yield
