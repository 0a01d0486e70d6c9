"""Event patterns: the JSON pattern language of EventBridge rules, shared by Lambda's event filtering.

One pattern language serves several AWS features: EventBridge rules and ``TestEventPattern``, EventBridge Pipes
filters and Lambda event source mappings' ``FilterCriteria`` ("Lambda event filtering uses the same syntax as
EventBridge event patterns"). This module is that language, once, for every pocketcloud service that needs it:
:func:`compile_pattern` parses and validates a pattern (raising :class:`PatternError` with AWS's reason) and the
:class:`Pattern` it returns tells whether an event matches.
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html

The language, as the EventBridge guide defines it:

* A pattern is a JSON object with the structure of the events it matches. Each field holds either a nested object
  or an array of *match values*; the event matches when every field of the pattern matches (AND), and a field
  matches when any of its match values does (OR). Fields the pattern does not name are ignored.
* A match value is a string, number, ``true``, ``false`` or ``null`` (exact match; numbers compare as numbers,
  never as strings), or an object with one operator: ``prefix``, ``suffix`` (either with an ``equals-ignore-case``
  object), ``equals-ignore-case``, ``wildcard`` (``*`` matches zero or more characters, ``\\*`` a literal star),
  ``anything-but`` (a value, a list of values, or a ``prefix``/``suffix``/``equals-ignore-case``/``wildcard``
  object), ``numeric`` (``[op, n]`` or a range ``[">"|">=", low, "<"|"<=", high]``), ``exists`` (``true``/
  ``false``; "Exists matching only works on leaf nodes. It does not work on intermediate nodes") and ``cidr`` (an
  IPv4 or IPv6 block).
* ``"$or": [pattern, pattern, ...]`` matches when any of the alternatives does.
* If the value in the event is an array, the field matches when any element does ("the event pattern matches if
  the intersection of the event pattern array and the event array is non-empty").
  https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
* A dot in a field name is a path separator on both sides: ``{"detail": {"state.status": [...]}}`` and an event
  field ``"state.status"`` both mean the ``status`` of ``state`` ("Considerations when creating event patterns").

Two behaviours come from EventBridge's engine, the open-source Event Ruler (https://github.com/aws/event-ruler),
rather than the guide: fields matched inside an array of objects must come from the same element ("to guard
against a rule matching a set of fields which are in peer elements of an array, a situation which it turns out is
perceived by users as a bug", Ruler's ``Field`` documentation), and a ``$or`` with fewer than two alternatives is
an ordinary field named ``$or``.

Error reasons are AWS's words, as AWS answered TestEventPattern for each case (recorded answers in LocalStack's
snapshot tests, ``tests/aws/services/events/test_events_patterns.snapshot.json``, December 2024). AWS appends the
position of the problem in Jackson's words (``at [Source: (String)"..."; line: 1, column: 11]``); pocketcloud
reports the reason without that suffix, and says "Filter is not valid JSON" with Python's description of the
problem where AWS quotes its JSON parser. Two limits are pocketcloud's model: a wildcard with more than five ``*``
is "too complex" (AWS computes a complexity score it does not publish), and numbers are compared as IEEE doubles.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

_NUMERIC_OPERATORS = ("<", "<=", "=", ">", ">=")
_ANYTHING_BUT_OPERATORS = ("prefix", "suffix", "equals-ignore-case", "wildcard")
_MAX_WILDCARDS = 5
_Leaf = str | int | float | bool | None


class PatternError(ValueError):
    """A pattern AWS refuses. ``reason`` is what AWS prints after ``Event pattern is not valid. Reason: ``."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Event pattern is not valid. Reason: {reason}")
        self.reason = reason


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# -- matchers ------------------------------------------------------------------------------------------------
#
# A matcher is a predicate over one leaf value of the event (a string, number, boolean or null). ``exists`` is
# not a matcher: it is about whether a field has leaves at all, so the compiled field keeps it apart.

Matcher = Callable[[_Leaf], bool]


def _exact(expected: _Leaf) -> Matcher:
    if expected is None:
        return lambda value: value is None
    if isinstance(expected, bool):
        return lambda value: isinstance(value, bool) and value is expected
    if _is_number(expected):
        number = float(expected)
        return lambda value: _is_number(value) and float(value) == number  # type: ignore[arg-type]
    return lambda value: isinstance(value, str) and value == expected


def _prefix(text: str, ignore_case: bool) -> Matcher:
    if ignore_case:
        folded = text.lower()
        return lambda value: isinstance(value, str) and value.lower().startswith(folded)
    return lambda value: isinstance(value, str) and value.startswith(text)


def _suffix(text: str, ignore_case: bool) -> Matcher:
    if ignore_case:
        folded = text.lower()
        return lambda value: isinstance(value, str) and value.lower().endswith(folded)
    return lambda value: isinstance(value, str) and value.endswith(text)


