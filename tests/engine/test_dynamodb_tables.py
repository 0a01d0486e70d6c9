"""DynamoDB tables: CreateTable's checks, descriptions, billing modes, streams and indexes on UpdateTable.

Messages are real DynamoDB's, as recorded by dynalite (``test/createTable.js``), LocalStack's AWS snapshots and the
nubo-db/dynamodb-conformance suite (``tests/tier3/error-messages/createTable.test.ts``); API reference:
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
"""

from __future__ import annotations

from typing import Any

import pytest

from .dynamodb_helpers import create_table, error_of


def test_create_table_describes_the_table_as_aws_does(ddb: Any) -> None:
    """CreateTable answers with the TableDescription (TableStatus CREATING), DescribeTable with ACTIVE; ARNs are
    ``arn:aws:dynamodb:<region>:<account>:table/<name>``; an on-demand table reports zero provisioned units and a
    BillingModeSummary. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html"""
    created = create_table(ddb)["TableDescription"]
    assert created["TableStatus"] == "CREATING"
    assert created["TableArn"] == "arn:aws:dynamodb:ap-northeast-2:123456789012:table/Music"
    assert created["KeySchema"] == [
        {"AttributeName": "Artist", "KeyType": "HASH"},
        {"AttributeName": "SongTitle", "KeyType": "RANGE"},
    ]
    assert created["ProvisionedThroughput"] == {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 0,
        "WriteCapacityUnits": 0,
    }
    assert created["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    table = ddb.describe_table(TableName="Music")["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert (table["ItemCount"], table["TableSizeBytes"]) == (0, 0)
    assert table["DeletionProtectionEnabled"] is False
    assert "StreamSpecification" not in table and "LatestStreamArn" not in table


def test_item_count_and_size_follow_every_write(ddb: Any) -> None:
    """ItemCount and TableSizeBytes (DynamoDB refreshes them about every six hours; pocketcloud keeps them exact)
    count items and their size by the item-size rules: "Artist" (6) + "A" (1) + "SongTitle" (9) + "B" (1) = 17.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html"""
    create_table(ddb)
    ddb.put_item(TableName="Music", Item={"Artist": {"S": "A"}, "SongTitle": {"S": "B"}})
    table = ddb.describe_table(TableName="Music")["Table"]
    assert (table["ItemCount"], table["TableSizeBytes"]) == (1, 17)
    ddb.delete_item(TableName="Music", Key={"Artist": {"S": "A"}, "SongTitle": {"S": "B"}})
    table = ddb.describe_table(TableName="Music")["Table"]
    assert (table["ItemCount"], table["TableSizeBytes"]) == (0, 0)


def test_provisioned_table_needs_throughput(ddb: Any) -> None:
    """PROVISIONED is the default billing mode and needs ProvisionedThroughput; PAY_PER_REQUEST refuses it
    (LocalStack's snapshot of AWS: "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when
    BillingMode is PAY_PER_REQUEST"). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html"""
    base = {
        "TableName": "Music",
        "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"}],
    }
    assert error_of(ddb.create_table, **base) == (
        "ValidationException",
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified "
        "when BillingMode is PROVISIONED",
    )
    assert error_of(
        ddb.create_table,
        **base,
        BillingMode="PAY_PER_REQUEST",
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    ) == (
        "ValidationException",
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
        "specified when BillingMode is PAY_PER_REQUEST",
    )
    table = ddb.create_table(**base, ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 2})
    throughput = table["TableDescription"]["ProvisionedThroughput"]
    assert (throughput["ReadCapacityUnits"], throughput["WriteCapacityUnits"]) == (5, 2)
    assert "BillingModeSummary" not in table["TableDescription"]
    assert ddb.list_tables()["TableNames"] == ["Music"]


