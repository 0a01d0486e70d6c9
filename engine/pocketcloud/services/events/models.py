"""EventBridge's state: event buses, the rules on them, their targets, and what happened to each event.

A rule belongs to one bus and has up to five targets; a rule is either an *event pattern* rule (it matches events
put on its bus) or a *scheduled* rule (it fires on its schedule, default bus only), or both.
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...eventpattern import Pattern
    from ...kernel import Timer
    from .schedule import Schedule
    from .transform import Transformer


@dataclass
class Settings:
    """Behaviour-model settings AWS publishes no figures for (``cloud.backend("events", ...).settings``).

    ``delivery_delay_s``: how long after PutEvents (or a schedule's moment) a matched event reaches a target.
    AWS says only that "there can be a delay of several seconds between the time the scheduled rule is triggered
    and the time the target service runs the target resource"
    (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html); pocketcloud delivers
    every event exactly this long after it arrives (default half a second), so runs are reproducible.

    ``retry_base_s`` / ``retry_cap_s``: the back-off of retried deliveries. AWS retries "with an exponential back
    off and jitter, or randomized delay" (eb-rule-retry-policy.html) without publishing the curve; pocketcloud
    waits ``min(cap, base * 2**(n-1))`` seconds times a factor drawn between 0.5 and 1 (the "equal jitter" of the
    AWS Architecture Blog post the guide links to) before retry ``n``, from a random source seeded by the cloud's
    seed alone, so the same seed retries at the same moments. With the defaults, the 185 retries of the default
    policy spread over roughly the documented 24 hours.
    """

    delivery_delay_s: float = 0.5
    retry_base_s: float = 1.0
    retry_cap_s: float = 600.0


@dataclass
class RuleStats:
    """What a rule did, counted as the AWS/Events metrics of the same names count it (one point each time, also
    recorded in ``cloud.metrics``). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html"""

    matched_events: int = 0
    triggered_rules: int = 0
    invocations: int = 0
    invocation_attempts: int = 0
    failed_invocations: int = 0
    sent_to_dlq: int = 0
    failed_to_dlq: int = 0


@dataclass
class Target:
    """One target as PutTargets stored it (``spec`` is what ListTargetsByRule returns)."""

    spec: dict[str, Any]
    transformer: Transformer | None = None

    @property
    def id(self) -> str:
        return str(self.spec["Id"])

    @property
    def arn(self) -> str:
        return str(self.spec["Arn"])


@dataclass
class Rule:
    name: str
    bus: str
    arn: str
    state: str
    created_by: str
    pattern: Pattern | None = None
    pattern_text: str | None = None
    schedule: Schedule | None = None
    description: str | None = None
    role_arn: str | None = None
    targets: dict[str, Target] = field(default_factory=dict)
    timer: Timer | None = None
    stats: RuleStats = field(default_factory=RuleStats)
    #: The only ``source`` values the pattern can match (its top-level ``source`` lists plain strings), or None
    #: when it can match any source: what :meth:`EventBus.candidates` indexes rules by.
    sources: frozenset[str] | None = None

    @property
    def enabled(self) -> bool:
        return self.state != "DISABLED"

    def describe(self, *, created_by: bool = True) -> dict[str, Any]:
        """DescribeRule's answer (ListRules' ``Rule`` entries leave out ``CreatedBy``)."""
        out: dict[str, Any] = {"Name": self.name, "Arn": self.arn}
        if self.pattern_text is not None:
            out["EventPattern"] = self.pattern_text
        if self.schedule is not None:
            out["ScheduleExpression"] = self.schedule.expression
        out["State"] = self.state
        if self.description is not None:
            out["Description"] = self.description
        if self.role_arn is not None:
            out["RoleArn"] = self.role_arn
        out["EventBusName"] = self.bus
        if created_by:
            out["CreatedBy"] = self.created_by
        return out


@dataclass
class EventBus:
    name: str
    arn: str
    created: float
    modified: float
    description: str | None = None
    kms_key: str | None = None
    dead_letter_config: dict[str, Any] | None = None
    log_config: dict[str, Any] | None = None
    statements: list[dict[str, Any]] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    _candidates: dict[str, list[Rule]] = field(default_factory=dict, repr=False)

    def candidates(self, source: str) -> list[Rule]:
        """The pattern rules that could match an event from ``source``, in the bus's rule order: most patterns
        name their ``source`` exactly, so an event is matched against those rules only (built once per source,
        dropped by :meth:`rules_changed`)."""
        found = self._candidates.get(source)
        if found is None:
            found = self._candidates[source] = [
                rule
                for rule in self.rules.values()
                if rule.pattern is not None and (rule.sources is None or source in rule.sources)
            ]
        return found

    def rules_changed(self) -> None:
        """Forget the candidate lists after a rule is added, replaced or deleted."""
        self._candidates.clear()


@dataclass
class Delivery:
    """One attempt to hand an event to a target, or what became of it (``EventsService.deliveries``): a learner's
    view of what AWS shows as metrics and dead-letter messages."""

    time: float
    rule_arn: str
    target_id: str
    target_arn: str
    event_id: str
    status: str  # "DELIVERED", "RETRYING", "FAILED", "DEAD_LETTERED", "DLQ_FAILED", "SKIPPED"
    attempt: int
    error: str | None = None
