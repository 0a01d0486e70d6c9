"""Function configuration keys as AWS returns them: TracingConfig as set, and ListVersionsByFunction's ARNs.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/lambda/latest/api/API_TracingConfig.html (Mode: Active | PassThrough) and
  https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html (active tracing is a function setting)
- https://docs.aws.amazon.com/cli/latest/reference/lambda/list-versions-by-function.html (the example output lists
  ``"Version": "$LATEST"`` with ``"FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:my-function:$LATEST"``
  and each published version with its own qualified ARN)
"""

from __future__ import annotations

import pytest

from .conftest import make_function


def test_tracing_config_is_returned_as_set(lam) -> None:  # type: ignore[no-untyped-def]
    """CreateFunction and UpdateFunctionConfiguration keep TracingConfig.Mode; PassThrough is the default."""
    assert make_function(lam)["TracingConfig"] == {"Mode": "PassThrough"}
    assert make_function(lam, name="traced", TracingConfig={"Mode": "Active"})["TracingConfig"] == {"Mode": "Active"}
    assert lam.get_function_configuration(FunctionName="traced")["TracingConfig"] == {"Mode": "Active"}
    updated = lam.update_function_configuration(FunctionName="hello", TracingConfig={"Mode": "Active"})
    assert updated["TracingConfig"] == {"Mode": "Active"}
    # A changed tracing mode is a changed configuration: PublishVersion publishes a new version.
    assert lam.publish_version(FunctionName="hello")["TracingConfig"] == {"Mode": "Active"}
    lam.update_function_configuration(FunctionName="hello", TracingConfig={"Mode": "PassThrough"})
    assert lam.publish_version(FunctionName="hello")["Version"] == "2"


def test_a_bad_tracing_mode_is_refused_and_nothing_changes(lam) -> None:  # type: ignore[no-untyped-def]
    make_function(lam)
    with pytest.raises(lam.exceptions.ClientError) as exc:
        lam.update_function_configuration(FunctionName="hello", TracingConfig={"Mode": "On"})
    assert exc.value.response["Error"] == {
        "Code": "ValidationException",
        "Message": "1 validation error detected: Value 'On' at 'tracingConfig.mode' failed to satisfy constraint: "
        "Member must satisfy enum value set: [Active, PassThrough]",
    }
    assert lam.get_function_configuration(FunctionName="hello")["TracingConfig"] == {"Mode": "PassThrough"}


def test_list_versions_by_function_qualifies_latest(lam) -> None:  # type: ignore[no-untyped-def]
    """Every listed version has a qualified FunctionArn, ``$LATEST`` included; GetFunctionConfiguration and
    ListFunctions keep $LATEST's unqualified ARN."""
    arn = make_function(lam)["FunctionArn"]
    lam.publish_version(FunctionName="hello")
    listed = lam.list_versions_by_function(FunctionName="hello")["Versions"]
    assert [(v["Version"], v["FunctionArn"]) for v in listed] == [("$LATEST", f"{arn}:$LATEST"), ("1", f"{arn}:1")]
    assert lam.get_function_configuration(FunctionName="hello")["FunctionArn"] == arn
    assert lam.list_functions()["Functions"][0]["FunctionArn"] == arn
