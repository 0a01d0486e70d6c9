"""Targets: PutTargets' checks, delivery to Lambda, SQS, SNS, Step Functions and event buses through their public
clients (resource-based policies decide, as on AWS), Input / InputPath / InputTransformer, failures, dead-letter
queues and the counts.

Sources (checked 2026-12-01):
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html (Lambda, SQS, SNS permissions)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html (the transformer examples)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html (no retry for missing permissions or
resources; the dead-letter message attributes)
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html (Invocations, FailedInvocations, ...)
https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchevents.html (EventBridge invokes asynchronously)
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel

import pocketcloud
from pocketcloud.errors import ClientError
from pocketcloud.services.events.delivery import backoff, classify

from .events_support import (
    ACCOUNT,
    REGION,
    error,
    function_for,
    messages,
    put,
    queue_for,
    received,
    rule_arn,
    service,
    statuses,
)

PATTERN = json.dumps({"source": ["my.app"]})
#: The detail of the guide's transformer example (an EC2 state change).
DETAIL = {"instance-id": "i-0123456789", "state": "RUNNING"}


@pytest.fixture
def events(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("events")
    client.put_rule(Name="r", EventPattern=PATTERN)
    return client


def _to_queue(cloud: pocketcloud.Cloud, events: Any, **target: Any) -> str:
    url, arn = queue_for(cloud, "q", rule_arn("r"))
    events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": arn, **target}])
    return url


def _bodies(cloud: pocketcloud.Cloud, url: str) -> list[str]:
    return [m["Body"] for m in messages(cloud, url)]


# -- Lambda ------------------------------------------------------------------------------------------------------


def test_a_lambda_target_needs_the_functions_permission(cloud, events) -> None:
    """ "For Lambda ... EventBridge relies on resource-based policies": without a statement for
    events.amazonaws.com the delivery fails for good (no retry for missing permissions) and is counted as a failed
    invocation; with it the function gets the event (asynchronously), valid as Powertools' EventBridgeModel."""
    fn = function_for(cloud, None)
    events.put_targets(Rule="r", Targets=[{"Id": "fn", "Arn": fn}])
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["FAILED"]
    assert received(cloud) == []
    assert "AccessDeniedException" in (service(cloud).deliveries[0].error or "")
    cloud.client("lambda").add_permission(
        FunctionName="recorder",
        StatementId="eb",
        Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com",
        SourceArn=rule_arn("r"),
    )
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["FAILED", "DELIVERED"]
    (event,) = received(cloud)
    assert parse(event=event, model=EventBridgeModel).detail == DETAIL
    stats = service(cloud).buses["default"].rules["r"].stats
    assert (stats.matched_events, stats.invocations, stats.failed_invocations) == (2, 2, 1)


def test_a_permission_for_another_rule_does_not_help(cloud, events) -> None:
    """The function's statement names a SourceArn: a different rule's events are refused."""
    fn = function_for(cloud, rule_arn("other"))
    events.put_targets(Rule="r", Targets=[{"Id": "fn", "Arn": fn}])
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["FAILED"]


def test_lambda_is_invoked_asynchronously(cloud, events) -> None:
    """EventBridge invokes the function asynchronously: a failing handler does not fail the delivery (Lambda's
    own async retries apply)."""
    cloud.client("lambda").create_function(
        FunctionName="boom",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": "def handler(e, c):\n    raise ValueError('no')\n"})},
    )
    cloud.client("lambda").add_permission(
        FunctionName="boom",
        StatementId="eb",
        Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com",
        SourceArn=rule_arn("r"),
    )
    events.put_targets(Rule="r", Targets=[{"Id": "fn", "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:boom"}])
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["DELIVERED"]


# -- SQS, SNS, Step Functions, buses ---------------------------------------------------------------------------


def test_an_sqs_target_gets_the_event_as_its_body(cloud, events) -> None:
    url = _to_queue(cloud, events)
    result = put(cloud, DETAIL)
    cloud.run()
    (body,) = _bodies(cloud, url)
    event = json.loads(body)
    assert event["id"] == result["Entries"][0]["EventId"]
    assert parse(event=event, model=EventBridgeModel).detail == DETAIL


def test_an_sqs_target_without_a_queue_policy_fails(cloud, events) -> None:
    _, arn = queue_for(cloud, "closed", None)
    events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": arn}])
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["FAILED"]


def test_a_fifo_queue_needs_a_message_group(cloud, events) -> None:
    """ "Parameter(s) SqsParameters must be specified for target: <id>." for a FIFO queue without
    SqsParameters; with a MessageGroupId (and content-based deduplication on the queue) the event arrives."""
    url, arn = queue_for(cloud, "q.fifo", rule_arn("r"), FifoQueue="true", ContentBasedDeduplication="true")
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": arn}])
    assert error(info.value) == ("ValidationException", "Parameter(s) SqsParameters must be specified for target: q.")
    events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": arn, "SqsParameters": {"MessageGroupId": "g"}}])
    put(cloud, DETAIL)
    cloud.run()
    (message,) = messages(cloud, url)
    assert json.loads(message["Body"])["detail"] == DETAIL


def test_an_sns_target_needs_the_topic_policy(cloud, events) -> None:
    """SNS: the topic policy must allow events.amazonaws.com to publish (the default policy allows only the
    account); with the guide's statement the message reaches a subscribed queue."""
    sns = cloud.client("sns")
    topic = sns.create_topic(Name="t")["TopicArn"]
    events.put_targets(Rule="r", Targets=[{"Id": "t", "Arn": topic}])
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["FAILED"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "sns:Publish",
                "Resource": topic,
            }
        ],
    }
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=json.dumps(policy))
    sub_arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:sub"
    sns_may = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": sub_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
            }
        ],
    }
    url = cloud.client("sqs").create_queue(QueueName="sub", Attributes={"Policy": json.dumps(sns_may)})["QueueUrl"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=sub_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["FAILED", "DELIVERED"]
    (body,) = _bodies(cloud, url)
    assert json.loads(body)["detail"] == DETAIL


def test_a_step_functions_target_starts_an_execution(cloud, events) -> None:
    """A state machine target needs a RoleArn; the execution's input is the event."""
    sfn: Any = cloud.client("stepfunctions")
    machine = sfn.create_state_machine(
        name="m",
        definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}),
        roleArn="arn:aws:iam::123456789012:role/sfn",
    )["stateMachineArn"]
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_targets(Rule="r", Targets=[{"Id": "m", "Arn": machine}])
    assert error(info.value) == ("ValidationException", "Parameter(s) RoleArn must be specified for target: m.")
    events.put_targets(Rule="r", Targets=[{"Id": "m", "Arn": machine, "RoleArn": "arn:aws:iam::123456789012:role/eb"}])
    put(cloud, DETAIL)
    cloud.run()
    (execution,) = sfn.list_executions(stateMachineArn=machine)["executions"]
    described = sfn.describe_execution(executionArn=execution["executionArn"])
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["input"])["detail"] == DETAIL


def test_a_bus_target_forwards_the_event(cloud, events) -> None:
    """An event bus target gets the event; the rules of that bus route it on."""
    bus = events.create_event_bus(Name="audit")["EventBusArn"]
    events.put_targets(Rule="r", Targets=[{"Id": "bus", "Arn": bus}])
    events.put_rule(Name="all", EventPattern=PATTERN, EventBusName="audit")
    url, arn = queue_for(cloud, "audit-q", rule_arn("all", "audit"))
    events.put_targets(Rule="all", EventBusName="audit", Targets=[{"Id": "q", "Arn": arn}])
    result = put(cloud, DETAIL)
    cloud.run()
    (body,) = _bodies(cloud, url)
    assert json.loads(body)["id"] == result["Entries"][0]["EventId"]


# -- what the target receives ------------------------------------------------------------------------------------


def test_constant_input(cloud, events) -> None:
    """Input: "Valid JSON text passed to the target"; the event itself is not passed."""
    url = _to_queue(cloud, events, Input='{"job": "nightly"}')
    put(cloud, DETAIL)
    cloud.run()
    assert _bodies(cloud, url) == ['{"job": "nightly"}']


def test_input_path(cloud, events) -> None:
    """InputPath passes the part of the event it selects, as JSON."""
    url = _to_queue(cloud, events, InputPath="$.detail")
    put(cloud, DETAIL)
    cloud.run()
    assert [json.loads(b) for b in _bodies(cloud, url)] == [DETAIL]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # The guide's examples: a string template, and JSON templates with and without quotes.
        ("<instance> is in state <state>", "i-0123456789 is in state RUNNING"),
        ('{"instance" : <instance>, "state": <state>}', '{"instance" : "i-0123456789", "state": "RUNNING"}'),
        ('{"instance" : "<instance>", "state": "<state>"}', '{"instance" : "i-0123456789", "state": "RUNNING"}'),
        ('"<instance> is in state <state>"', '"i-0123456789 is in state RUNNING"'),
        ('{"rule": "<aws.events.rule-name>", "missing": <nothing>}', '{"rule": "r", "missing": ""}'),
    ],
)
def test_input_transformer(cloud, events, template: str, expected: str) -> None:
    """InputPathsMap picks values, InputTemplate places them; string values get quotes outside JSON strings; a
    path that finds nothing gives an empty string; predefined variables such as <aws.events.rule-name>."""
    paths = {"instance": "$.detail.instance-id", "state": "$.detail.state", "nothing": "$.detail.absent"}
    url = _to_queue(cloud, events, InputTransformer={"InputPathsMap": paths, "InputTemplate": template})
    put(cloud, DETAIL)
    cloud.run()
    assert _bodies(cloud, url) == [expected]


def test_put_targets_refusals_leave_the_targets_as_they_were(cloud, events) -> None:
    """AWS's refusals: more than one input kind, an unknown placeholder, a malformed ARN, a sixth target (five per
    rule); a refused request stores none of its targets."""
    _, arn = queue_for(cloud, "q", rule_arn("r"))
    events.put_targets(Rule="r", Targets=[{"Id": f"t{i}", "Arn": arn} for i in range(4)])
    cases = [
        ({"Id": "x", "Arn": arn, "Input": "{}", "InputPath": "$.detail"},
         "Only one of Input, InputPath, or InputTransformer must be provided for target x."),
        ({"Id": "x", "Arn": arn, "InputTransformer": {"InputTemplate": "<who>"}},
         "InputTemplate for target x contains invalid placeholder who."),
        ({"Id": "x", "Arn": arn, "InputTransformer": {"InputTemplate": "text <aws.events.event.json>"}},
         "InputTemplate for target x contains placeholder aws.events.event.json valid only for JSON template."),
        ({"Id": "x", "Arn": "not-an-arn"}, "Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format."),  # noqa: E501
    ]  # fmt: skip
    for target, message in cases:
        with pytest.raises(pocketcloud.ClientError) as info:
            events.put_targets(Rule="r", Targets=[{"Id": "ok", "Arn": arn}, target])
        assert error(info.value) == ("ValidationException", message)
    with pytest.raises(pocketcloud.ClientError) as info:
        events.put_targets(Rule="r", Targets=[{"Id": "t5", "Arn": arn}, {"Id": "t6", "Arn": arn}])
    assert error(info.value)[0] == "LimitExceededException"
    assert [t["Id"] for t in events.list_targets_by_rule(Rule="r")["Targets"]] == ["t0", "t1", "t2", "t3"]


def test_remove_targets_reports_unknown_ids(events) -> None:
    result = events.remove_targets(Rule="r", Ids=["nope"])
    assert result["FailedEntryCount"] == 1
    assert result["FailedEntries"][0]["TargetId"] == "nope"


# -- failures and dead-letter queues -----------------------------------------------------------------------------


def test_a_missing_target_goes_to_the_dead_letter_queue(cloud, events) -> None:
    """A target resource that no longer exists is not retried: the event goes to the DLQ with RULE_ARN,
    TARGET_ARN, ERROR_CODE (NO_RESOURCE), ERROR_MESSAGE and RETRY_ATTEMPTS; InvocationsSentToDlq counts it."""
    dlq_url, dlq_arn = queue_for(cloud, "dlq", rule_arn("r"))
    gone = f"arn:aws:sqs:{REGION}:{ACCOUNT}:gone"
    events.put_targets(Rule="r", Targets=[{"Id": "q", "Arn": gone, "DeadLetterConfig": {"Arn": dlq_arn}}])
    result = put(cloud, DETAIL)
    cloud.run()
    assert statuses(cloud) == ["DEAD_LETTERED"]
    (message,) = messages(cloud, dlq_url)
    assert json.loads(message["Body"])["id"] == result["Entries"][0]["EventId"]
    attributes = {k: v["StringValue"] for k, v in message["MessageAttributes"].items()}
    assert attributes["RULE_ARN"] == rule_arn("r")
    assert attributes["TARGET_ARN"] == gone
    assert attributes["ERROR_CODE"] == "NO_RESOURCE"
    assert attributes["RETRY_ATTEMPTS"] == "0"
    assert "EXHAUSTED_RETRY_CONDITION" not in attributes
    assert service(cloud).buses["default"].rules["r"].stats.sent_to_dlq == 1


def _client_error(code: str, status: int) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "m"}, "ResponseMetadata": {"HTTPStatusCode": status}}, "Op")


@pytest.mark.parametrize(
    ("code", "status", "expected", "retriable"),
    [
        ("ResourceNotFoundException", 404, "NO_RESOURCE", False),
        ("AccessDeniedException", 403, "NO_PERMISSIONS", False),
        ("TooManyRequestsException", 429, "THROTTLING", True),
        ("ServiceException", 500, "INTERNAL_ERROR", True),
        ("InvalidParameterValueException", 400, "INVALID_PARAMETER", False),
    ],
)
def test_error_classification(code: str, status: int, expected: str, retriable: bool) -> None:
    """The dead-letter ERROR_CODE of a target's error, and whether EventBridge retries it (throttling and server
    errors are retried; missing permissions and resources are not)."""
    found = classify(_client_error(code, status))
    assert (found.code, found.retriable) == (expected, retriable)


def test_backoff_is_exponential_capped_and_seeded() -> None:
    """The retry back-off model: min(cap, base * 2**(n-1)) times a seeded factor in [0.5, 1]."""

    def waits(seed: int) -> list[float]:
        state = service(pocketcloud.Cloud(seed=seed))
        return [backoff(state, n) for n in range(1, 15)]

    first = waits(1)
    assert first == waits(1)
    assert 0.5 <= first[0] <= 1.0
    assert all(300.0 <= w <= 600.0 for w in first[10:])


def _always_throttled(monkeypatch: pytest.MonkeyPatch) -> None:
    from pocketcloud.services.events import delivery

    def throttled(state: Any, job: Any) -> None:
        raise delivery.TargetError("THROTTLING", "TooManyRequestsException: Rate exceeded", True)

    monkeypatch.setattr(delivery, "send", throttled)


@pytest.mark.parametrize(
    ("policy", "condition", "retries"),
    [
        ({"MaximumRetryAttempts": 2}, "MaximumRetryAttempts", "2"),
        ({"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 60}, "MaximumEventAgeInSeconds", None),
    ],
)
def test_retries_run_out_into_the_dead_letter_queue(cloud, events, monkeypatch, policy, condition, retries) -> None:
    """A retriable error is retried until the RetryPolicy's attempts or event age run out; the DLQ message then
    says which (EXHAUSTED_RETRY_CONDITION) and how many retries ran. InvocationAttempts counts every attempt,
    Invocations the one delivery that ended."""
    dlq_url, dlq_arn = queue_for(cloud, "dlq", rule_arn("r"))
    _, arn = queue_for(cloud, "q", rule_arn("r"))
    events.put_targets(
        Rule="r", Targets=[{"Id": "q", "Arn": arn, "RetryPolicy": policy, "DeadLetterConfig": {"Arn": dlq_arn}}]
    )
    _always_throttled(monkeypatch)
    put(cloud, DETAIL)
    cloud.run()
    monkeypatch.undo()
    (message,) = messages(cloud, dlq_url)
    attributes = {k: v["StringValue"] for k, v in message["MessageAttributes"].items()}
    assert attributes["ERROR_CODE"] == "THROTTLING"
    assert attributes["EXHAUSTED_RETRY_CONDITION"] == condition
    stats = service(cloud).buses["default"].rules["r"].stats
    if retries is not None:
        assert attributes["RETRY_ATTEMPTS"] == retries
        assert stats.invocation_attempts == int(retries) + 1
    assert stats.invocations == 1 and stats.failed_invocations == 1
    assert statuses(cloud)[-1] == "DEAD_LETTERED" and set(statuses(cloud)[:-1]) == {"RETRYING"}
