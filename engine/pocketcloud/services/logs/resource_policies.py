"""Resource policies of CloudWatch Logs: PutResourcePolicy, DescribeResourcePolicies, DeleteResourcePolicy.

A resource policy lets other AWS services "put log events to this account, such as Amazon Route 53"; "Policy
only supports logs:PutLogEvents and logs:CreateLogStream actions" and "An account can have a maximum of 10
policies without resourceARN and one per LogGroup resourceARN". A policy with a ``resourceArn`` (RESOURCE scope)
is guarded by its revision ID: "expectedRevisionId ... Required when resourceArn is provided to prevent
concurrent modifications. Use null when creating a resource policy for the first time."
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeResourcePolicies.html

pocketcloud stores and returns the policies; no simulated service delivers logs through them yet, so they grant
nothing. Deleting a policy that does not exist answers "Policy with name [<name>] does not exist" (AWS's words,
as moto quotes them in moto/logs/models.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from .pattern_values import invalid
from .reading import page_after
from .tagging import group_by_arn

if TYPE_CHECKING:
    from .backend import LogsBackend


@dataclass
class ResourcePolicy:
    name: str
    document: str
    updated: int
    resource_arn: str | None = None
    revision_id: str | None = None

    def describe(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "policyName": self.name,
            "policyDocument": self.document,
            "lastUpdatedTime": self.updated,
            "policyScope": "RESOURCE" if self.resource_arn is not None else "ACCOUNT",
        }
        if self.resource_arn is not None:
            entry["resourceArn"] = self.resource_arn
            entry["revisionId"] = self.revision_id
        return entry


class Policies:
    def __init__(self, backend: LogsBackend) -> None:
        #: Account-level policies by name, and resource-scoped ones by (log group ARN, name).
        self.account: dict[str, ResourcePolicy] = {}
        self.resource: dict[tuple[str, str], ResourcePolicy] = {}


def _policies(backend: LogsBackend) -> Policies:
    found: Policies = backend.extension("resource_policies", Policies)
    return found


def _document(params: dict[str, Any]) -> str:
    text = params.get("policyDocument")
    if text is None:
        raise invalid("policyDocument is required.")
    try:
        parsed = json.loads(text)
    except ValueError:
        raise invalid("The policyDocument is not a valid JSON document.") from None
    if not isinstance(parsed, dict) or "Statement" not in parsed:
        raise invalid("The policyDocument must be a JSON object with a Statement.")
    return str(text)


def put_resource_policy(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    name = params.get("policyName")
    if not name:
        raise invalid("policyName is required.")
    document = _document(params)
    store = _policies(backend)
    arn = params.get("resourceArn")
    cloud = backend.cloud
    if arn is None:
        if name not in store.account and len(store.account) >= limits.LOGS_ACCOUNT_RESOURCE_POLICIES_MAX:
            raise ServiceError("LimitExceededException", "Resource limit exceeded.")
        policy = store.account[name] = ResourcePolicy(name, document, backend.now_ms())
        return {"resourcePolicy": policy.describe()}
    group = group_by_arn(backend, arn)
    arn = backend.group_arn(group.name)
    existing = [p for (a, _n), p in store.resource.items() if a == arn]
    expected = params.get("expectedRevisionId")
    if existing and expected != existing[0].revision_id:
        raise ServiceError(
            "OperationAbortedException", "Multiple concurrent requests to update the same resource were in conflict."
        )
    if existing and existing[0].name != name:
        raise ServiceError("LimitExceededException", "Resource limit exceeded.")
    policy = ResourcePolicy(name, document, backend.now_ms(), arn, cloud.random_hex(32))
    store.resource[(arn, name)] = policy
    return {"resourcePolicy": policy.describe(), "revisionId": policy.revision_id}


def describe_resource_policies(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """ACCOUNT-scoped policies by default ("When not specified, defaults to ACCOUNT"), or those of one group."""
    store = _policies(backend)
    arn = params.get("resourceArn")
    scope = params.get("policyScope", "RESOURCE" if arn is not None else "ACCOUNT")
    if scope == "ACCOUNT":
        found = list(store.account.values())
    else:
        wanted = backend.group_arn(group_by_arn(backend, arn).name) if arn is not None else None
        found = [p for (a, _n), p in store.resource.items() if wanted is None or a == wanted]
    page, token = page_after(
        found,
        lambda p: [p.resource_arn or "", p.name],
        limit=params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX),
        next_token=params.get("nextToken"),
    )
    result: dict[str, Any] = {"resourcePolicies": [p.describe() for p in page]}
    if token is not None:
        result["nextToken"] = token
    return result


def delete_resource_policy(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    name = params.get("policyName") or ""
    store = _policies(backend)
    arn = params.get("resourceArn")
    missing = ServiceError("ResourceNotFoundException", f"Policy with name [{name}] does not exist")
    if arn is None:
        if name not in store.account:
            raise missing
        del store.account[name]
        return {}
    key = (backend.group_arn(group_by_arn(backend, arn).name), name)
    policy = store.resource.get(key)
    if policy is None:
        raise missing
    if params.get("expectedRevisionId") != policy.revision_id:
        raise ServiceError(
            "OperationAbortedException", "Multiple concurrent requests to update the same resource were in conflict."
        )
    del store.resource[key]
    return {}
