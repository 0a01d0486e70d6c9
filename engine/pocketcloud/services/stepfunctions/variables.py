"""Workflow variables: ``Assign``, scopes across Parallel and Map, and the size limits.

From the developer guide (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html):

* Pass, Task, Map, Parallel, Choice and Wait states (and Catchers) may ``Assign``; a variable is read as
  ``$name`` in the states that follow.
* "All assignments are evaluated using the values of variables as they were when the state was entered": within
  one Assign field, an expression that reads ``$x`` sees the old ``$x`` even when the same Assign sets ``x``.
  Output is likewise evaluated with the old values.
* Scope: "variables declared in an outer scope are visible in inner (Parallel branch, Map iteration) scopes";
  an inner scope's assignments stay inside it ("child workflows can't assign values to variables in outer
  scopes"), and a Distributed Map's child workflows see no outer variables.
* Limits: "The maximum size of a single variable is 256 KiB"; "The maximum combined size for all variables in a
  single Assign field is 256 KiB"; "The maximum total of stored variables in a single execution is 10 MiB".
  Exceeding them fails the state with ``States.DataLimitExceeded`` (a pocketcloud model of the error name; the
  guide gives the limits but no message).
"""

from __future__ import annotations

from typing import Any

from .errors import DATA_LIMIT_EXCEEDED, StatesError
from .intrinsics import to_json

MAX_VARIABLE_BYTES = 256 * 1024
MAX_ASSIGN_BYTES = 256 * 1024
MAX_TOTAL_BYTES = 10 * 1024 * 1024


class Scope:
    """Variables of one thread of control (the execution, a branch, an iteration) over its parent's."""

    __slots__ = ("parent", "sizes", "values")

    def __init__(self, parent: Scope | None = None) -> None:
        self.parent = parent
        self.values: dict[str, Any] = {}
        self.sizes: dict[str, int] = {}

    def get(self, name: str) -> Any:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.values:
                return scope.values[name]
            scope = scope.parent
        raise KeyError(name)

    def has(self, name: str) -> bool:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.values:
                return True
            scope = scope.parent
        return False

    def visible(self) -> dict[str, Any]:
        """Every variable visible here, inner scopes shadowing outer ones (for JSONata bindings)."""
        chain: list[Scope] = []
        scope: Scope | None = self
        while scope is not None:
            chain.append(scope)
            scope = scope.parent
        merged: dict[str, Any] = {}
        for item in reversed(chain):
            merged.update(item.values)
        return merged

    def total_bytes(self) -> int:
        total = 0
        scope: Scope | None = self
        while scope is not None:
            total += sum(scope.sizes.values())
            scope = scope.parent
        return total

    def assign(self, values: dict[str, Any], state_name: str) -> dict[str, str]:
        """Store ``values`` (already evaluated) and return ``{name: json}`` for the state's exited event."""
        encoded = {name: to_json(value) for name, value in values.items()}
        sizes = {name: len(text.encode("utf-8")) for name, text in encoded.items()}
        for name, size in sizes.items():
            if size > MAX_VARIABLE_BYTES:
                raise StatesError(
                    DATA_LIMIT_EXCEEDED,
                    f"The variable '{name}' assigned in the state '{state_name}' exceeds the maximum size of "
                    f"{MAX_VARIABLE_BYTES} bytes.",
                )
        if sum(sizes.values()) > MAX_ASSIGN_BYTES:
            raise StatesError(
                DATA_LIMIT_EXCEEDED,
                f"The variables assigned in the state '{state_name}' exceed the maximum combined size of "
                f"{MAX_ASSIGN_BYTES} bytes.",
            )
        before = sum(self.sizes.get(name, 0) for name in values)
        if self.total_bytes() - before + sum(sizes.values()) > MAX_TOTAL_BYTES:
            raise StatesError(
                DATA_LIMIT_EXCEEDED,
                f"The variables stored in the execution would exceed the maximum total of {MAX_TOTAL_BYTES} bytes.",
            )
        self.values.update(values)
        self.sizes.update(sizes)
        return encoded
