"""Manual DB snapshots: CreateDBSnapshot, DescribeDBSnapshots, DeleteDBSnapshot, and the final snapshot of
DeleteDBInstance.

A snapshot is ``creating`` for ``Timings.snapshot_s`` while its instance is ``backing-up`` ("Creating a DB snapshot
... Your DB instance status is backing-up while the snapshot is being created"), then ``available``, with the DB
snapshot events "Creating manual snapshot" (RDS-EVENT-0040) and "Manual snapshot created" (RDS-EVENT-0042).
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CreateSnapshot.html
Only the instance's metadata is kept: there is no data to snapshot in pocketcloud.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import to_datetime
from . import catalog
from .events import emit

if TYPE_CHECKING:
    from .instances import DBInstance
    from .service import RdsService


@dataclass
class DBSnapshot:
    identifier: str
    arn: str
    instance: dict[str, Any]  # what the snapshot remembers of its instance
    snapshot_type: str
    created_at: float
    status: str = "creating"
    tags: dict[str, str] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        i = self.instance
        out: dict[str, Any] = {
            "DBSnapshotIdentifier": self.identifier,
            "DBInstanceIdentifier": i["identifier"],
            "SnapshotCreateTime": to_datetime(self.created_at),
            "Engine": i["engine"],
            "AllocatedStorage": i["allocated_storage"],
            "Status": self.status,
            "Port": i["port"],
            "AvailabilityZone": i["availability_zone"],
            "InstanceCreateTime": to_datetime(i["created_at"]),
            "EngineVersion": i["engine_version"],
            "LicenseModel": i["license_model"],
            "SnapshotType": self.snapshot_type,
            "PercentProgress": 100 if self.status == "available" else 0,
            "StorageType": i["storage_type"],
            "Encrypted": False,
            "DBSnapshotArn": self.arn,
            "IAMDatabaseAuthenticationEnabled": False,
            "DbiResourceId": i["resource_id"],
            "TagList": [{"Key": k, "Value": v} for k, v in self.tags.items()],
        }
        if i.get("master_username") is not None:
            out["MasterUsername"] = i["master_username"]
        return out


def already_exists(identifier: str) -> ServiceError:
    """moto records AWS's text: "Cannot create the snapshot because a snapshot with the identifier ... already
    exists." """
    return ServiceError(
        "DBSnapshotAlreadyExists",
        f"Cannot create the snapshot because a snapshot with the identifier {identifier} already exists.",
        400,
    )


def start(service: RdsService, db: DBInstance, identifier: str, tags: dict[str, str], *, final: bool) -> DBSnapshot:
    """Record a new manual snapshot of ``db`` and finish it after ``snapshot_s`` (at once for a final snapshot,
    which DeleteDBInstance takes before the instance goes)."""
    from .instances import license_model

    arn = f"arn:aws:rds:{service.cloud.region}:{service.cloud.account_id}:snapshot:{identifier}"
    remembered = {
        "identifier": db.identifier,
        "engine": db.engine,
        "engine_version": db.engine_version,
        "allocated_storage": db.allocated_storage,
        "port": db.port,
        "availability_zone": db.availability_zone,
        "created_at": db.created_at if db.created_at is not None else service.cloud.now,
        "license_model": license_model(db.engine),
        "storage_type": db.storage_type,
        "resource_id": db.resource_id,
        "master_username": db.master_username,
    }
    snapshot = DBSnapshot(identifier, arn, remembered, "manual", service.cloud.now, tags=tags)
    service.snapshots[identifier] = snapshot
    emit(service, "db-snapshot", identifier, arn, catalog.SNAPSHOT_CREATING)
    if final:
        _finish(service, snapshot, None)
    else:
        db.status = "backing-up"
        service.cloud.kernel.schedule(service.settings.timings.snapshot_s, _finish, service, snapshot, db)
    return snapshot


def _finish(service: RdsService, snapshot: DBSnapshot, db: DBInstance | None) -> None:
    if service.snapshots.get(snapshot.identifier) is not snapshot:
        return
    snapshot.status = "available"
    if db is not None and service.instances.get(db.identifier) is db and db.status == "backing-up":
        db.status = "available"
    emit(service, "db-snapshot", snapshot.identifier, snapshot.arn, catalog.SNAPSHOT_CREATED)


def delete(service: RdsService, snapshot: DBSnapshot) -> dict[str, Any]:
    if snapshot.status != "available":
        raise ServiceError(
            "InvalidDBSnapshotState", f"Cannot delete the snapshot because it is in {snapshot.status} state.", 400
        )
    del service.snapshots[snapshot.identifier]
    snapshot.status = "deleted"
    emit(service, "db-snapshot", snapshot.identifier, snapshot.arn, catalog.SNAPSHOT_DELETED)
    return snapshot.describe()
