"""Errors shaped like botocore's, so that learner code moves to boto3 unchanged.

A failed operation raises :class:`ClientError` (or a subclass named after the AWS error code, reachable as
``client.exceptions.<Code>``) whose ``response`` carries ``Error.Code`` and ``Error.Message`` exactly where boto3
puts them. Wrong parameter *shapes* (a missing required parameter, an unknown one) are caught before the
request is "sent", as botocore does, and raise :class:`ParamValidationError`.
"""

from __future__ import annotations

from typing import Any, ClassVar


class PocketCloudError(Exception):
    """Base class for every error the engine raises on purpose."""


class ClientError(PocketCloudError):
    """An error response from a simulated AWS service (botocore.exceptions.ClientError's shape)."""

    MSG_TEMPLATE: ClassVar[str] = "An error occurred ({code}) when calling the {operation} operation: {message}"

    def __init__(self, error_response: dict[str, Any], operation_name: str) -> None:
        error = error_response.get("Error", {})
        super().__init__(
            self.MSG_TEMPLATE.format(
                code=error.get("Code", "Unknown"),
                operation=operation_name,
                message=error.get("Message", "Unknown"),
            )
        )
        self.response = error_response
        self.operation_name = operation_name


class ParamValidationError(PocketCloudError):
    """Parameters that do not fit the operation's shape (botocore validates these before sending)."""

    def __init__(self, report: str) -> None:
        super().__init__(f"Parameter validation failed:\n{report}")
        self.kwargs = {"report": report}


_classes: dict[str, type[ClientError]] = {}


def exception_class(code: str, name: str | None = None) -> type[ClientError]:
    """The ClientError subclass for an AWS error code, created once and shared by all clients.

    Sharing matters: ``except lam.exceptions.ResourceNotFoundException`` must catch an error raised through
    another client object of the same cloud, as it does with boto3's modeled exceptions. ``name`` is the
    model's shape name when it differs from the code on the wire (SQS's ``QueueDoesNotExist`` travels as
    ``AWS.SimpleQueueService.NonExistentQueue``).
    """
    cls = _classes.get(code)
    if cls is None:
        class_name = name or code
        if not class_name.isidentifier():
            class_name = "".join(ch if ch.isalnum() else "_" for ch in class_name)
        cls = type(class_name, (ClientError,), {"__module__": "pocketcloud.errors", "__doc__": f"AWS error {code}."})
        _classes[code] = cls
    return cls


class ServiceError(Exception):
    """Raised inside a service to fail the current operation; the client turns it into a ClientError.

    Services raise this instead of building botocore-shaped dictionaries themselves, so that the response
    shape lives in one place (:mod:`pocketcloud.client`). Without a ``status`` the client uses the HTTP status
    the service model gives the error (400 when it gives none).
    """

    def __init__(self, code: str, message: str, status: int | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra
