"""Bad input never breaks the engine: it gets AWS's answer and nothing already stored changes.

Sources: Invoke's errors (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html: InvalidRequestContent-
Exception "The request body could not be parsed as JSON"), provisioned concurrency and the unreserved minimum
(https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html, lambda-concurrency.html), ListFunctions
paging (https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html).
"""

from __future__ import annotations

import base64
import json

import pytest

import pocketcloud
from pocketcloud import ClientError, ParamValidationError, jsondoc
from pocketcloud.services.awslambda import models as lambda_models

from .conftest import make_function


def _code(exc: pytest.ExceptionInfo[ClientError]) -> str:
    return str(exc.value.response["Error"]["Code"])


@pytest.mark.parametrize(
    "payload",
    [
        b"[" * 100_000 + b"]" * 100_000,  # deeper than any interpreter's recursion limit
        b"[" * (jsondoc.MAX_DEPTH + 1) + b"]" * (jsondoc.MAX_DEPTH + 1),
        b'{"a": NaN}',
        b'{"a": Infinity}',
        b"\xff\xfe",
        b'{"a": 1' + b"0" * 5000 + b"}",
        b"{not json",
    ],
    ids=["very-deep", "just-too-deep", "nan", "infinity", "not-utf8", "huge-int", "garbage"],
)
def test_malformed_payloads_get_invalid_request_content(lam, payload: bytes) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidRequestContentException) as exc:
        lam.invoke(FunctionName="hello", Payload=payload)
    assert exc.value.response["Error"]["Message"].startswith("Could not parse request body into json:")
    assert json.load(lam.invoke(FunctionName="hello", Payload=b'{"ok": 1}')["Payload"]) == {"ok": 1}


def test_nesting_up_to_the_limit_is_accepted(lam) -> None:
    make_function(lam, source="def handler(event, context):\n    return 'fine'\n")
    deep = b"[" * jsondoc.MAX_DEPTH + b"]" * jsondoc.MAX_DEPTH
    assert json.load(lam.invoke(FunctionName="hello", Payload=deep)["Payload"]) == "fine"


@pytest.mark.parametrize("context", [b"[" * 50_000 + b"]" * 50_000, b"not json", b"[1, 2]"])
def test_malformed_client_contexts_are_refused(lam, context: bytes) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidRequestContentException):
        lam.invoke(FunctionName="hello", ClientContext=base64.b64encode(context).decode())


@pytest.mark.parametrize(
    ("until", "error"),
    [(float("nan"), ValueError), (float("inf"), ValueError), (1e300, ValueError), ("5", TypeError), (True, TypeError)],
)
def test_run_refuses_impossible_times(until: object, error: type[Exception]) -> None:
    cloud = pocketcloud.Cloud()
    with pytest.raises(error):
        cloud.run(until=until)  # type: ignore[arg-type]
    assert cloud.now == 0.0
    assert cloud.run(until=60) == 60.0
    with pytest.raises(ValueError, match="before now"):
        cloud.run(until=30)


def test_provisioned_concurrency_cannot_take_the_last_100_unreserved(lam) -> None:
    """Provisioned concurrency on a function without reserved concurrency comes out of the unreserved pool,
    which keeps at least 100 (lambda-concurrency.html); AWS's answer (sst#5829, a real response)."""
    make_function(lam)
    lam.publish_version(FunctionName="hello")
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        lam.put_provisioned_concurrency_config(FunctionName="hello", Qualifier="1", ProvisionedConcurrentExecutions=901)
    assert exc.value.response["Error"]["Message"] == (
        "Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its "
        "minimum value of [100]."
    )
    with pytest.raises(lam.exceptions.ProvisionedConcurrencyConfigNotFoundException):
        lam.get_provisioned_concurrency_config(FunctionName="hello", Qualifier="1")


def test_a_bad_add_permission_stores_nothing(lam) -> None:
    make_function(lam)
    lam.add_permission(FunctionName="hello", StatementId="ok", Action="lambda:InvokeFunction", Principal="*")
    before = lam.get_policy(FunctionName="hello")["Policy"]
    for bad in (
        {"Action": "weird"},
        {"SourceArn": "not an arn"},
        {"Principal": ["list"]},
        {"StatementId": "has space"},
        {"Qualifier": "missing"},
    ):
        params = {"FunctionName": "hello", "StatementId": "new", "Action": "lambda:InvokeFunction", "Principal": "*"}
        params.update(bad)
        with pytest.raises((ClientError, ParamValidationError)):
            lam.add_permission(**params)
    assert lam.get_policy(FunctionName="hello")["Policy"] == before


def test_listing_builds_only_the_page(lam, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of ListFunctions costs the same however many functions exist (it used to build all of them)."""
    for index in range(120):
        make_function(lam, f"f{index:03d}")
    built = 0
    original = lambda_models.FunctionVersion.configuration

    def counting(self: lambda_models.FunctionVersion) -> dict[str, object]:
        nonlocal built
        built += 1
        return original(self)

    monkeypatch.setattr(lambda_models.FunctionVersion, "configuration", counting)
    page = lam.list_functions(MaxItems=10)
    assert len(page["Functions"]) == 10 and built == 10
    names = [f["FunctionName"] for f in page["Functions"]]
    while "NextMarker" in page:
        page = lam.list_functions(MaxItems=50, Marker=page["NextMarker"])
        names += [f["FunctionName"] for f in page["Functions"]]
    assert names == [f"f{i:03d}" for i in range(120)]
    assert built == 120
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.list_functions(Marker="!!not-a-marker")
