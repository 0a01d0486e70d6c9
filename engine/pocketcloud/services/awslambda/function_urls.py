"""Function URLs: CreateFunctionUrlConfig, GetFunctionUrlConfig, UpdateFunctionUrlConfig, DeleteFunctionUrlConfig
and ListFunctionUrlConfigs.

"A function URL is a dedicated HTTP(S) endpoint for your Lambda function. [...] Lambda automatically generates a
unique URL endpoint for you. Once you create a function URL, its URL endpoint never changes. Function URL endpoints
have the following format: ``https://<url-id>.lambda-url.<region>.on.aws``" and "You can create a function URL for
an alias or the $LATEST unpublished function version. You can't add a function URL to any other function version."
So a URL belongs to the function (no Qualifier) or to one alias (``Qualifier``); the model's qualifier pattern
refuses version numbers and ``$LATEST`` itself. https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html
https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html

``AuthType`` is ``NONE`` or ``AWS_IAM`` (how requests are let in: :mod:`.function_url_access`), ``Cors`` the CORS
settings Lambda applies for you, ``InvokeMode`` ``BUFFERED`` (the default) or ``RESPONSE_STREAM``. The URL ID is 32
lowercase letters and digits, drawn from the cloud's seeded source. Creating a URL does not add any permission:
"If you're using the AWS CLI, AWS CloudFormation, or the Lambda API directly, you must add lambda:InvokeFunctionUrl
permissions yourself" (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). Deleting a function (or the
alias a URL belongs to) deletes its URLs, and the address stops answering.

Errors as AWS answers them (LocalStack's AWS-validated Lambda provider records the same messages): a second
URL for the same function or alias is ``ResourceConflictException`` "Failed to create function url config for
[functionArn = ...]. Error message:  FunctionUrlConfig exists for this Lambda function" (two spaces, as AWS
writes it); an unknown function or alias on Create, Update and List is ``ResourceNotFoundException`` "Function does
not exist"; a URL that is not there (Get, Update, Delete) "The resource you requested does not exist.".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import to_datetime
from .functions import paged

if TYPE_CHECKING:
    from .models import Function
    from .service import LambdaService

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_URL_ID_LENGTH = 32


@dataclass
class FunctionUrlConfig:
    """One function URL: the function (and alias) it invokes, how it authorises and answers requests."""

    url_id: str
    function_name: str
    qualifier: str | None
    function_arn: str
    url: str
    auth_type: str
    invoke_mode: str
    creation_time: str
    last_modified_time: str
    cors: dict[str, Any] | None = field(default=None)

    @property
    def host(self) -> str:
        return self.url.removeprefix("https://").rstrip("/")

    def describe(self) -> dict[str, Any]:
        """The FunctionUrlConfig shape (Get, Update and List return it; Create returns it without
        ``LastModifiedTime``)."""
        info: dict[str, Any] = {
            "FunctionUrl": self.url,
            "FunctionArn": self.function_arn,
            "AuthType": self.auth_type,
        }
        if self.cors is not None:
            info["Cors"] = dict(self.cors)
        info["CreationTime"] = self.creation_time
        info["LastModifiedTime"] = self.last_modified_time
        info["InvokeMode"] = self.invoke_mode
        return info


def url_time(t: float) -> str:
    """``2026-01-01T00:00:00.000000Z``: ISO 8601 with microseconds, the form AWS returns for CreationTime."""
    return to_datetime(t).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _new_url_id(service: LambdaService) -> str:
    """32 lowercase letters and digits, unique in the cloud (from the seeded ID source)."""
    while True:
        number = int(service.cloud.random_hex(42), 16)
        chars = []
        for _ in range(_URL_ID_LENGTH):
            number, digit = divmod(number, len(_ALPHABET))
            chars.append(_ALPHABET[digit])
        url_id = "".join(chars)
        if url_id not in service.function_urls:
            return url_id


def _function_and_qualifier(service: LambdaService, params: dict[str, Any]) -> tuple[Function, str | None]:
    """The function and alias (None: the function itself) a request names; Lambda's own not-found message."""
    try:
        function, ref_qualifier = service.function(params["FunctionName"])
    except ServiceError as error:
        if error.code == "ResourceNotFoundException":
            raise ServiceError("ResourceNotFoundException", "Function does not exist", 404) from None
        raise
    qualifier = params.get("Qualifier", ref_qualifier)
    if qualifier is not None and ref_qualifier is not None and qualifier != ref_qualifier:
        raise ServiceError(
            "InvalidParameterValueException",
            "The derived qualifier from the function name does not match the specified qualifier.",
        )
    if qualifier is not None and qualifier not in function.aliases:
        raise ServiceError("ResourceNotFoundException", "Function does not exist", 404)
    return function, qualifier


