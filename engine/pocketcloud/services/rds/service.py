"""The DB instances, snapshots and event subscriptions of one cloud, and the RDS operations on them.

Every request is checked whole before anything changes (a refused CreateDBInstance leaves no instance behind, a
refused DeleteDBInstance deletes nothing). Error codes are the model's; messages are AWS's where on record
(moto's RDS backend records ``DBInstance <id> not found.``, ``DB instance already exists``, "Instance <id> is not
in available state."), otherwise the API reference's error description.
"""

from __future__ import annotations

import random
import re
import string
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from . import lifecycle, snapshots
from .events import RdsEvent, emit, event_time
from .identifiers import check, invalid_combination, invalid_value
from .instances import ENGINES, HOSTED_ZONES, DBInstance
from .subscriptions import Subscription, check_categories, check_source_type, not_found

if TYPE_CHECKING:
    from ...cloud import Cloud

_ALNUM = string.ascii_lowercase + string.digits
#: "db.<family>.<size>", the DBInstanceClass shape's pattern (the CreateDBInstance member itself is a plain string).
_INSTANCE_CLASS = re.compile(r"db\.[0-9a-z]{2,6}\.[0-9a-z.]{4,20}")


@dataclass
class Settings:
    """RDS behaviour-model settings of one cloud (``cloud.backend("rds", RdsService).settings``)."""

    timings: lifecycle.Timings = field(default_factory=lifecycle.Timings)


