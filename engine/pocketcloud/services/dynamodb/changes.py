"""From an item-level change to a stream record: the table's side of DynamoDB Streams.

"Whenever an application creates, updates, or deletes items in the table, DynamoDB Streams writes a stream record
with the primary key attributes of the items that were modified", and the view type decides the images:
``KEYS_ONLY`` (the key attributes), ``NEW_IMAGE``, ``OLD_IMAGE`` or ``NEW_AND_OLD_IMAGES``
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). A write that leaves the item as
it was (a PutItem of an identical item, an UpdateItem that sets a value to itself, a DeleteItem of a missing key)
is not a modification and writes no record. ``SizeBytes`` is the size of the record's ``Keys`` and images by the
item-size rules, which is what AWS reports: the Lambda developer guide's sample records (SizeBytes 26, 59 and 38
for INSERT, MODIFY and REMOVE of ``{"Id": {"N": "101"}, "Message": ...}``) add up exactly that way
(https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html).

The record goes to the stream store owned by the ``dynamodbstreams`` service through its one write method,
:meth:`~pocketcloud.services.dynamodbstreams.store.StreamStore.append`.
"""

from __future__ import annotations

from typing import Any

from ..dynamodbstreams.store import StreamStore
from . import values as av
from .tables import Table

Item = dict[str, Any]
_NEW = ("NEW_IMAGE", "NEW_AND_OLD_IMAGES")
_OLD = ("OLD_IMAGE", "NEW_AND_OLD_IMAGES")


def publish(store: StreamStore, table: Table, old: Item | None, new: Item | None, old_size: int, new_size: int) -> None:
    """Append the stream record for ``old`` -> ``new`` (None = no item) if the table has a stream and the item
    really changed. The images are the stored items themselves: stored items are never changed in place, and the
    store copies records for every reader."""
    stream = table.stream
    if stream.arn is None or stream.view_type is None:
        return
    if old is None:
        if new is None:
            return
        event = "INSERT"
    elif new is None:
        event = "REMOVE"
    elif av.items_equal(old, new):
        return
    else:
        event = "MODIFY"
    source = new if new is not None else old
    assert source is not None
    keys = {name: source[name] for name in table.key.names}
    body: dict[str, Any] = {"Keys": keys}
    size = av.item_size(keys)
    if new is not None and stream.view_type in _NEW:
        body["NewImage"] = new
        size += new_size
    if old is not None and stream.view_type in _OLD:
        body["OldImage"] = old
        size += old_size
    body["SizeBytes"] = size
    store.append(stream.arn, event, body)
