"""Shard iterators: opaque, tamper-evident tokens that remember a position in a shard for five minutes.

AWS's iterators are opaque base64 strings (at most 512 characters in the model) that start with eight bytes
``00 00 00 00 00 00 00 01``, as kinesalite found (https://github.com/mhart/kinesalite, db/index.js). pocketcloud's
keep that prefix and carry, signed with a key derived from the cloud's seed (keyed BLAKE2b, so the same seed gives
the same iterators): the stream's identity, the shard number, the position of the next record to read and the
virtual millisecond the iterator was issued. Nothing is stored per iterator, so a consumer polling a shard tens of
thousands of times leaves no state behind, and decoding one costs a base64 decode, a hash and a struct unpack.

"A shard iterator expires 5 minutes after it is returned to the requester"
(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html); AWS then answers
ExpiredIteratorException with "Iterator expired. The iterator was created at time Thu Dec 10 01:59:39 UTC 2015
while right now it is Thu Dec 10 02:06:15 UTC 2015 which is further in the future than the tolerated delay of
300000 milliseconds." (a response from 2015 quoted in a public code comment, and the form kinesalite reproduces in
actions/getRecords.js). An iterator that was not made here, or was altered, is "Invalid ShardIterator."
(InvalidArgumentException, kinesalite's tests against AWS).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from typing import NamedTuple

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS, to_datetime

_PREFIX = b"\x00\x00\x00\x00\x00\x00\x00\x01"
_BODY = struct.Struct(">QIQq")  # stream serial, shard number, next position, issued (virtual ms)
_MAC_SIZE = 12
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Position(NamedTuple):
    """What an iterator remembers."""

    stream_serial: int
    stream_name: str
    shard_number: int
    position: int
    issued_ms: int


def invalid_iterator() -> ServiceError:
    return ServiceError("InvalidArgumentException", "Invalid ShardIterator.")


def java_date(virtual_ms: int) -> str:
    """``Thu Dec 10 01:59:39 UTC 2015``: how AWS's Java service prints a time (``Date.toString`` in UTC)."""
    moment = to_datetime(virtual_ms / 1000)
    return (
        f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} UTC {moment.year}"
    )


class IteratorCodec:
    """Makes and reads one cloud's shard iterators."""

    __slots__ = ("_key",)

    def __init__(self, seed: object, account_id: str, region: str) -> None:
        self._key = hashlib.sha256(f"pocketcloud/kinesis/iterators/{seed}/{account_id}/{region}".encode()).digest()

    def _mac(self, payload: bytes) -> bytes:
        return hashlib.blake2b(payload, key=self._key, digest_size=_MAC_SIZE).digest()

    def encode(self, stream_serial: int, stream_name: str, shard_number: int, position: int, issued_ms: int) -> str:
        payload = _PREFIX + _BODY.pack(stream_serial, shard_number, position, issued_ms) + stream_name.encode()
        return base64.b64encode(payload + self._mac(payload)).decode("ascii")

    def decode(self, iterator: str, now_ms: int) -> Position:
        """The position an iterator holds; InvalidArgumentException or ExpiredIteratorException otherwise."""
        try:
            raw = base64.b64decode(iterator, validate=True)
        except (binascii.Error, ValueError):
            raise invalid_iterator() from None
        fixed = len(_PREFIX) + _BODY.size
        if len(raw) <= fixed + _MAC_SIZE or not raw.startswith(_PREFIX):
            raise invalid_iterator()
        payload, mac = raw[:-_MAC_SIZE], raw[-_MAC_SIZE:]
        if self._mac(payload) != mac:
            raise invalid_iterator()
        serial, shard_number, position, issued_ms = _BODY.unpack_from(payload, len(_PREFIX))
        name = payload[fixed:].decode()
        if now_ms - issued_ms > limits.KINESIS_ITERATOR_LIFETIME_MS:
            raise ServiceError(
                "ExpiredIteratorException",
                f"Iterator expired. The iterator was created at time {java_date(issued_ms)} while right now it is "
                f"{java_date(now_ms)} which is further in the future than the tolerated delay of "
                f"{limits.KINESIS_ITERATOR_LIFETIME_MS} milliseconds.",
            )
        return Position(serial, name, shard_number, position, issued_ms)


def epoch_ms(virtual_s: float) -> int:
    """Virtual seconds as Unix epoch milliseconds (the form AWS's timestamps and messages use)."""
    return round((EPOCH_SECONDS + virtual_s) * 1000)
