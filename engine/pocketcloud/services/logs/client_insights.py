"""The Logs Insights operations (thin: queries live in :mod:`.insights.queries`)."""

from __future__ import annotations

from typing import Any

from ...client import operation
from .client_base import LogsClientBase
from .insights import queries


class InsightsOperations(LogsClientBase):
    @operation("StartQuery")
    def start_query(self, **params: Any) -> dict[str, Any]:
        """Start a Logs Insights query; ``startTime``/``endTime`` are epoch *seconds*. Poll GetQueryResults.
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html"""
        return queries.start_query(self._backend, params)

    @operation("GetQueryResults")
    def get_query_results(self, **params: Any) -> dict[str, Any]:
        """A query's status, rows and statistics. From outside the simulation it waits (virtually) for the query
        to finish, as a poll loop would. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html"""
        return queries.get_query_results(self._backend, params)

    @operation("StopQuery")
    def stop_query(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StopQuery.html"""
        return queries.stop_query(self._backend, params)

    @operation("DescribeQueries")
    def describe_queries(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeQueries.html"""
        return queries.describe_queries(self._backend, params)

    @operation("GetLogRecord")
    def get_log_record(self, **params: Any) -> dict[str, Any]:
        """Every field of the event a result's ``@ptr`` names.
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogRecord.html"""
        return queries.get_log_record(self._backend, params)

    @operation("GetLogGroupFields")
    def get_log_group_fields(self, **params: Any) -> dict[str, Any]:
        """The fields of a group's recent events, with how often each appears.
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogGroupFields.html"""
        return queries.get_log_group_fields(self._backend, self._group(params), params)

    @operation("PutQueryDefinition")
    def put_query_definition(self, **params: Any) -> dict[str, Any]:
        """Save a query. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutQueryDefinition.html"""
        return queries.put_query_definition(self._backend, params)

    @operation("DescribeQueryDefinitions")
    def describe_query_definitions(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeQueryDefinitions.html"""
        return queries.describe_query_definitions(self._backend, params)

    @operation("DeleteQueryDefinition")
    def delete_query_definition(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteQueryDefinition.html"""
        return queries.delete_query_definition(self._backend, params)
