"""CreateFunction parameter checks, failing with the codes and messages Lambda's API returns.

Lambda reports constraint violations on simple fields as ``ValidationException`` in the AWS "1 validation error
detected" form, and semantic problems (an unusable zip, reserved environment variable keys, a deprecated
runtime) as ``InvalidParameterValueException``. Learners see the same words they would see from AWS.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ... import limits
from ...errors import ParamValidationError, ServiceError

_ROLE = re.compile(r"^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$")
_HANDLER = re.compile(r"^[^\s]+$")
_ENV_KEY = re.compile(r"^[a-zA-Z]([a-zA-Z0-9_])+$")

#: Keys Lambda sets itself and refuses in a function's configuration.
#: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
RESERVED_ENV_KEYS = frozenset(
    {
        "_HANDLER",
        "_X_AMZN_TRACE_ID",
        "AWS_DEFAULT_REGION",
        "AWS_REGION",
        "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR",
        # Newer keys on the same page (checked 2026-12-01): Managed Instances' concurrency, the metadata endpoint.
        "AWS_LAMBDA_MAX_CONCURRENCY",
        "AWS_LAMBDA_METADATA_API",
        "AWS_LAMBDA_METADATA_TOKEN",
    }
)


def _constraint(value: Any, field: str, constraint: str) -> ServiceError:
    return ServiceError(
        "ValidationException",
        f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}",
    )


def _check_int_range(value: Any, field: str, low: int, high: int) -> int:
    """An integer field within [low, high], refused in the AWS "1 validation error detected" form."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise _constraint(value, field, "Member must be an integer")
    if value < low:
        raise _constraint(value, field, f"Member must have value greater than or equal to {low}")
    if value > high:
        raise _constraint(value, field, f"Member must have value less than or equal to {high}")
    return value


def check_memory(memory: Any) -> int:
    return _check_int_range(memory, "memorySize", limits.LAMBDA_MEMORY_MIN_MB, limits.LAMBDA_MEMORY_MAX_MB)


def check_timeout(timeout: Any) -> int:
    return _check_int_range(timeout, "timeout", limits.LAMBDA_TIMEOUT_MIN_S, limits.LAMBDA_TIMEOUT_MAX_S)


def check_runtime(runtime: Any) -> str:
    if runtime in limits.LAMBDA_PYTHON_RUNTIMES:
        return str(runtime)
    if runtime in limits.LAMBDA_DEPRECATED_PYTHON_RUNTIMES:
        raise ServiceError(
            "InvalidParameterValueException",
            f"The runtime parameter of {runtime} is no longer supported for creating or updating AWS Lambda "
            "functions. We recommend you use a supported runtime while creating or updating functions.",
        )
    raise ServiceError(
        "InvalidParameterValueException",
        f"Value {runtime} at 'runtime' is not supported by pocketcloud, which runs Python functions only. "
        f"Use one of: {', '.join(limits.LAMBDA_PYTHON_RUNTIMES)}",
    )


def check_role(role: Any) -> str:
    if not isinstance(role, str) or not _ROLE.match(role):
        raise _constraint(
            role,
            "role",
            "Member must satisfy regular expression pattern: "
            "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
        )
    return role


def check_handler(handler: Any) -> str:
    if not isinstance(handler, str) or not handler or len(handler) > 128 or not _HANDLER.match(handler):
        raise _constraint(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+")
    return handler


def check_environment(environment: Any) -> dict[str, str]:
    """Validate ``Environment={"Variables": {...}}``: string values, no reserved keys, at most 4 KB in all."""
    if environment is None:
        return {}
    if not isinstance(environment, dict) or set(environment) - {"Variables"}:
        raise ServiceError("InvalidParameterValueException", "Environment must be {'Variables': {...}}")
    variables = environment.get("Variables") or {}
    if not isinstance(variables, dict):
        raise ServiceError("InvalidParameterValueException", "Environment.Variables must be a map of strings")
    for key, value in variables.items():
        if not isinstance(key, str) or not _ENV_KEY.match(key):
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
                f"Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                f"[a-zA-Z]([a-zA-Z0-9_])+] (key {key!r})",
            )
        if not isinstance(value, str):
            # boto3 refuses non-string values before sending anything, with botocore's wording.
            raise ParamValidationError(
                f"Invalid type for parameter Environment.Variables.{key}, value: {value!r}, "
                f"type: {type(value)}, valid types: {str}"
            )
    reserved = sorted(set(variables) & RESERVED_ENV_KEYS)
    if reserved:
        raise ServiceError(
            "InvalidParameterValueException",
            "Lambda was unable to configure your environment variables because the environment variables you "
            "have provided contains reserved keys that are currently not supported for modification. "
            f"Reserved keys used in this request: {', '.join(reserved)}",
        )
    measured = json.dumps(variables, separators=(",", ":"))
    if len(measured.encode("utf-8")) > limits.LAMBDA_ENV_VARS_MAX_BYTES:
        raise ServiceError(
            "InvalidParameterValueException",
            "Lambda was unable to configure your environment variables because the environment variables you "
            f"have provided exceeded the 4KB limit. String measured: {measured}",
        )
    return dict(variables)
