"""JSON filter patterns: ``{ $.level = "ERROR" && $.latency > 500 }`` on log events that are JSON objects.

The grammar is the one the filter pattern syntax page documents
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#matching-terms-events-json):

* ``{ SELECTOR EQUALITY_OPERATOR STRING }`` and ``{ SELECTOR NUMERIC_OPERATOR NUMBER }``; "Property selectors
  always start with dollar sign ($) ... alphanumeric strings that also support '-' and '_' characters. Array
  elements are denoted with [NUMBER] syntax" (``$.users[0].id``, ``$.coordinates[0][1]``);
* ``IS NULL``, ``NOT EXISTS``, ``IS TRUE`` / ``IS FALSE``;
* compound conditions with ``&&`` and ``||`` and parentheses, "standard order of operations () > && > ||".

"The SELECTOR must point to a value node (string or number) in the JSON. If it points to an array or object, the
filter will not be applied": such a condition (``=`` and ``!=`` alike) is false. A message that is not a JSON
object matches no JSON pattern. Booleans compare as ``true`` / ``false``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from .pattern_values import Reader, Value, compare

_NAME = re.compile(r"[A-Za-z0-9_-]+")
_MISSING = object()

#: A parsed condition tree: ("or", [..]), ("and", [..]) or ("cmp", selector, operator, value).
Node = tuple[Any, ...]


def select(document: Any, path: tuple[str | int, ...]) -> Any:
    """The node at ``path`` (object keys and array indexes), or ``_MISSING``."""
    node = document
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return _MISSING
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return _MISSING
            node = node[step]
    return node


def scalar(node: Any) -> str | None:
    """A value node as the text patterns compare with (None for objects, arrays and missing nodes)."""
    if node is _MISSING or isinstance(node, (dict, list)):
        return None
    if node is None:
        return "null"
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, float) and node.is_integer():
        return str(int(node)) if abs(node) < 1e16 else repr(node)
    return str(node)


@functools.lru_cache(maxsize=256)
def parse_selector(text: str) -> tuple[str | int, ...] | None:
    """``$.a.b[0]`` -> ``("a", "b", 0)``; None when ``text`` is not a selector."""
    if not text.startswith("$"):
        return None
    reader = Reader(text, text)
    reader.i = 1
    path = _path(reader)
    return path if reader.i == len(text) else None


def _path(reader: Reader) -> tuple[str | int, ...]:
    text = reader.text
    path: list[str | int] = []
    while reader.i < len(text):
        if text[reader.i] == ".":
            match = _NAME.match(text, reader.i + 1)
            if match is None:
                raise reader.fail("invalid selector")
            path.append(match.group(0))
            reader.i = match.end()
        elif text[reader.i] == "[":
            end = text.find("]", reader.i)
            index = text[reader.i + 1 : end] if end != -1 else ""
            if not index.isdigit() or not path:
                raise reader.fail("invalid array index")
            path.append(int(index))
            reader.i = end + 1
        else:
            break
    if not path:
        raise reader.fail("invalid selector")
    return tuple(path)


@dataclass(frozen=True)
class JsonPattern:
    tree: Node
    regexes: int

    def evaluate(self, document: Any) -> bool:
        return _evaluate(self.tree, document)


def parse(text: str, pattern: str) -> JsonPattern:
    """Parse ``{ ... }`` (``text`` is the stripped pattern, braces included)."""
    reader = Reader(text[1:-1], pattern)
    if reader.at_end():
        raise reader.fail("empty JSON pattern")
    tree = _or(reader)
    if not reader.at_end():
        raise reader.fail("unexpected text")
    return JsonPattern(tree, reader.regexes)


def _or(reader: Reader) -> Node:
    parts = [_and(reader)]
    while reader.take("||"):
        parts.append(_and(reader))
    return parts[0] if len(parts) == 1 else ("or", parts)


def _and(reader: Reader) -> Node:
    parts = [_unary(reader)]
    while reader.take("&&"):
        parts.append(_unary(reader))
    return parts[0] if len(parts) == 1 else ("and", parts)


def _unary(reader: Reader) -> Node:
    if reader.take("("):
        node = _or(reader)
        if not reader.take(")"):
            raise reader.fail("missing ')'")
        return node
    reader.skip()
    if not reader.take("$"):
        raise reader.fail("a selector must start with $")
    path = _path(reader)
    reader.skip()
    rest = reader.text[reader.i :]
    for words, kind in (("IS NULL", "null"), ("IS TRUE", "true"), ("IS FALSE", "false"), ("NOT EXISTS", "absent")):
        if re.match(words.replace(" ", r"\s+") + r"\b", rest):
            reader.i += re.match(words.replace(" ", r"\s+"), rest).end()  # type: ignore[union-attr]
            return ("is", path, kind)
    operator = reader.operator()
    if operator is None:
        raise reader.fail("missing operator")
    value = reader.value(stops=")")
    return ("cmp", path, operator, value)


def _evaluate(node: Node, document: Any) -> bool:
    kind = node[0]
    if kind == "or":
        return any(_evaluate(part, document) for part in node[1])
    if kind == "and":
        return all(_evaluate(part, document) for part in node[1])
    found = select(document, node[1])
    if kind == "is":
        test = node[2]
        if test == "absent":
            return found is _MISSING
        if test == "null":
            return found is None
        return found is (test == "true")
    operator: str = node[2]
    value: Value = node[3]
    actual = scalar(found)
    if actual is None or found is None:
        return False
    number = float(found) if isinstance(found, (int, float)) and not isinstance(found, bool) else None
    return compare(actual, operator, value, number)


def load(message: str) -> Any:
    """The event as a JSON object, or None when it is not one (then no JSON pattern matches it)."""
    text = message.strip()
    if not text.startswith("{"):
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None
