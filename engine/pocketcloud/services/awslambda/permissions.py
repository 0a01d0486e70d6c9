"""Resource-based policy: which principals (services, accounts) may invoke a function.

Event sources such as S3 or SNS need a statement here before they can invoke a function.
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html

Each version and alias has a policy of its own: a statement added with ``Qualifier`` applies to that qualifier's
ARN only, GetPolicy and RemovePermission with ``Qualifier`` see only that policy, and a statement ID need only be
unique within one policy. "Lambda does not support adding policies to version $LATEST" (add-permission), so
``Qualifier="$LATEST"`` is refused ("We currently do not support adding policies for $LATEST.", and "No policy is
associated with the given resource." for RemovePermission on a qualifier without a policy, as LocalStack's
AWS-validated provider answers). https://docs.aws.amazon.com/cli/latest/reference/lambda/add-permission.html
Function URL statements: ``FunctionUrlAuthType`` adds ``{"StringEquals": {"lambda:FunctionUrlAuthType": ...}}``
and ``InvokedViaFunctionUrl=True`` adds ``{"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}``, the two statements
a public function URL needs (see :mod:`.function_url_access`). https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
``RevisionId`` (AddPermission, RemovePermission) must match the RevisionId GetPolicy returned; pocketcloud keeps
one policy revision per function, changed by every AddPermission and RemovePermission (a pocketcloud model: AWS
does not say how the policy's revision relates to the function's).
"""

from __future__ import annotations

import fnmatch
import json
import re
from typing import TYPE_CHECKING, Any

from ...client import Caller
from ...errors import ServiceError
from .functions import check_revision

if TYPE_CHECKING:
    from .models import Function
    from .service import LambdaService, Target


def policy_principal(value: str, partition: str) -> dict[str, str] | str:
    """A statement's Principal as AWS writes it: ``*`` stays, a service name becomes ``{"Service": …}``, an
    account id its root ARN, anything else (an ARN) ``{"AWS": …}``. Function and layer policies both use it."""
    if value == "*":
        return "*"
    if value.endswith(".amazonaws.com"):
        return {"Service": value}
    if re.fullmatch(r"\d{12}", value):
        return {"AWS": f"arn:{partition}:iam::{value}:root"}
    return {"AWS": value}


def refuse_duplicate_statement(statements: list[dict[str, Any]], sid: str) -> None:
    """A StatementId already in a policy is a conflict (409), for a function's policy and a layer version's."""
    if any(statement["Sid"] == sid for statement in statements):
        raise ServiceError(
            "ResourceConflictException",
            f"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the "
            "existing statement.",
            409,
        )


def statements_of(service: LambdaService, function: Function, qualifier: str | None) -> list[dict[str, Any]]:
    """The statements of one qualifier's policy (``None``: the function's own, unqualified policy)."""
    resource = service.arn(function.name, qualifier)
    return [statement for statement in function.policy if statement.get("Resource") == resource]


def _qualifier(service: LambdaService, params: dict[str, Any]) -> tuple[Function, str | None]:
    """The function and the qualifier whose policy a request names (checked to exist)."""
    function, ref_qualifier = service.function(params["FunctionName"])
    qualifier = params.get("Qualifier", ref_qualifier)
    if qualifier is not None:
        service.resolve(function.name, qualifier)
    return function, qualifier


def add_permission(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _qualifier(service, params)
    if qualifier == "$LATEST":
        raise ServiceError("InvalidParameterValueException", "We currently do not support adding policies for $LATEST.")
    check_revision(params.get("RevisionId"), function.policy_revision)
    # Types, lengths and patterns (StatementId, Action, Principal, SourceArn …) are checked from the model
    # before this runs, so the statement below is built whole or not at all.
    sid = params["StatementId"]
    action = params["Action"]
    refuse_duplicate_statement(statements_of(service, function, qualifier), sid)
    statement: dict[str, Any] = {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": policy_principal(params["Principal"], service.cloud.partition),
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
    if params.get("InvokedViaFunctionUrl"):
        condition.setdefault("Bool", {})["lambda:InvokedViaFunctionUrl"] = "true"
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
    if "lambda:InvokedViaFunctionUrl" in condition.get("Bool", {}) or "lambda:FunctionUrlAuthType" in condition.get(
        "StringEquals", {}
    ):
        return False  # a statement for function URL requests only: a service's call is not one
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
    function = target.function
    policy = function.policy
    # The decision depends only on the policy and on who asks for which ARN, so it is kept until the policy
    # changes: AddPermission and RemovePermission draw a new policy revision (and RemovePermission builds a new
    # list), so a statement added or removed applies to the very next call. The stamp is checked on every call.
    stamp = (function.policy_revision, id(policy), len(policy))
    made, decisions = function.permission_decisions
    if made != stamp:
        decisions = {}
        function.permission_decisions = (stamp, decisions)
    key = (target.arn, caller.principal, caller.source_arn, caller.source_account)
    allowed = decisions.get(key)
    if allowed is None:
        allowed = decisions[key] = any(_statement_allows(s, caller, target.arn, action) for s in policy)
    if allowed:
        return
    raise ServiceError(
        "AccessDeniedException",
        f"User: {caller.principal} is not authorized to perform: {action} on resource: {target.arn} because no "
        "resource-based policy allows the lambda:InvokeFunction action",
        403,
    )


def get_policy(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _qualifier(service, params)
    statements = statements_of(service, function, qualifier)
    if not statements:
        raise ServiceError("ResourceNotFoundException", "The resource you requested does not exist.", 404)
    policy = {"Version": "2012-10-17", "Id": "default", "Statement": statements}
    return {"Policy": json.dumps(policy), "RevisionId": function.policy_revision}


def remove_permission(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _qualifier(service, params)
    statements = statements_of(service, function, qualifier)
    if not statements:
        raise ServiceError("ResourceNotFoundException", "No policy is associated with the given resource.", 404)
    sid = params["StatementId"]
    found = [s for s in statements if s["Sid"] == sid]
    if not found:
        raise ServiceError("ResourceNotFoundException", f"Statement {sid} is not found in resource policy.", 404)
    check_revision(params.get("RevisionId"), function.policy_revision)
    function.policy = [s for s in function.policy if s is not found[0]]
    function.policy_revision = service.cloud.new_request_id()
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
