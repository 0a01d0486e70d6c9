"""The REST APIs of one cloud: CreateRestApi and friends, and each API's ``execute-api`` host on the router.

Creating an API registers ``{api-id}.execute-api.{region}.amazonaws.com`` with the cloud's HTTP router
(:mod:`pocketcloud.http`), so ``cloud.http_request("GET", "https://{api-id}.execute-api.{region}.amazonaws.com/
{stage}/path")`` reaches :mod:`.execute`; deleting it unregisters the host. Resources, methods and integrations are
in :mod:`.resources`, deployments and stages in :mod:`.deployments`.

Checks (messages recorded against AWS in LocalStack's snapshot tests, test_apigateway_api.snapshot.json):
an empty ``description`` ("Description cannot be an empty string"), ``endpointConfiguration`` with no type
("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.") or several ("Cannot create an api with
multiple Endpoint Types."), a private API with ``ipv4`` ("Only dualstack ipAddressType is supported for Private
APIs."; private APIs default to ``dualstack``, the others to ``ipv4``), ``minimumCompressionSize`` outside 0 to
10 MiB. The default endpoint type is ``EDGE`` and ``apiKeySource`` is ``HEADER``. Where AWS's wording was not
found (an empty name in UpdateRestApi, a ``position`` that names no item), the message is pocketcloud's.
https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ... import limits
from . import ids
from .errors import api_not_found, bad_request
from .integration import REST_SETTINGS, LambdaClients
from .models import Resource, RestApi
from .patch import apply_patches
from .records import RECENT_REQUESTS, RequestRecord

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...http import HttpRequest, Respond


class RestApiService:
    """Every REST API of the cloud by ID, with the settings of the latency model and the recent requests."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.apis: dict[str, RestApi] = {}
        self.settings = replace(REST_SETTINGS)
        #: The most recent requests to any REST API, as the access log would record them.
        self.requests: deque[RequestRecord] = deque(maxlen=RECENT_REQUESTS)

    def host(self, api_id: str) -> str:
        return f"{api_id}.execute-api.{self.cloud.region}.amazonaws.com"

    def api(self, api_id: str) -> RestApi:
        api = self.apis.get(api_id)
        if api is None:
            raise api_not_found(self.cloud.account_id, api_id)
        return api

    # -- operations ------------------------------------------------------------------------------------------
    def create_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        cloud = self.cloud
        description = params.get("description")
        if description == "":
            raise bad_request("Description cannot be an empty string")
        endpoint_type, ip_type = _endpoint(params.get("endpointConfiguration"))
        size = params.get("minimumCompressionSize")
        if size is not None and not 0 <= size <= limits.APIGATEWAY_COMPRESSION_MAX_BYTES:
            raise bad_request("Invalid minimum compression size, must be between 0 and 10485760")
        source = self.api(params["cloneFrom"]) if "cloneFrom" in params else None
        api_id = ids.new_id(cloud, 10)
        while api_id in self.apis or cloud.http.is_registered(self.host(api_id)):
            api_id = ids.new_id(cloud, 10)
        root_id = source.root_id if source is not None else ids.new_id(cloud, 10)
        api = RestApi(
            id=api_id,
            name=params["name"],
            created=cloud.now,
            root_id=root_id,
            lambda_clients=LambdaClients(cloud),
            description=description,
            version=params.get("version"),
            binary_media_types=list(params.get("binaryMediaTypes", [])),
            minimum_compression_size=size,
            api_key_source=params.get("apiKeySource", "HEADER"),
            endpoint_type=endpoint_type,
            ip_address_type=ip_type,
            policy=params.get("policy"),
            tags=dict(params["tags"]) if "tags" in params else None,
            disable_execute_api_endpoint=params.get("disableExecuteApiEndpoint", False),
        )
        if source is not None:
            api.resources = copy.deepcopy(source.resources)
        else:
            api.resources[root_id] = Resource(root_id, None, None, "/")
        self.apis[api_id] = api
        cloud.http.register(self.host(api_id), self._handler(api))
        return dict(api.shape(), ResponseMetadata={"HTTPStatusCode": 201})

    def _handler(self, api: RestApi) -> Any:
        from .execute import handle

        def answer(request: HttpRequest, respond: Respond) -> None:
            handle(self, api, request, respond)

        return answer

    def get_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.api(params["restApiId"]).shape()

    def get_rest_apis(self, params: dict[str, Any]) -> dict[str, Any]:
        items, position = page(list(self.apis.values()), params, lambda api: api.id)
        out: dict[str, Any] = {"items": [api.shape() for api in items]}
        if position is not None:
            out["position"] = position
        return out

    def delete_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        api = self.api(params["restApiId"])
        del self.apis[api.id]
        self.cloud.http.unregister(self.host(api.id))
        return {"ResponseMetadata": {"HTTPStatusCode": 202}}

    def update_rest_api(self, params: dict[str, Any]) -> dict[str, Any]:
        api = self.api(params["restApiId"])
        changed = copy.copy(api)
        changed.binary_media_types = list(api.binary_media_types)
        apply_patches(params.get("patchOperations", []), _REST_API_PATCHES, changed)
        api.__dict__.update(changed.__dict__)
        if api.tags is None:
            api.tags = {}
        return api.shape()


