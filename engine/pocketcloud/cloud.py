"""The Cloud: one virtual clock, one seeded random source, and the simulated services that share them."""

from __future__ import annotations

import math
import random
import re
from typing import TYPE_CHECKING, Any

from .errors import PocketCloudError
from .kernel import Kernel

if TYPE_CHECKING:
    from .client import BaseClient
    from .http import HttpResponse, HttpRouter
    from .metrics import MetricStore

#: The latest virtual time a cloud can reach: 100 years after it was created.
MAX_VIRTUAL_SECONDS = 100 * 365.25 * 24 * 3600

_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")
_ACCOUNT = re.compile(r"^\d{12}$")
#: A version-4 UUID's fixed bits (RFC 9562): the version nibble (0100) and the variant (10), cleared then set.
_UUID4_CLEAR = ~(0xF000 << 64) & ~(0xC000 << 48)
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)

#: Which AWS partition a Region belongs to, from the ``regionRegex`` of each partition in botocore's
#: ``data/partitions.json`` (botocore 1.44.5, checked 2026-12-01): the China Regions are ``aws-cn``, the GovCloud
#: Regions ``aws-us-gov``, the isolated Regions ``aws-iso*``, every other Region ``aws``. An ARN starts with its
#: partition: ``arn:aws-cn:logs:cn-north-1:...``. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
_PARTITIONS = (
    (re.compile(r"^cn-\w+-\d+$"), "aws-cn"),
    (re.compile(r"^us-gov-\w+-\d+$"), "aws-us-gov"),
    (re.compile(r"^us-iso-\w+-\d+$"), "aws-iso"),
    (re.compile(r"^us-isob-\w+-\d+$"), "aws-iso-b"),
    (re.compile(r"^eu-isoe-\w+-\d+$"), "aws-iso-e"),
    (re.compile(r"^us-isof-\w+-\d+$"), "aws-iso-f"),
)


def partition_of(region: str) -> str:
    """The partition of ``region``: ``aws-cn`` for ``cn-north-1``, ``aws-us-gov`` for ``us-gov-west-1``, or ``aws``."""
    for pattern, partition in _PARTITIONS:
        if pattern.match(region):
            return partition
    return "aws"


class UnknownServiceError(PocketCloudError):
    """``cloud.client("name")`` for a service pocketcloud does not simulate (botocore's message)."""


