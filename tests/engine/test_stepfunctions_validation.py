"""The Step Functions static validator against what AWS answers for the same definitions.

Every case names where its expected answer comes from. "LS snapshot" is LocalStack's AWS-recorded
tests/aws/services/stepfunctions/v2/test_sfn_api_validation.snapshot.json; "floci" is a measurement of
ValidateStateMachineDefinition against AWS published in https://github.com/floci-io/floci/issues/2735, #2968 and
pull request #2786; "preflight" a cdk_preflight rule set measured against the API (2026-09-05); "LS#11978" the AWS
CreateStateMachine answer quoted in https://github.com/localstack/localstack/issues/11978; "guide" the state's page
of the AWS Step Functions developer guide; "spec" https://states-language.net/spec.html; "model" a pocketcloud
model (documented next to the check) where AWS's exact answer could not be confirmed.
"""

from __future__ import annotations

import json
from typing import Any

import botocore.session
import pytest

from pocketcloud.services.stepfunctions.validation import (
    Diagnostic,
    invalid_definition_message,
    validate,
    validation_response,
)

S = "SCHEMA_VALIDATION_FAILED"
T = "MISSING_TRANSITION_TARGET"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work"


def machine(*states: tuple[str, dict[str, Any]], start: str | None = None, **top: Any) -> dict[str, Any]:
    """A definition whose StartAt is the first state unless given."""
    return {"StartAt": start or states[0][0], "States": dict(states), **top}


def one(state: dict[str, Any], **top: Any) -> dict[str, Any]:
    return machine(("X", state), **top)


def jsonata(state: dict[str, Any]) -> dict[str, Any]:
    return one(state, QueryLanguage="JSONata")


def other(language: str, field: str) -> str:
    """floci #2968: a field of the other query language, refused at the state."""
    twin = "JSONPath" if language == "JSONata" else "JSONata"
    return (
        f"The QueryLanguage is set to '{language}', but field '{field}' is only supported for the '{twin}' "
        "QueryLanguage"
    )


def not_recognized(arn: str) -> str:
    """A CreateStateMachine answer quoted in a CDK project: an ARN Step Functions does not know."""
    return (
        f"The resource provided {arn} is not recognized. The value is not a valid resource ARN, or the resource is "
        "not available in this region."
    )


TYPES = "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]"
WAIT_FIELDS = "[SecondsPath, Seconds, TimestampPath, Timestamp]"
READERS = "[arn:<partition>:states:::s3:getObject, arn:<partition>:states:::s3:listObjectsV2]"


PASS_END = {"Type": "Pass", "End": True}
TASK = {"Type": "Task", "Resource": LAMBDA}


def found(definition: Any, **options: Any) -> list[tuple[str, str, str | None]]:
    return [(d.code, d.message, d.location) for d in validate(definition, **options) if d.severity == "ERROR"]


