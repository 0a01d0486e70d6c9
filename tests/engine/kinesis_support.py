"""Helpers shared by the Kinesis test files: an ACTIVE stream, and an error's code and message."""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.kinesis.backend import KinesisBackend

ACCOUNT = "123456789012"
REGION = "ap-northeast-2"


def arn(name: str) -> str:
    return f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/{name}"


def active_stream(cloud: pocketcloud.Cloud, name: str = "orders", shards: int = 1, **params: Any) -> Any:
    """Create a stream and let the virtual clock run until it is ACTIVE; return the client."""
    kinesis = cloud.client("kinesis")
    kinesis.create_stream(StreamName=name, ShardCount=shards, **params)
    kinesis.get_waiter("stream_exists").wait(StreamName=name)
    return kinesis


def backend(cloud: pocketcloud.Cloud) -> KinesisBackend:
    found: KinesisBackend = cloud.backend("kinesis", KinesisBackend)
    return found


def error(exc_info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    body = exc_info.value.response["Error"]
    return body["Code"], body["Message"]


def read_all(kinesis: Any, stream: str, shard: str = "shardId-000000000000", **iterator: Any) -> list[dict[str, Any]]:
    """Every record of a shard from TRIM_HORIZON (or the given iterator type), one GetRecords at a time."""
    params = {"ShardIteratorType": "TRIM_HORIZON", **iterator}
    position = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard, **params)["ShardIterator"]
    out: list[dict[str, Any]] = []
    while position:
        page = kinesis.get_records(ShardIterator=position)
        out += page["Records"]
        if not page["Records"]:
            break
        position = page.get("NextShardIterator")
    return out
