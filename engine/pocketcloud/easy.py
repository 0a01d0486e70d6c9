"""The Pythonic layer: deploy a Python function as a Lambda function with a decorator, and read results easily.

Everything here calls the same boto3-shaped API a learner would call (``create_function``, ``invoke``), never
a side door, so what the helpers show is exactly what the API did. They exist to keep a lesson's first steps
short; the labs then show the API underneath.

>>> from pocketcloud import Cloud
>>> cloud = Cloud(seed=0)
>>> @cloud.function(memory_size=256)
... def hello(event, context):
...     return {"hello": event["name"]}
>>> result = hello.invoke({"name": "pocketcloud"})
>>> result.payload, result.cold_start
({'hello': 'pocketcloud'}, True)
"""

from __future__ import annotations

import ast
import base64
import html
import inspect
import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .packaging import zip_code
from .pricing import PricingError, price_invocation

if TYPE_CHECKING:
    from .cloud import Cloud
    from .services.awslambda.invoke import Invocation

DEFAULT_ROLE = "arn:aws:iam::{account}:role/pocketcloud-lambda-role"
DEFAULT_RUNTIME = "python3.13"
#: Prices come from the first region with a verified table when the cloud's own region has none (see pricing).
FALLBACK_PRICE_REGION = "us-east-1"


def function_source(fn: Callable[..., Any]) -> str:
    """The source of ``fn`` as a module: its own ``def`` (decorators removed), dedented."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError) as exc:
        raise ValueError(
            f"cannot read the source of {fn.__name__!r} ({exc}); pass source= with the module code instead"
        ) from None
    tree = ast.parse(source)
    node = tree.body[0]
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        raise ValueError(f"{fn.__name__!r} is not a plain function")
    lines = source.splitlines()
    return "\n".join(lines[node.lineno - 1 :]) + "\n"


@dataclass
class InvokeResult:
    """An Invoke response read for a human: payload, cold or warm, durations, log lines and cost."""

    response: dict[str, Any]
    payload: Any
    invocation: Invocation | None
    region: str

    @classmethod
    def from_response(cls, cloud: Cloud, response: dict[str, Any]) -> InvokeResult:
        """Wrap an ``invoke`` response (reads its Payload stream once)."""
        from .services.awslambda.service import LambdaService

        raw = response["Payload"].read()
        payload = json.loads(raw) if raw else None
        request_id = response.get("ResponseMetadata", {}).get("RequestId")
        service: LambdaService = cloud.backend("lambda", LambdaService)
        return cls(response, payload, service.recent.get(request_id or ""), cloud.region)

    @property
    def status_code(self) -> int:
        return int(self.response["StatusCode"])

    @property
    def function_error(self) -> str | None:
        return self.response.get("FunctionError")

    @property
    def executed_version(self) -> str | None:
        return self.response.get("ExecutedVersion")

    @property
    def request_id(self) -> str | None:
        return self.invocation.request_id if self.invocation else None

    @property
    def cold_start(self) -> bool:
        return bool(self.invocation and self.invocation.cold_start)

    @property
    def duration_ms(self) -> float | None:
        return self.invocation.duration_ms if self.invocation else None

    @property
    def init_ms(self) -> float | None:
        return self.invocation.init_duration_ms if self.invocation else None

    @property
    def billed_ms(self) -> int | None:
        return self.invocation.billed_duration_ms if self.invocation else None

    @property
    def memory_used_mb(self) -> int | None:
        return self.invocation.max_memory_used_mb if self.invocation else None

    @property
    def logs(self) -> list[str]:
        """This invocation's log lines, START to REPORT."""
        return list(self.invocation.log_lines) if self.invocation else []

    @property
    def cost(self) -> Decimal | None:
        """List price of this invocation in USD (one request + its GB-seconds), or None if it did not run."""
        inv = self.invocation
        if inv is None:
            return None
        total: Decimal = self._price().total_usd
        return total

    @property
    def price_region(self) -> str:
        try:
            price_invocation(128, 1, region=self.region)
        except PricingError:
            return FALLBACK_PRICE_REGION
        return self.region

    def _price(self) -> Any:
        inv = self.invocation
        assert inv is not None
        return price_invocation(
            inv.memory_size_mb, inv.billed_duration_ms, inv.architecture, self.price_region, provisioned=inv.provisioned
        )

    def __repr__(self) -> str:
        if self.invocation is None:
            return f"InvokeResult(status_code={self.status_code})"
        kind = "cold" if self.cold_start else "warm"
        return (
            f"InvokeResult({kind}, payload={self.payload!r}, duration_ms={self.duration_ms:.2f}, "
            f"billed_ms={self.billed_ms}, error={self.function_error!r})"
        )

    def _repr_html_(self) -> str:
        """A compact card for notebooks and the site's runner; every value is HTML-escaped."""
        e = html.escape
        if self.invocation is None:
            return f"<div class='pc-result'><b>StatusCode {self.status_code}</b></div>"
        inv = self.invocation
        kind = ("COLD", "#c2410c") if inv.cold_start else ("warm", "#15803d")
        error = f" · <b style='color:#b91c1c'>{e(self.function_error)}</b>" if self.function_error else ""
        init = f" + init {inv.init_duration_ms:.2f} ms" if inv.init_duration_ms is not None else ""
        cost = self.cost
        cost_text = f"${cost:.10f}".rstrip("0") if cost is not None else "—"
        payload = e(json.dumps(self.payload, ensure_ascii=False, indent=1)[:2000])
        logs = e("\n".join(self.logs)[-4000:])
        return (
            "<div class='pc-result' style='font-family:sans-serif;font-size:13px;border:1px solid #ccc;"
            "border-radius:6px;padding:8px;max-width:760px'>"
            f"<span style='background:{kind[1]};color:#fff;border-radius:4px;padding:1px 6px'>{kind[0]}</span>"
            f" <b>{e(inv.function_name)}</b>:{e(inv.version)}{error}<br>"
            f"duration {inv.duration_ms:.2f} ms{init} · billed {inv.billed_duration_ms} ms · "
            f"{inv.memory_size_mb} MB (used {inv.max_memory_used_mb} MB) · {e(cost_text)} "
            f"<small>({e(self.price_region)} price)</small>"
            f"<pre style='margin:6px 0;background:#f6f8fa;padding:4px'>{payload}</pre>"
            f"<details><summary>log</summary><pre style='font-size:12px'>{logs}</pre></details></div>"
        )


