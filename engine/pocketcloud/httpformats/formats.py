"""Small pieces of the proxy formats shared by REST and HTTP APIs: times, query strings, media types, bodies.

* Times: ``requestTime``/``time`` print as ``12/Mar/2020:19:03:58 +0000`` (Common Log Format, always UTC) and
  ``requestTimeEpoch``/``timeEpoch`` are epoch milliseconds, as in the sample events.
  https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
* Query strings: "API Gateway decodes URL-encoded request parameters before passing them to your backend
  integration"; the raw string stays available as ``rawQueryString`` (2.0).
  https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
* Request bodies of HTTP APIs reach Lambda as text only for text media types; API Gateway base64-encodes every
  other body (``isBase64Encoded: true``), including a body without ``Content-Type`` and form posts
  (``application/x-www-form-urlencoded``). AWS documents the mechanism ("If the content type of the request is
  binary, the body is base64-encoded") but not the list; the split used here (``text/*``, ``application/json``,
  ``application/xml``, ``application/javascript``) was measured against AWS and reported in
  https://github.com/ministackorg/ministack/pull/766 . pocketcloud also treats ``+json``/``+xml`` suffixes as text
  (a pocketcloud model; unmeasured).
* REST APIs decide by the API's ``binaryMediaTypes``: a request whose ``Content-Type`` matches one (exactly,
  ``type/*`` or ``*/*``) is base64-encoded, and a response body a function returns base64-encoded is decoded to
  bytes only when "the first Accept header" of the request matches one; otherwise the base64 text is sent as it is.
  https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
  (behaviour confirmed against AWS in https://github.com/ministackorg/ministack/pull/767).
"""

from __future__ import annotations

import base64
import functools
from typing import Any
from urllib.parse import parse_qsl

from ..timeutil import EPOCH, epoch_millis, to_datetime

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TEXT_APPLICATION = frozenset({"application/json", "application/xml", "application/javascript"})


_last_second: list[Any] = [None, ""]


def request_time(t: float) -> tuple[str, int]:
    """(``dd/MMM/yyyy:HH:mm:ss +0000``, epoch milliseconds) for virtual time ``t``.

    The text changes once a second, so the last one is kept: under load many requests share a second."""
    second = int(t)
    if _last_second[0] != second:
        moment = to_datetime(second) if second else EPOCH
        _last_second[0] = second
        _last_second[1] = f"{moment.day:02d}/{_MONTHS[moment.month - 1]}/{moment.year}:{moment:%H:%M:%S} +0000"
    return _last_second[1], epoch_millis(t)


def query_pairs(raw: str) -> tuple[tuple[str, str], ...]:
    """Decoded (name, value) pairs of a raw query string, in order, repeats kept (``?a`` gives ``("a", "")``)."""
    if not raw:
        return ()
    return _parsed_query(raw)


@functools.lru_cache(maxsize=256)
def _parsed_query(raw: str) -> tuple[tuple[str, str], ...]:
    """The parse of one query string, kept: clients send the same few again and again (pairs are immutable)."""
    return tuple(parse_qsl(raw, keep_blank_values=True))


def media_type(content_type: str | None) -> str:
    """``application/json; charset=utf-8`` -> ``application/json`` (lower case); None -> ``""``."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def is_text_media_type(content_type: str | None) -> bool:
    """Whether an HTTP API passes a body of this type to Lambda as text (see the module docstring)."""
    kind = media_type(content_type)
    if not kind:
        return False
    return kind.startswith("text/") or kind in _TEXT_APPLICATION or kind.endswith(("+json", "+xml"))


def media_type_matches(content_type: str | None, patterns: list[str]) -> bool:
    """Whether ``content_type`` matches one of a REST API's ``binaryMediaTypes`` (``*`` wildcards allowed)."""
    kind = media_type(content_type)
    if not kind or not patterns:
        return False
    major, _, minor = kind.partition("/")
    for pattern in patterns:
        want = pattern.strip().lower()
        if want in ("*/*", kind):
            return True
        want_major, _, want_minor = want.partition("/")
        if want_minor == "*" and want_major == major:
            return True
        if want_major == "*" and want_minor == minor:
            return True
    return False


def first_accept(accept: str | None) -> str | None:
    """The first media type of an ``Accept`` header (API Gateway decides binary responses by it)."""
    if not accept:
        return None
    return accept.split(",", 1)[0]


def body_for_event(body: bytes, binary: bool) -> tuple[str, bool]:
    """The event's ``body`` and ``isBase64Encoded`` for a request body.

    Text bodies that are not valid UTF-8 are base64-encoded as well: a JSON event can only carry text (a
    pocketcloud model of an undocumented case).
    """
    if not binary:
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(body).decode("ascii"), True
