"""Matching a request path against resource paths or route paths, most specific first.

Both kinds of API Gateway API route by path templates made of segments: a literal (``pets``), a path variable
(``{petId}``: one whole segment) or a greedy path variable (``{proxy+}``: one or more segments, only at the end).
"A greedy path variable catches all child resources of a route" and "must be at the end of the resource path".
HTTP APIs document the order in which a request finds its route: "1. Full match for a route and method. 2. Match
for a route and method with a greedy path variable ({proxy+}). 3. The $default route", where the ``ANY`` method
"matches all methods that you haven't defined for a route", and a literal segment is more specific than a variable
one (``GET /pets/dog/1`` wins over ``GET /pets/dog/{id}`` for ``/pets/dog/1``).
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
REST APIs resolve a request to a resource of the deployed tree the same way (static before ``{param}`` before
``{proxy+}``; a trailing slash is ignored). pocketcloud uses this one matcher for both.

A :class:`PathTree` is built once per deployment; :meth:`PathTree.match` walks it with a depth-first search that
tries, at each level, the literal child, then the variable child, and only in a second pass the greedy children,
so that every full match beats every greedy match. Literal paths without variables are also kept in a dictionary,
so the common request costs one lookup.
"""

from __future__ import annotations

from typing import Generic, TypeVar
from urllib.parse import unquote

T = TypeVar("T")


def split_template(path: str) -> list[str]:
    """``/pets/{id}`` -> ``["pets", "{id}"]``; the root ``/`` -> ``[]``."""
    return [part for part in path.split("/")[1:] if part] if path != "/" else []


def variable(part: str) -> tuple[str, bool] | None:
    """``{id}`` -> (``id``, False), ``{proxy+}`` -> (``proxy``, True), a literal -> None."""
    if len(part) > 2 and part[0] == "{" and part[-1] == "}":
        inner = part[1:-1]
        if inner.endswith("+"):
            return inner[:-1], True
        return inner, False
    return None


class _Node(Generic[T]):
    __slots__ = ("greedy", "greedy_name", "literal", "targets", "var", "var_name")

    def __init__(self) -> None:
        self.literal: dict[str, _Node[T]] = {}
        self.var: _Node[T] | None = None
        self.var_name = ""
        self.greedy: dict[str, T] | None = None  # method -> target, for a {name+} child
        self.greedy_name = ""
        self.targets: dict[str, T] = {}  # method -> target at exactly this node


#: How many (path, method) matches a tree remembers (see :meth:`PathTree.match`).
_SEEN_MAX = 1024


class PathTree(Generic[T]):
    """Templates (with per-method targets) compiled for matching; built once, read many times."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self._exact: dict[tuple[str, str], T] = {}
        self._has_variables = False
        #: Matches already made, by (raw path, method): a client calls the same few paths again and again. Only
        #: :meth:`add` changes the tree, and it empties this; the size is bounded (emptied when full).
        self._seen: dict[tuple[str, str], tuple[T, tuple[tuple[str, str], ...]] | None] = {}

    def add(self, template: str, method: str, target: T) -> None:
        """Register ``target`` for ``method`` (or ``ANY``) at ``template`` (already validated)."""
        self._seen = {}
        node = self._root
        parts = split_template(template)
        for index, part in enumerate(parts):
            found = variable(part)
            if found is None:
                node = node.literal.setdefault(part, _Node())
                continue
            self._has_variables = True
            name, greedy = found
            if greedy and index == len(parts) - 1:
                if node.greedy is None:
                    node.greedy = {}
                node.greedy_name = name
                node.greedy[method] = target
                return
            if node.var is None:
                node.var = _Node()
            node.var_name = name
            node = node.var
        node.targets[method] = target
        if all(variable(part) is None for part in parts):
            self._exact[("/" + "/".join(parts), method)] = target

    def match(self, raw_path: str, method: str) -> tuple[T, dict[str, str]] | None:
        """The most specific target for ``method`` at ``raw_path`` and its decoded path parameters, or None."""
        key = (raw_path, method)
        seen = self._seen
        if key in seen:
            known = seen[key]
            return None if known is None else (known[0], dict(known[1]))
        found = self._match(raw_path, method)
        if len(seen) >= _SEEN_MAX:
            seen.clear()
        seen[key] = None if found is None else (found[0], tuple(found[1].items()))
        return found

    def _match(self, raw_path: str, method: str) -> tuple[T, dict[str, str]] | None:
        path = raw_path if raw_path == "/" else raw_path.rstrip("/") or "/"
        exact = self._exact
        found = exact.get((path, method))
        if found is None:
            found = exact.get((path, "ANY"))
        if found is not None and ("%" not in path):
            return found, {}
        segments = [unquote(part) for part in path.split("/")[1:]] if path != "/" else []
        params: dict[str, str] = {}
        hit = self._walk(self._root, segments, 0, method, params, greedy=False)
        if hit is None and self._has_variables:
            params = {}
            hit = self._walk(self._root, segments, 0, method, params, greedy=True)
        if hit is None:
            return None
        return hit, params

    def _walk(
        self, node: _Node[T], segments: list[str], index: int, method: str, params: dict[str, str], greedy: bool
    ) -> T | None:
        if index == len(segments):
            return _pick(node.targets, method)
        segment = segments[index]
        child = node.literal.get(segment)
        if child is not None:
            hit = self._walk(child, segments, index + 1, method, params, greedy)
            if hit is not None:
                return hit
        if node.var is not None and segment:
            hit = self._walk(node.var, segments, index + 1, method, params, greedy)
            if hit is not None:
                params[node.var_name] = segment
                return hit
        if greedy and node.greedy is not None and segment:
            hit = _pick(node.greedy, method)
            if hit is not None:
                params[node.greedy_name] = "/".join(segments[index:])
                return hit
        return None


def _pick(targets: dict[str, T], method: str) -> T | None:
    found = targets.get(method)
    return found if found is not None else targets.get("ANY")
