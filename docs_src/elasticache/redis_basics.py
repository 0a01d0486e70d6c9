"""An ElastiCache (Redis OSS) cluster: create it, find its endpoint, and use it with a
redis-py-shaped client.
"""

import pocketcloud
from pocketcloud.redis import Redis

cloud = pocketcloud.Cloud(seed=0)
ec = cloud.client("elasticache")  # boto3.client("elasticache")

ec.create_cache_cluster(
    CacheClusterId="sessions",
    Engine="redis",
    CacheNodeType="cache.t4g.micro",
    NumCacheNodes=1,
)
print(
    "status:",
    ec.describe_cache_clusters(CacheClusterId="sessions")["CacheClusters"][0][
        "CacheClusterStatus"
    ],
)
cloud.run(until=cloud.now + 600)  # provisioning takes minutes of virtual time
cluster = ec.describe_cache_clusters(CacheClusterId="sessions", ShowCacheNodeInfo=True)[
    "CacheClusters"
][0]
endpoint = cluster["CacheNodes"][0]["Endpoint"]
print(
    "status:",
    cluster["CacheClusterStatus"],
    "| endpoint:",
    endpoint["Address"],
    endpoint["Port"],
)

# On AWS: redis.Redis(host=..., port=6379) from inside the cluster's VPC. Outside
# a Lambda handler, pocketcloud's client needs to know which cloud to talk to.
r = Redis(
    host=endpoint["Address"], port=endpoint["Port"], cloud=cloud, decode_responses=True
)
print("set:", r.set("user:42:name", "Ada"))
print("get:", r.get("user:42:name"))
print("get missing:", r.get("user:99:name"))  # a cache miss is None

r.set("session:abc", "logged-in", ex=60)  # expires in 60 seconds
print("ttl:", r.ttl("session:abc"))
print(
    "nx on an existing key:", r.set("session:abc", "other", nx=True)
)  # NX: only if absent
print("incr:", r.incr("page:views"), r.incr("page:views"))
r.hset("user:42", mapping={"name": "Ada", "plan": "pro"})
print("hgetall:", r.hgetall("user:42"))

cloud.run(until=cloud.now + 61)  # TTLs follow the virtual clock
print("after 61 s:", r.get("session:abc"), "| ttl:", r.ttl("session:abc"))

# Cluster names follow ElastiCache's rules.
try:
    ec.create_cache_cluster(
        CacheClusterId="2-bad--name", Engine="redis", CacheNodeType="cache.t4g.micro"
    )
except ec.exceptions.InvalidParameterValueException as error:
    print("InvalidParameterValue:", error.response["Error"]["Message"])

# expect: status: creating
# expect: status: available
# expect: get: Ada
# expect: get missing: None
# expect: ttl: 60
# expect: nx on an existing key: None
# expect: incr: 1 2
# expect: after 61 s: None | ttl: -2
# expect: InvalidParameterValue:
