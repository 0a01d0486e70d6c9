"""The sentences Step Functions' schema validator uses, in one place so every check words a problem alike.

AWS words its SCHEMA_VALIDATION_FAILED messages generically and points ``location`` at the object or field
concerned. Sources, all answers of the real service:

* ``These fields are required: [States, StartAt]`` at ``/``, ``Definition must be a valid JSON object`` and
  ``'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine`` at ``/States/Pass``:
  LocalStack's AWS-recorded snapshot tests/aws/services/stepfunctions/v2/test_sfn_api_validation.snapshot.json.
* ``Field 'TimeoutSeconds' is not supported`` at the state, ``Workflow has no terminal state``, ``State "C" is
  not reachable.``, ``Missing 'Next' target: Ghost``, ``Expected value of type [STRING]``, ``Value should be one
  of the following: [JSONPath, JSONata]``, ``The QueryLanguage is set to 'JSONPath', but field 'Output' is only
  supported for the 'JSONata' QueryLanguage``: measured against AWS in https://github.com/floci-io/floci/issues/2735
  and https://github.com/floci-io/floci/issues/2968.
* ``The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]``:
  the AWS answer quoted in LocalStack's tests/aws/services/stepfunctions/v2/test_state/test_state_mock_validation.py.
* ``The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call`` and ``The field
  "X" is not supported by Step Functions``: CreateStateMachine errors users quote (Terraform and CDK projects).
* ``There should only be one of the following fields: [...]``, ``This object should have only one of the following
  fields: [...]``, ``Value cannot be empty``, ``Minimum value is N``, ``Maximum value is N``, ``String does not
  match RFC3339 timestamp``: a cdk_preflight rule set measured with ValidateStateMachineDefinition (2026-09-05).

Where no AWS wording could be found the message is pocketcloud's and the function says so.
"""

from __future__ import annotations

from collections.abc import Iterable

STATE_TYPES = ("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map")


def _listed(values: Iterable[str]) -> str:
    return "[" + ", ".join(values) + "]"


def required(fields: Iterable[str]) -> str:
    return f"These fields are required: {_listed(fields)}"


def not_supported(field: str) -> str:
    return f"Field '{field}' is not supported"


def only_one_of(fields: Iterable[str]) -> str:
    """Two or more of a set of mutually exclusive fields are present."""
    return f"There should only be one of the following fields: {_listed(fields)}"


def one_of_missing(fields: Iterable[str]) -> str:
    """None of a set of fields, one of which is required, is present."""
    return f"This object should have only one of the following fields: {_listed(fields)}"


def expected_type(kind: str) -> str:
    """``kind`` in AWS's upper-case form: STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY."""
    return f"Expected value of type [{kind}]"


def one_of_values(values: Iterable[str]) -> str:
    return f"Value should be one of the following: {_listed(values)}"


def state_type_values() -> str:
    return f"The field 'Type' should have one of these values: {_listed(STATE_TYPES)}"


def minimum(value: int | float) -> str:
    return f"Minimum value is {value}"


def maximum(value: int | float) -> str:
    return f"Maximum value is {value}"


def empty() -> str:
    return "Value cannot be empty"


def other_language(state_language: str, field: str) -> str:
    other = "JSONata" if state_language == "JSONPath" else "JSONPath"
    return (
        f"The QueryLanguage is set to '{state_language}', but field '{field}' is only supported for the "
        f"'{other}' QueryLanguage"
    )


def downgraded_query_language() -> str:
    return "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"


def invalid_dollar_field(field: str) -> str:
    return f"The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call"


def invalid_path() -> str:
    return "Value must be a valid JSONPath."


def not_reference_path(reason: str) -> str:
    return f"Value is not a Reference Path: {reason}"


def invalid_timestamp() -> str:
    return "String does not match RFC3339 timestamp"


def missing_target(name: str) -> str:
    return f"Missing 'Next' target: {name}"


def unreachable(name: str) -> str:
    return f'State "{name}" is not reachable.'


def no_terminal_state() -> str:
    return "Workflow has no terminal state"


def duplicate_state(name: str) -> str:
    """Step Functions' wording, as its local runner answers it.

    Quoted in LocalStack's tests/integration/test_stepfunctions.py.
    """
    return f"Duplicate State name: {name}"


def not_a_json_object() -> str:
    return "Definition must be a valid JSON object"
