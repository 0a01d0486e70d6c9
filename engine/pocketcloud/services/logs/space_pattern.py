"""Space-delimited filter patterns: ``[ip, user, ..., status_code = 4* && bytes > 1000, bytes]``.

The rules are those of the filter pattern syntax page
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#extract-log-event-values):

* the event is split at spaces; "The characters between a pair of square brackets [] or two double quotes ("")
  are treated as a single field" (the brackets and quotes themselves are not part of the value);
* the pattern names the fields in order, "separated by commas, with the entire pattern enclosed in square
  brackets"; an ellipsis (``...``) stands for any number of fields; without one the event must have exactly as
  many fields as the pattern;
* a field can carry conditions: string fields with ``=`` / ``!=`` and ``*`` wildcards, numeric fields with
  ``>, <, >=, <=, =, !=``, joined with ``&&`` and ``||`` (``status_code = 403 || status_code = 404``); all
  fields' conditions must hold;
* extracted values are keyed ``$<name>`` for named fields and ``$<position>`` (1-based) for the others, as in the
  page's example, where ``[..., request=*.html*, status_code=4*,]`` extracts ``$1`` ... ``$4``, ``$request``,
  ``$status_code`` and ``$7`` (the trailing comma is an unnamed field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .pattern_values import Reader, Value, compare

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ELLIPSIS = "..."

#: A condition tree over field names: ("or", [..]), ("and", [..]) or ("cmp", name, operator, value).
Node = tuple[Any, ...]


@dataclass(frozen=True)
class Field:
    """One slot of the pattern: a name (None for an unnamed ``,,`` slot) and its condition, if any."""

    name: str | None
    condition: Node | None = None


def split_fields(message: str) -> list[str]:
    """The event's fields: words, ``[...]`` groups and ``"..."`` groups (without their delimiters)."""
    fields: list[str] = []
    i, n = 0, len(message)
    while i < n:
        char = message[i]
        if char.isspace():
            i += 1
            continue
        if char in '["':
            close = "]" if char == "[" else '"'
            end = message.find(close, i + 1)
            if end != -1:
                fields.append(message[i + 1 : end])
                i = end + 1
                continue
        start = i
        while i < n and not message[i].isspace():
            i += 1
        fields.append(message[start:i])
    return fields


@dataclass(frozen=True)
class SpacePattern:
    slots: tuple[Field | str, ...]  # a Field, or ELLIPSIS
    regexes: int

    def extract(self, message: str) -> dict[str, str] | None:
        """``{"$name" or "$3": value}`` when the event matches, else None."""
        values = split_fields(message)
        assignment = _assign(self.slots, 0, values, 0)
        if assignment is None:
            return None
        extracted: dict[str, str] = {}
        named: dict[str, str] = {}
        for position, value in enumerate(values, start=1):
            slot = assignment.get(position - 1)
            key = f"${slot.name}" if slot is not None and slot.name else f"${position}"
            extracted[key] = value
            if slot is not None and slot.name:
                named[slot.name] = value
        for spec in self.slots:
            if isinstance(spec, Field) and spec.condition is not None and not _holds(spec.condition, named):
                return None
        return extracted


def _assign(slots: tuple[Field | str, ...], s: int, values: list[str], v: int) -> dict[int, Field] | None:
    """Map value positions to pattern fields (ellipses take any number of values), leftmost-first."""
    if s == len(slots):
        return {} if v == len(values) else None
    slot = slots[s]
    if slot == ELLIPSIS:
        for take in range(len(values) - v + 1):
            rest = _assign(slots, s + 1, values, v + take)
            if rest is not None:
                return rest
        return None
    if v >= len(values):
        return None
    rest = _assign(slots, s + 1, values, v + 1)
    if rest is None:
        return None
    assert isinstance(slot, Field)
    rest[v] = slot
    return rest


def _holds(node: Node, named: dict[str, str]) -> bool:
    kind = node[0]
    if kind == "or":
        return any(_holds(part, named) for part in node[1])
    if kind == "and":
        return all(_holds(part, named) for part in node[1])
    actual = named.get(node[1])
    if actual is None:
        return False
    operator: str = node[2]
    value: Value = node[3]
    return compare(actual, operator, value)


def parse(text: str, pattern: str) -> SpacePattern:
    """Parse ``[ ... ]`` (``text`` is the stripped pattern, brackets included)."""
    reader = Reader(text[1:-1], pattern)
    slots: list[Field | str] = []
    while True:
        reader.skip()
        if reader.take(ELLIPSIS):
            slots.append(ELLIPSIS)
        elif reader.peek(",") or reader.at_end():
            slots.append(Field(None))
        else:
            slots.append(_field(reader))
        if reader.at_end():
            break
        if not reader.take(","):
            raise reader.fail("expected ','")
    if len(slots) == 1 and slots[0] == Field(None):
        raise reader.fail("empty space-delimited pattern")
    return SpacePattern(tuple(slots), reader.regexes)


def _field(reader: Reader) -> Field:
    reader.skip()
    match = _NAME.match(reader.text, reader.i)
    if match is None:
        raise reader.fail("invalid field name")
    name = match.group(0)
    reader.i = match.end()
    if reader.operator() is None:
        reader.skip()
        if reader.peek(",") or reader.at_end():
            return Field(name)
        raise reader.fail("expected a condition or ','")
    reader.i = match.start()  # the name is also the first condition's left-hand side
    return Field(name, _or(reader))


def _or(reader: Reader) -> Node:
    parts = [_and(reader)]
    while reader.take("||"):
        parts.append(_and(reader))
    return parts[0] if len(parts) == 1 else ("or", parts)


def _and(reader: Reader) -> Node:
    parts = [_comparison(reader)]
    while reader.take("&&"):
        parts.append(_comparison(reader))
    return parts[0] if len(parts) == 1 else ("and", parts)


def _comparison(reader: Reader) -> Node:
    reader.skip()
    match = _NAME.match(reader.text, reader.i)
    if match is None:
        raise reader.fail("invalid field name")
    reader.i = match.end()
    operator = reader.operator()
    if operator is None:
        raise reader.fail("missing operator")
    return ("cmp", match.group(0), operator, reader.value(stops=","))
