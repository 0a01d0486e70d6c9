"""CloudWatch Logs filter patterns: terms, JSON patterns, space-delimited patterns and ``%regex%`` terms.

One pattern language serves FilterLogEvents, metric filters, subscription filters and TestMetricFilter, as on
AWS. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

* ``""`` matches every event.
* Terms: ``ERROR Exception`` needs both, ``?ERROR ?WARN`` either, ``-DEBUG`` excludes; ``"exact phrase"`` keeps its
  spaces. "Metric filter terms that include characters other than alphanumeric or underscore must be placed
  inside double quotes" — otherwise AWS answers ``Invalid character(s) in term ':'`` (the words AWS uses, as
  learners quote them, e.g. for ``?Status: timeout``), and so does pocketcloud. Matching is case-sensitive and a
  term matches wherever it appears (``ERROR`` finds ``ERRORCODE``, as the page's example shows). A ``%regex%``
  term matches where the regular expression finds a match.
* ``{ ... }``: a JSON pattern (:mod:`.json_pattern`); ``[ ... ]``: a space-delimited pattern
  (:mod:`.space_pattern`).

A pattern has at most two regular expressions (:data:`~pocketcloud.limits.LOGS_REGEX_PER_PATTERN_MAX`).
:meth:`FilterPattern.match` returns a :class:`Match` whose values feed metric filters' ``metricValue`` and
``dimensions`` (``$.latency`` for JSON patterns, ``$bytes`` for space-delimited ones) and TestMetricFilter's
``extractedValues``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ... import limits
from .json_pattern import JsonPattern, load, parse_selector, scalar, select
from .json_pattern import parse as parse_json
from .pattern_values import invalid, regex
from .space_pattern import SpacePattern
from .space_pattern import parse as parse_space

#: A term: literal text, or a compiled ``%regex%``.
Term = str | re.Pattern[str]


def _found(term: Term, message: str) -> bool:
    return term in message if isinstance(term, str) else term.search(message) is not None


#: ``match``'s default: the event has not been parsed as JSON yet.
NOT_LOADED: Any = object()


@dataclass(frozen=True)
class Match:
    """What a matching event gives a metric filter: extracted values, and the JSON document for ``$.`` paths."""

    extracted: dict[str, str] = field(default_factory=dict)
    document: Any = None

    def lookup(self, reference: str) -> str | None:
        """The value ``$.a.b`` (JSON event) or ``$name`` (space-delimited event) refers to, or None."""
        if reference.startswith("$.") and self.document is not None:
            path = parse_selector(reference)
            return None if path is None else scalar(select(self.document, path))
        return self.extracted.get(reference)


@dataclass(frozen=True)
class FilterPattern:
    """A parsed pattern. ``kind`` is ``"all"`` (empty), ``"terms"``, ``"json"`` or ``"space"``."""

    kind: str = "all"
    required: tuple[Term, ...] = ()
    any_of: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    json: JsonPattern | None = None
    space: SpacePattern | None = None
    regexes: int = 0

    def matches(self, message: str) -> bool:
        return self.match(message) is not None

    def match(self, message: str, document: Any = NOT_LOADED) -> Match | None:
        """The match of ``message``, or None. A caller testing several JSON patterns on one event may pass the
        event's parsed ``document`` (from :func:`load`) so that it is parsed once."""
        if self.kind == "json":
            assert self.json is not None
            if document is NOT_LOADED:
                document = load(message)
            if document is None or not self.json.evaluate(document):
                return None
            return Match(document=document)
        if self.kind == "space":
            assert self.space is not None
            extracted = self.space.extract(message)
            return None if extracted is None else Match(extracted)
        if any(not _found(term, message) for term in self.required):
            return None
        if self.any_of and not any(_found(term, message) for term in self.any_of):
            return None
        if any(_found(term, message) for term in self.excluded):
            return None
        return Match()


MATCH_ALL = FilterPattern()


def parse(pattern: str | None) -> FilterPattern:
    """Parse a filter pattern, raising InvalidParameterException as AWS does for one it cannot read."""
    if pattern is None or not pattern.strip():
        return MATCH_ALL
    text = pattern.strip()
    if text.startswith("{") and text.endswith("}"):
        json_pattern = parse_json(text, pattern)
        parsed = FilterPattern("json", json=json_pattern, regexes=json_pattern.regexes)
    elif text.startswith("[") and text.endswith("]") and not text[1:-1].strip():
        return MATCH_ALL  # "[]" (as subscription filters are often written): no field conditions, every event
    elif text.startswith("[") and text.endswith("]"):
        space_pattern = parse_space(text, pattern)
        parsed = FilterPattern("space", space=space_pattern, regexes=space_pattern.regexes)
    else:
        parsed = _terms(text, pattern)
    if parsed.regexes > limits.LOGS_REGEX_PER_PATTERN_MAX:
        raise invalid(
            f"A filter pattern can contain at most {limits.LOGS_REGEX_PER_PATTERN_MAX} regular expressions: {pattern}"
        )
    return parsed


def _terms(text: str, pattern: str) -> FilterPattern:
    """A term pattern; each term is ``word``, ``"phrase"`` or ``%regex%``, optionally after ``?`` or ``-``."""
    groups: dict[str, list[Term]] = {"": [], "?": [], "-": []}
    regexes = 0
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        modifier = ""
        if text[i] in "?-" and i + 1 < len(text) and not text[i + 1].isspace():
            modifier, i = text[i], i + 1
        if text[i] in '"%':
            quote = text[i]
            end = text.find(quote, i + 1)
            if end == -1:
                raise invalid(f"Invalid filter pattern (unclosed {quote}): {pattern}")
            body, i = text[i + 1 : end], end + 1
            if quote == "%":
                groups[modifier].append(regex(body))
                regexes += 1
            elif body:
                groups[modifier].append(body)
            continue
        start = i
        while i < len(text) and not text[i].isspace():
            i += 1
        term = text[start:i]
        bad = next((c for c in term if not (c.isalnum() or c == "_")), None)
        if bad is not None:
            raise invalid(f"Invalid character(s) in term '{bad}'")
        groups[modifier].append(term)
    return FilterPattern("terms", tuple(groups[""]), tuple(groups["?"]), tuple(groups["-"]), regexes=regexes)
