"""The walk over a whole definition: the top level, every container of states, and the transition graph.

A container is the top level or a nested state machine (a Parallel branch, a Map's ItemProcessor or Iterator).
Within one container every ``Next``, ``Default``, Choice-rule ``Next`` and catcher ``Next`` must name a state of
that same container, ``StartAt`` too, and every state must be reachable from ``StartAt``; a name that resolves to
no state is MISSING_TRANSITION_TARGET ``Missing 'Next' target: X`` at the field, a state nothing routes to is
MISSING_TRANSITION_TARGET ``State "X" is not reachable.`` at the state (both measured against AWS:
https://github.com/localstack/localstack/issues/11978, https://github.com/floci-io/floci/issues/2735). A top level
with no terminal state (``End: true``, Succeed or Fail) is MISSING_END_STATE, which replaces the reachability
report at that level only. State names are unique across the whole state machine and at most 80 characters long
(https://states-language.net/spec.html#states-fields).

The nesting limit behind TOO_DEEPLY_NESTED is undocumented; pocketcloud stops at 50 nested state machines.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from . import checks, fields, jsontext, map_state, messages, states
from . import diagnostics as d
from .context import EXPRESS, JSONATA, JSONPATH, STANDARD, Context, join

STATE_NAME_MAX = 80
MAX_NESTING = 50
MAX_TIMEOUT_SECONDS = 99_999_999


def _terminal(state: object) -> bool:
    """End: true, or a Succeed or Fail state, whatever else is wrong with the state (as AWS counts them)."""
    return isinstance(state, dict) and (state.get("End") is True or state.get("Type") in ("Succeed", "Fail"))


class _Walker:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.depth = 0

    def container(self, holder: dict[str, Any], base: str, *, top: bool) -> None:
        """Check a container's ``StartAt`` and ``States`` (``base`` is "" at the top level)."""
        ctx = self.ctx
        start_at, state_map = holder.get("StartAt"), holder.get("States")
        start_location = f"{base}/StartAt"
        if "StartAt" in holder:
            checks.string(ctx, start_at, start_location)
        if "States" in holder and not checks.obj(ctx, state_map, f"{base}/States"):
            return
        if not isinstance(state_map, dict):
            return
        infos: dict[str, states.StateInfo] = {}
        for name in getattr(state_map, "duplicates", ()):
            ctx.error(messages.duplicate_state(name), f"{base}/States/{name}", code=d.DUPLICATE_STATE_NAME)
        for name, state in state_map.items():
            path = f"{base}/States/{name}"
            if name in ctx.state_names:
                ctx.error(messages.duplicate_state(name), path, code=d.DUPLICATE_STATE_NAME)
            else:
                ctx.state_names[name] = path
            if not name or len(name) > STATE_NAME_MAX:
                message = f"State names must be 1 to {STATE_NAME_MAX} characters long: '{name}'"
                ctx.error(message, path, code=d.INVALID_STATE_NAME)
            info = states.check(ctx, path, name, state, self.sub_workflow)
            infos[name] = info
            for target, location in info.targets:
                if target not in state_map:
                    ctx.error(messages.missing_target(target), location, code=d.MISSING_TRANSITION_TARGET)
        if isinstance(start_at, str) and start_at not in state_map:
            ctx.error(messages.missing_target(start_at), start_location, code=d.MISSING_TRANSITION_TARGET)
        if top and not any(_terminal(state) for state in state_map.values()):
            ctx.error(messages.no_terminal_state(), None, code=d.MISSING_END_STATE)
            return
        if not isinstance(start_at, str):
            return  # reported as a required or mistyped field; AWS adds no reachability report to it
        reachable: set[str] = set()
        pending = deque([start_at] if isinstance(start_at, str) and start_at in state_map else [])
        reachable.update(pending)
        while pending:
            for target, _location in infos[pending.popleft()].targets:
                if target in state_map and target not in reachable:
                    reachable.add(target)
                    pending.append(target)
        for name in state_map:
            if name not in reachable:
                ctx.error(messages.unreachable(name), f"{base}/States/{name}", code=d.MISSING_TRANSITION_TARGET)

    def sub_workflow(self, holder: object, location: str, processor: bool) -> None:
        """A Parallel branch or a Map processor: a state machine of its own, in the machine's query language."""
        ctx = self.ctx
        if not checks.obj(ctx, holder, location):
            return
        assert isinstance(holder, dict)
        allowed = fields.PROCESSOR_FIELDS if processor else fields.BRANCH_FIELDS
        for name in holder:
            if name not in allowed:
                ctx.error(messages.not_supported(name), location)
        if processor and "ProcessorConfig" in holder:
            map_state.processor_config(ctx, holder["ProcessorConfig"], join(location, "ProcessorConfig"))
        if "Comment" in holder:
            checks.string(ctx, holder["Comment"], join(location, "Comment"))
        missing = [f for f in ("States", "StartAt") if f not in holder]
        if missing:
            ctx.error(messages.required(missing), location)
        if self.depth >= MAX_NESTING:
            ctx.error("The states are too deeply nested", location, code=d.TOO_DEEPLY_NESTED)
            return
        self.depth += 1
        try:
            self.container(holder, location, top=False)
        finally:
            self.depth -= 1


