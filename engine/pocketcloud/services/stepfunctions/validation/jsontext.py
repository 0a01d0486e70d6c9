"""Reading a definition string as Step Functions does, with its parser's words for a syntax error.

Step Functions parses definitions with Jackson (Java): ``"not a definition"`` is answered with code
INVALID_JSON_DESCRIPTION, message ``Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or
token 'null', 'true' or 'false')\\n at [Source: (String)"not a definition"; line: 1, column: 4]`` and that
``[Source: ...]`` suffix as the location (LocalStack's AWS-recorded
tests/aws/services/stepfunctions/v2/test_sfn_api_validation.snapshot.json). Python's ``json`` does the parsing
here; when it fails, a small scanner finds the first problem and words it as Jackson 2.x does (its ReaderBasedJson
Parser messages, the 500-character excerpt of the source and the column just past the offending input). The
scanner's other messages are Jackson's; that AWS shows exactly these for them is a pocketcloud model.

Duplicate keys are kept track of, because Step Functions answers a state name given twice in one ``States`` object
with DUPLICATE_STATE_NAME where Python's ``json`` would keep the last silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: Jackson's default ErrorReportConfiguration shows at most 500 characters of the source in a message.
SOURCE_EXCERPT_CHARS = 500
_WHITESPACE = " \t\r\n"
_EXPECTED_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"


class JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers the keys its text gave more than once (the last value wins)."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    result = JsonObject()
    duplicates: list[str] = []
    for key, value in pairs:
        if key in result and key not in duplicates:
            duplicates.append(key)
        result[key] = value
    if duplicates:
        result.duplicates = tuple(duplicates)
    return result


def _refuse_constant(name: str) -> Any:
    raise _NonStandard(name)


class _NonStandard(ValueError):
    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.token = token


@dataclass(frozen=True)
class JsonProblem:
    """A syntax error: Jackson's message (with its ``at [Source: ...]`` line) and the ``[Source: ...]`` location."""

    message: str
    location: str


def loads(text: str) -> Any | JsonProblem:
    """The definition's JSON value, or the problem Step Functions reports for it.

    Content after the first complete value is ignored, as Jackson's ``readTree`` ignores it by default.
    """
    decoder = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_refuse_constant)
    start = _skip(text, 0)
    if start == len(text):
        return None
    try:
        value, _end = decoder.raw_decode(text, start)
    except _NonStandard as refused:
        return _Scanner(text).problem_at_constant(refused.token)
    except RecursionError:
        return _Scanner(text).nesting_problem()
    except json.JSONDecodeError:
        return _Scanner(text).first_problem()
    return value


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


