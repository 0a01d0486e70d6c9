"""Parameter checks in the two places AWS makes them: in botocore before sending, and in the service.

botocore checks types and *minimum* lengths and values against the service model before a request leaves the
machine, and raises ``ParamValidationError`` (e.g. an empty ``SecretString``, or ``MaxResults=0``). Maximums are
the service's job: it answers ``ValidationException`` in the "1 validation error detected" form, leaving the value
out for sensitive fields ("Value at 'secretString' failed to satisfy constraint ..."). Learners see the same
error, from the same layer, as they would with boto3. Shapes come from the Secrets Manager API reference,
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Operations.html.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ... import limits
from ...errors import ParamValidationError, ServiceError

_STR = "<class 'str'>"
_INT = "<class 'int'>"
_BOOL = "<class 'bool'>"
_LIST = "<class 'list'>, <class 'tuple'>"
_DICT = "<class 'dict'>"
_BLOB = "<class 'bytes'>, <class 'bytearray'>, file-like object"


class _Report:
    """botocore's ParamValidator report: every problem in the request, one per line."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def type_error(self, name: str, value: Any, valid: str) -> None:
        self.problems.append(
            f"Invalid type for parameter {name}, value: {value}, type: {type(value)}, valid types: {valid}"
        )

    def string(self, name: str, value: Any, min_length: int = 0) -> None:
        if not isinstance(value, str):
            self.type_error(name, value, _STR)
        elif len(value) < min_length:
            self.problems.append(
                f"Invalid length for parameter {name}, value: {len(value)}, valid min length: {min_length}"
            )

    def integer(self, name: str, value: Any, minimum: int | None = None) -> None:
        if not isinstance(value, int):
            self.type_error(name, value, _INT)
        elif minimum is not None and value < minimum:
            self.problems.append(f"Invalid value for parameter {name}, value: {value}, valid min value: {minimum}")

    def boolean(self, name: str, value: Any) -> None:
        if not isinstance(value, bool):
            self.type_error(name, value, _BOOL)

    def blob(self, name: str, value: Any) -> None:
        if not isinstance(value, (bytes, bytearray, str)) and not hasattr(value, "read"):
            self.type_error(name, value, _BLOB)

    def string_list(self, name: str, value: Any, min_items: int, min_length: int) -> None:
        if not isinstance(value, (list, tuple)):
            self.type_error(name, value, _LIST)
            return
        if len(value) < min_items:
            self.problems.append(
                f"Invalid length for parameter {name}, value: {len(value)}, valid min length: {min_items}"
            )
        for i, item in enumerate(value):
            self.string(f"{name}[{i}]", item, min_length)

    def structures(self, name: str, value: Any, members: dict[str, Callable[[str, Any], None]]) -> None:
        if not isinstance(value, (list, tuple)):
            self.type_error(name, value, _LIST)
            return
        for i, item in enumerate(value):
            item_name = f"{name}[{i}]"
            if not isinstance(item, dict):
                self.type_error(item_name, item, _DICT)
                continue
            for key, member_value in item.items():
                if key not in members:
                    self.problems.append(
                        f'Unknown parameter in {item_name}: "{key}", must be one of: {", ".join(members)}'
                    )
                else:
                    members[key](f"{item_name}.{key}", member_value)


def _tag_members(report: _Report) -> dict[str, Callable[[str, Any], None]]:
    return {"Key": lambda n, v: report.string(n, v, 1), "Value": lambda n, v: report.string(n, v)}


def _filter_members(report: _Report) -> dict[str, Callable[[str, Any], None]]:
    return {"Key": lambda n, v: report.string(n, v), "Values": lambda n, v: report.string_list(n, v, 1, 0)}


def check_client_side(params: dict[str, Any]) -> None:
    """Raise ParamValidationError, as botocore would, for wrong types and values under a shape's minimum."""
    report = _Report()
    minimums = {
        "Name": 1,
        "SecretId": 1,
        "SecretString": 1,
        "VersionStage": 1,
        "NextToken": 1,
        "ClientRequestToken": limits.SECRETSMANAGER_CLIENT_REQUEST_TOKEN_MIN_LENGTH,
        "VersionId": limits.SECRETSMANAGER_CLIENT_REQUEST_TOKEN_MIN_LENGTH,
    }
    for name, value in params.items():
        if name in ("SecretBinary",):
            report.blob(name, value)
        elif name in ("RecoveryWindowInDays",):
            report.integer(name, value)
        elif name == "MaxResults":
            report.integer(name, value, 1)
        elif name in ("ForceDeleteWithoutRecovery", "IncludePlannedDeletion"):
            report.boolean(name, value)
        elif name == "VersionStages":
            report.string_list(name, value, 1, 1)
        elif name == "Tags":
            report.structures(name, value, _tag_members(report))
        elif name == "Filters":
            report.structures(name, value, _filter_members(report))
        else:
            report.string(name, value, minimums.get(name, 0))
    if report.problems:
        raise ParamValidationError("\n".join(report.problems))


def too_long(field: str, value: str | None, maximum: int) -> ServiceError:
    """The service's answer to a value over a shape's maximum; ``value=None`` for sensitive fields."""
    shown = "Value" if value is None else f"Value '{value}'"
    return ServiceError(
        "ValidationException",
        f"1 validation error detected: {shown} at '{field}' failed to satisfy constraint: Member must have length "
        f"less than or equal to {maximum}",
    )


def check_lengths(params: dict[str, Any]) -> None:
    """Service-side maximums for the string fields every operation shares."""
    token = params.get("ClientRequestToken")
    if token is not None and len(token) > limits.SECRETSMANAGER_CLIENT_REQUEST_TOKEN_MAX_LENGTH:
        raise too_long("clientRequestToken", token, limits.SECRETSMANAGER_CLIENT_REQUEST_TOKEN_MAX_LENGTH)
    description = params.get("Description")
    if description is not None and len(description) > limits.SECRETSMANAGER_DESCRIPTION_MAX_LENGTH:
        raise too_long("description", description, limits.SECRETSMANAGER_DESCRIPTION_MAX_LENGTH)


def secret_value(params: dict[str, Any], *, required: bool) -> tuple[str | None, bytes | None]:
    """The request's SecretString or SecretBinary, checked as Secrets Manager checks them.

    Both at once is refused ("Either SecretString or SecretBinary must have a value, but not both",
    API_CreateSecret); PutSecretValue needs one of them. A value over the 65,536-byte quota fails with the
    service's length constraint, which never echoes a sensitive value.
    """
    text = params.get("SecretString")
    binary = params.get("SecretBinary")
    if text is not None and binary is not None:
        raise ServiceError(
            "InvalidParameterException",
            "You can't specify both a binary secret value and a string secret value in the same secret.",
        )
    if required and text is None and binary is None:
        raise ServiceError("InvalidRequestException", "You must provide either SecretString or SecretBinary.")
    maximum = limits.SECRETSMANAGER_SECRET_VALUE_MAX_BYTES
    if text is not None and len(text.encode("utf-8")) > maximum:
        raise too_long("secretString", None, maximum)
    if binary is None:
        return text, None
    if hasattr(binary, "read"):
        binary = binary.read()
    data = binary.encode("utf-8") if isinstance(binary, str) else bytes(binary)
    if not data:
        raise ServiceError(
            "ValidationException",
            "1 validation error detected: Value at 'secretBinary' failed to satisfy constraint: Member must have "
            "length greater than or equal to 1",
        )
    if len(data) > maximum:
        raise too_long("secretBinary", None, maximum)
    return None, data
