"""The state of DynamoDB in one cloud: its tables, and the table-level operations.

Tables are ``ACTIVE`` as soon as CreateTable returns (a pocketcloud model: on AWS a table is ``CREATING`` for a
few seconds, and CreateTable's response says so, as it does here). Deleting a table disables its stream, whose
records stay readable for 24 hours, as on AWS: "If you disable a stream on a table, the data in the stream
continues to be readable for 24 hours" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Enabling).

Every change to an item goes through :meth:`DynamoDBBackend.commit`, which stores it and hands the change to the
table's stream (:mod:`.changes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ..dynamodbstreams.store import StreamStore
from . import changes, schema
from . import values as av
from .describe import describe
from .tables import Item, Table

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .keys import PrimaryKey

NOT_FOUND = "Requested resource not found"


class DynamoDBBackend:
    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.tables: dict[str, Table] = {}
        #: TransactWriteItems client tokens: token -> (request fingerprint, virtual time first used).
        self.client_tokens: dict[str, tuple[str, float]] = {}
        self._names: dict[str, str] = {}

    @property
    def streams(self) -> StreamStore:
        store: StreamStore = self.cloud.backend("dynamodbstreams", StreamStore)
        return store

    # -- lookups ----------------------------------------------------------------------------------------------
    def table_name(self, value: str) -> str:
        """The table name a TableName parameter gives (checked once per distinct value: it is on every call)."""
        name = self._names.get(value)
        if name is None:
            name = schema.table_name(value, self.cloud.region, self.cloud.account_id)
            if len(self._names) < 1024:
                self._names[value] = name
        return name

    def table(self, value: str) -> Table:
        """The table a data-plane request names ("Requested resource not found" when there is none)."""
        table = self.tables.get(self.table_name(value))
        if table is None:
            raise ServiceError("ResourceNotFoundException", NOT_FOUND)
        return table

    def _table_for_control(self, value: str) -> Table:
        name = self.table_name(value)
        table = self.tables.get(name)
        if table is None:
            raise ServiceError("ResourceNotFoundException", f"{NOT_FOUND}: Table: {name or value} not found")
        return table

    # -- the one write path -----------------------------------------------------------------------------------
    def commit(self, table: Table, pk: PrimaryKey, old: Item | None, new: Item | None, size: int | None = None) -> None:
        """Store ``new`` (None: delete) at ``pk`` in place of ``old``, and publish the change to the stream."""
        old_size = table.size_of(pk)
        new_size = (size if size is not None else av.item_size(new)) if new is not None else 0
        table.write(pk, old, new, new_size)
        changes.publish(self.streams, table, old, new, old_size, new_size)

    # -- CreateTable / DescribeTable / DeleteTable / ListTables -----------------------------------------------
    def create_table(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html"""
        name = self.table_name(params["TableName"])
        if not name:
            raise ServiceError("ValidationException", "Table ARN must be an ARN of this account and Region")
        spec = schema.create_spec(params, name)
        if name in self.tables:
            raise ServiceError("ResourceInUseException", f"Table already exists: {name}")
        arn = f"arn:aws:dynamodb:{self.cloud.region}:{self.cloud.account_id}:table/{name}"
        table = Table(spec, arn, self.cloud.new_request_id(), self.cloud.now)
        if spec.stream_view_type is not None:
            self._open_stream(table, spec.stream_view_type)
        self.tables[name] = table
        return {"TableDescription": describe(table, "CREATING")}

    def _open_stream(self, table: Table, view_type: str) -> None:
        stream = self.streams.open_stream(table.name, table.arn, table.key.describe(), view_type)
        table.stream.view_type = view_type
        table.stream.arn = table.stream.latest_arn = stream.arn
        table.stream.label = table.stream.latest_label = stream.label

    def _close_stream(self, table: Table) -> None:
        if table.stream.arn is not None:
            self.streams.close_stream(table.stream.arn)
        table.stream.arn = table.stream.label = table.stream.view_type = None

    def describe_table(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html"""
        return {"Table": describe(self._table_for_control(params["TableName"]))}

    def delete_table(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html"""
        table = self._table_for_control(params["TableName"])
        if table.spec.deletion_protection:
            raise ServiceError(
                "ValidationException",
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion "
                "protection first.",
            )
        description = describe(table, "DELETING")
        self._close_stream(table)
        del self.tables[table.name]
        return {"TableDescription": description}

    def list_tables(self, params: dict[str, Any]) -> dict[str, Any]:
        """Table names in ASCII order, ``Limit`` (1-100, default 100) at a time after ``ExclusiveStartTableName``.

        https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html
        """
        limit = params.get("Limit", limits.DYNAMODB_LIST_TABLES_MAX)
        start = params.get("ExclusiveStartTableName")
        names = sorted(name for name in self.tables if start is None or name > start)
        result: dict[str, Any] = {"TableNames": names[:limit]}
        if len(names) > limit:
            result["LastEvaluatedTableName"] = names[limit - 1]
        return result

    # -- UpdateTable ------------------------------------------------------------------------------------------
    def update_table(self, params: dict[str, Any]) -> dict[str, Any]:
        """Streams on and off, billing mode and throughput, and global secondary indexes created, updated or
        deleted (a new index is filled at once). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
        """
        table = self._table_for_control(params["TableName"])
        wanted = ("ProvisionedThroughput", "BillingMode", "StreamSpecification", "GlobalSecondaryIndexUpdates",
                  "DeletionProtectionEnabled", "TableClass", "SSESpecification", "OnDemandThroughput",
                  "WarmThroughput")  # fmt: skip
        given = [name for name in wanted if params.get(name) is not None]
        if not given:
            # AWS's text (ack-api-quirks catalogue, live probes 2026-10), which names every updatable setting.
            raise ServiceError(
                "ValidationException",
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
                "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, "
                "MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass "
                "is required",
            )
        for alone, label in (("DeletionProtectionEnabled", "DeletionProtection"), ("TableClass", "TableClass")):
            if alone in given and len(given) > 1:
                raise ServiceError(
                    "ValidationException",
                    f"{schema.INVALID}{label} modification must be the only operation in the request",
                )
        if "StreamSpecification" in given and "GlobalSecondaryIndexUpdates" in given:
            raise ServiceError(
                "ValidationException", schema.INVALID + "You cannot create or delete index while changing stream status"
            )
        if "ProvisionedThroughput" in given and "StreamSpecification" in given:
            raise ServiceError(
                "ValidationException", schema.INVALID + "You cannot modify stream status while updating table IOPS"
            )
        plan = self._plan_update(table, params)
        for step in plan:
            step()
        return {"TableDescription": describe(table, "UPDATING")}

    def _plan_update(self, table: Table, params: dict[str, Any]) -> list[Any]:
        """Check the whole UpdateTable request, then return the changes to make (nothing changes on a refusal)."""
        steps: list[Any] = []
        mode = params.get("BillingMode", table.billing_mode)
        throughput = params.get("ProvisionedThroughput")
        if mode == "PAY_PER_REQUEST" and throughput is not None:
            raise ServiceError(
                "ValidationException",
                schema.INVALID
                + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                "PAY_PER_REQUEST",
            )
        if mode == "PROVISIONED" and table.billing_mode == "PAY_PER_REQUEST" and throughput is None:
            raise ServiceError(
                "ValidationException",
                schema.INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED",
            )
        new_throughput = schema.capacity_units(throughput) if throughput is not None else table.throughput

        def billing() -> None:
            if mode == "PAY_PER_REQUEST" and table.billing_mode != "PAY_PER_REQUEST":
                table.last_pay_per_request = self.cloud.now
            table.billing_mode = mode
            table.throughput = None if mode == "PAY_PER_REQUEST" else new_throughput

        steps.append(billing)
        spec = params.get("StreamSpecification")
        if spec is not None:
            view = schema.stream_view_type(spec, creating=False)
            if view is not None and table.stream.arn is not None:
                raise ServiceError(
                    "ValidationException", f"Table already has an enabled stream: TableName: {table.name}"
                )
            if view is None and table.stream.arn is None:
                raise ServiceError("ValidationException", f"Table has no stream to disable: TableName: {table.name}")
            steps.append(
                (lambda: self._open_stream(table, view)) if view is not None else (lambda: self._close_stream(table))
            )
        for update in params.get("GlobalSecondaryIndexUpdates") or []:
            steps.append(self._plan_index(table, params, update, mode))
        if params.get("DeletionProtectionEnabled") is not None:
            protected = bool(params["DeletionProtectionEnabled"])
            steps.append(lambda: setattr(table.spec, "deletion_protection", protected))
        if params.get("TableClass") is not None:
            table_class = params["TableClass"]
            steps.append(lambda: setattr(table.spec, "table_class", table_class))
        return steps

    def _plan_index(self, table: Table, params: dict[str, Any], update: dict[str, Any], mode: str) -> Any:
        if not update:
            raise ServiceError(
                "ValidationException",
                schema.INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                "GlobalSecondaryIndexUpdate.Delete must not be null",
            )
        if len(update) > 1:
            raise ServiceError(
                "ValidationException",
                schema.INVALID
                + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object",
            )
        if "Create" in update:
            raw = dict(update["Create"])
            definitions = dict(table.spec.definitions)
            for definition in params.get("AttributeDefinitions") or []:
                definitions[definition["AttributeName"]] = definition["AttributeType"]
            if raw["IndexName"] in table.indexes:
                raise ServiceError("ValidationException", "Attempting to create an index which already exists")
            globals_ = sum(1 for index in table.indexes.values() if index.is_global)
            if globals_ >= limits.DYNAMODB_MAX_GSIS:
                raise ServiceError(
                    "LimitExceededException",
                    f"GlobalSecondaryIndex count exceeds the per-table limit of {limits.DYNAMODB_MAX_GSIS}",
                )
            index = schema.index_spec(raw, "GSI", table.key, definitions, mode, creating=False)

            def create() -> None:
                table.spec.definitions.update({name: definitions[name] for name in index.key.names})
                table.add_index(index)

            return create
        if "Delete" in update:
            name = update["Delete"]["IndexName"]
            existing = table.indexes.get(name)
            if existing is None or not existing.is_global:
                raise ServiceError(
                    "ValidationException", f"Cannot delete an index that is not a GlobalSecondaryIndex: {name}"
                )

            def delete() -> None:
                del table.indexes[name]
                used = set(table.key.names)
                for other in table.indexes.values():
                    used.update(other.key.names)
                for attribute in list(table.spec.definitions):
                    if attribute not in used:
                        del table.spec.definitions[attribute]

            return delete
        name = update["Update"]["IndexName"]
        existing = table.indexes.get(name)
        if existing is None or not existing.is_global:
            raise ServiceError(
                "ValidationException", f"Cannot update an index that is not a GlobalSecondaryIndex: {name}"
            )
        if mode == "PAY_PER_REQUEST":
            raise ServiceError(
                "ValidationException",
                schema.INVALID + f"ProvisionedThroughput should not be specified for index: {name} when BillingMode is "
                "PAY_PER_REQUEST",
            )
        throughput = schema.capacity_units(update["Update"]["ProvisionedThroughput"])
        return lambda: setattr(existing.spec, "throughput", throughput)
