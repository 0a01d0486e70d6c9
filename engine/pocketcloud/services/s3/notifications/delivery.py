"""From a request to its events: which configurations an event matches, and delivering it on the virtual clock.

An operation that creates or removes an object calls :func:`notify`. When the bucket has no notification
configuration this costs one attribute check; otherwise every configuration whose event types and key filter
match gets its own copy of the event (with its ``configurationId``), handed to the destination
``settings.notification_delay_s`` later (see :class:`..service.Settings`). Delivery goes through the destination's
public client as ``s3.amazonaws.com`` (:mod:`.destinations`); a destination that refuses — a permission removed
after the configuration was saved, a deleted function — loses the event, as S3 has no retry queue of its own for
notifications. Every attempt is recorded in ``S3Service.deliveries`` with its outcome, so a lab can show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..service import Delivery
from . import eventbridge, events
from .destinations import DestinationError, send

if TYPE_CHECKING:
    from ..models import Bucket, NotificationRule, StoredObject
    from ..service import Request, S3Service


def notify(
    service: S3Service, bucket: Bucket, event_name: str, key: str, req: Request, obj: StoredObject | None = None
) -> None:
    """Queue the event ``event_name`` (``"s3:ObjectCreated:Put"``) on ``key`` for every matching configuration,
    and for EventBridge when the bucket sends its events there (:mod:`.eventbridge`; one sequencer for both)."""
    matching = [rule for rule in bucket.notification_rules if rule.wants(event_name, key)]
    if not matching and not bucket.eventbridge:
        return
    settings = service.settings
    kernel = service.cloud.kernel
    base = events.record(service, bucket, event_name, key, req, obj) if matching else None
    if bucket.eventbridge:
        sequencer = base["s3"]["object"].get("sequencer") if base is not None else None
        put = eventbridge.entry(service, bucket, event_name, key, req, obj, sequencer)
        if put is not None:
            kernel.schedule(settings.notification_delay_s, _to_eventbridge, service, bucket, put)
    if base is None:
        return
    for rule in matching:
        body = events.message(base, rule.id)
        kernel.schedule(settings.notification_delay_s, _deliver, service, bucket, rule, body)
        if settings.duplicate_probability > 0 and service.cloud.random.random() < settings.duplicate_probability:
            kernel.schedule(2 * settings.notification_delay_s, _deliver, service, bucket, rule, body)


def _to_eventbridge(service: S3Service, bucket: Bucket, put: dict[str, Any]) -> None:
    delivery = Delivery(service.cloud.now, "EventBridge", str(put["Detail"]))
    delivery.error = eventbridge.send(service, bucket, put)
    service.record(delivery)


def _deliver(service: S3Service, bucket: Bucket, rule: NotificationRule, body: str) -> None:
    delivery = Delivery(service.cloud.now, rule.arn, body)
    try:
        send(service, bucket, rule.kind, rule.arn, body)
    except DestinationError as exc:
        delivery.error = exc.reason
    service.record(delivery)
