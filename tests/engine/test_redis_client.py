"""pocketcloud.redis: redis-py's interface over an ElastiCache cluster. Return values and errors are redis-py's
(compared command by command with fakeredis, which runs on redis-py itself), TTLs follow the virtual clock, and
inside a Lambda function ``import redis`` gives this client with its latency model.

Sources (checked 2026-12-03): https://redis.readthedocs.io/en/stable/commands.html,
https://redis.io/docs/latest/commands/set/, https://redis.io/docs/latest/commands/expire/,
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/LambdaRedis.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud.redis import Redis
from pocketcloud.redis import exceptions as rexc

from .conftest import ROLE


@pytest.fixture
def cache(cloud: pocketcloud.Cloud) -> tuple[pocketcloud.Cloud, str]:
    ec = cloud.client("elasticache")
    ec.create_cache_cluster(CacheClusterId="cache", Engine="redis", CacheNodeType="cache.t4g.micro")
    cloud.run(until=300)
    cluster = ec.describe_cache_clusters(CacheClusterId="cache", ShowCacheNodeInfo=True)["CacheClusters"][0]
    return cloud, cluster["CacheNodes"][0]["Endpoint"]["Address"]


@pytest.fixture
def r(cache: tuple[pocketcloud.Cloud, str]) -> Redis:
    cloud, host = cache
    return Redis(host=host, port=6379, cloud=cloud)


def test_a_client_kept_in_a_global_does_not_count_the_data_on_the_cache_nodes(r: Redis) -> None:
    """A function keeps its cache client in a global, as the cache-aside pattern does
    (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Strategies.html). What the cache stores lives on its
    nodes, not in the function, so the memory model's size of the client (part of Max Memory Used) does not grow as
    the cache fills, and no sample walks the cache's keys."""
    from pocketcloud.services.awslambda import memory

    empty = memory.data_bytes([r], count=True)
    for index in range(500):
        r.set(f"product:{index}", "x" * 1000)
    assert memory.data_bytes([r], count=True) == empty


def test_strings(r: Redis) -> None:
    """SET returns True (None when NX/XX refuses), GET returns bytes or None, INCR an int."""
    assert r.set("a", "1") is True
    assert r.get("a") == b"1"
    assert r.get("missing") is None
    assert r.set("a", "2", nx=True) is None
    assert r.set("b", "2", xx=True) is None
    assert r.incr("a") == 2
    assert r.incrby("a", 10) == 12
    assert r.decr("a") == 11
    assert r.set("n", 3.5) is True and r.get("n") == b"3.5"
    assert r.mset({"x": 1, "y": 2}) is True
    assert r.mget(["x", "y", "z"]) == [b"1", b"2", None]
    assert r.delete("x", "y", "z") == 2
    assert r.exists("a", "x") == 1


def test_wrong_type_and_not_integer_errors(r: Redis) -> None:
    """Errors as redis-py raises them: WRONGTYPE keeps its prefix, ERR replies lose it."""
    r.hset("h", "f", "v")
    with pytest.raises(rexc.ResponseError) as error:
        r.get("h")
    assert str(error.value) == "WRONGTYPE Operation against a key holding the wrong kind of value"
    r.set("s", "abc")
    with pytest.raises(rexc.ResponseError) as error:
        r.incr("s")
    assert str(error.value) == "value is not an integer or out of range"
    with pytest.raises(rexc.DataError):
        r.set("k", None)


def test_ttl_on_the_virtual_clock(cache: tuple[pocketcloud.Cloud, str], r: Redis) -> None:
    """EX/PX set a TTL; TTL is -1 without expiry and -2 for a missing key; the key is gone once virtual time
    passes its deadline; a plain SET drops the TTL, KEEPTTL keeps it."""
    cloud, _ = cache
    r.set("session", "x", ex=10)
    r.set("plain", "y")
    assert r.ttl("session") == 10
    assert r.ttl("plain") == -1
    assert r.ttl("nothing") == -2
    cloud.run(until=cloud.now + 9.5)
    assert r.pttl("session") == 500
    cloud.run(until=cloud.now + 1)
    assert r.get("session") is None
    r.set("k", "v", px=1500)
    r.set("k", "v2", keepttl=True)
    assert r.pttl("k") == 1500
    r.set("k", "v3")
    assert r.ttl("k") == -1
    assert r.expire("k", 5) is True
    assert r.expire("nothing", 5) is False


