"""A client shaped like redis-py's ``redis.Redis``, talking to pocketcloud's ElastiCache clusters.

``Redis(host=<endpoint>, port=6379)`` connects (lazily, on the first command, as redis-py does) to the cluster node,
primary, reader or replica endpoint ElastiCache handed out. Arguments, return values and errors follow redis-py
(RESP2 replies): ``set`` returns ``True`` (``None`` when NX/XX refused), ``get`` returns ``bytes`` or ``None``
(``str`` with ``decode_responses=True``), ``incr`` an ``int``, ``expire`` a ``bool``, ``hgetall`` a ``dict``; a
command against the wrong type raises ``ResponseError("WRONGTYPE Operation against a key holding the wrong kind of
value")``; an endpoint that does not resolve raises ``ConnectionError("Error -2 connecting to <host>:<port>. Name or
service not known.")``; a write through a replica or the reader endpoint raises ``ReadOnlyError``.
https://redis.readthedocs.io/en/stable/commands.html

**Latency model (pocketcloud's):** inside a Lambda handler each command, or each pipeline ``execute()``, spends one
round trip of virtual time: about 0.5 ms (log-normal, median :data:`ROUND_TRIP_MEDIAN_S`), a same-AZ network round
trip plus a sub-millisecond in-memory operation ("ElastiCache ... delivers microsecond read and write latency",
https://aws.amazon.com/elasticache/). Outside handlers commands take no virtual time, like any API call from a
notebook.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from ..services.awslambda.sandbox import current_clock
from ..services.elasticache.service import ElastiCacheService, EndpointError
from ..services.elasticache.store import ServerError
from . import exceptions as exc

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ..services.elasticache.store import Keyspace

_Set = set
ROUND_TRIP_MEDIAN_S = 0.0005
ROUND_TRIP_SIGMA = 0.25

#: Commands that change data: refused with READONLY on a replica or the reader endpoint.
WRITES = frozenset(
    [
        "set",
        "setex",
        "psetex",
        "setnx",
        "getset",
        "mset",
        "incr",
        "incrby",
        "decr",
        "decrby",
        "incrbyfloat",
        "append",
        "delete",
        "expire",
        "pexpire",
        "expireat",
        "persist",
        "hset",
        "hdel",
        "hincrby",
        "lpush",
        "rpush",
        "lpop",
        "rpop",
        "sadd",
        "srem",
        "flushall",
        "flushdb",
    ]
)


def encode(value: Any) -> bytes:
    """What redis-py's Encoder sends: bytes as is, str as UTF-8, int and float by ``repr``; anything else is a
    DataError ("Invalid input of type: 'NoneType'. Convert to a bytes, string, int or float first.")."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, (memoryview, bytearray)):
        return bytes(value)
    if isinstance(value, bool):
        raise exc.DataError("Invalid input of type: 'bool'. Convert to a bytes, string, int or float first.")
    if isinstance(value, (int, float)):
        return repr(value).encode()
    if isinstance(value, str):
        return value.encode("utf-8")
    raise exc.DataError(
        f"Invalid input of type: '{type(value).__name__}'. Convert to a bytes, string, int or float first."
    )


def _decode(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, set):
        return {_decode(v) for v in value}
    if isinstance(value, dict):
        return {_decode(k): _decode(v) for k, v in value.items()}
    return value


