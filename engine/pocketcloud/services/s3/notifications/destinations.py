"""Talking to a destination as S3 does: through its public API, as the service principal ``s3.amazonaws.com``.

S3 delivers to a Lambda function with an asynchronous Invoke, to an SQS queue with SendMessage and to an SNS
topic with Publish (subject "Amazon S3 Notification"), each called as ``s3.amazonaws.com`` with the bucket's ARN as
the source ARN, so that the destination's resource-based policy decides, as on AWS: "Amazon S3 cannot invoke
your Lambda function without your permission", granted in the function's policy; a queue or topic needs a policy
that lets ``s3.amazonaws.com`` send or publish.
https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html
https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html

When a configuration is saved, S3 checks every destination first ("Unable to validate the following destination
configurations", with one ``ArgumentName``/``ArgumentValue`` pair per failed destination). A Lambda destination
is checked with a DryRun invoke (the call Lambda offers to "verify that the user or role has permission to
invoke the function"); a queue or topic by sending it the ``s3:TestEvent`` S3 sends to new SQS and SNS
destinations — a destination that refuses the test message is one S3 cannot use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ....cloud import UnknownServiceError
from ....errors import ClientError, ServiceError
from .config import parse_arn

if TYPE_CHECKING:
    from ..models import Bucket, NotificationRule
    from ..service import S3Service

PRINCIPAL = "s3.amazonaws.com"
SUBJECT = "Amazon S3 Notification"
_SERVICES = {"Lambda": "lambda", "Queue": "sqs", "Topic": "sns"}
_NAMES = {"Lambda": "AWS Lambda", "Queue": "Amazon SQS", "Topic": "Amazon SNS"}


class DestinationError(Exception):
    """A destination refused (or does not exist); ``reason`` is S3's ArgumentValue for it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _client(service: S3Service, bucket: Bucket, kind: str) -> Any:
    try:
        return service.cloud.service_client(
            _SERVICES[kind], PRINCIPAL, source_arn=bucket.arn, source_account=service.cloud.account_id
        )
    except UnknownServiceError:
        raise DestinationError(f"pocketcloud does not simulate {_NAMES[kind]} in this build") from None


def _queue_url(client: Any, arn: str) -> str:
    match = parse_arn("sqs", arn)
    assert match is not None  # checked when the configuration was saved
    response = client.get_queue_url(QueueName=match.group("name"), QueueOwnerAWSAccountId=match.group("account"))
    return str(response["QueueUrl"])


def send(service: S3Service, bucket: Bucket, kind: str, arn: str, body: str, *, dry_run: bool = False) -> None:
    """Hand ``body`` to one destination, or raise DestinationError with the reason S3 gives."""
    client = _client(service, bucket, kind)
    try:
        if kind == "Lambda":
            client.invoke(FunctionName=arn, InvocationType="DryRun" if dry_run else "Event", Payload=body)
        elif kind == "Queue":
            client.send_message(QueueUrl=_queue_url(client, arn), MessageBody=body)
        else:
            client.publish(TopicArn=arn, Message=body, Subject=SUBJECT)
    except ClientError as exc:
        raise DestinationError(_reason(kind, arn, exc)) from None


def _reason(kind: str, arn: str, exc: ClientError) -> str:
    """S3's ArgumentValue for a destination that failed. "Not authorized to invoke function [arn]" and "Permissions on
    the destination queue do not allow S3 to publish notifications from this bucket" are S3's answers as quoted in
    https://github.com/awslabs/aws-lambda-redshift-loader/issues/219 and https://github.com/aws/aws-cli/issues/8162;
    the wording for a destination that does not exist is LocalStack's (AWS's is not quoted anywhere public)."""
    code = str(exc.response.get("Error", {}).get("Code", ""))
    missing = code in ("ResourceNotFoundException", "NotFound", "NotFoundException") or "NonExistentQueue" in code
    missing = missing or code == "QueueDoesNotExist"
    if kind == "Lambda":
        return "The destination Lambda does not exist" if missing else f"Not authorized to invoke function [{arn}]"
    noun = "queue" if kind == "Queue" else "topic"
    if missing:
        return f"The destination {noun} does not exist"
    return f"Permissions on the destination {noun} do not allow S3 to publish notifications from this bucket"


def validate(service: S3Service, bucket: Bucket, rules: list[NotificationRule], test_message: str) -> None:
    """Check every destination (sending SQS and SNS destinations the test message); refuse them all at once."""
    failures: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for rule in rules:
        if (rule.kind, rule.arn) in seen:
            continue
        seen.add((rule.kind, rule.arn))
        try:
            if rule.kind == "Lambda":
                send(service, bucket, rule.kind, rule.arn, "{}", dry_run=True)
            else:
                send(service, bucket, rule.kind, rule.arn, test_message)
        except DestinationError as exc:
            failures.append((rule.arn, exc.reason))
    if failures:
        extra: dict[str, str] = {}
        for number, (arn, reason) in enumerate(failures, start=1):
            # S3's answer names each destination as "<arn>, null" (quoted in the issues cited above).
            extra[f"ArgumentName{number}"] = f"{arn}, null"
            extra[f"ArgumentValue{number}"] = reason
        raise ServiceError(
            "InvalidArgument", "Unable to validate the following destination configurations", 400, **extra
        )
