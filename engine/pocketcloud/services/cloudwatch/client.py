"""``cloud.client("cloudwatch")``: CloudWatch metrics and metric alarms with boto3's names and shapes.

Metrics come from the cloud's one metric store (``cloud.metrics``, :mod:`pocketcloud.metrics`): every data point a
simulated service emitted (Lambda's Invocations, Errors, Duration …) and every point PutMetricData sent. The reading
operations are GetMetricData (MetricStat queries and metric math, :mod:`.metricdata`, :mod:`.mathexpr`),
GetMetricStatistics (:mod:`.metricstats`, with percentiles and the trimmed-mean family of :mod:`.statistics`) and
ListMetrics (:mod:`.putdata`). Alarms (:mod:`.alarms`) evaluate on the virtual clock (:mod:`.backend`,
:mod:`.evaluation`), keep a history (:mod:`.history`) and send AWS's notification to SNS topics or AWS's event to
Lambda functions (:mod:`.notify`).

Timestamps are virtual: second 0 of the cloud is :data:`pocketcloud.timeutil.EPOCH` (2026-01-01T00:00:00Z), so a
query over the last hour is ``StartTime=to_datetime(cloud.now - 3600), EndTime=to_datetime(cloud.now)`` with
:func:`pocketcloud.timeutil.to_datetime`.

Not simulated (refused by name with a clear message, or not offered): composite alarms, anomaly detection, Metrics
Insights queries, metric streams, dashboards, Contributor Insights. CloudWatch's API answers constraint violations
with ``ValidationError`` ("1 validation error detected: Value ... at 'alarmName' failed to satisfy constraint ...").
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from ...errors import ServiceError
from . import metricdata, metricstats, putdata
from .backend import CloudWatchService


class CloudWatchClient(BaseClient):
    """A boto3-shaped CloudWatch client over the cloud's metric store and its one alarm state."""

    service_name = "cloudwatch"
    validation_error_code = "ValidationError"

    @property
    def _service(self) -> CloudWatchService:
        service: CloudWatchService = self._cloud.backend("cloudwatch", CloudWatchService)
        return service

    # -- metrics ------------------------------------------------------------------------------------------------
    @operation("PutMetricData")
    def put_metric_data(self, **params: Any) -> dict[str, Any]:
        """Publish custom metric data points (Value, Values with Counts, or StatisticValues).
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html"""
        if params.get("EntityMetricData") or params.get("StrictEntityValidation") is not None:
            raise ServiceError("InvalidParameterValue", "pocketcloud does not simulate entity-associated metrics.")
        putdata.put_metric_data(self._cloud.metrics, params, self._cloud.now)
        return {}

    @operation("GetMetricData")
    def get_metric_data(self, **params: Any) -> dict[str, Any]:
        """Read MetricStat queries and metric math expressions over one time range.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html"""
        if params.get("LabelOptions"):
            raise ServiceError("InvalidParameterValue", "pocketcloud does not simulate LabelOptions (time zones).")
        return metricdata.get_metric_data(self._cloud.metrics, params, self._cloud.now)

    @operation("GetMetricStatistics")
    def get_metric_statistics(self, **params: Any) -> dict[str, Any]:
        """The statistics of one metric, one datapoint per period.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html"""
        return metricstats.get_metric_statistics(self._cloud.metrics, params, self._cloud.now)

    @operation("ListMetrics")
    def list_metrics(self, **params: Any) -> dict[str, Any]:
        """The metrics that had data in the past two weeks, 500 a page.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html"""
        return putdata.list_metrics(self._cloud.metrics, params, self._cloud.now, self._cloud.account_id)

    # -- alarms -------------------------------------------------------------------------------------------------
    @operation("PutMetricAlarm")
    def put_metric_alarm(self, **params: Any) -> dict[str, Any]:
        """Create or update a metric alarm (a new one starts in INSUFFICIENT_DATA).
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html"""
        for member in ("EvaluationWindow", "WarmUpConfiguration", "ActionConfiguration"):
            if params.get(member) is not None:
                raise ServiceError("ValidationError", f"pocketcloud does not simulate {member}.")
        self._service.put_metric_alarm(params)
        return {}

    @operation("DescribeAlarms")
    def describe_alarms(self, **params: Any) -> dict[str, Any]:
        """Metric alarms by name, prefix, state or action prefix, in name order.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html"""
        return self._service.describe_alarms(params)

    @operation("DescribeAlarmsForMetric")
    def describe_alarms_for_metric(self, **params: Any) -> dict[str, Any]:
        """The single-metric alarms watching one metric.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmsForMetric.html"""
        return self._service.describe_alarms_for_metric(params)

    @operation("DescribeAlarmHistory")
    def describe_alarm_history(self, **params: Any) -> dict[str, Any]:
        """Configuration updates, state updates and actions of alarms, kept for 30 days.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html"""
        if params.get("AlarmContributorId") is not None:
            raise ServiceError("ValidationError", "pocketcloud does not simulate alarm contributors.")
        return self._service.history_page(params)

    @operation("SetAlarmState")
    def set_alarm_state(self, **params: Any) -> dict[str, Any]:
        """Set an alarm's state until its next evaluation (actions run when the state changes).
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html"""
        self._service.set_alarm_state(params)
        return {}

    @operation("DeleteAlarms")
    def delete_alarms(self, **params: Any) -> dict[str, Any]:
        """Delete up to 100 alarms; unknown names are ignored.
        https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html"""
        self._service.delete_alarms(params["AlarmNames"])
        return {}

    @operation("EnableAlarmActions")
    def enable_alarm_actions(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_EnableAlarmActions.html"""
        self._service.set_actions_enabled(params["AlarmNames"], True)
        return {}

    @operation("DisableAlarmActions")
    def disable_alarm_actions(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DisableAlarmActions.html"""
        self._service.set_actions_enabled(params["AlarmNames"], False)
        return {}

    # -- tags ---------------------------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html"""
        self._service.tag(params["ResourceARN"], params["Tags"])
        return {}

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_UntagResource.html"""
        self._service.untag(params["ResourceARN"], params["TagKeys"])
        return {}

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListTagsForResource.html"""
        return {"Tags": self._service.tags_of(params["ResourceARN"])}
