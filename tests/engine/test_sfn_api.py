"""The Step Functions API: state machines, executions, history paging, Express, versions and aliases.

Sources: the API reference (https://docs.aws.amazon.com/step-functions/latest/apireference/) page of each
operation, named in each test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

from .sfn_support import ROLE, machine

API = "https://docs.aws.amazon.com/step-functions/latest/apireference/"
PASS = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": True}}}


@pytest.fixture
def sfn(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("stepfunctions")


def test_create_describe_list_delete(sfn: Any) -> None:
    """CreateStateMachine returns the ARN; Describe returns the definition, type and role; List pages by name.
    API_CreateStateMachine.html, API_DescribeStateMachine.html"""
    arn = machine(sfn, PASS, "b-machine")
    machine(sfn, PASS, "a-machine")
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert described["definition"] == json.dumps(PASS)
    assert described["type"] == "STANDARD" and described["status"] == "ACTIVE" and described["roleArn"] == ROLE
    page = sfn.list_state_machines(maxResults=1)
    assert [m["name"] for m in page["stateMachines"]] == ["a-machine"]
    rest = sfn.list_state_machines(nextToken=page["nextToken"])
    assert [m["name"] for m in rest["stateMachines"]] == ["b-machine"] and "nextToken" not in rest
    sfn.delete_state_machine(stateMachineArn=arn)
    with pytest.raises(sfn.exceptions.StateMachineDoesNotExist) as caught:
        sfn.describe_state_machine(stateMachineArn=arn)
    assert caught.value.response["Error"]["Message"] == f"State Machine Does Not Exist: '{arn}'"


def test_create_is_idempotent_and_refuses_a_different_definition(sfn: Any) -> None:
    """ "CreateStateMachine is an idempotent API" for the same name and definition; a different definition is
    StateMachineAlreadyExists. API_CreateStateMachine.html"""
    arn = machine(sfn, PASS, "m")
    assert machine(sfn, PASS, "m") == arn
    with pytest.raises(sfn.exceptions.StateMachineAlreadyExists):
        machine(sfn, WAIT, "m")


def test_invalid_name(sfn: Any) -> None:
    """Names may not contain whitespace, brackets, wildcards or special characters. API_CreateStateMachine.html"""
    with pytest.raises(sfn.exceptions.InvalidName) as caught:
        sfn.create_state_machine(name="bad name", definition=json.dumps(PASS), roleArn=ROLE)
    assert caught.value.response["Error"]["Message"] == "Invalid Name: 'bad name'"


def test_start_execution_is_idempotent_while_running(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """ "If you call StartExecution with the same name and input as a running execution, the call succeeds and
    return the same response"; closed or different input: ExecutionAlreadyExists. API_StartExecution.html"""
    arn = machine(sfn, WAIT)
    first = sfn.start_execution(stateMachineArn=arn, name="run1", input='{"a":1}')
    again = sfn.start_execution(stateMachineArn=arn, name="run1", input='{"a":1}')
    assert again["executionArn"] == first["executionArn"]
    with pytest.raises(sfn.exceptions.ExecutionAlreadyExists):
        sfn.start_execution(stateMachineArn=arn, name="run1", input='{"a":2}')
    cloud.run()
    with pytest.raises(sfn.exceptions.ExecutionAlreadyExists):
        sfn.start_execution(stateMachineArn=arn, name="run1", input='{"a":1}')


def test_invalid_execution_input(sfn: Any) -> None:
    """Input must be JSON text. API_StartExecution.html (InvalidExecutionInput)"""
    arn = machine(sfn, PASS)
    with pytest.raises(sfn.exceptions.InvalidExecutionInput):
        sfn.start_execution(stateMachineArn=arn, input="{not json")


