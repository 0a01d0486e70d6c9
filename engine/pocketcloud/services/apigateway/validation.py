"""API Gateway's front-end validation messages: where a violating member is, as API Gateway prints it.

API Gateway answers ``max``/``pattern``/``enum`` violations with ValidationException in the usual form, but names a
member of the request *body* after the operation's input structure and a member of the URL without a prefix::

    1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint:
    Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]
    2 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' ...;
    Value 'wrong' at 'statusCode' failed to satisfy constraint: ...

(body members first, then URL members), as recorded against AWS in LocalStack's snapshot tests
(``tests/aws/services/apigateway/test_apigateway_api.snapshot.json``). The enum values are listed in the model's
order here; AWS's own order differs from one enum to another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...client import OperationSpec
from ...constraints import lower_first, message
from ...errors import ParamValidationError, ServiceError

if TYPE_CHECKING:
    from ...client import BaseClient
    from ...models import ServiceModel


class RestOperationSpec(OperationSpec):
    """OperationSpec whose constraint messages use API Gateway's member paths (see the module docstring)."""

    __slots__ = ("prefix", "url_members")

    def __init__(self, model: ServiceModel, name: str, error_code: str | None) -> None:
        super().__init__(model, name, error_code)
        self.prefix = lower_first(name) + "Input"
        shape_name = model.input_shape(name)
        members = model.shape(shape_name).get("members", {}) if shape_name else {}
        self.url_members = frozenset(m for m, spec in members.items() if spec.get("location") in ("uri", "querystring"))

    def prepare(self, client: BaseClient, params: dict[str, Any]) -> dict[str, Any]:
        if self.check is None:
            return {}
        errors: list[str] = []
        params = self.check(params, "", errors)
        if errors:
            raise ParamValidationError("\n".join(errors))
        if self.constrain is not None:
            body = {k: v for k, v in params.items() if k not in self.url_members}
            url = {k: v for k, v in params.items() if k in self.url_members}
            self.constrain(body, self.prefix, errors)
            self.constrain(url, "", errors)
            if errors:
                raise ServiceError(self.error_code, message(errors))
        return params
