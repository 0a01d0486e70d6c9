"""One request/response exchange with an API, on the virtual clock: answer it once, at the right moment, and
remember it for the access log.

API Gateway's own answers (no such stage, no route, a refused or failed integration) take its processing time,
before and after the integration: :class:`~.integration.Settings`. The body of every such answer is API Gateway's
JSON ``{"message":"..."}``: REST APIs use the gateway response template ``{"message":$context.error.messageString}``
(so the JSON is compact) and send ``x-amzn-ErrorType``; HTTP APIs send the same body form (``{"message":"Not
Found"}``).
https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ...http import Respond, response
from .records import RequestRecord

if TYPE_CHECKING:
    from collections import deque

    from ...cloud import Cloud
    from ...http import HttpRequest
    from .integration import Settings


class Exchange:
    """A request in flight: its IDs, the headers API Gateway adds to every response, and where to answer."""

    __slots__ = (
        "api_id",
        "cloud",
        "content_type",
        "gateway_headers",
        "records",
        "request",
        "request_id",
        "respond",
        "route",
        "settings",
        "stage",
        "started",
    )

    def __init__(
        self,
        cloud: Cloud,
        settings: Settings,
        records: deque[RequestRecord],
        request: HttpRequest,
        respond: Respond,
        api_id: str,
        request_id: str,
        gateway_headers: list[tuple[str, str]],
        content_type: str = "Content-Type",
    ) -> None:
        self.cloud = cloud
        self.settings = settings
        self.records = records
        self.request = request
        self.respond = respond
        self.api_id = api_id
        self.request_id = request_id
        self.gateway_headers = gateway_headers
        #: How this API type spells the header (REST APIs: ``Content-Type``; HTTP APIs: ``content-type``).
        self.content_type = content_type
        self.started = cloud.now
        self.stage: str | None = None
        self.route: str | None = None

    def fail(
        self,
        status: int,
        message: str,
        *,
        error_type: str | None = None,
        integration_error: str | None = None,
        integration_latency_ms: float | None = None,
        before_integration: bool = True,
    ) -> None:
        """Answer with API Gateway's own ``{"message": ...}`` response."""
        headers = [(self.content_type, "application/json"), *self.gateway_headers]
        if error_type is not None:
            headers.append(("x-amzn-ErrorType", error_type))
        body = json.dumps({"message": message}, separators=(",", ":"))
        self._send(status, headers, body, message, integration_error, integration_latency_ms, before_integration)

    def finish(
        self,
        status: int,
        headers: list[tuple[str, str]],
        body: str | bytes,
        integration_latency_ms: float | None,
        before_integration: bool = False,
    ) -> None:
        """Answer with the integration's response (``headers`` already include API Gateway's), or with a response
        API Gateway makes itself without calling the integration (``before_integration``: a CORS preflight)."""
        self._send(status, headers, body, None, None, integration_latency_ms, before_integration)

    def _send(
        self,
        status: int,
        headers: list[tuple[str, str]],
        body: str | bytes,
        error_message: str | None,
        integration_error: str | None,
        integration_latency_ms: float | None,
        before_integration: bool,
    ) -> None:
        settings = self.settings
        delay = settings.response_overhead_s + (settings.request_overhead_s if before_integration else 0.0)
        now = self.cloud.now
        at = now + delay
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers.append(("Content-Length" if self.content_type == "Content-Type" else "content-length", str(len(data))))
        answer = response(status, headers, body)
        request = self.request
        self.records.append(
            RequestRecord(
                request_id=self.request_id,
                api_id=self.api_id,
                stage=self.stage,
                method=request.method,
                path=request.path,
                route=self.route,
                status=status,
                received_at=self.started,
                response_latency_ms=round((at - self.started) * 1000, 3),
                integration_latency_ms=integration_latency_ms,
                error_message=error_message,
                integration_error=integration_error,
            )
        )
        self.cloud.kernel.call_at(at, self.respond, answer)


def has_header(headers: list[tuple[str, str]], name: str) -> bool:
    lower = name.lower()
    return any(key.lower() == lower for key, _ in headers)
