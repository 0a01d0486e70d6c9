"""A workload model: a deployed function whose handler's behaviour is given as numbers instead of run as code.

A traffic lab that sends a million requests wants Lambda's behaviour at that scale — environments created and
reused, cold starts, concurrency, the scaling rate, throttles, queueing, billing, metrics, logs — not a million
runs of the same few lines of Python. A :class:`Workload` attached to a real, deployed function
(``pocketcloud.traffic.Workload(duration_ms=120).attach(cloud, "api")``) says what each invocation *does*: how
long its handler runs (a log-normal distribution around ``duration_ms``), how often it fails (``errors``), how
long its Init takes and how much memory it uses. Every invocation still goes through Lambda's one invoke path
(:func:`.invoke.start_invocation`), so everything Lambda decides is computed exactly as for real code: only the
handler's Python is not executed. The environment's log lines (``INIT_START``, ``START``, ``END``, ``REPORT``,
``[ERROR]``, timeouts) are formatted lazily, when something reads the log.

Draws come from the cloud's seeded random source, so the same seed gives the same run. A drawn duration past
the function's timeout is a timeout (the invocation lasts the timeout, the environment is reset), as it would be
for real code. ``errors`` is the share of invocations that end in a function error (``FunctionError:
Unhandled``, with ``error_type`` and ``error_message`` as the runtime would report them); a failed invocation
keeps its environment, as a handled Python exception does.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import PocketCloudError
from . import performance

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .models import FunctionVersion


class WorkloadError(PocketCloudError, ValueError):
    """A workload model with impossible parameters (a negative duration, an error rate above 1 ...)."""


def _number(value: Any, name: str, minimum: float = 0.0, maximum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise WorkloadError(f"{name} must be a finite number, got {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum:g} and {maximum:g}" if maximum is not None else f">= {minimum:g}"
        raise WorkloadError(f"{name} must be {bound}, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Workload:
    """What each invocation of a function does, as a model (see the module docstring).

    * ``duration_ms``: the median handler Duration in ms; ``spread`` is the sigma of the log-normal around it
      (0 means every invocation takes exactly ``duration_ms``).
    * ``errors``: the share (0-1) of invocations that end in a function error.
    * ``init_ms``: the median Init Duration of a new environment, or None for pocketcloud's Init model
      (:mod:`.performance`: the runtime's start plus the package size).
    * ``memory_mb``: Max Memory Used, or None for the runtime-and-package model.
    * ``response``: the response payload (JSON bytes) of a successful invocation.
    """

    duration_ms: float = 100.0
    spread: float = 0.0
    errors: float = 0.0
    init_ms: float | None = None
    memory_mb: int | None = None
    response: bytes = b"null"
    error_type: str = "Exception"
    error_message: str = "modelled function error"
    _error: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)
    _error_payload: bytes = field(init=False, repr=False, compare=False, default=b"")

    def __post_init__(self) -> None:
        _number(self.duration_ms, "duration_ms", 0.0, 900_000.0)
        _number(self.spread, "spread", 0.0, 3.0)
        _number(self.errors, "errors", 0.0, 1.0)
        if self.init_ms is not None:
            _number(self.init_ms, "init_ms", 0.0, 900_000.0)
        if self.memory_mb is not None and (
            isinstance(self.memory_mb, bool) or not isinstance(self.memory_mb, int) or self.memory_mb < 1
        ):
            raise WorkloadError(f"memory_mb must be a whole number of MB >= 1, got {self.memory_mb!r}")
        if not isinstance(self.response, bytes):
            raise WorkloadError(f"response must be bytes (JSON), got {type(self.response).__name__}")
        self._error.update({"errorMessage": self.error_message, "errorType": self.error_type})
        object.__setattr__(self, "_error_payload", json.dumps(self._error).encode())

    def attach(self, cloud: Cloud, function: str) -> Workload:
        """Make this the workload of a deployed function (see :func:`attach`); returns the workload."""
        attach(cloud, function, self)
        return self

    # -- the model's draws -------------------------------------------------------------------------------------
    def init_duration_ms(self, rng: random.Random, version: FunctionVersion) -> float:
        """Init Duration of one new environment."""
        if self.init_ms is None:
            return performance.init_overhead_ms(rng, version.code.unzipped_size)
        return self.init_ms * math.exp(rng.gauss(0.0, performance.INIT_SIGMA))

    def invoke(self, rng: random.Random) -> tuple[float, dict[str, Any] | None]:
        """(Duration in ms, the error or None) of one invocation."""
        duration = self.duration_ms
        if self.spread:
            duration *= math.exp(rng.gauss(0.0, self.spread))
        if self.errors and rng.random() < self.errors:
            return duration, self._error
        return duration, None

    @property
    def error(self) -> dict[str, Any]:
        """A modelled function error (``{"errorMessage": ..., "errorType": ...}``)."""
        return self._error

    @property
    def error_payload(self) -> bytes:
        """The response payload of a modelled function error, as the runtime encodes it."""
        return self._error_payload


def attach(cloud: Cloud, function: str, workload: Workload | None) -> None:
    """Give a deployed function a workload model (None removes it). Environments created from now on follow it;
    idle ones are shut down so that no environment mixes code and model (busy ones finish first).

    The model belongs to the function: traffic to ``$LATEST``, to a published version or through an alias
    (``traffic.sync("api:live")``, ``traffic.sync("api", qualifier="3")``) runs it, whichever name attached it."""
    from .environment import EnvState
    from .service import LambdaService

    service: LambdaService = cloud.backend("lambda", LambdaService)
    # A qualified name ("api:live", "api:3", an ARN with a qualifier) names the function too: the model is the
    # function's, so it applies to every version and alias; the qualifier must exist (ResourceNotFoundException).
    fn = service.resolve(function).function
    fn.workload = workload
    for env in list(fn.environments):
        if env.state is EnvState.READY and env.workload is not workload:
            env.shutdown()
