"""The callback pattern, ``.waitForTaskToken``: send a request carrying ``$$.Task.Token``, then wait until someone
calls SendTaskSuccess or SendTaskFailure with that token (SendTaskHeartbeat keeps it alive).

"Call a service with a task token, and have Step Functions wait until that token is returned with a payload";
the Parameters must include the token (``"TaskToken.$": "$$.Task.Token"``). Events: TaskScheduled, TaskStarted,
TaskSubmitted (the service's response), then TaskSucceeded (the output sent with the token), TaskFailed or
TaskTimedOut. https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import StatesError
from ..fibers import Future, Step
from .base import TaskContext


class PendingToken:
    """A task waiting for its token: the waiting future, the task's context, and how to report events."""

    def __init__(self, ctx: TaskContext, future: Future, kind: str) -> None:
        self.ctx = ctx
        self.future = future
        self.kind = kind  # "callback" | "activity"
        self.started = False


def success(pending: PendingToken, output: str) -> None:
    pending.future.resolve(json.loads(output))


def failure(pending: PendingToken, error: str | None, cause: str | None) -> None:
    pending.future.reject(StatesError(error or "", cause))


class WaitForTaskToken:
    """Wraps a request-response integration (``inner.request``) in the callback pattern."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.needs_token = True

    def run(self, ctx: TaskContext, params: Any) -> Step:
        ctx.scheduled(params)
        ctx.started()
        execution = ctx.execution
        token = ctx.thread.context.get("Task", {}).get("Token")
        future = Future()
        if token is not None:
            execution.service.tokens[token] = PendingToken(ctx, future, "callback")
        try:
            try:
                response = yield from self.inner.request(ctx, params)
            except StatesError as err:
                raise ctx.failed(err.error, err.cause) from None
            ctx.submitted(response)
            try:
                output = yield from ctx.wait(future, heartbeat=True)
            except StatesError as err:
                if err.error in ("States.Timeout", "States.HeartbeatTimeout"):
                    raise ctx.timed_out(err) from None
                raise ctx.failed(err.error, err.cause) from None
            return ctx.succeeded(output)
        finally:
            if token is not None:
                execution.service.tokens.pop(token, None)
