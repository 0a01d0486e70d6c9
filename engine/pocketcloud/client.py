"""The boto3-shaped client base: operations by snake_case name, parameter checks, response metadata.

A service client subclasses :class:`BaseClient` and marks each AWS operation with :func:`operation`, naming its
required and optional parameters as AWS spells them. The decorator does what botocore does before a request
leaves the machine (keyword-only arguments, required and unknown parameter checks), turns a
:class:`~pocketcloud.errors.ServiceError` raised by the service into a :class:`~pocketcloud.errors.ClientError`,
and adds ``ResponseMetadata`` to the result, so that every service gets the same boto3 behaviour for free.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ClientError, ParamValidationError, ServiceError, exception_class

if TYPE_CHECKING:
    from .cloud import Cloud

F = TypeVar("F", bound=Callable[..., dict[str, Any]])


class ClientMeta:
    """``client.meta`` as boto3 has it: the region and the service name."""

    def __init__(self, service_name: str, region_name: str) -> None:
        self.service_model_name = service_name
        self.region_name = region_name


class Exceptions:
    """``client.exceptions``: the service's modeled error classes by AWS code, plus ``ClientError``."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.ClientError = ClientError
        for code in codes:
            setattr(self, code, exception_class(code))

    def from_code(self, code: str) -> type[ClientError]:
        return exception_class(code)


def operation(name: str, *, required: Iterable[str] = (), optional: Iterable[str] = ()) -> Callable[[F], F]:
    """Mark a client method as the AWS operation ``name`` taking the given top-level parameters."""
    required_set = tuple(required)
    required_keys = frozenset(required_set)
    allowed = required_keys | frozenset(optional)

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def call(self: BaseClient, *args: Any, **params: Any) -> dict[str, Any]:
            if args:
                raise TypeError(f"{method.__name__}() only accepts keyword arguments.")
            if not (params.keys() <= allowed and required_keys <= params.keys()):
                problems = [f'Missing required parameter in input: "{p}"' for p in required_set if p not in params]
                problems += [
                    f'Unknown parameter in input: "{p}", must be one of: {", ".join(sorted(allowed))}'
                    for p in params
                    if p not in allowed
                ]
                raise ParamValidationError("\n".join(problems))
            try:
                result = method(self, **params)
            except ServiceError as err:
                raise self._client_error(name, err) from None
            metadata = result.setdefault("ResponseMetadata", {})
            metadata.setdefault("HTTPStatusCode", 200)
            if "RequestId" not in metadata:
                metadata["RequestId"] = self._cloud.new_request_id()
            metadata.setdefault("RetryAttempts", 0)
            return result

        call.operation_name = name  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate


class BaseClient:
    """What every simulated service client shares. Subclasses set ``service_name`` and ``error_codes``."""

    service_name: str = ""
    error_codes: tuple[str, ...] = ()

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self.meta = ClientMeta(self.service_name, cloud.region)
        self.exceptions = Exceptions(self.error_codes)

    def _client_error(self, operation_name: str, err: ServiceError) -> ClientError:
        response: dict[str, Any] = {
            "Error": {"Code": err.code, "Message": err.message},
            "ResponseMetadata": {
                "HTTPStatusCode": err.status,
                "RequestId": self._cloud.new_request_id(),
                "RetryAttempts": 0,
            },
        }
        response.update(err.extra)
        return exception_class(err.code)(response, operation_name)

    def can_paginate(self, operation_name: str) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<pocketcloud {self.service_name} client ({self.meta.region_name})>"
