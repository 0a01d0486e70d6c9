"""The request-response pattern shared by the optimized integrations (SQS, SNS, DynamoDB, aws-sdk, ...).

"Request Response: call a service, and let Step Functions progress to the next state immediately after it gets
an HTTP response." https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html

Each integration implements ``request(ctx, params)`` (a generator returning the service's response, raising
:class:`~..errors.StatesError` on failure); ``run`` wraps it in the Task events. The callback pattern wraps the
same ``request`` (see :mod:`.callbacks`).
"""

from __future__ import annotations

import re
from typing import Any

from ....errors import ClientError
from ..errors import StatesError
from ..fibers import Step
from .base import TaskContext

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])|(?<=[A-Z])([A-Z][a-z])")


def snake_case(action: str) -> str:
    """``getItem`` -> ``get_item``, ``listObjectsV2`` -> ``list_objects_v2`` (botocore's method names)."""
    name = _CAMEL.sub(lambda m: "_" + (m.group(1) or m.group(2)), action)
    return re.sub(r"(?<=[a-z])(\d+)$", r"_\1", name).lower().replace("__", "_")


def has_client(cloud: Any, service: str) -> bool:
    from ... import CLIENTS

    return service in CLIENTS


class ServiceCall:
    """Base for request-response integrations."""

    def request(self, ctx: TaskContext, params: Any) -> Step:
        raise NotImplementedError

    def run(self, ctx: TaskContext, params: Any) -> Step:
        ctx.scheduled(params)
        ctx.started()
        try:
            response = yield from self.request(ctx, params)
        except StatesError as err:
            if err.error in ("States.Timeout", "States.HeartbeatTimeout"):
                raise ctx.timed_out(err) from None
            raise ctx.failed(err.error, err.cause) from None
        return ctx.succeeded(response)


def client_or_fail(ctx: TaskContext, service: str) -> Any:
    if not has_client(ctx.execution.cloud, service):
        raise StatesError("States.Runtime", f"pocketcloud does not simulate the '{service}' service yet.")
    return ctx.execution.cloud.client(service)


def invoke(method: Any, params: dict[str, Any], error_name: Any) -> dict[str, Any]:
    """Call a client method, mapping ClientError and parameter errors with ``error_name(err) -> StatesError``."""
    from ....errors import ParamValidationError

    if not isinstance(params, dict):
        raise StatesError("States.Runtime", "The task parameters must be a JSON object.")
    try:
        response = method(**params)
    except ClientError as err:
        raise error_name(err) from None
    except ParamValidationError as exc:
        meta = {"HTTPStatusCode": 400, "RequestId": ""}
        failed = ClientError(
            {"Error": {"Code": "ValidationException", "Message": str(exc)}, "ResponseMetadata": meta}, ""
        )
        raise error_name(failed) from None
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def java_sdk_metadata(request_id: str, status: int = 200) -> dict[str, Any]:
    """``SdkHttpMetadata`` / ``SdkResponseMetadata`` as the optimized integrations add them (Java SDK v1)."""
    headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": request_id}
    return {
        "SdkHttpMetadata": {
            "AllHttpHeaders": {k: [v] for k, v in headers.items()},
            "HttpHeaders": headers,
            "HttpStatusCode": status,
        },
        "SdkResponseMetadata": {"RequestId": request_id},
    }