class Redis:
    """redis-py's ``Redis`` for pocketcloud. ``cloud`` is bound for you inside a handler (``import redis``);
    outside one, pass the cloud: ``pocketcloud.redis.Redis(host=endpoint, cloud=cloud)``."""

    def __init__(
        self,
        host: str = "localhost",
        port: int = 6379,
        db: int = 0,
        password: str | None = None,
        socket_timeout: float | None = None,
        decode_responses: bool = False,
        *,
        cloud: Cloud | None = None,
        **_ignored: Any,  # ssl, username, socket_connect_timeout ...: accepted, as redis-py accepts them
    ) -> None:
        if cloud is None:
            raise exc.ConnectionError(
                "pocketcloud.redis.Redis needs the cloud outside a Lambda handler: Redis(host=..., cloud=cloud)"
            )
        self.cloud = cloud
        self.host = host
        self.port = int(port)
        self.db = db
        self.decode_responses = decode_responses
        #: The latency model's own random source: from the cloud's seed and the endpoint, never the cloud's own
        #: sources, so that using a cache changes no other simulated number.
        self._rng = random.Random(f"redis:{cloud.seed}:{host}:{port}")

    # -- plumbing --------------------------------------------------------------------------------------------
    @property
    def _service(self) -> ElastiCacheService:
        # Looked up through the cloud each time, as the SDK clients do, never kept: a client a function keeps in
        # a global is part of its memory, and the cache nodes' data behind it is not (the memory model stops at
        # the cloud, see pocketcloud.services.awslambda.memory).
        service: ElastiCacheService = self.cloud.backend("elasticache", ElastiCacheService)
        return service

    def _resolve(self) -> tuple[Keyspace, bool]:
        try:
            return self._service.resolve(self.host, self.port)
        except EndpointError as error:
            raise exc.ConnectionError(
                f"Error {error.errno} connecting to {self.host}:{self.port}. {error.reason}"
            ) from None

    def _round_trip(self) -> None:
        clock = current_clock()
        if clock is not None:
            clock.advance(ROUND_TRIP_MEDIAN_S * math.exp(self._rng.gauss(0.0, ROUND_TRIP_SIGMA)))

    def _call(self, name: str, fn: Callable[[Keyspace], Any]) -> Any:
        keyspace, read_only = self._resolve()
        self._round_trip()
        return self._run(keyspace, read_only, name, fn)

    def _run(self, keyspace: Keyspace, read_only: bool, name: str, fn: Callable[[Keyspace], Any]) -> Any:
        keyspace.commands += 1
        if read_only and name in WRITES:
            raise exc.from_reply("READONLY You can't write against a read only replica.")
        try:
            result = fn(keyspace)
        except ServerError as error:
            raise exc.from_reply(str(error)) from None
        return _decode(result) if self.decode_responses else result

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Pipeline:
        return Pipeline(self)

    def close(self) -> None:
        """Nothing to close: there is no socket."""

    def __enter__(self) -> Redis:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<pocketcloud.redis.Redis({self.host}:{self.port}/{self.db})>"

    # -- connection ------------------------------------------------------------------------------------------
    def ping(self) -> bool:
        return bool(self._call("ping", lambda ks: True))

    def echo(self, value: Any) -> Any:
        data = encode(value)
        return self._call("echo", lambda ks: data)

    # -- keys ------------------------------------------------------------------------------------------------
    def delete(self, *names: Any) -> int:
        keys = [encode(n) for n in names]
        return int(self._call("delete", lambda ks: ks.delete(*keys)))

    def exists(self, *names: Any) -> int:
        keys = [encode(n) for n in names]
        return int(self._call("exists", lambda ks: ks.exists(*keys)))

    def expire(self, name: Any, time: int) -> bool:
        key = encode(name)
        return bool(self._call("expire", lambda ks: ks.expire(key, int(time))))

    def pexpire(self, name: Any, time: int) -> bool:
        key = encode(name)
        return bool(self._call("pexpire", lambda ks: ks.pexpire(key, int(time))))

    def persist(self, name: Any) -> bool:
        key = encode(name)
        return bool(self._call("persist", lambda ks: ks.persist(key)))

    def ttl(self, name: Any) -> int:
        key = encode(name)
        return int(self._call("ttl", lambda ks: ks.ttl(key)))

    def pttl(self, name: Any) -> int:
        key = encode(name)
        return int(self._call("pttl", lambda ks: ks.pttl(key)))

    def keys(self, pattern: Any = "*") -> list[Any]:
        glob = encode(pattern)
        return list(self._call("keys", lambda ks: ks.keys(glob)))

    def type(self, name: Any) -> Any:
        key = encode(name)
        return self._call("type", lambda ks: ks.type(key))

    def flushall(self, asynchronous: bool = False) -> bool:
        return bool(self._call("flushall", lambda ks: ks.flushall()))

    def flushdb(self, asynchronous: bool = False) -> bool:
        return bool(self._call("flushdb", lambda ks: ks.flushall()))

    def dbsize(self) -> int:
        return int(self._call("dbsize", lambda ks: ks.dbsize()))

    # -- strings ---------------------------------------------------------------------------------------------
    def get(self, name: Any) -> Any:
        key = encode(name)
        return self._call("get", lambda ks: ks.get(key))

    def set(
        self,
        name: Any,
        value: Any,
        ex: int | None = None,
        px: int | None = None,
        nx: bool = False,
        xx: bool = False,
        keepttl: bool = False,
        get: bool = False,
        exat: Any = None,
        pxat: Any = None,
    ) -> Any:
        """SET with redis-py's arguments (``ex``/``px`` as int or timedelta, ``exat``/``pxat`` as int or datetime)."""
        # redis-py 8.1's client-side checks, in its words (redis/commands/core.py, ``set``).
        if sum((ex is not None, px is not None, exat is not None, pxat is not None, keepttl)) > 1:
            raise exc.DataError("``ex``, ``px``, ``exat``, ``pxat``, and ``keepttl`` are mutually exclusive.")
        if nx and xx:
            raise exc.DataError("``nx``, ``xx``, ``ifeq``, ``ifne``, ``ifdeq``, ``ifdne`` are mutually exclusive.")
        key, data = encode(name), encode(value)
        ex_s = _seconds(ex)
        px_ms = _millis(px)
        if hasattr(exat, "timestamp"):
            exat = int(exat.timestamp())
        if hasattr(pxat, "timestamp"):
            pxat = int(pxat.timestamp() * 1000)
        return self._call("set", lambda ks: ks.set(key, data, ex_s, px_ms, nx, xx, keepttl, get, exat, pxat))

    def setex(self, name: Any, time: Any, value: Any) -> bool:
        return bool(self.set(name, value, ex=time))

    def psetex(self, name: Any, time_ms: Any, value: Any) -> bool:
        return bool(self.set(name, value, px=time_ms))

    def setnx(self, name: Any, value: Any) -> bool:
        return bool(self.set(name, value, nx=True))

    def getset(self, name: Any, value: Any) -> Any:
        return self.set(name, value, get=True)

    def mget(self, keys: Any, *args: Any) -> list[Any]:
        names = [encode(k) for k in ([keys] if isinstance(keys, (str, bytes)) else list(keys)) + list(args)]
        return list(self._call("mget", lambda ks: ks.mget(names)))

    def mset(self, mapping: dict[Any, Any]) -> bool:
        pairs = {encode(k): encode(v) for k, v in mapping.items()}
        return bool(self._call("mset", lambda ks: ks.mset(pairs)))

    def incrby(self, name: Any, amount: int = 1) -> int:
        key = encode(name)
        return int(self._call("incrby", lambda ks: ks.incrby(key, amount)))

    def incr(self, name: Any, amount: int = 1) -> int:
        return self.incrby(name, amount)

    def decrby(self, name: Any, amount: int = 1) -> int:
        return self.incrby(name, -amount)

    def decr(self, name: Any, amount: int = 1) -> int:
        return self.incrby(name, -amount)

    def incrbyfloat(self, name: Any, amount: float = 1.0) -> float:
        key = encode(name)
        return float(self._call("incrbyfloat", lambda ks: ks.incrbyfloat(key, amount)))

    def append(self, key: Any, value: Any) -> int:
        name, data = encode(key), encode(value)
        return int(self._call("append", lambda ks: ks.append(name, data)))

    def strlen(self, name: Any) -> int:
        key = encode(name)
        return int(self._call("strlen", lambda ks: ks.strlen(key)))

    # -- hashes ----------------------------------------------------------------------------------------------
    def hset(
        self, name: Any, key: Any = None, value: Any = None, mapping: dict[Any, Any] | None = None, items: Any = None
    ) -> int:
        if key is None and not mapping and not items:
            raise exc.DataError("'hset' with no key value pairs")
        pairs: dict[bytes, bytes] = {}
        if key is not None:
            pairs[encode(key)] = encode(value)
        for k, v in (mapping or {}).items():
            pairs[encode(k)] = encode(v)
        flat = list(items or [])
        for k, v in zip(flat[::2], flat[1::2], strict=False):
            pairs[encode(k)] = encode(v)
        hkey = encode(name)
        return int(self._call("hset", lambda ks: ks.hset(hkey, pairs)))

    def hget(self, name: Any, key: Any) -> Any:
        hkey, field = encode(name), encode(key)
        return self._call("hget", lambda ks: ks.hget(hkey, field))

    def hgetall(self, name: Any) -> dict[Any, Any]:
        hkey = encode(name)
        return dict(self._call("hgetall", lambda ks: ks.hgetall(hkey)))

    def hdel(self, name: Any, *keys: Any) -> int:
        hkey, fields = encode(name), [encode(k) for k in keys]
        return int(self._call("hdel", lambda ks: ks.hdel(hkey, *fields)))

    def hexists(self, name: Any, key: Any) -> bool:
        hkey, field = encode(name), encode(key)
        return bool(self._call("hexists", lambda ks: ks.hexists(hkey, field)))

    def hincrby(self, name: Any, key: Any, amount: int = 1) -> int:
        hkey, field = encode(name), encode(key)
        return int(self._call("hincrby", lambda ks: ks.hincrby(hkey, field, amount)))

    def hlen(self, name: Any) -> int:
        hkey = encode(name)
        return int(self._call("hlen", lambda ks: ks.hlen(hkey)))

    # -- lists -----------------------------------------------------------------------------------------------
    def lpush(self, name: Any, *values: Any) -> int:
        key, data = encode(name), [encode(v) for v in values]
        return int(self._call("lpush", lambda ks: ks.push(key, data, left=True)))

    def rpush(self, name: Any, *values: Any) -> int:
        key, data = encode(name), [encode(v) for v in values]
        return int(self._call("rpush", lambda ks: ks.push(key, data, left=False)))

    def lpop(self, name: Any) -> Any:
        key = encode(name)
        return self._call("lpop", lambda ks: ks.pop(key, left=True))

    def rpop(self, name: Any) -> Any:
        key = encode(name)
        return self._call("rpop", lambda ks: ks.pop(key, left=False))

    def lrange(self, name: Any, start: int, end: int) -> list[Any]:
        key = encode(name)
        return list(self._call("lrange", lambda ks: ks.lrange(key, start, end)))

    def llen(self, name: Any) -> int:
        key = encode(name)
        return int(self._call("llen", lambda ks: ks.llen(key)))

    # -- sets ------------------------------------------------------------------------------------------------
    def sadd(self, name: Any, *values: Any) -> int:
        key, data = encode(name), [encode(v) for v in values]
        return int(self._call("sadd", lambda ks: ks.sadd(key, data)))

    def srem(self, name: Any, *values: Any) -> int:
        key, data = encode(name), [encode(v) for v in values]
        return int(self._call("srem", lambda ks: ks.srem(key, data)))

    def smembers(self, name: Any) -> _Set[Any]:
        key = encode(name)
        return set(self._call("smembers", lambda ks: ks.smembers(key)))

    def sismember(self, name: Any, value: Any) -> int:
        """1 or 0: redis-py returns SISMEMBER's integer reply as is."""
        key, data = encode(name), encode(value)
        return int(self._call("sismember", lambda ks: ks.sismember(key, data)))

    def scard(self, name: Any) -> int:
        key = encode(name)
        return int(self._call("scard", lambda ks: ks.scard(key)))


