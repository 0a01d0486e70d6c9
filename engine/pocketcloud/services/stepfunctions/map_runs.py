"""Map Runs (Distributed Map): DescribeMapRun, ListMapRuns, UpdateMapRun.
https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import to_datetime
from .listing import page

if TYPE_CHECKING:
    from .service import StepFunctionsService


def _run(service: StepFunctionsService, arn: str) -> Any:
    run = service.map_runs.get(arn)
    if run is None:
        raise ServiceError("ResourceNotFound", f"Resource not found: '{arn}'")
    return run


def describe_map_run(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    return _run(service, params["mapRunArn"]).describe()  # type: ignore[no-any-return]


def list_map_runs(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    arn = params["executionArn"]
    runs = [r for r in service.map_runs.values() if r.execution_arn == arn]
    items = [
        {
            "executionArn": r.execution_arn,
            "mapRunArn": r.arn,
            "stateMachineArn": r.state_machine_arn,
            "startDate": to_datetime(r.start),
            **({"stopDate": to_datetime(r.stop)} if r.stop is not None else {}),
        }
        for r in runs
    ]
    chosen, token = page(items, params, "mapRuns")
    response: dict[str, Any] = {"mapRuns": chosen}
    if token:
        response["nextToken"] = token
    return response


def update_map_run(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    run = _run(service, params["mapRunArn"])
    for key, attr in (
        ("maxConcurrency", "max_concurrency"),
        ("toleratedFailurePercentage", "tolerated_percentage"),
        ("toleratedFailureCount", "tolerated_count"),
    ):
        if key in params:
            setattr(run, attr, params[key])
    return {}