class DeployedFunction:
    """A Lambda function created from a Python function; invoke it, change it, publish it."""

    def __init__(self, cloud: Cloud, name: str) -> None:
        self.cloud = cloud
        self.name = name
        self.client: Any = cloud.client("lambda")

    @property
    def arn(self) -> str:
        return str(self.client.get_function(FunctionName=self.name)["Configuration"]["FunctionArn"])

    def invoke(self, event: Any = None, *, qualifier: str | None = None, **params: Any) -> InvokeResult:
        """Invoke synchronously with ``event`` (JSON-serialisable) and return an :class:`InvokeResult`."""
        request: dict[str, Any] = {"FunctionName": self.name, "Payload": json.dumps({} if event is None else event)}
        if qualifier is not None:
            request["Qualifier"] = qualifier
        request.update(params)
        return InvokeResult.from_response(self.cloud, self.client.invoke(**request))

    def invoke_async(self, event: Any = None, *, qualifier: str | None = None) -> int:
        """Queue an asynchronous invocation (InvocationType="Event"); returns the StatusCode, 202."""
        request: dict[str, Any] = {
            "FunctionName": self.name,
            "InvocationType": "Event",
            "Payload": json.dumps({} if event is None else event),
        }
        if qualifier is not None:
            request["Qualifier"] = qualifier
        return int(self.client.invoke(**request)["StatusCode"])

    def __call__(self, event: Any = None) -> Any:
        """Invoke and return just the payload."""
        return self.invoke(event).payload

    def configure(self, **params: Any) -> dict[str, Any]:
        """UpdateFunctionConfiguration with AWS parameter names, e.g. ``configure(MemorySize=512)``."""
        result: dict[str, Any] = self.client.update_function_configuration(FunctionName=self.name, **params)
        return result

    def publish(self, description: str = "") -> str:
        """PublishVersion; returns the version number."""
        return str(self.client.publish_version(FunctionName=self.name, Description=description)["Version"])

    def logs(self) -> list[str]:
        """Every log line of every environment of this function, in time order (via the logs client)."""
        logs: Any = self.cloud.client("logs")
        group = f"/aws/lambda/{self.name}"
        events = logs.filter_log_events(logGroupName=group)["events"]
        return [event["message"] for event in events]

    def __repr__(self) -> str:
        return f"<DeployedFunction {self.name}>"


def deploy(
    cloud: Cloud,
    fn: Callable[..., Any] | None = None,
    *,
    name: str | None = None,
    source: str | None = None,
    handler_name: str | None = None,
    setup: str = "",
    memory_size: int = 128,
    timeout: int = 3,
    environment: dict[str, str] | None = None,
    layers: Sequence[str] = (),
    runtime: str = DEFAULT_RUNTIME,
    architecture: str = "x86_64",
    role: str | None = None,
) -> DeployedFunction:
    """Create a Lambda function whose handler is ``fn`` (or module ``source`` with ``handler_name``).

    The function's module is ``setup`` (e.g. imports, globals for the Init phase) followed by ``fn``'s own source;
    it runs in its own execution environment, so it cannot see the notebook's variables.
    """
    if fn is not None:
        handler_name = handler_name or fn.__name__
        module = (setup.rstrip() + "\n\n\n" if setup else "") + function_source(fn)
    elif source is not None and handler_name:
        module = source
    else:
        raise ValueError("deploy() needs a function, or source= and handler_name=")
    name = name or handler_name.replace("_", "-")
    params: dict[str, Any] = {
        "FunctionName": name,
        "Runtime": runtime,
        "Role": role or DEFAULT_ROLE.format(account=cloud.account_id),
        "Handler": f"app.{handler_name}",
        "Code": {"ZipFile": zip_code({"app.py": module})},
        "MemorySize": memory_size,
        "Timeout": timeout,
        "Architectures": [architecture],
    }
    if environment:
        params["Environment"] = {"Variables": dict(environment)}
    if layers:
        params["Layers"] = list(layers)
    client: Any = cloud.client("lambda")
    client.create_function(**params)
    return DeployedFunction(cloud, name)


def function_decorator(cloud: Cloud, **options: Any) -> Callable[[Callable[..., Any]], DeployedFunction]:
    """``@cloud.function(...)``: deploy the decorated Python function as a Lambda function."""

    def wrap(fn: Callable[..., Any]) -> DeployedFunction:
        return deploy(cloud, fn, **options)

    return wrap


def decode_log(response: dict[str, Any]) -> str:
    """The text of an Invoke response's ``LogResult`` (present with ``LogType="Tail"``)."""
    return base64.b64decode(response.get("LogResult", "")).decode("utf-8", "replace")
