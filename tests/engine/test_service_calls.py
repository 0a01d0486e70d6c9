"""How one simulated service calls another: through the public operation, as an AWS service principal.

Sources: resource-based policies for Lambda ("Other AWS services ... need permission in the function's
resource-based policy to invoke it"; a statement's SourceArn/SourceAccount conditions):
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

from .conftest import make_function

BUCKET = "arn:aws:s3:::uploads"


def test_a_service_principal_needs_a_policy_statement(cloud, lam) -> None:
    make_function(lam)
    as_s3 = cloud.service_client("lambda", "s3.amazonaws.com", source_arn=BUCKET)
    with pytest.raises(pocketcloud.ClientError) as exc:
        as_s3.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")
    assert exc.value.response["Error"]["Code"] == "AccessDeniedException"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    lam.add_permission(
        FunctionName="hello",
        StatementId="s3",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn=BUCKET,
        SourceAccount=cloud.account_id,
    )
    assert as_s3.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")["StatusCode"] == 202
    other_bucket = cloud.service_client("lambda", "s3.amazonaws.com", source_arn="arn:aws:s3:::other")
    with pytest.raises(pocketcloud.ClientError):
        other_bucket.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")
    as_sns = cloud.service_client("lambda", "sns.amazonaws.com", source_arn=BUCKET)
    with pytest.raises(pocketcloud.ClientError):
        as_sns.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")


def test_the_account_itself_needs_no_statement(lam) -> None:
    make_function(lam)
    assert lam.invoke(FunctionName="hello")["StatusCode"] == 200


def test_invoke_and_then_answers_at_the_virtual_moment_the_invocation_ends(cloud, lam) -> None:
    """Inside the simulation a synchronous invoke cannot block: the caller gets the response when the
    invocation finishes on the virtual clock, with the same shape as ``invoke``'s."""
    make_function(lam, source="import time\ndef handler(event, context):\n    time.sleep(2)\n    return event\n")
    seen: list[tuple[float, Any]] = []

    def later() -> None:
        lam.invoke_and_then(
            lambda response: seen.append((cloud.now, json.load(response["Payload"]))),
            FunctionName="hello",
            Payload=b'{"n": 1}',
        )

    cloud.kernel.schedule(10, later)
    cloud.run()
    assert len(seen) == 1
    at, payload = seen[0]
    assert payload == {"n": 1}
    assert at > 12.0  # 10 s, then a cold start and the 2 s sleep


def test_invoke_and_then_raises_at_once_for_errors_known_at_once(cloud, lam) -> None:
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke_and_then(lambda response: None, FunctionName="missing")
