"""The in-memory data of one Valkey/Redis OSS cache: keys, values, and expiry on the virtual clock.

This is the server side of pocketcloud's Redis: :mod:`pocketcloud.redis` (the redis-py-shaped client) sends each
command here and turns answers and errors into what redis-py returns and raises. Values are bytes, as Redis keeps
them; each key holds a string, a hash, a list or a set. Errors carry Redis's own reply text (``WRONGTYPE Operation
against a key holding the wrong kind of value``, ``ERR value is not an integer or out of range``), exactly what a
real server sends. https://redis.io/docs/latest/commands/

Expiry follows Redis: a key with a TTL is gone once its deadline passes ("keys are expired ... when some client
tries to access it"), TTL answers -2 for a missing key and -1 for a key without expiry, and writing a key with
SET drops its TTL unless KEEPTTL. https://redis.io/docs/latest/commands/expire/ Time is the virtual clock of
whoever calls (a handler's own clock inside a function), given by ``now``.
"""

from __future__ import annotations

import fnmatch
import math
from collections import deque
from collections.abc import Callable
from typing import Any

_Set = set
Value = bytes | dict[bytes, bytes] | deque[bytes] | _Set[bytes]

WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value"
NOT_INTEGER = "ERR value is not an integer or out of range"
NOT_FLOAT = "ERR value is not a valid float"
SYNTAX = "ERR syntax error"
_MAX_INT = 2**63 - 1


class ServerError(Exception):
    """A Redis error reply (the text a server sends after ``-``)."""


