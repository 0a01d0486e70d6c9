"""Event buses: CreateEventBus, DescribeEventBus, ListEventBuses, UpdateEventBus, DeleteEventBus, and the bus
policy (PutPermission, RemovePermission).

"Each account has a default event bus"; custom buses receive only the events sent to them by name or ARN.
"You can't delete your account's default event bus"; deleting a custom bus deletes the rules on it (pocketcloud
follows what AWS does, as LocalStack's AWS-validated provider does, rather than refusing a bus with rules).
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteEventBus.html

Messages are AWS's as moto and LocalStack quote them: "Event bus <name> already exists.", "Event bus name must not
contain '/'." (a name with ``/`` belongs to a partner bus), "Cannot delete event bus default.", "Event source <name>
does not exist." (partner event sources are not simulated, so none exist), and PutPermission's "Parameter
Principal must be specified.", "Provided value in parameter 'action' is not supported.", "Value of the parameter
'principal' must be '*' when the parameter 'condition' is set." and RemovePermission's "EventBus does not have a
policy." / "Statement with the provided id does not exist.". The bus policy is kept and shown by
DescribeEventBus; it decides nothing inside one account (cross-account PutEvents is not simulated).
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutPermission.html
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ... import jsondoc, limits
from ...errors import ServiceError
from ...timeutil import to_datetime
from . import paging
from .arns import DEFAULT_BUS, bus_arn, validation
from .models import EventBus

if TYPE_CHECKING:
    from .service import EventsService

_OPTIONAL = (("Description", "description"), ("KmsKeyIdentifier", "kms_key"))
_CONFIGS = (("DeadLetterConfig", "dead_letter_config"), ("LogConfig", "log_config"))


def _limit_exceeded() -> ServiceError:
    return ServiceError("LimitExceededException", "The requested resource exceeds the maximum number allowed.")


def _settings(bus: EventBus) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, attr in (*_OPTIONAL, *_CONFIGS):
        value = getattr(bus, attr)
        if value is not None:
            out[key] = dict(value) if isinstance(value, dict) else value
    return out


def policy_text(bus: EventBus) -> str | None:
    if not bus.statements:
        return None
    return json.dumps({"Version": "2012-10-17", "Statement": bus.statements})


def create_event_bus(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    name = params["Name"]
    if name in service.buses:
        raise ServiceError("ResourceAlreadyExistsException", f"Event bus {name} already exists.")
    source = params.get("EventSourceName")
    if source is not None:
        raise ServiceError("ResourceNotFoundException", f"Event source {source} does not exist.")
    if "/" in name:
        raise validation("Event bus name must not contain '/'.")
    if len(service.buses) >= limits.EVENTS_MAX_BUSES:
        raise _limit_exceeded()
    cloud = service.cloud
    bus = EventBus(name, bus_arn(cloud, name), cloud.now, cloud.now)
    for key, attr in (*_OPTIONAL, *_CONFIGS):
        if key in params:
            setattr(bus, attr, params[key])
    service.buses[name] = bus
    tags = {t["Key"]: t["Value"] for t in params.get("Tags") or []}
    if tags:
        service.tags[bus.arn] = tags
    return {"EventBusArn": bus.arn, **_settings(bus)}


def describe(bus: EventBus, *, full: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"Name": bus.name, "Arn": bus.arn}
    settings = _settings(bus)
    if "Description" in settings:
        out["Description"] = settings["Description"]
    if full:
        out.update({k: v for k, v in settings.items() if k != "Description"})
    policy = policy_text(bus)
    if policy is not None:
        out["Policy"] = policy
    out["CreationTime"] = to_datetime(bus.created)
    out["LastModifiedTime"] = to_datetime(bus.modified)
    return out


def describe_event_bus(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    return describe(service.bus(params.get("Name")))


def list_event_buses(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    prefix = params.get("NamePrefix") or ""
    buses = sorted((b for b in service.buses.values() if b.name.startswith(prefix)), key=lambda b: b.name)
    chosen, token = paging.page(buses, params, "buses")
    result: dict[str, Any] = {"EventBuses": [describe(b, full=False) for b in chosen]}
    if token is not None:
        result["NextToken"] = token
    return result


def update_event_bus(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("Name"))
    for key, attr in (*_OPTIONAL, *_CONFIGS):
        if key in params:
            setattr(bus, attr, params[key])
    bus.modified = service.cloud.now
    return {"Arn": bus.arn, "Name": bus.name, **_settings(bus)}


def delete_event_bus(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    name = params["Name"]
    if name == DEFAULT_BUS:
        raise validation("Cannot delete event bus default.")
    bus = service.buses.pop(name, None)
    if bus is not None:
        for rule in bus.rules.values():
            if rule.timer is not None:
                rule.timer.cancel()
            service.tags.pop(rule.arn, None)
        service.tags.pop(bus.arn, None)
    return {}


# -- the bus policy ------------------------------------------------------------------------------------------


def _statement(bus: EventBus, params: dict[str, Any]) -> dict[str, Any]:
    principal = params.get("Principal")
    if principal is None:
        raise validation("Parameter Principal must be specified.")
    condition = params.get("Condition")
    if condition is not None and principal != "*":
        raise ServiceError(
            "InvalidParameterValue",
            "Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.",
        )
    if params.get("Action") != "events:PutEvents":
        raise validation("Provided value in parameter 'action' is not supported.")
    if not params.get("StatementId"):
        raise validation("Parameter StatementId must be specified.")
    statement: dict[str, Any] = {
        "Sid": params["StatementId"],
        "Effect": "Allow",
        "Principal": "*" if principal == "*" else {"AWS": f"arn:{bus.arn.split(':')[1]}:iam::{principal}:root"},
        "Action": "events:PutEvents",
        "Resource": bus.arn,
    }
    if condition is not None:
        statement["Condition"] = {condition["Type"]: {condition["Key"]: condition["Value"]}}
    return statement


def put_permission(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("EventBusName"))
    if params.get("Policy") is not None:
        try:
            document = jsondoc.loads(params["Policy"])
        except jsondoc.JSONDocumentError:
            raise validation("This policy contains invalid Json") from None
        statements = document.get("Statement") if isinstance(document, dict) else None
        if not isinstance(statements, list):
            statements = [statements] if isinstance(statements, dict) else None
        if statements is None:
            raise validation("This policy contains invalid Json")
        new = [dict(s) for s in statements]
    else:
        statement = _statement(bus, params)
        new = [s for s in bus.statements if s.get("Sid") != statement["Sid"]] + [statement]
    text = json.dumps({"Version": "2012-10-17", "Statement": new})
    if len(text) > limits.EVENTS_MAX_POLICY_CHARS:
        raise ServiceError(
            "PolicyLengthExceededException",
            f"The event bus policy would be {len(text)} characters, more than the {limits.EVENTS_MAX_POLICY_CHARS} "
            "allowed.",
        )
    bus.statements = new
    bus.modified = service.cloud.now
    return {}


def remove_permission(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    bus = service.bus(params.get("EventBusName"))
    if params.get("RemoveAllPermissions"):
        bus.statements = []
        return {}
    if not bus.statements:
        raise ServiceError("ResourceNotFoundException", "EventBus does not have a policy.")
    sid = params.get("StatementId")
    remaining = [s for s in bus.statements if s.get("Sid") != sid]
    if sid is None or len(remaining) == len(bus.statements):
        raise ServiceError("ResourceNotFoundException", "Statement with the provided id does not exist.")
    bus.statements = remaining
    bus.modified = service.cloud.now
    return {}
