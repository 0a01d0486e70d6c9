"""Calling an integrated Lambda function as API Gateway does: as its service principal, on the virtual clock.

**Permission.** API Gateway invokes a function through Lambda's public Invoke as ``apigateway.amazonaws.com``
with the method's ARN as the source, so the function's resource-based policy must allow it (``aws lambda
add-permission --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:...``); "Instead of supplying
an IAM role for credentials, you can call the add-permission command to add resource-based permissions. This is
what the API Gateway console does." The source ARN has the form
``arn:aws:execute-api:{region}:{account-id}:{api-id}/{stage}/{http-method}{resource-path}``, where the method and
path are those of the API's method or route (``ANY`` and ``/{proxy+}`` stay as they are; the ``$default`` route of
an HTTP API is ``{api-id}/{stage}/$default``), as LocalStack's parity-tested REST implementation builds it
(``get_source_arn``). A statement's ``SourceArn`` pattern such as ``arn:aws:execute-api:...:{api-id}/*/*/*``
then matches it with ``ArnLike`` wildcards.
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
An integration with ``credentials`` (an IAM role for API Gateway to assume) is invoked as the account instead:
pocketcloud does not model IAM roles, so the role's permissions are taken as granted.

**Errors.** "API Gateway treats all invocation and function errors as internal errors. If the Lambda API rejects
the invocation request, API Gateway returns a 500 error code. If the function runs but returns an error, or
returns a response in the wrong format, API Gateway returns a 502." "API Gateway does not retry any Lambda
invocations." A throttled invoke (``TooManyRequestsException``) is such a rejection: REST APIs answer it with 500
``{"message": "Internal server error"}``, not 429.
https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
https://repost.aws/knowledge-center/api-gateway-internal-server-error
Each API type maps the outcomes to its own responses (see the ``execute`` modules).

**Time.** The integration timeout runs on the virtual clock from the moment API Gateway sends the invoke: when it
passes first, the client gets its error response then, while the function keeps running to its own end (its
duration is billed and its logs written, as on AWS). API Gateway's own processing time around the integration is
a pocketcloud model (AWS publishes no figure; its ``Latency`` metric is ``IntegrationLatency`` plus API Gateway's
overhead): see :class:`Settings`.
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ClientError, ParamValidationError

if TYPE_CHECKING:
    from ...client import BaseClient
    from ...cloud import Cloud

PRINCIPAL = "apigateway.amazonaws.com"

OK = "ok"
FUNCTION_ERROR = "function_error"
REJECTED = "rejected"
TIMEOUT = "timeout"


@dataclass
class Settings:
    """API Gateway's processing time before and after the integration call: a pocketcloud model.

    AWS documents none of these numbers. The defaults are small, fixed (so runs are easy to read) and lower for
    HTTP APIs, which AWS describes as the lower-latency option
    (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html): REST APIs 8 ms before
    and 2 ms after the integration, HTTP APIs 3 ms and 1 ms. Labs may change them on the service state:
    ``RestApiService.settings`` (``cloud.backend("apigateway", RestApiService)``) and ``HttpApiService.settings``.
    """

    request_overhead_s: float
    response_overhead_s: float


REST_SETTINGS = Settings(request_overhead_s=0.008, response_overhead_s=0.002)
HTTP_SETTINGS = Settings(request_overhead_s=0.003, response_overhead_s=0.001)


@dataclass
class Outcome:
    """How one integration call ended: ``kind`` is OK, FUNCTION_ERROR, REJECTED or TIMEOUT."""

    kind: str
    payload: bytes = b""
    error: str | None = None
    integration_latency_ms: float = 0.0


def source_arn(region: str, account_id: str, api_id: str, stage: str, method: str, path: str) -> str:
    """``arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{method}{path}`` (``path`` starts with ``/``)."""
    return f"arn:aws:execute-api:{region}:{account_id}:{api_id}/{stage}/{method}{path}"


def render_stage_variables(text: str, variables: dict[str, str]) -> str:
    """Replace each ``${stageVariables.name}`` (an unknown name becomes empty, as API Gateway renders it).
    https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html
    """
    opener = "${stageVariables."
    if opener not in text:
        return text
    out: list[str] = []
    rest = text
    while True:
        start = rest.find(opener)
        end = rest.find("}", start) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(rest)
            return "".join(out)
        out.append(rest[:start])
        out.append(variables.get(rest[start + len(opener) : end], ""))
        rest = rest[end + 1 :]


def lambda_function(uri: str) -> str | None:
    """The function ARN an integration URI names: ``arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/
    {function-arn}/invocations``, or (HTTP APIs) the function ARN itself."""
    if uri.startswith("arn:aws:lambda:"):
        return uri
    marker = ":lambda:path/2015-03-31/functions/"
    at = uri.find(marker)
    if not uri.startswith("arn:aws:apigateway:") or at < 0 or not uri.endswith("/invocations"):
        return None
    return uri[at + len(marker) : -len("/invocations")]


class LambdaClients:
    """Lambda clients for one API, by (source ARN, credentials): built once per route and stage, not per request."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self._clients: dict[tuple[str, bool], BaseClient] = {}

    def get(self, arn: str, with_role: bool) -> Any:
        key = (arn, with_role)
        client = self._clients.get(key)
        if client is None:
            if with_role:
                client = self.cloud.client("lambda")
            else:
                client = self.cloud.service_client("lambda", PRINCIPAL, source_arn=arn)
            self._clients[key] = client
        return client


