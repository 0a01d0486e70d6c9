"""Kinesis records per second through the boto3-shaped API: PutRecords of 500 and a GetRecords loop over them.

The peer is a bare loop that does the unavoidable part of the same work in plain Python (an MD5 per partition key,
a tuple stored per record, a result dict per record on the way in and out), so the ratio shows what the API layer
(request checks, throttling windows, sequence numbers, iterators, response shapes) costs on top.

Writes advance the virtual clock by a second every two calls and spread keys over enough shards that no record is
throttled: the number measured is the engine's cost, not the simulated limit.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import pocketcloud

BATCH = 500


def _entries(calls: int) -> list[list[dict[str, Any]]]:
    payload = b'{"order": 12345, "item": "widget", "quantity": 3}'
    return [[{"Data": payload, "PartitionKey": f"user-{c}-{i}"} for i in range(BATCH)] for c in range(calls)]


def measure_pocketcloud(calls: int = 100, shards: int = 8) -> tuple[float, float]:
    """(PutRecords records/s, GetRecords records/s) for ``calls`` x 500 records on a ``shards``-shard stream."""
    cloud = pocketcloud.Cloud(seed=0)
    kinesis = cloud.client("kinesis")
    kinesis.create_stream(StreamName="bench", ShardCount=shards)
    cloud.run(until=10)
    batches = _entries(calls)
    put = kinesis.put_records
    started = time.perf_counter()
    for number, batch in enumerate(batches):
        if number % 2 == 0:
            cloud.run(until=cloud.now + 1)
        result = put(StreamName="bench", Records=batch)
        assert result["FailedRecordCount"] == 0
    put_rate = calls * BATCH / (time.perf_counter() - started)

    cloud.run(until=cloud.now + 1)
    get = kinesis.get_records
    read = 0
    started = time.perf_counter()
    for shard in kinesis.list_shards(StreamName="bench")["Shards"]:
        iterator = kinesis.get_shard_iterator(
            StreamName="bench", ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while True:
            page = get(ShardIterator=iterator, Limit=1000)
            read += len(page["Records"])
            if not page["Records"]:
                break
            iterator = page["NextShardIterator"]
            cloud.run(until=cloud.now + 0.2)  # stay within five reads a second per shard
    get_rate = read / (time.perf_counter() - started)
    assert read == calls * BATCH
    return put_rate, get_rate


def measure_bare_loop(calls: int = 100) -> tuple[float, float]:
    """The same records through a plain list: MD5 per key, one stored tuple and one result dict per record."""
    batches = _entries(calls)
    store: list[tuple[str, bytes, str]] = []
    started = time.perf_counter()
    for batch in batches:
        results = []
        for entry in batch:
            key = entry["PartitionKey"]
            hashed = int.from_bytes(hashlib.md5(key.encode("utf-8")).digest(), "big")
            number = str(len(store) + (hashed >> 100))
            store.append((number, entry["Data"], key))
            results.append({"SequenceNumber": number, "ShardId": "shardId-000000000000"})
    put_rate = calls * BATCH / (time.perf_counter() - started)
    started = time.perf_counter()
    out = [{"SequenceNumber": n, "Data": d, "PartitionKey": k} for n, d, k in store]
    get_rate = len(out) / (time.perf_counter() - started)
    return put_rate, get_rate


def measure() -> dict[str, tuple[float, float]]:
    """Best of three runs of each."""
    best: dict[str, tuple[float, float]] = {}
    for name, run in (("pocketcloud", measure_pocketcloud), ("bare loop", measure_bare_loop)):
        runs = [run() for _ in range(3)]
        best[name] = (max(r[0] for r in runs), max(r[1] for r in runs))
    return best


if __name__ == "__main__":
    results = measure()
    bare_put, bare_get = results["bare loop"]
    for name, (put_rate, get_rate) in results.items():
        print(
            f"{name:12} PutRecords {put_rate:10,.0f} records/s ({bare_put / put_rate:4.1f}x bare)   "
            f"GetRecords {get_rate:10,.0f} records/s ({bare_get / get_rate:4.1f}x bare)"
        )
