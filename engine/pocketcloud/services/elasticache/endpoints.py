"""ElastiCache endpoint names, as the service hands them out.

* a node of a cluster: ``<cluster-id>.<hash>.<node-id>.<region-code>.cache.amazonaws.com`` (e.g.
  ``mycluster.fnjyzo.0001.use1.cache.amazonaws.com``), port 6379 for Valkey/Redis OSS and 11211 for Memcached;
* a Memcached cluster's configuration endpoint: ``<cluster-id>.<hash>.cfg.<region-code>.cache.amazonaws.com``;
* a replication group's primary and reader endpoints: ``<group-id>.<hash>.ng.0001.<region-code>...`` and
  ``<group-id>-ro.<hash>.ng.0001.<region-code>...``.
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Endpoints.html

The ``<hash>`` is six lowercase letters and digits, the same for one account in one Region; the Region code is the
short form ElastiCache uses (``use1``, ``usw2``, ``apn2`` ...; endpoints in Seoul read
``<name>.<hash>.ng.0001.apn2.cache.amazonaws.com``). Codes for Regions not in :data:`REGION_CODES` are formed the
same way (a pocketcloud guess).
"""

from __future__ import annotations

REGION_CODES = {
    "us-east-1": "use1",
    "us-east-2": "use2",
    "us-west-1": "usw1",
    "us-west-2": "usw2",
    "eu-west-1": "euw1",
    "eu-west-2": "euw2",
    "eu-central-1": "euc1",
    "ap-northeast-1": "apn1",
    "ap-northeast-2": "apn2",
    "ap-northeast-3": "apn3",
    "ap-southeast-1": "apse1",
    "ap-southeast-2": "apse2",
    "ap-south-1": "aps1",
}

REDIS_PORT = 6379
MEMCACHED_PORT = 11211


def region_code(region: str) -> str:
    known = REGION_CODES.get(region)
    if known is not None:
        return known
    parts = region.split("-")
    return parts[0] + "".join(p[0] for p in parts[1:-1]) + parts[-1]


def node_address(cluster_id: str, hash_: str, node_id: str, region: str) -> str:
    return f"{cluster_id}.{hash_}.{node_id}.{region_code(region)}.cache.amazonaws.com"


def configuration_address(cluster_id: str, hash_: str, region: str) -> str:
    return f"{cluster_id}.{hash_}.cfg.{region_code(region)}.cache.amazonaws.com"


def primary_address(group_id: str, hash_: str, region: str) -> str:
    return f"{group_id}.{hash_}.ng.0001.{region_code(region)}.cache.amazonaws.com"


def reader_address(group_id: str, hash_: str, region: str) -> str:
    return f"{group_id}-ro.{hash_}.ng.0001.{region_code(region)}.cache.amazonaws.com"
