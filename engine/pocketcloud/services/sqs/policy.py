"""The queue policy: may another AWS service send messages to this queue?

On AWS an SNS topic (or an S3 bucket, an EventBridge rule ...) sends to a queue as its service principal, and the
queue's policy must allow it: "Give permission to the Amazon SNS topic to send messages to the Amazon SQS queue"
with a statement such as ``{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action":
"sqs:SendMessage", "Resource": "<queue ARN>", "Condition": {"ArnEquals": {"aws:SourceArn": "<topic ARN>"}}}``.
Without one, the delivery fails (SNS counts it as a client-side error and drops the message, or moves it to the
subscription's dead-letter queue).
https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html

pocketcloud checks exactly that, with :mod:`pocketcloud.resource_policy`, for SendMessage and SendMessageBatch
made by a service principal (through ``cloud.service_client("sqs", "sns.amazonaws.com", source_arn=...)``).
Calls made as the account itself (a learner's code, a handler) are not checked: within one account IAM, which
pocketcloud does not simulate, decides those.
"""

from __future__ import annotations

from ...client import Caller
from ...errors import ServiceError
from ...resource_policy import allowed


def check_send(policy_text: str | None, queue_arn: str, queue_url: str, caller: Caller) -> None:
    """Refuse a service principal's send that the queue policy does not allow, in SQS's long-standing words for
    a refused request ("Access to the resource https://sqs.us-east-1.amazonaws.com/... is denied.")."""
    if caller.principal is None or allowed(policy_text, queue_arn, caller, "sqs:sendmessage"):
        return
    raise ServiceError("AccessDenied", f"Access to the resource {queue_url} is denied.", 403)
