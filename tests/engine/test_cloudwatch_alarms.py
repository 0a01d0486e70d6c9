"""Metric alarms: PutMetricAlarm, evaluation on the virtual clock, missing data, SetAlarmState, history, actions.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html (actions, history)
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html
- aws/aws-lambda-go events/testdata/cloudwatch-alarm-sns-payload-single-metric.json (the SNS message's members)
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import pocketcloud
from pocketcloud.alarm_actions import AlarmActionEvent, register_alarm_action
from pocketcloud.errors import ClientError


@pytest.fixture
def cw(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("cloudwatch")


def alarm(cw: Any, name: str = "high", **extra: Any) -> None:
    params: dict[str, Any] = {
        "AlarmName": name, "Namespace": "App", "MetricName": "Latency", "Statistic": "Maximum", "Period": 60,
        "EvaluationPeriods": 1, "Threshold": 100.0, "ComparisonOperator": "GreaterThanThreshold",
    }  # fmt: skip
    params.update(extra)
    if "ExtendedStatistic" in extra and "Statistic" not in extra:
        del params["Statistic"]
    cw.put_metric_alarm(**{k: v for k, v in params.items() if v is not None})


def put_at(cloud: pocketcloud.Cloud, cw: Any, second: float, value: float) -> None:
    cloud.run(until=second)
    cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Value": value}])


def state(cw: Any, name: str = "high") -> str:
    found: str = cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]["StateValue"]
    return found


def test_new_alarm_starts_insufficient(cw: Any) -> None:
    """ "When this operation creates an alarm, the alarm state is immediately set to INSUFFICIENT_DATA"; the history
    starts with the configuration update."""
    alarm(cw)
    (described,) = cw.describe_alarms()["MetricAlarms"]
    assert described["StateValue"] == "INSUFFICIENT_DATA"
    assert described["StateReason"] == "Unchecked: Initial alarm creation"
    assert described["AlarmArn"] == "arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:high"
    (item,) = cw.describe_alarm_history(AlarmName="high")["AlarmHistoryItems"]
    assert (item["HistoryItemType"], item["HistorySummary"]) == ("ConfigurationUpdate", 'Alarm "high" created')


def test_evaluated_each_minute_on_the_virtual_clock(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """An alarm with a period of a minute or more "is evaluated every minute"; at 00:01:00 it judges the period
    [00:00, 00:01). The reason is AWS's "Threshold Crossed" text."""
    alarm(cw)
    put_at(cloud, cw, 10, 150.0)
    cloud.run(until=59)
    assert state(cw) == "INSUFFICIENT_DATA"
    cloud.run(until=60)
    (described,) = cw.describe_alarms()["MetricAlarms"]
    assert described["StateValue"] == "ALARM"
    assert described["StateReason"] == (
        "Threshold Crossed: 1 datapoint [150.0 (01/01/26 00:00:00)] was greater than the threshold (100.0)."
    )
    data = json.loads(described["StateReasonData"])
    assert data["recentDatapoints"] == [150.0] and data["threshold"] == 100.0 and data["period"] == 60
    put_at(cloud, cw, 70, 50.0)
    cloud.run(until=120)
    assert state(cw) == "OK"


