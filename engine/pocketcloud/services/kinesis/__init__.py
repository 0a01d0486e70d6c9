"""Kinesis Data Streams: streams, shards, records, iterators and per-shard throughput on the virtual clock."""
