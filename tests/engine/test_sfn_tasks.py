"""Task states: Lambda (optimized and plain ARN), callbacks with task tokens, activities, timeouts, heartbeats,
retries on the virtual clock, nested executions, the aws-sdk integration and TestState.

Expected event sequences and error texts are those recorded against AWS in LocalStack's snapshot tests
(tests/aws/services/stepfunctions/v2/, named per test) and those the developer guide documents.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud.services import CLIENTS

from .conftest import make_function
from .sfn_support import machine, run

DG = "https://docs.aws.amazon.com/step-functions/latest/dg/"
ECHO = "def handler(event, context):\n    return event\n"
BOOM = "def handler(event, context):\n    raise ValueError('bad input')\n"


def task(resource: str, **fields: Any) -> dict[str, Any]:
    return {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource, "End": True, **fields}}}


@pytest.fixture
def sfn(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("stepfunctions")


def test_lambda_invoke_result_shape_and_events(cloud: pocketcloud.Cloud, lam: Any) -> None:
    """The optimized integration returns the Invoke response (ExecutedVersion, Payload, SdkHttpMetadata,
    SdkResponseMetadata, StatusCode); events TaskScheduled/Started/Succeeded with resourceType lambda, resource
    invoke. localstack:services/test_lambda_task_service.snapshot.json; dg/connect-lambda.html"""
    make_function(lam, "echo", ECHO)
    outcome = run(
        cloud, task("arn:aws:states:::lambda:invoke", Parameters={"FunctionName": "echo", "Payload.$": "$"}), {"a": 1}
    )
    assert outcome.status == "SUCCEEDED"
    assert sorted(outcome.output) == [
        "ExecutedVersion",
        "Payload",
        "SdkHttpMetadata",
        "SdkResponseMetadata",
        "StatusCode",
    ]
    assert outcome.output["Payload"] == {"a": 1} and outcome.output["StatusCode"] == 200
    assert outcome.types == [
        "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
        "ExecutionSucceeded",
    ]  # fmt: skip
    scheduled = outcome.events[2]["taskScheduledEventDetails"]
    assert (scheduled["resourceType"], scheduled["resource"], scheduled["region"]) == ("lambda", "invoke", cloud.region)
    assert json.loads(scheduled["parameters"]) == {"FunctionName": "echo", "Payload": {"a": 1}}


def test_lambda_function_error_names_the_error_type(cloud: pocketcloud.Cloud, lam: Any) -> None:
    """A function error fails the task with errorType as the error and the error payload as the cause.
    localstack:error_handling/test_task_service_lambda.snapshot.json"""
    make_function(lam, "boom", BOOM)
    outcome = run(cloud, task("arn:aws:states:::lambda:invoke", Parameters={"FunctionName": "boom"}))
    assert outcome.status == "FAILED" and outcome.error == "ValueError"
    assert json.loads(outcome.cause or "")["errorMessage"] == "bad input"
    assert outcome.types[-2:] == ["TaskFailed", "ExecutionFailed"]


def test_lambda_missing_function(cloud: pocketcloud.Cloud) -> None:
    """An unknown function is Lambda.ResourceNotFoundException with the Java SDK's cause text.
    localstack:error_handling/test_task_service_lambda.snapshot.json"""
    outcome = run(cloud, task("arn:aws:states:::lambda:invoke", Parameters={"FunctionName": "nope"}))
    assert outcome.error == "Lambda.ResourceNotFoundException"
    assert (outcome.cause or "").startswith("Function not found: arn:aws:lambda:")
    assert "(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;" in (outcome.cause or "")


def test_plain_function_arn(cloud: pocketcloud.Cloud, lam: Any) -> None:
    """A function ARN as Resource: LambdaFunctionScheduled/Started/Succeeded and the bare function output.
    localstack:error_handling/test_states_errors.snapshot.json (LambdaFunctionScheduled details)"""
    arn = make_function(lam, "echo", ECHO)["FunctionArn"]
    outcome = run(cloud, task(arn), {"x": 2})
    assert outcome.output == {"x": 2}
    assert outcome.types[2:5] == ["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"]
    assert outcome.events[2]["lambdaFunctionScheduledEventDetails"]["resource"] == arn


def test_retry_backoff_on_the_virtual_clock(cloud: pocketcloud.Cloud, lam: Any) -> None:
    """Retry: IntervalSeconds 2, BackoffRate 3, MaxAttempts 2 -> attempts at 0, 2 and 8 seconds; then Catch.
    dg/concepts-error-handling.html"""
    make_function(lam, "boom", BOOM)
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "boom"},
                "Retry": [
                    {"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 2}
                ],
                "Catch": [{"ErrorEquals": ["ValueError"], "Next": "H", "ResultPath": "$.e"}],
                "End": True,
            },
            "H": {"Type": "Pass", "OutputPath": "$.e.Error", "End": True},
        },
    }
    outcome = run(cloud, definition)
    assert outcome.output == "ValueError"
    scheduled = [e["timestamp"] for e in outcome.events if e["type"] == "TaskScheduled"]
    offsets = [(t - scheduled[0]).total_seconds() for t in scheduled]
    assert [round(o) for o in offsets] == [0, 2, 8]


def test_task_timeout(cloud: pocketcloud.Cloud, lam: Any) -> None:
    """TimeoutSeconds: "If the task runs longer than the specified seconds, this state fails with a States.Timeout
    error" -> TaskTimedOut. dg/state-task.html"""
    make_function(lam, "slow", "import time\ndef handler(e, c):\n    time.sleep(2)\n    return 1\n", Timeout=10)
    outcome = run(cloud, task("arn:aws:states:::lambda:invoke", Parameters={"FunctionName": "slow"}, TimeoutSeconds=1))
    assert outcome.error == "States.Timeout"
    assert "TaskTimedOut" in outcome.types


