"""The simulated services, by the name ``cloud.client(name)`` takes (boto3's service names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .awslambda.client import LambdaClient
from .logs.client import LogsClient
from .secretsmanager.client import SecretsManagerClient
from .stepfunctions.client import StepFunctionsClient

if TYPE_CHECKING:
    from ..client import BaseClient

CLIENTS: dict[str, type[BaseClient]] = {
    "lambda": LambdaClient,
    "logs": LogsClient,
    "secretsmanager": SecretsManagerClient,
    "stepfunctions": StepFunctionsClient,
}
