"""Rules: PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule and ListRuleNamesByTarget.

"If you are updating an existing rule, the rule is replaced with what you specify in this PutRule command. If you
omit arguments in PutRule, the old values for those arguments are not kept" (its targets are kept: they belong to
the rule, not to PutRule). A new rule is ``ENABLED`` unless ``State`` says otherwise. "A rule must contain at
least an EventPattern or ScheduleExpression"; "ScheduleExpression is supported only on the default event bus."
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
"Before you can delete the rule, you must remove all targets, using RemoveTargets"; deleting a rule that does not
exist succeeds (DeleteRule is idempotent, as AWS answers it).
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html

Messages are AWS's as moto and LocalStack record them: "Parameter(s) EventPattern or ScheduleExpression must be
specified.", "ScheduleExpression is supported only on the default event bus.", "Parameter ScheduleExpression is
not valid." (see :mod:`.schedule`), "Rule can't be deleted since it has targets.", and InvalidEventPatternException
"Event pattern is not valid. Reason: ..." for a pattern :mod:`pocketcloud.eventpattern` refuses. A pattern longer
than the 2,048-character quota gets LimitExceededException (pocketcloud's wording: AWS's is not quoted anywhere
public). Rules are listed by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...eventpattern import Pattern, PatternError, compile_pattern
from . import paging, scheduling
from .arns import DEFAULT_BUS, rule_arn, validation
from .models import Rule
from .schedule import INVALID, RateSchedule, Schedule, ScheduleError, parse

if TYPE_CHECKING:
    from .service import EventsService


def _schedule(service: EventsService, expression: str, existing: Rule | None) -> Schedule:
    """The parsed schedule; a rate keeps its phase when PutRule repeats the same expression (a pocketcloud
    model: AWS documents only that a rate "starts when you create the scheduled event rule")."""
    anchor = service.cloud.now
    if (
        existing is not None
        and isinstance(existing.schedule, RateSchedule)
        and existing.schedule.expression == expression
    ):
        anchor = existing.schedule.anchor
    try:
        return parse(expression, anchor)
    except ScheduleError:
        raise validation(INVALID) from None


def _exact_sources(pattern: Pattern | None) -> frozenset[str] | None:
    """The ``source`` values a pattern requires, when its top-level ``source`` is a list of plain strings (every
    top-level field must match, and an event's ``source`` is one string), else None."""
    values = pattern.source.get("source") if pattern is not None else None
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        return frozenset(values)
    return None


def put_rule(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("EventBusName"))
    name = params["Name"]
    pattern_text = params.get("EventPattern") or None
    expression = params.get("ScheduleExpression") or None
    if pattern_text is None and expression is None:
        raise validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
    existing = bus.rules.get(name)
    pattern = None
    if pattern_text is not None:
        if len(pattern_text) > limits.EVENTS_MAX_PATTERN_CHARS:
            raise ServiceError(
                "LimitExceededException",
                f"Event pattern is {len(pattern_text)} characters long; the quota is "
                f"{limits.EVENTS_MAX_PATTERN_CHARS}.",
            )
        try:
            pattern = compile_pattern(pattern_text)
        except PatternError as exc:
            raise ServiceError("InvalidEventPatternException", str(exc)) from None
    schedule = None
    if expression is not None:
        if bus.name != DEFAULT_BUS:
            raise validation("ScheduleExpression is supported only on the default event bus.")
        schedule = _schedule(service, expression, existing)
    if existing is None and len(bus.rules) >= service.max_rules_per_bus:
        raise ServiceError("LimitExceededException", "The requested resource exceeds the maximum number allowed.")
    cloud = service.cloud
    rule = existing or Rule(name, bus.name, rule_arn(cloud, bus.name, name), "", cloud.account_id)
    rule.state = params.get("State") or "ENABLED"
    rule.pattern, rule.pattern_text, rule.schedule = pattern, pattern_text, schedule
    rule.sources = _exact_sources(pattern)
    rule.description = params.get("Description")
    rule.role_arn = params.get("RoleArn")
    bus.rules[name] = rule
    bus.rules_changed()
    tags = {t["Key"]: t["Value"] for t in params.get("Tags") or []}
    if tags:
        service.tags.setdefault(rule.arn, {}).update(tags)
    scheduling.arm(service, rule)
    return {"RuleArn": rule.arn}


def describe_rule(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    return service.rule(params["Name"], params.get("EventBusName")).describe()


def list_rules(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("EventBusName"))
    prefix = params.get("NamePrefix") or ""
    rules = sorted((r for r in bus.rules.values() if r.name.startswith(prefix)), key=lambda r: r.name)
    chosen, token = paging.page(rules, params, f"rules:{bus.name}")
    result: dict[str, Any] = {"Rules": [r.describe(created_by=False) for r in chosen]}
    if token is not None:
        result["NextToken"] = token
    return result


def delete_rule(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("EventBusName"))
    rule = bus.rules.get(params["Name"])
    if rule is None:
        return {}
    if rule.targets:
        raise validation("Rule can't be deleted since it has targets.")
    del bus.rules[rule.name]
    bus.rules_changed()
    if rule.timer is not None:
        rule.timer.cancel()
        rule.timer = None
    service.tags.pop(rule.arn, None)
    return {}


def set_state(service: EventsService, params: dict[str, Any], state: str) -> dict[str, Any]:
    """EnableRule / DisableRule: "When you disable a rule, it stops matching new events, and stops
    self-triggering if it's a scheduled rule." https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DisableRule.html"""
    rule = service.rule(params["Name"], params.get("EventBusName"))
    rule.state = state
    scheduling.arm(service, rule)
    return {}


def list_rule_names_by_target(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("EventBusName"))
    arn = params["TargetArn"]
    names = sorted(r.name for r in bus.rules.values() if any(t.arn == arn for t in r.targets.values()))
    chosen, token = paging.page(names, params, f"names:{bus.name}:{arn}")
    result: dict[str, Any] = {"RuleNames": chosen}
    if token is not None:
        result["NextToken"] = token
    return result
