"""S3 → Lambda: the events S3 hands a handler, checked against Powertools' S3Model and AWS's sample event.

Sources (checked 2026-12-02): the Lambda developer guide's "Example Amazon S3 notification event"
(https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html, reproduced below as ``AWS_SAMPLE``); the S3 user guide's
"Event message structure" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html:
eventVersion 2.1 for these events and 2.3 for object tagging, eventName without "s3:", URL-encoded keys with
"red flower.jpg" becoming "red+flower.jpg", the sequencer "used to determine event sequence" per key, and the
responseElements that "are the same as those that Amazon S3 returns in the response to the request");
Powertools for AWS Lambda's recorded ``ObjectRemoved:Delete`` event (key and sequencer only,
https://github.com/aws-powertools/powertools-lambda-python/blob/develop/tests/events/s3EventDeleteObject.json);
asynchronous invocation https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html ("Amazon S3 invokes your function
asynchronously").
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_plus

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import S3Model

import pocketcloud

from .s3_helpers import ACCOUNT, REGION, make_bucket, received_events, recording_function

AWS_SAMPLE: dict[str, Any] = {
    "Records": [
        {
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "us-east-2",
            "eventTime": "2019-09-03T19:37:27.192Z",
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AWS:AIDAINPONIXQXHT3IKHL2"},
            "requestParameters": {"sourceIPAddress": "205.255.255.255"},
            "responseElements": {
                "x-amz-request-id": "D82B88E5F771F645",
                "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=",
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "828aa6fc-f7b5-4305-8584-487c791949c1",
                "bucket": {
                    "name": "amzn-s3-demo-bucket",
                    "ownerIdentity": {"principalId": "A3I5XTEXAMAI3E"},
                    "arn": "arn:aws:s3:::lambda-artifacts-deafc19498e3f2df",
                },
                "object": {
                    "key": "b21b84d653bb07b05b1e6b33684dc11b",
                    "size": 1305107,
                    "eTag": "b21b84d653bb07b05b1e6b33684dc11b",
                    "sequencer": "0C0F6F405D6ED209E1",
                },
            },
        }
    ]
}


def shape(value: Any) -> Any:
    """The structure of a JSON value: the same keys at every level and the same kinds of leaves."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    return type(value).__name__


@pytest.fixture
def setup(cloud: pocketcloud.Cloud) -> tuple[Any, Any]:
    s3, lam = cloud.client("s3"), cloud.client("lambda")
    make_bucket(s3)
    arn = recording_function(lam)
    s3.put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "Id": "on-any-change",
                    "LambdaFunctionArn": arn,
                    "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
                }
            ]
        },
    )
    return s3, lam


def test_a_put_invokes_the_function_with_the_event_aws_documents(cloud, setup) -> None:
    """The handler receives exactly the sample's structure (the same keys at every level, the same kinds of values),
    S3Model accepts it, and every field has AWS's form and this request's values."""
    s3, _ = setup
    cloud.run(until=30.25)
    put = s3.put_object(Bucket="uploads", Key="b21b84d653bb07b05b1e6b33684dc11b", Body=b"x" * 1024)
    cloud.run()
    (event,) = received_events(cloud)
    parse(event=event, model=S3Model)
    assert shape(event) == shape(AWS_SAMPLE)
    record = event["Records"][0]
    assert record["eventVersion"] == "2.1"
    assert record["eventSource"] == "aws:s3"
    assert record["awsRegion"] == REGION
    assert record["eventTime"] == "2026-01-01T00:00:30.250Z"
    assert record["eventName"] == "ObjectCreated:Put"
    assert re.fullmatch(r"A[0-9A-Z]{13}", record["userIdentity"]["principalId"])
    assert record["requestParameters"] == {"sourceIPAddress": "127.0.0.1"}
    assert record["responseElements"] == {
        "x-amz-request-id": put["ResponseMetadata"]["RequestId"],
        "x-amz-id-2": put["ResponseMetadata"]["HostId"],
    }
    s3_part = record["s3"]
    assert (s3_part["s3SchemaVersion"], s3_part["configurationId"]) == ("1.0", "on-any-change")
    assert s3_part["bucket"] == {
        "name": "uploads",
        "ownerIdentity": {"principalId": record["userIdentity"]["principalId"]},
        "arn": "arn:aws:s3:::uploads",
    }
    assert s3_part["object"]["key"] == "b21b84d653bb07b05b1e6b33684dc11b"
    assert s3_part["object"]["size"] == 1024
    assert s3_part["object"]["eTag"] == put["ETag"].strip('"')
    assert re.fullmatch(r"[0-9A-F]{18}", s3_part["object"]["sequencer"])


