"""An execution environment: one initialised copy of a function that runs one invocation at a time.

Lambda creates an environment on demand (a cold start), runs the Init phase once (the runtime starts and the
handler's module is imported, which runs its top-level code), then reuses it for later invocations (warm
starts) while it is idle. Module globals and anything cached during Init survive between those invocations;
nothing is shared between two environments.
https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
"""

from __future__ import annotations

import hashlib
import importlib
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from ... import limits
from ...kernel import Timer
from ...timeutil import iso_millis, log_stream_day
from . import guard, memory, performance, snapstart
from .bootstrap import dumps, exception_fault, fault, format_stack, handle, user_frames
from .context import ClientContext, LambdaContext
from .process import exit_status
from .sandbox import TASK_ROOT, DeadlineExceeded, ModuleIndex, Sandbox, VirtualClock
from .sdk import sdk_modules
from .tmpfs import TmpFS, patches

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .models import FunctionVersion
    from .placement import WorkerHost
    from .service import Settings
    from .snapstart import Snapshot
    from .workload import Workload


class EnvState(Enum):
    INITIALIZING = "initializing"  # running its Init phase ahead of time (provisioned concurrency)
    READY = "ready"  # initialised and idle: the next invocation is a warm start
    BUSY = "busy"  # running an invocation
    DEAD = "dead"  # shut down: reclaimed when idle, reset after a timeout or crash, or failed its Init phase


@dataclass
class PhaseOutcome:
    """What one Init or Invoke phase produced."""

    elapsed_ms: float
    lines: list[tuple[float, str]] = field(default_factory=list)
    payload: bytes | None = None
    error: dict[str, Any] | None = None
    timed_out: bool = False
    #: True when the environment cannot be reused afterwards (timeout, crash): Lambda resets it.
    reset: bool = False


