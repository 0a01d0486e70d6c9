"""Fuzz API Gateway deeper than the shared fuzz test can: with a deployed REST API and HTTP API whose IDs, stages
and routes the fuzzer knows, every operation gets requests near its constraints; only ParamValidationError or
ClientError may come out, and afterwards both APIs still answer HTTP requests (fuzzed ones too) with a status code.

The shared test (test_fuzz.py) fuzzes the same operations against a cloud without APIs, so most of its calls stop
at "not found"; this file reaches the code behind those checks.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pocketcloud
from pocketcloud import ClientError, ParamValidationError, models

from .apigateway_support import function, http_api, lambda_uri, rest_api, rest_url
from .shape_strategies import ShapeStrategies


def _prepared() -> tuple[pocketcloud.Cloud, tuple[str, ...], str, str]:
    cloud = pocketcloud.Cloud(seed=11)
    arn = function(cloud)
    rest, ids = rest_api(cloud, arn, paths=("pets/{petId}", "{proxy+}"), method="ANY")
    http = http_api(cloud, arn)
    v2 = cloud.client("apigatewayv2")
    integration = v2.get_integrations(ApiId=http["ApiId"])["Items"][0]["IntegrationId"]
    route = v2.get_routes(ApiId=http["ApiId"])["Items"][0]["RouteId"]
    deployment = cloud.client("apigateway").get_stage(restApiId=rest, stageName="test")["deploymentId"]
    known = (
        rest,
        http["ApiId"],
        *ids.values(),
        integration,
        route,
        deployment,
        "test",
        "$default",
        "ANY",
        "GET",
        "POST",
        "AWS_PROXY",
        "HTTP",
        "NONE",
        "{proxy+}",
        "GET /pets/{id}",
        "$default",
        f"integrations/{integration}",
        lambda_uri(arn),
        arn,
        "/variables/color",
        "/deploymentId",
        "/name",
        "replace",
        "2.0",
    )
    return cloud, known, rest_url(rest, "/pets/1"), http["ApiEndpoint"] + "/x"


def _operations() -> list[tuple[str, str, str]]:
    from pocketcloud.services import CLIENTS

    out = []
    for service in ("apigateway", "apigatewayv2"):
        for method, op in sorted(CLIENTS[service]._operation_names().items()):
            out.append((service, op, method))
    return out


OPERATIONS = _operations()


@pytest.mark.parametrize(("service", "operation", "method"), OPERATIONS, ids=[f"{s}.{o}" for s, o, _ in OPERATIONS])
def test_only_aws_shaped_errors_and_the_apis_keep_answering(service: str, operation: str, method: str) -> None:
    cloud, known, rest, http = _prepared()
    call = getattr(cloud.client(service), method)
    strategies = ShapeStrategies(models.load(service), known=known)

    @settings(
        max_examples=30,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    @given(strategies.for_operation(operation))
    def fuzz(params: dict[str, Any]) -> None:
        with contextlib.suppress(ParamValidationError, ClientError):
            call(**params)

    fuzz()
    for url in (rest, http):
        with contextlib.suppress(pocketcloud.http.UnknownHostError):
            answer = cloud.http_request("GET", url)
            assert isinstance(answer["statusCode"], int)


_SEGMENT = st.text(alphabet="abc%20{}+/.~-_:@", max_size=6)
_HEADERS = st.lists(
    st.tuples(st.sampled_from(["Content-Type", "Accept", "Origin", "Cookie", "X-Forwarded-For", "Host"]), _SEGMENT),
    max_size=4,
)


@settings(max_examples=100, derandomize=True, deadline=None, database=None)
@given(
    method=st.sampled_from(["GET", "POST", "OPTIONS", "HEAD", "DELETE", "PATCH"]),
    path=st.lists(_SEGMENT, max_size=4).map(lambda parts: "/" + "/".join(parts)),
    query=st.text(alphabet="a=&%2b+;", max_size=8),
    headers=_HEADERS,
    body=st.one_of(st.none(), st.binary(max_size=16), st.text(max_size=8)),
    which=st.booleans(),
)
def test_any_request_gets_a_response(
    method: str, path: str, query: str, headers: list[tuple[str, str]], body: Any, which: bool
) -> None:
    """Whatever a client sends to either API, it gets a status code back (never an exception)."""
    cloud, _, rest, http = _prepared()
    base = (rest if which else http).split("/pets")[0].rsplit("/x", 1)[0]
    answer = cloud.http_request(method, f"{base}{path}?{query}", headers, body)
    assert 200 <= answer["statusCode"] <= 599
