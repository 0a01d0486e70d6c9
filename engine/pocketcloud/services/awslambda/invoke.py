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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...kernel import URGENT
from ...timeutil import last_modified
from .context import ClientContext
from .environment import EnvState, ExecutionEnvironment, PhaseOutcome
from .models import runtime_version_arn

if TYPE_CHECKING:
    from .models import Function, FunctionVersion, ProvisionedConfig
    from .service import LambdaService, Target

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


@dataclass
class Invocation:
    """Everything one invocation produced, as the API, the log and the bill see it."""

    request_id: str
    function_name: str
    version: str
    log_stream_name: str
    cold_start: bool
    started_at: float
    finished_at: float
    init_duration_ms: float | None
    duration_ms: float
    billed_duration_ms: int
    memory_size_mb: int
    max_memory_used_mb: int
    architecture: str
    payload: bytes
    function_error: str | None
    log_lines: list[str]
    provisioned: bool = False

    @property
    def log_text(self) -> str:
        return "".join(line + "\n" for line in self.log_lines)


def billed_duration_ms(duration_ms: float, init_duration_ms: float | None) -> int:
    """Billed Duration: Duration (plus Init Duration, for on-demand functions) rounded up to the next 1 ms.

    Since 1 August 2025 Lambda bills the Init phase of on-demand functions with managed runtimes; the REPORT
    line of the Python logging guide shows it: Duration 15.74 ms + Init Duration 130.49 ms -> Billed 147 ms.
    https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
    https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/
    """
    total = round(duration_ms, 2) + (round(init_duration_ms, 2) if init_duration_ms is not None else 0.0)
    return max(1, math.ceil(round(total, 2)))


def _acquire(
    function: Function, version: FunctionVersion, provisioned_for: str | None, now: float
) -> ExecutionEnvironment | None:
    """An idle environment for this version: a provisioned one first, then the most recently used on-demand one."""
    best: ExecutionEnvironment | None = None
    for env in function.environments:
        if env.state is not EnvState.READY or env.version is not version or env.available_at > now:
            continue
        if provisioned_for is not None and env.provisioned_for == provisioned_for:
            return env
        if env.provisioned_for is None and (best is None or env.available_at > best.available_at):
            best = env
    return best


def _new_environment(
    service: LambdaService, function: Function, version: FunctionVersion, now: float, provisioned_for: str | None
) -> ExecutionEnvironment:
    env = ExecutionEnvironment(service.cloud, version, service.module_index(version), now, provisioned_for)

    def forget(gone: ExecutionEnvironment) -> None:
        if gone in function.environments:
            function.environments.remove(gone)

    env.on_shutdown = forget
    function.environments.append(env)
    return env


def _init_lines(version: FunctionVersion, now: float) -> list[tuple[float, str]]:
    runtime_arn = runtime_version_arn(version.runtime, version.arn)
    runtime = _RUNTIME_VERSION[version.runtime]
    return [(now, f"INIT_START Runtime Version: {runtime}\tRuntime Version ARN: {runtime_arn}")]


def start_invocation(
    service: LambdaService,
    target: Target,
    version: FunctionVersion,
    event: Any,
    client_context: ClientContext | None = None,
    on_finish: Callable[[Invocation], None] | None = None,
    request_id: str | None = None,
) -> Invocation:
    """Run one invocation starting now; schedule the moment it finishes. Returns its complete record.

    ``request_id`` is given by the async queue, whose retries of one event keep the request ID Invoke answered
    with; otherwise each invocation gets a new one."""
    cloud = service.cloud
    kernel = cloud.kernel
    function = target.function
    now = kernel.now
    provisioned_for = target.qualifier if target.qualifier in function.provisioned else None
    lines: list[tuple[float, str]] = []
    env = _acquire(function, version, provisioned_for, now)
    cold = env is None
    init: PhaseOutcome | None = None
    if env is None:
        env = _new_environment(service, function, version, now, None)
        lines += _init_lines(version, now)
        init = env.initialize(now)
        lines += init.lines
        if init.error is not None or init.timed_out:
            lines.append((now + init.elapsed_ms / 1000, _init_failure_report(init)))
    env.state = EnvState.BUSY
    function.in_flight += 1
    service.in_flight += 1
    start = now + (init.elapsed_ms / 1000 if init else 0.0)
    request_id = request_id or cloud.new_request_id()
    tail_from = len(lines)
    if init is not None and (init.error is not None or init.timed_out):
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
    report = (
        f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\tBilled Duration: {billed} ms\t"
        f"Memory Size: {version.memory_size} MB\tMax Memory Used: {memory_used} MB\t"
    )
    if init_ms is not None:
        report += f"Init Duration: {init_ms:.2f} ms\t"
    if outcome.timed_out:
        report += "Status: timeout"
    elif outcome.reset and outcome.error is not None:
        report += f"Status: error\tError Type: {outcome.error.get('errorType', 'Runtime.Unknown')}"
    lines.append((end, report))
    service.logs.put_many(env.log_group_name, env.log_stream_name, lines)
    env.available_at = end
    invocation = Invocation(
        request_id=request_id,
        function_name=version.name,
        version=version.version,
        log_stream_name=env.log_stream_name,
        cold_start=cold,
        started_at=now,
        finished_at=end,
        init_duration_ms=init_ms,
        duration_ms=duration_ms,
        billed_duration_ms=billed,
        memory_size_mb=version.memory_size,
        max_memory_used_mb=memory_used,
        architecture=version.architectures[0],
        payload=outcome.payload if outcome.payload is not None else b"null",
        function_error="Unhandled" if outcome.error is not None or outcome.timed_out else None,
        log_lines=[text for _at, text in lines[tail_from:]],
        provisioned=env.provisioned_for is not None,
    )
    service.remember(invocation)
    kernel.call_at(end, _finish, service, function, env, outcome.reset, invocation, on_finish, priority=URGENT)
    return invocation


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
    if env.state is not EnvState.DEAD:
        if reset:
            env.shutdown()
        else:
            env.state = EnvState.READY
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
        init = env.initialize(now)
        lines = _init_lines(version, now) + init.lines
        done = now + init.elapsed_ms / 1000
        if init.error is not None or init.timed_out:
            lines.append((done, _init_failure_report(init)))
        else:
            env.pending_init_ms = init.elapsed_ms  # shown on the first REPORT this environment writes
        service.logs.put_many(env.log_group_name, env.log_stream_name, lines)
        env.available_at = done
        ok = init.error is None and not init.timed_out
        cloud.kernel.call_at(done, _provisioned_ready, service, env, config, ok, priority=URGENT)


def _provisioned_ready(service: LambdaService, env: ExecutionEnvironment, config: ProvisionedConfig, ok: bool) -> None:
    if not ok:
        env.shutdown()
        config.status = "FAILED"
        config.status_reason = "FUNCTION_ERROR_INIT_FAILURE"
        return
    if env.state is EnvState.DEAD:
        return
    env.state = EnvState.READY
    config.allocated += 1
    if config.allocated >= config.requested:
        config.status = "READY"
        config.last_modified = last_modified(service.cloud.now)
