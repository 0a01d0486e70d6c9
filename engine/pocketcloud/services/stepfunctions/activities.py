"""Activities and task tokens: CreateActivity, DescribeActivity, ListActivities, DeleteActivity, GetActivityTask,
SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.

GetActivityTask "long polls for up to 60 seconds": called from outside the simulation, it lets the virtual clock
run until a task is scheduled for the activity or 60 virtual seconds pass, then answers (an empty ``taskToken``
when nothing came), as a worker's long poll would. https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import jsondoc
from ...errors import ServiceError
from ...timeutil import to_datetime
from .arns import activity_arn, check_name, invalid_arn, split
from .integrations.activity import worker_started
from .integrations.callbacks import failure, success
from .listing import page

if TYPE_CHECKING:
    from .service import StepFunctionsService

LONG_POLL_SECONDS = 60


@dataclass
class Activity:
    name: str
    arn: str
    created: float
    tags: dict[str, str] = field(default_factory=dict)


def create_activity(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    name = params["name"]
    check_name(name)
    arn = activity_arn(service.cloud.region, service.cloud.account_id, name)
    existing = service.activities.get(arn)
    if existing is None:
        existing = Activity(name, arn, service.cloud.now)
        for tag in params.get("tags") or []:
            existing.tags[tag["key"]] = tag.get("value", "")
        service.activities[arn] = existing
    return {"activityArn": arn, "creationDate": to_datetime(existing.created)}


def _activity(service: StepFunctionsService, arn: str) -> Activity:
    parts = split(arn)
    if parts is None or parts[5] != "activity":
        raise invalid_arn(arn)
    found = service.activities.get(arn)
    if found is None:
        raise ServiceError("ActivityDoesNotExist", f"Activity Does Not Exist: '{arn}'")
    return found  # type: ignore[no-any-return]


def describe_activity(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    activity = _activity(service, params["activityArn"])
    return {"activityArn": activity.arn, "name": activity.name, "creationDate": to_datetime(activity.created)}


def delete_activity(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    service.activities.pop(params["activityArn"], None)
    return {}


def list_activities(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    items = [
        {"activityArn": a.arn, "name": a.name, "creationDate": to_datetime(a.created)}
        for a in sorted(service.activities.values(), key=lambda a: a.name)
    ]
    chosen, token = page(items, params, "activities")
    response: dict[str, Any] = {"activities": chosen}
    if token:
        response["nextToken"] = token
    return response


def hand_out(service: StepFunctionsService, arn: str) -> None:
    """A waiting poller (a worker blocked in GetActivityTask) takes the oldest task."""
    pollers = service.activity_pollers.get(arn) or []
    queue = service.activity_queues.get(arn) or []
    while pollers and queue:
        poller = pollers.pop(0)
        token, text = queue.pop(0)
        poller(token, text)


def get_activity_task(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    arn = params["activityArn"]
    _activity(service, arn)
    got: list[tuple[str, str]] = []
    queue = service.activity_queues.get(arn) or []
    if queue:
        got.append(queue.pop(0))
    elif not service.cloud.kernel.running:
        pollers = service.activity_pollers.setdefault(arn, [])

        def take(token: str, text: str) -> None:
            got.append((token, text))

        pollers.append(take)
        deadline = service.cloud.now + LONG_POLL_SECONDS
        while not got and service.cloud.now < deadline:
            next_at = service.cloud.kernel.peek()
            service.cloud.run(until=deadline if next_at is None else min(max(next_at, service.cloud.now), deadline))
        if take in pollers:
            pollers.remove(take)
    if not got:
        return {}
    token, text = got[0]
    pending = service.tokens.get(token)
    if pending is not None:
        worker_started(pending, params.get("workerName"))
    return {"taskToken": token, "input": text}


def _pending(service: StepFunctionsService, token: str) -> Any:
    pending = service.tokens.get(token)
    if pending is None:
        if len(token) < 1 or not all(c in "0123456789abcdef" for c in token):
            raise ServiceError("InvalidToken", f"Invalid Token: '{token}'")
        raise ServiceError("TaskDoesNotExist", "Task Timed Out: 'Provided task does not exist anymore'")
    return pending


def send_task_success(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    pending = _pending(service, params["taskToken"])
    try:
        jsondoc.loads(params["output"])
    except jsondoc.JSONDocumentError as exc:
        raise ServiceError("InvalidOutput", f"Invalid Output: '{exc}'") from None
    success(pending, params["output"])
    return {}


def send_task_failure(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    pending = _pending(service, params["taskToken"])
    failure(pending, params.get("error"), params.get("cause"))
    return {}


def send_task_heartbeat(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    pending = _pending(service, params["taskToken"])
    pending.ctx.arm_heartbeat()
    return {}
