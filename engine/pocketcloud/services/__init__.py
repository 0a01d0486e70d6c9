"""The simulated services, by the name ``cloud.client(name)`` takes (boto3's service names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .awslambda.client import LambdaClient
from .dynamodb.client import DynamoDBClient
from .dynamodbstreams.client import DynamoDBStreamsClient
from .kinesis.client import KinesisClient
from .logs.client import LogsClient
from .s3.client import S3Client
from .secretsmanager.client import SecretsManagerClient
from .sns.client import SnsClient
from .sqs.client import SqsClient
from .stepfunctions.client import StepFunctionsClient

if TYPE_CHECKING:
    from ..client import BaseClient

CLIENTS: dict[str, type[BaseClient]] = {
    "dynamodb": DynamoDBClient,
    "dynamodbstreams": DynamoDBStreamsClient,
    "kinesis": KinesisClient,
    "lambda": LambdaClient,
    "logs": LogsClient,
    "s3": S3Client,
    "secretsmanager": SecretsManagerClient,
    "sns": SnsClient,
    "sqs": SqsClient,
    "stepfunctions": StepFunctionsClient,
}