def test_wait_for_task_token_success_and_heartbeat_timeout(cloud: pocketcloud.Cloud, sfn: Any, lam: Any) -> None:
    """.waitForTaskToken: TaskSubmitted after the call, then the output given to SendTaskSuccess; with
    HeartbeatSeconds and no heartbeat, States.HeartbeatTimeout. dg/connect-to-resource.html#connect-wait-token"""
    make_function(lam, "echo", ECHO)
    definition = task(
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters={"FunctionName": "echo", "Payload": {"token.$": "$$.Task.Token"}},
    )
    arn = machine(sfn, definition)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    cloud.run()
    events = sfn.get_execution_history(executionArn=execution)["events"]
    assert [e["type"] for e in events][-1] == "TaskSubmitted"
    token = json.loads(events[2]["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
    sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_success(taskToken=token, output='{"done": true}')
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"done": True}
    with pytest.raises(sfn.exceptions.TaskDoesNotExist):
        sfn.send_task_success(taskToken=token, output="{}")

    beat = task(
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters={"FunctionName": "echo", "Payload": {"token.$": "$$.Task.Token"}},
        HeartbeatSeconds=30,
    )
    outcome = run(cloud, beat, name="beat")
    assert outcome.error == "States.HeartbeatTimeout" and outcome.types[-2] == "TaskTimedOut"


def test_send_task_failure(cloud: pocketcloud.Cloud, sfn: Any, lam: Any) -> None:
    """SendTaskFailure fails the waiting task with the given error and cause. API_SendTaskFailure.html"""
    make_function(lam, "echo", ECHO)
    arn = machine(
        sfn,
        task(
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            Parameters={"FunctionName": "echo", "Payload": {"t.$": "$$.Task.Token"}},
        ),
    )
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    cloud.run()
    events = sfn.get_execution_history(executionArn=execution)["events"]
    token = json.loads(events[2]["taskScheduledEventDetails"]["parameters"])["Payload"]["t"]
    sfn.send_task_failure(taskToken=token, error="Rejected", cause="no")
    cloud.run()
    described = sfn.describe_execution(executionArn=execution)
    assert (described["status"], described["error"], described["cause"]) == ("FAILED", "Rejected", "no")


def test_activity_worker(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """An activity task waits for GetActivityTask; the worker answers with SendTaskSuccess. Events:
    ActivityScheduled, ActivityStarted (workerName), ActivitySucceeded. dg/concepts-activities.html"""
    activity = sfn.create_activity(name="work")["activityArn"]
    arn = machine(sfn, task(activity))
    execution = sfn.start_execution(stateMachineArn=arn, input='{"n": 3}')["executionArn"]
    got = sfn.get_activity_task(activityArn=activity, workerName="worker-1")
    assert json.loads(got["input"]) == {"n": 3}
    sfn.send_task_success(taskToken=got["taskToken"], output='{"n": 6}')
    cloud.run()
    events = sfn.get_execution_history(executionArn=execution)["events"]
    assert [e["type"] for e in events][2:5] == ["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"]
    assert events[3]["activityStartedEventDetails"] == {"workerName": "worker-1"}
    assert json.loads(sfn.describe_execution(executionArn=execution)["output"]) == {"n": 6}


def test_get_activity_task_long_poll_ends_empty(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """GetActivityTask waits up to 60 seconds and then answers without a task. API_GetActivityTask.html"""
    activity = sfn.create_activity(name="idle")["activityArn"]
    assert "taskToken" not in sfn.get_activity_task(activityArn=activity)
    assert cloud.now == 60


def test_nested_start_execution_sync(cloud: pocketcloud.Cloud, sfn: Any) -> None:
    """states:startExecution.sync waits for the child and returns its DescribeExecution (Output as a string);
    .sync:2 parses Output as JSON. dg/connect-stepfunctions.html"""
    child = machine(sfn, {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"r": 1}, "End": True}}}, "child")
    for pattern, expected in ((".sync", '{"r":1}'), (".sync:2", {"r": 1})):
        outcome = run(
            cloud,
            task(
                f"arn:aws:states:::states:startExecution{pattern}", Parameters={"StateMachineArn": child, "Input": {}}
            ),
            name=f"parent{pattern.replace(':', '').replace('.', '-')}",
        )
        assert outcome.status == "SUCCEEDED", outcome.cause
        assert outcome.output["Output"] == expected and outcome.output["Status"] == "SUCCEEDED"
        assert "TaskSubmitted" in outcome.types


