"""ListObjectsV2: keys in UTF-8 binary order, grouped by Delimiter into CommonPrefixes, a page at a time.

"List results are always returned in UTF-8 binary order"; up to MaxKeys (default and maximum 1,000) keys and
common prefixes per page, each counting once toward MaxKeys and KeyCount; ``IsTruncated`` and
``NextContinuationToken`` say that more remain. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
https://docs.aws.amazon.com/AmazonS3/latest/userguide/ListingKeysUsingAPIs.html

A page is found with a binary search in the bucket's sorted key index and costs what it returns, never a scan of
the bucket; a common prefix is skipped over in one more search. Continuation tokens are opaque, as S3's are
(here: base64 of the position, so a token from another listing is refused as S3 refuses it).
"""

from __future__ import annotations

import base64
import bisect
from typing import TYPE_CHECKING, Any

from ... import limits
from .errors import invalid_argument
from .keys import event_key
from .objects import last_modified

if TYPE_CHECKING:
    from .service import S3Service

_MAX_INT = 2_147_483_647


def _token(kind: str, marker: str) -> str:
    return base64.b64encode(f"{kind}{marker}".encode()).decode("ascii")


def _position(keys: list[str], token: str) -> int:
    try:
        text = base64.b64decode(token.encode("ascii"), validate=True).decode("utf-8")
    except (ValueError, UnicodeError):
        text = ""
    if not text or text[0] not in "KP":
        raise invalid_argument("The continuation token provided is incorrect", "continuation-token", token)
    kind, marker = text[0], text[1:]
    if kind == "K":
        return bisect.bisect_right(keys, marker)
    return bisect.bisect_left(keys, _after_prefix(marker))


def _after_prefix(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    last = prefix[-1]
    return prefix[:-1] + chr(ord(last) + 1) if ord(last) < 0x10FFFF else prefix + "\U0010ffff"


def list_objects_v2(service: S3Service, params: dict[str, Any], encode: bool) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    prefix = params.get("Prefix", "")
    delimiter = params.get("Delimiter") or None
    max_keys = params.get("MaxKeys", limits.S3_LIST_MAX_KEYS)
    if not 0 <= max_keys <= _MAX_INT:
        raise invalid_argument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", max_keys)
    limit = min(max_keys, limits.S3_LIST_MAX_KEYS)
    keys = bucket.sorted_keys
    start = bisect.bisect_left(keys, prefix)
    if "StartAfter" in params:
        start = max(start, bisect.bisect_right(keys, params["StartAfter"]))
    if "ContinuationToken" in params:
        start = max(start, _position(keys, params["ContinuationToken"]))
    fetch_owner = bool(params.get("FetchOwner"))
    contents: list[dict[str, Any]] = []
    common: list[dict[str, str]] = []
    index, count, last = start, 0, ("", "")
    truncated = False
    while limit and index < len(keys):
        key = keys[index]
        if not key.startswith(prefix):
            break
        if count == limit:
            truncated = True
            break
        rest = key[len(prefix) :]
        cut = rest.find(delimiter) if delimiter else -1
        if cut >= 0:
            group = prefix + rest[: cut + len(delimiter or "")]
            common.append({"Prefix": event_key(group) if encode else group})
            last = ("P", group)
            index = bisect.bisect_left(keys, _after_prefix(group), index)
        else:
            contents.append(_entry(bucket.objects[key], encode, fetch_owner, service))
            last = ("K", key)
            index += 1
        count += 1
    result: dict[str, Any] = {"IsTruncated": truncated}
    if contents:
        result["Contents"] = contents
    result["Name"] = bucket.name
    result["Prefix"] = event_key(prefix) if encode and prefix else prefix
    if delimiter is not None:
        result["Delimiter"] = event_key(delimiter) if encode else delimiter
    result["MaxKeys"] = max_keys
    if common:
        result["CommonPrefixes"] = common
    if "EncodingType" in params:
        result["EncodingType"] = params["EncodingType"]
    result["KeyCount"] = count
    if "ContinuationToken" in params:
        result["ContinuationToken"] = params["ContinuationToken"]
    if truncated:
        result["NextContinuationToken"] = _token(*last)
    if "StartAfter" in params:
        result["StartAfter"] = event_key(params["StartAfter"]) if encode else params["StartAfter"]
    return result


def _entry(obj: Any, encode: bool, fetch_owner: bool, service: S3Service) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "Key": event_key(obj.key) if encode else obj.key,
        "LastModified": last_modified(obj),
        "ETag": obj.etag,
    }
    if obj.checksum:
        entry["ChecksumAlgorithm"] = [next(iter(obj.checksum)).removeprefix("Checksum")]
        entry["ChecksumType"] = "FULL_OBJECT"
    entry["Size"] = obj.size
    entry["StorageClass"] = obj.storage_class
    if fetch_owner:
        entry["Owner"] = service.owner
    return entry
