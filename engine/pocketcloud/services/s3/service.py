"""The state of S3 in one cloud: buckets by name, the owner's IDs, and what notification delivery did.

A lab reads what S3 delivered (and what a destination refused) from ``cloud.backend("s3", S3Service).deliveries``
and tunes the delivery model through ``.settings`` (see :class:`Settings`).

The operations live in small modules, one idea each (:mod:`.buckets`, :mod:`.objects`, :mod:`.listing`,
:mod:`.multipart`, :mod:`.tagging`, :mod:`.notifications`); the client only shapes requests and responses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import ids
from .errors import no_such_bucket
from .models import Bucket

if TYPE_CHECKING:
    from ...cloud import Cloud


@dataclass(frozen=True)
class Request:
    """One S3 request: the IDs its response carries and an event it causes repeats."""

    request_id: str
    host_id: str
    time: float


@dataclass
class Settings:
    """Behaviour-model settings for S3 event notifications (AWS publishes no figures for either).

    ``notification_delay_s``: how long after a request its events reach their destinations. AWS says "Typically,
    event notifications are delivered in seconds but can sometimes take a minute or longer"; pocketcloud delivers
    every event exactly this long after its request (default 1 s), so runs are reproducible.
    ``duplicate_probability``: "Amazon S3 event notifications are designed to be delivered at least once"; with a
    probability above 0 an event is sometimes delivered twice (drawn from the cloud's seeded random source, so the
    same seed duplicates the same events). Off by default.
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html
    """

    notification_delay_s: float = 1.0
    duplicate_probability: float = 0.0


@dataclass
class Delivery:
    """One event S3 tried to deliver, and what became of it (``error`` is None when the destination took it)."""

    time: float
    destination: str
    body: str
    error: str | None = None

    @property
    def event(self) -> dict[str, Any]:
        """The notification as the destination received it."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class S3Service:
    cloud: Cloud
    buckets: dict[str, Bucket] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    #: Every delivery attempt, in order (bounded to the most recent :data:`MAX_DELIVERIES`).
    deliveries: list[Delivery] = field(default_factory=list)
    _sequence: int = 0

    MAX_DELIVERIES = 10_000

    def __post_init__(self) -> None:
        self.canonical_id = ids.canonical_user_id(self.cloud.account_id)
        self.principal_id = ids.principal_id(self.cloud.account_id)

    @property
    def owner(self) -> dict[str, str]:
        """``Owner`` as ListBuckets, ListObjectsV2 (FetchOwner) and ListParts return it. AWS no longer returns
        ``DisplayName``. https://docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html"""
        return {"ID": self.canonical_id}

    def new_request(self) -> Request:
        return Request(ids.request_id(self.cloud), ids.host_id(self.cloud), self.cloud.now)

    def bucket(self, name: str) -> Bucket:
        bucket = self.buckets.get(name)
        if bucket is None:
            raise no_such_bucket(name)
        return bucket

    def next_sequencer(self) -> str:
        self._sequence += 1
        return ids.sequencer(self.cloud.now, self._sequence)

    def record(self, delivery: Delivery) -> None:
        self.deliveries.append(delivery)
        if len(self.deliveries) > self.MAX_DELIVERIES:
            del self.deliveries[: len(self.deliveries) - self.MAX_DELIVERIES]
