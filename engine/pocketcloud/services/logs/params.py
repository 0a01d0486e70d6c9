"""Parameter checks for the Logs API, split where boto3 splits them.

botocore rejects a wrong *type* and a value *below a shape's minimum* before the request leaves the machine
(``ParamValidationError``, with botocore's exact wording); everything else — maximums, name patterns — is the
service's job and comes back as ``InvalidParameterException`` with AWS's "1 validation error detected" message.
Keeping that split means a learner's ``except`` clauses behave the same against pocketcloud and AWS. The shapes
(minimums, maximums, patterns) are those of the CloudWatch Logs API reference, collected in :mod:`pocketcloud.limits`.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import ParamValidationError, ServiceError


def _type_error(name: str, value: Any, *types: type) -> ParamValidationError:
    valid = ", ".join(str(t) for t in types)
    return ParamValidationError(
        f"Invalid type for parameter {name}, value: {value}, type: {type(value)}, valid types: {valid}"
    )


def _constraint(name: str, value: Any, constraint: str) -> ServiceError:
    return ServiceError(
        "InvalidParameterException",
        f"1 validation error detected: Value '{value}' at '{name}' failed to satisfy constraint: {constraint}",
    )


def integer(params: dict[str, Any], name: str, minimum: int, maximum: int | None = None) -> int | None:
    """An optional integer (or long timestamp) parameter; ``None`` when absent."""
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, int):
        raise _type_error(name, value, int)
    if value < minimum:
        raise ParamValidationError(f"Invalid value for parameter {name}, value: {value}, valid min value: {minimum}")
    if maximum is not None and value > maximum:
        raise _constraint(name, value, f"Member must have value less than or equal to {maximum}")
    return value


def boolean(params: dict[str, Any], name: str, default: bool = False) -> bool:
    value = params.get(name, default)
    if not isinstance(value, bool):
        raise _type_error(name, value, bool)
    return value


def string(
    params: dict[str, Any], name: str, max_length: int, pattern: str | None = None, *, required: bool = False
) -> str | None:
    """An optional string parameter checked against its shape: min length 1, ``max_length``, ``pattern``."""
    value = params.get(name)
    if value is None:
        if required:
            raise ParamValidationError(f'Missing required parameter in input: "{name}"')
        return None
    if not isinstance(value, str):
        raise _type_error(name, value, str)
    if not value:
        raise ParamValidationError(f"Invalid length for parameter {name}, value: 0, valid min length: 1")
    if len(value) > max_length:
        raise _constraint(name, value, f"Member must have length less than or equal to {max_length}")
    if pattern is not None and not re.fullmatch(pattern, value):
        raise _constraint(name, value, f"Member must satisfy regular expression pattern: {pattern}")
    return value


def string_list(params: dict[str, Any], name: str, max_items: int) -> list[str] | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        raise _type_error(name, value, list, tuple)
    if not value:
        raise ParamValidationError(f"Invalid length for parameter {name}, value: 0, valid min length: 1")
    if len(value) > max_items:
        raise _constraint(name, list(value), f"Member must have length less than or equal to {max_items}")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise _type_error(f"{name}[{i}]", item, str)
    return list(value)