@pytest.mark.parametrize(
    ("schema", "definitions", "message"),
    [
        (
            [("pk", "HASH"), ("pk", "RANGE")],
            [("pk", "S")],
            "Invalid KeySchema: Some index key attribute have no definition",
        ),
        (
            [("a", "HASH")],
            [("b", "S")],
            "One or more parameter values were invalid: Some index key attributes are not defined in "
            "AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]",
        ),
        (
            [("a", "HASH"), ("a", "HASH")],
            [("a", "S"), ("b", "S")],
            "Both the Hash Key and the Range Key element in the KeySchema have the same name",
        ),
        (
            [("a", "RANGE"), ("b", "HASH")],
            [("a", "S"), ("b", "S")],
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
        ),
        (
            [("a", "HASH"), ("b", "HASH")],
            [("a", "S"), ("b", "S")],
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
        ),
        (
            [("a", "HASH")],
            [("a", "S"), ("b", "S")],
            "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
            "number of attributes defined in AttributeDefinitions",
        ),
    ],
)
def test_key_schema_errors(
    ddb: Any, schema: list[tuple[str, str]], definitions: list[tuple[str, str]], message: str
) -> None:
    """Key schema checks in dynalite's recorded words (test/createTable.js, validated against DynamoDB)."""
    code, text = error_of(
        ddb.create_table,
        TableName="Music",
        KeySchema=[{"AttributeName": a, "KeyType": k} for a, k in schema],
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t in definitions],
        BillingMode="PAY_PER_REQUEST",
    )
    assert (code, text) == ("ValidationException", message)
    assert ddb.list_tables()["TableNames"] == []


def test_table_names_are_checked_as_aws_checks_them(ddb: Any) -> None:
    """3-255 characters of [a-zA-Z0-9_.-] ("1 validation error detected: Value 'ab' at 'tableName' failed to
    satisfy constraint: Member must have length greater than or equal to 3"; conformance suite, createTable)."""
    assert error_of(create_table, ddb, name="ab") == (
        "ValidationException",
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have "
        "length greater than or equal to 3",
    )
    assert error_of(ddb.describe_table, TableName="bad table!@#")[1] == (
        "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
    )
    assert error_of(ddb.get_item, TableName="a" * 256, Key={"x": {"S": "y"}})[1].endswith(
        "Member must have length less than or equal to 255"
    )


def test_duplicate_and_missing_tables(ddb: Any) -> None:
    """ "Table already exists: <name>" (ResourceInUseException, LocalStack's AWS snapshot); DescribeTable of a
    missing table: "Requested resource not found: Table: <name> not found"; data operations say only "Requested
    resource not found" (conformance suite, tier3 getItem)."""
    create_table(ddb)
    assert error_of(create_table, ddb) == ("ResourceInUseException", "Table already exists: Music")
    assert error_of(ddb.describe_table, TableName="Nope") == (
        "ResourceNotFoundException",
        "Requested resource not found: Table: Nope not found",
    )
    assert error_of(ddb.get_item, TableName="Nope", Key={"a": {"S": "b"}}) == (
        "ResourceNotFoundException",
        "Requested resource not found",
    )


def test_table_arn_works_as_a_table_name(ddb: Any) -> None:
    """ "You can also provide the Amazon Resource Name (ARN) of the table in this parameter."
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html"""
    arn = create_table(ddb)["TableDescription"]["TableArn"]
    ddb.put_item(TableName=arn, Item={"Artist": {"S": "A"}, "SongTitle": {"S": "B"}})
    assert "Item" in ddb.get_item(TableName="Music", Key={"Artist": {"S": "A"}, "SongTitle": {"S": "B"}})


def test_list_tables_pages_in_name_order(ddb: Any) -> None:
    """ "ListTables ... Limit ... LastEvaluatedTableName: The name of the last table in the current page of results."
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html"""
    for name in ("ccc", "aaa", "bbb"):
        create_table(ddb, name=name)
    first = ddb.list_tables(Limit=2)
    assert first["TableNames"] == ["aaa", "bbb"] and first["LastEvaluatedTableName"] == "bbb"
    second = ddb.list_tables(Limit=2, ExclusiveStartTableName="bbb")
    assert second["TableNames"] == ["ccc"] and "LastEvaluatedTableName" not in second
    pages = list(ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 1}))
    assert [name for page in pages for name in page["TableNames"]] == ["aaa", "bbb", "ccc"]


