"""SNS fan-out to SQS and Lambda: the notification a queue gets, the event a function gets (validated against
aws-lambda-powertools' parser models and compared field by field with AWS's sample), raw delivery, filtering,
permissions, dead-letter queues, FIFO topics, publish errors.

Sources (checked 2026-12-02):
https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html
https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import SnsModel, SnsNotificationModel

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.sns.service import SnsService

from .conftest import ROLE

ACCOUNT = "123456789012"
REGION = "ap-northeast-2"

#: The example event of "Using Lambda with Amazon SNS" (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html).
SAMPLE_SUBSCRIPTION = "arn:aws:sns:us-east-1:123456789012:sns-lambda:21be56ed-a058-49f5-8c98-aedd2564c486"
AWS_SAMPLE = {
    "Records": [
        {
            "EventVersion": "1.0",
            "EventSubscriptionArn": SAMPLE_SUBSCRIPTION,
            "EventSource": "aws:sns",
            "Sns": {
                "SignatureVersion": "1",
                "Timestamp": "2019-01-02T12:45:07.000Z",
                "Signature": "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
                "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
                "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                "Message": "Hello from SNS!",
                "MessageAttributes": {
                    "Test": {"Type": "String", "Value": "TestString"},
                    "TestBinary": {"Type": "Binary", "Value": "TestBinary"},
                },
                "Type": "Notification",
                "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:test-lambda:21be56ed-a058-49f5-8c98-aedd2564c486",
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:sns-lambda",
                "Subject": "TestInvoke",
            },
        }
    ]
}


def _allow_sns(sqs: Any, url: str, topic: str) -> str:
    arn: str = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
    }
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Statement": [statement]})})
    return arn


@pytest.fixture
def setup(cloud: pocketcloud.Cloud) -> tuple[Any, Any, str, str, str]:
    sns, sqs = cloud.client("sns"), cloud.client("sqs")
    topic = sns.create_topic(Name="orders")["TopicArn"]
    url = sqs.create_queue(QueueName="orders-queue")["QueueUrl"]
    queue_arn = _allow_sns(sqs, url, topic)
    return sns, sqs, topic, url, queue_arn


def _deliveries(cloud: pocketcloud.Cloud) -> list[Any]:
    return list(cloud.backend("sns", SnsService).deliveries)


def test_sqs_gets_the_json_notification(setup) -> None:
    """Without raw delivery an SQS subscriber gets the JSON notification: Type, MessageId, TopicArn, Subject,
    Message, Timestamp, SignatureVersion, Signature, SigningCertURL, UnsubscribeURL, MessageAttributes; it
    validates as Powertools' SnsNotificationModel."""
    sns, sqs, topic, url, queue_arn = setup
    sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)["SubscriptionArn"]
    attributes = {
        "Test": {"DataType": "String", "StringValue": "TestString"},
        "TestBinary": {"DataType": "Binary", "BinaryValue": b"TestBinary"},
    }
    published = sns.publish(
        TopicArn=topic, Message="Hello from SNS!", Subject="TestInvoke", MessageAttributes=attributes
    )
    body = json.loads(sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"])
    assert list(body) == [
        "Type",
        "MessageId",
        "TopicArn",
        "Subject",
        "Message",
        "Timestamp",
        "SignatureVersion",
        "Signature",
        "SigningCertURL",
        "UnsubscribeURL",
        "MessageAttributes",
    ]
    assert body["Type"] == "Notification" and body["MessageId"] == published["MessageId"]
    assert body["TopicArn"] == topic and body["Message"] == "Hello from SNS!" and body["Subject"] == "TestInvoke"
    assert body["Timestamp"] == "2026-01-01T00:00:00.000Z" and body["SignatureVersion"] == "1"
    assert body["UnsubscribeURL"] == f"https://sns.{REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={sub}"
    assert body["MessageAttributes"] == {
        "Test": {"Type": "String", "Value": "TestString"},
        "TestBinary": {"Type": "Binary", "Value": "VGVzdEJpbmFyeQ=="},
    }
    model = parse(event=body, model=SnsNotificationModel)
    assert model.Message == "Hello from SNS!"


def test_no_subject_and_no_attributes_are_left_out(setup) -> None:
    """ "If no Subject was specified, then this name-value pair does not appear in this JSON document."""
    sns, sqs, topic, url, queue_arn = setup
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    sns.publish(TopicArn=topic, Message="plain")
    body = json.loads(sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"])
    assert "Subject" not in body and "MessageAttributes" not in body


def test_raw_message_delivery_passes_the_message_and_its_attributes(setup) -> None:
    """RawMessageDelivery "eliminates the need for the endpoints to process JSON formatting": the body is the
    message itself and the message attributes become SQS message attributes."""
    sns, sqs, topic, url, queue_arn = setup
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    sns.publish(TopicArn=topic, Message="raw!", MessageAttributes={"k": {"DataType": "Number", "StringValue": "7"}})
    message = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"])["Messages"][0]
    assert message["Body"] == "raw!"
    assert message["MessageAttributes"] == {"k": {"DataType": "Number", "StringValue": "7"}}


def test_fan_out_with_filter_policies(cloud, setup) -> None:
    """Fan-out: every subscription gets its own copy; a subscription with a filter policy only gets the messages
    that pass it (the others are recorded as filtered)."""
    sns, sqs, topic, url, queue_arn = setup
    other_url = sqs.create_queue(QueueName="big-orders")["QueueUrl"]
    other_arn = _allow_sns(sqs, other_url, topic)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    policy = json.dumps({"amount": [{"numeric": [">=", 100]}]})
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=other_arn, Attributes={"FilterPolicy": policy})
    for amount in (5, 500):
        sns.publish(
            TopicArn=topic,
            Message=f"order {amount}",
            MessageAttributes={"amount": {"DataType": "Number", "StringValue": str(amount)}},
        )
    everything = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert sorted(json.loads(m["Body"])["Message"] for m in everything) == ["order 5", "order 500"]
    big = sqs.receive_message(QueueUrl=other_url, MaxNumberOfMessages=10)["Messages"]
    assert [json.loads(m["Body"])["Message"] for m in big] == ["order 500"]
    assert [d.status for d in _deliveries(cloud)] == ["DELIVERED", "FILTERED", "DELIVERED", "DELIVERED"]


def test_payload_filtering_on_the_message_body(setup) -> None:
    """FilterPolicyScope MessageBody filters on the JSON message."""
    sns, sqs, topic, url, queue_arn = setup
    attributes = {"FilterPolicyScope": "MessageBody", "FilterPolicy": json.dumps({"order": {"type": ["gift"]}})}
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes=attributes)
    sns.publish(TopicArn=topic, Message=json.dumps({"order": {"type": "gift"}}))
    sns.publish(TopicArn=topic, Message=json.dumps({"order": {"type": "plain"}}))
    sns.publish(TopicArn=topic, Message="not json")
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [json.loads(json.loads(m["Body"])["Message"]) for m in messages] == [{"order": {"type": "gift"}}]


