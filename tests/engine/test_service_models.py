"""The engine's API shapes are botocore's, and its request checks say exactly what botocore's say.

Sources: botocore's service models (``botocore/data/<service>/<version>/service-2.json.gz``) and its request
validator (``botocore/validate.py``, ``ParamValidator``), pinned in pyproject.toml; AWS's front-end validation
messages ("N validation errors detected: Value '…' at '…' failed to satisfy constraint: …", as real services
answer them, e.g. CloudWatch Logs' "2 validation errors detected: Value '' at 'logGroupNamePrefix' …").
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import pocketcloud
from pocketcloud import ClientError, ParamValidationError, models
from pocketcloud.constraints import java_string
from pocketcloud.services import CLIENTS
from pocketcloud.validate import Compiler

from .conftest import make_function
from .shape_strategies import ShapeStrategies

ROOT = Path(__file__).resolve().parents[2]
SESSION = botocore.session.get_session()


def implemented() -> list[tuple[str, str]]:
    pairs = []
    for service, cls in sorted(CLIENTS.items()):
        for op in sorted(set(cls._operation_names().values())):
            pairs.append((service, op))
    return pairs


def test_shape_files_are_generated_from_the_pinned_botocore() -> None:
    """``tools/service_models.py --check``: every shipped file matches what botocore's models give today."""
    result = subprocess.run(
        [sys.executable, "tools/service_models.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("service", "operation"), implemented())
def test_every_operation_matches_botocore(service: str, operation: str) -> None:
    """Input and output shape names, and required members, are botocore's."""
    model = models.load(service)
    theirs = SESSION.get_service_model(service).operation_model(operation)
    assert model.input_shape(operation) == (theirs.input_shape.name if theirs.input_shape else None)
    assert model.output_shape(operation) == (theirs.output_shape.name if theirs.output_shape else None)
    if theirs.input_shape is not None:
        shape = model.shape(model.input_shape(operation) or "")
        assert shape.get("required", []) == theirs.input_shape.required_members
        assert list(shape.get("members", {})) == list(theirs.input_shape.members)


@pytest.mark.parametrize("service", sorted(CLIENTS))
def test_client_exceptions_are_the_models_errors(service: str) -> None:
    """``client.exceptions`` has a class for every modeled error, as boto3's has, and nothing else."""
    client = pocketcloud.Cloud().client(service)
    expected = set(
        SESSION.get_service_model(service).error_shapes
        and [s.name for s in SESSION.get_service_model(service).error_shapes]
    )
    assert {name for name in vars(client.exceptions) if not name.startswith("_")} - {"ClientError"} == expected


def _theirs(service: str, operation: str, params: dict[str, Any]) -> str:
    shape = SESSION.get_service_model(service).operation_model(operation).input_shape
    try:
        report = ParamValidator().validate(params, shape)
    except RuntimeError:
        # botocore's own timestamp parser gives up on epoch values it cannot convert (e.g. 6.8e16 seconds:
        # "Unable to calculate correct timezone offset"), so boto3 raises RuntimeError before validating; there is
        # no report to compare with (pocketcloud reports the value as an invalid timestamp).
        reject()
    return str(report.generate_report()) if report.has_errors() else ""


def _ours(service: str, operation: str, params: dict[str, Any]) -> str:
    model = models.load(service)
    errors: list[str] = []
    Compiler(model).check(model.input_shape(operation) or "")(params, "", errors)
    return "\n".join(errors)


@pytest.fixture
def examples_from_this_test_alone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make a derandomized test's examples depend on the test alone, not on the tests that ran before it.

    Hypothesis mixes literal constants from the source of every non-test module already imported into its draws
    (``hypothesis.internal.conjecture.providers._get_local_constants``: a module-level pool that grows with
    ``sys.modules``, plus ``CONSTANTS_CACHE`` built from it). So ``derandomize=True`` alone is not enough: after
    ``pocketcloud.services.secretsmanager.schedule`` was imported by an earlier test, the month name ``"AUG"``
    from its source was drawn as a wrongly typed ``EndTime`` of CloudWatch's GetMetricData in a long run, and
    only there. (botocore accepts that string, reading it with dateutil as 1 August of this year; pocketcloud
    reads ISO 8601 and epoch strings only.) The pool is emptied for the test, and the cache both ways."""
    from hypothesis.internal.conjecture import providers

    empty = providers.Constants()
    monkeypatch.setattr(providers, "_get_local_constants", lambda: empty)
    providers.CONSTANTS_CACHE.cache.clear()
    yield
    providers.CONSTANTS_CACHE.cache.clear()
    assert len(empty) == 0, "the emptied pool of local constants was filled during the test"


@pytest.mark.usefixtures("examples_from_this_test_alone")
@pytest.mark.parametrize(("service", "operation"), implemented())
def test_request_checks_say_what_botocore_says(service: str, operation: str) -> None:
    """For random requests (well-typed, wrongly typed, unknown and missing members), pocketcloud's client-side
    report is botocore's report, line for line."""
    strategies = ShapeStrategies(models.load(service))
    if models.load(service).input_shape(operation) is None:
        return

    @settings(
        max_examples=60,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    @given(strategies.for_operation(operation))
    def check(params: dict[str, Any]) -> None:
        assert _ours(service, operation, params) == _theirs(service, operation, params)

    check()


def test_messages_in_botocores_words(lam) -> None:
    """Examples from botocore-models.md, as botocore prints them."""
    with pytest.raises(ParamValidationError) as exc:
        lam.get_function(FunctionName="x", Qualifier=[])
    assert str(exc.value) == (
        "Parameter validation failed:\n"
        "Invalid type for parameter Qualifier, value: [], type: <class 'list'>, valid types: <class 'str'>"
    )
    with pytest.raises(ParamValidationError) as exc:
        lam.get_function(FunctionName="", Foo=1)
    assert str(exc.value) == (
        "Parameter validation failed:\n"
        'Unknown parameter in input: "Foo", must be one of: FunctionName, Qualifier\n'
        "Invalid length for parameter FunctionName, value: 0, valid min length: 1"
    )


def test_constraint_violations_are_all_listed_in_model_order(lam) -> None:
    """AWS lists every violation, joined by "; ", in the order of the shape's members. (The model's own bounds
    for MemorySize and Timeout, 32,768 MB and 5,400 s, are wider than a standard function's 10,240 MB and 900 s,
    which Lambda checks afterwards; see test_lambda_api.) A list's member constraints are listed whole and end with
    "Member must not be null", as AWS answers ("[Member must satisfy enum value set: [x86_64, arm64], Member must not
    be null]" in moto's and LocalStack's AWS-validated tests test_create_function_error_bad_architecture)."""
    with pytest.raises(ClientError) as exc:
        make_function(lam, MemorySize=40_000, Architectures=["x86"], Timeout=6000)
    error = exc.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert error["Message"] == (
        "3 validation errors detected: "
        "Value '6000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 5400; "
        "Value '40000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to "
        "32768; "
        "Value '[x86]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must "
        "satisfy enum value set: [x86_64, arm64], Member must not be null]"
    )
    assert lam.list_functions()["Functions"] == []  # nothing was created


def test_java_value_formatting() -> None:
    assert java_string(["a", 1, True, None]) == "[a, 1, true, null]"
    assert java_string({"k": "v"}) == "{k=v}"


def test_idempotency_tokens_are_filled_in_as_botocore_fills_them(cloud) -> None:
    """botocore's ``generate_idempotent_uuid`` fills idempotency-token members the caller left out; pocketcloud
    fills them from the cloud's seeded source, so the same seed gives the same VersionId."""
    sm = cloud.client("secretsmanager")
    first = sm.create_secret(Name="a", SecretString="x")["VersionId"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first)
    again = pocketcloud.Cloud(seed=0).client("secretsmanager").create_secret(Name="a", SecretString="x")
    assert again["VersionId"] == first


def test_blobs_and_timestamps_are_normalised_as_botocore_serialises_them(cloud) -> None:
    sm = cloud.client("secretsmanager")
    sm.create_secret(Name="b", SecretBinary="text becomes bytes")
    assert sm.get_secret_value(SecretId="b")["SecretBinary"] == b"text becomes bytes"
    model = models.load("lambda")
    errors: list[str] = []
    check = Compiler(model).check("Timestamp") if "Timestamp" in model.shapes else None
    if check is not None and model.shape("Timestamp")["type"] == "timestamp":
        assert check(0, "T", errors) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def test_paginators_follow_botocores_models(lam) -> None:
    """``get_paginator`` works for every operation botocore has a paginator for."""
    for index in range(7):
        make_function(lam, f"f{index}")
    paginator = lam.get_paginator("list_functions")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["Functions"]) for p in pages] == [3, 3, 1]
    full = paginator.paginate(PaginationConfig={"MaxItems": 5, "PageSize": 2}).build_full_result()
    assert len(full["Functions"]) == 5
    rest = paginator.paginate(PaginationConfig={"StartingToken": full["NextToken"]}).build_full_result()
    assert [f["FunctionName"] for f in full["Functions"] + rest["Functions"]] == [f"f{i}" for i in range(7)]
    assert lam.can_paginate("list_functions") and not lam.can_paginate("invoke")
    with pytest.raises(Exception, match="cannot be paginated"):
        lam.get_paginator("invoke")


def test_wrong_types_never_reach_a_service(cloud) -> None:
    """A value of any wrong type is refused before the service runs (no TypeError from inside it)."""
    lam = cloud.client("lambda")
    for bad in (None, 1, 1.5, [], {}, b"x", object()):
        with pytest.raises(ParamValidationError):
            lam.get_function(FunctionName=bad)


@given(st.text(max_size=30))
@settings(max_examples=200, derandomize=True, deadline=None)
def test_patterns_translate_java_semantics(text: str) -> None:
    """Tag keys use Java's ``\\p{L}\\p{Z}\\p{N}``: letters, separators and numbers of any script."""
    model = models.load("lambda")
    pattern = model.pattern("TagKey")
    expected = all(ch.isalpha() or ch.isnumeric() or ch in "_.:/=+-@" or _is_separator(ch) for ch in text)
    assert (pattern.fullmatch(text) is not None) == expected


def _is_separator(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("Z")
