"""``cloud.client("kinesis")``: Kinesis Data Streams with boto3's operation and parameter names.

A stream is a set of shards; each shard keeps its records in order, for 24 hours by default. Producers write with
PutRecord/PutRecords (the partition key's MD5 picks the shard), consumers read a shard with GetShardIterator and
then GetRecords in a loop, passing each ``NextShardIterator`` back. Each shard accepts 1,000 records or 1 MiB a
second and serves five reads or 2 MiB a second; beyond that the call (or, in PutRecords, the record) fails with
ProvisionedThroughputExceededException, measured on the virtual clock (:mod:`.throughput`).

Streams are CREATING for a few virtual seconds after CreateStream, and reads and writes fail until they are
ACTIVE: run the clock (``cloud.run(until=cloud.now + 10)``) or ``kinesis.get_waiter("stream_exists").wait(...)``.
Model settings (status delays, throttling on/off) are ``cloud.backend("kinesis", KinesisBackend).settings``.

Not simulated: enhanced fan-out consumers (RegisterStreamConsumer, SubscribeToShard), encryption (every stream
reports ``EncryptionType: NONE``), UpdateShardCount and on-demand auto-scaling (an on-demand stream keeps its
four initial shards), GetShardIterator's own limit of five calls a second per shard, warm throughput, the AUTO
record distribution strategy, tags beyond CreateStream, and the newer queue and channel APIs. Operation reference:
https://docs.aws.amazon.com/kinesis/latest/APIReference/Welcome.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import describing, reading, resharding, writing
from .backend import KinesisBackend
from .waiters import Waiter, waiter_names


class KinesisClient(BaseClient):
    """A boto3-shaped Kinesis client over the cloud's one Kinesis state."""

    service_name = "kinesis"
    #: Kinesis answers constraint violations with ValidationException, e.g. "1 validation error detected: Value
    #: 'arn:aws:kinesis:...' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression
    #: pattern: [a-zA-Z0-9_.-]+" (https://github.com/bizreach/aws-kinesis-scala/issues/19).
    validation_error_code = "ValidationException"

    @property
    def _backend(self) -> KinesisBackend:
        backend: KinesisBackend = self._cloud.backend("kinesis", KinesisBackend)
        return backend

    # -- streams -----------------------------------------------------------------------------------------------------
    @operation("CreateStream")
    def create_stream(self, **params: Any) -> dict[str, Any]:
        """Create a stream of ``ShardCount`` shards (provisioned) or four shards (``StreamModeDetails`` ON_DEMAND).

        https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
        """
        self._backend.create_stream(params)
        return {}

    @operation("DeleteStream")
    def delete_stream(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html"""
        self._backend.delete_stream(params)
        return {}

    @operation("DescribeStream")
    def describe_stream(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html"""
        return describing.describe_stream(self._backend, params)

    @operation("DescribeStreamSummary")
    def describe_stream_summary(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html"""
        return describing.describe_stream_summary(self._backend, params)

    @operation("ListStreams")
    def list_streams(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html"""
        return describing.list_streams(self._backend, params)

    @operation("ListShards")
    def list_shards(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html"""
        return describing.list_shards(self._backend, params)

    @operation("IncreaseStreamRetentionPeriod")
    def increase_stream_retention_period(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html"""
        self._backend.change_retention(params, increasing=True)
        return {}

    @operation("DecreaseStreamRetentionPeriod")
    def decrease_stream_retention_period(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DecreaseStreamRetentionPeriod.html"""
        self._backend.change_retention(params, increasing=False)
        return {}

    @operation("SplitShard")
    def split_shard(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html"""
        resharding.split_shard(self._backend, params)
        return {}

    @operation("MergeShards")
    def merge_shards(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html"""
        resharding.merge_shards(self._backend, params)
        return {}

    # -- records -----------------------------------------------------------------------------------------------------
    @operation("PutRecord")
    def put_record(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html"""
        return writing.put_record(self._backend, params)

    @operation("PutRecords")
    def put_records(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html"""
        return writing.put_records(self._backend, params)

    @operation("GetShardIterator")
    def get_shard_iterator(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html"""
        return reading.get_shard_iterator(self._backend, params)

    @operation("GetRecords")
    def get_records(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html"""
        return reading.get_records(self._backend, params)

    # -- waiters -----------------------------------------------------------------------------------------------------
    @property
    def waiter_names(self) -> list[str]:
        return waiter_names()

    def get_waiter(self, waiter_name: str) -> Waiter:
        """botocore's ``stream_exists`` / ``stream_not_exists`` waiters, on the virtual clock (:mod:`.waiters`)."""
        if waiter_name not in waiter_names():
            raise ValueError(f"Waiter does not exist: {waiter_name}")
        return Waiter(self._cloud, self.describe_stream, waiter_name)
