"""Log group administration in the Logs API: retention, tags, resource policies and export tasks to S3."""

from __future__ import annotations

from typing import Any

from ...client import operation
from . import exports, resource_policies, retention, tagging
from .client_base import LogsClientBase


class AdminOperations(LogsClientBase):
    # -- retention ---------------------------------------------------------------------------------------------
    @operation("PutRetentionPolicy")
    def put_retention_policy(self, **params: Any) -> dict[str, Any]:
        """Keep a group's events for ``retentionInDays``; older events expire on the virtual clock.
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html"""
        return retention.put_retention_policy(self._backend, params)

    @operation("DeleteRetentionPolicy")
    def delete_retention_policy(self, **params: Any) -> dict[str, Any]:
        """Keep a group's events forever again.
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteRetentionPolicy.html"""
        return retention.delete_retention_policy(self._backend, params)

    # -- tags ----------------------------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html"""
        return tagging.tag_resource(self._backend, params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_UntagResource.html"""
        return tagging.untag_resource(self._backend, params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html"""
        return tagging.list_tags_for_resource(self._backend, params)

    @operation("TagLogGroup")
    def tag_log_group(self, **params: Any) -> dict[str, Any]:
        """The older, by-name form of TagResource (deprecated by AWS, still answered).
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagLogGroup.html"""
        return tagging.tag_log_group(self._backend, params)

    @operation("UntagLogGroup")
    def untag_log_group(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_UntagLogGroup.html"""
        return tagging.untag_log_group(self._backend, params)

    @operation("ListTagsLogGroup")
    def list_tags_log_group(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsLogGroup.html"""
        return tagging.list_tags_log_group(self._backend, params)

    # -- resource policies ---------------------------------------------------------------------------------------
    @operation("PutResourcePolicy")
    def put_resource_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html"""
        return resource_policies.put_resource_policy(self._backend, params)

    @operation("DescribeResourcePolicies")
    def describe_resource_policies(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeResourcePolicies.html"""
        return resource_policies.describe_resource_policies(self._backend, params)

    @operation("DeleteResourcePolicy")
    def delete_resource_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteResourcePolicy.html"""
        return resource_policies.delete_resource_policy(self._backend, params)

    # -- export tasks --------------------------------------------------------------------------------------------
    @operation("CreateExportTask")
    def create_export_task(self, **params: Any) -> dict[str, Any]:
        """Copy a group's events to an S3 bucket, asynchronously (see :mod:`.exports`).
        https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateExportTask.html"""
        return exports.create_export_task(self._backend, params)

    @operation("DescribeExportTasks")
    def describe_export_tasks(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeExportTasks.html"""
        return exports.describe_export_tasks(self._backend, params)

    @operation("CancelExportTask")
    def cancel_export_task(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CancelExportTask.html"""
        return exports.cancel_export_task(self._backend, params)
