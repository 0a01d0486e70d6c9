"""A Task state's ``Resource``: the ARN forms Step Functions accepts, and what an Express workflow may not call.

Four forms exist: a Lambda function ARN, an activity ARN, an optimized service integration
``arn:aws:states:::service:api`` with an optional ``.sync``, ``.sync:2`` or ``.waitForTaskToken`` suffix, and an
AWS SDK integration ``arn:aws:states:::aws-sdk:service:apiAction``
(https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html,
https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html,
https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html; the integration patterns per
API: https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html). AWS's answers: a value that
is no ARN at all gets "Value is not a valid resource ARN", an ARN it does not know "The resource provided <arn> is
not recognized. The value is not a valid resource ARN, or the resource is not available in this region." (both
quoted from CreateStateMachine errors: aws/aws-sam-cli-app-templates#185 and a CDK project's notes). Express
workflows support neither ``.sync`` nor ``.waitForTaskToken`` nor activities
(https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html); the message, with its trailing
space, is AWS's (LocalStack's AWS-recorded test_sfn_api_validation.snapshot.json).

With ``strict=False`` any well-formed ``states:::`` ARN is accepted, for integrations newer than this table.
"""

from __future__ import annotations

import re
from typing import Any

from . import messages
from .context import EXPRESS, Context, StateScope

_PARTITION = r"arn:(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b)"
_LAMBDA = re.compile(_PARTITION + r":lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9_$-]{1,128})?")
_ACTIVITY = re.compile(_PARTITION + r":states:[a-z0-9-]+:\d{12}:activity:[A-Za-z0-9_.-]{1,80}")
_INTEGRATION = re.compile(
    _PARTITION
    + r":states:::(?P<service>[a-z0-9-]+):(?P<api>[A-Za-z0-9]+)(?P<pattern>\.sync(?::2)?|\.waitForTaskToken)?"
)
_SDK = re.compile(
    _PARTITION + r":states:::aws-sdk:(?P<service>[a-z0-9]+):(?P<api>[a-z][A-Za-z0-9]*)(?P<pattern>\.waitForTaskToken)?"
)

RR, SYNC, SYNC2, TOKEN = "", ".sync", ".sync:2", ".waitForTaskToken"

#: Optimized integrations whose APIs and patterns pocketcloud knows; other optimized services are accepted with any
#: API name (their tables are long and change often).
INTEGRATIONS: dict[str, dict[str, frozenset[str]]] = {
    "lambda": {"invoke": frozenset({RR, TOKEN})},
    "sns": {"publish": frozenset({RR, TOKEN})},
    "sqs": {"sendMessage": frozenset({RR, TOKEN})},
    "dynamodb": {api: frozenset({RR}) for api in ("getItem", "putItem", "updateItem", "deleteItem")},
    "events": {"putEvents": frozenset({RR, TOKEN})},
    "states": {"startExecution": frozenset({RR, SYNC, SYNC2, TOKEN})},
    "apigateway": {"invoke": frozenset({RR, TOKEN})},
    "http": {"invoke": frozenset({RR})},
    "ecs": {"runTask": frozenset({RR, SYNC, TOKEN})},
    "batch": {"submitJob": frozenset({RR, SYNC})},
    "glue": {"startJobRun": frozenset({RR, SYNC})},
    "bedrock": {"invokeModel": frozenset({RR}), "createModelCustomizationJob": frozenset({RR, SYNC})},
}
OTHER_OPTIMIZED = frozenset(
    {
        "athena",
        "codebuild",
        "eks",
        "elasticmapreduce",
        "emr-containers",
        "emr-serverless",
        "databrew",
        "mediaconvert",
        "sagemaker",
        "bedrock-agentcore",
    }
)

