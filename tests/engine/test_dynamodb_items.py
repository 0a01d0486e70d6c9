"""DynamoDB items: typed attribute values, numbers, keys, sizes, conditions and ReturnValues.

Messages are real DynamoDB's as captured by the nubo-db/dynamodb-conformance suite (tests/tier3/error-messages,
tests/tier3/limits) and dynalite's tests against the service; behaviour from the API reference
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html) and the data-type rules
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
"""

from __future__ import annotations

from typing import Any

import pytest

from .dynamodb_helpers import create_table, error_of

KEY = {"Artist": {"S": "No One You Know"}, "SongTitle": {"S": "Call Me Today"}}


@pytest.fixture
def music(ddb: Any) -> Any:
    create_table(ddb)
    return ddb


def put(ddb: Any, **attributes: Any) -> dict[str, Any]:
    result: dict[str, Any] = ddb.put_item(TableName="Music", Item={**KEY, **attributes})
    return result


def get(ddb: Any, **params: Any) -> dict[str, Any] | None:
    item: dict[str, Any] | None = ddb.get_item(TableName="Music", Key=KEY, **params).get("Item")
    return item


def test_every_type_round_trips(music: Any) -> None:
    """S, N, B, BOOL, NULL, M, L, SS, NS and BS come back as stored, binary as bytes (boto3's low-level shape).
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html"""
    attributes = {
        "s": {"S": "text"},
        "n": {"N": "42"},
        "b": {"B": b"\x00\xff"},
        "t": {"BOOL": True},
        "z": {"NULL": True},
        "m": {"M": {"inner": {"L": [{"N": "1"}, {"S": "two"}]}}},
        "ss": {"SS": ["a", "b"]},
        "ns": {"NS": ["1", "2.5"]},
        "bs": {"BS": [b"x", b"y"]},
    }
    put(music, **attributes)
    assert get(music) == {**KEY, **attributes}


def test_a_string_blob_is_sent_as_utf8_bytes(music: Any) -> None:
    """boto3 accepts str for a blob and sends its UTF-8 bytes; the item holds bytes."""
    put(music, b={"B": "héllo"})
    assert get(music)["b"] == {"B": "héllo".encode()}  # type: ignore[index]


@pytest.mark.parametrize(
    ("given", "stored"),
    [("00042", "42"), ("1.50", "1.5"), ("1.5E2", "150"), ("-0", "0"), ("3.1400", "3.14"), ("1E-3", "0.001")],
)
def test_numbers_come_back_canonical(music: Any, given: str, stored: str) -> None:
    """ "Leading and trailing zeroes are trimmed"; DynamoDB returns 1.5E2 as "150" and -0 as "0" (conformance
    suite, tests/tier3/limits/numberPrecision.test.ts)."""
    put(music, n={"N": given})
    assert get(music)["n"] == {"N": stored}  # type: ignore[index]


