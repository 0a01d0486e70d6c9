"""One DB instance: what CreateDBInstance records and how DescribeDBInstances shows it.

Engines and their default ports (CreateDBInstance "Port": MySQL/MariaDB 3306, PostgreSQL 5432, Oracle 1521, SQL
Server 1433) and default engine versions are those of the API reference; the endpoint address is
``<identifier>.<12 characters>.<region>.rds.amazonaws.com``, where the middle part is the same for every instance of
one account in one Region ("mydbinstance.123456789012.us-east-1.rds.amazonaws.com" in
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Endpoint.html shows the shape; real ones read
``cg034hpkmmjt``), and it only appears once the instance is no longer ``creating``.
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...timeutil import to_datetime

#: Engine -> (default port, default engine version). Aurora engines make cluster instances, which pocketcloud does
#: not simulate.
ENGINES: dict[str, tuple[int, str]] = {
    "mysql": (3306, "8.0.40"),
    "mariadb": (3306, "10.11.10"),
    "postgres": (5432, "16.6"),
    "oracle-ee": (1521, "19.0.0.0.ru-2024-10.rur-2024-10.r1"),
    "oracle-se2": (1521, "19.0.0.0.ru-2024-10.rur-2024-10.r1"),
    "sqlserver-ex": (1433, "16.00.4165.4.v1"),
    "sqlserver-web": (1433, "16.00.4165.4.v1"),
    "sqlserver-se": (1433, "16.00.4165.4.v1"),
    "sqlserver-ee": (1433, "16.00.4165.4.v1"),
    "db2-se": (50000, "11.5.9.0.sb00000000.r1"),
    "db2-ae": (50000, "11.5.9.0.sb00000000.r1"),
}

#: The Route 53 hosted zone of RDS endpoints in each Region (Seoul's and N. Virginia's), as Endpoint.HostedZoneId
#: reports it. https://docs.aws.amazon.com/general/latest/gr/rds-service.html
HOSTED_ZONES = {"ap-northeast-2": "ZLA2NUCOLGUUR", "us-east-1": "Z2R2ITUGPM61AM"}


def license_model(engine: str) -> str:
    """CreateDBInstance LicenseModel's defaults: "RDS for MariaDB / MySQL - general-public-license", "RDS for
    PostgreSQL - postgresql-license", Oracle and SQL Server "license-included", Db2 "bring-your-own-license"."""
    if engine in ("mysql", "mariadb"):
        return "general-public-license"
    if engine == "postgres":
        return "postgresql-license"
    if engine.startswith("db2"):
        return "bring-your-own-license"
    return "license-included"


@dataclass
class DBInstance:
    identifier: str
    arn: str
    instance_class: str
    engine: str
    engine_version: str
    port: int
    master_username: str | None
    db_name: str | None
    allocated_storage: int
    storage_type: str
    multi_az: bool
    availability_zone: str
    secondary_zone: str | None
    backup_retention: int
    resource_id: str
    address: str
    hosted_zone: str
    publicly_accessible: bool
    deletion_protection: bool
    tags: dict[str, str] = field(default_factory=dict)
    status: str = "creating"
    created_at: float | None = None
    #: Modifications waiting for the next maintenance window (ApplyImmediately=False), as PendingModifiedValues.
    pending: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The ``DBInstance`` structure of DescribeDBInstances (Endpoint once the instance has been created)."""
        out: dict[str, Any] = {
            "DBInstanceIdentifier": self.identifier,
            "DBInstanceClass": self.instance_class,
            "Engine": self.engine,
            "DBInstanceStatus": self.status,
        }
        if self.master_username is not None:
            out["MasterUsername"] = self.master_username
        if self.db_name is not None:
            out["DBName"] = self.db_name
        if self.created_at is not None:
            out["Endpoint"] = {"Address": self.address, "Port": self.port, "HostedZoneId": self.hosted_zone}
        out["AllocatedStorage"] = self.allocated_storage
        if self.created_at is not None:
            out["InstanceCreateTime"] = to_datetime(self.created_at)
        out.update(
            {
                "PreferredBackupWindow": "17:00-17:30",
                "BackupRetentionPeriod": self.backup_retention,
                "DBSecurityGroups": [],
                "VpcSecurityGroups": [],
                "DBParameterGroups": [
                    {"DBParameterGroupName": f"default.{self.engine}", "ParameterApplyStatus": "in-sync"}
                ],
                "AvailabilityZone": self.availability_zone,
                "PreferredMaintenanceWindow": "sun:18:00-sun:18:30",
                "PendingModifiedValues": dict(self.pending),
                "MultiAZ": self.multi_az,
                "EngineVersion": self.engine_version,
                "AutoMinorVersionUpgrade": True,
                "ReadReplicaDBInstanceIdentifiers": [],
                "LicenseModel": license_model(self.engine),
            }
        )
        if self.secondary_zone is not None:
            out["SecondaryAvailabilityZone"] = self.secondary_zone
        out.update(
            {
                "PubliclyAccessible": self.publicly_accessible,
                "StorageType": self.storage_type,
                "DbInstancePort": 0,
                "StorageEncrypted": False,
                "DbiResourceId": self.resource_id,
                "CopyTagsToSnapshot": False,
                "DBInstanceArn": self.arn,
                "DeletionProtection": self.deletion_protection,
                "TagList": [{"Key": k, "Value": v} for k, v in self.tags.items()],
            }
        )
        return out
