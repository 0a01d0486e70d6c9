"""DynamoDB's expression language: syntax errors, placeholders, reserved words, functions, updates, projections.

Expected messages are real DynamoDB answers: "Syntax error; token: ..., near: ..." examples from aws/aws-cdk#7591
and the nubo-db/dynamodb-conformance suite (tests/tier3/error-messages); semantic messages and their order from
dynalite's grammars (https://github.com/mhart/dynalite, db/*Parser.pegjs); semantics from the developer guide
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html).
"""

from __future__ import annotations

from typing import Any

import pytest

from .dynamodb_helpers import create_table, error_of

KEY = {"id": {"S": "1"}}


@pytest.fixture
def table(ddb: Any) -> Any:
    create_table(ddb, name="Things", hash_key=("id", "S"), range_key=None)
    return ddb


def update(ddb: Any, expression: str, values: dict[str, Any] | None = None, **params: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {"ExpressionAttributeValues": values} if values else {}
    result: dict[str, Any] = ddb.update_item(
        TableName="Things", Key=KEY, UpdateExpression=expression, **extra, **params
    )
    return result


def item(ddb: Any) -> dict[str, Any]:
    found: dict[str, Any] = ddb.get_item(TableName="Things", Key=KEY).get("Item", {})
    return found


def condition_error(ddb: Any, expression: str, **params: Any) -> str:
    return error_of(ddb.put_item, TableName="Things", Item=KEY, ConditionExpression=expression, **params)[1]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("INVALID SYNTAX HERE", 'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"'),
        ("ADD hits : incr", 'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"'),
        ("SET", 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'),
        ("SET _a = :v", 'Invalid UpdateExpression: Syntax error; token: "_", near: "SET _a"'),
        ("", "Invalid UpdateExpression: The expression can not be empty;"),
    ],
)
def test_update_syntax_errors(table: Any, expression: str, message: str) -> None:
    """The offending token and the text from the token before it to the token after it, as DynamoDB prints them
    (aws/aws-cdk#7591; conformance tier3 updateItem; scylladb alternator's notes of AWS's answer for ``_123``)."""
    assert error_of(update, table, expression, {":v": {"S": "x"}} if ":v" in expression else None) == (
        "ValidationException",
        message,
    )
    assert item(table) == {}


def test_condition_and_projection_syntax_errors(table: Any) -> None:
    """``foo`` alone is not a condition ("<EOF>" near "foo"); ``!!! INVALID !!!`` is not a projection."""
    assert condition_error(table, "foo") == 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "foo"'
    assert error_of(table.get_item, TableName="Things", Key=KEY, ProjectionExpression="!!! INVALID !!!")[1] == (
        'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"'
    )
    assert condition_error(table, "((attribute_not_exists(id)))") == (
        "Invalid ConditionExpression: The expression has redundant parentheses;"
    )


def test_placeholders_must_be_defined_and_used(table: Any) -> None:
    """Undefined and unused placeholders, and placeholder maps without expressions (conformance tier3 updateItem,
    putItem; dynalite test/deleteItem.js)."""
    assert error_of(update, table, "SET a = :v") == (
        "ValidationException",
        "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: "
        ":v",
    )
    assert error_of(update, table, "SET a = :v", {":v": {"S": "x"}, ":unused": {"S": "y"}})[1] == (
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"
    )
    assert error_of(update, table, "SET a = :v", {":v": {"S": "x"}}, ExpressionAttributeNames={"#unused": "b"})[1] == (
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"
    )
    assert error_of(update, table, "SET #missing = :v", {":v": {"S": "x"}})[1] == (
        "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute "
        "name: #missing"
    )
    assert error_of(table.put_item, TableName="Things", Item=KEY, ExpressionAttributeValues={":v": {"S": "unused"}})[
        1
    ] == ("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null")
    assert error_of(update, table, "SET a = :v", {"v": {"S": "x"}})[1] == (
        'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"'
    )
    assert error_of(update, table, "SET a = :v", {":v": {"SS": []}})[1] == (
        "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  "
        "may not be empty for key :v"
    )
    assert error_of(update, table, "SET a = :v", {":v": {"S": "x"}}, ExpressionAttributeNames={})[1] == (
        "ExpressionAttributeNames must not be empty"
    )
    assert item(table) == {}


