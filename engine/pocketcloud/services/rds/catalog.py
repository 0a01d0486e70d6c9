"""The RDS events pocketcloud emits: event ID, category and message text, as AWS sends them.

The catalog is "Amazon RDS event categories and event messages"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html, checked 2026-12-03). Message
texts are the ones RDS actually puts in its notifications where they are on record: "DB instance created",
"DB instance restarted", "Finished DB Instance backup" (the sample in
https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html), "Multi-AZ instance failover started." and
"Multi-AZ instance failover completed" (as DescribeEvents prints them after ``reboot-db-instance --force-failover``),
"Manual snapshot created" and "Deleted manual snapshot" (the EventBridge sample in
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloudwatch-events.sample.html). Where only the catalog's
description is on record, that description is the message.

``DescribeEventCategories`` answers from :data:`CATEGORIES` (the categories the catalog lists per source type).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    event_id: str
    categories: tuple[str, ...]
    message: str


def _kind(number: int, categories: str, message: str) -> EventKind:
    return EventKind(f"RDS-EVENT-{number:04d}", tuple(c.strip() for c in categories.split(",")), message)


# DB instance events.
INSTANCE_BACKUP_STARTED = _kind(1, "backup", "Backing up DB instance")
INSTANCE_BACKUP_FINISHED = _kind(2, "backup", "Finished DB Instance backup")
INSTANCE_DELETED = _kind(3, "deletion", "DB instance deleted")
INSTANCE_SHUTDOWN = _kind(4, "availability", "DB instance shutdown")
INSTANCE_CREATED = _kind(5, "creation", "DB instance created")
INSTANCE_RESTARTED = _kind(6, "availability", "DB instance restarted")
INSTANCE_CLASS_CHANGING = _kind(12, "configuration change", "Applying modification to database instance class")
INSTANCE_FAILOVER_STARTED = _kind(13, "failover", "Multi-AZ instance failover started.")
INSTANCE_CLASS_CHANGED = _kind(14, "configuration change", "Finished applying modification to DB instance class")
INSTANCE_STORAGE_CHANGING = _kind(
    18, "configuration change", "The current storage settings for this DB instance are being changed."
)
INSTANCE_STORAGE_CHANGED = _kind(17, "configuration change", "The storage settings for this DB instance have changed.")
INSTANCE_CONVERTING_MULTI_AZ = _kind(
    24, "configuration change", "The DB instance is being converted to a Multi-AZ DB instance."
)
INSTANCE_CONVERTED_MULTI_AZ = _kind(
    25, "configuration change", "The DB instance has been converted to a Multi-AZ DB instance."
)
INSTANCE_CONVERTED_SINGLE_AZ = _kind(
    29, "configuration change", "The DB instance has been converted to a Single-AZ DB instance."
)
INSTANCE_CONVERTING_SINGLE_AZ = _kind(
    30, "configuration change", "The DB instance is being converted to a Single-AZ DB instance."
)
INSTANCE_FAILOVER_COMPLETED = _kind(49, "failover", "Multi-AZ instance failover completed")
INSTANCE_STOPPED = _kind(87, "notification", "DB instance stopped")
INSTANCE_STARTED = _kind(88, "notification", "DB instance started")
# DB snapshot events.
SNAPSHOT_CREATING = _kind(40, "creation", "Creating manual snapshot")
SNAPSHOT_DELETED = _kind(41, "deletion", "Deleted manual snapshot")
SNAPSHOT_CREATED = _kind(42, "creation", "Manual snapshot created")

#: Event categories per source type, as the catalog lists them (DescribeEventCategories).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "db-instance": (
        "availability",
        "backup",
        "configuration change",
        "creation",
        "deletion",
        "failover",
        "failure",
        "low storage",
        "maintenance",
        "notification",
        "read replica",
        "recovery",
        "restoration",
        "security",
        "security patching",
    ),
    "db-cluster": ("configuration change", "creation", "failover", "failure", "global failover", "notification"),
    "db-parameter-group": ("configuration change",),
    "db-security-group": ("configuration change", "failure"),
    "db-snapshot": ("creation", "deletion", "notification", "restoration"),
    "db-cluster-snapshot": ("backup",),
    "db-proxy": ("configuration change", "creation", "deletion", "failure"),
    "blue-green-deployment": ("creation", "deletion", "failure", "notification"),
    "custom-engine-version": ("failure",),
}

#: How each source type appears in events: the API's ``SourceType``, EventBridge's ``SourceType``, the
#: EventBridge ``detail-type`` and the console fragment of the SNS "Identifier Link".
SOURCE_TYPES: dict[str, tuple[str, str, str]] = {
    "db-instance": ("DB_INSTANCE", "RDS DB Instance Event", "dbinstance"),
    "db-snapshot": ("SNAPSHOT", "RDS DB Snapshot Event", "snapshot"),
}
