"""What an alarm sends when it changes state: the SNS notification, the Lambda event, and who sends them.

The SNS message is the JSON CloudWatch publishes to a topic, member by member as real notifications carry it
(aws/aws-lambda-go's events/testdata/cloudwatch-alarm-sns-payload-single-metric.json and
-multiple-metrics.json, and notifications users published in 2022 to 2025):
``AlarmName``, ``AlarmDescription`` (null when unset), ``AWSAccountId``, ``AlarmConfigurationUpdatedTimestamp``,
``NewStateValue``, ``NewStateReason``, ``StateChangeTime``, ``Region`` (the Region's name, "Asia Pacific (Seoul)"),
``AlarmArn``, ``OldStateValue``, ``OKActions``, ``AlarmActions``, ``InsufficientDataActions`` and ``Trigger``:
``MetricName``, ``Namespace``, ``StatisticType`` ("Statistic" or "ExtendedStatistic"), ``Statistic`` in capitals
("AVERAGE", "SAMPLE_COUNT") or ``ExtendedStatistic`` ("p99"), ``Unit`` (null when unset), ``Dimensions`` as
``{"value", "name"}`` pairs, ``Period``, ``EvaluationPeriods``, ``DatapointsToAlarm`` (when set),
``ComparisonOperator``, ``Threshold``, ``TreatMissingData``, ``EvaluateLowSampleCountPercentile`` ("" when unset);
a metric math alarm's Trigger has ``Metrics`` instead of the metric members. Timestamps are
``2026-01-01T00:01:00.000+0000``. The Subject is ``ALARM: "name" in Asia Pacific (Seoul)``; SNS takes subjects of
fewer than 100 characters, so a long alarm name is cut there (pocketcloud's rule: AWS documents none).

CloudWatch publishes as ``cloudwatch.amazonaws.com`` for the account (``aws:SourceOwner``), which the default topic
policy accepts, and invokes Lambda functions asynchronously as ``lambda.alarms.cloudwatch.amazonaws.com`` with the
alarm's ARN as the source: the function's resource policy must allow that principal, as on AWS
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html, whose event
``{"source": "aws.cloudwatch", "alarmArn", "accountId", "time", "region", "alarmData": {...}}`` is built here).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...alarm_actions import AlarmActionError, AlarmActionEvent, register_alarm_action
from ...errors import ClientError
from ...timeutil import last_modified
from .alarms import Alarm

if TYPE_CHECKING:
    from ...cloud import Cloud

PRINCIPAL = "cloudwatch.amazonaws.com"
LAMBDA_PRINCIPAL = "lambda.alarms.cloudwatch.amazonaws.com"
SUBJECT_MAX = 99

#: Region names as AWS's consoles and notifications print them.
#: https://docs.aws.amazon.com/general/latest/gr/cw_region.html
REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)", "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)", "af-south-1": "Africa (Cape Town)", "ap-east-1": "Asia Pacific (Hong Kong)",
    "ap-south-1": "Asia Pacific (Mumbai)", "ap-south-2": "Asia Pacific (Hyderabad)",
    "ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-southeast-3": "Asia Pacific (Jakarta)", "ap-southeast-4": "Asia Pacific (Melbourne)",
    "ap-northeast-1": "Asia Pacific (Tokyo)", "ap-northeast-2": "Asia Pacific (Seoul)",
    "ap-northeast-3": "Asia Pacific (Osaka)", "ca-central-1": "Canada (Central)", "ca-west-1": "Canada West (Calgary)",
    "eu-central-1": "Europe (Frankfurt)", "eu-central-2": "Europe (Zurich)", "eu-west-1": "Europe (Ireland)",
    "eu-west-2": "Europe (London)", "eu-west-3": "Europe (Paris)", "eu-south-1": "Europe (Milan)",
    "eu-south-2": "Europe (Spain)", "eu-north-1": "Europe (Stockholm)", "il-central-1": "Israel (Tel Aviv)",
    "me-south-1": "Middle East (Bahrain)", "me-central-1": "Middle East (UAE)",
    "sa-east-1": "South America (Sao Paulo)",
}  # fmt: skip

_STATISTIC_NAMES = {"SampleCount": "SAMPLE_COUNT"}


def region_name(region: str) -> str:
    return REGION_NAMES.get(region, region)


def trigger(alarm: Alarm) -> dict[str, Any]:
    p = alarm.params
    out: dict[str, Any] = {}
    if alarm.query is not None:
        out["MetricName"] = p["MetricName"]
        out["Namespace"] = p["Namespace"]
        if "ExtendedStatistic" in p:
            out["StatisticType"] = "ExtendedStatistic"
            out["ExtendedStatistic"] = p["ExtendedStatistic"]
        else:
            out["StatisticType"] = "Statistic"
            out["Statistic"] = _STATISTIC_NAMES.get(p["Statistic"], p["Statistic"].upper())
        out["Unit"] = p.get("Unit")
        out["Dimensions"] = [{"value": d["Value"], "name": d["Name"]} for d in p.get("Dimensions") or []]
    out["Period"] = alarm.period
    out["EvaluationPeriods"] = p["EvaluationPeriods"]
    if "DatapointsToAlarm" in p:
        out["DatapointsToAlarm"] = p["DatapointsToAlarm"]
    out["ComparisonOperator"] = p["ComparisonOperator"]
    out["Threshold"] = float(p["Threshold"])
    out["TreatMissingData"] = alarm.treat_missing
    out["EvaluateLowSampleCountPercentile"] = p.get("EvaluateLowSampleCountPercentile", "")
    if alarm.query is None:
        out["Metrics"] = [_trigger_metric(m) for m in p.get("Metrics") or []]
    return out


def _trigger_metric(metric: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "Expression" in metric:
        out["Expression"] = metric["Expression"]
    out["Id"] = metric["Id"]
    if "Label" in metric:
        out["Label"] = metric["Label"]
    if "MetricStat" in metric:
        stat = metric["MetricStat"]
        inner = stat["Metric"]
        out["MetricStat"] = {
            "Metric": {
                "Dimensions": [{"value": d["Value"], "name": d["Name"]} for d in inner.get("Dimensions") or []],
                "MetricName": inner["MetricName"],
                "Namespace": inner["Namespace"],
            },
            "Period": stat["Period"],
            "Stat": stat["Stat"],
        }
        if "Unit" in stat:
            out["MetricStat"]["Unit"] = stat["Unit"]
    out["ReturnData"] = metric.get("ReturnData", True)
    return out


def sns_message(alarm: Alarm, old: str, account: str, region: str, at: float) -> dict[str, Any]:
    """The notification JSON (as a dict) for the alarm's current state, changed from ``old`` at ``at``."""
    p = alarm.params
    return {
        "AlarmName": alarm.name,
        "AlarmDescription": p.get("AlarmDescription"),
        "AWSAccountId": account,
        "AlarmConfigurationUpdatedTimestamp": last_modified(alarm.updated_at),
        "NewStateValue": alarm.state,
        "NewStateReason": alarm.reason,
        "StateChangeTime": last_modified(at),
        "Region": region_name(region),
        "AlarmArn": alarm.arn,
        "OldStateValue": old,
        "OKActions": list(p.get("OKActions") or []),
        "AlarmActions": list(p.get("AlarmActions") or []),
        "InsufficientDataActions": list(p.get("InsufficientDataActions") or []),
        "Trigger": trigger(alarm),
    }


