"""BatchGetSecretValue: the values of up to 20 secrets, chosen by a list or by ListSecrets' filters.

"You must include Filters or SecretIdList, but not both"; MaxResults: "To use this parameter, you must also use
the Filters parameter"; a secret that cannot be read is reported in ``Errors`` ("If Secrets Manager encounters
errors such as AccessDeniedException while attempting to retrieve any of the secrets, you can see the errors in
Errors in the response") with the code and message GetSecretValue would give.
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
The two messages for misused parameters are the ones moto's tests quote (tests/test_secretsmanager).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from . import filters as secret_filters
from . import listing

if TYPE_CHECKING:
    from .service import SecretsManagerService


def _value(service: SecretsManagerService, secret_id: str) -> dict[str, Any]:
    found = service.get_secret_value({"SecretId": secret_id})
    keys = ("ARN", "Name", "VersionId", "SecretBinary", "SecretString", "VersionStages", "CreatedDate")
    return {k: found[k] for k in keys if k in found}


def batch_get_secret_value(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    ids = params.get("SecretIdList")
    chosen = params.get("Filters")
    if (ids is None) == (chosen is None):
        raise ServiceError(
            "InvalidParameterException", "Either 'SecretIdList' or 'Filters' must be provided, but not both."
        )
    if params.get("MaxResults") is not None and chosen is None:
        raise ServiceError(
            "InvalidParameterException",
            "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
        )
    next_token = None
    if ids is None:
        parsed = secret_filters.parse_filters(list(chosen or []))
        service._purge_expired()  # the clock's deletions happen first, as in every operation
        found = [
            s for s in service.secrets.values() if not s.scheduled_for_deletion and secret_filters.matches(s, parsed)
        ]
        ordered = listing.sorted_secrets(found, {})
        size = params.get("MaxResults", limits.SECRETSMANAGER_BATCH_MAX)
        start = _offset(params.get("NextToken"))
        page = ordered[start : start + size]
        if start + size < len(ordered):
            next_token = base64.urlsafe_b64encode(f"batch:{start + size}".encode()).decode()
        ids = [s.arn for s in page]
    values: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for secret_id in ids:
        try:
            values.append(_value(service, secret_id))
        except ServiceError as error:
            errors.append({"SecretId": secret_id, "ErrorCode": error.code, "Message": error.message})
    result: dict[str, Any] = {"SecretValues": values, "Errors": errors}
    if next_token is not None:
        result["NextToken"] = next_token
    return result


def _offset(token: str | None) -> int:
    if token is None:
        return 0
    try:
        kind, _, offset = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind != "batch":
            raise ValueError(token)
        return int(offset)
    except (ValueError, UnicodeDecodeError):
        raise ServiceError("InvalidNextTokenException", "The NextToken value is invalid.") from None
