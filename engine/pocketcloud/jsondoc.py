"""Decoding JSON documents that arrive from outside (payloads, inputs, client contexts) the way AWS does.

AWS's front ends parse JSON strictly: ``NaN`` and ``Infinity`` are not JSON, and a document must be valid UTF-8.
Python's :func:`json.loads` accepts the first two and, on a document nested a few thousand levels deep, raises
``RecursionError`` at a depth that depends on the interpreter (CPython and Pyodide differ). pocketcloud refuses
documents nested deeper than :data:`MAX_DEPTH` everywhere, so the same payload gets the same answer on every
interpreter. (AWS documents no nesting limit; the common JSON parser on the JVM, Jackson, stops at 1,000 levels.
500 leaves a handler room to work with the event within Python's default recursion limit.)
"""

from __future__ import annotations

import json
from typing import Any

#: The deepest nesting of arrays and objects accepted in a JSON document (a pocketcloud model; see above).
MAX_DEPTH = 500


class JSONDocumentError(ValueError):
    """A document AWS's parser would refuse; the message says why in the parser's words."""


def _no_constant(name: str) -> Any:
    raise JSONDocumentError(f"Non-standard token '{name}': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS")


#: One decoder for every document: ``json.loads`` with an argument builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def depth(value: Any) -> int:
    """How deeply arrays and objects nest in a decoded document (0 for a scalar); iterative, never recursive."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        level += 1
        if level > deepest:
            deepest = level
            if deepest > MAX_DEPTH:
                return deepest
        stack.extend((child, level) for child in children if isinstance(child, (dict, list)))
    return deepest


def loads(data: bytes | str) -> Any:
    """Decode one JSON document, or raise :class:`JSONDocumentError` with the reason."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if text.__class__ is str and not text.startswith("\ufeff"):
            value = _DECODER.decode(text)  # what json.loads does for a str without a BOM
        else:
            value = json.loads(text, parse_constant=_no_constant)
    except JSONDocumentError:
        raise
    except RecursionError:
        raise JSONDocumentError(f"Document nesting depth exceeds the maximum allowed ({MAX_DEPTH})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise JSONDocumentError(str(exc)) from None
    if (
        value
        and (value.__class__ is dict or value.__class__ is list)
        # Each level of nesting opens with its own "[" or "{" in the text, so a text with no more of them than
        # the limit cannot nest deeper (brackets inside strings only make the count larger): the walk is needed
        # only for the rare document with many brackets. Counting is one C loop per character class.
        and text.count("[") + text.count("{") > MAX_DEPTH
        and depth(value) > MAX_DEPTH
    ):
        raise JSONDocumentError(f"Document nesting depth exceeds the maximum allowed ({MAX_DEPTH})")
    return value