def test_a_one_day_wait_moves_only_the_virtual_clock(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """Wait states delay on the clock: the execution ends one (virtual) day after it starts. dg/state-wait.html"""
    arn = machine(sfn, WAIT)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "SUCCEEDED"
    assert (described["stopDate"] - described["startDate"]).total_seconds() == 86400


def test_list_executions_newest_first_with_status_filter_and_paging(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """ListExecutions: statusFilter, maxResults and nextToken; most recent first. API_ListExecutions.html"""
    arn = machine(sfn, WAIT)
    for name in ("e1", "e2", "e3"):
        sfn.start_execution(stateMachineArn=arn, name=name)
    assert [e["name"] for e in sfn.list_executions(stateMachineArn=arn)["executions"]] == ["e3", "e2", "e1"]
    cloud.run(until=100)
    sfn.stop_execution(executionArn=sfn.list_executions(stateMachineArn=arn)["executions"][0]["executionArn"])
    cloud.run(until=200)
    aborted = sfn.list_executions(stateMachineArn=arn, statusFilter="ABORTED")["executions"]
    assert [e["name"] for e in aborted] == ["e3"]
    first = sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING", maxResults=1)
    second = sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING", nextToken=first["nextToken"])
    assert [e["name"] for e in first["executions"] + second["executions"]] == ["e2", "e1"]


def test_stop_execution_aborts_the_running_state(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """StopExecution: status ABORTED, the running state's ...StateAborted event, then ExecutionAborted with the
    given error and cause. API_StopExecution.html, API_HistoryEvent.html"""
    arn = machine(sfn, WAIT)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    cloud.run(until=10)
    sfn.stop_execution(executionArn=execution, error="Stopped", cause="by a test")
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "ABORTED" and described["error"] == "Stopped" and described["cause"] == "by a test"
    events = sfn.get_execution_history(executionArn=execution)["events"]
    assert [e["type"] for e in events] == [
        "ExecutionStarted",
        "WaitStateEntered",
        "WaitStateAborted",
        "ExecutionAborted",
    ]
    assert events[-1]["executionAbortedEventDetails"] == {"error": "Stopped", "cause": "by a test"}
    assert cloud.run() == 10  # the wait's timer was cancelled: nothing is left to run


def test_timeout_seconds_times_the_execution_out(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """ "TimeoutSeconds: the maximum number of seconds an execution of the state machine can run. If it runs
    longer than the specified time, the execution fails with a States.Timeout error". dg/statemachine-structure.html"""
    arn = machine(sfn, {**WAIT, "TimeoutSeconds": 60})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "TIMED_OUT"
    events = sfn.get_execution_history(executionArn=execution)["events"]
    assert events[-1]["type"] == "ExecutionTimedOut"
    assert (events[-1]["timestamp"] - events[0]["timestamp"]).total_seconds() == 60


def test_history_paging_reverse_order_and_execution_data(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """GetExecutionHistory: maxResults/nextToken, reverseOrder, includeExecutionData=False omits input and output.
    API_GetExecutionHistory.html"""
    arn = machine(sfn, PASS)
    execution = sfn.start_execution(stateMachineArn=arn, input='{"secret": 1}')["executionArn"]
    cloud.run()
    page = sfn.get_execution_history(executionArn=execution, maxResults=2)
    rest = sfn.get_execution_history(executionArn=execution, maxResults=2, nextToken=page["nextToken"])
    ids = [e["id"] for e in page["events"] + rest["events"]]
    assert ids == [1, 2, 3, 4]
    reverse = sfn.get_execution_history(executionArn=execution, reverseOrder=True)["events"]
    assert [e["id"] for e in reverse] == [4, 3, 2, 1]
    bare = sfn.get_execution_history(executionArn=execution, includeExecutionData=False)["events"]
    assert "input" not in bare[0]["executionStartedEventDetails"]
    assert bare[1]["stateEnteredEventDetails"] == {"name": "A", "inputDetails": {"truncated": False}}
    assert [e["previousEventId"] for e in bare] == [0, 0, 2, 3]


def test_express_sync_execution(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """StartSyncExecution runs an EXPRESS workflow and returns status, output and billingDetails; Express history
    is not kept by the service, and StartSyncExecution on a STANDARD machine is refused.
    API_StartSyncExecution.html, dg/concepts-standard-vs-express.html"""
    express = sfn.create_state_machine(name="x", definition=json.dumps(PASS), roleArn=ROLE, type="EXPRESS")
    result = sfn.start_sync_execution(stateMachineArn=express["stateMachineArn"], input='{"a": 1}')
    assert result["status"] == "SUCCEEDED" and json.loads(result["output"]) == {"a": 1}
    assert result["billingDetails"] == {"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100}
    assert ":express:" in result["executionArn"]
    with pytest.raises(sfn.exceptions.InvalidArn):
        sfn.get_execution_history(executionArn=result["executionArn"])
    standard = machine(sfn, PASS, "s")
    with pytest.raises(sfn.exceptions.StateMachineTypeNotSupported):
        sfn.start_sync_execution(stateMachineArn=standard)


def test_express_failure_in_sync_result(sfn: Any) -> None:
    """A failed Express execution reports error and cause in the StartSyncExecution response.
    API_StartSyncExecution.html"""
    failing = {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Nope", "Cause": "because"}}}
    arn = sfn.create_state_machine(name="xf", definition=json.dumps(failing), roleArn=ROLE, type="EXPRESS")
    result = sfn.start_sync_execution(stateMachineArn=arn["stateMachineArn"])
    assert (result["status"], result["error"], result["cause"]) == ("FAILED", "Nope", "because")


def test_versions_and_aliases(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """publish=True creates version 1; publishing an unchanged revision returns the same version; an alias routes
    executions to its version, recorded as stateMachineVersionArn/stateMachineAliasArn.
    dg/concepts-state-machine-version.html, dg/concepts-state-machine-alias.html"""
    created = sfn.create_state_machine(name="v", definition=json.dumps(PASS), roleArn=ROLE, publish=True)
    v1 = created["stateMachineVersionArn"]
    assert v1 == created["stateMachineArn"] + ":1"
    assert sfn.publish_state_machine_version(stateMachineArn=created["stateMachineArn"])["stateMachineVersionArn"] == v1
    updated = sfn.update_state_machine(
        stateMachineArn=created["stateMachineArn"], definition=json.dumps(WAIT), publish=True
    )
    assert updated["stateMachineVersionArn"].endswith(":2")
    assert json.loads(sfn.describe_state_machine(stateMachineArn=v1)["definition"]) == PASS
    alias = sfn.create_state_machine_alias(
        name="prod", routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 100}]
    )
    execution = sfn.start_execution(stateMachineArn=alias["stateMachineAliasArn"])["executionArn"]
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    assert described["stateMachineVersionArn"] == v1
    assert described["stateMachineAliasArn"] == alias["stateMachineAliasArn"]
    assert described["status"] == "SUCCEEDED"
    with pytest.raises(sfn.exceptions.ConflictException):
        sfn.delete_state_machine_version(stateMachineVersionArn=v1)
    versions = sfn.list_state_machine_versions(stateMachineArn=created["stateMachineArn"])["stateMachineVersions"]
    assert [v["stateMachineVersionArn"][-1] for v in versions] == ["2", "1"]


def test_describe_state_machine_for_execution(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """The definition an execution ran, even after the state machine changed.
    API_DescribeStateMachineForExecution.html"""
    arn = machine(sfn, PASS)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(WAIT))
    assert json.loads(sfn.describe_state_machine_for_execution(executionArn=execution)["definition"]) == PASS


def test_same_seed_same_history(sfn: Any) -> None:
    """Determinism: the same seed and calls give the same ARNs, tokens and histories (a pocketcloud rule)."""

    def once() -> list[Any]:
        cloud = pocketcloud.Cloud(seed=7)
        client: Any = cloud.client("stepfunctions")
        definition = {
            "StartAt": "U",
            "States": {
                "U": {
                    "Type": "Pass",
                    "Parameters": {"u.$": "States.UUID()", "r.$": "States.MathRandom(1, 1000)"},
                    "End": True,
                }
            },
        }
        arn = machine(client, definition)
        execution = client.start_execution(stateMachineArn=arn)["executionArn"]
        cloud.run()
        return [execution, client.get_execution_history(executionArn=execution)["events"]]

    assert once() == once()


def test_tags(sfn: Any) -> None:
    """TagResource / ListTagsForResource / UntagResource on a state machine. API_TagResource.html"""
    arn = machine(sfn, PASS)
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "team", "value": "a"}])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "team", "value": "a"}]
    sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == []
