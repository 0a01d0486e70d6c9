"""Asynchronous invocation settings per function, version or alias: retries, event age and destinations.

PutFunctionEventInvokeConfig "configures options for asynchronous invocation on a function, version, or alias. If
a configuration already exists ..., this operation overwrites it. If you exclude any settings, they are removed";
UpdateFunctionEventInvokeConfig changes only the settings it names. MaximumRetryAttempts is 0-2 and
MaximumEventAgeInSeconds 60-21,600 (checked from the model: botocore's minimum, the service's maximum). Without a
configuration Lambda retries twice and keeps events up to six hours.
https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html

A configuration belongs to a qualifier: ``$LATEST`` when the request names none (its FunctionArn then ends in
``:$LATEST``, as in the CLI example of the guide), a version number, or an alias. An async invocation uses the
configuration of exactly what it invoked (an alias's own, not its version's). Messages are AWS's, as LocalStack
recorded them against AWS: "You must specify at least one of error handling or destination setting.", "The
function doesn't exist." and "The function <arn> doesn't have an EventInvokeConfig".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import to_datetime
from .arns import parse_function_ref
from .destinations import check_async_destinations
from .functions import paginate

if TYPE_CHECKING:
    from .models import Function
    from .service import LambdaService, Target

_SETTINGS = ("MaximumRetryAttempts", "MaximumEventAgeInSeconds", "DestinationConfig")


@dataclass
class EventInvokeConfig:
    """One qualifier's async settings; None means "not set" (the default applies)."""

    qualifier: str
    last_modified: float
    maximum_retry_attempts: int | None = None
    maximum_event_age_s: int | None = None
    destinations: dict[str, Any] = field(default_factory=lambda: {"OnSuccess": {}, "OnFailure": {}})

    @property
    def retries(self) -> int:
        if self.maximum_retry_attempts is None:
            return len(limits.LAMBDA_ASYNC_RETRY_DELAYS_S)
        return self.maximum_retry_attempts

    @property
    def max_age_s(self) -> int:
        return self.maximum_event_age_s if self.maximum_event_age_s is not None else limits.LAMBDA_ASYNC_MAX_EVENT_AGE_S

    @property
    def on_success(self) -> str | None:
        value = self.destinations.get("OnSuccess", {}).get("Destination")
        return str(value) if value else None

    @property
    def on_failure(self) -> str | None:
        value = self.destinations.get("OnFailure", {}).get("Destination")
        return str(value) if value else None


#: What an async event gets when nothing is configured for what it invoked.
DEFAULT = EventInvokeConfig(qualifier="$LATEST", last_modified=0.0)


def config_for(target: Target) -> EventInvokeConfig:
    """The settings an async invocation of ``target`` runs with."""
    found: EventInvokeConfig | None = target.function.event_invoke_configs.get(target.qualifier)
    return found if found is not None else DEFAULT


def _target(service: LambdaService, params: dict[str, Any]) -> tuple[Function, str]:
    """The function and qualifier a request names; "The function doesn't exist." for an unknown one."""
    try:
        target = service.resolve(params["FunctionName"], params.get("Qualifier"))
    except ServiceError as error:
        if error.code == "ResourceNotFoundException":
            raise ServiceError("ResourceNotFoundException", "The function doesn't exist.", 404) from None
        raise
    return target.function, target.qualifier


def _describe(service: LambdaService, function: Function, config: EventInvokeConfig) -> dict[str, Any]:
    result: dict[str, Any] = {
        "LastModified": _timestamp(config.last_modified),
        "FunctionArn": service.arn(function.name, config.qualifier),
    }
    if config.maximum_retry_attempts is not None:
        result["MaximumRetryAttempts"] = config.maximum_retry_attempts
    if config.maximum_event_age_s is not None:
        result["MaximumEventAgeInSeconds"] = config.maximum_event_age_s
    result["DestinationConfig"] = {key: dict(value) for key, value in config.destinations.items()}
    return result


