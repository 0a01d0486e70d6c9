"""Lambda's control plane: CreateFunction, GetFunction, ListFunctions, DeleteFunction, with AWS's errors.

Sources: https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html,
https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (checked 2026-11-25).
"""

from __future__ import annotations

import base64
import hashlib

import pytest

import pocketcloud
from pocketcloud import ClientError, ParamValidationError

from .conftest import ROLE, make_function


def test_create_function_returns_its_configuration(lam) -> None:
    config = make_function(lam, Description="first")
    assert config["FunctionName"] == "hello"
    assert config["FunctionArn"] == "arn:aws:lambda:ap-northeast-2:123456789012:function:hello"
    assert config["Runtime"] == "python3.13"
    assert config["Handler"] == "app.handler"
    assert config["Version"] == "$LATEST"
    assert config["State"] == "Active"
    assert config["ResponseMetadata"]["HTTPStatusCode"] == 201


def test_defaults_are_128_mb_and_3_seconds(lam) -> None:
    """CreateFunction: "The default is 128 MB" and "The default is 3 seconds"."""
    config = make_function(lam)
    assert config["MemorySize"] == 128
    assert config["Timeout"] == 3


def test_code_sha256_is_the_base64_sha256_of_the_zip(lam) -> None:
    code = pocketcloud.zip_code({"app.py": "def handler(e, c):\n    return 1\n"})
    config = lam.create_function(
        FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler", Code={"ZipFile": code}
    )
    assert config["CodeSha256"] == base64.b64encode(hashlib.sha256(code).digest()).decode()
    assert config["CodeSize"] == len(code)


def test_zip_code_is_reproducible() -> None:
    files = {"app.py": "x = 1\n", "lib/util.py": b"y = 2\n"}
    assert pocketcloud.zip_code(files) == pocketcloud.zip_code(dict(reversed(list(files.items()))))


def test_get_and_list_and_delete(lam) -> None:
    make_function(lam, "a")
    make_function(lam, "b", Environment={"Variables": {"STAGE": "dev"}})
    got = lam.get_function(FunctionName="b")
    assert got["Configuration"]["Environment"] == {"Variables": {"STAGE": "dev"}}
    assert got["Code"]["RepositoryType"] == "S3"
    assert lam.get_function_configuration(FunctionName="a")["FunctionName"] == "a"
    assert [f["FunctionName"] for f in lam.list_functions()["Functions"]] == ["a", "b"]
    assert lam.delete_function(FunctionName="a")["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert [f["FunctionName"] for f in lam.list_functions()["Functions"]] == ["b"]


def test_list_functions_pages_with_marker(lam) -> None:
    for i in range(5):
        make_function(lam, f"f{i}")
    first = lam.list_functions(MaxItems=2)
    assert [f["FunctionName"] for f in first["Functions"]] == ["f0", "f1"]
    second = lam.list_functions(MaxItems=2, Marker=first["NextMarker"])
    assert [f["FunctionName"] for f in second["Functions"]] == ["f2", "f3"]
    last = lam.list_functions(MaxItems=2, Marker=second["NextMarker"])
    assert [f["FunctionName"] for f in last["Functions"]] == ["f4"]
    assert "NextMarker" not in last


def test_function_can_be_found_by_name_full_arn_or_partial_arn(lam) -> None:
    make_function(lam)
    for ref in (
        "hello",
        "arn:aws:lambda:ap-northeast-2:123456789012:function:hello",
        "123456789012:function:hello",
        "hello:$LATEST",
    ):
        assert lam.get_function(FunctionName=ref)["Configuration"]["FunctionName"] == "hello"


def _error(exc_info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = exc_info.value.response["Error"]
    return error["Code"], error["Message"]


def test_missing_function_is_resource_not_found(lam) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as exc:
        lam.get_function(FunctionName="nope")
    assert _error(exc) == (
        "ResourceNotFoundException",
        "Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:nope",
    )
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert "when calling the GetFunction operation" in str(exc.value)
    # The modeled exception is also a plain ClientError, as in botocore.
    assert isinstance(exc.value, ClientError)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke(FunctionName="nope")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.delete_function(FunctionName="nope")


def test_creating_a_function_twice_is_a_conflict(lam) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.ResourceConflictException) as exc:
        make_function(lam)
    assert _error(exc) == ("ResourceConflictException", "Function already exist: hello")


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("MemorySize", 10_241, "Member must have value less than or equal to 10240"),
        ("Timeout", 901, "Member must have value less than or equal to 900"),
    ],
)
def test_memory_and_timeout_maximums_are_refused_by_lambda(lam, field: str, value: int, constraint: str) -> None:
    """Memory up to 10,240 MB, timeout up to 900 s (gettingstarted-limits). botocore does not check ``max``, so
    the request reaches Lambda, which answers ValidationException. Lambda's model has no ValidationException
    error shape, so boto3 raises a plain ClientError with that code (and so does pocketcloud)."""
    assert not hasattr(lam.exceptions, "ValidationException")
    with pytest.raises(ClientError) as exc:
        make_function(lam, **{field: value})
    code, message = _error(exc)
    assert code == "ValidationException"
    assert message.startswith("1 validation error detected: Value '")
    assert message.endswith(constraint)


