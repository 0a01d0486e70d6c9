"""The event API Gateway hands to a Lambda function: payload format 1.0 (REST APIs, and HTTP APIs that ask for it)
and 2.0 (HTTP APIs).

Field by field after AWS's sample events (the tests compare with them):
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html (1.0, REST)
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html (1.0, 2.0)

* 1.0: ``resource`` (the resource path template, e.g. ``/{proxy+}``), ``path`` (the request path; for REST APIs
  without the stage, which ``requestContext.path`` keeps), ``httpMethod``, ``headers`` (one value per name: the
  last one) and ``multiValueHeaders`` (all), ``queryStringParameters`` / ``multiValueQueryStringParameters`` (same
  rule, ``null`` without a query string), ``pathParameters`` and ``stageVariables`` (``null`` when empty),
  ``requestContext`` (``resourceId``, ``resourcePath``, ``httpMethod``, ``extendedRequestId``, ``requestTime``,
  ``path``, ``accountId``, ``protocol``, ``stage``, ``domainPrefix``, ``requestTimeEpoch``, ``requestId``,
  ``identity`` {``sourceIp``, ``userAgent``, the caller fields ``null`` for an unauthenticated request}, ``domainName``,
  ``apiId``), ``body`` (``null`` without one) and ``isBase64Encoded``.
* 2.0 (built by :func:`pocketcloud.httpformats.payload_v2.v2_event`, shared with Lambda function URLs):
  ``version``, ``routeKey``, ``rawPath``, ``rawQueryString``, ``cookies``, ``headers`` ("Duplicate headers are
  combined with commas", names lower-cased), ``queryStringParameters`` ("Duplicate query strings are combined with
  commas"), ``requestContext`` {``accountId``, ``apiId``, ``domainName``, ``domainPrefix``, ``http`` {``method``,
  ``path``, ``protocol``, ``sourceIp``, ``userAgent``}, ``requestId``, ``routeKey``, ``stage``, ``time``,
  ``timeEpoch``}, ``body``, ``pathParameters``, ``isBase64Encoded``, ``stageVariables``. "All cookie headers in the
  request are combined with commas and added to the cookies field": each ``name=value`` of every ``Cookie`` header
  is one element, and the ``cookie`` header is not repeated in ``headers``. Fields without a value are left out
  (as real 2.0 events do: no ``cookies``, ``queryStringParameters``, ``pathParameters``, ``body`` or
  ``stageVariables`` when there are none).

The headers API Gateway adds on the way in, as real events show them: ``X-Amzn-Trace-Id``, ``X-Forwarded-For``
(the client address appended to any value the client sent), ``X-Forwarded-Port`` and ``X-Forwarded-Proto``
(lower-cased in 2.0). REST API events leave out ``Content-Length`` and ``Connection`` and spell ``Authorization`` and
``User-Agent`` that way whatever the client sent, as CloudFront in front of API Gateway does (observed by
LocalStack's REST API implementation against AWS).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...httpformats.formats import query_pairs, request_time

if TYPE_CHECKING:
    from ...http import HttpRequest

_REST_DROPPED = frozenset({"content-length", "connection"})
_REST_SPELLED = {"authorization": "Authorization", "user-agent": "User-Agent"}


def forwarded_headers(request: HttpRequest, trace: str, *, rest: bool) -> list[tuple[str, str]]:
    """The request's headers as the integration receives them (see the module docstring)."""
    out: list[tuple[str, str]] = []
    forwarded_for = request.source_ip
    for name, value in request.headers:
        lower = name.lower()
        if lower == "x-forwarded-for":
            forwarded_for = f"{value}, {request.source_ip}"
            continue
        if lower in ("x-forwarded-port", "x-forwarded-proto", "x-amzn-trace-id"):
            continue
        if rest:
            if lower in _REST_DROPPED:
                continue
            name = _REST_SPELLED.get(lower, name)
        out.append((name, value))
    port = "443" if request.scheme == "https" else "80"
    if rest:
        out += [
            ("X-Amzn-Trace-Id", trace),
            ("X-Forwarded-For", forwarded_for),
            ("X-Forwarded-Port", port),
            ("X-Forwarded-Proto", request.scheme),
        ]
    else:
        out += [
            ("x-amzn-trace-id", trace),
            ("x-forwarded-for", forwarded_for),
            ("x-forwarded-port", port),
            ("x-forwarded-proto", request.scheme),
        ]
    return out


def _identity(request: HttpRequest, user_agent: str) -> dict[str, Any]:
    return {
        "cognitoIdentityPoolId": None,
        "accountId": None,
        "cognitoIdentityId": None,
        "caller": None,
        "sourceIp": request.source_ip,
        "principalOrgId": None,
        "accessKey": None,
        "cognitoAuthenticationType": None,
        "cognitoAuthenticationProvider": None,
        "userArn": None,
        "userAgent": user_agent,
        "user": None,
    }


def v1_event(
    *,
    request: HttpRequest,
    headers: list[tuple[str, str]],
    resource_path: str,
    resource_id: str | None,
    path: str,
    stage: str,
    stage_variables: dict[str, str],
    path_parameters: dict[str, str],
    body: str | None,
    base64_encoded: bool,
    api_id: str,
    account_id: str,
    request_id: str,
    extended_request_id: str,
    http_api: bool,
) -> dict[str, Any]:
    """A payload format 1.0 event (REST API when ``http_api`` is False)."""
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in headers:
        single[name] = value
        multi.setdefault(name, []).append(value)
    query_single: dict[str, str] = {}
    query_multi: dict[str, list[str]] = {}
    for name, value in query_pairs(request.query):
        query_single[name] = value
        query_multi.setdefault(name, []).append(value)
    when, epoch_ms = request_time(request.sent_at)
    user_agent = single.get("User-Agent") or request.header("user-agent") or ""
    context: dict[str, Any]
    if http_api:
        context = {
            "accountId": account_id,
            "apiId": api_id,
            "authorizer": {"claims": None, "scopes": None},
            "domainName": request.host,
            "domainPrefix": api_id,
            "extendedRequestId": extended_request_id,
            "httpMethod": request.method,
            "identity": _identity(request, user_agent),
            "path": request.path,
            "protocol": "HTTP/1.1",
            "requestId": request_id,
            "requestTime": when,
            "requestTimeEpoch": epoch_ms,
            "resourceId": resource_id,
            "resourcePath": resource_path,
            "stage": stage,
        }
    else:
        context = {
            "resourceId": resource_id,
            "resourcePath": resource_path,
            "httpMethod": request.method,
            "extendedRequestId": extended_request_id,
            "requestTime": when,
            "path": request.path,
            "accountId": account_id,
            "protocol": "HTTP/1.1",
            "stage": stage,
            "domainPrefix": api_id,
            "requestTimeEpoch": epoch_ms,
            "requestId": request_id,
            "identity": _identity(request, user_agent),
            "domainName": request.host,
            "apiId": api_id,
        }
    event: dict[str, Any] = {"version": "1.0"} if http_api else {}
    event.update(
        {
            "resource": resource_path,
            "path": path,
            "httpMethod": request.method,
            "headers": single,
            "multiValueHeaders": multi,
            "queryStringParameters": query_single or None,
            "multiValueQueryStringParameters": query_multi or None,
            "pathParameters": dict(path_parameters) if path_parameters else None,  # the handler's own copies
            "stageVariables": dict(stage_variables) if stage_variables else None,
            "requestContext": context,
            "body": body,
            "isBase64Encoded": base64_encoded,
        }
    )
    return event
