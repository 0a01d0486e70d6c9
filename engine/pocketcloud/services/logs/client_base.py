"""What every part of the Logs client shares: the service name, the error code for constraint violations, the
cloud's one Logs state, and finding a log group by name or ARN."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ...client import BaseClient
from ...errors import ServiceError
from .backend import GROUP_NOT_FOUND, LogGroup, LogsBackend

_GROUP_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-zA-Z-]*):logs:(?P<region>[^:]+):(?P<account>\d{12}):log-group:(?P<name>[^:]+)(:\*)?$"
)


class LogsClientBase(BaseClient):
    service_name = "logs"
    #: CloudWatch Logs answers constraint violations with InvalidParameterException, e.g. "2 validation errors
    #: detected: Value '' at 'logGroupNamePrefix' failed to satisfy constraint: ..." (reported by users of the
    #: Ruby and JavaScript SDKs: fluent-plugin-cloudwatch-logs#223, winston-cloudwatch#55).
    validation_error_code = "InvalidParameterException"
    parameter_aliases: ClassVar[dict[str, dict[str, str]]] = {"CreateExportTask": {"fromTime": "from"}}

    @property
    def _backend(self) -> LogsBackend:
        backend: LogsBackend = self._cloud.backend("logs", LogsBackend)
        return backend

    def _group(self, params: dict[str, Any]) -> LogGroup:
        """The group named by exactly one of ``logGroupName`` and ``logGroupIdentifier`` (a name or an ARN)."""
        name = params.get("logGroupName")
        identifier = params.get("logGroupIdentifier")
        if (name is None) == (identifier is None):
            raise ServiceError(
                "InvalidParameterException", "You must include either logGroupIdentifier or logGroupName, but not both."
            )
        return self._backend.group(name if name is not None else self._resolve_identifier(identifier or ""))

    def _resolve_identifier(self, identifier: str) -> str:
        """A log group name from a name or an ARN of this account and region (other ARNs name no group here)."""
        match = _GROUP_ARN.match(identifier)
        if match is None:
            return identifier
        cloud = self._cloud
        if (match.group("partition"), match.group("region"), match.group("account")) != (
            cloud.partition,
            cloud.region,
            cloud.account_id,
        ):
            raise ServiceError("ResourceNotFoundException", GROUP_NOT_FOUND)
        return match.group("name")
