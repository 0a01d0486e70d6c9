"""The cost of DynamoDB operations through the boto3-shaped API: PutItem and GetItem per second, and one Query
that reads a 10,000-item partition (a dozen attributes' worth of typed values per item)."""

from __future__ import annotations

import time
from typing import Any

import pocketcloud

ITEMS = 10_000


def _table() -> Any:
    cloud = pocketcloud.Cloud(seed=0)
    ddb = cloud.client("dynamodb")
    ddb.create_table(
        TableName="bench",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return ddb


def _item(n: int) -> dict[str, Any]:
    return {
        "pk": {"S": "user"},
        "sk": {"N": str(n)},
        "name": {"S": f"name-{n}"},
        "score": {"N": str(n * 3)},
        "tags": {"SS": ["a", "b"]},
    }


def measure() -> dict[str, float]:
    """PutItem/s, GetItem/s, and the milliseconds of one Query over a 10,000-item partition."""
    ddb = _table()
    items = [_item(n) for n in range(ITEMS)]
    started = time.perf_counter()
    for item in items:
        ddb.put_item(TableName="bench", Item=item)
    puts = ITEMS / (time.perf_counter() - started)
    started = time.perf_counter()
    for n in range(ITEMS):
        ddb.get_item(TableName="bench", Key={"pk": {"S": "user"}, "sk": {"N": str(n)}})
    gets = ITEMS / (time.perf_counter() - started)
    started = time.perf_counter()
    result = ddb.query(
        TableName="bench", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "user"}}
    )
    query_ms = (time.perf_counter() - started) * 1000
    assert result["Count"] == ITEMS
    return {"put_per_s": puts, "get_per_s": gets, "query_ms": query_ms}
