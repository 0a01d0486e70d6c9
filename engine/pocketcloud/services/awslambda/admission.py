"""The frontend's checks: may this invocation start now, and if not, why (the throttle ``Reason``)?

Every invocation path asks :func:`admit` first — the Invoke API's frontend for synchronous calls, the async
queue's pollers, event source mappings — so throttling is decided in one place. The checks, in order:

1. **Concurrency** (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html). A function with
   reserved concurrency may run that many invocations at once (0 stops all invocations); others share the
   account's *unreserved* pool: the account's concurrency (:attr:`.service.Settings.account_concurrency`, 1,000
   by default) minus all reserved concurrency and minus the provisioned concurrency of functions without
   reserved concurrency ("Provisioned concurrency counts towards a function's reserved concurrency and Regional
   quotas"). An invocation that finds an idle provisioned environment of its alias or version runs on that
   allocation; every other one needs room in its pool — that includes the *spill-over* of a function whose
   provisioned environments are all busy.
2. **Request rate** (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html#concurrency-vs-requests-per-second):
   "Lambda also imposes a requests per second limit ... equal to 10 times your account concurrency", and a
   function's reserved concurrency limits its own rate the same way. pocketcloud counts requests in fixed
   one-second windows of virtual time (a model; AWS does not say how it measures the rate).
3. **Scaling rate** (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html): "for each function, your
   concurrency scaling rate is 1,000 execution environment instances every 10 seconds"; "Lambda makes a best
   attempt to refill your concurrency scaling rate continuously over time"; it "doesn't accumulate unused
   portions". Modelled as a token bucket per function: 1,000 tokens, refilled at 100 per second, one token per
   new execution environment; an invocation that would need a new environment when the bucket is empty is
   throttled. Warm starts and provisioned environments take no token.

A throttled synchronous call is ``TooManyRequestsException`` (HTTP 429, message "Rate Exceeded.", ``Type:
User``) with the ``Reason`` of the check that failed. The Reason values are the ``ThrottleReason`` enum of the
Lambda API model (botocore ``lambda/2015-03-31``): ``ReservedFunctionConcurrentInvocationLimitExceeded`` and
``ConcurrentInvocationLimitExceeded`` for concurrency (documented, and seen in real answers);
``ReservedFunctionInvocationRateLimitExceeded`` and ``FunctionInvocationRateLimitExceeded`` for the request
rate; for the scaling rate AWS documents only "a throttling error (429 status code)", and pocketcloud answers
``ConcurrentInvocationLimitExceeded`` (a pocketcloud choice: the enum has no scaling-rate value).
Every throttle is recorded: in the trace (``cloud.lambda_trace.throttles``) and as the ``Throttles`` metric.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .versions import route

if TYPE_CHECKING:
    from .models import Function, FunctionVersion
    from .service import LambdaService, Target

#: The scaling rate: 1,000 new environments per 10 seconds per function, refilled continuously.
SCALING_BURST = 1_000.0
SCALING_REFILL_PER_S = 100.0
#: Requests per second per unit of concurrency ("10 times your account concurrency").
REQUESTS_PER_CONCURRENCY = 10

RESERVED_CONCURRENCY = "ReservedFunctionConcurrentInvocationLimitExceeded"
ACCOUNT_CONCURRENCY = "ConcurrentInvocationLimitExceeded"
RESERVED_RATE = "ReservedFunctionInvocationRateLimitExceeded"
ACCOUNT_RATE = "FunctionInvocationRateLimitExceeded"
SCALING_RATE = ACCOUNT_CONCURRENCY


class Throttle(NamedTuple):
    """One throttled invocation attempt, as the trace keeps it."""

    at: float
    function: str
    resource: str | None
    path: str
    reason: str
    #: Why, in words: "concurrency", "request rate" or "scaling rate".
    check: str


class ScalingBucket:
    """A function's scaling-rate budget: new environments it may create now (see the module docstring)."""

    __slots__ = ("at", "tokens")

    def __init__(self, now: float) -> None:
        self.tokens = SCALING_BURST
        self.at = now

    def available(self, now: float) -> float:
        return min(SCALING_BURST, self.tokens + (now - self.at) * SCALING_REFILL_PER_S)

    def take(self, now: float) -> bool:
        tokens = min(SCALING_BURST, self.tokens + (now - self.at) * SCALING_REFILL_PER_S)
        self.at = now
        if tokens < 1.0:
            self.tokens = tokens
            return False
        self.tokens = tokens - 1.0
        return True


def concurrency_reason(service: LambdaService, function: Function, provisioned_idle: bool = False) -> str | None:
    """Why a new invocation of ``function`` would exceed its concurrency right now, or None."""
    reserved = function.reserved_concurrency
    if reserved is not None:
        return RESERVED_CONCURRENCY if function.in_flight >= reserved else None
    if provisioned_idle:
        return None
    if service.unreserved_in_flight >= service.unreserved_pool:
        return ACCOUNT_CONCURRENCY
    return None


def _rate_reason(service: LambdaService, function: Function, now: float) -> str | None:
    second = int(now)
    window = service.rate_window
    if window[0] != second:
        window[0], window[1] = second, 0
    if window[1] >= REQUESTS_PER_CONCURRENCY * service.settings.account_concurrency:
        return ACCOUNT_RATE
    reserved = function.reserved_concurrency
    if reserved is not None:
        name = function.latest.name  # Function.name, without the property's call
        own = service.function_rate.get(name)
        if own is None or own[0] != second:
            own = service.function_rate[name] = [second, 0]
        if own[1] >= REQUESTS_PER_CONCURRENCY * reserved:
            return RESERVED_RATE
        own[1] += 1
    window[1] += 1
    return None


def admit(service: LambdaService, target: Target, path: str = "sync") -> tuple[FunctionVersion | None, str | None]:
    """(the version to run, None), or (None, the throttle Reason) — recorded — when the invocation may not start.

    Routing an alias's traffic happens here, after the concurrency and rate checks, so a throttled request draws
    no routing number; the scaling-rate check needs the routed version (is there a warm environment of it?).
    """
    function = target.function
    now = service.cloud.kernel.now
    qualifier = target.qualifier
    provisioned_idle = qualifier in function.provisioned and bool(function.idle_provisioned.get(qualifier))
    # concurrency_reason, written out for a function with reserved concurrency (on every invocation's path).
    reserved = function.reserved_concurrency
    if reserved is not None:
        reason = RESERVED_CONCURRENCY if function.in_flight >= reserved else None
    else:
        reason = concurrency_reason(service, function, provisioned_idle)
    if reason is not None:
        record_throttle(service, target, path, reason, "concurrency")
        return None, reason
    reason = _rate_reason(service, function, now)
    if reason is not None:
        record_throttle(service, target, path, reason, "request rate")
        return None, reason
    alias = target.alias
    version = target.version if alias is None or not alias.additional_weights else route(service, target)
    if not provisioned_idle and not function.idle.get(id(version)):
        bucket = function.scaling
        if bucket is None:
            bucket = function.scaling = ScalingBucket(now)
        if not bucket.take(now):
            record_throttle(service, target, path, SCALING_RATE, "scaling rate")
            return None, SCALING_RATE
    return version, None


def record_throttle(service: LambdaService, target: Target, path: str, reason: str, check: str) -> None:
    """Count a throttled attempt: the trace keeps it and the ``Throttles`` metric counts it."""
    now = service.cloud.kernel.now
    resource = target.qualifier if target.arn.count(":") > 6 else None
    service.trace.throttles.append(Throttle(now, target.function.name, resource, path, reason, check))
    service.metrics.throttle(target.function.name, resource, now)