def _int(raw: bytes | int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ServerError(NOT_INTEGER) from None
    if not -_MAX_INT - 1 <= value <= _MAX_INT:
        raise ServerError(NOT_INTEGER)
    return value


class Keyspace:
    """One logical database. ``now()`` gives virtual seconds; expiry deadlines are kept in the same unit."""

    def __init__(self, now: Callable[[], float]) -> None:
        self.now = now
        self.data: dict[bytes, Value] = {}
        self.expires: dict[bytes, float] = {}
        #: Commands served, for metrics and labs.
        self.commands = 0

    # -- keys ------------------------------------------------------------------------------------------------
    def _live(self, key: bytes) -> Value | None:
        value = self.data.get(key)
        if value is None:
            return None
        deadline = self.expires.get(key)
        if deadline is not None and deadline <= self.now():
            del self.data[key]
            del self.expires[key]
            return None
        return value

    def _typed(self, key: bytes, kind: type) -> Any:
        value = self._live(key)
        if value is not None and not isinstance(value, kind):
            raise ServerError(WRONGTYPE)
        return value

    def _string(self, key: bytes) -> bytes | None:
        value: bytes | None = self._typed(key, bytes)
        return value

    def delete(self, *keys: bytes) -> int:
        removed = 0
        for key in keys:
            if self._live(key) is not None:
                del self.data[key]
                self.expires.pop(key, None)
                removed += 1
        return removed

    def exists(self, *keys: bytes) -> int:
        return sum(1 for key in keys if self._live(key) is not None)

    def keys(self, pattern: bytes) -> list[bytes]:
        """KEYS with glob-style patterns (``*``, ``?``, ``[abc]``), as Redis matches them."""
        text = pattern.decode("latin-1")
        return [
            k for k in list(self.data) if self._live(k) is not None and fnmatch.fnmatchcase(k.decode("latin-1"), text)
        ]

    def type(self, key: bytes) -> bytes:
        value = self._live(key)
        names = {bytes: b"string", dict: b"hash", deque: b"list", set: b"set"}
        return b"none" if value is None else names[type(value)]

    def flushall(self) -> bool:
        self.data.clear()
        self.expires.clear()
        return True

    def dbsize(self) -> int:
        return sum(1 for k in list(self.data) if self._live(k) is not None)

    # -- expiry ----------------------------------------------------------------------------------------------
    def expire_at(self, key: bytes, deadline: float) -> bool:
        if self._live(key) is None:
            return False
        if deadline <= self.now():
            self.delete(key)
        else:
            self.expires[key] = deadline
        return True

    def expire(self, key: bytes, seconds: int) -> bool:
        return self.expire_at(key, self.now() + _int(seconds))

    def pexpire(self, key: bytes, millis: int) -> bool:
        return self.expire_at(key, self.now() + _int(millis) / 1000)

    def persist(self, key: bytes) -> bool:
        return self._live(key) is not None and self.expires.pop(key, None) is not None

    def pttl(self, key: bytes) -> int:
        if self._live(key) is None:
            return -2
        deadline = self.expires.get(key)
        if deadline is None:
            return -1
        return max(0, round((deadline - self.now()) * 1000))

    def ttl(self, key: bytes) -> int:
        millis = self.pttl(key)
        return millis if millis < 0 else (millis + 500) // 1000

    # -- strings ---------------------------------------------------------------------------------------------
    def get(self, key: bytes) -> bytes | None:
        return self._string(key)

    def set(
        self,
        key: bytes,
        value: bytes,
        ex: int | None = None,
        px: int | None = None,
        nx: bool = False,
        xx: bool = False,
        keepttl: bool = False,
        get: bool = False,
        exat: int | None = None,
        pxat: int | None = None,
    ) -> Any:
        """SET with EX/PX/EXAT/PXAT, NX/XX, KEEPTTL and GET: ``True`` when set, ``None`` when NX/XX refused (or the
        old value with GET). https://redis.io/docs/latest/commands/set/"""
        if nx and xx:
            raise ServerError(SYNTAX)
        given = [x for x in (ex, px, exat, pxat) if x is not None]
        if len(given) > 1 or (given and keepttl):
            raise ServerError(SYNTAX)
        for amount in given:
            if _int(amount) <= 0:
                raise ServerError("ERR invalid expire time in 'set' command")
        old = self._string(key) if get else self._live(key)
        exists = old is not None if get else self._live(key) is not None
        if (nx and exists) or (xx and not exists):
            return old if get else None
        self.data[key] = value
        if ex is not None:
            self.expires[key] = self.now() + _int(ex)
        elif px is not None:
            self.expires[key] = self.now() + _int(px) / 1000
        elif exat is not None or pxat is not None:
            from ...timeutil import EPOCH_SECONDS

            at = _int(exat) if exat is not None else _int(pxat or 0) / 1000
            self.expires[key] = at - EPOCH_SECONDS
        elif not keepttl:
            self.expires.pop(key, None)
        return old if get else True

    def mget(self, keys: list[bytes]) -> list[bytes | None]:
        out: list[bytes | None] = []
        for key in keys:
            value = self._live(key)
            out.append(value if isinstance(value, bytes) else None)
        return out

    def mset(self, pairs: dict[bytes, bytes]) -> bool:
        for key, value in pairs.items():
            self.data[key] = value
            self.expires.pop(key, None)
        return True

    def incrby(self, key: bytes, amount: int) -> int:
        current = self._string(key)
        value = _int(current) if current is not None else 0
        result = value + _int(amount)
        if not -_MAX_INT - 1 <= result <= _MAX_INT:
            raise ServerError("ERR increment or decrement would overflow")
        self.data[key] = str(result).encode()
        return result

    def incrbyfloat(self, key: bytes, amount: float) -> bytes:
        current = self._string(key)
        try:
            result = (float(current) if current is not None else 0.0) + float(amount)
        except ValueError:
            raise ServerError(NOT_FLOAT) from None
        if math.isinf(result) or math.isnan(result):
            raise ServerError("ERR increment would produce NaN or Infinity")
        text = repr(result).removesuffix(".0") if result == int(result) else repr(result)
        self.data[key] = text.encode()
        return self.data[key]  # type: ignore[return-value]

    def append(self, key: bytes, value: bytes) -> int:
        current = self._string(key) or b""
        self.data[key] = current + value
        return len(current) + len(value)

    def strlen(self, key: bytes) -> int:
        return len(self._string(key) or b"")

    # -- hashes ----------------------------------------------------------------------------------------------
    def _hash(self, key: bytes, create: bool = False) -> dict[bytes, bytes] | None:
        value: dict[bytes, bytes] | None = self._typed(key, dict)
        if value is None and create:
            value = self.data[key] = {}
        return value

    def hset(self, key: bytes, pairs: dict[bytes, bytes]) -> int:
        target = self._hash(key, create=True)
        assert target is not None
        added = sum(1 for field in pairs if field not in target)
        target.update(pairs)
        return added

    def hget(self, key: bytes, field: bytes) -> bytes | None:
        found = self._hash(key)
        return None if found is None else found.get(field)

    def hgetall(self, key: bytes) -> dict[bytes, bytes]:
        return dict(self._hash(key) or {})

    def hdel(self, key: bytes, *fields: bytes) -> int:
        found = self._hash(key)
        if found is None:
            return 0
        removed = sum(1 for f in fields if found.pop(f, None) is not None)
        if not found:
            self.delete(key)
        return removed

    def hexists(self, key: bytes, field: bytes) -> bool:
        return field in (self._hash(key) or {})

    def hincrby(self, key: bytes, field: bytes, amount: int) -> int:
        target = self._hash(key, create=True)
        assert target is not None
        current = target.get(field)
        try:
            value = int(current) if current is not None else 0
        except ValueError:
            raise ServerError("ERR hash value is not an integer") from None
        target[field] = str(value + _int(amount)).encode()
        return value + _int(amount)

    def hlen(self, key: bytes) -> int:
        return len(self._hash(key) or {})

    # -- lists -----------------------------------------------------------------------------------------------
    def _list(self, key: bytes, create: bool = False) -> deque[bytes] | None:
        value: deque[bytes] | None = self._typed(key, deque)
        if value is None and create:
            value = self.data[key] = deque()
        return value

    def push(self, key: bytes, values: list[bytes], left: bool) -> int:
        target = self._list(key, create=True)
        assert target is not None
        for value in values:
            if left:
                target.appendleft(value)
            else:
                target.append(value)
        return len(target)

    def pop(self, key: bytes, left: bool) -> bytes | None:
        found = self._list(key)
        if not found:
            return None
        value = found.popleft() if left else found.pop()
        if not found:
            self.delete(key)
        return value

    def lrange(self, key: bytes, start: int, stop: int) -> list[bytes]:
        items = list(self._list(key) or ())
        n = len(items)
        start, stop = _int(start), _int(stop)
        start = max(start + n, 0) if start < 0 else start
        stop = stop + n if stop < 0 else min(stop, n - 1)
        return items[start : stop + 1] if start <= stop else []

    def llen(self, key: bytes) -> int:
        return len(self._list(key) or ())

    # -- sets ------------------------------------------------------------------------------------------------
    def _set(self, key: bytes, create: bool = False) -> _Set[bytes] | None:
        value: _Set[bytes] | None = self._typed(key, set)
        if value is None and create:
            value = self.data[key] = set()
        return value

    def sadd(self, key: bytes, members: list[bytes]) -> int:
        target = self._set(key, create=True)
        assert target is not None
        before = len(target)
        target.update(members)
        return len(target) - before

    def srem(self, key: bytes, members: list[bytes]) -> int:
        found = self._set(key)
        if found is None:
            return 0
        before = len(found)
        found.difference_update(members)
        if not found:
            self.delete(key)
        return before - len(found)

    def smembers(self, key: bytes) -> _Set[bytes]:
        return set(self._set(key) or ())

    def sismember(self, key: bytes, member: bytes) -> bool:
        return member in (self._set(key) or ())

    def scard(self, key: bytes) -> int:
        return len(self._set(key) or ())
