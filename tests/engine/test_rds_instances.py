"""RDS DB instances as a lifecycle model: statuses on the virtual clock, endpoints, reboot and Multi-AZ failover,
modifications, snapshots, deletion rules, identifier rules and quotas, with RDS's error codes and messages.

Sources (checked 2026-12-03):
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CreateSnapshot.html
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.rds.service import RdsService


def _rds(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("rds")


def _create(rds: Any, name: str = "mydb", **extra: Any) -> dict[str, Any]:
    params = {"DBInstanceIdentifier": name, "DBInstanceClass": "db.t3.micro", "Engine": "postgres"}
    params.update(extra)
    result: dict[str, Any] = rds.create_db_instance(MasterUsername="admin", MasterUserPassword="secret-pw", **params)
    return result["DBInstance"]


def _status(rds: Any, name: str = "mydb") -> str:
    status: str = rds.describe_db_instances(DBInstanceIdentifier=name)["DBInstances"][0]["DBInstanceStatus"]
    return status


def _available(cloud: pocketcloud.Cloud, name: str = "mydb", **extra: Any) -> Any:
    rds = _rds(cloud)
    _create(rds, name, **extra)
    cloud.run(until=cloud.now + 600)
    assert _status(rds, name) == "available"
    return rds


def test_create_goes_creating_backing_up_available(cloud) -> None:
    """A new instance is ``creating`` (no endpoint yet), then takes its first backup (``backing-up``), then is
    ``available``; the identifier is stored lower-cased."""
    rds = _rds(cloud)
    created = _create(rds, "MyDB")
    assert created["DBInstanceIdentifier"] == "mydb"
    assert created["DBInstanceStatus"] == "creating"
    assert "Endpoint" not in created
    timings = cloud.backend("rds", RdsService).settings.timings
    cloud.run(until=timings.create_s + 1)
    assert _status(rds) == "backing-up"
    cloud.run(until=timings.create_s + timings.first_backup_s + 1)
    described = rds.describe_db_instances(DBInstanceIdentifier="mydb")["DBInstances"][0]
    assert described["DBInstanceStatus"] == "available"
    assert described["Endpoint"]["Port"] == 5432
    assert described["DBInstanceArn"] == "arn:aws:rds:ap-northeast-2:123456789012:db:mydb"


def test_no_backup_retention_means_no_first_backup(cloud) -> None:
    rds = _rds(cloud)
    _create(rds, BackupRetentionPeriod=0)
    cloud.run(until=cloud.backend("rds", RdsService).settings.timings.create_s + 1)
    assert _status(rds) == "available"


def test_endpoint_shape_is_shared_per_account_and_region(cloud) -> None:
    """``<id>.<12 characters>.<region>.rds.amazonaws.com``, the middle part the same for every instance of the
    account in the Region. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Endpoint.html"""
    rds = _available(cloud, "one")
    _create(rds, "two")
    cloud.run(until=cloud.now + 600)
    one, two = (rds.describe_db_instances(DBInstanceIdentifier=n)["DBInstances"][0]["Endpoint"] for n in ("one", "two"))
    assert re.fullmatch(r"one\.[a-z0-9]{12}\.ap-northeast-2\.rds\.amazonaws\.com", one["Address"])
    assert one["Address"].split(".")[1] == two["Address"].split(".")[1]


@pytest.mark.parametrize("bad", ["1db", "my--db", "mydb-", "my_db", "a" * 64, ""])
def test_invalid_identifiers_are_refused_and_nothing_is_created(cloud, bad: str) -> None:
    """ "Must contain from 1 to 63 letters, numbers, or hyphens. First character must be a letter. Can't end with a
    hyphen or contain two consecutive hyphens." Answered with InvalidParameterValue in RDS's words."""
    rds = _rds(cloud)
    with pytest.raises(ClientError) as error:
        _create(rds, bad)
    if bad:
        assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
        assert error.value.response["Error"]["Message"] == (
            "The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must begin with a letter; "
            "must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two "
            "consecutive hyphens."
        )
    assert rds.describe_db_instances()["DBInstances"] == []


def test_duplicate_and_missing_instances(cloud) -> None:
    rds = _available(cloud)
    with pytest.raises(rds.exceptions.DBInstanceAlreadyExistsFault):
        _create(rds, "MYDB")
    with pytest.raises(rds.exceptions.DBInstanceNotFoundFault) as error:
        rds.describe_db_instances(DBInstanceIdentifier="nope")
    assert error.value.response["Error"]["Message"] == "DBInstance nope not found."
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_unknown_engine_and_bad_instance_class(cloud) -> None:
    """An engine RDS does not know is InvalidParameterValue; a DBInstanceClass outside the model's pattern
    (``db.<family>.<size>``) is refused with the same code."""
    rds = _rds(cloud)
    with pytest.raises(ClientError) as error:
        _create(rds, Engine="cobol")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(ClientError) as error:
        _create(rds, DBInstanceClass="t3.micro")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert rds.describe_db_instances()["DBInstances"] == []


