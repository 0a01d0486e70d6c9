"""The simulated services, by the name ``cloud.client(name)`` takes (boto3's service names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .apigateway.client import ApiGatewayClient
from .apigatewayv2.client import ApiGatewayV2Client
from .applicationautoscaling.client import ApplicationAutoScalingClient
from .awslambda.client import LambdaClient
from .cloudwatch.client import CloudWatchClient
from .dynamodb.client import DynamoDBClient
from .dynamodbstreams.client import DynamoDBStreamsClient
from .ecs.client import EcsClient
from .elasticache.client import ElastiCacheClient
from .elbv2.client import Elbv2Client
from .events.client import EventsClient
from .kinesis.client import KinesisClient
from .logs.client import LogsClient
from .rds.client import RdsClient
from .s3.client import S3Client
from .secretsmanager.client import SecretsManagerClient
from .ses.client import SesClient
from .sns.client import SnsClient
from .sqs.client import SqsClient
from .stepfunctions.client import StepFunctionsClient

if TYPE_CHECKING:
    from ..client import BaseClient

CLIENTS: dict[str, type[BaseClient]] = {
    "apigateway": ApiGatewayClient,
    "apigatewayv2": ApiGatewayV2Client,
    "application-autoscaling": ApplicationAutoScalingClient,
    "cloudwatch": CloudWatchClient,
    "dynamodb": DynamoDBClient,
    "dynamodbstreams": DynamoDBStreamsClient,
    "ecs": EcsClient,
    "elasticache": ElastiCacheClient,
    "elbv2": Elbv2Client,
    "events": EventsClient,
    "kinesis": KinesisClient,
    "lambda": LambdaClient,
    "logs": LogsClient,
    "rds": RdsClient,
    "s3": S3Client,
    "secretsmanager": SecretsManagerClient,
    "ses": SesClient,
    "sns": SnsClient,
    "sqs": SqsClient,
    "stepfunctions": StepFunctionsClient,
}
