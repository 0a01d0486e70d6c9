"""CreateEventSourceMapping, Get, Update, Delete and List: shapes, states over time, and AWS's refusals.

Sources:
* API = https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
* SQSP = https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html
* KINP = https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html
* REC = AWS's answers recorded in LocalStack's snapshot tests (tests/aws/services/lambda_/event_source_mapping/
  test_api.snapshot.json, test_lambda_integration_sqs.snapshot.json, test_lambda_integration_kinesis.snapshot.json)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

import pocketcloud

from .conftest import make_function
from .kinesis_support import active_stream

REGION, ACCOUNT = "ap-northeast-2", "123456789012"


def queue_arn(cloud: pocketcloud.Cloud, name: str = "work", **attributes: str) -> str:
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn: str = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return arn


def stream_arn(cloud: pocketcloud.Cloud, name: str = "clicks") -> str:
    active_stream(cloud, name)
    return f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/{name}"


def refusal(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(pocketcloud.ClientError) as error:
        call(**params)
    body = error.value.response["Error"]
    return body["Code"], body["Message"]


def test_an_sqs_mapping_as_aws_returns_it(cloud, lam) -> None:
    """REC (test_event_source_mapping_default_batch_size): 202, BatchSize 10 by default (SQSP), FunctionResponseTypes
    [], MaximumBatchingWindowInSeconds 0, State Creating, StateTransitionReason USER_INITIATED, a UUID, and the
    EventSourceMappingArn (arn:...:event-source-mapping:<uuid>, API). The mapping is Enabled once created."""
    make_function(lam)
    arn = queue_arn(cloud)
    created = lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=arn)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert created["BatchSize"] == 10 and created["MaximumBatchingWindowInSeconds"] == 0
    assert created["FunctionArn"] == f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:hello"
    assert (created["State"], created["StateTransitionReason"]) == ("Creating", "USER_INITIATED")
    assert created["FunctionResponseTypes"] == [] and created["EventSourceArn"] == arn
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", created["UUID"])
    assert (
        created["EventSourceMappingArn"] == f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{created['UUID']}"
    )
    assert isinstance(created["LastModified"], dt.datetime)
    for stream_only in ("StartingPosition", "ParallelizationFactor", "LastProcessingResult", "DestinationConfig"):
        assert stream_only not in created
    cloud.run(until=cloud.now + 10)
    assert lam.get_event_source_mapping(UUID=created["UUID"])["State"] == "Enabled"


def test_a_kinesis_mapping_as_aws_returns_it(cloud, lam) -> None:
    """REC (test_create_kinesis_event_source_mapping): BatchSize 100 (KINP), BisectBatchOnFunctionError false,
    DestinationConfig {"OnFailure": {}}, LastProcessingResult "No records processed", MaximumRecordAgeInSeconds and
    MaximumRetryAttempts -1, ParallelizationFactor 1, StateTransitionReason "User action", TumblingWindowInSeconds 0."""
    make_function(lam)
    created = lam.create_event_source_mapping(
        FunctionName="hello", EventSourceArn=stream_arn(cloud), StartingPosition="LATEST"
    )
    expected = {
        "BatchSize": 100,
        "BisectBatchOnFunctionError": False,
        "DestinationConfig": {"OnFailure": {}},
        "LastProcessingResult": "No records processed",
        "MaximumBatchingWindowInSeconds": 0,
        "MaximumRecordAgeInSeconds": -1,
        "MaximumRetryAttempts": -1,
        "ParallelizationFactor": 1,
        "StartingPosition": "LATEST",
        "State": "Creating",
        "StateTransitionReason": "User action",
        "TumblingWindowInSeconds": 0,
        "FunctionResponseTypes": [],
    }
    assert {key: created[key] for key in expected} == expected


def test_states_over_time(cloud, lam) -> None:
    """REC (test_fifo_message_group_parallelism, test_sqs_event_source_mapping_update): created with Enabled=false
    the mapping is Disabled; enabling answers Enabling, then Enabled; an update answers Updating; disabling answers
    Disabling; deleting answers Deleting, then the mapping is gone ("The resource you requested does not
    exist."). A mapping still changing cannot be updated (ResourceInUseException)."""
    make_function(lam)
    make_function(lam, "other")
    uuid = lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=queue_arn(cloud), Enabled=False)["UUID"]
    assert lam.get_event_source_mapping(UUID=uuid)["State"] == "Disabled"
    assert lam.update_event_source_mapping(UUID=uuid, Enabled=True)["State"] == "Enabling"
    code, _ = refusal(lam.update_event_source_mapping, UUID=uuid, BatchSize=5)
    assert code == "ResourceInUseException"
    cloud.run(until=cloud.now + 10)
    assert lam.get_event_source_mapping(UUID=uuid)["State"] == "Enabled"
    updated = lam.update_event_source_mapping(UUID=uuid, FunctionName="other", BatchSize=5)
    assert updated["State"] == "Updating" and updated["FunctionArn"].endswith(":function:other")
    cloud.run(until=cloud.now + 10)
    assert lam.get_event_source_mapping(UUID=uuid)["State"] == "Enabled"
    assert lam.update_event_source_mapping(UUID=uuid, Enabled=False)["State"] == "Disabling"
    cloud.run(until=cloud.now + 10)
    assert lam.get_event_source_mapping(UUID=uuid)["State"] == "Disabled"
    assert lam.delete_event_source_mapping(UUID=uuid)["State"] == "Deleting"
    cloud.run(until=cloud.now + 10)
    code, message = refusal(lam.get_event_source_mapping, UUID=uuid)
    assert (code, message) == ("ResourceNotFoundException", "The resource you requested does not exist.")


