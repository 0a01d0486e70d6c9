"""Query and Scan: key conditions, sort order, filters, Select, paging (Limit and 1 MB), parallel scans, indexes.

Behaviour from the developer guide (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html,
Query.Pagination.html, Scan.html, GSI.html, LSI.html); error messages as dynalite's query tests and the
nubo-db/dynamodb-conformance suite recorded them against the real service.
"""

from __future__ import annotations

from typing import Any

import pytest

from .dynamodb_helpers import create_table, error_of


@pytest.fixture
def scores(ddb: Any) -> Any:
    """A table keyed by player (S) and a numeric score, with a GSI on game and an LSI on level."""
    create_table(
        ddb,
        name="Scores",
        hash_key=("player", "S"),
        range_key=("score", "N"),
        more_definitions=[("game", "S"), ("level", "S")],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "ByGame",
                "KeySchema": [
                    {"AttributeName": "game", "KeyType": "HASH"},
                    {"AttributeName": "score", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        LocalSecondaryIndexes=[
            {
                "IndexName": "ByLevel",
                "KeySchema": [
                    {"AttributeName": "player", "KeyType": "HASH"},
                    {"AttributeName": "level", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]},
            }
        ],
    )
    for score in (10, 2, -5, 100, 33):
        item = {"player": {"S": "ann"}, "score": {"N": str(score)}, "note": {"S": f"n{score}"}, "other": {"S": "x"}}
        if score != 33:
            item["game"] = {"S": "chess" if score % 2 == 0 else "go"}
            item["level"] = {"S": f"L{abs(score):03d}"}
        ddb.put_item(TableName="Scores", Item=item)
    ddb.put_item(TableName="Scores", Item={"player": {"S": "bob"}, "score": {"N": "7"}, "game": {"S": "go"}})
    return ddb


def q(ddb: Any, condition: str, values: dict[str, Any], **params: Any) -> dict[str, Any]:
    result: dict[str, Any] = ddb.query(
        TableName="Scores", KeyConditionExpression=condition, ExpressionAttributeValues=values, **params
    )
    return result


def numbers(result: dict[str, Any], name: str = "score") -> list[int]:
    return [int(item[name]["N"]) for item in result["Items"]]


ANN = {":p": {"S": "ann"}}


def test_query_orders_numbers_numerically(scores: Any) -> None:
    """ "Query results are always sorted by the sort key value. If the data type of the sort key is Number, the
    results are returned in numeric order"; ScanIndexForward=False reverses it.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html"""
    assert numbers(q(scores, "player = :p", ANN)) == [-5, 2, 10, 33, 100]
    assert numbers(q(scores, "player = :p", ANN, ScanIndexForward=False)) == [100, 33, 10, 2, -5]


@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("score = :a", {":a": {"N": "10"}}, [10]),
        ("score < :a", {":a": {"N": "10"}}, [-5, 2]),
        ("score <= :a", {":a": {"N": "10"}}, [-5, 2, 10]),
        ("score > :a", {":a": {"N": "10"}}, [33, 100]),
        ("score >= :a", {":a": {"N": "10"}}, [10, 33, 100]),
        ("score BETWEEN :a AND :b", {":a": {"N": "2"}, ":b": {"N": "33"}}, [2, 10, 33]),
        (":a <= score", {":a": {"N": "33"}}, [33, 100]),
    ],
)
def test_sort_key_conditions(scores: Any, condition: str, values: dict[str, Any], expected: list[int]) -> None:
    """=, <, <=, >, >=, BETWEEN (inclusive), and a value on the left of the comparison (conformance suite,
    keyConditionSemantics: ":lo <= #sk")."""
    assert numbers(q(scores, f"player = :p AND {condition}", {**ANN, **values})) == expected


def test_begins_with_and_string_byte_order(ddb: Any) -> None:
    """Strings sort by their UTF-8 bytes ("Z" before "a", "é" after "z"); begins_with selects a prefix.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html"""
    create_table(ddb, name="Words", hash_key=("k", "S"), range_key=("w", "S"))
    for word in ("apple", "Zebra", "app", "été", "apricot", "b"):
        ddb.put_item(TableName="Words", Item={"k": {"S": "x"}, "w": {"S": word}})
    everything = ddb.query(
        TableName="Words", KeyConditionExpression="k = :k", ExpressionAttributeValues={":k": {"S": "x"}}
    )
    assert [i["w"]["S"] for i in everything["Items"]] == ["Zebra", "app", "apple", "apricot", "b", "été"]
    prefixed = ddb.query(
        TableName="Words",
        KeyConditionExpression="k = :k AND begins_with(w, :p)",
        ExpressionAttributeValues={":k": {"S": "x"}, ":p": {"S": "app"}},
        ScanIndexForward=False,
    )
    assert [i["w"]["S"] for i in prefixed["Items"]] == ["apple", "app"]


