"""Helpers for the Step Functions tests: create a state machine, run one execution, read back what AWS reports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pocketcloud

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


@dataclass
class Outcome:
    status: str
    output: Any
    error: str | None
    cause: str | None
    events: list[dict[str, Any]]
    arn: str

    @property
    def types(self) -> list[str]:
        return [e["type"] for e in self.events]


def machine(sfn: Any, definition: dict[str, Any], name: str = "machine", **extra: Any) -> str:
    return str(
        sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE, **extra)["stateMachineArn"]
    )


def run(cloud: pocketcloud.Cloud, definition: dict[str, Any], value: Any = None, *, name: str = "machine") -> Outcome:
    sfn: Any = cloud.client("stepfunctions")
    try:
        arn = sfn.describe_state_machine(
            stateMachineArn=f"arn:aws:states:{cloud.region}:{cloud.account_id}:stateMachine:{name}"
        )["stateMachineArn"]
        sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(definition))
    except sfn.exceptions.StateMachineDoesNotExist:
        arn = machine(sfn, definition, name)
    text = json.dumps({} if value is None else value)
    execution = sfn.start_execution(stateMachineArn=arn, input=text)["executionArn"]
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    events = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
    output = json.loads(described["output"]) if "output" in described else None
    return Outcome(described["status"], output, described.get("error"), described.get("cause"), events, execution)