def test_the_event_arrives_asynchronously_after_the_request(cloud, setup) -> None:
    """S3 invokes the function asynchronously ("Event" invocation): nothing runs until the clock runs, and the
    delivery happens ``notification_delay_s`` (1 s, a pocketcloud model of "typically ... in seconds") later."""
    s3, _ = setup
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    assert received_events(cloud) == []
    cloud.run()
    deliveries = cloud.backend("s3", None).deliveries
    assert [(d.time, d.error) for d in deliveries] == [(1.0, None)]
    assert len(received_events(cloud)) == 1


@pytest.mark.parametrize(
    ("key", "encoded"),
    [
        ("red flower.jpg", "red+flower.jpg"),  # the S3 user guide's example
        ("photos/2024/red flower.jpg", "photos/2024/red+flower.jpg"),
        ("logs/10:47:07.log", "logs/10%3A47%3A07.log"),
        ("year=2024/a+b.csv", "year%3D2024/a%2Bb.csv"),
        ("사진/고양이.png", "%EC%82%AC%EC%A7%84/%EA%B3%A0%EC%96%91%EC%9D%B4.png"),
    ],
)
def test_keys_in_events_are_url_encoded_as_s3_encodes_them(cloud, setup, key: str, encoded: str) -> None:
    """AWS: "The object key name value is URL encoded. For example, "red flower.jpg" becomes "red+flower.jpg"" — form
    encoding, which ``urllib.parse.unquote_plus`` undoes, as handlers are told to do before calling GetObject."""
    s3, _ = setup
    s3.put_object(Bucket="uploads", Key=key, Body=b"x")
    cloud.run()
    (event,) = received_events(cloud)
    got = event["Records"][0]["s3"]["object"]["key"]
    assert got == encoded
    assert unquote_plus(got) == key
    assert s3.get_object(Bucket="uploads", Key=unquote_plus(got))["ContentLength"] == 1


def test_each_operation_has_its_event_type(cloud, setup) -> None:
    """PutObject → ObjectCreated:Put, CopyObject → ObjectCreated:Copy, CompleteMultipartUpload →
    ObjectCreated:CompleteMultipartUpload, DeleteObject and DeleteObjects → ObjectRemoved:Delete. A removed object's
    event carries only its key and sequencer, as AWS's recorded delete events do; all pass S3Model."""
    s3, _ = setup
    s3.put_object(Bucket="uploads", Key="a", Body=b"a")
    s3.copy_object(Bucket="uploads", Key="b", CopySource="uploads/a")
    upload = s3.create_multipart_upload(Bucket="uploads", Key="c")["UploadId"]
    etag = s3.upload_part(Bucket="uploads", Key="c", UploadId=upload, PartNumber=1, Body=b"c")["ETag"]
    s3.complete_multipart_upload(
        Bucket="uploads", Key="c", UploadId=upload, MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]}
    )
    s3.delete_object(Bucket="uploads", Key="a")
    s3.delete_objects(Bucket="uploads", Delete={"Objects": [{"Key": "b"}, {"Key": "c"}]})
    cloud.run()
    # "Event notifications aren't guaranteed to arrive in the same order that the events occurred": the sequencer
    # orders them (asynchronous invocations run side by side in several execution environments).
    events = sorted(received_events(cloud), key=lambda e: e["Records"][0]["s3"]["object"]["sequencer"])
    for event in events:
        parse(event=event, model=S3Model)
    names = [(e["Records"][0]["eventName"], e["Records"][0]["s3"]["object"]["key"]) for e in events]
    assert names == [
        ("ObjectCreated:Put", "a"),
        ("ObjectCreated:Copy", "b"),
        ("ObjectCreated:CompleteMultipartUpload", "c"),
        ("ObjectRemoved:Delete", "a"),
        ("ObjectRemoved:Delete", "b"),
        ("ObjectRemoved:Delete", "c"),
    ]
    removed = events[3]["Records"][0]["s3"]["object"]
    assert set(removed) == {"key", "sequencer"}
    assert events[2]["Records"][0]["s3"]["object"]["eTag"].endswith("-1")


def test_the_sequencer_grows_with_every_event_on_a_key(cloud, setup) -> None:
    """AWS: "If you compare the sequencer strings from two event notifications on the same object key, the event
    notification with the greater sequencer hexadecimal value is the event that occurred later"."""
    s3, _ = setup
    for body in (b"1", b"2"):
        s3.put_object(Bucket="uploads", Key="k", Body=body)
        cloud.run(until=cloud.now + 0.5)
    s3.delete_object(Bucket="uploads", Key="k")
    cloud.run()
    # In the order the events happened (S3's delivery log), whatever order the handlers ran in.
    sequencers = [d.event["Records"][0]["s3"]["object"]["sequencer"] for d in cloud.backend("s3", None).deliveries]
    assert len(sequencers) == 3
    assert [int(s, 16) for s in sequencers] == sorted(int(s, 16) for s in sequencers)
    assert len(set(sequencers)) == 3


