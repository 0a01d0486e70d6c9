"""AWS SDK integrations: ``arn:aws:states:::aws-sdk:<service>:<action>`` for every simulated service.

The action is the API action in camelCase (``getSecretValue``) and the parameters are the API's PascalCase
members; pocketcloud calls the service's client method (``get_secret_value``) with them and returns the response
without ``ResponseMetadata``. https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html

Errors are ``<Service>.<Exception>``: the service name is the SDK's service ID without spaces (``SecretsManager``,
``S3``; ``DynamoDb`` and ``Sfn`` are spelled so); the exception is the modeled error's shape name with ``Exception``
appended when missing (``S3.NoSuchBucketException``), or the SDK's generic ``<Service>Exception`` for errors the
model does not declare (``DynamoDb.DynamoDbException`` for a validation error); the cause is "<message>
(Service: <Service>, Status Code: <n>, Request ID: <id>[, Extended Request ID: <id>])". Recorded against AWS in
LocalStack's error_handling/test_aws_sdk.snapshot.json.
Timestamps in responses become ISO 8601 strings and blobs base64 text, as they are in JSON.
"""

from __future__ import annotations

import base64
import functools
from datetime import datetime
from typing import Any

from ....errors import ClientError
from ..errors import StatesError
from ..fibers import Step
from .base import TaskContext
from .service_call import ServiceCall, client_or_fail, snake_case

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


@functools.cache
def _modeled_errors(service: str) -> dict[str, str]:
    """Error code -> exception shape name, for every error the service's model declares."""
    try:
        from ....models import load

        model = load(service)
    except LookupError:
        return {}
    found: dict[str, str] = {}
    for name in model.error_names:
        code = model.shapes.get(name, {}).get("error", {}).get("code", name)
        found[code] = name
        found[name] = name
    return found


class AwsSdk(ServiceCall):
    def __init__(self, service: str, action: str) -> None:
        self.service = service
        self.action = action
        self.method = snake_case(action)
        self.prefix = service_error_name(service)

    def error(self, err: ClientError) -> StatesError:
        """``<Service>.<ModeledException>`` for an error the service's model names (``S3.NoSuchBucketException``),
        else the SDK's generic ``<Service>.<Service>Exception`` (``SecretsManager.SecretsManagerException`` for a
        validation error), as recorded from AWS (localstack: error_handling/test_aws_sdk.snapshot.json)."""
        code = err.response.get("Error", {}).get("Code", "")
        meta = err.response.get("ResponseMetadata", {})
        shape = _modeled_errors(_CLIENT_NAMES.get(self.service, self.service)).get(code)
        exception = shape or self.prefix
        error = f"{self.prefix}.{exception}"
        if not error.endswith("Exception"):
            error += "Exception"
        message = err.response.get("Error", {}).get("Message", "")
        details = [f"Service: {self.prefix}", f"Status Code: {meta.get('HTTPStatusCode', 400)}"]
        details.append(f"Request ID: {meta.get('RequestId', '')}")
        if meta.get("HostId"):
            details.append(f"Extended Request ID: {meta['HostId']}")
        return StatesError(error, f"{message} ({', '.join(details)})")

    def request(self, ctx: TaskContext, params: Any) -> Step:
        client = client_or_fail(ctx, _CLIENT_NAMES.get(self.service, self.service))
        method = getattr(client, self.method, None)
        if method is None:
            raise StatesError(
                "States.Runtime", f"pocketcloud's {self.service} client has no action '{self.action}' yet."
            )
        from ....errors import ParamValidationError

        try:
            response = method(**(params if isinstance(params, dict) else {}))
        except ClientError as err:
            raise self.error(err) from None
        except ParamValidationError as exc:
            meta = {"HTTPStatusCode": 400, "RequestId": ctx.execution.new_uuid()}
            failed = ClientError(
                {"Error": {"Code": "ValidationException", "Message": str(exc)}, "ResponseMetadata": meta}, ""
            )
            raise self.error(failed) from None
        return jsonable({k: v for k, v in response.items() if k != "ResponseMetadata"})
        yield