def test_sqs_refusals(cloud, lam) -> None:
    """REC: "StartingPosition is not valid for SQS event sources."; "Maximum batch window in seconds must be
    greater than 0 if maximum batch size is greater than 10"; "Batching window is not supported for FIFO queues"
    (aws-lambda-dotnet#1758); SQSP: FIFO queues take at most 10; stream settings belong to streams ("Unsupported
    DestinationConfig parameter for given event source mapping type.", REC)."""
    make_function(lam)
    arn = queue_arn(cloud)
    fifo = queue_arn(cloud, "work.fifo", FifoQueue="true")
    create = lam.create_event_source_mapping
    assert refusal(create, FunctionName="hello", EventSourceArn=arn, StartingPosition="LATEST") == (
        "InvalidParameterValueException",
        "StartingPosition is not valid for SQS event sources.",
    )
    assert refusal(create, FunctionName="hello", EventSourceArn=arn, BatchSize=11)[1] == (
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"
    )
    assert refusal(create, FunctionName="hello", EventSourceArn=fifo, MaximumBatchingWindowInSeconds=1)[1] == (
        "Batching window is not supported for FIFO queues"
    )
    assert (
        refusal(create, FunctionName="hello", EventSourceArn=fifo, BatchSize=11)[0] == "InvalidParameterValueException"
    )
    assert refusal(
        create, FunctionName="hello", EventSourceArn=arn, DestinationConfig={"OnFailure": {"Destination": arn}}
    )[1] == ("Unsupported DestinationConfig parameter for given event source mapping type.")
    assert refusal(create, FunctionName="hello", EventSourceArn=arn, ParallelizationFactor=2)[0] == (
        "InvalidParameterValueException"
    )
    # With a window, a standard queue takes up to 10,000 (SQSP); beyond that the model's maximum answers.
    ok = create(FunctionName="hello", EventSourceArn=arn, BatchSize=10_000, MaximumBatchingWindowInSeconds=5)
    assert ok["BatchSize"] == 10_000
    assert refusal(lam.update_event_source_mapping, UUID=ok["UUID"], BatchSize=10_001)[0] == "ValidationException"
    [listed] = lam.list_event_source_mappings()["EventSourceMappings"]
    assert listed["UUID"] == ok["UUID"] and listed["BatchSize"] == 10_000


def test_stream_refusals(cloud, lam) -> None:
    """REC (test_create_starting_position_validation_exceptions): an invalid StartingPosition is a
    ValidationException "... Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]" (pocketcloud
    lists the values in the model's order); a
    timestamp with another position: "Timestamp only valid with StartingPosition AT_TIMESTAMP"; no position at all
    is refused too (KINP: StartingPosition is required)."""
    make_function(lam)
    arn = stream_arn(cloud)
    create = lam.create_event_source_mapping
    code, message = refusal(create, FunctionName="hello", EventSourceArn=arn, StartingPosition="0")
    assert code == "ValidationException" and "Value '0' at 'startingPosition'" in message
    assert refusal(
        create, FunctionName="hello", EventSourceArn=arn, StartingPosition="LATEST", StartingPositionTimestamp=1
    ) == ("InvalidParameterValueException", "Timestamp only valid with StartingPosition AT_TIMESTAMP")
    assert "startingPosition" in refusal(create, FunctionName="hello", EventSourceArn=arn)[1]
    assert refusal(
        create,
        FunctionName="hello",
        EventSourceArn=arn,
        StartingPosition="LATEST",
        ScalingConfig={"MaximumConcurrency": 2},
    )[0] == ("InvalidParameterValueException")
    assert refusal(
        create,
        FunctionName="hello",
        EventSourceArn=arn,
        StartingPosition="LATEST",
        DestinationConfig={"OnSuccess": {"Destination": "arn:aws:sqs:ap-northeast-2:123456789012:x"}},
    )[1] == ("Unsupported DestinationConfig parameter for given event source mapping type.")
    assert refusal(
        create, FunctionName="hello", EventSourceArn=arn, StartingPosition="LATEST", ParallelizationFactor=11
    )[0] == ("ValidationException")
    assert refusal(
        create, FunctionName="hello", EventSourceArn=arn, StartingPosition="LATEST", MaximumRecordAgeInSeconds=30
    )[0] == ("InvalidParameterValueException")
    assert lam.list_event_source_mappings()["EventSourceMappings"] == []