def test_reserved_words_need_placeholders(table: Any) -> None:
    """ "Attribute name is a reserved keyword; reserved keyword: status" (moto's recorded message); a ``#name``
    placeholder is the fix. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html"""
    assert error_of(update, table, "SET status = :s", {":s": {"S": "done"}})[1] == (
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status"
    )
    update(table, "SET #s = :s", {":s": {"S": "done"}}, ExpressionAttributeNames={"#s": "status"})
    assert item(table)["status"] == {"S": "done"}


def test_function_errors(table: Any) -> None:
    """Unknown functions, wrong arities, operand types and misuse of functions (dynalite's captured messages)."""
    assert condition_error(table, "nope(a)") == "Invalid ConditionExpression: Invalid function name; function: nope"
    assert condition_error(table, "attribute_exists(a, b)") == (
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "attribute_exists, number of operands: 2"
    )
    assert condition_error(table, "begins_with(a, :n)", ExpressionAttributeValues={":n": {"N": "1"}}) == (
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N"
    )
    assert condition_error(table, "size(a)") == (
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"
    )
    assert condition_error(table, "contains(#a, #a)", ExpressionAttributeNames={"#a": "data"}) == (
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator "
        "or function; operator: contains, first operand: [data]"
    )
    assert condition_error(
        table, "a BETWEEN :b AND :a", ExpressionAttributeValues={":a": {"S": "a"}, ":b": {"S": "b"}}
    ) == (
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
        "bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}"
    )
    assert error_of(update, table, "SET a = list_append(:a)", {":a": {"L": []}})[1] == (
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: "
        "list_append, number of operands: 1"
    )
    assert error_of(update, table, "ADD a :s", {":s": {"S": "x"}})[1] == (
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING"
    )
    assert error_of(update, table, "SET a = :v SET b = :v", {":v": {"S": "x"}})[1] == (
        'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;'
    )


def test_overlapping_paths(table: Any) -> None:
    """ "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path
    two: [a, b]" (conformance tier3 batchGetItem, for projections; the same rule holds for updates)."""
    assert error_of(table.get_item, TableName="Things", Key=KEY, ProjectionExpression="a, a.b")[1] == (
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
        "these paths; path one: [a], path two: [a, b]"
    )
    assert error_of(update, table, "SET a = :v REMOVE a", {":v": {"S": "x"}})[1].startswith(
        "Invalid UpdateExpression: Two document paths overlap"
    )


CONDITIONS = {
    "a = :one": True,
    "a <> :one": False,
    "absent <> :one": True,
    "absent = :one": False,
    "a < :two AND a >= :one": True,
    "a BETWEEN :one AND :two": True,
    "s BETWEEN :one AND :two": False,
    "a IN (:two, :one)": True,
    "NOT a = :one OR s = :text": True,
    "NOT (a = :one OR s = :text)": False,
    "attribute_exists(m.deep[1])": True,
    "attribute_not_exists(m.deep[5])": True,
    "attribute_type(ss, :ss)": True,
    "begins_with(s, :prefix)": True,
    "contains(s, :sub)": True,
    "contains(ss, :member)": True,
    "contains(m.deep, :one)": True,
    "size(s) = :four": True,
    "size(ss) > :one": True,
    "size(a) > :one": False,
}


