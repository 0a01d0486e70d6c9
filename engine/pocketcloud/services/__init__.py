"""The simulated services, by the name ``cloud.client(name)`` takes (boto3's service names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .apigateway.client import ApiGatewayClient
from .apigatewayv2.client import ApiGatewayV2Client
from .awslambda.client import LambdaClient
from .kinesis.client import KinesisClient
from .logs.client import LogsClient
from .secretsmanager.client import SecretsManagerClient
from .sns.client import SnsClient
from .sqs.client import SqsClient

if TYPE_CHECKING:
    from ..client import BaseClient

CLIENTS: dict[str, type[BaseClient]] = {
    "apigateway": ApiGatewayClient,
    "apigatewayv2": ApiGatewayV2Client,
    "kinesis": KinesisClient,
    "lambda": LambdaClient,
    "logs": LogsClient,
    "secretsmanager": SecretsManagerClient,
    "sns": SnsClient,
    "sqs": SqsClient,
}
