"""What a write request says about the object besides its bytes, and how a read returns it.

* User metadata: "Amazon S3 stores user-defined metadata keys in lowercase", and "the user-defined metadata is
  limited to 2 KB in size ... the sum of the number of bytes in the UTF-8 encoding of each key and value"
  (MetadataTooLarge). https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html
* System metadata a caller may set and GET/HEAD return: Content-Type ("binary/octet-stream" when none is given,
  as S3 answers for a PUT without a Content-Type), Cache-Control, Content-Disposition, Content-Encoding,
  Content-Language, Expires and the website redirect location.
* Encryption: "Amazon S3 now applies server-side encryption with Amazon S3 managed keys (SSE-S3) as the base level
  of encryption for every bucket", so every response says ``ServerSideEncryption: AES256``.
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
* ACLs: new buckets use the Bucket owner enforced setting, so "All S3 PUT requests must either specify the
  bucket-owner-full-control canned ACL or not specify an ACL"; anything else is AccessControlListNotSupported,
  "The bucket does not allow ACLs". https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html

Parameters of features pocketcloud does not simulate (SSE-KMS and SSE-C keys, Object Lock, appends to directory
buckets) are refused by name with a clear message, so a learner sees why rather than a silently ignored setting.
"""

from __future__ import annotations

from typing import Any

from ... import limits
from .errors import invalid_argument, s3_error

DEFAULT_CONTENT_TYPE = "binary/octet-stream"

#: Request members stored with the object and returned under the same names by GetObject and HeadObject.
STORED_HEADERS = (
    "CacheControl",
    "ContentDisposition",
    "ContentEncoding",
    "ContentLanguage",
    "Expires",
    "WebsiteRedirectLocation",
)

_NOT_SIMULATED = {
    "SSECustomerAlgorithm": "server-side encryption with customer-provided keys (SSE-C)",
    "SSECustomerKey": "server-side encryption with customer-provided keys (SSE-C)",
    "SSECustomerKeyMD5": "server-side encryption with customer-provided keys (SSE-C)",
    "CopySourceSSECustomerAlgorithm": "server-side encryption with customer-provided keys (SSE-C)",
    "CopySourceSSECustomerKey": "server-side encryption with customer-provided keys (SSE-C)",
    "CopySourceSSECustomerKeyMD5": "server-side encryption with customer-provided keys (SSE-C)",
    "SSEKMSKeyId": "server-side encryption with AWS KMS keys (SSE-KMS)",
    "SSEKMSEncryptionContext": "server-side encryption with AWS KMS keys (SSE-KMS)",
    "ObjectLockMode": "S3 Object Lock",
    "ObjectLockRetainUntilDate": "S3 Object Lock",
    "ObjectLockLegalHoldStatus": "S3 Object Lock",
    "ObjectLockEventHold": "S3 Object Lock",
    "ObjectLockEventHoldDurationDays": "S3 Object Lock",
    "ObjectLockEventHoldDurationYears": "S3 Object Lock",
    "WriteOffsetBytes": "appending to objects in directory buckets",
}

_ARCHIVED = frozenset({"GLACIER", "DEEP_ARCHIVE"})
STORAGE_CLASSES = frozenset(
    {
        "STANDARD",
        "REDUCED_REDUNDANCY",
        "STANDARD_IA",
        "ONEZONE_IA",
        "INTELLIGENT_TIERING",
        "GLACIER",
        "DEEP_ARCHIVE",
        "GLACIER_IR",
    }
)


def refuse_not_simulated(params: dict[str, Any], reading: bool = False) -> None:
    if reading and "PartNumber" in params:
        raise invalid_argument(
            "pocketcloud does not simulate reading a single part of an object (PartNumber).",
            "partNumber",
            params["PartNumber"],
        )
    if not _NOT_SIMULATED.keys().isdisjoint(params):
        name = next(n for n in _NOT_SIMULATED if n in params)
        raise invalid_argument(f"pocketcloud does not simulate {_NOT_SIMULATED[name]} ({name}).", name, params[name])
    encryption = params.get("ServerSideEncryption")
    if encryption is not None and encryption != "AES256":
        raise invalid_argument(
            f"pocketcloud simulates SSE-S3 (AES256) only, not {encryption}.", "x-amz-server-side-encryption", encryption
        )
    if params.get("BucketKeyEnabled"):
        raise invalid_argument(
            "pocketcloud does not simulate S3 Bucket Keys (they belong to SSE-KMS).",
            "x-amz-server-side-encryption-bucket-key-enabled",
            True,
        )


def check_acl(params: dict[str, Any], acls_enabled: bool) -> None:
    if acls_enabled:
        return
    acl = params.get("ACL")
    grants = [name for name in params if name.startswith("Grant")]
    if (acl is not None and acl != "bucket-owner-full-control") or grants:
        raise s3_error("AccessControlListNotSupported", "The bucket does not allow ACLs", 400)


def storage_class(params: dict[str, Any]) -> str:
    value = params.get("StorageClass", "STANDARD")
    if value not in STORAGE_CLASSES:
        # moto quotes S3's answer: https://github.com/getmoto/moto/blob/master/moto/s3/exceptions.py
        raise s3_error(
            "InvalidStorageClass", "The storage class you specified is not valid", 400, StorageClassRequested=value
        )
    return str(value)


def is_archived(storage: str) -> bool:
    """Objects in S3 Glacier Flexible Retrieval and Deep Archive must be restored before a GET."""
    return storage in _ARCHIVED


def user_metadata(params: dict[str, Any]) -> dict[str, str]:
    metadata = {str(k).lower(): str(v) for k, v in (params.get("Metadata") or {}).items()}
    size = sum(len(k.encode()) + len(v.encode()) for k, v in metadata.items())
    if size > limits.S3_USER_METADATA_MAX_BYTES:
        raise s3_error(
            "MetadataTooLarge",
            "Your metadata headers exceed the maximum allowed metadata size.",
            400,
            Size=str(size),
            MaxSizeAllowed=str(limits.S3_USER_METADATA_MAX_BYTES),
        )
    return metadata


def stored_headers(params: dict[str, Any]) -> dict[str, Any]:
    return {name: params[name] for name in STORED_HEADERS if name in params}


def content_type(params: dict[str, Any]) -> str:
    return str(params.get("ContentType") or DEFAULT_CONTENT_TYPE)