VALID: list[Any] = [
    pytest.param(one(PASS_END), id="pass"),
    pytest.param(
        machine(
            (
                "T",
                {
                    **TASK,
                    "Retry": [
                        {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0},
                        {
                            "ErrorEquals": ["States.ALL"],
                            "BackoffRate": 1.0,
                            "JitterStrategy": "FULL",
                            "MaxDelaySeconds": 5,
                        },
                    ],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "F"}],
                    "TimeoutSeconds": 10,
                    "HeartbeatSeconds": 5,
                    "Next": "W",
                },
            ),
            ("W", {"Type": "Wait", "Seconds": 0, "Next": "C"}),
            (
                "C",
                {
                    "Type": "Choice",
                    "Choices": [
                        {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "S"},
                        {
                            "And": [
                                {"Variable": "$.s", "StringMatches": "a*"},
                                {"Not": {"Variable": "$.b", "IsNull": True}},
                            ],
                            "Next": "S",
                        },
                    ],
                    "Default": "F",
                },
            ),
            ("S", {"Type": "Succeed"}),
            ("F", {"Type": "Fail", "Error": "Oops", "Cause": "bad"}),
        ),
        id="task-wait-choice-succeed-fail",
    ),
    pytest.param(
        one(
            {
                "Type": "Pass",
                "Parameters": {
                    "id.$": "$.id",
                    "ctx.$": "$$.Execution.Id",
                    "v.$": "$counter",
                    "f.$": "States.Format('{} {}', $.a, States.ArrayGetItem($.list, 0))",
                    "n.$": "States.MathRandom(1, 10)",
                    "u.$": "States.UUID()",
                    "plain": "text",
                },
                "ResultPath": "$.out",
                "End": True,
            }
        ),
        id="payload-template-paths-and-intrinsics",
    ),
    pytest.param(
        one({"Type": "Pass", "Assign": {"counter": 1, "copy.$": "$.x"}, "End": True}), id="assign-in-jsonpath"
    ),
    pytest.param(
        one({"Type": "Pass", "InputPath": None, "ResultPath": None, "OutputPath": "$.a[0]", "End": True}),
        id="null-paths",
    ),
    pytest.param(
        one({"Type": "Pass", "InputPath": "$..books[?(@.price < 10)].title", "End": True}),
        id="jsonpath-filter-deep-scan",
    ),
    pytest.param(
        jsonata(
            {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": LAMBDA, "Payload": "{% $states.input %}"},
                "Output": "{% $states.result.Payload %}",
                "Assign": {"total": "{% $count($states.input.items) %}"},
                "TimeoutSeconds": "{% $states.input.timeout %}",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "Y"}],
                "Next": "Y",
            }
        )
        | {},
        id="jsonata-task",
    ),
    pytest.param(
        machine(
            (
                "P",
                {
                    "Type": "Parallel",
                    "Branches": [
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
                        {
                            "StartAt": "B",
                            "States": {"B": {"Type": "Wait", "Timestamp": "2030-01-01T00:00:00Z", "End": True}},
                        },
                    ],
                    "ResultSelector": {"first.$": "$[0]"},
                    "Next": "M",
                },
            ),
            (
                "M",
                {
                    "Type": "Map",
                    "ItemsPath": "$.items",
                    "ItemSelector": {"item.$": "$$.Map.Item.Value"},
                    "MaxConcurrency": 0,
                    "ItemProcessor": {
                        "ProcessorConfig": {"Mode": "INLINE"},
                        "StartAt": "I",
                        "States": {"I": {"Type": "Pass", "End": True}},
                    },
                    "End": True,
                },
            ),
        ),
        id="parallel-and-inline-map",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "Label": "Files",
                "ToleratedFailurePercentage": 5,
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                    "Parameters": {"Bucket": "b", "Key": "k.csv"},
                },
                "ItemBatcher": {"MaxItemsPerBatch": 10},
                "ResultWriter": {
                    "Resource": "arn:aws:states:::s3:putObject",
                    "Parameters": {"Bucket": "out", "Prefix": "r"},
                },
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "I",
                    "States": {"I": {"Type": "Pass", "End": True}},
                },
                "End": True,
            }
        ),
        id="distributed-map",
    ),
    pytest.param(
        one({"Type": "Map", "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}}, "End": True}),
        id="legacy-iterator",
    ),
    pytest.param(
        machine(
            (
                "M",
                {
                    "Type": "Map",
                    "ItemProcessor": {
                        "StartAt": "A",
                        "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}},
                    },
                    "End": True,
                },
            )
        ),
        id="nested-loop-needs-no-terminal",
    ),
    pytest.param(
        one({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listBuckets", "End": True}),
        id="aws-sdk-integration",
    ),
    pytest.param(
        one(
            {
                "Type": "Task",
                "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x"},
                "End": True,
            }
        ),
        id="sync-2",
    ),
    pytest.param(
        one({"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review", "End": True}),
        id="activity",
    ),
    pytest.param(one(PASS_END, Comment="c", Version="1.0", TimeoutSeconds=0), id="top-level-fields"),
    pytest.param(json.dumps(one(PASS_END)), id="definition-string"),
]


@pytest.mark.parametrize("definition", VALID)
def test_valid_definitions_have_no_errors(definition: Any) -> None:
    """Definitions built from the developer guide's examples of each state type pass, as they do on AWS."""
    assert found(definition) == []


def _jsonata_task_target(definition: dict[str, Any]) -> None:
    definition["States"]["Y"] = {"Type": "Succeed"}


_jsonata_task_target(VALID[6].values[0])


INVALID: list[Any] = [
    # --- The document itself (LS snapshot) --------------------------------------------------------------------
    pytest.param(" ", [(S, "Definition must be a valid JSON object", None)], id="empty-string"),
    pytest.param("[]", [(S, "Definition must be a valid JSON object", None)], id="not-an-object"),
    pytest.param({}, [(S, "These fields are required: [States, StartAt]", "/")], id="empty-object"),
    pytest.param({"States": {"X": PASS_END}}, [(S, "These fields are required: [StartAt]", "/")], id="no-start-at"),
    pytest.param(
        "not a definition",
        [
            (
                "INVALID_JSON_DESCRIPTION",
                "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', "
                "'true' or "
                "'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]",
                '[Source: (String)"not a definition"; line: 1, column: 4]',
            )
        ],
        id="not-json",
    ),
    # --- Transitions and reachability (LS#11978, floci) --------------------------------------------------------
    pytest.param(
        machine(("pass1", {"Type": "Pass", "Next": "pass3"}), ("pass2", PASS_END)),
        [
            (T, "Missing 'Next' target: pass3", "/States/pass1/Next"),
            (T, 'State "pass2" is not reachable.', "/States/pass2"),
        ],
        id="missing-next-target-and-unreachable",
    ),
    pytest.param(
        machine(("A", {"Type": "Pass", "Next": "B"}), ("B", {"Type": "Pass", "Next": "A"})),
        [("MISSING_END_STATE", "Workflow has no terminal state", None)],
        id="no-terminal-state",
    ),
    pytest.param(
        machine(
            ("A", {"Type": "Pass", "Next": "B"}),
            ("B", {"Type": "Pass", "Next": "A"}),
            ("Unused", {"Type": "Pass", "Next": "A"}),
        ),
        [("MISSING_END_STATE", "Workflow has no terminal state", None)],
        id="no-terminal-state-hides-unreachable",
    ),
    pytest.param(
        machine(("A", {"Type": "Pass", "Next": "NOPE"})),
        [
            (T, "Missing 'Next' target: NOPE", "/States/A/Next"),
            ("MISSING_END_STATE", "Workflow has no terminal state", None),
        ],
        id="dangling-next-and-no-terminal",
    ),
    pytest.param(
        machine(("A", {"Type": "Pass", "Next": "B"}), ("B", {"Type": "Pass", "Next": "A"}), ("C", PASS_END)),
        [(T, 'State "C" is not reachable.', "/States/C")],
        id="unreachable-terminal",
    ),
    pytest.param(
        machine(("A", PASS_END), start="Nope"),
        [(T, "Missing 'Next' target: Nope", "/StartAt"), (T, 'State "A" is not reachable.', "/States/A")],
        id="dangling-start-at",
    ),
    pytest.param(
        machine(
            (
                "C",
                {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Ghost"}],
                    "Default": "Z",
                },
            ),
            ("Z", PASS_END),
        ),
        [(T, "Missing 'Next' target: Ghost", "/States/C/Choices[0]/Next")],
        id="dangling-choice-next",
    ),
    pytest.param(
        machine(
            (
                "A",
                {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Z"}],
                    "Default": "Ghost",
                },
            ),
            ("Z", PASS_END),
        ),
        [(T, "Missing 'Next' target: Ghost", "/States/A/Default")],
        id="dangling-default",
    ),
    pytest.param(
        one({**TASK, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Ghost"}], "End": True}),
        [(T, "Missing 'Next' target: Ghost", "/States/X/Catch[0]/Next")],
        id="dangling-catch-next",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": {"StartAt": "W", "States": {"W": PASS_END, "Ghost": PASS_END}},
                "End": True,
            }
        ),
        [(T, 'State "Ghost" is not reachable.', "/States/X/ItemProcessor/States/Ghost")],
        id="unreachable-in-item-processor",
    ),
    pytest.param(
        one(
            {
                "Type": "Parallel",
                "Branches": [{"StartAt": "W", "States": {"W": PASS_END, "Ghost": PASS_END}}],
                "End": True,
            }
        ),
        [(T, 'State "Ghost" is not reachable.', "/States/X/Branches[0]/States/Ghost")],
        id="unreachable-in-branch",
    ),
    pytest.param(
        one({"Type": "Map", "ItemProcessor": {"StartAt": "Nope", "States": {"A": PASS_END}}, "End": True}),
        [
            (T, "Missing 'Next' target: Nope", "/States/X/ItemProcessor/StartAt"),
            (T, 'State "A" is not reachable.', "/States/X/ItemProcessor/States/A"),
        ],
        id="dangling-start-at-in-processor",
    ),
    pytest.param(
        one(
            {
                "Type": "Parallel",
                "Branches": [{"StartAt": "In", "States": {"In": {"Type": "Pass", "Next": "X"}}}],
                "End": True,
            }
        ),
        [(T, "Missing 'Next' target: X", "/States/X/Branches[0]/States/In/Next")],
        id="branch-cannot-leave-its-scope",
    ),
    pytest.param(
        '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "A": {"Type": "Succeed"}}}',
        [("DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/A")],
        id="duplicate-state-name-in-json",
    ),
    pytest.param(
        one({"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": PASS_END}}], "End": True}),
        [("DUPLICATE_STATE_NAME", "Duplicate State name: X", "/States/X/Branches[0]/States/X")],
        id="duplicate-state-name-across-scopes",
    ),
    pytest.param(
        machine(("N" * 81, PASS_END)),
        [("INVALID_STATE_NAME", f"State names must be 1 to 80 characters long: '{'N' * 81}'", "/States/" + "N" * 81)],
        id="state-name-too-long",
    ),
    # --- Types and fields per state type (floci, preflight, test_state_mock_validation) -------------------------
    pytest.param(
        one({"Type": "Bogus", "End": True}),
        [
            (
                S,
                TYPES,
                "/States/X/Type",
            )
        ],
        id="unknown-type",
    ),
    pytest.param(one({"End": True}), [(S, "These fields are required: [Type]", "/States/X")], id="missing-type"),
    pytest.param(
        one({"Type": "Pass"}),
        [
            (S, "This object should have only one of the following fields: [Next, End]", "/States/X"),
            ("MISSING_END_STATE", "Workflow has no terminal state", None),
        ],
        id="neither-next-nor-end",
    ),
    pytest.param(
        machine(("X", {"Type": "Pass", "Next": "Y", "End": True}), ("Y", PASS_END)),
        [(S, "There should only be one of the following fields: [Next, End]", "/States/X")],
        id="both-next-and-end",
    ),
    pytest.param(
        one(
            {
                "Type": "Pass",
                "End": True,
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "TimeoutSeconds": 5,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "X"}],
            }
        ),
        [
            (S, "Field 'Retry' is not supported", "/States/X"),
            (S, "Field 'TimeoutSeconds' is not supported", "/States/X"),
            (S, "Field 'Catch' is not supported", "/States/X"),
        ],
        id="fields-pass-does-not-have",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "TimeoutSeconds": 5,
                "ItemProcessor": {"StartAt": "W", "States": {"W": PASS_END}},
                "End": True,
            }
        ),
        [(S, "Field 'TimeoutSeconds' is not supported", "/States/X")],
        id="timeout-on-map",
    ),
    pytest.param(
        one({"Type": "Succeed", "Next": "X"}), [(S, "Field 'Next' is not supported", "/States/X")], id="next-on-succeed"
    ),
    pytest.param(
        one({"Type": "Pass", "Resourse": "x", "End": True}),
        [(S, "Field 'Resourse' is not supported", "/States/X")],
        id="unknown-field",
    ),
    pytest.param(
        one(PASS_END, Coment="typo"), [(S, "Field 'Coment' is not supported", "/")], id="unknown-top-level-field"
    ),
    pytest.param(
        one(PASS_END, Version="2.0"), [(S, "Value should be one of the following: [1.0]", "/Version")], id="bad-version"
    ),
    pytest.param(
        one(PASS_END, TimeoutSeconds="5"),
        [(S, "Expected value of type [INTEGER]", "/TimeoutSeconds")],
        id="top-level-timeout-type",
    ),
    # --- Query languages (LS snapshot, floci) -----------------------------------------------------------------
    pytest.param(
        one({"Type": "Pass", "QueryLanguage": "JSONPath", "End": True}, QueryLanguage="JSONata"),
        [(S, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/X")],
        id="downgrade-to-jsonpath",
    ),
    pytest.param(
        jsonata({"Type": "Pass", "InputPath": "$.a", "OutputPath": "$.b", "ResultPath": "$.c", "End": True}),
        [
            (
                S,
                other("JSONata", f),
                "/States/X",
            )
            for f in ("InputPath", "OutputPath", "ResultPath")
        ],
        id="jsonpath-fields-in-jsonata",
    ),
    pytest.param(
        one({**TASK, "Arguments": {"payload": "literal"}, "End": True}),
        [
            (
                S,
                other("JSONPath", "Arguments"),
                "/States/X",
            )
        ],
        id="arguments-in-jsonpath",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "QueryLanguage": "JSONata",
                "ItemProcessor": {
                    "StartAt": "P",
                    "States": {"P": {"Type": "Pass", "Output": {"v": "{% 1 %}"}, "End": True}},
                },
                "End": True,
            }
        ),
        [
            (
                S,
                other("JSONPath", "Output"),
                "/States/X/ItemProcessor/States/P",
            )
        ],
        id="processor-inherits-machine-language",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ItemProcessor": {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": PASS_END}},
                "End": True,
            }
        ),
        [(S, "Field 'QueryLanguage' is not supported", "/States/X/ItemProcessor")],
        id="query-language-on-processor",
    ),
    pytest.param(
        one({"Type": "Pass", "QueryLanguage": "jsonata", "Output": {"v": "{% 1 %}"}, "InputPath": "$.a", "End": True}),
        [
            (
                S,
                other("JSONata", "InputPath"),
                "/States/X",
            ),
            (S, "Value should be one of the following: [JSONPath, JSONata]", "/States/X/QueryLanguage"),
        ],
        id="misspelt-query-language-resolves-to-jsonata",
    ),
    pytest.param(
        one(PASS_END, QueryLanguage=5),
        [(S, "Expected value of type [STRING]", "/QueryLanguage")],
        id="query-language-type",
    ),
    # --- JSONata expressions (floci #2786) --------------------------------------------------------------------
    pytest.param(
        jsonata({"Type": "Pass", "Output": "{% a[1,2) %}", "End": True}),
        [("INVALID_JSONATA_EXPRESSION", 'Expected "]", got ","', "/States/X/Output")],
        id="jsonata-syntax",
    ),
    pytest.param(
        jsonata({"Type": "Pass", "Output": "{% 1 + %}", "End": True}),
        [("INVALID_JSONATA_EXPRESSION", "Unexpected end of expression", "/States/X/Output")],
        id="jsonata-end",
    ),
    pytest.param(
        jsonata({"Type": "Pass", "Output": {"v": ["{% $$ %}"]}, "End": True}),
        [("UNSUPPORTED_JSONATA_EXPRESSION", "Reference to '$$' is not supported.", "/States/X/Output/v[0]")],
        id="jsonata-double-dollar",
    ),
    pytest.param(
        jsonata({"Type": "Pass", "Output": "{% phone %}", "End": True}),
        [
            (
                "UNSUPPORTED_JSONATA_EXPRESSION",
                "Reference to 'phone' at the top level is not supported.",
                "/States/X/Output",
            )
        ],
        id="jsonata-top-level-name",
    ),
    pytest.param(
        jsonata({"Type": "Pass", "Output": "{% $states.errorOutput %}", "End": True}),
        [("UNSUPPORTED_JSONATA_EXPRESSION", "Field '$states.errorOutput' does not exist.", "/States/X/Output")],
        id="jsonata-error-output-outside-catch",
    ),
    # --- Paths, payload templates, intrinsics ------------------------------------------------------------------
    pytest.param(
        one({"Type": "Pass", "Parameters": {"id.$": "id"}, "End": True}),
        [
            (
                S,
                "The value for the field 'id.$' must be a valid JSONPath or a valid intrinsic function call",
                "/States/X/Parameters",
            )
        ],
        id="dollar-field-not-a-path",
    ),
    pytest.param(
        one({"Type": "Pass", "Parameters": {"x.$": "States.Nope($.a)"}, "End": True}),
        [
            (
                S,
                "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
                "/States/X/Parameters",
            )
        ],
        id="unknown-intrinsic",
    ),
    pytest.param(
        one({"Type": "Pass", "Parameters": {"x.$": "States.ArrayRange(1, 2)"}, "End": True}),
        [
            (
                S,
                "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
                "/States/X/Parameters",
            )
        ],
        id="intrinsic-argument-count",
    ),
    pytest.param(
        one({"Type": "Pass", "Parameters": {"x.$": "States.Format('{}', $.a"}, "End": True}),
        [
            (
                S,
                "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
                "/States/X/Parameters",
            )
        ],
        id="intrinsic-unclosed",
    ),
    pytest.param(
        one({"Type": "Pass", "ResultPath": "$.items[*]", "End": True}),
        [(S, "Value is not a Reference Path: wildcard (*) is not supported", "/States/X/ResultPath")],
        id="result-path-not-reference",
    ),
    pytest.param(
        one({"Type": "Pass", "ResultPath": "result", "End": True}),
        [(S, "Value is not a Reference Path: Reference path didn't start with '$'", "/States/X/ResultPath")],
        id="result-path-no-dollar",
    ),
    pytest.param(
        one({"Type": "Pass", "InputPath": "$.a[", "End": True}),
        [(S, "Value must be a valid JSONPath.", "/States/X/InputPath")],
        id="input-path-syntax",
    ),
    pytest.param(
        one({"Type": "Pass", "Assign": {"states": 1}, "End": True}),
        [("RESERVED_VARIABLE_NAME", "Cannot assign to reserved variable '$states'.", "/States/X/Assign/states")],
        id="reserved-variable",
    ),
    pytest.param(
        one({"Type": "Pass", "Assign": {"my-var": 1}, "End": True}),
        [
            (
                "INVALID_VARIABLE_NAME",
                "Invalid variable name 'my-var': the variable name contains invalid characters.",
                "/States/X/Assign/my-var",
            )
        ],
        id="invalid-variable-name",
    ),
    # --- Task -----------------------------------------------------------------------------------------------
    pytest.param(
        one({"Type": "Task", "Resource": "my-function", "End": True}),
        [(S, "Value is not a valid resource ARN", "/States/X/Resource")],
        id="resource-not-arn",
    ),
    pytest.param(
        one({"Type": "Task", "Resource": "arn:aws:states:::foo:bar", "End": True}),
        [
            (
                S,
                not_recognized("arn:aws:states:::foo:bar"),
                "/States/X/Resource",
            )
        ],
        id="resource-not-recognized",
    ),
    pytest.param(
        one(
            {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke.sync",
                "Parameters": {"FunctionName": LAMBDA},
                "End": True,
            }
        ),
        [
            (
                S,
                not_recognized("arn:aws:states:::lambda:invoke.sync"),
                "/States/X/Resource",
            )
        ],
        id="lambda-has-no-sync",
    ),
    pytest.param(
        one({"Type": "Task", "End": True}),
        [(S, "These fields are required: [Resource]", "/States/X")],
        id="task-without-resource",
    ),
    pytest.param(
        one({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}),
        [(S, "The field 'FunctionName' is required but was missing", "/States/X")],
        id="lambda-invoke-needs-function-name",
    ),
    pytest.param(
        one(
            {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": LAMBDA, "TaskToken": "t"},
                "End": True,
            }
        ),
        [(S, 'The field "TaskToken" is not supported by Step Functions', "/States/X/Parameters")],
        id="lambda-invoke-unknown-parameter",
    ),
    pytest.param(
        one({**TASK, "TimeoutSeconds": 0, "End": True}),
        [(S, "Minimum value is 1", "/States/X/TimeoutSeconds")],
        id="timeout-minimum",
    ),
    pytest.param(
        one({**TASK, "TimeoutSeconds": 100000000, "End": True}),
        [(S, "Maximum value is 99999999", "/States/X/TimeoutSeconds")],
        id="timeout-maximum",
    ),
    pytest.param(
        one({**TASK, "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": True}),
        [(S, "HeartbeatSeconds must be smaller than TimeoutSeconds", "/States/X/HeartbeatSeconds")],
        id="heartbeat-not-below-timeout",
    ),
    pytest.param(
        one({**TASK, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": True}),
        [(S, "There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]", "/States/X")],
        id="timeout-and-path",
    ),
    pytest.param(
        one({**TASK, "Credentials": {}, "End": True}),
        [(S, "The field 'RoleArn' is required but was missing", "/States/X/Credentials")],
        id="credentials-need-role",
    ),
    # --- Retry / Catch ----------------------------------------------------------------------------------------
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": ["States.ALL", "X"]}], "End": True}),
        [(S, "States.ALL must appear alone and at end of list", "/States/X/Retry[0]/ErrorEquals")],
        id="states-all-not-alone",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}], "End": True}),
        [(S, "States.ALL must appear alone and at end of list", "/States/X/Retry[0]/ErrorEquals")],
        id="states-all-not-last",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": []}], "End": True}),
        [(S, "Value cannot be empty", "/States/X/Retry[0]/ErrorEquals")],
        id="empty-error-equals",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"MaxAttempts": 1}], "End": True}),
        [(S, "These fields are required: [ErrorEquals]", "/States/X/Retry[0]")],
        id="retrier-without-error-equals",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1}], "End": True}),
        [(S, "Minimum value is 0", "/States/X/Retry[0]/MaxAttempts")],
        id="max-attempts-negative",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}], "End": True}),
        [(S, "Minimum value is 1.0", "/States/X/Retry[0]/BackoffRate")],
        id="backoff-below-one",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": ["X"], "MaxDelaySeconds": 31622401}], "End": True}),
        [(S, "Maximum value is 31622400", "/States/X/Retry[0]/MaxDelaySeconds")],
        id="max-delay-maximum",
    ),
    pytest.param(
        one({**TASK, "Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "HALF"}], "End": True}),
        [(S, "Value should be one of the following: [FULL, NONE]", "/States/X/Retry[0]/JitterStrategy")],
        id="jitter-strategy",
    ),
    pytest.param(
        one({**TASK, "Catch": [{"ErrorEquals": ["States.ALL"]}], "End": True}),
        [(S, "These fields are required: [Next]", "/States/X/Catch[0]")],
        id="catcher-without-next",
    ),
    # --- Wait, Fail, Choice -----------------------------------------------------------------------------------
    pytest.param(
        one({"Type": "Wait", "Seconds": 1, "Timestamp": "2030-01-01T00:00:00Z", "End": True}),
        [
            (
                S,
                "There should only be one of the following fields: " + WAIT_FIELDS,
                "/States/X",
            )
        ],
        id="wait-two-timings",
    ),
    pytest.param(
        one({"Type": "Wait", "End": True}),
        [
            (
                S,
                "This object should have only one of the following fields: " + WAIT_FIELDS,
                "/States/X",
            )
        ],
        id="wait-no-timing",
    ),
    pytest.param(
        one({"Type": "Wait", "Timestamp": "2030-01-01 00:00:00", "End": True}),
        [(S, "String does not match RFC3339 timestamp", "/States/X/Timestamp")],
        id="wait-bad-timestamp",
    ),
    pytest.param(
        one({"Type": "Wait", "Seconds": "10", "End": True}),
        [(S, "Expected value of type [INTEGER]", "/States/X/Seconds")],
        id="wait-seconds-type",
    ),
    pytest.param(
        one({"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}),
        [(S, "There should only be one of the following fields: [Error, ErrorPath]", "/States/X")],
        id="fail-error-and-path",
    ),
    pytest.param(
        one({"Type": "Fail", "ErrorPath": 5}),
        [(S, "Expected value of type [STRING]", "/States/X/ErrorPath")],
        id="fail-error-path-type",
    ),
    pytest.param(
        machine(("C", {"Type": "Choice", "Choices": []})),
        [
            (S, "Value cannot be empty", "/States/C/Choices"),
            ("MISSING_END_STATE", "Workflow has no terminal state", None),
        ],
        id="choice-empty",
    ),
    pytest.param(
        machine(
            ("C", {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "Z"}]}),
            ("Z", PASS_END),
        ),
        [(S, "Expected value of type [NUMBER]", "/States/C/Choices[0]/NumericEquals")],
        id="choice-operand-type",
    ),
    pytest.param(
        machine(("C", {"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "Z"}]}), ("Z", PASS_END)),
        [
            (
                S,
                "This object should have only one of the following fields: ["
                + ", ".join(
                    __import__("pocketcloud.services.stepfunctions.validation.choice", fromlist=["OPERATORS"]).OPERATORS
                )
                + "]",
                "/States/C/Choices[0]",
            )
        ],
        id="choice-without-operator",
    ),
    pytest.param(
        machine(
            (
                "C",
                {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsNull": True, "Next": "Z"}, "Next": "Z"}]},
            ),
            ("Z", PASS_END),
        ),
        [(S, "Field 'Next' is not supported", "/States/C/Choices[0]/Not")],
        id="choice-nested-next",
    ),
    pytest.param(
        machine(
            ("C", {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": True}], "Default": "Z"}),
            ("Z", PASS_END),
        ),
        [(S, "These fields are required: [Next]", "/States/C/Choices[0]")],
        id="choice-rule-without-next",
    ),
    # --- Map and Parallel -------------------------------------------------------------------------------------
    pytest.param(
        one({"Type": "Map", "End": True}),
        [(S, "This object should have only one of the following fields: [ItemProcessor, Iterator]", "/States/X")],
        id="map-without-processor",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "MaxConcurrency": -1,
                "ItemProcessor": {"StartAt": "P", "States": {"P": PASS_END}},
                "End": True,
            }
        ),
        [(S, "Minimum value is 0", "/States/X/MaxConcurrency")],
        id="max-concurrency-negative",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ToleratedFailurePercentage": 101,
                "ItemProcessor": {"StartAt": "P", "States": {"P": PASS_END}},
                "End": True,
            }
        ),
        [(S, "Maximum value is 100", "/States/X/ToleratedFailurePercentage")],
        id="tolerated-percentage",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED"},
                    "StartAt": "P",
                    "States": {"P": PASS_END},
                },
                "End": True,
            }
        ),
        [(S, "These fields are required: [ExecutionType]", "/States/X/ItemProcessor/ProcessorConfig")],
        id="distributed-needs-execution-type",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE", "ExecutionType": "STANDARD"},
                    "StartAt": "P",
                    "States": {"P": PASS_END},
                },
                "End": True,
            }
        ),
        [(S, "Field 'ExecutionType' is not supported", "/States/X/ItemProcessor/ProcessorConfig")],
        id="inline-takes-no-execution-type",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ItemProcessor": {"ProcessorConfig": {"Mode": "PARALLEL"}, "StartAt": "P", "States": {"P": PASS_END}},
                "End": True,
            }
        ),
        [
            (
                S,
                "Value should be one of the following: [INLINE, DISTRIBUTED]",
                "/States/X/ItemProcessor/ProcessorConfig/Mode",
            )
        ],
        id="processor-mode",
    ),
    pytest.param(
        one(
            {
                "Type": "Map",
                "ItemReader": {"Resource": "arn:aws:states:::s3:unknownOperation"},
                "ItemProcessor": {"StartAt": "P", "States": {"P": PASS_END}},
                "End": True,
            }
        ),
        [
            (
                S,
                "The field 'Resource' does not match any of the allowed values. Examples: " + READERS,
                "/States/X/ItemReader/Resource",
            )
        ],
        id="item-reader-resource",
    ),
    pytest.param(
        one({"Type": "Parallel", "Branches": [], "End": True}),
        [(S, "Value cannot be empty", "/States/X/Branches")],
        id="parallel-no-branches",
    ),
    pytest.param(
        one({"Type": "Parallel", "Branches": [{"StartAt": "A"}], "End": True}),
        [(S, "These fields are required: [States]", "/States/X/Branches[0]")],
        id="branch-without-states",
    ),
]


