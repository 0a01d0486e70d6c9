"""An execution environment: one initialised copy of a function that runs one invocation at a time.

Lambda creates an environment on demand (a cold start), runs the Init phase once (the runtime starts and the
handler's module is imported, which runs its top-level code), then reuses it for later invocations (warm
starts) while it is idle. Module globals and anything cached during Init survive between those invocations;
nothing is shared between two environments.
https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
"""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from ... import limits
from ...kernel import Timer
from ...timeutil import iso_millis, log_stream_day
from . import performance
from .context import ClientContext, LambdaContext
from .sandbox import TASK_ROOT, DeadlineExceeded, ModuleIndex, Sandbox, VirtualClock
from .sdk import sdk_modules
from .tmpfs import TmpFS, patches

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .models import FunctionVersion
    from .service import Settings


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


def _format_stack(frames: list[traceback.FrameSummary], sources: dict[str, bytes]) -> list[str]:
    """Format user frames as the Python runtime's stackTrace entries, with source lines from the package."""
    out = []
    for frame in frames:
        line = ""
        source = sources.get(frame.filename)
        if source is not None and frame.lineno:
            lines = source.decode("utf-8", "replace").splitlines()
            if 0 < frame.lineno <= len(lines):
                line = lines[frame.lineno - 1].strip()
        entry = f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
        if line:
            entry += f"    {line}\n"
        out.append(entry)
    return out


def _user_frames(exc: BaseException) -> list[traceback.FrameSummary]:
    summary = traceback.extract_tb(exc.__traceback__, limit=None)
    return [f for f in summary if f.filename.startswith(("/var/task/", "/opt/"))]


