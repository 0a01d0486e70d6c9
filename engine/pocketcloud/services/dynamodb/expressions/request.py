"""The expressions of one request, checked in the order DynamoDB checks them, and bound for use.

Before any expression is parsed DynamoDB checks the request's placeholder maps; after all are bound, that every
placeholder was used. The rules and their messages (dynalite's tests against the real service, and the
nubo-db/dynamodb-conformance captures):

1. legacy and expression parameters cannot be mixed ("Can not use both expression and non-expression parameters
   in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
2. ``ExpressionAttributeNames`` / ``ExpressionAttributeValues`` only with expressions that can use them
   ("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
3. neither map may be empty ("ExpressionAttributeNames must not be empty"), keys must be ``#name`` / ``:value``
   ('ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'), and every value must be a valid
   attribute value ("ExpressionAttributeValues contains invalid value: ... for key :v");
4. each expression: not empty ("Invalid UpdateExpression: The expression can not be empty;"), at most 4 KB,
   syntactically valid, semantically valid (:mod:`.binding`);
5. no unused placeholder ("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}").

The legacy conditional parameters (``Expected``, ``AttributeUpdates``, ``KeyConditions``, ``QueryFilter``,
``ScanFilter``, ``ConditionalOperator``) are refused with a message that names the expression to use instead:
pocketcloud simulates the expression API, which "provides the same functionality"
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html).
``AttributesToGet`` is simulated (it is a projection of top-level attributes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .... import limits
from ....errors import ServiceError
from .. import values as av
from . import nodes as n
from .binding import ExpressionError, Scope, bind
from .lexer import ExpressionSyntaxError
from .parser import parse

_NAME_KEY = re.compile(r"#[A-Za-z0-9_]+")
_VALUE_KEY = re.compile(r":[A-Za-z0-9_]+")

#: Expression parameter -> (grammar, whether it can use ExpressionAttributeValues).
KINDS = {
    "KeyConditionExpression": ("key", True),
    "UpdateExpression": ("update", True),
    "ConditionExpression": ("condition", True),
    "FilterExpression": ("condition", True),
    "ProjectionExpression": ("projection", False),
}
LEGACY = ("AttributesToGet", "Expected", "AttributeUpdates", "KeyConditions", "QueryFilter", "ScanFilter",
          "ConditionalOperator")  # fmt: skip
_EXPRESSION_PARAMETERS = frozenset((*KINDS, *LEGACY, "ExpressionAttributeNames", "ExpressionAttributeValues"))
_INSTEAD = {
    "Expected": "ConditionExpression",
    "AttributeUpdates": "UpdateExpression",
    "KeyConditions": "KeyConditionExpression",
    "QueryFilter": "FilterExpression",
    "ScanFilter": "FilterExpression",
    "ConditionalOperator": "ConditionExpression or FilterExpression",
}


def invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


@dataclass
class Bound:
    """The bound expressions of a request, by parameter name, and the projection paths (from a
    ProjectionExpression or AttributesToGet)."""

    trees: dict[str, Any] = field(default_factory=dict)
    projection: list[tuple[str | int, ...]] | None = None
    #: Names of the expressions given (for messages such as "Filter Expression can only contain ...").
    given: tuple[str, ...] = ()

    def get(self, name: str) -> Any:
        return self.trees.get(name)


def _check_names(names: Any) -> None:
    if not names:
        raise invalid("ExpressionAttributeNames must not be empty")
    for key in names:
        if not _NAME_KEY.fullmatch(key):
            raise invalid(f'ExpressionAttributeNames contains invalid key: Syntax error; key: "{key}"')


def _check_values(values: Any) -> dict[str, dict[str, Any]]:
    if not values:
        raise invalid("ExpressionAttributeValues must not be empty")
    for key in values:
        if not _VALUE_KEY.fullmatch(key):
            raise invalid(f'ExpressionAttributeValues contains invalid key: Syntax error; key: "{key}"')
    checked = {}
    for key, value in values.items():
        try:
            checked[key] = av.check(value)
        except av.ValueProblem as problem:
            raise invalid(f"ExpressionAttributeValues contains invalid value: {problem} for key {key}") from None
    return checked


def _attributes_to_get(names: list[str]) -> list[tuple[str | int, ...]]:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise invalid(f"One or more parameter values were invalid: Duplicate value in attribute name: {name}")
        seen.add(name)
    return [(name,) for name in names]


def prepare(params: dict[str, Any], expressions: tuple[str, ...]) -> Bound:
    """Check and bind the expressions named in ``expressions`` (the ones this operation takes, in the order
    DynamoDB checks them) from ``params``; raise ServiceError (ValidationException) on the first problem."""
    if params.keys().isdisjoint(_EXPRESSION_PARAMETERS):
        return Bound()  # the common GetItem / PutItem: nothing to check
    given = tuple(name for name in expressions if params.get(name) is not None)
    legacy = [name for name in LEGACY if params.get(name) is not None]
    if legacy and given:
        raise invalid(
            "Can not use both expression and non-expression parameters in the same request: Non-expression "
            f"parameters: {{{', '.join(legacy)}}} Expression parameters: {{{', '.join(given)}}}"
        )
    for name in legacy:
        if name != "AttributesToGet":
            raise invalid(
                f"pocketcloud does not simulate the legacy parameter {name}; use {_INSTEAD[name]} instead "
                "(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html)"
            )
    names = params.get("ExpressionAttributeNames")
    values = params.get("ExpressionAttributeValues")
    if names is not None and not given:
        raise invalid("ExpressionAttributeNames can only be specified when using expressions")
    if values is not None:
        users = [name for name in given if KINDS[name][1]]
        if not users:
            absent = [name for name in expressions if KINDS[name][1]]
            verb = "is" if len(absent) == 1 else "are"
            raise invalid(
                "ExpressionAttributeValues can only be specified when using expressions: "
                f"{' and '.join(absent)} {verb} null"
            )
    if names is not None:
        _check_names(names)
    checked_values = _check_values(values) if values is not None else None
    scope = Scope(names, checked_values)
    bound = Bound(given=given)
    for name in given:
        bound.trees[name] = _bind_one(name, params[name], scope)
    unused = scope.unused_names()
    if unused:
        raise invalid(
            f"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{', '.join(unused)}}}"
        )
    unused = scope.unused_values()
    if unused:
        raise invalid(
            f"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{', '.join(unused)}}}"
        )
    projection = bound.trees.get("ProjectionExpression")
    if isinstance(projection, n.Projection):
        bound.projection = [path.elements for path in projection.paths]
    elif params.get("AttributesToGet") is not None:
        bound.projection = _attributes_to_get(list(params["AttributesToGet"]))
    return bound


def _bind_one(name: str, text: str, scope: Scope) -> Any:
    kind, _ = KINDS[name]
    if not text.strip():
        raise invalid(f"Invalid {name}: The expression can not be empty;")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.DYNAMODB_EXPRESSION_MAX_BYTES:
        raise invalid(f"Invalid {name}: Expression size has exceeded the maximum allowed size; expression size: {size}")
    try:
        parsed = parse(text, "condition" if kind == "key" else kind)
        return bind(parsed, kind, scope)
    except (ExpressionSyntaxError, ExpressionError) as problem:
        raise invalid(f"Invalid {name}: {problem}") from None
