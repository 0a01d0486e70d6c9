"""Writing and reading objects: PutObject, GetObject and HeadObject.

https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html

Times: ``LastModified`` travels in an HTTP date header, which has whole seconds, so boto3's ``LastModified`` is the
second the write finished (listings show the same value). Every check runs before anything is stored: a refused
PutObject leaves the old object (or no object) exactly as it was.
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import TYPE_CHECKING, Any

from ... import limits
from ...streams import StreamingBody
from ...timeutil import to_datetime
from . import attributes, checksums, conditions, tagging
from .errors import invalid_argument, no_such_key, s3_error
from .keys import check_key, etag_of, md5
from .models import StoredObject
from .notifications.delivery import notify

if TYPE_CHECKING:
    from .models import Bucket
    from .service import Request, S3Service


def last_modified(obj: StoredObject) -> Any:
    return to_datetime(math.floor(obj.last_modified))


def check_content_md5(params: dict[str, Any], data: bytes) -> None:
    """Content-MD5 is the base64 of the body's 128-bit MD5; S3 refuses a malformed one with InvalidDigest and a
    wrong one with BadDigest. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html"""
    sent = params.get("ContentMD5")
    if sent is None:
        return
    try:
        digest = base64.b64decode(str(sent), validate=True)
    except (binascii.Error, ValueError):
        digest = b""
    if len(digest) != 16:
        raise s3_error("InvalidDigest", "The Content-MD5 you specified was invalid.", 400, **{"Content-MD5": str(sent)})
    if digest != md5(data):
        raise s3_error(
            "BadDigest",
            "The Content-MD5 you specified did not match what we received.",
            400,
            ExpectedDigest=str(sent),
            CalculatedDigest=base64.b64encode(md5(data)).decode("ascii"),
        )


def check_body(params: dict[str, Any], data: bytes, limit: int) -> None:
    length = params.get("ContentLength")
    if length is not None and length != len(data):
        raise s3_error(
            "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header", 400
        )
    if len(data) > limit:
        raise s3_error(
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
            400,
            ProposedSize=str(len(data)),
            MaxSizeAllowed=str(limit),
        )


def write_response(obj: StoredObject) -> dict[str, Any]:
    result: dict[str, Any] = {"ETag": obj.etag, "ServerSideEncryption": "AES256"}
    if obj.checksum:
        result.update(obj.checksum)
        result["ChecksumType"] = "FULL_OBJECT"
    return result


def put_object(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    key = params["Key"]
    check_key(key)
    data: bytes = params.get("Body", b"")
    attributes.refuse_not_simulated(params)
    attributes.check_acl(params, bucket.acls_enabled)
    check_body(params, data, limits.S3_PUT_OBJECT_MAX_BYTES)
    check_content_md5(params, data)
    checksum = checksums.for_put(params, data)
    existing = bucket.objects.get(key)
    conditions.check_write(params, existing.etag if existing else None, key)
    obj = StoredObject(
        key=key,
        body=data,
        etag=etag_of(data),
        last_modified=req.time,
        content_type=attributes.content_type(params),
        metadata=attributes.user_metadata(params),
        headers=attributes.stored_headers(params),
        storage_class=attributes.storage_class(params),
        tags=tagging.parse_header(params.get("Tagging")),
        checksum=checksum,
    )
    bucket.store(obj)
    notify(service, bucket, "s3:ObjectCreated:Put", key, req, obj=obj)
    return write_response(obj)


def _find(bucket: Bucket, params: dict[str, Any]) -> StoredObject:
    obj = bucket.objects.get(params["Key"])
    version = params.get("VersionId")
    if version is not None and version != "null":
        # Every object in an unversioned bucket has the version ID "null".
        raise invalid_argument("Invalid version id specified", "versionId", version)
    if obj is None:
        raise no_such_key(params["Key"])
    return obj


def describe(obj: StoredObject, params: dict[str, Any]) -> dict[str, Any]:
    """The members GetObject and HeadObject share, with the ``Response*`` overrides a GET may ask for."""
    result: dict[str, Any] = {
        "AcceptRanges": "bytes",
        "LastModified": last_modified(obj),
        "ContentLength": obj.size,
        "ETag": obj.etag,
        "ContentType": obj.content_type,
        "ServerSideEncryption": "AES256",
        "Metadata": dict(obj.metadata),
    }
    result.update(obj.headers)
    if obj.storage_class != "STANDARD":
        result["StorageClass"] = obj.storage_class
    if obj.checksum and params.get("ChecksumMode") == "ENABLED":
        result.update(obj.checksum)
        result["ChecksumType"] = "FULL_OBJECT"
    for member in ("CacheControl", "ContentDisposition", "ContentEncoding", "ContentLanguage", "ContentType"):
        override = params.get(f"Response{member}")
        if override is not None:
            result[member] = override
    if "ResponseExpires" in params:
        result["Expires"] = params["ResponseExpires"]
    return result


def get_object(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """GetObject: the object's bytes as a readable ``Body`` (boto3's StreamingBody), all of them or one Range."""
    bucket = service.bucket(params["Bucket"])
    attributes.refuse_not_simulated(params, reading=True)
    obj = _find(bucket, params)
    conditions.check_read(params, obj.etag, last_modified(obj))
    if attributes.is_archived(obj.storage_class):
        raise s3_error(
            "InvalidObjectState",
            "The operation is not valid for the object's storage class",
            403,
            StorageClass=obj.storage_class,
        )
    result = describe(obj, params)
    if obj.tags:
        result["TagCount"] = len(obj.tags)
    span = conditions.byte_range(params.get("Range"), obj.size)
    if span is None:
        result["Body"] = StreamingBody(obj.body)
        return result
    first, last = span
    result["Body"] = StreamingBody(obj.body[first : last + 1])
    result["ContentLength"] = last - first + 1
    result["ContentRange"] = f"bytes {first}-{last}/{obj.size}"
    result["ResponseMetadata"] = {"HTTPStatusCode": 206}
    return result


def head_object(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """HeadObject: GetObject's answer without the body (a missing key is a bodiless 404)."""
    bucket = service.bucket(params["Bucket"])
    attributes.refuse_not_simulated(params, reading=True)
    obj = _find(bucket, params)
    conditions.check_read(params, obj.etag, last_modified(obj))
    result = describe(obj, params)
    span = conditions.byte_range(params.get("Range"), obj.size)
    if span is not None:
        first, last = span
        result["ContentLength"] = last - first + 1
        result["ContentRange"] = f"bytes {first}-{last}/{obj.size}"
        result["ResponseMetadata"] = {"HTTPStatusCode": 206}
    return result
