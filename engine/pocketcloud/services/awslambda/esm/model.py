"""One event source mapping: its settings, its State over time, and the configuration the API returns.

States, as AWS reports them (CreateEventSourceMapping answers ``Creating``, or ``Disabled`` when created with
``Enabled=false``; UpdateEventSourceMapping answers ``Enabling``, ``Disabling`` or ``Updating``;
DeleteEventSourceMapping answers ``Deleting``; each settles to ``Enabled``/``Disabled`` or disappears). The
transitional states last :attr:`..service.Settings.esm_transition_s` of virtual time (AWS documents no figure);
pollers run only while the mapping is ``Enabled`` (or ``Updating`` an enabled mapping: "Updated settings are
applied asynchronously"). ``StateTransitionReason`` is ``USER_INITIATED`` for SQS mappings and ``User action``
for stream mappings, and stream mappings report ``LastProcessingResult`` ("No records processed", then "OK" or
"PROBLEM: Function call failed"): the values AWS returned in LocalStack's recorded snapshots (2023-2024).
https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ....timeutil import to_datetime

if TYPE_CHECKING:
    from ....eventpattern import Pattern
    from ..service import LambdaService

STREAM_KINDS = ("kinesis", "dynamodb")
SETTLED = {"Creating": "Enabled", "Enabling": "Enabled", "Disabling": "Disabled"}


@dataclass
class EventSourceMapping:
    """An event source mapping's settings (as the API set them) and the poller that carries them out."""

    uuid: str
    arn: str
    kind: str  # "sqs", "kinesis" or "dynamodb"
    source_arn: str
    function_arn: str
    enabled: bool
    state: str
    last_modified: float
    batch_size: int
    window_s: int
    filters: list[dict[str, str]] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    response_types: list[str] = field(default_factory=list)
    starting_position: str | None = None
    starting_timestamp: datetime | None = None
    parallelization: int = 1
    max_retries: int = -1
    max_record_age_s: int = -1
    bisect: bool = False
    tumbling_window_s: int = 0
    on_failure: str | None = None
    max_concurrency: int | None = None
    last_processing_result: str = "No records processed"
    extras: dict[str, Any] = field(default_factory=dict)  # echoed settings pocketcloud does not act on
    tags: dict[str, str] = field(default_factory=dict)
    poller: Any = None
    #: What the pollers did (see :mod:`.activity`).
    activity: Any = None

    @property
    def is_stream(self) -> bool:
        return self.kind in STREAM_KINDS

    @property
    def reports_item_failures(self) -> bool:
        return "ReportBatchItemFailures" in self.response_types

    @property
    def function_name(self) -> str:
        return self.function_arn.split(":")[6]

    @property
    def qualifier(self) -> str | None:
        parts = self.function_arn.split(":")
        return parts[7] if len(parts) > 7 else None

    @property
    def polling(self) -> bool:
        """Whether the pollers work now: enabled, and not being created, disabled or deleted."""
        return self.state == "Enabled" or (self.state == "Updating" and self.enabled)

    def configuration(self) -> dict[str, Any]:
        """The EventSourceMappingConfiguration shape every ESM operation returns."""
        config: dict[str, Any] = {
            "UUID": self.uuid,
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": self.window_s,
            "EventSourceArn": self.source_arn,
            "FunctionArn": self.function_arn,
            "LastModified": to_datetime(round(self.last_modified, 3)),
            "State": self.state,
            "StateTransitionReason": "User action" if self.is_stream else "USER_INITIATED",
            "FunctionResponseTypes": list(self.response_types),
            "EventSourceMappingArn": self.arn,
        }
        if self.filters:
            config["FilterCriteria"] = {"Filters": [dict(f) for f in self.filters]}
        if self.is_stream:
            config["StartingPosition"] = self.starting_position
            if self.starting_timestamp is not None:
                config["StartingPositionTimestamp"] = self.starting_timestamp
            config["ParallelizationFactor"] = self.parallelization
            config["LastProcessingResult"] = self.last_processing_result
            config["DestinationConfig"] = {"OnFailure": {"Destination": self.on_failure} if self.on_failure else {}}
            config["MaximumRecordAgeInSeconds"] = self.max_record_age_s
            config["BisectBatchOnFunctionError"] = self.bisect
            config["MaximumRetryAttempts"] = self.max_retries
            config["TumblingWindowInSeconds"] = self.tumbling_window_s
        elif self.max_concurrency is not None:
            config["ScalingConfig"] = {"MaximumConcurrency": self.max_concurrency}
        config.update(self.extras)
        return config


def move_to(service: LambdaService, esm: EventSourceMapping, state: str) -> None:
    """Enter a (possibly transitional) state; a transitional one settles after the model delay."""
    esm.state = state
    _poll_or_rest(esm)
    if state in SETTLED or state in ("Updating", "Deleting"):
        service.cloud.kernel.schedule(service.settings.esm_transition_s, _settle, service, esm, state)


def _settle(service: LambdaService, esm: EventSourceMapping, state: str) -> None:
    if esm.state != state:
        return  # another change came first and will settle on its own
    if state == "Deleting":
        if esm.poller is not None:
            esm.poller.stop()
        service.event_source_mappings.pop(esm.uuid, None)
        return
    esm.state = SETTLED.get(state) or ("Enabled" if esm.enabled else "Disabled")
    _poll_or_rest(esm)


def _poll_or_rest(esm: EventSourceMapping) -> None:
    if esm.poller is None:
        return
    if esm.polling:
        esm.poller.start()
    else:
        esm.poller.stop()
