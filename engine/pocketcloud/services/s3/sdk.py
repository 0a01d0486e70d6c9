"""What botocore does to an S3 request before it checks the parameters and sends them.

botocore registers S3-only handlers on ``before-parameter-build`` (``botocore/handlers.py``); a learner's code meets
their effects, so pocketcloud's S3 client runs the same steps, with botocore's words:

* ``validate_bucket_name``: a Bucket that is neither a plausible name nor an access point ARN never leaves the
  machine (ParamValidationError). S3's own naming rules are checked by S3, on CreateBucket.
* ``handle_copy_source_param``: CopySource may be a string ``"bucket/key"`` or a dict
  ``{"Bucket": ..., "Key": ..., "VersionId": ...}``; either way botocore URL-encodes the key and sends a string.
* ``validate_ascii_metadata``: user metadata must be ASCII (PutObject, CopyObject, CreateMultipartUpload).
* ``_handle_request_validation_mode_member``: GetObject asks S3 for the object's checksum (``ChecksumMode``
  ``ENABLED``), so that botocore can verify the body; the response then carries it.
* ``set_list_objects_encoding_type_url``: ListObjectsV2 asks S3 for URL-encoded keys unless the caller chose an
  EncodingType, and decodes them again, so the response says ``EncodingType: "url"`` while its keys are plain.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from ...errors import ParamValidationError

# botocore/handlers.py (botocore 1.44.5, pinned in pyproject.toml)
VALID_BUCKET = re.compile(r"^[a-zA-Z0-9.\-_]{1,255}$")
_ACCESSPOINT_ARN = (
    r"^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:]"
    r"[a-zA-Z0-9\-.]{1,63}$"
)
_OUTPOST_ARN = (
    r"^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:]"
    r"[a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$"
)
VALID_S3_ARN = re.compile("|".join([_ACCESSPOINT_ARN, _OUTPOST_ARN]))
_VERSION_ID_SUFFIX = re.compile(r"\?versionId=[^\s]+$")
_SAFE = "-._~/"  # botocore.utils.SAFE_CHARS + "/"

_ASCII_METADATA = frozenset({"PutObject", "CopyObject", "CreateMultipartUpload"})


def before_parameter_build(operation: str, params: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The request as botocore passes it to its validator, and whether EncodingType was set on the caller's behalf."""
    bucket = params.get("Bucket")
    if isinstance(bucket, str) and not VALID_BUCKET.search(bucket) and not VALID_S3_ARN.search(bucket):
        raise ParamValidationError(
            f'Invalid bucket name "{bucket}": Bucket name must match the regex "{VALID_BUCKET.pattern}" or be an ARN '
            f'matching the regex "{VALID_S3_ARN.pattern}"'
        )
    auto_encoding = False
    if operation == "CopyObject" and "CopySource" in params:
        params = dict(params, CopySource=_copy_source(params["CopySource"]))
    if operation in _ASCII_METADATA:
        _check_ascii_metadata(params.get("Metadata"))
    if operation == "GetObject" and "ChecksumMode" not in params:
        # response_checksum_validation "when_supported" (botocore's default since 1.36)
        params = dict(params, ChecksumMode="ENABLED")
    if operation == "ListObjectsV2" and "EncodingType" not in params:
        params = dict(params, EncodingType="url")
        auto_encoding = True
    return params, auto_encoding


def _copy_source(source: Any) -> Any:
    if isinstance(source, str):
        found = _VERSION_ID_SUFFIX.search(source)
        if found is None:
            return quote(source, safe=_SAFE)
        return quote(source[: found.start()], safe=_SAFE) + source[found.start() :]
    if isinstance(source, dict):
        try:
            final = f"{source['Bucket']}/{source['Key']}"
        except KeyError as exc:
            raise ParamValidationError(f"Missing required parameter: {exc}") from None
        final = quote(final, safe=_SAFE)
        version_id = source.get("VersionId")
        return final if version_id is None else f"{final}?versionId={version_id}"
    return source  # the validator reports the wrong type


def _check_ascii_metadata(metadata: Any) -> None:
    if not metadata or not isinstance(metadata, dict):
        return
    for key, value in metadata.items():
        try:
            str(key).encode("ascii")
            str(value).encode("ascii")
        except UnicodeEncodeError:
            raise ParamValidationError(
                f'Non ascii characters found in S3 metadata for key "{key}", value: "{value}".  \nS3 metadata can '
                "only contain ASCII characters. "
            ) from None
