"""Distributed Map: the iterations run as child workflow executions of a Map Run.

From https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html: ItemReader reads the items
(from S3: a JSON array, CSV lines with a header, or an object listing; ``ReaderConfig.MaxItems`` caps them);
ItemBatcher groups items (``MaxItemsPerBatch``, ``BatchInput``: each child gets ``{"Items": [...], "BatchInput":
...}``); ToleratedFailurePercentage/Count let the Map succeed while some children fail, else it fails with
``States.ExceedToleratedFailureThreshold``; ResultWriter writes the results to S3 instead of the output. The
parent history records MapRunStarted (``mapRunArn``) and MapRunSucceeded/MapRunFailed; the children's events are
in their own executions, which ListExecutions with the ``mapRunArn`` returns.

pocketcloud runs each child as an execution of the Map's ItemProcessor (Standard or Express, as
``ProcessorConfig.ExecutionType`` says). The ItemReader reads through pocketcloud's S3 client, as the state
machine's role: an object listing gives each child ``{"Etag", "Key", "LastModified", "Size", "StorageClass"}``
with ``LastModified`` in epoch seconds, as the guide's example child input shows
(https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html); an S3 error, or content that
is not what ``ReaderConfig`` says, fails the state with ``States.ItemReaderFailed``.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from typing import TYPE_CHECKING, Any

from ....timeutil import to_datetime
from ..errors import EXCEED_TOLERATED_FAILURE_THRESHOLD, ITEM_READER_FAILED, ExecutionAborted, StatesError
from ..fibers import Future, Step
from ..intrinsics import to_json

if TYPE_CHECKING:
    from .base import Thread
    from .map_state import MapState


class MapRun:
    def __init__(
        self,
        arn: str,
        execution_arn: str,
        state_machine_arn: str,
        start: float,
        limit: int,
        percentage: float,
        count: int,
    ) -> None:
        self.arn = arn
        self.execution_arn = execution_arn
        self.state_machine_arn = state_machine_arn
        self.start = start
        self.stop: float | None = None
        self.status = "RUNNING"
        self.max_concurrency = limit
        self.tolerated_percentage = percentage
        self.tolerated_count = count
        self.executions: list[Any] = []
        self.total = 0

    def counts(self) -> dict[str, int]:
        statuses = [e.status for e in self.executions]
        running = statuses.count("RUNNING")
        return {
            "pending": self.total - len(statuses),
            "running": running,
            "succeeded": statuses.count("SUCCEEDED"),
            "failed": statuses.count("FAILED"),
            "timedOut": statuses.count("TIMED_OUT"),
            "aborted": statuses.count("ABORTED"),
            "total": self.total,
            "resultsWritten": statuses.count("SUCCEEDED"),
        }

    def describe(self) -> dict[str, Any]:
        counts = self.counts()
        response: dict[str, Any] = {
            "mapRunArn": self.arn,
            "executionArn": self.execution_arn,
            "status": self.status,
            "startDate": to_datetime(self.start),
            "maxConcurrency": self.max_concurrency,
            "toleratedFailurePercentage": float(self.tolerated_percentage),
            "toleratedFailureCount": self.tolerated_count,
            "itemCounts": counts,
            "executionCounts": counts,
        }
        if self.stop is not None:
            response["stopDate"] = to_datetime(self.stop)
        return response


def _epoch_seconds(moment: Any) -> Any:
    """ListObjectsV2's LastModified as the reader hands it to a child: whole seconds since the epoch
    (``"LastModified": 1668699881`` in the guide's example of a child's input)."""
    return int(moment.timestamp()) if hasattr(moment, "timestamp") else moment


def _runtime(text: str) -> StatesError:
    return StatesError("States.Runtime", text)


def read_items(state: MapState, thread: Thread, effective: Any, items: list[Any]) -> list[Any]:
    reader = state.item_reader
    if not reader:
        return items
    from ..integrations.service_call import has_client

    cloud = thread.execution.cloud
    if not has_client(cloud, "s3"):
        raise StatesError(
            ITEM_READER_FAILED, "pocketcloud does not simulate Amazon S3 yet, so the ItemReader cannot read."
        )
    params = dict(reader.get("Parameters") or reader.get("Arguments") or {})
    for key in list(params):
        if key.endswith(".$"):
            from .. import payload

            params[key[:-2]] = payload.Selector(params.pop(key)).apply(
                effective, thread.sources(effective), lambda t: StatesError("States.Runtime", t)
            )
    config = reader.get("ReaderConfig", {})
    s3: Any = cloud.client("s3")
    resource = reader.get("Resource", "")
    try:
        if resource.endswith("listObjectsV2"):
            listed = s3.list_objects_v2(**params)
            found: list[Any] = [
                {
                    "Etag": o.get("ETag"),
                    "Key": o["Key"],
                    "LastModified": _epoch_seconds(o.get("LastModified")),
                    "Size": o.get("Size"),
                    "StorageClass": o.get("StorageClass", "STANDARD"),
                }
                for o in listed.get("Contents", [])
            ]
        else:
            body = s3.get_object(**params)["Body"].read().decode("utf-8")
            kind = config.get("InputType", "JSON")
            if kind == "CSV":
                rows = list(csv.reader(io.StringIO(body)))
                if config.get("CSVHeaderLocation") == "GIVEN":
                    header = config.get("CSVHeaders", [])
                else:
                    header, rows = rows[0], rows[1:]
                found = [dict(zip(header, row, strict=False)) for row in rows]
            elif kind == "MANIFEST":
                manifest = json.loads(body)
                found = [{"Bucket": f.get("bucket", ""), "Key": f["key"]} for f in manifest.get("files", [])]
            else:
                found = json.loads(body)
    except Exception as exc:  # the S3 client's ClientError, or content that is not what ReaderConfig says
        raise StatesError(ITEM_READER_FAILED, str(exc)) from None
    if not isinstance(found, list):
        raise StatesError(ITEM_READER_FAILED, "The ItemReader did not find a JSON array.")
    if "MaxItems" in config:
        found = found[: int(config["MaxItems"])]
    return found


def _batches(state: MapState, items: list[Any]) -> list[Any]:
    batcher = state.item_batcher
    if not batcher:
        return items
    size = int(batcher.get("MaxItemsPerBatch", len(items) or 1))
    out = []
    for i in range(0, len(items), size):
        batch: dict[str, Any] = {"Items": items[i : i + size]}
        if "BatchInput" in batcher:
            batch["BatchInput"] = batcher["BatchInput"]
        out.append(batch)
    return out


def run_distributed(
    state: MapState, thread: Thread, raw: Any, effective: Any, items: list[Any], limit: int, entered: int
) -> Step:
    from ..executions import _input  # noqa: F401
    from ..interpreter import Execution

    execution = thread.execution
    service = execution.service
    items = _batches(state, read_items(state, thread, effective, items))
    thread.emit("MapStateStarted", {"length": len(items)})
    label = state.label or state.name
    run_id = execution.new_uuid()
    machine = execution.state_machine_name
    arn = f"arn:aws:states:{execution.cloud.region}:{execution.cloud.account_id}:mapRun:{machine}/{label}:{run_id}"
    percentage = float(state.tolerated_percentage or 0)
    count = int(state.tolerated_count or 0)
    run = MapRun(arn, execution.arn, execution.state_machine_arn, execution.cloud.now, limit, percentage, count)
    run.total = len(items)
    service.map_runs[arn] = run
    thread.emit("MapRunStarted", {"mapRunArn": arn})
    results: list[Any] = [None] * len(items)
    done = Future()
    failed = [0]
    next_index = [0]
    running = [0]
    express = state.execution_type == "EXPRESS"

    def launch() -> None:
        while next_index[0] < len(items) and (limit == 0 or running[0] < limit) and not done.done:
            index = next_index[0]
            next_index[0] += 1
            context = dict(thread.context)
            context["Map"] = {"Item": {"Index": index, "Value": items[index]}}
            value = state.iteration_input(thread, context, raw, effective, items[index], entered)
            name = f"{run_id[:8]}:{index}"
            kind = "express" if express else "execution"
            child = Execution(
                service,
                arn=f"arn:aws:states:{execution.cloud.region}:{execution.cloud.account_id}:{kind}:{machine}/{label}:{name}",
                name=name,
                state_machine_arn=f"{execution.state_machine_arn}/{label}",
                state_machine_name=f"{machine}/{label}",
                program=state.processor,
                definition=to_json(state.spec.get("ItemProcessor", {})),
                role_arn=execution.role_arn,
                input_text=to_json(value),
                input_value=value,
                express=express,
                map_run_arn=arn,
            )
            run.executions.append(child)
            service.executions[child.arn] = child
            running[0] += 1
            child.on_end.append(functools.partial(finished, index=index))
            child.start()

    def finished(child: Any, index: int) -> None:
        running[0] -= 1
        if child.status == "SUCCEEDED":
            results[index] = json.loads(child.output_text)
        else:
            failed[0] += 1
            allowed = max(count, math.floor(len(items) * percentage / 100))
            if failed[0] > allowed and not done.done:
                done.reject(
                    StatesError(
                        EXCEED_TOLERATED_FAILURE_THRESHOLD, "The specified tolerated failure threshold was exceeded"
                    )
                )
                return
        if next_index[0] >= len(items) and running[0] == 0:
            done.resolve(results)
        else:
            launch()

    if not items:
        done.resolve([])
    else:
        launch()
    try:
        value = yield done
    except StatesError as err:
        run.status, run.stop = "FAILED", execution.cloud.now
        thread.emit("MapRunFailed", {"error": err.error, "cause": err.cause or ""})
        raise
    except ExecutionAborted:
        for child in run.executions:
            child.stop(None, None)
        run.status, run.stop = "ABORTED", execution.cloud.now
        thread.emit("MapRunAborted")
        raise
    run.status, run.stop = "SUCCEEDED", execution.cloud.now
    thread.emit("MapRunSucceeded")
    thread.emit("MapStateSucceeded")
    if state.result_writer:
        return {"MapRunArn": arn, "ResultWriterDetails": {"Bucket": "", "Key": ""}}
    return value