class ExecutionEnvironment:
    """One environment of one function version. Not created directly: the invoke path creates them."""

    def __init__(
        self,
        cloud: Cloud,
        version: FunctionVersion,
        index: ModuleIndex | None,
        created_at: float,
        provisioned_for: str | None = None,
        workload: Workload | None = None,
        snapshot: Snapshot | None = None,
        number: int = 0,
    ) -> None:
        self.cloud = cloud
        self.version = version
        #: The qualifier whose provisioned concurrency created this environment, or None for on-demand ones.
        self.provisioned_for = provisioned_for
        #: The function's workload model when this environment was created (see :mod:`.workload`): its phases
        #: are computed from the model instead of running the handler's code.
        self.workload = workload
        #: The SnapStart snapshot this environment is resumed from, or None (see :mod:`.snapstart`).
        self.snapshot = snapshot
        #: AWS_LAMBDA_INITIALIZATION_TYPE: on-demand, provisioned-concurrency or snap-start.
        # https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
        self.init_type = (
            "provisioned-concurrency" if provisioned_for else "snap-start" if snapshot is not None else "on-demand"
        )
        #: This environment's number within its function (1, 2, ...), for traces and charts.
        self.number = number
        # Stream name format: date/[version]id, one stream per environment.
        # https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
        self.log_stream_name = f"{log_stream_day(created_at)}/[{version.version}]{cloud.random_hex(32)}"
        self.log_group_name = f"/aws/lambda/{version.name}"
        self.created_at = created_at
        self.state = EnvState.BUSY
        self.invocations = 0
        self.available_at = created_at
        #: When the environment shut down (None while it lives), and the worker host and slot it occupies.
        self.shutdown_at: float | None = None
        self.host: WorkerHost | None = None
        self.slot = -1
        #: A provisioned environment's Init Duration, until its first REPORT shows it.
        self.pending_init_ms: float | None = None
        #: When a provisioned environment's Init finished (it can serve from then on).
        self.ready_at: float | None = None
        #: When the Init's module code started (after the runtime's start-up), and a restore's hook output.
        self.init_code_started_at = created_at
        self.restore_lines: list[tuple[float, str]] = []
        self._clock = VirtualClock(created_at, None)
        self._lines: list[tuple[float, str]] = []
        self.handler: Callable[[Any, Any], Any] | None = None
        self._handler_fault: dict[str, Any] | None = None
        self._reclaim_timer: Timer | None = None
        self._idle_since = created_at
        self._settings: Settings | None = None
        #: The memory model (see :mod:`.memory`): the runtime and the package, plus the most data seen so far.
        self.base_memory_mb = performance.base_memory_mb(version.code.unzipped_size)
        self.peak_data_bytes = 0
        self.max_memory_used_mb = performance.max_memory_used_mb(version.code.unzipped_size, version.memory_size)
        if workload is not None and workload.memory_mb is not None:
            self.max_memory_used_mb = min(version.memory_size, workload.memory_mb)
        self.vcpus = min(limits.LAMBDA_MAX_VCPUS, version.memory_size / limits.LAMBDA_MB_PER_VCPU)
        self.hooks = snapstart.hooks_module()
        self.tmp: TmpFS | None = None
        self.sandbox: Sandbox | None = None
        if workload is not None or index is None:
            # A modelled environment runs no code: no sandbox, no /tmp (this keeps a million-invocation day cheap).
            return
        self.tmp = TmpFS(index.mount_roots(), version.ephemeral_storage_mb * 1024 * 1024)
        # The environment's own random generator: from the cloud's seed and this environment, never drawn from
        # the cloud's sources, so adding it changed no other simulated number. Environments resumed from one
        # SnapStart snapshot share the snapshot's generator state, as on AWS (see :mod:`.snapstart`).
        seed = snapshot.seed if snapshot is not None else f"{cloud.seed}:{self.log_stream_name}"
        provided = sdk_modules(cloud)
        if version.snap_start == "PublishedVersions":
            # The runtime hooks library, for SnapStart functions only (other functions have no use for it, and
            # every module the sandbox provides costs a little on each invocation).
            provided = dict(provided, snapshot_restore_py=self.hooks)
        self.sandbox = Sandbox(index, self._environ(), self._emit, patches(self.tmp), provided, seed)
        self.sandbox.on_tick = self.sample_running

    # -- lifecycle -------------------------------------------------------------------------------------------
    def schedule_reclaim(self, settings: Settings) -> None:
        """Shut this environment down once it has been idle ``settings.idle_reclaim_s`` virtual seconds
        (on-demand environments only). The setting is read when the check runs, so changing it mid-run
        applies to environments that are already idle.

        At most one timer is pending per environment: when it fires, an environment that was used in the
        meantime is given a new deadline instead of being shut down. (One timer per invocation would leave
        thousands of cancelled timers on the heap in a long run.)
        """
        if self.provisioned_for is not None or self.state is EnvState.DEAD:
            return
        self._idle_since = self.cloud.kernel.now
        self._settings = settings
        if self._reclaim_timer is None:
            self._reclaim_timer = self.cloud.kernel.schedule(settings.idle_reclaim_s, self._reclaim_check)

    def _reclaim_check(self) -> None:
        self._reclaim_timer = None
        if self.state is not EnvState.READY or self.provisioned_for is not None:
            return  # busy now: the end of this invocation schedules the next check
        assert self._settings is not None
        due = self._idle_since + self._settings.idle_reclaim_s
        now = self.cloud.kernel.now
        if now >= due:
            self.shutdown()
        else:
            self._reclaim_timer = self.cloud.kernel.schedule(due - now, self._reclaim_check)

    def cancel_reclaim(self) -> None:
        """Stop the pending reclaim (shutdown, or provisioned again); a busy environment needs no cancel."""
        if self._reclaim_timer is not None:
            self._reclaim_timer.cancel()
            self._reclaim_timer = None

    def shutdown(self) -> None:
        """The Shutdown phase: the environment is gone, with its globals and its /tmp."""
        if self.state is EnvState.DEAD:
            return
        self.cancel_reclaim()
        previous = self.state
        self.state = EnvState.DEAD
        self.shutdown_at = self.cloud.kernel.now
        if self.tmp is not None:
            self.tmp.remove()
        if self.sandbox is not None:
            self.sandbox.modules.clear()
            self.sandbox.threads.discard()  # frozen background work dies with the environment
        self.handler = None
        if self.on_shutdown is not None:
            self.on_shutdown(self, previous)

    #: Called with the environment and the state it was in (the invoke path frees its slot and forgets it).
    on_shutdown: Callable[[ExecutionEnvironment, EnvState], None] | None = None

    @property
    def name(self) -> str:
        """A short name for traces: ``function:version#number``."""
        return f"{self.version.name}:{self.version.version}#{self.number}"

    def first_lines(self, at: float, restore_ms: float | None = None) -> list[tuple[float, str]]:
        """The platform's lines that open a new environment's stream: ``INIT_START``, or for a SnapStart
        environment ``RESTORE_START`` and ``RESTORE_REPORT`` (snapstart-monitoring; real logs 2023-2026)."""
        from .invoke import init_lines, runtime_line

        if restore_ms is None:
            return init_lines(self.version, at)
        return [
            (at, runtime_line("RESTORE_START", self.version)),
            (at + restore_ms / 1000, f"RESTORE_REPORT Restore Duration: {restore_ms:.2f} ms"),
        ]

    # -- environment variables -------------------------------------------------------------------------------
    def _environ(self) -> dict[str, str]:
        """The function's variables plus the runtime's reserved ones.
        https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
        """
        v = self.version
        region = self.cloud.region
        # LANG, PATH and TZ have runtime defaults that a function may override; the rest are reserved. The
        # metadata endpoint variables are set in every environment (the endpoint itself is not simulated).
        environ = {"LANG": "en_US.UTF-8", "PATH": "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin", "TZ": ":UTC"}
        environ.update(v.environment)
        environ.update(
            {
                "_HANDLER": v.handler,
                "AWS_REGION": region,
                "AWS_DEFAULT_REGION": region,
                "AWS_EXECUTION_ENV": f"AWS_Lambda_{v.runtime}",
                "AWS_LAMBDA_FUNCTION_NAME": v.name,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(v.memory_size),
                "AWS_LAMBDA_FUNCTION_VERSION": v.version,
                "AWS_LAMBDA_INITIALIZATION_TYPE": self.init_type,
                "AWS_LAMBDA_LOG_GROUP_NAME": self.log_group_name,
                "AWS_LAMBDA_LOG_STREAM_NAME": self.log_stream_name,
                "AWS_LAMBDA_METADATA_API": "169.254.100.1:9001",
                "AWS_LAMBDA_METADATA_TOKEN": _token(self.log_stream_name),
                "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
                "LAMBDA_TASK_ROOT": TASK_ROOT,
                "LAMBDA_RUNTIME_DIR": "/var/runtime",
            }
        )
        if self.snapshot is not None:
            # "The AWS_LAMBDA_LOG_GROUP_NAME and AWS_LAMBDA_LOG_STREAM_NAME environment variables are not available
            # in Lambda SnapStart functions." https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html
            del environ["AWS_LAMBDA_LOG_GROUP_NAME"], environ["AWS_LAMBDA_LOG_STREAM_NAME"]
            environ["AWS_LAMBDA_METADATA_TOKEN"] = _token(self.snapshot.seed)
        return environ

    def _emit(self, line: str) -> None:
        self._lines.append((self._clock.now, line))

    # -- Init ------------------------------------------------------------------------------------------------
    def init_limit_s(self) -> float:
        """How long this environment's Init may run.

        On-demand Init is limited to 10 seconds; with provisioned concurrency (and SnapStart) initialisation code
        "can run for up to 130 seconds or the function timeout, whichever is higher" (a retried Init inside the
        first invocation gets the function timeout: see :func:`.invoke._retry_init`).
        https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
        """
        if self.provisioned_for is None and self.snapshot is None:
            return float(limits.LAMBDA_INIT_TIMEOUT_S)
        return float(max(limits.LAMBDA_PROVISIONED_INIT_TIMEOUT_S, self.version.timeout))

    def initialize(self, at: float, limit_s: float | None = None) -> PhaseOutcome:
        """Run the Init phase: start the runtime and import the handler's module (its top-level code).

        Whatever the module code does, this returns: an exception is the function's Init error, a
        ``BaseException`` (``SystemExit``, ``KeyboardInterrupt``, ``os._exit``) ends the runtime
        (``Runtime.ExitError``), running past the limit is an Init timeout.
        """
        overhead_ms = performance.init_overhead_ms(self.cloud.random, self.version.code.unzipped_size)
        if limit_s is None:
            limit_s = self.init_limit_s()
        limit = max(0.0, limit_s - overhead_ms / 1000)
        self.init_code_started_at = at + overhead_ms / 1000
        clock = self._clock = VirtualClock(self.init_code_started_at, limit, vcpus=max(1.0, self.vcpus))
        self._lines = []
        self.handler = None
        self._handler_fault = None
        handler = self.version.handler
        module_name, _, func_name = handler.rpartition(".")
        error: dict[str, Any] | None = None
        timed_out = False
        if not module_name:
            error = fault(
                "Runtime.MalformedHandlerName",
                f"Bad handler '{handler}': not enough values to unpack (expected 2, got 1)",
            )
        elif module_name.split(".")[0] in sys.builtin_module_names:
            error = fault(
                "Runtime.BuiltInModuleConflict", f"Cannot use built-in module {module_name} as a handler module"
            )
        else:
            error, timed_out = self._import_handler(clock, module_name.replace("/", "."), func_name)
        elapsed_ms = overhead_ms + clock.elapsed * 1000
        lines = self._lines
        if error is not None:
            lines.extend(_error_lines(clock.now, error))
        return PhaseOutcome(elapsed_ms, lines, error=error, timed_out=timed_out, reset=error is not None)

    def _import_handler(
        self, clock: VirtualClock, module_name: str, func_name: str
    ) -> tuple[dict[str, Any] | None, bool]:
        """Import the handler's module inside the sandbox, as the runtime's ``_get_handler`` does."""
        sandbox = self.sandbox
        assert sandbox is not None
        error: dict[str, Any] | None = None
        timed_out = False
        run = sandbox.enter(clock)
        try:
            try:
                module = importlib.import_module(module_name)
            except ImportError as exc:
                error = fault("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {exc}")
            except SyntaxError as exc:
                error = fault(
                    "Runtime.UserCodeSyntaxError",
                    f"Syntax error in module '{module_name}': {exc}",
                    [f'  File "{exc.filename}" Line {exc.lineno}\n        {(exc.text or "").strip()}\n'],
                )
            except Exception as exc:
                error = exception_fault(exc, "", sandbox.index.sources)
            else:
                handler_fn = getattr(module, func_name, None)
                if handler_fn is None:
                    self._handler_fault = fault(
                        "Runtime.HandlerNotFound", f"Handler '{func_name}' missing on module '{module_name}'"
                    )
                else:
                    self.handler = handler_fn
            if error is None:
                self._sample_memory(None)
        except memory.OutOfMemory:
            error = self._out_of_memory("")
        except DeadlineExceeded:
            timed_out = True
        except BaseException as exc:  # the runtime process ended during Init
            error = _exit_error("", exc)
        finally:
            sandbox.exit()
        if run.oom:
            error = self._out_of_memory("")
        elif run.tripped or clock.expired:
            timed_out, error = True, None
        return error, timed_out

    # -- SnapStart ---------------------------------------------------------------------------------------------
    def run_hooks(
        self, hooks: list[tuple[Any, tuple[Any, ...], dict[str, Any]]], at: float, limit_s: float | None
    ) -> tuple[dict[str, Any] | None, bool, float, list[tuple[float, str]]]:
        """Run SnapStart runtime hooks in the sandbox from ``at``: (error, timed out, elapsed ms, log lines)."""
        sandbox = self.sandbox
        if not hooks or sandbox is None:
            return None, False, 0.0, []
        clock = self._clock = VirtualClock(at, limit_s, vcpus=max(1.0, self.vcpus))
        self._lines = []
        error: dict[str, Any] | None = None
        timed_out = False
        run = sandbox.enter(clock)
        try:
            try:
                for func, args, kwargs in hooks:
                    func(*args, **kwargs)
            except Exception as exc:
                error = exception_fault(exc, "", sandbox.index.sources)
        except memory.OutOfMemory:
            error = self._out_of_memory("")
        except DeadlineExceeded:
            timed_out = True
        except BaseException as exc:  # the runtime process ended in a hook
            error = _exit_error("", exc)
        finally:
            sandbox.exit()
        if run.tripped or clock.expired:
            timed_out, error = True, None
        lines = self._lines
        if error is not None:
            lines.extend(_error_lines(clock.now, error))
        return error, timed_out, clock.elapsed * 1000, lines

    def replay_snapshot(self, code_started_at: float) -> None:
        """Rebuild the snapshot's state in this environment: the Init's module code and the before-snapshot hooks,
        replayed with the snapshot's seed and clock, output discarded (see :mod:`.snapstart`)."""
        module_name, _, func_name = self.version.handler.rpartition(".")
        if not module_name or self.sandbox is None:
            return
        clock = VirtualClock(code_started_at, self.init_limit_s(), vcpus=max(1.0, self.vcpus))
        self._clock = clock
        self._lines = []
        self._import_handler(clock, module_name.replace("/", "."), func_name)
        self.run_hooks(list(reversed(self.hooks.before_snapshot_hooks)), clock.now, None)
        self._lines = []

    # -- Invoke ----------------------------------------------------------------------------------------------
    def invoke(
        self,
        at: float,
        request_id: str,
        event: Any,
        invoked_arn: str,
        client_context: ClientContext | None = None,
        spent_s: float = 0.0,
    ) -> PhaseOutcome:
        """Run the handler once. Never raises for anything the handler does: that is the function's error.

        ``spent_s`` is time this invocation already used before the handler (a retried Init), which counts
        against the function's timeout.
        """
        v = self.version
        overhead_ms = performance.invoke_overhead_ms(self.cloud.random)
        clock = self._clock = VirtualClock(at, max(0.0, v.timeout - spent_s), vcpus=self.vcpus)
        sandbox = self.sandbox
        assert sandbox is not None
        sandbox.log_handler.request_id = request_id
        self._lines = []
        self.invocations += 1
        if self._handler_fault is not None:
            fault_ = dict(self._handler_fault, requestId=request_id)
            return PhaseOutcome(overhead_ms, [(at, _error_log_line(fault_))], payload=_payload(fault_), error=fault_)
        handler = self.handler
        assert handler is not None
        context = LambdaContext(
            aws_request_id=request_id,
            function_name=v.name,
            function_version=v.version,
            invoked_function_arn=invoked_arn,
            memory_limit_in_mb=v.memory_size,
            log_group_name=self.log_group_name,
            log_stream_name=self.log_stream_name,
            clock=clock,
            timeout_s=v.timeout - spent_s,
            client_context=client_context,
        )
        payload: bytes | None = None
        error: dict[str, Any] | None = None
        reset = False
        run = sandbox.enter(clock)  # the hot path: enter/exit directly rather than through a context manager
        try:
            if sandbox.threads.pending:  # threads frozen with the environment resume as it thaws
                sandbox.threads.run_pending()
            payload, error = handle(handler, event, context, request_id, sandbox.index.sources)
            self._sample_memory(payload)
        except memory.OutOfMemory:
            error, reset = self._out_of_memory(request_id), True
        except DeadlineExceeded:
            run.tripped = True
        except BaseException as exc:  # the runtime process ended (see bootstrap): Lambda resets the environment
            error, reset = _exit_error(request_id, exc), True
        finally:
            sandbox.exit()
        lines = self._lines
        if run.oom:
            error, reset = self._out_of_memory(request_id), True
        elif run.tripped or clock.expired:
            return self.timeout_outcome(at - spent_s, request_id, lines)
        elapsed_ms = overhead_ms + clock.elapsed * 1000
        if error is None:
            return PhaseOutcome(elapsed_ms, lines, payload=payload)
        if error.get("errorType") == "MemoryError":
            error, reset = self._out_of_memory(request_id), True
        lines.extend(_error_lines(clock.now, error))
        return PhaseOutcome(elapsed_ms, lines, payload=_payload(error), error=error, reset=reset)

    # -- memory --------------------------------------------------------------------------------------------
    def _sample_memory(self, payload: bytes | None) -> None:
        """Measure the data the function holds (see :mod:`.memory`); past MemorySize, the runtime is killed.

        The last thing a phase (Init or Invoke) runs inside the sandbox: its code is over, so the guard is switched
        off here for good (``Sandbox.exit`` would do it next) unless the data needs the full walk, which runs
        under the guard."""
        sandbox = self.sandbox
        assert sandbox is not None
        modules = sandbox.modules.values() if sandbox.modules else sandbox.modules_now()
        # The usual globals are built-in data, functions and classes: the strict walk measures exactly those with
        # type() checks and the built-in types' own C code, so it runs no function code and needs no guard (which
        # would trace the walk, several times slower); when it meets anything else, the full walk runs guarded.
        guard.disarm()
        roots = memory.plain_roots(modules, strict=True)
        sized = memory.plain_bytes(roots, strict=True) if roots is not None else None
        if sized is None:
            assert sandbox.guard is not None  # the phase's guard (Sandbox.enter), counting again for the full walk
            guard.arm(sandbox.guard)
            data = memory.data_bytes(memory.module_roots(modules))
        else:
            data = sized[0]
        if payload is not None:
            data += len(payload)
        if self._note_data(data):
            raise memory.OutOfMemory()

    def _note_data(self, data: int) -> bool:
        """Record a sample; True when the model exceeds the function's memory."""
        if data <= self.peak_data_bytes:
            return False
        self.peak_data_bytes = data
        used = memory.used_mb(self.base_memory_mb, data)
        if used > self.version.memory_size:
            return True
        self.max_memory_used_mb = min(self.version.memory_size, math.ceil(used))
        return False

    def sample_running(self) -> int:
        """A sample while the code runs, called by the guard: 0 when over memory, else the steps to the next one
        (one per object visited: sampling costs about as much again as the code between samples)."""
        assert self.sandbox is not None
        # This runs inside the guard's trace function, where function code would run unguarded: built-in data only.
        roots = memory.plain_roots(self.sandbox.modules_now()) + memory.frame_roots(guard.USER_PREFIXES)
        data, visited = memory.plain_bytes(roots)
        return 0 if self._note_data(data) else max(1, visited)

    def _out_of_memory(self, request_id: str) -> dict[str, Any]:
        """Lambda kills a runtime that needs more than its memory: ``Runtime.OutOfMemory``.
        https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html"""
        self.max_memory_used_mb = self.version.memory_size
        return {
            "errorType": "Runtime.OutOfMemory",
            "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: signal: killed",
        }

    def timeout_outcome(self, started: float, request_id: str, lines: list[tuple[float, str]]) -> PhaseOutcome:
        """The invocation ran out of time: Lambda's message, the full timeout as duration, and a reset."""
        timeout = self.version.timeout
        message = f"{iso_millis(started + timeout)} {request_id} Task timed out after {timeout:.2f} seconds"
        lines.append((started + timeout, message))
        return PhaseOutcome(
            timeout * 1000.0,
            lines,
            payload=_payload({"errorMessage": message}),
            error={"errorMessage": message},
            timed_out=True,
            reset=True,
        )


