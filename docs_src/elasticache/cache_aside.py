"""Cache-aside from Lambda: read the cache; on a miss, query the database and fill the
cache with a TTL. The same code serves 500 requests without and with the cache."""

import json
import random
import statistics

import pocketcloud
from pocketcloud.easy import InvokeResult

APP = """
import json
import os
import time

import redis  # in a pocketcloud function: redis-py's interface to the simulated cache

# Init code: one connection, reused by every invocation of this execution environment.
cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, decode_responses=True)
USE_CACHE = os.environ["USE_CACHE"] == "yes"
TTL_SECONDS = 300


def query_database(product_id):
    # pocketcloud has no SQL engine: this 40 ms sleep (virtual time) stands in for
    # SELECT name, price FROM products WHERE id = %s on an RDS instance.
    time.sleep(0.040)
    return {"id": product_id, "name": f"product {product_id}", "price": 1000}


def handler(event, context):
    product_id = event["id"]
    key = f"product:{product_id}"
    if USE_CACHE:
        cached = cache.get(key)  # 1. look in the cache
        if cached is not None:
            return {"hit": True, "product": json.loads(cached)}
    product = query_database(product_id)  # 2. a miss: ask the database
    if USE_CACHE:
        cache.set(key, json.dumps(product), ex=TTL_SECONDS)  # 3. fill it, with a TTL
    return {"hit": False, "product": product}
"""

cloud = pocketcloud.Cloud(seed=0)
ec = cloud.client("elasticache")
lam = cloud.client("lambda")
ec.create_cache_cluster(
    CacheClusterId="products",
    Engine="redis",
    CacheNodeType="cache.t4g.micro",
    NumCacheNodes=1,
)
cloud.run(until=cloud.now + 600)
node = ec.describe_cache_clusters(CacheClusterId="products", ShowCacheNodeInfo=True)[
    "CacheClusters"
][0]
host = node["CacheNodes"][0]["Endpoint"]["Address"]

# 500 requests for 50 products, a few of them popular (the same list for both runs).
rng = random.Random(7)
requests = [str(min(int(rng.expovariate(1 / 8)), 49)) for _ in range(500)]

for use_cache in ("no", "yes"):
    name = f"products-cache-{use_cache}"
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        MemorySize=512,
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
        Environment={"Variables": {"CACHE_HOST": host, "USE_CACHE": use_cache}},
    )
    durations, hits, cost = [], 0, 0
    for product_id in requests:
        response = lam.invoke(FunctionName=name, Payload=json.dumps({"id": product_id}))
        result = InvokeResult.from_response(cloud, response)
        durations.append(result.duration_ms)
        hits += result.payload["hit"]
        cost += result.cost
        cloud.run(until=cloud.now + 1)  # one request a second
    cuts = statistics.quantiles(durations, n=100)
    per_million = cost / len(requests) * 1_000_000
    print(
        f"cache={use_cache:<3} hits={hits:>3}/500  p50={cuts[49]:6.2f} ms  "
        f"p99={cuts[98]:6.2f} ms  ${per_million:.2f} per million requests"
    )

# expect: cache=no  hits=  0/500
# expect: cache=yes hits=
