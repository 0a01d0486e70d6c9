"""``arn:aws:states:::sns:publish``: publish to a topic, optionally waiting for a task token.

A non-string ``Message`` is serialized as JSON. Errors are ``SNS.<ErrorCode>`` with the Java SDK cause text.
https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html
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
    return java_v1_error(err, "SNS", "sns", "AmazonSNSException", "AmazonSNS")


class SnsPublish(ServiceCall):
    def request(self, ctx: TaskContext, params: Any) -> Step:
        sns = client_or_fail(ctx, "sns")
        request = dict(params or {})
        if "Message" in request and not isinstance(request["Message"], str):
            request["Message"] = to_json(request["Message"])
        response = invoke(sns.publish, request, _error)
        return {**response, **java_sdk_metadata(ctx.execution.new_uuid())}
        yield
