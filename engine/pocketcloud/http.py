"""Sending HTTP requests to simulated endpoints: the cloud's registry of hosts, and a small HTTP client.

Some AWS services answer plain HTTP requests rather than API calls: API Gateway's ``execute-api`` endpoints,
and later Lambda function URLs and load balancers. They all sit behind one router, owned by the cloud
(``cloud.http``), that maps a host name (and optionally a path prefix under it) to the service that answers::

    https://{api-id}.execute-api.{region}.amazonaws.com/...   -> API Gateway (REST and HTTP APIs)
    https://{url-id}.lambda-url.{region}.on.aws/...           -> Lambda function URLs (later)
    http://{name}-{id}.{region}.elb.amazonaws.com/...          -> Application Load Balancers (later)

A learner sends a request with :meth:`pocketcloud.Cloud.http_request` and gets back what a client sees::

    {"statusCode": 200, "headers": {"content-type": "application/json", ...},
     "multiValueHeaders": {"content-type": ["application/json"], ...}, "body": '{"ok": true}'}

``headers`` has one string per header name (repeated headers joined with ", ", as HTTP allows);
``multiValueHeaders`` keeps every value (several ``set-cookie`` headers, say). ``body`` is a ``str`` for a text
response and ``bytes`` for a binary one (a base64-encoded Lambda body that API Gateway decoded).

Like any HTTP client, ``http_request`` sends ``Host`` (from the URL), ``User-Agent`` and ``Accept: */*`` unless the
caller gives them, and ``Content-Length`` for a body. Outside the simulation it lets the virtual clock run until
the response arrives, as a real client waits; from inside the simulation (a traffic generator's event, say) use
:meth:`~pocketcloud.Cloud.http_request_and_then`, which calls ``on_response(response)`` at the virtual moment the
response reaches the client and never moves the clock itself.

**Registering an endpoint** (for services): ``cloud.http.register(host, handler, path_prefix="/")`` where
``handler(request, respond)`` gets an :class:`HttpRequest` at the virtual moment it reaches the service and calls
``respond(response)`` exactly once, at once or later from a scheduled event (a response built with
:func:`response`). The longest registered path prefix under the host wins, so a custom domain can map
``/orders`` to one API and ``/`` to another (a service that maps only some prefixes should also register ``/`` to
give its own answer for the rest). A host nobody registered raises :class:`UnknownHostError`, as a DNS lookup
fails for a real client. The router adds no latency of its own: each service models its own overhead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import PocketCloudError
from .services.awslambda.sandbox import current_clock

if TYPE_CHECKING:
    from .cloud import Cloud

#: What the response callback receives: ``{"statusCode", "headers", "multiValueHeaders", "body"}``.
HttpResponse = dict[str, Any]
Respond = Callable[[HttpResponse], None]
#: ``handler(request, respond)``: answer ``request`` by calling ``respond(response)`` exactly once.
Handler = Callable[["HttpRequest", Respond], None]

#: The User-Agent ``http_request`` sends when the caller gives none (a pocketcloud model of a plain client).
DEFAULT_USER_AGENT = "pocketcloud-http/1.0"
#: The client address requests come from unless the caller gives one: 203.0.113.0/24 is TEST-NET-3, the
#: block RFC 5737 reserves for documentation, so it can never be mistaken for a real address.
DEFAULT_SOURCE_IP = "203.0.113.10"
_TOKEN_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class UnknownHostError(PocketCloudError, ConnectionError):
    """No simulated endpoint answers this host: what a real client sees as a failed DNS lookup."""


class WouldBlockError(PocketCloudError, RuntimeError):
    """A blocking ``http_request`` from inside the simulation, where nothing may wait for the clock."""


class HttpRequest:
    """One request as it reaches a service: method, URL parts, headers in the order sent, body bytes.

    ``path`` is the raw (still percent-encoded) path, ``"/"`` when the URL has none; ``query`` is the raw query
    string without ``?``. Header names keep the case the client sent; :meth:`header` looks them up
    case-insensitively.
    """

    __slots__ = (
        "_index",
        "body",
        "headers",
        "host",
        "method",
        "path",
        "query",
        "scheme",
        "sent_at",
        "source_ip",
        "url",
    )

    def __init__(
        self,
        method: str,
        url: str,
        scheme: str,
        host: str,
        path: str,
        query: str,
        headers: list[tuple[str, str]],
        body: bytes,
        source_ip: str,
        sent_at: float,
    ) -> None:
        self.method = method
        self.url = url
        self.scheme = scheme
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.source_ip = source_ip
        self.sent_at = sent_at
        self._index: dict[str, list[str]] | None = None

    def _lookup(self) -> dict[str, list[str]]:
        index = self._index
        if index is None:
            index = {}
            for name, value in self.headers:
                index.setdefault(name.lower(), []).append(value)
            self._index = index
        return index

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (any case), or None."""
        values = self._lookup().get(name.lower())
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        """Every value of header ``name`` (any case), in the order sent."""
        return list(self._lookup().get(name.lower(), ()))

    def __repr__(self) -> str:
        return f"<HttpRequest {self.method} {self.url}>"


