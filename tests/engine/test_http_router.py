"""The cloud's HTTP router (``cloud.http``) and client (``cloud.http_request``): hosts and path prefixes, what a
client sends and gets back, the blocking and the in-simulation forms.

pocketcloud models (documented in pocketcloud.http): the default headers a plain HTTP client sends (Host from the
URL, User-Agent, ``Accept: */*``, Content-Length for a body), a documentation source address (RFC 5737), and a
failed DNS lookup for a host no simulated service answers.
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud.http import HttpRequest, Respond, UnknownHostError, WouldBlockError, response


def _echo(seen: list[HttpRequest], delay: float = 0.0, cloud: pocketcloud.Cloud | None = None) -> Any:
    def handler(request: HttpRequest, respond: Respond) -> None:
        seen.append(request)
        answer = response(200, [("Content-Type", "text/plain"), ("Set-Cookie", "a=1"), ("set-cookie", "b=2")], "hi")
        if cloud is not None and delay:
            cloud.kernel.schedule(delay, respond, answer)
        else:
            respond(answer)

    return handler


def test_a_registered_host_answers_and_the_client_sees_status_headers_and_body() -> None:
    cloud = pocketcloud.Cloud(seed=0)
    seen: list[HttpRequest] = []
    cloud.http.register("api.example.com", _echo(seen))
    answer = cloud.http_request("post", "https://API.example.com/a/b?x=1&y=2", {"X-Thing": "1"}, '{"k": 1}')
    assert answer["statusCode"] == 200
    assert answer["body"] == "hi"
    assert answer["headers"]["Content-Type"] == "text/plain"
    assert answer["headers"]["Set-Cookie"] == "a=1, b=2"
    assert answer["multiValueHeaders"]["Set-Cookie"] == ["a=1", "b=2"]
    request = seen[0]
    assert request.method == "POST"
    assert request.host == "api.example.com"
    assert request.path == "/a/b"
    assert request.query == "x=1&y=2"
    assert request.body == b'{"k": 1}'
    assert request.header("x-thing") == "1"
    assert request.header("HOST") == "API.example.com"
    assert request.header("content-length") == "8"
    assert request.header("accept") == "*/*"
    assert request.header("user-agent") == "pocketcloud-http/1.0"
    assert request.source_ip == "203.0.113.10"


def test_headers_as_a_list_of_pairs_keep_repeats_and_order() -> None:
    cloud = pocketcloud.Cloud(seed=0)
    seen: list[HttpRequest] = []
    cloud.http.register("h.example", _echo(seen))
    cloud.http_request("GET", "https://h.example/", [("A", "1"), ("a", "2"), ("User-Agent", "curl/8")])
    cloud.http_request("GET", "https://h.example/", {"A": ["1", "2"]})
    assert seen[0].header_values("a") == ["1", "2"]
    assert seen[0].header("user-agent") == "curl/8"
    assert seen[1].header_values("A") == ["1", "2"]


def test_the_longest_path_prefix_under_a_host_wins() -> None:
    """A custom domain maps base paths to different APIs: the longest matching prefix answers."""
    cloud = pocketcloud.Cloud(seed=0)
    root: list[HttpRequest] = []
    orders: list[HttpRequest] = []
    cloud.http.register("shop.example", _echo(root))
    cloud.http.register("shop.example", _echo(orders), path_prefix="/orders")
    cloud.http_request("GET", "https://shop.example/orders/1")
    cloud.http_request("GET", "https://shop.example/orders")
    cloud.http_request("GET", "https://shop.example/ordersx")
    assert [r.path for r in orders] == ["/orders/1", "/orders"]
    assert [r.path for r in root] == ["/ordersx"]
    with pytest.raises(ValueError, match="already registered"):
        cloud.http.register("shop.example", _echo(root))
    cloud.http.unregister("shop.example", "/orders")
    cloud.http_request("GET", "https://shop.example/orders/2")
    assert root[-1].path == "/orders/2"
    assert cloud.http.hosts() == ["shop.example"]


def test_an_unknown_host_fails_like_a_dns_lookup() -> None:
    cloud = pocketcloud.Cloud(seed=0)
    with pytest.raises(UnknownHostError, match=r"Could not resolve host: nowhere\.example"):
        cloud.http_request("GET", "https://nowhere.example/")
    assert isinstance(UnknownHostError("x"), ConnectionError)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("GET", "not a url"), ValueError),
        (("GET", "ftp://h.example/"), ValueError),
        (("G T", "https://h.example/"), ValueError),
        (("GET", 42), TypeError),
        (("GET", "https://h.example/", {"A": 1}), TypeError),
        (("GET", "https://h.example/", {"A": "x\r\nB: y"}), ValueError),
        (("GET", "https://h.example/", None, {"json": True}), TypeError),
    ],
)
def test_bad_requests_are_refused_before_anything_is_sent(args: tuple[Any, ...], error: type[Exception]) -> None:
    cloud = pocketcloud.Cloud(seed=0)
    seen: list[HttpRequest] = []
    cloud.http.register("h.example", _echo(seen))
    with pytest.raises(error):
        cloud.http_request(*args)
    assert seen == []


def test_the_blocking_form_runs_the_clock_until_the_response_arrives() -> None:
    cloud = pocketcloud.Cloud(seed=0)
    cloud.http.register("slow.example", _echo([], delay=2.5, cloud=cloud))
    answer = cloud.http_request("GET", "https://slow.example/")
    assert answer["statusCode"] == 200
    assert cloud.now == pytest.approx(2.5)


def test_inside_the_simulation_the_callback_form_answers_on_the_virtual_clock() -> None:
    """``http_request_and_then`` never moves the clock; ``on_response`` runs when the response arrives. The
    blocking form refuses to run there (it would have to wait)."""
    cloud = pocketcloud.Cloud(seed=0)
    cloud.http.register("slow.example", _echo([], delay=1.0, cloud=cloud))
    got: list[tuple[float, int]] = []
    errors: list[Exception] = []

    def client() -> None:
        try:
            cloud.http_request("GET", "https://slow.example/")
        except WouldBlockError as error:
            errors.append(error)
        cloud.http_request_and_then(lambda r: got.append((cloud.now, r["statusCode"])), "GET", "https://slow.example/")

    cloud.kernel.schedule(3.0, client)
    cloud.run()
    assert got == [(pytest.approx(4.0), 200)]
    assert errors and "http_request_and_then" in str(errors[0])
