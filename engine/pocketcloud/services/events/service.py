"""The EventBridge state of one cloud: its event buses (the default one from the start), lookups, tags, and the
records a learner can read back (deliveries, per-rule counts).

The clients EventBridge delivers through are made once per (service, rule) and call as ``events.amazonaws.com``
with the rule's ARN as the source, so that the target's resource-based policy decides, as on AWS
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html).
"""

from __future__ import annotations

import random
from collections import deque
from typing import TYPE_CHECKING, Any

from ... import limits
from ...metrics import Dimensions, dimensions
from .arns import DEFAULT_BUS, arn_parts, bus_arn, bus_name, bus_not_found, rule_not_found
from .models import Delivery, EventBus, Rule, Settings

if TYPE_CHECKING:
    from ...cloud import Cloud

PRINCIPAL = "events.amazonaws.com"
#: How many delivery records a cloud keeps (a long simulation must not grow without limit).
DELIVERY_LOG_SIZE = 10_000


class EventsService:
    """Buses by name (the default bus always exists), tags by ARN, the delivery log."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.settings = Settings()
        self.buses: dict[str, EventBus] = {}
        self.tags: dict[str, dict[str, str]] = {}
        self.deliveries: deque[Delivery] = deque(maxlen=DELIVERY_LOG_SIZE)
        #: Jitter of retries, seeded by the cloud's seed only, so that EventBridge's draws never shift another
        #: service's (and the same seed retries at the same moments).
        self.random = random.Random(f"events:{cloud.seed}")
        self._clients: dict[tuple[str, str], Any] = {}
        default = EventBus(DEFAULT_BUS, bus_arn(cloud, DEFAULT_BUS), 0.0, 0.0)
        self.buses[DEFAULT_BUS] = default

    # -- lookup ----------------------------------------------------------------------------------------------
    def bus(self, name_or_arn: str | None) -> EventBus:
        name = bus_name(name_or_arn)
        found = self.buses.get(name)
        if found is None or ((name_or_arn or "").startswith("arn:") and name_or_arn != found.arn):
            raise bus_not_found(name)
        return found

    def rule(self, name: str, bus_name_or_arn: str | None) -> Rule:
        bus = self.bus(bus_name_or_arn)
        found = bus.rules.get(name)
        if found is None:
            raise rule_not_found(name, bus.name)
        return found

    def rule_by_arn(self, arn: str) -> Rule | None:
        parts = arn_parts(arn)
        if parts is None or parts[0] != "events" or not parts[3].startswith("rule/"):
            return None
        path = parts[3][len("rule/") :]
        bus, _, name = path.rpartition("/")
        found = self.buses.get(bus or DEFAULT_BUS)
        rule = found.rules.get(name) if found is not None else None
        return rule if rule is not None and rule.arn == arn else None

    @property
    def max_rules_per_bus(self) -> int:
        if self.cloud.region in limits.EVENTS_SMALL_REGIONS:
            return limits.EVENTS_MAX_RULES_PER_BUS_SMALL_REGIONS
        return limits.EVENTS_MAX_RULES_PER_BUS

    # -- delivering ------------------------------------------------------------------------------------------
    def client_for(self, service: str, rule_arn: str) -> Any:
        """A client of ``service`` calling as ``events.amazonaws.com`` for one rule (made once)."""
        found = self._clients.get((service, rule_arn))
        if found is None:
            found = self._clients[(service, rule_arn)] = self.cloud.service_client(
                service, PRINCIPAL, source_arn=rule_arn
            )
        return found

    def record(self, delivery: Delivery) -> None:
        self.deliveries.append(delivery)

    def metric(self, rule: Rule, name: str) -> None:
        """Count one occurrence of an AWS/Events metric: ``RuleName`` for rules on the default bus,
        ``EventBusName`` and ``RuleName`` for rules on a custom bus (eb-monitoring.html)."""
        dims: Dimensions = (
            dimensions(RuleName=rule.name)
            if rule.bus == DEFAULT_BUS
            else dimensions(EventBusName=rule.bus, RuleName=rule.name)
        )
        self.cloud.metrics.record("AWS/Events", name, dims, 1.0, self.cloud.now, "Count")
