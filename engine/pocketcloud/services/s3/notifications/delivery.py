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

from typing import TYPE_CHECKING

from ..service import Delivery
from . import events
from .destinations import DestinationError, send

if TYPE_CHECKING:
    from ..models import Bucket, NotificationRule, StoredObject
    from ..service import Request, S3Service


def notify(
    service: S3Service, bucket: Bucket, event_name: str, key: str, req: Request, obj: StoredObject | None = None
) -> None:
    """Queue the event ``event_name`` (``"s3:ObjectCreated:Put"``) on ``key`` for every matching configuration."""
    if not bucket.notification_rules:
        return
    matching = [rule for rule in bucket.notification_rules if rule.wants(event_name, key)]
    if not matching:
        return
    base = events.record(service, bucket, event_name, key, req, obj)
    settings = service.settings
    kernel = service.cloud.kernel
    for rule in matching:
        body = events.message(base, rule.id)
        kernel.schedule(settings.notification_delay_s, _deliver, service, bucket, rule, body)
        if settings.duplicate_probability > 0 and service.cloud.random.random() < settings.duplicate_probability:
            kernel.schedule(2 * settings.notification_delay_s, _deliver, service, bucket, rule, body)


def _deliver(service: S3Service, bucket: Bucket, rule: NotificationRule, body: str) -> None:
    delivery = Delivery(service.cloud.now, rule.arn, body)
    try:
        send(service, bucket, rule.kind, rule.arn, body)
    except DestinationError as exc:
        delivery.error = exc.reason
    service.record(delivery)