def page(items: list[Any], params: dict[str, Any], key: Any) -> tuple[list[Any], str | None]:
    """One page of ``items`` for ``position`` / ``limit`` (default 25, at most 500; pocketcloud clamps
    other values into that range). ``position`` is the key of the first item of the page."""
    limit = params.get("limit") or limits.APIGATEWAY_PAGE_DEFAULT
    limit = max(1, min(limit, limits.APIGATEWAY_PAGE_MAX))
    start = 0
    position = params.get("position")
    if position is not None:
        keys = [key(item) for item in items]
        if position not in keys:
            raise bad_request("Invalid position parameter")
        start = keys.index(position)
    chunk = items[start : start + limit]
    following = items[start + limit : start + limit + 1]
    return chunk, (key(following[0]) if following else None)


def _endpoint(config: dict[str, Any] | None) -> tuple[str, str]:
    if config is None:
        return "EDGE", "ipv4"
    types = config.get("types")
    if types is None:
        endpoint_type = "EDGE"
    elif not types:
        raise bad_request("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.")
    elif len(types) > 1:
        raise bad_request("Cannot create an api with multiple Endpoint Types.")
    else:
        endpoint_type = types[0]
    ip_type = config.get("ipAddressType")
    if endpoint_type == "PRIVATE":
        if ip_type == "ipv4":
            raise bad_request("Only dualstack ipAddressType is supported for Private APIs.")
        return endpoint_type, "dualstack"
    return endpoint_type, ip_type or "ipv4"


def _set_name(api: RestApi, op: str, value: str | None) -> None:
    if not value:
        raise bad_request("Name cannot be empty")
    api.name = value


def _set_description(api: RestApi, op: str, value: str | None) -> None:
    api.description = value or None


def _set_compression(api: RestApi, op: str, value: str | None) -> None:
    if value in (None, ""):
        api.minimum_compression_size = None
        return
    try:
        size = int(value)
    except ValueError:
        size = -1
    if not 0 <= size <= limits.APIGATEWAY_COMPRESSION_MAX_BYTES:
        raise bad_request("Invalid minimum compression size, must be between 0 and 10485760")
    api.minimum_compression_size = size


def _set_disable_endpoint(api: RestApi, op: str, value: str | None) -> None:
    api.disable_execute_api_endpoint = str(value).lower() == "true"


def _binary_type(api: RestApi, op: str, media: str, value: str | None) -> None:
    if op == "add":
        if media not in api.binary_media_types:
            api.binary_media_types.append(media)
    elif op == "remove":
        if media in api.binary_media_types:
            api.binary_media_types.remove(media)
    else:
        api.binary_media_types = [(value or t) if t == media else t for t in api.binary_media_types]


#: UpdateRestApi's patch paths: path -> (allowed ops, setter); ``/binaryMediaTypes/{type}`` is a prefix path
#: (the type escaped with ``~1`` for ``/``). https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
_REST_API_PATCHES: dict[str, Any] = {
    "/name": (("replace",), _set_name),
    "/description": (("replace",), _set_description),
    "/minimumCompressionSize": (("replace",), _set_compression),
    "/disableExecuteApiEndpoint": (("replace",), _set_disable_endpoint),
    "/binaryMediaTypes/": (("add", "remove", "replace"), _binary_type),
}
