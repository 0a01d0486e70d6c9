"""``cloud.client("dynamodb")``: Amazon DynamoDB with boto3's (low-level client's) operation and parameter names.

Items travel in the typed form boto3's low-level client uses: ``{"id": {"S": "a"}, "n": {"N": "42"}}``, numbers as
strings (returned in DynamoDB's canonical form), binary as ``bytes``. Each method hands its request to the module
that implements it: :mod:`.backend` (tables), :mod:`.items` (one item), :mod:`.reads` (Query, Scan),
:mod:`.batch`, :mod:`.transactions`. API reference:
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html

Parameters of features pocketcloud does not simulate (global tables, resource policies, vector indexes) are
refused with a message that says so; ``SSESpecification``, ``Tags``, ``OnDemandThroughput`` and
``WarmThroughput`` are accepted and have no effect (nothing is encrypted, nothing is throttled).
"""

from __future__ import annotations

from typing import Any

from ... import limits
from ...client import BaseClient, operation
from ...constraints import java_string
from ...errors import ServiceError
from . import batch, items, reads, transactions
from .backend import DynamoDBBackend

_NOT_SIMULATED = {
    "GlobalTableSourceArn": "global tables",
    "GlobalTableSettingsReplicationMode": "global tables",
    "ReplicaUpdates": "global tables",
    "GlobalTableWitnessUpdates": "global tables",
    "MultiRegionConsistency": "global tables",
    "ResourcePolicy": "resource-based policies",
    "VectorIndexes": "vector indexes",
    "VectorIndexUpdates": "vector indexes",
    "DisassociationProtectionEnabled": "global tables",
}


class DynamoDBClient(BaseClient):
    """A boto3-shaped DynamoDB client. Every call goes to the cloud's one DynamoDB state."""

    service_name = "dynamodb"

    @property
    def _backend(self) -> DynamoDBBackend:
        backend: DynamoDBBackend = self._cloud.backend("dynamodb", DynamoDBBackend)
        return backend

    def _perform(self, name: str, method: Any, params: dict[str, Any]) -> dict[str, Any]:
        # An empty RequestItems map: DynamoDB's own words, before the generic "length greater than or equal to 1"
        # the model's constraint would give (conformance suite, tier3 batchWriteItem / batchGetItem).
        requested = params.get("RequestItems")
        if name in ("BatchWriteItem", "BatchGetItem") and requested == {}:
            error = ServiceError("ValidationException", f"The requestItems parameter is required for {name}")
            raise self._client_error(name, error)
        if isinstance(requested, dict):
            problem = _batch_size_problem(name, requested)
            if problem is not None:
                raise self._client_error(name, ServiceError("ValidationException", problem))
        return super()._perform(name, method, params)

    def _checked(self, params: dict[str, Any]) -> dict[str, Any]:
        for name, feature in _NOT_SIMULATED.items():
            if params.get(name) is not None:
                raise ServiceError("ValidationException", f"pocketcloud does not simulate {feature} ({name}).")
        return params

    # -- tables ------------------------------------------------------------------------------------------------
    @operation("CreateTable")
    def create_table(self, **params: Any) -> dict[str, Any]:
        """Create a table (``TableStatus`` "CREATING" in the response; ACTIVE at once).

        https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
        """
        return self._backend.create_table(self._checked(params))

    @operation("DescribeTable")
    def describe_table(self, **params: Any) -> dict[str, Any]:
        return self._backend.describe_table(params)

    @operation("UpdateTable")
    def update_table(self, **params: Any) -> dict[str, Any]:
        """Turn the stream on or off, change billing or throughput, add or remove global secondary indexes."""
        return self._backend.update_table(self._checked(params))

    @operation("DeleteTable")
    def delete_table(self, **params: Any) -> dict[str, Any]:
        return self._backend.delete_table(params)

    @operation("ListTables")
    def list_tables(self, **params: Any) -> dict[str, Any]:
        return self._backend.list_tables(params)

    # -- items -------------------------------------------------------------------------------------------------
    @operation("PutItem")
    def put_item(self, **params: Any) -> dict[str, Any]:
        """Create or replace an item, optionally only if ``ConditionExpression`` holds."""
        return items.put_item(self._backend, params)

    @operation("GetItem")
    def get_item(self, **params: Any) -> dict[str, Any]:
        """Read an item by its primary key (no ``Item`` in the response when there is none)."""
        return items.get_item(self._backend, params)

    @operation("UpdateItem")
    def update_item(self, **params: Any) -> dict[str, Any]:
        """Change (or create) an item with an ``UpdateExpression``: SET, REMOVE, ADD, DELETE."""
        return items.update_item(self._backend, params)

    @operation("DeleteItem")
    def delete_item(self, **params: Any) -> dict[str, Any]:
        return items.delete_item(self._backend, params)

    # -- reads -------------------------------------------------------------------------------------------------
    @operation("Query")
    def query(self, **params: Any) -> dict[str, Any]:
        """Items of one partition (table or index), in sort-key order, a page (1 MB or ``Limit``) at a time."""
        return reads.query(self._backend, params)

    @operation("Scan")
    def scan(self, **params: Any) -> dict[str, Any]:
        """Every item of a table or index, a page at a time (``Segment``/``TotalSegments`` for a parallel scan)."""
        return reads.scan(self._backend, params)

    # -- batches and transactions ------------------------------------------------------------------------------
    @operation("BatchWriteItem")
    def batch_write_item(self, **params: Any) -> dict[str, Any]:
        return batch.batch_write_item(self._backend, params)

    @operation("BatchGetItem")
    def batch_get_item(self, **params: Any) -> dict[str, Any]:
        return batch.batch_get_item(self._backend, params)

    @operation("TransactWriteItems")
    def transact_write_items(self, **params: Any) -> dict[str, Any]:
        return transactions.transact_write_items(self._backend, params)

    @operation("TransactGetItems")
    def transact_get_items(self, **params: Any) -> dict[str, Any]:
        return transactions.transact_get_items(self._backend, params)


def _batch_size_problem(name: str, requested: dict[str, Any]) -> str | None:
    """Too many requests for one table in a batch, in DynamoDB's words (which differ from the generic constraint
    message): the conformance suite's captures, tests/tier3/error-messages/batchGetItem.test.ts and
    batchWriteItem.test.ts (AWS prints the whole request map there, in Java's notation)."""
    for table, entry in requested.items():
        if name == "BatchGetItem" and isinstance(entry, dict):
            keys = entry.get("Keys")
            if isinstance(keys, list) and len(keys) > limits.DYNAMODB_BATCH_GET_MAX_KEYS:
                return (
                    f"1 validation error detected: Value at 'RequestItems.{table}.member.Keys' failed to satisfy "
                    f"constraint: Member must have length less than or equal to {limits.DYNAMODB_BATCH_GET_MAX_KEYS}"
                )
        if (
            name == "BatchWriteItem"
            and isinstance(entry, list)
            and len(entry) > limits.DYNAMODB_BATCH_WRITE_MAX_REQUESTS
        ):
            return (
                f"1 validation error detected: Value '{java_string(requested)}' at 'requestItems' failed to satisfy "
                "constraint: Map value must satisfy constraint: [Member must have length less than or equal to "
                f"{limits.DYNAMODB_BATCH_WRITE_MAX_REQUESTS}, Member must have length greater than or equal to 1]"
            )
    return None