class _Scanner:
    """Walks the text once with an explicit stack and words the first syntax error the way Jackson does."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _source(self, index: int) -> str:
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        excerpt = self.text[:SOURCE_EXCERPT_CHARS]
        rest = len(self.text) - len(excerpt)
        shown = f'"{excerpt}"' + (f"[truncated {rest} chars]" if rest > 0 else "")
        return f"[Source: (String){shown}; line: {line}, column: {column}]"

    def _problem(self, message: str, index: int) -> JsonProblem:
        location = self._source(index)
        return JsonProblem(f"{message}\n at {location}", location)

    def _unexpected(self, index: int, expectation: str) -> JsonProblem:
        char = self.text[index]
        return self._problem(f"Unexpected character ('{char}' (code {ord(char)})): {expectation}", index + 1)

    def problem_at_constant(self, token: str) -> JsonProblem:
        index = self.text.find(token)
        message = f"Non-standard token '{token}': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
        return self._problem(message, index + len(token))

    def nesting_problem(self) -> JsonProblem:
        return self._problem("Document nesting depth exceeds the maximum allowed (1000)", len(self.text))

    def first_problem(self) -> JsonProblem:
        text = self.text
        stack: list[tuple[str, int]] = []  # ("{" or "[", index of the opening marker)
        expect = "value"
        i = _skip(text, 0)
        while True:
            i = _skip(text, i)
            if i >= len(text):
                return self._end_of_input(stack)
            char = text[i]
            if expect == "value":
                if char in "{[":
                    stack.append((char, i))
                    i += 1
                    expect = "key_or_close" if char == "{" else "value_or_close"
                    continue
                end = self._value(i)
                if isinstance(end, JsonProblem):
                    return end
                i, expect = end, "comma_or_close"
            elif expect == "value_or_close":
                if char == "]":
                    stack.pop()
                    i, expect = i + 1, "comma_or_close"
                else:
                    expect = "value"
                continue
            elif expect in ("key", "key_or_close"):
                if char == "}" and expect == "key_or_close":
                    stack.pop()
                    i, expect = i + 1, "comma_or_close"
                    continue
                if char != '"':
                    return self._unexpected(i, "was expecting double-quote to start field name")
                end = self._string(i)
                if isinstance(end, JsonProblem):
                    return end
                i, expect = end, "colon"
            elif expect == "colon":
                if char != ":":
                    return self._unexpected(i, "was expecting a colon to separate field name and value")
                i, expect = i + 1, "value"
            else:  # comma_or_close
                if not stack:  # a complete document: json.loads would not have failed
                    return self._problem("Unexpected content after the document", i + 1)
                kind = stack[-1][0]
                closer, name = ("}", "Object") if kind == "{" else ("]", "Array")
                if char == closer:
                    stack.pop()
                    i += 1
                    if not stack:
                        return self._problem("Unexpected content after the document", i)
                elif char == ",":
                    i, expect = i + 1, ("key" if kind == "{" else "value")
                else:
                    return self._unexpected(i, f"was expecting comma to separate {name} entries")

    def _end_of_input(self, stack: list[tuple[str, int]]) -> JsonProblem:
        kind, start = stack[-1] if stack else ("{", 0)
        name = "Object" if kind == "{" else "Array"
        marker = self._source(start)
        message = f"Unexpected end-of-input: expected close marker for {name} (start marker at {marker})"
        return self._problem(message, len(self.text))

    def _value(self, i: int) -> int | JsonProblem:
        text = self.text
        char = text[i]
        if char == '"':
            return self._string(i)
        if char == "-" or char.isdigit():
            return self._number(i)
        if char.isalpha() or char == "_":
            end = i
            while end < len(text) and (text[end].isalnum() or text[end] in "_$"):
                end += 1
            token = text[i:end]
            if token in ("true", "false", "null"):
                return end
            return self._problem(f"Unrecognized token '{token}': was expecting {_EXPECTED_VALUE}", end)
        return self._unexpected(i, "expected a valid value " + _EXPECTED_VALUE)

    def _string(self, i: int) -> int | JsonProblem:
        text = self.text
        j = i + 1
        while j < len(text):
            char = text[j]
            if char == '"':
                return j + 1
            if char == "\\":
                if j + 1 >= len(text):
                    break
                escape = text[j + 1]
                if escape == "u":
                    digits = text[j + 2 : j + 6]
                    if len(digits) < 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
                        return self._problem("Unexpected character in unicode escape: expected a hex-digit", j + 2)
                    j += 6
                    continue
                if escape not in '"\\/bfnrt':
                    message = f"Unrecognized character escape '{escape}' (code {ord(escape)})"
                    return self._problem(message, j + 2)
                j += 2
                continue
            if ord(char) < 0x20:
                message = (
                    f"Illegal unquoted character ((CTRL-CHAR, code {ord(char)})): has to be escaped using backslash "
                    "to be included in string value"
                )
                return self._problem(message, j + 1)
            j += 1
        return self._problem("Unexpected end-of-input: was expecting closing quote for a string value", len(text))

    def _number(self, i: int) -> int | JsonProblem:
        text = self.text
        j = i + 1 if text[i] == "-" else i
        if j >= len(text) or not text[j].isdigit():
            if j >= len(text):
                return self._problem("Unexpected end-of-input in a Number value", len(text))
            char = text[j]
            message = (
                f"Unexpected character ('{char}' (code {ord(char)})) in numeric value: expected digit (0-9) to follow "
                "minus sign, for valid numeric value"
            )
            return self._problem(message, j + 1)
        if text[j] == "0" and j + 1 < len(text) and text[j + 1].isdigit():
            return self._problem("Invalid numeric value: Leading zeroes not allowed", j + 2)
        while j < len(text) and text[j].isdigit():
            j += 1
        if j < len(text) and text[j] == ".":
            j += 1
            if j >= len(text) or not text[j].isdigit():
                shown = text[j] if j < len(text) else ""
                code = f" (code {ord(shown)})" if shown else ""
                message = (
                    f"Unexpected character ('{shown}'{code}) in numeric value: Decimal point not followed by a digit"
                )
                return self._problem(message, j + 1)
            while j < len(text) and text[j].isdigit():
                j += 1
        if j < len(text) and text[j] in "eE":
            j += 1
            if j < len(text) and text[j] in "+-":
                j += 1
            if j >= len(text) or not text[j].isdigit():
                shown = text[j] if j < len(text) else ""
                message = (
                    f"Unexpected character ('{shown}') in numeric value: Exponent indicator not followed by a digit"
                )
                return self._problem(message, j + 1)
            while j < len(text) and text[j].isdigit():
                j += 1
        return j
