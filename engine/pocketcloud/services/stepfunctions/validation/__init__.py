"""Placeholder for the static ASL validator (built on its own branch; the lead merges the real one).

Interface: ``validate(definition, *, strict) -> list[Diagnostic]`` (ValidateStateMachineDefinition's shapes:
severity ERROR/WARNING, code, message, location) and ``invalid_definition_message(diagnostics) -> str`` (the text
of CreateStateMachine's InvalidDefinition error). This placeholder finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Diagnostic:
    severity: str
    code: str
    message: str
    location: str | None = None


def validate(definition: dict[str, Any], *, strict: bool) -> list[Diagnostic]:
    return []


def invalid_definition_message(diagnostics: list[Diagnostic]) -> str:
    return "Invalid State Machine Definition: '" + ", ".join(f"{d.code}: {d.message}" for d in diagnostics) + "'"
