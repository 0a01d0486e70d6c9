"""The fields a Logs Insights query sees in each event: system fields, JSON fields and Lambda's fields.

"For every log sent to CloudWatch Logs, five system fields are automatically generated": ``@message``,
``@timestamp``, ``@ingestionTime``, ``@logStream`` and ``@log`` ("a log group identifier in the form of
account-id:log-group-name"). JSON events give their fields in dot notation ("the field type in the JSON object
userIdentity is represented as userIdentity.type"; arrays as ``items.0.instanceId``), "a maximum of 100 log
event fields from a JSON log". For Lambda logs the discovered fields are ``@requestId``, ``@duration``,
``@billedDuration``, ``@type``, ``@maxMemoryUsed`` and ``@memorySize`` (and ``@initDuration`` on a cold start's
REPORT line). https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html

Units, as AWS reports them: ``@duration``, ``@billedDuration`` and ``@initDuration`` in milliseconds;
``@memorySize`` and ``@maxMemoryUsed`` in bytes counted as 1 MB = 1,000,000 bytes, which is why AWS's own sample
query divides by 1000 twice: ``stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB``
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-examples.html). Lambda fields are
discovered in log groups named ``/aws/lambda/...``.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: ms since the Unix epoch that GetQueryResults prints as ``2026-01-01 00:00:00.000`` (see :mod:`.values`).
from .values import Time

JSON_FIELDS_MAX = 100
_REPORT = re.compile(
    r"^REPORT RequestId: (?P<id>\S+)\tDuration: (?P<duration>[\d.]+) ms\tBilled Duration: (?P<billed>\d+) ms\s*\t"
    r"Memory Size: (?P<memory>\d+) MB\tMax Memory Used: (?P<used>\d+) MB\t?(?:Init Duration: (?P<init>[\d.]+) ms)?"
)
_START = re.compile(r"^START RequestId: (?P<id>\S+)")
_END = re.compile(r"^END RequestId: (?P<id>\S+)")
_MB_BYTES = 1_000_000


def system_fields(
    message: str, timestamp: int, ingestion: int, stream: str, group: str, account: str
) -> dict[str, Any]:
    return {
        "@message": message,
        "@timestamp": Time(timestamp),
        "@ingestionTime": Time(ingestion),
        "@logStream": stream,
        "@log": f"{account}:{group}",
    }


def lambda_fields(message: str) -> dict[str, Any]:
    """``@type``, ``@requestId`` and, on REPORT lines, the durations and memory (see the module docstring)."""
    match = _REPORT.match(message)
    if match is not None:
        found: dict[str, Any] = {
            "@type": "REPORT",
            "@requestId": match.group("id"),
            "@duration": float(match.group("duration")),
            "@billedDuration": int(match.group("billed")),
            "@memorySize": int(match.group("memory")) * _MB_BYTES,
            "@maxMemoryUsed": int(match.group("used")) * _MB_BYTES,
        }
        if match.group("init") is not None:
            found["@initDuration"] = float(match.group("init"))
        return found
    for kind, pattern in (("START", _START), ("END", _END)):
        match = pattern.match(message)
        if match is not None:
            return {"@type": kind, "@requestId": match.group("id")}
    return {}


def json_fields(message: str) -> dict[str, Any]:
    """The first JSON object in the event, flattened with dots (nested objects and array indexes)."""
    start = message.find("{")
    if start == -1:
        return {}
    try:
        document, _end = json.JSONDecoder().raw_decode(message, start)
    except ValueError:
        return {}
    if not isinstance(document, dict):
        return {}
    flat: dict[str, Any] = {}
    _flatten(document, "", flat)
    return flat


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> None:
    if len(out) >= JSON_FIELDS_MAX:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if name.startswith("@"):
                name = "@" + name  # "If the name of a discovered log field starts with @ ... an additional @"
            _flatten(value, name, out)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _flatten(value, f"{prefix}.{index}", out)
    elif prefix:
        out[prefix] = node


def discover(message: str, timestamp: int, ingestion: int, stream: str, group: str, account: str) -> dict[str, Any]:
    """Every field of one event, as a query sees them."""
    record = json_fields(message)
    record.update(system_fields(message, timestamp, ingestion, stream, group, account))
    if group.startswith("/aws/lambda/"):
        record.update(lambda_fields(message))
    return record
