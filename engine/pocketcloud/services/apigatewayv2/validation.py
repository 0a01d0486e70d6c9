"""Front-end checks of the API Gateway V2 API that come before the generic constraint checks.

Two constraints have messages of their own that users meet often: an unknown ``ProtocolType`` ("Invalid protocol
specified. Must be one of [HTTP, WEBSOCKET]", as moto quotes it) and a ``TimeoutInMillis`` above 30,000 ("Timeout
should be between 50 ms and 30000 ms", as CDK users quote AWS). Every other ``max``/``pattern``/``enum`` violation is
a BadRequestException in the usual "N validation errors detected" form (a pocketcloud model: AWS's wording for
these was not found).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...client import OperationSpec
from ...constraints import message
from ...errors import ParamValidationError, ServiceError
from .errors import bad_request
from .integrations import check_timeout

if TYPE_CHECKING:
    from ...client import BaseClient


class HttpOperationSpec(OperationSpec):
    """OperationSpec that runs the API's own checks (above) before the generic ones."""

    __slots__ = ()

    def prepare(self, client: BaseClient, params: dict[str, Any]) -> dict[str, Any]:
        if self.check is None:
            return {}
        errors: list[str] = []
        params = self.check(params, "", errors)
        if errors:
            raise ParamValidationError("\n".join(errors))
        protocol = params.get("ProtocolType")
        if protocol is not None and protocol not in ("HTTP", "WEBSOCKET"):
            raise bad_request("Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]")
        if "TimeoutInMillis" in params:
            check_timeout(params["TimeoutInMillis"])
        if self.constrain is not None:
            self.constrain(params, "", errors)
            if errors:
                text = message(errors)
                raise ServiceError(self.error_code, text, Message=text)
        return params