def test_aws_sdk_integration_and_error_name(cloud: pocketcloud.Cloud) -> None:
    """aws-sdk:secretsmanager:getSecretValue returns the API response; a failure is
    SecretsManager.ResourceNotFoundException with "(Service: SecretsManager, Status Code: 400, Request ID: ...)".
    dg/supported-services-awssdk.html; localstack:services/test_aws_sdk_task_service.snapshot.json"""
    cloud.client("secretsmanager").create_secret(Name="db", SecretString="hunter2")
    resource = "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue"
    ok = run(cloud, task(resource, Parameters={"SecretId": "db"}))
    assert ok.output["SecretString"] == "hunter2"
    assert ok.events[2]["taskScheduledEventDetails"]["resourceType"] == "aws-sdk:secretsmanager"
    missing = run(cloud, task(resource, Parameters={"SecretId": "nope"}), name="missing")
    assert missing.error == "SecretsManager.ResourceNotFoundException"
    assert "(Service: SecretsManager, Status Code: 400, Request ID: " in (missing.cause or "")


@pytest.mark.skipif("sqs" not in CLIENTS, reason="the SQS client is being built on another branch")
def test_sqs_send_message(cloud: pocketcloud.Cloud) -> None:
    """sqs:sendMessage serializes a JSON MessageBody and returns MessageId. dg/connect-sqs.html"""
    url = cloud.client("sqs").create_queue(QueueName="q")["QueueUrl"]
    outcome = run(
        cloud, task("arn:aws:states:::sqs:sendMessage", Parameters={"QueueUrl": url, "MessageBody": {"a": 1}})
    )
    assert "MessageId" in outcome.output


@pytest.mark.skipif("sns" not in CLIENTS, reason="the SNS client is being built on another branch")
def test_sns_publish(cloud: pocketcloud.Cloud) -> None:
    """sns:publish returns MessageId. dg/connect-sns.html"""
    topic = cloud.client("sns").create_topic(Name="t")["TopicArn"]
    outcome = run(cloud, task("arn:aws:states:::sns:publish", Parameters={"TopicArn": topic, "Message": {"a": 1}}))
    assert "MessageId" in outcome.output


@pytest.mark.skipif("dynamodb" not in CLIENTS, reason="the DynamoDB client is being built on another branch")
def test_dynamodb_put_and_get(cloud: pocketcloud.Cloud) -> None:
    """dynamodb:putItem / getItem with DynamoDB JSON. dg/connect-ddb.html"""
    ddb = cloud.client("dynamodb")
    ddb.create_table(
        TableName="orders", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
    )  # fmt: skip
    item = {"id": {"S": "1"}, "v": {"N": "2"}}
    run(cloud, task("arn:aws:states:::dynamodb:putItem", Parameters={"TableName": "orders", "Item": item}))
    got = run(
        cloud,
        task("arn:aws:states:::dynamodb:getItem", Parameters={"TableName": "orders", "Key": {"id": {"S": "1"}}}),
        name="get",
    )
    assert got.output["Item"] == item


