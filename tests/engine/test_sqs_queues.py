"""SQS queues: names and URLs, attributes and their ranges, listing and paging, tags, purge and delete, errors.

Each test states one documented behaviour and its source (checked 2026-12-02). Error wordings that the API
reference does not print come from AWS's answers as recorded in LocalStack's SQS provider (tested against AWS)
and in real error logs, noted per test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError

URL = "https://sqs.ap-northeast-2.amazonaws.com/123456789012/"
ARN = "arn:aws:sqs:ap-northeast-2:123456789012:"


@pytest.fixture
def sqs(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("sqs")


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def test_create_queue_returns_the_regional_url(sqs) -> None:
    """API_GetQueueUrl / the SQS endpoints: ``https://sqs.<region>.amazonaws.com/<account>/<name>``; the ARN is
    ``arn:aws:sqs:<region>:<account>:<name>``.

    Source: https://docs.aws.amazon.com/general/latest/gr/sqs-service.html
    """
    url = sqs.create_queue(QueueName="orders")["QueueUrl"]
    assert url == URL + "orders"
    assert sqs.get_queue_url(QueueName="orders")["QueueUrl"] == url
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    assert attributes == {"QueueArn": ARN + "orders"}


def test_new_queue_attributes_are_the_documented_defaults(sqs) -> None:
    """API_CreateQueue: VisibilityTimeout 30, MaximumMessageSize 1,048,576 (1 MiB), MessageRetentionPeriod
    345,600 (4 days), DelaySeconds 0, ReceiveMessageWaitTimeSeconds 0; FIFO queues add FifoQueue and
    ContentBasedDeduplication false, DeduplicationScope queue, FifoThroughputLimit perQueue.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
    """
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "30"
    assert attributes["MaximumMessageSize"] == "1048576"
    assert attributes["MessageRetentionPeriod"] == "345600"
    assert attributes["DelaySeconds"] == "0"
    assert attributes["ReceiveMessageWaitTimeSeconds"] == "0"
    assert attributes["ApproximateNumberOfMessages"] == "0"
    assert "FifoQueue" not in attributes
    fifo = sqs.create_queue(QueueName="q.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=fifo, AttributeNames=["All"])["Attributes"]
    assert attributes["FifoQueue"] == "true"
    assert attributes["ContentBasedDeduplication"] == "false"
    assert attributes["DeduplicationScope"] == "queue"
    assert attributes["FifoThroughputLimit"] == "perQueue"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("VisibilityTimeout", "43201"),
        ("VisibilityTimeout", "-1"),
        ("DelaySeconds", "901"),
        ("MessageRetentionPeriod", "59"),
        ("MessageRetentionPeriod", "1209601"),
        ("MaximumMessageSize", "1023"),
        ("MaximumMessageSize", "1048577"),
        ("ReceiveMessageWaitTimeSeconds", "21"),
        ("VisibilityTimeout", "thirty"),
    ],
)
def test_attribute_values_out_of_range_are_refused(sqs, name: str, value: str) -> None:
    """API_CreateQueue ranges: VisibilityTimeout 0-43,200, DelaySeconds 0-900, MessageRetentionPeriod 60-1,209,600,
    MaximumMessageSize 1,024-1,048,576, ReceiveMessageWaitTimeSeconds 0-20. AWS answers InvalidAttributeValue
    "Invalid value for the parameter X." (quoted in several SQS emulators' tests from AWS's XML answers), and no
    queue is created.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
    """
    with pytest.raises(ClientError) as exc:
        sqs.create_queue(QueueName="q", Attributes={name: value})
    assert _error(exc) == ("InvalidAttributeValue", f"Invalid value for the parameter {name}.")
    assert exc.value.response["Error"]["QueryErrorCode"] == "InvalidAttributeValue"
    assert "QueueUrls" not in sqs.list_queues()


def test_unknown_and_read_only_attributes_are_refused(sqs) -> None:
    """InvalidAttributeName "Unknown Attribute X." for names that do not exist, read-only names (QueueArn) and
    FIFO-only names on a standard queue (LocalStack's provider records these answers).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
    """
    for attributes in ({"Bogus": "1"}, {"QueueArn": "x"}, {"ContentBasedDeduplication": "true"}):
        with pytest.raises(ClientError) as exc:
            sqs.create_queue(QueueName="q", Attributes=attributes)
        assert _error(exc) == ("InvalidAttributeName", f"Unknown Attribute {next(iter(attributes))}.")
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    with pytest.raises(sqs.exceptions.InvalidAttributeName):
        sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Nope"])


def test_queue_names_follow_the_documented_rules(sqs) -> None:
    """ "A queue name can have up to 80 characters. Valid values: alphanumeric characters, hyphens (-), and
    underscores (_)"; a FIFO queue's name ends in .fifo, which counts toward the 80. Wording: LocalStack's provider.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
    """
    sqs.create_queue(QueueName="a" * 80)
    for bad in ("a" * 81, "has space", "dot.ted", "x.fifo"):
        with pytest.raises(ClientError) as exc:
            sqs.create_queue(QueueName=bad)
        assert _error(exc)[0] == "InvalidParameterValue"
    sqs.create_queue(QueueName="b" * 75 + ".fifo", Attributes={"FifoQueue": "true"})
    with pytest.raises(ClientError) as exc:
        sqs.create_queue(QueueName="b" * 76 + ".fifo", Attributes={"FifoQueue": "true"})
    assert "must end with .fifo suffix and be 1 to 80 in length" in _error(exc)[1]
    with pytest.raises(ClientError):
        sqs.create_queue(QueueName="nofifo", Attributes={"FifoQueue": "true"})


def test_create_queue_is_idempotent_only_with_the_same_attributes(sqs) -> None:
    """ "If you provide the name of an existing queue along with the exact names and values of all the queue's
    attributes, CreateQueue returns the queue URL for the existing queue. If ... attribute values don't match
    ... CreateQueue returns an error" (QueueNameExists; its Query code is QueueAlreadyExists).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
    """
    url = sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "60"})["QueueUrl"]
    assert sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "60"})["QueueUrl"] == url
    assert sqs.create_queue(QueueName="q")["QueueUrl"] == url
    with pytest.raises(sqs.exceptions.QueueNameExists) as exc:
        sqs.create_queue(QueueName="q", Attributes={"VisibilityTimeout": "61"})
    assert _error(exc) == (
        "QueueAlreadyExists",
        "A queue already exists with the same name and a different value for attribute VisibilityTimeout",
    )


def test_a_missing_queue_is_queue_does_not_exist_as_boto3_reports_it(sqs) -> None:
    """SQS speaks JSON with awsQueryCompatible (botocore's model metadata): boto3 shows the Query code
    ``AWS.SimpleQueueService.NonExistentQueue`` in Error.Code, the shape in Error.QueryErrorCode, and raises the
    modeled ``QueueDoesNotExist`` (botocore.handlers._handle_sqs_compatible_error; botocore PR #3054). Message:
    "The specified queue does not exist." (the JSON protocol's, as LocalStack records it).

    Source: https://github.com/boto/botocore/pull/3054
    """
    for call in (
        lambda: sqs.get_queue_url(QueueName="nope"),
        lambda: sqs.send_message(QueueUrl=URL + "nope", MessageBody="x"),
        lambda: sqs.receive_message(QueueUrl="not a url"),
        lambda: sqs.delete_queue(QueueUrl="https://sqs.ap-northeast-2.amazonaws.com/999999999999/q"),
    ):
        with pytest.raises(sqs.exceptions.QueueDoesNotExist) as exc:
            call()
        error = exc.value.response["Error"]
        assert error == {
            "Code": "AWS.SimpleQueueService.NonExistentQueue",
            "Message": "The specified queue does not exist.",
            "Type": "Sender",
            "QueryErrorCode": "QueueDoesNotExist",
        }
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_boto3_raises_the_same_for_the_same_wire_answer() -> None:
    """The reference: botocore itself, fed SQS's JSON error with its x-amzn-query-error header, gives the same
    Error dictionary and exception class as pocketcloud (checked against the pinned botocore)."""
    import botocore.session
    from botocore.awsrequest import AWSResponse

    class Raw:
        def stream(self, **_kw: Any) -> Any:
            yield json.dumps({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "x"}).encode()

    session = botocore.session.get_session()
    client = session.create_client("sqs", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
    headers = {"x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender"}
    client.meta.events.register("before-send", lambda request, **_: AWSResponse(request.url, 400, headers, Raw()))
    with pytest.raises(client.exceptions.QueueDoesNotExist) as exc:
        client.get_queue_url(QueueName="nope")
    error = exc.value.response["Error"]
    assert (error["Code"], error["QueryErrorCode"], error["Type"]) == (
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
        "Sender",
    )


def test_list_queues_filters_by_prefix_and_pages_with_max_results(sqs) -> None:
    """ListQueues: QueueNamePrefix filters; "NextToken ... only returned if MaxResults was set"; MaxResults 1 to
    1,000. botocore's paginator (result key QueueUrls) walks the pages.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
    """
    for name in ("a1", "a2", "a3", "b1"):
        sqs.create_queue(QueueName=name)
    assert sqs.list_queues(QueueNamePrefix="a")["QueueUrls"] == [URL + "a1", URL + "a2", URL + "a3"]
    first = sqs.list_queues(MaxResults=2)
    assert first["QueueUrls"] == [URL + "a1", URL + "a2"]
    second = sqs.list_queues(MaxResults=2, NextToken=first["NextToken"])
    assert second["QueueUrls"] == [URL + "a3", URL + "b1"] and "NextToken" not in second
    pages = list(sqs.get_paginator("list_queues").paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["QueueUrls"]) for p in pages] == [3, 1]
    assert "NextToken" not in sqs.list_queues()
    assert "QueueUrls" not in sqs.list_queues(QueueNamePrefix="zzz")
    with pytest.raises(ClientError) as exc:
        sqs.list_queues(MaxResults=1001)
    assert _error(exc)[0] == "InvalidParameterValue"


def test_set_queue_attributes_changes_only_what_is_valid(sqs) -> None:
    """SetQueueAttributes checks every attribute before it changes any: one bad value leaves the queue as it was.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
    """
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    with pytest.raises(ClientError):
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "5", "VisibilityTimeout": "99999"})
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds", "VisibilityTimeout"])
    assert attributes["Attributes"] == {"DelaySeconds": "0", "VisibilityTimeout": "30"}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "5", "VisibilityTimeout": "120"})
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds", "VisibilityTimeout"])
    assert attributes["Attributes"] == {"DelaySeconds": "5", "VisibilityTimeout": "120"}
    with pytest.raises(ClientError) as exc:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"FifoQueue": "true"})
    assert _error(exc) == ("InvalidAttributeName", "Unknown Attribute FifoQueue.")


def test_redrive_policy_is_checked_and_reported_as_aws_stores_it(sqs) -> None:
    """RedrivePolicy "deadLetterTargetArn" and "maxReceiveCount" (1-1,000); the DLQ must exist and be of the same
    type. Reasons as AWS words them: "Redrive policy does not contain mandatory attribute: maxReceiveCount." and
    "Dead-letter queue must be same type of queue as the source.." (real error logs), "Invalid value for
    maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive." (LocalStack). GetQueueAttributes returns
    the policy as compact JSON with a numeric maxReceiveCount.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
    """
    sqs.create_queue(QueueName="dlq")
    sqs.create_queue(QueueName="dlq.fifo", Attributes={"FifoQueue": "true"})
    url = sqs.create_queue(QueueName="src")["QueueUrl"]
    cases = {
        json.dumps({"deadLetterTargetArn": ARN + "dlq"}): "Redrive policy does not contain mandatory attribute: "
        "maxReceiveCount.",
        json.dumps({"deadLetterTargetArn": ARN + "dlq", "maxReceiveCount": 0}): "Invalid value for maxReceiveCount: "
        "0, valid values are from 1 to 1000 both inclusive.",
        json.dumps({"deadLetterTargetArn": ARN + "gone", "maxReceiveCount": 3}): "Dead letter target does not exist.",
        json.dumps({"deadLetterTargetArn": ARN + "dlq.fifo", "maxReceiveCount": 3}): "Dead-letter queue must be "
        "same type of queue as the source..",
    }
    for policy, reason in cases.items():
        with pytest.raises(ClientError) as exc:
            sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": policy})
        assert _error(exc) == (
            "InvalidParameterValue",
            f"Value {policy} for parameter RedrivePolicy is invalid. Reason: {reason}",
        )
    policy = json.dumps({"deadLetterTargetArn": ARN + "dlq", "maxReceiveCount": "3"})
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": policy})
    stored = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"]
    assert stored["RedrivePolicy"] == '{"deadLetterTargetArn":"' + ARN + 'dlq","maxReceiveCount":3}'
    sources = sqs.list_dead_letter_source_queues(QueueUrl=URL + "dlq")
    assert sources["queueUrls"] == [url]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": ""})
    assert "RedrivePolicy" not in sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert sqs.list_dead_letter_source_queues(QueueUrl=URL + "dlq")["queueUrls"] == []


def test_redrive_allow_policy_can_deny_sources(sqs) -> None:
    """RedriveAllowPolicy redrivePermission "denyAll": "No source queues can specify this queue as the
    dead-letter queue"; "byQueue": only those in sourceQueueArns. (AWS gives no error text: pocketcloud's.)

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
    """
    sqs.create_queue(QueueName="dlq", Attributes={"RedriveAllowPolicy": '{"redrivePermission": "denyAll"}'})
    policy = json.dumps({"deadLetterTargetArn": ARN + "dlq", "maxReceiveCount": 3})
    with pytest.raises(ClientError):
        sqs.create_queue(QueueName="src", Attributes={"RedrivePolicy": policy})
    allowed = json.dumps({"redrivePermission": "byQueue", "sourceQueueArns": [ARN + "src"]})
    sqs.set_queue_attributes(QueueUrl=URL + "dlq", Attributes={"RedriveAllowPolicy": allowed})
    sqs.create_queue(QueueName="src", Attributes={"RedrivePolicy": policy})
    with pytest.raises(ClientError):
        sqs.create_queue(QueueName="other", Attributes={"RedrivePolicy": policy})


def test_tags(sqs) -> None:
    """TagQueue / UntagQueue / ListQueueTags; CreateQueue's ``tags``.

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_TagQueue.html
    """
    url = sqs.create_queue(QueueName="q", tags={"team": "a"})["QueueUrl"]
    sqs.tag_queue(QueueUrl=url, Tags={"env": "dev"})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "a", "env": "dev"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["team", "missing"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"env": "dev"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
    assert "Tags" not in sqs.list_queue_tags(QueueUrl=url)


def test_purge_removes_every_message_once_a_minute(cloud, sqs) -> None:
    """PurgeQueue deletes all messages; "Only one PurgeQueue operation on <queue> is allowed every 60 seconds"
    (PurgeQueueInProgress, HTTP 403; wording: LocalStack's provider).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
    """
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    for index in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=str(index))
    sqs.purge_queue(QueueUrl=url)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    with pytest.raises(sqs.exceptions.PurgeQueueInProgress) as exc:
        sqs.purge_queue(QueueUrl=url)
    assert _error(exc) == (
        "AWS.SimpleQueueService.PurgeQueueInProgress",
        "Only one PurgeQueue operation on q is allowed every 60 seconds.",
    )
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    cloud.run(until=cloud.now + 60)
    sqs.purge_queue(QueueUrl=url)


def test_a_deleted_name_can_be_reused_after_60_seconds(cloud, sqs) -> None:
    """ "When you delete a queue, you must wait at least 60 seconds before creating a queue with the same name"
    (QueueDeletedRecently).

    Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html
    """
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="x")
    sqs.delete_queue(QueueUrl=url)
    with pytest.raises(sqs.exceptions.QueueDoesNotExist):
        sqs.receive_message(QueueUrl=url)
    with pytest.raises(sqs.exceptions.QueueDeletedRecently) as exc:
        sqs.create_queue(QueueName="q")
    assert _error(exc)[0] == "AWS.SimpleQueueService.QueueDeletedRecently"
    cloud.run(until=cloud.now + 60)
    assert sqs.create_queue(QueueName="q")["QueueUrl"] == url
    assert "Messages" not in sqs.receive_message(QueueUrl=url)


def test_client_exceptions_are_keyed_by_shape_name(sqs) -> None:
    """boto3's SQS ``client.exceptions`` has one class per modeled shape (QueueDoesNotExist, ...); from_code
    takes the shape name, since SQS's modeled errors carry no Query code in the model."""
    assert sqs.exceptions.from_code("QueueDoesNotExist") is sqs.exceptions.QueueDoesNotExist
    assert issubclass(sqs.exceptions.OverLimit, ClientError)
