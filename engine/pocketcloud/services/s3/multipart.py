"""Multipart upload: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts.

"Part numbers: 1 to 10,000 (inclusive)"; "Part size: 5 MiB to 5 GiB. There is no minimum size limit on the last
part of your multipart upload." https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
Completing checks the list of parts as S3 does: in ascending order (InvalidPartOrder), each uploaded with the
ETag given (InvalidPart), each but the last at least 5 MiB (EntityTooSmall). The object appears only when the
upload completes, with the ETag S3 gives assembled objects (see :func:`.keys.multipart_etag`), and its event is
``s3:ObjectCreated:CompleteMultipartUpload``. Parts are invisible to GetObject and ListObjectsV2 until then.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html

Messages are S3's as moto quotes them (https://github.com/getmoto/moto/blob/master/moto/s3/exceptions.py).
Additional checksums (``ChecksumAlgorithm``/``Checksum*``) on multipart uploads are not simulated.
"""

from __future__ import annotations

import base64
import math
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ... import limits
from ...timeutil import to_datetime
from . import attributes, conditions, tagging
from .errors import invalid_argument, invalid_request, malformed_xml, no_such_upload, s3_error
from .keys import check_key, etag_of, md5, multipart_etag, normalise_etag
from .models import MultipartUpload, Part, StoredObject
from .notifications.delivery import notify
from .objects import check_body, check_content_md5

if TYPE_CHECKING:
    from .service import Request, S3Service