def test_test_state_debug_inspection(sfn: Any) -> None:
    """TestState with inspectionLevel DEBUG shows the data after each processing step (JSONPath).
    API_TestState.html, dg/test-state-isolation.html"""
    definition = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.in",
        "Parameters": {"FunctionName": "f", "Payload.$": "$"},
        "ResultSelector": {"p.$": "$.Payload"},
        "ResultPath": "$.res",
        "Next": "After",
    }
    mock = {"result": json.dumps({"Payload": {"ok": 1}, "StatusCode": 200})}
    result = sfn.test_state(
        definition=json.dumps(definition), input='{"in": {"x": 1}}', inspectionLevel="DEBUG", mock=mock
    )
    assert result["status"] == "SUCCEEDED" and result["nextState"] == "After"
    assert json.loads(result["output"]) == {"in": {"x": 1}, "res": {"p": {"ok": 1}}}
    data = result["inspectionData"]
    assert json.loads(data["afterInputPath"]) == {"x": 1}
    assert json.loads(data["afterParameters"]) == {"FunctionName": "f", "Payload": {"x": 1}}
    assert json.loads(data["afterResultSelector"]) == {"p": {"ok": 1}}


def test_test_state_failure_and_choice(sfn: Any) -> None:
    """TestState reports error/cause and FAILED; for a Choice state the chosen nextState. API_TestState.html"""
    failed = sfn.test_state(definition=json.dumps({"Type": "Fail", "Error": "E", "Cause": "c"}))
    assert (failed["status"], failed["error"], failed["cause"]) == ("FAILED", "E", "c")
    choice = {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}], "Default": "Other"}
    assert sfn.test_state(definition=json.dumps(choice), input='{"n": 1}')["nextState"] == "One"


def test_data_limit_exceeded(cloud: pocketcloud.Cloud) -> None:
    """Outputs over 256 KiB fail with States.DataLimitExceeded. dg/service-quotas.html;
    localstack:error_handling/test_states_errors.snapshot.json"""
    big = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": True}}}
    outcome = run(cloud, big, {"s": "x" * 140_000})
    assert outcome.error == "States.DataLimitExceeded"
    assert (
        outcome.cause
        == "The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit."
    )


def test_test_state_retriable_and_caught(sfn: Any) -> None:
    """TestState with a mocked error: RETRIABLE while the matching retrier has attempts left
    (stateConfiguration.retrierRetryCount), then CAUGHT_ERROR with the catcher's output and next state; DEBUG adds
    errorDetails (retryIndex, retryBackoffIntervalSeconds, catchIndex). API_TestState.html"""
    definition = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "f"},
        "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 2, "IntervalSeconds": 3, "BackoffRate": 2}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler", "ResultPath": "$.err"}],
        "End": True,
    }
    mock = {"errorOutput": {"error": "Boom", "cause": "mocked"}}
    first = sfn.test_state(definition=json.dumps(definition), inspectionLevel="DEBUG", mock=mock)
    assert first["status"] == "RETRIABLE" and first["error"] == "Boom"
    assert first["inspectionData"]["errorDetails"] == {"retryIndex": 0, "retryBackoffIntervalSeconds": 3}
    second = sfn.test_state(
        definition=json.dumps(definition),
        inspectionLevel="DEBUG",
        mock=mock,
        stateConfiguration={"retrierRetryCount": 1},
    )
    assert second["inspectionData"]["errorDetails"]["retryBackoffIntervalSeconds"] == 6
    last = sfn.test_state(
        definition=json.dumps(definition), input='{"a": 1}', inspectionLevel="DEBUG", mock=mock,
        stateConfiguration={"retrierRetryCount": 2},
    )  # fmt: skip
    assert last["status"] == "CAUGHT_ERROR" and last["nextState"] == "Handler"
    assert json.loads(last["output"]) == {"a": 1, "err": {"Error": "Boom", "Cause": "mocked"}}
    assert last["inspectionData"]["errorDetails"] == {"catchIndex": 0}


def test_aws_sdk_unmodeled_error_is_the_generic_service_exception(cloud: pocketcloud.Cloud) -> None:
    """An error the service model does not declare (CreateSecret's name check) is the SDK's generic exception,
    exactly as recorded against AWS: "SecretsManager.SecretsManagerException", cause "Invalid name. Must be a valid
    name containing alphanumeric characters, or any of the following: -/_+=.@! (Service: SecretsManager, Status
    Code: 400, Request ID: ...)". localstack:error_handling/test_aws_sdk.snapshot.json (test_invalid_secret_name)"""
    definition = task(
        "arn:aws:states:::aws-sdk:secretsmanager:createSecret",
        Parameters={"Name": "Invalid Name", "SecretString": "HelloWorld"},
    )
    outcome = run(cloud, definition)
    assert outcome.error == "SecretsManager.SecretsManagerException"
    assert (outcome.cause or "").startswith(
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@! "
        "(Service: SecretsManager, Status Code: 400, Request ID: "
    )
    assert outcome.events[2]["taskScheduledEventDetails"]["resource"] == "createSecret"