def test_delete_table_answers_deleting_and_removes_it(ddb: Any) -> None:
    """DeleteTable answers with the description, TableStatus DELETING.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html"""
    create_table(ddb)
    assert ddb.delete_table(TableName="Music")["TableDescription"]["TableStatus"] == "DELETING"
    assert ddb.list_tables()["TableNames"] == []


def test_deletion_protection_refuses_delete(ddb: Any) -> None:
    """ "When enabled, the table cannot be deleted by any user or process."
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection"""
    create_table(ddb, DeletionProtectionEnabled=True)
    code, _ = error_of(ddb.delete_table, TableName="Music")
    assert code == "ValidationException"
    ddb.update_table(TableName="Music", DeletionProtectionEnabled=False)
    ddb.delete_table(TableName="Music")


def test_stream_specification_sets_latest_stream(ddb: Any) -> None:
    """A table created with a stream reports StreamSpecification, LatestStreamLabel (creation time in
    milliseconds) and LatestStreamArn ``<table ARN>/stream/<label>`` (LocalStack's AWS snapshot); turning the stream
    off removes StreamSpecification but keeps the latest stream's ARN. UpdateTable enables a new stream. Refusals in
    AWS's words (the ack-api-quirks catalogue of DynamoDB's ValidationException texts, live probes 2026-10).
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Enabling"""
    created = create_table(ddb, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    description = created["TableDescription"]
    assert description["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    assert description["LatestStreamLabel"] == "2026-01-01T00:00:00.000"
    assert description["LatestStreamArn"] == description["TableArn"] + "/stream/2026-01-01T00:00:00.000"
    assert error_of(
        ddb.update_table, TableName="Music", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    ) == ("ValidationException", "Table already has an enabled stream: TableName: Music")
    off = ddb.update_table(TableName="Music", StreamSpecification={"StreamEnabled": False})["TableDescription"]
    assert "StreamSpecification" not in off and off["LatestStreamArn"] == description["LatestStreamArn"]
    assert error_of(ddb.update_table, TableName="Music", StreamSpecification={"StreamEnabled": False}) == (
        "ValidationException",
        "Table has no stream to disable: TableName: Music",
    )
    assert error_of(ddb.update_table, TableName="Music", StreamSpecification={"StreamEnabled": True})[1] == (
        "One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required"
    )
    ddb._cloud.run(until=1.5)
    on = ddb.update_table(TableName="Music", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    assert on["TableDescription"]["LatestStreamLabel"] == "2026-01-01T00:00:01.500"


def test_update_table_switches_billing_mode(ddb: Any) -> None:
    """Switching to PAY_PER_REQUEST drops the provisioned units and records LastUpdateToPayPerRequestDateTime;
    switching back needs ProvisionedThroughput (message from the ack-api-quirks catalogue of AWS's texts, live probes
    2026-10). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html"""
    create_table(
        ddb, BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    )
    ddb.update_table(TableName="Music", BillingMode="PAY_PER_REQUEST")
    table = ddb.describe_table(TableName="Music")["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    assert error_of(ddb.update_table, TableName="Music", BillingMode="PROVISIONED") == (
        "ValidationException",
        "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is "
        "PROVISIONED",
    )
    ddb.update_table(
        TableName="Music",
        BillingMode="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
    )
    assert ddb.describe_table(TableName="Music")["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"] == 4


def test_index_definitions_are_checked(ddb: Any) -> None:
    """LSIs need a table sort key and the table's partition key; index names are unique (dynalite's captures:
    "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex",
    "Duplicate index name: sameIndex")."""
    _code, message = error_of(
        create_table,
        ddb,
        range_key=None,
        more_definitions=[("Year", "N")],
        LocalSecondaryIndexes=[
            {
                "IndexName": "ByYear",
                "KeySchema": [
                    {"AttributeName": "Artist", "KeyType": "HASH"},
                    {"AttributeName": "Year", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    assert message == (
        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required "
        "when specifying a LocalSecondaryIndex"
    )
    gsi = {"KeySchema": [{"AttributeName": "Year", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}
    _, message = error_of(
        create_table,
        ddb,
        more_definitions=[("Year", "N")],
        GlobalSecondaryIndexes=[{"IndexName": "sameIndex", **gsi}, {"IndexName": "sameIndex", **gsi}],
    )
    assert message == "One or more parameter values were invalid: Duplicate index name: sameIndex"
    _, message = error_of(
        create_table,
        ddb,
        more_definitions=[("Year", "N")],
        GlobalSecondaryIndexes=[
            {"IndexName": "ByYear", **gsi, "Projection": {"ProjectionType": "ALL", "NonKeyAttributes": ["x"]}}
        ],
    )
    assert (
        message == "One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"
    )
    assert ddb.list_tables()["TableNames"] == []


def test_update_table_adds_a_backfilled_global_index(ddb: Any) -> None:
    """A GSI created by UpdateTable indexes the items already in the table (DynamoDB backfills it; here at once).
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html"""
    create_table(ddb)
    ddb.put_item(TableName="Music", Item={"Artist": {"S": "A"}, "SongTitle": {"S": "B"}, "Genre": {"S": "Rock"}})
    ddb.put_item(TableName="Music", Item={"Artist": {"S": "C"}, "SongTitle": {"S": "D"}})
    ddb.update_table(
        TableName="Music",
        AttributeDefinitions=[{"AttributeName": "Genre", "AttributeType": "S"}],
        GlobalSecondaryIndexUpdates=[
            {
                "Create": {
                    "IndexName": "ByGenre",
                    "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            }
        ],
    )
    index = ddb.describe_table(TableName="Music")["Table"]["GlobalSecondaryIndexes"][0]
    assert (index["IndexName"], index["IndexStatus"], index["ItemCount"]) == ("ByGenre", "ACTIVE", 1)
    assert index["IndexArn"].endswith("table/Music/index/ByGenre")
    found = ddb.query(
        TableName="Music",
        IndexName="ByGenre",
        KeyConditionExpression="Genre = :g",
        ExpressionAttributeValues={":g": {"S": "Rock"}},
    )
    assert [item["Artist"]["S"] for item in found["Items"]] == ["A"]
    ddb.update_table(TableName="Music", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "ByGenre"}}])
    table = ddb.describe_table(TableName="Music")["Table"]
    assert "GlobalSecondaryIndexes" not in table
    assert [d["AttributeName"] for d in table["AttributeDefinitions"]] == ["Artist", "SongTitle"]


def test_update_table_refusals(ddb: Any) -> None:
    """UpdateTable with nothing to update, or with changes that must go alone, in AWS's words (the ack-api-quirks
    catalogue of DynamoDB's ValidationException texts, live probes 2026-10); the table is unchanged."""
    create_table(ddb)
    assert error_of(ddb.update_table, TableName="Music")[1] == (
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
        "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
        "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"
    )
    alone = error_of(ddb.update_table, TableName="Music", DeletionProtectionEnabled=True, BillingMode="PAY_PER_REQUEST")
    assert alone[1] == (
        "One or more parameter values were invalid: DeletionProtection modification must be the only operation in the "
        "request"
    )
    not_global = error_of(
        ddb.update_table, TableName="Music", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "Nope"}}]
    )
    assert not_global[1] == "Cannot delete an index that is not a GlobalSecondaryIndex: Nope"
    assert ddb.describe_table(TableName="Music")["Table"]["DeletionProtectionEnabled"] is False
