"""SnapStart for Python 3.12+: Init once at PublishVersion, then restore new environments from the snapshot.

What AWS documents (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html and the pages it links, checked
2026-12-01):

* "With SnapStart, Lambda initializes your function when you publish a function version. Lambda takes a
  Firecracker microVM snapshot of the memory and disk state of the initialized execution environment ... When
  you invoke the function version for the first time, and as the invocations scale up, Lambda resumes new
  execution environments from the cached snapshot instead of initializing them from scratch."
* Only for published versions (``SnapStart={"ApplyOn": "PublishedVersions"}``; never ``$LATEST``), Python 3.12
  and later among pocketcloud's runtimes; not with provisioned concurrency, Amazon EFS or ephemeral storage above
  512 MB. An unsupported runtime is refused: "nodejs22.x is not supported for SnapStart enabled functions."
  (CreateFunction's answer, recorded in localstack#12458).
* Runtime hooks come from the ``snapshot_restore_py`` library that the Python managed runtimes include:
  ``@register_before_snapshot`` hooks run "in the reverse order of registration" before the snapshot;
  ``@register_after_restore`` hooks run "in the order of registration" when an environment resumes. "When Lambda
  creates a snapshot, your initialization code can run for up to 15 minutes. The time limit is 130 seconds or the
  configured function timeout (maximum 900 seconds), whichever is higher"; on restore "the runtime must load and
  after-restore runtime hooks must complete within the timeout limit (10 seconds)."
  https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-python.html
* Logs: a restored environment's stream starts with ``RESTORE_START`` and ``RESTORE_REPORT Restore Duration``;
  its first REPORT has no ``Init Duration`` but ``Restore Duration`` and ``Billed Restore Duration`` ("the time it
  takes for Lambda to load the runtime and run any after-restore runtime hooks. You are not charged for the time
  it takes to restore a snapshot"); the Init ran at publish and its duration is in ``INIT_REPORT``; the
  ``AWS_LAMBDA_LOG_GROUP_NAME`` and ``AWS_LAMBDA_LOG_STREAM_NAME`` variables are not set.
  https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html
* Uniqueness: "any state defined during initialization, such as random number generators, unique IDs, and cached
  credentials, is shared across all execution environments restored from that snapshot."
  https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-custom.html
  https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html
* Price (Python and .NET): a cache charge per GB-second while the version exists (minimum 3 hours) and a charge
  per GB restored: :func:`pocketcloud.pricing.snapstart_cost`.

**How pocketcloud reproduces a snapshot.** A Python interpreter cannot copy another one's memory, so the snapshot
is the *result* of a deterministic Init: at publish, a snapshot environment runs the Init (logged, billed, with
the before-snapshot hooks) with a random generator seeded from the snapshot and the clock at the publish time.
Each restored environment rebuilds exactly that state by replaying the same Init silently — same seed, same
clock reading, same variables, its output discarded, no virtual time spent — then runs the after-restore hooks
on its own clock. So module globals are what the snapshot held, ``random`` values drawn at Init (and the
generator's state after it) are identical in every restored environment, and a timestamp read at Init is the
publish time: the uniqueness pitfalls AWS describes happen here too, deterministically. One difference is
documented: calls to other services made by Init code run again at each restore in this model (on AWS they ran
once, at publish); AWS's advice to keep network work out of Init applies doubly. The version is ``Active`` as
soon as PublishVersion returns (AWS reports ``Pending`` until the snapshot is ready).
"""

from __future__ import annotations

import math
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError

if TYPE_CHECKING:
    from .environment import ExecutionEnvironment
    from .models import Function, FunctionVersion
    from .service import LambdaService

#: The managed Python runtimes SnapStart supports ("Python 3.12 and later", snapstart.html).
SNAPSTART_RUNTIMES = ("python3.12", "python3.13", "python3.14")
#: After-restore hooks and loading the runtime must finish within 10 seconds (snapstart-runtime-hooks-python).
RESTORE_LIMIT_S = 10.0
#: pocketcloud's restore model (AWS publishes no figures; public REPORT lines show Restore Durations of a few
#: hundred milliseconds for small functions): resuming the microVM from the snapshot (not billed) and loading the
#: runtime (billed, with the after-restore hooks), each log-normal around its median.
SNAPSHOT_RESUME_MEDIAN_MS = 180.0
RUNTIME_LOAD_MEDIAN_MS = 25.0
RESTORE_SIGMA = 0.2


