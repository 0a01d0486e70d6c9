"""Deployments (snapshots of a REST API's resource tree) and the stages that point at them.

``CreateDeployment`` freezes every resource, method and integration into a :class:`~.models.Deployment`
(compiled once for request matching, see :mod:`.paths`); with ``stageName`` it also creates that stage or points
it at the new deployment ("aws apigateway create-deployment --rest-api-id te6si5ach7 --stage-name test", as in
the Lambda proxy walkthrough). An API without methods cannot be deployed ("The REST API doesn't contain any
methods") nor one with a method that has no integration ("No integration defined for method"); both are
BadRequestException, as CloudFormation, CDK and Terraform users meet them.
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-deployment.html

Stages: "Stage names can only contain alphanumeric characters, hyphens, and underscores. Maximum length is 128
characters." Stage variables: "Variable names can have alphanumeric and underscore characters, and the values must
match [A-Za-z0-9-._~:/?#&=,]+" (values up to 2,048 characters).
https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html
A deployment a stage still points at cannot be deleted ("Active stages pointing to this deployment must be moved or
deleted"). The wording of the name, variable and "Stage already exists" errors is as emulators that compared with
AWS quote it (moto; cloudemu's apigateway validation); AWS documents the rules, not the messages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ... import limits
from . import ids
from .errors import DEPLOYMENT_NOT_FOUND, STAGE_NOT_FOUND, bad_request, conflict, not_found
from .models import DeployedMethod, Deployment, RestApi, Stage
from .patch import apply_patches
from .paths import PathTree

if TYPE_CHECKING:
    from .service import RestApiService

_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]+")
_VARIABLE_NAME = re.compile(r"[A-Za-z0-9_]+")
_VARIABLE_VALUE = re.compile(r"[A-Za-z0-9\-._~:/?#&=,]+")


def check_stage_name(name: str) -> None:
    if len(name) > limits.APIGATEWAY_STAGE_NAME_MAX_LENGTH or _STAGE_NAME.fullmatch(name) is None:
        raise bad_request("Stage name only allows a-zA-Z0-9_-")


def check_variables(variables: dict[str, str]) -> None:
    for name, value in variables.items():
        if _VARIABLE_NAME.fullmatch(name) is None:
            raise bad_request("Stage variable names may only contain alphanumeric characters and underscores")
        if len(value) > limits.APIGATEWAY_STAGE_VARIABLE_VALUE_MAX_LENGTH or _VARIABLE_VALUE.fullmatch(value) is None:
            raise bad_request("Stage variable values must match the regular expression [A-Za-z0-9-._~:/?#&=,]+")


def _compile(service: RestApiService, api: RestApi, description: str | None) -> Deployment:
    methods = [(resource, method) for resource in api.resources.values() for method in resource.methods.values()]
    if not methods:
        raise bad_request("The REST API doesn't contain any methods")
    if any(method.integration is None for _, method in methods):
        raise bad_request("No integration defined for method")
    tree: PathTree[DeployedMethod] = PathTree()
    summary: dict[str, dict[str, dict[str, Any]]] = {}
    for resource, method in sorted(methods, key=lambda pair: (pair[0].path, pair[1].http_method)):
        integration = method.integration
        assert integration is not None
        deployed = DeployedMethod(
            resource_id=resource.id,
            resource_path=resource.path,
            http_method=method.http_method,
            authorization_type=method.authorization_type,
            api_key_required=method.api_key_required,
            integration_type=integration.type,
            integration_http_method=integration.http_method,
            integration_uri=integration.uri,
            credentials=integration.credentials,
            timeout_ms=integration.timeout_ms,
        )
        tree.add(resource.path, method.http_method, deployed)
        summary.setdefault(resource.path, {})[method.http_method] = {
            "authorizationType": method.authorization_type,
            "apiKeyRequired": method.api_key_required,
        }
    deployment_id = ids.new_id(service.cloud, 6)
    while deployment_id in api.deployments:
        deployment_id = ids.new_id(service.cloud, 6)
    return Deployment(deployment_id, service.cloud.now, description, tree, summary)


def create_deployment(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["restApiId"])
    stage_name = params.get("stageName")
    variables = dict(params.get("variables", {}))
    if stage_name is not None:
        check_stage_name(stage_name)
        check_variables(variables)
    deployment = _compile(service, api, params.get("description"))
    api.deployments[deployment.id] = deployment
    if stage_name is not None:
        now = service.cloud.now
        stage = api.stages.get(stage_name)
        if stage is None:
            api.stages[stage_name] = Stage(
                stage_name,
                deployment.id,
                now,
                now,
                description=params.get("stageDescription"),
                variables=variables,
                tracing_enabled=bool(params.get("tracingEnabled", False)),
            )
        else:
            stage.deployment_id = deployment.id
            stage.variables.update(variables)
            stage.updated = now
    return dict(deployment.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def _deployment(service: RestApiService, params: dict[str, Any]) -> tuple[RestApi, Deployment]:
    api = service.api(params["restApiId"])
    deployment = api.deployments.get(params["deploymentId"])
    if deployment is None:
        raise not_found(DEPLOYMENT_NOT_FOUND)
    return api, deployment


def get_deployment(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, deployment = _deployment(service, params)
    return deployment.shape("apisummary" in params.get("embed", []))


def get_deployments(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    from .service import page

    api = service.api(params["restApiId"])
    items, position = page(list(api.deployments.values()), params, lambda d: d.id)
    out: dict[str, Any] = {"items": [d.shape() for d in items]}
    if position is not None:
        out["position"] = position
    return out


def delete_deployment(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, deployment = _deployment(service, params)
    if any(stage.deployment_id == deployment.id for stage in api.stages.values()):
        raise bad_request("Active stages pointing to this deployment must be moved or deleted")
    del api.deployments[deployment.id]
    return {"ResponseMetadata": {"HTTPStatusCode": 202}}


# -- stages --------------------------------------------------------------------------------------------------------
def create_stage(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["restApiId"])
    name = params["stageName"]
    check_stage_name(name)
    variables = dict(params.get("variables", {}))
    check_variables(variables)
    if params["deploymentId"] not in api.deployments:
        raise not_found(DEPLOYMENT_NOT_FOUND)
    if name in api.stages:
        raise conflict("Stage already exists")
    now = service.cloud.now
    stage = Stage(
        name,
        params["deploymentId"],
        now,
        now,
        description=params.get("description"),
        variables=variables,
        tracing_enabled=params.get("tracingEnabled", False),
        cache_cluster_enabled=params.get("cacheClusterEnabled", False),
        cache_cluster_size=params.get("cacheClusterSize"),
        tags=dict(params.get("tags", {})),
    )
    api.stages[name] = stage
    return dict(stage.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def _stage(service: RestApiService, params: dict[str, Any]) -> tuple[RestApi, Stage]:
    api = service.api(params["restApiId"])
    stage = api.stages.get(params["stageName"])
    if stage is None:
        raise not_found(STAGE_NOT_FOUND)
    return api, stage


def get_stage(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    return _stage(service, params)[1].shape()


def get_stages(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["restApiId"])
    wanted = params.get("deploymentId")
    return {"item": [s.shape() for s in api.stages.values() if wanted is None or s.deployment_id == wanted]}


def delete_stage(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, stage = _stage(service, params)
    del api.stages[stage.name]
    return {"ResponseMetadata": {"HTTPStatusCode": 202}}


def update_stage(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, stage = _stage(service, params)
    draft = Stage(**{**stage.__dict__, "variables": dict(stage.variables), "tags": dict(stage.tags)})

    def deployment_id(target: Stage, op: str, value: str | None) -> None:
        if value not in api.deployments:
            raise not_found(DEPLOYMENT_NOT_FOUND)
        target.deployment_id = value

    table: dict[str, Any] = {
        "/deploymentId": (("replace",), deployment_id),
        "/description": (("replace",), _description),
        "/tracingEnabled": (("replace",), _tracing),
        "/variables/": (("replace", "remove"), _variable),
    }
    apply_patches(params.get("patchOperations", []), table, draft)
    draft.updated = service.cloud.now
    stage.__dict__.update(draft.__dict__)
    return stage.shape()


def _description(stage: Stage, op: str, value: str | None) -> None:
    stage.description = value or None


def _tracing(stage: Stage, op: str, value: str | None) -> None:
    stage.tracing_enabled = str(value).lower() == "true"


def _variable(stage: Stage, op: str, name: str, value: str | None) -> None:
    if op == "remove":
        stage.variables.pop(name, None)
        return
    check_variables({name: value or ""})
    stage.variables[name] = value or ""
