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
from collections.abc import Callable
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


class Document(bytes):
    """JSON bytes that carry the value they encode, for the one reader that would decode them straight back.

    An engine front end (API Gateway, a function URL) builds an event for one request, encodes it as the Invoke
    payload and keeps nothing of it. Lambda must decode that payload before the handler sees it, which gives an
    equal value: the bytes are the payload in every other respect (their size is checked against the quota, they
    are what any other reader reads), but :meth:`take` hands the value itself to the first reader that asks, so
    the document is not decoded again. Only a value made of JSON's own types (dicts with ``str`` keys, lists,
    ``str``, ``int``, finite ``float``, ``bool``, None) may be carried, and no one else may hold it: the handler
    owns the event it gets. Later readers decode the bytes, as for any payload."""

    _value: Any

    @classmethod
    def of(cls, data: bytes, value: Any) -> Document:
        document = cls(data)
        document._value = value
        return document

    def take(self) -> Any:
        """The value, to the first reader; a fresh decode of the bytes to any later one."""
        value = self.__dict__.pop("_value", _TAKEN)
        return loads(bytes(self)) if value is _TAKEN else value


_TAKEN: Any = object()


def _compact_encoder() -> Callable[[Any], str]:
    """``json.dumps(obj, separators=(",", ":"))`` without building a ``JSONEncoder`` for every call: the same C
    encoder with the same options (``ensure_ascii``, circular check, ``allow_nan``), made once; the pure-Python
    fallback is ``json.dumps`` itself (interpreters without the accelerator)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - interpreters without the C accelerator
        return lambda obj: json.dumps(obj, separators=(",", ":"))
    ascii_text = json.encoder.encode_basestring_ascii
    default = json.JSONEncoder().default
    join = "".join

    def encode(obj: Any) -> str:
        # A fresh markers dict per document, as json.dumps's check_circular uses.
        return join(make({}, default, ascii_text, None, ":", ",", False, False, True)(obj, 0))

    return encode


_compact: Callable[[Any], str] = _compact_encoder()


def event_payload(event: dict[str, Any]) -> Document:
    """The Invoke payload for an event an engine front end built for this request alone: compact JSON, byte for
    byte what ``json.dumps(event, separators=(",", ":"))`` gives, carrying the event (see :class:`Document`)."""
    return Document.of(_compact(event).encode("utf-8"), event)
