"""The cache clusters and replication groups of one cloud, the ElastiCache operations, and the data-plane
accessor :meth:`ElastiCacheService.resolve` that :mod:`pocketcloud.redis` connects through.

Statuses are AWS's (CacheClusterStatus "available, creating, deleted, deleting, incompatible-network, modifying,
rebooting cluster nodes, restore-failed, snapshotting"; replication groups "creating, available, modifying,
deleting"). How long each step takes is a pocketcloud model (:class:`Timings`): AWS documents no figure.
https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html

Error messages: "The parameter CacheClusterIdentifier is not a valid identifier." for an invalid ID (as the AWS SDKs'
integration tests record it, completed with RDS's wording of the rules), "Cache cluster <id> not found." and "Cache
cluster <id> already exists." (moto's ElastiCache backend); others say what is wrong in pocketcloud's words.
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
from ..awslambda.sandbox import current_clock
from . import endpoints
from .clusters import CacheCluster, CacheNode, ReplicationGroup
from .notifications import CacheEvent, emit
from .store import Keyspace

if TYPE_CHECKING:
    from ...cloud import Cloud

_ID = re.compile(r"[A-Za-z](?:-?[A-Za-z0-9])*")
_VERSIONS = {"redis": "7.1.0", "valkey": "8.0.1", "memcached": "1.6.22"}


@dataclass
class Timings:
    """Model durations in virtual seconds."""

    create_s: float = 180.0
    delete_s: float = 60.0
    reboot_s: float = 30.0
    failover_s: float = 30.0
    modify_s: float = 60.0


@dataclass
class Settings:
    timings: Timings = field(default_factory=Timings)


class EndpointError(Exception):
    """No cache answers at this host and port (``errno``, ``reason`` as a socket reports them)."""

    def __init__(self, errno: int, reason: str) -> None:
        super().__init__(reason)
        self.errno = errno
        self.reason = reason


def invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterValue", message, 400)


def check_id(parameter: str, value: str, max_length: int) -> str:
    if not value or len(value) > max_length or _ID.fullmatch(value) is None:
        raise invalid(
            f"The parameter {parameter} is not a valid identifier. Identifiers must begin with a letter; must "
            "contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two "
            "consecutive hyphens."
        )
    return value.lower()


class ElastiCacheService:
    """Clusters and replication groups by ID, the event log, and the endpoints clients connect to."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.settings = Settings()
        self.clusters: dict[str, CacheCluster] = {}
        self.groups: dict[str, ReplicationGroup] = {}
        self.events: deque[CacheEvent] = deque(maxlen=100_000)
        self.failed_notifications: list[tuple[CacheEvent, str]] = []
        rng = random.Random(f"elasticache-endpoint:{cloud.seed}:{cloud.account_id}:{cloud.region}")
        self.hash = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(6))
        #: host -> (port, cluster or group, read-only): every address a client can connect to.
        self._endpoints: dict[str, tuple[int, Any, bool]] = {}

    # -- the data plane --------------------------------------------------------------------------------------
    def now(self) -> float:
        """Virtual time as the caller sees it: a handler's own clock inside a function, else the cloud's."""
        clock = current_clock()
        return self.cloud.now if clock is None else clock.now

    def resolve(self, host: str, port: int) -> tuple[Keyspace, bool]:
        """The keyspace behind ``host:port`` and whether it is read-only (a replica or the reader endpoint).

        Raises :class:`EndpointError` as a socket would: an unknown (or not yet created) name does not resolve,
        a wrong port or a Memcached node refuses the Redis protocol.
        """
        found = self._endpoints.get(host.lower())
        if found is None:
            raise EndpointError(-2, "Name or service not known.")
        expected, owner, read_only = found
        if owner.status in ("creating",) or getattr(owner, "_gone", False):
            raise EndpointError(-2, "Name or service not known.")
        if port != expected:
            raise EndpointError(111, "Connection refused.")
        if owner.keyspace is None:
            raise EndpointError(104, "Connection reset by peer.")
        return owner.keyspace, read_only

    # -- lookup ----------------------------------------------------------------------------------------------
    def cluster(self, cluster_id: str) -> CacheCluster:
        found = self.clusters.get(cluster_id.lower())
        if found is None:
            raise ServiceError("CacheClusterNotFound", f"Cache cluster {cluster_id} not found.", 404)
        return found

    def group(self, group_id: str) -> ReplicationGroup:
        found = self.groups.get(group_id.lower())
        if found is None:
            raise ServiceError("ReplicationGroupNotFoundFault", f"Replication group {group_id} not found.", 404)
        return found

    def _topic(self, arn: str | None) -> str | None:
        if arn is None:
            return None
        parts = arn.split(":")
        if len(parts) != 6 or parts[:3] != ["arn", "aws", "sns"]:
            raise invalid(f"Invalid Notification Topic Arn: {arn}")
        if parts[3] != self.cloud.region or parts[4] != self.cloud.account_id:
            raise invalid("The Amazon SNS topic must be in the same account and Region as the cluster.")
        return arn

    def _zones(self) -> list[str]:
        return [f"{self.cloud.region}{s}" for s in "abc"]

    # -- clusters --------------------------------------------------------------------------------------------
    def _new_cluster(
        self,
        cluster_id: str,
        engine: str,
        version: str,
        node_type: str,
        count: int,
        zone: str,
        port: int,
        p: dict[str, Any],
    ) -> CacheCluster:
        region, account = self.cloud.region, self.cloud.account_id
        now = self.cloud.now
        nodes = [
            CacheNode(f"{i:04d}", endpoints.node_address(cluster_id, self.hash, f"{i:04d}", region), port, zone, now)
            for i in range(1, count + 1)
        ]
        keyspace = None if engine == "memcached" else Keyspace(self.now)
        return CacheCluster(
            cluster_id=cluster_id,
            arn=f"arn:aws:elasticache:{region}:{account}:cluster:{cluster_id}",
            engine=engine,
            engine_version=version,
            node_type=node_type,
            zone=zone,
            port=port,
            nodes=nodes,
            keyspace=keyspace,
            config_address=endpoints.configuration_address(cluster_id, self.hash, region)
            if engine == "memcached"
            else None,
            topic_arn=self._topic(p.get("NotificationTopicArn")),
            transit_encryption=bool(p.get("TransitEncryptionEnabled", False)),
            tags={t["Key"]: t.get("Value", "") for t in p.get("Tags") or []},
        )

    def create_cache_cluster(self, p: dict[str, Any]) -> dict[str, Any]:
        cluster_id = check_id("CacheClusterIdentifier", p["CacheClusterId"], limits.ELASTICACHE_CLUSTER_ID_MAX)
        if "ReplicationGroupId" in p:
            raise invalid(
                "pocketcloud does not add clusters to an existing replication group; use CreateReplicationGroup"
            )
        engine = p.get("Engine", "redis").lower()
        if engine not in _VERSIONS:
            raise invalid(f"Invalid engine: {p.get('Engine')}. Valid engines are memcached, redis and valkey.")
        count = p.get("NumCacheNodes", 1)
        if engine != "memcached" and count != 1:
            raise invalid(
                "Redis and Valkey clusters can only have one cache node; use a replication group for replicas."
            )
        if not 1 <= count <= limits.ELASTICACHE_MEMCACHED_MAX_NODES:
            raise invalid(f"NumCacheNodes must be between 1 and {limits.ELASTICACHE_MEMCACHED_MAX_NODES}.")
        if "CacheNodeType" not in p:
            raise invalid("The parameter CacheNodeType must be provided and must not be blank.")
        if cluster_id in self.clusters:
            raise ServiceError("CacheClusterAlreadyExists", f"Cache cluster {cluster_id} already exists.", 400)
        zone = p.get("PreferredAvailabilityZone") or self._zones()[0]
        if zone not in self._zones():
            raise invalid(f"Invalid availability zone: {zone}")
        port = p.get("Port", endpoints.MEMCACHED_PORT if engine == "memcached" else endpoints.REDIS_PORT)
        cluster = self._new_cluster(
            cluster_id, engine, p.get("EngineVersion", _VERSIONS[engine]), p["CacheNodeType"], count, zone, port, p
        )
        self.clusters[cluster_id] = cluster
        for node in cluster.nodes:
            self._endpoints[node.address] = (port, cluster, False)
        if cluster.config_address:
            self._endpoints[cluster.config_address] = (port, cluster, False)
        self.cloud.kernel.schedule(self.settings.timings.create_s, self._cluster_created, cluster)
        return {"CacheCluster": cluster.describe(show_nodes=False)}

    def _cluster_created(self, cluster: CacheCluster) -> None:
        if self.clusters.get(cluster.cluster_id) is not cluster:
            return
        cluster.status = "available"
        cluster.created_at = self.cloud.now
        for node in cluster.nodes:
            node.status = "available"
        emit(
            self, cluster, "cache-cluster", cluster.cluster_id,
            "ElastiCache:CacheClusterProvisioningComplete", "Cache cluster created",
        )  # fmt: skip

    def describe_cache_clusters(self, p: dict[str, Any]) -> dict[str, Any]:
        if "CacheClusterId" in p:
            found = [self.cluster(p["CacheClusterId"])]
        else:
            found = list(self.clusters.values())
            if p.get("ShowCacheClustersNotInReplicationGroups"):
                found = [c for c in found if c.replication_group is None]
        page, marker = self._page(found, p)
        out: dict[str, Any] = {"CacheClusters": [c.describe(bool(p.get("ShowCacheNodeInfo"))) for c in page]}
        if marker:
            out["Marker"] = marker
        return out

    def _page(self, items: list[Any], p: dict[str, Any]) -> tuple[list[Any], str | None]:
        size = p.get("MaxRecords", 100)
        if not 20 <= size <= 100:
            raise invalid("The parameter MaxRecords must be between 20 and 100.")
        start = 0
        marker = p.get("Marker")
        if marker:
            if not marker.isdigit() or int(marker) > len(items):
                raise invalid(f"Invalid marker: {marker}")
            start = int(marker)
        end = start + size
        return items[start:end], (str(end) if end < len(items) else None)

    def modify_cache_cluster(self, p: dict[str, Any]) -> dict[str, Any]:
        """NotificationTopicArn / NotificationTopicStatus (active | inactive); other changes are not simulated."""
        cluster = self.cluster(p["CacheClusterId"])
        if cluster.status != "available":
            raise ServiceError(
                "InvalidCacheClusterState", f"Cache cluster {cluster.cluster_id} is not in available state."
            )
        status = p.get("NotificationTopicStatus")
        if status is not None and status not in ("active", "inactive"):
            raise invalid("NotificationTopicStatus must be either active or inactive.")
        if "NotificationTopicArn" in p:
            cluster.topic_arn = self._topic(p["NotificationTopicArn"])
            cluster.topic_status = "active"
        if status is not None:
            cluster.topic_status = status
        return {"CacheCluster": cluster.describe(show_nodes=False)}

    def reboot_cache_cluster(self, p: dict[str, Any]) -> dict[str, Any]:
        """ "Rebooting a cluster node flushes all data" for Memcached, and for Redis nodes without persistence the
        data set is lost too (pocketcloud: the node's data is cleared).
        https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/nodes.rebooting.html"""
        cluster = self.cluster(p["CacheClusterId"])
        ids = p["CacheNodeIdsToReboot"]
        known = {n.node_id for n in cluster.nodes}
        unknown = [i for i in ids if i not in known]
        if unknown or not ids:
            raise invalid(f"Cache node ID(s) not found in cluster {cluster.cluster_id}: {', '.join(unknown) or '[]'}")
        if cluster.status != "available" or cluster.replication_group is not None:
            raise ServiceError(
                "InvalidCacheClusterState", f"Cache cluster {cluster.cluster_id} is not in available state."
            )
        cluster.status = "rebooting cluster nodes"
        for node in cluster.nodes:
            if node.node_id in ids:
                node.status = "rebooting"
        self.cloud.kernel.schedule(self.settings.timings.reboot_s, self._rebooted, cluster, list(ids))
        return {"CacheCluster": cluster.describe(show_nodes=False)}

    def _rebooted(self, cluster: CacheCluster, ids: list[str]) -> None:
        if self.clusters.get(cluster.cluster_id) is not cluster:
            return
        cluster.status = "available"
        for node in cluster.nodes:
            node.status = "available"
        if cluster.keyspace is not None:
            cluster.keyspace.flushall()
        emit(self, cluster, "cache-cluster", cluster.cluster_id, "ElastiCache:CacheNodesRebooted",
             f"Cache node {', '.join(ids)} restarted")  # fmt: skip

    def delete_cache_cluster(self, p: dict[str, Any]) -> dict[str, Any]:
        cluster = self.cluster(p["CacheClusterId"])
        if cluster.replication_group is not None:
            raise ServiceError(
                "InvalidCacheClusterState",
                f"Cache cluster {cluster.cluster_id} is a member of a replication group; delete the replication group.",
            )
        if cluster.status not in ("available", "rebooting cluster nodes"):
            raise ServiceError(
                "InvalidCacheClusterState", f"Cache cluster {cluster.cluster_id} is not in available state."
            )
        if p.get("FinalSnapshotIdentifier"):
            raise ServiceError(
                "SnapshotFeatureNotSupportedFault", "pocketcloud does not simulate ElastiCache snapshots.", 400
            )
        cluster.status = "deleting"
        self.cloud.kernel.schedule(self.settings.timings.delete_s, self._cluster_deleted, cluster)
        return {"CacheCluster": cluster.describe(show_nodes=False)}

    def _cluster_deleted(self, cluster: CacheCluster) -> None:
        if self.clusters.get(cluster.cluster_id) is not cluster:
            return
        del self.clusters[cluster.cluster_id]
        for address in [a for a, (_, owner, _) in self._endpoints.items() if owner is cluster]:
            del self._endpoints[address]
        emit(self, cluster, "cache-cluster", cluster.cluster_id, "ElastiCache:DeleteCacheClusterComplete",
             "Cache cluster deleted")  # fmt: skip

    # -- replication groups ----------------------------------------------------------------------------------
    def create_replication_group(self, p: dict[str, Any]) -> dict[str, Any]:
        group_id = check_id("ReplicationGroupId", p["ReplicationGroupId"], limits.ELASTICACHE_REPLICATION_GROUP_ID_MAX)
        engine = p.get("Engine", "redis").lower()
        if engine not in ("redis", "valkey"):
            raise invalid(f"Invalid engine: {p.get('Engine')}. Replication groups run redis or valkey.")
        if p.get("NumNodeGroups", 1) != 1 or p.get("ClusterMode", "disabled").lower() == "enabled":
            raise invalid("pocketcloud simulates cluster mode disabled replication groups (one node group) only.")
        count = p.get("NumCacheClusters", 1 + p.get("ReplicasPerNodeGroup", 0))
        if not 1 <= count <= limits.ELASTICACHE_MAX_CACHE_CLUSTERS_PER_GROUP:
            raise invalid(
                f"NumCacheClusters must be between 1 and {limits.ELASTICACHE_MAX_CACHE_CLUSTERS_PER_GROUP} "
                "(1 primary plus 5 replicas)."
            )
        failover = bool(p.get("AutomaticFailoverEnabled", False))
        multi_az = bool(p.get("MultiAZEnabled", False))
        if (failover or multi_az) and count < 2:
            raise ServiceError(
                "InvalidParameterCombination",
                "Automatic failover and Multi-AZ need at least one replica (NumCacheClusters of 2 or more).",
                400,
            )
        if multi_az and not failover:
            raise ServiceError(
                "InvalidParameterCombination", "Multi-AZ requires automatic failover to be enabled.", 400
            )
        if "CacheNodeType" not in p:
            raise invalid("The parameter CacheNodeType must be provided and must not be blank.")
        if group_id in self.groups:
            raise ServiceError("ReplicationGroupAlreadyExists", f"Replication group {group_id} already exists.", 400)
        member_ids = [f"{group_id}-{i:03d}" for i in range(1, count + 1)]
        clash = [m for m in member_ids if m in self.clusters]
        if clash:
            raise ServiceError("CacheClusterAlreadyExists", f"Cache cluster {clash[0]} already exists.", 400)
        region, account = self.cloud.region, self.cloud.account_id
        port = p.get("Port", endpoints.REDIS_PORT)
        keyspace = Keyspace(self.now)
        version = p.get("EngineVersion", _VERSIONS[engine])
        zones = self._zones()
        members = []
        for i, member_id in enumerate(member_ids):
            member = self._new_cluster(
                member_id, engine, version, p["CacheNodeType"], 1, zones[i % len(zones)], port, p
            )
            member.keyspace = keyspace
            member.replication_group = group_id
            member.read_only = i > 0
            members.append(member)
        group = ReplicationGroup(
            group_id=group_id,
            arn=f"arn:aws:elasticache:{region}:{account}:replicationgroup:{group_id}",
            description=p["ReplicationGroupDescription"],
            engine=engine,
            node_type=p["CacheNodeType"],
            members=members,
            keyspace=keyspace,
            primary_address=endpoints.primary_address(group_id, self.hash, region),
            reader_address=endpoints.reader_address(group_id, self.hash, region),
            port=port,
            automatic_failover=failover,
            multi_az=multi_az,
            topic_arn=self._topic(p.get("NotificationTopicArn")),
            tags={t["Key"]: t.get("Value", "") for t in p.get("Tags") or []},
        )
        self.groups[group_id] = group
        for member in members:
            self.clusters[member.cluster_id] = member
            self._endpoints[member.nodes[0].address] = (port, member, member.read_only)
        self._endpoints[group.primary_address] = (port, group, False)
        self._endpoints[group.reader_address] = (port, group, True)
        self.cloud.kernel.schedule(self.settings.timings.create_s, self._group_created, group)
        return {"ReplicationGroup": group.describe()}

    def _group_created(self, group: ReplicationGroup) -> None:
        if self.groups.get(group.group_id) is not group:
            return
        group.status = "available"
        group.created_at = self.cloud.now
        for member in group.members:
            self._cluster_created(member)
        emit(self, group, "replication-group", group.group_id, "ElastiCache:CreateReplicationGroupComplete",
             "Replication group created")  # fmt: skip

    def describe_replication_groups(self, p: dict[str, Any]) -> dict[str, Any]:
        found = [self.group(p["ReplicationGroupId"])] if "ReplicationGroupId" in p else list(self.groups.values())
        page, marker = self._page(found, p)
        out: dict[str, Any] = {"ReplicationGroups": [g.describe() for g in page]}
        if marker:
            out["Marker"] = marker
        return out

    def test_failover(self, p: dict[str, Any]) -> dict[str, Any]:
        """Promote a replica: the primary endpoint keeps its name and now reaches the new primary.
        https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html"""
        group = self.group(p["ReplicationGroupId"])
        if p["NodeGroupId"] != "0001":
            raise ServiceError("NodeGroupNotFoundFault", f"NodeGroup {p['NodeGroupId']} not found.", 404)
        if group.status != "available":
            raise ServiceError("InvalidReplicationGroupState", f"Replication group {group.group_id} is not available.")
        if not group.automatic_failover:
            raise ServiceError(
                "TestFailoverNotAvailableFault", "Automatic failover is not enabled for this replication group.", 400
            )
        group.status = "modifying"
        self.cloud.kernel.schedule(self.settings.timings.failover_s, self._failed_over, group)
        return {"ReplicationGroup": group.describe()}

    def _failed_over(self, group: ReplicationGroup) -> None:
        if self.groups.get(group.group_id) is not group:
            return
        old = group.primary
        new = next(m for m in group.members if m is not old)
        old.read_only, new.read_only = True, False
        for member in (old, new):
            address = member.nodes[0].address
            self._endpoints[address] = (group.port, member, member.read_only)
        group.status = "available"
        emit(self, group, "replication-group", group.group_id, "ElastiCache:FailoverComplete",
             f"Failover to replica node {new.cluster_id}-0001 completed")  # fmt: skip

    def delete_replication_group(self, p: dict[str, Any]) -> dict[str, Any]:
        group = self.group(p["ReplicationGroupId"])
        if group.status not in ("available",):
            raise ServiceError(
                "InvalidReplicationGroupState", f"Replication group {group.group_id} is not in available state."
            )
        if p.get("FinalSnapshotIdentifier"):
            raise ServiceError(
                "SnapshotFeatureNotSupportedFault", "pocketcloud does not simulate ElastiCache snapshots.", 400
            )
        if p.get("RetainPrimaryCluster"):
            raise invalid("pocketcloud does not simulate RetainPrimaryCluster.")
        group.status = "deleting"
        for member in group.members:
            member.status = "deleting"
        self.cloud.kernel.schedule(self.settings.timings.delete_s, self._group_deleted, group)
        return {"ReplicationGroup": group.describe()}

    def _group_deleted(self, group: ReplicationGroup) -> None:
        if self.groups.get(group.group_id) is not group:
            return
        del self.groups[group.group_id]
        for member in group.members:
            self._cluster_deleted(member)
        for address in [a for a, (_, owner, _) in self._endpoints.items() if owner is group]:
            del self._endpoints[address]

    # -- events ----------------------------------------------------------------------------------------------
    def describe_events(self, p: dict[str, Any]) -> dict[str, Any]:
        from ...timeutil import EPOCH_SECONDS

        now = self.cloud.now
        horizon = now - limits.ELASTICACHE_EVENT_RETENTION_S
        if "StartTime" in p or "EndTime" in p:
            start = p["StartTime"].timestamp() - EPOCH_SECONDS if "StartTime" in p else horizon
            end = p["EndTime"].timestamp() - EPOCH_SECONDS if "EndTime" in p else now
        else:
            start, end = now - 60 * p.get("Duration", 60), now
        found = [e for e in self.events if max(start, horizon) <= e.time <= end]
        if "SourceType" in p:
            found = [e for e in found if e.source_type == p["SourceType"]]
        if "SourceIdentifier" in p:
            found = [e for e in found if e.source_id == p["SourceIdentifier"].lower()]
        page, marker = self._page(found, p)
        out: dict[str, Any] = {"Events": [e.describe() for e in page]}
        if marker:
            out["Marker"] = marker
        return out
