"""``cloud.client("lambda")``: the Lambda API with boto3's operation and parameter names.

Each method names its AWS operation and parameters and hands the request to the module that implements it;
the shapes of requests and responses follow the Lambda API reference.
https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ... import limits
from ...client import BaseClient, operation
from ...errors import ServiceError
from ...streams import StreamingBody
from . import (
    concurrency,
    event_invoke_config,
    function_urls,
    functions,
    invocations,
    layer_permissions,
    layers,
    permissions,
    tags,
    versions,
)
from .esm import api as esm_api
from .service import LambdaService

if TYPE_CHECKING:
    from .records import Invocation


class LambdaClient(BaseClient):
    """A boto3-shaped Lambda client. Every call goes to the cloud's one Lambda service state."""

    service_name = "lambda"

    @property
    def _service(self) -> LambdaService:
        service: LambdaService = self._cloud.backend("lambda", LambdaService)
        return service

    # -- functions -------------------------------------------------------------------------------------------
    @operation("CreateFunction")
    def create_function(self, **params: Any) -> dict[str, Any]:
        """Create a function from a .zip package (``Code={"ZipFile": pocketcloud.zip_code({...})}``)."""
        return functions.create_function(self._service, params)

    @operation("UpdateFunctionCode")
    def update_function_code(self, **params: Any) -> dict[str, Any]:
        return functions.update_function_code(self._service, params)

    @operation("UpdateFunctionConfiguration")
    def update_function_configuration(self, **params: Any) -> dict[str, Any]:
        return functions.update_function_configuration(self._service, params)

    @operation("GetFunction")
    def get_function(self, **params: Any) -> dict[str, Any]:
        return functions.get_function(self._service, params)

    @operation("GetFunctionConfiguration")
    def get_function_configuration(self, **params: Any) -> dict[str, Any]:
        return functions.get_function_configuration(self._service, params)

    @operation("ListFunctions")
    def list_functions(self, **params: Any) -> dict[str, Any]:
        return functions.list_functions(self._service, params)

    @operation("DeleteFunction")
    def delete_function(self, **params: Any) -> dict[str, Any]:
        return functions.delete_function(self._service, params)

    # -- versions and aliases --------------------------------------------------------------------------------
    @operation("PublishVersion")
    def publish_version(self, **params: Any) -> dict[str, Any]:
        return versions.publish_version(self._service, params)

    @operation("ListVersionsByFunction")
    def list_versions_by_function(self, **params: Any) -> dict[str, Any]:
        return versions.list_versions_by_function(self._service, params)

    @operation("CreateAlias")
    def create_alias(self, **params: Any) -> dict[str, Any]:
        return versions.create_alias(self._service, params)

    @operation("GetAlias")
    def get_alias(self, **params: Any) -> dict[str, Any]:
        return versions.get_alias(self._service, params)

    @operation("UpdateAlias")
    def update_alias(self, **params: Any) -> dict[str, Any]:
        return versions.update_alias(self._service, params)

    @operation("DeleteAlias")
    def delete_alias(self, **params: Any) -> dict[str, Any]:
        return versions.delete_alias(self._service, params)

    @operation("ListAliases")
    def list_aliases(self, **params: Any) -> dict[str, Any]:
        return versions.list_aliases(self._service, params)

    # -- layers ----------------------------------------------------------------------------------------------
    @operation("PublishLayerVersion")
    def publish_layer_version(self, **params: Any) -> dict[str, Any]:
        return layers.publish_layer_version(self._service, params)

    @operation("GetLayerVersion")
    def get_layer_version(self, **params: Any) -> dict[str, Any]:
        return layers.get_layer_version(self._service, params)

    @operation("GetLayerVersionByArn")
    def get_layer_version_by_arn(self, **params: Any) -> dict[str, Any]:
        return layers.get_layer_version_by_arn(self._service, params)

    @operation("ListLayers")
    def list_layers(self, **params: Any) -> dict[str, Any]:
        return layers.list_layers(self._service, params)

    @operation("ListLayerVersions")
    def list_layer_versions(self, **params: Any) -> dict[str, Any]:
        return layers.list_layer_versions(self._service, params)

    @operation("DeleteLayerVersion")
    def delete_layer_version(self, **params: Any) -> dict[str, Any]:
        return layers.delete_layer_version(self._service, params)

    @operation("AddLayerVersionPermission")
    def add_layer_version_permission(self, **params: Any) -> dict[str, Any]:
        """Grant another account, an organization or everyone use of a layer version (recorded; see
        :mod:`.layer_permissions`). https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html
        """
        return layer_permissions.add_layer_version_permission(self._service, params)

    @operation("GetLayerVersionPolicy")
    def get_layer_version_policy(self, **params: Any) -> dict[str, Any]:
        return layer_permissions.get_layer_version_policy(self._service, params)

    @operation("RemoveLayerVersionPermission")
    def remove_layer_version_permission(self, **params: Any) -> dict[str, Any]:
        return layer_permissions.remove_layer_version_permission(self._service, params)

    # -- concurrency -----------------------------------------------------------------------------------------
    @operation("GetAccountSettings")
    def get_account_settings(self, **params: Any) -> dict[str, Any]:
        return concurrency.get_account_settings(self._service, params)

    @operation("PutFunctionConcurrency")
    def put_function_concurrency(self, **params: Any) -> dict[str, Any]:
        return concurrency.put_function_concurrency(self._service, params)

    @operation("GetFunctionConcurrency")
    def get_function_concurrency(self, **params: Any) -> dict[str, Any]:
        return concurrency.get_function_concurrency(self._service, params)

    @operation("DeleteFunctionConcurrency")
    def delete_function_concurrency(self, **params: Any) -> dict[str, Any]:
        return concurrency.delete_function_concurrency(self._service, params)

    @operation("PutProvisionedConcurrencyConfig")
    def put_provisioned_concurrency_config(self, **params: Any) -> dict[str, Any]:
        return concurrency.put_provisioned_concurrency_config(self._service, params)

    @operation("ListProvisionedConcurrencyConfigs")
    def list_provisioned_concurrency_configs(self, **params: Any) -> dict[str, Any]:
        return concurrency.list_provisioned_concurrency_configs(self._service, params)

    @operation("GetProvisionedConcurrencyConfig")
    def get_provisioned_concurrency_config(self, **params: Any) -> dict[str, Any]:
        return concurrency.get_provisioned_concurrency_config(self._service, params)

    @operation("DeleteProvisionedConcurrencyConfig")
    def delete_provisioned_concurrency_config(self, **params: Any) -> dict[str, Any]:
        return concurrency.delete_provisioned_concurrency_config(self._service, params)

    # -- permissions -----------------------------------------------------------------------------------------
    @operation("AddPermission")
    def add_permission(self, **params: Any) -> dict[str, Any]:
        return permissions.add_permission(self._service, params)

    @operation("GetPolicy")
    def get_policy(self, **params: Any) -> dict[str, Any]:
        return permissions.get_policy(self._service, params)

    @operation("RemovePermission")
    def remove_permission(self, **params: Any) -> dict[str, Any]:
        return permissions.remove_permission(self._service, params)

    # -- asynchronous invocation settings ---------------------------------------------------------------------
    @operation("PutFunctionEventInvokeConfig")
    def put_function_event_invoke_config(self, **params: Any) -> dict[str, Any]:
        """Retries (0-2), maximum event age (60-21,600 s) and destinations for async invocations of a function,
        version or alias; replaces any earlier configuration. See :mod:`.event_invoke_config`."""
        return event_invoke_config.put_function_event_invoke_config(self._service, params)

    @operation("UpdateFunctionEventInvokeConfig")
    def update_function_event_invoke_config(self, **params: Any) -> dict[str, Any]:
        return event_invoke_config.update_function_event_invoke_config(self._service, params)

    @operation("GetFunctionEventInvokeConfig")
    def get_function_event_invoke_config(self, **params: Any) -> dict[str, Any]:
        return event_invoke_config.get_function_event_invoke_config(self._service, params)

    @operation("DeleteFunctionEventInvokeConfig")
    def delete_function_event_invoke_config(self, **params: Any) -> dict[str, Any]:
        return event_invoke_config.delete_function_event_invoke_config(self._service, params)

    @operation("ListFunctionEventInvokeConfigs")
    def list_function_event_invoke_configs(self, **params: Any) -> dict[str, Any]:
        return event_invoke_config.list_function_event_invoke_configs(self._service, params)

    # -- event source mappings ---------------------------------------------------------------------------------
    @operation("CreateEventSourceMapping")
    def create_event_source_mapping(self, **params: Any) -> dict[str, Any]:
        """Have Lambda poll an SQS queue, a Kinesis stream or a DynamoDB stream and invoke the function with
        batches of records. See :mod:`.esm`."""
        return esm_api.create_event_source_mapping(self._service, params)

    @operation("GetEventSourceMapping")
    def get_event_source_mapping(self, **params: Any) -> dict[str, Any]:
        return esm_api.get_event_source_mapping(self._service, params)

    @operation("UpdateEventSourceMapping")
    def update_event_source_mapping(self, **params: Any) -> dict[str, Any]:
        return esm_api.update_event_source_mapping(self._service, params)

    @operation("DeleteEventSourceMapping")
    def delete_event_source_mapping(self, **params: Any) -> dict[str, Any]:
        return esm_api.delete_event_source_mapping(self._service, params)

    @operation("ListEventSourceMappings")
    def list_event_source_mappings(self, **params: Any) -> dict[str, Any]:
        return esm_api.list_event_source_mappings(self._service, params)

    # -- tags ------------------------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        """Add or replace tags on a function (unqualified ARN) or an event source mapping. See :mod:`.tags`."""
        return tags.tag_resource(self._service, params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        return tags.untag_resource(self._service, params)

    @operation("ListTags")
    def list_tags(self, **params: Any) -> dict[str, Any]:
        return tags.list_tags(self._service, params)

    # -- function URLs -----------------------------------------------------------------------------------------
    @operation("CreateFunctionUrlConfig")
    def create_function_url_config(self, **params: Any) -> dict[str, Any]:
        """Give a function (or an alias) an HTTPS address, ``https://<url-id>.lambda-url.<region>.on.aws/``, that
        answers ``cloud.http_request``. A public URL (``AuthType="NONE"``) also needs the two permissions
        :mod:`.function_url_access` describes. See :mod:`.function_urls`."""
        return function_urls.create_function_url_config(self._service, params)

    @operation("GetFunctionUrlConfig")
    def get_function_url_config(self, **params: Any) -> dict[str, Any]:
        return function_urls.get_function_url_config(self._service, params)

    @operation("UpdateFunctionUrlConfig")
    def update_function_url_config(self, **params: Any) -> dict[str, Any]:
        return function_urls.update_function_url_config(self._service, params)

    @operation("DeleteFunctionUrlConfig")
    def delete_function_url_config(self, **params: Any) -> dict[str, Any]:
        return function_urls.delete_function_url_config(self._service, params)

    @operation("ListFunctionUrlConfigs")
    def list_function_url_configs(self, **params: Any) -> dict[str, Any]:
        return function_urls.list_function_url_configs(self._service, params)

    # -- invoke ----------------------------------------------------------------------------------------------
    @operation("Invoke")
    def invoke(self, **params: Any) -> dict[str, Any]:
        """Invoke a function. ``RequestResponse`` waits (on the virtual clock) for the result, as boto3 does;
        ``Event`` queues it and returns 202 at once; ``DryRun`` only checks the request and returns 204.

        A synchronous response has ``StatusCode``, ``ExecutedVersion``, a readable ``Payload`` and, when the
        function failed, ``FunctionError``; with ``LogType="Tail"`` also ``LogResult``: the base64-encoded last
        4 KB of the invocation's log. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
        """
        result = invocations.invoke(self._service, params, self._caller)
        assert result is not None
        return _response(result)

    @operation("InvokeAsync")
    def invoke_async(self, **params: Any) -> dict[str, Any]:
        """The deprecated asynchronous invoke ("For asynchronous function invocation, use Invoke"): the same
        path as ``Invoke(InvocationType="Event", Payload=InvokeArgs)``, answered with ``{"Status": 202}``.
        https://docs.aws.amazon.com/lambda/latest/api/API_InvokeAsync.html
        """
        event_params = {"FunctionName": params["FunctionName"], "InvocationType": "Event"}
        event_params["Payload"] = params["InvokeArgs"]
        result = invocations.invoke(self._service, event_params, self._caller)
        assert result is not None
        metadata: dict[str, Any] = {"HTTPStatusCode": 202}
        if result.request_id is not None:
            metadata["RequestId"] = result.request_id
        return {"Status": 202, "ResponseMetadata": metadata}

    def invoke_and_then(self, on_response: Callable[[dict[str, Any]], None], **params: Any) -> None:
        """Invoke, for code that runs *inside* the simulation (another service's event, e.g. a state machine's
        Task): the same operation, checks and errors as :meth:`invoke`, but instead of letting the clock run it
        calls ``on_response(response)`` at the virtual moment the invocation finishes (at once for ``Event``
        and ``DryRun``). Errors known at once (an unknown function, a throttle) raise ``ClientError`` here.

        A request sent once is checked and decoded once, by the same code as :meth:`invoke`; a request sent many
        times should use :meth:`prepare_invoke`.
        """
        finish = self._finish

        def done(result: invocations.InvokeResult) -> None:
            on_response(finish("Invoke", _response(result)))

        try:
            invocations.invoke(self._service, self._validated_params("Invoke", params), self._caller, done)
        except ServiceError as err:
            raise self._client_error("Invoke", err) from None

    def prepare_invoke(self, **params: Any) -> PreparedSender:
        """:meth:`invoke_and_then` for a request sent many times (a traffic generator's): the parameters are
        checked and the payload decoded once, here (``ParamValidationError`` / ``ClientError`` now); the sender
        returned sends the request once per call, ``send(on_response)``, each time the whole Invoke operation
        (resolved, admitted or throttled, run, answered) as :meth:`invoke_and_then` does.
        """
        try:
            prepared = invocations.PreparedInvoke(self._service, self._validated_params("Invoke", params), self._caller)
        except ServiceError as err:
            raise self._client_error("Invoke", err) from None
        return PreparedSender(self, prepared)


class PreparedSender:
    """The request :meth:`LambdaClient.prepare_invoke` checked: ``send(on_response)`` sends it once and hands
    ``on_response`` the boto3 response when the invocation finishes; ``send.outcome(on_outcome)`` sends it the
    same way (the same Invoke operation: resolved, admitted or throttled, run) for a caller that only needs to
    know whether the function failed, and hands ``on_outcome`` True exactly when that response would carry
    ``FunctionError``, without building the response nobody reads (a traffic generator's million requests). A
    throttle or another error raises ``ClientError`` at once either way."""

    __slots__ = ("_client", "_prepared")

    def __init__(self, client: LambdaClient, prepared: invocations.PreparedInvoke) -> None:
        self._client = client
        self._prepared = prepared

    def __call__(self, on_response: Callable[[dict[str, Any]], None]) -> None:
        finish = self._client._finish

        def done(result: invocations.InvokeResult) -> None:
            on_response(finish("Invoke", _response(result)))

        self._send(done)

    def outcome(self, on_outcome: Callable[[bool], None]) -> None:
        def done(result: invocations.InvokeResult) -> None:
            invocation = result.invocation
            on_outcome(invocation is not None and bool(invocation.function_error))  # as _response sets FunctionError

        self._send(done)

    def stream(
        self,
        arrivals: Iterator[float],
        sent: Callable[[], None],
        report: Callable[[str, float, float], None],
        ran: Callable[[Invocation], None] | None = None,
    ) -> None:
        """Send the request once at each of ``arrivals`` (absolute virtual seconds, in order), taken in stretches
        off the kernel's heap with the same results (:mod:`.stream`): ``sent()`` counts each request and
        ``report(outcome, arrival, at)`` says how it ended ("ok", "error" or "throttled"); ``ran`` is given each
        finished invocation's record first (what its REPORT line says: Billed Duration, Init Duration ...). A
        synchronous request only; an error other than a throttle raises ``ClientError`` out of the run, as one
        request would."""
        from .stream import SyncStream

        def client_error(err: ServiceError) -> Exception:
            return self._client._client_error("Invoke", err)

        SyncStream(self._prepared, client_error, arrivals, sent, report, ran)

    def _send(self, done: Callable[[invocations.InvokeResult], None]) -> None:
        try:
            self._prepared.send(done)
        except ServiceError as err:
            raise self._client._client_error("Invoke", err) from None


def _response(result: invocations.InvokeResult) -> dict[str, Any]:
    """The Invoke response boto3 returns for an invocation's result."""
    invocation = result.invocation
    response: dict[str, Any] = {"ResponseMetadata": {"HTTPStatusCode": result.status}, "StatusCode": result.status}
    if invocation is None:
        if result.request_id is not None:
            response["ResponseMetadata"]["RequestId"] = result.request_id
        response["Payload"] = StreamingBody(b"")
        response["ResponseMetadata"]["HTTPHeaders"] = _http_headers(response, None)
        return response
    response["ResponseMetadata"]["RequestId"] = invocation.request_id
    if invocation.function_error:
        response["FunctionError"] = invocation.function_error
    if result.log_tail:
        tail = invocation.log_text.encode("utf-8")[-limits.LAMBDA_LOG_TAIL_BYTES :]
        response["LogResult"] = base64.b64encode(tail).decode("ascii")
    response["ExecutedVersion"] = result.executed_version
    response["Payload"] = StreamingBody(invocation.payload)
    response["ResponseMetadata"]["HTTPHeaders"] = _http_headers(response, invocation.payload)
    return response


#: Invoke's response members bound to HTTP headers in the API reference's response syntax
#: (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html: ``X-Amz-Function-Error``, ``X-Amz-Log-Result``,
#: ``X-Amz-Executed-Version``; the status code is the HTTP status and the payload the body).
_INVOKE_HEADERS = (
    ("FunctionError", "x-amz-function-error"),
    ("LogResult", "x-amz-log-result"),
    ("ExecutedVersion", "x-amz-executed-version"),
)


def _http_headers(response: dict[str, Any], payload: bytes | None) -> dict[str, str]:
    """``ResponseMetadata.HTTPHeaders`` as a boto3 user sees them for an Invoke: the headers of the HTTP answer,
    names lower-cased as botocore stores them (botocore/parsers.py: ``response_metadata['HTTPHeaders'] =
    lowercase_dict(headers)``). The request id travels in ``x-amzn-RequestId``; the
    ``content-type`` of a synchronous answer's JSON body is ``application/json`` and its ``content-length`` the
    payload's size (neither is listed in the API reference; a pocketcloud model of the HTTP answer, the one moto's
    tests record). No ``date`` header: pocketcloud has no wall clock.
    """
    headers: dict[str, str] = {}
    request_id = response["ResponseMetadata"].get("RequestId")
    if request_id is not None:
        headers["x-amzn-requestid"] = str(request_id)
    if payload is not None:
        headers["content-type"] = "application/json"
    headers["content-length"] = str(len(payload or b""))
    for member, header in _INVOKE_HEADERS:
        if member in response:
            headers[header] = str(response[member])
    return headers
