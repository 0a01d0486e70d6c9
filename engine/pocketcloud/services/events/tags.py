"""TagResource, UntagResource and ListTagsForResource for event buses and rules (by ARN).

"In EventBridge, rules and event buses can be tagged." A tag key that is already there gets the new value.
https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html
An ARN that names no bus or rule of the account is refused as its "does not exist" message says it (see
:mod:`.arns`); any other ARN with "Resource <arn> not found." (pocketcloud's wording).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from .arns import DEFAULT_BUS, arn_parts, bus_not_found, rule_not_found

if TYPE_CHECKING:
    from .service import EventsService


def _resource(service: EventsService, arn: str) -> str:
    parts = arn_parts(arn)
    if parts is not None and parts[0] == "events":
        resource = parts[3]
        if resource.startswith("event-bus/"):
            name = resource[len("event-bus/") :]
            bus = service.buses.get(name)
            if bus is None or bus.arn != arn:
                raise bus_not_found(name)
            return arn
        if resource.startswith("rule/"):
            if service.rule_by_arn(arn) is None:
                bus_part, _, rule_name = resource[len("rule/") :].rpartition("/")
                raise rule_not_found(rule_name, bus_part or DEFAULT_BUS)
            return arn
    raise ServiceError("ResourceNotFoundException", f"Resource {arn} not found.")


def tag_resource(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    arn = _resource(service, params["ResourceARN"])
    service.tags.setdefault(arn, {}).update({t["Key"]: t["Value"] for t in params["Tags"]})
    return {}


def untag_resource(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    arn = _resource(service, params["ResourceARN"])
    tags = service.tags.get(arn, {})
    for key in params["TagKeys"]:
        tags.pop(key, None)
    return {}


def list_tags_for_resource(service: EventsService, params: dict[str, Any]) -> dict[str, Any]:
    arn = _resource(service, params["ResourceARN"])
    return {"Tags": [{"Key": k, "Value": v} for k, v in service.tags.get(arn, {}).items()]}
