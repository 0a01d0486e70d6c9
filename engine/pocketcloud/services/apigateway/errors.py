"""API Gateway's error answers for the REST API control plane, in AWS's words.

The messages below were recorded against AWS by LocalStack's snapshot tests
(``tests/aws/services/apigateway/test_apigateway_api.snapshot.json``) or quoted from real API errors in
CloudFormation, Terraform and AWS CLI output; each use cites its source. The error body carries the text both as
``Error.Message`` and as a top-level ``message``, as boto3 parses API Gateway's error shapes.
"""

from __future__ import annotations

from ...errors import ServiceError


def _error(code: str, message: str, status: int) -> ServiceError:
    error = ServiceError(code, message, status)
    error.extra["message"] = message
    return error


def bad_request(message: str) -> ServiceError:
    return _error("BadRequestException", message, 400)


def not_found(message: str) -> ServiceError:
    return _error("NotFoundException", message, 404)


def conflict(message: str) -> ServiceError:
    return _error("ConflictException", message, 409)


def api_not_found(account_id: str, api_id: str) -> ServiceError:
    """``Invalid API identifier specified 111111111111:api_id`` (account and ID, as AWS prints them)."""
    return not_found(f"Invalid API identifier specified {account_id}:{api_id}")


RESOURCE_NOT_FOUND = "Invalid Resource identifier specified"
METHOD_NOT_FOUND = "Invalid Method identifier specified"
INTEGRATION_NOT_FOUND = "Invalid Integration identifier specified"
DEPLOYMENT_NOT_FOUND = "Invalid Deployment identifier specified"
STAGE_NOT_FOUND = "Invalid stage identifier specified"
