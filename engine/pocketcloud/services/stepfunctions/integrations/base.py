"""What every Task integration shares: the Task* history events, timeouts and heartbeats, AWS's error shapes.

A service integration (``arn:aws:states:::<service>:<action>``) writes TaskScheduled (with ``resourceType``,
``resource``, ``region``, ``parameters``), TaskStarted, then TaskSucceeded / TaskFailed / TaskTimedOut; the
callback pattern (``.waitForTaskToken``) and ``.sync`` add TaskSubmitted once the request is accepted.
https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html

"If the task runs longer than the specified seconds, this state fails with a States.Timeout error";
"If more time than the specified seconds elapses between heartbeats from the task, this state fails with a
States.HeartbeatTimeout error". https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

When a call to another service fails, Step Functions names the error ``<Service>.<ErrorCode>`` and the cause is
the Java SDK's exception text, "<message> (Service: <ServiceName>; Status Code: <n>; Error Code: <code>;
Request ID: <id>; Proxy: null)" (recorded in LocalStack's AWS snapshots, e.g. error_handling/
test_task_service_lambda.snapshot.json).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ....errors import ClientError
from ..errors import HEARTBEAT_TIMEOUT, TIMEOUT, StatesError
from ..fibers import Future, Step, deadline
from ..history import data_details
from ..intrinsics import to_json

if TYPE_CHECKING:
    from ..asl.base import Thread


class TaskContext:
    """One attempt of one Task state: its thread, resource names and timeouts."""

    def __init__(
        self,
        thread: Thread,
        state_name: str,
        resource_type: str,
        resource: str,
        timeout: float | None,
        heartbeat: float | None,
    ) -> None:
        self.thread = thread
        self.state_name = state_name
        self.resource_type = resource_type
        self.resource = resource
        self.timeout = timeout
        self.heartbeat = heartbeat
        self.heartbeat_timer: Any = None
        self.pending: Future | None = None

    @property
    def execution(self) -> Any:
        return self.thread.execution

    def _base(self) -> dict[str, Any]:
        return {"resourceType": self.resource_type, "resource": self.resource}

    def scheduled(self, parameters: Any) -> None:
        details: dict[str, Any] = {
            **self._base(),
            "region": self.execution.cloud.region,
            "parameters": to_json(parameters),
        }
        if self.timeout is not None:
            details["timeoutInSeconds"] = int(self.timeout)
        if self.heartbeat is not None:
            details["heartbeatInSeconds"] = int(self.heartbeat)
        self.thread.emit("TaskScheduled", details)

    def started(self) -> None:
        self.thread.emit("TaskStarted", self._base())

    def submitted(self, output: Any) -> None:
        text = to_json(output)
        self.thread.emit("TaskSubmitted", {**self._base(), "output": text, "outputDetails": data_details(text)})

    def succeeded(self, output: Any) -> Any:
        text = to_json(output)
        too_big = self.execution.size_error(text, self.resource_type)
        if too_big is not None:
            raise self.failed(too_big.error, too_big.cause)
        self.thread.emit("TaskSucceeded", {**self._base(), "output": text, "outputDetails": data_details(text)})
        return output

    def failed(self, error: str, cause: str | None) -> StatesError:
        details = {**self._base(), "error": error}
        if cause is not None:
            details["cause"] = cause
        self.thread.emit("TaskFailed", details)
        return StatesError(error, cause)

    def timed_out(self, error: StatesError) -> StatesError:
        details = {**self._base(), "error": error.error}
        if error.cause:
            details["cause"] = error.cause
        self.thread.emit("TaskTimedOut", details)
        return error

    def wait(self, future: Future, *, heartbeat: bool = False) -> Step:
        """Wait for ``future`` under the state's TimeoutSeconds (and HeartbeatSeconds when ``heartbeat``)."""
        kernel = self.execution.cloud.kernel
        timers = []
        if self.timeout is not None:
            timers.append(deadline(kernel, future, self.timeout, lambda: StatesError(TIMEOUT, None)))
        self.pending = future
        if heartbeat and self.heartbeat is not None:
            self.arm_heartbeat()
        try:
            return (yield future)
        finally:
            self.pending = None
            for timer in timers:
                timer.cancel()
            if self.heartbeat_timer is not None:
                self.heartbeat_timer.cancel()
                self.heartbeat_timer = None

    def arm_heartbeat(self) -> None:
        """(Re)start the heartbeat clock; SendTaskHeartbeat calls this."""
        future = self.pending
        if future is None or self.heartbeat is None:
            return
        if self.heartbeat_timer is not None:
            self.heartbeat_timer.cancel()
        self.heartbeat_timer = deadline(
            self.execution.cloud.kernel, future, self.heartbeat, lambda: StatesError(HEARTBEAT_TIMEOUT, None)
        )


def sdk_cause(err: ClientError, service_name: str) -> str:
    """The Java SDK exception text AWS puts in a failed task's cause."""
    error = err.response.get("Error", {})
    meta = err.response.get("ResponseMetadata", {})
    return (
        f"{error.get('Message', '')} (Service: {service_name}; Status Code: {meta.get('HTTPStatusCode', 400)}; "
        f"Error Code: {error.get('Code', '')}; Request ID: {meta.get('RequestId', '')}; Proxy: null)"
    )


def java_v1_error(err: ClientError, prefix: str, model_service: str, generic: str, sdk_service: str) -> StatesError:
    """An optimized integration's error (Java SDK v1): ``<Prefix>.<ModeledShape>`` for an error the service model
    declares (``DynamoDB.ResourceNotFoundException``), else the SDK's generic class
    (``DynamoDB.AmazonDynamoDBException`` for a ValidationException); the cause is :func:`sdk_cause`'s text.
    Recorded against AWS in LocalStack's error_handling/test_task_service_dynamodb.snapshot.json."""
    from .aws_sdk import _modeled_errors

    code = err.response.get("Error", {}).get("Code", "")
    shape = _modeled_errors(model_service).get(code)
    name = shape if shape is not None else generic
    if not name.endswith("Exception"):
        name += "Exception"
    return StatesError(f"{prefix}.{name}", sdk_cause(err, sdk_service))


def call_service(method: Callable[..., dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    """Call a client method; parameter-shape problems come back as the service's ValidationException."""
    from ....errors import ParamValidationError

    try:
        return method(**params)
    except ParamValidationError as exc:
        raise ClientError(
            {
                "Error": {"Code": "ValidationException", "Message": str(exc)},
                "ResponseMetadata": {"HTTPStatusCode": 400},
            },
            "call",
        ) from None


def strip_metadata(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}
