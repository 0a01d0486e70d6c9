"""JSONata expressions in ``{% ... %}`` strings: do they parse, and do they read only what Step Functions offers?

In a JSONata state "a JSONata expression is a string that starts with ``{%`` and ends with ``%}``"; anything else is
a literal (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html). AWS parses every expression
when the definition is created and refuses one that does not parse with INVALID_JSONATA_EXPRESSION and the JSONata
parser's own message (``Expected "]", got ","``, ``Unexpected end of expression``), located at the field. It also
refuses, with UNSUPPORTED_JSONATA_EXPRESSION, a reference to ``$$``, a name read at the top level (there is no
context value: input comes from ``$states.input``) and ``$states.errorOutput`` outside a catcher's Output or Assign
(all measured against AWS: https://github.com/floci-io/floci/pull/2786).

Parsing is jsonata-python's (a port of the reference JSONata implementation, whose error codes and templates it
keeps); its messages are re-rendered with JSON-quoted tokens as the reference implementation prints them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from jsonata import jexception  # type: ignore[import-untyped]
from jsonata.parser import Parser  # type: ignore[import-untyped]

_PLACEHOLDER = re.compile(r"\{\{\w+\}\}")


def expression_of(value: object) -> str | None:
    """The expression inside a ``{% ... %}`` string, or None for any other value."""
    if isinstance(value, str) and value.startswith("{%") and value.endswith("%}") and len(value) >= 4:
        return value[2:-2]
    return None


@dataclass(frozen=True)
class ExpressionProblem:
    """``code`` is INVALID_JSONATA_EXPRESSION or UNSUPPORTED_JSONATA_EXPRESSION."""

    code: str
    message: str


def _parser_message(problem: jexception.JException) -> str:
    template = jexception.JException.error_codes.get(problem.error)
    if template is None:
        return str(problem)
    arguments = iter((problem.current, problem.expected, problem.extra))
    return _PLACEHOLDER.sub(lambda _match: json.dumps(next(arguments, None), ensure_ascii=False), template)


def _children(node: Any) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, value in vars(node).items():
        if name.startswith("_"):
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            for element in item if isinstance(item, list) else [item]:
                if hasattr(element, "type") and hasattr(element, "value"):
                    found.append((name, element))
    return found


def _references(node: Any, *, at_root: bool, found: list[str]) -> None:
    """Collect the names AWS refuses: ``$$``, ``$states.errorOutput`` and names read from the (absent) context."""
    kind = node.type
    if kind == "variable" and node.value == "$":
        found.append("$$")
    if kind == "path":
        steps = list(getattr(node, "steps", None) or [])
        if steps:
            first = steps[0]
            if at_root and first.type == "name":
                found.append(str(first.value))
            if first.type == "variable" and first.value == "states" and len(steps) > 1:
                second = steps[1]
                if second.type == "name" and second.value == "errorOutput":
                    found.append("$states.errorOutput")
        for index, step in enumerate(steps):
            if step.type in ("name", "variable"):
                for _name, child in _children(step):  # predicates and stages read the step's own value
                    _references(child, at_root=False, found=found)
            else:
                _references(step, at_root=at_root and index == 0, found=found)
        return
    for name, child in _children(node):
        nested = at_root and name not in ("stages", "predicate", "group", "terms")
        _references(child, at_root=nested, found=found)


def check(expression: str, *, error_output_allowed: bool = False) -> ExpressionProblem | None:
    """The problem AWS reports for one expression (the text between ``{%`` and ``%}``), or None."""
    try:
        tree = Parser().parse(expression)
    except jexception.JException as problem:
        return ExpressionProblem("INVALID_JSONATA_EXPRESSION", _parser_message(problem))
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError) as problem:
        return ExpressionProblem("INVALID_JSONATA_EXPRESSION", f"The expression could not be parsed: {problem}")
    found: list[str] = []
    _references(tree, at_root=True, found=found)
    for reference in found:
        if reference == "$$":
            return ExpressionProblem("UNSUPPORTED_JSONATA_EXPRESSION", "Reference to '$$' is not supported.")
        if reference == "$states.errorOutput":
            if not error_output_allowed:
                return ExpressionProblem(
                    "UNSUPPORTED_JSONATA_EXPRESSION", "Field '$states.errorOutput' does not exist."
                )
            continue
        return ExpressionProblem(
            "UNSUPPORTED_JSONATA_EXPRESSION", f"Reference to '{reference}' at the top level is not supported."
        )
    return None
