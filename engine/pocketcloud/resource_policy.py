"""Resource-based policies of queues, topics and the like: may an AWS service principal do this?

On AWS one service acts on another's resource as its service principal (an SNS topic sending to a queue, an S3
bucket publishing to a topic), and the resource's policy must allow it, e.g. ``{"Effect": "Allow", "Principal":
{"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "<queue ARN>", "Condition":
{"ArnEquals": {"aws:SourceArn": "<topic ARN>"}}}``. This module evaluates such a policy for one call: the principal
(``*``, ``{"AWS": "*"}`` or ``{"Service": ...}``), the action (wildcards, case-insensitive as IAM actions are), the
resource (``*`` wildcards) and the ``aws:SourceArn`` / ``aws:SourceAccount`` / ``aws:SourceOwner`` conditions
(ArnEquals, ArnLike, StringEquals, StringLike; any other condition never grants access); an explicit Deny wins.
Calls made as the account itself are the services' business (within one account IAM decides, which pocketcloud
does not simulate). ``aws:SourceOwner`` is carried only by services that publish for the resource's owner (RDS,
ElastiCache, SES receiving): that is how an SNS topic's default policy lets them publish, while S3 still needs a
statement of its own. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
"""

from __future__ import annotations

import fnmatch
import functools
import json
from typing import Any

from .client import Caller


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
    values = {
        "aws:sourcearn": caller.source_arn,
        "aws:sourceaccount": caller.source_account,
        "aws:sourceowner": caller.source_owner,
    }
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


def allows(policy_text: str | None, resource_arn: str, caller: Caller, action: str) -> bool:
    """Whether the policy lets ``caller`` (a service principal) perform ``action`` (lower case) on the resource."""
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
        if not any(isinstance(r, str) and fnmatch.fnmatchcase(resource_arn, r) for r in resources):
            continue
        if not _conditions_hold(statement.get("Condition"), caller):
            continue
        if statement.get("Effect") == "Deny":
            return False
        if statement.get("Effect") == "Allow":
            allowed = True
    return allowed


@functools.lru_cache(maxsize=1024)
def allowed(policy_text: str | None, resource_arn: str, caller: Caller, action: str) -> bool:
    """:func:`allows`, remembered: the same policy, resource, caller and action always get the same answer."""
    return allows(policy_text, resource_arn, caller, action)
