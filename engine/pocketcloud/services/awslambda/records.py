"""What one invocation produced: the record the API, the log, the bill, the trace and the metrics all read.

An :class:`Invocation` is created once per invocation by the one invoke path (:mod:`.invoke`) and never copied:
the synchronous Invoke response, the async queue, event source mappings, ``cloud.lambda_trace`` and the log
stream all hold the same object. It is a ``__slots__`` class because a simulated day can create a million of
them.

Log lines are kept in one of two ways, with the same result for a reader:

* an invocation that ran real handler code wrote its lines eagerly (they carry the handler's own output);
* an invocation of a function with a workload model (:mod:`.workload`) has no handler output, so its lines
  (``INIT_START``, ``START``, ``END``, ``REPORT``...) are formatted from this record only when
  someone reads the log (:class:`LazyLog`, formatted by CloudWatch Logs on first read).

The line formats follow the Python runtime's logs (2024-2026):
https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...timeutil import iso_millis

if TYPE_CHECKING:
    from ..logs.backend import LogsBackend
    from .environment import ExecutionEnvironment


def report_line(
    request_id: str,
    duration_ms: float,
    billed_ms: int,
    memory_mb: int,
    used_mb: int,
    init_ms: float | None,
    status: str | None = None,
    error_type: str | None = None,
    restore_ms: float | None = None,
    billed_restore_ms: int | None = None,
) -> str:
    """The ``REPORT`` line; a timed-out or reset invocation adds ``Status`` (and ``Error Type``). A SnapStart
    restore adds ``Restore Duration`` and ``Billed Restore Duration`` ("When a new execution environment is created,
    the REPORT includes the Restore Duration and Billed Restore Duration fields", snapstart-monitoring)."""
    text = (
        f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\tBilled Duration: {billed_ms} ms\t"
        f"Memory Size: {memory_mb} MB\tMax Memory Used: {used_mb} MB\t"
    )
    if init_ms is not None:
        text += f"Init Duration: {init_ms:.2f} ms\t"
    if restore_ms is not None:
        text += f"Restore Duration: {restore_ms:.2f} ms\tBilled Restore Duration: {billed_restore_ms} ms\t"
    if status == "timeout":
        text += "Status: timeout"
    elif status == "error":
        text += f"Status: error\tError Type: {error_type or 'Runtime.Unknown'}"
    return text


def timeout_message(started: float, request_id: str, timeout_s: int) -> str:
    """Lambda's own line when an invocation runs out of time."""
    return f"{iso_millis(started + timeout_s)} {request_id} Task timed out after {timeout_s:.2f} seconds"


class Invocation:
    """Everything one invocation produced, as the API, the log, the bill and the trace see it.

    Times are virtual seconds: ``received_at`` (the request reached Lambda, or the event entered the async
    queue), ``started_at`` (an environment was assigned: Init or Restore starts here on a cold start),
    ``handler_started_at`` (the handler starts) and ``finished_at``. ``path`` says how the request came in:
    ``"sync"`` (the Invoke API's frontend), ``"async"`` (the internal event queue and its pollers) or
    ``"esm"`` (an event source mapping's poller, named in ``source``).
    """

    __slots__ = (
        "_error",
        "_lines",
        "_unreserved",
        "architecture",
        "billed_duration_ms",
        "billed_restore_ms",
        "cold_start",
        "duration_ms",
        "env",
        "error_type",
        "finished_at",
        "function_error",
        "function_name",
        "handler_started_at",
        "init_duration_ms",
        "log_stream_name",
        "max_memory_used_mb",
        "memory_size_mb",
        "path",
        "payload",
        "provisioned",
        "received_at",
        "request_id",
        "resource",
        "restore_duration_ms",
        "source",
        "started_at",
        "status",
        "version",
    )

    def __init__(
        self,
        request_id: str,
        function_name: str,
        version: str,
        log_stream_name: str,
        cold_start: bool,
        started_at: float,
        finished_at: float,
        init_duration_ms: float | None,
        duration_ms: float,
        billed_duration_ms: int,
        memory_size_mb: int,
        max_memory_used_mb: int,
        architecture: str,
        payload: bytes,
        function_error: str | None,
        log_lines: list[str] | None,
        provisioned: bool = False,
        # Positional too: the invoke path passes every argument in order (a keyword call of this many costs a
        # third more, on every invocation).
        resource: str | None = None,
        path: str = "sync",
        source: str | None = None,
        received_at: float | None = None,
        handler_started_at: float | None = None,
        env: ExecutionEnvironment | None = None,
        restore_duration_ms: float | None = None,
        billed_restore_ms: int | None = None,
        status: str | None = None,
        error_type: str | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        self.request_id = request_id
        self.function_name = function_name
        self.version = version
        self.log_stream_name = log_stream_name
        self.cold_start = cold_start
        self.started_at = started_at
        self.finished_at = finished_at
        self.init_duration_ms = init_duration_ms
        self.duration_ms = duration_ms
        self.billed_duration_ms = billed_duration_ms
        self.memory_size_mb = memory_size_mb
        self.max_memory_used_mb = max_memory_used_mb
        self.architecture = architecture
        #: The response payload (what a synchronous Invoke answers with).
        self.payload = payload
        self.function_error = function_error
        self._lines = log_lines
        self.provisioned = provisioned
        #: The qualifier the request named ("$LATEST", a version, an alias), or None for an unqualified name.
        self.resource = resource
        self.path = path
        self.source = source
        self.received_at = started_at if received_at is None else received_at
        self.handler_started_at = started_at if handler_started_at is None else handler_started_at
        self.env = env
        #: A SnapStart restore's Restore Duration and Billed Restore Duration (None without a restore).
        self.restore_duration_ms = restore_duration_ms
        self.billed_restore_ms = billed_restore_ms
        #: None for success, "error" or "timeout" (as the REPORT line's Status says).
        self.status = status
        self.error_type = error_type
        self._error = error
        #: Whether this invocation used the account's unreserved concurrency (the invoke path's bookkeeping).
        self._unreserved = False

    # -- derived facts -------------------------------------------------------------------------------------
    @property
    def restored(self) -> bool:
        """True when the environment was resumed from a SnapStart snapshot for this invocation."""
        return self.restore_duration_ms is not None

    @property
    def queue_wait_s(self) -> float:
        """How long the request or event waited before an environment was assigned (async: in the queue)."""
        return self.started_at - self.received_at

    @property
    def start_kind(self) -> str:
        """``"cold"`` (Init ran for it), ``"restore"`` (resumed from a SnapStart snapshot), ``"provisioned"`` (a
        pre-initialised environment) or ``"warm"``."""
        if self.restored:
            return "restore"
        if self.cold_start:
            return "cold"
        return "provisioned" if self.provisioned else "warm"

    @property
    def env_name(self) -> str:
        """The execution environment's name in traces (``function:version#n``)."""
        return self.env.name if self.env is not None else ""

    @property
    def host(self) -> str:
        """The worker host the environment was placed on (``worker-1`` ...; see :mod:`.placement`)."""
        env = self.env
        return env.host.name if env is not None and env.host is not None else ""

    @property
    def slot(self) -> int:
        """The microVM slot on that host."""
        return self.env.slot if self.env is not None else -1

    @property
    def log_lines(self) -> list[str]:
        """This invocation's log lines from START to REPORT (what ``LogType="Tail"`` returns the end of)."""
        if self._lines is not None:
            return self._lines
        return [text for _at, text in _tail_events(self.env, self.log_row())]

    @property
    def log_text(self) -> str:
        return "".join(line + "\n" for line in self.log_lines)

    # -- the lazy log ---------------------------------------------------------------------------------------
    def log_row(self) -> LogRow:
        """What this invocation's log lines are formatted from (see :class:`LazyLog`)."""
        return (
            self.request_id,
            self.version,
            self.cold_start or self.restored,
            self.started_at,
            self.handler_started_at,
            self.finished_at,
            self.duration_ms,
            self.billed_duration_ms,
            self.memory_size_mb,
            self.max_memory_used_mb,
            self.init_duration_ms,
            self.status,
            self.restore_duration_ms,
            self.billed_restore_ms,
            self._error,
        )

    def __repr__(self) -> str:
        return (
            f"<Invocation {self.request_id} {self.function_name}:{self.version} {self.start_kind} "
            f"{self.started_at:.3f}-{self.finished_at:.3f}s {self.duration_ms:.2f} ms"
            f"{' ' + self.function_error if self.function_error else ''}>"
        )


#: One modelled invocation's log as CloudWatch Logs keeps it until it is read (:meth:`Invocation.log_row`):
#: request ID, version, whether the environment's first lines come first (a cold start or a restore), started,
#: handler started, finished, Duration, Billed Duration, Memory Size, Max Memory Used, Init Duration, Status,
#: Restore Duration, Billed Restore Duration and the function error (None, or the workload's shared error).
LogRow = tuple[
    str,
    str,
    bool,
    float,
    float,
    float,
    float,
    int,
    int,
    int,
    "float | None",
    "str | None",
    "float | None",
    "int | None",
    "dict[str, Any] | None",
]


#: Rows per sealed chunk of a :class:`LazyLog` (a pocketcloud tuning constant, not an AWS figure).
CHUNK_ROWS = 256


class LazyLog:
    """The log lines of consecutive modelled invocations in one environment's stream, formatted when read.

    CloudWatch Logs keeps it among a stream's pending writes (``LogsBackend.put_lazy``) and calls
    :meth:`log_events` on the first read; the invoke path adds each later invocation of the environment to the
    same object while it is still the stream's last pending write. Each invocation is a :data:`LogRow` of
    strings, numbers and None, not its :class:`Invocation`: CPython's garbage collector stops tracking such a
    tuple after the first collection it survives, and the records themselves are freed once the API and the
    trace no longer hold them. A reader sees, row by row, the lines :func:`row_events` formats from each
    invocation's record.

    The rows are kept in sealed chunks of :data:`CHUNK_ROWS` (tuples) and a short open list. A list is always
    tracked, and every full collection visits each of its items, untracked or not: one list of a million rows
    cost about 0.4 us per row per full collection, some 4 us per invocation over a million-invocation day. A
    tuple of untracked rows is itself untracked after the next collection, so the collector visits one item per
    chunk instead of one per row. The error a row may carry is the workload's shared ``{"errorMessage": ...,
    "errorType": ...}`` of strings, which CPython does not track either.
    """

    __slots__ = ("_chunks", "_open", "env")

    def __init__(self, env: ExecutionEnvironment | None, rows: list[LogRow]) -> None:
        self.env = env
        self._chunks: list[tuple[LogRow, ...]] = []
        self._open = rows

    @property
    def rows(self) -> list[LogRow]:
        """Every row, in write order."""
        out = [row for chunk in self._chunks for row in chunk]
        out += self._open
        return out

    def append(self, row: LogRow) -> None:
        """One more invocation of this environment (see the class docstring for the chunks)."""
        rows = self._open
        rows.append(row)
        if len(rows) >= CHUNK_ROWS:
            self._chunks.append(tuple(rows))
            rows.clear()

    @classmethod
    def write(cls, logs: LogsBackend, env: ExecutionEnvironment, row: LogRow, at: float) -> None:
        """Log one modelled invocation of ``env`` (its lines start at ``at``): added to the environment's
        ``LazyLog`` while that is still its stream's last pending write, else written as a new one."""
        last = logs.last_pending(env.log_group_name, env.log_stream_name)
        if last.__class__ is cls and last.env is env:
            last.append(row)
        else:
            logs.put_lazy(env.log_group_name, env.log_stream_name, cls(env, [row]), at)

    def log_events(self) -> list[tuple[float, str]]:
        env = self.env
        out: list[tuple[float, str]] = []
        for chunk in self._chunks:
            for row in chunk:
                out += row_events(env, row)
        for row in self._open:
            out += row_events(env, row)
        return out


def row_events(env: ExecutionEnvironment | None, row: LogRow) -> list[tuple[float, str]]:
    """Every line one modelled invocation wrote to its stream: the environment's first lines on a cold start or
    a restore, then START ... REPORT."""
    if env is not None and row[2]:
        return env.first_lines(row[3], row[12]) + _tail_events(env, row)
    return _tail_events(env, row)


def _tail_events(env: ExecutionEnvironment | None, row: LogRow) -> list[tuple[float, str]]:
    (request_id, version, _first, _started, start, end, duration, billed, memory, used, init, status, restore_ms,
     billed_restore, error) = row  # fmt: skip
    out: list[tuple[float, str]] = [(start, f"START RequestId: {request_id} Version: {version}")]
    if status == "timeout" and env is not None:
        out.append((end, timeout_message(start, request_id, env.version.timeout)))
    elif error is not None:
        out.append((end, f"[ERROR] {error.get('errorType', 'Error')}: {error.get('errorMessage', '')}"))
    out.append((end, f"END RequestId: {request_id}"))
    out.append(
        (
            end,
            report_line(
                request_id,
                duration,
                billed,
                memory,
                used,
                init,
                status if status == "timeout" else None,
                None,
                restore_ms,
                billed_restore,
            ),
        )
    )
    return out
