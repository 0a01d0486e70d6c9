"""What S3 keeps: buckets, the objects in them, multipart uploads in progress and their parts."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass
class StoredObject:
    """One object: its bytes and everything S3 returns about it.

    ``etag`` is kept quoted, as S3 returns it in ``ETag`` (``'"6805f2cfc46c0f04559748bb039d69ae"'``); events carry it
    without the quotes. ``metadata`` keys are lower case: "Amazon S3 stores user-defined metadata keys in
    lowercase." https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html
    """

    key: str
    body: bytes
    etag: str
    last_modified: float
    content_type: str
    metadata: dict[str, str]
    headers: dict[str, Any]  # CacheControl, ContentDisposition, ContentEncoding, ContentLanguage, Expires …
    storage_class: str = "STANDARD"
    parts_count: int | None = None  # set for objects created by CompleteMultipartUpload
    tags: list[dict[str, str]] = field(default_factory=list)
    #: The additional checksum stored with a PutObject, e.g. ``{"ChecksumCRC32": "NSRBwg=="}``.
    checksum: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.body)


@dataclass
class Part:
    number: int
    body: bytes
    etag: str
    md5: bytes
    last_modified: float


@dataclass
class MultipartUpload:
    """A multipart upload between CreateMultipartUpload and Complete/Abort. Its parts are invisible to GET and
    LIST until it completes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html"""

    upload_id: str
    key: str
    initiated: float
    content_type: str
    metadata: dict[str, str]
    headers: dict[str, Any]
    storage_class: str
    tags: list[dict[str, str]]
    parts: dict[int, Part] = field(default_factory=dict)


@dataclass
class NotificationRule:
    """One validated notification configuration: where to send which events for which keys."""

    kind: str  # "Lambda", "Queue" or "Topic"
    id: str
    arn: str
    events: tuple[str, ...]  # as configured, e.g. ("s3:ObjectCreated:*",)
    prefix: str
    suffix: str
    filter_rules: list[dict[str, str]] | None  # as configured, for GetBucketNotificationConfiguration

    def wants(self, event_name: str, key: str) -> bool:
        """Whether an event (``s3:ObjectCreated:Put``) on ``key`` matches this rule's event types and filter."""
        if not (key.startswith(self.prefix) and key.endswith(self.suffix)):
            return False
        family = event_name.rsplit(":", 1)[0] + ":*"
        return event_name in self.events or family in self.events


@dataclass
class Bucket:
    """A bucket: objects by key, with a sorted index of the keys so that listings never sort the whole bucket."""

    name: str
    region: str
    created: float
    #: S3 Object Ownership; "BucketOwnerEnforced" (ACLs disabled) is the default for new buckets.
    #: https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
    object_ownership: str = "BucketOwnerEnforced"
    objects: dict[str, StoredObject] = field(default_factory=dict)
    sorted_keys: list[str] = field(default_factory=list)
    uploads: dict[str, MultipartUpload] = field(default_factory=dict)
    notification_rules: list[NotificationRule] = field(default_factory=list)
    #: "Send notifications to Amazon EventBridge for all events in this bucket" (EventBridgeConfiguration).
    eventbridge: bool = False

    @property
    def acls_enabled(self) -> bool:
        return self.object_ownership != "BucketOwnerEnforced"

    @property
    def arn(self) -> str:
        return f"arn:aws:s3:::{self.name}"

    def store(self, obj: StoredObject) -> None:
        if obj.key not in self.objects:
            bisect.insort(self.sorted_keys, obj.key)
        self.objects[obj.key] = obj

    def remove(self, key: str) -> StoredObject | None:
        obj = self.objects.pop(key, None)
        if obj is not None:
            index = bisect.bisect_left(self.sorted_keys, key)
            del self.sorted_keys[index]
        return obj