def _equals_ignore_case(text: str) -> Matcher:
    folded = text.lower()
    return lambda value: isinstance(value, str) and value.lower() == folded


def _wildcard_regex(text: str) -> re.Pattern[str]:
    """``*`` is any run of characters (including none); ``\\*`` a literal star and ``\\\\`` a backslash."""
    parts: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in "*\\":
            parts.append(re.escape(text[index + 1]))
            index += 2
            continue
        parts.append(".*" if char == "*" else re.escape(char))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


def _wildcard(text: str) -> Matcher:
    regex = _wildcard_regex(text)
    return lambda value: isinstance(value, str) and regex.fullmatch(value) is not None


def _numeric(terms: list[Any]) -> Matcher:
    checks: list[tuple[str, float]] = [(terms[i], float(terms[i + 1])) for i in range(0, len(terms), 2)]

    def match(value: _Leaf) -> bool:
        if not _is_number(value):
            return False
        number = float(value)  # type: ignore[arg-type]
        for operator, bound in checks:
            if operator == "=" and number != bound:
                return False
            if operator == "<" and not number < bound:
                return False
            if operator == "<=" and not number <= bound:
                return False
            if operator == ">" and not number > bound:
                return False
            if operator == ">=" and not number >= bound:
                return False
        return True

    return match


def _cidr(block: str) -> Matcher:
    network = ipaddress.ip_network(block, strict=False)

    def match(value: _Leaf) -> bool:
        if not isinstance(value, str):
            return False
        try:
            return ipaddress.ip_address(value) in network
        except ValueError:
            return False

    return match


def _none_of(matchers: list[Matcher]) -> Matcher:
    """anything-but: every leaf that none of ``matchers`` accepts (a null or a number is not a string's prefix)."""
    return lambda value: not any(m(value) for m in matchers)


# -- compiling -----------------------------------------------------------------------------------------------


class _Field:
    """What one pattern field asks of the event: matchers over its leaves, or that it has (no) leaves."""

    __slots__ = ("any_leaf", "matchers", "path", "when_missing")

    def __init__(self, path: str) -> None:
        self.path = path
        self.matchers: list[Matcher] = []
        self.any_leaf = False  # {"exists": true}: any leaf value (null included) matches
        self.when_missing = False  # {"exists": false}: the field matches when it has no leaf at all

    def accepts(self, value: _Leaf) -> bool:
        return any(matcher(value) for matcher in self.matchers)


