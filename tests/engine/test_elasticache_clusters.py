"""ElastiCache control plane: cache clusters and replication groups, their statuses and endpoints, failover,
deletion, identifier rules, and the event notifications sent to SNS (and from there to Lambda, validated against
Powertools' SnsModel).

Sources (checked 2026-12-03):
https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html
https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Endpoints.html
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import SnsModel

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.redis import Redis
from pocketcloud.services.elasticache.service import ElastiCacheService

from .source_helpers import recorded_events, topic_to_function


def _cluster(cloud: pocketcloud.Cloud, name: str = "cache", **extra: Any) -> Any:
    ec = cloud.client("elasticache")
    params = {"CacheClusterId": name, "Engine": "redis", "CacheNodeType": "cache.t4g.micro", "NumCacheNodes": 1}
    params.update(extra)
    ec.create_cache_cluster(**params)
    return ec


def _node_endpoint(ec: Any, name: str = "cache") -> dict[str, Any]:
    cluster = ec.describe_cache_clusters(CacheClusterId=name, ShowCacheNodeInfo=True)["CacheClusters"][0]
    endpoint: dict[str, Any] = cluster["CacheNodes"][0]["Endpoint"]
    return endpoint


def test_cluster_creating_then_available_with_a_node_endpoint(cloud) -> None:
    """CreateCacheCluster answers ``creating``; once ``available`` the node's endpoint is
    ``<id>.<hash>.0001.<region code>.cache.amazonaws.com:6379`` (Seoul's code is ``apn2``)."""
    ec = _cluster(cloud, "MyCache")
    first = ec.describe_cache_clusters(CacheClusterId="mycache", ShowCacheNodeInfo=True)["CacheClusters"][0]
    assert first["CacheClusterStatus"] == "creating"
    assert "Endpoint" not in first["CacheNodes"][0]
    cloud.run(until=cloud.backend("elasticache", ElastiCacheService).settings.timings.create_s + 1)
    cluster = ec.describe_cache_clusters(CacheClusterId="mycache")["CacheClusters"][0]
    assert cluster["CacheClusterStatus"] == "available"
    assert "CacheNodes" not in cluster  # only with ShowCacheNodeInfo
    endpoint = _node_endpoint(ec, "mycache")
    assert re.fullmatch(r"mycache\.[a-z0-9]{6}\.0001\.apn2\.cache\.amazonaws\.com", endpoint["Address"])
    assert endpoint["Port"] == 6379
    assert cluster["ARN"] == "arn:aws:elasticache:ap-northeast-2:123456789012:cluster:mycache"


def test_the_endpoint_only_answers_while_the_cluster_is_up(cloud) -> None:
    """A cache is reachable once it is available, and not after it is deleted: a client gets redis-py's
    ConnectionError "Error -2 connecting to <host>:6379. Name or service not known."."""
    ec = _cluster(cloud)
    cloud.run(until=300)
    host = _node_endpoint(ec)["Address"]
    client = Redis(host=host, port=6379, cloud=cloud)
    assert client.ping() is True
    ec.delete_cache_cluster(CacheClusterId="cache")
    assert ec.describe_cache_clusters()["CacheClusters"][0]["CacheClusterStatus"] == "deleting"
    cloud.run(until=cloud.now + 120)
    assert ec.describe_cache_clusters()["CacheClusters"] == []
    with pytest.raises(pocketcloud.redis.ConnectionError) as error:
        client.ping()
    assert str(error.value) == f"Error -2 connecting to {host}:6379. Name or service not known."


@pytest.mark.parametrize("bad", ["1cache", "my--cache", "cache-", "my_cache", "a" * 51])
def test_invalid_cluster_ids(cloud, bad: str) -> None:
    ec = cloud.client("elasticache")
    with pytest.raises(ClientError) as error:
        ec.create_cache_cluster(CacheClusterId=bad, Engine="redis", CacheNodeType="cache.t4g.micro")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert error.value.response["Error"]["Message"].startswith(
        "The parameter CacheClusterIdentifier is not a valid identifier."
    )
    assert ec.describe_cache_clusters()["CacheClusters"] == []


def test_refusals(cloud) -> None:
    """Redis clusters have one node; duplicates and missing clusters have their own errors."""
    ec = _cluster(cloud)
    with pytest.raises(ec.exceptions.CacheClusterAlreadyExistsFault):
        _cluster(cloud)
    with pytest.raises(ec.exceptions.CacheClusterNotFoundFault) as error:
        ec.describe_cache_clusters(CacheClusterId="nope")
    assert error.value.response["Error"]["Message"] == "Cache cluster nope not found."
    with pytest.raises(ClientError):
        _cluster(cloud, "two", NumCacheNodes=2)
    assert [c["CacheClusterId"] for c in ec.describe_cache_clusters()["CacheClusters"]] == ["cache"]


def test_memcached_cluster_has_a_configuration_endpoint_and_refuses_redis(cloud) -> None:
    ec = _cluster(cloud, "mc", Engine="memcached", NumCacheNodes=3)
    cloud.run(until=300)
    cluster = ec.describe_cache_clusters(CacheClusterId="mc", ShowCacheNodeInfo=True)["CacheClusters"][0]
    assert cluster["ConfigurationEndpoint"]["Address"].split(".")[2] == "cfg"
    assert cluster["ConfigurationEndpoint"]["Port"] == 11211
    assert [n["CacheNodeId"] for n in cluster["CacheNodes"]] == ["0001", "0002", "0003"]
    with pytest.raises(pocketcloud.redis.ConnectionError):
        Redis(host=cluster["ConfigurationEndpoint"]["Address"], port=11211, cloud=cloud).ping()


def test_replication_group_endpoints_and_replicas(cloud) -> None:
    """A replication group has a primary endpoint (read-write) and a reader endpoint; replicas refuse writes with
    READONLY, which redis-py raises as ReadOnlyError."""
    ec = cloud.client("elasticache")
    ec.create_replication_group(
        ReplicationGroupId="sessions", ReplicationGroupDescription="sessions", Engine="redis",
        CacheNodeType="cache.t4g.micro", NumCacheClusters=3, AutomaticFailoverEnabled=True,
    )  # fmt: skip
    cloud.run(until=300)
    group = ec.describe_replication_groups(ReplicationGroupId="sessions")["ReplicationGroups"][0]
    assert group["Status"] == "available"
    assert group["MemberClusters"] == ["sessions-001", "sessions-002", "sessions-003"]
    node_group = group["NodeGroups"][0]
    primary, reader = node_group["PrimaryEndpoint"]["Address"], node_group["ReaderEndpoint"]["Address"]
    assert re.fullmatch(r"sessions\.[a-z0-9]{6}\.ng\.0001\.apn2\.cache\.amazonaws\.com", primary)
    assert reader.startswith("sessions-ro.")
    assert [m["CurrentRole"] for m in node_group["NodeGroupMembers"]] == ["primary", "replica", "replica"]
    Redis(host=primary, cloud=cloud).set("user:1", "kim")
    assert Redis(host=reader, cloud=cloud).get("user:1") == b"kim"
    with pytest.raises(pocketcloud.redis.ReadOnlyError) as error:
        Redis(host=reader, cloud=cloud).set("user:2", "lee")
    assert str(error.value) == "You can't write against a read only replica."


def test_failover_keeps_the_primary_endpoint(cloud) -> None:
    """TestFailover promotes a replica; the primary endpoint keeps its name and reaches the new primary."""
    ec = cloud.client("elasticache")
    ec.create_replication_group(
        ReplicationGroupId="rg", ReplicationGroupDescription="d", CacheNodeType="cache.t4g.micro",
        NumCacheClusters=2, AutomaticFailoverEnabled=True,
    )  # fmt: skip
    cloud.run(until=300)
    group = ec.describe_replication_groups()["ReplicationGroups"][0]
    primary = group["NodeGroups"][0]["PrimaryEndpoint"]["Address"]
    old_node = group["NodeGroups"][0]["NodeGroupMembers"][0]["ReadEndpoint"]["Address"]
    ec.test_failover(ReplicationGroupId="rg", NodeGroupId="0001")
    cloud.run(until=cloud.now + 60)
    members = ec.describe_replication_groups()["ReplicationGroups"][0]["NodeGroups"][0]["NodeGroupMembers"]
    assert [m["CurrentRole"] for m in members] == ["replica", "primary"]
    assert Redis(host=primary, cloud=cloud).set("k", "v") is True
    with pytest.raises(pocketcloud.redis.ReadOnlyError):
        Redis(host=old_node, cloud=cloud).set("k", "v2")


def test_failover_needs_automatic_failover(cloud) -> None:
    ec = cloud.client("elasticache")
    ec.create_replication_group(
        ReplicationGroupId="rg", ReplicationGroupDescription="d", CacheNodeType="cache.t4g.micro"
    )
    cloud.run(until=300)
    with pytest.raises(ec.exceptions.TestFailoverNotAvailableFault):
        ec.test_failover(ReplicationGroupId="rg", NodeGroupId="0001")
    with pytest.raises(ClientError) as error:
        ec.create_replication_group(
            ReplicationGroupId="rg2", ReplicationGroupDescription="d", CacheNodeType="cache.t4g.micro",
            AutomaticFailoverEnabled=True,
        )  # fmt: skip
    assert error.value.response["Error"]["Code"] == "InvalidParameterCombination"


def test_reboot_clears_the_data(cloud) -> None:
    ec = _cluster(cloud)
    cloud.run(until=300)
    client = Redis(host=_node_endpoint(ec)["Address"], cloud=cloud)
    client.set("k", "v")
    ec.reboot_cache_cluster(CacheClusterId="cache", CacheNodeIdsToReboot=["0001"])
    assert ec.describe_cache_clusters()["CacheClusters"][0]["CacheClusterStatus"] == "rebooting cluster nodes"
    cloud.run(until=cloud.now + 60)
    assert client.get("k") is None


def test_notifications_reach_lambda_through_sns(cloud) -> None:
    """With a NotificationTopicArn, ElastiCache publishes each event to the topic as JSON naming the event and its
    source; a subscribed function gets the SNS event (SnsModel)."""
    topic = topic_to_function(cloud)
    ec = _cluster(cloud, NotificationTopicArn=topic)
    cloud.run(until=300)
    ec.delete_cache_cluster(CacheClusterId="cache")
    cloud.run()
    events = recorded_events(cloud)
    for event in events:
        parse(event=event, model=SnsModel)
    messages = [json.loads(e["Records"][0]["Sns"]["Message"]) for e in events]
    assert messages == [
        {"ElastiCache:CacheClusterProvisioningComplete": "cache"},
        {"ElastiCache:DeleteCacheClusterComplete": "cache"},
    ]
    described = [e["Message"] for e in ec.describe_events(Duration=60)["Events"]]
    assert described == ["Cache cluster created", "Cache cluster deleted"]


def test_topic_must_be_in_the_same_account_and_region(cloud) -> None:
    """ "The Amazon SNS topic has to be in the same Region as the ElastiCache cluster" and owned by the same
    account."""
    with pytest.raises(ClientError) as error:
        _cluster(cloud, NotificationTopicArn="arn:aws:sns:us-east-1:123456789012:elsewhere")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_inactive_topic_sends_nothing(cloud) -> None:
    topic = topic_to_function(cloud)
    ec = _cluster(cloud, NotificationTopicArn=topic)
    cloud.run(until=300)
    ec.modify_cache_cluster(CacheClusterId="cache", NotificationTopicStatus="inactive")
    ec.reboot_cache_cluster(CacheClusterId="cache", CacheNodeIdsToReboot=["0001"])
    cloud.run()
    assert len(recorded_events(cloud)) == 1
    assert ec.describe_cache_clusters()["CacheClusters"][0]["NotificationConfiguration"]["TopicStatus"] == "inactive"


def test_same_seed_same_endpoints() -> None:
    def run() -> str:
        cloud = pocketcloud.Cloud(seed=5)
        ec = _cluster(cloud)
        cloud.run(until=300)
        return str(_node_endpoint(ec)["Address"])

    assert run() == run()
