"""``cloud.client("sns")``: Amazon SNS with boto3's operation and parameter names.

SNS speaks the Query protocol; its modeled errors travel with their own codes (``InvalidParameter``,
``NotFound``, ``ParameterValueInvalid`` ...), which boto3 maps to ``client.exceptions.InvalidParameterException``,
``NotFoundException``, ``InvalidParameterValueException``. Front-end constraint violations (a tag key over 128
characters, say) come back as ``ValidationError`` "1 validation error detected: ..." (the code LocalStack's SNS
provider records for such answers), so ``validation_error_code`` is ``ValidationError``.

Delivered protocols: ``sqs`` and ``lambda`` (see :mod:`.delivery`). Not simulated: the other protocols (HTTP/S,
email, SMS, mobile push, Firehose), ConfirmSubscription (nothing pocketcloud delivers to needs confirming),
AddPermission/RemovePermission, data protection policies, message archiving and replay.
https://docs.aws.amazon.com/sns/latest/api/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from ...errors import ServiceError
from ...resource_policy import allowed
from .service import SnsService


class SnsClient(BaseClient):
    """A boto3-shaped SNS client. Every call goes to the cloud's one SNS state."""

    service_name = "sns"
    validation_error_code = "ValidationError"

    @property
    def _service(self) -> SnsService:
        service: SnsService = self._cloud.backend("sns", SnsService)
        return service

    # -- topics ----------------------------------------------------------------------------------------------
    @operation("CreateTopic")
    def create_topic(self, **params: Any) -> dict[str, Any]:
        """Create a topic (a FIFO topic: a name ending in .fifo and ``Attributes={"FifoTopic": "true"}``)."""
        return self._service.create_topic(params)

    @operation("DeleteTopic")
    def delete_topic(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_topic(params)

    @operation("ListTopics")
    def list_topics(self, **params: Any) -> dict[str, Any]:
        return self._service.list_topics(params)

    @operation("GetTopicAttributes")
    def get_topic_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.get_topic_attributes(params)

    @operation("SetTopicAttributes")
    def set_topic_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.set_topic_attributes(params)

    # -- subscriptions ---------------------------------------------------------------------------------------
    @operation("Subscribe")
    def subscribe(self, **params: Any) -> dict[str, Any]:
        """Subscribe an SQS queue (its ARN) or a Lambda function (its ARN); both are confirmed at once."""
        return self._service.subscribe(params)

    @operation("Unsubscribe")
    def unsubscribe(self, **params: Any) -> dict[str, Any]:
        return self._service.unsubscribe(params)

    @operation("ListSubscriptions")
    def list_subscriptions(self, **params: Any) -> dict[str, Any]:
        return self._service.list_subscriptions(params)

    @operation("ListSubscriptionsByTopic")
    def list_subscriptions_by_topic(self, **params: Any) -> dict[str, Any]:
        return self._service.list_subscriptions_by_topic(params)

    @operation("GetSubscriptionAttributes")
    def get_subscription_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.get_subscription_attributes(params)

    @operation("SetSubscriptionAttributes")
    def set_subscription_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.set_subscription_attributes(params)

    # -- publishing ------------------------------------------------------------------------------------------
    @operation("Publish")
    def publish(self, **params: Any) -> dict[str, Any]:
        """Publish to a topic; every matching subscription gets the message at once (see :mod:`.delivery`).

        An AWS service publishing as its principal (S3's event notifications, an EventBridge rule, a
        CloudWatch alarm) needs the topic policy to allow ``sns:Publish``, as on AWS; the default policy lets only
        the topic owner's account publish.
        https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
        """
        self._check_principal(params.get("TopicArn") or params.get("TargetArn"))
        return self._service.publish(params)

    @operation("PublishBatch")
    def publish_batch(self, **params: Any) -> dict[str, Any]:
        self._check_principal(params.get("TopicArn"))
        return self._service.publish_batch(params)

    def _check_principal(self, arn: str | None) -> None:
        """Refuse a service principal's publish the topic policy does not allow (SNS's AuthorizationError)."""
        caller = self._caller
        if caller.principal is None or not arn:
            return
        topic = self._service.topic(arn)
        if not allowed(topic.attributes.get("Policy"), arn, caller, "sns:publish"):
            raise ServiceError(
                "AuthorizationError",
                f"User: {caller.principal} is not authorized to perform: SNS:Publish on resource: {arn}",
                403,
            )

    # -- tags ------------------------------------------------------------------------------------------------
    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        return self._service.tag_resource(params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        return self._service.untag_resource(params)

    @operation("ListTagsForResource")
    def list_tags_for_resource(self, **params: Any) -> dict[str, Any]:
        return self._service.list_tags_for_resource(params)