@pytest.mark.parametrize(("condition", "holds"), CONDITIONS.items())
def test_condition_semantics(table: Any, condition: str, holds: bool) -> None:
    """Comparisons, BETWEEN, IN, AND/OR/NOT precedence and the functions, as the developer guide defines them
    (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html);
    a missing attribute is unequal to everything."""
    values = {
        ":one": {"N": "1"},
        ":two": {"N": "2"},
        ":four": {"N": "4"},
        ":text": {"S": "text"},
        ":ss": {"S": "SS"},
        ":prefix": {"S": "te"},
        ":sub": {"S": "ex"},
        ":member": {"S": "y"},
    }
    table.put_item(
        TableName="Things",
        Item={
            **KEY,
            "a": {"N": "1"},
            "s": {"S": "text"},
            "ss": {"SS": ["x", "y"]},
            "m": {"M": {"deep": {"L": [{"N": "1"}, {"N": "2"}]}}},
        },
    )
    used = {name: value for name, value in values.items() if name in condition}
    params: dict[str, Any] = {"ExpressionAttributeValues": used} if used else {}
    try:
        table.delete_item(TableName="Things", Key=KEY, ConditionExpression=condition, **params)
        held = True
    except table.exceptions.ConditionalCheckFailedException:
        held = False
    assert held is holds


def test_update_actions(table: Any) -> None:
    """SET with + and -, if_not_exists and list_append; REMOVE of attributes and list elements (the others close
    up); ADD to numbers and sets; DELETE from sets (an emptied set goes away).
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html"""
    table.put_item(
        TableName="Things",
        Item={
            **KEY,
            "n": {"N": "10"},
            "l": {"L": [{"S": "a"}, {"S": "b"}, {"S": "c"}, {"S": "d"}]},
            "tags": {"SS": ["x"]},
            "colors": {"SS": ["red", "blue"]},
        },
    )
    update(
        table,
        "SET n = n - :one, m = if_not_exists(m, :zero), l = list_append(:front, l) "
        "ADD tags :more, hits :one DELETE colors :gone",
        {
            ":one": {"N": "1"},
            ":zero": {"N": "0"},
            ":front": {"L": [{"S": "first"}]},
            ":more": {"SS": ["y", "z"]},
            ":gone": {"SS": ["red"]},
        },
    )
    got = item(table)
    assert got["n"] == {"N": "9"} and got["m"] == {"N": "0"} and got["hits"] == {"N": "1"}
    assert [v["S"] for v in got["l"]["L"]] == ["first", "a", "b", "c", "d"]
    assert got["tags"]["SS"] == ["x", "y", "z"] and got["colors"]["SS"] == ["blue"]
    update(table, "REMOVE l[1], l[3], m DELETE colors :all", {":all": {"SS": ["blue", "green"]}})
    got = item(table)
    assert [v["S"] for v in got["l"]["L"]] == ["first", "b", "d"]
    assert "m" not in got and "colors" not in got
    assert error_of(update, table, "SET a = b")[1] == (
        "The provided expression refers to an attribute that does not exist in the item"
    )
    assert error_of(update, table, "SET n = n + :s", {":s": {"S": "x"}})[1] == (
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand "
        "type: S"
    )
    assert error_of(update, table, "SET l = l + :one", {":one": {"N": "1"}})[1] == (
        "An operand in the update expression has an incorrect data type"
    )
    update(table, "SET l[9] = :x", {":x": {"S": "appended"}})
    assert item(table)["l"]["L"][-1] == {"S": "appended"}


def test_swapping_two_attributes_reads_the_old_item(table: Any) -> None:
    """Every operand of an update expression is read from the item as it was before the update."""
    table.put_item(TableName="Things", Item={**KEY, "a": {"S": "A"}, "b": {"S": "B"}})
    update(table, "SET a = b, b = a")
    assert (item(table)["a"], item(table)["b"]) == ({"S": "B"}, {"S": "A"})