_CHECKSUM_MEMBERS = (
    "ChecksumAlgorithm",
    "ChecksumType",
    "MpuObjectSize",
    *(f"Checksum{name}" for name in ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", "SHA512", "MD5")),
    *(f"Checksum{name}" for name in ("XXHASH64", "XXHASH3", "XXHASH128")),
)


def _refuse_checksums(params: dict[str, Any]) -> None:
    for name in _CHECKSUM_MEMBERS:
        if name in params:
            raise invalid_request(f"pocketcloud does not simulate additional checksums on multipart uploads ({name}).")


def _upload(service: S3Service, params: dict[str, Any]) -> tuple[Any, MultipartUpload]:
    bucket = service.bucket(params["Bucket"])
    upload = bucket.uploads.get(params["UploadId"])
    if upload is None or upload.key != params["Key"]:
        raise no_such_upload(params["UploadId"])
    return bucket, upload


def create_multipart_upload(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    key = params["Key"]
    check_key(key)
    attributes.refuse_not_simulated(params)
    attributes.check_acl(params, bucket.acls_enabled)
    _refuse_checksums(params)
    upload_id = base64.urlsafe_b64encode(bytes.fromhex(service.cloud.random_hex(96))).decode("ascii")
    bucket.uploads[upload_id] = MultipartUpload(
        upload_id=upload_id,
        key=key,
        initiated=service.cloud.now,
        content_type=attributes.content_type(params),
        metadata=attributes.user_metadata(params),
        headers=attributes.stored_headers(params),
        storage_class=attributes.storage_class(params),
        tags=tagging.parse_header(params.get("Tagging")),
    )
    return {"Bucket": bucket.name, "Key": key, "UploadId": upload_id, "ServerSideEncryption": "AES256"}


def upload_part(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    _, upload = _upload(service, params)
    number = params["PartNumber"]
    if not 1 <= number <= limits.S3_MAX_PART_NUMBER:
        raise invalid_argument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", number)
    attributes.refuse_not_simulated(params)
    _refuse_checksums(params)
    data: bytes = params.get("Body", b"")
    check_body(params, data, limits.S3_MAX_PART_BYTES)
    check_content_md5(params, data)
    digest = md5(data)
    upload.parts[number] = Part(number, data, etag_of(data), digest, req.time)
    return {"ETag": upload.parts[number].etag, "ServerSideEncryption": "AES256"}


def complete_multipart_upload(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    bucket, upload = _upload(service, params)
    _refuse_checksums(params)
    attributes.refuse_not_simulated(params)
    listed = (params.get("MultipartUpload") or {}).get("Parts") or []
    if not listed:
        raise malformed_xml()
    chosen: list[Part] = []
    previous = 0
    for entry in listed:
        number = entry.get("PartNumber")
        if number is None or number <= previous:
            raise s3_error(
                "InvalidPartOrder",
                "The list of parts was not in ascending order. The parts list must be specified in order by part "
                "number.",
                400,
            )
        previous = number
        part = upload.parts.get(number)
        if part is None or "ETag" not in entry or normalise_etag(entry["ETag"]) != part.etag:
            raise s3_error(
                "InvalidPart",
                "One or more of the specified parts could not be found. The part might not have been uploaded, or "
                "the specified entity tag might not have matched the part's entity tag.",
                400,
                UploadId=upload.upload_id,
                PartNumber=str(number),
                ETag=str(entry.get("ETag", "")),
            )
        chosen.append(part)
    for part in chosen[:-1]:
        if len(part.body) < limits.S3_MIN_PART_BYTES:
            raise s3_error(
                "EntityTooSmall",
                "Your proposed upload is smaller than the minimum allowed object size.",
                400,
                ProposedSize=str(len(part.body)),
                MinSizeAllowed=str(limits.S3_MIN_PART_BYTES),
                PartNumber=str(part.number),
                ETag=part.etag,
            )
    existing = bucket.objects.get(upload.key)
    conditions.check_write(params, existing.etag if existing else None, upload.key)
    obj = StoredObject(
        key=upload.key,
        body=b"".join(part.body for part in chosen),
        etag=multipart_etag([part.md5 for part in chosen]),
        last_modified=req.time,
        content_type=upload.content_type,
        metadata=upload.metadata,
        headers=upload.headers,
        storage_class=upload.storage_class,
        parts_count=len(chosen),
        tags=upload.tags,
    )
    del bucket.uploads[upload.upload_id]
    bucket.store(obj)
    notify(service, bucket, "s3:ObjectCreated:CompleteMultipartUpload", obj.key, req, obj=obj)
    region = service.cloud.region
    return {
        "Location": f"https://{bucket.name}.s3.{region}.amazonaws.com/{quote(obj.key, safe='/~')}",
        "Bucket": bucket.name,
        "Key": obj.key,
        "ETag": obj.etag,
        "ServerSideEncryption": "AES256",
    }


def abort_multipart_upload(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """AbortMultipartUpload frees the parts; the upload ID no longer exists (NoSuchUpload). 204 No Content."""
    bucket, upload = _upload(service, params)
    del bucket.uploads[upload.upload_id]
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def list_parts(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """ListParts, in part-number order, at most 1,000 a page. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html"""
    _, upload = _upload(service, params)
    max_parts = params.get("MaxParts", limits.S3_LIST_PARTS_MAX)
    if max_parts < 0:
        raise invalid_argument("Argument max-parts must be an integer between 0 and 2147483647", "max-parts", max_parts)
    marker = params.get("PartNumberMarker", 0)
    numbers = sorted(n for n in upload.parts if n > marker)
    page = numbers[: min(max_parts, limits.S3_LIST_PARTS_MAX)]
    truncated = len(numbers) > len(page)
    parts = [
        {
            "PartNumber": n,
            "LastModified": to_datetime(math.floor(upload.parts[n].last_modified)),
            "ETag": upload.parts[n].etag,
            "Size": len(upload.parts[n].body),
        }
        for n in page
    ]
    result: dict[str, Any] = {
        "Bucket": params["Bucket"],
        "Key": upload.key,
        "UploadId": upload.upload_id,
        "PartNumberMarker": marker,
        "NextPartNumberMarker": page[-1] if page else 0,
        "MaxParts": max_parts,
        "IsTruncated": truncated,
    }
    if parts:
        result["Parts"] = parts
    result["Initiator"] = {"ID": service.canonical_id}
    result["Owner"] = service.owner
    result["StorageClass"] = upload.storage_class
    return result