def test_38_digits_are_kept_exactly(music: Any) -> None:
    """ "Numbers can have up to 38 digits of precision"; a float would lose them, a decimal does not."""
    digits = "12345678901234567890123456789012345678"
    put(music, n={"N": digits}, big={"N": "9.9999999999999999999999999999999999999E+125"}, tiny={"N": "1E-130"})
    item = get(music)
    assert item["n"] == {"N": digits}  # type: ignore[index]
    assert item["big"]["N"] == "99999999999999999999999999999999999999" + "0" * 88  # type: ignore[index]
    assert item["tiny"]["N"] == "0." + "0" * 129 + "1"  # type: ignore[index]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"N": "abc"}, "The parameter cannot be converted to a numeric value: abc"),
        ({"N": ""}, "The parameter cannot be converted to a numeric value"),
        (
            {"N": "123456789012345678901234567890123456789"},
            "Attempting to store more than 38 significant digits in a Number",
        ),
        ({"N": "1E+126"}, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
        ({"N": "1E-131"}, "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
        ({"SS": []}, "One or more parameter values were invalid: An string set  may not be empty"),
        ({"NS": []}, "One or more parameter values were invalid: An number set  may not be empty"),
        ({"BS": []}, "One or more parameter values were invalid: Binary sets should not be empty"),
        ({"SS": ["a", "a"]}, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
        ({"NS": ["1", "1.0"]}, "Input collection contains duplicates"),
        ({}, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        (
            {"S": "a", "N": "1"},
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
            "datatypes",
        ),
    ],
)
def test_invalid_values_are_refused_and_nothing_is_stored(music: Any, value: dict[str, Any], message: str) -> None:
    """Each refused value gives DynamoDB's ValidationException message (dynalite's and the conformance suite's
    captures; DynamoDB's own double space in "An string set  may not be empty") and stores nothing."""
    assert error_of(put, music, bad=value) == ("ValidationException", message)
    assert get(music) is None


def test_null_false_is_stored_as_null_true(music: Any) -> None:
    """ "NULL attr with false is accepted and normalises to NULL true" (conformance capture, 2026-06-08)."""
    put(music, z={"NULL": False})
    assert get(music)["z"] == {"NULL": True}  # type: ignore[index]


def test_nesting_deeper_than_32_levels_is_refused(music: Any) -> None:
    """ "DynamoDB supports nested attributes up to 32 levels deep."
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html"""
    value: dict[str, Any] = {"S": "leaf"}
    for _ in range(32):
        value = {"L": [value]}
    put(music, deep=value)
    code, message = error_of(put, music, deep={"L": [value]})
    assert (code, message) == ("ValidationException", "Nesting Levels have exceeded supported limits")


def test_key_errors(music: Any) -> None:
    """A PutItem item needs its key attributes with the schema's types; a Key parameter must name exactly the key
    ("The provided key element does not match the schema"); key values cannot be empty (conformance suite)."""
    assert error_of(music.put_item, TableName="Music", Item={"Artist": {"S": "a"}}) == (
        "ValidationException",
        "One or more parameter values were invalid: Missing the key SongTitle in the item",
    )
    assert error_of(music.put_item, TableName="Music", Item={"Artist": {"N": "1"}, "SongTitle": {"S": "x"}}) == (
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for key Artist expected: S actual: N",
    )
    assert error_of(music.get_item, TableName="Music", Key={"Artist": {"S": "a"}}) == (
        "ValidationException",
        "The provided key element does not match the schema",
    )
    assert error_of(music.get_item, TableName="Music", Key={**KEY, "extra": {"S": "x"}})[1] == (
        "The provided key element does not match the schema"
    )
    assert error_of(music.put_item, TableName="Music", Item={"Artist": {"S": ""}, "SongTitle": {"S": "x"}}) == (
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
        "string value. Key: Artist",
    )
    assert music.scan(TableName="Music")["Count"] == 0


def test_key_size_limits(music: Any) -> None:
    """Partition key at most 2048 bytes, sort key at most 1024 bytes (Constraints page); DynamoDB's message has no
    space in "of2048" (moto's note on the real message)."""
    put_key = {"Artist": {"S": "a" * 2049}, "SongTitle": {"S": "x"}}
    assert error_of(music.put_item, TableName="Music", Item=put_key)[1] == (
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
    )
    assert error_of(music.put_item, TableName="Music", Item={"Artist": {"S": "a"}, "SongTitle": {"S": "x" * 1025}})[
        1
    ] == (
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of "
        "1024 bytes"
    )
    music.put_item(TableName="Music", Item={"Artist": {"S": "a" * 2048}, "SongTitle": {"S": "x" * 1024}})


def test_items_over_400_kb_are_refused(music: Any) -> None:
    """ "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary length (UTF-8
    length) and attribute value lengths" (Constraints page). The key takes 6+15+9+13 = 43 bytes, the name "d" 1."""
    room = 400 * 1024 - 43 - 1
    put(music, d={"S": "x" * room})
    code, message = error_of(put, music, d={"S": "y" * (room + 1)})
    assert (code, message) == ("ValidationException", "Item size has exceeded the maximum allowed size")
    assert get(music)["d"]["S"][0] == "x"  # type: ignore[index]
    code, message = error_of(
        music.update_item,
        TableName="Music",
        Key=KEY,
        UpdateExpression="SET e = :v",
        ExpressionAttributeValues={":v": {"S": "z"}},
    )
    assert message == "Item size to update has exceeded the maximum allowed size"


def test_put_replaces_and_returns_the_old_item(music: Any) -> None:
    """PutItem replaces the whole item; ReturnValues ALL_OLD returns what it replaced; other values are refused
    ("ReturnValues can only be ALL_OLD or NONE"). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html"""
    assert "Attributes" not in put(music, a={"S": "1"})
    old = music.put_item(TableName="Music", Item={**KEY, "b": {"S": "2"}}, ReturnValues="ALL_OLD")
    assert old["Attributes"] == {**KEY, "a": {"S": "1"}}
    assert get(music) == {**KEY, "b": {"S": "2"}}
    assert error_of(music.put_item, TableName="Music", Item=KEY, ReturnValues="ALL_NEW")[1] == (
        "ReturnValues can only be ALL_OLD or NONE"
    )


def test_condition_failure_changes_nothing_and_can_return_the_item(music: Any) -> None:
    """A failed ConditionExpression is ConditionalCheckFailedException "The conditional request failed"; with
    ReturnValuesOnConditionCheckFailure ALL_OLD the error carries the item (conformance suite, conditionalCheck)."""
    put(music, plays={"N": "1"})
    code, message = error_of(
        music.put_item,
        TableName="Music",
        Item={**KEY, "plays": {"N": "9"}},
        ConditionExpression="attribute_not_exists(Artist)",
    )
    assert (code, message) == ("ConditionalCheckFailedException", "The conditional request failed")
    with pytest.raises(music.exceptions.ConditionalCheckFailedException) as caught:
        music.delete_item(
            TableName="Music",
            Key=KEY,
            ConditionExpression="plays > :n",
            ExpressionAttributeValues={":n": {"N": "5"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert caught.value.response["Item"] == {**KEY, "plays": {"N": "1"}}
    assert get(music) == {**KEY, "plays": {"N": "1"}}


def test_get_item_projection_and_consumed_capacity(music: Any) -> None:
    """ProjectionExpression selects attributes (nested paths keep their structure); ReturnConsumedCapacity TOTAL
    reports CapacityUnits: one unit per 4 KB for a strongly consistent read, half that eventually consistent.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html"""
    put(
        music,
        info={"M": {"year": {"N": "2020"}, "label": {"S": "x"}}},
        tags={"L": [{"S": "a"}, {"S": "b"}, {"S": "c"}]},
    )
    item = get(music, ProjectionExpression="info.#y, tags[2]", ExpressionAttributeNames={"#y": "year"})
    assert item == {"info": {"M": {"year": {"N": "2020"}}}, "tags": {"L": [{"S": "c"}]}}
    assert music.get_item(TableName="Music", Key=KEY, ReturnConsumedCapacity="TOTAL")["ConsumedCapacity"] == {
        "TableName": "Music",
        "CapacityUnits": 0.5,
    }
    consistent = music.get_item(TableName="Music", Key=KEY, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
    assert consistent["ConsumedCapacity"]["CapacityUnits"] == 1.0
    written = music.put_item(TableName="Music", Item={**KEY, "d": {"S": "x" * 2000}}, ReturnConsumedCapacity="INDEXES")
    assert written["ConsumedCapacity"] == {"TableName": "Music", "CapacityUnits": 2.0, "Table": {"CapacityUnits": 2.0}}


def test_delete_item_returns_old_and_ignores_missing(music: Any) -> None:
    """DeleteItem of a missing item succeeds; ALL_OLD returns the deleted item.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html"""
    assert "Attributes" not in music.delete_item(TableName="Music", Key=KEY, ReturnValues="ALL_OLD")
    put(music, a={"S": "1"})
    assert music.delete_item(TableName="Music", Key=KEY, ReturnValues="ALL_OLD")["Attributes"] == {
        **KEY,
        "a": {"S": "1"},
    }
    assert get(music) is None


def test_responses_are_copies(music: Any) -> None:
    """Changing what a response returned, or the dict a request sent, never changes the stored item."""
    item = {**KEY, "l": {"L": [{"S": "a"}]}}
    music.put_item(TableName="Music", Item=item)
    item["l"]["L"].append({"S": "sent"})
    got = get(music)
    got["l"]["L"].append({"S": "changed"})  # type: ignore[index]
    assert get(music)["l"] == {"L": [{"S": "a"}]}  # type: ignore[index]


def test_update_item_creates_the_item_and_returns_values(music: Any) -> None:
    """ "Edits an existing item's attributes, or adds a new item to the table if it does not already exist";
    ReturnValues UPDATED_NEW returns only the updated attributes.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html"""
    result = music.update_item(
        TableName="Music",
        Key=KEY,
        UpdateExpression="SET plays = if_not_exists(plays, :zero) + :one",
        ExpressionAttributeValues={":zero": {"N": "0"}, ":one": {"N": "1"}},
        ReturnValues="UPDATED_NEW",
    )
    assert result["Attributes"] == {"plays": {"N": "1"}}
    result = music.update_item(
        TableName="Music",
        Key=KEY,
        UpdateExpression="SET plays = plays + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )
    assert result == {"ResponseMetadata": result["ResponseMetadata"]}
    _code, message = error_of(
        music.update_item,
        TableName="Music",
        Key=KEY,
        UpdateExpression="SET plays = plays + :one, info.#n = :n",
        ExpressionAttributeNames={"#n": "name"},
        ExpressionAttributeValues={":one": {"N": "1"}, ":n": {"S": "x"}},
    )
    assert message == "The document path provided in the update expression is invalid for update"
    assert get(music) == {**KEY, "plays": {"N": "2"}}
    old = music.update_item(TableName="Music", Key=KEY, UpdateExpression="REMOVE plays", ReturnValues="ALL_OLD")
    assert old["Attributes"] == {**KEY, "plays": {"N": "2"}}
    assert music.update_item(TableName="Music", Key={**KEY, "SongTitle": {"S": "new"}}, ReturnValues="ALL_NEW")[
        "Attributes"
    ] == {**KEY, "SongTitle": {"S": "new"}}


def test_key_attributes_cannot_be_updated(music: Any) -> None:
    """ "One or more parameter values were invalid: Cannot update attribute SongTitle. This attribute is part of the
    key" (conformance suite, tier3 updateItem)."""
    _code, message = error_of(
        music.update_item,
        TableName="Music",
        Key=KEY,
        UpdateExpression="SET SongTitle = :v",
        ExpressionAttributeValues={":v": {"S": "x"}},
    )
    assert message == (
        "One or more parameter values were invalid: Cannot update attribute SongTitle. This attribute is part of the "
        "key"
    )
    assert get(music) is None
