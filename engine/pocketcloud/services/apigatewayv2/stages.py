"""HTTP API stages and deployments, and automatic deployment.

"A stage is a named reference to a deployment, which is a snapshot of your API." "You can create a $default stage
that is served from the base of your API's URL—for example, https://{api_id}.execute-api.{region}.amazonaws.com/.
You use a named stage's URL to access it—for example https://{api_id}.execute-api.{region}.amazonaws.com/
{stage_name}/." "When you enable automatic deployments for a stage, API Gateway creates a new deployment and
associates the stage with it every time you make a change to your API."
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html
Stage names: alphanumerics, hyphens and underscores, or ``$default``; at most 128 characters. Stage variables:
"Variable names can have alphanumeric and underscore characters, and the values must match
[A-Za-z0-9-._~:/?#&=,]+". https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html
A deployment is compiled once (its routes in a :class:`~..apigateway.paths.PathTree`, the ``$default`` route and
the CORS configuration apart) and requests read only that snapshot. Creating a deployment for an auto-deploy stage
is refused (pocketcloud's wording), as the stage would move on at the next change anyway.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ..apigateway import ids
from ..apigateway.deployments import check_variables as _check_variables_rest
from ..apigateway.paths import PathTree
from .errors import bad_request, conflict, not_found
from .models import DeployedRoute, Deployment, HttpApi, Stage
from .routes import parse_route_key

if TYPE_CHECKING:
    from .service import HttpApiService

_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]+")


def check_stage_name(name: str) -> None:
    if name == "$default":
        return
    if len(name) > limits.APIGATEWAY_STAGE_NAME_MAX_LENGTH or _STAGE_NAME.fullmatch(name) is None:
        raise bad_request("Stage name only allows a-zA-Z0-9_- or $default")


def check_variables(variables: dict[str, str]) -> None:
    try:
        _check_variables_rest(variables)
    except ServiceError as error:
        raise bad_request(error.message) from None


def deploy(service: HttpApiService, api: HttpApi, auto: bool, description: str | None = None) -> Deployment:
    """Freeze the API's routes and integrations into a new deployment."""
    tree: PathTree[DeployedRoute] = PathTree()
    default: DeployedRoute | None = None
    for route in api.routes.values():
        integration = None
        if route.target is not None:
            integration = api.integrations.get(route.target.removeprefix("integrations/"))
        parsed = parse_route_key(route.key)
        method, path = parsed if parsed is not None else ("ANY", "")
        deployed = DeployedRoute(
            route_key=route.key,
            method=method,
            path=path,
            authorization_type=route.authorization_type,
            integration_type=integration.type if integration else None,
            integration_uri=integration.uri if integration else None,
            payload_format_version=integration.payload_format_version if integration else "1.0",
            timeout_ms=integration.timeout_ms if integration else limits.APIGATEWAY_HTTP_TIMEOUT_DEFAULT_MS,
            credentials_arn=integration.credentials_arn if integration else None,
        )
        if parsed is None:
            default = deployed
        else:
            tree.add(path, method, deployed)
    deployment_id = ids.new_id(service.cloud, 6)
    while deployment_id in api.deployments:
        deployment_id = ids.new_id(service.cloud, 6)
    cors = {k: (list(v) if isinstance(v, list) else v) for k, v in api.cors.items()} if api.cors else None
    deployment = Deployment(deployment_id, service.cloud.now, auto, description, tree, default, cors)
    api.deployments[deployment_id] = deployment
    return deployment


def auto_deploy(service: HttpApiService, api: HttpApi) -> None:
    """After a change: one new deployment for all auto-deploy stages of the API (if any)."""
    stages = [stage for stage in api.stages.values() if stage.auto_deploy]
    if not stages:
        return
    deployment = deploy(service, api, auto=True)
    for stage in stages:
        _point(service, stage, deployment)


def _point(service: HttpApiService, stage: Stage, deployment: Deployment) -> None:
    stage.deployment_id = deployment.id
    stage.updated = service.cloud.now
    if deployment.auto_deployed:
        stage.status_message = f"Successfully deployed stage with deployment ID '{deployment.id}'"