def subject(name: str, state: str, region: str) -> str:
    tail = f'" in {region_name(region)}'
    head = f'{state}: "'
    room = SUBJECT_MAX - len(head) - len(tail)
    shown = name if len(name) <= room else name[: max(room - 3, 0)] + "..."
    return head + shown + tail


def lambda_event(alarm: Alarm, previous: dict[str, Any], account: str, region: str, at: float) -> dict[str, Any]:
    """The event an alarm's Lambda action delivers (the alarms-and-actions-Lambda page's sample, member by member)."""
    state: dict[str, Any] = {"value": alarm.state, "reason": alarm.reason}
    if alarm.reason_data is not None:
        state["reasonData"] = alarm.reason_data
    state["timestamp"] = last_modified(at)
    configuration: dict[str, Any] = {}
    if "AlarmDescription" in alarm.params:
        configuration["description"] = alarm.params["AlarmDescription"]
    if alarm.query is not None:
        stat: dict[str, Any] = {
            "metric": {
                "namespace": alarm.query.namespace,
                "name": alarm.query.name,
                "dimensions": dict(alarm.query.dims),
            },
            "period": alarm.query.period,
            "stat": alarm.query.stat.text,
        }
        if alarm.query.unit is not None:
            stat["unit"] = alarm.query.unit
        configuration["metrics"] = [{"id": alarm.metric_uuid, "metricStat": stat, "returnData": True}]
    else:
        configuration["metrics"] = [_lambda_metric(m) for m in alarm.params.get("Metrics") or []]
    return {
        "source": "aws.cloudwatch",
        "alarmArn": alarm.arn,
        "accountId": account,
        "time": last_modified(at),
        "region": region,
        "alarmData": {
            "alarmName": alarm.name,
            "state": state,
            "previousState": previous,
            "configuration": configuration,
        },
    }


