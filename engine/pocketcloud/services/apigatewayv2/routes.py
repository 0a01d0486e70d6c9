"""HTTP API routes: route keys, and CreateRoute / GetRoute(s) / UpdateRoute / DeleteRoute.

"Routes consist of two parts: an HTTP method and a resource path—for example, GET /pets. You can define specific
HTTP methods for your route. Or, you can use the ANY method to match all methods that you haven't defined for a
resource. You can create a $default route that acts as a catch-all for requests that don't match any other
routes." Paths may hold path variables (``/pets/{petID}``) and one greedy variable at the end (``{proxy+}``).
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
A route key is therefore ``$default`` or ``METHOD /path`` with METHOD one of ANY, GET, POST, PUT, PATCH, DELETE,
HEAD, OPTIONS; each path segment is a literal or a whole-segment variable, names unique in the path, no empty
segment and no trailing slash (except the root ``/``). AWS's messages for a bad key and for a duplicate key were
not found; pocketcloud answers BadRequestException and ConflictException with its own wording.
A route's ``Target`` is ``integrations/{integration-id}`` of an integration of the same API.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..apigateway import ids
from ..apigateway.paths import split_template, variable
from .errors import bad_request, conflict, not_found
from .models import HttpApi, Route

if TYPE_CHECKING:
    from .service import HttpApiService

METHODS = ("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_LITERAL = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%-]+")
_VARIABLE = re.compile(r"[A-Za-z0-9._-]+")
_AUTHORIZATION_TYPES = ("NONE", "AWS_IAM")


def parse_route_key(key: str) -> tuple[str, str] | None:
    """``GET /pets/{id}`` -> (``GET``, ``/pets/{id}``); ``$default`` -> None; anything else is refused."""
    if key == "$default":
        return None
    method, space, path = key.partition(" ")
    if not space or method not in METHODS or not path.startswith("/"):
        raise bad_request(
            f"Invalid route key '{key}': a route key is $default or an HTTP method (ANY, GET, POST, PUT, PATCH, "
            "DELETE, HEAD, OPTIONS), one space and a path that starts with '/'"
        )
    if path != "/" and (path.endswith("/") or "//" in path):
        raise bad_request(f"Invalid route key '{key}': the path must not end with '/' or contain empty segments")
    parts = split_template(path)
    names: set[str] = set()
    for index, part in enumerate(parts):
        found = variable(part)
        if found is None:
            if _LITERAL.fullmatch(part) is None or "{" in part or "}" in part:
                raise bad_request(f"Invalid route key '{key}': invalid path segment '{part}'")
            continue
        name, greedy = found
        if _VARIABLE.fullmatch(name) is None:
            raise bad_request(f"Invalid route key '{key}': invalid path variable '{part}'")
        if greedy and index != len(parts) - 1:
            raise bad_request(f"Invalid route key '{key}': a greedy path variable must be at the end of the path")
        if name in names:
            raise bad_request(f"Invalid route key '{key}': path variable '{name}' appears twice")
        names.add(name)
    return method, path


def _check_target(api: HttpApi, target: str | None) -> None:
    if target is None:
        return
    prefix = "integrations/"
    if not target.startswith(prefix):
        raise bad_request(f"Invalid target '{target}': a route's target is integrations/{{integration-id}}")
    integration_id = target[len(prefix) :]
    if integration_id not in api.integrations:
        raise not_found("Integration", f"Invalid Integration identifier specified {integration_id}")


def _check_authorization(params: dict[str, Any]) -> str:
    auth = params.get("AuthorizationType", "NONE")
    if auth not in _AUTHORIZATION_TYPES:
        raise bad_request(
            f"Authorization type {auth} needs an authorizer (AuthorizerId); authorizers are not simulated by "
            "pocketcloud yet"
        )
    return str(auth)


def create_route(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["ApiId"])
    key = params["RouteKey"]
    parse_route_key(key)
    target = params.get("Target")
    _check_target(api, target)
    auth = _check_authorization(params)
    if any(route.key == key for route in api.routes.values()):
        raise conflict(f"Route with key {key} already exists for this API")
    route = add_route(service, api, key, target, auth, params)
    service.changed(api)
    return dict(route.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def add_route(
    service: HttpApiService, api: HttpApi, key: str, target: str | None, auth: str, params: dict[str, Any]
) -> Route:
    route_id = ids.new_id(service.cloud, 7)
    while route_id in api.routes:
        route_id = ids.new_id(service.cloud, 7)
    route = Route(
        route_id,
        key,
        target,
        authorization_type=auth,
        api_key_required=bool(params.get("ApiKeyRequired", False)),
        operation_name=params.get("OperationName"),
    )
    api.routes[route_id] = route
    return route


def _route(service: HttpApiService, params: dict[str, Any]) -> tuple[HttpApi, Route]:
    api = service.api(params["ApiId"])
    route = api.routes.get(params["RouteId"])
    if route is None:
        raise not_found("Route", f"Invalid Route identifier specified {params['RouteId']}")
    return api, route


def get_route(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    return _route(service, params)[1].shape()


def get_routes(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    from .service import page

    api = service.api(params["ApiId"])
    return page([route.shape() for route in api.routes.values()], params)


def update_route(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, route = _route(service, params)
    key = params.get("RouteKey", route.key)
    parse_route_key(key)
    if key != route.key and any(other.key == key for other in api.routes.values()):
        raise conflict(f"Route with key {key} already exists for this API")
    target = params.get("Target", route.target)
    _check_target(api, target)
    auth = _check_authorization({"AuthorizationType": params.get("AuthorizationType", route.authorization_type)})
    route.key = key
    route.target = target
    route.authorization_type = auth
    if "ApiKeyRequired" in params:
        route.api_key_required = params["ApiKeyRequired"]
    if "OperationName" in params:
        route.operation_name = params["OperationName"]
    service.changed(api)
    return route.shape()


def delete_route(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, route = _route(service, params)
    del api.routes[route.id]
    service.changed(api)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
