"""The one invoke path: choose or create an execution environment, run it, write the log, bill it.

Every invocation goes through :func:`start_invocation`, whatever asked for it (a synchronous Invoke, the async
queue, provisioned concurrency warming up), so that cold starts, logs and billing are computed in one place.
The handler runs atomically at the moment the invocation starts; what it "spends" is virtual time, so the
invocation *finishes* later on the clock and the environment stays busy until then. A synchronous ``Invoke``
lets the clock run to that moment before it returns, exactly as a caller of the real API waits.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ... import jsondoc
from ...kernel import URGENT
from ...timeutil import last_modified
from . import snapstart
from .context import ClientContext
from .environment import EnvState, ExecutionEnvironment, PhaseOutcome
from .models import runtime_version_arn
from .records import Invocation, LazyLog, report_line, timeout_message

__all__ = [
    "DeferredEvent",
    "Invocation",
    "billed_duration_ms",
    "init_lines",
    "provision_environments",
    "start_invocation",
]

if TYPE_CHECKING:
    from .models import Function, FunctionVersion, ProvisionedConfig
    from .service import LambdaService, Target
    from .snapstart import Snapshot

#: Runtime version string printed in INIT_START, per runtime. These are illustrative: the real strings (e.g.
#: ``python:3.12.mainlinev2.v7`` in a 2026 log) change whenever AWS patches a runtime, and no page lists them.
#: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html
_RUNTIME_VERSION = {
    "python3.14": "python:3.14.v10",
    "python3.13": "python:3.13.v31",
    "python3.12": "python:3.12.v51",
    "python3.11": "python:3.11.v60",
    "python3.10": "python:3.10.v62",
    "python3.9": "python:3.9.v74",
}


class DeferredEvent:
    """A request payload already checked (it decodes as JSON), decoded only when code will read it.

    A modelled function (:mod:`.workload`) never reads its event, and a request sent many times (a traffic
    generator's, :class:`~.invocations.PreparedInvoke`) is decoded afresh for each invocation that runs code, so a
    handler that changes its event never changes another invocation's."""

    __slots__ = ("payload",)

    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    def decode(self) -> Any:
        if not self.payload.strip():
            return {}
        return jsondoc.loads(self.payload)


def billed_duration_ms(duration_ms: float, init_duration_ms: float | None) -> int:
    """Billed Duration: Duration (plus Init Duration, for on-demand functions) rounded up to the next 1 ms.

    Since 1 August 2025 Lambda bills the Init phase of on-demand functions with managed runtimes; the REPORT
    line of the Python logging guide shows it: Duration 15.74 ms + Init Duration 130.49 ms -> Billed 147 ms.
    https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
    https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/
    """
    if init_duration_ms is None:
        # ceil(round(d, 2)) is ceil(d) unless d is within 0.005 above a whole number (or is one): skip the
        # rounding, which is on every invocation's path, when d is clearly away from that edge.
        whole = math.ceil(duration_ms)
        if duration_ms - whole + 1 > 0.006:
            return max(1, whole)
    total = round(duration_ms, 2) + (round(init_duration_ms, 2) if init_duration_ms is not None else 0.0)
    return max(1, math.ceil(round(total, 2)))


def _new_environment(
    service: LambdaService,
    function: Function,
    version: FunctionVersion,
    now: float,
    provisioned_for: str | None,
    snapshot: Snapshot | None = None,
) -> ExecutionEnvironment:
    """A new execution environment, numbered within its function and placed in a worker host's microVM slot."""
    function.environments_created += 1
    number = function.environments_created
    workload = function.workload
    if workload is not None:
        # A modelled function (see :mod:`.workload`): no code to import, so no sandbox and no module index.
        env = ExecutionEnvironment(service.cloud, version, None, now, provisioned_for, workload, snapshot, number)
    else:
        index = service.module_index(version)
        env = ExecutionEnvironment(service.cloud, version, index, now, provisioned_for, None, snapshot, number)
    env.host, env.slot = service.fleet.place(env)

    def forget(gone: ExecutionEnvironment, previous: EnvState) -> None:
        if previous is EnvState.READY:
            idle = _idle_list(function, gone)
            if gone in idle:
                idle.remove(gone)
        if gone in function.environments:
            function.environments.remove(gone)
        if gone.host is not None:
            service.fleet.release(gone.host, gone.slot)

    env.on_shutdown = forget
    function.environments.append(env)
    return env


def _idle_list(function: Function, env: ExecutionEnvironment) -> list[ExecutionEnvironment]:
    """The list an idle environment waits in: its provisioned allocation's, or its version's."""
    if env.provisioned_for is not None:
        return function.idle_provisioned.setdefault(env.provisioned_for, [])
    return function.idle.setdefault(id(env.version), [])


def runtime_line(kind: str, version: FunctionVersion) -> str:
    """``INIT_START`` or ``RESTORE_START`` with the runtime version (python-logging, snapstart-monitoring)."""
    runtime_arn = runtime_version_arn(version.runtime, version.arn)
    return f"{kind} Runtime Version: {_RUNTIME_VERSION[version.runtime]}\tRuntime Version ARN: {runtime_arn}"


def init_lines(version: FunctionVersion, now: float) -> list[tuple[float, str]]:
    """``INIT_START``, the first line of a new environment's stream (python-logging)."""
    return [(now, runtime_line("INIT_START", version))]


def start_invocation(
    service: LambdaService,
    target: Target,
    version: FunctionVersion,
    event: Any,
    client_context: ClientContext | None = None,
    on_finish: Callable[[Invocation], None] | None = None,
    request_id: str | None = None,
    *,
    path: str = "sync",
    source: str | None = None,
    received_at: float | None = None,
    schedule: Callable[..., None] | None = None,
) -> Invocation:
    """Run one invocation starting now; schedule the moment it finishes. Returns its complete record.

    The caller has admitted it (:func:`.admission.admit`). The environment is, in this order: an idle
    environment of the qualifier's provisioned concurrency, the most recently used idle environment of the
    version (a warm start), or a new one placed on a worker host (a cold start: Init runs first).
    ``request_id`` is given by the async queue, whose retries of one event keep the request ID Invoke answered
    with; otherwise each invocation gets a new one. ``path``, ``source`` and ``received_at`` are what the trace
    shows (see :mod:`.trace`). ``schedule(at, callback, *args)`` takes the finish, an URGENT event, instead of
    the kernel's ``call_at``: a traffic stream that keeps its events in the kernel's order itself (:mod:`.stream`)."""
    cloud = service.cloud
    kernel = cloud.kernel
    function = target.function
    now = kernel.now
    qualifier = target.qualifier
    env: ExecutionEnvironment | None = None
    pc_config = function.provisioned.get(qualifier) if function.provisioned else None
    if pc_config is not None:
        ready = function.idle_provisioned.get(qualifier)
        if ready and ready[-1].version is version:
            env = ready.pop()
    if env is None:
        idle = function.idle.get(id(version))
        if idle:
            env = idle.pop()
    cold = env is None
    if cold and function.workload is not None:
        env = _new_environment(service, function, version, now, None, version.snapshot)
    if env is not None and env.workload is not None:
        return _start_modelled(
            service, target, version, env, cold, pc_config, on_finish, request_id, path, source, received_at, schedule
        )
    if event.__class__ is DeferredEvent:
        event = event.decode()
    lines: list[tuple[float, str]] = []
    init: PhaseOutcome | None = None
    restored: snapstart.RestoreOutcome | None = None
    if env is None:
        snapshot = version.snapshot
        env = _new_environment(service, function, version, now, None, snapshot)
        if snapshot is not None:
            restored = snapstart.restore(env, now)
            lines.append((now, runtime_line("RESTORE_START", version)))
            lines += env.restore_lines
            lines.append((now + restored.restore_ms / 1000, snapstart.restore_report(restored)))
        else:
            lines += init_lines(version, now)
            init = env.initialize(now)
            lines += init.lines
            if init.error is not None or init.timed_out:
                lines.append((now + init.elapsed_ms / 1000, _init_failure_report(init)))
    on_provisioned, unreserved, resource = _occupy(service, function, target, env)
    start = now + (init.elapsed_ms / 1000 if init else 0.0)
    if restored is not None:
        start = now + restored.restore_ms / 1000
    request_id = request_id or cloud.new_request_id()
    tail_from = len(lines)
    if restored is not None and (restored.error is not None or restored.timed_out):
        outcome = _failed_restore(restored, start, request_id, version)
        lines += outcome.lines
    elif init is not None and (init.error is not None or init.timed_out):
        outcome = _retry_init_then_invoke(env, start, request_id, event, target.arn, client_context, init, version)
        tail_from = len(lines)
        lines += outcome.lines
        init = None  # real logs: after a retried Init, the REPORT line has no Init Duration
    else:
        lines.append((start, f"START RequestId: {request_id} Version: {version.version}"))
        outcome = env.invoke(start, request_id, event, target.arn, client_context)
        lines += outcome.lines
    duration_ms = outcome.elapsed_ms
    end = start + duration_ms / 1000
    init_ms = init.elapsed_ms if init is not None else None
    billed = billed_duration_ms(duration_ms, init_ms)
    if init_ms is None and env.pending_init_ms is not None:
        # The first request a provisioned environment serves reports the Init it ran ahead of time: "Init
        # Duration - For the first request served, the amount of time it took the runtime to load the function
        # and run code outside of the handler method" (python-logging). It is not billed as Duration: provisioned
        # concurrency is priced separately. https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
        init_ms = env.pending_init_ms
    env.pending_init_ms = None
    memory_used = env.max_memory_used_mb
    lines.append((end, f"END RequestId: {request_id}"))
    status = error_type = None
    if outcome.timed_out:
        status = "timeout"
    elif outcome.reset and outcome.error is not None:
        status, error_type = "error", outcome.error.get("errorType", "Runtime.Unknown")
    restore_ms = restored.restore_ms if restored is not None else None
    billed_restore = restored.billed_restore_ms if restored is not None else None
    report = report_line(
        request_id,
        duration_ms,
        billed,
        version.memory_size,
        memory_used,
        init_ms,
        status,
        error_type,
        restore_ms,
        billed_restore,
    )
    lines.append((end, report))
    service.logs.put_many(env.log_group_name, env.log_stream_name, lines)
    env.available_at = end
    failed = outcome.error is not None or outcome.timed_out
    invocation = Invocation(
        request_id,
        version.name,
        version.version,
        env.log_stream_name,
        cold,
        now,
        end,
        init_ms,
        duration_ms,
        billed,
        version.memory_size,
        memory_used,
        version.architectures[0],
        outcome.payload if outcome.payload is not None else b"null",
        "Unhandled" if failed else None,
        [text for _at, text in lines[tail_from:]],
        on_provisioned,
        resource=resource,
        path=path,
        source=source,
        received_at=received_at,
        handler_started_at=start,
        env=env,
        restore_duration_ms=restore_ms,
        billed_restore_ms=billed_restore,
        status=status,
        error_type=error_type,
    )
    invocation._unreserved = unreserved
    service.remember(invocation)
    service.trace.record(invocation)
    _emit_metrics(service, function, target, version, invocation, pc_config, failed)
    if schedule is None:
        kernel.call_at(end, _finish, service, function, env, outcome.reset, invocation, on_finish, priority=URGENT)
    else:
        schedule(end, _finish, service, function, env, outcome.reset, invocation, on_finish)
    return invocation


def _failed_restore(
    restored: snapstart.RestoreOutcome, start: float, request_id: str, version: FunctionVersion
) -> PhaseOutcome:
    """An after-restore hook failed or ran out of the 10-second restore limit: the invocation fails and the
    environment is reset. On AWS the caller gets ``SnapStartException`` / ``SnapStartTimeoutException``
    (snapstart-runtime-hooks-python); pocketcloud answers a function error carrying the hook's error instead (a
    model: the Invoke frontend has already accepted the request when the environment is restored here)."""
    error = restored.error or {
        "errorType": "SnapStartTimeoutException",
        "errorMessage": "Lambda couldn't restore the snapshot within the timeout limit.",
    }
    lines = [(start, f"START RequestId: {request_id} Version: {version.version}")]
    return PhaseOutcome(0.0, lines, payload=json.dumps(error).encode(), error=error, reset=True)


def _occupy(
    service: LambdaService, function: Function, target: Target, env: ExecutionEnvironment
) -> tuple[bool, bool, str | None]:
    """The environment is busy and the invocation counts against concurrency: (on provisioned concurrency, uses
    unreserved concurrency, the Resource the request named or None)."""
    env.state = EnvState.BUSY
    on_provisioned = env.provisioned_for is not None
    unreserved = function.reserved_concurrency is None and not on_provisioned
    function.in_flight += 1
    service.in_flight += 1
    if unreserved:
        service.unreserved_in_flight += 1
    resource = target.qualifier if target.arn.count(":") == 7 else None
    if resource is not None:
        by = function.in_flight_by
        by[resource] = by.get(resource, 0) + 1
    return on_provisioned, unreserved, resource


def _start_modelled(
    service: LambdaService,
    target: Target,
    version: FunctionVersion,
    env: ExecutionEnvironment,
    cold: bool,
    pc_config: ProvisionedConfig | None,
    on_finish: Callable[[Invocation], None] | None,
    request_id: str | None,
    path: str,
    source: str | None,
    received_at: float | None,
    schedule: Callable[..., None] | None,
) -> Invocation:
    """One invocation of a function with a workload model (:mod:`.workload`): every Lambda fact is decided as for
    code (environment, cold start, concurrency, billing, metrics, trace); the handler's Init and run times come
    from the model, and the log lines are formatted only when the log is read."""
    cloud = service.cloud
    function = target.function
    workload = env.workload
    assert workload is not None
    now = cloud.kernel.now
    rng = cloud.random
    on_provisioned, unreserved, resource = _occupy(service, function, target, env)
    request_id = request_id or cloud.new_request_id()
    restored = snapstart.restore(env, now) if cold and env.snapshot is not None else None
    init_ms = workload.init_duration_ms(rng, version) if cold and restored is None else None
    start = now + init_ms / 1000 if init_ms is not None else now
    if restored is not None:
        start = now + restored.restore_ms / 1000
    duration_ms, error = workload.invoke(rng)
    timeout_ms = version.timeout * 1000.0
    status = None
    reset = False
    payload = workload.response if error is None else workload.error_payload
    if duration_ms >= timeout_ms:
        # Past the timeout the invocation lasts the timeout and the environment is reset, as for real code.
        message = timeout_message(start, request_id, version.timeout)
        error = {"errorMessage": message}
        payload = json.dumps(error).encode()
        duration_ms, status, reset = timeout_ms, "timeout", True
    end = start + duration_ms / 1000
    billed = billed_duration_ms(duration_ms, init_ms)
    if init_ms is None and env.pending_init_ms is not None:
        init_ms = env.pending_init_ms  # a provisioned environment's first REPORT (see start_invocation)
    env.pending_init_ms = None
    env.available_at = end
    invocation = Invocation(
        request_id,
        version.name,
        version.version,
        env.log_stream_name,
        cold,
        now,
        end,
        init_ms,
        duration_ms,
        billed,
        version.memory_size,
        env.max_memory_used_mb,
        version.architectures[0],
        payload,
        "Unhandled" if error is not None else None,
        None,
        on_provisioned,
        resource,
        path,
        source,
        received_at,
        start,
        env,
        restored.restore_ms if restored is not None else None,
        restored.billed_restore_ms if restored is not None else None,
        status,
        None,
        error,
    )
    invocation._unreserved = unreserved
    LazyLog.write(service.logs, env, invocation.log_row(), now)
    service.remember(invocation)
    service.trace.record(invocation)
    _emit_metrics(service, function, target, version, invocation, pc_config, error is not None)
    if schedule is None:
        cloud.kernel.call_at(end, _finish, service, function, env, reset, invocation, on_finish, priority=URGENT)
    else:
        schedule(end, _finish, service, function, env, reset, invocation, on_finish)
    return invocation


def _emit_metrics(
    service: LambdaService,
    function: Function,
    target: Target,
    version: FunctionVersion,
    invocation: Invocation,
    pc_config: ProvisionedConfig | None,
    failed: bool,
) -> None:
    """The invocation's CloudWatch data points (see :mod:`.cw_metrics`), stamped when it was invoked."""
    resource = invocation.resource
    now = invocation.started_at
    unreserved = service.unreserved_in_flight if invocation._unreserved else None
    claimed = service.unreserved_in_flight + service.claimed_allocations
    service.metrics.invocation(
        now,
        function.name,
        resource,
        version.version if target.alias is not None else None,
        invocation.duration_ms,
        failed,
        service.in_flight,
        function.in_flight,
        function.in_flight_by.get(resource, 0) if resource is not None else 0,
        unreserved,
        claimed,
        invocation.cold_start,
    )
    if pc_config is not None:
        idle = function.idle_provisioned.get(pc_config.qualifier)
        running = pc_config.allocated - (len(idle) if idle else 0)
        service.metrics.provisioned(
            now, function.name, pc_config.qualifier, invocation.provisioned, running, pc_config.allocated
        )


def _retry_init_then_invoke(
    env: ExecutionEnvironment,
    start: float,
    request_id: str,
    event: Any,
    invoked_arn: str,
    client_context: ClientContext | None,
    init: PhaseOutcome,
    version: FunctionVersion,
) -> PhaseOutcome:
    """After a failed or timed-out Init, Lambda runs the Init again inside the first invocation, with the function's
    timeout, and that time is part of the invocation's Duration: "Lambda retries the Init phase at the time of the
    first function invocation with the configured function timeout".
    https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib

    The log follows real logs (2024-2026): the retry's output, then ``INIT_REPORT ... Phase: invoke`` with the
    retry's status (a retry that runs out of the function's timeout reads ``Status: error Error Type:
    Runtime.Unknown``), then START. A failed retry answers the Init error; a REPORT after a retry has no Init
    Duration, and its Duration includes the retry.
    """
    retry = env.initialize(start, limit_s=env.version.timeout)
    lines = list(retry.lines)
    done = start + retry.elapsed_ms / 1000
    start_line = (done, f"START RequestId: {request_id} Version: {version.version}")
    if retry.timed_out:
        timeout = env.version.timeout
        lines.append((start + timeout, _init_report(timeout * 1000.0, "invoke", "error", "Runtime.Unknown")))
        lines.append((start + timeout, start_line[1]))
        return env.timeout_outcome(start, request_id, lines)
    if retry.error is not None:
        error = retry.error
        lines.append((done, _init_report(retry.elapsed_ms, "invoke", "error", error.get("errorType"))))
        lines.append(start_line)
        if "requestId" in error:
            error = dict(error, requestId="")
        payload = json.dumps(error).encode()
        return PhaseOutcome(retry.elapsed_ms, lines, payload=payload, error=error, reset=True)
    lines.append(start_line)
    spent = retry.elapsed_ms / 1000
    outcome = env.invoke(start + spent, request_id, event, invoked_arn, client_context, spent_s=spent)
    outcome.elapsed_ms = outcome.elapsed_ms if outcome.timed_out else outcome.elapsed_ms + retry.elapsed_ms
    outcome.lines = lines + outcome.lines
    return outcome


def _init_report(elapsed_ms: float, phase: str, status: str, error_type: str | None = None) -> str:
    """``INIT_REPORT``: logged when an Init fails or times out (AWS documents it for those cases and SnapStart
    restores only), with the phase it ran in: ``init``, or ``invoke`` for a retry inside an invocation.
    https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-init-errors
    """
    text = f"INIT_REPORT Init Duration: {elapsed_ms:.2f} ms\tPhase: {phase}\tStatus: {status}"
    if status == "error":
        text += f"\tError Type: {error_type or 'Runtime.Unknown'}"
    return text


def _init_failure_report(init: PhaseOutcome) -> str:
    if init.timed_out:
        return _init_report(init.elapsed_ms, "init", "timeout")
    assert init.error is not None
    return _init_report(init.elapsed_ms, "init", "error", init.error.get("errorType"))


def _finish(
    service: LambdaService,
    function: Function,
    env: ExecutionEnvironment,
    reset: bool,
    invocation: Invocation,
    on_finish: Callable[[Invocation], None] | None,
) -> None:
    """The invocation finished: the environment is idle again (and may later be reclaimed), or reset."""
    function.in_flight -= 1
    service.in_flight -= 1
    if invocation._unreserved:
        service.unreserved_in_flight -= 1
    resource = invocation.resource
    if resource is not None:
        function.in_flight_by[resource] -= 1
    if env.state is not EnvState.DEAD:
        if reset:
            env.shutdown()
        else:
            env.state = EnvState.READY
            _idle_list(function, env).append(env)
            env.schedule_reclaim(service.settings)
    if on_finish is not None:
        on_finish(invocation)


def provision_environments(
    service: LambdaService, function: Function, target: Target, config: ProvisionedConfig
) -> None:
    """Initialise ``config.requested`` environments now, in parallel; the config is READY when all are done."""
    cloud = service.cloud
    now = cloud.now
    version = target.version
    existing = [e for e in function.environments if e.provisioned_for == config.qualifier]
    for env in existing[config.requested :]:
        env.shutdown()
    needed = config.requested - min(len(existing), config.requested)
    config.allocated = min(len(existing), config.requested)
    config.status = "IN_PROGRESS" if needed else "READY"
    for _ in range(needed):
        env = _new_environment(service, function, version, now, config.qualifier)
        env.state = EnvState.INITIALIZING
        if env.workload is not None:
            init = PhaseOutcome(env.workload.init_duration_ms(cloud.random, version), [])
        else:
            init = env.initialize(now)
        lines = init_lines(version, now) + init.lines
        done = now + init.elapsed_ms / 1000
        if init.error is not None or init.timed_out:
            lines.append((done, _init_failure_report(init)))
        else:
            env.pending_init_ms = init.elapsed_ms  # shown on the first REPORT this environment writes
        service.logs.put_many(env.log_group_name, env.log_stream_name, lines)
        env.available_at = done
        ok = init.error is None and not init.timed_out
        cloud.kernel.call_at(done, _provisioned_ready, service, function, env, config, ok, priority=URGENT)


def _provisioned_ready(
    service: LambdaService, function: Function, env: ExecutionEnvironment, config: ProvisionedConfig, ok: bool
) -> None:
    if not ok:
        env.shutdown()
        config.status = "FAILED"
        config.status_reason = "FUNCTION_ERROR_INIT_FAILURE"
        return
    if env.state is EnvState.DEAD:
        return
    env.state = EnvState.READY
    env.ready_at = service.cloud.now
    _idle_list(function, env).append(env)
    config.allocated += 1
    if config.allocated >= config.requested:
        config.status = "READY"
        config.last_modified = last_modified(service.cloud.now)