@dataclass
class Snapshot:
    """The snapshot of one published version: what its Init produced, and how often it was restored."""

    seed: str
    taken_at: float
    memory_mb: int
    init_ms: float = 0.0
    #: The Init (or a before-snapshot hook) failed: the version cannot be restored.
    error: dict[str, Any] | None = None
    restores: int = 0
    #: When the version (and so its cached snapshot) was deleted, for the cache charge.
    deleted_at: float | None = None
    #: The virtual time the Init's module code started at (what a restored environment's replay reads).
    code_started_at: float = 0.0

    def cached_seconds(self, now: float) -> float:
        """How long the snapshot has been cached (the cache charge's time), up to ``now`` or its deletion."""
        end = self.deleted_at if self.deleted_at is not None else now
        return max(0.0, end - self.taken_at)


@dataclass
class RestoreOutcome:
    """What resuming one environment from a snapshot took."""

    restore_ms: float
    billed_restore_ms: int
    error: dict[str, Any] | None = None
    timed_out: bool = False


def hooks_module() -> types.ModuleType:
    """A fresh ``snapshot_restore_py`` for one environment: the runtime hooks library of the Python runtimes.

    ``register_before_snapshot(func, *args, **kwargs)`` and ``register_after_restore(func, *args, **kwargs)``
    register ``func`` and return it, so both work as plain calls and as ``@decorators``.
    https://pypi.org/project/snapshot-restore-py/
    """
    module = types.ModuleType(
        "snapshot_restore_py", "SnapStart runtime hooks (pocketcloud's stand-in for the runtime's library)"
    )
    before: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []
    after: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = []

    def register_before_snapshot(func: Any, *args: Any, **kwargs: Any) -> Any:
        before.append((func, args, kwargs))
        return func

    def register_after_restore(func: Any, *args: Any, **kwargs: Any) -> Any:
        after.append((func, args, kwargs))
        return func

    module.register_before_snapshot = register_before_snapshot  # type: ignore[attr-defined]
    module.register_after_restore = register_after_restore  # type: ignore[attr-defined]
    module.before_snapshot_hooks = before  # type: ignore[attr-defined]
    module.after_restore_hooks = after  # type: ignore[attr-defined]
    return module


def check_setting(value: Any, runtime: str, ephemeral_storage_mb: int) -> str:
    """``SnapStart={"ApplyOn": ...}`` from CreateFunction or UpdateFunctionConfiguration (the model checks the enum)."""
    if value is None:
        return "None"
    apply_on = str(value.get("ApplyOn", "None")) if isinstance(value, dict) else "None"
    if apply_on != "PublishedVersions":
        return "None"
    if runtime not in SNAPSTART_RUNTIMES:
        raise ServiceError(
            "InvalidParameterValueException", f"{runtime} is not supported for SnapStart enabled functions."
        )
    if ephemeral_storage_mb > 512:
        # "SnapStart does not support ... ephemeral storage greater than 512 MB" (snapstart.html); the wording of
        # this message is pocketcloud's.
        raise ServiceError(
            "InvalidParameterValueException",
            "SnapStart is not supported for functions with ephemeral storage greater than 512 MB.",
        )
    return apply_on


def configuration(version: FunctionVersion) -> dict[str, str]:
    """The ``SnapStart`` member of FunctionConfiguration: ``OptimizationStatus`` is ``On`` for a published version
    whose snapshot is ready ("indicates whether SnapStart is activated for the specified function version")."""
    status = "On" if version.snapshot is not None and version.snapshot.error is None else "Off"
    return {"ApplyOn": version.snap_start, "OptimizationStatus": status}


