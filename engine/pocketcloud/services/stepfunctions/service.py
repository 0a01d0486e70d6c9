"""Step Functions in one cloud: state machines with their revisions, versions and aliases (executions are in
:mod:`.executions`, activities and task tokens in :mod:`.activities`).

A state machine's definition is validated (through :mod:`.validation`) and compiled once per revision; every
execution of that revision shares the compiled program. Versions are immutable snapshots of a revision
("Publishing a version ... of the same revision returns the existing version"), numbered from 1; an alias routes
StartExecution to one or two versions by weight.
https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import to_datetime
from . import validation
from .arns import check_name, invalid_arn, split, state_machine_arn
from .asl.program import Program

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .interpreter import Execution

#: "Maximum request size: 1 MB per request" covers the definition; AWS also caps state machines at 10,000 per
#: account (soft). https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (checked 2026-12-01)
MAX_VERSIONS = 1000


@dataclass
class Revision:
    """One definition of a state machine, compiled."""

    revision_id: str
    definition: str
    parsed: dict[str, Any]
    role_arn: str
    program: Program
    created: float
    logging: dict[str, Any]
    tracing: dict[str, Any]


@dataclass
class Version:
    number: int
    arn: str
    revision: Revision
    description: str | None
    created: float


@dataclass
class Alias:
    name: str
    arn: str
    description: str | None
    routing: list[dict[str, Any]]
    created: float
    updated: float


@dataclass
class StateMachine:
    name: str
    arn: str
    type: str
    created: float
    revision: Revision
    updated: float
    tags: dict[str, str] = field(default_factory=dict)
    versions: dict[int, Version] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    next_version: int = 1
    encryption: dict[str, Any] | None = None


class StepFunctionsService:
    """All Step Functions state of one cloud."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.machines: dict[str, StateMachine] = {}
        self.executions: dict[str, Execution] = {}
        self.executions_by_machine: dict[str, list[Execution]] = {}
        self.activities: dict[str, Any] = {}
        self.tokens: dict[str, Any] = {}
        self.activity_queues: dict[str, list[tuple[str, str]]] = {}
        self.activity_pollers: dict[str, list[Any]] = {}
        self.map_runs: dict[str, Any] = {}
        self._compiled: dict[str, Program] = {}
        #: Express workflows run "at-least-once": AWS may run an execution more than once. pocketcloud models
        #: that as a probability (off by default) of starting an Express execution's work a second time.
        self.express_duplicate_probability = 0.0

    # -- definitions -----------------------------------------------------------------------------------------
    def compile(self, definition: str, machine_type: str = "STANDARD") -> tuple[dict[str, Any], Program]:
        """Validate (as CreateStateMachine does, for this ``type``: an Express workflow refuses callbacks, ``.sync``
        and activities, https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html) and
        compile once per definition text."""
        found = validation.validate(definition, strict=True, state_machine_type=machine_type)
        diagnostics = [d for d in found if _severity(d) == "ERROR"]
        if diagnostics and diagnostics[0].code == "INVALID_JSON_DESCRIPTION":
            # The parser's own words (Jackson's, see validation.jsontext), without a repeated location.
            raise ServiceError(
                "InvalidDefinition",
                f"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {diagnostics[0].message}'",
            )
        if diagnostics:
            raise ServiceError("InvalidDefinition", validation.invalid_definition_message(diagnostics))
        parsed = json.loads(definition)
        if not isinstance(parsed, dict):
            raise ServiceError("InvalidDefinition", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED'")
        program = self._compiled.get(definition)
        if program is None:
            try:
                program = Program(parsed)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ServiceError(
                    "InvalidDefinition", f"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: {exc}'"
                ) from None
            self._compiled[definition] = program
        return parsed, program

    def _revision(self, params: dict[str, Any], definition: str, role: str, machine_type: str) -> Revision:
        parsed, program = self.compile(definition, machine_type)
        return Revision(
            revision_id=self.cloud.new_request_id(),
            definition=definition,
            parsed=parsed,
            role_arn=role,
            program=program,
            created=self.cloud.now,
            logging=params.get("loggingConfiguration") or {"level": "OFF", "includeExecutionData": False},
            tracing=params.get("tracingConfiguration") or {"enabled": False},
        )

    # -- lookup ----------------------------------------------------------------------------------------------
    def machine(self, arn: str) -> StateMachine:
        parts = split(arn)
        if parts is None or parts[5] != "stateMachine":
            raise invalid_arn(arn)
        found = self.machines.get(parts[6])
        if found is None or found.arn != ":".join(parts[:7]):
            raise ServiceError("StateMachineDoesNotExist", f"State Machine Does Not Exist: '{arn}'")
        return found

    def target(self, arn: str) -> tuple[StateMachine, Revision, Version | None, Alias | None]:
        """A state machine, version or alias ARN -> what it runs."""
        machine = self.machine(arn)
        parts = arn.split(":")
        if len(parts) == 7:
            return machine, machine.revision, None, None
        qualifier = parts[7]
        if qualifier.isdigit():
            version = machine.versions.get(int(qualifier))
            if version is None:
                raise ServiceError("ResourceNotFound", f"State Machine Does Not Exist: '{arn}'")
            return machine, version.revision, version, None
        alias = machine.aliases.get(qualifier)
        if alias is None:
            raise ServiceError("ResourceNotFound", f"Resource not found: '{arn}'")
        weights = alias.routing
        pick = self.cloud.random.random() * 100
        chosen = weights[-1]
        total = 0.0
        for route in weights:
            total += route["weight"]
            if pick < total:
                chosen = route
                break
        version = machine.versions[int(chosen["stateMachineVersionArn"].rsplit(":", 1)[1])]
        return machine, version.revision, version, alias

    # -- CreateStateMachine / UpdateStateMachine / Delete / Describe / List ------------------------------------
    def create_state_machine(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html

        "CreateStateMachine is an idempotent API ... if a state machine with the same name and definition exists,
        the request returns it; with a different definition, StateMachineAlreadyExists".
        """
        name = params["name"]
        check_name(name)
        machine_type = params.get("type", "STANDARD")
        if params.get("versionDescription") is not None and not params.get("publish"):
            raise ServiceError("ValidationException", "Version description can only be set when publish is true")
        arn = state_machine_arn(self.cloud.region, self.cloud.account_id, name)
        existing = self.machines.get(name)
        if existing is not None:
            same = (
                existing.revision.definition == params["definition"]
                and existing.revision.role_arn == params["roleArn"]
                and existing.type == machine_type
            )
            if not same:
                raise ServiceError("StateMachineAlreadyExists", f"State Machine Already Exists: '{arn}'")
            return {"stateMachineArn": arn, "creationDate": to_datetime(existing.created)}
        revision = self._revision(params, params["definition"], params["roleArn"], machine_type)
        now = self.cloud.now
        machine = StateMachine(
            name, arn, machine_type, now, revision, now, encryption=params.get("encryptionConfiguration")
        )
        for tag in params.get("tags") or []:
            machine.tags[tag["key"]] = tag.get("value", "")
        self.machines[name] = machine
        response: dict[str, Any] = {"stateMachineArn": arn, "creationDate": to_datetime(now)}
        if params.get("publish"):
            response["stateMachineVersionArn"] = self._publish(machine, params.get("versionDescription")).arn
        return response

    def update_state_machine(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html"""
        machine = self.machine(params["stateMachineArn"])
        if len(params["stateMachineArn"].split(":")) != 7:
            raise ServiceError(
                "ValidationException", "Updating a version or alias is not supported; use the state machine ARN"
            )
        keys = ("definition", "roleArn", "loggingConfiguration", "tracingConfiguration", "encryptionConfiguration")
        if not any(k in params for k in keys):
            raise ServiceError(
                "MissingRequiredParameter",
                "Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the "
                "TracingConfiguration must be specified",
            )
        if params.get("versionDescription") is not None and not params.get("publish"):
            raise ServiceError("ValidationException", "Version description can only be set when publish is true")
        old = machine.revision
        definition = params.get("definition", old.definition)
        role = params.get("roleArn", old.role_arn)
        changed = (
            definition != old.definition
            or role != old.role_arn
            or any(k in params for k in ("loggingConfiguration", "tracingConfiguration"))
        )
        if changed:
            merged = {
                "loggingConfiguration": params.get("loggingConfiguration", old.logging),
                "tracingConfiguration": params.get("tracingConfiguration", old.tracing),
            }
            machine.revision = self._revision(merged, definition, role, machine.type)
            machine.updated = self.cloud.now
        response: dict[str, Any] = {
            "updateDate": to_datetime(machine.updated),
            "revisionId": machine.revision.revision_id,
        }
        if params.get("publish"):
            response["stateMachineVersionArn"] = self._publish(machine, params.get("versionDescription")).arn
        return response

    def delete_state_machine(self, params: dict[str, Any]) -> dict[str, Any]:
        arn = params["stateMachineArn"]
        parts = split(arn)
        if parts is None or parts[5] != "stateMachine":
            raise invalid_arn(arn)
        machine = self.machines.get(parts[6])
        if machine is not None and len(parts) == 7:
            del self.machines[parts[6]]
        elif machine is not None and len(parts) == 8 and parts[7].isdigit():
            self._delete_version(machine, int(parts[7]))
        return {}

    def describe_state_machine(self, params: dict[str, Any]) -> dict[str, Any]:
        arn = params["stateMachineArn"]
        if len(arn.split(":")) > 7:
            machine, revision, version, _ = self.target(arn)
        else:
            machine, version = self.machine(arn), None
            revision = machine.revision
        response: dict[str, Any] = {
            "stateMachineArn": version.arn if version is not None else machine.arn,
            "name": machine.name,
            "status": "ACTIVE",
            "definition": revision.definition,
            "roleArn": revision.role_arn,
            "type": machine.type,
            "creationDate": to_datetime(version.created if version is not None else machine.created),
            "loggingConfiguration": revision.logging,
            "tracingConfiguration": revision.tracing,
            "revisionId": revision.revision_id,
        }
        if version is not None and version.description:
            response["description"] = version.description
        if machine.encryption:
            response["encryptionConfiguration"] = machine.encryption
        return response

    def list_state_machines(self, params: dict[str, Any]) -> dict[str, Any]:
        from .listing import page

        items = [
            {"stateMachineArn": m.arn, "name": m.name, "type": m.type, "creationDate": to_datetime(m.created)}
            for m in sorted(self.machines.values(), key=lambda m: m.name)
        ]
        chosen, token = page(items, params, "stateMachineArn")
        response: dict[str, Any] = {"stateMachines": chosen}
        if token:
            response["nextToken"] = token
        return response

    # -- versions --------------------------------------------------------------------------------------------
    def _publish(self, machine: StateMachine, description: str | None) -> Version:
        for version in machine.versions.values():
            if version.revision is machine.revision:
                return version
        if len(machine.versions) >= MAX_VERSIONS:
            raise ServiceError("ServiceQuotaExceededException", "Maximum number of versions reached")
        number = machine.next_version
        machine.next_version += 1
        version = Version(number, f"{machine.arn}:{number}", machine.revision, description, self.cloud.now)
        machine.versions[number] = version
        return version

    def publish_state_machine_version(self, params: dict[str, Any]) -> dict[str, Any]:
        machine = self.machine(params["stateMachineArn"])
        revision_id = params.get("revisionId")
        if revision_id is not None and revision_id != machine.revision.revision_id:
            raise ServiceError(
                "ConflictException",
                f"Failed to publish the State Machine version for revision {revision_id}. The current State Machine "
                f"revision is {machine.revision.revision_id}.",
            )
        version = self._publish(machine, params.get("description"))
        return {"creationDate": to_datetime(version.created), "stateMachineVersionArn": version.arn}

    def list_state_machine_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        from .listing import page

        machine = self.machine(params["stateMachineArn"])
        items = [
            {"stateMachineVersionArn": v.arn, "creationDate": to_datetime(v.created)}
            for v in sorted(machine.versions.values(), key=lambda v: -v.number)
        ]
        chosen, token = page(items, params, "stateMachineVersionArn")
        response: dict[str, Any] = {"stateMachineVersions": chosen}
        if token:
            response["nextToken"] = token
        return response

    def _delete_version(self, machine: StateMachine, number: int) -> None:
        version = machine.versions.get(number)
        if version is None:
            return
        for alias in machine.aliases.values():
            if any(r["stateMachineVersionArn"] == version.arn for r in alias.routing):
                raise ServiceError(
                    "ConflictException",
                    f"Version to be deleted must not be referenced by an alias. Current list of aliases referencing "
                    f"this version: [{alias.name}]",
                )
        del machine.versions[number]

    def delete_state_machine_version(self, params: dict[str, Any]) -> dict[str, Any]:
        arn = params["stateMachineVersionArn"]
        parts = arn.split(":")
        if len(parts) != 8 or not parts[7].isdigit():
            raise invalid_arn(arn)
        machine = self.machines.get(parts[6])
        if machine is not None:
            self._delete_version(machine, int(parts[7]))
        return {}

    # -- aliases ---------------------------------------------------------------------------------------------
    def _routing(self, machine: StateMachine, routing: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if sum(r["weight"] for r in routing) != 100:
            raise ServiceError("ValidationException", "Sum of routing configuration weights must be equal to 100")
        seen = set()
        for route in routing:
            arn = route["stateMachineVersionArn"]
            parts = arn.split(":")
            if len(parts) != 8 or ":".join(parts[:7]) != machine.arn or not parts[7].isdigit():
                raise ServiceError(
                    "ValidationException", f"Routing configuration must contain versions of {machine.arn}"
                )
            if int(parts[7]) not in machine.versions:
                raise ServiceError("ResourceNotFound", f"Resource not found: '{arn}'")
            if arn in seen:
                raise ServiceError("ValidationException", "Routing configuration must contain distinct versions")
            seen.add(arn)
        return [dict(r) for r in routing]

    def _alias(self, arn: str) -> tuple[StateMachine, Alias]:
        parts = arn.split(":")
        if len(parts) != 8 or parts[7].isdigit():
            raise invalid_arn(arn)
        machine = self.machines.get(parts[6])
        alias = machine.aliases.get(parts[7]) if machine is not None else None
        if machine is None or alias is None:
            raise ServiceError("ResourceNotFound", f"Resource not found: '{arn}'")
        return machine, alias

    def create_state_machine_alias(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["name"]
        first = params["routingConfiguration"][0]["stateMachineVersionArn"]
        machine = self.machine(":".join(first.split(":")[:7]))
        routing = self._routing(machine, params["routingConfiguration"])
        existing = machine.aliases.get(name)
        if existing is not None:
            if existing.routing == routing and existing.description == params.get("description"):
                return {"stateMachineAliasArn": existing.arn, "creationDate": to_datetime(existing.created)}
            raise ServiceError(
                "ConflictException",
                "Failed to create alias because an alias with the same name and a different routing configuration "
                "already exists.",
            )
        now = self.cloud.now
        alias = Alias(name, f"{machine.arn}:{name}", params.get("description"), routing, now, now)
        machine.aliases[name] = alias
        return {"stateMachineAliasArn": alias.arn, "creationDate": to_datetime(now)}

    def describe_state_machine_alias(self, params: dict[str, Any]) -> dict[str, Any]:
        _, alias = self._alias(params["stateMachineAliasArn"])
        response: dict[str, Any] = {
            "stateMachineAliasArn": alias.arn,
            "name": alias.name,
            "routingConfiguration": alias.routing,
            "creationDate": to_datetime(alias.created),
            "updateDate": to_datetime(alias.updated),
        }
        if alias.description is not None:
            response["description"] = alias.description
        return response

    def update_state_machine_alias(self, params: dict[str, Any]) -> dict[str, Any]:
        machine, alias = self._alias(params["stateMachineAliasArn"])
        if "routingConfiguration" in params:
            alias.routing = self._routing(machine, params["routingConfiguration"])
        if "description" in params:
            alias.description = params["description"]
        alias.updated = self.cloud.now
        return {"updateDate": to_datetime(alias.updated)}

    def delete_state_machine_alias(self, params: dict[str, Any]) -> dict[str, Any]:
        machine, alias = self._alias(params["stateMachineAliasArn"])
        del machine.aliases[alias.name]
        return {}

    def list_state_machine_aliases(self, params: dict[str, Any]) -> dict[str, Any]:
        from .listing import page

        machine = self.machine(params["stateMachineArn"])
        items = [
            {"stateMachineAliasArn": a.arn, "creationDate": to_datetime(a.created)}
            for a in sorted(machine.aliases.values(), key=lambda a: a.created)
        ]
        chosen, token = page(items, params, "stateMachineAliasArn")
        response: dict[str, Any] = {"stateMachineAliases": chosen}
        if token:
            response["nextToken"] = token
        return response

    # -- tags ------------------------------------------------------------------------------------------------
    def _tagged(self, arn: str) -> dict[str, str]:
        parts = split(arn)
        if parts is None:
            raise invalid_arn(arn)
        if parts[5] == "stateMachine":
            return self.machine(arn).tags
        if parts[5] == "activity":
            activity = self.activities.get(arn)
            if activity is None:
                raise ServiceError("ResourceNotFound", f"Resource not found: '{arn}'")
            return activity.tags  # type: ignore[no-any-return]
        raise invalid_arn(arn)

    def tag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        tags = self._tagged(params["resourceArn"])
        for tag in params["tags"]:
            tags[tag["key"]] = tag.get("value", "")
        return {}

    def untag_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        tags = self._tagged(params["resourceArn"])
        for key in params["tagKeys"]:
            tags.pop(key, None)
        return {}

    def list_tags_for_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        tags = self._tagged(params["resourceArn"])
        return {"tags": [{"key": k, "value": v} for k, v in tags.items()]}

    # -- billing ---------------------------------------------------------------------------------------------
    def billed_transitions(self, execution_arn: str) -> int:
        """State transitions an execution was billed for (Standard: each state entered and each retry counts one).
        https://aws.amazon.com/step-functions/pricing/"""
        execution = self.executions.get(execution_arn)
        if execution is None:
            raise ServiceError("ExecutionDoesNotExist", f"Execution Does Not Exist: '{execution_arn}'")
        return execution.transitions

    # -- tokens ------------------------------------------------------------------------------------------------
    def new_task_token(self) -> str:
        return self.cloud.random_hex(32) + self.cloud.random_hex(32)

    def on_execution_end(self, arn: str, callback: Any) -> None:
        execution = self.executions[arn]
        if execution.status != "RUNNING":
            callback(execution)
        else:
            execution.on_end.append(callback)

    def enqueue_activity_task(self, activity_arn: str, token: str, input_text: str) -> None:
        from .activities import hand_out

        self.activity_queues.setdefault(activity_arn, []).append((token, input_text))
        hand_out(self, activity_arn)

    def drop_activity_task(self, activity_arn: str, token: str) -> None:
        queue = self.activity_queues.get(activity_arn, [])
        self.activity_queues[activity_arn] = [item for item in queue if item[0] != token]


def _severity(diagnostic: Any) -> str:
    value = getattr(diagnostic, "severity", None)
    if value is None and isinstance(diagnostic, dict):
        value = diagnostic.get("severity")
    return str(getattr(value, "value", value))
