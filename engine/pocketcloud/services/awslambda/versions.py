"""Versions and aliases: freezing $LATEST into numbered, immutable versions, and naming them.

A published version is a snapshot of $LATEST's code *and* configuration, environment variables included, that
never changes. An alias points at a version and can send a share of traffic to a second one.
https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import last_modified
from .functions import check_revision, paged
from .models import Alias, Function, FunctionVersion

if TYPE_CHECKING:
    from .service import LambdaService, Target

_ALIAS_NAME = re.compile(r"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$")


def publish(service: LambdaService, function: Function, description: str) -> FunctionVersion:
    """Publish $LATEST as the next version, unless it is unchanged since the last one (then return that)."""
    last = function.versions.get(str(function.next_version - 1))
    if last is not None and last.same_as(function.latest):
        return last
    number = str(function.next_version)
    function.next_version += 1
    latest = function.latest
    version = latest.copy(
        version=number,
        arn=service.arn(function.name, number),
        description=description or latest.description,
        environment=dict(latest.environment),
        last_modified=last_modified(service.cloud.now),
        revision_id=service.cloud.new_request_id(),
    )
    function.versions[number] = version
    if version.snap_start == "PublishedVersions":
        # SnapStart: "Lambda initializes your function when you publish a function version" (snapstart.html).
        from .snapstart import take_snapshot

        version.snapshot = take_snapshot(service, function, version)
    return version


def publish_version(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    expected_sha = params.get("CodeSha256")
    if expected_sha is not None and expected_sha != function.latest.code.sha256:
        raise ServiceError(
            "InvalidParameterValueException",
            f"CodeSHA256 ({expected_sha}) is different from current CodeSHA256 in $LATEST "
            f"({function.latest.code.sha256}). Please try again with the CodeSHA256 in $LATEST.",
        )
    check_revision(params.get("RevisionId"), function.latest.revision_id)
    config = publish(service, function, str(params.get("Description", ""))).configuration()
    config["ResponseMetadata"] = {"HTTPStatusCode": 201}
    return config


def list_versions_by_function(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    versions = [function.latest, *(function.versions[n] for n in sorted(function.versions, key=int))]
    return paged("Versions", versions, params, _listed_version)


def _listed_version(version: FunctionVersion) -> dict[str, Any]:
    """A version as ListVersionsByFunction lists it: every entry's FunctionArn is qualified, ``$LATEST``'s too
    (``...:function:my-function:$LATEST``; the AWS CLI's list-versions-by-function example,
    https://docs.aws.amazon.com/cli/latest/reference/lambda/list-versions-by-function.html, checked 2026-12-01),
    where GetFunctionConfiguration and ListFunctions give $LATEST's unqualified ARN."""
    config = version.configuration()
    if version.version == "$LATEST":
        config["FunctionArn"] = f"{version.arn}:$LATEST"
    return config


def _check_weights(service: LambdaService, function: Function, primary: str, routing: Any) -> dict[str, float]:
    if routing is None:
        return {}
    weights = (routing or {}).get("AdditionalVersionWeights") or {}
    if not isinstance(weights, dict) or len(weights) > 1:
        raise ServiceError(
            "InvalidParameterValueException", "Number of items in AdditionalVersionWeights cannot be greater than 1"
        )
    checked: dict[str, float] = {}
    for version, weight in weights.items():
        if version == primary:
            raise ServiceError(
                "InvalidParameterValueException",
                f"Invalid function version {version}. Function version {version} is already included in routing "
                "configuration.",
            )
        if version == "$LATEST":
            raise ServiceError(
                "InvalidParameterValueException",
                "$LATEST is not supported for an alias pointing to more than 1 version",
            )
        service.version(function, version)
        if not isinstance(weight, (int, float)) or not 0.0 <= weight <= 1.0:
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{weight}' at 'routingConfig.additionalVersionWeights' failed to "
                "satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal "
                "to 1.0, Member must have value greater than or equal to 0.0]",
            )
        checked[str(version)] = float(weight)
    if checked and primary == "$LATEST":
        raise ServiceError(
            "InvalidParameterValueException", "$LATEST is not supported for an alias pointing to more than 1 version"
        )
    return checked


def create_alias(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    name = params["Name"]
    if not isinstance(name, str) or not _ALIAS_NAME.match(name) or len(name) > 128:
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must "
            "satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
        )
    primary = str(params["FunctionVersion"])
    service.version(function, primary)
    if name in function.aliases:
        raise ServiceError(
            "ResourceConflictException", f"Alias already exists: {service.arn(function.name, name)}", 409
        )
    alias = Alias(
        name=name,
        arn=service.arn(function.name, name),
        function_version=primary,
        description=str(params.get("Description", "")),
        revision_id=service.cloud.new_request_id(),
        additional_weights=_check_weights(service, function, primary, params.get("RoutingConfig")),
    )
    function.aliases[name] = alias
    result = alias.describe()
    result["ResponseMetadata"] = {"HTTPStatusCode": 201}
    return result


def _alias(service: LambdaService, params: dict[str, Any]) -> tuple[Function, Alias]:
    function, _ = service.function(params["FunctionName"])
    alias = function.aliases.get(params["Name"])
    if alias is None:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Cannot find alias arn: {service.arn(function.name, params['Name'])}",
            404,
        )
    return function, alias


def get_alias(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    return _alias(service, params)[1].describe()


def update_alias(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, alias = _alias(service, params)
    check_revision(params.get("RevisionId"), alias.revision_id)
    primary = str(params.get("FunctionVersion", alias.function_version))
    service.version(function, primary)
    if "RoutingConfig" in params:
        weights = _check_weights(service, function, primary, params["RoutingConfig"])
    else:
        weights = _check_weights(service, function, primary, {"AdditionalVersionWeights": alias.additional_weights})
    alias.function_version = primary
    alias.additional_weights = weights
    if "Description" in params:
        alias.description = str(params["Description"])
    alias.revision_id = service.cloud.new_request_id()
    return alias.describe()


def delete_alias(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, alias = _alias(service, params)
    del function.aliases[alias.name]
    function.provisioned.pop(alias.name, None)
    service.recount()
    from .function_urls import forget

    forget(service, function, alias.name)  # the alias's function URL goes with it
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def list_aliases(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, _ = service.function(params["FunctionName"])
    wanted = params.get("FunctionVersion")
    aliases = [a.describe() for _, a in sorted(function.aliases.items()) if wanted in (None, a.function_version)]
    return paged("Aliases", aliases, params)


def route(service: LambdaService, target: Target) -> FunctionVersion:
    """Pick the version an invocation runs: an alias with routing sends each request to its second version
    with that version's weight, chosen with the cloud's seeded random source (so runs are reproducible)."""
    alias = target.alias
    if alias is None or not alias.additional_weights:
        return target.version
    draw = service.cloud.random.random()
    for number, weight in alias.additional_weights.items():
        if draw < weight:
            return service.version(target.function, number)
        draw -= weight
    return target.version
