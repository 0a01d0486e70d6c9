"""Deleting objects: DeleteObject and DeleteObjects (up to 1,000 keys in one request).

In a bucket without versioning a delete removes the object for good. Deleting a key that has no object is not
an error: S3 answers 204 as for any delete ("If there isn't a null version, Amazon S3 does not remove any
objects but still responds that the command was successful").
https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html

Each successful delete is an ``s3:ObjectRemoved:Delete`` event, also for a key that had no object (a pocketcloud
model: the request succeeded, and S3 documents no exception for it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from . import conditions
from .errors import invalid_argument, malformed_xml
from .keys import check_key
from .notifications.delivery import notify

if TYPE_CHECKING:
    from .service import Request, S3Service


def delete_object(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    key = params["Key"]
    version = params.get("VersionId")
    if version is not None and version != "null":
        raise invalid_argument("Invalid version id specified", "versionId", version)
    existing = bucket.objects.get(key)
    if "IfMatch" in params:
        conditions.check_write({"IfMatch": params["IfMatch"]}, existing.etag if existing else None, key)
    bucket.remove(key)
    notify(service, bucket, "s3:ObjectRemoved:Delete", key, req)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def delete_objects(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    """Per key, a ``Deleted`` entry (none in Quiet mode) or an ``Errors`` entry; the request itself fails only
    when it is malformed (no keys, or more than 1,000)."""
    bucket = service.bucket(params["Bucket"])
    objects = params["Delete"]["Objects"]
    if not objects or len(objects) > limits.S3_DELETE_OBJECTS_MAX_KEYS:
        raise malformed_xml()
    quiet = bool(params["Delete"].get("Quiet", False))
    deleted: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for identifier in objects:
        key = identifier["Key"]
        version = identifier.get("VersionId")
        if version is not None and version != "null":
            errors.append(
                {
                    "Key": key,
                    "VersionId": version,
                    "Code": "NoSuchVersion",
                    "Message": "The specified version does not exist.",
                }
            )
            continue
        try:
            check_key(key)
        except ServiceError as exc:  # reported per key, as S3 does
            errors.append({"Key": key, "Code": exc.code, "Message": exc.message})
            continue
        existing = bucket.objects.get(key)
        if "ETag" in identifier and (existing is None or existing.etag != _quoted(identifier["ETag"])):
            errors.append(
                {
                    "Key": key,
                    "Code": "PreconditionFailed",
                    "Message": "At least one of the pre-conditions you specified did not hold",
                }
            )
            continue
        bucket.remove(key)
        notify(service, bucket, "s3:ObjectRemoved:Delete", key, req)
        if not quiet:
            entry: dict[str, Any] = {"Key": key}
            if version is not None:
                entry["VersionId"] = version
            deleted.append(entry)
    result: dict[str, Any] = {}
    if deleted:
        result["Deleted"] = deleted
    if errors:
        result["Errors"] = errors
    return result


def _quoted(etag: str) -> str:
    return etag if etag.startswith('"') else f'"{etag}"'