def _string_list(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _anything_but(value: Any) -> Matcher:
    if isinstance(value, dict):
        if len(value) != 1:
            raise PatternError("Only one key allowed in match expression")
        operator, operand = next(iter(value.items()))
        if operator not in _ANYTHING_BUT_OPERATORS:
            raise PatternError(f"Unsupported anything-but pattern: {operator}")
        if operator in ("prefix", "suffix"):
            if isinstance(operand, dict):
                raise PatternError("Value of anything-but must be an array or single string/number value.")
            if not _string_list(operand):
                raise PatternError("prefix/suffix match pattern must be a string")
            if operand == "" or operand == [] or "" in _as_list(operand):
                raise PatternError("Null prefix/suffix not allowed")
            build = _prefix if operator == "prefix" else _suffix
            return _none_of([build(text, False) for text in _as_list(operand)])
        if operator == "equals-ignore-case":
            if not _string_list(operand) or operand == []:
                raise PatternError(
                    "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
                )
            return _none_of([_equals_ignore_case(text) for text in _as_list(operand)])
        if not _string_list(operand) or operand == []:
            raise PatternError("wildcard match pattern must be a string")
        for text in _as_list(operand):
            _check_wildcard(text)
        return _none_of([_wildcard(text) for text in _as_list(operand)])
    if isinstance(value, list):
        if not value:
            raise PatternError("Empty arrays are not allowed")
        for item in value:
            if not (isinstance(item, str) or _is_number(item)):
                raise PatternError("Inside anything but list, start|null|boolean is not supported.")
        return _none_of([_exact(item) for item in value])
    if isinstance(value, str) or _is_number(value):
        return _none_of([_exact(value)])
    raise PatternError("Value of anything-but must be an array or single string/number value.")


def _affix(operator: str, value: Any) -> Matcher:
    build = _prefix if operator == "prefix" else _suffix
    if isinstance(value, dict):
        if len(value) != 1 or "equals-ignore-case" not in value:
            raise PatternError(f"Unsupported anything-but pattern: {next(iter(value), '')}")
        text = value["equals-ignore-case"]
        if not isinstance(text, str):
            raise PatternError(f"{operator} match pattern must be a string")
        return build(text, True)
    if not isinstance(value, str):
        raise PatternError(f"{operator} match pattern must be a string")
    return build(value, False)


def _check_numeric(terms: Any) -> list[Any]:
    """The shape of a numeric expression, checked in the order AWS checks it (its reasons, word for word)."""
    if not isinstance(terms, list):
        raise PatternError("Value of numeric must be an array.")
    if not terms:
        raise PatternError("Invalid member in numeric match: ]")
    operator = terms[0]
    if not isinstance(operator, str):
        raise PatternError(f"Invalid member in numeric match: {json.dumps(operator)}")
    if operator not in _NUMERIC_OPERATORS:
        raise PatternError(f"Unrecognized numeric range operator: {operator}")
    if len(terms) < 2 or not _is_number(terms[1]):
        raise PatternError(f"Value of {'equals' if operator == '=' else operator} must be numeric")
    if len(terms) == 2:
        return terms
    if operator not in (">", ">="):
        raise PatternError("Too many elements in numeric expression")
    upper = terms[2]
    if not isinstance(upper, str):
        raise PatternError(f"Bad value in numeric range: {json.dumps(upper)}")
    if upper not in ("<", "<="):
        raise PatternError(f"Bad numeric range operator: {upper}")
    if len(terms) < 4 or not _is_number(terms[3]):
        raise PatternError(f"Value of {upper} must be numeric")
    if terms[3] <= terms[1]:
        raise PatternError("Bottom must be less than top")
    if len(terms) > 4:
        raise PatternError("Too many terms in numeric range expression")
    return terms


def _check_wildcard(text: Any) -> str:
    if not isinstance(text, str):
        raise PatternError("wildcard match pattern must be a string")
    if "**" in text:
        raise PatternError(f"Consecutive wildcard characters at pos {text.index('**') + 1}")
    if text.count("*") - text.count("\\*") > _MAX_WILDCARDS:
        raise PatternError(
            "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences "
            "after a wildcard character"
        )
    return text


def _check_cidr(block: Any) -> str:
    if not isinstance(block, str):
        raise PatternError("prefix match pattern must be a string")
    parts = block.split("/")
    if len(parts) != 2:
        raise PatternError("Malformed CIDR, one '/' required")
    address, bits = parts
    if not bits.isdigit():
        raise PatternError("Malformed CIDR, mask bits must be an integer")
    try:
        ipaddress.ip_network(block, strict=False)
    except ValueError:
        raise PatternError(f"Nonstandard IP address: {address}") from None
    return block


def _add_match_value(field: _Field, value: Any) -> None:
    if value is None or isinstance(value, (str, bool)) or _is_number(value):
        field.matchers.append(_exact(value))
        return
    if not isinstance(value, dict):
        raise PatternError("Match value must be String, number, true, false, or null")
    if len(value) != 1:
        raise PatternError("Only one key allowed in match expression")
    operator, operand = next(iter(value.items()))
    if operator in ("prefix", "suffix"):
        field.matchers.append(_affix(operator, operand))
    elif operator == "equals-ignore-case":
        if not isinstance(operand, str):
            raise PatternError("equals-ignore-case match pattern must be a string")
        field.matchers.append(_equals_ignore_case(operand))
    elif operator == "wildcard":
        field.matchers.append(_wildcard(_check_wildcard(operand)))
    elif operator == "anything-but":
        field.matchers.append(_anything_but(operand))
    elif operator == "numeric":
        field.matchers.append(_numeric(_check_numeric(operand)))
    elif operator == "cidr":
        field.matchers.append(_cidr(_check_cidr(operand)))
    elif operator == "exists":
        if not isinstance(operand, bool):
            raise PatternError("exists match pattern must be either true or false.")
        if operand:
            field.any_leaf = True
        else:
            field.when_missing = True
    else:
        raise PatternError(f"Unrecognized match type {operator}")


_Alternative = list[_Field]


def _compile_object(obj: Mapping[str, Any], prefix: str, alternatives: list[_Alternative]) -> list[_Alternative]:
    """Add ``obj``'s fields to every alternative; a ``$or`` multiplies the alternatives."""
    for key, value in obj.items():
        if key == "$or" and isinstance(value, list) and len(value) > 1:
            branches: list[_Alternative] = []
            for option in value:
                if not isinstance(option, dict):
                    raise PatternError("Match value must be String, number, true, false, or null")
                for alternative in alternatives:
                    branches.extend(_compile_object(option, prefix, [list(alternative)]))
            alternatives = branches
            continue
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            alternatives = _compile_object(value, path, alternatives)
        elif isinstance(value, list):
            if not value:
                raise PatternError("Empty arrays are not allowed")
            field = _Field(path)
            for item in value:
                _add_match_value(field, item)
            alternatives = [[*alternative, field] for alternative in alternatives]
        else:
            raise PatternError(f'"{key}" must be an object or an array')
    return alternatives


# -- matching ------------------------------------------------------------------------------------------------

#: Where a leaf sits in the event's arrays: ((array id, element index), ...), outermost first.
_Membership = tuple[tuple[int, int], ...]


def _prefixes(paths: frozenset[str]) -> frozenset[str]:
    """Every path and every dotted prefix of one (``a.b.c`` gives ``a``, ``a.b`` and ``a.b.c``)."""
    return frozenset(path[:i] for path in paths for i in range(1, len(path) + 1) if i == len(path) or path[i] == ".")


def _flatten(
    event: Any, wanted: frozenset[str], prefixes: frozenset[str]
) -> dict[str, list[tuple[_Leaf, _Membership]]]:
    """The event's leaves under the paths a pattern names, with their array membership."""
    out: dict[str, list[tuple[_Leaf, _Membership]]] = {}
    counter = [0]

    def visit(value: Any, path: str, membership: _Membership) -> None:
        if isinstance(value, dict):
            for key, member in value.items():
                child = f"{path}.{key}" if path else str(key)
                if child in prefixes:
                    visit(member, child, membership)
        elif isinstance(value, list):
            counter[0] += 1
            array_id = counter[0]
            for index, member in enumerate(value):
                visit(member, path, (*membership, (array_id, index)))
        elif path in wanted:
            out.setdefault(path, []).append((value, membership))

    visit(event, "", ())
    return out


def _consistent(chosen: dict[int, int], membership: _Membership) -> dict[int, int] | None:
    """``chosen`` extended with ``membership``, or None when they name different elements of one array."""
    extended = chosen
    for array_id, index in membership:
        known = extended.get(array_id)
        if known is None:
            if extended is chosen:
                extended = dict(chosen)
            extended[array_id] = index
        elif known != index:
            return None
    return extended


def _match_fields(
    fields: list[_Field], position: int, leaves: dict[str, list[tuple[_Leaf, _Membership]]], chosen: dict[int, int]
) -> bool:
    if position == len(fields):
        return True
    field = fields[position]
    candidates = leaves.get(field.path)
    if not candidates:
        return field.when_missing and _match_fields(fields, position + 1, leaves, chosen)
    for value, membership in candidates:
        if field.any_leaf or field.accepts(value):
            extended = _consistent(chosen, membership)
            if extended is not None and _match_fields(fields, position + 1, leaves, extended):
                return True
    return False


class Pattern:
    """A compiled, valid event pattern. ``pattern.matches(event)`` says whether an event (a decoded JSON object)
    matches; ``pattern.source`` is the pattern as given."""

    __slots__ = ("_alternatives", "_paths", "_prefixes", "source")

    def __init__(self, source: dict[str, Any], alternatives: list[_Alternative]) -> None:
        self.source = source
        self._alternatives = alternatives
        self._paths = frozenset(field.path for alternative in alternatives for field in alternative)
        self._prefixes = _prefixes(self._paths)

    @property
    def fields(self) -> Iterator[str]:
        """The dotted paths of every field the pattern names (e.g. ``detail.state``)."""
        return iter(sorted(self._paths))

    def top_level_keys(self) -> frozenset[str]:
        return frozenset(path.split(".", 1)[0] for path in self._paths)

    def matches(self, event: Any) -> bool:
        if not isinstance(event, dict):
            return False
        leaves = _flatten(event, self._paths, self._prefixes)
        return any(_match_fields(alternative, 0, leaves, {}) for alternative in self._alternatives)

    def __repr__(self) -> str:
        return f"Pattern({json.dumps(self.source)})"


def parse_json(text: str) -> dict[str, Any]:
    """Decode a pattern's JSON text: an object, or :class:`PatternError`."""
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise PatternError(f"Filter is not valid JSON: {exc}") from None
    if not isinstance(decoded, dict):
        raise PatternError("Filter is not an object")
    return decoded


def compile_pattern(source: str | Mapping[str, Any]) -> Pattern:
    """Parse (when given JSON text) and validate a pattern; raise :class:`PatternError` with AWS's reason."""
    decoded = parse_json(source) if isinstance(source, str) else dict(source)
    if not isinstance(decoded, dict):
        raise PatternError("Filter is not an object")
    return Pattern(decoded, _compile_object(decoded, "", [[]]))


def matches(pattern: str | Mapping[str, Any] | Pattern, event: Any) -> bool:
    """Whether ``event`` matches ``pattern`` (compiled on the fly when given as text or a dict)."""
    compiled = pattern if isinstance(pattern, Pattern) else compile_pattern(pattern)
    return compiled.matches(event)