def test_binary_sort_keys_order_as_unsigned_bytes(ddb: Any) -> None:
    """ "DynamoDB treats each byte of the binary data as unsigned."""
    create_table(ddb, name="Blobs", hash_key=("k", "S"), range_key=("b", "B"))
    for blob in (b"\xff", b"\x00\x01", b"\x7f", b"\x00"):
        ddb.put_item(TableName="Blobs", Item={"k": {"S": "x"}, "b": {"B": blob}})
    found = ddb.query(TableName="Blobs", KeyConditionExpression="k = :k", ExpressionAttributeValues={":k": {"S": "x"}})
    assert [i["b"]["B"] for i in found["Items"]] == [b"\x00", b"\x00\x01", b"\x7f", b"\xff"]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("score = :a", "Query condition missed key schema element: player"),
        ("player < :p", "Query key condition not supported"),
        ("player = :p OR score = :a", "Invalid operator used in KeyConditionExpression: OR"),
        ("player = :p AND score <> :a", "Invalid operator used in KeyConditionExpression: <>"),
        (
            "player = :p AND attribute_exists(score)",
            "Invalid operator used in KeyConditionExpression: attribute_exists",
        ),
        ("player = :p AND score > :a AND score < :a", "Conditions can be of length 1 or 2 only"),
        ("player = :p AND player = :p", "KeyConditionExpressions must only contain one condition per key"),
        ("player = :p AND score.x = :a", "KeyConditionExpressions cannot have conditions on nested attributes"),
        ("player = :p AND note = :a", "Query key condition not supported"),
        (
            "player = :a",
            "One or more parameter values were invalid: Condition parameter type does not match schema type",
        ),
    ],
)
def test_key_condition_errors(scores: Any, condition: str, message: str) -> None:
    """Key condition refusals in DynamoDB's words (dynalite test/query.js; conformance tier3 query)."""
    values = {name: value for name, value in {**ANN, ":a": {"N": "1"}}.items() if name in condition}
    assert error_of(q, scores, condition, values) == ("ValidationException", message)


def test_query_without_key_condition_and_empty_one(scores: Any) -> None:
    """ "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request." and
    "Invalid KeyConditionExpression: The expression can not be empty;" (conformance tier3 query)."""
    assert error_of(scores.query, TableName="Scores")[1] == (
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
    )
    assert error_of(scores.query, TableName="Scores", KeyConditionExpression="")[1] == (
        "Invalid KeyConditionExpression: The expression can not be empty;"
    )


def test_filter_counts_and_key_attributes(scores: Any) -> None:
    """A filter applies after the read: ScannedCount counts what was read, Count what matched; a Query's filter
    cannot use the key ("Filter Expression can only contain non-primary key attributes: Primary key attribute:
    score"). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html"""
    result = q(scores, "player = :p", {**ANN, ":g": {"S": "chess"}}, FilterExpression="game = :g")
    assert numbers(result) == [2, 10, 100] and (result["Count"], result["ScannedCount"]) == (3, 5)
    assert error_of(q, scores, "player = :p", {**ANN, ":s": {"N": "1"}}, FilterExpression="score > :s")[1] == (
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: score"
    )
    counted = q(scores, "player = :p", ANN, Select="COUNT")
    assert "Items" not in counted and counted["Count"] == 5


def test_limit_pages_and_last_evaluated_key(scores: Any) -> None:
    """Limit is "the maximum number of items to evaluate"; LastEvaluatedKey resumes after the last item read and
    is given whenever a page stopped at the limit, even when nothing is left ("If LastEvaluatedKey is not empty, it
    does not necessarily mean that there is more data"). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html"""
    first = q(scores, "player = :p", ANN, Limit=2)
    assert numbers(first) == [-5, 2]
    assert first["LastEvaluatedKey"] == {"player": {"S": "ann"}, "score": {"N": "2"}}
    second = q(scores, "player = :p", ANN, Limit=3, ExclusiveStartKey=first["LastEvaluatedKey"])
    assert numbers(second) == [10, 33, 100] and "LastEvaluatedKey" in second
    assert q(scores, "player = :p", ANN, ExclusiveStartKey=second["LastEvaluatedKey"])["Items"] == []
    filtered = q(scores, "player = :p", {**ANN, ":n": {"S": "n100"}}, Limit=2, FilterExpression="note = :n")
    assert filtered["Items"] == [] and "LastEvaluatedKey" in filtered
    pages = scores.get_paginator("query").paginate(
        TableName="Scores",
        KeyConditionExpression="player = :p",
        ExpressionAttributeValues=ANN,
        PaginationConfig={"PageSize": 2},
    )
    assert [n for page in pages for n in numbers(page)] == [-5, 2, 10, 33, 100]