def test_m_out_of_n(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """DatapointsToAlarm M of EvaluationPeriods N: 2 breaching of the last 3 is enough for ALARM, and the reason says
    "2 out of the last 3 datapoints"."""
    alarm(cw, EvaluationPeriods=3, DatapointsToAlarm=2)
    for minute, value in enumerate((150.0, 50.0, 150.0)):
        put_at(cloud, cw, minute * 60 + 1, value)
    cloud.run(until=180)
    (described,) = cw.describe_alarms()["MetricAlarms"]
    assert described["StateValue"] == "ALARM"
    assert described["StateReason"].startswith(
        "Threshold Crossed: 2 out of the last 3 datapoints [150.0 (01/01/26 00:02:00), 150.0 (01/01/26 00:00:00)]"
    )
    assert described["StateReason"].endswith("(minimum 2 datapoints for OK -> ALARM transition).")


@pytest.mark.parametrize(
    ("treat", "expected"),
    [("missing", "INSUFFICIENT_DATA"), ("breaching", "ALARM"), ("notBreaching", "OK"), ("ignore", "OK")],
)
def test_no_data_at_all(cloud: pocketcloud.Cloud, cw: Any, treat: str, expected: str) -> None:
    """With every datapoint of the range missing: missing -> INSUFFICIENT_DATA, breaching -> ALARM, notBreaching ->
    OK, ignore -> "The current alarm state is maintained" (here OK, set before the data stopped)."""
    alarm(cw, TreatMissingData=treat)
    put_at(cloud, cw, 1, 50.0)
    cloud.run(until=60)
    assert state(cw) == "OK"
    cloud.run(until=600)
    assert state(cw) == expected


def test_breaching_reason_for_missing_periods(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """With no data and TreatMissingData=breaching the reason says the missing datapoints were treated as
    breaching."""
    alarm(cw, TreatMissingData="breaching", EvaluationPeriods=2)
    cloud.run(until=60)
    assert cw.describe_alarms()["MetricAlarms"][0]["StateReason"] == (
        "Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as "
        "[Breaching]."
    )


def test_dynamodb_alarms_ignore_missing_data(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """ "Alarms that evaluate metrics in the AWS/DynamoDB namespace always ignore missing data even if you choose a
    different option for TreatMissingData" (API_PutMetricAlarm)."""
    alarm(cw, Namespace="AWS/DynamoDB", MetricName="ThrottledRequests", TreatMissingData="breaching")
    cloud.run(until=600)
    assert state(cw) == "INSUFFICIENT_DATA"


def test_update_keeps_state_and_overwrites_configuration(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """ "When you update an existing alarm, its state is left unchanged, but the update completely overwrites the
    previous configuration of the alarm.\""""
    alarm(cw, AlarmDescription="first")
    put_at(cloud, cw, 1, 150.0)
    cloud.run(until=60)
    alarm(cw, Threshold=500.0)
    (described,) = cw.describe_alarms()["MetricAlarms"]
    assert described["StateValue"] == "ALARM" and described["Threshold"] == 500.0
    assert "AlarmDescription" not in described


def test_set_alarm_state_until_next_evaluation(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """SetAlarmState sets the state for testing; "the alarm returns to its actual state" at its next evaluation.
    StateReasonData must be JSON (InvalidFormat); an unknown alarm is ResourceNotFound."""
    alarm(cw)
    put_at(cloud, cw, 1, 50.0)
    cloud.run(until=60)
    cw.set_alarm_state(AlarmName="high", StateValue="ALARM", StateReason="testing")
    assert state(cw) == "ALARM"
    put_at(cloud, cw, 61, 50.0)
    cloud.run(until=120)
    assert state(cw) == "OK"
    with pytest.raises(ClientError) as err:
        cw.set_alarm_state(AlarmName="high", StateValue="ALARM", StateReason="x", StateReasonData="{not json")
    assert err.value.response["Error"]["Code"] == "InvalidFormat"
    assert state(cw) == "OK"
    with pytest.raises(ClientError) as err:
        cw.set_alarm_state(AlarmName="nope", StateValue="ALARM", StateReason="x")
    assert err.value.response["Error"]["Code"] == "ResourceNotFound"


def _topic_queue(cloud: pocketcloud.Cloud) -> tuple[str, str]:
    sns, sqs = cloud.client("sns"), cloud.client("sqs")
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    url = sqs.create_queue(QueueName="inbox")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
                       "Resource": arn}],
    }  # fmt: skip
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    return topic, url


def test_alarm_action_publishes_awss_message_to_sns(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """On the change to ALARM the alarm publishes AWS's notification: Subject 'ALARM: "name" in <Region name>' and
    the JSON message with the members of AWS's sample payload; the history records the action."""
    topic, url = _topic_queue(cloud)
    alarm(cw, AlarmActions=[topic], AlarmDescription="latency")
    put_at(cloud, cw, 1, 150.0)
    cloud.run(until=61)
    (received,) = cloud.client("sqs").receive_message(QueueUrl=url)["Messages"]
    envelope = json.loads(received["Body"])
    assert envelope["Subject"] == 'ALARM: "high" in Asia Pacific (Seoul)'
    message = json.loads(envelope["Message"])
    assert list(message) == [
        "AlarmName", "AlarmDescription", "AWSAccountId", "AlarmConfigurationUpdatedTimestamp", "NewStateValue",
        "NewStateReason", "StateChangeTime", "Region", "AlarmArn", "OldStateValue", "OKActions", "AlarmActions",
        "InsufficientDataActions", "Trigger",
    ]  # fmt: skip
    assert (message["OldStateValue"], message["NewStateValue"]) == ("INSUFFICIENT_DATA", "ALARM")
    assert message["StateChangeTime"] == "2026-01-01T00:01:00.000+0000"
    assert message["Trigger"]["Statistic"] == "MAXIMUM" and message["Trigger"]["Threshold"] == 100.0
    kinds = [i["HistoryItemType"] for i in cw.describe_alarm_history(AlarmName="high")["AlarmHistoryItems"]]
    assert kinds == ["Action", "StateUpdate", "ConfigurationUpdate"]
    summary = cw.describe_alarm_history(AlarmName="high", HistoryItemType="StateUpdate")["AlarmHistoryItems"]
    assert summary[0]["HistorySummary"] == "Alarm updated from INSUFFICIENT_DATA to ALARM"


def test_actions_only_on_change_and_when_enabled(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """ "Alarms invoke actions only when the alarm changes state" (SNS: "no additional actions are invoked"), and
    not while actions are disabled; a registered repeat=True action runs every period the state lasts."""
    calls: list[tuple[float, bool]] = []

    def scale(event: AlarmActionEvent) -> str | None:
        calls.append((event.timestamp, event.repeated))
        return None

    register_alarm_action(cloud, "arn:aws:autoscaling:", scale, repeat=True)
    arn = "arn:aws:autoscaling:ap-northeast-2:123456789012:scalingPolicy:x:autoScalingGroupName/g:policyName/p"
    alarm(cw, AlarmActions=[arn], TreatMissingData="breaching")
    cloud.run(until=180)
    assert calls == [(60.0, False), (120.0, True), (180.0, True)]
    cw.disable_alarm_actions(AlarmNames=["high"])
    cloud.run(until=300)
    assert len(calls) == 3


def test_failed_action_is_recorded(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """An action that cannot run (a topic that does not exist) is recorded as "Failed to execute action"."""
    alarm(cw, AlarmActions=["arn:aws:sns:ap-northeast-2:123456789012:missing"], TreatMissingData="breaching")
    cloud.run(until=60)
    (item,) = cw.describe_alarm_history(AlarmName="high", HistoryItemType="Action")["AlarmHistoryItems"]
    assert item["HistorySummary"].startswith("Failed to execute action arn:aws:sns:ap-northeast-2:123456789012:missing")


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"Period": 45}, "ValidationError"),
        ({"EvaluationPeriods": 2, "DatapointsToAlarm": 3}, "InvalidParameterCombination"),
        ({"Period": 3600, "EvaluationPeriods": 200}, "InvalidParameterCombination"),
        ({"Period": 60, "EvaluationPeriods": 1441}, "InvalidParameterCombination"),
        ({"Statistic": "Maximum", "ExtendedStatistic": "p99"}, "InvalidParameterCombination"),
        ({"ComparisonOperator": "LessThanLowerOrGreaterThanUpperThreshold"}, "ValidationError"),
    ],
)
def test_bad_alarms_change_nothing(cw: Any, extra: dict[str, Any], code: str) -> None:
    """Period is 10, 20, 30 or a multiple of 60; DatapointsToAlarm <= EvaluationPeriods; Period x EvaluationPeriods
    at most 7 days (1 day under an hour); Statistic and ExtendedStatistic are exclusive. Nothing is stored."""
    with pytest.raises(ClientError) as err:
        alarm(cw, **extra)
    assert err.value.response["Error"]["Code"] == code
    assert cw.describe_alarms()["MetricAlarms"] == []


def test_percentile_and_math_alarms(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """An alarm on p99 (ExtendedStatistic) and a metric math alarm (Metrics, exactly one returning data)."""
    alarm(cw, "p99", Statistic=None, ExtendedStatistic="p99", Threshold=100.0)
    cw.put_metric_alarm(
        AlarmName="rate", EvaluationPeriods=1, Threshold=10.0, ComparisonOperator="GreaterThanThreshold",
        Metrics=[
            {"Id": "m", "MetricStat": {"Metric": {"Namespace": "App", "MetricName": "Latency"}, "Period": 60,
                                       "Stat": "SampleCount"}, "ReturnData": False},
            {"Id": "e", "Expression": "m * 10", "ReturnData": True},
        ],
    )  # fmt: skip
    cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Values": [10.0] * 99 + [500.0]}])
    cloud.run(until=60)
    assert state(cw, "p99") == "OK"  # the 99th of 100 values is 10
    assert state(cw, "rate") == "ALARM"  # 100 samples * 10


def test_describe_filters_and_delete(cw: Any) -> None:
    """DescribeAlarms by prefix, state and action prefix, in name order, paged with MaxRecords; DeleteAlarms ignores
    names of no alarm ("the alarms you specify with correct names are still deleted")."""
    for name in ("b", "a", "c"):
        alarm(cw, name, AlarmActions=[f"arn:aws:sns:ap-northeast-2:123456789012:{name}"])
    assert [a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]] == ["a", "b", "c"]
    page = cw.describe_alarms(MaxRecords=2)
    assert [a["AlarmName"] for a in page["MetricAlarms"]] == ["a", "b"]
    rest = cw.describe_alarms(MaxRecords=2, NextToken=page["NextToken"])
    assert [a["AlarmName"] for a in rest["MetricAlarms"]] == ["c"] and "NextToken" not in rest
    assert len(cw.describe_alarms(StateValue="INSUFFICIENT_DATA")["MetricAlarms"]) == 3
    assert [a["AlarmName"] for a in cw.describe_alarms(ActionPrefix="arn:aws:sns:ap-northeast-2:123456789012:b")[
        "MetricAlarms"]] == ["b"]  # fmt: skip
    assert len(cw.describe_alarms_for_metric(Namespace="App", MetricName="Latency")["MetricAlarms"]) == 3
    cw.delete_alarms(AlarmNames=["a", "nope"])
    assert [a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]] == ["b", "c"]


