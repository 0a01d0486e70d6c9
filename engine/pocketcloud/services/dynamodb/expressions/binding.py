"""Binding a parsed expression to one request: placeholders resolved, and every semantic rule DynamoDB checks.

A parsed tree says nothing yet about ``#name`` and ``:value``; binding resolves them against the request's
``ExpressionAttributeNames`` / ``ExpressionAttributeValues``, records which were used (an unused one is an
error the caller reports after all expressions are bound), and checks what the grammar cannot: function names and
arities, operand types of literals, functions used where they may not be, reserved words as attribute names,
overlapping document paths, and BETWEEN bounds.

When an expression breaks several rules DynamoDB reports one, in a fixed order. The orders here are dynalite's,
which were worked out against the real service (https://github.com/mhart/dynalite, ``db/conditionParser.pegjs``,
``db/updateParser.pegjs``): for conditions, redundant parentheses, an unknown function, a misused function, a
reserved word, then the first primitive condition with a problem (an undefined placeholder, then a wrong number
of operands, then non-distinct operands, then an operand type); for updates, a reserved word, an unknown function,
a repeated section, an undefined name, an undefined value, overlapping paths, conflicting paths, an ADD/DELETE
operand type, then a function problem.
"""

from __future__ import annotations

from typing import Any

from .... import limits
from .. import values as av
from . import nodes as n
from .reserved import is_reserved

CONDITION_FUNCTIONS = {
    "attribute_exists": 1,
    "attribute_not_exists": 1,
    "attribute_type": 2,
    "begins_with": 2,
    "contains": 2,
    "size": 1,
}
UPDATE_FUNCTIONS = {"if_not_exists": 2, "list_append": 2}
TYPE_NAMES = ("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M")
_VALID_TYPES = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"


class ExpressionError(ValueError):
    """A semantic error, without the "Invalid <Label>: " prefix."""


class Scope:
    """The placeholders of one request, shared by all its expressions, and which of them were used."""

    def __init__(self, names: dict[str, str] | None, values: dict[str, dict[str, Any]] | None) -> None:
        self.names = names or {}
        self.values = values or {}
        self.used_names: set[str] = set()
        self.used_values: set[str] = set()

    def unused_names(self) -> list[str]:
        return [name for name in self.names if name not in self.used_names]

    def unused_values(self) -> list[str]:
        return [name for name in self.values if name not in self.used_values]


class _Problems:
    """The first problem of each kind, reported in a fixed priority."""

    def __init__(self, order: tuple[str, ...]) -> None:
        self.order = order
        self.found: dict[str, str] = {}

    def add(self, kind: str, message: str) -> None:
        self.found.setdefault(kind, message)

    def first(self) -> str | None:
        for kind in self.order:
            if kind in self.found:
                return self.found[kind]
        return None


def _literal_type(operand: Any) -> str | None:
    """The type of an operand known before reading the item: a value's type, or a function's result type."""
    if isinstance(operand, n.Value):
        return av.type_of(operand.value) if operand.value else None
    if isinstance(operand, n.Call):
        if operand.name == "size":
            return "N"
        if operand.name == "list_append":
            return "L"
        if operand.name == "if_not_exists" and len(operand.args) == 2:
            return _literal_type(operand.args[1])
    return None


def _wrong_type(function: str, kind: str) -> str:
    return f"Incorrect operand type for operator or function; operator or function: {function}, operand type: {kind}"