def _token(stream: str) -> str:
    """A UUID-shaped per-environment token, derived from the (seeded) stream name: no extra random draw."""
    h = hashlib.sha256(stream.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def _payload(error: dict[str, Any]) -> bytes:
    return dumps(error).encode("utf-8")


def _exit_error(request_id: str, exc: BaseException) -> dict[str, Any]:
    """The runtime process ended: Lambda reports ``Runtime.ExitError`` with only ``errorType`` and
    ``errorMessage`` (real logs: "RequestId: ... Error: Runtime exited with error: exit status 1")."""
    return {
        "errorType": "Runtime.ExitError",
        "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: {exit_status(exc)}",
    }


def _error_lines(at: float, error: dict[str, Any]) -> list[tuple[float, str]]:
    """How an error appears in the log: the runtime's ``[ERROR]`` line, or Lambda's lines for a runtime that
    exited (the message, then the error type on its own line)."""
    error_type = error.get("errorType", "")
    if error_type in ("Runtime.ExitError", "Runtime.OutOfMemory"):
        return [(at, error["errorMessage"]), (at, error_type)]
    return [(at, _error_log_line(error))]


def _error_log_line(error: dict[str, Any]) -> str:
    """How the Python runtime logs an unhandled error: ``[ERROR] Type: message`` then the traceback."""
    text = f"[ERROR] {error.get('errorType', 'Error')}: {error['errorMessage']}"
    stack = error.get("stackTrace") or []
    if stack:
        text += "\nTraceback (most recent call last):\n" + "".join(stack).rstrip("\n")
    return text


__all__ = ["EnvState", "ExecutionEnvironment", "PhaseOutcome", "format_stack", "user_frames"]
