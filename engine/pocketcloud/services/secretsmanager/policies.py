"""Resource-based policies of secrets: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy,
ValidateResourcePolicy and ListResourcePolicies.

A secret has at most one policy, named ``default``: "If you don't specify this field, Secrets Manager uses
default. You can only attach the default policy; if you specify any other name, the operation returns an
InvalidParameterException" (API_PutResourcePolicy). ListResourcePolicies "contains only the names of the
policies". BlockPublicPolicy refuses "policies that allow broad access to the secret, for example those that use
a wildcard for the principal" (PublicPolicyException). ValidateResourcePolicy "Checks for correct syntax in a
policy" and that it "does not grant a wide range of principals access".
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ValidateResourcePolicy.html

A policy with bad syntax is MalformedPolicyDocumentException, "The resource policy has syntax errors." (the
message moto's tests quote). pocketcloud checks the IAM policy grammar's structure (JSON object, Version,
Statement with Effect and Action, known element names) and reports broad access (a ``*`` principal without a
condition) as one validation error; IAM's automated reasoning (Zelkova) is not simulated. The policy is stored
and returned; pocketcloud does not evaluate IAM, so it grants and denies nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError

if TYPE_CHECKING:
    from .service import SecretsManagerService

DEFAULT = "default"
_TOP = {"Version", "Id", "Statement"}
_STATEMENT = {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource",
              "Condition"}  # fmt: skip
_MALFORMED = "The resource policy has syntax errors."


def _statements(text: str) -> list[dict[str, Any]]:
    try:
        policy = json.loads(text)
    except ValueError:
        policy = None
    if not isinstance(policy, dict) or "Statement" not in policy or not set(policy) <= _TOP:
        raise ServiceError("MalformedPolicyDocumentException", _MALFORMED)
    if policy.get("Version", "2012-10-17") not in ("2012-10-17", "2008-10-17"):
        raise ServiceError("MalformedPolicyDocumentException", _MALFORMED)
    statements = policy["Statement"]
    statements = statements if isinstance(statements, list) else [statements]
    for statement in statements:
        if (
            not isinstance(statement, dict)
            or not set(statement) <= _STATEMENT
            or statement.get("Effect") not in ("Allow", "Deny")
            or ("Action" not in statement and "NotAction" not in statement)
        ):
            raise ServiceError("MalformedPolicyDocumentException", _MALFORMED)
    return statements


def _broad(statements: list[dict[str, Any]]) -> bool:
    """An Allow statement for every principal (``*`` or ``{"AWS": "*"}``) with no condition."""
    for statement in statements:
        principal = statement.get("Principal")
        everyone = principal == "*" or (isinstance(principal, dict) and principal.get("AWS") in ("*", ["*"]))
        if statement.get("Effect") == "Allow" and everyone and not statement.get("Condition"):
            return True
    return False


def _name(params: dict[str, Any], *, writing: bool) -> str:
    name = params.get("PolicyName", DEFAULT)
    if name != DEFAULT:
        if writing:
            raise ServiceError(
                "InvalidParameterException", "You can only attach the default policy (PolicyName default)."
            )
        raise ServiceError("ResourceNotFoundException", f"Secrets Manager can't find the resource policy {name}.")
    return str(name)


def put_resource_policy(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    name = _name(params, writing=True)
    statements = _statements(params["ResourcePolicy"])
    if params.get("BlockPublicPolicy") and _broad(statements):
        raise ServiceError(
            "PublicPolicyException",
            "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access "
            "to the secret.",
        )
    secret.policy = params["ResourcePolicy"]
    secret.last_changed = service.cloud.now
    return {"ARN": secret.arn, "Name": secret.name, "PolicyName": name}


def get_resource_policy(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    name = _name(params, writing=False)
    result: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name}
    if secret.policy is not None:
        result["ResourcePolicy"] = secret.policy
        result["PolicyName"] = name
    return result


def delete_resource_policy(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    name = _name(params, writing=False)
    secret.policy = None
    secret.last_changed = service.cloud.now
    return {"ARN": secret.arn, "Name": secret.name, "PolicyName": name}


def list_resource_policies(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    return {"ResourcePolicies": [{"PolicyName": DEFAULT}] if secret.policy is not None else []}


def validate_resource_policy(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("SecretId") is not None:
        service.resolve(params["SecretId"])
    statements = _statements(params["ResourcePolicy"])
    if _broad(statements):
        return {
            "PolicyValidationPassed": False,
            "ValidationErrors": [
                {
                    "CheckName": "BROAD_ACCESS",
                    "ErrorMessage": "The policy allows every principal (*) without a condition: broad access.",
                }
            ],
        }
    return {"PolicyValidationPassed": True, "ValidationErrors": []}