class Binder:
    """Binds one expression; raises :class:`ExpressionError` with the first problem in DynamoDB's order."""

    def __init__(self, scope: Scope, kind: str) -> None:
        self.scope = scope
        self.kind = kind
        if kind == "update":
            order: tuple[str, ...] = (
                "reserved", "unknown_function", "section", "name", "value", "overlap", "conflict", "operand",
                "function",
            )  # fmt: skip
        elif kind == "projection":
            order = ("reserved", "name", "overlap", "conflict")
        else:
            order = ("parens", "unknown_function", "misused_function", "reserved", "condition")
        self.problems = _Problems(order)
        #: Per primitive condition: its own problems (names/values, arity, distinct, types).
        self.local: _Problems | None = None

    def _local(self, kind: str, message: str) -> None:
        if self.local is not None:
            self.local.add(kind, message)
        else:
            self.problems.add(kind, message)

    def done(self) -> None:
        message = self.problems.first()
        if message is not None:
            raise ExpressionError(message)

    # -- paths and values -------------------------------------------------------------------------------------
    def path(self, path: n.Path) -> n.Path:
        elements: list[str | int] = []
        for kind, text in path.parts:
            if kind == "ID":
                if is_reserved(text):
                    self.problems.add("reserved", f"Attribute name is a reserved keyword; reserved keyword: {text}")
                elements.append(text)
            elif kind == "NAME":
                resolved = self.scope.names.get(text)
                if resolved is None:
                    self._local(
                        "name",
                        "An expression attribute name used in the document path is not defined; attribute name: "
                        + text,
                    )
                    elements.append(text)
                else:
                    self.scope.used_names.add(text)
                    elements.append(resolved)
            else:
                elements.append(int(text))
        return n.Path(path.parts, tuple(elements))

    def value(self, value: n.Value) -> n.Value:
        bound = self.scope.values.get(value.name)
        if bound is None:
            self._local(
                "value",
                f"An expression attribute value used in expression is not defined; attribute value: {value.name}",
            )
            return value
        self.scope.used_values.add(value.name)
        return n.Value(value.name, bound)

    def operand(self, operand: n.Operand) -> n.Operand:
        if isinstance(operand, n.Path):
            return self.path(operand)
        if isinstance(operand, n.Value):
            return self.value(operand)
        return self.call(operand)

    # -- functions --------------------------------------------------------------------------------------------
    def call(self, call: n.Call) -> n.Call:
        known = UPDATE_FUNCTIONS if self.kind == "update" else CONDITION_FUNCTIONS
        args = tuple(self.operand(arg) for arg in call.args)
        if self.kind != "update" and call.name in UPDATE_FUNCTIONS:
            # An update function in a condition is known but not allowed ("ValidationException.*not allowed",
            # scylladb alternator's test_update_condition_other_funcs against DynamoDB).
            self.problems.add(
                "misused_function",
                f"The function is not allowed to be used this way in an expression; function: {call.name}",
            )
            return n.Call(call.name, args)
        if self.kind != "update":
            for arg in args:
                if isinstance(arg, n.Call) and arg.name != "size" and arg.name in CONDITION_FUNCTIONS:
                    self.problems.add(
                        "misused_function",
                        f"The function is not allowed to be used this way in an expression; function: {arg.name}",
                    )
        bound = n.Call(call.name, args)
        arity = known.get(call.name)
        if arity is None:
            self.problems.add("unknown_function", f"Invalid function name; function: {call.name}")
            return bound
        if len(args) != arity:
            self._local(
                "arity" if self.kind != "update" else "function",
                "Incorrect number of operands for operator or function; operator or function: "
                f"{call.name}, number of operands: {len(args)}",
            )
            return bound
        self._distinct(call.name, args)
        self._function_types(bound)
        return bound

    def _function_types(self, call: n.Call) -> None:
        name, args = call.name, call.args
        problem = "function"
        if name in ("attribute_exists", "attribute_not_exists", "if_not_exists") and not isinstance(args[0], n.Path):
            self._local(problem, f"Operator or function requires a document path; operator or function: {name}")
        elif name == "attribute_type":
            kind = _literal_type(args[1])
            if kind != "S":
                self._local(problem, _wrong_type(name, kind or "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"))
            elif isinstance(args[1], n.Value) and args[1].value and args[1].value["S"] not in TYPE_NAMES:
                self._local(
                    problem,
                    f"Invalid attribute type name found; type: {args[1].value['S']}, valid types: {_VALID_TYPES}",
                )
        elif name == "begins_with":
            for arg in args:
                kind = _literal_type(arg)
                if kind is not None and kind not in ("S", "B"):
                    self._local(problem, _wrong_type(name, kind))
                    break
        elif name == "size":
            kind = _literal_type(args[0])
            if kind in ("N", "BOOL", "NULL"):
                self._local(problem, _wrong_type(name, kind))
        elif name == "list_append":
            for arg in args:
                if isinstance(arg, n.Call) and arg.name == "list_append":
                    # DynamoDB refuses a list_append inside a list_append (scylladb alternator's tests against it).
                    self._local(
                        problem,
                        "The function is not allowed to be used this way in an expression; function: list_append",
                    )
                    break
                kind = _literal_type(arg)
                if kind is not None and kind != "L":
                    self._local(problem, _wrong_type(name, kind))
                    break

    def _distinct(self, operator: str, args: tuple[n.Operand, ...]) -> None:
        first, second = (args[0], args[1]) if len(args) == 2 else (None, None)
        if isinstance(first, n.Path) and isinstance(second, n.Path) and first.elements == second.elements:
            self._local(
                "distinct",
                "The first operand must be distinct from the remaining operands for this operator or function; "
                f"operator: {operator}, first operand: {first.show()}",
            )

    # -- conditions -------------------------------------------------------------------------------------------
    def condition(self, node: n.Condition) -> n.Condition:
        if isinstance(node, n.And):
            return n.And(self.condition(node.left), self.condition(node.right))
        if isinstance(node, n.Or):
            return n.Or(self.condition(node.left), self.condition(node.right))
        if isinstance(node, n.Not):
            return n.Not(self.condition(node.operand))
        outer, self.local = self.local, _Problems(("name", "value", "arity", "distinct", "function"))
        try:
            bound = self._primitive(node)
            message = self.local.first()
            if message is not None:
                self.problems.add("condition", message)
        finally:
            self.local = outer
        return bound

    def _primitive(self, node: n.Condition) -> n.Condition:
        if isinstance(node, n.Call):
            if node.name == "size":
                self.problems.add(
                    "misused_function",
                    "The function is not allowed to be used this way in an expression; function: size",
                )
            return self.call(node)
        if isinstance(node, n.Compare):
            left, right = self.operand(node.left), self.operand(node.right)
            self._misused((left, right))
            self._distinct(node.op, (left, right))
            return n.Compare(node.op, left, right)
        if isinstance(node, n.Between):
            operand, low, high = self.operand(node.operand), self.operand(node.low), self.operand(node.high)
            self._misused((operand, low, high))
            self._between(low, high)
            return n.Between(operand, low, high)
        assert isinstance(node, n.In)
        operand = self.operand(node.operand)
        options = tuple(self.operand(option) for option in node.options)
        self._misused((operand, *options))
        if len(options) > limits.DYNAMODB_IN_MAX_OPERANDS:
            self._local(
                "function", f"The IN operator is provided with too many operands; number of operands: {len(options)}"
            )
        return n.In(operand, options)

    def _misused(self, operands: tuple[n.Operand, ...]) -> None:
        for operand in operands:
            if isinstance(operand, n.Call) and operand.name != "size" and operand.name in CONDITION_FUNCTIONS:
                self.problems.add(
                    "misused_function",
                    f"The function is not allowed to be used this way in an expression; function: {operand.name}",
                )

    def _between(self, low: n.Operand, high: n.Operand) -> None:
        if not (isinstance(low, n.Value) and isinstance(high, n.Value) and low.value and high.value):
            return
        shown = f"lower bound operand: AttributeValue: {av.show(low.value)}, upper bound operand: AttributeValue: " + (
            av.show(high.value)
        )
        low_key, high_key = av.sortable(low.value), av.sortable(high.value)
        if av.type_of(low.value) != av.type_of(high.value):
            self._local("function", f"The BETWEEN operator requires same data type for lower and upper bounds; {shown}")
        elif low_key is not None and high_key is not None and low_key[1] > high_key[1]:
            self._local(
                "function",
                f"The BETWEEN operator requires upper bound to be greater than or equal to lower bound; {shown}",
            )

    # -- updates and projections ------------------------------------------------------------------------------
    def update(self, update: n.Update) -> n.Update:
        seen: set[str] = set()
        for section in update.sections:
            if section in seen:
                self.problems.add("section", f'The "{section}" section can only be used once in an update expression;')
            seen.add(section)
        actions: list[n.Action] = []
        for action in update.actions:
            path = self.path(action.path)
            if isinstance(action, n.SetAction):
                actions.append(n.SetAction(path, self._set_value(action.value)))
            elif isinstance(action, n.RemoveAction):
                actions.append(n.RemoveAction(path))
            else:
                value = self.value(action.value)
                operator = "ADD" if isinstance(action, n.AddAction) else "DELETE"
                kind = av.type_of(value.value) if value.value else None
                allowed = ("N", "SS", "NS", "BS") if operator == "ADD" else ("SS", "NS", "BS")
                if kind is not None and kind not in allowed:
                    self.problems.add(
                        "operand",
                        f"Incorrect operand type for operator or function; operator: {operator}, operand type: "
                        f"{av.TYPE_WORDS[kind]}",
                    )
                actions.append(n.AddAction(path, value) if operator == "ADD" else n.DeleteAction(path, value))
        self._overlaps([action.path for action in actions])
        return n.Update(tuple(actions), update.sections)

    def _set_value(self, value: n.SetValue) -> n.SetValue:
        if not isinstance(value, n.Arith):
            return self.operand(value)
        left, right = self.operand(value.left), self.operand(value.right)
        for operand in (left, right):
            kind = _literal_type(operand)
            if kind is not None and kind != "N":
                self.problems.add("function", _wrong_type(value.op, kind))
                break
        return n.Arith(value.op, left, right)

    def projection(self, projection: n.Projection) -> n.Projection:
        paths = tuple(self.path(path) for path in projection.paths)
        self._overlaps(list(paths))
        return n.Projection(paths)

    def _overlaps(self, paths: list[n.Path]) -> None:
        for i, later in enumerate(paths):
            for earlier in paths[:i]:
                a, b = earlier.elements, later.elements
                for x, y in zip(a, b, strict=False):
                    if type(x) is not type(y):
                        self.problems.add(
                            "conflict",
                            "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                            f"path one: {earlier.show()}, path two: {later.show()}",
                        )
                        break
                    if x != y:
                        break
                else:
                    self.problems.add(
                        "overlap",
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        f"path one: {earlier.show()}, path two: {later.show()}",
                    )


def bind(parsed: n.Parsed, kind: str, scope: Scope) -> Any:
    """The bound tree of a parsed expression of ``kind`` ("condition", "update", "projection", "key")."""
    binder = Binder(scope, "condition" if kind == "key" else kind)
    if parsed.redundant_parens:
        binder.problems.add("parens", "The expression has redundant parentheses;")
    tree: Any
    if kind == "update":
        tree = binder.update(parsed.tree)  # type: ignore[arg-type]
    elif kind == "projection":
        tree = binder.projection(parsed.tree)  # type: ignore[arg-type]
    else:
        tree = binder.condition(parsed.tree)  # type: ignore[arg-type]
    binder.done()
    return tree
