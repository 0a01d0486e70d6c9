"""Paging for the List* operations: ``maxResults`` (default 100, at most 1,000) and an opaque ``nextToken``.

A token records the position after the last item returned; a token that was not made here is refused with
InvalidToken ("Invalid Token: ..."), as AWS answers a mangled token.
https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
"""

from __future__ import annotations

import base64
import json
from typing import Any

from ...errors import ServiceError

DEFAULT_PAGE = 100


def _decode(token: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
        return int(data["offset"])
    except (ValueError, KeyError, TypeError):
        raise ServiceError("InvalidToken", f"Invalid Token: '{token}'") from None


def page(
    items: list[Any], params: dict[str, Any], key: str, max_key: str = "maxResults"
) -> tuple[list[Any], str | None]:
    size = params.get(max_key) or DEFAULT_PAGE
    start = _decode(params["nextToken"]) if params.get("nextToken") else 0
    chosen = items[start : start + size]
    end = start + len(chosen)
    if end < len(items):
        return chosen, base64.urlsafe_b64encode(json.dumps({"offset": end, "key": key}).encode()).decode()
    return chosen, None
