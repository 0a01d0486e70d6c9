"""The cache-aside lab in numbers: a Lambda function reading product records through an ElastiCache (Redis) cache
versus the same function reading the "database" every time.

The database is a modelled 20 ms call (``time.sleep(0.020)`` on the virtual clock: a typical single-item read of a
relational database over the network; pocketcloud's DynamoDB is not used so that the bench depends on nothing else).
The cached function does what a learner writes on AWS: ``GET`` the key, and on a miss read the database and ``SET``
it with a 300-second TTL. Requests pick one of 1,000 products with a Zipf-like skew (a few products are popular),
one every 10 ms of virtual time, from a seeded generator so that every run gives the same numbers.

Reported: p50 / p99 invocation duration (the REPORT line's Duration), the hit ratio, and the Lambda cost of a
million such requests at 128 MB in us-east-1 (pocketcloud.pricing, free tier off). The cache node's own hourly
price is not included: pocketcloud has no verified ElastiCache prices.

    python -m bench.cache_aside
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import dataclass
from decimal import Decimal

import pocketcloud
from pocketcloud import pricing
from pocketcloud.services.awslambda.service import LambdaService

ROLE = "arn:aws:iam::123456789012:role/bench"
PRODUCTS = 1_000
DB_LATENCY_S = 0.020

DIRECT = """
import time

def read_database(product_id):
    time.sleep(DB_LATENCY_S)  # the modelled database round trip
    return {"id": product_id, "name": "product " + product_id, "price": 1000}

def handler(event, context):
    return {"item": read_database(event["id"]), "hit": False}
""".replace("DB_LATENCY_S", repr(DB_LATENCY_S))

CACHED = """
import json, os, time
import redis

cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379)

def read_database(product_id):
    time.sleep(DB_LATENCY_S)  # the modelled database round trip
    return {"id": product_id, "name": "product " + product_id, "price": 1000}

def handler(event, context):
    key = "product:" + event["id"]
    cached = cache.get(key)
    if cached is not None:
        return {"item": json.loads(cached), "hit": True}
    item = read_database(event["id"])
    cache.set(key, json.dumps(item), ex=300)
    return {"item": item, "hit": False}
""".replace("DB_LATENCY_S", repr(DB_LATENCY_S))


@dataclass
class Result:
    name: str
    p50_ms: float
    p99_ms: float
    mean_billed_ms: float
    hit_ratio: float
    usd_per_million: Decimal
    seconds: float


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _keys(count: int) -> list[str]:
    rng = random.Random("cache-aside-keys")
    weights = [1 / (rank + 1) for rank in range(PRODUCTS)]
    return [str(k) for k in rng.choices(range(PRODUCTS), weights=weights, k=count)]


def run(name: str, source: str, count: int) -> Result:
    cloud = pocketcloud.Cloud(seed=0)
    environment: dict[str, str] = {}
    if name == "cached":
        ec = cloud.client("elasticache")
        ec.create_cache_cluster(CacheClusterId="products", Engine="redis", CacheNodeType="cache.t4g.micro")
        cloud.run(until=cloud.now + 600)
        cluster = ec.describe_cache_clusters(CacheClusterId="products", ShowCacheNodeInfo=True)["CacheClusters"][0]
        environment["CACHE_HOST"] = cluster["CacheNodes"][0]["Endpoint"]["Address"]
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
        Environment={"Variables": environment},
    )
    recent = cloud.backend("lambda", LambdaService).recent
    durations: list[float] = []
    billed: list[int] = []
    hits = 0
    started = time.perf_counter()
    for key in _keys(count):
        response = lam.invoke(FunctionName=name, Payload=json.dumps({"id": key}).encode())
        hits += bool(json.loads(response["Payload"].read())["hit"])
        invocation = recent[response["ResponseMetadata"]["RequestId"]]
        if not invocation.cold_start:
            durations.append(invocation.duration_ms)
        billed.append(invocation.billed_duration_ms)
        cloud.run(until=cloud.now + 0.010)
    seconds = time.perf_counter() - started
    mean_billed = sum(billed) / len(billed)
    month = pricing.monthly_cost(1_000_000, Decimal(str(mean_billed)), 128, free_tier=False)
    return Result(
        name,
        _percentile(durations, 50),
        _percentile(durations, 99),
        mean_billed,
        hits / count,
        month.total_usd,
        seconds,
    )


def measure(count: int = 10_000) -> list[Result]:
    return [run("direct", DIRECT, count), run("cached", CACHED, count)]


def main() -> None:
    results = measure()
    print(f"cache-aside: {10_000:,} invocations each, a modelled {DB_LATENCY_S * 1000:.0f} ms database read")
    for r in results:
        print(
            f"  {r.name:7} p50 {r.p50_ms:6.2f} ms  p99 {r.p99_ms:6.2f} ms  mean billed {r.mean_billed_ms:6.2f} ms  "
            f"hits {r.hit_ratio:6.1%}  Lambda ${pricing.round_usd(r.usd_per_million, 4)} per 1M  "
            f"({r.seconds:.1f} s real time)"
        )
    direct, cached = results
    print(
        f"  the cache saves {direct.p50_ms - cached.p50_ms:.2f} ms at p50 and "
        f"${pricing.round_usd(direct.usd_per_million - cached.usd_per_million, 4)} of Lambda cost per 1M requests"
    )


if __name__ == "__main__":
    main()