class _Call:
    """One integration call in flight. It answers exactly once; once it has, it lets go of the callback, so the
    timeout event left cancelled on the kernel's heap (until its time comes, 29-30 s later) holds no request,
    exchange or response: under steady traffic thousands of them wait there at once."""

    __slots__ = ("on_outcome", "started", "timeout_s", "timer")

    def __init__(self, on_outcome: Callable[[Outcome], None], started: float, timeout_s: float) -> None:
        self.on_outcome: Callable[[Outcome], None] | None = on_outcome
        self.started = started
        self.timeout_s = timeout_s
        self.timer: Any = None

    def answer(self) -> Callable[[Outcome], None] | None:
        """The callback, the first time only (None once the call has answered)."""
        on_outcome = self.on_outcome
        self.on_outcome = None
        return on_outcome


def _timed_out(call: _Call) -> None:
    on_outcome = call.answer()
    if on_outcome is not None:
        on_outcome(Outcome(TIMEOUT, b"", "Execution failed due to a timeout error", call.timeout_s * 1000))


def invoke(
    cloud: Cloud,
    client: Any,
    function_name: str,
    payload: bytes,
    timeout_s: float,
    on_outcome: Callable[[Outcome], None],
) -> None:
    """Invoke synchronously (``RequestResponse``) now; ``on_outcome`` gets the outcome when the function returns
    or when ``timeout_s`` passes first (whichever comes first, exactly once)."""
    call = _Call(on_outcome, cloud.now, timeout_s)
    kernel = cloud.kernel

    def finished(response: dict[str, Any]) -> None:
        answer = call.answer()
        if answer is None:
            return
        call.timer.cancel()
        latency = (kernel.now - call.started) * 1000
        body = response["Payload"].read()
        error = response.get("FunctionError")
        if error:
            answer(Outcome(FUNCTION_ERROR, body, f"Lambda function error ({error})", latency))
        else:
            answer(Outcome(OK, body, None, latency))

    try:
        client.invoke_and_then(finished, FunctionName=function_name, Payload=payload)
    except ClientError as err:
        details = err.response.get("Error", {})
        on_outcome(Outcome(REJECTED, b"", f"{details.get('Code')}: {details.get('Message')}"))
        return
    except ParamValidationError as err:
        on_outcome(Outcome(REJECTED, b"", str(err)))
        return
    call.timer = kernel.schedule(timeout_s, _timed_out, call)
