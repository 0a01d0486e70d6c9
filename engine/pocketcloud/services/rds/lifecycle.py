"""Status transitions of a DB instance on the virtual clock, with the events RDS sends at each step.

Statuses are AWS's ("Viewing Amazon RDS DB instance status": ``creating``, ``backing-up``, ``available``,
``rebooting``, ``modifying``, ``stopping``, ``stopped``, ``starting``, ``deleting``).
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status

How long each step takes is a **pocketcloud model** (:class:`Timings`, settable per cloud): AWS documents no fixed
figures ("The time required to reboot is a function of the specific database engine's crash recovery process",
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html). The failover timeline is
shaped like published rehearsals of ``reboot-db-instance --force-failover`` (failover started after about 15 s,
"DB instance restarted" after about 30 s, "Multi-AZ instance failover completed" after about a minute, the
instance ``available`` again after well over a minute).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import catalog
from .events import emit

if TYPE_CHECKING:
    from .instances import DBInstance
    from .service import RdsService


@dataclass
class Timings:
    """Model durations in virtual seconds (see the module docstring)."""

    create_s: float = 240.0
    first_backup_s: float = 60.0
    reboot_s: float = 30.0
    failover_started_s: float = 15.0
    failover_restarted_s: float = 32.0
    failover_completed_s: float = 55.0
    failover_available_s: float = 75.0
    modify_s: float = 120.0
    stop_s: float = 60.0
    start_s: float = 120.0
    delete_s: float = 60.0
    snapshot_s: float = 90.0


def _at(service: RdsService, delay: float, fn: Callable[..., None], *args: object) -> None:
    service.cloud.kernel.schedule(delay, fn, *args)


def instance_event(service: RdsService, db: DBInstance, kind: catalog.EventKind) -> None:
    emit(service, "db-instance", db.identifier, db.arn, kind)


def _alive(service: RdsService, db: DBInstance) -> bool:
    return service.instances.get(db.identifier) is db


def created(service: RdsService, db: DBInstance) -> None:
    """Creation: ``creating`` for ``create_s``, then the first backup (``backing-up``) when backups are on."""
    t = service.settings.timings
    _at(service, t.create_s, _finish_create, service, db)


def _finish_create(service: RdsService, db: DBInstance) -> None:
    if not _alive(service, db):
        return
    db.created_at = service.cloud.now
    instance_event(service, db, catalog.INSTANCE_CREATED)
    if db.backup_retention > 0:
        db.status = "backing-up"
        instance_event(service, db, catalog.INSTANCE_BACKUP_STARTED)
        _at(service, service.settings.timings.first_backup_s, _finish_backup, service, db)
    else:
        db.status = "available"


def _finish_backup(service: RdsService, db: DBInstance) -> None:
    if _alive(service, db):
        db.status = "available"
        instance_event(service, db, catalog.INSTANCE_BACKUP_FINISHED)


def reboot(service: RdsService, db: DBInstance, failover: bool) -> None:
    t = service.settings.timings
    db.status = "rebooting"
    if not failover:
        _at(service, t.reboot_s, _restarted, service, db, True)
        return
    _at(service, t.failover_started_s, _failover_started, service, db)
    _at(service, t.failover_restarted_s, _restarted, service, db, False)
    _at(service, t.failover_completed_s, _failover_completed, service, db)
    _at(service, t.failover_available_s, _available, service, db)


def _failover_started(service: RdsService, db: DBInstance) -> None:
    if _alive(service, db):
        instance_event(service, db, catalog.INSTANCE_FAILOVER_STARTED)


def _restarted(service: RdsService, db: DBInstance, done: bool) -> None:
    if not _alive(service, db):
        return
    if done:
        db.status = "available"
    instance_event(service, db, catalog.INSTANCE_RESTARTED)


def _failover_completed(service: RdsService, db: DBInstance) -> None:
    if not _alive(service, db):
        return
    if db.secondary_zone is not None:  # the standby is the primary now; the endpoint does not change
        db.availability_zone, db.secondary_zone = db.secondary_zone, db.availability_zone
    instance_event(service, db, catalog.INSTANCE_FAILOVER_COMPLETED)


def _available(service: RdsService, db: DBInstance) -> None:
    if _alive(service, db):
        db.status = "available"


def modify(service: RdsService, db: DBInstance, changes: dict[str, object]) -> None:
    """ApplyImmediately: ``modifying`` with the "being changed" events now and the "changed" ones when done."""
    db.status = "modifying"
    starting, finishing = [], []
    if "DBInstanceClass" in changes:
        starting.append(catalog.INSTANCE_CLASS_CHANGING)
        finishing.append(catalog.INSTANCE_CLASS_CHANGED)
    if "AllocatedStorage" in changes:
        starting.append(catalog.INSTANCE_STORAGE_CHANGING)
        finishing.append(catalog.INSTANCE_STORAGE_CHANGED)
    if "MultiAZ" in changes:
        to_multi = bool(changes["MultiAZ"])
        starting.append(catalog.INSTANCE_CONVERTING_MULTI_AZ if to_multi else catalog.INSTANCE_CONVERTING_SINGLE_AZ)
        finishing.append(catalog.INSTANCE_CONVERTED_MULTI_AZ if to_multi else catalog.INSTANCE_CONVERTED_SINGLE_AZ)
    for kind in starting:
        instance_event(service, db, kind)
    db.pending.update(changes)
    _at(service, service.settings.timings.modify_s, _finish_modify, service, db, finishing)


def _finish_modify(service: RdsService, db: DBInstance, finishing: list[catalog.EventKind]) -> None:
    if not _alive(service, db):
        return
    changes, db.pending = db.pending, {}
    if "DBInstanceClass" in changes:
        db.instance_class = str(changes["DBInstanceClass"])
    if "AllocatedStorage" in changes:
        db.allocated_storage = int(str(changes["AllocatedStorage"]))
    if "MultiAZ" in changes:
        db.multi_az = bool(changes["MultiAZ"])
        db.secondary_zone = service.standby_zone(db.availability_zone) if db.multi_az else None
    db.status = "available"
    for kind in finishing:
        instance_event(service, db, kind)


def stop(service: RdsService, db: DBInstance) -> None:
    db.status = "stopping"
    _at(service, service.settings.timings.stop_s, _stopped, service, db)


def _stopped(service: RdsService, db: DBInstance) -> None:
    if _alive(service, db):
        db.status = "stopped"
        instance_event(service, db, catalog.INSTANCE_STOPPED)


def start(service: RdsService, db: DBInstance) -> None:
    db.status = "starting"
    _at(service, service.settings.timings.start_s, _started, service, db)


def _started(service: RdsService, db: DBInstance) -> None:
    if _alive(service, db):
        db.status = "available"
        instance_event(service, db, catalog.INSTANCE_STARTED)


def delete(service: RdsService, db: DBInstance) -> None:
    db.status = "deleting"
    _at(service, service.settings.timings.delete_s, _deleted, service, db)


def _deleted(service: RdsService, db: DBInstance) -> None:
    if _alive(service, db):
        del service.instances[db.identifier]
        instance_event(service, db, catalog.INSTANCE_DELETED)
