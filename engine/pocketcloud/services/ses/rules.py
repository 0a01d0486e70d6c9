"""Receipt rule sets and receipt rules: which inbound mail is handled, and by which actions.

Names: "Contain only ASCII letters (a-z, A-Z), numbers (0-9), underscores (_), or dashes (-). Start and end with a
letter or number. Contain 64 characters or fewer." (periods are allowed in rule names). Only one rule set is
active at a time; an active rule set cannot be deleted. A new rule goes first unless ``After`` names the rule to
follow. https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateReceiptRule.html

When a rule is saved SES checks that it can use every destination, and refuses otherwise: ``InvalidLambdaFunction``
"Could not invoke Lambda function: <arn>", ``InvalidS3Configuration`` "Could not write to bucket: <bucket>",
``InvalidSnsTopic`` "Could not publish to SNS topic: <arn>" (AWS's messages, as reported in
https://github.com/hashicorp/terraform-provider-aws/issues/34259,
https://github.com/aws/aws-cdk/pull/30375 and https://github.com/hashicorp/terraform-provider-aws/issues/14773).
The Lambda check is a DryRun invoke as ``ses.amazonaws.com``, so the function's policy must allow SES ("lambda
add-permission --principal ses.amazonaws.com --source-account <account>").
https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ClientError, ServiceError

if TYPE_CHECKING:
    from .service import SesService

PRINCIPAL = "ses.amazonaws.com"
_SET_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?")
_RULE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")


@dataclass
class RuleSet:
    name: str
    created: float
    rules: list[dict[str, Any]] = field(default_factory=list)


def check_name(value: str, what: str, rule: bool = False) -> None:
    pattern = _RULE_NAME if rule else _SET_NAME
    if len(value) > limits.SES_RULE_NAME_MAX or pattern.fullmatch(value) is None:
        raise ServiceError(
            "InvalidParameterValue",
            f"Not a valid {what} name: {value}. Names must contain only ASCII letters, numbers, underscores "
            f"{'periods ' if rule else ''}or dashes, start and end with a letter or number, and contain 64 "
            "characters or fewer.",
            400,
        )


def rule_arn(service: SesService, rule_set: str, rule: str) -> str:
    c = service.cloud
    return f"arn:aws:ses:{c.region}:{c.account_id}:receipt-rule-set/{rule_set}:receipt-rule/{rule}"


def normalised(rule: dict[str, Any]) -> dict[str, Any]:
    """The rule as DescribeReceiptRule returns it (defaults filled in)."""
    out: dict[str, Any] = {"Name": rule["Name"], "Enabled": rule.get("Enabled", False)}
    out["TlsPolicy"] = rule.get("TlsPolicy", "Optional")
    out["Recipients"] = list(rule.get("Recipients") or [])
    actions = []
    for action in rule.get("Actions") or []:
        action = {k: dict(v) for k, v in action.items()}
        if "LambdaAction" in action:
            action["LambdaAction"].setdefault("InvocationType", "Event")
        if "SNSAction" in action:
            action["SNSAction"].setdefault("Encoding", "UTF-8")
        actions.append(action)
    out["Actions"] = actions
    out["ScanEnabled"] = rule.get("ScanEnabled", False)
    return out


def check_actions(service: SesService, rule_set: str, rule: dict[str, Any]) -> None:
    """Every destination usable, or the error SES answers for the first one that is not."""
    arn = rule_arn(service, rule_set, rule["Name"])
    cloud = service.cloud
    for action in rule.get("Actions") or []:
        if len(action) != 1:
            raise ServiceError(
                "InvalidParameterValue", "Each receipt rule action must specify exactly one action.", 400
            )
        kind, spec = next(iter(action.items()))
        if kind in ("BounceAction", "WorkmailAction", "ConnectAction"):
            raise ServiceError(
                "InvalidParameterValue", f"pocketcloud does not simulate the {kind} receipt rule action.", 400
            )
        if kind == "LambdaAction":
            try:
                client: Any = cloud.service_client("lambda", PRINCIPAL, source_arn=arn, source_account=cloud.account_id)
                client.invoke(FunctionName=spec["FunctionArn"], InvocationType="DryRun", Payload=b"{}")
            except ClientError:
                raise ServiceError(
                    "InvalidLambdaFunction", f"Could not invoke Lambda function: {spec['FunctionArn']}", 400
                ) from None
        if kind == "S3Action":
            try:
                s3: Any = cloud.service_client("s3", PRINCIPAL, source_arn=arn)
                s3.head_bucket(Bucket=spec["BucketName"])
            except ClientError:
                raise ServiceError(
                    "InvalidS3Configuration", f"Could not write to bucket: {spec['BucketName']}", 400
                ) from None
        topics = [spec.get("TopicArn")] if spec.get("TopicArn") else []
        for topic in topics:
            try:
                sns: Any = cloud.client("sns")
                sns.get_topic_attributes(TopicArn=topic)
            except ClientError:
                raise ServiceError("InvalidSnsTopic", f"Could not publish to SNS topic: {topic}", 400) from None
