"""Amazon ElastiCache: cache clusters and replication groups, and a Redis-compatible store handlers can use.

Control plane (``cloud.client("elasticache")``): CreateCacheCluster, CreateReplicationGroup, Describe*, Delete*,
RebootCacheCluster, TestFailover, ModifyCacheCluster (notification topic), DescribeEvents. Data plane: a
Valkey/Redis OSS cluster's endpoints answer :mod:`pocketcloud.redis`, a client shaped like redis-py
(``redis.Redis(host=<endpoint>, port=6379)``). Inside a Lambda function ``import redis`` gives that client, as a
function that bundles redis-py would on AWS; each command spends a small round trip of virtual time.

**How ElastiCache reaches Lambda on AWS:** ElastiCache never invokes a function. A cluster's
``NotificationTopicArn`` makes it publish its events (``ElastiCache:CacheClusterProvisioningComplete``,
``ElastiCache:FailoverComplete`` ...) to an SNS topic; subscribe the function to the topic.
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html
Functions *use* a cache by connecting to its endpoint from inside the VPC (pocketcloud has no VPCs: every
function can reach every endpoint). https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/LambdaRedis.html

What is simulated: the data model (strings, hashes, lists, sets, TTLs on the virtual clock), endpoints that resolve
only while the cache exists, read-only replicas and the reader endpoint, failover keeping the primary endpoint,
the events and their SNS notifications, a latency model. Not simulated: memory limits and eviction, persistence
and snapshots, cluster mode (sharding), Memcached's protocol (its endpoints exist but refuse Redis clients),
AUTH/TLS (accepted and ignored), VPCs and security groups, replication lag.

Modules: :mod:`.client`, :mod:`.service` (state, lifecycle, the endpoint accessor), :mod:`.clusters`,
:mod:`.endpoints`, :mod:`.notifications`, :mod:`.store` (the keyspace).
"""
