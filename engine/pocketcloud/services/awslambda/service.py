"""The state of Lambda in one cloud and how a FunctionName + Qualifier finds what it names.

The operations themselves live in small modules, one idea each (:mod:`.functions`, :mod:`.versions`,
:mod:`.layers`, :mod:`.concurrency`, :mod:`.permissions`, :mod:`.invocations`, :mod:`.event_invoke_config`,
:mod:`.esm`, :mod:`.tags`, :mod:`.function_urls`); the async queue is :mod:`.async_queue`; the client only shapes
requests and responses.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ..logs.backend import LogsBackend
from .arns import function_arn, parse_function_ref
from .cw_metrics import LambdaMetrics
from .destinations import FAILURE_LOG_SIZE
from .models import Alias, Function, FunctionVersion, LayerVersion
from .placement import WorkerFleet
from .sandbox import TASK_ROOT, ModuleIndex
from .trace import LambdaTrace

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .records import Invocation

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
    #: The account's concurrency quota in this Region: "Concurrent executions", quota code L-B99A9384, 1,000 by
    #: default. On AWS it is raised through Service Quotas; here a lab sets it on the cloud
    #: (``cloud.lambda_settings.account_concurrency = 3000``), and GetAccountSettings reports it.
    #: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    account_concurrency: int = limits.LAMBDA_ACCOUNT_CONCURRENCY
    #: microVM slots per worker host in pocketcloud's placement model (see :mod:`.placement`; not an AWS figure).
    worker_slots: int = 8


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
        #: The most recent invocations, so helpers can explain a response (bounded: a long simulation must not
        #: grow without limit); :attr:`recent` reads them by request ID. ``remember`` is the deque's own append,
        #: as it is on every invocation's path.
        self._recent: deque[Invocation] = deque(maxlen=RECENT_INVOCATIONS)
        self.remember = self._recent.append
        self._recent_view: tuple[Invocation | None, OrderedDict[str, Invocation]] = (None, OrderedDict())
        #: Function URLs by URL ID (see :mod:`.function_urls`), and the last requests to them:
        #: (request ID, URL ID, status, why it failed or None), the most recent last.
        self.function_urls: dict[str, Any] = {}
        self.url_requests: deque[tuple[str, str, int, str | None]] = deque(maxlen=RECENT_INVOCATIONS)
        self._indexes: dict[tuple[int, tuple[str, ...], str], ModuleIndex] = {}
        #: Invocations in flight across all functions, and the functions with reserved concurrency.
        self.in_flight = 0
        self.reserved: dict[str, Function] = {}
        #: Invocations in flight that use the account's unreserved concurrency (see :mod:`.admission`), and the
        #: provisioned concurrency allocated to functions without reserved concurrency (it comes out of that pool).
        self.unreserved_in_flight = 0
        self.reserved_sum = 0
        self.provisioned_unreserved = 0
        #: Requests counted in the current one-second window: [second, count] for the account, per function.
        self.rate_window: list[int] = [-1, 0]
        self.function_rate: dict[str, list[int]] = {}
        #: What (FunctionName, Qualifier) pairs resolved to (see :meth:`resolve`).
        self._targets: dict[tuple[str, str | None], Target] = {}
        #: Every invocation's path and every throttle (``cloud.lambda_trace``), the worker hosts environments are
        #: placed on, and the CloudWatch metrics Lambda emits (into ``cloud.metrics``).
        self.trace = LambdaTrace()
        self.fleet = WorkerFleet(self.settings)
        self.metrics = LambdaMetrics(cloud)

    @property
    def unreserved_pool(self) -> int:
        """UnreservedConcurrentExecutions: the account's concurrency minus all reserved concurrency and the
        provisioned concurrency of functions without reserved concurrency ("Provisioned concurrency counts towards
        a function's reserved concurrency and Regional quotas", lambda-concurrency)."""
        return max(0, self.settings.account_concurrency - self.reserved_sum - self.provisioned_unreserved)

    @property
    def claimed_allocations(self) -> int:
        """Concurrency claimed whether used or not: all reserved, plus provisioned outside reserved."""
        return self.reserved_sum + self.provisioned_unreserved

    def recount(self) -> None:
        """Recompute the allocations after a reserved or provisioned concurrency change (or a deletion)."""
        self.reserved_sum = sum(f.reserved_concurrency or 0 for f in self.reserved.values())
        self.provisioned_unreserved = sum(
            config.requested
            for function in self.functions.values()
            if function.reserved_concurrency is None
            for config in function.provisioned.values()
        )

    @property
    def recent(self) -> OrderedDict[str, Invocation]:
        """The last :data:`RECENT_INVOCATIONS` invocations by request ID, oldest first (an async event's retries
        share one request ID: the entry is the latest attempt). Built from the log when it has changed."""
        log = self._recent
        last = log[-1] if log else None
        seen, view = self._recent_view
        if last is not seen:
            view = OrderedDict()
            for invocation in log:
                view[invocation.request_id] = invocation
            self._recent_view = (last, view)
        return view

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
        """Find a function version from any accepted FunctionName form and an optional Qualifier.

        The answer for a name is kept and given again while what it named is unchanged (the same function
        object, and the same version for $LATEST, a version number or an alias), which is checked on every call:
        resolving is on every invoke's path."""
        key = (ref, qualifier) if ref.__class__ is str else None
        if key is not None:
            known = self._targets.get(key)
            if known is not None and self._current(known):
                return known
        target = self._resolve(ref, qualifier)
        if key is not None:
            if len(self._targets) >= 1_000:
                self._targets.clear()
            self._targets[key] = target
        return target

    def _current(self, target: Target) -> bool:
        """Whether ``target`` is still what its name resolves to (see :meth:`resolve`)."""
        function = target.function
        if self.functions.get(function.name) is not function:
            return False
        qualifier = target.qualifier
        if qualifier == "$LATEST":
            return function.latest is target.version
        alias = target.alias
        if alias is None:
            return function.versions.get(qualifier) is target.version
        if function.aliases.get(qualifier) is not alias:
            return False
        number = alias.function_version
        return (function.latest if number == "$LATEST" else function.versions.get(number)) is target.version

    def _resolve(self, ref: Any, qualifier: str | None = None) -> Target:
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
