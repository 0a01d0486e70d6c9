"""BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems.

Behaviour from the API reference (API_BatchWriteItem.html, API_BatchGetItem.html, API_TransactWriteItems.html);
messages and the split between cancellation reasons and outright refusals as the nubo-db/dynamodb-conformance
suite captured them against real DynamoDB (tests/tier3/error-messages/batch*.test.ts, transactWriteItems.test.ts).
"""

from __future__ import annotations

from typing import Any

import pytest

from .dynamodb_helpers import create_table, error_of


@pytest.fixture
def users(ddb: Any) -> Any:
    create_table(ddb, name="Users", hash_key=("id", "S"), range_key=None)
    create_table(ddb, name="Orders", hash_key=("id", "S"), range_key=None)
    return ddb


def key(value: str) -> dict[str, Any]:
    return {"id": {"S": value}}


def put(table: str, value: str, **attributes: Any) -> dict[str, Any]:
    return {"Put": {"TableName": table, "Item": {**key(value), **attributes}}}


def test_batch_write_puts_and_deletes_across_tables(users: Any) -> None:
    """Puts and deletes in several tables in one call; UnprocessedItems is empty (pocketcloud never throttles)."""
    users.put_item(TableName="Users", Item=key("old"))
    result = users.batch_write_item(
        RequestItems={
            "Users": [{"PutRequest": {"Item": key("a")}}, {"DeleteRequest": {"Key": key("old")}}],
            "Orders": [{"PutRequest": {"Item": {**key("o1"), "total": {"N": "5"}}}}],
        }
    )
    assert result["UnprocessedItems"] == {}
    assert [i["id"]["S"] for i in users.scan(TableName="Users")["Items"]] == ["a"]
    assert users.get_item(TableName="Orders", Key=key("o1"))["Item"]["total"] == {"N": "5"}


def test_batch_write_refusals_write_nothing(users: Any) -> None:
    """Duplicate keys ("Provided list of item keys contains duplicates"), a key not matching the schema ("The
    provided key element does not match the schema"), more than 25 requests, an empty request, a missing table:
    each refuses the whole batch before anything is written (conformance tier3 batchWriteItem)."""
    duplicate = [{"PutRequest": {"Item": key("d")}}, {"DeleteRequest": {"Key": key("d")}}]
    assert error_of(users.batch_write_item, RequestItems={"Users": duplicate}) == (
        "ValidationException",
        "Provided list of item keys contains duplicates",
    )
    wrong_type = [{"PutRequest": {"Item": key("fine")}}, {"PutRequest": {"Item": {"id": {"N": "5"}}}}]
    assert error_of(users.batch_write_item, RequestItems={"Users": wrong_type})[1] == (
        "The provided key element does not match the schema"
    )
    many = {"Users": [{"PutRequest": {"Item": key(str(n))}} for n in range(13)],
            "Orders": [{"PutRequest": {"Item": key(str(n))}} for n in range(13)]}  # fmt: skip
    assert (
        error_of(users.batch_write_item, RequestItems=many)[1] == "Too many items requested for the BatchWriteItem call"
    )
    assert (
        error_of(users.batch_write_item, RequestItems={})[1]
        == "The requestItems parameter is required for BatchWriteItem"
    )
    assert error_of(users.batch_write_item, RequestItems={"Nope": [{"PutRequest": {"Item": key("x")}}]}) == (
        "ResourceNotFoundException",
        "Requested resource not found",
    )
    assert users.scan(TableName="Users")["Count"] == 0


def test_batch_get_returns_found_items(users: Any) -> None:
    """BatchGetItem returns the items that exist, per table, with each table's projection."""
    for name in ("a", "b"):
        users.put_item(TableName="Users", Item={**key(name), "n": {"S": name.upper()}})
    result = users.batch_get_item(
        RequestItems={"Users": {"Keys": [key("a"), key("missing"), key("b")], "ProjectionExpression": "n"}}
    )
    assert result["Responses"] == {"Users": [{"n": {"S": "A"}}, {"n": {"S": "B"}}]}
    assert result["UnprocessedKeys"] == {}
    assert error_of(users.batch_get_item, RequestItems={"Users": {"Keys": [key("a"), key("a")]}})[1] == (
        "Provided list of item keys contains duplicates"
    )