def test_shared_refusals(cloud, lam) -> None:
    """REC: an invalid pattern is "Invalid filter pattern definition."; a second mapping of the same queue and
    function is a ResourceConflictException naming the first; a queue or stream that does not exist is refused
    ("Error occurred while ReceiveMessage. SQS Error Code: ..." / "Stream not found: <arn>"); the batching window
    is 0-300 s (the model's range)."""
    make_function(lam)
    arn = queue_arn(cloud)
    create = lam.create_event_source_mapping
    assert refusal(
        create, FunctionName="hello", EventSourceArn=arn, FilterCriteria={"Filters": [{"Pattern": "x"}]}
    ) == (
        "InvalidParameterValueException",
        "Invalid filter pattern definition.",
    )
    many = {"Filters": [{"Pattern": '{"body": {"a": [1]}}'}] * 6}
    assert refusal(create, FunctionName="hello", EventSourceArn=arn, FilterCriteria=many)[0] == (
        "InvalidParameterValueException"
    )
    assert refusal(create, FunctionName="hello", EventSourceArn=arn, MaximumBatchingWindowInSeconds=301)[0] == (
        "ValidationException"
    )
    missing = arn.replace(":work", ":nothing")
    code, message = refusal(create, FunctionName="hello", EventSourceArn=missing)
    assert code == "InvalidParameterValueException" and message.startswith("Error occurred while ReceiveMessage.")
    stream = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/nothing"
    assert refusal(create, FunctionName="hello", EventSourceArn=stream, StartingPosition="LATEST")[1] == (
        f"Stream not found: {stream}"
    )
    assert refusal(create, FunctionName="nothing", EventSourceArn=arn)[1] == "Function does not exist"
    uuid = create(FunctionName="hello", EventSourceArn=arn)["UUID"]
    code, message = refusal(create, FunctionName="hello", EventSourceArn=arn)
    assert code == "ResourceConflictException"
    assert message == (
        f'An event source mapping with SQS arn (" {arn} ") and function (" hello ") already exists. Please update '
        f"or delete the existing mapping with UUID {uuid}"
    )


def test_no_resource_policy_is_needed(cloud, lam) -> None:
    """A mapping invokes its function with Lambda's own authority: the function needs no resource-based policy
    (unlike S3 or SNS, which call Invoke as their service principal)."""
    make_function(lam)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName="hello")
    assert lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=queue_arn(cloud))["State"] == "Creating"


def test_listing_by_function_and_source(cloud, lam) -> None:
    """API (ListEventSourceMappings): filter by EventSourceArn and/or FunctionName; Marker/MaxItems paging."""
    make_function(lam)
    make_function(lam, "other")
    first, second = queue_arn(cloud, "a"), queue_arn(cloud, "b")
    for function in ("hello", "other"):
        for source in (first, second):
            lam.create_event_source_mapping(FunctionName=function, EventSourceArn=source)
    listed = lam.list_event_source_mappings(FunctionName="hello")["EventSourceMappings"]
    assert {m["EventSourceArn"] for m in listed} == {first, second}
    assert len(lam.list_event_source_mappings(EventSourceArn=first)["EventSourceMappings"]) == 2
    page = lam.list_event_source_mappings(MaxItems=3)
    assert len(page["EventSourceMappings"]) == 3
    assert len(lam.list_event_source_mappings(Marker=page["NextMarker"])["EventSourceMappings"]) == 1
    paginator = lam.get_paginator("list_event_source_mappings")
    assert sum(len(p["EventSourceMappings"]) for p in paginator.paginate(PaginationConfig={"PageSize": 2})) == 4


def test_refused_requests_change_nothing(cloud, lam) -> None:
    """A refused update leaves the mapping exactly as it was."""
    make_function(lam)
    uuid = lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=queue_arn(cloud))["UUID"]
    cloud.run(until=cloud.now + 10)
    before = lam.get_event_source_mapping(UUID=uuid)
    refusal(lam.update_event_source_mapping, UUID=uuid, BatchSize=50)
    refusal(lam.update_event_source_mapping, UUID=uuid, FilterCriteria={"Filters": [{"Pattern": "[]"}]})
    after = lam.get_event_source_mapping(UUID=uuid)
    assert {k: v for k, v in after.items() if k != "ResponseMetadata"} == {
        k: v for k, v in before.items() if k != "ResponseMetadata"
    }