def test_without_the_queue_policy_nothing_arrives(cloud) -> None:
    """On AWS the queue policy must let sns.amazonaws.com send; otherwise delivery fails as a client-side error
    and, with no dead-letter queue, the message is discarded."""
    sns, sqs = cloud.client("sns"), cloud.client("sqs")
    topic = sns.create_topic(Name="t")["TopicArn"]
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=f"arn:aws:sqs:{REGION}:{ACCOUNT}:q")
    sns.publish(TopicArn=topic, Message="lost")
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    failure = _deliveries(cloud)[-1]
    assert failure.status == "FAILED" and failure.error.startswith("AccessDenied")


def test_undeliverable_messages_go_to_the_subscription_dead_letter_queue(cloud, setup) -> None:
    """ "Messages that can't be delivered due to client errors or server errors are held in the dead-letter
    queue"; a deleted endpoint is a client-side error."""
    sns, sqs, topic, _url, _arn = setup
    dlq_url = sqs.create_queue(QueueName="sub-dlq")["QueueUrl"]
    dlq_arn = _allow_sns(sqs, dlq_url, topic)
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn})
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=f"arn:aws:sqs:{REGION}:{ACCOUNT}:gone",
        Attributes={"RedrivePolicy": redrive},
    )
    sns.publish(TopicArn=topic, Message="bounced")
    message = sqs.receive_message(QueueUrl=dlq_url, MessageAttributeNames=["All"])["Messages"][0]
    assert json.loads(message["Body"])["Message"] == "bounced"
    assert message["MessageAttributes"]["ErrorCode"]["StringValue"] == "AWS.SimpleQueueService.NonExistentQueue"
    assert _deliveries(cloud)[-1].status == "DEAD_LETTERED"


