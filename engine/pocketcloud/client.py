"""The boto3-shaped client base: operations by snake_case name, checked against botocore's service model.

A service client subclasses :class:`BaseClient` and marks each AWS operation with :func:`operation`. Everything
else comes from the service's model (``pocketcloud/models/<service>.json``, generated from botocore's):

* before the operation runs, the request is checked as botocore checks it before sending (missing, unknown and
  wrongly typed parameters, too-small lengths and values -> :class:`~pocketcloud.errors.ParamValidationError`)
  and then as the service's front end checks it (``max``/``pattern``/``enum`` -> ``ValidationException`` in
  AWS's "N validation errors detected" form);
* idempotency tokens botocore fills in (``ClientRequestToken`` …) are filled in from the cloud's seeded source;
* a :class:`~pocketcloud.errors.ServiceError` raised by the service becomes a
  :class:`~pocketcloud.errors.ClientError` of the matching ``client.exceptions`` class, with the HTTP status the
  model gives the error;
* ``ResponseMetadata`` is added to the result, and ``client.exceptions``, ``can_paginate`` and
  ``get_paginator`` work as in boto3.

So every service, present and future, gets the same boto3 behaviour by declaring only its operations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from . import models
from .constraints import ConstraintCompiler, message
from .errors import ClientError, ParamValidationError, ServiceError, exception_class
from .validate import Compiler

if TYPE_CHECKING:
    from .cloud import Cloud
    from .paginate import Paginator

F = TypeVar("F", bound=Callable[..., dict[str, Any]])

#: Set by the test suite to check every response against the operation's output shape:
#: ``hook(service_model, operation_name, response)``.
RESPONSE_CHECK: Callable[[models.ServiceModel, str, dict[str, Any]], None] | None = None


class ClientMeta:
    """``client.meta`` as boto3 has it: the region, the service name and the service model."""

    def __init__(self, service_name: str, region_name: str, partition: str = "aws") -> None:
        self.service_model_name = service_name
        self.region_name = region_name
        self.partition = partition

    @property
    def service_model(self) -> models.ServiceModel:
        return models.load(self.service_model_name)


class Exceptions:
    """``client.exceptions``: a class per modeled error of the service, plus ``ClientError`` and ``from_code``."""

    def __init__(self, model: models.ServiceModel) -> None:
        self.ClientError = ClientError
        self._by_code: dict[str, type[ClientError]] = {}
        for name in model.error_names:
            code = model.shapes.get(name, {}).get("error", {}).get("code", name)
            cls = exception_class(code, name)
            setattr(self, name, cls)
            self._by_code[code] = cls

    def from_code(self, code: str) -> type[ClientError]:
        return self._by_code.get(code) or exception_class(code)


class OperationSpec:
    """What the client needs to check one operation's requests, compiled once from the model."""

    __slots__ = ("check", "constrain", "error_code", "idempotent", "name")

    def __init__(self, model: models.ServiceModel, name: str, error_code: str | None) -> None:
        self.name = name
        shape_name = model.input_shape(name)
        self.idempotent: tuple[str, ...] = ()
        if shape_name is None:
            self.check = None
            self.constrain = None
        else:
            self.check = _compiler(model).check(shape_name)
            self.constrain = _constraints(model).constrain(shape_name) if error_code else None
            members = model.shape(shape_name).get("members", {})
            self.idempotent = tuple(m for m, spec in members.items() if spec.get("idempotencyToken"))
        self.error_code = error_code or "ValidationException"

    def prepare(self, client: BaseClient, params: dict[str, Any]) -> dict[str, Any]:
        """The checked (and normalised) parameters, or ParamValidationError / ServiceError."""
        if self.check is None:
            return {}  # botocore validates and sends nothing for an operation without an input shape
        errors: list[str] = []
        params = self.check(params, "", errors)
        if errors:
            raise ParamValidationError("\n".join(errors))
        for member in self.idempotent:
            if member not in params:
                params[member] = client._cloud.new_request_id()
        if self.constrain is not None:
            self.constrain(params, "", errors)
            if errors:
                raise ServiceError(self.error_code, message(errors))
        return params


def _unalias(operation: str, params: dict[str, Any], aliases: dict[str, str]) -> dict[str, Any]:
    """``params`` with each alias renamed to its modeled name, as botocore's ``ParameterAlias`` does before it
    validates; giving both names is botocore's ``AliasConflictParameterError`` (a ParamValidationError here)."""
    if not any(alias in params for alias in aliases):
        return params
    params = dict(params)
    for alias, original in aliases.items():
        if alias in params:
            if original in params:
                raise ParamValidationError(
                    f"Parameter '{original}' and its alias '{alias}' were provided for operation {operation}.  "
                    "Only one of them may be used."
                )
            params[original] = params.pop(alias)
    return params


@functools.cache
def _compiler(model: models.ServiceModel) -> Compiler:
    return Compiler(model)


@functools.cache
def _constraints(model: models.ServiceModel) -> ConstraintCompiler:
    return ConstraintCompiler(model)