def test_arithmetic_overflow_is_refused(table: Any) -> None:
    """ "rejects arithmetic that overflows the supported number magnitude ... Number overflow" (conformance suite,
    tests/tier3/limits/numberPrecision.test.ts)."""
    _code, message = error_of(update, table, "SET n = :a + :b", {":a": {"N": "9.9e125"}, ":b": {"N": "9.9e125"}})
    assert message == "Number overflow. Attempting to store a number with magnitude larger than supported range"
    assert item(table) == {}


def test_expression_size_limit(table: Any) -> None:
    """ "The maximum length of any expression string is 4 KB." (Constraints page)"""
    long = "attribute_not_exists(id)" + " " * 4096
    assert condition_error(table, long) == (
        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4120"
    )


def test_legacy_parameters_are_refused_clearly(table: Any) -> None:
    """Mixing legacy and expression parameters is refused in DynamoDB's words; legacy conditional parameters alone
    are a pocketcloud refusal naming the expression to use. AttributesToGet is simulated.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html"""
    assert error_of(
        table.put_item,
        TableName="Things",
        Item=KEY,
        Expected={"id": {"Exists": False}},
        ConditionExpression="attribute_not_exists(id)",
    )[1] == (
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
        "{Expected} Expression parameters: {ConditionExpression}"
    )
    assert (
        "use ConditionExpression"
        in error_of(table.put_item, TableName="Things", Item=KEY, Expected={"id": {"Exists": False}})[1]
    )
    table.put_item(TableName="Things", Item={**KEY, "a": {"S": "x"}, "b": {"S": "y"}})
    assert table.get_item(TableName="Things", Key=KEY, AttributesToGet=["b"])["Item"] == {"b": {"S": "y"}}


def test_list_rules_from_dynamodb(table: Any) -> None:
    """Elements set past the end of a list are appended "sorted in order by element number"; a REMOVE and a SET
    of one list use the indexes from before the update; list_append inside list_append is refused; a REMOVE
    through a missing path fails on an existing item and is ignored on a new one (scylladb alternator's
    test_update_expression.py, run against DynamoDB)."""
    table.put_item(TableName="Things", Item={**KEY, "a": {"L": [{"N": str(n)} for n in (2, 3, 4, 5, 6, 7)]}})
    update(table, "REMOVE a[1] SET a[3] = :v", {":v": {"N": "17"}})
    assert [v["N"] for v in item(table)["a"]["L"]] == ["2", "4", "17", "6", "7"]
    update(
        table, "SET a[84] = :a1, a[37] = :a2, a[17] = :a3", {":a1": {"S": "a1"}, ":a2": {"S": "a2"}, ":a3": {"S": "a3"}}
    )
    assert [v.get("S") for v in item(table)["a"]["L"][-3:]] == ["a3", "a2", "a1"]
    nested = error_of(update, table, "SET b = list_append(list_append(:x, :y), :x)", {":x": {"L": []}, ":y": {"L": []}})
    assert nested[1] == (
        "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: "
        "list_append"
    )
    assert error_of(update, table, "REMOVE nothing.here")[1] == (
        "The document path provided in the update expression is invalid for update"
    )
    table.update_item(TableName="Things", Key={"id": {"S": "new"}}, UpdateExpression="REMOVE x.y")
    assert table.get_item(TableName="Things", Key={"id": {"S": "new"}})["Item"] == {"id": {"S": "new"}}


def test_update_functions_are_not_allowed_in_conditions(table: Any) -> None:
    """if_not_exists and list_append are known functions but "not allowed" in a ConditionExpression; a condition
    function such as attribute_exists cannot be compared (scylladb alternator's tests against DynamoDB)."""
    assert condition_error(table, "if_not_exists(a, a) = :v", ExpressionAttributeValues={":v": {"N": "1"}}) == (
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
        "if_not_exists"
    )
    assert condition_error(table, "attribute_exists(a) < :v", ExpressionAttributeValues={":v": {"N": "1"}}) == (
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: "
        "attribute_exists"
    )
