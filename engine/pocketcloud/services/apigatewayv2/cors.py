"""CORS for HTTP APIs: API Gateway answers preflight requests itself and adds the CORS headers to responses.

"If you configure CORS for an API, API Gateway automatically sends a response to preflight OPTIONS requests, even
if there isn't an OPTIONS route configured for your API. For a CORS request, API Gateway adds the configured CORS
headers to the response from an integration." "If you configure CORS for an API, API Gateway ignores CORS headers
returned from your backend integration." "To return CORS headers, your request must contain an origin header. For
the OPTIONS method, your request must contain an origin header and an Access-Control-Request-Method header."
``allowOrigins`` takes exact origins, ``*`` ("allow all origins"), ``https://*`` or ``http://*`` ("allow any origin
that begins with https://"); the configuration's lists map to ``Access-Control-Allow-Origin``, ``-Credentials``,
``-Expose-Headers``, ``-Max-Age``, ``-Allow-Methods`` and ``-Allow-Headers``.
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
pocketcloud models the details AWS leaves out: the preflight answer is ``204 No Content``; an origin (or, for a
preflight, a method) the configuration does not allow gets no CORS headers at all, so a browser blocks it; ``*``
in a list is answered with ``*``, except that an allowed origin is echoed when credentials are allowed.
"""

from __future__ import annotations

from typing import Any

_PREFIX = "access-control-"


def origin_allowed(origin: str, allowed: list[str]) -> bool:
    lowered = origin.lower()
    for entry in allowed:
        want = entry.lower()
        if want == "*" or want == lowered:
            return True
        if want.endswith("://*") and lowered.startswith(want[:-1]):
            return True
    return False


def _origin_value(cors: dict[str, Any], origin: str) -> str:
    if "*" in cors.get("AllowOrigins", []) and not cors.get("AllowCredentials"):
        return "*"
    return origin


def preflight(cors: dict[str, Any], origin: str, method: str) -> list[tuple[str, str]]:
    """The CORS headers of API Gateway's answer to a preflight request (empty when not allowed)."""
    if not origin_allowed(origin, cors.get("AllowOrigins", [])):
        return []
    methods = [m.upper() for m in cors.get("AllowMethods", [])]
    if "*" not in methods and method.upper() not in methods:
        return []
    headers = [("access-control-allow-origin", _origin_value(cors, origin))]
    if cors.get("AllowCredentials"):
        headers.append(("access-control-allow-credentials", "true"))
    headers.append(("access-control-allow-methods", ",".join(methods)))
    if cors.get("AllowHeaders"):
        headers.append(("access-control-allow-headers", ",".join(h.lower() for h in cors["AllowHeaders"])))
    if cors.get("MaxAge") is not None and cors["MaxAge"] >= 0:
        headers.append(("access-control-max-age", str(cors["MaxAge"])))
    return headers


def apply(cors: dict[str, Any], origin: str | None, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An integration's response headers with its own CORS headers dropped and the configured ones added."""
    kept = [(name, value) for name, value in headers if not name.lower().startswith(_PREFIX)]
    if origin is None or not origin_allowed(origin, cors.get("AllowOrigins", [])):
        return kept
    kept.append(("access-control-allow-origin", _origin_value(cors, origin)))
    if cors.get("AllowCredentials"):
        kept.append(("access-control-allow-credentials", "true"))
    if cors.get("ExposeHeaders"):
        kept.append(("access-control-expose-headers", ",".join(h.lower() for h in cors["ExposeHeaders"])))
    return kept
