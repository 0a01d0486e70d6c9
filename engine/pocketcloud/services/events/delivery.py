"""Delivering matched events to targets, on the virtual clock: retries, dead-letter queues and what is counted.

Each target of a rule that matched (or fired) gets its own delivery, ``settings.delivery_delay_s`` after the event
arrived, through the target service's public client, calling as ``events.amazonaws.com`` with the rule's ARN as
the source ("For Lambda, Amazon SNS, Amazon SQS, and Amazon CloudWatch Logs resources, EventBridge relies on
resource-based policies"): a Lambda function is invoked asynchronously (``InvocationType="Event"``) and its
resource-based policy must allow ``events.amazonaws.com``; an SQS queue gets SendMessage (``SqsParameters``'s
MessageGroupId for a FIFO queue, which "must have content-based deduplication enabled") and its queue policy must
allow the rule; an SNS topic gets Publish and its topic policy must allow it. A Step Functions state machine is
started with the target's role ("EventBridge uses IAM roles for ... Step Functions state machines"): pocketcloud
accepts the role and calls StartExecution as the account, the way the role would. An event bus in the account
gets the event unchanged (bus-to-bus delivery keeps the event; input transformation does not apply to it in
pocketcloud's model). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html

"When an event isn't successfully delivered to a target because of retriable errors, EventBridge retries sending
the event ... By default, EventBridge retries sending the event for 24 hours and up to 185 times with an
exponential back off and jitter", "Some events are dropped or sent to a DLQ without any retry attempts. For
example, for errors that result from missing permissions to a target, or a target resource that no longer exists"
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html). pocketcloud retries throttling and
server-side (5xx) errors and nothing else; the back-off is the seeded model of :class:`.models.Settings`. A
delivery that fails for good goes to the target's dead-letter queue when it has one (an SQS queue whose policy
must let the rule send), with the documented message attributes ``RULE_ARN``, ``TARGET_ARN``, ``ERROR_CODE``,
``ERROR_MESSAGE``, ``EXHAUSTED_RETRY_CONDITION`` (``MaximumRetryAttempts`` or ``MaximumEventAgeInSeconds``, only
when retries ran out) and ``RETRY_ATTEMPTS``; the body is the event. ``ERROR_CODE`` is one of the documented
codes: ``NO_RESOURCE``, ``NO_PERMISSIONS``, ``THROTTLING``, ``INTERNAL_ERROR`` and ``INVALID_PARAMETER`` (for
anything else the target refused), chosen from the target's error code (pocketcloud's mapping).

Counted per rule (:class:`.models.RuleStats` and the AWS/Events metrics in ``cloud.metrics``): InvocationAttempts
for every attempt, Invocations once per delivery that ended ("includes successful and failed invocations, but
doesn't include throttled or retried attempts until they fail permanently"), FailedInvocations for those that
failed for good, InvocationsSentToDlq / InvocationsFailedToBeSentToDlq. Every attempt and outcome is also kept in
``EventsService.deliveries``. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ClientError
from .arns import arn_parts
from .models import Delivery
from .transform import input_path_text

if TYPE_CHECKING:
    from .models import Rule, Target
    from .service import EventsService

_NOT_FOUND = frozenset(
    {
        "ResourceNotFoundException",
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
        "NotFound",
        "StateMachineDoesNotExist",
    }
)
_DENIED = frozenset({"AccessDenied", "AccessDeniedException", "AuthorizationError"})


class TargetError(Exception):
    """A delivery the target refused: the DLQ's ERROR_CODE, the target's message, and whether to retry."""

    def __init__(self, code: str, message: str, retriable: bool) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retriable = retriable


def classify(error: ClientError) -> TargetError:
    details = error.response.get("Error", {})
    code = str(details.get("Code", ""))
    message = f"{code}: {details.get('Message', '')}"
    status = int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 400))
    if code in _NOT_FOUND:
        return TargetError("NO_RESOURCE", message, False)
    if code in _DENIED or status == 403:
        return TargetError("NO_PERMISSIONS", message, False)
    if status == 429 or "Throttl" in code or "TooManyRequests" in code:
        return TargetError("THROTTLING", message, True)
    if status >= 500:
        return TargetError("INTERNAL_ERROR", message, True)
    return TargetError("INVALID_PARAMETER", message, False)


@dataclass
class Job:
    """One event on its way to one target."""

    rule: Rule
    target: Target
    event: dict[str, Any]
    payload: str
    arrived: float
    attempts: int = 0


def payload(target: Target, rule: Rule, event: dict[str, Any], ingestion: float) -> str | None:
    """What the target gets: the event, the target's Input, the part its InputPath selects, or its
    InputTransformer's output (None when an InputPath selects nothing)."""
    spec = target.spec
    if "Input" in spec:
        return str(spec["Input"])
    if "InputPath" in spec:
        return input_path_text(event, str(spec["InputPath"]))
    if target.transformer is not None:
        from .putevents import event_time

        return target.transformer.render(event, rule.arn, rule.name, event_time(ingestion))
    return json.dumps(event, separators=(",", ":"))


def dispatch(service: EventsService, rule: Rule, event: dict[str, Any], arrived: float) -> None:
    """Start one delivery per target of ``rule``."""
    delay = service.settings.delivery_delay_s
    for target in list(rule.targets.values()):
        text = payload(target, rule, event, arrived)
        if text is None:
            service.record(Delivery(service.cloud.now, rule.arn, target.id, target.arn, event["id"], "SKIPPED", 0,
                                    "InputPath selected nothing in the event"))  # fmt: skip
            continue
        if arn_parts(target.arn) is not None and target.arn.split(":")[2] == "events":
            text = json.dumps(event, separators=(",", ":"))
        service.cloud.kernel.schedule(delay, _attempt, service, Job(rule, target, event, text, arrived))


