"""The Choice state: its rules, their operators and the type of value each operator compares with.

JSONPath rules name a ``Variable`` and exactly one comparison operator, or combine rules with ``And``/``Or`` (non-
empty arrays) and ``Not`` (one rule); only a top-level rule carries ``Next`` (and ``Assign``). JSONata rules hold a
``Condition`` instead. Every operator and its operand type are listed in
https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html: String* take strings, Numeric* numbers,
Boolean* booleans, Timestamp* RFC3339 timestamps, the ``...Path`` forms a path, and the type tests (IsNull,
IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp) a boolean. ``Choices`` must not be empty and ``Default``
names the state taken when no rule matches.
"""

from __future__ import annotations

from typing import Any

from . import checks, messages, paths, payload, timestamps
from .context import Context, StateScope, join

_FAMILIES = {"String": "STRING", "Numeric": "NUMBER", "Boolean": "BOOLEAN", "Timestamp": "TIMESTAMP"}
_COMPARISONS = ("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")
OPERATORS: dict[str, str] = {}
for _family, _kind in _FAMILIES.items():
    for _comparison in ("Equals",) if _family == "Boolean" else _COMPARISONS:
        OPERATORS[f"{_family}{_comparison}"] = _kind
        OPERATORS[f"{_family}{_comparison}Path"] = "PATH"
OPERATORS["StringMatches"] = "STRING"
for _test in ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"):
    OPERATORS[_test] = "BOOLEAN"

COMBINATORS = ("And", "Or", "Not", "Variable", "Condition")


def _operand(ctx: Context, operator: str, value: object, location: str) -> None:
    kind = OPERATORS[operator]
    if kind == "PATH":
        if checks.string(ctx, value, location):
            assert isinstance(value, str)
            reason = paths.problem(value)
            if reason is not None:
                ctx.error(
                    messages.invalid_path() if value.startswith("$") else messages.not_reference_path(reason), location
                )
    elif kind == "TIMESTAMP":
        if checks.string(ctx, value, location) and not timestamps.is_timestamp(value):
            ctx.error(messages.invalid_timestamp(), location)
    elif kind == "NUMBER":
        checks.number(ctx, value, location)
    elif kind == "BOOLEAN":
        checks.boolean(ctx, value, location)
    else:
        checks.string(ctx, value, location)


def _jsonpath_rule(ctx: Context, scope: StateScope, rule: dict[str, Any], location: str, top: bool) -> None:
    allowed = {"Variable", "Comment", *OPERATORS, "And", "Or", "Not"} | ({"Next", "Assign"} if top else set())
    for field in rule:
        if field == "Condition" or field == "Output":
            ctx.error(messages.other_language(scope.language, field), location)
        elif field not in allowed:
            ctx.error(messages.not_supported(field), location)
    present = [c for c in COMBINATORS if c in rule and c != "Condition"]
    if len(present) != 1:
        ctx.error(f"The object must have only one of the following fields, [{', '.join(COMBINATORS)}]", location)
    if "Variable" in rule:
        variable = rule["Variable"]
        if checks.string(ctx, variable, join(location, "Variable")):
            reason = paths.problem(variable)
            if reason is not None:
                message = messages.invalid_path() if variable.startswith("$") else messages.not_reference_path(reason)
                ctx.error(message, join(location, "Variable"))
        operators = [o for o in OPERATORS if o in rule]
        if len(operators) != 1:
            listed = list(OPERATORS)
            ctx.error(messages.only_one_of(listed) if operators else messages.one_of_missing(listed), location)
        for operator in operators:
            _operand(ctx, operator, rule[operator], join(location, operator))
    for combinator in ("And", "Or"):
        if combinator in rule and checks.array(ctx, rule[combinator], join(location, combinator), non_empty=True):
            for index, nested in enumerate(rule[combinator]):
                _nested(ctx, scope, nested, join(location, combinator, index))
    if "Not" in rule:
        _nested(ctx, scope, rule["Not"], join(location, "Not"))
    if top and "Assign" in rule:
        payload.assign(ctx, rule["Assign"], join(location, "Assign"), jsonata=False)


def _nested(ctx: Context, scope: StateScope, rule: object, location: str) -> None:
    if checks.obj(ctx, rule, location):
        assert isinstance(rule, dict)
        _jsonpath_rule(ctx, scope, rule, location, top=False)


def _jsonata_rule(ctx: Context, scope: StateScope, rule: dict[str, Any], location: str) -> None:
    for field in rule:
        if field in OPERATORS or field in ("Variable", "And", "Or", "Not"):
            ctx.error(messages.other_language(scope.language, field), location)
        elif field not in ("Condition", "Next", "Comment", "Assign", "Output"):
            ctx.error(messages.not_supported(field), location)
    if checks.required(ctx, rule, ["Condition"], location):
        condition = rule["Condition"]
        if not isinstance(condition, bool) and checks.string(ctx, condition, join(location, "Condition")):
            payload.jsonata_value(ctx, condition, join(location, "Condition"))
    if "Output" in rule:
        payload.jsonata_value(ctx, rule["Output"], join(location, "Output"))
    if "Assign" in rule:
        payload.assign(ctx, rule["Assign"], join(location, "Assign"), jsonata=True)


def check(ctx: Context, scope: StateScope, state: dict[str, Any]) -> list[tuple[str, str]]:
    """Check ``Choices`` and ``Default``; returns each (target, location) for the transition checks."""
    targets: list[tuple[str, str]] = []
    if not checks.required(ctx, state, ["Choices"], scope.path):
        choices: object = []
    else:
        choices = state["Choices"]
    if "Choices" in state and checks.array(ctx, choices, scope.at("Choices"), non_empty=True):
        assert isinstance(choices, list)
        for index, rule in enumerate(choices):
            location = scope.at("Choices", index)
            if not checks.obj(ctx, rule, location):
                continue
            if scope.jsonata:
                _jsonata_rule(ctx, scope, rule, location)
            else:
                _jsonpath_rule(ctx, scope, rule, location, top=True)
            if "Next" not in rule:
                ctx.error(messages.required(["Next"]), location)
            elif checks.string(ctx, rule["Next"], join(location, "Next")):
                targets.append((rule["Next"], join(location, "Next")))
    if "Default" in state and checks.string(ctx, state["Default"], scope.at("Default")):
        targets.append((state["Default"], scope.at("Default")))
    return targets
