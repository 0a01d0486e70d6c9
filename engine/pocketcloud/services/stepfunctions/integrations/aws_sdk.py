"""AWS SDK integrations: ``arn:aws:states:::aws-sdk:<service>:<action>`` for every simulated service.

The action is the API action in camelCase (``getSecretValue``) and the parameters are the API's PascalCase
members; pocketcloud calls the service's client method (``get_secret_value``) with them and returns the response
without ``ResponseMetadata``. https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html

Errors: "the error name is the service name followed by the exception name", ``<Service>.<Exception>``, where the
service name is the SDK's service ID without spaces (``SecretsManager``; ``DynamoDb`` and ``Sfn`` are spelled so),
the exception name ends in ``Exception``, and the cause is "<message> (Service: <Service>, Status Code: <n>,
Request ID: <id>)" (recorded in LocalStack's AWS snapshots, services/test_aws_sdk_task_service.snapshot.json).
Timestamps in responses become ISO 8601 strings and blobs base64 text, as they are in JSON.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from ....errors import ClientError
from ..errors import StatesError
from ..fibers import Step
from .base import TaskContext
from .service_call import ServiceCall, client_or_fail, invoke, snake_case

_ERROR_SERVICE_NAMES = {"dynamodb": "DynamoDb", "sfn": "Sfn", "stepfunctions": "Sfn"}
_CLIENT_NAMES = {"sfn": "stepfunctions"}


def service_error_name(service: str) -> str:
    if service.lower() in _ERROR_SERVICE_NAMES:
        return _ERROR_SERVICE_NAMES[service.lower()]
    try:
        from ....models import load

        return str(load(_CLIENT_NAMES.get(service, service)).metadata.get("serviceId", service)).replace(" ", "")
    except LookupError:
        return service


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "read"):
        return value.read().decode("utf-8", "replace")
    return value


class AwsSdk(ServiceCall):
    def __init__(self, service: str, action: str) -> None:
        self.service = service
        self.action = action
        self.method = snake_case(action)
        self.prefix = service_error_name(service)

    def error(self, err: ClientError) -> StatesError:
        code = err.response.get("Error", {}).get("Code", "")
        meta = err.response.get("ResponseMetadata", {})
        name = type(err).__name__
        exception = self.prefix if name == "ClientError" else (code or name)
        error = f"{self.prefix}.{exception}"
        if not error.endswith("Exception"):
            error += "Exception"
        message = err.response.get("Error", {}).get("Message", "")
        cause = (
            f"{message} (Service: {self.prefix}, Status Code: {meta.get('HTTPStatusCode', 400)}, "
            f"Request ID: {meta.get('RequestId', '')})"
        )
        return StatesError(error, cause)

    def request(self, ctx: TaskContext, params: Any) -> Step:
        client = client_or_fail(ctx, _CLIENT_NAMES.get(self.service, self.service))
        method = getattr(client, self.method, None)
        if method is None:
            raise StatesError(
                "States.Runtime", f"pocketcloud's {self.service} client has no action '{self.action}' yet."
            )
        return jsonable(invoke(method, params if params is not None else {}, self.error))
        yield
