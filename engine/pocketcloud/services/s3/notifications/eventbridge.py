"""S3's "Send to EventBridge": a bucket's object events as EventBridge events on the account's default bus.

"Amazon S3 can send events to Amazon EventBridge whenever certain events happen in your bucket. Unlike other
destinations, you don't need to select which event types you want to deliver. After EventBridge is enabled, all
events below are sent to EventBridge." pocketcloud sends the two families its requests cause: ``Object Created``
("The reason field ... indicates which S3 API was used to create the object: PutObject, POST Object, CopyObject,
or CompleteMultipartUpload") and ``Object Deleted`` (reason ``DeleteObject``; "When an unversioned object is
deleted ... the deletion-type field is set to Permanently Deleted"). Tagging, restore, ACL, storage-class and
lifecycle events are not sent (S3 here has no lifecycle, restore or ACL changes; tag events are left out).
https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html

The event, field by field as in "EventBridge event message structure" (its "Object created" and "Object deleted"
samples): source ``aws.s3``, ``resources`` the bucket's ARN, ``account`` the bucket owner, and a ``detail`` of
``version`` "0", ``bucket.name``, ``object`` (``key``, ``size`` and ``etag`` for a created object, ``sequencer``),
``request-id``, ``requester`` (the account ID), ``source-ip-address``, ``reason`` (and ``deletion-type``). An
unversioned bucket's objects have no ``version-id``. The key is the object's key as it is: the URL encoding the
guide describes belongs to the notification message format, not to this one (the sample's key is plain, and moto
encodes only the notification form, getmoto/moto#9060). Newer revisions of the page add an ``event-version``
member to ``detail``; pocketcloud follows the sample without it.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html

S3 sends as ``s3.amazonaws.com`` through EventBridge's public PutEvents, ``settings.notification_delay_s`` after
the request, like its other notifications; the outcome is kept in ``S3Service.deliveries``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ....cloud import UnknownServiceError
from ....errors import ClientError
from ....timeutil import to_datetime
from .events import SOURCE_IP

if TYPE_CHECKING:
    from ..models import Bucket, StoredObject
    from ..service import Request, S3Service

#: S3's event name -> (EventBridge detail-type, reason).
_KINDS = {
    "s3:ObjectCreated:Put": ("Object Created", "PutObject"),
    "s3:ObjectCreated:Copy": ("Object Created", "CopyObject"),
    "s3:ObjectCreated:CompleteMultipartUpload": ("Object Created", "CompleteMultipartUpload"),
    "s3:ObjectRemoved:Delete": ("Object Deleted", "DeleteObject"),
}
PRINCIPAL = "s3.amazonaws.com"


def entry(
    service: S3Service,
    bucket: Bucket,
    event_name: str,
    key: str,
    req: Request,
    obj: StoredObject | None,
    sequencer: str | None = None,
) -> dict[str, Any] | None:
    """The PutEvents entry for one S3 event (with the sequencer its notifications carry, when it has some), or
    None for an event S3 does not send to EventBridge."""
    kind = _KINDS.get(event_name)
    if kind is None:
        return None
    detail_type, reason = kind
    details: dict[str, Any] = {"key": key}
    if detail_type == "Object Created" and obj is not None:
        details["size"] = obj.size
        details["etag"] = obj.etag.strip('"')
    details["sequencer"] = sequencer or service.next_sequencer()
    detail: dict[str, Any] = {
        "version": "0",
        "bucket": {"name": bucket.name},
        "object": details,
        "request-id": req.request_id,
        "requester": service.cloud.account_id,
        "source-ip-address": SOURCE_IP,
        "reason": reason,
    }
    if detail_type == "Object Deleted":
        detail["deletion-type"] = "Permanently Deleted"
    return {
        "Source": "aws.s3",
        "DetailType": detail_type,
        "Detail": json.dumps(detail, separators=(",", ":")),
        "Resources": [bucket.arn],
        "Time": to_datetime(req.time),
    }


def send(service: S3Service, bucket: Bucket, put: dict[str, Any]) -> str | None:
    """Put the event on the default bus; the reason it could not be put, or None."""
    try:
        client: Any = service.cloud.service_client("events", PRINCIPAL, source_arn=bucket.arn)
        result = client.put_events(Entries=[put])
    except (ClientError, UnknownServiceError) as exc:
        return str(exc)
    if result.get("FailedEntryCount"):
        failed = result["Entries"][0]
        return f"{failed.get('ErrorCode')}: {failed.get('ErrorMessage')}"
    return None
