"""Check a response against the operation's output shape, so that code reading it moves to boto3 unchanged.

boto3 hands a caller exactly the members the output shape declares, typed as botocore parses them: strings,
``int`` for integers and longs, ``bool``, ``float`` for doubles, aware ``datetime`` for timestamps, ``bytes`` (or a
streaming body for a payload blob), lists and dicts. The test suite runs this on every response every client
returns (:data:`pocketcloud.client.RESPONSE_CHECK`); it is not on any path a learner's code takes.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .models import ServiceModel

#: The real class, captured at import: inside a handler ``datetime.datetime`` is the virtual-clock subclass.
_DATETIME = _dt.datetime


def output_problems(model: ServiceModel, operation: str, response: dict[str, Any]) -> list[str]:
    """Every way ``response`` differs from the output shape of ``operation`` (empty when it fits)."""
    problems: list[str] = []
    shape_name = model.output_shape(operation)
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    metadata = response.get("ResponseMetadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("HTTPStatusCode"), int):
        problems.append("ResponseMetadata.HTTPStatusCode missing")
    if shape_name is None:
        if body:
            problems.append(f"{operation} has no output shape but returned {sorted(body)}")
        return problems
    _check(model, shape_name, body, operation, problems, payload_of=model.shape(shape_name).get("payload"))
    return problems


def _check(
    model: ServiceModel, shape_name: str, value: Any, path: str, problems: list[str], payload_of: str | None = None
) -> None:
    shape = model.shape(shape_name)
    kind = shape["type"]
    if kind == "structure":
        if shape.get("document"):
            return
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a dict, got {type(value).__name__}")
            return
        members = shape.get("members", {})
        for key, item in value.items():
            spec = members.get(key)
            if spec is None:
                problems.append(f"{path}.{key}: not a member of {shape_name}")
                continue
            member_shape = model.shape(spec["shape"])
            if key == payload_of and member_shape["type"] == "blob" and hasattr(item, "read"):
                continue  # a streaming payload (Invoke's Payload) is a StreamingBody in boto3
            _check(model, spec["shape"], item, f"{path}.{key}", problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for index, item in enumerate(value):
            _check(model, shape["member"]["shape"], item, f"{path}[{index}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a dict, got {type(value).__name__}")
            return
        for key, item in value.items():
            _check(model, shape["key"]["shape"], key, f"{path} (key)", problems)
            _check(model, shape["value"]["shape"], item, f"{path}.{key}", problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected str, got {type(value).__name__} {value!r:.80}")
        elif "enum" in shape and value not in shape["enum"]:
            problems.append(f"{path}: {value!r} is not one of {shape['enum']}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected int, got {type(value).__name__} {value!r:.80}")
    elif kind in ("float", "double"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected float, got {type(value).__name__}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected bool, got {type(value).__name__}")
    elif kind == "timestamp":
        if not isinstance(value, _DATETIME) or value.tzinfo is None:
            problems.append(f"{path}: expected an aware datetime, got {type(value).__name__} {value!r:.80}")
    elif kind == "blob" and not isinstance(value, bytes) and not hasattr(value, "read"):
        problems.append(f"{path}: expected bytes, got {type(value).__name__}")
