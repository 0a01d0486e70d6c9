"""The event explorer page shows events the engine generated, and every one of them is the shape AWS delivers.

Each explorer example (docs_src/events/explorer/) records what its function received with
:func:`pocketcloud.record_events`; this runs the very file the page shows and validates each recorded event
against the matching aws-lambda-powertools parser model (Powertools' models follow the sample events in the AWS
guides: https://docs.powertools.aws.dev/lambda/python/latest/utilities/parser/#built-in-models).
"""

from __future__ import annotations

import contextlib
import io
import json
import runpy
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    APIGatewayProxyEventV2Model,
    DynamoDBStreamModel,
    EventBridgeModel,
    KinesisDataStreamModel,
    S3Model,
    SesModel,
    SnsModel,
    SqsModel,
)

import pocketcloud

EXPLORER = Path(__file__).resolve().parents[2] / "docs_src" / "events" / "explorer"

#: Explorer example -> the Powertools model of the event its source delivers, and how many events it records.
MODELS: dict[str, tuple[Any, int]] = {
    "s3_events.py": (S3Model, 2),
    "sqs_event.py": (SqsModel, 1),
    "sns_event.py": (SnsModel, 1),
    "kinesis_event.py": (KinesisDataStreamModel, 1),
    "rest_api_event.py": (APIGatewayProxyEventModel, 1),
    "http_api_event.py": (APIGatewayProxyEventV2Model, 1),
    "eventbridge_event.py": (EventBridgeModel, 2),
    "ses_event.py": (SesModel, 1),
    "elasticache_event.py": (SnsModel, 1),
}


def _recorded(name: str) -> list[Any]:
    with contextlib.redirect_stdout(io.StringIO()):
        scope = runpy.run_path(str(EXPLORER / name), run_name="__main__")
    recorder = scope["explorer"]
    assert isinstance(recorder, pocketcloud.EventRecorder)
    return recorder.events


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_recorded_event_parses_with_its_powertools_model(name: str) -> None:
    model, count = MODELS[name]
    events = _recorded(name)
    assert len(events) == count
    for event in events:
        model.model_validate(event)


def test_dynamodb_stream_records_parse_as_a_stream_event() -> None:
    """The DynamoDB example records one event per change (INSERT, MODIFY, REMOVE), each a stream event."""
    events = _recorded("dynamodb_event.py")
    names = [record["eventName"] for event in events for record in event["Records"]]
    assert names == ["INSERT", "MODIFY", "REMOVE"]
    for event in events:
        DynamoDBStreamModel.model_validate(event)


def test_rds_events_arrive_through_sns_and_through_eventbridge() -> None:
    """An RDS event subscription publishes to SNS, whose Lambda subscription delivers an SNS event whose Message is
    RDS's JSON (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.overview.html); RDS also sends
    every event to EventBridge as an "RDS DB Instance Event"
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloud-watch-events.sample.html)."""
    events = _recorded("rds_event.py")
    via_sns = [e for e in events if "Records" in e]
    via_eventbridge = [e for e in events if e.get("source") == "aws.rds"]
    # The subscription asked for the "creation" category only; EventBridge gets every event (the first backup too).
    assert len(via_sns) == 1 and len(via_sns) + len(via_eventbridge) == len(events)
    SnsModel.model_validate(via_sns[0])
    message = json.loads(via_sns[0]["Records"][0]["Sns"]["Message"])
    assert message["Event ID"].endswith("#RDS-EVENT-0005") and message["Event Message"] == "DB instance created"
    for event in via_eventbridge:
        EventBridgeModel.model_validate(event)
    assert via_eventbridge[0]["detail-type"] == "RDS DB Instance Event"
    assert via_eventbridge[0]["detail"]["EventID"] == "RDS-EVENT-0005"


def test_eventbridge_example_records_a_custom_and_a_scheduled_event() -> None:
    """A rule's Lambda target gets the event itself; a scheduled rule's event has detail-type "Scheduled Event",
    source "aws.events", the rule in resources and an empty detail
    (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html)."""
    custom, scheduled = _recorded("eventbridge_event.py")
    assert (custom["source"], custom["detail-type"]) == ("my.shop", "Order Placed")
    assert (scheduled["source"], scheduled["detail-type"], scheduled["detail"]) == ("aws.events", "Scheduled Event", {})
    assert scheduled["resources"][0].endswith(":rule/nightly")


def test_async_records_have_the_documented_invocation_record_shape() -> None:
    """No Powertools model covers destination records; the fields are those of the AWS guide's example
    (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)."""
    records = {r["requestContext"]["condition"]: r for r in _recorded("async_record.py")}
    assert set(records) == {"Success", "RetriesExhausted"}
    for record in records.values():
        assert set(record) == {
            "version", "timestamp", "requestContext", "requestPayload", "responseContext", "responsePayload",
        }  # fmt: skip
        assert set(record["requestContext"]) == {"requestId", "functionArn", "condition", "approximateInvokeCount"}
    assert records["RetriesExhausted"]["responseContext"]["functionError"] == "Unhandled"
    assert records["Success"]["responsePayload"] == {"charged": 5}


def test_every_explorer_example_is_checked_here() -> None:
    checked = set(MODELS) | {"dynamodb_event.py", "async_record.py", "rds_event.py"}
    assert {p.name for p in EXPLORER.glob("*.py")} == checked
