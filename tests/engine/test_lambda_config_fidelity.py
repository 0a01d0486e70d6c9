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


def test_create_function_with_publish_answers_version_1_under_the_unqualified_arn(lam) -> None:  # type: ignore[no-untyped-def]
    """CreateFunction with ``Publish=True`` describes version 1 (``"Version": "1"``) with the function's unqualified
    ARN, as AWS answers: LocalStack's provider, validated against AWS with snapshot tests, returns the published
    version with ``return_qualified_arn=False`` (localstack-core/localstack/services/lambda_/provider.py,
    ``create_function``), and moto's tests (tests/test_awslambda/test_lambda.py ``test_get_function_by_arn``,
    ``test_tags``) then use that ARN with ``Qualifier="1"`` and for tagging, which only an unqualified ARN allows."""
    created = make_function(lam, Publish=True)
    assert created["Version"] == "1"
    assert created["FunctionArn"] == lam.get_function_configuration(FunctionName="hello")["FunctionArn"]
    assert not created["FunctionArn"].endswith(":1")
    version = lam.get_function(FunctionName=created["FunctionArn"], Qualifier="1")["Configuration"]
    assert version["FunctionArn"] == created["FunctionArn"] + ":1"
    lam.tag_resource(Resource=created["FunctionArn"], Tags={"team": "a"})
    assert lam.list_tags(Resource=created["FunctionArn"])["Tags"] == {"team": "a"}
