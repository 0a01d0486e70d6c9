"""One state: its type, the fields that type accepts in its query language, and each field's value.

The state types and their fields are described on each state's page of the developer guide
(https://docs.aws.amazon.com/step-functions/latest/dg/concepts-states.html and the pages it links), the field
sets in :mod:`.fields`. Timing limits: Task TimeoutSeconds and HeartbeatSeconds are positive integers with
"HeartbeatSeconds ... smaller than TimeoutSeconds" (state-task.html), Wait takes exactly one of Seconds, Timestamp,
SecondsPath and TimestampPath (state-wait.html), and the maximum of every seconds field is 99999999 (measured with
ValidateStateMachineDefinition by a cdk_preflight rule set, 2026-09-05). The HeartbeatSeconds-versus-TimeoutSeconds
message is pocketcloud's wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import (
    checks,
    choice,
    fields,
    jsonata_expr,
    map_state,
    messages,
    paths,
    payload,
    resources,
    retry_catch,
    timestamps,
)
from . import diagnostics as d
from .context import JSONATA, JSONPATH, Context, StateScope

MAX_SECONDS = 99_999_999
QUERY_LANGUAGES = (JSONPATH, JSONATA)

#: A walker for a sub-workflow (Parallel branch, Map processor): (object, location, processor mode or None).
SubWorkflow = Callable[[object, str, bool], None]


@dataclass
class StateInfo:
    """What the graph checks need to know about a state once its own checks are done."""

    type: str | None
    targets: list[tuple[str, str]] = field(default_factory=list)
    terminal: bool = False


def resolve_language(owner: dict[str, Any], inherited: str) -> str:
    """The effective QueryLanguage: inherited when absent, JSONPath only for exactly "JSONPath", else JSONata.

    Measured against AWS (https://github.com/floci-io/floci/issues/2968): a misspelt value still makes the owner
    JSONata, and is reported on its own against the enum.
    """
    if "QueryLanguage" not in owner:
        return inherited
    return JSONPATH if owner["QueryLanguage"] == JSONPATH else JSONATA


def query_language_value(ctx: Context, owner: dict[str, Any], location: str) -> None:
    if "QueryLanguage" in owner:
        checks.enum(ctx, owner["QueryLanguage"], location, QUERY_LANGUAGES)


def _fields(ctx: Context, scope: StateScope, state: dict[str, Any], downgraded: bool) -> None:
    allowed = fields.BY_TYPE[scope.type] | fields.COMMON
    for name in state:
        if name in allowed:
            other = fields.JSONPATH_ONLY if scope.jsonata else fields.JSONATA_ONLY
            if name in other and not downgraded:
                ctx.error(messages.other_language(scope.language, name), scope.path)
        elif ctx.strict or name in fields.KNOWN:
            ctx.error(messages.not_supported(name), scope.path)


def _path_field(ctx: Context, scope: StateScope, state: dict[str, Any], name: str) -> None:
    value = state[name]
    location = scope.at(name)
    if value is None and name in ("InputPath", "OutputPath", "ResultPath"):
        return  # null discards the input, output or result (input-output-paths.html)
    if not checks.string(ctx, value, location):
        return
    reference = fields.PATH_FIELDS[name]
    reason = paths.problem(value, reference=reference, context=name != "ResultPath")
    if reason is not None:
        ctx.error(messages.not_reference_path(reason) if reference else messages.invalid_path(), location)


def _seconds(ctx: Context, scope: StateScope, state: dict[str, Any], name: str, low: int) -> None:
    value = state[name]
    if checks.expression_or(value, scope.jsonata):
        payload.jsonata_value(ctx, value, scope.at(name))
    else:
        checks.integer(ctx, value, scope.at(name), low=low, high=MAX_SECONDS)


def _task(ctx: Context, scope: StateScope, state: dict[str, Any]) -> None:
    if checks.required(ctx, state, ["Resource"], scope.path):
        resources.check(ctx, scope, state)
    for name in ("TimeoutSeconds", "HeartbeatSeconds"):
        if not scope.jsonata:
            checks.at_most_one(ctx, state, [name, f"{name}Path"], scope.path)
        if name in state:
            _seconds(ctx, scope, state, name, 1)
    timeout, heartbeat = state.get("TimeoutSeconds"), state.get("HeartbeatSeconds")
    if isinstance(timeout, int) and isinstance(heartbeat, int) and checks.is_integer(timeout) and heartbeat >= timeout:
        ctx.error("HeartbeatSeconds must be smaller than TimeoutSeconds", scope.at("HeartbeatSeconds"))
    credentials = state.get("Credentials")
    if "Credentials" in state and checks.obj(ctx, credentials, scope.at("Credentials")):
        assert isinstance(credentials, dict)
        if "RoleArn" not in credentials and "RoleArn.$" not in credentials:
            ctx.error("The field 'RoleArn' is required but was missing", scope.at("Credentials"))
        if not scope.jsonata:
            payload.jsonpath_template(ctx, credentials, scope.at("Credentials"))


def _wait(ctx: Context, scope: StateScope, state: dict[str, Any]) -> None:
    timing = ["Seconds", "Timestamp"] if scope.jsonata else ["SecondsPath", "Seconds", "TimestampPath", "Timestamp"]
    checks.exactly_one(ctx, state, timing, scope.path)
    if "Seconds" in state:
        _seconds(ctx, scope, state, "Seconds", 0)
    if "Timestamp" in state:
        value = state["Timestamp"]
        if checks.expression_or(value, scope.jsonata):
            payload.jsonata_value(ctx, value, scope.at("Timestamp"))
        elif checks.string(ctx, value, scope.at("Timestamp")) and not timestamps.is_timestamp(value):
            ctx.error(messages.invalid_timestamp(), scope.at("Timestamp"))


def _fail(ctx: Context, scope: StateScope, state: dict[str, Any]) -> None:
    for name in ("Error", "Cause"):
        if not scope.jsonata:
            checks.at_most_one(ctx, state, [name, f"{name}Path"], scope.path)
        if name in state and checks.string(ctx, state[name], scope.at(name)):
            if scope.jsonata:
                payload.jsonata_value(ctx, state[name], scope.at(name))
            elif paths.looks_like_path(state[name]):
                message = f"The value of '{name}' looks like a path, but the field name does not end with 'Path'"
                ctx.warn(d.NO_PATH, message, scope.at(name))
        path_name = f"{name}Path"
        if (
            path_name in state
            and not scope.jsonata
            and checks.string(ctx, state[path_name], scope.at(path_name))
            and payload.dollar_value_problem(state[path_name])
        ):
            ctx.error(messages.invalid_path(), scope.at(path_name))


def _transition(ctx: Context, scope: StateScope, state: dict[str, Any], info: StateInfo) -> None:
    if "Next" in state and checks.string(ctx, state["Next"], scope.at("Next")):
        info.targets.append((state["Next"], scope.at("Next")))
    if "End" in state:
        checks.boolean(ctx, state["End"], scope.at("End"))
    ends = state.get("End") is True
    if "Next" in state and ends:
        ctx.error(messages.only_one_of(["Next", "End"]), scope.path)
    elif "Next" not in state and not ends:
        ctx.error(messages.one_of_missing(["Next", "End"]), scope.path)
    info.terminal = ends


def _data_fields(ctx: Context, scope: StateScope, state: dict[str, Any]) -> None:
    """The input/output processing fields both languages share out: paths, templates, Output, Assign."""
    for name in state:
        value, location = state[name], scope.at(name)
        if name in fields.PATH_FIELDS and not scope.jsonata:
            _path_field(ctx, scope, state, name)
        elif name in fields.PAYLOAD_TEMPLATES:
            if scope.jsonata and name == "ItemSelector":
                payload.jsonata_value(ctx, value, location)
            elif not scope.jsonata and checks.obj(ctx, value, location):
                payload.jsonpath_template(ctx, value, location)
        elif name == "Result" and not scope.jsonata and isinstance(value, dict):
            if any(key.endswith(".$") for key in value):
                message = "The Result of a Pass state is used as it is: its paths are not evaluated (use Parameters)"
                ctx.warn(d.PASS_RESULT_IS_STATIC, message, location)
        elif name in ("Arguments", "Output", "Items") and scope.jsonata:
            if name == "Arguments" and not isinstance(value, dict) and jsonata_expr.expression_of(value) is None:
                ctx.error(messages.expected_type("OBJECT"), location)
            payload.jsonata_value(ctx, value, location)
        elif name == "Assign":
            payload.assign(ctx, value, location, jsonata=scope.jsonata)
        elif name == "Comment":
            checks.string(ctx, value, location)


def check(ctx: Context, path: str, name: str, state: object, sub_workflow: SubWorkflow) -> StateInfo:
    """Check one state at ``path``; nested state machines are handed to ``sub_workflow``."""
    if not isinstance(state, dict):
        ctx.error(messages.expected_type("OBJECT"), path)
        return StateInfo(None)
    if "Type" not in state:
        ctx.error(messages.required(["Type"]), path)
        return StateInfo(None)
    kind = state["Type"]
    if not isinstance(kind, str):
        ctx.error(messages.expected_type("STRING"), f"{path}/Type")
        return StateInfo(None)
    if kind not in fields.BY_TYPE:
        ctx.error(messages.state_type_values(), f"{path}/Type")
        return StateInfo(None)
    scope = StateScope(path, name, kind, resolve_language(state, ctx.machine_language))
    downgraded = ctx.machine_language == JSONATA and state.get("QueryLanguage") == JSONPATH
    if downgraded:
        ctx.error(messages.downgraded_query_language(), path)
    _fields(ctx, scope, state, downgraded)
    info = StateInfo(kind, terminal=kind in ("Succeed", "Fail"))
    if kind in fields.TRANSITIONING:
        _transition(ctx, scope, state, info)
    _data_fields(ctx, scope, state)
    if kind == "Task":
        _task(ctx, scope, state)
    elif kind == "Wait":
        _wait(ctx, scope, state)
    elif kind == "Fail":
        _fail(ctx, scope, state)
    elif kind == "Choice":
        info.targets.extend(choice.check(ctx, scope, state))
    elif kind == "Parallel":
        if checks.required(ctx, state, ["Branches"], path) and checks.array(
            ctx, state["Branches"], scope.at("Branches"), non_empty=True
        ):
            for index, branch in enumerate(state["Branches"]):
                sub_workflow(branch, scope.at("Branches", index), False)
    elif kind == "Map":
        map_state.check(ctx, scope, state)
        for processor in ("ItemProcessor", "Iterator"):
            if processor in state:
                sub_workflow(state[processor], scope.at(processor), True)
    if kind in ("Task", "Parallel", "Map"):
        if "Retry" in state:
            retry_catch.retry(ctx, scope, state["Retry"])
        if "Catch" in state:
            info.targets.extend(retry_catch.catch(ctx, scope, state["Catch"]))
    query_language_value(ctx, state, f"{path}/QueryLanguage")
    return info
