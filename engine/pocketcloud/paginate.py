"""``client.get_paginator(...)``: botocore's paginators, driven by botocore's own paginator models.

Learners meet paginators in almost every boto3 example (``for page in client.get_paginator("list_functions")
.paginate(): ...``). The paginator configuration of each operation (input token, output token, limit key, result
keys) comes from botocore's ``paginators-1.json`` and is shipped in the service's shape file. ``PaginationConfig``
(``MaxItems``, ``PageSize``, ``StartingToken``) and ``build_full_result`` behave as in botocore, including the
shape of the resume token (base64 of JSON with ``boto_truncate_amount`` when a page was cut short).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any

from .errors import PocketCloudError


class OperationNotPageableError(PocketCloudError):
    """``get_paginator`` for an operation that has no paginator (botocore's error of the same name)."""


class PaginationError(PocketCloudError):
    """A bad ``PaginationConfig`` or ``StartingToken`` (botocore's error of the same name)."""


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _get_path(data: Any, path: str) -> Any:
    """Read a dotted path (``NextMarker``, ``Result.Token``, or with a list index as in Kinesis's
    ``StreamDescription.Shards[-1].ShardId``) the way botocore's simple JMESPath uses here do."""
    for part in path.split("."):
        name, bracket, index = part.partition("[")
        if not isinstance(data, dict):
            return None
        data = data.get(name)
        if bracket:
            if not isinstance(data, list) or not data:
                return None
            try:
                data = data[int(index.rstrip("]"))]
            except IndexError:
                return None
    return data


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


class Paginator:
    """A paginator for one operation of one client."""

    def __init__(self, method: Callable[..., dict[str, Any]], config: dict[str, Any]) -> None:
        self._method = method
        self._input_tokens = _as_list(config.get("input_token"))
        self._output_tokens = _as_list(config.get("output_token"))
        self._more_results = config.get("more_results")
        self._limit_key = config.get("limit_key")
        self._result_keys = _as_list(config.get("result_key"))
        self._non_aggregate = _as_list(config.get("non_aggregate_keys"))

    def paginate(self, **kwargs: Any) -> PageIterator:
        config = dict(kwargs.pop("PaginationConfig", None) or {})
        unknown = set(config) - {"MaxItems", "PageSize", "StartingToken"}
        if unknown:
            raise PaginationError(f"Unknown PaginationConfig keys: {', '.join(sorted(unknown))}")
        for key in ("MaxItems", "PageSize"):
            value = config.get(key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise PaginationError(f"{key} must be an integer, got {value!r}")
        return PageIterator(self, kwargs, config)


class PageIterator:
    """Iterate pages; ``build_full_result()`` merges them (botocore's ``PageIterator``)."""

    def __init__(self, paginator: Paginator, params: dict[str, Any], config: dict[str, Any]) -> None:
        self._p = paginator
        self._params = params
        self._max_items: int | None = config.get("MaxItems")
        self._page_size: int | None = config.get("PageSize")
        self._starting_token: str | None = config.get("StartingToken")
        self.resume_token: str | None = None

    def _decode_start(self) -> tuple[dict[str, Any], int]:
        if not self._starting_token:
            return {}, 0
        try:
            data = json.loads(base64.b64decode(self._starting_token.encode()))
        except (ValueError, TypeError):
            # botocore also accepts a raw (non-encoded) token for single-token operations
            if len(self._p._input_tokens) == 1:
                return {self._p._input_tokens[0]: self._starting_token}, 0
            raise PaginationError(f"Invalid StartingToken: {self._starting_token}") from None
        if not isinstance(data, dict):
            raise PaginationError(f"Invalid StartingToken: {self._starting_token}")
        truncate = int(data.pop("boto_truncate_amount", 0) or 0)
        return {k: v for k, v in data.items() if k in self._p._input_tokens}, truncate

    @staticmethod
    def _encode(tokens: dict[str, Any], truncate: int = 0) -> str:
        data = dict(tokens)
        if truncate:
            data["boto_truncate_amount"] = truncate
        return base64.b64encode(json.dumps(data).encode()).decode()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        p = self._p
        tokens, skip = self._decode_start()
        produced = 0
        while True:
            params = dict(self._params)
            params.update(tokens)
            if self._page_size is not None and p._limit_key:
                params[p._limit_key] = self._page_size
            page = self._method_call(params)
            items_in_page = self._count(page)
            if skip:
                self._trim(page, skip, from_start=True)
                items_in_page = max(0, items_in_page - skip)
            next_tokens = self._next_tokens(page)
            if self._max_items is not None and produced + items_in_page > self._max_items:
                keep = self._max_items - produced
                self._trim(page, keep)
                self.resume_token = self._encode(tokens, skip + keep)
                yield page
                return
            produced += items_in_page
            yield page
            if not next_tokens:
                self.resume_token = None
                return
            if self._max_items is not None and produced >= self._max_items:
                self.resume_token = self._encode(next_tokens)
                return
            if next_tokens == tokens:
                raise PaginationError("The same next token was received twice")
            tokens, skip = next_tokens, 0

    def _method_call(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._p._method(**params)

    def _count(self, page: dict[str, Any]) -> int:
        keys = self._p._result_keys
        if not keys:
            return 0
        value = _get_path(page, keys[0])
        return len(value) if isinstance(value, list) else 0

    def _trim(self, page: dict[str, Any], amount: int, from_start: bool = False) -> None:
        for key in self._p._result_keys:
            value = _get_path(page, key)
            if isinstance(value, list):
                _set_path(page, key, value[amount:] if from_start else value[:amount])

    def _next_tokens(self, page: dict[str, Any]) -> dict[str, Any]:
        p = self._p
        if p._more_results and not _get_path(page, p._more_results):
            return {}
        found = {}
        for input_token, output_token in zip(p._input_tokens, p._output_tokens, strict=False):
            value = _get_path(page, output_token)
            if value not in (None, ""):
                found[input_token] = value
        return found

    def build_full_result(self) -> dict[str, Any]:
        """All pages merged: result keys concatenated, other keys from the last page (as botocore does)."""
        merged: dict[str, Any] = {}
        for key in self._p._result_keys:
            _set_path(merged, key, [])
        for page in self:
            for key in self._p._result_keys:
                value = _get_path(page, key)
                if isinstance(value, list):
                    _get_path(merged, key).extend(value)
            for key in self._p._non_aggregate:
                value = _get_path(page, key)
                if value is not None:
                    _set_path(merged, key, value)
        if self.resume_token is not None:
            merged["NextToken"] = self.resume_token
        return merged
