"""Activities: a Task whose Resource is an activity ARN waits for a worker to poll GetActivityTask and answer with
SendTaskSuccess / SendTaskFailure (SendTaskHeartbeat while it works).
https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html

Events: ActivityScheduled (``resource``, ``input``, timeouts), ActivityStarted (``workerName``) when a worker takes
the task, then ActivitySucceeded / ActivityFailed / ActivityTimedOut. "If the activity worker doesn't call
GetActivityTask ... the task waits" (TimeoutSeconds counts from scheduling).
"""

from __future__ import annotations

from typing import Any

from ..errors import StatesError
from ..fibers import Future, Step
from ..intrinsics import to_json
from .base import TaskContext
from .callbacks import PendingToken


class ActivityTask:
    def __init__(self, arn: str) -> None:
        self.arn = arn
        self.needs_token = True

    def run(self, ctx: TaskContext, params: Any) -> Step:
        thread = ctx.thread
        execution = ctx.execution
        service = execution.service
        text = to_json(params)
        details: dict[str, Any] = {"resource": self.arn, "input": text, "inputDetails": {"truncated": False}}
        if ctx.timeout is not None:
            details["timeoutInSeconds"] = int(ctx.timeout)
        if ctx.heartbeat is not None:
            details["heartbeatInSeconds"] = int(ctx.heartbeat)
        if self.arn not in service.activities:
            thread.emit(
                "ActivityScheduleFailed", {"error": "States.Runtime", "cause": f"Activity does not exist: {self.arn}"}
            )
            raise StatesError("States.Runtime", f"Activity does not exist: {self.arn}")
        thread.emit("ActivityScheduled", details)
        token = thread.context.get("Task", {}).get("Token") or execution.new_task_token()
        future = Future()
        pending = PendingToken(ctx, future, "activity")
        service.tokens[token] = pending
        service.enqueue_activity_task(self.arn, token, text)
        try:
            try:
                output = yield from ctx.wait(future, heartbeat=False)
            except StatesError as err:
                if err.error in ("States.Timeout", "States.HeartbeatTimeout"):
                    thread.emit("ActivityTimedOut", {"error": err.error})
                else:
                    failed: dict[str, Any] = {"error": err.error}
                    if err.cause is not None:
                        failed["cause"] = err.cause
                    thread.emit("ActivityFailed", failed)
                raise
            out = to_json(output)
            thread.emit("ActivitySucceeded", {"output": out, "outputDetails": {"truncated": False}})
            return output
        finally:
            service.tokens.pop(token, None)
            service.drop_activity_task(self.arn, token)


def worker_started(pending: PendingToken, worker_name: str | None) -> None:
    """GetActivityTask handed the task to a worker: ActivityStarted, and the heartbeat clock starts."""
    ctx = pending.ctx
    details = {"workerName": worker_name} if worker_name else None
    ctx.thread.emit("ActivityStarted", details)
    pending.started = True
    ctx.arm_heartbeat()
