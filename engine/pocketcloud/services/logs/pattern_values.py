"""The values a JSON or space-delimited filter pattern compares a field with: strings, wildcards, numbers, regexes.

From the filter pattern syntax page (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):

* a string "with or without quotes"; "Strings that consist entirely of alphanumeric characters do not need to be
  quoted";
* "the asterisk '*' wildcard character to match any text at, before, or after a search term. For example, *Event
  will match PutEvent and GetEvent. Event* will match EventId and EventName. Ev*ent will only match the actual
  string Ev*ent" (and ``*`` alone matches any value, as in ``{ $.latency = * }``);
* a number: "An integer with an optional + or - sign, a decimal with an optional + or - sign, or a number in
  scientific notation", compared with ``=, !=, <, >, <=, >=`` ("precise matching on numeric comparisons");
* a regular expression between ``%`` signs (``%ERROR|WARN%``), "supported ... in filter patterns" with "a quota of
  two regular expression patterns within a single filter pattern"
  (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html). pocketcloud runs
  them with Python's ``re`` (a search anywhere in the value) and refuses look-arounds and back-references, which
  AWS's regex syntax leaves out.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from ...errors import ServiceError

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
#: Regex features AWS's filter pattern regexes do not have (pocketcloud refuses them rather than guess).
_UNSUPPORTED_REGEX = re.compile(r"\(\?[=!<]|\\[1-9]|\(\?P")


def invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterException", message)


def as_number(text: str) -> float | None:
    """``text`` as a number when it is one in the documented forms, else None."""
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class Value:
    """One right-hand side: ``text`` as written (quotes removed), and how to compare with it."""

    text: str
    quoted: bool = False
    regex: re.Pattern[str] | None = None

    @functools.cached_property
    def number(self) -> float | None:
        """The value as a number (computed once: every event compared with this value asks for it)."""
        return None if self.quoted or self.regex is not None else as_number(self.text)

    def equals(self, actual: str) -> bool:
        """String equality with the documented wildcards, or a regex search."""
        if self.regex is not None:
            return self.regex.search(actual) is not None
        text = self.text
        if text == "*":
            return True
        starts, ends = text.startswith("*"), text.endswith("*") and len(text) > 1
        if starts and ends:
            return text[1:-1] in actual
        if starts:
            return actual.endswith(text[1:])
        if ends:
            return actual.startswith(text[:-1])
        return actual == text


def compare(actual: str, operator: str, value: Value, actual_number: float | None = None) -> bool:
    """Does ``actual <operator> value`` hold? Numbers compare as numbers, anything else as strings."""
    wanted = value.number
    if actual_number is None:
        actual_number = as_number(actual)
    if operator in ("<", ">", "<=", ">="):
        if wanted is None or actual_number is None:
            return False
        if operator == "<":
            return actual_number < wanted
        if operator == ">":
            return actual_number > wanted
        return actual_number <= wanted if operator == "<=" else actual_number >= wanted
    both_numbers = wanted is not None and actual_number is not None
    same = actual_number == wanted if both_numbers else value.equals(actual)
    return same if operator == "=" else not same


def regex(source: str) -> re.Pattern[str]:
    """Compile a ``%...%`` pattern's body, refusing what AWS's regex syntax does not have."""
    if not source:
        raise invalid("Invalid regular expression: %%")
    if _UNSUPPORTED_REGEX.search(source):
        raise invalid(f"Invalid regular expression: %{source}% (look-arounds and back-references are not supported)")
    try:
        return re.compile(source)
    except re.error as exc:
        raise invalid(f"Invalid regular expression: %{source}% ({exc})") from None


class Reader:
    """A cursor over a pattern's text, shared by the JSON and space-delimited parsers."""

    def __init__(self, text: str, pattern: str) -> None:
        self.text = text
        self.pattern = pattern
        self.i = 0
        self.regexes = 0

    def skip(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def peek(self, token: str) -> bool:
        self.skip()
        return self.text.startswith(token, self.i)

    def take(self, token: str) -> bool:
        if self.peek(token):
            self.i += len(token)
            return True
        return False

    def at_end(self) -> bool:
        self.skip()
        return self.i >= len(self.text)

    def fail(self, what: str) -> ServiceError:
        return invalid(f"Invalid filter pattern ({what} at position {self.i + 1}): {self.pattern}")

    def operator(self) -> str | None:
        self.skip()
        for op in ("!=", "<=", ">=", "=", "<", ">"):
            if self.text.startswith(op, self.i):
                self.i += len(op)
                return op
        return None

    def value(self, stops: str) -> Value:
        """A quoted string, a ``%regex%``, or a bare word ending at whitespace or one of ``stops``."""
        self.skip()
        text = self.text
        if self.i >= len(text):
            raise self.fail("missing value")
        if text[self.i] == '"':
            end = text.find('"', self.i + 1)
            if end == -1:
                raise self.fail("unclosed quote")
            value, self.i = text[self.i + 1 : end], end + 1
            return Value(value, quoted=True)
        if text[self.i] == "%":
            end = text.find("%", self.i + 1)
            if end == -1:
                raise self.fail("unclosed regular expression")
            source, self.i = text[self.i + 1 : end], end + 1
            self.regexes += 1
            return Value(source, regex=regex(source))
        start = self.i
        while self.i < len(text) and not text[self.i].isspace() and text[self.i] not in stops:
            if text.startswith(("&&", "||"), self.i):
                break
            self.i += 1
        if self.i == start:
            raise self.fail("missing value")
        return Value(text[start : self.i])
