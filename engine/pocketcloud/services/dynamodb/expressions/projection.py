"""Projection: the part of an item that a list of document paths selects (ProjectionExpression, AttributesToGet,
ReturnValues UPDATED_OLD/UPDATED_NEW, index projections).

"If any of the requested attributes are not found, they do not appear in the result"
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html). Nested
paths keep their structure: ``a.b`` gives ``{"a": {"M": {"b": ...}}}``; list elements keep their order and
close up, so ``l[1], l[3]`` gives a two-element list.
"""

from __future__ import annotations

from typing import Any

from .. import values as av

_LEAF: dict[Any, Any] = {}


def _trie(paths: list[tuple[str | int, ...]]) -> dict[Any, Any]:
    root: dict[Any, Any] = {}
    for elements in paths:
        node = root
        for element in elements[:-1]:
            child = node.get(element)
            if child is _LEAF:
                break
            node = node.setdefault(element, {})
        else:
            node[elements[-1]] = _LEAF
    return root


def _extract(value: dict[str, Any], node: dict[Any, Any]) -> dict[str, Any] | None:
    if node is _LEAF:
        return av.copy(value)
    if "M" in value:
        found = {}
        for key, child in node.items():
            if isinstance(key, str) and key in value["M"]:
                part = _extract(value["M"][key], child)
                if part is not None:
                    found[key] = part
        return {"M": found} if found else None
    if "L" in value:
        members = value["L"]
        picked = []
        for index in sorted(k for k in node if isinstance(k, int)):
            if index < len(members):
                part = _extract(members[index], node[index])
                if part is not None:
                    picked.append(part)
        return {"L": picked} if picked else None
    return None


def project(item: dict[str, Any], paths: list[tuple[str | int, ...]]) -> dict[str, Any]:
    """A copy of the parts of ``item`` the paths name."""
    result = {}
    for name, node in _trie(paths).items():
        value = item.get(name)
        if value is not None:
            part = _extract(value, node)
            if part is not None:
                result[name] = part
    return result