def test_tags(cw: Any) -> None:
    """Tags given at creation and with TagResource/UntagResource, listed by the alarm's ARN."""
    alarm(cw, Tags=[{"Key": "team", "Value": "web"}])
    arn = cw.describe_alarms()["MetricAlarms"][0]["AlarmArn"]
    cw.tag_resource(ResourceARN=arn, Tags=[{"Key": "env", "Value": "prod"}])
    cw.untag_resource(ResourceARN=arn, TagKeys=["team"])
    assert cw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "env", "Value": "prod"}]
    with pytest.raises(ClientError) as err:
        cw.list_tags_for_resource(ResourceARN=arn + "x")
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_same_seed_same_history() -> None:
    """Determinism: the same scenario gives the same alarm history."""

    def run() -> list[tuple[Any, str]]:
        cloud = pocketcloud.Cloud(seed=5)
        cw = cloud.client("cloudwatch")
        alarm(cw, EvaluationPeriods=2, DatapointsToAlarm=1)
        for second in range(0, 900, 45):
            put_at(cloud, cw, second, float(second % 200))
        cloud.run(until=1000)
        items = cw.describe_alarm_history(AlarmName="high")["AlarmHistoryItems"]
        return [(i["Timestamp"], i["HistoryData"]) for i in items]

    first = run()
    assert len(first) > 3 and first == run()


