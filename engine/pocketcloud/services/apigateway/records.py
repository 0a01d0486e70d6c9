"""What API Gateway's access log would say about each request, kept for learners (a bounded list per service).

The field names follow the ``$context`` variables of access logging (``requestId``, ``status``,
``responseLatency``, ``integrationLatency``, ``routeKey`` / ``resourcePath``, ``error.message``,
``integrationErrorMessage``), so a lab can print what the CloudWatch access log would show.
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
"""

from __future__ import annotations

from typing import NamedTuple

#: How many request records a service keeps (the oldest are dropped first).
RECENT_REQUESTS = 10_000


class RequestRecord(NamedTuple):
    """One request (a named tuple: cheap to make on every request, read-only afterwards)."""

    request_id: str
    api_id: str
    stage: str | None
    method: str
    path: str
    #: The resource path (REST APIs) or route key (HTTP APIs) the request matched, if any.
    route: str | None
    status: int
    received_at: float
    response_latency_ms: float
    integration_latency_ms: float | None
    #: ``$context.error.message``: API Gateway's message for a response it made itself.
    error_message: str | None
    #: ``$context.integrationErrorMessage``: why the integration failed (invoke refused, timeout, bad output).
    integration_error: str | None
