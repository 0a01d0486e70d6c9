"""Conditional requests and byte ranges, as S3 evaluates them on GET, HEAD, PUT, COPY and DELETE.

Reads (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): If-Match that fails is 412
PreconditionFailed, If-None-Match that matches is 304 Not Modified; If-Modified-Since / If-Unmodified-Since
compare with Last-Modified. "If both of the If-Match and If-Unmodified-Since headers are present in the request
as follows: If-Match condition evaluates to true, and; If-Unmodified-Since condition evaluates to false; then,
S3 returns 200 OK"; "If both of the If-None-Match and If-Modified-Since headers are present in the request as
follows: If-None-Match condition evaluates to false, and; If-Modified-Since condition evaluates to true; then,
S3 returns 304 Not Modified".

Writes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html): PutObject with
``IfNoneMatch="*"`` only writes when no object has the key (else 412); ``IfMatch`` only overwrites the object
with that ETag (412 on a different ETag, 404 NoSuchKey when there is no object).

Ranges (RFC 9110 ``bytes=first-last``, ``bytes=first-``, ``bytes=-suffix``): a satisfiable range is answered 206
with ``ContentRange``; one that starts past the end is 416 InvalidRange. "Amazon S3 doesn't support retrieving
multiple ranges of data per GET request", and, as HTTP servers do with a Range header they cannot parse, such a
request gets the whole object (a pocketcloud model of what S3 answers for them).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from .errors import not_modified, precondition_failed, s3_error
from .keys import normalise_etag

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _etag_matches(condition: Any, etag: str) -> bool:
    return any(part.strip() == "*" or normalise_etag(part) == etag for part in str(condition).split(","))


def check_read(params: dict[str, Any], etag: str, last_modified: _dt.datetime, prefix: str = "") -> None:
    """Raise 412/304 as S3 does when GetObject/HeadObject conditions do not hold (``prefix`` is ``CopySource`` for
    CopyObject's copy-source conditions, which fail with 412 in every case)."""
    if_match = params.get(f"{prefix}IfMatch")
    if_none_match = params.get(f"{prefix}IfNoneMatch")
    if_modified_since = params.get(f"{prefix}IfModifiedSince")
    if_unmodified_since = params.get(f"{prefix}IfUnmodifiedSince")
    header = "x-amz-copy-source-" if prefix else ""
    if if_match is not None and not _etag_matches(if_match, etag):
        raise precondition_failed(f"{header}If-Match")
    if if_match is None and if_unmodified_since is not None and last_modified > if_unmodified_since:
        raise precondition_failed(f"{header}If-Unmodified-Since")
    if if_none_match is not None and _etag_matches(if_none_match, etag):
        if prefix:
            raise precondition_failed(f"{header}If-None-Match")
        raise not_modified()
    if if_none_match is None and if_modified_since is not None and last_modified <= if_modified_since:
        if prefix:
            raise precondition_failed(f"{header}If-Modified-Since")
        raise not_modified()


def check_write(params: dict[str, Any], existing_etag: str | None, key: str) -> None:
    """PutObject / CompleteMultipartUpload / DeleteObject conditions on the object that the key names now."""
    if_none_match = params.get("IfNoneMatch")
    if if_none_match is not None:
        if str(if_none_match).strip() != "*":
            raise s3_error(
                "NotImplemented",
                "A header you provided implies functionality that is not implemented",
                501,
                Header="If-None-Match",
            )
        if existing_etag is not None:
            raise precondition_failed("If-None-Match")
    if_match = params.get("IfMatch")
    if if_match is not None:
        if existing_etag is None:
            raise s3_error("NoSuchKey", "The specified key does not exist.", 404, Key=key)
        if not _etag_matches(if_match, existing_etag):
            raise precondition_failed("If-Match")


def byte_range(header: Any, size: int) -> tuple[int, int] | None:
    """The (first, last) bytes a Range header asks for, None for the whole object, or 416 InvalidRange."""
    if header is None:
        return None
    match = _RANGE.match(str(header).strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None  # not a single range S3 understands: the whole object
    first_text, last_text = match.groups()
    if first_text == "":
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            raise _unsatisfiable(header, size)
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = size - 1 if last_text == "" else min(int(last_text), size - 1)
    if last_text != "" and int(last_text) < first:
        return None  # an invalid range is ignored (RFC 9110 §14.1.1)
    if first >= size:
        raise _unsatisfiable(header, size)
    return first, last


def _unsatisfiable(header: Any, size: int) -> Any:
    # moto's InvalidRange carries S3's message and extra elements:
    # https://github.com/getmoto/moto/blob/master/moto/s3/exceptions.py
    return s3_error(
        "InvalidRange",
        "The requested range is not satisfiable",
        416,
        RangeRequested=str(header),
        ActualObjectSize=str(size),
    )