def _queue_url(arn: str) -> str:
    parts = arn.split(":")
    return f"https://sqs.{parts[3]}.amazonaws.com/{parts[4]}/{parts[5]}"


def send(service: EventsService, job: Job) -> None:
    """One attempt, through the target service's public client; TargetError when it refuses."""
    rule, target = job.rule, job.target
    kind = target.arn.split(":")[2]
    try:
        if kind == "lambda":
            lam = service.client_for("lambda", rule.arn)
            lam.invoke(FunctionName=target.arn, InvocationType="Event", Payload=job.payload.encode("utf-8"))
        elif kind == "sqs":
            params: dict[str, Any] = {}
            group = (target.spec.get("SqsParameters") or {}).get("MessageGroupId")
            if group:
                params["MessageGroupId"] = group
            sqs = service.client_for("sqs", rule.arn)
            sqs.send_message(QueueUrl=_queue_url(target.arn), MessageBody=job.payload, **params)
        elif kind == "sns":
            service.client_for("sns", rule.arn).publish(TopicArn=target.arn, Message=job.payload)
        elif kind == "states":
            sfn: Any = service.cloud.client("stepfunctions")
            sfn.start_execution(stateMachineArn=target.arn, input=job.payload)
        else:
            _to_bus(service, target.arn, job.event)
    except ClientError as error:
        raise classify(error) from None


def _to_bus(service: EventsService, arn: str, event: dict[str, Any]) -> None:
    from .putevents import route

    bus = next((b for b in service.buses.values() if b.arn == arn), None)
    if bus is None:
        name = arn.split("event-bus/", 1)[-1]
        raise TargetError("NO_RESOURCE", f"ResourceNotFoundException: Event bus {name} does not exist.", False)
    route(service, bus, event)


def _policy(target: Target) -> tuple[int, int]:
    policy = target.spec.get("RetryPolicy") or {}
    attempts = policy.get("MaximumRetryAttempts", limits.EVENTS_DEFAULT_RETRY_ATTEMPTS)
    age = policy.get("MaximumEventAgeInSeconds", limits.EVENTS_DEFAULT_MAX_EVENT_AGE_S)
    return int(attempts), int(age)


def backoff(service: EventsService, retry: int) -> float:
    """The wait before retry number ``retry`` (1 for the first): exponential, capped, with seeded jitter."""
    settings = service.settings
    ceiling = min(settings.retry_cap_s, settings.retry_base_s * 2 ** min(retry - 1, 60))
    return float(ceiling * (0.5 + 0.5 * service.random.random()))


def _attempt(service: EventsService, job: Job) -> None:
    cloud = service.cloud
    rule, target = job.rule, job.target
    job.attempts += 1
    rule.stats.invocation_attempts += 1
    service.metric(rule, "InvocationAttempts")
    try:
        send(service, job)
    except TargetError as error:
        retries_done = job.attempts - 1
        max_attempts, max_age = _policy(target)
        if error.retriable:
            wait = backoff(service, retries_done + 1)
            if retries_done >= max_attempts:
                condition: str | None = "MaximumRetryAttempts"
            elif cloud.now + wait - job.arrived > max_age:
                condition = "MaximumEventAgeInSeconds"
            else:
                _log(service, job, "RETRYING", error.message)
                cloud.kernel.schedule(wait, _attempt, service, job)
                return
        else:
            condition = None
        _failed(service, job, error, condition)
        return
    rule.stats.invocations += 1
    service.metric(rule, "Invocations")
    _log(service, job, "DELIVERED", None)


def _log(service: EventsService, job: Job, status: str, error: str | None) -> None:
    service.record(
        Delivery(service.cloud.now, job.rule.arn, job.target.id, job.target.arn, job.event["id"], status,
                 job.attempts, error)
    )  # fmt: skip


def _failed(service: EventsService, job: Job, error: TargetError, condition: str | None) -> None:
    rule = job.rule
    rule.stats.invocations += 1
    rule.stats.failed_invocations += 1
    service.metric(rule, "Invocations")
    service.metric(rule, "FailedInvocations")
    dlq = (job.target.spec.get("DeadLetterConfig") or {}).get("Arn")
    if not dlq:
        _log(service, job, "FAILED", error.message)
        return
    attributes = {
        "RULE_ARN": rule.arn,
        "TARGET_ARN": job.target.arn,
        "ERROR_CODE": error.code,
        "ERROR_MESSAGE": error.message or "-",
        **({"EXHAUSTED_RETRY_CONDITION": condition} if condition else {}),
        "RETRY_ATTEMPTS": str(job.attempts - 1),
    }
    body = json.dumps(job.event, separators=(",", ":"))
    try:
        service.client_for("sqs", rule.arn).send_message(
            QueueUrl=_queue_url(dlq),
            MessageBody=body,
            MessageAttributes={k: {"DataType": "String", "StringValue": v} for k, v in attributes.items()},
        )
    except ClientError as dlq_error:
        rule.stats.failed_to_dlq += 1
        service.metric(rule, "InvocationsFailedToBeSentToDlq")
        reason = classify(dlq_error).message
        _log(service, job, "DLQ_FAILED", f"{error.message}; dead-letter queue: {reason}")
        return
    rule.stats.sent_to_dlq += 1
    service.metric(rule, "InvocationsSentToDlq")
    _log(service, job, "DEAD_LETTERED", error.message)
