"""DynamoDB Streams event source mappings: the event, starting positions, filters, partial batches and the
on-failure record.

Sources:
* DDB = https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
* DERR = https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
* DFILT = https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
* REC = AWS's answers recorded in LocalStack's snapshot tests (test_api.snapshot.json)
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

from .conftest import make_function

#: The with-ddb.html sample event's first record (INSERT), members as printed there.
AWS_SAMPLE_RECORD = json.loads("""
{
    "eventID": "1",
    "eventVersion": "1.0",
    "dynamodb": {
        "Keys": {"Id": {"N": "101"}},
        "NewImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
        "StreamViewType": "NEW_AND_OLD_IMAGES",
        "SequenceNumber": "111",
        "SizeBytes": 26
    },
    "awsRegion": "us-west-2",
    "eventName": "INSERT",
    "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/Example/stream/2015-06-27T00:48:05.899",
    "eventSource": "aws:dynamodb"
}
""")

#: DERR, "Example Amazon SNS and Amazon SQS invocation record" for a DynamoDB stream.
AWS_FAILURE_RECORD = json.loads("""
{
    "requestContext": {
        "requestId": "316aa6d0-8154-xmpl-9af7-85d5f4a6bc81",
        "functionArn": "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
        "condition": "RetryAttemptsExhausted",
        "approximateInvokeCount": 1
    },
    "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
    "version": "1.0",
    "timestamp": "2019-11-14T00:13:49.717Z",
    "DDBStreamBatchInfo": {
        "shardId": "shardId-00000001573689847184-864758bb",
        "startSequenceNumber": "800000000003126276362",
        "endSequenceNumber": "800000000003126276362",
        "approximateArrivalOfFirstRecord": "2019-11-14T00:13:19Z",
        "approximateArrivalOfLastRecord": "2019-11-14T00:13:19Z",
        "batchSize": 1,
        "streamArn": "arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388"
    }
}
""")

RECORDER = (
    "import json\n"
    "def handler(event, context):\n"
    "    print('EVENT ' + json.dumps(event))\n"
    "    for r in event['Records']:\n"
    "        if r['dynamodb'].get('NewImage', {}).get('Message', {}).get('S') == 'bad':\n"
    "            if 'partial' in context.function_name:\n"
    "                return {'batchItemFailures': [{'itemIdentifier': r['dynamodb']['SequenceNumber']}]}\n"
    "            raise ValueError('bad item')\n"
)


def table(cloud: pocketcloud.Cloud) -> tuple[Any, str]:
    ddb = cloud.client("dynamodb")
    created = ddb.create_table(
        TableName="Messages",
        KeySchema=[{"AttributeName": "Id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "Id", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    cloud.run(until=cloud.now + 10)
    return ddb, created["TableDescription"]["LatestStreamArn"]


def events(cloud: pocketcloud.Cloud, function: str = "hello") -> list[dict[str, Any]]:
    logs = cloud.client("logs")
    if not logs.describe_log_groups(logGroupNamePrefix=f"/aws/lambda/{function}")["logGroups"]:
        return []
    found = logs.filter_log_events(logGroupName=f"/aws/lambda/{function}", filterPattern="EVENT")["events"]
    return [json.loads(e["message"].split("EVENT ", 1)[1]) for e in found]


def put(ddb: Any, item_id: int, message: str) -> None:
    ddb.put_item(TableName="Messages", Item={"Id": {"N": str(item_id)}, "Message": {"S": message}})


def test_the_event_validates_against_powertools_and_matches_the_sample(cloud, lam) -> None:
    """DDB: "Lambda reads records from the stream and invokes your function synchronously with an event that
    contains stream records"; the event parses with Powertools' DynamoDBStreamModel and each record has the
    sample's members (eventID, eventVersion, dynamodb, awsRegion, eventName, eventSourceARN, eventSource)."""
    from aws_lambda_powertools.utilities.parser import parse
    from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel

    ddb, arn = table(cloud)
    make_function(lam, source=RECORDER)
    lam.create_event_source_mapping(FunctionName="hello", EventSourceArn=arn, StartingPosition="TRIM_HORIZON")
    put(ddb, 101, "New item!")
    put(ddb, 101, "This item has changed")
    cloud.run()
    [event] = events(cloud)
    parsed = parse(event=event, model=DynamoDBStreamModel)
    assert [r.eventName for r in parsed.Records] == ["INSERT", "MODIFY"]
    insert = event["Records"][0]
    assert set(AWS_SAMPLE_RECORD) <= set(insert)
    assert set(AWS_SAMPLE_RECORD["dynamodb"]) <= set(insert["dynamodb"])
    assert insert["eventSourceARN"] == arn and insert["eventSource"] == "aws:dynamodb"
    assert insert["dynamodb"]["NewImage"] == {"Id": {"N": "101"}, "Message": {"S": "New item!"}}


