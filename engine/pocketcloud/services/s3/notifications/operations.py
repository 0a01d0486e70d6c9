"""PutBucketNotificationConfiguration and GetBucketNotificationConfiguration.

"This action replaces the existing notification configuration with the configuration you include in the request
body"; an empty configuration turns notifications off. Before storing, S3 checks the configuration
(:mod:`.config`) and, unless ``SkipDestinationValidation`` is true, that it can deliver to every destination
(:mod:`.destinations`); a refused request leaves the bucket's configuration as it was. An
``EventBridgeConfiguration`` (an empty structure) turns on "Send to EventBridge" (:mod:`.eventbridge`): "Unlike
other destinations, you don't need to select which event types you want to deliver", and the account's default
bus is not a destination S3 validates.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketNotificationConfiguration.html
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import config, destinations, events

if TYPE_CHECKING:
    from ..service import Request, S3Service


def put_bucket_notification_configuration(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    rules = config.parse(
        params["NotificationConfiguration"],
        lambda: config.generated_id(service.cloud.new_request_id()),
        bucket.region,
    )
    if not params.get("SkipDestinationValidation"):
        destinations.validate(service, bucket, rules, events.test_event(bucket, req))
    bucket.notification_rules = rules
    bucket.eventbridge = params["NotificationConfiguration"].get("EventBridgeConfiguration") is not None
    return {}


def get_bucket_notification_configuration(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    bucket = service.bucket(params["Bucket"])
    return config.as_shown(bucket.notification_rules, bucket.eventbridge)
