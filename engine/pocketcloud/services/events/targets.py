"""Targets: PutTargets, RemoveTargets and ListTargetsByRule.

"Targets are the resources that are invoked when a rule is triggered"; PutTargets "adds the specified targets to
the specified rule, or updates the targets if they are already associated with the rule", up to five per rule
(the quota). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html
pocketcloud delivers to Lambda functions, SQS queues, SNS topics, Step Functions state machines and event buses of
the account; a target of another service is refused with a message that says so (AWS would accept it and
deliver to that service). The whole request is checked before anything is stored.

What AWS refuses, in its words (LocalStack's AWS-validated snapshots and moto): "Only one of Input, InputPath, or
InputTransformer must be provided for target <id>.", "InputTemplate for target <id> contains invalid placeholder
<name>." (see :mod:`.transform`), "Parameter(s) SqsParameters must be specified for target: <id>." (a FIFO
queue), "Parameter <arn> is not valid. Reason: Provided Arn is not in correct format." and LimitExceededException
"The requested resource exceeds the maximum number allowed." past five targets. A Step Functions target needs a
``RoleArn`` ("Parameter(s) RoleArn must be specified for target: <id>.", pocketcloud's wording in the form of the
SqsParameters answer). An ``Input`` must be JSON ("Valid JSON text passed to the target"; the refusal's wording is
pocketcloud's). A dead-letter queue must be an SQS queue ARN. RemoveTargets reports an unknown ID in
``FailedEntries`` (LocalStack's wording, "Rule '<rule>' does not have a target with the Id '<id>'.").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import jsondoc, limits
from ...errors import ServiceError
from . import paging
from .arns import arn_parts, validation
from .models import Target
from .transform import compile_transformer

if TYPE_CHECKING:
    from .service import EventsService

SUPPORTED = ("lambda", "sqs", "sns", "states", "events")
_NAMES = "Lambda functions, SQS queues, SNS topics, Step Functions state machines and event buses"


def _bad_arn(arn: str) -> ServiceError:
    return validation(f"Parameter {arn} is not valid. Reason: Provided Arn is not in correct format.")


def _checked(spec: dict[str, Any]) -> Target:
    target_id, arn = spec["Id"], spec["Arn"]
    parts = arn_parts(arn)
    if parts is None:
        raise _bad_arn(arn)
    kind, _, _, resource = parts
    if kind not in SUPPORTED or (kind == "events" and not resource.startswith("event-bus/")):
        raise validation(
            f"pocketcloud does not simulate EventBridge targets of this kind ({arn}); it delivers to {_NAMES}."
        )
    inputs = [key for key in ("Input", "InputPath", "InputTransformer") if spec.get(key) is not None]
    if len(inputs) > 1:
        raise validation(f"Only one of Input, InputPath, or InputTransformer must be provided for target {target_id}.")
    if "Input" in spec:
        try:
            jsondoc.loads(spec["Input"])
        except jsondoc.JSONDocumentError:
            raise validation(f"Input for target {target_id} is not valid JSON.") from None
    if kind == "sqs" and arn.endswith(".fifo") and not (spec.get("SqsParameters") or {}).get("MessageGroupId"):
        raise validation(f"Parameter(s) SqsParameters must be specified for target: {target_id}.")
    if kind == "states" and not spec.get("RoleArn"):
        raise validation(f"Parameter(s) RoleArn must be specified for target: {target_id}.")
    dlq = (spec.get("DeadLetterConfig") or {}).get("Arn")
    if dlq is not None:
        dlq_parts = arn_parts(dlq)
        if dlq_parts is None or dlq_parts[0] != "sqs" or ":" in dlq_parts[3]:
            raise _bad_arn(dlq)
    transformer = compile_transformer(target_id, spec["InputTransformer"]) if "InputTransformer" in spec else None
    return Target(dict(spec), transformer)


def put_targets(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    rule = service.rule(params["Rule"], params.get("EventBusName"))
    checked = {}
    for spec in params["Targets"]:
        target = _checked(spec)
        checked[target.id] = target
    ids = set(rule.targets) | set(checked)
    if len(ids) > limits.EVENTS_MAX_TARGETS_PER_RULE:
        raise ServiceError("LimitExceededException", "The requested resource exceeds the maximum number allowed.")
    rule.targets.update(checked)
    return {"FailedEntryCount": 0, "FailedEntries": []}


def remove_targets(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    rule = service.rule(params["Rule"], params.get("EventBusName"))
    failed = []
    for target_id in params["Ids"]:
        if rule.targets.pop(target_id, None) is None:
            failed.append(
                {
                    "TargetId": target_id,
                    "ErrorCode": "ResourceNotFoundException",
                    "ErrorMessage": f"Rule '{rule.name}' does not have a target with the Id '{target_id}'.",
                }
            )
    return {"FailedEntryCount": len(failed), "FailedEntries": failed}


def list_targets_by_rule(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    rule = service.rule(params["Rule"], params.get("EventBusName"))
    chosen, token = paging.page(list(rule.targets.values()), params, f"targets:{rule.arn}")
    result: dict[str, Any] = {"Targets": [dict(t.spec) for t in chosen]}
    if token is not None:
        result["NextToken"] = token
    return result