class Cloud:
    """A private, deterministic AWS account in one region.

    ``Cloud(seed=0)`` always produces the same request IDs, durations and log stream names for the same
    sequence of calls. Time only moves when the cloud does work or when you call :meth:`run`; nothing here
    reads the wall clock.

    >>> cloud = Cloud(seed=0)
    >>> cloud.now
    0.0
    >>> cloud.run(until=60)
    60.0
    """

    #: The simulation is not part of any function's data: the Lambda memory model stops its walk here (see
    #: :mod:`pocketcloud.services.awslambda.memory`), as a real client's service lives on the other side of the API.
    pocketcloud_outside_function = True

    def __init__(self, seed: int = 0, region: str = "ap-northeast-2", account_id: str = "123456789012") -> None:
        if not _REGION.match(region):
            raise ValueError(f"Provided region_name '{region}' doesn't match a supported format.")
        if not _ACCOUNT.match(account_id):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}")
        self.seed = seed
        self.region = region
        #: The AWS partition of the Region, the second field of every ARN this cloud makes (see :func:`partition_of`).
        self.partition = partition_of(region)
        self.account_id = account_id
        self.kernel = Kernel()
        #: Random source for behaviour models (durations, jitter). Separate from IDs so that asking for an
        #: extra request ID never changes a simulated duration.
        self.random = random.Random(seed)
        self._ids = random.Random(f"ids:{seed}")
        self._backends: dict[str, Any] = {}

    @property
    def now(self) -> float:
        """Virtual time in seconds since the cloud was created."""
        return self.kernel.now

    @property
    def kernel_running(self) -> bool:
        return self.kernel.running

    @property
    def simulating(self) -> bool:
        """True while simulated code runs: a scheduled event, or a Lambda handler (whose clock is its own).

        Code that would let the clock run for its caller (a blocking long poll, a synchronous invoke) checks
        this: from inside the simulation it must not move the clock.
        """
        from .services.awslambda.sandbox import current_clock

        return self.kernel.running or current_clock() is not None

    def run(self, until: float | None = None) -> float:
        """Advance the clock until nothing is scheduled (background pollers that have found nothing more to do do
        not count), or until virtual time ``until``; return ``now``.

        ``until`` is a number of virtual seconds since the cloud was created, not before ``now`` and at most
        :data:`MAX_VIRTUAL_SECONDS` (100 years: far beyond anything AWS keeps, and still a valid date).
        """
        if until is not None:
            if isinstance(until, bool) or not isinstance(until, (int, float)):
                raise TypeError(f"until must be a number of virtual seconds, not {type(until).__name__}")
            if not math.isfinite(until):
                raise ValueError(f"until must be a finite number of virtual seconds, got {until}")
            if until > MAX_VIRTUAL_SECONDS:
                raise ValueError(
                    f"until={until:g} is beyond pocketcloud's horizon of {MAX_VIRTUAL_SECONDS:g} virtual seconds "
                    "(100 years)"
                )
            if until < self.kernel.now:
                raise ValueError(f"until={until} is before now={self.kernel.now} (virtual time only moves forward)")
        return self.kernel.run(until)

    def client(self, service_name: str, region_name: str | None = None, **_boto3_kwargs: Any) -> BaseClient:
        """A boto3-shaped client for a simulated service, e.g. ``cloud.client("lambda")``.

        Keyword arguments boto3 accepts (endpoint_url, credentials, config) are accepted and ignored, so that
        ``boto3.client`` calls can be pasted in. A different ``region_name`` is refused: one Cloud is one region.
        """
        from .services import CLIENTS

        if region_name is not None and region_name != self.region:
            raise ValueError(
                f"this Cloud simulates {self.region}; create Cloud(region={region_name!r}) for another region"
            )
        factory = CLIENTS.get(service_name)
        if factory is None:
            raise UnknownServiceError(
                f"Unknown service: '{service_name}'. Valid service names are: {', '.join(sorted(CLIENTS))}"
            )
        return factory(self)

    def service_client(
        self,
        service_name: str,
        principal: str,
        source_arn: str | None = None,
        source_account: str | None = None,
        source_owner: str | None = None,
    ) -> BaseClient:
        """A client for one AWS service calling another on a resource's behalf, e.g. S3 delivering a bucket's
        notification to Lambda as ``s3.amazonaws.com``: the called service checks its resource-based policy.
        ``source_owner`` is the ``aws:SourceOwner`` the call carries (see :class:`~pocketcloud.client.Caller`).

        Services use this; learners use :meth:`client`, which calls as the account itself.
        """
        from .client import Caller
        from .services import CLIENTS

        factory = CLIENTS.get(service_name)
        if factory is None:
            raise UnknownServiceError(f"Unknown service: '{service_name}'")
        caller = Caller(principal, source_arn, source_account or self.account_id, source_owner)
        return factory(self, caller)

    def backend(self, service_name: str, factory: Any) -> Any:
        """The one state object of a service in this cloud, shared by all its clients."""
        state = self._backends.get(service_name)
        if state is None:
            state = self._backends[service_name] = factory(self)
        return state

    @property
    def metrics(self) -> MetricStore:
        """Every metric data point the simulated services emitted and PutMetricData sent (read them with
        ``cloud.client("cloudwatch")``, or as plain Python: see :mod:`pocketcloud.metrics`)."""
        from .metrics import MetricStore

        store: MetricStore = self.backend("metrics", MetricStore)
        return store

    @property
    def lambda_settings(self) -> Any:
        """Lambda's behaviour-model settings for this cloud, e.g. ``cloud.lambda_settings.idle_reclaim_s``."""
        from .services.awslambda.service import LambdaService

        return self.backend("lambda", LambdaService).settings

    @property
    def lambda_trace(self) -> Any:
        """Every recent Lambda invocation's path (frontend or async queue, worker host and microVM slot, cold or
        warm, queue wait, Init and run) and every throttle: print it, filter it, draw its lanes.
        See :mod:`pocketcloud.services.awslambda.trace`."""
        from .services.awslambda.service import LambdaService

        return self.backend("lambda", LambdaService).trace

    def lambda_esm_activity(self, uuid: str) -> Any:
        """What an event source mapping's pollers did and when: polls and what they fetched, filtered records,
        batches invoked and their results, deletes, retries, discards, scaling (a learner's view; the API is
        ``cloud.client("lambda").get_event_source_mapping``). See :mod:`pocketcloud.services.awslambda.esm.activity`.
        """
        from .services.awslambda.esm.api import activity
        from .services.awslambda.service import LambdaService

        return activity(self.backend("lambda", LambdaService), uuid)

    # -- HTTP endpoints ----------------------------------------------------------------------------------------
    @property
    def http(self) -> HttpRouter:
        """The cloud's registry of HTTP endpoints (host -> the service that answers), see :mod:`pocketcloud.http`."""
        router: HttpRouter | None = self._backends.get("http")
        if router is None:
            from .http import HttpRouter

            router = self.backend("http", HttpRouter)
        return router

    def http_request(
        self, method: str, url: str, headers: Any = None, body: Any = None, *, source_ip: str | None = None
    ) -> HttpResponse:
        """Send an HTTP request to a simulated endpoint and return ``{"statusCode", "headers", "body", ...}``.

        The query string goes in the URL. Outside the simulation the virtual clock runs until the response
        arrives, as a real client waits; inside it use :meth:`http_request_and_then`.
        ``cloud.http_request("GET", api["ApiEndpoint"] + "/hello?name=me")``
        """
        return self.http.request(method, url, headers, body, source_ip)

    def http_request_and_then(
        self,
        on_response: Any,
        method: str,
        url: str,
        headers: Any = None,
        body: Any = None,
        *,
        source_ip: str | None = None,
    ) -> None:
        """Send an HTTP request from inside the simulation: ``on_response(response)`` is called at the virtual
        moment the response reaches the client; the clock is never moved here."""
        self.http.request_and_then(on_response, method, url, headers, body, source_ip)

    def function(self, **options: Any) -> Any:
        """Decorator: deploy a Python function as a Lambda function in this cloud (see :mod:`pocketcloud.easy`).

        ``@cloud.function(memory_size=256, environment={"STAGE": "dev"})`` over ``def handler(event, context)``.
        """
        from .easy import function_decorator

        return function_decorator(self, **options)

    def new_request_id(self) -> str:
        """A UUID-shaped request ID from the seeded source (AWS request IDs look like UUIDs).

        Formatted by hand rather than through ``uuid.UUID``: it is on every invoke's path. The result is the
        same string ``str(uuid.UUID(int=bits, version=4))`` gives; the version and variant masks are module
        constants (:data:`_UUID4_CLEAR`, :data:`_UUID4_SET`), not big-int arithmetic redone on every call, and
        the hex digits come from the number's 16 bytes (``bytes.hex``), about a third faster than formatting the
        128-bit number itself.
        """
        h = (self._ids.getrandbits(128) & _UUID4_CLEAR | _UUID4_SET).to_bytes(16, "big").hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def random_hex(self, length: int) -> str:
        return f"{self._ids.getrandbits(length * 4):0{length}x}"

    def __repr__(self) -> str:
        return f"<Cloud seed={self.seed} region={self.region} account={self.account_id} now={self.now:.3f}s>"