def test_batch_get_returns_unprocessed_keys_beyond_16_mb(users: Any) -> None:
    """ "A single operation can retrieve up to 16 MB of data ... BatchGetItem returns a partial result if the
    response size limit is exceeded"; the rest comes back in UnprocessedKeys, with the table's other parameters."""
    big = "x" * 399_000
    for n in range(45):
        users.put_item(TableName="Users", Item={**key(f"{n:02d}"), "d": {"S": big}})
    keys = [key(f"{n:02d}") for n in range(45)]
    first = users.batch_get_item(RequestItems={"Users": {"Keys": keys, "ConsistentRead": True}})
    got = len(first["Responses"]["Users"])
    assert got == 42
    assert first["UnprocessedKeys"] == {"Users": {"Keys": keys[42:], "ConsistentRead": True}}
    second = users.batch_get_item(RequestItems=first["UnprocessedKeys"])
    assert len(second["Responses"]["Users"]) == 3 and second["UnprocessedKeys"] == {}


def test_transaction_commits_all_actions(users: Any) -> None:
    """Put, Update, Delete and ConditionCheck succeed together.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html"""
    users.put_item(TableName="Users", Item={**key("ann"), "credit": {"N": "10"}})
    users.put_item(TableName="Orders", Item=key("stale"))
    users.put_item(TableName="Users", Item=key("bob"))
    users.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": "Users",
                    "Key": key("ann"),
                    "UpdateExpression": "SET credit = credit - :c",
                    "ConditionExpression": "credit >= :c",
                    "ExpressionAttributeValues": {":c": {"N": "3"}},
                }
            },
            put("Orders", "o1", owner={"S": "ann"}),
            {"Delete": {"TableName": "Orders", "Key": key("stale")}},
            {
                "ConditionCheck": {
                    "TableName": "Users",
                    "Key": key("bob"),
                    "ConditionExpression": "attribute_exists(id)",
                }
            },
        ]
    )
    assert users.get_item(TableName="Users", Key=key("ann"))["Item"]["credit"] == {"N": "7"}
    assert [i["id"]["S"] for i in users.scan(TableName="Orders")["Items"]] == ["o1"]


def test_cancelled_transaction_changes_nothing_and_gives_reasons(users: Any) -> None:
    """One failed condition cancels every action; the reasons are positional, "None" for the actions that would
    have succeeded: "Transaction cancelled, please refer cancellation reasons for specific reasons [None,
    ConditionalCheckFailed]" (conformance tier3 transactWriteItems)."""
    users.put_item(TableName="Users", Item={**key("taken"), "v": {"S": "1"}})
    guarded = put("Users", "taken")
    guarded["Put"].update(ConditionExpression="attribute_not_exists(id)", ReturnValuesOnConditionCheckFailure="ALL_OLD")
    with pytest.raises(users.exceptions.TransactionCanceledException) as caught:
        users.transact_write_items(TransactItems=[put("Users", "fresh"), guarded])
    error = caught.value.response
    assert error["Error"]["Message"] == (
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"
    )
    assert error["CancellationReasons"] == [
        {"Code": "None"},
        {
            "Code": "ConditionalCheckFailed",
            "Message": "The conditional request failed",
            "Item": {**key("taken"), "v": {"S": "1"}},
        },
    ]
    assert [i["id"]["S"] for i in users.scan(TableName="Users")["Items"]] == ["taken"]


