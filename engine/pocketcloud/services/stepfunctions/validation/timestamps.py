"""ASL timestamps: "strings which conform to the RFC3339 profile of ISO 8601, with the further restrictions that an
uppercase "T" character MUST be used to separate date and time, and an uppercase "Z" character MUST be present in
the absence of a numeric time-zone offset" (https://states-language.net/spec.html#timestamps)."""

from __future__ import annotations

import re
from datetime import datetime

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def is_timestamp(value: object) -> bool:
    if not isinstance(value, str) or not _RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value[:19])
    except ValueError:
        return False
    return True
