"""Where Lambda sends what it could not (or did) process: destinations, invocation records, dead-letter queues.

Three features share this module:

* **Async destinations** (``DestinationConfig`` of PutFunctionEventInvokeConfig): "When an invocation matches the
  condition, Lambda sends a JSON document with details about the invocation to the destination" — an SQS queue or
  SNS topic (the record is the message), another Lambda function (the record is its payload, invoked
  asynchronously), an EventBridge bus (the record is the ``detail`` of a PutEvents entry with ``source`` "lambda"
  and ``detail-type`` "Lambda Function Invocation Result - Success"/"- Failure") or, on failure only, an S3 bucket.
  The record has ``version`` "1.0", ``timestamp``, ``requestContext`` {requestId, functionArn, condition,
  approximateInvokeCount}, ``requestPayload``, ``responseContext`` {statusCode, executedVersion, functionError}
  and ``responsePayload``. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
* **Event source mapping on-failure destinations** (SQS, SNS or S3): a record with ``KinesisBatchInfo`` or
  ``DDBStreamBatchInfo`` instead of the payload ("Lambda sends only the metadata for these destination types"; an
  S3 object also holds the whole event as ``payload``), built in :mod:`.esm.streams`.
  https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
* **Dead-letter queues** (a function version's ``DeadLetterConfig``, SQS or SNS): "Lambda sends the event to the
  dead-letter queue as-is, with additional information in attributes": ``RequestID`` (String), ``ErrorCode``
  (Number, "The HTTP status code") and ``ErrorMessage`` (String, "The first 1 KB of the error message"). "If
  Lambda can't send a message to the dead-letter queue, it deletes the event."
  https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq

Lambda sends with the function's execution role, so pocketcloud calls the destination service's public client as
the account (``client(service, "sqs")`` ...): no resource policy is involved, as on AWS within one account. A record
that cannot be delivered (a FIFO queue or topic, a deleted resource, an oversized message) is lost; AWS counts it
in the ``DestinationDeliveryFailures`` or ``DeadLetterErrors`` metric, pocketcloud in
``LambdaService.delivery_failures`` (with the reason, so that a learner can see why nothing arrived).

Destination ARNs are checked as the Lambda API checks them (answers LocalStack recorded against AWS in its
snapshot tests): "You can't specify the function as a destination for itself.", "The destination ARN <arn> is
invalid." for a function that does not exist, and "The provided destination config DestinationConfig(...) is
invalid." for a service Lambda cannot send to.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ClientError, ServiceError
from ...timeutil import iso_millis, to_datetime

if TYPE_CHECKING:
    from .service import LambdaService

#: How many delivery failures a cloud remembers (a long simulation must not grow without limit).
FAILURE_LOG_SIZE = 1_000
#: "The first 1 KB of the error message" goes into the ErrorMessage attribute of a dead-letter message.
DLQ_ERROR_MESSAGE_BYTES = 1024

ASYNC_DESTINATION_SERVICES = ("sqs", "sns", "lambda", "events", "s3")
ESM_DESTINATION_SERVICES = ("sqs", "sns", "s3")


@dataclass
class DeliveryFailure:
    """A record or dead letter Lambda could not deliver (AWS: the DestinationDeliveryFailures/DeadLetterErrors
    metrics)."""

    time: float
    kind: str  # "destination" or "dead-letter"
    target: str
    reason: str


def client(service: LambdaService, name: str) -> Any:
    """A public client of another service, called as the account (the function's execution role)."""
    return service.cloud.client(name)


def arn_service(arn: str) -> str:
    parts = arn.split(":")
    return parts[2] if len(parts) >= 6 and parts[0] == "arn" else ""


def queue_url(arn: str) -> str:
    """The URL of the queue an SQS ARN names (``arn:aws:sqs:<region>:<account>:<name>``)."""
    parts = arn.split(":")
    return f"https://sqs.{parts[3]}.amazonaws.com/{parts[4]}/{parts[5]}"


def function_name_of(arn: str) -> str | None:
    """The function name in a function ARN (qualified or not), or None."""
    parts = arn.split(":")
    if len(parts) in (7, 8) and parts[2] == "lambda" and parts[5] == "function":
        return parts[6]
    return None


# -- checking configurations ---------------------------------------------------------------------------------


def check_dead_letter_config(value: Any) -> str | None:
    """``DeadLetterConfig={"TargetArn": ...}``: an SQS queue or SNS topic ARN; ``{}`` removes the queue.

    "Invalid dead letter queue ARN: ARNs must start with 'arn:'" is AWS's answer to a TargetArn that is not an ARN
    (public reports of CreateFunction answers, cloud-custodian#1990, 2018); the wording for an ARN of another
    service is pocketcloud's.
    """
    if value is None:
        return None
    target = value.get("TargetArn") if isinstance(value, dict) else None
    if target is None:
        return None
    if not str(target).startswith("arn:"):
        raise ServiceError(
            "InvalidParameterValueException", "Invalid dead letter queue ARN: ARNs must start with 'arn:'"
        )
    if arn_service(target) not in ("sqs", "sns"):
        raise ServiceError(
            "InvalidParameterValueException",
            f"Invalid dead letter queue ARN: {target}. A dead-letter queue is an Amazon SQS queue or an Amazon SNS "
            "topic.",
        )
    return str(target)


def _destination(config: Any, key: str) -> str | None:
    part = config.get(key) if isinstance(config, dict) else None
    value = part.get("Destination") if isinstance(part, dict) else None
    return str(value) if value else None


def check_async_destinations(service: LambdaService, function_name: str, config: Any) -> dict[str, Any]:
    """Validate an EventInvokeConfig ``DestinationConfig``; return it in the shape AWS returns it (both keys,
    ``{}`` where unset)."""
    on_success = _destination(config, "OnSuccess")
    on_failure = _destination(config, "OnFailure")
    valid = True
    for arn, allowed in ((on_success, ASYNC_DESTINATION_SERVICES[:4]), (on_failure, ASYNC_DESTINATION_SERVICES)):
        if arn is None:
            continue
        kind = arn_service(arn)
        if kind == "lambda":
            name = function_name_of(arn)
            if name == function_name:
                raise ServiceError(
                    "InvalidParameterValueException", "You can't specify the function as a destination for itself."
                )
            if name is None or name not in service.functions:
                raise ServiceError("InvalidParameterValueException", f"The destination ARN {arn} is invalid.")
        valid = valid and kind in allowed
    if not valid:
        success = f"OnSuccess(destination={on_success})" if on_success else "null"
        failure = f"OnFailure(destination={on_failure})" if on_failure else "null"
        raise ServiceError(
            "InvalidParameterValueException",
            f"The provided destination config DestinationConfig(onSuccess={success}, onFailure={failure}) is invalid.",
        )
    return {
        "OnSuccess": {"Destination": on_success} if on_success else {},
        "OnFailure": {"Destination": on_failure} if on_failure else {},
    }


# -- async invocation records --------------------------------------------------------------------------------


def _decoded(payload: bytes) -> Any:
    try:
        return json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return payload.decode("utf-8", "replace")


def async_record(
    now: float,
    request_id: str,
    function_arn: str,
    condition: str,
    invoke_count: int,
    event: Any,
    executed_version: str | None,
    payload: bytes | None,
    function_error: str | None,
    status_code: int = 200,
) -> dict[str, Any]:
    """The invocation record of an async invocation, in the documented member order. ``functionArn`` is the
    qualified ARN of what ran (``...:my-function:$LATEST`` in AWS's examples); without an invocation (an event
    that expired or was throttled before any attempt) the response members say what happened instead: a
    pocketcloud model, as AWS documents no record for that case."""
    response: dict[str, Any] = {"statusCode": status_code}
    if executed_version is not None:
        response["executedVersion"] = executed_version
    if function_error is not None:
        response["functionError"] = function_error
    record: dict[str, Any] = {
        "version": "1.0",
        "timestamp": iso_millis(now),
        "requestContext": {
            "requestId": request_id,
            "functionArn": function_arn,
            "condition": condition,
            "approximateInvokeCount": invoke_count,
        },
        "requestPayload": event,
        "responseContext": response,
    }
    if payload is not None:
        record["responsePayload"] = _decoded(payload)
    return record


# -- delivering ----------------------------------------------------------------------------------------------


def _log(service: LambdaService, kind: str, target: str, reason: str) -> None:
    failures: deque[DeliveryFailure] = service.delivery_failures
    failures.append(DeliveryFailure(service.cloud.now, kind, target, reason))


def _s3_key(prefix: str, now: float, unique: str) -> str:
    moment = to_datetime(now)
    return f"{prefix}/{moment:%Y/%m/%d}/{moment:%Y-%m-%dT%H.%M.%S}-{unique}"


def send_record(
    service: LambdaService,
    arn: str,
    record: dict[str, Any],
    success: bool,
    function_arn: str,
    s3_prefix: str,
) -> bool:
    """Deliver an invocation record to one destination through its service's public client; False (and a logged
    reason) when it could not be delivered."""
    cloud = service.cloud
    kind = arn_service(arn)
    body = json.dumps(record)
    try:
        if kind == "sqs":
            if arn.endswith(".fifo"):
                raise _unsupported("an SQS FIFO queue is not a supported destination type")
            client(service, "sqs").send_message(QueueUrl=queue_url(arn), MessageBody=body)
        elif kind == "sns":
            if arn.endswith(".fifo"):
                raise _unsupported("an SNS FIFO topic is not a supported destination type")
            client(service, "sns").publish(TopicArn=arn, Message=body)
        elif kind == "lambda":
            client(service, "lambda").invoke(FunctionName=arn, InvocationType="Event", Payload=body.encode())
        elif kind == "s3":
            bucket = arn.split(":")[-1]
            key = _s3_key(s3_prefix, cloud.now, cloud.new_request_id())
            client(service, "s3").put_object(Bucket=bucket, Key=key, Body=body.encode())
        elif kind == "events":
            _put_event(service, arn, record, success, function_arn)
        else:
            raise _unsupported(f"{kind or arn} is not a destination Lambda can send to")
    except ClientError as error:
        _log(service, "destination", arn, f"{error.response['Error']['Code']}: {error.response['Error']['Message']}")
        return False
    return True


def _unsupported(reason: str) -> ClientError:
    return ClientError({"Error": {"Code": "DestinationDeliveryFailure", "Message": reason}}, "Send")


def _put_event(service: LambdaService, arn: str, record: dict[str, Any], success: bool, function_arn: str) -> None:
    """EventBridge destinations: "the invocation record is passed as the detail in the PutEvents call. The value
    for the source event field is lambda ... The resource event field contains the function and destination
    ARNs". EventBridge is not simulated yet: such a record is counted as undeliverable, with that reason."""
    from .. import CLIENTS

    if "events" not in CLIENTS:
        raise _unsupported("EventBridge is not simulated in pocketcloud yet; the record was not delivered")
    detail_type = "Lambda Function Invocation Result - " + ("Success" if success else "Failure")
    entry = {
        "Source": "lambda",
        "DetailType": detail_type,
        "Detail": json.dumps(record),
        "Resources": [function_arn, arn],
        "EventBusName": arn,
    }
    result = client(service, "events").put_events(Entries=[entry])
    if result.get("FailedEntryCount"):
        failed = result["Entries"][0]
        raise _unsupported(f"{failed.get('ErrorCode')}: {failed.get('ErrorMessage')}")


def send_dead_letter(
    service: LambdaService, target: str, event: Any, request_id: str, error_code: int, error_message: str
) -> bool:
    """Send a discarded async event to a function's dead-letter queue or topic, as-is, with Lambda's attributes."""
    message = error_message.encode("utf-8")[:DLQ_ERROR_MESSAGE_BYTES].decode("utf-8", "ignore")
    attributes: dict[str, dict[str, str]] = {
        "RequestID": {"DataType": "String", "StringValue": request_id},
        "ErrorCode": {"DataType": "Number", "StringValue": str(error_code)},
    }
    if message:
        attributes["ErrorMessage"] = {"DataType": "String", "StringValue": message}
    body = json.dumps(event)
    try:
        if arn_service(target) == "sqs":
            sqs = client(service, "sqs")
            sqs.send_message(QueueUrl=queue_url(target), MessageBody=body, MessageAttributes=attributes)
        else:
            client(service, "sns").publish(TopicArn=target, Message=body, MessageAttributes=attributes)
    except ClientError as error:
        _log(service, "dead-letter", target, f"{error.response['Error']['Code']}: {error.response['Error']['Message']}")
        return False
    return True


def error_message_of(payload: bytes | None) -> str:
    """The ``errorMessage`` of a function error's payload (what the DLQ's ErrorMessage attribute carries)."""
    if not payload:
        return ""
    decoded = _decoded(payload)
    if isinstance(decoded, dict) and isinstance(decoded.get("errorMessage"), str):
        return str(decoded["errorMessage"])
    return str(decoded)
