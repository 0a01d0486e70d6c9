"""A REST API's resource tree: resources, their methods and each method's integration.

Paths: a resource's ``pathPart`` is a literal or a path variable (``{petId}``) or a greedy one (``{proxy+}``);
"Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus
sign before the closing brace." Siblings may have only one variable part ("A sibling ({proxy+}) of this resource
already has a variable path part -- only one is allowed"), a greedy resource has no children ("Cannot create a
child of a resource with a greedy path variable: {proxy+}") and names are unique under a parent (ConflictException
"Another resource with the same parent already has this name: pets"). An unknown resource (or API) is
"Invalid Resource identifier specified", an unknown method "Invalid Method identifier specified"; ``GetResources``
lists resources ordered by path. (Messages and order recorded against AWS in LocalStack's snapshot tests,
test_apigateway_api.snapshot.json; the path-part rule is moto's quotation of AWS's message.)
Deleting a resource deletes its descendants. Deleting the root is refused (pocketcloud's wording: AWS's message
for it was not found).

Methods: "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY";
``authorizationType`` NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS, the last two only with an authorizer
("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid
authorizer."; pocketcloud has no authorizers yet, so they are always refused).
https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html

Integrations (PutIntegration replaces any previous one): AWS, AWS_PROXY, HTTP and HTTP_PROXY need an
``integrationHttpMethod`` ("Enumeration value for HttpMethod must be non-empty") and a ``uri``; an AWS URI must be
an ``arn:aws:apigateway:{region}:{service}:path|action/...`` ("Invalid ARN specified in the request", "AWS ARN for
integration must contain path or action"), an AWS_PROXY one must name Lambda ("Integrations of type 'AWS_PROXY'
currently only supports Lambda function and Firehose stream invocations."), and ``timeoutInMillis`` must be 50 to
29,000 ("Timeout should be between 50 ms and 29000 ms", default 29,000). For Lambda "you must use the HTTP method
of POST for the integration request"; another method is accepted here and fails at run time, as on AWS.
https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ... import limits
from . import ids
from .errors import INTEGRATION_NOT_FOUND, METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, bad_request, conflict, not_found
from .models import Integration, Method, Resource, RestApi
from .paths import variable

if TYPE_CHECKING:
    from .service import RestApiService

_PATH_PART = re.compile(r"(\{[a-zA-Z0-9._-]+\+?\}|[a-zA-Z0-9._-]+)")
HTTP_METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY")
_AUTHORIZATION_TYPES = ("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")


def _resource(service: RestApiService, params: dict[str, Any], key: str = "resourceId") -> tuple[RestApi, Resource]:
    api = service.apis.get(params["restApiId"])
    resource = api.resources.get(params[key]) if api is not None else None
    if api is None or resource is None:
        raise not_found(RESOURCE_NOT_FOUND)
    return api, resource


def _method(service: RestApiService, params: dict[str, Any]) -> tuple[RestApi, Resource, Method]:
    api, resource = _resource(service, params)
    method = resource.methods.get(params["httpMethod"])
    if method is None:
        raise not_found(METHOD_NOT_FOUND)
    return api, resource, method


# -- resources ---------------------------------------------------------------------------------------------------
def create_resource(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, parent = _resource(service, params, "parentId")
    part = params["pathPart"]
    if _PATH_PART.fullmatch(part) is None:
        raise bad_request(
            "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an "
            "optional plus sign before the closing brace."
        )
    if parent.path_part is not None and (found := variable(parent.path_part)) is not None and found[1]:
        raise bad_request(f"Cannot create a child of a resource with a greedy path variable: {parent.path_part}")
    siblings = [r for r in api.resources.values() if r.parent_id == parent.id]
    if any(sibling.path_part == part for sibling in siblings):
        raise conflict(f"Another resource with the same parent already has this name: {part}")
    if variable(part) is not None:
        for sibling in siblings:
            if sibling.path_part is not None and variable(sibling.path_part) is not None:
                raise bad_request(
                    f"A sibling ({sibling.path_part}) of this resource already has a variable path part -- only "
                    "one is allowed"
                )
    resource_id = ids.new_id(service.cloud, 6)
    while resource_id in api.resources:
        resource_id = ids.new_id(service.cloud, 6)
    path = ("" if parent.path == "/" else parent.path) + "/" + part
    resource = Resource(resource_id, parent.id, part, path)
    api.resources[resource_id] = resource
    return dict(resource.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def get_resources(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    from .service import page

    api = service.api(params["restApiId"])
    embed = "methods" in params.get("embed", [])
    ordered = sorted(api.resources.values(), key=lambda r: r.path)
    items, position = page(ordered, params, lambda r: r.id)
    out: dict[str, Any] = {"items": [r.shape(embed) for r in items]}
    if position is not None:
        out["position"] = position
    return out


def get_resource(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, resource = _resource(service, params)
    return resource.shape("methods" in params.get("embed", []))


def delete_resource(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, resource = _resource(service, params)
    if resource.id == api.root_id:
        raise bad_request("Cannot delete the root resource of a REST API")
    doomed = {resource.id}
    grew = True
    while grew:
        grew = False
        for other in api.resources.values():
            if other.parent_id in doomed and other.id not in doomed:
                doomed.add(other.id)
                grew = True
    for resource_id in doomed:
        del api.resources[resource_id]
    return {"ResponseMetadata": {"HTTPStatusCode": 202}}


# -- methods -------------------------------------------------------------------------------------------------------
def put_method(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, resource = _resource(service, params)
    name = params["httpMethod"]
    if name not in HTTP_METHODS:
        raise bad_request("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
    auth = params["authorizationType"]
    if auth not in _AUTHORIZATION_TYPES:
        raise bad_request("Invalid authorization type specified")
    if auth in ("CUSTOM", "COGNITO_USER_POOLS"):
        raise bad_request(
            "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS "
            "requires a valid authorizer."
        )
    if "requestValidatorId" in params:
        raise bad_request("Invalid Request Validator identifier specified")
    if name in resource.methods:
        raise conflict("Method already exists for this resource")
    method = Method(
        http_method=name,
        authorization_type=auth,
        api_key_required=params.get("apiKeyRequired", False),
        operation_name=params.get("operationName"),
        request_parameters=dict(params.get("requestParameters", {})),
        request_models=dict(params.get("requestModels", {})),
        authorization_scopes=list(params.get("authorizationScopes", [])),
    )
    resource.methods[name] = method
    return dict(method.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def get_method(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    return _method(service, params)[2].shape()


def delete_method(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, resource, method = _method(service, params)
    del resource.methods[method.http_method]
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


# -- integrations --------------------------------------------------------------------------------------------------
def put_integration(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, resource, method = _method(service, params)
    kind = params["type"]
    http_method = params.get("integrationHttpMethod")
    uri = params.get("uri")
    if kind != "MOCK":
        if not http_method:
            raise bad_request("Enumeration value for HttpMethod must be non-empty")
        _check_uri(kind, uri)
    timeout = params.get("timeoutInMillis")
    if timeout is None:
        timeout = limits.APIGATEWAY_REST_TIMEOUT_DEFAULT_MS
    elif not limits.APIGATEWAY_REST_TIMEOUT_MIN_MS <= timeout <= limits.APIGATEWAY_REST_TIMEOUT_MAX_MS:
        raise bad_request("Timeout should be between 50 ms and 29000 ms")
    integration = Integration(
        type=kind,
        http_method=http_method,
        uri=uri,
        credentials=params.get("credentials"),
        timeout_ms=timeout,
        cache_namespace=params.get("cacheNamespace", resource.id),
        passthrough_behavior=params.get("passthroughBehavior", "WHEN_NO_MATCH"),
        connection_type=params.get("connectionType"),
        connection_id=params.get("connectionId"),
        content_handling=params.get("contentHandling"),
        request_parameters=dict(params.get("requestParameters", {})),
        request_templates=dict(params.get("requestTemplates", {})),
        cache_key_parameters=list(params.get("cacheKeyParameters", [])),
    )
    method.integration = integration
    return dict(integration.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def _check_uri(kind: str, uri: str | None) -> None:
    if kind in ("HTTP", "HTTP_PROXY"):
        if not uri or not re.fullmatch(r"https?://[^/\s]+.*", uri):
            raise bad_request("Invalid HTTP endpoint specified for URI")
        return
    parts = (uri or "").split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "apigateway":
        raise bad_request("Invalid ARN specified in the request")
    if not parts[5].startswith(("path/", "action/")):
        raise bad_request("AWS ARN for integration must contain path or action")
    if kind == "AWS_PROXY" and parts[4] not in ("lambda", "firehose"):
        raise bad_request(
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."
        )


def get_integration(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, _, method = _method(service, params)
    if method.integration is None:
        raise not_found(INTEGRATION_NOT_FOUND)
    return method.integration.shape()


def delete_integration(service: RestApiService, params: dict[str, Any]) -> dict[str, Any]:
    _, _, method = _method(service, params)
    if method.integration is None:
        raise not_found(INTEGRATION_NOT_FOUND)
    method.integration = None
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
