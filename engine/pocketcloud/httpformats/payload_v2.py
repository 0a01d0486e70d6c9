"""The payload format version 2.0 event: what API Gateway HTTP APIs and Lambda function URLs hand to a function.

"The request and response event formats follow the same schema as the Amazon API Gateway payload format version
2.0" (Lambda function URLs), so both services build the event here, each with its own values: an HTTP API its
route key, stage, stage variables and path parameters; a function URL ``$default`` as route key and stage ("Function
URLs don't use this parameter. Lambda sets this to $default as a placeholder"), the URL ID as ``apiId`` and
``domainPrefix``, and for ``AWS_IAM`` the caller in ``requestContext.authorizer.iam``.
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html

Fields: ``version``, ``routeKey``, ``rawPath``, ``rawQueryString``, ``cookies``, ``headers`` ("Duplicate headers are
combined with commas", names lower-cased), ``queryStringParameters`` ("Duplicate query strings are combined with
commas"), ``requestContext`` {``accountId``, ``apiId``, ``authorizer`` (when given), ``domainName``,
``domainPrefix``, ``http`` {``method``, ``path``, ``protocol``, ``sourceIp``, ``userAgent``}, ``requestId``,
``routeKey``, ``stage``, ``time``, ``timeEpoch``}, ``body``, ``pathParameters``, ``isBase64Encoded``,
``stageVariables``. "All cookie headers in the request are combined with commas and added to the cookies field":
each ``name=value`` of every ``Cookie`` header is one element, and the ``cookie`` header is not repeated in
``headers``. Fields without a value are left out, as real 2.0 events do (no ``cookies``,
``queryStringParameters``, ``pathParameters``, ``body`` or ``stageVariables`` when there are none).

How a function's response to such an event is read is :func:`pocketcloud.httpformats.responses.parse_v2`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .formats import query_pairs, request_time

if TYPE_CHECKING:
    from ..http import HttpRequest


def v2_event(
    *,
    request: HttpRequest,
    headers: list[tuple[str, str]],
    route_key: str,
    stage: str,
    stage_variables: dict[str, str],
    path_parameters: dict[str, str],
    body: str | None,
    base64_encoded: bool,
    api_id: str,
    account_id: str,
    request_id: str,
    authorizer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A payload format 2.0 event for ``request``; ``headers`` are the (name, value) pairs as forwarded."""
    combined: dict[str, str] = {}
    cookies: list[str] = []
    for name, value in headers:
        lower = name.lower()
        if lower == "cookie":
            cookies.extend(part.strip() for part in value.split(";") if part.strip())
            continue
        previous = combined.get(lower)
        combined[lower] = value if previous is None else f"{previous},{value}"
    query: dict[str, str] = {}
    for name, value in query_pairs(request.query):
        previous = query.get(name)
        query[name] = value if previous is None else f"{previous},{value}"
    when, epoch_ms = request_time(request.sent_at)
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": request.path,
        "rawQueryString": request.query,
    }
    if cookies:
        event["cookies"] = cookies
    event["headers"] = combined
    if query:
        event["queryStringParameters"] = query
    context: dict[str, Any] = {"accountId": account_id, "apiId": api_id}
    if authorizer is not None:
        context["authorizer"] = authorizer
    context.update(
        {
            "domainName": request.host,
            "domainPrefix": api_id,
            "http": {
                "method": request.method,
                "path": request.path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.source_ip,
                "userAgent": combined.get("user-agent", ""),
            },
            "requestId": request_id,
            "routeKey": route_key,
            "stage": stage,
            "time": when,
            "timeEpoch": epoch_ms,
        }
    )
    event["requestContext"] = context
    if body is not None:
        event["body"] = body
    if path_parameters:
        event["pathParameters"] = dict(path_parameters)  # copies: the event is the handler's own
    event["isBase64Encoded"] = base64_encoded
    if stage_variables:
        event["stageVariables"] = dict(stage_variables)
    return event