#: Request fields of the integrations pocketcloud simulates, from each service's API reference and the integration
#: pages (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html and its siblings). A missing one
#: is "The field 'FunctionName' is required but was missing", an unknown one "The field "X" is not supported by Step
#: Functions" (CreateStateMachine errors users quote).
PARAMETERS: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {
    ("lambda", "invoke"): (
        frozenset({"FunctionName"}),
        frozenset({"FunctionName", "Payload", "InvocationType", "ClientContext", "Qualifier", "LogType"}),
    ),
    ("sqs", "sendMessage"): (
        frozenset({"QueueUrl", "MessageBody"}),
        frozenset(
            {
                "QueueUrl",
                "MessageBody",
                "DelaySeconds",
                "MessageAttributes",
                "MessageDeduplicationId",
                "MessageGroupId",
                "MessageSystemAttributes",
            }
        ),
    ),
    ("sns", "publish"): (
        frozenset({"Message"}),
        frozenset(
            {
                "TopicArn",
                "TargetArn",
                "PhoneNumber",
                "Message",
                "MessageAttributes",
                "MessageDeduplicationId",
                "MessageGroupId",
                "MessageStructure",
                "Subject",
            }
        ),
    ),
    ("states", "startExecution"): (
        frozenset({"StateMachineArn"}),
        frozenset({"StateMachineArn", "Input", "Name", "TraceHeader"}),
    ),
}


def _not_recognized(resource: str) -> str:
    return (
        f"The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource "
        "is not available in this region."
    )


def check(ctx: Context, scope: StateScope, state: dict[str, Any]) -> None:
    """Check ``Resource`` and, for a simulated integration, the request its Parameters or Arguments build."""
    resource = state.get("Resource")
    location = scope.at("Resource")
    if not isinstance(resource, str):
        ctx.error(messages.expected_type("STRING"), location)
        return
    if not resource.startswith("arn:"):
        ctx.error("Value is not a valid resource ARN", location)
        return
    if _LAMBDA.fullmatch(resource):
        return
    if _ACTIVITY.fullmatch(resource):
        if ctx.machine_type == EXPRESS:
            ctx.error("Express state machine does not support Activity ARN", location)
        return
    sdk = _SDK.fullmatch(resource)
    integration = sdk or _INTEGRATION.fullmatch(resource)
    if integration is None:
        ctx.error(_not_recognized(resource), location)
        return
    service, api, pattern = integration["service"], integration["api"], integration["pattern"] or RR
    if sdk is None and not _known(ctx, service, api, pattern):
        ctx.error(_not_recognized(resource), location)
        return
    if ctx.machine_type == EXPRESS and pattern in (SYNC, SYNC2, TOKEN):
        ctx.error(f"Express state machine does not support '{pattern}' service integration ", location)
    if ctx.strict and sdk is None:
        _request_fields(ctx, scope, state, service, api)


def _known(ctx: Context, service: str, api: str, pattern: str) -> bool:
    if service == "aws-sdk":
        return False  # the SDK form has its own pattern above: aws-sdk:service:action
    if service in INTEGRATIONS:
        apis = INTEGRATIONS[service]
        return pattern in apis[api] if api in apis else not ctx.strict
    return service in OTHER_OPTIMIZED or not ctx.strict


def _request_fields(ctx: Context, scope: StateScope, state: dict[str, Any], service: str, api: str) -> None:
    fields = PARAMETERS.get((service, api))
    holder = "Arguments" if scope.jsonata else "Parameters"
    request = state.get(holder)
    if fields is None or (request is not None and not isinstance(request, dict)):
        return  # a JSONata expression for the whole request, or a type error reported elsewhere
    needed, allowed = fields
    given = {key[:-2] if key.endswith(".$") and not scope.jsonata else key for key in (request or {})}
    location = scope.at(holder) if request is not None else scope.path
    for name in sorted(needed - given):
        ctx.error(f"The field '{name}' is required but was missing", location)
    for name in request or {}:
        plain = name[:-2] if name.endswith(".$") and not scope.jsonata else name
        if plain not in allowed:
            ctx.error(f'The field "{plain}" is not supported by Step Functions', location)