def test_reboot_goes_rebooting_then_available(cloud) -> None:
    rds = _available(cloud)
    assert rds.reboot_db_instance(DBInstanceIdentifier="mydb")["DBInstance"]["DBInstanceStatus"] == "rebooting"
    with pytest.raises(rds.exceptions.InvalidDBInstanceStateFault):
        rds.reboot_db_instance(DBInstanceIdentifier="mydb")
    cloud.run(until=cloud.now + 31)
    assert _status(rds) == "available"


def test_force_failover_needs_multi_az(cloud) -> None:
    """ "You can't enable force failover if the instance isn't configured for Multi-AZ." """
    rds = _available(cloud)
    with pytest.raises(ClientError) as error:
        rds.reboot_db_instance(DBInstanceIdentifier="mydb", ForceFailover=True)
    assert error.value.response["Error"]["Code"] == "InvalidParameterCombination"
    assert _status(rds) == "available"


def test_failover_swaps_zones_and_keeps_the_endpoint(cloud) -> None:
    """A Multi-AZ failover promotes the standby: the primary Availability Zone becomes the secondary one and the
    endpoint does not change. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html"""
    rds = _available(cloud, MultiAZ=True)
    before = rds.describe_db_instances(DBInstanceIdentifier="mydb")["DBInstances"][0]
    rds.reboot_db_instance(DBInstanceIdentifier="mydb", ForceFailover=True)
    cloud.run(until=cloud.now + 120)
    after = rds.describe_db_instances(DBInstanceIdentifier="mydb")["DBInstances"][0]
    assert after["DBInstanceStatus"] == "available"
    assert after["AvailabilityZone"] == before["SecondaryAvailabilityZone"]
    assert after["SecondaryAvailabilityZone"] == before["AvailabilityZone"]
    assert after["Endpoint"] == before["Endpoint"]


def test_modify_apply_immediately_and_pending(cloud) -> None:
    """With ApplyImmediately the instance is ``modifying`` and then has the new class; without it the change waits
    in PendingModifiedValues (maintenance windows are not simulated)."""
    rds = _available(cloud)
    result = rds.modify_db_instance(DBInstanceIdentifier="mydb", DBInstanceClass="db.t3.small", ApplyImmediately=True)
    assert result["DBInstance"]["DBInstanceStatus"] == "modifying"
    cloud.run(until=cloud.now + 200)
    described = rds.describe_db_instances(DBInstanceIdentifier="mydb")["DBInstances"][0]
    assert (described["DBInstanceClass"], described["DBInstanceStatus"]) == ("db.t3.small", "available")
    rds.modify_db_instance(DBInstanceIdentifier="mydb", DBInstanceClass="db.t3.medium")
    described = rds.describe_db_instances(DBInstanceIdentifier="mydb")["DBInstances"][0]
    assert described["PendingModifiedValues"] == {"DBInstanceClass": "db.t3.medium"}
    assert described["DBInstanceClass"] == "db.t3.small"


def test_stop_and_start(cloud) -> None:
    rds = _available(cloud)
    rds.stop_db_instance(DBInstanceIdentifier="mydb")
    cloud.run(until=cloud.now + 100)
    assert _status(rds) == "stopped"
    with pytest.raises(rds.exceptions.InvalidDBInstanceStateFault):
        rds.reboot_db_instance(DBInstanceIdentifier="mydb")
    rds.start_db_instance(DBInstanceIdentifier="mydb")
    assert _status(rds) == "starting"
    cloud.run(until=cloud.now + 200)
    assert _status(rds) == "available"


def test_delete_needs_a_final_snapshot_decision(cloud) -> None:
    """ "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified." (InvalidParameterCombination,
    as AWS answers it); nothing is deleted by a refused request."""
    rds = _available(cloud)
    with pytest.raises(ClientError) as error:
        rds.delete_db_instance(DBInstanceIdentifier="mydb")
    assert error.value.response["Error"]["Code"] == "InvalidParameterCombination"
    assert error.value.response["Error"]["Message"] == (
        "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified."
    )
    with pytest.raises(ClientError) as error:
        rds.delete_db_instance(DBInstanceIdentifier="mydb", SkipFinalSnapshot=True, FinalDBSnapshotIdentifier="x")
    assert error.value.response["Error"]["Code"] == "InvalidParameterCombination"
    with pytest.raises(ClientError) as error:
        rds.delete_db_instance(DBInstanceIdentifier="mydb", FinalDBSnapshotIdentifier="final--snap")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert "FinalDBSnapshotIdentifier is not a valid identifier" in error.value.response["Error"]["Message"]
    assert _status(rds) == "available"
    assert rds.describe_db_snapshots()["DBSnapshots"] == []


