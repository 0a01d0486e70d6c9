"""Cache clusters, their nodes and replication groups, and how the Describe operations show them.

A Valkey/Redis OSS cluster made by CreateCacheCluster has one node ("For clusters running Valkey or Redis OSS, this
value must be 1"); a replication group has a primary and up to five replicas, each a one-node cluster named
``<group-id>-001``, ``-002`` ... with one shared data set (replication is modelled as instant: AWS replicates
asynchronously, so a replica can briefly lag). A Memcached cluster has 1-40 nodes and a configuration endpoint.
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...timeutil import to_datetime
from .store import Keyspace


@dataclass
class CacheNode:
    node_id: str
    address: str
    port: int
    zone: str
    created_at: float
    status: str = "creating"

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"CacheNodeId": self.node_id, "CacheNodeStatus": self.status}
        out["CacheNodeCreateTime"] = to_datetime(self.created_at)
        if self.status != "creating":
            out["Endpoint"] = {"Address": self.address, "Port": self.port}
        out["ParameterGroupStatus"] = "in-sync"
        out["CustomerAvailabilityZone"] = self.zone
        return out


@dataclass
class CacheCluster:
    cluster_id: str
    arn: str
    engine: str
    engine_version: str
    node_type: str
    zone: str
    port: int
    nodes: list[CacheNode]
    keyspace: Keyspace | None  # None for Memcached (its protocol is not Redis's)
    config_address: str | None = None
    replication_group: str | None = None
    topic_arn: str | None = None
    topic_status: str = "active"
    transit_encryption: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    status: str = "creating"
    created_at: float | None = None
    read_only: bool = False  # a replica of a replication group

    def describe(self, show_nodes: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"CacheClusterId": self.cluster_id}
        if self.config_address is not None and self.status != "creating":
            out["ConfigurationEndpoint"] = {"Address": self.config_address, "Port": self.port}
        out.update(
            {
                "ClientDownloadLandingPage": "https://console.aws.amazon.com/elasticache/home#client-download:",
                "CacheNodeType": self.node_type,
                "Engine": self.engine,
                "EngineVersion": self.engine_version,
                "CacheClusterStatus": self.status,
                "NumCacheNodes": len(self.nodes),
                "PreferredAvailabilityZone": self.zone,
            }
        )
        if self.created_at is not None:
            out["CacheClusterCreateTime"] = to_datetime(self.created_at)
        out["PreferredMaintenanceWindow"] = "sun:18:00-sun:19:00"
        out["PendingModifiedValues"] = {}
        if self.topic_arn is not None:
            out["NotificationConfiguration"] = {"TopicArn": self.topic_arn, "TopicStatus": self.topic_status}
        out["CacheSecurityGroups"] = []
        family = "memcached1.6" if self.engine == "memcached" else f"{self.engine}{self.engine_version.split('.')[0]}"
        out["CacheParameterGroup"] = {
            "CacheParameterGroupName": f"default.{family}",
            "ParameterApplyStatus": "in-sync",
            "CacheNodeIdsToReboot": [],
        }
        out["CacheSubnetGroupName"] = "default"
        if show_nodes:
            out["CacheNodes"] = [n.describe() for n in self.nodes]
        out["AutoMinorVersionUpgrade"] = True
        if self.replication_group is not None:
            out["ReplicationGroupId"] = self.replication_group
        out.update(
            {
                "SnapshotRetentionLimit": 0,
                "SnapshotWindow": "17:00-18:00",
                "AuthTokenEnabled": False,
                "TransitEncryptionEnabled": self.transit_encryption,
                "AtRestEncryptionEnabled": False,
                "ARN": self.arn,
                "ReplicationGroupLogDeliveryEnabled": False,
                "LogDeliveryConfigurations": [],
                "NetworkType": "ipv4",
                "IpDiscovery": "ipv4",
            }
        )
        return out


@dataclass
class ReplicationGroup:
    group_id: str
    arn: str
    description: str
    engine: str
    node_type: str
    members: list[CacheCluster]
    keyspace: Keyspace
    primary_address: str
    reader_address: str
    port: int
    automatic_failover: bool
    multi_az: bool
    topic_arn: str | None = None
    topic_status: str = "active"
    tags: dict[str, str] = field(default_factory=dict)
    status: str = "creating"
    created_at: float | None = None

    @property
    def primary(self) -> CacheCluster:
        return next(m for m in self.members if not m.read_only)

    def describe(self) -> dict[str, Any]:
        ready = self.status != "creating"
        group: dict[str, Any] = {"NodeGroupId": "0001", "Status": self.status}
        if ready:
            group["PrimaryEndpoint"] = {"Address": self.primary_address, "Port": self.port}
            group["ReaderEndpoint"] = {"Address": self.reader_address, "Port": self.port}
        members = []
        for m in self.members:
            member: dict[str, Any] = {"CacheClusterId": m.cluster_id, "CacheNodeId": "0001"}
            if ready:
                member["ReadEndpoint"] = {"Address": m.nodes[0].address, "Port": m.port}
            member["PreferredAvailabilityZone"] = m.zone
            member["CurrentRole"] = "replica" if m.read_only else "primary"
            members.append(member)
        group["NodeGroupMembers"] = members
        out: dict[str, Any] = {
            "ReplicationGroupId": self.group_id,
            "Description": self.description,
            "Status": self.status,
            "PendingModifiedValues": {},
            "MemberClusters": [m.cluster_id for m in self.members],
            "NodeGroups": [group],
            "AutomaticFailover": "enabled" if self.automatic_failover else "disabled",
            "MultiAZ": "enabled" if self.multi_az else "disabled",
            "SnapshotRetentionLimit": 0,
            "SnapshotWindow": "17:00-18:00",
            "ClusterEnabled": False,
            "CacheNodeType": self.node_type,
            "AuthTokenEnabled": False,
            "TransitEncryptionEnabled": False,
            "AtRestEncryptionEnabled": False,
            "ARN": self.arn,
            "LogDeliveryConfigurations": [],
        }
        if self.created_at is not None:
            out["ReplicationGroupCreateTime"] = to_datetime(self.created_at)
        out.update({"AutoMinorVersionUpgrade": True, "NetworkType": "ipv4", "IpDiscovery": "ipv4"})
        out.update({"ClusterMode": "disabled", "Engine": self.engine})
        return out
