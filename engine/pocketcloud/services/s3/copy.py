"""CopyObject: a server-side copy of up to 5 GB, within a bucket or between buckets.

``CopySource`` arrives as botocore sends it, ``"source-bucket/URL-encoded-key"`` with an optional
``?versionId=``. By default the copy keeps the source's metadata, content type and tags
(``MetadataDirective``/``TaggingDirective`` ``COPY``); ``REPLACE`` takes them from the request. Copying an
object onto itself is only allowed when something changes: "This copy request is illegal because it is trying to
copy an object to itself without changing the object's metadata, storage class, website redirect location or
encryption attributes." (InvalidRequest). The ``CopySourceIf*`` conditions fail with 412 PreconditionFailed.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html

The copy is a new object written in one operation, so its ETag is the MD5 of its bytes even when the source was
assembled by a multipart upload, and its event is ``s3:ObjectCreated:Copy``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ... import limits
from . import attributes, checksums, conditions, tagging
from .errors import invalid_argument, invalid_request, no_such_key, s3_error
from .keys import check_key, etag_of
from .models import StoredObject
from .notifications.delivery import notify
from .objects import last_modified

if TYPE_CHECKING:
    from .service import Request, S3Service

_SELF_COPY = (
    "This copy request is illegal because it is trying to copy an object to itself without changing the object's "
    "metadata, storage class, website redirect location or encryption attributes."
)


def parse_copy_source(value: str) -> tuple[str, str]:
    """(bucket, key) from a CopySource header value."""
    text, _, query = value.partition("?")
    if query:
        version = query.removeprefix("versionId=")
        if not query.startswith("versionId=") or version != "null":
            raise invalid_argument("Invalid version id specified", "x-amz-copy-source", value)
    text = unquote(text.removeprefix("/"))
    bucket, slash, key = text.partition("/")
    if not slash or not bucket or not key:
        # S3's message and argument name, as S3-compatible stores mirror them (e.g. MinIO's API errors).
        raise invalid_argument("Invalid copy source object key", "x-amz-copy-source", "x-amz-copy-source")
    return bucket, key


def copy_object(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    key = params["Key"]
    check_key(key)
    source_bucket_name, source_key = parse_copy_source(params["CopySource"])
    source = service.bucket(source_bucket_name).objects.get(source_key)
    if source is None:
        raise no_such_key(source_key)
    attributes.refuse_not_simulated(params)
    attributes.check_acl(params, bucket.acls_enabled)
    conditions.check_read(params, source.etag, last_modified(source), prefix="CopySource")
    if attributes.is_archived(source.storage_class):
        raise s3_error(
            "InvalidObjectState",
            "The operation is not valid for the object's storage class",
            403,
            StorageClass=source.storage_class,
        )
    if source.size > limits.S3_COPY_OBJECT_MAX_BYTES:
        raise invalid_request(
            "The specified copy source is larger than the maximum allowable size for a copy source: "
            f"{limits.S3_COPY_OBJECT_MAX_BYTES}"
        )
    replace_metadata = params.get("MetadataDirective", "COPY") == "REPLACE"
    replace_tags = params.get("TaggingDirective", "COPY") == "REPLACE"
    storage = attributes.storage_class(params) if "StorageClass" in params else "STANDARD"
    same_place = source_bucket_name == bucket.name and source_key == key
    changes = replace_metadata or "StorageClass" in params or "WebsiteRedirectLocation" in params
    if same_place and not (changes or "ServerSideEncryption" in params):
        raise invalid_request(_SELF_COPY)
    existing = bucket.objects.get(key)
    conditions.check_write(params, existing.etag if existing else None, key)
    if replace_metadata:
        metadata = attributes.user_metadata(params)
        headers = attributes.stored_headers(params)
        content_type = attributes.content_type(params)
    else:
        metadata = dict(source.metadata)
        headers = dict(source.headers)
        if "WebsiteRedirectLocation" in params:
            headers["WebsiteRedirectLocation"] = params["WebsiteRedirectLocation"]
        content_type = source.content_type
    tags = tagging.parse_header(params.get("Tagging")) if replace_tags else [dict(t) for t in source.tags]
    checksum = source.checksum
    if "ChecksumAlgorithm" in params:
        checksum = checksums.for_put({"ChecksumAlgorithm": params["ChecksumAlgorithm"]}, source.body)
    obj = StoredObject(
        key=key,
        body=source.body,
        etag=etag_of(source.body) if source.parts_count is not None else source.etag,
        last_modified=req.time,
        content_type=content_type,
        metadata=metadata,
        headers=headers,
        storage_class=storage,
        tags=tags,
        checksum=dict(checksum),
    )
    bucket.store(obj)
    notify(service, bucket, "s3:ObjectCreated:Copy", key, req, obj=obj)
    copy_result: dict[str, Any] = {"ETag": obj.etag, "LastModified": last_modified(obj)}
    if obj.checksum:
        copy_result.update(obj.checksum)
        copy_result["ChecksumType"] = "FULL_OBJECT"
    return {"CopyObjectResult": copy_result, "ServerSideEncryption": "AES256"}