def _existing(service: LambdaService, params: dict[str, Any]) -> tuple[Function, FunctionUrlConfig]:
    function, qualifier = _function_and_qualifier(service, params)
    config = function.url_configs.get(qualifier)
    if config is None:
        raise ServiceError("ResourceNotFoundException", "The resource you requested does not exist.", 404)
    return function, config


def _cors(value: Any) -> dict[str, Any] | None:
    """The Cors settings as given (types and lengths checked from the model); methods in upper case."""
    if value is None:
        return None
    cors = dict(value)
    if "AllowMethods" in cors:
        cors["AllowMethods"] = [str(method).upper() for method in cors["AllowMethods"]]
    return cors


def create_function_url_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, qualifier = _function_and_qualifier(service, params)
    arn = service.arn(function.name, qualifier)
    if qualifier in function.url_configs:
        raise ServiceError(
            "ResourceConflictException",
            f"Failed to create function url config for [functionArn = {arn}]. Error message:  FunctionUrlConfig "
            "exists for this Lambda function",
            409,
        )
    cloud = service.cloud
    url_id = _new_url_id(service)
    now = url_time(cloud.now)
    config = FunctionUrlConfig(
        url_id=url_id,
        function_name=function.name,
        qualifier=qualifier,
        function_arn=arn,
        url=f"https://{url_id}.lambda-url.{cloud.region}.on.aws/",
        auth_type=params["AuthType"],
        invoke_mode=params.get("InvokeMode", "BUFFERED"),
        creation_time=now,
        last_modified_time=now,
        cors=_cors(params.get("Cors")),
    )
    function.url_configs[qualifier] = config
    service.function_urls[url_id] = config
    from .function_url_http import serve

    serve(service, config)
    info = config.describe()
    del info["LastModifiedTime"]
    info["ResponseMetadata"] = {"HTTPStatusCode": 201}
    return info


def get_function_url_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    _, config = _existing(service, params)
    return config.describe()


def update_function_url_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Change AuthType, Cors or InvokeMode; the URL itself never changes."""
    _, config = _existing(service, params)
    if "AuthType" in params:
        config.auth_type = params["AuthType"]
    if "Cors" in params:
        config.cors = _cors(params["Cors"])
    if "InvokeMode" in params:
        config.invoke_mode = params["InvokeMode"]
    config.last_modified_time = url_time(service.cloud.now)
    return config.describe()


def delete_function_url_config(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    function, config = _existing(service, params)
    forget(service, function, config.qualifier)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def forget(service: LambdaService, function: Function, qualifier: str | None) -> None:
    """Remove a function's (or alias's) URL, if it has one, and stop answering its address."""
    config = function.url_configs.pop(qualifier, None)
    if config is None:
        return
    service.function_urls.pop(config.url_id, None)
    service.cloud.http.unregister(config.host)


def forget_all(service: LambdaService, function: Function) -> None:
    """Remove every URL of a function (DeleteFunction)."""
    for qualifier in list(function.url_configs):
        forget(service, function, qualifier)


def list_function_url_configs(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Every URL of a function, the function's own first, then its aliases' by name; Marker/MaxItems paging
    (MaxItems 1-50 from the model)."""
    function, _ = _function_and_qualifier(service, {"FunctionName": params["FunctionName"]})
    keys = sorted(function.url_configs, key=lambda qualifier: (qualifier is not None, qualifier or ""))
    configs = [function.url_configs[key].describe() for key in keys]
    return paged("FunctionUrlConfigs", configs, params)