def test_delete_with_final_snapshot(cloud) -> None:
    rds = _available(cloud)
    deleted = rds.delete_db_instance(DBInstanceIdentifier="mydb", FinalDBSnapshotIdentifier="mydb-final")
    assert deleted["DBInstance"]["DBInstanceStatus"] == "deleting"
    snapshot = rds.describe_db_snapshots(DBSnapshotIdentifier="mydb-final")["DBSnapshots"][0]
    assert (snapshot["DBInstanceIdentifier"], snapshot["Status"], snapshot["SnapshotType"]) == (
        "mydb", "available", "manual",
    )  # fmt: skip
    cloud.run(until=cloud.now + 120)
    assert rds.describe_db_instances()["DBInstances"] == []
    assert rds.describe_db_snapshots()["DBSnapshots"][0]["DBSnapshotIdentifier"] == "mydb-final"


def test_deletion_protection(cloud) -> None:
    rds = _available(cloud, DeletionProtection=True)
    with pytest.raises(ClientError) as error:
        rds.delete_db_instance(DBInstanceIdentifier="mydb", SkipFinalSnapshot=True)
    assert error.value.response["Error"]["Message"] == (
        "Cannot delete protected DB Instance, please disable deletion protection and try again."
    )
    rds.modify_db_instance(DBInstanceIdentifier="mydb", DeletionProtection=False)
    rds.delete_db_instance(DBInstanceIdentifier="mydb", SkipFinalSnapshot=True)
    cloud.run(until=cloud.now + 120)
    assert rds.describe_db_instances()["DBInstances"] == []


def test_snapshot_statuses(cloud) -> None:
    """The snapshot is ``creating`` while its instance is ``backing-up``, then both are available; a second
    snapshot with the same identifier is refused (DBSnapshotAlreadyExists)."""
    rds = _available(cloud)
    created = rds.create_db_snapshot(DBSnapshotIdentifier="snap1", DBInstanceIdentifier="mydb")["DBSnapshot"]
    assert created["Status"] == "creating"
    assert _status(rds) == "backing-up"
    with pytest.raises(rds.exceptions.DBSnapshotAlreadyExistsFault) as error:
        rds.create_db_snapshot(DBSnapshotIdentifier="snap1", DBInstanceIdentifier="mydb")
    assert "snapshot with the identifier snap1 already exists" in error.value.response["Error"]["Message"]
    cloud.run(until=cloud.now + 100)
    assert rds.describe_db_snapshots(DBSnapshotIdentifier="snap1")["DBSnapshots"][0]["Status"] == "available"
    assert _status(rds) == "available"
    assert rds.delete_db_snapshot(DBSnapshotIdentifier="snap1")["DBSnapshot"]["Status"] == "deleted"
    with pytest.raises(rds.exceptions.DBSnapshotNotFoundFault):
        rds.describe_db_snapshots(DBSnapshotIdentifier="snap1")


def test_tags(cloud) -> None:
    rds = _available(cloud, Tags=[{"Key": "team", "Value": "data"}])
    arn = "arn:aws:rds:ap-northeast-2:123456789012:db:mydb"
    rds.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "env", "Value": "dev"}])
    assert rds.list_tags_for_resource(ResourceName=arn)["TagList"] == [
        {"Key": "team", "Value": "data"},
        {"Key": "env", "Value": "dev"},
    ]
    rds.remove_tags_from_resource(ResourceName=arn, TagKeys=["team"])
    assert rds.list_tags_for_resource(ResourceName=arn)["TagList"] == [{"Key": "env", "Value": "dev"}]


def test_instance_quota(cloud) -> None:
    """ "DB instances: 40" by default. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html"""
    rds = _rds(cloud)
    for i in range(40):
        _create(rds, f"db{i}")
    with pytest.raises(rds.exceptions.InstanceQuotaExceededFault):
        _create(rds, "db40")


def test_same_seed_same_history() -> None:
    def run() -> tuple[Any, ...]:
        cloud = pocketcloud.Cloud(seed=7)
        rds = _available(cloud, MultiAZ=True)
        rds.reboot_db_instance(DBInstanceIdentifier="mydb", ForceFailover=True)
        cloud.run(until=cloud.now + 120)
        d = rds.describe_db_instances()["DBInstances"][0]
        return (
            d["Endpoint"]["Address"],
            d["DbiResourceId"],
            [e["Message"] for e in rds.describe_events(Duration=60)["Events"]],
        )

    assert run() == run()
