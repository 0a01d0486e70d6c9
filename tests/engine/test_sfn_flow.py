"""Control flow details: Map concurrency on the clock, Distributed Map runs and tolerated failures, Catch with
Assign, ResultSelector, retries that give up, redrive, the history limit and Express at-least-once.

Sources are named per test (developer guide pages under https://docs.aws.amazon.com/step-functions/latest/dg/).
"""

from __future__ import annotations

import json
from typing import Any

import pocketcloud
from pocketcloud.services.stepfunctions.service import StepFunctionsService

from .sfn_support import machine, run


def waits(seconds: int) -> dict[str, Any]:
    return {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": seconds, "End": True}}}


def test_map_max_concurrency_bounds_iterations_in_flight() -> None:
    """MaxConcurrency 2 with four 10-second iterations: they run two at a time, so the Map takes 20 seconds;
    with 0 (no limit) all four run at once. dg/state-map-inline.html"""
    for limit, expected in ((2, 20), (0, 10)):
        cloud = pocketcloud.Cloud(seed=0)
        definition = {
            "StartAt": "M",
            "States": {"M": {"Type": "Map", "MaxConcurrency": limit, "ItemProcessor": waits(10), "End": True}},
        }
        outcome = run(cloud, definition, [1, 2, 3, 4])
        assert outcome.output == [1, 2, 3, 4]
        duration = (outcome.events[-1]["timestamp"] - outcome.events[0]["timestamp"]).total_seconds()
        assert duration == expected


def test_distributed_map_children_and_tolerated_failures() -> None:
    """Distributed mode runs each item as a child execution of a Map Run (MapRunStarted/MapRunSucceeded in the
    parent); ToleratedFailureCount lets the Map succeed with that many failed children; one more fails it with
    States.ExceedToleratedFailureThreshold. dg/state-map-distributed.html, dg/maprun-fail-threshold.html"""
    cloud = pocketcloud.Cloud(seed=0)
    processor = {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "F"}], "Default": "P"},
            "F": {"Type": "Fail", "Error": "Two"},
            "P": {"Type": "Pass", "End": True},
        },
    }
    definition = {
        "StartAt": "M",
        "States": {"M": {"Type": "Map", "ItemProcessor": processor, "ToleratedFailureCount": 1, "End": True}},
    }
    outcome = run(cloud, definition, [1, 2, 3])
    assert outcome.status == "SUCCEEDED"
    assert outcome.output == [1, None, 3]
    assert outcome.types == [
        "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
        "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
    ]  # fmt: skip
    sfn: Any = cloud.client("stepfunctions")
    run_arn = outcome.events[3]["mapRunStartedEventDetails"]["mapRunArn"]
    children = sfn.list_executions(mapRunArn=run_arn)["executions"]
    assert sorted(c["status"] for c in children) == ["FAILED", "SUCCEEDED", "SUCCEEDED"]
    described = sfn.describe_map_run(mapRunArn=run_arn)
    assert described["status"] == "SUCCEEDED" and described["itemCounts"]["failed"] == 1

    strict = {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": processor, "End": True}}}
    failed = run(cloud, strict, [1, 2, 3], name="strict")
    assert failed.error == "States.ExceedToleratedFailureThreshold"
    assert "MapRunFailed" in failed.types


def test_item_batcher_groups_items() -> None:
    """ItemBatcher: each child gets {"Items": [...], "BatchInput": ...}. dg/input-output-itembatcher.html"""
    cloud = pocketcloud.Cloud(seed=0)
    processor = {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},  # required with DISTRIBUTED
        "StartAt": "P",
        "States": {"P": {"Type": "Pass", "End": True}},
    }
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemProcessor": processor,
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"k": 1}},
                "End": True,
            }
        },
    }
    outcome = run(cloud, definition, [1, 2, 3])
    assert outcome.output == [{"Items": [1, 2], "BatchInput": {"k": 1}}, {"Items": [3], "BatchInput": {"k": 1}}]


