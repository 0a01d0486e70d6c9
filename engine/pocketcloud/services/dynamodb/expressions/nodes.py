"""The syntax tree of a DynamoDB expression: one small class per construct of the grammar.

The parser builds these from the text alone (so a parsed expression can be cached and shared); binding
(:mod:`.binding`) resolves ``#name`` and ``:value`` placeholders against one request and returns a new tree in
which every :class:`Path` has its ``elements`` (attribute names and list indexes) and every :class:`Value` its
attribute value. Evaluation only ever sees bound trees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

#: One step of a document path as written: ("ID", "a"), ("NAME", "#a") or ("INDEX", "3").
Part = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Path:
    """``a.b[2].#c``: ``parts`` as written, ``elements`` once bound (str = map key, int = list index)."""

    parts: tuple[Part, ...]
    elements: tuple[str | int, ...] = ()

    def show(self) -> str:
        """The resolved path as DynamoDB prints it in messages: ``[a, b, [2], c]``."""
        return "[" + ", ".join(f"[{e}]" if isinstance(e, int) else e for e in self.elements) + "]"


@dataclass(frozen=True, slots=True)
class Value:
    """``:v``: a placeholder, with its attribute value once bound."""

    name: str
    value: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Call:
    """``name(arg, ...)``: a function, used as a condition or as an operand."""

    name: str
    args: tuple[Operand, ...]


@dataclass(frozen=True, slots=True)
class Arith:
    """``left + right`` or ``left - right`` (update expressions only)."""

    op: str
    left: Operand
    right: Operand


Operand = Path | Value | Call
SetValue = Path | Value | Call | Arith


@dataclass(frozen=True, slots=True)
class Compare:
    op: str  # = <> < <= > >=
    left: Operand
    right: Operand


@dataclass(frozen=True, slots=True)
class Between:
    operand: Operand
    low: Operand
    high: Operand


@dataclass(frozen=True, slots=True)
class In:
    operand: Operand
    options: tuple[Operand, ...]


@dataclass(frozen=True, slots=True)
class Not:
    operand: Condition


@dataclass(frozen=True, slots=True)
class And:
    left: Condition
    right: Condition


@dataclass(frozen=True, slots=True)
class Or:
    left: Condition
    right: Condition


Condition = Union[Compare, Between, In, Call, Not, And, Or]  # noqa: UP007 (Not/And/Or refer to it)


@dataclass(frozen=True, slots=True)
class SetAction:
    path: Path
    value: SetValue


@dataclass(frozen=True, slots=True)
class RemoveAction:
    path: Path


@dataclass(frozen=True, slots=True)
class AddAction:
    path: Path
    value: Value


@dataclass(frozen=True, slots=True)
class DeleteAction:
    path: Path
    value: Value


Action = SetAction | RemoveAction | AddAction | DeleteAction


@dataclass(frozen=True, slots=True)
class Update:
    """An update expression: its actions in the order written, and the section keywords in order (a section
    may appear only once, which binding checks)."""

    actions: tuple[Action, ...]
    sections: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Projection:
    paths: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed expression: the tree, and whether redundant parentheses were found (an error DynamoDB reports
    after syntax errors but before any other)."""

    tree: Condition | Update | Projection
    redundant_parens: bool = False
