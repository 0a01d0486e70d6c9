"""API Gateway's ``patchOperations`` (UpdateRestApi, UpdateStage): JSON-Patch-like edits by path.

Each operation is ``{"op": "replace"|"add"|"remove"|..., "path": "/name", "value": "..."}``; a path segment that
contains ``/`` escapes it as ``~1`` (``/binaryMediaTypes/image~1png``).
https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
Errors, as AWS answers them (LocalStack's snapshot tests, test_apigateway_api.snapshot.json): ``Invalid patch path
null`` for a missing path, ``Invalid patch path /binaryMediaTypes`` for a path the resource does not have, and
``Invalid patch operation specified. Must be one of: [replace]`` for an operation the path does not support. The
caller applies the operations to a copy and keeps it only if every operation succeeded, so a refused update
changes nothing.
"""

from __future__ import annotations

from typing import Any

from .errors import bad_request


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def apply_patches(operations: list[dict[str, Any]], table: dict[str, Any], target: Any) -> None:
    """Apply ``operations`` to ``target`` with ``table``: path -> (allowed ops, setter). A path ending in ``/``
    is a prefix: its setter gets the unescaped rest of the path as an extra argument."""
    for operation in operations:
        op = operation.get("op")
        path = operation.get("path")
        value = operation.get("value")
        if path is None:
            raise bad_request("Invalid patch path null")
        entry = table.get(path)
        extra: tuple[str, ...] = ()
        if entry is None:
            for prefix, candidate in table.items():
                if prefix.endswith("/") and path.startswith(prefix) and len(path) > len(prefix):
                    entry = candidate
                    extra = (unescape(path[len(prefix) :]),)
                    break
        if entry is None:
            raise bad_request(f"Invalid patch path {path}")
        allowed, setter = entry
        if op not in allowed:
            raise bad_request(f"Invalid patch operation specified. Must be one of: [{', '.join(allowed)}]")
        setter(target, op, *extra, value)