def test_at_timestamp_is_refused_for_dynamodb(cloud, lam) -> None:
    """REC: "Unsupported starting position for arn type: <stream ARN>"."""
    _, arn = table(cloud)
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as error:
        lam.create_event_source_mapping(
            FunctionName="hello", EventSourceArn=arn, StartingPosition="AT_TIMESTAMP", StartingPositionTimestamp=0
        )
    assert error.value.response["Error"]["Message"] == f"Unsupported starting position for arn type: {arn}"


def test_filters_see_the_record_as_lambda_sends_it(cloud, lam) -> None:
    """DFILT: a filter on eventName and on dynamodb.NewImage keeps matching records; the others are passed over."""
    ddb, arn = table(cloud)
    make_function(lam, source=RECORDER)
    pattern = {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"Message": {"S": [{"prefix": "keep"}]}}}}
    lam.create_event_source_mapping(
        FunctionName="hello",
        EventSourceArn=arn,
        StartingPosition="TRIM_HORIZON",
        FilterCriteria={"Filters": [{"Pattern": json.dumps(pattern)}]},
    )
    put(ddb, 1, "keep me")
    put(ddb, 2, "drop me")
    put(ddb, 1, "keep me too")  # a MODIFY
    cloud.run()
    seen = [r["dynamodb"]["NewImage"]["Message"]["S"] for e in events(cloud) for r in e["Records"]]
    assert seen == ["keep me"]


def test_the_on_failure_record_validates_and_matches_the_sample(cloud, lam) -> None:
    """DERR: after the retries, the batch's DDBStreamBatchInfo goes to the destination; the record validates against
    Powertools' DynamoDBStreamLambdaOnFailureDestinationModel and has the sample's members in order; DynamoDB's
    arrival times are whole seconds ("2019-11-14T00:13:19Z")."""
    from aws_lambda_powertools.utilities.parser import parse
    from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamLambdaOnFailureDestinationModel

    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="failures")["QueueUrl"]
    destination = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    ddb, arn = table(cloud)
    make_function(lam, source=RECORDER)
    lam.create_event_source_mapping(
        FunctionName="hello",
        EventSourceArn=arn,
        StartingPosition="TRIM_HORIZON",
        MaximumRetryAttempts=1,
        DestinationConfig={"OnFailure": {"Destination": destination}},
    )
    put(ddb, 1, "bad")
    cloud.run()
    [message] = sqs.receive_message(QueueUrl=url)["Messages"]
    record = json.loads(message["Body"])
    parse(event=record, model=DynamoDBStreamLambdaOnFailureDestinationModel)
    assert list(record) == list(AWS_FAILURE_RECORD)
    assert list(record["DDBStreamBatchInfo"]) == list(AWS_FAILURE_RECORD["DDBStreamBatchInfo"])
    info = record["DDBStreamBatchInfo"]
    assert info["streamArn"] == arn and info["batchSize"] == 1
    assert len(info["approximateArrivalOfFirstRecord"]) == len("2019-11-14T00:13:19Z")
    assert record["requestContext"]["approximateInvokeCount"] == 2


def test_partial_batch_responses_use_sequence_numbers(cloud, lam) -> None:
    """Partial batch responses name DynamoDB records by their SequenceNumber; Lambda retries from the lowest one
    (services-ddb-batchfailurereporting.html)."""
    ddb, arn = table(cloud)
    make_function(lam, "partial", source=RECORDER)
    lam.create_event_source_mapping(
        FunctionName="partial",
        EventSourceArn=arn,
        StartingPosition="TRIM_HORIZON",
        FunctionResponseTypes=["ReportBatchItemFailures"],
        MaximumRetryAttempts=0,
    )
    put(ddb, 1, "ok")
    put(ddb, 2, "bad")
    put(ddb, 3, "after")
    cloud.run()
    seen = [[r["dynamodb"]["NewImage"]["Message"]["S"] for r in e["Records"]] for e in events(cloud, "partial")]
    assert seen[0] == ["ok", "bad", "after"]