@pytest.mark.parametrize(("definition", "expected"), INVALID)
def test_invalid_definitions_get_the_diagnostics_aws_gives(definition: Any, expected: list[Any]) -> None:
    """Each case's source is the comment above its group (see the module docstring for the abbreviations)."""
    assert found(definition) == expected


def test_the_invalid_definition_message_joins_errors_as_aws_does() -> None:
    """CreateStateMachine's message for LS#11978's definition, as AWS answered it (quoted in that issue)."""
    definition = machine(("pass1", {"Type": "Pass", "Next": "pass3"}), ("pass2", PASS_END))
    assert invalid_definition_message(validate(definition)) == (
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at "
        '/States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2\''
    )


def test_a_diagnostic_without_location_is_rendered_at_null() -> None:
    """floci #2735: ``'MISSING_END_STATE: Workflow has no terminal state at null'`` inside AWS's wrapper."""
    definition = machine(("A", {"Type": "Pass", "Next": "B"}), ("B", {"Type": "Pass", "Next": "A"}))
    assert invalid_definition_message(validate(definition)) == (
        "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'"
    )
    with pytest.raises(ValueError):
        invalid_definition_message(validate(one(PASS_END)))


def test_warnings_are_diagnosed_but_never_fail_a_definition() -> None:
    """API_ValidateStateMachineDefinitionDiagnostic's warning codes: NO_DOLLAR, NO_PATH, PASS_RESULT_IS_STATIC."""
    definition = machine(
        ("P", {"Type": "Pass", "Parameters": {"id": "$.id"}, "Result": {"x.$": "$.x"}, "Next": "F"}),
        ("F", {"Type": "Fail", "Error": "$.error"}),
    )
    diagnostics = validate(definition)
    assert [(d.severity, d.code, d.location) for d in diagnostics] == [
        ("WARNING", "NO_DOLLAR", "/States/P/Parameters/id"),
        ("WARNING", "PASS_RESULT_IS_STATIC", "/States/P/Result"),
        ("WARNING", "NO_PATH", "/States/F/Error"),
    ]
    response = validation_response(diagnostics)
    assert response == {"result": "OK", "diagnostics": [], "truncated": False}
    assert len(validation_response(diagnostics, severity="WARNING")["diagnostics"]) == 3


