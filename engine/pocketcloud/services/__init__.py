"""The simulated services, by the name ``cloud.client(name)`` takes (boto3's service names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .awslambda.client import LambdaClient
from .dynamodb.client import DynamoDBClient
from .dynamodbstreams.client import DynamoDBStreamsClient
from .logs.client import LogsClient
from .secretsmanager.client import SecretsManagerClient

if TYPE_CHECKING:
    from ..client import BaseClient

CLIENTS: dict[str, type[BaseClient]] = {
    "dynamodb": DynamoDBClient,
    "dynamodbstreams": DynamoDBStreamsClient,
    "lambda": LambdaClient,
    "logs": LogsClient,
    "secretsmanager": SecretsManagerClient,
}
