"""``arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem``.

Parameters are the DynamoDB API's (``TableName``, ``Key``, ``Item`` in DynamoDB JSON ...); the result is the API
response with the Java SDK's metadata; errors are ``DynamoDB.<ErrorCode>`` (e.g.
``DynamoDB.ConditionalCheckFailedException``, ``DynamoDB.ResourceNotFoundException``) with cause
"<message> (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: <code>; Request ID: <id>; Proxy: null)",
recorded in LocalStack's AWS snapshots (error_handling/test_task_service_dynamodb.snapshot.json).
https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
"""

from __future__ import annotations

from typing import Any

from ....errors import ClientError
from ..errors import StatesError
from ..fibers import Step
from .base import TaskContext, java_v1_error
from .service_call import ServiceCall, client_or_fail, invoke, java_sdk_metadata, snake_case


def _error(err: ClientError) -> StatesError:
    return java_v1_error(err, "DynamoDB", "dynamodb", "AmazonDynamoDBException", "AmazonDynamoDBv2")


class DynamoDB(ServiceCall):
    def __init__(self, action: str) -> None:
        self.action = action
        self.method = snake_case(action)

    def request(self, ctx: TaskContext, params: Any) -> Step:
        ddb = client_or_fail(ctx, "dynamodb")
        response = invoke(getattr(ddb, self.method), dict(params or {}), _error)
        return {**response, **java_sdk_metadata(ctx.execution.new_uuid())}
        yield
