"""The state of Lambda in one cloud and how a FunctionName + Qualifier finds what it names.

The operations themselves live in small modules, one idea each (:mod:`.functions`, :mod:`.versions`,
:mod:`.layers`, :mod:`.concurrency`, :mod:`.permissions`, :mod:`.invocations`, :mod:`.event_invoke_config`,
:mod:`.esm`); the async queue is :mod:`.async_queue`; the client only shapes requests and responses.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ..logs.backend import LogsBackend
from .arns import function_arn, parse_function_ref
from .destinations import FAILURE_LOG_SIZE
from .models import Alias, Function, FunctionVersion, LayerVersion
from .sandbox import TASK_ROOT, ModuleIndex

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .invoke import Invocation

#: How many invocation records a cloud keeps for :meth:`LambdaService.remember`.
RECENT_INVOCATIONS = 1_000


@dataclass
class Layer:
    """All versions of one layer name. Version numbers are never reused, even after a delete."""

    name: str
    versions: dict[int, LayerVersion] = field(default_factory=dict)
    next_version: int = 1


@dataclass
class Target:
    """What a FunctionName (+ Qualifier) names: a function and a version, directly or through an alias."""

    function: Function
    qualifier: str  # "$LATEST", a version number, or an alias name
    version: FunctionVersion  # for an alias: its primary version
    alias: Alias | None
    arn: str  # the ARN as invoked (unqualified when no qualifier was given)


@dataclass
class Settings:
    """Behaviour-model settings that AWS does not publish, with documented defaults (see the lifecycle page).

    ``idle_reclaim_s``: how long an idle execution environment is kept before Lambda shuts it down. AWS only
    says environments are kept "for some time" and reclaimed when idle; public measurements put it between
    about 5 and 15 minutes, so the default is 10 minutes and labs can change it to explore.
    https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-shutdown
    """

    idle_reclaim_s: float = 600.0
    #: How long an event waits in Lambda's internal async queue before a poller picks it up, when nothing
    #: throttles it. AWS publishes no figure; it is small next to typical durations: 20 ms, for readability.
    async_queue_delay_s: float = 0.020
    #: The share of successfully processed async events delivered a second time ("it's possible for it to receive
    #: the same event from Lambda multiple times because the queue itself is eventually consistent",
    #: invocation-async-error-handling). AWS gives no rate: 0 (off) by default; labs on idempotency raise it.
    async_duplicate_rate: float = 0.0
    #: How long an event source mapping stays in a transitional state (Creating, Enabling, Updating, Disabling,
    #: Deleting) before Lambda finishes the change. AWS documents no figure; its console shows "Creating" for a
    #: few seconds: 5 s of virtual time here (see :mod:`.esm.model`).
    esm_transition_s: float = 5.0


class LambdaService:
    """Functions and layers by name, and the execution environments behind them."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.functions: dict[str, Function] = {}
        self.layers: dict[str, Layer] = {}
        self.logs: LogsBackend = cloud.backend("logs", LogsBackend)
        self.settings = Settings()
        #: Events accepted by asynchronous Invoke and not yet processed (or retrying).
        self.async_events: list[Any] = []
        #: Events Lambda gave up on (retries exhausted, too old) with no destination or DLQ to send them to, with
        #: the condition (see :mod:`.async_queue`).
        self.dropped_events: list[tuple[Any, str]] = []
        #: Records and dead letters Lambda could not deliver (see :mod:`.destinations`), the most recent last.
        self.delivery_failures: deque[Any] = deque(maxlen=FAILURE_LOG_SIZE)
        #: Event source mappings by UUID (see :mod:`.esm`).
        self.event_source_mappings: dict[str, Any] = {}
        #: The most recent invocations by request ID, so helpers can explain a response (bounded: a long
        #: simulation must not grow without limit).
        self.recent: OrderedDict[str, Invocation] = OrderedDict()
        self._indexes: dict[tuple[int, tuple[str, ...], str], ModuleIndex] = {}
        #: Invocations in flight across all functions, and the functions with reserved concurrency.
        self.in_flight = 0
        self.reserved: dict[str, Function] = {}

    def remember(self, invocation: Invocation) -> None:
        self.recent[invocation.request_id] = invocation
        if len(self.recent) > RECENT_INVOCATIONS:
            self.recent.popitem(last=False)

    # -- names -----------------------------------------------------------------------------------------------
    def arn(self, name: str, qualifier: str | None = None) -> str:
        return function_arn(self.cloud.region, self.cloud.account_id, name, qualifier)

    def function(self, ref: Any) -> tuple[Function, str | None]:
        """The function a FunctionName names (ignoring any qualifier) and the qualifier it carried."""
        name, ref_qualifier = parse_function_ref(ref, self.cloud.region, self.cloud.account_id)
        function = self.functions.get(name)
        if function is None:
            raise ServiceError("ResourceNotFoundException", f"Function not found: {self.arn(name, ref_qualifier)}", 404)
        return function, ref_qualifier

    def resolve(self, ref: Any, qualifier: str | None = None) -> Target:
        """Find a function version from any accepted FunctionName form and an optional Qualifier."""
        function, ref_qualifier = self.function(ref)
        if qualifier is not None and ref_qualifier is not None and qualifier != ref_qualifier:
            raise ServiceError(
                "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.",
            )
        qualifier = qualifier if qualifier is not None else ref_qualifier
        name = function.name
        if qualifier is None or qualifier == "$LATEST":
            return Target(function, "$LATEST", function.latest, None, self.arn(name, qualifier))
        if qualifier in function.versions:
            return Target(function, qualifier, function.versions[qualifier], None, self.arn(name, qualifier))
        alias = function.aliases.get(qualifier)
        if alias is not None:
            version = self.version(function, alias.function_version)
            return Target(function, qualifier, version, alias, self.arn(name, qualifier))
        raise ServiceError("ResourceNotFoundException", f"Function not found: {self.arn(name, qualifier)}", 404)

    def version(self, function: Function, number: str) -> FunctionVersion:
        if number == "$LATEST":
            return function.latest
        try:
            return function.versions[number]
        except KeyError:
            raise ServiceError(
                "ResourceNotFoundException", f"Function not found: {self.arn(function.name, number)}", 404
            ) from None

    # -- code ------------------------------------------------------------------------------------------------
    def module_index(self, version: FunctionVersion) -> ModuleIndex:
        """The modules a version can import: its own code first (``/var/task``), then its layers (``/opt``).

        Layers are extracted into ``/opt`` in the order the function lists them, so a later layer's file
        replaces an earlier layer's file at the same path. Lambda puts ``/var/task`` before the layer paths
        on ``sys.path``, so the function's own modules win over any layer's.
        https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths
        """
        key = (id(version.code), tuple(layer.arn for layer in version.layers), version.runtime)
        index = self._indexes.get(key)
        if index is None:
            site_prefix = f"python/lib/{version.runtime}/site-packages/"
            site_packages: dict[str, bytes] = {}
            python: dict[str, bytes] = {}
            opt: dict[str, bytes] = {}
            for layer in version.layers:
                for path, data in layer.content.files.items():
                    opt[path] = data
                    if path.startswith(site_prefix):
                        site_packages[path[len(site_prefix) :]] = data
                    elif path.startswith("python/"):
                        python[path[len("python/") :]] = data
            index = ModuleIndex(
                [
                    (TASK_ROOT, version.code.files),
                    (f"/opt/{site_prefix.rstrip('/')}", site_packages),
                    ("/opt/python", python),
                ],
                mounts={TASK_ROOT: version.code.files, "/opt": opt},
            )
            self._indexes[key] = index
        return index