def test_max_results_truncates_and_zero_means_one_hundred() -> None:
    """API_ValidateStateMachineDefinition: maxResults "default and maximum value is 100. Setting the value to 0 will
    also use the default of 100"; ``truncated`` is true when more diagnostics were found than returned."""
    definition = jsonata({"Type": "Pass", "InputPath": "$.a", "OutputPath": "$.b", "ResultPath": "$.c", "End": True})
    diagnostics = validate(definition)
    assert validation_response(diagnostics, max_results=1)["truncated"] is True
    assert len(validation_response(diagnostics, max_results=1)["diagnostics"]) == 1
    full = validation_response(diagnostics, max_results=0)
    assert (full["result"], len(full["diagnostics"]), full["truncated"]) == ("FAIL", 3, False)


def test_responses_fit_botocores_output_shape() -> None:
    """The response and each diagnostic carry exactly the members of botocore's model (1.44.5)."""
    model = botocore.session.get_session().get_service_model("stepfunctions")
    output = model.operation_model("ValidateStateMachineDefinition").output_shape
    member = output.members["diagnostics"].member
    response = validation_response(validate({}), severity="WARNING")
    assert set(response) <= set(output.members) and set(output.required_members) <= set(response)
    for diagnostic in response["diagnostics"]:
        assert set(diagnostic) <= set(member.members) and set(member.required_members) <= set(diagnostic)
    assert list(member.members["severity"].enum) == ["ERROR", "WARNING"]
    assert Diagnostic("ERROR", "C", "m").to_dict() == {"severity": "ERROR", "code": "C", "message": "m"}


