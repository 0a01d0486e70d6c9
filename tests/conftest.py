"""Shared fixtures. Engine tests need nothing but the package; site and browser tests build what they need.

Every response any client returns during the test run (engine tests and the docs examples alike) is checked
against its operation's output shape in botocore's model, so that a learner's code reading it moves to boto3
unchanged: a member boto3 would not return, or a value of the wrong type, fails the test that produced it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pocketcloud import client
from pocketcloud.models import ServiceModel
from pocketcloud.shapecheck import output_problems


class ResponseShapeError(AssertionError):
    """A response that boto3 could not have returned."""


def _check(model: ServiceModel, operation: str, response: dict[str, Any]) -> None:
    problems = output_problems(model, operation, response)
    if problems:
        raise ResponseShapeError(f"{model.name}.{operation} response does not fit its output shape: {problems}")


@pytest.fixture(autouse=True)
def _responses_fit_their_output_shapes() -> Iterator[None]:
    previous = client.RESPONSE_CHECK
    client.RESPONSE_CHECK = _check
    try:
        yield
    finally:
        client.RESPONSE_CHECK = previous
