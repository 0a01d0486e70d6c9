"""Object keys and ETags: what a key may be, how an event spells it, and how S3 computes an ETag."""

from __future__ import annotations

import hashlib
from typing import Any

from ... import limits
from .errors import s3_error

#: Characters an event leaves as they are in a key. S3 URL-encodes the key "as application/x-www-form-urlencoded":
#: "red flower.jpg" becomes "red+flower.jpg".
#: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
#: The form encoding is Java's ``URLEncoder`` (letters, digits and ``.-*_`` stay; a space is ``+``; every other
#: byte of the UTF-8 encoding is ``%XX``), as AWS's answers show it (``10:47:07`` arrives as ``10%3A47%3A07``,
#: https://github.com/aws/aws-sdk-js/issues/837). A ``/`` stays as it is: users comparing S3's events with other
#: stores report that "in reality the slash character is not encoded, while otherwise using query-style encoding
#: (eg space -> +)" (https://github.com/minio/minio/issues/11665; https://github.com/minio/minio-js/issues/1041).
_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-*_/")
_ENCODED = {byte: (chr(byte) if byte in _SAFE else f"%{byte:02X}") for byte in range(256)}
_ENCODED[ord(" ")] = "+"


def event_key(key: str) -> str:
    """The key as an event notification carries it (``"photos/red flower.jpg"`` -> ``"photos/red+flower.jpg"``)."""
    if key.isascii() and key.replace("/", "").replace(".", "").replace("-", "").replace("_", "").isalnum():
        return key  # the common case, with nothing to encode
    return "".join(_ENCODED[byte] for byte in key.encode("utf-8"))


def check_key(key: str) -> None:
    """A key for a write: valid UTF-8, at most 1,024 bytes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html"""
    try:
        size = len(key.encode("utf-8"))
    except UnicodeEncodeError:
        raise s3_error("InvalidArgument", "Invalid character in the key name.", 400) from None
    if size > limits.S3_KEY_MAX_BYTES:
        raise s3_error(
            "KeyTooLongError", "Your key is too long", 400, Size=str(size), MaxSizeAllowed=str(limits.S3_KEY_MAX_BYTES)
        )


def md5(data: bytes) -> bytes:
    return hashlib.md5(data, usedforsecurity=False).digest()


def etag_of(data: bytes) -> str:
    """A PUT object's ETag: the quoted hex MD5 of its bytes (for objects stored without SSE-KMS encryption).
    https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html"""
    return f'"{md5(data).hex()}"'


def multipart_etag(part_md5s: list[bytes]) -> str:
    """A completed multipart upload's ETag: the MD5 of the concatenated binary MD5s of its parts, a hyphen and the
    number of parts. AWS calls the value opaque ("not an MD5 digest of the object data",
    https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html); this is how S3 computes it, as clients that
    verify it rely on and as Cloudflare R2 documents when mimicking it ("the hash of the MD5 sums of each of the
    constituent parts concatenated together followed by a hyphen and the number of parts uploaded",
    https://developers.cloudflare.com/r2/objects/multipart-objects/).
    """
    return f'"{md5(b"".join(part_md5s)).hex()}-{len(part_md5s)}"'


def normalise_etag(value: Any) -> str:
    """An ETag as a caller may write it (quoted or not) in the quoted form S3 compares."""
    text = str(value).strip()
    if text.startswith('W/"'):
        text = text[2:]
    return text if text.startswith('"') else f'"{text}"'