def operation(name: str) -> Callable[[F], F]:
    """Mark a client method as the AWS operation ``name``; its parameters come from the service model."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def call(self: BaseClient, *args: Any, **params: Any) -> dict[str, Any]:
            if args:
                raise TypeError(f"{method.__name__}() only accepts keyword arguments.")
            return self._perform(name, method, params)

        call.operation_name = name  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate


@dataclass(frozen=True)
class Caller:
    """Who makes a call. A learner's code (or a handler's) calls as the account itself: ``principal`` is None.
    One AWS service acting for a resource calls as that service's principal, e.g. S3 delivering a bucket's
    notification calls Lambda as ``s3.amazonaws.com`` with the bucket's ARN as ``source_arn``; the called
    service checks its resource-based policy for such calls, as AWS does.
    https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
    """

    principal: str | None = None
    source_arn: str | None = None
    source_account: str | None = None
    #: ``aws:SourceOwner``: the account that owns the resource a service acts for. Services that publish their
    #: notifications to SNS "as the account" (RDS, ElastiCache, SES receiving) carry it, which is what lets an SNS
    #: topic's default policy (``AWS:SourceOwner`` = the owner) accept them without an extra statement; S3 does
    #: not, so S3 needs a policy statement of its own. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ElastiCacheSNS.html
    source_owner: str | None = None


ACCOUNT = Caller()


class BaseClient:
    """What every simulated service client shares. Subclasses set ``service_name`` (boto3's name).

    ``validation_error_code`` is the error the service answers constraint violations with (most services:
    ``ValidationException``); ``None`` for services that check their own constraints (S3, for one, has no
    such front-end check and reports problems with its own error codes).
    """

    service_name: str = ""
    validation_error_code: ClassVar[str | None] = "ValidationException"
    #: botocore's parameter aliases for this service: operation -> {alias: modeled name}. botocore registers them
    #: in ``handlers._add_parameter_aliases`` (botocore 1.44.5: ``logs.CreateExportTask.from`` -> ``fromTime``,
    #: because ``from`` is a Python keyword); boto3's documentation shows only the alias.
    parameter_aliases: ClassVar[dict[str, dict[str, str]]] = {}
    _spec_cache: ClassVar[dict[str, OperationSpec]]
    _exceptions_cache: ClassVar[Exceptions | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._spec_cache = {}
        cls._exceptions_cache = None

    def __init__(self, cloud: Cloud, caller: Caller = ACCOUNT) -> None:
        self._cloud = cloud
        self._caller = caller
        self.meta = ClientMeta(self.service_name, cloud.region, getattr(cloud, "partition", "aws"))
        self._specs = type(self)._spec_cache

    def _perform(self, name: str, method: Callable[..., dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
        """Check ``params`` for operation ``name``, run ``method(self, **params)`` and finish its response."""
        try:
            params = self._validated_params(name, params)
            result = method(self, **params)
        except ServiceError as err:
            raise self._client_error(name, err) from None
        return self._finish(name, result)

    def _validated_params(self, name: str, params: dict[str, Any]) -> dict[str, Any]:
        """``params`` of operation ``name`` with botocore's aliases renamed and checked against the model."""
        aliases = self.parameter_aliases.get(name)
        if aliases:
            params = _unalias(name, params, aliases)
        spec = self._specs.get(name) or self._spec(name)
        return spec.prepare(self, params)

    def _finish(self, name: str, result: dict[str, Any]) -> dict[str, Any]:
        """Add ``ResponseMetadata`` as boto3 has it (and, under test, check the response's shape)."""
        metadata = result.setdefault("ResponseMetadata", {})
        metadata.setdefault("HTTPStatusCode", 200)
        if "RequestId" not in metadata:
            metadata["RequestId"] = self._cloud.new_request_id()
        metadata.setdefault("RetryAttempts", 0)
        if RESPONSE_CHECK is not None:
            RESPONSE_CHECK(self.meta.service_model, name, result)
        return result

    def _spec(self, name: str) -> OperationSpec:
        spec = OperationSpec(self.meta.service_model, name, self.validation_error_code)
        self._specs[name] = spec
        return spec

    @property
    def exceptions(self) -> Exceptions:
        cls = type(self)
        if cls._exceptions_cache is None:
            cls._exceptions_cache = Exceptions(self.meta.service_model)
        return cls._exceptions_cache

    def _client_error(self, operation_name: str, err: ServiceError) -> ClientError:
        status = err.status
        if status is None:
            status = self.meta.service_model.error_status(err.code) or 400
        response: dict[str, Any] = {
            "Error": {"Code": err.code, "Message": err.message},
            "ResponseMetadata": {
                "HTTPStatusCode": status,
                "RequestId": self._cloud.new_request_id(),
                "RetryAttempts": 0,
            },
        }
        response.update(err.extra)
        return self.exceptions.from_code(err.code)(response, operation_name)

    # -- paginators ------------------------------------------------------------------------------------------------
    @classmethod
    def _operation_names(cls) -> dict[str, str]:
        """snake_case method name -> AWS operation name, for every operation this client implements."""
        found: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                op = getattr(value, "operation_name", None)
                if op is not None:
                    found[attr] = op
        return found

    def can_paginate(self, operation_name: str) -> bool:
        op = self._operation_names().get(operation_name)
        return op is not None and op in self.meta.service_model.paginators

    def get_paginator(self, operation_name: str) -> Paginator:
        """A paginator over a List*/Describe* operation, with botocore's ``paginate`` and ``build_full_result``."""
        from .paginate import OperationNotPageableError, Paginator

        op = self._operation_names().get(operation_name)
        config = self.meta.service_model.paginators.get(op or "")
        if op is None or config is None:
            raise OperationNotPageableError(f"Operation cannot be paginated: {operation_name}")
        return Paginator(getattr(self, operation_name), config)

    def __repr__(self) -> str:
        return f"<pocketcloud {self.service_name} client ({self.meta.region_name})>"