def test_event_types_and_filters_choose_what_is_delivered(cloud) -> None:
    """A configuration receives only its event types (``s3:ObjectCreated:Put`` is not a copy) and only keys that
    start with its prefix and end with its suffix; two functions split a bucket by prefix."""
    s3, lam = cloud.client("s3"), cloud.client("lambda")
    make_bucket(s3)
    images = recording_function(lam, "images")
    logs = recording_function(lam, "logs")
    s3.put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": images,
                    "Events": ["s3:ObjectCreated:Put"],
                    "Filter": {
                        "Key": {
                            "FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "suffix", "Value": ".jpg"}]
                        }
                    },
                },
                {
                    "LambdaFunctionArn": logs,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "logs/"}]}},
                },
            ]
        },
    )
    for key in ("images/cat.jpg", "images/cat.png", "logs/app.log", "other.jpg"):
        s3.put_object(Bucket="uploads", Key=key, Body=b"x")
    s3.copy_object(Bucket="uploads", Key="images/copy.jpg", CopySource="uploads/images/cat.jpg")
    s3.copy_object(Bucket="uploads", Key="logs/copy.log", CopySource="uploads/logs/app.log")
    cloud.run()

    def keys(function: str) -> list[str]:
        return sorted(e["Records"][0]["s3"]["object"]["key"] for e in received_events(cloud, function))

    assert keys("images") == ["images/cat.jpg"]
    assert keys("logs") == ["logs/app.log", "logs/copy.log"]


def test_a_permission_removed_later_loses_the_event(cloud, setup) -> None:
    """S3 invokes as s3.amazonaws.com each time, so removing the function's policy statement after the configuration
    was saved makes Lambda refuse the invoke; the event is not delivered (S3 keeps no retry queue for it) and the
    attempt is recorded with the reason."""
    s3, lam = setup
    lam.remove_permission(FunctionName="on-upload", StatementId="s3-invoke")
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    cloud.run()
    assert received_events(cloud) == []
    (delivery,) = cloud.backend("s3", None).deliveries
    assert delivery.error == f"Not authorized to invoke function [arn:aws:lambda:{REGION}:{ACCOUNT}:function:on-upload]"


def test_tagging_events_use_event_version_2_3(cloud) -> None:
    """AWS: "version 2.3 for ... object tagging ... events"; the object's key, size and eTag (a pocketcloud model of the
    tagging event's object fields, which AWS does not show)."""
    s3, lam = cloud.client("s3"), cloud.client("lambda")
    make_bucket(s3)
    arn = recording_function(lam)
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    s3.put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [{"LambdaFunctionArn": arn, "Events": ["s3:ObjectTagging:*"]}]
        },
    )
    s3.put_object_tagging(Bucket="uploads", Key="k", Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
    s3.delete_object_tagging(Bucket="uploads", Key="k")
    cloud.run()
    events = received_events(cloud)
    for event in events:
        parse(event=event, model=S3Model)
    assert sorted((e["Records"][0]["eventName"], e["Records"][0]["eventVersion"]) for e in events) == [
        ("ObjectTagging:Delete", "2.3"),
        ("ObjectTagging:Put", "2.3"),
    ]


def test_no_configuration_means_no_deliveries(cloud) -> None:
    s3 = cloud.client("s3")
    make_bucket(s3)
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    cloud.run()
    assert cloud.backend("s3", None).deliveries == []


def test_duplicates_are_a_seeded_opt_in(cloud, setup) -> None:
    """AWS: "Amazon S3 event notifications are designed to be delivered at least once"; pocketcloud delivers exactly
    once
    unless ``duplicate_probability`` is raised, and then duplicates the same events for the same seed."""
    s3, _ = setup
    cloud.backend("s3", None).settings.duplicate_probability = 1.0
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    cloud.run()
    first, second = received_events(cloud)
    assert first == second


def test_the_same_seed_gives_the_same_events() -> None:
    def run() -> list[dict[str, Any]]:
        cloud = pocketcloud.Cloud(seed=3)
        s3, lam = cloud.client("s3"), cloud.client("lambda")
        make_bucket(s3)
        arn = recording_function(lam)
        s3.put_bucket_notification_configuration(
            Bucket="uploads",
            NotificationConfiguration={
                "LambdaFunctionConfigurations": [{"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}]
            },
        )
        s3.put_object(Bucket="uploads", Key="k", Body=b"x")
        cloud.run()
        return received_events(cloud)

    assert run() == run()