class RdsService:
    """DB instances and snapshots by identifier, subscriptions by name, and the event log."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.settings = Settings()
        self.instances: dict[str, DBInstance] = {}
        self.snapshots: dict[str, snapshots.DBSnapshot] = {}
        self.subscriptions: dict[str, Subscription] = {}
        self.events: deque[RdsEvent] = deque(maxlen=100_000)
        #: Notifications a topic refused: (event, subscription name, reason), so a lab can show why none arrived.
        self.failed_notifications: list[tuple[RdsEvent, str, str]] = []
        rng = random.Random(f"rds-endpoint:{cloud.seed}:{cloud.account_id}:{cloud.region}")
        #: The endpoint's middle part, fixed for the account and Region as on AWS.
        self.endpoint_hash = "".join(rng.choice(_ALNUM) for _ in range(12))

    # -- lookup ----------------------------------------------------------------------------------------------
    def instance(self, identifier: str) -> DBInstance:
        found = self.instances.get(identifier.lower())
        if found is None:
            raise ServiceError("DBInstanceNotFound", f"DBInstance {identifier} not found.", 404)
        return found

    def snapshot(self, identifier: str) -> snapshots.DBSnapshot:
        found = self.snapshots.get(identifier.lower())
        if found is None:
            raise ServiceError("DBSnapshotNotFound", f"DBSnapshot {identifier} not found.", 404)
        return found

    def zones(self) -> list[str]:
        return [f"{self.cloud.region}{suffix}" for suffix in "abcd"]

    def standby_zone(self, primary: str) -> str:
        zones = self.zones()
        return zones[(zones.index(primary) + 1) % len(zones)] if primary in zones else zones[1]

    @staticmethod
    def _require(db: DBInstance, *states: str) -> None:
        if db.status not in states:
            raise ServiceError("InvalidDBInstanceState", f"Instance {db.identifier} is not in available state.", 400)

    # -- DB instances ----------------------------------------------------------------------------------------
    def create_db_instance(self, p: dict[str, Any]) -> dict[str, Any]:
        identifier = check("DBInstanceIdentifier", p["DBInstanceIdentifier"])
        engine = p["Engine"].lower()
        if engine.startswith("aurora") or "DBClusterIdentifier" in p:
            raise invalid_combination("pocketcloud simulates DB instances only; Aurora DB clusters are not simulated")
        if engine not in ENGINES:
            raise invalid_value(f"Invalid DB engine: {p['Engine']}")
        if _INSTANCE_CLASS.fullmatch(p["DBInstanceClass"]) is None:
            raise invalid_value(f"Invalid DB Instance class: {p['DBInstanceClass']}")
        if identifier in self.instances:
            raise ServiceError("DBInstanceAlreadyExists", "DB instance already exists", 400)
        if len(self.instances) >= limits.RDS_MAX_DB_INSTANCES:
            raise ServiceError("InstanceQuotaExceeded", "The request would exceed the user's DB Instance quota.", 400)
        storage = p.get("AllocatedStorage", 20)
        if not 20 <= storage <= 65_536:
            raise invalid_value(f"Invalid storage size for engine name {engine} and storage type gp2: {storage}")
        retention = p.get("BackupRetentionPeriod", 1)
        if not 0 <= retention <= 35:
            raise invalid_value("The backup retention period must be between 0 and 35 days.")
        zone = p.get("AvailabilityZone") or self.zones()[0]
        multi_az = bool(p.get("MultiAZ", False))
        if multi_az and "AvailabilityZone" in p:
            raise invalid_combination("Requesting a specific availability zone is not valid for Multi-AZ instances.")
        if zone not in self.zones():
            raise invalid_value(f"Invalid availability zone: {zone}")
        port, version = ENGINES[engine]
        region, account = self.cloud.region, self.cloud.account_id
        db = DBInstance(
            identifier=identifier,
            arn=f"arn:aws:rds:{region}:{account}:db:{identifier}",
            instance_class=p["DBInstanceClass"],
            engine=engine,
            engine_version=p.get("EngineVersion", version),
            port=p.get("Port", port),
            master_username=p.get("MasterUsername"),
            db_name=p.get("DBName"),
            allocated_storage=storage,
            storage_type=p.get("StorageType", "gp2"),
            multi_az=multi_az,
            availability_zone=zone,
            secondary_zone=self.standby_zone(zone) if multi_az else None,
            backup_retention=retention,
            resource_id="db-" + self.cloud.random_hex(26).upper(),
            address=f"{identifier}.{self.endpoint_hash}.{region}.rds.amazonaws.com",
            hosted_zone=HOSTED_ZONES.get(region, "Z2R2ITUGPM61AM"),
            publicly_accessible=bool(p.get("PubliclyAccessible", False)),
            deletion_protection=bool(p.get("DeletionProtection", False)),
            tags={t["Key"]: t.get("Value", "") for t in p.get("Tags") or []},
        )
        self.instances[identifier] = db
        lifecycle.created(self, db)
        return {"DBInstance": db.describe()}

    def describe_db_instances(self, p: dict[str, Any]) -> dict[str, Any]:
        if "DBInstanceIdentifier" in p:
            found = [self.instance(p["DBInstanceIdentifier"])]
        else:
            found = list(self.instances.values())
        for f in p.get("Filters") or []:
            values = set(f.get("Values", []))
            if f["Name"] in ("db-instance-id", "dbi-resource-id"):
                found = [d for d in found if d.identifier in values or d.arn in values or d.resource_id in values]
            elif f["Name"] == "engine":
                found = [d for d in found if d.engine in values]
            else:
                raise invalid_value(f"Unrecognized filter name: {f['Name']}")
        page, marker = self.page(found, p)
        out: dict[str, Any] = {"DBInstances": [d.describe() for d in page]}
        if marker:
            out["Marker"] = marker
        return out

    def page(self, items: list[Any], p: dict[str, Any]) -> tuple[list[Any], str | None]:
        size = p.get("MaxRecords", limits.RDS_MAX_RECORDS_MAX)
        if not limits.RDS_MAX_RECORDS_MIN <= size <= limits.RDS_MAX_RECORDS_MAX:
            raise invalid_value(
                f"Invalid value for MaxRecords. Must be between {limits.RDS_MAX_RECORDS_MIN} and "
                f"{limits.RDS_MAX_RECORDS_MAX}"
            )
        marker = p.get("Marker")
        start = 0
        if marker:
            if not marker.isdigit() or int(marker) > len(items):
                raise invalid_value(f"Invalid marker: {marker}")
            start = int(marker)
        end = start + size
        return items[start:end], (str(end) if end < len(items) else None)

    def reboot_db_instance(self, p: dict[str, Any]) -> dict[str, Any]:
        db = self.instance(p["DBInstanceIdentifier"])
        failover = bool(p.get("ForceFailover", False))
        self._require(db, "available")
        if failover and not db.multi_az:
            raise invalid_combination("You can't enable force failover if the instance isn't configured for Multi-AZ.")
        lifecycle.reboot(self, db, failover)
        return {"DBInstance": db.describe()}

    def modify_db_instance(self, p: dict[str, Any]) -> dict[str, Any]:
        db = self.instance(p["DBInstanceIdentifier"])
        self._require(db, "available")
        changes: dict[str, Any] = {}
        if "DBInstanceClass" in p and p["DBInstanceClass"] != db.instance_class:
            changes["DBInstanceClass"] = p["DBInstanceClass"]
        if "AllocatedStorage" in p and p["AllocatedStorage"] != db.allocated_storage:
            if p["AllocatedStorage"] < db.allocated_storage:
                raise invalid_value("Invalid storage size: the allocated storage can only be increased.")
            changes["AllocatedStorage"] = p["AllocatedStorage"]
        if "MultiAZ" in p and bool(p["MultiAZ"]) != db.multi_az:
            changes["MultiAZ"] = bool(p["MultiAZ"])
        if "DeletionProtection" in p:
            db.deletion_protection = bool(p["DeletionProtection"])
        if "BackupRetentionPeriod" in p:
            if not 0 <= p["BackupRetentionPeriod"] <= 35:
                raise invalid_value("The backup retention period must be between 0 and 35 days.")
            db.backup_retention = p["BackupRetentionPeriod"]
        if changes:
            if p.get("ApplyImmediately", False):
                lifecycle.modify(self, db, changes)
            else:
                # Applied "during the next maintenance window", which pocketcloud does not run: they stay pending.
                db.pending.update(changes)
        return {"DBInstance": db.describe()}

    def stop_db_instance(self, p: dict[str, Any]) -> dict[str, Any]:
        db = self.instance(p["DBInstanceIdentifier"])
        self._require(db, "available")
        lifecycle.stop(self, db)
        return {"DBInstance": db.describe()}

    def start_db_instance(self, p: dict[str, Any]) -> dict[str, Any]:
        db = self.instance(p["DBInstanceIdentifier"])
        if db.status != "stopped":
            raise ServiceError(
                "InvalidDBInstanceState", f"Instance {db.identifier} is not stopped, it cannot be started."
            )
        lifecycle.start(self, db)
        return {"DBInstance": db.describe()}

    def delete_db_instance(self, p: dict[str, Any]) -> dict[str, Any]:
        """ "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified." (InvalidParameterCombination,
        as AWS answers it); a protected instance cannot be deleted.
        https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html"""
        db = self.instance(p["DBInstanceIdentifier"])
        skip = bool(p.get("SkipFinalSnapshot", False))
        final = p.get("FinalDBSnapshotIdentifier")
        if db.deletion_protection:
            raise invalid_combination(
                "Cannot delete protected DB Instance, please disable deletion protection and try again."
            )
        if db.status in ("deleting",):
            raise ServiceError("InvalidDBInstanceState", f"Instance {db.identifier} is already being deleted.", 400)
        if skip and final is not None:
            raise invalid_combination(
                "FinalDBSnapshotIdentifier cannot be specified when SkipFinalSnapshot is enabled."
            )
        if not skip and final is None:
            raise invalid_combination("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.")
        if final is not None:
            final = check("FinalDBSnapshotIdentifier", final, limits.RDS_SNAPSHOT_IDENTIFIER_MAX)
            if final in self.snapshots:
                raise snapshots.already_exists(final)
            self._require(db, "available", "stopped", "backing-up", "modifying")
            snapshots.start(self, db, final, dict(db.tags), final=True)
        lifecycle.delete(self, db)
        return {"DBInstance": db.describe()}

    # -- snapshots -------------------------------------------------------------------------------------------
    def create_db_snapshot(self, p: dict[str, Any]) -> dict[str, Any]:
        identifier = check("DBSnapshotIdentifier", p["DBSnapshotIdentifier"], limits.RDS_SNAPSHOT_IDENTIFIER_MAX)
        db = self.instance(p["DBInstanceIdentifier"])
        if identifier in self.snapshots:
            raise snapshots.already_exists(identifier)
        self._require(db, "available")
        manual = sum(1 for s in self.snapshots.values() if s.snapshot_type == "manual")
        if manual >= limits.RDS_MAX_MANUAL_SNAPSHOTS:
            raise ServiceError(
                "SnapshotQuotaExceeded",
                "The request cannot be processed because it would exceed the maximum number of snapshots.",
            )
        tags = {t["Key"]: t.get("Value", "") for t in p.get("Tags") or []}
        return {"DBSnapshot": snapshots.start(self, db, identifier, tags, final=False).describe()}

    def describe_db_snapshots(self, p: dict[str, Any]) -> dict[str, Any]:
        if "DBSnapshotIdentifier" in p:
            found = [self.snapshot(p["DBSnapshotIdentifier"])]
        else:
            found = list(self.snapshots.values())
        if "DBInstanceIdentifier" in p:
            wanted = p["DBInstanceIdentifier"].lower()
            found = [s for s in found if s.instance["identifier"] == wanted]
        if p.get("SnapshotType"):
            found = [s for s in found if s.snapshot_type == p["SnapshotType"]]
        page, marker = self.page(found, p)
        out: dict[str, Any] = {"DBSnapshots": [s.describe() for s in page]}
        if marker:
            out["Marker"] = marker
        return out

    def delete_db_snapshot(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"DBSnapshot": snapshots.delete(self, self.snapshot(p["DBSnapshotIdentifier"]))}

    # -- events and subscriptions ----------------------------------------------------------------------------
    def create_event_subscription(self, p: dict[str, Any]) -> dict[str, Any]:
        name = p["SubscriptionName"]
        if not name or len(name) > limits.RDS_SUBSCRIPTION_NAME_MAX:
            raise invalid_value("The parameter SubscriptionName must be less than 255 characters.")
        source_type = p.get("SourceType")
        check_source_type(source_type)
        source_ids = list(dict.fromkeys(s.lower() for s in p.get("SourceIds") or []))
        if source_ids and source_type is None:
            raise invalid_value("You must specify a source type if you specify a source ID.")
        categories = check_categories(source_type, p.get("EventCategories") or [])
        if name in self.subscriptions:
            raise ServiceError("SubscriptionAlreadyExist", "The supplied subscription name already exists.", 400)
        if len(self.subscriptions) >= limits.RDS_MAX_EVENT_SUBSCRIPTIONS:
            raise ServiceError(
                "EventSubscriptionQuotaExceeded", "You have reached the maximum number of event subscriptions.", 400
            )
        for source_id in source_ids:
            self._check_source(source_type, source_id)
        topic = self._check_topic(p["SnsTopicArn"])
        region, account = self.cloud.region, self.cloud.account_id
        subscription = Subscription(
            name=name,
            arn=f"arn:aws:rds:{region}:{account}:es:{name}",
            account=account,
            topic_arn=topic,
            created=event_time(self.cloud.now),
            source_type=source_type,
            source_ids=source_ids,
            categories=categories,
            enabled=bool(p.get("Enabled", True)),
            tags={t["Key"]: t.get("Value", "") for t in p.get("Tags") or []},
        )
        self.subscriptions[name] = subscription
        return {"EventSubscription": subscription.describe()}

    def _check_source(self, source_type: str | None, source_id: str) -> None:
        exists = (source_type == "db-instance" and source_id in self.instances) or (
            source_type == "db-snapshot" and source_id in self.snapshots
        )
        if not exists:
            raise ServiceError("SourceNotFound", "The requested source could not be found.", 404)

    def _check_topic(self, arn: str) -> str:
        from ...errors import ClientError

        parts = arn.split(":")
        if len(parts) != 6 or parts[:3] != ["arn", "aws", "sns"]:
            raise ServiceError(
                "SNSInvalidTopic", "SNS has responded that there is a problem with the SNS topic specified."
            )
        try:
            sns: Any = self.cloud.client("sns")
            sns.get_topic_attributes(TopicArn=arn)
        except ClientError:
            raise ServiceError("SNSTopicArnNotFound", "The SNS topic ARN does not exist.", 404) from None
        return arn

    def subscription(self, name: str) -> Subscription:
        found = self.subscriptions.get(name)
        if found is None:
            raise not_found(name)
        return found

    def describe_event_subscriptions(self, p: dict[str, Any]) -> dict[str, Any]:
        found = (
            [self.subscription(p["SubscriptionName"])] if "SubscriptionName" in p else list(self.subscriptions.values())
        )
        page, marker = self.page(found, p)
        out: dict[str, Any] = {"EventSubscriptionsList": [s.describe() for s in page]}
        if marker:
            out["Marker"] = marker
        return out

    def modify_event_subscription(self, p: dict[str, Any]) -> dict[str, Any]:
        found = self.subscription(p["SubscriptionName"])
        source_type = p.get("SourceType", found.source_type)
        check_source_type(source_type)
        categories = check_categories(source_type, p["EventCategories"]) if "EventCategories" in p else found.categories
        topic = self._check_topic(p["SnsTopicArn"]) if "SnsTopicArn" in p else found.topic_arn
        found.source_type, found.categories, found.topic_arn = source_type, categories, topic
        if "Enabled" in p:
            found.enabled = bool(p["Enabled"])
        found.status = "active"
        return {"EventSubscription": found.describe()}

    def delete_event_subscription(self, p: dict[str, Any]) -> dict[str, Any]:
        found = self.subscription(p["SubscriptionName"])
        del self.subscriptions[found.name]
        described = found.describe()
        described["Status"] = "deleting"
        return {"EventSubscription": described}

    def add_source_identifier(self, p: dict[str, Any]) -> dict[str, Any]:
        found = self.subscription(p["SubscriptionName"])
        source_id = p["SourceIdentifier"].lower()
        self._check_source(found.source_type, source_id)
        if source_id not in found.source_ids:
            found.source_ids.append(source_id)
        return {"EventSubscription": found.describe()}

    def remove_source_identifier(self, p: dict[str, Any]) -> dict[str, Any]:
        found = self.subscription(p["SubscriptionName"])
        source_id = p["SourceIdentifier"].lower()
        if source_id not in found.source_ids:
            raise ServiceError("SourceNotFound", "The requested source could not be found.", 404)
        found.source_ids.remove(source_id)
        return {"EventSubscription": found.describe()}

    def describe_events(self, p: dict[str, Any]) -> dict[str, Any]:
        """Events of the last ``Duration`` minutes (default 60) or between StartTime and EndTime, oldest first,
        never older than 14 days."""
        from ...timeutil import EPOCH_SECONDS

        now = self.cloud.now
        horizon = now - limits.RDS_EVENT_RETENTION_S
        if "StartTime" in p or "EndTime" in p:
            start = p["StartTime"].timestamp() - EPOCH_SECONDS if "StartTime" in p else horizon
            end = p["EndTime"].timestamp() - EPOCH_SECONDS if "EndTime" in p else now
        else:
            start, end = now - 60 * p.get("Duration", limits.RDS_DESCRIBE_EVENTS_DEFAULT_MINUTES), now
        start = max(start, horizon)
        found = [e for e in self.events if start <= e.time <= end]
        if "SourceType" in p:
            found = [e for e in found if e.source_type == p["SourceType"]]
        if "SourceIdentifier" in p:
            if "SourceType" not in p:
                raise invalid_combination("Cannot specify source identifier without source type")
            found = [e for e in found if e.source_id == p["SourceIdentifier"].lower()]
        wanted = {c.lower() for c in p.get("EventCategories") or []}
        if wanted:
            found = [e for e in found if wanted.intersection(e.kind.categories)]
        page, marker = self.page(found, p)
        out: dict[str, Any] = {"Events": [e.describe() for e in page]}
        if marker:
            out["Marker"] = marker
        return out

    def emit(self, source_type: str, source_id: str, source_arn: str, kind: Any) -> RdsEvent:
        return emit(self, source_type, source_id, source_arn, kind)