def _lambda_metric(metric: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": metric["Id"]}
    if "MetricStat" in metric:
        stat = metric["MetricStat"]
        inner = stat["Metric"]
        out["metricStat"] = {
            "metric": {
                "namespace": inner["Namespace"],
                "name": inner["MetricName"],
                "dimensions": {d["Name"]: d["Value"] for d in inner.get("Dimensions") or []},
            },
            "period": stat["Period"],
            "stat": stat["Stat"],
        }
        if "Unit" in stat:
            out["metricStat"]["unit"] = stat["Unit"]
    if "Expression" in metric:
        out["expression"] = metric["Expression"]
    if "Label" in metric:
        out["label"] = metric["Label"]
    out["returnData"] = metric.get("ReturnData", True)
    return out


def install(cloud: Cloud, find_alarm: Callable[[str], Alarm | None]) -> None:
    """Register the built-in actions: SNS topics and Lambda functions (through their public clients)."""

    def publish(event: AlarmActionEvent) -> str | None:
        client: Any = cloud.service_client("sns", PRINCIPAL, source_arn=event.alarm_arn, source_owner=cloud.account_id)
        message = json.dumps(event.notification, separators=(",", ":"))
        title = subject(event.alarm_name, event.new_state, cloud.region)
        try:
            client.publish(TopicArn=event.action_arn, Subject=title, Message=message)
        except ClientError as exc:
            raise AlarmActionError(exc.response["Error"]["Message"]) from None
        return message

    def invoke(event: AlarmActionEvent) -> str | None:
        alarm = find_alarm(event.alarm_name)
        if alarm is None:
            raise AlarmActionError("the alarm no longer exists")
        previous: dict[str, Any] = {"value": event.old_state, "reason": event.previous_reason}
        if event.previous_reason_data is not None:
            previous["reasonData"] = event.previous_reason_data
        previous["timestamp"] = last_modified(event.previous_timestamp)
        payload = lambda_event(alarm, previous, cloud.account_id, cloud.region, event.timestamp)
        client: Any = cloud.service_client(
            "lambda", LAMBDA_PRINCIPAL, source_arn=event.alarm_arn, source_account=cloud.account_id
        )
        try:
            client.invoke(FunctionName=event.action_arn, InvocationType="Event", Payload=json.dumps(payload).encode())
        except ClientError as exc:
            raise AlarmActionError(exc.response["Error"]["Message"]) from None
        return None

    register_alarm_action(cloud, "arn:aws:sns:", publish)
    register_alarm_action(cloud, "arn:aws:lambda:", invoke)