@pytest.mark.parametrize(("field", "value", "minimum"), [("MemorySize", 64, 128), ("Timeout", 0, 1)])
def test_memory_and_timeout_minimums_are_refused_before_sending(lam, field: str, value: int, minimum: int) -> None:
    """botocore checks ``min`` itself (botocore/validate.py ``range_check``): the request never leaves."""
    with pytest.raises(ParamValidationError) as exc:
        make_function(lam, **{field: value})
    assert str(exc.value) == (
        f"Parameter validation failed:\nInvalid value for parameter {field}, value: {value}, valid min value: {minimum}"
    )


def test_limits_at_the_edges_are_accepted(lam) -> None:
    make_function(lam, "small", MemorySize=128, Timeout=1)
    make_function(lam, "large", MemorySize=10_240, Timeout=900)


def test_bad_handler_role_runtime_and_zip(lam) -> None:
    with pytest.raises(ClientError) as exc:
        make_function(lam, Handler="app handler")
    assert _error(exc) == (
        "ValidationException",
        "1 validation error detected: Value 'app handler' at 'handler' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: [^\\s]+",
    )
    with pytest.raises(ClientError) as exc:
        make_function(lam, Role="not-a-role")
    assert _error(exc)[0] == "ValidationException"
    assert "at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern" in _error(exc)[1]
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        make_function(lam, Runtime="python2.7")
    assert "is no longer supported" in _error(exc)[1]
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        make_function(lam, Code={"ZipFile": b"not a zip"})
    assert _error(exc)[1] == "Could not unzip uploaded file. Please check your file, then try to upload again."
    with pytest.raises(ClientError) as exc:
        make_function(lam, "bad name!")
    assert _error(exc)[0] == "ValidationException"
    assert "Value 'bad name!' at 'functionName' failed to satisfy constraint" in _error(exc)[1]


def test_reserved_environment_keys_are_rejected(lam) -> None:
    """Reserved keys can't be set (configuration-envvars, "Defined runtime environment variables")."""
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        make_function(lam, Environment={"Variables": {"AWS_REGION": "us-east-1"}})
    assert "Reserved keys used in this request: AWS_REGION" in _error(exc)[1]


def test_environment_over_4_kb_is_rejected(lam) -> None:
    """4 KB for all environment variables in aggregate (gettingstarted-limits)."""
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        make_function(lam, Environment={"Variables": {"BIG": "x" * 4096}})
    assert "exceeded the 4KB limit" in _error(exc)[1]


def test_parameter_shape_errors_are_caught_before_sending(lam) -> None:
    with pytest.raises(ParamValidationError, match='Missing required parameter in input: "Role"'):
        lam.create_function(FunctionName="x", Code={"ZipFile": b""})
    with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Memory"'):
        make_function(lam, Memory=256)
    with pytest.raises(TypeError, match="only accepts keyword arguments"):
        lam.get_function("hello")


def test_unknown_service_is_refused() -> None:
    with pytest.raises(pocketcloud.UnknownServiceError, match="Unknown service: 'ec2'"):
        pocketcloud.Cloud().client("ec2")
