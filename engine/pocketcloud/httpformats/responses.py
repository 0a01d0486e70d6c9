"""How API Gateway reads a Lambda function's response, for each payload format version.

**Format 1.0** (REST API Lambda proxy integrations, and HTTP APIs with ``PayloadFormatVersion: "1.0"``): the
function "must return output according to the following JSON format"::

    {"isBase64Encoded": true|false, "statusCode": httpStatusCode, "headers": {...},
     "multiValueHeaders": {"headerName": ["headerValue", ...]}, "body": "..."}

"If you specify values for both headers and multiValueHeaders, API Gateway merges them into a single list. If the
same key-value pair is specified in both, only the values from multiValueHeaders will appear in the merged list."
"If the function output is of a different format, API Gateway returns a 502 Bad Gateway error response."
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
What counts as "a different format" (checked against AWS by LocalStack's REST API implementation,
``integrations/aws.py``): anything that is not a JSON object, a key outside the five above, a ``statusCode`` that
is not an integer (or a string of digits), header values other than strings (booleans are printed ``true`` /
``false``). None of the keys is required: a missing ``statusCode`` means 200. pocketcloud also refuses a ``body``
that is not a string (a common mistake: ``"body": {"ok": True}`` instead of ``json.dumps(...)``) and a non-boolean
``isBase64Encoded``, and (format 2.0 only) prints number header values as text (pocketcloud models: AWS does not
document these cases).

**Format 2.0** (HTTP APIs): "API Gateway can infer the response format for you. API Gateway makes the following
assumptions if your Lambda function returns valid JSON and doesn't return a statusCode: isBase64Encoded is false;
statusCode is 200; content-type is application/json; body is the function's response." So ``"Hello from
Lambda!"`` becomes the body ``Hello from Lambda!`` and ``{"message": "Hello"}`` the body ``{"message": "Hello"}``
(the JSON text as the function returned it). A response with a ``statusCode`` is read as
``{"cookies": [...], "isBase64Encoded": ..., "statusCode": ..., "headers": {...}, "body": "..."}``; "each cookie
becomes a set-cookie header". Format 2.0 has no ``multiValueHeaders`` (ignored if present).
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from .. import jsondoc

_V1_KEYS = frozenset({"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"})


@dataclass
class ProxyResponse:
    """A function's response as API Gateway understood it (before API Gateway adds its own headers)."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""
    base64_encoded: bool = False
    #: True when format 2.0 inferred the response from a plain value.
    inferred: bool = False

    def body_bytes(self) -> bytes | None:
        """The body as bytes for a base64-encoded body (None if it is not valid base64)."""
        try:
            return base64.b64decode(self.body, validate=True)
        except (binascii.Error, ValueError):
            return None


def _status(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isdigit() and value.isascii():
        number = int(value)
    else:
        return None
    return number if 100 <= number <= 599 else None


def _header_value(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return None


def _no_constant(name: str) -> Any:
    raise ValueError(name)


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _load(payload: bytes) -> tuple[bool, Any]:
    """Decode a response as strictly as :func:`pocketcloud.jsondoc.loads`. A payload shorter than twice the
    nesting limit cannot nest that deep, so the depth walk is skipped for it (the common, small response)."""
    if len(payload) > 2 * jsondoc.MAX_DEPTH:
        try:
            return True, jsondoc.loads(payload)
        except jsondoc.JSONDocumentError:
            return False, None
    try:
        text = payload.decode("utf-8")
        if text.startswith("\ufeff"):
            return True, json.loads(text, parse_constant=_no_constant)  # json.loads refuses it, as it should
        return True, _DECODER.decode(text)  # what json.loads does for a str without a BOM, minus a new decoder
    except (ValueError, UnicodeDecodeError):
        return False, None


def parse_v1(payload: bytes) -> ProxyResponse | None:
    """A format 1.0 response, or None when API Gateway would call it malformed."""
    ok, doc = _load(payload)
    if not ok or not isinstance(doc, dict) or not _V1_KEYS.issuperset(doc):
        return None
    status = _status(doc.get("statusCode", 200))
    if status is None:
        return None
    body = doc.get("body")
    if body is not None and not isinstance(body, str):
        return None
    encoded = doc.get("isBase64Encoded")
    if encoded is not None and not isinstance(encoded, bool):
        return None
    merged: dict[str, list[str]] = {}
    single = doc.get("headers")
    if single is not None:
        if not isinstance(single, dict):
            return None
        for name, value in single.items():
            text = _header_value(value)
            if text is None:
                return None
            merged[name] = [text]
    multi = doc.get("multiValueHeaders")
    if multi is not None:
        if not isinstance(multi, dict):
            return None
        for name, values in multi.items():
            if not isinstance(values, list):
                return None
            texts = [_header_value(value) for value in values]
            if any(text is None for text in texts):
                return None
            merged[name] = [text for text in texts if text is not None]
    headers = [(name, value) for name, values in merged.items() for value in values]
    return ProxyResponse(status, headers, body or "", bool(encoded))


def parse_v2(payload: bytes) -> ProxyResponse | None:
    """A format 2.0 response (explicit or inferred), or None when API Gateway cannot read it."""
    ok, doc = _load(payload)
    if not ok:
        return None
    if not (isinstance(doc, dict) and "statusCode" in doc):
        text = doc if isinstance(doc, str) else payload.decode("utf-8")
        return ProxyResponse(200, [("content-type", "application/json")], text, inferred=True)
    status = _status(doc["statusCode"])
    if status is None:
        return None
    body = doc.get("body")
    if body is not None and not isinstance(body, str):
        return None
    encoded = doc.get("isBase64Encoded")
    if encoded is not None and not isinstance(encoded, bool):
        return None
    headers: list[tuple[str, str]] = []
    given = doc.get("headers")
    if given is not None:
        if not isinstance(given, dict):
            return None
        for name, value in given.items():
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            header = str(value) if number else _header_value(value)
            if header is None:
                return None
            headers.append((name, header))
    cookies = doc.get("cookies")
    if cookies is not None:
        if not isinstance(cookies, list) or not all(isinstance(cookie, str) for cookie in cookies):
            return None
        headers.extend(("set-cookie", cookie) for cookie in cookies)
    return ProxyResponse(status, headers, body or "", bool(encoded))