def create_stage(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["ApiId"])
    name = params["StageName"]
    check_stage_name(name)
    variables = dict(params.get("StageVariables", {}))
    check_variables(variables)
    deployment_id = params.get("DeploymentId")
    if deployment_id is not None and deployment_id not in api.deployments:
        raise not_found("Deployment", f"Invalid Deployment identifier specified {deployment_id}")
    if name in api.stages:
        raise conflict("Stage already exists")
    stage = new_stage(service, api, name, params, variables)
    return dict(stage.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def new_stage(
    service: HttpApiService, api: HttpApi, name: str, params: dict[str, Any], variables: dict[str, str]
) -> Stage:
    now = service.cloud.now
    stage = Stage(
        name,
        now,
        now,
        auto_deploy=bool(params.get("AutoDeploy", False)),
        deployment_id=params.get("DeploymentId"),
        description=params.get("Description"),
        variables=variables,
        tags=dict(params.get("Tags", {})),
    )
    api.stages[name] = stage
    if stage.auto_deploy:
        _point(service, stage, deploy(service, api, auto=True))
    return stage


def _stage(service: HttpApiService, params: dict[str, Any]) -> tuple[HttpApi, Stage]:
    api = service.api(params["ApiId"])
    stage = api.stages.get(params["StageName"])
    if stage is None:
        raise not_found("Stage", f"Invalid stage identifier specified {params['StageName']}")
    return api, stage


def get_stage(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    return _stage(service, params)[1].shape()


def get_stages(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    from .service import page

    api = service.api(params["ApiId"])
    return page([stage.shape() for stage in api.stages.values()], params)


def update_stage(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, stage = _stage(service, params)
    variables = dict(stage.variables)
    if "StageVariables" in params:
        # UpdateStage merges the given variables into the stage's; a variable given an empty value is removed
        # (a pocketcloud model: AWS documents only "A map that defines the stage variables for a Stage").
        for name, value in params["StageVariables"].items():
            if value == "":
                variables.pop(name, None)
            else:
                variables[name] = value
        check_variables(variables)
    deployment_id = params.get("DeploymentId")
    if deployment_id is not None and deployment_id not in api.deployments:
        raise not_found("Deployment", f"Invalid Deployment identifier specified {deployment_id}")
    stage.variables = variables
    if deployment_id is not None:
        stage.deployment_id = deployment_id
    if "Description" in params:
        stage.description = params["Description"]
    stage.updated = service.cloud.now
    if "AutoDeploy" in params:
        was = stage.auto_deploy
        stage.auto_deploy = params["AutoDeploy"]
        if stage.auto_deploy and not was:
            _point(service, stage, deploy(service, api, auto=True))
    return stage.shape()


def delete_stage(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, stage = _stage(service, params)
    del api.stages[stage.name]
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


# -- deployments ---------------------------------------------------------------------------------------------------
def create_deployment(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["ApiId"])
    stage = None
    if "StageName" in params:
        stage = api.stages.get(params["StageName"])
        if stage is None:
            raise not_found("Stage", f"Invalid stage identifier specified {params['StageName']}")
        if stage.auto_deploy:
            raise bad_request(
                f"Stage {stage.name} has AutoDeploy enabled: API Gateway deploys it after every change; create "
                "deployments only for stages without automatic deployment"
            )
    deployment = deploy(service, api, auto=False, description=params.get("Description"))
    if stage is not None:
        _point(service, stage, deployment)
    return dict(deployment.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def _deployment(service: HttpApiService, params: dict[str, Any]) -> tuple[HttpApi, Deployment]:
    api = service.api(params["ApiId"])
    deployment = api.deployments.get(params["DeploymentId"])
    if deployment is None:
        raise not_found("Deployment", f"Invalid Deployment identifier specified {params['DeploymentId']}")
    return api, deployment


def get_deployment(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    return _deployment(service, params)[1].shape()


def get_deployments(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    from .service import page

    api = service.api(params["ApiId"])
    return page([deployment.shape() for deployment in api.deployments.values()], params)


def delete_deployment(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, deployment = _deployment(service, params)
    if any(stage.deployment_id == deployment.id for stage in api.stages.values()):
        raise bad_request("Active stages pointing to this deployment must be moved or deleted")
    del api.deployments[deployment.id]
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
