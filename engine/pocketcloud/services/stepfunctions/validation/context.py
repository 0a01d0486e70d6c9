"""The state a validation walk carries: what has been found so far, and where in the definition it stands."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import diagnostics as d

JSONPATH = "JSONPath"
JSONATA = "JSONata"
STANDARD = "STANDARD"
EXPRESS = "EXPRESS"


@dataclass
class Context:
    """One validation run over one definition.

    ``machine_language`` is the state machine's effective QueryLanguage. The states of Parallel branches and Map
    item processors inherit it, not the enclosing state's (measured against AWS: a Map declaring JSONata leaves its
    ItemProcessor's states on the machine's JSONPath; https://github.com/floci-io/floci/issues/2968).
    """

    strict: bool
    machine_type: str
    machine_language: str = JSONPATH
    diagnostics: list[d.Diagnostic] = field(default_factory=list)
    #: Every state name met so far, with its location: names are unique across the whole state machine.
    state_names: dict[str, str] = field(default_factory=dict)

    def error(self, message: str, location: str | None, code: str = d.SCHEMA_VALIDATION_FAILED) -> None:
        self.diagnostics.append(d.error(code, message, location))

    def warn(self, code: str, message: str, location: str | None) -> None:
        self.diagnostics.append(d.warning(code, message, location))


@dataclass(frozen=True)
class StateScope:
    """One state being checked: its location (``/States/Name``), name, type and effective query language."""

    path: str
    name: str
    type: str
    language: str

    @property
    def jsonata(self) -> bool:
        return self.language == JSONATA

    def at(self, *parts: str | int) -> str:
        """A location below the state: ``at("Catch", 0, "Next")`` is ``/States/S/Catch[0]/Next``."""
        return join(self.path, *parts)


def join(base: str, *parts: str | int) -> str:
    """Locations as AWS prints them: ``/`` between members, ``[i]`` after an array (``/Choices[0]/Next``)."""
    location = base
    for part in parts:
        location = f"{location}[{part}]" if isinstance(part, int) else f"{location}/{part}"
    return location
