"""FilterLogEvents' ``filterPattern``: the term-matching subset of CloudWatch Logs' filter pattern syntax.

Learners search Lambda logs with term patterns, e.g. ``REPORT``, ``"Task timed out"`` or ``?ERROR ?Exception``;
those are what this module understands. The forms follow AWS's filter pattern syntax page and the examples AWS
gives for the same syntax ("" matches all, ``-ERROR`` excludes, ``ERROR Exception`` needs both, ``?ERROR
?Exception`` needs either):
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_GetContainerLog.html

Supported (documented as pocketcloud's subset):

* empty pattern — every event matches;
* ``term`` — the term must appear in the message (all such terms must appear);
* ``"exact phrase"`` — the phrase, spaces included, must appear;
* ``?term`` / ``?"phrase"`` — at least one of the ``?`` terms must appear;
* ``-term`` / ``-"phrase"`` — the event must not contain it.

Matching is case-sensitive, as AWS's is. A term matches wherever it appears in the message, as a substring, so
``START`` also finds ``INIT_START`` lines; AWS's page speaks of matching "terms" without spelling out how partial
words behave, so quote a phrase (``"START RequestId"``) when the exact text matters. JSON (``{ }``),
space-delimited (``[ ]``) and regular expression (``%...%``) patterns are refused with a clear
``InvalidParameterException`` rather than silently matching the wrong events.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import ServiceError

_UNSUPPORTED = (
    'pocketcloud simulates term filter patterns only: words, "exact phrases", ?either ?or terms and -excluded '
    "terms. JSON ({{ }}), space-delimited ([ ]) and regular expression (%...%) patterns are not simulated: {pattern}"
)


@dataclass(frozen=True)
class FilterPattern:
    """A parsed term pattern: an event matches when it has all ``required``, one of ``any_of``, none of ``excluded``."""

    required: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    def matches(self, message: str) -> bool:
        if any(term not in message for term in self.required):
            return False
        if self.any_of and not any(term in message for term in self.any_of):
            return False
        return not any(term in message for term in self.excluded)


def parse(pattern: str | None) -> FilterPattern:
    """Parse a filter pattern, raising InvalidParameterException for forms pocketcloud does not simulate."""
    if pattern is None or not pattern.strip():
        return FilterPattern()
    text = pattern.strip()
    if text[0] in "{[" or (text.startswith("%") and text.endswith("%") and len(text) > 1):
        raise ServiceError("InvalidParameterException", _UNSUPPORTED.format(pattern=pattern))
    required: list[str] = []
    any_of: list[str] = []
    excluded: list[str] = []
    for modifier, term in _terms(text, pattern):
        {"": required, "?": any_of, "-": excluded}[modifier].append(term)
    return FilterPattern(tuple(required), tuple(any_of), tuple(excluded))


def _terms(text: str, pattern: str) -> list[tuple[str, str]]:
    """Split into (modifier, term) pairs; a quoted phrase keeps its spaces."""
    terms: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        modifier = ""
        if text[i] in "?-" and i + 1 < len(text) and not text[i + 1].isspace():
            modifier, i = text[i], i + 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end == -1:
                raise ServiceError("InvalidParameterException", f"Invalid filter pattern (unclosed quote): {pattern}")
            term, i = text[i + 1 : end], end + 1
        else:
            start = i
            while i < len(text) and not text[i].isspace():
                i += 1
            term = text[start:i]
        if term:
            terms.append((modifier, term))
    return terms
