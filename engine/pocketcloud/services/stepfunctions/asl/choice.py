"""The Choice state: the first Choice rule that matches names the next state, else Default.

JSONPath rules compare a ``Variable`` with a literal or (the ``...Path`` operators) with another path, and combine
with And/Or/Not. From https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html and the ASL spec
(https://states-language.net/#choice-state):

* a comparison whose Variable has the wrong type is simply false ("...the comparison is false");
* ``IsPresent`` tests whether the Variable's path exists; every other operator on a missing Variable (or a
  ``...Path`` operand that does not exist) fails with ``States.Runtime``: "Invalid path '$.x': The choice state's
  condition path references an invalid value." (recorded from AWS);
* ``StringMatches``: ``*`` matches any run of characters, ``\\*`` a literal asterisk, ``\\\\`` a backslash;
* timestamps are RFC 3339 ("2016-08-18T17:33:00Z", with optional fractional seconds and a numeric offset);
* no match and no Default: ``States.NoChoiceMatched``.

JSONata rules have a ``Condition`` expression that must evaluate to a boolean, and may carry their own Assign and
Output. A Choice state has no Next/End of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import jsonata_mode
from ..errors import NO_CHOICE_MATCHED, StatesError
from ..fibers import Step
from ..intrinsics import DataRef, data_ref, to_json
from ..paths import PathError
from .base import State, Thread

_TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def parse_timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str) or _TIMESTAMP.match(value) is None:
        return None
    text = value.replace("Z", "+00:00")
    main, dot, rest = text.partition(".")
    if dot:
        count = 0
        while count < len(rest) and rest[count].isdigit():
            count += 1
        digits, zone = rest[:count], rest[count:]
        text = f"{main}.{(digits + '000000')[:6]}{zone}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def string_matches(value: str, pattern: str) -> bool:
    regex = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            regex.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        regex.append(".*" if ch == "*" else re.escape(ch))
        i += 1
    return re.fullmatch("".join(regex), value, re.DOTALL) is not None


def _compare(op: str, left: Any, right: Any) -> bool:
    """Apply a comparison family (String/Numeric/Boolean/Timestamp) to two values of the right types."""
    family, _, relation = _split(op)
    if family == "String":
        if not isinstance(left, str) or not isinstance(right, str):
            return False
        if relation == "Matches":
            return string_matches(left, right)
        a: Any = left
        b: Any = right
    elif family == "Numeric":
        if not _number(left) or not _number(right):
            return False
        a, b = left, right
    elif family == "Boolean":
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    else:
        ta, tb = parse_timestamp(left), parse_timestamp(right)
        if ta is None or tb is None:
            return False
        a, b = ta, tb
    if relation == "Equals":
        return bool(a == b)
    if relation == "LessThan":
        return bool(a < b)
    if relation == "GreaterThan":
        return bool(a > b)
    if relation == "LessThanEquals":
        return bool(a <= b)
    return bool(a >= b)


_FAMILIES = ("String", "Numeric", "Boolean", "Timestamp")
_RELATIONS = ("Equals", "LessThanEquals", "GreaterThanEquals", "LessThan", "GreaterThan", "Matches")


def _split(op: str) -> tuple[str, bool, str]:
    path = op.endswith("Path")
    base = op[:-4] if path else op
    for family in _FAMILIES:
        if base.startswith(family):
            return family, path, base[len(family) :]
    raise ValueError(op)


COMPARISONS = {f + r + p for f in _FAMILIES for r in _RELATIONS for p in ("", "Path")} - {
    "StringMatchesPath", "BooleanLessThan", "NumericMatches"
}  # fmt: skip
TESTS = ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")

Rule = Callable[[Thread, Any, Callable[[str], StatesError]], bool]


def compile_rule(rule: dict[str, Any]) -> Rule:
    if "And" in rule:
        parts = [compile_rule(r) for r in rule["And"]]
        return lambda t, d, f: all(p(t, d, f) for p in parts)
    if "Or" in rule:
        parts = [compile_rule(r) for r in rule["Or"]]
        return lambda t, d, f: any(p(t, d, f) for p in parts)
    if "Not" in rule:
        inner = compile_rule(rule["Not"])
        return lambda t, d, f: not inner(t, d, f)
    variable = data_ref(rule["Variable"])
    for test in TESTS:
        if test in rule:
            return _test(test, bool(rule[test]), variable)
    for op, operand in rule.items():
        if op in COMPARISONS:
            if op.endswith("Path"):
                return _path_comparison(op[:-4], variable, data_ref(operand))
            return _literal_comparison(op, variable, operand)
    raise ValueError(f"unknown Choice rule {sorted(rule)}")


def invalid_condition_path(text: str) -> str:
    return f"Invalid path '{text}': The choice state's condition path references an invalid value."


def _read(thread: Thread, document: Any, ref: DataRef, fail: Callable[[str], StatesError]) -> Any:
    sources = thread.sources(document)
    try:
        return sources.read(ref)
    except (PathError, KeyError):
        raise fail(
            f"Invalid path '{ref.text}': The choice state's condition path references an invalid value."
        ) from None


def _test(test: str, expected: bool, variable: DataRef) -> Rule:
    def check(thread: Thread, document: Any, fail: Callable[[str], StatesError]) -> bool:
        if test == "IsPresent":
            try:
                thread.sources(document).read(variable)
                present = True
            except (PathError, KeyError):
                present = False
            return present == expected
        try:
            value = thread.sources(document).read(variable)
        except (PathError, KeyError):
            if test == "IsNull":
                raise fail(invalid_condition_path(variable.text)) from None
            return not expected
        if test == "IsNull":
            actual = value is None
        elif test == "IsNumeric":
            actual = _number(value)
        elif test == "IsString":
            actual = isinstance(value, str)
        elif test == "IsBoolean":
            actual = isinstance(value, bool)
        else:
            actual = parse_timestamp(value) is not None
        return actual == expected

    return check


def _literal_comparison(op: str, variable: DataRef, operand: Any) -> Rule:
    def check(thread: Thread, document: Any, fail: Callable[[str], StatesError]) -> bool:
        return _compare(op, _read(thread, document, variable, fail), operand)

    return check


def _path_comparison(op: str, variable: DataRef, operand: DataRef) -> Rule:
    def check(thread: Thread, document: Any, fail: Callable[[str], StatesError]) -> bool:
        left = _read(thread, document, variable, fail)
        right = _read(thread, document, operand, fail)
        return _compare(op, left, right)

    return check


class ChoiceState(State):
    type_name = "Choice"

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        self.default = spec.get("Default")
        self.choices: list[tuple[Any, str, Any, Any]] = []
        for rule in spec.get("Choices", ()):
            if self.jsonata:
                condition: Any = jsonata_mode.compile_template(rule.get("Condition"))
                output = jsonata_mode.compile_template(rule["Output"]) if "Output" in rule else None
                assign = jsonata_mode.compile_template(rule["Assign"]) if "Assign" in rule else None
            else:
                condition = compile_rule(rule)
                output = None
                assign = self._assign_template(rule["Assign"]) if "Assign" in rule else None
            self.choices.append((condition, rule["Next"], output, assign))

    def _matches(self, thread: Thread, condition: Any, raw: Any, effective: Any, entered: int) -> bool:
        if not self.jsonata:
            return bool(condition(thread, effective, self.runtime_fail(entered)))
        value = self.jsonata_value(thread, condition, {"input": raw}, "Condition", entered)
        if not isinstance(value, bool):
            raise self.query_fail(entered)(
                f"The JSONata expression specified for the field 'Condition' returned an unexpected result type. "
                f"Expected 'Boolean', but was '{type(value).__name__}' for value: {to_json(value)}"
            )
        return value

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        effective = self.effective_input(thread, raw, entered)
        chosen: tuple[str, Any, Any] | None = None
        for condition, next_state, output, assign in self.choices:
            if self._matches(thread, condition, raw, effective, entered):
                chosen = (next_state, output, assign)
                break
        if chosen is None:
            if self.default is None:
                raise StatesError(NO_CHOICE_MATCHED, "No Matches!")
            chosen = (self.default, None, None)
        next_state, rule_output, rule_assign = chosen
        states = {"input": raw}
        assign = rule_assign if rule_assign is not None else self.assign
        values = self.evaluate_assign(thread, assign, effective, states, entered)
        if self.jsonata:
            template = rule_output if rule_output is not None else self.output
            output = raw if template is None else self.jsonata_value(thread, template, states, "Output", entered)
        else:
            output = self.finish_jsonpath(thread, effective, entered)
        self.exit(thread, output, self.store(thread, values))
        return output, next_state
        yield
