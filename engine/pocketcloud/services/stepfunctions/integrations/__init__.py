"""Which integration runs a Task state's ``Resource``, decided once when the definition is compiled.

Resource forms (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html):
``arn:aws:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]`` (optimized integrations),
``arn:aws:states:::aws-sdk:<service>:<action>[.waitForTaskToken]`` (AWS SDK integrations),
``arn:aws:lambda:<region>:<account>:function:<name>`` (a function ARN) and
``arn:aws:states:<region>:<account>:activity:<name>`` (an activity).
"""

from __future__ import annotations

from typing import Any

from .activity import ActivityTask
from .aws_sdk import AwsSdk
from .awslambda import LambdaFunction, LambdaInvoke
from .callbacks import WaitForTaskToken
from .dynamodb import DynamoDB
from .sfn import StartExecution
from .sns import SnsPublish
from .sqs import SqsSendMessage


class Unsupported:
    """A resource pocketcloud does not simulate: the task fails with a clear cause."""

    def __init__(self, resource: str) -> None:
        self.resource = resource

    def run(self, ctx: Any, params: Any) -> Any:
        ctx.scheduled(params)
        raise ctx.failed("States.Runtime", f"pocketcloud does not simulate the resource '{self.resource}'.")
        yield


def resolve(resource: str) -> tuple[Any, str, str]:
    """``(integration, resourceType, resource)`` for history events."""
    if resource.startswith("arn:aws:lambda:"):
        return LambdaFunction(resource), "lambda", resource
    parts = resource.split(":")
    if resource.startswith("arn:aws:states:") and len(parts) >= 7 and parts[5] == "activity":
        return ActivityTask(resource), "activity", resource
    if not resource.startswith("arn:aws:states:::") or len(parts) < 7:
        return Unsupported(resource), "unknown", resource
    service = parts[5]
    rest = ":".join(parts[6:])
    if service == "aws-sdk":
        sdk_service, _, action = rest.partition(":")
        action, _, pattern = action.partition(".")
        inner = AwsSdk(sdk_service, action)
        resource_type = f"aws-sdk:{sdk_service}"
        name = action + (f".{pattern}" if pattern else "")
        return (WaitForTaskToken(inner) if pattern == "waitForTaskToken" else inner), resource_type, name
    action, _, pattern = rest.partition(".")
    integration: Any
    if service == "lambda" and action == "invoke":
        integration = LambdaInvoke(action)
    elif service == "sqs" and action == "sendMessage":
        integration = SqsSendMessage()
    elif service == "sns" and action == "publish":
        integration = SnsPublish()
    elif service == "dynamodb" and action in ("getItem", "putItem", "updateItem", "deleteItem"):
        integration = DynamoDB(action)
    elif service == "states" and action == "startExecution":
        integration = StartExecution(pattern)
        return integration, "states", rest
    else:
        return Unsupported(resource), service, rest
    if pattern == "waitForTaskToken":
        integration = WaitForTaskToken(integration)
    return integration, service, rest