def test_a_page_stops_after_one_megabyte(ddb: Any) -> None:
    """ "A single Query operation can retrieve a maximum of 1 MB of data"; the next page starts where it stopped.
    Each item here is 100,014 bytes (k + x, n + a number, d + 100,008 characters), so a page holds 11 of them
    (the eleventh crosses 1 MB)."""
    create_table(ddb, name="Big", hash_key=("k", "S"), range_key=("n", "N"))
    for n in range(25):
        ddb.put_item(TableName="Big", Item={"k": {"S": "x"}, "n": {"N": str(n)}, "d": {"S": "z" * 100_008}})
    seen, start, pages = [], None, 0
    while True:
        params: dict[str, Any] = {"ExclusiveStartKey": start} if start else {}
        page = ddb.query(
            TableName="Big", KeyConditionExpression="k = :k", ExpressionAttributeValues={":k": {"S": "x"}}, **params
        )
        pages += 1
        seen += [int(i["n"]["N"]) for i in page["Items"]]
        start = page.get("LastEvaluatedKey")
        if start is None:
            break
    assert seen == list(range(25)) and pages == 3


def test_select_and_projection_rules(scores: Any) -> None:
    """Select checks (conformance tier1 query select): a ProjectionExpression only with SPECIFIC_ATTRIBUTES,
    ALL_PROJECTED_ATTRIBUTES only on an index."""
    assert error_of(q, scores, "player = :p", ANN, Select="ALL_ATTRIBUTES", ProjectionExpression="note")[1] == (
        "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"
    )
    assert error_of(q, scores, "player = :p", ANN, Select="ALL_PROJECTED_ATTRIBUTES")[1] == (
        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
    )
    projected = q(scores, "player = :p", ANN, ProjectionExpression="note", Limit=1)
    assert projected["Items"] == [{"note": {"S": "n-5"}}]


def test_global_index_is_sparse_and_projects_keys(scores: Any) -> None:
    """A GSI holds only items with its key attributes (a sparse index); KEYS_ONLY projects the table and index
    keys; Select ALL_ATTRIBUTES on it is refused; it is never strongly consistent ("Consistent reads are not
    supported on global secondary indexes"). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html"""
    found = scores.query(
        TableName="Scores",
        IndexName="ByGame",
        KeyConditionExpression="game = :g",
        ExpressionAttributeValues={":g": {"S": "go"}},
    )
    assert found["Items"] == [
        {"game": {"S": "go"}, "score": {"N": "-5"}, "player": {"S": "ann"}},
        {"game": {"S": "go"}, "score": {"N": "7"}, "player": {"S": "bob"}},
    ]
    assert scores.describe_table(TableName="Scores")["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"] == 5
    index_query = {"TableName": "Scores", "IndexName": "ByGame", "KeyConditionExpression": "game = :g",
                   "ExpressionAttributeValues": {":g": {"S": "go"}}}  # fmt: skip
    assert error_of(scores.query, **index_query, ConsistentRead=True)[1] == (
        "Consistent reads are not supported on global secondary indexes"
    )
    assert error_of(scores.query, **index_query, Select="ALL_ATTRIBUTES")[1] == (
        "Select type ALL_ATTRIBUTES is not supported for global secondary index ByGame because its projection type is "
        "not ALL"
    )
    assert error_of(scores.query, **{**index_query, "IndexName": "Nope"})[1] == (
        "The table does not have the specified index: Nope"
    )
    first = scores.query(**index_query, Limit=1)
    assert first["LastEvaluatedKey"] == {"game": {"S": "go"}, "score": {"N": "-5"}, "player": {"S": "ann"}}
    rest = scores.query(**index_query, ExclusiveStartKey=first["LastEvaluatedKey"])
    assert [i["player"]["S"] for i in rest["Items"]] == ["bob"]


