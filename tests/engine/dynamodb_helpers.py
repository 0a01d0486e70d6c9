"""Tables most DynamoDB tests share, created the way the developer guide's examples create them."""

from __future__ import annotations

from typing import Any

import pytest

from pocketcloud import ClientError


def create_table(
    ddb: Any,
    name: str = "Music",
    hash_key: tuple[str, str] = ("Artist", "S"),
    range_key: tuple[str, str] | None = ("SongTitle", "S"),
    **extra: Any,
) -> dict[str, Any]:
    schema = [{"AttributeName": hash_key[0], "KeyType": "HASH"}]
    definitions = [{"AttributeName": hash_key[0], "AttributeType": hash_key[1]}]
    if range_key is not None:
        schema.append({"AttributeName": range_key[0], "KeyType": "RANGE"})
        definitions.append({"AttributeName": range_key[0], "AttributeType": range_key[1]})
    for name_and_type in extra.pop("more_definitions", []):
        definitions.append({"AttributeName": name_and_type[0], "AttributeType": name_and_type[1]})
    params: dict[str, Any] = {
        "TableName": name,
        "KeySchema": schema,
        "AttributeDefinitions": definitions,
        "BillingMode": "PAY_PER_REQUEST",
    }
    params.update(extra)
    result: dict[str, Any] = ddb.create_table(**params)
    return result


def error_of(call: Any, *args: Any, **params: Any) -> tuple[str, str]:
    """(code, message) of the ClientError a call raises."""
    with pytest.raises(ClientError) as caught:
        call(*args, **params)
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]