def test_hashes_lists_sets_keys(r: Redis) -> None:
    assert r.hset("user:1", mapping={"name": "kim", "age": 30}) == 2
    assert r.hget("user:1", "name") == b"kim"
    assert r.hgetall("user:1") == {b"name": b"kim", b"age": b"30"}
    assert r.hincrby("user:1", "age", 1) == 31
    assert r.hdel("user:1", "age", "nope") == 1
    assert r.rpush("q", "a", "b") == 2 and r.lpush("q", "z") == 3
    assert r.lrange("q", 0, -1) == [b"z", b"a", b"b"]
    assert r.lpop("q") == b"z"
    assert r.sadd("tags", "x", "y", "x") == 2
    assert r.smembers("tags") == {b"x", b"y"}
    assert sorted(r.keys("user:*")) == [b"user:1"]
    assert r.type("tags") == b"set"
    assert r.flushall() is True and r.dbsize() == 0


def test_decode_responses(cache: tuple[pocketcloud.Cloud, str]) -> None:
    cloud, host = cache
    r = Redis(host=host, cloud=cloud, decode_responses=True)
    r.set("k", "값")
    assert r.get("k") == "값"
    assert r.hgetall("missing") == {}


def test_pipeline_runs_queued_commands(r: Redis) -> None:
    with r.pipeline() as pipe:
        results = pipe.set("a", 1).incr("a").get("a").execute()
    assert results == [True, 2, b"2"]


def test_zero_expiry_is_refused(r: Redis) -> None:
    """Redis 7 answers ``SET k v EX 0`` with "ERR invalid expire time in 'set' command" (redis-py drops "ERR ").
    (fakeredis words it differently, so this case is checked here rather than in the comparison below.)"""
    with pytest.raises(rexc.ResponseError) as error:
        r.set("k", "v", ex=0)
    assert str(error.value) == "invalid expire time in 'set' command"
    assert r.exists("k") == 0


def test_wrong_port_and_no_cloud(cache: tuple[pocketcloud.Cloud, str]) -> None:
    cloud, host = cache
    with pytest.raises(rexc.ConnectionError) as error:
        Redis(host=host, port=6380, cloud=cloud).ping()
    assert str(error.value) == f"Error 111 connecting to {host}:6380. Connection refused."
    with pytest.raises(rexc.ConnectionError):
        Redis(host=host)


def _function(cloud: pocketcloud.Cloud, host: str, source: str) -> Any:
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="cached",
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
        Environment={"Variables": {"CACHE_HOST": host}},
    )
    return lam


def test_import_redis_inside_a_handler(cache: tuple[pocketcloud.Cloud, str]) -> None:
    """A handler written for AWS (``import redis``, the cluster's endpoint from an environment variable) runs
    unchanged; each command spends about half a millisecond of the invocation's virtual time."""
    cloud, host = cache
    source = (
        "import os, time, redis\n"
        "r = redis.Redis(host=os.environ['CACHE_HOST'], port=6379)\n"
        "def handler(event, context):\n"
        "    start = time.perf_counter()\n"
        "    for _ in range(100):\n"
        "        r.incr('hits')\n"
        "    try:\n"
        "        r.hget('hits', 'x')\n"
        "    except redis.exceptions.ResponseError as error:\n"
        "        kind = str(error)\n"
        "    return {'hits': int(r.get('hits')), 'ms': (time.perf_counter() - start) * 1000, 'error': kind}\n"
    )
    lam = _function(cloud, host, source)
    result = json.loads(lam.invoke(FunctionName="cached")["Payload"].read())
    assert result["hits"] == 100
    assert 30 < result["ms"] < 80  # 102 round trips of ~0.5 ms
    assert result["error"].startswith("WRONGTYPE")
    assert Redis(host=host, cloud=cloud).get("hits") == b"100"


def test_handler_sees_connection_errors(cloud: pocketcloud.Cloud) -> None:
    source = (
        "import redis\n"
        "def handler(event, context):\n"
        "    try:\n"
        "        redis.Redis(host='nowhere.cache.amazonaws.com').ping()\n"
        "    except redis.ConnectionError as error:\n"
        "        return str(error)\n"
    )
    lam = _function(cloud, "unused", source)
    answer = json.loads(lam.invoke(FunctionName="cached")["Payload"].read())
    assert answer == "Error -2 connecting to nowhere.cache.amazonaws.com:6379. Name or service not known."


