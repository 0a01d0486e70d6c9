"""``cloud.client("elasticache")``: Amazon ElastiCache with boto3's operation and parameter names.

ElastiCache speaks the Query protocol and answers bad values with ``InvalidParameterValue`` ("The parameter
CacheClusterIdentifier is not a valid identifier."), so the model's front-end constraints answer with it too
(``validation_error_code``; the "N validation errors detected" wording of those is pocketcloud's).
https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from .service import ElastiCacheService


class ElastiCacheClient(BaseClient):
    """A boto3-shaped ElastiCache client. Every call goes to the cloud's one ElastiCache state."""

    service_name = "elasticache"
    validation_error_code = "InvalidParameterValue"

    @property
    def _service(self) -> ElastiCacheService:
        service: ElastiCacheService = self._cloud.backend("elasticache", ElastiCacheService)
        return service

    @operation("CreateCacheCluster")
    def create_cache_cluster(self, **params: Any) -> dict[str, Any]:
        """A one-node Valkey/Redis OSS cluster (or a 1-40 node Memcached one); ``creating``, then ``available``."""
        return self._service.create_cache_cluster(params)

    @operation("DescribeCacheClusters")
    def describe_cache_clusters(self, **params: Any) -> dict[str, Any]:
        """``ShowCacheNodeInfo=True`` lists the nodes and their endpoints (``CacheNodes[].Endpoint``)."""
        return self._service.describe_cache_clusters(params)

    @operation("ModifyCacheCluster")
    def modify_cache_cluster(self, **params: Any) -> dict[str, Any]:
        return self._service.modify_cache_cluster(params)

    @operation("RebootCacheCluster")
    def reboot_cache_cluster(self, **params: Any) -> dict[str, Any]:
        return self._service.reboot_cache_cluster(params)

    @operation("DeleteCacheCluster")
    def delete_cache_cluster(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_cache_cluster(params)

    @operation("CreateReplicationGroup")
    def create_replication_group(self, **params: Any) -> dict[str, Any]:
        """A primary and up to five replicas with a primary endpoint (read-write) and a reader endpoint."""
        return self._service.create_replication_group(params)

    @operation("DescribeReplicationGroups")
    def describe_replication_groups(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_replication_groups(params)

    @operation("TestFailover")
    def test_failover(self, **params: Any) -> dict[str, Any]:
        return self._service.test_failover(params)

    @operation("DeleteReplicationGroup")
    def delete_replication_group(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_replication_group(params)

    @operation("DescribeEvents")
    def describe_events(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_events(params)