def _top_level(ctx: Context, definition: dict[str, Any]) -> None:
    for name in definition:
        if name not in fields.TOP_LEVEL and (ctx.strict or name.lower() in {f.lower() for f in fields.TOP_LEVEL}):
            ctx.error(messages.not_supported(name), "/")
    if "QueryLanguage" in definition:
        checks.enum(ctx, definition["QueryLanguage"], "/QueryLanguage", states.QUERY_LANGUAGES)
    ctx.machine_language = states.resolve_language(definition, JSONPATH)
    if "Version" in definition:
        checks.enum(ctx, definition["Version"], "/Version", ("1.0",))
    if "Comment" in definition:
        checks.string(ctx, definition["Comment"], "/Comment")
    if "TimeoutSeconds" in definition:
        checks.integer(ctx, definition["TimeoutSeconds"], "/TimeoutSeconds", low=0, high=MAX_TIMEOUT_SECONDS)
    missing = [f for f in ("States", "StartAt") if f not in definition]
    if missing:
        ctx.error(messages.required(missing), "/")
    _Walker(ctx).container(definition, "", top=True)


def validate(definition: Any, *, strict: bool = True, state_machine_type: str = STANDARD) -> list[d.Diagnostic]:
    """Every diagnostic Step Functions would give this definition, in the order it gives them.

    ``definition`` is the definition string (as CreateStateMachine receives it) or its parsed JSON value.
    ``strict=False`` lets through what pocketcloud's tables do not know: fields no state type has and service
    integrations newer than :mod:`.resources` lists, so a definition using a newer ASL feature is not refused for it.
    ``state_machine_type`` is STANDARD or EXPRESS (ValidateStateMachineDefinition's ``type``).
    """
    ctx = Context(strict=strict, machine_type=EXPRESS if state_machine_type == EXPRESS else STANDARD)
    if definition is None:
        ctx.error("The definition is null or empty", None, code=d.MISSING_DESCRIPTION)
        return ctx.diagnostics
    if isinstance(definition, str):
        parsed = jsontext.loads(definition)
        if isinstance(parsed, jsontext.JsonProblem):
            ctx.error(parsed.message, parsed.location, code=d.INVALID_JSON_DESCRIPTION)
            return ctx.diagnostics
        definition = parsed
    if not isinstance(definition, dict):
        ctx.error(messages.not_a_json_object(), None)
        return ctx.diagnostics
    _top_level(ctx, definition)
    return ctx.diagnostics


__all__ = ["JSONATA", "JSONPATH", "validate"]