def response(status: int, headers: Iterable[tuple[str, str]], body: str | bytes) -> HttpResponse:
    """The response dict a client sees, from header pairs (repeats allowed) and a text or binary body.

    Header names are grouped case-insensitively under the spelling first used; ``headers`` joins repeated
    values with ", " and ``multiValueHeaders`` keeps them all.
    """
    multi: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        first = spelling.get(key)
        if first is None:
            spelling[key] = name
            multi[name] = [value]
        else:
            multi[first].append(value)
    single = {name: values[0] if len(values) == 1 else ", ".join(values) for name, values in multi.items()}
    return {"statusCode": status, "headers": single, "multiValueHeaders": multi, "body": body}


class HttpRouter:
    """The cloud's registry of HTTP endpoints: host (and path prefix) -> the handler that answers."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        #: host -> [(path prefix, handler)], longest prefix first.
        self._hosts: dict[str, list[tuple[str, Handler]]] = {}

    # -- the registry ----------------------------------------------------------------------------------------
    def register(self, host: str, handler: Handler, path_prefix: str = "/") -> None:
        """Answer requests for ``host`` (and paths under ``path_prefix``) with ``handler``."""
        host = host.lower()
        if not path_prefix.startswith("/"):
            raise ValueError(f"path_prefix must start with '/', got {path_prefix!r}")
        entries = self._hosts.setdefault(host, [])
        if any(prefix == path_prefix for prefix, _ in entries):
            raise ValueError(f"{host}{path_prefix} is already registered")
        entries.append((path_prefix, handler))
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)

    def unregister(self, host: str, path_prefix: str = "/") -> None:
        host = host.lower()
        entries = [entry for entry in self._hosts.get(host, []) if entry[0] != path_prefix]
        if entries:
            self._hosts[host] = entries
        else:
            self._hosts.pop(host, None)

    def is_registered(self, host: str) -> bool:
        return host.lower() in self._hosts

    def hosts(self) -> list[str]:
        """Every registered host, sorted (for a learner's overview)."""
        return sorted(self._hosts)

    def resolve(self, host: str, path: str) -> Handler | None:
        """The handler for ``path`` under ``host``: the longest registered prefix that ``path`` starts with."""
        entries = self._hosts.get(host)
        if entries is None:
            return None
        if len(entries) == 1 and entries[0][0] == "/":
            return entries[0][1]
        for prefix, handler in entries:
            if prefix == "/" or path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                return handler
        return None

    # -- sending ---------------------------------------------------------------------------------------------
    def request_and_then(
        self,
        on_response: Respond,
        method: str,
        url: str,
        headers: Mapping[str, str | list[str]] | Iterable[tuple[str, str]] | None = None,
        body: str | bytes | bytearray | None = None,
        source_ip: str | None = None,
    ) -> None:
        """Send a request now; ``on_response(response)`` runs when the response reaches the client."""
        request = self._build(method, url, headers, body, source_ip)
        handler = self.resolve(request.host, request.path)
        if handler is None:
            if request.host in self._hosts:
                raise UnknownHostError(f"No endpoint of {request.host} serves {request.path}")
            raise UnknownHostError(f"Could not resolve host: {request.host}")
        handler(request, on_response)

    def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str | list[str]] | Iterable[tuple[str, str]] | None = None,
        body: str | bytes | bytearray | None = None,
        source_ip: str | None = None,
    ) -> HttpResponse:
        """Send a request and let the virtual clock run until its response arrives (outside the simulation)."""
        if self.cloud.kernel.running or current_clock() is not None:
            raise WouldBlockError(
                "cloud.http_request waits for the response and cannot be used inside the simulation (a scheduled "
                "event or a Lambda handler); use cloud.http_request_and_then(on_response, ...) instead"
            )
        box: list[HttpResponse] = []
        self.request_and_then(box.append, method, url, headers, body, source_ip)
        kernel = self.cloud.kernel
        while not box:
            at = kernel.peek()
            if at is None:
                raise RuntimeError(f"{method} {url}: the endpoint never responded (a pocketcloud bug)")
            kernel.run(until=at)
        return box[0]

    def _build(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str | list[str]] | Iterable[tuple[str, str]] | None,
        body: str | bytes | bytearray | None,
        source_ip: str | None,
    ) -> HttpRequest:
        if not isinstance(method, str) or not method or not _TOKEN_CHARS.issuperset(method):
            raise ValueError(f"method must be an HTTP method name such as 'GET', got {method!r}")
        if not isinstance(url, str):
            raise TypeError(f"url must be a string, not {type(url).__name__}")
        parts = urlsplit(url)
        host = parts.hostname
        if parts.scheme not in ("http", "https") or not host:
            raise ValueError(f"url must be an absolute http:// or https:// URL, got {url!r}")
        pairs = _header_pairs(headers)
        if body is None:
            data = b""
        elif isinstance(body, str):
            data = body.encode("utf-8")
        elif isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        else:
            raise TypeError(f"body must be str, bytes or None, not {type(body).__name__} (try json.dumps(...))")
        present = {name.lower() for name, _ in pairs}
        added: list[tuple[str, str]] = []
        if "host" not in present:
            added.append(("Host", parts.netloc.rpartition("@")[2]))
        if "user-agent" not in present:
            added.append(("User-Agent", DEFAULT_USER_AGENT))
        if "accept" not in present:
            added.append(("Accept", "*/*"))
        if data and "content-length" not in present:
            pairs.append(("Content-Length", str(len(data))))
        return HttpRequest(
            method.upper(),
            url,
            parts.scheme,
            host,
            parts.path or "/",
            parts.query,
            added + pairs,
            data,
            source_ip or DEFAULT_SOURCE_IP,
            self.cloud.now,
        )


def _header_pairs(headers: Mapping[str, str | list[str]] | Iterable[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """(name, value) pairs from a dict (a list value sends the header once per item) or an iterable of pairs."""
    if headers is None:
        return []
    items: Iterable[Any] = headers.items() if isinstance(headers, Mapping) else headers
    pairs: list[tuple[str, str]] = []
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError("headers must be a dict or a list of (name, value) pairs")
        name, value = item
        if not isinstance(name, str) or not name or not _TOKEN_CHARS.issuperset(name):
            raise ValueError(f"invalid header name {name!r}")
        values = value if isinstance(value, list) else [value]
        for one in values:
            if not isinstance(one, str):
                raise TypeError(f"header {name!r} must have str values, not {type(one).__name__}")
            if "\r" in one or "\n" in one:
                raise ValueError(f"header {name!r} must not contain line breaks")
            pairs.append((name, one))
    return pairs