def test_transaction_validation(users: Any) -> None:
    """Two actions on one item: "Transaction request cannot include multiple operations on one item"; a key of the
    wrong type is a ValidationError reason; an empty key refuses the request (conformance tier3)."""
    assert error_of(users.transact_write_items, TransactItems=[put("Users", "x"), put("Users", "x")]) == (
        "ValidationException",
        "Transaction request cannot include multiple operations on one item",
    )
    with pytest.raises(users.exceptions.TransactionCanceledException) as caught:
        users.transact_write_items(TransactItems=[{"Put": {"TableName": "Users", "Item": {"id": {"N": "5"}}}}])
    assert caught.value.response["CancellationReasons"] == [
        {
            "Code": "ValidationError",
            "Message": "One or more parameter values were invalid: Type mismatch for key id expected: S actual: N",
        }
    ]
    assert error_of(users.transact_write_items, TransactItems=[put("Users", "")]) == (
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
        "string value. Key: id",
    )
    assert error_of(users.transact_write_items, TransactItems=[put("Nope", "x")]) == (
        "ResourceNotFoundException",
        "Requested resource not found",
    )
    assert users.scan(TableName="Users")["Count"] == 0


def test_client_request_token_makes_a_transaction_idempotent(users: Any) -> None:
    """The same request with the same ClientRequestToken within 10 minutes does not write again; a different
    request with that token is IdempotentParameterMismatchException; after 10 minutes the token is free.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html"""
    increment = [
        {
            "Update": {
                "TableName": "Users",
                "Key": key("c"),
                "UpdateExpression": "ADD n :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
            }
        }
    ]
    users.transact_write_items(TransactItems=increment, ClientRequestToken="tok")
    users.transact_write_items(TransactItems=increment, ClientRequestToken="tok")
    assert users.get_item(TableName="Users", Key=key("c"))["Item"]["n"] == {"N": "1"}
    assert error_of(users.transact_write_items, TransactItems=[put("Users", "z")], ClientRequestToken="tok")[0] == (
        "IdempotentParameterMismatchException"
    )
    users._cloud.run(until=601)
    users.transact_write_items(TransactItems=increment, ClientRequestToken="tok")
    assert users.get_item(TableName="Users", Key=key("c"))["Item"]["n"] == {"N": "2"}


def test_transact_get_items(users: Any) -> None:
    """TransactGetItems returns one response per Get, in order, empty for a missing item."""
    users.put_item(TableName="Users", Item={**key("a"), "v": {"S": "1"}})
    result = users.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": "Users", "Key": key("a"), "ProjectionExpression": "v"}},
            {"Get": {"TableName": "Orders", "Key": key("none")}},
        ],
        ReturnConsumedCapacity="TOTAL",
    )
    assert result["Responses"] == [{"Item": {"v": {"S": "1"}}}, {}]
    assert result["ConsumedCapacity"][0] == {"TableName": "Users", "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}


def test_batch_size_limits_in_dynamodbs_words(users: Any) -> None:
    """More than 100 keys for one table, or more than 25 requests: DynamoDB's messages (conformance tier3
    batchGetItem: "Value at 'RequestItems.<table>.member.Keys' ..."; batchWriteItem: "... at 'requestItems' failed
    to satisfy constraint: Map value must satisfy constraint: [...]")."""
    keys = [key(str(n)) for n in range(101)]
    assert error_of(users.batch_get_item, RequestItems={"Users": {"Keys": keys}})[1] == (
        "1 validation error detected: Value at 'RequestItems.Users.member.Keys' failed to satisfy constraint: Member "
        "must have length less than or equal to 100"
    )
    writes = [{"PutRequest": {"Item": key(str(n))}} for n in range(26)]
    message = error_of(users.batch_write_item, RequestItems={"Users": writes})[1]
    assert message.startswith("1 validation error detected: Value '{Users=[")
    assert message.endswith(
        "' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length "
        "less than or equal to 25, Member must have length greater than or equal to 1]"
    )
    assert users.scan(TableName="Users")["Count"] == 0