class ExecutionEnvironment:
    """One environment of one function version. Not created directly: the invoke path creates them."""

    def __init__(
        self,
        cloud: Cloud,
        version: FunctionVersion,
        index: ModuleIndex,
        created_at: float,
        provisioned_for: str | None = None,
    ) -> None:
        self.cloud = cloud
        self.version = version
        #: The qualifier whose provisioned concurrency created this environment, or None for on-demand ones.
        self.provisioned_for = provisioned_for
        self.init_type = "provisioned-concurrency" if provisioned_for else "on-demand"
        # Stream name format: date/[version]id, one stream per environment.
        # https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
        self.log_stream_name = f"{log_stream_day(created_at)}/[{version.version}]{cloud.random_hex(32)}"
        self.log_group_name = f"/aws/lambda/{version.name}"
        self.created_at = created_at
        self.state = EnvState.BUSY
        self.invocations = 0
        self.available_at = created_at
        self._clock = VirtualClock(created_at, None)
        self._lines: list[tuple[float, str]] = []
        self.tmp = TmpFS(index.mount_roots())
        self.sandbox = Sandbox(index, self._environ(), self._emit, patches(self.tmp), sdk_modules(cloud))
        self.handler: Callable[[Any, Any], Any] | None = None
        self._handler_fault: dict[str, Any] | None = None
        self._reclaim_timer: Timer | None = None
        self._idle_since = created_at
        self._settings: Settings | None = None
        self.max_memory_used_mb = performance.max_memory_used_mb(version.code.unzipped_size, version.memory_size)
        self.vcpus = min(limits.LAMBDA_MAX_VCPUS, version.memory_size / limits.LAMBDA_MB_PER_VCPU)

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
        self.cancel_reclaim()
        self.state = EnvState.DEAD
        self.tmp.remove()
        self.sandbox.modules.clear()
        self.handler = None
        if self.on_shutdown is not None:
            self.on_shutdown(self)

    on_shutdown: Callable[[ExecutionEnvironment], None] | None = None

    # -- environment variables -------------------------------------------------------------------------------
    def _environ(self) -> dict[str, str]:
        """The function's variables plus the runtime's reserved ones.
        https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
        """
        v = self.version
        region = self.cloud.region
        # LANG, PATH and TZ have runtime defaults that a function may override; the rest are reserved.
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
                "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
                "LAMBDA_TASK_ROOT": TASK_ROOT,
                "LAMBDA_RUNTIME_DIR": "/var/runtime",
            }
        )
        return environ

    def _emit(self, line: str) -> None:
        self._lines.append((self._clock.now, line))

    # -- Init ------------------------------------------------------------------------------------------------
    def initialize(self, at: float, limit_s: float | None = None) -> PhaseOutcome:
        """Run the Init phase: start the runtime and import the handler's module (its top-level code).

        On-demand Init is limited to 10 seconds; provisioned Init gets up to 15 minutes; when Lambda retries a
        timed-out Init inside the first invocation, the function's timeout applies (``limit_s``).
        https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
        """
        overhead_ms = performance.init_overhead_ms(self.cloud.random, self.version.code.unzipped_size)
        if limit_s is None:
            limit_s = limits.LAMBDA_INIT_TIMEOUT_S if self.provisioned_for is None else limits.LAMBDA_TIMEOUT_MAX_S
        limit = max(0.0, limit_s - overhead_ms / 1000)
        clock = self._clock = VirtualClock(at + overhead_ms / 1000, limit, vcpus=max(1.0, self.vcpus))
        self._lines = []
        handler = self.version.handler
        module_name, _, func_name = handler.rpartition(".")
        error: dict[str, Any] | None = None
        timed_out = False
        if not module_name:
            error = _fault(
                "Runtime.MalformedHandlerName",
                f"Bad handler '{handler}': not enough values to unpack (expected 2, got 1)",
            )
        elif module_name.split(".")[0] in sys.builtin_module_names:
            error = _fault(
                "Runtime.BuiltInModuleConflict", f"Cannot use built-in module {module_name} as a handler module"
            )
        else:
            module_name = module_name.replace("/", ".")
            with self.sandbox.active(clock):
                try:
                    module = importlib.import_module(module_name)
                except DeadlineExceeded:
                    timed_out = True
                except ImportError as exc:
                    error = _fault("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {exc}")
                except SyntaxError as exc:
                    error = _fault(
                        "Runtime.UserCodeSyntaxError",
                        f"Syntax error in module '{module_name}': {exc}",
                        [f'  File "{exc.filename}" Line {exc.lineno}\n        {(exc.text or "").strip()}\n'],
                    )
                except Exception as exc:
                    error = _fault(
                        type(exc).__name__, str(exc), _format_stack(_user_frames(exc), self.sandbox.index.sources)
                    )
                else:
                    handler_fn = getattr(module, func_name, None)
                    if handler_fn is None:
                        self._handler_fault = _fault(
                            "Runtime.HandlerNotFound", f"Handler '{func_name}' missing on module '{module_name}'"
                        )
                    else:
                        self.handler = handler_fn
        elapsed_ms = overhead_ms + clock.elapsed * 1000
        lines = self._lines
        if error is not None:
            lines.append((clock.now, _error_log_line(error)))
        return PhaseOutcome(elapsed_ms, lines, error=error, timed_out=timed_out, reset=error is not None)

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
        self.sandbox.log_handler.request_id = request_id
        self._lines = []
        self.invocations += 1
        if self._handler_fault is not None:
            fault = dict(self._handler_fault, requestId=request_id)
            return PhaseOutcome(
                overhead_ms, [(at, _error_log_line(fault))], payload=json.dumps(fault).encode(), error=fault
            )
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
        result: Any = None
        error: dict[str, Any] | None = None
        timed_out = reset = False
        sandbox = self.sandbox
        sandbox.enter(clock)  # the hot path: enter/exit directly rather than through a context manager
        try:
            result = handler(event, context)
        except DeadlineExceeded:
            timed_out = reset = True
        except SystemExit as exc:
            reset = True
            error = _fault(
                "Runtime.ExitError",
                f"RequestId: {request_id} Error: Runtime exited with error: exit status {exc.code or 0}",
            )
        except Exception as exc:
            error = _fault(
                type(exc).__name__,
                str(exc),
                _format_stack(_user_frames(exc), sandbox.index.sources),
                request_id,
            )
        finally:
            sandbox.exit()
        lines = self._lines
        if timed_out:
            return self.timeout_outcome(at - spent_s, request_id, lines)
        elapsed_ms = overhead_ms + clock.elapsed * 1000
        if error is None:
            try:
                payload = json.dumps(result).encode("utf-8")
            except (TypeError, ValueError) as exc:
                error = _fault("Runtime.MarshalError", f"Unable to marshal response: {exc}", [], request_id)
            else:
                return PhaseOutcome(elapsed_ms, lines, payload=payload)
        lines.append((clock.now, _error_log_line(error)))
        return PhaseOutcome(elapsed_ms, lines, payload=json.dumps(error).encode("utf-8"), error=error, reset=reset)

    def timeout_outcome(self, started: float, request_id: str, lines: list[tuple[float, str]]) -> PhaseOutcome:
        """The invocation ran out of time: Lambda's message, the full timeout as duration, and a reset."""
        timeout = self.version.timeout
        message = f"{iso_millis(started + timeout)} {request_id} Task timed out after {timeout:.2f} seconds"
        lines.append((started + timeout, message))
        return PhaseOutcome(
            timeout * 1000.0,
            lines,
            payload=json.dumps({"errorMessage": message}).encode(),
            error={"errorMessage": message},
            timed_out=True,
            reset=True,
        )


def _fault(error_type: str, message: str, stack: list[str] | None = None, request_id: str = "") -> dict[str, Any]:
    """The error payload shape of Lambda's Python runtime."""
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id, "stackTrace": stack or []}


def _error_log_line(error: dict[str, Any]) -> str:
    """How the Python runtime logs an unhandled error: ``[ERROR] Type: message`` then the traceback."""
    text = f"[ERROR] {error.get('errorType', 'Error')}: {error['errorMessage']}"
    stack = error.get("stackTrace") or []
    if stack:
        text += "\nTraceback (most recent call last):\n" + "".join(stack).rstrip("\n")
    return text