def test_index_follows_updates_and_deletes(scores: Any) -> None:
    """An item moves in the index when its index key changes, and leaves it when deleted or when the key attribute
    is removed."""
    key = {"player": {"S": "ann"}, "score": {"N": "10"}}
    scores.update_item(
        TableName="Scores", Key=key, UpdateExpression="SET game = :g", ExpressionAttributeValues={":g": {"S": "go"}}
    )
    go = {"TableName": "Scores", "IndexName": "ByGame", "KeyConditionExpression": "game = :g"}
    result = scores.query(**go, ExpressionAttributeValues={":g": {"S": "go"}})
    assert numbers(result) == [-5, 7, 10]
    scores.update_item(TableName="Scores", Key=key, UpdateExpression="REMOVE game")
    scores.delete_item(TableName="Scores", Key={"player": {"S": "bob"}, "score": {"N": "7"}})
    assert numbers(scores.query(**go, ExpressionAttributeValues={":g": {"S": "go"}})) == [-5]


def test_index_key_types_are_enforced(scores: Any) -> None:
    """ "One or more parameter values were invalid: Type mismatch for Index Key game Expected: S Actual: N
    IndexName: ByGame" (conformance tier3 batchWriteItem); nothing is written."""
    _code, message = error_of(
        scores.put_item, TableName="Scores", Item={"player": {"S": "cat"}, "score": {"N": "1"}, "game": {"N": "5"}}
    )
    assert message == (
        "One or more parameter values were invalid: Type mismatch for Index Key game Expected: S Actual: N IndexName: "
        "ByGame"
    )
    assert q(scores, "player = :p", {":p": {"S": "cat"}})["Count"] == 0


def test_local_index_orders_by_its_sort_key_and_fetches_from_the_table(scores: Any) -> None:
    """An LSI shares the partition key and sorts by its own sort key; asking it for ALL_ATTRIBUTES fetches the rest
    from the table. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html"""
    by_level = scores.query(
        TableName="Scores", IndexName="ByLevel", KeyConditionExpression="player = :p", ExpressionAttributeValues=ANN
    )
    assert [i["level"]["S"] for i in by_level["Items"]] == ["L002", "L005", "L010", "L100"]
    assert set(by_level["Items"][0]) == {"player", "score", "level", "note"}
    everything = scores.query(
        TableName="Scores",
        IndexName="ByLevel",
        KeyConditionExpression="player = :p",
        ExpressionAttributeValues=ANN,
        Select="ALL_ATTRIBUTES",
    )
    assert everything["Items"][0]["other"] == {"S": "x"}


def test_scan_reads_everything_in_a_stable_order(scores: Any) -> None:
    """Scan returns every item; its order is stable (a pocketcloud model of DynamoDB's partition-key hash order)
    and the same for every run."""
    first = scores.scan(TableName="Scores")
    assert first["Count"] == 6
    assert first == {**scores.scan(TableName="Scores"), "ResponseMetadata": first["ResponseMetadata"]}
    pages = list(scores.get_paginator("scan").paginate(TableName="Scores", PaginationConfig={"PageSize": 4}))
    assert [i for p in pages for i in p["Items"]] == first["Items"]


def test_parallel_scan_segments_cover_every_item_once(ddb: Any) -> None:
    """ "Each worker ... scans a separate segment"; together the segments return every item exactly once.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan"""
    create_table(ddb, name="Many", hash_key=("k", "N"), range_key=None)
    for n in range(200):
        ddb.put_item(TableName="Many", Item={"k": {"N": str(n)}})
    seen: list[int] = []
    for segment in range(4):
        part = ddb.scan(TableName="Many", Segment=segment, TotalSegments=4)
        assert 0 < part["Count"] < 200
        seen += [int(i["k"]["N"]) for i in part["Items"]]
    assert sorted(seen) == list(range(200))
    assert error_of(ddb.scan, TableName="Many", Segment=5, TotalSegments=5)[1] == (
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less "
        "than TotalSegments: 5"
    )


def test_scan_filter_and_consumed_capacity(scores: Any) -> None:
    """A Scan's filter keeps what matches; ConsumedCapacity counts every item read, rounded up to 4 KB (eventually
    consistent: half a unit). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html"""
    result = scores.scan(
        TableName="Scores",
        FilterExpression="begins_with(note, :n)",
        ExpressionAttributeValues={":n": {"S": "n1"}},
        ReturnConsumedCapacity="TOTAL",
    )
    assert sorted(numbers(result)) == [10, 100] and result["ScannedCount"] == 6
    assert result["ConsumedCapacity"] == {"TableName": "Scores", "CapacityUnits": 0.5}
