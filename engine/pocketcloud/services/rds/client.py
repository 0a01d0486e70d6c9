"""``cloud.client("rds")``: Amazon RDS DB instances, snapshots and event notifications with boto3's names.

RDS speaks the Query protocol. It answers bad values with ``InvalidParameterValue`` and conflicting ones with
``InvalidParameterCombination`` (e.g. "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is
specified."), so the model's front-end constraint checks (a DBInstanceClass that is not ``db.<family>.<size>``,
an over-long string) answer with ``InvalidParameterValue`` too: ``validation_error_code``. The "N validation
errors detected" wording of those is pocketcloud's (RDS's exact text for them is not on record).

Simulated: DB instances (no SQL engine: a lifecycle model for events), manual snapshots, event subscriptions to
SNS, DescribeEvents, tags. Not simulated: Aurora DB clusters, read replicas, parameter/option/subnet groups,
automated backups and point-in-time restore, maintenance windows (pending modifications stay pending).
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from ...errors import ServiceError
from .catalog import CATEGORIES
from .service import RdsService


class RdsClient(BaseClient):
    """A boto3-shaped RDS client. Every call goes to the cloud's one RDS state."""

    service_name = "rds"
    validation_error_code = "InvalidParameterValue"

    @property
    def _service(self) -> RdsService:
        service: RdsService = self._cloud.backend("rds", RdsService)
        return service

    # -- DB instances ----------------------------------------------------------------------------------------
    @operation("CreateDBInstance")
    def create_db_instance(self, **params: Any) -> dict[str, Any]:
        """Create a DB instance: ``creating``, then (with backups on) ``backing-up``, then ``available``."""
        return self._service.create_db_instance(params)

    @operation("DescribeDBInstances")
    def describe_db_instances(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_db_instances(params)

    @operation("ModifyDBInstance")
    def modify_db_instance(self, **params: Any) -> dict[str, Any]:
        """DBInstanceClass, AllocatedStorage and MultiAZ (with ApplyImmediately), DeletionProtection, backups."""
        return self._service.modify_db_instance(params)

    @operation("RebootDBInstance")
    def reboot_db_instance(self, **params: Any) -> dict[str, Any]:
        """Reboot; ``ForceFailover=True`` on a Multi-AZ instance fails over to the standby."""
        return self._service.reboot_db_instance(params)

    @operation("StopDBInstance")
    def stop_db_instance(self, **params: Any) -> dict[str, Any]:
        return self._service.stop_db_instance(params)

    @operation("StartDBInstance")
    def start_db_instance(self, **params: Any) -> dict[str, Any]:
        return self._service.start_db_instance(params)

    @operation("DeleteDBInstance")
    def delete_db_instance(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_db_instance(params)

    # -- snapshots -------------------------------------------------------------------------------------------
    @operation("CreateDBSnapshot")
    def create_db_snapshot(self, **params: Any) -> dict[str, Any]:
        return self._service.create_db_snapshot(params)

    @operation("DescribeDBSnapshots")
    def describe_db_snapshots(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_db_snapshots(params)

    @operation("DeleteDBSnapshot")
    def delete_db_snapshot(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_db_snapshot(params)

    # -- events ----------------------------------------------------------------------------------------------
    @operation("CreateEventSubscription")
    def create_event_subscription(self, **params: Any) -> dict[str, Any]:
        """Send matching RDS events to an SNS topic (subscribe a Lambda function to the topic to run code)."""
        return self._service.create_event_subscription(params)

    @operation("DescribeEventSubscriptions")
    def describe_event_subscriptions(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_event_subscriptions(params)

    @operation("ModifyEventSubscription")
    def modify_event_subscription(self, **params: Any) -> dict[str, Any]:
        return self._service.modify_event_subscription(params)

    @operation("DeleteEventSubscription")
    def delete_event_subscription(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_event_subscription(params)

    @operation("AddSourceIdentifierToSubscription")
    def add_source_identifier_to_subscription(self, **params: Any) -> dict[str, Any]:
        return self._service.add_source_identifier(params)

    @operation("RemoveSourceIdentifierFromSubscription")
    def remove_source_identifier_from_subscription(self, **params: Any) -> dict[str, Any]:
        return self._service.remove_source_identifier(params)

    @operation("DescribeEventCategories")
    def describe_event_categories(self, **params: Any) -> dict[str, Any]:
        source_type = params.get("SourceType")
        if source_type is not None and source_type not in CATEGORIES:
            raise ServiceError("InvalidParameterValue", f"Invalid source type: {source_type}", 400)
        types = [source_type] if source_type else list(CATEGORIES)
        return {
            "EventCategoriesMapList": [
                {"SourceType": t, "EventCategories": list(CATEGORIES[t])} for t in types if t is not None
            ]
        }

    @operation("DescribeEvents")
    def describe_events(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_events(params)

    # -- tags ------------------------------------------------------------------------------------------------
    def _tagged(self, arn: str) -> Any:
        parts = arn.split(":")
        if len(parts) != 7 or parts[:3] != ["arn", "aws", "rds"]:
            raise ServiceError("InvalidParameterValue", f"Invalid resource name: {arn}", 400)
        kind, name = parts[5], parts[6]
        if kind == "db":
            return self._service.instance(name)
        if kind == "snapshot":
            return self._service.snapshot(name)
        if kind == "es":
            return self._service.subscription(name)
        raise ServiceError("InvalidParameterValue", f"Invalid resource name: {arn}", 400)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        found = self._tagged(params["ResourceName"])
        return {"TagList": [{"Key": k, "Value": v} for k, v in found.tags.items()]}

    @operation("AddTagsToResource")
    def add_tags_to_resource(self, **params: Any) -> dict[str, Any]:
        found = self._tagged(params["ResourceName"])
        merged = {**found.tags, **{t["Key"]: t.get("Value", "") for t in params["Tags"]}}
        if len(merged) > 50:
            raise ServiceError("TagQuotaPerResourceExceeded", "Cannot add more than 50 tags to a resource.", 400)
        found.tags = merged
        return {}

    @operation("RemoveTagsFromResource")
    def remove_tags_from_resource(self, **params: Any) -> dict[str, Any]:
        found = self._tagged(params["ResourceName"])
        for key in params["TagKeys"]:
            found.tags.pop(key, None)
        return {}