def take_snapshot(service: LambdaService, function: Function, version: FunctionVersion) -> Snapshot:
    """PublishVersion of a SnapStart function: run the Init and the before-snapshot hooks now, log them, keep the
    snapshot. The Init's output and its ``INIT_REPORT`` go to a stream of their own."""
    from .environment import ExecutionEnvironment
    from .invoke import runtime_line

    cloud = service.cloud
    now = cloud.now
    snapshot = Snapshot(f"{cloud.seed}:snapshot:{version.arn}", now, version.memory_size)
    workload = function.workload
    index = None if workload is not None else service.module_index(version)
    env = ExecutionEnvironment(cloud, version, index, now, workload=workload, snapshot=snapshot)
    lines = [(now, runtime_line("INIT_START", version))]
    if workload is not None:
        init_ms = workload.init_duration_ms(cloud.random, version)
        error: dict[str, Any] | None = None
        timed_out = False
    else:
        outcome = env.initialize(now)
        error, timed_out = outcome.error, outcome.timed_out
        lines += outcome.lines
        init_ms = outcome.elapsed_ms
        if error is None and not timed_out:
            hooks = list(reversed(env.hooks.before_snapshot_hooks))
            hook_error, hook_timeout, hook_ms, hook_lines = env.run_hooks(hooks, now + init_ms / 1000, None)
            lines += hook_lines
            init_ms += hook_ms
            error, timed_out = hook_error, hook_timeout
    done = now + init_ms / 1000
    if timed_out:
        snapshot.error = {"errorType": "Runtime.Unknown", "errorMessage": "Init timed out"}
        lines.append((done, f"INIT_REPORT Init Duration: {init_ms:.2f} ms\tPhase: init\tStatus: timeout"))
    elif error is not None:
        snapshot.error = error
        error_type = error.get("errorType", "Runtime.Unknown")
        lines.append(
            (done, f"INIT_REPORT Init Duration: {init_ms:.2f} ms\tPhase: init\tStatus: error\tError Type: {error_type}")
        )
    else:
        # The Init Duration of a SnapStart version is in its INIT_REPORT record (snapstart-monitoring); the record's
        # other fields for a successful Init are not documented, so pocketcloud prints this one.
        lines.append((done, f"INIT_REPORT Init Duration: {init_ms:.2f} ms"))
    snapshot.init_ms = init_ms
    snapshot.code_started_at = env.init_code_started_at
    service.logs.put_many(env.log_group_name, env.log_stream_name, lines)
    if env.tmp is not None:
        env.tmp.remove()  # the snapshot environment itself serves nothing
    return snapshot


def restore(env: ExecutionEnvironment, at: float) -> RestoreOutcome:
    """Resume ``env`` from its snapshot at virtual time ``at``: rebuild the snapshot's state (a silent, free replay
    of the Init and the before-snapshot hooks, see the module docstring), then run the after-restore hooks in
    registration order on the environment's clock."""
    snapshot = env.snapshot
    assert snapshot is not None
    rng = env.cloud.random
    resume_ms = SNAPSHOT_RESUME_MEDIAN_MS * math.exp(rng.gauss(0.0, RESTORE_SIGMA))
    load_ms = RUNTIME_LOAD_MEDIAN_MS * math.exp(rng.gauss(0.0, RESTORE_SIGMA))
    snapshot.restores += 1
    hooks_ms = 0.0
    error: dict[str, Any] | None = None
    timed_out = False
    lines: list[tuple[float, str]] = []
    if env.workload is None:
        env.replay_snapshot(snapshot.code_started_at)
        start = at + (resume_ms + load_ms) / 1000
        limit = max(0.0, RESTORE_LIMIT_S - load_ms / 1000)
        error, timed_out, hooks_ms, lines = env.run_hooks(list(env.hooks.after_restore_hooks), start, limit)
    restore_ms = resume_ms + load_ms + hooks_ms
    if timed_out:
        restore_ms = resume_ms + RESTORE_LIMIT_S * 1000
    env.restore_lines = lines
    return RestoreOutcome(restore_ms, max(1, math.ceil(round(load_ms + hooks_ms, 2))), error, timed_out)


def restore_report(outcome: RestoreOutcome) -> str:
    """``RESTORE_REPORT``; a failed restore adds its status (lambda-runtime-environment, "Restore phase"):
    ``RESTORE_REPORT Restore Duration: 1236.04 ms Status: timeout`` or ``... Status: error Error Type: ...``."""
    text = f"RESTORE_REPORT Restore Duration: {outcome.restore_ms:.2f} ms"
    if outcome.timed_out:
        return text + "\tStatus: timeout"
    if outcome.error is not None:
        return text + f"\tStatus: error\tError Type: {outcome.error.get('errorType', 'Runtime.Unknown')}"
    return text