def _timestamp(t: float) -> datetime:
    return to_datetime(round(t, 3))


def _require_a_setting(params: dict[str, Any]) -> None:
    if not any(params.get(name) is not None for name in _SETTINGS):
        raise ServiceError(
            "InvalidParameterValueException", "You must specify at least one of error handling or destination setting."
        )


def put_function_event_invoke_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Create or replace a qualifier's settings (settings left out are removed)."""
    _require_a_setting(params)
    function, qualifier = _target(service, params)
    destinations = check_async_destinations(service, function.name, params.get("DestinationConfig") or {})
    config = EventInvokeConfig(
        qualifier=qualifier,
        last_modified=service.cloud.now,
        maximum_retry_attempts=params.get("MaximumRetryAttempts"),
        maximum_event_age_s=params.get("MaximumEventAgeInSeconds"),
        destinations=destinations,
    )
    function.event_invoke_configs[qualifier] = config
    return _describe(service, function, config)


def _missing(service: LambdaService, function: Function, qualifier: str) -> ServiceError:
    arn = service.arn(function.name, qualifier)
    return ServiceError("ResourceNotFoundException", f"The function {arn} doesn't have an EventInvokeConfig", 404)


def update_function_event_invoke_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Change only the settings the request names."""
    _require_a_setting(params)
    function, qualifier = _target(service, params)
    config: EventInvokeConfig | None = function.event_invoke_configs.get(qualifier)
    if config is None:
        raise _missing(service, function, qualifier)
    destinations = config.destinations
    if params.get("DestinationConfig") is not None:
        merged = {key: dict(value) for key, value in destinations.items()}
        for key in ("OnSuccess", "OnFailure"):
            if key in params["DestinationConfig"]:
                merged[key] = dict(params["DestinationConfig"][key] or {})
        destinations = check_async_destinations(service, function.name, merged)
    updated = EventInvokeConfig(
        qualifier=qualifier,
        last_modified=service.cloud.now,
        maximum_retry_attempts=params.get("MaximumRetryAttempts", config.maximum_retry_attempts),
        maximum_event_age_s=params.get("MaximumEventAgeInSeconds", config.maximum_event_age_s),
        destinations=destinations,
    )
    function.event_invoke_configs[qualifier] = updated
    return _describe(service, function, updated)


def _lookup(service: LambdaService, params: dict[str, Any]) -> tuple[Function, str]:
    """The configuration's function and qualifier. Get and Delete report an unknown function the way they report
    a missing configuration ("The function <arn> doesn't have an EventInvokeConfig")."""
    name, ref_qualifier = parse_function_ref(params["FunctionName"], service.cloud.region, service.cloud.account_id)
    qualifier = str(params.get("Qualifier") or ref_qualifier or "$LATEST")
    function = service.functions.get(name)
    if function is None:
        arn = service.arn(name, qualifier)
        raise ServiceError("ResourceNotFoundException", f"The function {arn} doesn't have an EventInvokeConfig", 404)
    return function, qualifier


def get_function_event_invoke_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _lookup(service, params)
    config: EventInvokeConfig | None = function.event_invoke_configs.get(qualifier)
    if config is None:
        raise _missing(service, function, qualifier)
    return _describe(service, function, config)


def delete_function_event_invoke_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _lookup(service, params)
    if function.event_invoke_configs.pop(qualifier, None) is None:
        raise _missing(service, function, qualifier)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def list_function_event_invoke_configs(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Every qualifier's settings, in the order they were first put (MaxItems 1-50, Marker paging)."""
    function, _ = service.function(params["FunctionName"])
    configs = list(function.event_invoke_configs.values())
    page, marker = paginate(configs, params, default_max=limits.LAMBDA_EVENT_INVOKE_CONFIG_LIST_MAX)
    result: dict[str, Any] = {"FunctionEventInvokeConfigs": [_describe(service, function, c) for c in page]}
    if marker:
        result["NextMarker"] = marker
    return result
