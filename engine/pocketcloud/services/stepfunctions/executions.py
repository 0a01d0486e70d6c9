"""Executions: StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions,
GetExecutionHistory, DescribeStateMachineForExecution and RedriveExecution.

* StartExecution "is idempotent for STANDARD workflows": the same name and input as a *running* execution returns
  the original response; a closed execution or different input is ExecutionAlreadyExists. Express executions are
  not idempotent. https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
* Express workflows keep no history in the service ("Express Workflows ... execution history is sent to
  CloudWatch Logs"): DescribeExecution / GetExecutionHistory / StopExecution refuse an express ARN.
  StartSyncExecution runs an Express workflow and answers with its result and ``billingDetails``.
* The execution input is JSON text ("Invalid State Machine Execution Input" otherwise) of at most 256 KiB.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ... import jsondoc
from ...errors import ServiceError
from ...timeutil import to_datetime
from .arns import check_name, execution_arn, invalid_arn, split
from .interpreter import EXPRESS_MEMORY_CHUNK_MB, MAX_PAYLOAD_BYTES, Execution
from .listing import page

if TYPE_CHECKING:
    from .service import StepFunctionsService


def _input(params: dict[str, Any]) -> tuple[str, Any]:
    text = params.get("input", "{}")
    if len(text.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise ServiceError(
            "InvalidExecutionInput",
            f"Invalid State Machine Execution Input: 'Input size exceeds the maximum of {MAX_PAYLOAD_BYTES} bytes'",
        )
    try:
        value = jsondoc.loads(text)
    except jsondoc.JSONDocumentError as exc:
        raise ServiceError("InvalidExecutionInput", f"Invalid State Machine Execution Input: '{exc}'") from None
    return text, value


def start_execution(service: StepFunctionsService, params: dict[str, Any], sync: bool = False) -> Execution:
    machine, revision, version, alias = service.target(params["stateMachineArn"])
    express = machine.type == "EXPRESS"
    if sync and not express:
        raise ServiceError(
            "StateMachineTypeNotSupported", "This operation is not supported by this type of state machine"
        )
    name = params.get("name") or service.cloud.new_request_id()
    check_name(name)
    text, value = _input(params)
    arn = execution_arn(service.cloud.region, service.cloud.account_id, machine.name, name, express)
    existing = service.executions.get(arn)
    if existing is not None and not express:
        if existing.status == "RUNNING" and existing.input_text == text:
            return existing
        raise ServiceError("ExecutionAlreadyExists", f"Execution Already Exists: '{arn}'")
    execution = Execution(
        service,
        arn=arn,
        name=name,
        state_machine_arn=machine.arn,
        state_machine_name=machine.name,
        program=revision.program,
        definition=revision.definition,
        role_arn=revision.role_arn,
        input_text=text,
        input_value=value,
        express=express,
        version_arn=version.arn if version is not None else None,
        alias_arn=alias.arn if alias is not None else None,
        trace_header=params.get("traceHeader"),
    )
    service.executions[arn] = execution
    service.executions_by_machine.setdefault(machine.arn, []).append(execution)
    execution.start()
    if (
        express
        and service.express_duplicate_probability
        and service.cloud.random.random() < service.express_duplicate_probability
    ):
        _run_duplicate(service, execution)
    return execution


def _run_duplicate(service: StepFunctionsService, original: Execution) -> None:
    """Express workflows are "at-least-once": the service may run an execution's work more than once
    (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html). pocketcloud models a
    duplicate as a second, unlisted run of the same program on the same input: its side effects (Lambda invokes,
    messages sent) happen twice; the execution the API reports is the original."""
    duplicate = Execution(
        service,
        arn=original.arn,
        name=original.name,
        state_machine_arn=original.state_machine_arn,
        state_machine_name=original.state_machine_name,
        program=original.program,
        definition=original.definition,
        role_arn=original.role_arn,
        input_text=original.input_text,
        input_value=original.input_value,
        express=True,
    )
    duplicate.start()


def _execution(service: StepFunctionsService, arn: str, allow_express: bool = False) -> Execution:
    parts = split(arn)
    if parts is None or parts[5] not in ("execution", "express"):
        raise invalid_arn(arn)
    if parts[5] == "express" and not allow_express:
        raise ServiceError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'")
    found = service.executions.get(arn)
    if found is None:
        raise ServiceError("ExecutionDoesNotExist", f"Execution Does Not Exist: '{arn}'")
    found.check_expired()
    return found


def describe_execution(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    execution = _execution(service, params["executionArn"])
    response: dict[str, Any] = {
        "executionArn": execution.arn,
        "stateMachineArn": execution.state_machine_arn,
        "name": execution.name,
        "status": execution.status,
        "startDate": to_datetime(execution.start_time),
        "input": execution.input_text,
        "inputDetails": {"included": True},
    }
    if execution.stop_time is not None:
        response["stopDate"] = to_datetime(execution.stop_time)
    if execution.output_text is not None:
        response["output"] = execution.output_text
        response["outputDetails"] = {"included": True}
    if execution.error is not None:
        response["error"] = execution.error
    if execution.cause is not None:
        response["cause"] = execution.cause
    if execution.trace_header is not None:
        response["traceHeader"] = execution.trace_header
    if execution.map_run_arn is not None:
        response["mapRunArn"] = execution.map_run_arn
    if execution.version_arn is not None:
        response["stateMachineVersionArn"] = execution.version_arn
    if execution.alias_arn is not None:
        response["stateMachineAliasArn"] = execution.alias_arn
    response["redriveCount"] = execution.redrive_count
    if execution.redrive_time is not None:
        response["redriveDate"] = to_datetime(execution.redrive_time)
    status, reason = redrive_status(execution)
    response["redriveStatus"] = status
    if reason:
        response["redriveStatusReason"] = reason
    return response


def redrive_status(execution: Execution) -> tuple[str, str | None]:
    if execution.status == "RUNNING":
        return "NOT_REDRIVABLE", "Execution is RUNNING and cannot be redriven"
    if execution.status == "SUCCEEDED":
        return "NOT_REDRIVABLE", "Execution is SUCCEEDED and cannot be redriven"
    return "REDRIVABLE", None


def stop_execution(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    execution = _execution(service, params["executionArn"])
    if execution.status == "RUNNING":
        execution.stop(params.get("error"), params.get("cause"))
    return {"stopDate": to_datetime(execution.stop_time if execution.stop_time is not None else service.cloud.now)}


def list_executions(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    if "stateMachineArn" in params and "mapRunArn" in params:
        raise ServiceError("ValidationException", "Cannot specify both stateMachineArn and mapRunArn")
    if "mapRunArn" in params:
        run = service.map_runs.get(params["mapRunArn"])
        if run is None:
            raise ServiceError("ResourceNotFound", f"Resource not found: '{params['mapRunArn']}'")
        executions = list(run.executions)
    elif "stateMachineArn" in params:
        arn = params["stateMachineArn"]
        machine, _, version, alias = (
            service.target(arn) if len(arn.split(":")) > 7 else (service.machine(arn), None, None, None)
        )
        if machine.type == "EXPRESS":
            raise ServiceError(
                "StateMachineTypeNotSupported", "This operation is not supported by this type of state machine"
            )
        executions = [
            e
            for e in service.executions_by_machine.get(machine.arn, [])
            if (version is None or e.version_arn == version.arn) and (alias is None or e.alias_arn == alias.arn)
        ]
    else:
        raise ServiceError("ValidationException", "Must specify a stateMachineArn or a mapRunArn")
    status = params.get("statusFilter")
    redrive = params.get("redriveFilter")
    chosen = [e for e in reversed(executions) if status is None or e.status == status]
    if redrive == "REDRIVEN":
        chosen = [e for e in chosen if e.redrive_count > 0]
    elif redrive == "NOT_REDRIVEN":
        chosen = [e for e in chosen if e.redrive_count == 0]
    items = []
    for e in chosen:
        item: dict[str, Any] = {
            "executionArn": e.arn,
            "stateMachineArn": e.state_machine_arn,
            "name": e.name,
            "status": e.status,
            "startDate": to_datetime(e.start_time),
        }
        if e.stop_time is not None:
            item["stopDate"] = to_datetime(e.stop_time)
        if e.map_run_arn:
            item["mapRunArn"] = e.map_run_arn
        if e.version_arn:
            item["stateMachineVersionArn"] = e.version_arn
        if e.alias_arn:
            item["stateMachineAliasArn"] = e.alias_arn
        if e.redrive_count:
            item["redriveCount"] = e.redrive_count
        items.append(item)
    result, token = page(items, params, "executions")
    response: dict[str, Any] = {"executions": result}
    if token:
        response["nextToken"] = token
    return response


def get_execution_history(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    execution = _execution(service, params["executionArn"])
    include = params.get("includeExecutionData", True)
    events = execution.history.events
    ordered = list(reversed(events)) if params.get("reverseOrder") else events
    chosen, token = page(ordered, params, "events")
    response: dict[str, Any] = {"events": [e.to_api(include) for e in chosen]}
    if token:
        response["nextToken"] = token
    return response


def describe_state_machine_for_execution(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    execution = _execution(service, params["executionArn"])
    machine = service.machines.get(execution.state_machine_name)
    response: dict[str, Any] = {
        "stateMachineArn": execution.version_arn or execution.state_machine_arn,
        "name": execution.state_machine_name,
        "definition": execution.definition,
        "roleArn": execution.role_arn,
        "updateDate": to_datetime(machine.updated if machine is not None else execution.start_time),
    }
    if machine is not None:
        response["loggingConfiguration"] = machine.revision.logging
        response["tracingConfiguration"] = machine.revision.tracing
    if execution.map_run_arn:
        response["mapRunArn"] = execution.map_run_arn
    return response


def start_sync_execution(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    """Runs the Express execution to its end on the virtual clock (at most 5 minutes) and answers with it."""
    execution = start_execution(service, params, sync=True)
    if execution.status == "RUNNING":
        deadline = service.cloud.now + 5 * 60 + 1
        while execution.status == "RUNNING" and service.cloud.kernel.peek() is not None:
            next_at = service.cloud.kernel.peek()
            assert next_at is not None
            service.cloud.run(until=min(next_at, deadline))
            if service.cloud.now >= deadline:
                break
    response: dict[str, Any] = {
        "executionArn": execution.arn,
        "stateMachineArn": execution.state_machine_arn,
        "name": execution.name,
        "startDate": to_datetime(execution.start_time),
        "stopDate": to_datetime(execution.stop_time if execution.stop_time is not None else service.cloud.now),
        "status": execution.status if execution.status != "ABORTED" else "FAILED",
        "input": execution.input_text,
        "inputDetails": {"included": True},
        "billingDetails": {
            "billedMemoryUsedInMB": EXPRESS_MEMORY_CHUNK_MB,
            "billedDurationInMilliseconds": execution.billed_duration_ms,
        },
    }
    if execution.output_text is not None:
        response["output"] = execution.output_text
        response["outputDetails"] = {"included": True}
    if execution.error is not None:
        response["error"] = execution.error
    if execution.cause is not None:
        response["cause"] = execution.cause
    if execution.trace_header is not None:
        response["traceHeader"] = execution.trace_header
    return response


def redrive_execution(service: StepFunctionsService, params: dict[str, Any]) -> dict[str, Any]:
    """RedriveExecution: "restarts unsuccessful executions from the point of failure" (Standard only, within 14
    days). pocketcloud re-runs the failed execution's program from its start state with the original input,
    reusing no state results (a documented simplification), writes ExecutionRedriven and counts the redrive.
    https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
    """
    execution = _execution(service, params["executionArn"])
    status, reason = redrive_status(execution)
    if status != "REDRIVABLE":
        raise ServiceError("ExecutionNotRedrivable", f"Execution {execution.arn} is not redrivable: {reason}")
    if service.cloud.now - (execution.stop_time or 0) > 14 * 86400:
        raise ServiceError("ExecutionNotRedrivable", "Execution can be redriven only within 14 days of its end")
    execution.redrive_count += 1
    execution.redrive_time = service.cloud.now
    execution.status = "RUNNING"
    execution.stop_time = None
    execution.error = execution.cause = None
    prev = execution.history.last_id
    execution.history.add(service.cloud.now, "ExecutionRedriven", prev, {"redriveCount": execution.redrive_count})
    from .asl.base import Thread
    from .fibers import Fiber
    from .variables import Scope

    thread = Thread(execution, execution.context_object(), Scope(), execution.history.last_id)
    execution.fiber = Fiber(execution._main(thread, execution.input_value)).start()
    return {"redriveDate": to_datetime(service.cloud.now)}


def as_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))