StrictRedis = Redis


def _seconds(value: Any) -> int | None:
    if value is None:
        return None
    if hasattr(value, "total_seconds"):
        return int(value.total_seconds())
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise exc.DataError("ex must be datetime.timedelta or int")
    return value


def _millis(value: Any) -> int | None:
    if value is None:
        return None
    if hasattr(value, "total_seconds"):
        return int(value.total_seconds() * 1000)
    if isinstance(value, bool) or not isinstance(value, int):
        raise exc.DataError("px must be datetime.timedelta or int")
    return value


class Pipeline:
    """``r.pipeline()``: commands are queued and sent together by ``execute()``, one round trip for all of them
    (each command still runs on its own: this is not a MULTI/EXEC transaction across failures)."""

    def __init__(self, client: Redis) -> None:
        self._client = client
        self._queue: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Callable[..., Pipeline]:
        if name.startswith("_") or not callable(getattr(Redis, name, None)) or name in ("pipeline", "close"):
            raise AttributeError(name)

        def queue(*args: Any, **kwargs: Any) -> Pipeline:
            self._queue.append((name, args, kwargs))
            return self

        return queue

    def execute(self, raise_on_error: bool = True) -> list[Any]:
        client = self._client
        client._resolve()
        client._round_trip()
        queued, self._queue = self._queue, []
        results: list[Any] = []
        saved = client._round_trip
        client._round_trip = lambda: None  # type: ignore[method-assign]
        try:
            for name, args, kwargs in queued:
                try:
                    results.append(getattr(client, name)(*args, **kwargs))
                except exc.ResponseError as error:
                    if raise_on_error:
                        raise
                    results.append(error)
        finally:
            client._round_trip = saved  # type: ignore[method-assign]
        return results

    def reset(self) -> None:
        self._queue = []

    def __len__(self) -> int:
        return len(self._queue)

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *args: object) -> None:
        self.reset()


def from_url(url: str, *, cloud: Cloud | None = None, **kwargs: Any) -> Redis:
    """``redis://[user:password@]host[:port][/db]`` (and ``rediss://``), as redis-py's ``from_url`` reads it."""
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss", "unix"):
        raise ValueError("Redis URL must specify one of the following schemes (redis://, rediss://, unix://)")
    db = int(parsed.path.lstrip("/") or 0) if parsed.path.lstrip("/").isdigit() else 0
    return Redis(
        host=unquote(parsed.hostname or "localhost"),
        port=parsed.port or 6379,
        db=db,
        password=unquote(parsed.password) if parsed.password else None,
        cloud=cloud,
        **kwargs,
    )
