"""The Logs operations of metric filters and subscription filters (thin: the rules are in their modules)."""

from __future__ import annotations

from typing import Any

from ...client import operation
from . import metric_filters, subscriptions
from .client_base import LogsClientBase


class FilterOperations(LogsClientBase):
    # -- metric filters ----------------------------------------------------------------------------------------
    @operation("PutMetricFilter")
    def put_metric_filter(self, **params: Any) -> dict[str, Any]:
        """Create or update a metric filter: matching events emit metric data (see :mod:`.metric_filters`).
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html"""
        return metric_filters.put_metric_filter(self._backend, params)

    @operation("DescribeMetricFilters")
    def describe_metric_filters(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeMetricFilters.html"""
        return metric_filters.describe_metric_filters(self._backend, params)

    @operation("DeleteMetricFilter")
    def delete_metric_filter(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteMetricFilter.html"""
        return metric_filters.delete_metric_filter(self._backend, params)

    @operation("TestMetricFilter")
    def test_metric_filter(self, **params: Any) -> dict[str, Any]:
        """Which of up to 50 messages a pattern matches, and what it extracts from them.
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html"""
        return metric_filters.test_metric_filter(params)

    # -- subscription filters ----------------------------------------------------------------------------------
    @operation("PutSubscriptionFilter")
    def put_subscription_filter(self, **params: Any) -> dict[str, Any]:
        """Deliver a group's matching events to a Lambda function (see :mod:`.subscriptions`).
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html"""
        return subscriptions.put_subscription_filter(self._backend, params)

    @operation("DescribeSubscriptionFilters")
    def describe_subscription_filters(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeSubscriptionFilters.html"""
        return subscriptions.describe_subscription_filters(self._backend, params)

    @operation("DeleteSubscriptionFilter")
    def delete_subscription_filter(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteSubscriptionFilter.html"""
        return subscriptions.delete_subscription_filter(self._backend, params)