def test_lambda_action_event(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """A Lambda action invokes the function asynchronously as lambda.alarms.cloudwatch.amazonaws.com (its resource
    policy must allow that principal) with the event of the alarms-and-actions-Lambda page: source aws.cloudwatch,
    alarmArn, accountId, time, region, alarmData {alarmName, state, previousState, configuration}.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html
    (aws-lambda-powertools has no parser model for this event; its CloudWatchAlarmEvent data class reads it, and
    the members are compared with the page's sample.)
    """
    from aws_lambda_powertools.utilities.data_classes import CloudWatchAlarmEvent

    from .conftest import make_function

    lam = cloud.client("lambda")
    source = "EVENTS = []\ndef handler(event, context):\n    print('EVENT', __import__('json').dumps(event))\n"
    arn = make_function(lam, "on-alarm", source)["FunctionArn"]
    lam.add_permission(
        FunctionName="on-alarm", StatementId="cw", Action="lambda:InvokeFunction",
        Principal="lambda.alarms.cloudwatch.amazonaws.com",
    )  # fmt: skip
    alarm(cw, AlarmActions=[arn], TreatMissingData="breaching")
    cloud.run(until=61)
    cloud.run()
    logs = cloud.client("logs")
    events = logs.filter_log_events(logGroupName="/aws/lambda/on-alarm", filterPattern="EVENT")["events"]
    (line,) = [e["message"] for e in events]
    event = json.loads(line.split("EVENT", 1)[1])
    assert list(event) == ["source", "alarmArn", "accountId", "time", "region", "alarmData"]
    typed = CloudWatchAlarmEvent(event)
    assert typed.alarm_arn == cw.describe_alarms()["MetricAlarms"][0]["AlarmArn"]
    assert typed.alarm_data.state.reason_data_decoded["threshold"] == 100.0
    assert typed.alarm_data.previous_state.reason == "Unchecked: Initial alarm creation"
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        typed.alarm_data.configuration.metrics[0].metric_id,
    )
    assert event["source"] == "aws.cloudwatch" and event["region"] == "ap-northeast-2"
    assert list(event["alarmData"]) == ["alarmName", "state", "previousState", "configuration"]
    assert event["alarmData"]["state"]["value"] == "ALARM"
    assert event["alarmData"]["previousState"]["value"] == "INSUFFICIENT_DATA"
    stat = event["alarmData"]["configuration"]["metrics"][0]["metricStat"]
    assert stat == {
        "metric": {"namespace": "App", "name": "Latency", "dimensions": {}},
        "period": 60,
        "stat": "Maximum",
    }
    (item,) = cw.describe_alarm_history(AlarmName="high", HistoryItemType="Action")["AlarmHistoryItems"]
    assert item["HistorySummary"] == f"Successfully executed action {arn}"
