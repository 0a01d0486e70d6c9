"""A layer version's resource-based policy: who else may use it (AddLayerVersionPermission and friends).

A layer version is private to its account until its policy grants ``lambda:GetLayerVersion`` to another
account, an organization or everyone: "Use this action to grant layer usage permission to other accounts. You
can grant permission to a single account, all accounts in an organization, or all AWS accounts"
(https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html). pocketcloud simulates one
account, so the policy is recorded and returned as AWS returns it (GetLayerVersionPolicy) but grants nothing
the account does not already have.

The statement has the shape of the AWS CLI's examples (``Sid``, ``Effect: Allow``, ``Principal`` as
``{"AWS": "arn:aws:iam::<account>:root"}`` for an account id or ``*``, ``Action``, ``Resource`` = the layer
version's ARN; https://docs.aws.amazon.com/cli/latest/reference/lambda/add-layer-version-permission.html and
get-layer-version-policy.html); an ``OrganizationId`` becomes the condition ``aws:PrincipalOrgID``, as
AddPermission's ``PrincipalOrgID`` does for a function. Each change gives the policy a new ``RevisionId``, and
a ``RevisionId`` in a request must match it (PreconditionFailedException, as for a function's policy).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from .functions import check_revision
from .layers import find_version, layer_name
from .permissions import policy_principal, refuse_duplicate_statement

if TYPE_CHECKING:
    from .models import LayerVersion
    from .service import LambdaService

_NOT_FOUND = "The resource you requested does not exist."


def _version(service: LambdaService, params: dict[str, Any]) -> LayerVersion:
    return find_version(service, layer_name(params["LayerName"]), params["VersionNumber"])


def add_layer_version_permission(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Add one statement; a StatementId already in the policy is a conflict, as for a function's policy."""
    version = _version(service, params)
    policy = version.policy
    check_revision(params.get("RevisionId"), policy.revision_id or "")
    sid = params["StatementId"]
    refuse_duplicate_statement(policy.statements, sid)
    statement: dict[str, Any] = {
        "Sid": sid,
        "Effect": "Allow",
        # The model's pattern admits an account id, ``*`` or an account's root ARN (the CLI example's answer turns
        # an account id into its root ARN), so the function policy's rule gives the same Principal.
        "Principal": policy_principal(str(params["Principal"]), service.cloud.partition),
        "Action": params["Action"],
        "Resource": version.arn,
    }
    if "OrganizationId" in params:
        statement["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": params["OrganizationId"]}}
    policy.statements.append(statement)
    policy.revision_id = service.cloud.new_request_id()
    return {
        "Statement": json.dumps(statement),
        "RevisionId": policy.revision_id,
        "ResponseMetadata": {"HTTPStatusCode": 201},
    }


def get_layer_version_policy(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """The whole policy as a JSON string; a version without one is ResourceNotFoundException."""
    policy = _version(service, params).policy
    if not policy.statements:
        raise ServiceError("ResourceNotFoundException", _NOT_FOUND, 404)
    document = {"Version": "2012-10-17", "Id": "default", "Statement": policy.statements}
    return {"Policy": json.dumps(document), "RevisionId": policy.revision_id}


def remove_layer_version_permission(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Remove one statement by its StatementId (HTTP 204, no body)."""
    policy = _version(service, params).policy
    sid = params["StatementId"]
    remaining = [statement for statement in policy.statements if statement["Sid"] != sid]
    if len(remaining) == len(policy.statements):
        raise ServiceError("ResourceNotFoundException", f"Statement {sid} is not found in resource policy.", 404)
    check_revision(params.get("RevisionId"), policy.revision_id or "")
    policy.statements[:] = remaining
    policy.revision_id = service.cloud.new_request_id()
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
