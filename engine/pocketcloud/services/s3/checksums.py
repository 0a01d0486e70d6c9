"""Additional checksums on PutObject, as boto3 sends them and S3 stores and returns them.

Since botocore 1.36, boto3 computes a CRC32 checksum of every PutObject body by default and sends it with the
request ("request_checksum_calculation" ``when_supported``); S3 stores it with the object and answers with
``ChecksumCRC32`` and ``ChecksumType: FULL_OBJECT``. GetObject asks for it back by default ("response_checksum_
validation" ``when_supported`` sets ``ChecksumMode=ENABLED``). A caller may choose another algorithm
(``ChecksumAlgorithm``) or send a value it computed itself (``ChecksumSHA256=...``): S3 checks the value against the
bytes it received and refuses a mismatch with BadDigest.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html

pocketcloud computes CRC32, SHA-1 and SHA-256 (the Python standard library has them in CPython and Pyodide
alike) and refuses the other algorithms with a clear message rather than invent values. Objects created by a
multipart upload carry no additional checksum here.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Any

from .errors import invalid_request, s3_error

SIMULATED = ("CRC32", "SHA1", "SHA256")
ALL = ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128")
_NAMES = {"CRC32": "CRC32", "SHA1": "SHA1", "SHA256": "SHA256"}


def compute(algorithm: str, data: bytes) -> str:
    if algorithm == "CRC32":
        digest = zlib.crc32(data).to_bytes(4, "big")
    elif algorithm == "SHA1":
        digest = hashlib.sha1(data, usedforsecurity=False).digest()
    else:
        digest = hashlib.sha256(data).digest()
    return base64.b64encode(digest).decode("ascii")


def for_put(params: dict[str, Any], data: bytes) -> dict[str, str]:
    """The checksum S3 stores for a PutObject: ``{"ChecksumCRC32": "..."}`` (the member name and its value)."""
    given = [name for name in ALL if f"Checksum{name}" in params]
    if len(given) > 1:
        raise invalid_request("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
    algorithm = given[0] if given else str(params.get("ChecksumAlgorithm", "CRC32"))
    if algorithm not in ALL:
        raise invalid_request(f"Value for x-amz-sdk-checksum-algorithm header is invalid: {algorithm}")
    if algorithm not in SIMULATED:
        raise invalid_request(
            f"pocketcloud does not simulate the {algorithm} checksum; use CRC32 (boto3's default), SHA1 or SHA256."
        )
    value = compute(algorithm, data)
    sent = params.get(f"Checksum{algorithm}")
    if sent is not None and sent != value:
        raise s3_error(
            "BadDigest", f"The {_NAMES[algorithm]} you specified did not match the calculated checksum.", 400
        )
    return {f"Checksum{algorithm}": value}
