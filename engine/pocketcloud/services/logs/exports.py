"""Export tasks to S3: CreateExportTask, DescribeExportTasks, CancelExportTask.

"This is an asynchronous call. If all the required information is provided, this operation initiates an export
task and responds with the ID of the task ... Each account can only have one active (RUNNING or PENDING) export
task at a time"; ``destinationPrefix`` defaults to ``exportedlogs``; ``from``/``to`` are epoch milliseconds and
events outside them "are not exported"
(https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateExportTask.html). A task is
``PENDING``, then ``RUNNING`` ("Started Successfully", the message in the user guide's example), then
``COMPLETED``; CancelExportTask works while it is PENDING or RUNNING. (The API reference asks for a ``to`` "not
earlier than when this log group was created", but AWS accepts such a task, as moto's aws_verified
test_create_export_task_happy_path records, and so does pocketcloud: it simply exports nothing.)
DescribeExportTasks lists "all of your export tasks, in reverse order of creation" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/S3ExportTasks.html).

CloudWatch Logs writes to the bucket through S3's public client as the ``logs.amazonaws.com`` service principal.
At CreateExportTask it checks that the bucket exists (else "The given bucket does not exist. Please make sure the
bucket is valid.") and writes ``aws-logs-write-test`` ("Permission Check Successful"), as AWS does (both recorded
against AWS by moto's aws_verified tests, getmoto/moto tests/test_logs/test_export_tasks.py). pocketcloud's S3
does not simulate bucket policies yet, so the bucket policy AWS requires (``s3:GetBucketAcl`` and
``s3:PutObject`` for ``logs.<region>.amazonaws.com``) is not checked.

Timing and layout are a pocketcloud model (AWS: "might take anywhere from a few seconds to a few hours"):
:data:`PENDING_S` pending, then :data:`RUN_BASE_S` plus a second per :data:`EXPORT_BYTES_PER_S`; at completion
each exported stream becomes one gzip object ``<prefix>/<taskId>/<logStreamName>/000000.gz`` whose lines are
``<ISO 8601 timestamp> <message>``, the events in time order.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ClientError, ServiceError
from ...timeutil import EPOCH_SECONDS, iso_millis
from .pattern_values import invalid
from .reading import page_after

if TYPE_CHECKING:
    from .backend import LogsBackend

PENDING_S = 1.0
RUN_BASE_S = 2.0
EXPORT_BYTES_PER_S = 10_000_000
PRINCIPAL = "logs.amazonaws.com"
_MESSAGES = {
    "PENDING": "Pending",
    "RUNNING": "Started Successfully",
    "COMPLETED": "Completed successfully",
    "CANCELLED": "Cancelled by user",
    "FAILED": "FAILED",
}


@dataclass
class ExportTask:
    task_id: str
    name: str | None
    group: str
    stream_prefix: str | None
    start: int
    end: int
    destination: str
    prefix: str
    created: int
    sequence: int
    code: str = "PENDING"
    completed: int | None = None

    def describe(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"taskId": self.task_id}
        if self.name is not None:
            entry["taskName"] = self.name
        entry.update(
            {
                "logGroupName": self.group,
                "from": self.start,
                "to": self.end,
                "destination": self.destination,
                "destinationPrefix": self.prefix,
                "status": {"code": self.code, "message": _MESSAGES[self.code]},
            }
        )
        info: dict[str, Any] = {"creationTime": self.created}
        if self.completed is not None:
            info["completionTime"] = self.completed
        entry["executionInfo"] = info
        return entry


def _tasks(backend: LogsBackend) -> dict[str, ExportTask]:
    found: dict[str, ExportTask] = backend.extension("export_tasks", lambda _b: {})
    return found


def _s3(backend: LogsBackend, group: str) -> Any:
    return backend.cloud.service_client("s3", PRINCIPAL, source_arn=backend.group_arn(group) + ":*")


def create_export_task(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    group = backend.group(params["logGroupName"])
    start, end = params["from"], params["to"]
    if end < start:
        raise invalid("The to time must not be earlier than the from time.")
    tasks = _tasks(backend)
    active = [t for t in tasks.values() if t.code in ("PENDING", "RUNNING")]
    if len(active) >= limits.LOGS_ACTIVE_EXPORT_TASKS_MAX:
        raise ServiceError("LimitExceededException", "Resource limit exceeded.")
    bucket = params["destination"]
    s3 = _s3(backend, group.name)
    try:
        s3.head_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="aws-logs-write-test", Body=b"Permission Check Successful")
    except ClientError:
        raise invalid("The given bucket does not exist. Please make sure the bucket is valid.") from None
    cloud = backend.cloud
    task = ExportTask(
        task_id=cloud.new_request_id(),
        name=params.get("taskName"),
        group=group.name,
        stream_prefix=params.get("logStreamNamePrefix"),
        start=start,
        end=end,
        destination=bucket,
        prefix=params.get("destinationPrefix") or "exportedlogs",
        created=backend.now_ms(),
        sequence=len(tasks),
    )
    tasks[task.task_id] = task
    cloud.kernel.schedule(PENDING_S, _run, backend, task)
    return {"taskId": task.task_id}


def _run(backend: LogsBackend, task: ExportTask) -> None:
    if task.code != "PENDING":
        return
    task.code = "RUNNING"
    size = sum(len(line) for _, line in _lines(backend, task))
    backend.cloud.kernel.schedule(RUN_BASE_S + size / EXPORT_BYTES_PER_S, _complete, backend, task)


def _lines(backend: LogsBackend, task: ExportTask) -> list[tuple[str, bytes]]:
    """``(stream name, gzip-ready text)`` for each stream with events to export."""
    group = backend.groups.get(task.group)
    if group is None:
        return []
    cutoff = group.cutoff(backend.now_ms())
    out = []
    for stream in sorted(group.streams.values(), key=lambda s: s.name):
        if task.stream_prefix is not None and not stream.name.startswith(task.stream_prefix):
            continue
        events = sorted(
            (event[0], seq, event[1]) for seq, event in stream.visible(cutoff) if task.start <= event[0] <= task.end
        )
        if events:
            text = "".join(f"{iso_millis(ts / 1000 - EPOCH_SECONDS)} {message}\n" for ts, _seq, message in events)
            out.append((stream.name, text.encode("utf-8")))
    return out


def _complete(backend: LogsBackend, task: ExportTask) -> None:
    if task.code != "RUNNING":
        return
    s3 = _s3(backend, task.group)
    try:
        for stream, data in _lines(backend, task):
            key = f"{task.prefix}/{task.task_id}/{stream}/000000.gz"
            s3.put_object(Bucket=task.destination, Key=key, Body=gzip.compress(data, mtime=0))
    except ClientError:
        task.code = "FAILED"
    else:
        task.code = "COMPLETED"
    task.completed = backend.now_ms()


def describe_export_tasks(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    found = list(_tasks(backend).values())
    if params.get("taskId") is not None:
        found = [t for t in found if t.task_id == params["taskId"]]
    if params.get("statusCode") is not None:
        found = [t for t in found if t.code == params["statusCode"]]
    page, token = page_after(
        found,
        lambda t: [-t.sequence],
        limit=params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX),
        next_token=params.get("nextToken"),
    )
    result: dict[str, Any] = {"exportTasks": [t.describe() for t in page]}
    if token is not None:
        result["nextToken"] = token
    return result


def cancel_export_task(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    task = _tasks(backend).get(params["taskId"])
    if task is None:
        raise ServiceError("ResourceNotFoundException", "The specified export task does not exist.")
    if task.code not in ("PENDING", "RUNNING"):
        raise ServiceError(
            "InvalidOperationException",
            f"The export task is {task.code}; only PENDING or RUNNING tasks can be cancelled.",
        )
    task.code = "CANCELLED"
    task.completed = backend.now_ms()
    return {}
