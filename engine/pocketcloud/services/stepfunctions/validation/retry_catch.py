"""``Retry`` and ``Catch``: retriers and catchers, their fields and ranges, and where ``States.ALL`` may stand.

Retrier fields (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html): ErrorEquals
(required, a non-empty array of error names), IntervalSeconds ("1 by default", maximum 99999999), MaxAttempts (0 means
never retry, default 3, maximum 99999999), BackoffRate (a multiplier that "must be greater than or equal to 1.0",
default 2.0), MaxDelaySeconds (a positive integer up to 31622400) and JitterStrategy (FULL or NONE). A third-party
measurement of ValidateStateMachineDefinition found IntervalSeconds 0 accepted although the guide calls it a positive
integer (cdk_preflight, 2026-09-05); pocketcloud accepts what AWS accepts. Catchers: ErrorEquals and Next are
required, ResultPath (JSONPath) or Output (JSONata) and Assign are optional. "The reserved name States.ALL ... must
appear alone in the ErrorEquals array and must appear in the last retrier or catcher"
(https://states-language.net/spec.html#retrying-after-error); AWS's wording for that comes from the same
measurements.
"""

from __future__ import annotations

from typing import Any

from . import checks, messages, paths, payload
from .context import Context, StateScope

RETRIER_FIELDS = frozenset(
    {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"}
)
CATCHER_FIELDS = frozenset({"ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"})
MAX_SECONDS = 99_999_999
MAX_DELAY_SECONDS = 31_622_400
JITTER_STRATEGIES = ("FULL", "NONE")
STATES_ALL = "States.ALL"


def _error_equals(ctx: Context, entry: dict[str, Any], location: str, last: bool) -> None:
    names = entry["ErrorEquals"]
    where = f"{location}/ErrorEquals"
    if not checks.array(ctx, names, where, non_empty=True):
        return
    for index, name in enumerate(names):
        checks.string(ctx, name, f"{where}[{index}]")
    if STATES_ALL in names and (len(names) > 1 or not last):
        ctx.error("States.ALL must appear alone and at end of list", where)


def _entry_fields(
    ctx: Context, scope: StateScope, entry: dict[str, Any], allowed: frozenset[str], location: str
) -> None:
    for field in entry:
        if field in allowed:
            if (field == "ResultPath" and scope.jsonata) or (field == "Output" and not scope.jsonata):
                ctx.error(messages.other_language(scope.language, field), location)
        elif ctx.strict or field in RETRIER_FIELDS | CATCHER_FIELDS:
            ctx.error(messages.not_supported(field), location)


def retry(ctx: Context, scope: StateScope, retriers: object) -> None:
    location = scope.at("Retry")
    if not checks.array(ctx, retriers, location):
        return
    assert isinstance(retriers, list)
    for index, entry in enumerate(retriers):
        where = scope.at("Retry", index)
        if not checks.obj(ctx, entry, where):
            continue
        _entry_fields(ctx, scope, entry, RETRIER_FIELDS, where)
        if checks.required(ctx, entry, ["ErrorEquals"], where):
            _error_equals(ctx, entry, where, index == len(retriers) - 1)
        if "IntervalSeconds" in entry:
            checks.integer(ctx, entry["IntervalSeconds"], f"{where}/IntervalSeconds", low=0, high=MAX_SECONDS)
        if "MaxAttempts" in entry:
            checks.integer(ctx, entry["MaxAttempts"], f"{where}/MaxAttempts", low=0, high=MAX_SECONDS)
        if "BackoffRate" in entry:
            checks.number(ctx, entry["BackoffRate"], f"{where}/BackoffRate", low=1.0)
        if "MaxDelaySeconds" in entry:
            checks.integer(ctx, entry["MaxDelaySeconds"], f"{where}/MaxDelaySeconds", low=1, high=MAX_DELAY_SECONDS)
        if "JitterStrategy" in entry:
            checks.enum(ctx, entry["JitterStrategy"], f"{where}/JitterStrategy", JITTER_STRATEGIES)
        if "Comment" in entry:
            checks.string(ctx, entry["Comment"], f"{where}/Comment")


def catch(ctx: Context, scope: StateScope, catchers: object) -> list[tuple[str, str]]:
    """Check the catchers; returns each (target, location of its Next) for the transition checks."""
    targets: list[tuple[str, str]] = []
    location = scope.at("Catch")
    if not checks.array(ctx, catchers, location):
        return targets
    assert isinstance(catchers, list)
    for index, entry in enumerate(catchers):
        where = scope.at("Catch", index)
        if not checks.obj(ctx, entry, where):
            continue
        _entry_fields(ctx, scope, entry, CATCHER_FIELDS, where)
        missing = [f for f in ("ErrorEquals", "Next") if f not in entry]
        if missing:
            ctx.error(messages.required(missing), where)
        if "ErrorEquals" in entry:
            _error_equals(ctx, entry, where, index == len(catchers) - 1)
        if "Next" in entry and checks.string(ctx, entry["Next"], f"{where}/Next"):
            targets.append((entry["Next"], f"{where}/Next"))
        result_path = entry.get("ResultPath")
        if (
            "ResultPath" in entry
            and not scope.jsonata
            and result_path is not None
            and checks.string(ctx, result_path, f"{where}/ResultPath")
        ):
            reason = paths.problem(result_path, reference=True, context=False)
            if reason is not None:
                ctx.error(messages.not_reference_path(reason), f"{where}/ResultPath")
        if "Output" in entry and scope.jsonata:
            payload.jsonata_value(ctx, entry["Output"], f"{where}/Output", error_output_allowed=True)
        if "Assign" in entry:
            payload.assign(ctx, entry["Assign"], f"{where}/Assign", jsonata=scope.jsonata, error_output_allowed=True)
        if "Comment" in entry:
            checks.string(ctx, entry["Comment"], f"{where}/Comment")
    return targets
