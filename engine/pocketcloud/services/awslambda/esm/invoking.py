"""How a poller invokes its function: synchronously, through Lambda's one invoke path.

"Lambda ... invokes your function synchronously with an event that contains ... records." A poller needs what a
synchronous Invoke does (resolve the function or alias, check concurrency, route an alias's traffic, run) but
inside the simulation, with a callback when the invocation finishes on the virtual clock; so it calls the same
internal steps the Invoke operation calls (:func:`..invoke.start_invocation`). No resource-based policy is
checked: an event source mapping invokes with Lambda's own authority ("an ESM to a function with no permissions
is fine on AWS").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ....errors import ServiceError
from ..admission import admit
from ..invoke import Invocation, start_invocation

if TYPE_CHECKING:
    from ..service import LambdaService
    from .model import EventSourceMapping


@dataclass
class NotInvoked:
    """Why a batch could not be invoked now: ``throttled`` (retry later) or the function is gone."""

    reason: str
    throttled: bool


def invoke_batch(
    service: LambdaService,
    esm: EventSourceMapping,
    event: Any,
    done: Callable[[Invocation], None],
    iterator_age_ms: float | None = None,
) -> NotInvoked | None:
    """Start the invocation of one batch; ``done(invocation)`` runs when it finishes. None when started.

    A stream poller passes ``iterator_age_ms``, the age of the batch's last record: Lambda's ``IteratorAge`` metric
    is "the age of the last record in the event ... the time between when a stream receives the record and when
    the event source mapping sends the event to the function", so it is written here, when the batch is sent (one
    data point per invocation, none for a throttled attempt, which sends nothing).
    https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#performance-metrics
    """
    try:
        target = service.resolve(esm.function_arn)
    except ServiceError as error:
        return NotInvoked(error.message, throttled=False)
    version, reason = admit(service, target, "esm")
    if version is None:
        return NotInvoked(reason or "", throttled=True)
    if iterator_age_ms is not None:
        resource = target.qualifier if target.arn.count(":") == 7 else None
        service.metrics.iterator_age(target.function.name, resource, service.cloud.now, iterator_age_ms)
    start_invocation(service, target, version, event, None, done, path="esm", source=esm.uuid)
    return None


def executed_version(invocation: Invocation) -> str:
    return invocation.version
