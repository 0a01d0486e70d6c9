"""Identifiers as API Gateway prints them, drawn from the cloud's seeded ID source.

REST API and HTTP API IDs are 10 lower-case letters and digits (``te6si5ach7``, the first label of the
``execute-api`` host); a REST API's root resource ID has the same form and other resource IDs have 6 characters
(``2jf6xt``), as in the Lambda proxy integration walkthrough. HTTP API routes and integrations have 7 (``a1b2c3d``).
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
Request IDs: REST APIs use UUIDs (``requestId``) and a 16-character base64 ``extendedRequestId``; HTTP APIs use the
base64 form as ``requestId`` (and in the ``apigw-requestid`` response header).
"""

from __future__ import annotations

import binascii
from typing import TYPE_CHECKING

from ...timeutil import EPOCH_SECONDS

if TYPE_CHECKING:
    from ...cloud import Cloud

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def new_id(cloud: Cloud, length: int) -> str:
    """``length`` characters from [a-z0-9]."""
    value = int(cloud.random_hex(length * 2), 16)
    out = []
    for _ in range(length):
        value, digit = divmod(value, 36)
        out.append(_ALPHABET[digit])
    return "".join(out)


def token(cloud: Cloud) -> str:
    """A 16-character base64 request token such as ``NvWWKEZbliAFliA=`` (11 random bytes)."""
    return binascii.b2a_base64(bytes.fromhex(cloud.random_hex(22)), newline=False).decode("ascii")


def trace_id(cloud: Cloud, now: float) -> str:
    """An X-Ray trace header value: ``Root=1-{epoch seconds, 8 hex}-{96 random bits, 24 hex}``.
    https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader
    """
    return f"Root=1-{int(EPOCH_SECONDS + now):08x}-{cloud.random_hex(24)}"
