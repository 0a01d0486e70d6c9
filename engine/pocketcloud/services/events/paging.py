"""Paging for ListEventBuses, ListRules, ListTargetsByRule and ListRuleNamesByTarget: ``Limit`` (1-100) and an
opaque ``NextToken``.

"Limit: The maximum number of results to return"; a response has ``NextToken`` when more results remain.
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html
Without ``Limit`` a page holds up to 100 items (a pocketcloud model: AWS documents no default). A token that was
not made here is refused with ValidationException "The NextToken provided is invalid." (pocketcloud's wording;
AWS's is not quoted anywhere public).
"""

from __future__ import annotations

import base64
import json
from typing import Any, TypeVar

from .arns import validation

T = TypeVar("T")
DEFAULT_PAGE = 100


def _start(token: str, kind: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8"))
        if data.get("kind") != kind:
            raise ValueError(kind)
        return int(data["offset"])
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeError):
        raise validation("The NextToken provided is invalid.") from None


def page(items: list[T], params: dict[str, Any], kind: str) -> tuple[list[T], str | None]:
    """The page of ``items`` the request asks for, and the token of the next one (None when none is left)."""
    size = params.get("Limit") or DEFAULT_PAGE
    start = _start(params["NextToken"], kind) if params.get("NextToken") else 0
    chosen = items[start : start + size]
    end = start + len(chosen)
    if end < len(items):
        token = base64.urlsafe_b64encode(json.dumps({"kind": kind, "offset": end}).encode()).decode()
        return chosen, token
    return chosen, None
