"""Lambda's CloudWatch metrics, emitted into ``cloud.metrics`` as Lambda sends them to the ``AWS/Lambda`` namespace.

Names, units and meanings from "Types of metrics for Lambda functions"
(https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html, checked 2026-12-01), the concurrency
page (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-concurrency.html) and AWS's announcement of the
asynchronous metrics (https://aws.amazon.com/blogs/compute/introducing-new-asynchronous-invocation-metrics-for-aws-lambda/):

=========================================== ========== =================================================================
Metric                                      Unit       When pocketcloud emits a data point
=========================================== ========== =================================================================
Invocations                                 Count      1 per invocation (throttled requests are not invocations)
Errors                                      Count      per invocation: 1 for a function error, 0 otherwise ("binary
                                                       indicators": Sum counts errors, Average is the error rate)
Throttles                                   Count      1 per throttled invocation attempt (sync, async or mapping)
Duration                                    Milliseconds per invocation, its Duration (exact percentiles, e.g. p99)
ConcurrentExecutions                        Count      at each invocation start: the invocations in flight, itself
                                                       included (view with Maximum: the peak only changes at a start)
UnreservedConcurrentExecutions              Count      at each start of an invocation using unreserved concurrency
                                                       (account-level, no dimensions)
ClaimedAccountConcurrency                   Count      with it: unreserved in use plus reserved and provisioned
                                                       concurrency claimed
ProvisionedConcurrentExecutions             Count      at each start on a version/alias with provisioned concurrency:
                                                       its invocations running on provisioned environments
ProvisionedConcurrencyUtilization           None       with it: that count / the allocated provisioned concurrency
ProvisionedConcurrencyInvocations           Count      per invocation of such a version/alias: 1 on provisioned
                                                       concurrency, 0 otherwise
ProvisionedConcurrencySpilloverInvocations  Count      per invocation of such a version/alias: 1 when it ran on
                                                       on-demand concurrency because all provisioned was in use
AsyncEventsReceived                         Count      1 per event the async queue accepts
AsyncEventAge                               Milliseconds each time the queue invokes the function with an event: the
                                                       time since the event was queued ("increases when events are
                                                       being retried due to invocation failures or throttling")
AsyncEventsDropped                          Count      1 per event dropped without a successful invocation (also when
                                                       it then goes to a DLQ or on-failure destination)
IteratorAge                                 Milliseconds per stream batch sent to the function (Kinesis, DynamoDB
                                                       Streams): now minus the arrival of the batch's last record;
                                                       throttled attempts send nothing (view with Maximum/Average)
=========================================== ========== =================================================================

Dimensions are AWS's: ``FunctionName``; ``FunctionName`` + ``Resource`` (``name:qualifier``) when the request
named a version or alias; ``FunctionName`` + ``Resource`` + ``ExecutedVersion`` when it named an alias (the
version the alias routed to); and none ("across all functions") for the account-level series. Every data
point's timestamp is the moment the function was invoked ("the timestamp on a metric reflects when the function
was invoked"), except the async-queue and throttle counts, which are stamped when they happen.

Cold starts are not a CloudWatch metric. pocketcloud also writes ``ColdStarts`` (1 per invocation that created an
environment, Init or SnapStart restore) and ``AsyncQueueDepth`` (events in the internal queue, at each change)
under the ``pocketcloud/Lambda`` namespace: clearly not AWS's, for labs that chart them next to AWS's metrics.

The emitter keeps each series' bound ``add`` once it exists, so a data point costs one call on the hot path.
Counts go in as ints: a series stores doubles (:mod:`pocketcloud.metrics`), and every count converts exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...metrics import Dimensions, Doubles

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...metrics import MetricStore

NAMESPACE = "AWS/Lambda"
#: pocketcloud's own series (not CloudWatch metrics AWS publishes).
MODEL_NAMESPACE = "pocketcloud/Lambda"

Adder = Callable[[float, float], None]
_NO_DIMS: Dimensions = ()


class LambdaMetrics:
    """Writes Lambda's data points into the cloud's metric store (see the module docstring)."""

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self._adders: dict[tuple[str, str, Dimensions], Adder] = {}
        self._dims: dict[tuple[str, str | None, str | None], tuple[Dimensions, ...]] = {}
        self._groups: dict[tuple[str, str | None, str | None], _Group] = {}
        self._unreserved: Adder | None = None

    def _account_adder(self, name: str) -> Adder:
        return self._cloud.metrics.series_for(NAMESPACE, name, _NO_DIMS, "Count").add

    def _add(self, namespace: str, name: str, dims: Dimensions, value: float, at: float, unit: str) -> None:
        key = (namespace, name, dims)
        add = self._adders.get(key)
        if add is not None:
            add(value, at)
            return
        store = self._cloud.metrics
        store.record(namespace, name, dims, value, at, unit)
        series = store.series(namespace, name, dims)
        if series is not None:
            self._adders[key] = series.add

    def dimension_sets(self, function: str, resource: str | None, executed: str | None) -> tuple[Dimensions, ...]:
        """The function-level dimension sets a data point is written under (the account-level set comes first)."""
        key = (function, resource, executed)
        sets = self._dims.get(key)
        if sets is None:
            built: list[Dimensions] = [_NO_DIMS, (("FunctionName", function),)]
            if resource is not None:
                res = f"{function}:{resource}"
                built.append((("FunctionName", function), ("Resource", res)))
                if executed is not None and executed != resource:
                    built.append((("ExecutedVersion", executed), ("FunctionName", function), ("Resource", res)))
            sets = self._dims[key] = tuple(built)
        return sets

    def invocation(
        self,
        at: float,
        function: str,
        resource: str | None,
        executed: str | None,
        duration_ms: float,
        error: bool,
        account_concurrency: int,
        concurrency: int,
        resource_concurrency: int,
        unreserved: int | None,
        claimed: int,
        cold: bool,
    ) -> None:
        """One invocation's data points (Invocations, Errors, Duration, ConcurrentExecutions ...).

        The bound ``add`` of every series one (function, resource, executed version) writes is looked up once
        and kept (:class:`_Group`), so a data point costs one call here."""
        key = (function, resource, executed)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _Group(self._cloud.metrics, self.dimension_sets(function, resource, executed))
        for append in group.times:
            append(at)
        for append in group.invocations:
            append(1.0)
        errors = 1.0 if error else 0.0
        for append in group.errors:
            append(errors)
        for append in group.duration:
            append(duration_ms)
        group.account_concurrent(account_concurrency)
        group.function_concurrent(concurrency)
        if group.resource_concurrent is not None:
            group.resource_concurrent(resource_concurrency)
        if unreserved is not None:
            if self._unreserved is None:
                self._unreserved = self._account_adder("UnreservedConcurrentExecutions")
            self._unreserved(unreserved, at)
        group.claimed(claimed)
        if cold:
            self._add(MODEL_NAMESPACE, "ColdStarts", group.function_dims, 1.0, at, "Count")

    def provisioned(
        self, at: float, function: str, resource: str, on_provisioned: bool, running: int, allocated: int
    ) -> None:
        """An invocation of a version or alias with provisioned concurrency: where it ran, and the utilisation."""
        dims: Dimensions = (("FunctionName", function), ("Resource", f"{function}:{resource}"))
        add = self._add
        add(NAMESPACE, "ProvisionedConcurrencyInvocations", dims, 1.0 if on_provisioned else 0.0, at, "Count")
        add(NAMESPACE, "ProvisionedConcurrencySpilloverInvocations", dims, 0.0 if on_provisioned else 1.0, at, "Count")
        add(NAMESPACE, "ProvisionedConcurrentExecutions", dims, running, at, "Count")
        if allocated:
            add(NAMESPACE, "ProvisionedConcurrencyUtilization", dims, running / allocated, at, "None")

    def throttle(self, function: str, resource: str | None, at: float) -> None:
        for dims in self.dimension_sets(function, resource, None):
            self._add(NAMESPACE, "Throttles", dims, 1.0, at, "Count")

    def async_received(self, function: str, resource: str | None, at: float, depth: int) -> None:
        for dims in self.dimension_sets(function, resource, None)[1:]:
            self._add(NAMESPACE, "AsyncEventsReceived", dims, 1.0, at, "Count")
        self.queue_depth(at, depth)

    def async_age(self, function: str, resource: str | None, at: float, age_ms: float) -> None:
        for dims in self.dimension_sets(function, resource, None)[1:]:
            self._add(NAMESPACE, "AsyncEventAge", dims, age_ms, at, "Milliseconds")

    def async_dropped(self, function: str, resource: str | None, at: float, depth: int) -> None:
        for dims in self.dimension_sets(function, resource, None)[1:]:
            self._add(NAMESPACE, "AsyncEventsDropped", dims, 1.0, at, "Count")
        self.queue_depth(at, depth)

    def queue_depth(self, at: float, depth: int) -> None:
        self._add(MODEL_NAMESPACE, "AsyncQueueDepth", _NO_DIMS, depth, at, "Count")

    def iterator_age(self, function: str, resource: str | None, at: float, age_ms: float) -> None:
        for dims in self.dimension_sets(function, resource, None)[1:]:
            self._add(NAMESPACE, "IteratorAge", dims, age_ms, at, "Milliseconds")


class _Group:
    """The series one invocation writes, for one (function, resource, executed version), as bound appends.

    Every point of an invocation has the same timestamp (the kernel's now, which never goes back), and only Lambda
    writes the ``AWS/Lambda`` namespace (CloudWatch's PutMetricData refuses namespaces starting with ``AWS/``), so
    appending keeps each series in time order without :meth:`Series.add`'s check: one C call per value."""

    __slots__ = (
        "account_concurrent",
        "claimed",
        "duration",
        "errors",
        "function_concurrent",
        "function_dims",
        "invocations",
        "resource_concurrent",
        "times",
    )

    def __init__(self, store: MetricStore, sets: tuple[Dimensions, ...]) -> None:
        times: list[Callable[[float], None]] = []
        # The metrics of one dimension set (Invocations, Errors, Duration and, but for the ExecutedVersion set,
        # ConcurrentExecutions; ClaimedAccountConcurrency with the account's set) get their points together, only
        # from here, so their timestamps are the same column: the series share one ``times`` buffer (one append
        # per dimension set, not per metric). The first metric's buffer is the column; another metric's is
        # replaced by it only when they hold the same number of points (always, as only this class writes them),
        # and is otherwise appended to on its own.
        columns: dict[Dimensions, Doubles] = {}

        def appenders(name: str, unit: str, count: int) -> list[Callable[[float], None]]:
            out = []
            for dims in sets[:count]:
                series = store.series_for(NAMESPACE, name, dims, unit)
                column = columns.get(dims)
                if column is None:
                    columns[dims] = series.times
                    times.append(series.times.append)
                elif series.times is not column:
                    if len(series.times) == len(column):
                        series.times = column
                    else:
                        times.append(series.times.append)
                out.append(series.values.append)
            return out

        self.function_dims = sets[1]
        self.invocations = appenders("Invocations", "Count", len(sets))
        self.errors = appenders("Errors", "Count", len(sets))
        self.duration = appenders("Duration", "Milliseconds", len(sets))
        concurrent = appenders("ConcurrentExecutions", "Count", 3)
        self.account_concurrent = concurrent[0]
        self.function_concurrent = concurrent[1]
        self.resource_concurrent = concurrent[2] if len(concurrent) > 2 else None
        # ClaimedAccountConcurrency is written with every invocation too, at the account level (no dimensions).
        self.claimed = appenders("ClaimedAccountConcurrency", "Count", 1)[0]
        self.times = times
