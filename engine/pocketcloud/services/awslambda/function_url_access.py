"""Who may call a function URL: its AuthType and the function's resource-based policy.

"Starting in October 2025, new function URLs will require both lambda:InvokeFunctionUrl and lambda:InvokeFunction
permissions." With ``AuthType`` ``NONE`` "Lambda doesn't perform any authentication before invoking your function.
However, your function's resource-based policy is always in effect and must grant public access before your
function URL can receive requests": a statement for ``Principal: "*"`` allowing ``lambda:InvokeFunctionUrl``
(usually with the condition ``lambda:FunctionUrlAuthType`` = ``NONE``, what AddPermission's
``FunctionUrlAuthType`` adds) and one allowing ``lambda:InvokeFunction`` (usually with
``lambda:InvokedViaFunctionUrl`` = ``true``, what AddPermission's ``InvokedViaFunctionUrl`` adds). "If a function's
resource-based policy doesn't grant lambda:invokeFunctionUrl permissions, then users will get a 403 Forbidden error
code when they try to invoke your function URL, even if the function URL uses the NONE auth type."
https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html

With ``AWS_IAM`` "you must sign each HTTP request using AWS Signature Version 4 (SigV4)" and a principal of the
function's own account needs the two permissions in its identity-based policy *or* the function's policy.
https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
pocketcloud has no IAM users and does not check signatures (a pocketcloud model): a request whose
``Authorization`` header is a SigV4 one (``AWS4-HMAC-SHA256 Credential=<access key>/...``) is taken as signed by the
account itself, whose identity-based policy allows everything, and its access key is reported in the event's
``requestContext.authorizer.iam``. An unsigned request to an ``AWS_IAM`` URL is refused (403).

A statement counts when its principal matches (``*``; for a signed request also the account's ID or root ARN), its
action is the one needed (or ``lambda:*`` / ``*``), its resource covers the URL's function ARN (the alias ARN for an
alias's URL), and each of its conditions holds for a function URL request: ``lambda:FunctionUrlAuthType`` equals
the URL's AuthType and ``lambda:InvokedViaFunctionUrl`` is true; any other condition key (a SourceArn, say) has no
value in such a request, so that statement does not apply.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...http import HttpRequest
    from .function_urls import FunctionUrlConfig
    from .models import Function

_SIGV4 = re.compile(r"^AWS4-HMAC-SHA256\s+Credential=(?P<key>[A-Z0-9]{16,128})/")


@dataclass(frozen=True)
class UrlCaller:
    """Who sent a function URL request: anonymous, or (signed) the account with an access key."""

    account: str | None = None
    access_key: str | None = None

    def authorizer(self, partition: str) -> dict[str, Any] | None:
        """``requestContext.authorizer`` of the event: the IAM identity for AWS_IAM, else None (left out)."""
        if self.account is None:
            return None
        user_arn = f"arn:{partition}:iam::{self.account}:root"
        return {
            "iam": {
                "accessKey": self.access_key,
                "accountId": self.account,
                "callerId": self.account,
                "cognitoIdentity": None,
                "principalOrgId": None,
                "userArn": user_arn,
                "userId": self.account,
            }
        }


def caller_of(request: HttpRequest, account: str) -> UrlCaller:
    """The request's caller: signed (the account) when it carries a SigV4 ``Authorization`` header."""
    header = request.header("authorization")
    match = _SIGV4.match(header) if header else None
    if match is None:
        return UrlCaller()
    return UrlCaller(account, match["key"])


def _principal_matches(principal: Any, caller: UrlCaller, partition: str) -> bool:
    if principal == "*":
        return True
    if caller.account is None or not isinstance(principal, dict):
        return False
    values = principal.get("AWS")
    listed = values if isinstance(values, list) else [values]
    return any(value in ("*", caller.account, f"arn:{partition}:iam::{caller.account}:root") for value in listed)


def _conditions_hold(condition: dict[str, Any], auth_type: str) -> bool:
    for operator, keys in condition.items():
        if not isinstance(keys, dict):
            return False
        for key, value in keys.items():
            if operator == "StringEquals" and key == "lambda:FunctionUrlAuthType":
                if value != auth_type:
                    return False
            elif operator == "Bool" and key == "lambda:InvokedViaFunctionUrl":
                if str(value).lower() != "true":
                    return False
            else:
                return False
    return True


def _allows(statement: dict[str, Any], action: str, resource: str, config: FunctionUrlConfig, caller: UrlCaller,
            partition: str) -> bool:  # fmt: skip
    if statement.get("Effect") != "Allow":
        return False
    if not _principal_matches(statement.get("Principal"), caller, partition):
        return False
    actions = statement.get("Action")
    listed = actions if isinstance(actions, list) else [actions]
    if not any(a in (action, "lambda:*", "*") for a in listed):
        return False
    if not fnmatch.fnmatchcase(resource, str(statement.get("Resource", ""))):
        return False
    return _conditions_hold(statement.get("Condition", {}), config.auth_type)


def refusal(function: Function, config: FunctionUrlConfig, caller: UrlCaller, partition: str) -> str | None:
    """Why the request may not invoke the function (None: it may). The reason goes to the request log."""
    if config.auth_type == "AWS_IAM":
        if caller.account is None:
            return "The function URL uses AWS_IAM and the request is not signed with SigV4"
        return None  # the account's identity-based policy allows it (a pocketcloud model, see the docstring)
    resource = config.function_arn
    for action in ("lambda:InvokeFunctionUrl", "lambda:InvokeFunction"):
        if not any(_allows(s, action, resource, config, caller, partition) for s in function.policy):
            return f"No resource-based policy statement allows {action} on {resource} for a public request"
    return None
