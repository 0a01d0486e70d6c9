"""Paging tokens for the Logs API.

Every token records *where the previous page stopped* as a sort key, never as an offset, so that paging stays
right while Lambda keeps writing: a new stream or new events between two calls neither repeat nor skip anything.

* GetLogEvents returns ``nextForwardToken`` / ``nextBackwardToken`` shaped like AWS's (``f/<56 digits>/s`` and
  ``b/<56 digits>/s``); the digits are the boundary event's timestamp and sequence number.
* The Describe operations and FilterLogEvents return an opaque ``nextToken`` (base64 of the last key returned).

A token that was not made here fails with InvalidParameterException, as a mangled token does on AWS.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from ...errors import ServiceError

_EVENT_TOKEN = re.compile(r"^([fb])/(\d{20})(\d{36})/s$")
_INVALID = "The specified nextToken is invalid."


def event_token(direction: str, boundary: tuple[int, int]) -> str:
    """A GetLogEvents token reading forward (``f``) from, or backward (``b``) before, ``(timestamp, sequence)``."""
    timestamp, sequence = boundary
    return f"{direction}/{timestamp:020d}{sequence:036d}/s"


def parse_event_token(token: Any) -> tuple[str, tuple[int, int]]:
    match = _EVENT_TOKEN.match(token) if isinstance(token, str) else None
    if match is None:
        raise ServiceError("InvalidParameterException", _INVALID)
    return match.group(1), (int(match.group(2)), int(match.group(3)))


def key_token(key: list[Any]) -> str:
    """An opaque nextToken carrying the sort key of the last item returned."""
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def parse_key_token(token: Any, length: int) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(str(token).encode()).decode())
    except (ValueError, UnicodeDecodeError):
        raise ServiceError("InvalidParameterException", _INVALID) from None
    if not isinstance(key, list) or len(key) != length:
        raise ServiceError("InvalidParameterException", _INVALID)
    return key
