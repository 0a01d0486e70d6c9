"""Asynchronous invocation: Lambda's internal event queue, its retries, and what happens to events it gives up on.

"For asynchronous invocation, Lambda places the event in a queue and returns a success response without
additional information. A separate process reads events from the queue and sends them to your function."
https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html

The model, step by step (every step on the virtual clock, every invocation through the one invoke path,
:func:`.invoke.start_invocation`):

1. Invoke with ``InvocationType="Event"`` (a learner, S3, SNS ...) puts the event in the queue and answers 202 with
   a request ID. The event keeps that request ID for every attempt (a pocketcloud reading of AWS's invocation
   record example, whose ``requestId`` is the one the error message of the last attempt quotes).
2. After a short queue delay (:attr:`.service.Settings.async_queue_delay_s`; AWS publishes no figure) the event is
   delivered. If the function has no concurrency free, the event goes back to the queue: "For throttling errors
   (429) and system errors (500-series), Lambda returns the event to the queue and attempts to run the function
   again for up to 6 hours. The retry interval increases exponentially from 1 second after the first attempt to a
   maximum of 5 minutes." A function with reserved concurrency 0 gets none: "Lambda begins sending new events to
   the configured dead-letter queue or the on-failure event destination, without any retries."
3. A function error (the handler raised, timed out, ran out of memory) is retried "two more times, with a
   one-minute wait between the first two attempts, and two minutes between the second and third attempts" — or
   as many times as the qualifier's ``MaximumRetryAttempts`` says (:mod:`.event_invoke_config`).
4. An event that exhausts its retries (condition ``RetriesExhausted``) or stays longer than
   ``MaximumEventAgeInSeconds`` (default 6 hours; condition ``EventAgeExceeded``) is sent to the on-failure
   destination and to the version's dead-letter queue, when they are configured; otherwise it is dropped, and
   kept with its reason in ``LambdaService.dropped_events`` so that a learner can see it. A successful event goes
   to the on-success destination (see :mod:`.destinations` for the record and the DLQ message).
   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
5. "Even if your function doesn't return an error, it's possible for it to receive the same event from Lambda
   multiple times because the queue itself is eventually consistent." pocketcloud models this as an option, off by
   default: with ``cloud.lambda_settings.async_duplicate_rate`` above 0, that share of successfully processed
   events is delivered once more (same event, same request ID), chosen from the cloud's seeded random source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import limits
from .admission import RESERVED_CONCURRENCY, admit, record_throttle
from .destinations import async_record, error_message_of, send_dead_letter, send_record
from .event_invoke_config import EventInvokeConfig, config_for
from .invoke import Invocation, start_invocation

if TYPE_CHECKING:
    from .service import LambdaService, Target

#: Throttled events back off exponentially "from 1 second after the first attempt to a maximum of 5 minutes".
THROTTLE_BACKOFF_START_S = 1.0
THROTTLE_BACKOFF_MAX_S = 300.0


@dataclass(eq=False)
class QueuedEvent:
    """One event in the queue, with what its attempts produced so far.

    Compared by identity (``eq=False``): each queued event is one delivery, even when a duplicate carries the same
    fields, and removing a finished event from a backlog of thousands must not compare every field of every other
    event (with the dataclass's field-by-field ``__eq__`` a throttled flash sale of 10,000 events cost minutes)."""

    target: Target
    event: Any
    enqueued_at: float
    request_id: str
    attempts: int = 0  # invocations started (the record's approximateInvokeCount)
    backoff_s: float = THROTTLE_BACKOFF_START_S
    last: Invocation | None = None
    executed_version: str | None = None
    duplicate: bool = False
    history: list[str] = field(default_factory=list)


def enqueue(service: LambdaService, target: Target, event: Any) -> str:
    """Accept an event for asynchronous processing; return the request ID Invoke answers with."""
    cloud = service.cloud
    queued = QueuedEvent(target, event, cloud.now, cloud.new_request_id())
    service.async_events.append(queued)
    service.metrics.async_received(target.function.name, _resource(target), cloud.now, len(service.async_events))
    cloud.kernel.schedule(service.settings.async_queue_delay_s, _deliver, service, queued)
    return queued.request_id


def _resource(target: Target) -> str | None:
    """The qualifier the request named (the metrics' Resource dimension), or None for an unqualified name."""
    return target.qualifier if target.arn.count(":") == 7 else None


def _deliver(service: LambdaService, queued: QueuedEvent) -> None:
    cloud = service.cloud
    function = queued.target.function
    if service.functions.get(function.name) is not function:
        _done(service, queued)
        service.dropped_events.append((queued.event, "FunctionDeleted"))
        return
    config = config_for(queued.target)
    if cloud.now - queued.enqueued_at > config.max_age_s:
        _give_up(service, queued, config, "EventAgeExceeded")
        return
    if function.reserved_concurrency == 0:
        record_throttle(service, queued.target, "async", RESERVED_CONCURRENCY, "concurrency")
        _give_up(service, queued, config, "RetriesExhausted", throttled=True)
        return
    version, reason = admit(service, queued.target, "async")
    if version is None:
        delay = queued.backoff_s
        queued.backoff_s = min(THROTTLE_BACKOFF_MAX_S, queued.backoff_s * 2)
        queued.history.append(f"{cloud.now:.3f} throttled ({reason}), back in {delay:g} s")
        cloud.kernel.schedule(delay, _deliver, service, queued)
        return
    # "AsyncEventAge: the time between when Lambda successfully queues the event and when the function is
    # invoked" (monitoring-metrics-types), one data point per attempt.
    age_ms = (cloud.now - queued.enqueued_at) * 1000
    service.metrics.async_age(function.name, _resource(queued.target), cloud.now, age_ms)
    queued.attempts += 1
    queued.executed_version = version.version

    def finished(invocation: Invocation) -> None:
        queued.last = invocation
        if invocation.function_error is None:
            queued.history.append(f"{cloud.now:.3f} attempt {queued.attempts} succeeded")
            _succeeded(service, queued, config)
            return
        queued.history.append(f"{cloud.now:.3f} attempt {queued.attempts} failed ({invocation.function_error})")
        retries_done = queued.attempts - 1
        if retries_done < config.retries:
            cloud.kernel.schedule(limits.LAMBDA_ASYNC_RETRY_DELAYS_S[retries_done], _deliver, service, queued)
        else:
            _give_up(service, queued, config, "RetriesExhausted")

    start_invocation(
        service,
        queued.target,
        version,
        queued.event,
        None,
        finished,
        request_id=queued.request_id,
        path="async",
        received_at=queued.enqueued_at,
    )


def _done(service: LambdaService, queued: QueuedEvent) -> None:
    if queued in service.async_events:
        service.async_events.remove(queued)


def _function_arn(service: LambdaService, queued: QueuedEvent) -> str:
    return service.arn(queued.target.function.name, queued.target.qualifier)


def _succeeded(service: LambdaService, queued: QueuedEvent, config: EventInvokeConfig) -> None:
    _done(service, queued)
    cloud = service.cloud
    last = queued.last
    assert last is not None
    if config.on_success is not None:
        record = async_record(
            cloud.now,
            queued.request_id,
            _function_arn(service, queued),
            "Success",
            queued.attempts,
            queued.event,
            queued.executed_version,
            last.payload,
            None,
        )
        send_record(service, config.on_success, record, True, _function_arn(service, queued), _s3_prefix(queued))
    rate = service.settings.async_duplicate_rate
    if rate and not queued.duplicate and cloud.random.random() < rate:
        copy = QueuedEvent(queued.target, queued.event, queued.enqueued_at, queued.request_id, duplicate=True)
        copy.history.append(f"{cloud.now:.3f} delivered again (at-least-once model)")
        service.async_events.append(copy)
        cloud.kernel.schedule(service.settings.async_queue_delay_s, _deliver, service, copy)


def _s3_prefix(queued: QueuedEvent) -> str:
    return f"aws/lambda/async/{queued.target.function.name}"


def _version_that_ran(queued: QueuedEvent) -> Any:
    """The version whose DeadLetterConfig applies: the one the last attempt ran (a DLQ is "part of a function's
    version-specific configuration"), else the one the event was sent to ($LATEST as it is now)."""
    function = queued.target.function
    number = queued.executed_version or queued.target.version.version
    if number == "$LATEST":
        return function.latest
    return function.versions.get(number, queued.target.version)


def _give_up(
    service: LambdaService, queued: QueuedEvent, config: EventInvokeConfig, condition: str, throttled: bool = False
) -> None:
    """An event Lambda will not try again: to the on-failure destination and the DLQ, or dropped."""
    _done(service, queued)
    cloud = service.cloud
    # AsyncEventsDropped: "events dropped without successfully executing the function" (also when they then go
    # to a DLQ or an on-failure destination). https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
    service.metrics.async_dropped(
        queued.target.function.name, _resource(queued.target), cloud.now, len(service.async_events)
    )
    last = queued.last
    never_ran = last is None or throttled
    status = 429 if never_ran else 200
    payload = None if never_ran or last is None else last.payload
    function_error = None if never_ran or last is None else last.function_error
    dead_letter_target = _version_that_ran(queued).dead_letter_target
    sent = False
    if config.on_failure is not None:
        record = async_record(
            cloud.now,
            queued.request_id,
            _function_arn(service, queued),
            condition,
            queued.attempts,
            queued.event,
            None if never_ran else queued.executed_version,
            payload,
            function_error,
            status,
        )
        send_record(service, config.on_failure, record, False, _function_arn(service, queued), _s3_prefix(queued))
        sent = True
    if dead_letter_target is not None:
        message = error_message_of(payload) if payload is not None else f"{condition}"
        send_dead_letter(service, dead_letter_target, queued.event, queued.request_id, status, message)
        sent = True
    if not sent:
        service.dropped_events.append((queued.event, condition))