def test_catch_assign_and_result_selector() -> None:
    """A Catcher's Assign stores variables from the error output; ResultSelector reshapes a result before
    ResultPath. dg/workflow-variables.html, dg/input-output-inputpath-params.html"""
    cloud = pocketcloud.Cloud(seed=0)
    definition = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "c"}}}],
                "Catch": [{"ErrorEquals": ["Oops"], "Assign": {"why.$": "$.Cause"}, "ResultPath": None, "Next": "Q"}],
                "End": True,
            },
            "Q": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "R", "States": {"R": {"Type": "Pass", "Result": {"n": 1}, "End": True}}}],
                "ResultSelector": {"first.$": "$[0].n", "why.$": "$why"},
                "ResultPath": "$.sel",
                "End": True,
            },
        },
    }
    outcome = run(cloud, definition, {"in": True})
    assert outcome.output == {"in": True, "sel": {"first": 1, "why": "c"}}
    exited = next(e for e in outcome.events if e["type"] == "ParallelStateExited")
    assert exited["stateExitedEventDetails"]["assignedVariables"] == {"why": '"c"'}


def test_retry_max_attempts_zero_and_uncaught_task_failed() -> None:
    """MaxAttempts 0 means the error is never retried; the error then fails the execution.
    dg/concepts-error-handling.html"""
    cloud = pocketcloud.Cloud(seed=0)
    definition = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}],
                "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 0}],
                "End": True,
            }
        },
    }
    outcome = run(cloud, definition)
    assert outcome.types.count("ParallelStateStarted") == 1 and outcome.error == "E"


def test_redrive_reruns_a_failed_execution() -> None:
    """RedriveExecution restarts a failed Standard execution: ExecutionRedriven, redriveCount 1.
    dg/redrive-executions.html"""
    cloud = pocketcloud.Cloud(seed=0)
    sfn: Any = cloud.client("stepfunctions")
    arn = machine(sfn, {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    cloud.run()
    assert sfn.describe_execution(executionArn=execution)["redriveStatus"] == "REDRIVABLE"
    sfn.redrive_execution(executionArn=execution)
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    assert described["redriveCount"] == 1 and described["status"] == "FAILED"
    types = [e["type"] for e in sfn.get_execution_history(executionArn=execution)["events"]]
    assert types == [
        "ExecutionStarted",
        "FailStateEntered",
        "ExecutionFailed",
        "ExecutionRedriven",
        "FailStateEntered",
        "ExecutionFailed",
    ]


def test_history_limit_fails_the_execution() -> None:
    """ "Execution history: 25,000 events": a loop that would write more fails the execution.
    dg/service-quotas.html"""
    cloud = pocketcloud.Cloud(seed=0)
    # A definition needs a reachable terminal state (MISSING_END_STATE otherwise); the Choice never takes it.
    loop = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "C"},
            "C": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.stop", "IsPresent": True, "Next": "Done"}],
                "Default": "A",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    outcome = run(cloud, loop)
    assert outcome.status == "FAILED" and outcome.error == "States.Runtime"
    assert len(outcome.events) <= 25_001


def test_context_object_in_iterations_and_tokens(cloud: pocketcloud.Cloud) -> None:
    """$$.Map.Item.Index/Value in an iteration and $$.Execution.Id everywhere. dg/input-output-contextobject.html"""
    definition = {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemProcessor": {
                    "StartAt": "P",
                    "States": {
                        "P": {"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "v.$": "$"}, "End": True}
                    },
                },
                "End": True,
            }
        },
    }
    outcome = run(cloud, definition, ["a"])
    assert outcome.output == [{"id": outcome.arn, "v": "a"}]


def test_express_at_least_once_model() -> None:
    """Express workflows are "at-least-once": with pocketcloud's duplicate probability at 1, each Express start
    runs its work twice (a Lambda task is invoked twice); the default is 0. dg/concepts-standard-vs-express.html"""
    from .conftest import make_function

    cloud = pocketcloud.Cloud(seed=0)
    lam: Any = cloud.client("lambda")
    make_function(lam, "count")
    sfn: Any = cloud.client("stepfunctions")
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "count"},
                "End": True,
            }
        },
    }
    arn = sfn.create_state_machine(
        name="x", definition=json.dumps(definition), roleArn="arn:aws:iam::123456789012:role/r", type="EXPRESS"
    )["stateMachineArn"]
    cloud.backend("stepfunctions", StepFunctionsService).express_duplicate_probability = 1.0
    sfn.start_execution(stateMachineArn=arn)
    cloud.run()
    logs: Any = cloud.client("logs")
    streams = logs.describe_log_streams(logGroupName="/aws/lambda/count")["logStreams"]
    events = [
        e
        for s in streams
        for e in logs.get_log_events(logGroupName="/aws/lambda/count", logStreamName=s["logStreamName"])["events"]
    ]
    assert sum(1 for e in events if e["message"].startswith("START")) == 2
