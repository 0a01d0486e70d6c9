"""PutEvents: from request entries to events on a bus, matched against its rules; and TestEventPattern.

Every accepted entry becomes an event in EventBridge's envelope, "version" "0" first, in the documented member
order (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html):
``{"version": "0", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"}``, where
``time`` is the entry's ``Time`` or the moment of the call, to the second in UTC ("2017-12-22T18:43:48Z"),
``resources`` the entry's ``Resources`` (``[]`` when it has none) and ``detail`` the decoded ``Detail``.

"By default, if an individual entry within a request fails, EventBridge continues processing the rest of the
entries in the request"; "The response Entries array always includes the same number of entries as the request
array": an ``EventId`` for each accepted entry, ``ErrorCode``/``ErrorMessage`` for each refused one, and
``FailedEntryCount``. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevents.html
Entry errors in AWS's words (moto, LocalStack, and a public report of AWS's answer for the last):
``InvalidArgument`` "Parameter Source is not valid. Reason: Source is a required argument." (likewise DetailType
and Detail), ``MalformedDetail`` "Detail is malformed." (Detail that is not a JSON object),
``ResourceNotFoundException`` "Event bus <name> does not exist." and ``NotAuthorizedForSourceException`` "Not
authorized for the source." for an ``aws.`` source sent by anyone but an AWS service: "no principal ... can
manually publish events under a reserved aws.* source namespace". A request whose entries total more than 1 MB
(counted as :data:`~pocketcloud.limits.EVENTS_PUT_MAX_BYTES` says) is refused as a whole: ValidationException
"Total size of the entries in the request is over the limit." (LocalStack's record of AWS's answer).

Matching happens at the moment of PutEvents, with the bus's enabled rules as they are then; delivery to the
targets of every matching rule follows ``settings.delivery_delay_s`` later (:mod:`.delivery`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ... import jsondoc, limits
from ...errors import ServiceError
from ...eventpattern import PatternError, compile_pattern
from ...timeutil import to_datetime
from . import delivery
from .arns import bus_name, validation

if TYPE_CHECKING:
    from ...client import Caller
    from .models import EventBus
    from .service import EventsService


def event_time(t: float) -> str:
    """``2026-01-01T00:00:00Z``: how EventBridge events print ``time`` (UTC, whole seconds)."""
    return to_datetime(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_size(entry: dict[str, Any]) -> int:
    """The size EventBridge counts for an entry: "If specified, the Time parameter is 14 bytes", and the UTF-8
    bytes of Source, DetailType, Detail and each Resources entry. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html"""
    size = limits.EVENTS_PUT_TIME_BYTES if entry.get("Time") is not None else 0
    for key in ("Source", "DetailType", "Detail"):
        size += len(str(entry.get(key) or "").encode("utf-8", "surrogatepass"))
    for resource in entry.get("Resources") or []:
        size += len(str(resource).encode("utf-8", "surrogatepass"))
    return size


def _failure(code: str, message: str) -> dict[str, str]:
    return {"ErrorCode": code, "ErrorMessage": message}


def _time(value: Any, now: float) -> str:
    if value is None:
        return event_time(now)
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return event_time(now)


def _refusal(service: EventsService, entry: dict[str, Any], caller: Caller) -> tuple[dict[str, str] | None, Any]:
    """Why an entry is refused (None when it is accepted), and its decoded detail."""
    for key in ("Source", "DetailType", "Detail"):
        if not entry.get(key):
            reason = f"Parameter {key} is not valid. Reason: {key} is a required argument."
            return _failure("InvalidArgument", reason), None
    try:
        detail = jsondoc.loads(entry["Detail"])
    except jsondoc.JSONDocumentError:
        detail = None
    if not isinstance(detail, dict):
        return _failure("MalformedDetail", "Detail is malformed."), None
    if str(entry["Source"]).startswith("aws.") and caller.principal is None:
        return _failure("NotAuthorizedForSourceException", "Not authorized for the source."), None
    name = bus_name(entry.get("EventBusName"))
    if name not in service.buses:
        return _failure("ResourceNotFoundException", f"Event bus {name} does not exist."), None
    return None, detail


def put_events(service: EventsService, params: dict[str, Any], caller: Caller) -> dict[str, Any]:
    if params.get("EndpointId") is not None:
        raise validation("pocketcloud does not simulate EventBridge global endpoints (EndpointId).")
    entries = params["Entries"]
    if sum(entry_size(e) for e in entries) > limits.EVENTS_PUT_MAX_BYTES:
        raise validation("Total size of the entries in the request is over the limit.")
    cloud = service.cloud
    results: list[dict[str, str]] = []
    failed = 0
    for entry in entries:
        refusal, detail = _refusal(service, entry, caller)
        if refusal is not None:
            results.append(refusal)
            failed += 1
            continue
        event = {
            "version": "0",
            "id": cloud.new_request_id(),
            "detail-type": str(entry["DetailType"]),
            "source": str(entry["Source"]),
            "account": cloud.account_id,
            "time": _time(entry.get("Time"), cloud.now),
            "region": cloud.region,
            "resources": [str(r) for r in entry.get("Resources") or []],
            "detail": detail,
        }
        results.append({"EventId": event["id"]})
        route(service, service.buses[bus_name(entry.get("EventBusName"))], event)
    return {"FailedEntryCount": failed, "Entries": results}


def route(service: EventsService, bus: EventBus, event: dict[str, Any]) -> int:
    """Hand an event to every enabled rule of ``bus`` whose pattern matches it; the number of rules matched."""
    matched = 0
    now = service.cloud.now
    for rule in list(bus.candidates(str(event.get("source")))):
        if rule.pattern is None or not rule.enabled or not rule.pattern.matches(event):
            continue
        matched += 1
        rule.stats.matched_events += 1
        rule.stats.triggered_rules += 1
        service.metric(rule, "MatchedEvents")
        service.metric(rule, "TriggeredRules")
        delivery.dispatch(service, rule, event, now)
    return matched


# -- TestEventPattern ----------------------------------------------------------------------------------------

#: The members TestEventPattern's Event must have. The API reference lists ``resources`` too, but AWS accepts an
#: event without it (LocalStack's AWS-validated provider notes "it is not [mandatory] in reality").
#: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html
TEST_EVENT_FIELDS = ("id", "account", "source", "time", "region", "detail-type")


def test_event_pattern(params: dict[str, Any]) -> dict[str, Any]:
    """Whether an event matches a pattern; InvalidEventPatternException for a bad pattern, ValidationException
    "Parameter Event is not valid." for an event that is not a JSON object with the required members."""
    try:
        pattern = compile_pattern(params["EventPattern"])
    except PatternError as exc:
        raise ServiceError("InvalidEventPatternException", str(exc)) from None
    try:
        event = jsondoc.loads(params["Event"])
    except jsondoc.JSONDocumentError:
        raise validation("Parameter Event is not valid.") from None
    if not isinstance(event, dict) or any(key not in event for key in TEST_EVENT_FIELDS):
        raise validation("Parameter Event is not valid.")
    return {"Result": pattern.matches(event)}