def test_ttl_inside_a_handler_follows_its_clock(cache: tuple[pocketcloud.Cloud, str]) -> None:
    """A handler that sleeps past a key's TTL no longer finds it: the store reads the handler's own clock."""
    cloud, host = cache
    source = (
        "import os, time, redis\n"
        "r = redis.Redis(host=os.environ['CACHE_HOST'])\n"
        "def handler(event, context):\n"
        "    r.set('k', 'v', px=200)\n"
        "    first = r.get('k')\n"
        "    time.sleep(0.5)\n"
        "    return [first.decode(), r.get('k')]\n"
    )
    lam = _function(cloud, host, source)
    assert json.loads(lam.invoke(FunctionName="cached")["Payload"].read()) == ["v", None]


SCRIPT: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("set", ("a", "1"), {}),
    ("set", ("a", "2"), {"nx": True}),
    ("set", ("b", "2"), {"xx": True}),
    ("set", ("c", "3"), {"get": True}),
    ("get", ("a",), {}),
    ("incr", ("a",), {}),
    ("incrby", ("a", 5), {}),
    ("decr", ("a",), {}),
    ("set", ("s", "abc"), {}),
    ("incr", ("s",), {}),
    ("append", ("s", "def"), {}),
    ("strlen", ("s",), {}),
    ("hset", ("h",), {"mapping": {"f": "v", "g": 1}}),
    ("get", ("h",), {}),
    ("hget", ("h", "f"), {}),
    ("hgetall", ("h",), {}),
    ("hincrby", ("h", "g", 2), {}),
    ("hincrby", ("h", "f", 1), {}),
    ("hexists", ("h", "f"), {}),
    ("hdel", ("h", "f", "zz"), {}),
    ("hlen", ("h",), {}),
    ("rpush", ("l", "a", "b", "c"), {}),
    ("lrange", ("l", 0, -1), {}),
    ("lrange", ("l", -2, 10), {}),
    ("lpop", ("l",), {}),
    ("llen", ("l",), {}),
    ("sadd", ("st", "x", "y", "x"), {}),
    ("sismember", ("st", "x"), {}),
    ("scard", ("st",), {}),
    ("srem", ("st", "x", "q"), {}),
    ("exists", ("a", "h", "nope"), {}),
    ("expire", ("a", 100), {}),
    ("ttl", ("a",), {}),
    ("ttl", ("h",), {}),
    ("ttl", ("nope",), {}),
    ("persist", ("a",), {}),
    ("type", ("h",), {}),
    ("type", ("nope",), {}),
    ("mset", ({"m1": "1", "m2": "2"},), {}),
    ("mget", (["m1", "nope", "h"],), {}),
    ("delete", ("m1", "m2", "nope"), {}),
    ("incrbyfloat", ("f", 1.5), {}),
    ("setnx", ("a", "x"), {}),
    ("dbsize", (), {}),
    ("set", ("e", "1"), {"nx": True, "xx": True}),
    ("lrange", ("s", 0, 1), {}),
    ("sadd", ("s", "x"), {}),
    ("getset", ("a", "new"), {}),
    ("set", ("h", "x"), {"get": True}),
    ("expire", ("a", -1), {}),
    ("exists", ("a",), {}),
    ("keys", ("m*",), {}),
    ("keys", ("?",), {}),
    ("rpop", ("nope",), {}),
    ("smembers", ("nope",), {}),
    ("hgetall", ("nope",), {}),
    ("incrbyfloat", ("s", 1), {}),
    ("decrby", ("counter", 3), {}),
    ("flushall", (), {}),
    ("dbsize", (), {}),
]


def _outcome(client: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    try:
        result = getattr(client, name)(*args, **kwargs)
    except Exception as error:
        return (type(error).__name__, str(error))
    return sorted(result) if isinstance(result, (set, list)) and name in ("keys", "smembers") else result


def test_same_answers_as_redis_py_over_fakeredis(r: Redis) -> None:
    """Every command of the script gives the value (and type) redis-py gives against fakeredis, and the same
    exception class and message."""
    fakeredis = pytest.importorskip("fakeredis")
    theirs = fakeredis.FakeRedis()
    for name, args, kwargs in SCRIPT:
        mine = _outcome(r, name, args, kwargs)
        expected = _outcome(theirs, name, args, kwargs)
        assert mine == expected, (name, args, kwargs)
        assert type(mine) is type(expected), (name, args, kwargs)
