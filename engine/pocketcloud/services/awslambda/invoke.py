"""The one invoke path: choose or create an execution environment, run it, write the log, bill it.

Every invocation goes through :func:`start_invocation`, whatever asked for it, so that cold starts, logs and
billing are computed in one place. The handler runs atomically at the moment the invocation starts; what it
"spends" is virtual time, so the invocation *finishes* later on the clock, and the environment stays busy until
then. A synchronous ``Invoke`` lets the clock run to that moment before it returns, exactly as a caller of
the real API waits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...kernel import URGENT
from .environment import EnvState, ExecutionEnvironment, PhaseOutcome
from .performance import max_memory_used_mb

if TYPE_CHECKING:
    from .models import Function, FunctionVersion
    from .service import LambdaService

#: Runtime version string printed in INIT_START, per runtime (the real ones change as AWS patches runtimes).
_RUNTIME_VERSION = {
    "python3.14": "python:3.14.v10",
    "python3.13": "python:3.13.v31",
    "python3.12": "python:3.12.v51",
    "python3.11": "python:3.11.v60",
    "python3.10": "python:3.10.v62",
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
    payload: bytes
    function_error: str | None
    log_lines: list[str]

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


def _acquire(function: Function, version: FunctionVersion, now: float) -> ExecutionEnvironment | None:
    """An idle environment of this version, most recently used first (it is the warmest)."""
    best: ExecutionEnvironment | None = None
    for env in function.environments:
        if (
            env.state is EnvState.READY
            and env.version is version
            and env.available_at <= now
            and (best is None or env.available_at > best.available_at)
        ):
            best = env
    return best


def start_invocation(
    service: LambdaService, function: Function, version: FunctionVersion, event: Any, invoked_arn: str
) -> Invocation:
    """Run one invocation starting now; schedule the moment it finishes. Returns its complete record."""
    cloud = service.cloud
    kernel = cloud.kernel
    logs = service.logs
    now = kernel.now
    lines: list[tuple[float, str]] = []
    env = _acquire(function, version, now)
    cold = env is None
    init: PhaseOutcome | None = None
    if env is None:
        env = ExecutionEnvironment(cloud, version, service.module_index(version), now)
        function.environments.append(env)
        runtime_arn = version.configuration()["RuntimeVersionConfig"]["RuntimeVersionArn"]
        lines.append(
            (
                now,
                f"INIT_START Runtime Version: {_RUNTIME_VERSION[version.runtime]}\tRuntime Version ARN: {runtime_arn}",
            )
        )
        init = env.initialize(now)
        lines.extend(init.lines)
    env.state = EnvState.BUSY
    start = now + (init.elapsed_ms / 1000 if init else 0.0)
    request_id = cloud.new_request_id()
    tail_from = len(lines)
    lines.append((start, f"START RequestId: {request_id} Version: {version.version}"))
    if init is not None and init.error is not None:
        outcome = PhaseOutcome(0.0, [], payload=_json(dict(init.error, requestId="")), error=init.error, reset=True)
    else:
        outcome = env.invoke(start, request_id, event, invoked_arn)
        lines.extend(outcome.lines)
    duration_ms = outcome.elapsed_ms
    end = start + duration_ms / 1000
    init_ms = init.elapsed_ms if init is not None else None
    billed = billed_duration_ms(duration_ms, init_ms)
    memory_used = max_memory_used_mb(version.code.unzipped_size, version.memory_size)
    lines.append((end, f"END RequestId: {request_id}"))
    report = (
        f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\tBilled Duration: {billed} ms\t"
        f"Memory Size: {version.memory_size} MB\tMax Memory Used: {memory_used} MB\t"
    )
    if init_ms is not None:
        report += f"Init Duration: {init_ms:.2f} ms\t"
    if outcome.timed_out:
        report += "Status: timeout"
    lines.append((end, report))
    for at, text in lines:
        logs.put(env.log_group_name, env.log_stream_name, at, text)
    env.available_at = end
    kernel.call_at(end, _release, function, env, outcome.reset, priority=URGENT)
    return Invocation(
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
        payload=outcome.payload if outcome.payload is not None else b"null",
        function_error="Unhandled" if outcome.error is not None or outcome.timed_out else None,
        log_lines=[text for _at, text in lines[tail_from:]],
    )


def _release(function: Function, env: ExecutionEnvironment, reset: bool) -> None:
    """The invocation finished: the environment is idle again, or gone if Lambda had to reset it."""
    if reset:
        env.state = EnvState.DEAD
        if env in function.environments:
            function.environments.remove(env)
    else:
        env.state = EnvState.READY


def _json(value: Any) -> bytes:
    import json

    return json.dumps(value).encode("utf-8")
