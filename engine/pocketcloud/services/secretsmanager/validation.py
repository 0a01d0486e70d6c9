"""The checks Secrets Manager makes that no service model expresses.

Types, minimums, maximums and patterns come from botocore's model (:mod:`pocketcloud.validate` and
:mod:`pocketcloud.constraints`): an empty ``SecretString`` is refused before sending, a 65,537-character one by
the service in the "1 validation error detected" form, with the sensitive value left out. What remains here is
semantic: one value kind at a time, and the 65,536-*byte* quota for values whose UTF-8 form is longer than their
character count. https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ... import limits
from ...errors import ServiceError


def too_long(field: str, value: str | None, maximum: int) -> ServiceError:
    """The service's answer to a value over a shape's maximum; ``value=None`` for sensitive fields."""
    shown = "Value" if value is None else f"Value '{value}'"
    return ServiceError(
        "ValidationException",
        f"1 validation error detected: {shown} at '{field}' failed to satisfy constraint: Member must have length "
        f"less than or equal to {maximum}",
    )


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
    return None, bytes(binary)  # the client base has turned str and file-like values into bytes
