"""The queue policy: may another AWS service send messages to this queue?

On AWS an SNS topic (or an S3 bucket, an EventBridge rule ...) sends to a queue as its service principal, and the
queue's policy must allow it: "Give permission to the Amazon SNS topic to send messages to the Amazon SQS queue"
with a statement such as ``{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action":
"sqs:SendMessage", "Resource": "<queue ARN>", "Condition": {"ArnEquals": {"aws:SourceArn": "<topic ARN>"}}}``.
Without one, the delivery fails (SNS counts it as a client-side error and drops the message, or moves it to the
subscription's dead-letter queue).
https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html

pocketcloud checks exactly that, for SendMessage and SendMessageBatch made by a service principal (through
``cloud.service_client("sqs", "sns.amazonaws.com", source_arn=...)``): the principal (``*``, ``{"AWS": "*"}`` or
``{"Service": ...}``), the action (``sqs:SendMessage``, ``sqs:*`` or ``*``, case-insensitive as IAM actions
are), the resource (the queue ARN, ``*`` wildcards allowed) and the ``aws:SourceArn`` / ``aws:SourceAccount``
conditions (ArnEquals, ArnLike, StringEquals, StringLike); an explicit Deny wins. Calls made as the account
itself (a learner's code, a handler) are not checked: within one account IAM, which pocketcloud does not
simulate, decides those.
"""

from __future__ import annotations

import fnmatch
import functools
import json
from typing import Any

from ...client import Caller
from ...errors import ServiceError


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _principal_matches(principal: Any, service: str) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return any(p == "*" for p in _as_list(principal.get("AWS"))) or service in _as_list(principal.get("Service"))


def _action_matches(action: Any, wanted: str) -> bool:
    return any(isinstance(a, str) and fnmatch.fnmatchcase(wanted, a.lower()) for a in _as_list(action))


def _conditions_hold(condition: Any, caller: Caller) -> bool:
    if not isinstance(condition, dict):
        return True
    values = {"aws:sourcearn": caller.source_arn, "aws:sourceaccount": caller.source_account}
    for operator, clauses in condition.items():
        if not isinstance(clauses, dict):
            return False
        like = operator in ("ArnLike", "StringLike")
        if operator not in ("ArnEquals", "ArnLike", "StringEquals", "StringLike"):
            return False  # an operator pocketcloud does not evaluate never grants access
        for key, expected in clauses.items():
            actual = values.get(str(key).lower())
            if actual is None:
                return False
            options = [str(e) for e in _as_list(expected)]
            if not any(fnmatch.fnmatchcase(actual, e) if like else actual == e for e in options):
                return False
    return True


@functools.lru_cache(maxsize=256)
def _parsed(policy_text: str) -> Any:
    """A policy document, parsed once per text (policies change rarely; sends are many)."""
    try:
        return json.loads(policy_text)
    except ValueError:
        return None


def allows(policy_text: str | None, queue_arn: str, caller: Caller, action: str = "sqs:sendmessage") -> bool:
    """Whether the queue policy lets ``caller`` (a service principal) perform ``action`` on the queue."""
    if not policy_text or caller.principal is None:
        return False
    policy = _parsed(policy_text)
    allowed = False
    for statement in _as_list(policy.get("Statement", []) if isinstance(policy, dict) else []):
        if not isinstance(statement, dict):
            continue
        if not _principal_matches(statement.get("Principal"), caller.principal):
            continue
        if not _action_matches(statement.get("Action"), action):
            continue
        resources = _as_list(statement.get("Resource", "*"))
        if not any(isinstance(r, str) and fnmatch.fnmatchcase(queue_arn, r) for r in resources):
            continue
        if not _conditions_hold(statement.get("Condition"), caller):
            continue
        if statement.get("Effect") == "Deny":
            return False
        if statement.get("Effect") == "Allow":
            allowed = True
    return allowed


@functools.lru_cache(maxsize=1024)
def _allowed(policy_text: str | None, queue_arn: str, caller: Caller) -> bool:
    """:func:`allows`, remembered: the same policy, queue and caller always get the same answer."""
    return allows(policy_text, queue_arn, caller)


def check_send(policy_text: str | None, queue_arn: str, queue_url: str, caller: Caller) -> None:
    """Refuse a service principal's send that the queue policy does not allow, in SQS's long-standing words for
    a refused request ("Access to the resource https://sqs.us-east-1.amazonaws.com/... is denied.")."""
    if caller.principal is None or _allowed(policy_text, queue_arn, caller):
        return
    raise ServiceError("AccessDenied", f"Access to the resource {queue_url} is denied.", 403)
