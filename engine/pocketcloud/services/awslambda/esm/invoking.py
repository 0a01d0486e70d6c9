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
from ..concurrency import throttle_reason
from ..invoke import Invocation, start_invocation
from ..versions import route

if TYPE_CHECKING:
    from ..service import LambdaService
    from .model import EventSourceMapping


@dataclass
class NotInvoked:
    """Why a batch could not be invoked now: ``throttled`` (retry later) or the function is gone."""

    reason: str
    throttled: bool


def invoke_batch(
    service: LambdaService, esm: EventSourceMapping, event: Any, done: Callable[[Invocation], None]
) -> NotInvoked | None:
    """Start the invocation of one batch; ``done(invocation)`` runs when it finishes. None when started."""
    try:
        target = service.resolve(esm.function_arn)
    except ServiceError as error:
        return NotInvoked(error.message, throttled=False)
    reason = throttle_reason(service, target.function)
    if reason is not None:
        return NotInvoked(reason, throttled=True)
    version = route(service, target)
    start_invocation(service, target, version, event, None, done)
    return None


def executed_version(invocation: Invocation) -> str:
    return invocation.version
