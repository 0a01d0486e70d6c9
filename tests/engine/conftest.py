from __future__ import annotations

import pytest

import pocketcloud

ROLE = "arn:aws:iam::123456789012:role/lambda-role"


@pytest.fixture
def cloud() -> pocketcloud.Cloud:
    return pocketcloud.Cloud(seed=0)


@pytest.fixture
def lam(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    return cloud.client("lambda")


def make_function(lam, name: str = "hello", source: str | None = None, **overrides):  # type: ignore[no-untyped-def]
    """Create a function from one app.py source (defaults to an echo handler)."""
    source = source or "def handler(event, context):\n    return event\n"
    params = {
        "FunctionName": name,
        "Runtime": "python3.13",
        "Role": ROLE,
        "Handler": "app.handler",
        "Code": {"ZipFile": pocketcloud.zip_code({"app.py": source})},
    }
    params.update(overrides)
    return lam.create_function(**params)


@pytest.fixture
def ddb(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    return cloud.client("dynamodb")


@pytest.fixture
def streams(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    return cloud.client("dynamodbstreams")