def _function(cloud: pocketcloud.Cloud, name: str = "subscriber") -> str:
    lam = cloud.client("lambda")
    source = "EVENTS = []\ndef handler(event, context):\n    print('EVENT ' + __import__('json').dumps(event))\n"
    created = lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
    )
    arn: str = created["FunctionArn"]
    return arn


def _events(cloud: pocketcloud.Cloud, name: str = "subscriber") -> list[dict[str, Any]]:
    logs = cloud.client("logs")
    group = f"/aws/lambda/{name}"
    events = []
    for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
        for line in logs.get_log_events(logGroupName=group, logStreamName=stream["logStreamName"])["events"]:
            if line["message"].startswith("EVENT "):
                events.append(json.loads(line["message"][6:]))
    return events


def test_lambda_gets_the_sns_event_asynchronously(cloud) -> None:
    """ "Amazon SNS invokes your function asynchronously with an event that contains a message and metadata"; the
    event validates as Powertools' SnsModel and has the members of AWS's sample, field by field."""
    sns = cloud.client("sns")
    topic = sns.create_topic(Name="sns-lambda")["TopicArn"]
    function = _function(cloud)
    cloud.client("lambda").add_permission(
        FunctionName="subscriber",
        StatementId="sns",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
        SourceArn=topic,
    )
    sub = sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=function)["SubscriptionArn"]
    attributes = {
        "Test": {"DataType": "String", "StringValue": "TestString"},
        "TestBinary": {"DataType": "Binary", "BinaryValue": b"TestBinary"},
    }
    published = sns.publish(
        TopicArn=topic, Message="Hello from SNS!", Subject="TestInvoke", MessageAttributes=attributes
    )
    cloud.run()
    (event,) = _events(cloud)
    parse(event=event, model=SnsModel)
    record, sample = event["Records"][0], AWS_SAMPLE["Records"][0]
    assert set(record) == set(sample) and set(record["Sns"]) == set(sample["Sns"])
    assert record["EventSource"] == "aws:sns" and record["EventVersion"] == "1.0"
    assert record["EventSubscriptionArn"] == sub
    notification = record["Sns"]
    assert notification["MessageId"] == published["MessageId"] and notification["TopicArn"] == topic
    assert notification["Message"] == "Hello from SNS!" and notification["Subject"] == "TestInvoke"
    assert notification["Type"] == "Notification" and notification["SignatureVersion"] == "1"
    assert notification["UnsubscribeUrl"].endswith(f"SubscriptionArn={sub}")
    assert notification["MessageAttributes"]["Test"] == {"Type": "String", "Value": "TestString"}
    sns.publish(TopicArn=topic, Message="no subject")
    cloud.run()
    second = _events(cloud)[1]["Records"][0]["Sns"]
    assert second["Subject"] is None and second["MessageAttributes"] == {}
    parse(event=_events(cloud)[1], model=SnsModel)


def test_lambda_delivery_needs_the_functions_permission(cloud) -> None:
    """Lambda must grant sns.amazonaws.com lambda:InvokeFunction (add-permission with the topic as SourceArn);
    otherwise the invoke is refused (AccessDeniedException), SNS counts a client-side error and, without a
    dead-letter queue, discards the message."""
    sns = cloud.client("sns")
    topic = sns.create_topic(Name="t")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=_function(cloud))
    sns.publish(TopicArn=topic, Message="x")
    cloud.run()
    failure = _deliveries(cloud)[-1]
    assert failure.status == "FAILED" and failure.error.startswith("AccessDeniedException")
    with pytest.raises(ClientError):
        cloud.client("logs").describe_log_streams(logGroupName="/aws/lambda/subscriber")["logStreams"][0]


