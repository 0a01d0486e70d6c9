"""ValidateStateMachineDefinition and CreateStateMachine go through the one validator, with the request's ``type``.

The validator itself is tested case by case in test_stepfunctions_validation.py; these tests check that the API
operations hand it what the request says: the definition *text* (so a JSON syntax error is worded by the parser
Step Functions uses, Jackson) and the state machine type (an Express workflow refuses ``.waitForTaskToken``,
``.sync`` and activities: "Express Workflows only support Request Response integrations",
https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html).
https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

from .sfn_support import ROLE

CALLBACK = {
    "StartAt": "Ask",
    "States": {
        "Ask": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
            "End": True,
        }
    },
}
EXPRESS_REFUSAL = "Express state machine does not support '.waitForTaskToken' service integration "


@pytest.fixture
def sfn() -> Any:
    return pocketcloud.Cloud(seed=0).client("stepfunctions")


def test_validate_uses_the_requested_type(sfn: Any) -> None:
    """The same callback definition is OK for STANDARD (the default) and FAIL for EXPRESS, at the Resource."""
    text = json.dumps(CALLBACK)
    assert sfn.validate_state_machine_definition(definition=text)["result"] == "OK"
    answer = sfn.validate_state_machine_definition(definition=text, type="EXPRESS")
    assert answer["result"] == "FAIL"
    assert answer["diagnostics"] == [
        {
            "severity": "ERROR",
            "code": "SCHEMA_VALIDATION_FAILED",
            "message": EXPRESS_REFUSAL,
            "location": "/States/Ask/Resource",
        }
    ]


def test_create_refuses_for_an_express_machine_what_validate_refuses(sfn: Any) -> None:
    """CreateStateMachine runs the same check with the machine's type: InvalidDefinition, nothing created."""
    with pytest.raises(sfn.exceptions.InvalidDefinition) as caught:
        sfn.create_state_machine(name="fast", definition=json.dumps(CALLBACK), roleArn=ROLE, type="EXPRESS")
    assert caught.value.response["Error"]["Message"] == (
        f"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: {EXPRESS_REFUSAL} at /States/Ask/Resource'"
    )
    assert sfn.list_state_machines()["stateMachines"] == []
    assert sfn.create_state_machine(name="slow", definition=json.dumps(CALLBACK), roleArn=ROLE)["stateMachineArn"]


def test_a_json_syntax_error_is_worded_by_the_parser_step_functions_uses(sfn: Any) -> None:
    """Jackson's words and location ([Source: (String)"..."; line: 1, column: N]), as recorded from AWS for
    ``"not a definition"`` in LocalStack's tests/aws/services/stepfunctions/v2/test_sfn_api_validation.snapshot.json;
    CreateStateMachine puts the same text in its InvalidDefinition message."""
    text = '{"StartAt": "A", "States": {'
    answer = sfn.validate_state_machine_definition(definition=text)
    assert answer["result"] == "FAIL"
    (diagnostic,) = answer["diagnostics"]
    assert diagnostic["code"] == "INVALID_JSON_DESCRIPTION"
    assert diagnostic["message"].startswith("Unexpected end-of-input: expected close marker for Object")
    assert diagnostic["location"] == '[Source: (String)"{"StartAt": "A", "States": {"; line: 1, column: 29]'
    with pytest.raises(sfn.exceptions.InvalidDefinition) as caught:
        sfn.create_state_machine(name="broken", definition=text, roleArn=ROLE)
    assert caught.value.response["Error"]["Message"] == (
        f"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {diagnostic['message']}'"
    )


def test_severity_and_max_results_shape_the_answer(sfn: Any) -> None:
    """``severity`` WARNING adds warnings (NO_DOLLAR: "No .$ on a field that appears to be a JSONPath or Intrinsic
    Function") without failing the definition; ``maxResults`` caps the list and sets ``truncated``."""
    warned = {
        "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Parameters": {"a": "$.x", "b": "$.y"}, "End": True}},
    }
    text = json.dumps(warned)
    errors_only = sfn.validate_state_machine_definition(definition=text)
    assert (errors_only["result"], errors_only["diagnostics"], errors_only["truncated"]) == ("OK", [], False)
    both = sfn.validate_state_machine_definition(definition=text, severity="WARNING")
    assert both["result"] == "OK" and [d["code"] for d in both["diagnostics"]] == ["NO_DOLLAR", "NO_DOLLAR"]
    one = sfn.validate_state_machine_definition(definition=text, severity="WARNING", maxResults=1)
    assert len(one["diagnostics"]) == 1 and one["truncated"] is True
