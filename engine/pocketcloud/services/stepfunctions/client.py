"""``cloud.client("stepfunctions")``: the Step Functions API with boto3's operation and parameter names.

Each method hands the request to the module that implements it (state machines, versions and aliases in
:mod:`.service`; executions in :mod:`.executions`; activities and task tokens in :mod:`.activities`; TestState in
:mod:`.test_state`). https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import activities, executions, map_runs, test_state
from .service import StepFunctionsService


class StepFunctionsClient(BaseClient):
    """A boto3-shaped Step Functions client."""

    service_name = "stepfunctions"

    @property
    def _service(self) -> StepFunctionsService:
        service: StepFunctionsService = self._cloud.backend("stepfunctions", StepFunctionsService)
        return service

    # -- state machines -------------------------------------------------------------------------------------
    @operation("CreateStateMachine")
    def create_state_machine(self, **params: Any) -> dict[str, Any]:
        """Create a STANDARD or EXPRESS state machine; ``publish=True`` also publishes version 1."""
        return self._service.create_state_machine(params)

    @operation("DescribeStateMachine")
    def describe_state_machine(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_state_machine(params)

    @operation("UpdateStateMachine")
    def update_state_machine(self, **params: Any) -> dict[str, Any]:
        return self._service.update_state_machine(params)

    @operation("DeleteStateMachine")
    def delete_state_machine(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_state_machine(params)

    @operation("ListStateMachines")
    def list_state_machines(self, **params: Any) -> dict[str, Any]:
        return self._service.list_state_machines(params)

    @operation("ValidateStateMachineDefinition")
    def validate_state_machine_definition(self, **params: Any) -> dict[str, Any]:
        return test_state.validate_definition(params)

    # -- versions and aliases -----------------------------------------------------------------------------
    @operation("PublishStateMachineVersion")
    def publish_state_machine_version(self, **params: Any) -> dict[str, Any]:
        return self._service.publish_state_machine_version(params)

    @operation("ListStateMachineVersions")
    def list_state_machine_versions(self, **params: Any) -> dict[str, Any]:
        return self._service.list_state_machine_versions(params)

    @operation("DeleteStateMachineVersion")
    def delete_state_machine_version(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_state_machine_version(params)

    @operation("CreateStateMachineAlias")
    def create_state_machine_alias(self, **params: Any) -> dict[str, Any]:
        return self._service.create_state_machine_alias(params)

    @operation("DescribeStateMachineAlias")
    def describe_state_machine_alias(self, **params: Any) -> dict[str, Any]:
        return self._service.describe_state_machine_alias(params)

    @operation("UpdateStateMachineAlias")
    def update_state_machine_alias(self, **params: Any) -> dict[str, Any]:
        return self._service.update_state_machine_alias(params)

    @operation("DeleteStateMachineAlias")
    def delete_state_machine_alias(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_state_machine_alias(params)

    @operation("ListStateMachineAliases")
    def list_state_machine_aliases(self, **params: Any) -> dict[str, Any]:
        return self._service.list_state_machine_aliases(params)

    # -- executions -------------------------------------------------------------------------------------------
    @operation("StartExecution")
    def start_execution(self, **params: Any) -> dict[str, Any]:
        """Start an execution; it runs on the virtual clock (``cloud.run()`` lets it finish)."""
        from ...timeutil import to_datetime

        execution = executions.start_execution(self._service, params)
        return {"executionArn": execution.arn, "startDate": to_datetime(execution.start_time)}

    @operation("StartSyncExecution")
    def start_sync_execution(self, **params: Any) -> dict[str, Any]:
        return executions.start_sync_execution(self._service, params)

    @operation("StopExecution")
    def stop_execution(self, **params: Any) -> dict[str, Any]:
        return executions.stop_execution(self._service, params)

    @operation("DescribeExecution")
    def describe_execution(self, **params: Any) -> dict[str, Any]:
        return executions.describe_execution(self._service, params)

    @operation("ListExecutions")
    def list_executions(self, **params: Any) -> dict[str, Any]:
        return executions.list_executions(self._service, params)

    @operation("GetExecutionHistory")
    def get_execution_history(self, **params: Any) -> dict[str, Any]:
        return executions.get_execution_history(self._service, params)

    @operation("DescribeStateMachineForExecution")
    def describe_state_machine_for_execution(self, **params: Any) -> dict[str, Any]:
        return executions.describe_state_machine_for_execution(self._service, params)

    @operation("RedriveExecution")
    def redrive_execution(self, **params: Any) -> dict[str, Any]:
        return executions.redrive_execution(self._service, params)

    # -- map runs ---------------------------------------------------------------------------------------------
    @operation("DescribeMapRun")
    def describe_map_run(self, **params: Any) -> dict[str, Any]:
        return map_runs.describe_map_run(self._service, params)

    @operation("ListMapRuns")
    def list_map_runs(self, **params: Any) -> dict[str, Any]:
        return map_runs.list_map_runs(self._service, params)

    @operation("UpdateMapRun")
    def update_map_run(self, **params: Any) -> dict[str, Any]:
        return map_runs.update_map_run(self._service, params)

    # -- activities and task tokens ---------------------------------------------------------------------------
    @operation("CreateActivity")
    def create_activity(self, **params: Any) -> dict[str, Any]:
        return activities.create_activity(self._service, params)

    @operation("DescribeActivity")
    def describe_activity(self, **params: Any) -> dict[str, Any]:
        return activities.describe_activity(self._service, params)

    @operation("DeleteActivity")
    def delete_activity(self, **params: Any) -> dict[str, Any]:
        return activities.delete_activity(self._service, params)

    @operation("ListActivities")
    def list_activities(self, **params: Any) -> dict[str, Any]:
        return activities.list_activities(self._service, params)

    @operation("GetActivityTask")
    def get_activity_task(self, **params: Any) -> dict[str, Any]:
        """Long-poll (up to 60 virtual seconds) for a task of the activity."""
        return activities.get_activity_task(self._service, params)

    @operation("SendTaskSuccess")
    def send_task_success(self, **params: Any) -> dict[str, Any]:
        return activities.send_task_success(self._service, params)

    @operation("SendTaskFailure")
    def send_task_failure(self, **params: Any) -> dict[str, Any]:
        return activities.send_task_failure(self._service, params)

    @operation("SendTaskHeartbeat")
    def send_task_heartbeat(self, **params: Any) -> dict[str, Any]:
        return activities.send_task_heartbeat(self._service, params)

    # -- tags --------------------------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        return self._service.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        return self._service.untag_resource(params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        return self._service.list_tags_for_resource(params)

    # -- TestState --------------------------------------------------------------------------------------------
    @operation("TestState")
    def test_state(self, **params: Any) -> dict[str, Any]:
        """Run one state in isolation (inspectionLevel INFO / DEBUG / TRACE); see :mod:`.test_state`."""
        return test_state.test_state(self._service, params)