def test_fifo_topic_to_fifo_queue_keeps_order_and_deduplicates(cloud) -> None:
    """A FIFO topic delivers to FIFO queues in order per message group and deduplicates for 5 minutes; Publish
    returns a SequenceNumber.

    Source: https://docs.aws.amazon.com/sns/latest/dg/sns-fifo-topics.html
    """
    sns, sqs = cloud.client("sns"), cloud.client("sqs")
    topic = sns.create_topic(Name="t.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})[
        "TopicArn"
    ]
    url = sqs.create_queue(QueueName="q.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=_allow_sns(sqs, url, topic))
    first = sns.publish(TopicArn=topic, Message="one", MessageGroupId="g")
    assert len(first["SequenceNumber"]) == 20
    assert sns.publish(TopicArn=topic, Message="one", MessageGroupId="g")["MessageId"] == first["MessageId"]
    sns.publish_batch(
        TopicArn=topic,
        PublishBatchRequestEntries=[
            {"Id": "a", "Message": "two", "MessageGroupId": "g"},
            {"Id": "b", "Message": "three", "MessageGroupId": "g"},
        ],
    )
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["MessageGroupId"])["Messages"]
    assert [json.loads(m["Body"])["Message"] for m in messages] == ["one", "two", "three"]
    assert "SequenceNumber" in json.loads(messages[0]["Body"])
    with pytest.raises(ClientError) as exc:
        sns.publish(TopicArn=topic, Message="x")
    assert (
        exc.value.response["Error"]["Message"]
        == "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"
    )
    with pytest.raises(ClientError):
        sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=_function(cloud))


def test_publish_errors_store_nothing(cloud, setup) -> None:
    """Publish: an empty message, a long subject, a message over MaximumMessageSize (256 KiB by default, message
    and attributes together), a bad MessageStructure, bad attributes: InvalidParameter / ParameterValueInvalid in
    AWS's words, and nothing is delivered.

    Source: https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
    """
    sns, sqs, topic, url, queue_arn = setup
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    cases = [
        ({"Message": ""}, "InvalidParameter", "Invalid parameter: Empty message"),
        ({"Message": "x", "Subject": "s" * 100}, "InvalidParameter", "Invalid parameter: Subject"),
        ({"Message": "a" * 262_145}, "InvalidParameter", "Invalid parameter: Message too long"),
        (
            {"Message": '{"sqs": "x"}', "MessageStructure": "json"},
            "InvalidParameter",
            "Invalid parameter: Message Structure - No default entry in JSON message body",
        ),
        (
            {"Message": "x", "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "abc"}}},
            "ParameterValueInvalid",
            "Could not cast message attribute 'n' value to number.",
        ),
        (
            {"Message": "x", "MessageAttributes": {"t": {"DataType": "Text", "StringValue": "abc"}}},
            "ParameterValueInvalid",
            "The message attribute 't' has an invalid message attribute type, the set of supported type prefixes is "
            "Binary, Number, and String.",
        ),
        ({"Message": "x", "MessageDeduplicationId": "d"}, "InvalidParameter", None),
    ]
    for params, code, message in cases:
        with pytest.raises(ClientError) as exc:
            sns.publish(TopicArn=topic, **params)
        assert exc.value.response["Error"]["Code"] == code
        if message is not None:
            assert exc.value.response["Error"]["Message"] == message
    with pytest.raises(sns.exceptions.InvalidParameterValueException):
        sns.publish(TopicArn=topic, Message="x", MessageAttributes={".dot": {"DataType": "String", "StringValue": "v"}})
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    sns.publish(TopicArn=topic, Message="a" * 262_144)
    structured = json.dumps({"default": "for everyone", "sqs": "for queues"})
    sns.publish(TopicArn=topic, Message=structured, MessageStructure="json")
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert bodies == ["a" * 262_144, "for queues"]


def test_publish_batch_rules(setup) -> None:
    """PublishBatch: 1 to 10 entries with distinct Ids, each a message; the results list every entry."""
    sns, _sqs, topic, _url, _arn = setup
    with pytest.raises(sns.exceptions.EmptyBatchRequestException):
        sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[])
    with pytest.raises(sns.exceptions.TooManyEntriesInBatchRequestException):
        sns.publish_batch(
            TopicArn=topic, PublishBatchRequestEntries=[{"Id": str(i), "Message": "x"} for i in range(11)]
        )
    with pytest.raises(sns.exceptions.BatchEntryIdsNotDistinctException):
        sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[{"Id": "a", "Message": "x"}] * 2)
    result = sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[{"Id": "a", "Message": "x"}])
    assert [entry["Id"] for entry in result["Successful"]] == ["a"] and result["Failed"] == []