def test_express_workflows_refuse_callbacks_sync_jobs_and_activities() -> None:
    """LS snapshot (ILLEGAL_WFTT): "Express state machine does not support '.waitForTaskToken' service integration "
    at /States/<state>/Resource; choosing-workflow-type.html lists .sync and activities as Standard-only too."""
    token = one(
        {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}},
            "End": True,
        }
    )
    assert found(token, state_machine_type="EXPRESS") == [
        (S, "Express state machine does not support '.waitForTaskToken' service integration ", "/States/X/Resource")
    ]
    assert found(token) == []
    activity = one({"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "End": True})
    assert [m for _c, m, _l in found(activity, state_machine_type="EXPRESS")] == [
        "Express state machine does not support Activity ARN"
    ]


def test_non_strict_mode_lets_unknown_fields_and_integrations_through() -> None:
    """``strict=False`` (a pocketcloud option) accepts fields and integrations newer than pocketcloud's tables, but
    still refuses a known field on the wrong state type."""
    newer = one({"Type": "Task", "Resource": "arn:aws:states:::newservice:doThing", "FutureField": 1, "End": True})
    assert len(found(newer)) == 2
    assert found(newer, strict=False) == []
    assert found(one({"Type": "Pass", "Catch": [], "End": True}), strict=False) == [
        (S, "Field 'Catch' is not supported", "/States/X")
    ]


def test_a_twenty_state_definition_validates_quickly_and_deterministically() -> None:
    """The same definition always gets the same diagnostics in the same order (a pocketcloud property)."""
    states = [(f"S{i}", {"Type": "Pass", "Next": f"S{i + 1}"}) for i in range(19)] + [
        ("S19", {"Type": "Pass", "Next": "Ghost"})
    ]
    first = validate(machine(*states))
    assert first == validate(machine(*states)) and len(first) == 2
