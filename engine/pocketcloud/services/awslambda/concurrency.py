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


def get_account_settings(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """The account's limits and usage in this Region (GetAccountSettings).

    ``ConcurrentExecutions`` is the account's concurrency quota (:attr:`.service.Settings.account_concurrency`,
    1,000 by default, Service Quotas code L-B99A9384); ``UnreservedConcurrentExecutions`` is what is left after
    reserved concurrency and the provisioned concurrency of functions without reserved concurrency. The code
    storage figures are the documented quotas: 75 GB of code storage, 50 MB zipped upload, 250 MB unzipped.
    ``TotalCodeSize`` in use counts every function version's package and every layer version's archive.
    https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html
    https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    """
    used = 0
    for function in service.functions.values():
        packages = {id(function.latest.code): len(function.latest.code.zip_bytes)}
        for version in function.versions.values():
            packages[id(version.code)] = len(version.code.zip_bytes)
        used += sum(packages.values())
    for layer in service.layers.values():
        used += sum(len(version.content.zip_bytes) for version in layer.versions.values())
    return {
        "AccountLimit": {
            "TotalCodeSize": limits.LAMBDA_TOTAL_CODE_STORAGE_BYTES,
            "CodeSizeUnzipped": limits.LAMBDA_UNZIPPED_MAX_BYTES,
            "CodeSizeZipped": limits.LAMBDA_ZIP_UPLOAD_MAX_BYTES,
            "ConcurrentExecutions": service.settings.account_concurrency,
            "UnreservedConcurrentExecutions": service.unreserved_pool,
        },
        "AccountUsage": {"TotalCodeSize": used, "FunctionCount": len(service.functions)},
    }


def put_function_concurrency(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    count = _check_count(params["ReservedConcurrentExecutions"], "reservedConcurrentExecutions", 0)
    # What stays unreserved is the account's concurrency minus every reservation and minus the provisioned
    # concurrency of the *other* functions without reserved concurrency (this function's own provisioned
    # concurrency moves inside its reservation): the same sum as UnreservedConcurrentExecutions, which must stay
    # at 100 or more ("You can reserve up to the Unreserved account concurrency value that is shown, minus 100").
    # https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
    provisioned_elsewhere = sum(
        config.requested
        for other in service.functions.values()
        if other is not function and other.reserved_concurrency is None
        for config in other.provisioned.values()
    )
    unreserved = (
        service.settings.account_concurrency - reserved_total(service, function) - count - provisioned_elsewhere
    )
    if unreserved < limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY:
        raise ServiceError(
            "InvalidParameterValueException",
            "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution "
            f"below its minimum value of [{limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY}].",
        )
    function.reserved_concurrency = count
    service.reserved[function.name] = function
    service.recount()
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
    service.recount()
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


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
    if service.resolve(function.name, qualifier).version.snap_start == "PublishedVersions":
        # "SnapStart does not support provisioned concurrency" (snapstart.html); the message is pocketcloud's.
        raise ServiceError(
            "InvalidParameterValueException",
            "Provisioned Concurrency cannot be configured for a function version with SnapStart enabled.",
        )
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
        unreserved = service.settings.account_concurrency - reserved_total(service) - others - count
        if unreserved < limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY:
            raise ServiceError(
                "InvalidParameterValueException",
                "Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution "
                f"below its minimum value of [{limits.LAMBDA_MIN_UNRESERVED_CONCURRENCY}].",
            )
    config = ProvisionedConfig(qualifier=qualifier, requested=count, last_modified=last_modified(service.cloud.now))
    function.provisioned[qualifier] = config
    service.recount()
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
    service.recount()
    idle = function.idle_provisioned.pop(qualifier, [])
    for env in [e for e in function.environments if e.provisioned_for == qualifier]:
        env.provisioned_for = None  # becomes an ordinary environment, reclaimed when idle
        if env in idle:
            function.idle.setdefault(id(env.version), []).append(env)
        env.schedule_reclaim(service.settings)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def list_provisioned_concurrency_configs(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Every provisioned concurrency configuration of one function (its versions and aliases), each with the
    qualified ``FunctionArn`` it applies to, in the order they were configured (a pocketcloud choice; AWS
    documents no order), paged by ``Marker``/``MaxItems`` (at most 50).
    https://docs.aws.amazon.com/lambda/latest/api/API_ListProvisionedConcurrencyConfigs.html
    """
    from .functions import paged

    function, _ = service.function(params["FunctionName"])

    def entry(qualifier: str) -> dict[str, Any]:
        return {"FunctionArn": service.arn(function.name, qualifier), **_describe(function.provisioned[qualifier])}

    return paged("ProvisionedConcurrencyConfigs", list(function.provisioned), params, entry)
