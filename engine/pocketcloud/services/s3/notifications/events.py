"""The JSON S3 sends to a destination: event records, and the ``s3:TestEvent`` a new configuration gets.

Field by field as the AWS docs show them (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
and the sample in https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html):

* ``eventVersion``: "Amazon S3 uses versions 2.1, 2.2, and 2.3 of this event structure ... version 2.3 for S3
  Lifecycle, S3 Intelligent-Tiering, object ACL, object tagging, and object restoration delete events ... 2.1,
  which Amazon S3 currently uses for all other event notification types" — so 2.1 for object-created and
  object-removed events, 2.3 for object tagging. (Newer revisions of the page describe one unified version from
  2.4 on; the Lambda developer guide's sample, which handlers are written against, is 2.1.)
* ``eventTime``: ISO-8601 with milliseconds, "when Amazon S3 finished processing the request";
  ``eventName``: the event type without the ``s3:`` prefix.
* ``userIdentity.principalId``: who made the request — here the account itself, whose Amazon customer ID is also
  the bucket owner's (as in events caused by an account's root user).
* ``requestParameters.sourceIPAddress``: the caller's address; a learner's code runs on their own machine, so
  pocketcloud says ``127.0.0.1`` (the address in S3's own example message).
* ``responseElements``: the ``x-amz-request-id`` and ``x-amz-id-2`` of the request that caused the event, the
  same values the caller's response carried (``ResponseMetadata.RequestId``/``HostId``).
* ``s3.object``: ``key`` URL-encoded (see :func:`..keys.event_key`); ``size`` and ``eTag`` (without quotes) for
  events that create an object; ``sequencer`` for PUTs and DELETEs ("only used with PUTs and DELETEs"). An
  object-removed event has no size or eTag (as in Powertools' recorded ``ObjectRemoved:Delete`` event), and
  ``versionId`` is absent because buckets here are not versioned (the Lambda guide's sample has none either).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ....timeutil import iso_millis
from ..keys import event_key

if TYPE_CHECKING:
    from ..models import Bucket, StoredObject
    from ..service import Request, S3Service

SOURCE_IP = "127.0.0.1"


def record(
    service: S3Service, bucket: Bucket, event_name: str, key: str, req: Request, obj: StoredObject | None
) -> dict[str, Any]:
    """One event record, without its ``configurationId`` (set per matching configuration)."""
    tagging = event_name.startswith("s3:ObjectTagging:")
    details: dict[str, Any] = {"key": event_key(key)}
    if obj is not None and (event_name.startswith("s3:ObjectCreated:") or tagging):
        details["size"] = obj.size
        details["eTag"] = obj.etag.strip('"')
    if not tagging:
        details["sequencer"] = service.next_sequencer()
    return {
        "eventVersion": "2.3" if tagging else "2.1",
        "eventSource": "aws:s3",
        "awsRegion": bucket.region,
        "eventTime": iso_millis(req.time),
        "eventName": event_name.removeprefix("s3:"),
        "userIdentity": {"principalId": service.principal_id},
        "requestParameters": {"sourceIPAddress": SOURCE_IP},
        "responseElements": {"x-amz-request-id": req.request_id, "x-amz-id-2": req.host_id},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "",
            "bucket": {
                "name": bucket.name,
                "ownerIdentity": {"principalId": service.principal_id},
                "arn": bucket.arn,
            },
            "object": details,
        },
    }


def message(base: dict[str, Any], configuration_id: str) -> str:
    """The notification for one configuration: ``{"Records": [record]}`` as compact JSON (S3's form on the wire)."""
    s3 = dict(base["s3"], configurationId=configuration_id)
    return json.dumps({"Records": [dict(base, s3=s3)]}, separators=(",", ":"))


def test_event(bucket: Bucket, req: Request) -> str:
    """AWS: "After you configure an event notification on a bucket, Amazon S3 sends the following test message"."""
    return json.dumps(
        {
            "Service": "Amazon S3",
            "Event": "s3:TestEvent",
            "Time": iso_millis(req.time),
            "Bucket": bucket.name,
            "RequestId": req.request_id,
            "HostId": req.host_id,
        },
        separators=(",", ":"),
    )
