"""ListSecrets ordering and paging: SortBy/SortOrder, MaxResults and an opaque NextToken.

"If there are more results available, in the response, Secrets Manager includes NextToken. To get the next
results, call ListSecrets again with the value from NextToken." Secrets are listed by CreatedDate unless SortBy
names another field (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html).
Neither the default order nor the default page size is documented; pocketcloud uses ascending order and the
maximum page, 100. Secrets created at the same virtual instant keep their creation order.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from ... import limits
from ...errors import ServiceError
from .models import Secret

_SORT_KEYS: dict[str, Callable[[Secret], tuple[Any, int]]] = {
    "created-date": lambda s: (s.created, s.sequence),
    "last-accessed-date": lambda s: (s.last_accessed if s.last_accessed is not None else -1.0, s.sequence),
    "last-changed-date": lambda s: (s.last_changed, s.sequence),
    "name": lambda s: (s.name, s.sequence),
}


def _enum_error(value: Any, field: str, allowed: list[str]) -> ServiceError:
    return ServiceError(
        "ValidationException",
        f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must "
        f"satisfy enum value set: [{', '.join(allowed)}]",
    )


def sorted_secrets(secrets: list[Secret], params: dict[str, Any]) -> list[Secret]:
    sort_by = params.get("SortBy", "created-date")
    order = params.get("SortOrder", "asc")
    if sort_by not in _SORT_KEYS:
        raise _enum_error(sort_by, "sortBy", list(_SORT_KEYS))
    if order not in ("asc", "desc"):
        raise _enum_error(order, "sortOrder", ["asc", "desc"])
    return sorted(secrets, key=_SORT_KEYS[sort_by], reverse=order == "desc")


def _decode(token: str | None) -> int:
    if token is None:
        return 0
    try:
        kind, _, offset = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind != "offset":
            raise ValueError(token)
        return int(offset)
    except (ValueError, UnicodeDecodeError):
        # The words of the API reference's InvalidNextTokenException: "The NextToken value is invalid."
        raise ServiceError("InvalidNextTokenException", "The NextToken value is invalid.") from None


def page(secrets: list[Secret], params: dict[str, Any]) -> tuple[list[Secret], str | None]:
    """One page of ``secrets`` and the NextToken for the rest (None on the last page)."""
    max_results = params.get("MaxResults", limits.SECRETSMANAGER_LIST_MAX_RESULTS)
    start = _decode(params.get("NextToken"))
    end = start + max_results
    next_token = base64.urlsafe_b64encode(f"offset:{end}".encode()).decode() if end < len(secrets) else None
    return secrets[start:end], next_token
