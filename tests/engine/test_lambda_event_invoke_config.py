"""PutFunctionEventInvokeConfig, Get, Update, Delete and List, with AWS's answers.

Sources:
* PUT = https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
* ASYNC = https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html (the CLI examples' output)
* REC = AWS's answers recorded in LocalStack's Lambda snapshot tests (messages quoted in its provider)
"""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import make_function

QUEUE = "arn:aws:sqs:ap-northeast-2:123456789012:destination"
FUNCTION = "arn:aws:lambda:ap-northeast-2:123456789012:function:hello"


def test_put_returns_the_configuration_as_the_guide_shows_it(lam) -> None:
    """ASYNC: put-function-event-invoke-config with a maximum event age of one hour and no retries returns
    LastModified, the FunctionArn of $LATEST, both settings and DestinationConfig with empty OnSuccess/OnFailure."""
    make_function(lam)
    result = lam.put_function_event_invoke_config(
        FunctionName="hello", MaximumEventAgeInSeconds=3600, MaximumRetryAttempts=0
    )
    assert isinstance(result["LastModified"], dt.datetime)
    assert result["FunctionArn"] == FUNCTION + ":$LATEST"
    assert (result["MaximumRetryAttempts"], result["MaximumEventAgeInSeconds"]) == (0, 3600)
    assert result["DestinationConfig"] == {"OnSuccess": {}, "OnFailure": {}}


def test_update_changes_only_what_it_names_and_put_overwrites(lam) -> None:
    """PUT: "If a configuration already exists ..., this operation overwrites it. If you exclude any settings,
    they are removed. To set one option without affecting existing settings for other options, use
    UpdateFunctionEventInvokeConfig." (the guide's update example keeps retries and age, adds OnFailure)."""
    make_function(lam)
    lam.put_function_event_invoke_config(FunctionName="hello", MaximumEventAgeInSeconds=3600, MaximumRetryAttempts=0)
    updated = lam.update_function_event_invoke_config(
        FunctionName="hello", DestinationConfig={"OnFailure": {"Destination": QUEUE}}
    )
    assert (updated["MaximumRetryAttempts"], updated["MaximumEventAgeInSeconds"]) == (0, 3600)
    assert updated["DestinationConfig"] == {"OnSuccess": {}, "OnFailure": {"Destination": QUEUE}}
    replaced = lam.put_function_event_invoke_config(FunctionName="hello", MaximumRetryAttempts=1)
    assert "MaximumEventAgeInSeconds" not in replaced
    assert replaced["DestinationConfig"] == {"OnSuccess": {}, "OnFailure": {}}
    assert lam.get_function_event_invoke_config(FunctionName="hello")["MaximumRetryAttempts"] == 1


def test_ranges_come_from_the_model(lam) -> None:
    """PUT: MaximumRetryAttempts "Valid Range: Minimum value of 0. Maximum value of 2"; MaximumEventAgeInSeconds
    "Minimum value of 60. Maximum value of 21600" (the service answers ValidationException for the maximum)."""
    make_function(lam)
    with pytest.raises(lam.exceptions.ClientError, match="maximumRetryAttempts"):
        lam.put_function_event_invoke_config(FunctionName="hello", MaximumRetryAttempts=3)
    with pytest.raises(lam.exceptions.ClientError, match="maximumEventAgeInSeconds"):
        lam.put_function_event_invoke_config(FunctionName="hello", MaximumEventAgeInSeconds=21601)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_function_event_invoke_config(FunctionName="hello")


def test_a_request_needs_a_setting(lam) -> None:
    """REC: "You must specify at least one of error handling or destination setting." """
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as error:
        lam.put_function_event_invoke_config(FunctionName="hello")
    assert error.value.response["Error"]["Message"] == (
        "You must specify at least one of error handling or destination setting."
    )


def test_missing_configurations_and_functions(lam) -> None:
    """REC: Get/Delete of a missing configuration: "The function <qualified ARN> doesn't have an
    EventInvokeConfig"; Put for a function that does not exist: "The function doesn't exist." """
    make_function(lam)
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as error:
        lam.get_function_event_invoke_config(FunctionName="hello")
    assert (
        error.value.response["Error"]["Message"] == f"The function {FUNCTION}:$LATEST doesn't have an EventInvokeConfig"
    )
    with pytest.raises(lam.exceptions.ResourceNotFoundException, match="doesn't have an EventInvokeConfig"):
        lam.delete_function_event_invoke_config(FunctionName="nothing")
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as error:
        lam.put_function_event_invoke_config(FunctionName="nothing", MaximumRetryAttempts=1)
    assert error.value.response["Error"]["Message"] == "The function doesn't exist."
    with pytest.raises(lam.exceptions.ResourceNotFoundException, match="doesn't have an EventInvokeConfig"):
        lam.update_function_event_invoke_config(FunctionName="hello", MaximumRetryAttempts=1)


def test_destinations_are_checked(lam) -> None:
    """REC: a function cannot be its own destination; a function destination must exist; only SQS, SNS, Lambda and
    EventBridge (and S3, on failure) can receive records."""
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidParameterValueException, match="destination for itself"):
        lam.put_function_event_invoke_config(
            FunctionName="hello", DestinationConfig={"OnFailure": {"Destination": FUNCTION}}
        )
    other = FUNCTION.replace("hello", "other")
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as error:
        lam.put_function_event_invoke_config(
            FunctionName="hello", DestinationConfig={"OnSuccess": {"Destination": other}}
        )
    assert error.value.response["Error"]["Message"] == f"The destination ARN {other} is invalid."
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as error:
        lam.put_function_event_invoke_config(
            FunctionName="hello", DestinationConfig={"OnSuccess": {"Destination": "arn:aws:s3:::bucket"}}
        )
    assert error.value.response["Error"]["Message"] == (
        "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::bucket), "
        "onFailure=null) is invalid."
    )
    assert lam.list_function_event_invoke_configs(FunctionName="hello")["FunctionEventInvokeConfigs"] == []


def test_configurations_per_qualifier_are_listed_and_deleted(lam) -> None:
    """A configuration per function, version or alias; ListFunctionEventInvokeConfigs pages them (MaxItems)."""
    make_function(lam)
    lam.publish_version(FunctionName="hello")
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    for qualifier in ("$LATEST", "1", "live"):
        lam.put_function_event_invoke_config(FunctionName="hello", Qualifier=qualifier, MaximumRetryAttempts=1)
    page = lam.list_function_event_invoke_configs(FunctionName="hello", MaxItems=2)
    assert [c["FunctionArn"] for c in page["FunctionEventInvokeConfigs"]] == [f"{FUNCTION}:$LATEST", f"{FUNCTION}:1"]
    rest = lam.list_function_event_invoke_configs(FunctionName="hello", Marker=page["NextMarker"])
    assert [c["FunctionArn"] for c in rest["FunctionEventInvokeConfigs"]] == [f"{FUNCTION}:live"]
    lam.delete_function_event_invoke_config(FunctionName="hello", Qualifier="1")
    listed = lam.list_function_event_invoke_configs(FunctionName="hello")["FunctionEventInvokeConfigs"]
    assert len(listed) == 2
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.put_function_event_invoke_config(FunctionName="hello", Qualifier="9", MaximumRetryAttempts=1)
