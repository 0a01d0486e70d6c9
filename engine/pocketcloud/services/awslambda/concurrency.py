"""Concurrency: how many invocations of a function may run at once, and environments kept ready in advance.

- *Reserved concurrency* caps a function (and sets that capacity aside for it); past the cap, Lambda throttles.
- *Provisioned concurrency* initialises environments for a version or alias before any request arrives, so
  those requests have no cold start.
https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import last_modified
from .models import Function, ProvisionedConfig

if TYPE_CHECKING:
    from .service import LambdaService


def _check_count(value: Any, field: str, minimum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must "
            f"have value greater than or equal to {minimum}",
        )
    return value


def reserved_total(service: LambdaService, excluding: Function | None = None) -> int:
    return sum(f.reserved_concurrency or 0 for f in service.reserved.values() if f is not excluding)


def put_function_concurrency(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    count = _check_count(params["ReservedConcurrentExecutions"], "reservedConcurrentExecutions", 0)
    unreserved = limits.LAMBDA_ACCOUNT_CONCURRENCY - reserved_total(service, function) - count
    if unreserved < limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY:
        raise ServiceError(
            "InvalidParameterValueException",
            "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution "
            f"below its minimum value of [{limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY}].",
        )
    function.reserved_concurrency = count
    service.reserved[function.name] = function
    return {"ReservedConcurrentExecutions": count}


def get_function_concurrency(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    if function.reserved_concurrency is None:
        return {}
    return {"ReservedConcurrentExecutions": function.reserved_concurrency}


def delete_function_concurrency(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    function.reserved_concurrency = None
    service.reserved.pop(function.name, None)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def throttle_reason(service: LambdaService, function: Function) -> str | None:
    """Why a new invocation of ``function`` would be throttled right now, or None if it may run."""
    if function.reserved_concurrency is not None:
        if function.in_flight >= function.reserved_concurrency:
            return "ReservedFunctionConcurrentInvocationLimitExceeded"
        return None
    if not service.reserved:
        if service.in_flight >= limits.LAMBDA_ACCOUNT_CONCURRENCY:
            return "ConcurrentInvocationLimitExceeded"
        return None
    unreserved_pool = limits.LAMBDA_ACCOUNT_CONCURRENCY - reserved_total(service)
    busy_unreserved = service.in_flight - sum(f.in_flight for f in service.reserved.values())
    if busy_unreserved >= unreserved_pool:
        return "ConcurrentInvocationLimitExceeded"
    return None


# -- provisioned concurrency ---------------------------------------------------------------------------------


def _provisioned_target(service: LambdaService, params: dict[str, Any]) -> tuple[Function, str]:
    function, _ = service.function(params["FunctionName"])
    qualifier = str(params["Qualifier"])
    if qualifier == "$LATEST":
        raise ServiceError(
            "InvalidParameterValueException",
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
        )
    service.resolve(function.name, qualifier)  # raises ResourceNotFoundException for unknown qualifiers
    return function, qualifier


def _describe(config: ProvisionedConfig) -> dict[str, Any]:
    result: dict[str, Any] = {
        "RequestedProvisionedConcurrentExecutions": config.requested,
        "AvailableProvisionedConcurrentExecutions": config.allocated,
        "AllocatedProvisionedConcurrentExecutions": config.allocated,
        "Status": config.status,
        "LastModified": config.last_modified,
    }
    if config.status_reason:
        result["StatusReason"] = config.status_reason
    return result


def put_provisioned_concurrency_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Start initialising environments now; the config is READY once all of them have finished Init."""
    from .invoke import provision_environments

    function, qualifier = _provisioned_target(service, params)
    count = _check_count(params["ProvisionedConcurrentExecutions"], "provisionedConcurrentExecutions", 1)
    if function.reserved_concurrency is not None and count > function.reserved_concurrency:
        raise ServiceError(
            "InvalidParameterValueException",
            f"Requested Provisioned Concurrency ({count}) should not be greater than the reservedConcurrentExecution "
            f"for function ({function.reserved_concurrency})",
        )
    if function.reserved_concurrency is None:
        # Provisioned concurrency of a function without reserved concurrency comes out of the unreserved pool,
        # which never goes below 100: "Specified ConcurrentExecutions for function decreases account's
        # UnreservedConcurrentExecution below its minimum value of [10]" (a real answer, in an account whose
        # limit was 10 lower; sst#5829). https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
        others = sum(
            config.requested
            for other in service.functions.values()
            if other.reserved_concurrency is None
            for q, config in other.provisioned.items()
            if not (other is function and q == qualifier)
        )
        unreserved = limits.LAMBDA_ACCOUNT_CONCURRENCY - reserved_total(service) - others - count
        if unreserved < limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY:
            raise ServiceError(
                "InvalidParameterValueException",
                "Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution "
                f"below its minimum value of [{limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY}].",
            )
    config = ProvisionedConfig(qualifier=qualifier, requested=count, last_modified=last_modified(service.cloud.now))
    function.provisioned[qualifier] = config
    provision_environments(service, function, service.resolve(function.name, qualifier), config)
    result = _describe(config)
    result["ResponseMetadata"] = {"HTTPStatusCode": 202}
    return result


def get_provisioned_concurrency_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _provisioned_target(service, params)
    config = function.provisioned.get(qualifier)
    if config is None:
        raise ServiceError(
            "ProvisionedConcurrencyConfigNotFoundException",
            f"No Provisioned Concurrency Config found for this function: {service.arn(function.name, qualifier)}",
            404,
        )
    return _describe(config)


def delete_provisioned_concurrency_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _provisioned_target(service, params)
    if function.provisioned.pop(qualifier, None) is None:
        raise ServiceError(
            "ResourceNotFoundException",
            f"No Provisioned Concurrency Config found for this function: {service.arn(function.name, qualifier)}",
            404,
        )
    for env in [e for e in function.environments if e.provisioned_for == qualifier]:
        env.provisioned_for = None  # becomes an ordinary environment, reclaimed when idle
        env.schedule_reclaim(service.settings)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
