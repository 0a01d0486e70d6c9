"""Payload templates, variable assignments and the JSONata expressions inside any field value.

JSONPath states: "a field whose name ends in ``.$``" holds a path or an intrinsic function, evaluated at run
time; the others are copied as they are (https://states-language.net/spec.html#payload-template). A ``.$`` value
that is neither is refused: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function
call". A plain field holding what looks like a path earns the NO_DOLLAR warning ("No .$ on a field that appears to
be a JSONPath or Intrinsic Function", API_ValidateStateMachineDefinitionDiagnostic).

``Assign`` declares workflow variables in both languages; variable names start with a letter or underscore, hold
letters, digits and underscores, and ``states`` is reserved
(https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html). The codes and AWS's messages for
bad names, INVALID_VARIABLE_NAME and RESERVED_VARIABLE_NAME, come from a cdk_preflight rule set measured against
the API (2026-09-05); the length message is pocketcloud's.
"""

from __future__ import annotations

import re

from . import diagnostics as d
from . import intrinsics, jsonata_expr, messages, paths
from .context import Context, join

_VARIABLE_NAME = re.compile(r"[^\W\d]\w*")
#: Variable names: "The maximum length is 80 characters" (workflow-variables.html).
VARIABLE_NAME_MAX = 80


def dollar_value_problem(value: object, *, intrinsics_allowed: bool = True) -> bool:
    """Whether a ``.$`` field's value is refused: not a string, not a valid path, not a valid intrinsic call."""
    if not isinstance(value, str):
        return True
    if intrinsics.is_call(value):
        return not intrinsics_allowed or intrinsics.problem(value) is not None
    return paths.problem(value) is not None


def _looks_evaluated(value: object) -> bool:
    return paths.looks_like_path(value) or (isinstance(value, str) and intrinsics.is_call(value) and "(" in value)


def jsonpath_template(ctx: Context, value: object, location: str, *, intrinsics_allowed: bool = True) -> None:
    """Check a JSONPath payload template and everything nested in it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith(".$"):
                if dollar_value_problem(item, intrinsics_allowed=intrinsics_allowed):
                    ctx.error(messages.invalid_dollar_field(key), location)
                continue
            if _looks_evaluated(item):
                ctx.warn(
                    d.NO_DOLLAR,
                    f"The field '{key}' holds what looks like a JSONPath or an intrinsic function, but its name does "
                    f"not end with '.$', so the value is used as it is",
                    join(location, key),
                )
            jsonpath_template(ctx, item, join(location, key), intrinsics_allowed=intrinsics_allowed)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            jsonpath_template(ctx, item, join(location, index), intrinsics_allowed=intrinsics_allowed)


def jsonata_value(ctx: Context, value: object, location: str, *, error_output_allowed: bool = False) -> None:
    """Parse every ``{% %}`` string in a JSONata field value, at any depth."""
    expression = jsonata_expr.expression_of(value)
    if expression is not None:
        problem = jsonata_expr.check(expression, error_output_allowed=error_output_allowed)
        if problem is not None:
            ctx.error(problem.message, location, code=problem.code)
    elif isinstance(value, dict):
        for key, item in value.items():
            jsonata_value(ctx, item, join(location, key), error_output_allowed=error_output_allowed)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            jsonata_value(ctx, item, join(location, index), error_output_allowed=error_output_allowed)


def _variable_name(ctx: Context, name: str, location: str) -> None:
    if name == "states":
        ctx.error("Cannot assign to reserved variable '$states'.", location, code=d.RESERVED_VARIABLE_NAME)
    elif not _VARIABLE_NAME.fullmatch(name):
        message = f"Invalid variable name '{name}': the variable name contains invalid characters."
        ctx.error(message, location, code=d.INVALID_VARIABLE_NAME)
    elif len(name) > VARIABLE_NAME_MAX:
        message = f"Invalid variable name '{name}': the variable name is longer than {VARIABLE_NAME_MAX} characters."
        ctx.error(message, location, code=d.INVALID_VARIABLE_NAME)


def assign(ctx: Context, value: object, location: str, *, jsonata: bool, error_output_allowed: bool = False) -> None:
    """``Assign``: an object of variable names to values (paths and intrinsics in JSONPath, JSONata in JSONata)."""
    if not isinstance(value, dict):
        ctx.error(messages.expected_type("OBJECT"), location)
        return
    for key, item in value.items():
        dollar = not jsonata and key.endswith(".$")
        _variable_name(ctx, key[:-2] if dollar else key, join(location, key))
        if jsonata:
            jsonata_value(ctx, item, join(location, key), error_output_allowed=error_output_allowed)
        elif dollar:
            if dollar_value_problem(item):
                ctx.error(messages.invalid_dollar_field(key), location)
        else:
            jsonpath_template(ctx, item, join(location, key))
