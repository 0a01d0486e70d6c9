"""TransactWriteItems and TransactGetItems: all-or-nothing groups of up to 100 actions.

"TransactWriteItems is a synchronous write operation that groups up to 100 action requests ... The actions are
completed atomically so that either all of them succeed, or all of them fail"; no two actions may target the same
item ("Transaction request cannot include multiple operations on one item"); when any condition fails, or an
action cannot be applied, the whole transaction is cancelled with ``TransactionCanceledException`` and one
cancellation reason per action, in order (``None`` for the actions that would have succeeded)
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html). Which problems are
reasons and which reject the request outright follows real DynamoDB as the nubo-db/dynamodb-conformance suite
captured it (tests/tier3/error-messages/transactWriteItems.test.ts): a key or index key of the wrong type is a
``ValidationError`` reason; an empty key value rejects the request with ``ValidationException``.

A ``ClientRequestToken`` makes the call idempotent: "If you submit a request with the same client token but a
change in other parameters within the 10-minute idempotency window, DynamoDB returns an
IdempotentParameterMismatch exception"; the same request again within the window succeeds without writing twice.
All actions of a successful transaction are committed in order, each item change writing its stream record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from . import capacity, keys
from . import values as av
from .expressions import request
from .expressions.evaluate import evaluate
from .expressions.projection import project
from .items import CONDITION_FAILED, check_key_untouched, checked_values, invalid, updated

if TYPE_CHECKING:
    from .backend import DynamoDBBackend
    from .tables import Item, Table

MULTIPLE = "Transaction request cannot include multiple operations on one item"
_EMPTY_KEY = "cannot contain an empty"


@dataclass
class Action:
    kind: str  # Put, Update, Delete, ConditionCheck
    params: dict[str, Any]
    table: Table
    bound: request.Bound
    item: Item | None = None  # Put: the item; others: the Key
    pk: Any = None
    reason: str | None = None  # a ValidationError found while checking the key


def _prepare(backend: DynamoDBBackend, kind: str, body: dict[str, Any]) -> Action:
    backend.table_name(body["TableName"])
    if kind == "Put":
        values = checked_values(body["Item"])
        expressions: tuple[str, ...] = ("ConditionExpression",)
    else:
        values = checked_values(body["Key"])
        expressions = ("UpdateExpression", "ConditionExpression") if kind == "Update" else ("ConditionExpression",)
    bound = request.prepare(body, expressions)
    table = backend.table(body["TableName"])
    action = Action(kind, body, table, bound, values)
    keys.check_empty(table.key, values)
    try:
        action.pk = keys.from_item(table.key, values) if kind == "Put" else keys.from_key(table.key, values)
        if kind == "Put":
            keys.check_index_keys(table.index_specs, values)
    except ServiceError as problem:
        if _EMPTY_KEY in problem.message:
            raise
        action.reason = problem.message
    if kind == "Update":
        check_key_untouched(table, bound.get("UpdateExpression"))
    return action


def _fingerprint(params: dict[str, Any]) -> str:
    return repr(params.get("TransactItems"))


def _reason(code: str, message: str | None = None, item: Item | None = None) -> dict[str, Any]:
    reason: dict[str, Any] = {"Code": code}
    if message is not None:
        reason["Message"] = message
    if item is not None:
        reason["Item"] = av.copy_item(item)
    return reason


def transact_write_items(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    now = backend.cloud.now
    tokens = backend.client_tokens
    for expired in [t for t, (_, used) in tokens.items() if now - used > limits.DYNAMODB_CLIENT_TOKEN_TTL_S]:
        del tokens[expired]
    token = params.get("ClientRequestToken")
    fingerprint = _fingerprint(params)
    if token is not None and token in tokens:
        if tokens[token][0] != fingerprint:
            raise ServiceError(
                "IdempotentParameterMismatchException",
                "DynamoDB rejected the request because you retried a request with a different payload but with an "
                "idempotent token that was already used.",
            )
        return {}
    actions: list[Action] = []
    for raw in params["TransactItems"]:
        present = [(kind, body) for kind, body in raw.items() if body is not None]
        if len(present) != 1:
            raise invalid("TransactItems can only contain one of Check, Put, Update or Delete")
        actions.append(_prepare(backend, *present[0]))
    seen: set[tuple[str, Any]] = set()
    for action in actions:
        if action.pk is None:
            continue
        target = (action.table.name, action.pk)
        if target in seen:
            raise invalid(MULTIPLE)
        seen.add(target)
    reasons: list[dict[str, Any]] = []
    writes: list[tuple[Table, Any, Item | None, Item | None, int | None]] = []
    for action in actions:
        if action.reason is not None:
            reasons.append(_reason("ValidationError", action.reason))
            continue
        old = action.table.get(action.pk)
        condition = action.bound.get("ConditionExpression")
        if condition is not None and not evaluate(condition, old or {}):
            wants_item = action.params.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
            reasons.append(_reason("ConditionalCheckFailed", CONDITION_FAILED, old if wants_item else None))
            continue
        try:
            if action.kind == "Put":
                assert action.item is not None
                writes.append((action.table, action.pk, old, action.item, av.item_size(action.item)))
            elif action.kind == "Update":
                assert action.item is not None
                changed, size = updated(action.table, action.bound.get("UpdateExpression"), old, action.item)
                writes.append((action.table, action.pk, old, changed, size))
            elif action.kind == "Delete":
                writes.append((action.table, action.pk, old, None, None))
        except ServiceError as problem:
            if _EMPTY_KEY in problem.message:
                raise
            reasons.append(_reason("ValidationError", problem.message))
            continue
        reasons.append(_reason("None"))
    if any(reason["Code"] != "None" for reason in reasons):
        codes = ", ".join(reason["Code"] for reason in reasons)
        raise ServiceError(
            "TransactionCanceledException",
            f"Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]",
            CancellationReasons=reasons,
        )
    usages: dict[str, capacity.Usage] = {}
    for table, pk, old, new, written in writes:
        usage = usages.setdefault(table.name, capacity.Usage(table.name))
        usage.add_table(2 * capacity.write_units(max(written or 0, table.size_of(pk))), write=True)
        if old is not None or new is not None:
            backend.commit(table, pk, old, new, written)
    for action in actions:
        if action.kind == "ConditionCheck":
            usage = usages.setdefault(action.table.name, capacity.Usage(action.table.name))
            usage.add_table(2 * capacity.read_units(0, True), write=False)
    if token is not None:
        tokens[token] = (fingerprint, now)
    result: dict[str, Any] = {}
    consumed = [usage.report(params.get("ReturnConsumedCapacity"), split=True) for usage in usages.values()]
    if consumed and consumed[0] is not None:
        result["ConsumedCapacity"] = consumed
    return result


def transact_get_items(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html"""
    plan = []
    for raw in params["TransactItems"]:
        body = raw["Get"]
        backend.table_name(body["TableName"])
        given = checked_values(body["Key"])
        bound = request.prepare(body, ("ProjectionExpression",))
        table = backend.table(body["TableName"])
        plan.append((table, given, bound))
    reasons: list[dict[str, Any]] = []
    found: list[tuple[Table, Any, request.Bound]] = []
    seen: set[tuple[str, Any]] = set()
    for table, given, bound in plan:
        try:
            pk = keys.from_key(table.key, given)
        except ServiceError as problem:
            if _EMPTY_KEY in problem.message:
                raise
            reasons.append(_reason("ValidationError", problem.message))
            continue
        if (table.name, pk) in seen:
            raise invalid(MULTIPLE)
        seen.add((table.name, pk))
        reasons.append(_reason("None"))
        found.append((table, pk, bound))
    if any(reason["Code"] != "None" for reason in reasons):
        codes = ", ".join(reason["Code"] for reason in reasons)
        raise ServiceError(
            "TransactionCanceledException",
            f"Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]",
            CancellationReasons=reasons,
        )
    responses: list[dict[str, Any]] = []
    usages: dict[str, capacity.Usage] = {}
    for table, pk, bound in found:
        item = table.get(pk)
        usage = usages.setdefault(table.name, capacity.Usage(table.name))
        usage.add_table(2 * capacity.read_units(av.item_size(item) if item else 0, True), write=False)
        if item is None:
            responses.append({})
        else:
            responses.append({"Item": project(item, bound.projection) if bound.projection else av.copy_item(item)})
    result: dict[str, Any] = {"Responses": responses}
    consumed = [usage.report(params.get("ReturnConsumedCapacity"), split=True) for usage in usages.values()]
    if consumed and consumed[0] is not None:
        result["ConsumedCapacity"] = consumed
    return result
