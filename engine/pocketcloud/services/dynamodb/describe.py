"""``TableDescription``: what CreateTable, DescribeTable, UpdateTable and DeleteTable answer with.

The members and their order follow AWS's responses (LocalStack's snapshots of real DynamoDB responses, e.g.
``test_batch_write_items_streaming``: AttributeDefinitions, CreationDateTime, DeletionProtectionEnabled,
ItemCount, KeySchema, LatestStreamArn, LatestStreamLabel, ProvisionedThroughput, StreamSpecification, TableArn,
TableId, TableName, TableSizeBytes, TableStatus). An on-demand table reports ``ProvisionedThroughput`` with zero
units and a ``BillingModeSummary``
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
"""

from __future__ import annotations

from typing import Any

from ...timeutil import to_datetime
from .tables import Table


def describe(table: Table, status: str = "ACTIVE") -> dict[str, Any]:
    read, write = table.throughput or (0, 0)
    description: dict[str, Any] = {
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": kind} for name, kind in table.spec.definitions.items()
        ],
        "TableName": table.name,
        "KeySchema": table.key.describe(),
        "TableStatus": status,
        "CreationDateTime": to_datetime(table.created),
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": read,
            "WriteCapacityUnits": write,
        },
        "TableSizeBytes": table.size_bytes,
        "ItemCount": table.item_count,
        "TableArn": table.arn,
        "TableId": table.table_id,
    }
    if table.last_pay_per_request is not None:
        description["BillingModeSummary"] = {
            "BillingMode": table.billing_mode,
            "LastUpdateToPayPerRequestDateTime": to_datetime(table.last_pay_per_request),
        }
    local = [index.describe() for index in table.indexes.values() if not index.is_global]
    if local:
        description["LocalSecondaryIndexes"] = local
    global_ = [index.describe() for index in table.indexes.values() if index.is_global]
    if global_:
        description["GlobalSecondaryIndexes"] = global_
    stream = table.stream
    if stream.view_type is not None:
        description["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": stream.view_type}
    if stream.latest_arn is not None:
        description["LatestStreamLabel"] = stream.latest_label
        description["LatestStreamArn"] = stream.latest_arn
    if table.spec.table_class is not None:
        description["TableClassSummary"] = {"TableClass": table.spec.table_class}
    description["DeletionProtectionEnabled"] = table.spec.deletion_protection
    return description
