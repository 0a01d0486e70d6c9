"""Resource-based policy: which principals (services, accounts) may invoke a function.

Event sources such as S3 or SNS need a statement here before they can invoke a function.
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError

if TYPE_CHECKING:
    from .service import LambdaService


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
