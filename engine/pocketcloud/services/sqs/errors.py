"""SQS's errors as boto3 sees them on SQS's JSON protocol.

botocore's model gives SQS the JSON protocol with ``awsQueryCompatible`` (check ``metadata.protocol`` in
``botocore/data/sqs/2012-11-05/service-2.json``). On that protocol an error travels as ``__type`` (the modeled
shape, e.g. ``QueueDoesNotExist``) plus an ``x-amzn-query-error`` header with the code of the old Query
protocol (``AWS.SimpleQueueService.NonExistentQueue;Sender``). botocore puts the old code in
``Error.Code`` (so messages and ``e.response["Error"]["Code"]`` read as they always did), the shape name in
``Error.QueryErrorCode``, the fault in ``Error.Type``, and raises the modeled class chosen by
``QueryErrorCode`` (``botocore.handlers._handle_sqs_compatible_error``): so ``except
sqs.exceptions.QueueDoesNotExist`` catches an error whose code reads ``AWS.SimpleQueueService.NonExistentQueue``.
(botocore PR #3054 "Fix Sqs ErrorType not being parsed properly" is where this was settled, after the JSON
migration broke it: https://github.com/boto/botocore/pull/3054.)

The Query codes below are the ones AWS's SDKs map (the AWS SDK for iOS's ``AWSSQSErrorDomain`` table:
``AWS.SimpleQueueService.NonExistentQueue`` -> QueueDoesNotExist, ``QueueAlreadyExists`` -> QueueNameExists,
...; moto's ``service-2.moto-extras.json`` adds the same codes back to the model). Errors SQS does not model
(``InvalidParameterValue``, ``MissingParameter``) come out as plain ``ClientError`` with that code, as in boto3.
"""

from __future__ import annotations

from ...errors import ServiceError

#: Modeled shape name -> the code on the wire (``Error.Code`` in boto3). Shapes not listed use their own name.
QUERY_CODES = {
    "QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue",
    "QueueNameExists": "QueueAlreadyExists",
    "QueueDeletedRecently": "AWS.SimpleQueueService.QueueDeletedRecently",
    "PurgeQueueInProgress": "AWS.SimpleQueueService.PurgeQueueInProgress",
    "MessageNotInflight": "AWS.SimpleQueueService.MessageNotInflight",
    "BatchEntryIdsNotDistinct": "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    "BatchRequestTooLong": "AWS.SimpleQueueService.BatchRequestTooLong",
    "EmptyBatchRequest": "AWS.SimpleQueueService.EmptyBatchRequest",
    "InvalidBatchEntryId": "AWS.SimpleQueueService.InvalidBatchEntryId",
    "TooManyEntriesInBatchRequest": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    "UnsupportedOperation": "AWS.SimpleQueueService.UnsupportedOperation",
}

#: The message SQS's JSON protocol answers an unknown queue with (the Query protocol's said "... for this wsdl
#: version."). As recorded against AWS in LocalStack's SQS provider (``_require_queue``).
QUEUE_DOES_NOT_EXIST = "The specified queue does not exist."


def queue_does_not_exist() -> ServiceError:
    return ServiceError("QueueDoesNotExist", QUEUE_DOES_NOT_EXIST)


def invalid_parameter_value(message: str) -> ServiceError:
    """``InvalidParameterValue``: not a modeled shape, so boto3 raises a plain ClientError with this code."""
    return ServiceError("InvalidParameterValue", message)


def missing_parameter(name: str) -> ServiceError:
    return ServiceError("MissingParameter", f"The request must contain the parameter {name}.")


def invalid_value(parameter: str, value: object, reason: str) -> ServiceError:
    """The form SQS words most bad values in: ``Value 11 for parameter MaxNumberOfMessages is invalid. Reason:
    Must be between 1 and 10, if provided.``"""
    return invalid_parameter_value(f"Value {value} for parameter {parameter} is invalid. Reason: {reason}")


def invalid_attribute_value(name: str) -> ServiceError:
    """A queue attribute out of range or of the wrong form: ``Invalid value for the parameter VisibilityTimeout.``
    (the wording of AWS's answers, e.g. ``<Code>InvalidAttributeValue</Code><Message>Invalid value for the
    parameter VisibilityTimeout.</Message>``, quoted in several SQS emulators' tests)."""
    return ServiceError("InvalidAttributeValue", f"Invalid value for the parameter {name}.")


def unknown_attribute(name: str) -> ServiceError:
    return ServiceError("InvalidAttributeName", f"Unknown Attribute {name}.")


def receipt_handle_is_invalid(handle: str) -> ServiceError:
    return ServiceError("ReceiptHandleIsInvalid", f'The input receipt handle "{handle}" is not a valid receipt handle.')


def wire(error: ServiceError) -> tuple[str, dict[str, str]]:
    """The ``Error.Code`` boto3 shows for ``error`` and the extra members of boto3's ``Error`` dictionary."""
    code = QUERY_CODES.get(error.code, error.code)
    extra = {"Type": "Sender"}
    if error.code in _MODELED:
        extra["QueryErrorCode"] = error.code
    return code, extra


_MODELED = frozenset(
    {
        *QUERY_CODES,
        "InvalidAttributeName",
        "InvalidAttributeValue",
        "InvalidIdFormat",
        "InvalidMessageContents",
        "OverLimit",
        "ReceiptHandleIsInvalid",
        "ResourceNotFoundException",
        "InvalidAddress",
        "InvalidSecurity",
        "RequestThrottled",
    }
)
