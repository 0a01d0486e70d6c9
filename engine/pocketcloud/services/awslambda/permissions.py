"""Resource-based policy: which principals (services, accounts) may invoke a function.

Event sources such as S3 or SNS need a statement here before they can invoke a function.
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
"""

from __future__ import annotations

import fnmatch
import json
import re
from typing import TYPE_CHECKING, Any

from ...client import Caller
from ...errors import ServiceError

if TYPE_CHECKING:
    from .service import LambdaService, Target


def _principal(value: str) -> dict[str, str] | str:
    if value == "*":
        return "*"
    if value.endswith(".amazonaws.com"):
        return {"Service": value}
    if re.fullmatch(r"\d{12}", value):
        return {"AWS": f"arn:aws:iam::{value}:root"}
    return {"AWS": value}


def add_permission(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, ref_qualifier = service.function(params["FunctionName"])
    qualifier = params.get("Qualifier", ref_qualifier)
    if qualifier is not None:
        service.resolve(function.name, qualifier)
    # Types, lengths and patterns (StatementId, Action, Principal, SourceArn …) are checked from the model
    # before this runs, so the statement below is built whole or not at all.
    sid = params["StatementId"]
    action = params["Action"]
    if any(statement["Sid"] == sid for statement in function.policy):
        raise ServiceError(
            "ResourceConflictException",
            f"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the "
            "existing statement.",
            409,
        )
    statement: dict[str, Any] = {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": _principal(params["Principal"]),
        "Action": action,
        "Resource": service.arn(function.name, qualifier),
    }
    condition: dict[str, Any] = {}
    if "SourceArn" in params:
        condition.setdefault("ArnLike", {})["AWS:SourceArn"] = params["SourceArn"]
    if "SourceAccount" in params:
        condition.setdefault("StringEquals", {})["AWS:SourceAccount"] = params["SourceAccount"]
    if "PrincipalOrgID" in params:
        condition.setdefault("StringEquals", {})["aws:PrincipalOrgID"] = params["PrincipalOrgID"]
    if "FunctionUrlAuthType" in params:
        condition.setdefault("StringEquals", {})["lambda:FunctionUrlAuthType"] = params["FunctionUrlAuthType"]
    if condition:
        statement["Condition"] = condition
    function.policy.append(statement)
    function.policy_revision = service.cloud.new_request_id()
    return {"Statement": json.dumps(statement), "ResponseMetadata": {"HTTPStatusCode": 201}}


def _matches(pattern: str, value: str) -> bool:
    """ArnLike / StringLike matching: ``*`` for any run of characters, ``?`` for one."""
    return fnmatch.fnmatchcase(value, pattern)


def _statement_allows(statement: dict[str, Any], caller: Caller, resource: str, action: str) -> bool:
    principal = statement.get("Principal")
    if principal != "*" and not (isinstance(principal, dict) and principal.get("Service") == caller.principal):
        return False
    if statement.get("Action") not in (action, "lambda:*", "*"):
        return False
    if not _matches(str(statement.get("Resource", "")), resource):
        return False
    condition = statement.get("Condition", {})
    source_arn = condition.get("ArnLike", {}).get("AWS:SourceArn")
    if source_arn is not None and (caller.source_arn is None or not _matches(source_arn, caller.source_arn)):
        return False
    account = condition.get("StringEquals", {}).get("AWS:SourceAccount")
    return account is None or account == caller.source_account


def check_invoke_permission(service: LambdaService, target: Target, caller: Caller) -> None:
    """An AWS service may invoke a function only if the function's resource-based policy allows its principal
    (with the statement's SourceArn / SourceAccount conditions), for exactly the ARN it invokes: a statement on
    the function's unqualified ARN covers invocations of the unqualified ARN, a statement on an alias covers the
    alias. Otherwise AWS answers AccessDeniedException.
    https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
    """
    action = "lambda:InvokeFunction"
    if any(_statement_allows(s, caller, target.arn, action) for s in target.function.policy):
        return
    raise ServiceError(
        "AccessDeniedException",
        f"User: {caller.principal} is not authorized to perform: {action} on resource: {target.arn} because no "
        "resource-based policy allows the lambda:InvokeFunction action",
        403,
    )


def get_policy(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    if not function.policy:
        raise ServiceError("ResourceNotFoundException", "The resource you requested does not exist.", 404)
    policy = {"Version": "2012-10-17", "Id": "default", "Statement": function.policy}
    return {"Policy": json.dumps(policy), "RevisionId": function.policy_revision}


def remove_permission(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    sid = params["StatementId"]
    remaining = [s for s in function.policy if s["Sid"] != sid]
    if len(remaining) == len(function.policy):
        raise ServiceError("ResourceNotFoundException", f"Statement {sid} is not found in resource policy.", 404)
    function.policy = remaining
    function.policy_revision = service.cloud.new_request_id()
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
