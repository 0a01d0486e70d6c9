"""What an event source mapping's pollers did, and when: a learner's view of work AWS does out of sight.

On AWS the pollers are invisible; their work shows only in metrics (``PolledEventCount``, ``FilteredOutEventCount``,
``InvokedEventCount``, ``FailedInvokeEventCount``, ``DroppedEventCount``, ``OnFailureDestinationDeliveredEventCount``
and ``IteratorAge``, with ``MetricsConfig``) and in the function's logs.
https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
pocketcloud keeps a bounded log per mapping instead, one :class:`Activity` per step — a poll and what it fetched,
records filtered out, a batch invoked, its result, messages deleted, records discarded to a destination — so that
``cloud.lambda_esm_activity(uuid)`` can show, on the virtual clock, which poller did what. It sits beside the
boto3-shaped API, never instead of it.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from typing import Any

#: How many steps a mapping remembers (a long simulation must not grow without limit).
ACTIVITY_LOG_SIZE = 2_000


@dataclass(frozen=True)
class Activity:
    """One step of one poller: ``action`` is "poll", "filter", "invoke", "result", "delete", "retry",
    "throttled", "discard" or "scale"."""

    time: float
    poller: str
    action: str
    records: int
    detail: str = ""

    def __str__(self) -> str:
        detail = f"  {self.detail}" if self.detail else ""
        return f"{self.time:10.3f}s  {self.poller:<28} {self.action:<9} {self.records:>6}{detail}"


class ActivityLog:
    """A mapping's recent activity, plus running totals that are never trimmed."""

    def __init__(self) -> None:
        self.entries: deque[Activity] = deque(maxlen=ACTIVITY_LOG_SIZE)
        self.totals: Counter[str] = Counter()
        self.pollers: dict[str, str] = {}  # poller -> what it reads (a queue, a shard)

    def add(self, time: float, poller: str, action: str, records: int = 0, detail: str = "") -> None:
        self.entries.append(Activity(time, poller, action, records, detail))
        self.totals[action] += records


class ActivityView:
    """What ``cloud.lambda_esm_activity(uuid)`` returns: the mapping's state, its pollers and their steps."""

    def __init__(self, mapping: Any) -> None:
        log: ActivityLog = mapping.activity
        self.uuid: str = mapping.uuid
        self.state: str = mapping.state
        self.pollers: dict[str, str] = dict(log.pollers)
        self.concurrency: int = mapping.poller.concurrency if mapping.poller is not None else 0
        self.entries: list[Activity] = list(log.entries)
        self.totals: dict[str, int] = dict(log.totals)

    def __iter__(self) -> Any:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def where(self, action: str) -> list[Activity]:
        return [entry for entry in self.entries if entry.action == action]

    def __str__(self) -> str:
        head = f"event source mapping {self.uuid} ({self.state}), {len(self.pollers)} poller(s), " + (
            f"concurrency {self.concurrency}"
        )
        rows = [str(entry) for entry in self.entries[-50:]]
        return "\n".join([head, *rows])

    def __repr__(self) -> str:
        return f"<ActivityView {self.uuid} {self.state} steps={len(self.entries)} totals={self.totals}>"
