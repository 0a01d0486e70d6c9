"""Kinesis's error codes and messages, in AWS's words, in one place.

The API reference names the error codes but prints few messages, so each message below says where its wording
comes from: real responses quoted in public issue threads and code, AWS's own guides and SDK tests, and the tests
of kinesalite (https://github.com/mhart/kinesalite), which were written against AWS. Where no AWS wording could be
found the message is marked as pocketcloud's own, written in the same style.
"""

from __future__ import annotations

from ...errors import ServiceError


def stream_not_found(name: str, account: str) -> ServiceError:
    """An unknown stream: "Stream Foo under account 123456789012 not found." (the Kinesis Developer Guide's AWS CLI
    tutorial, step "Clean up", https://docs.aws.amazon.com/streams/latest/dev/fundamental-stream.html, and the AWS
    SDKs' integration tests)."""
    return ServiceError("ResourceNotFoundException", f"Stream {name} under account {account} not found.")


def stream_exists(name: str, account: str) -> ServiceError:
    """CreateStream for a name in use (also while the old stream is DELETING): "Stream stream under account
    123456789012 already exists." (ResourceInUseException; kinesalite issue #41, moto's tests)."""
    return ServiceError("ResourceInUseException", f"Stream {name} under account {account} already exists.")


def not_active_or_updating(name: str, account: str, status: str) -> ServiceError:
    """Reads and writes on a stream that is still CREATING: "Stream kinesisstabilitytest1743709690580 under account
    990724664260 not ACTIVE or UPDATING, instead in state CREATING" (ResourceInUseException, quoted from AWS in
    https://github.com/aws/aws-sdk-java-v2/pull/6006 and /pull/5949)."""
    return ServiceError(
        "ResourceInUseException",
        f"Stream {name} under account {account} not ACTIVE or UPDATING, instead in state {status}",
    )


def not_active(name: str, account: str, status: str) -> ServiceError:
    """Control-plane changes (SplitShard, MergeShards, DeleteStream, retention) on a stream that is not ACTIVE:
    "Stream X under account Y not ACTIVE, instead in state UPDATING" (ResourceInUseException, kinesalite's
    test/splitShard.js against AWS)."""
    return ServiceError(
        "ResourceInUseException", f"Stream {name} under account {account} not ACTIVE, instead in state {status}"
    )


def shard_does_not_exist(shard_id: str, name: str, account: str) -> ServiceError:
    """A well-formed shard ID the stream does not have (GetShardIterator, GetRecords): "Shard shardId-000000000005 in
    stream X under account Y does not exist" (kinesalite's test/getShardIterator.js)."""
    return ServiceError(
        "ResourceNotFoundException", f"Shard {shard_id} in stream {name} under account {account} does not exist"
    )


def could_not_find_shard(text: str, name: str, account: str) -> ServiceError:
    """A shard ID that names no shard at all (``ABKLFD8``), or one SplitShard/MergeShards cannot find: "Could not find
    shard ABKLFD8 in stream X under account Y." (kinesalite's test/getShardIterator.js and test/splitShard.js)."""
    return ServiceError(
        "ResourceNotFoundException", f"Could not find shard {text} in stream {name} under account {account}."
    )


def write_throttled_message(shard_id: str, name: str, account: str) -> str:
    """PutRecord's ProvisionedThroughputExceededException and a throttled PutRecords entry's ErrorMessage: "Rate
    exceeded for shard shardId-000000000001 in stream exampleStreamName under account 111111111111." (the Developer
    Guide's PutRecords example, https://docs.aws.amazon.com/streams/latest/dev/developing-producers-with-sdk.html)."""
    return f"Rate exceeded for shard {shard_id} in stream {name} under account {account}."


def read_throttled(shard_id: str, name: str, account: str) -> ServiceError:
    """GetRecords over a shard's read limits: "Rate exceeded for Shard - 477594640287/eth-erc20-event/
    shardId-000000000000" (a 2023 response quoted in https://github.com/risingwavelabs/risingwave/issues/7453)."""
    return ServiceError(
        "ProvisionedThroughputExceededException", f"Rate exceeded for Shard - {account}/{name}/{shard_id}"
    )


def invalid_explicit_hash_key(value: str) -> ServiceError:
    """A hash key of 2^128 or more: "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1].
    Specified value was ..." (InvalidArgumentException, kinesalite's test/putRecord.js)."""
    return ServiceError(
        "InvalidArgumentException",
        f"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {value}",
    )


def retention_out_of_range(hours: int, low: int, high: int) -> ServiceError:
    """Outside 24-8,760 hours: "Minimum allowed retention period is 24 hours. Requested retention period (20 hours)
    is too short." and the "Maximum allowed ... is too long." twin (InvalidArgumentException, kinesalite's and
    moto's tests)."""
    if hours < low:
        text = (
            f"Minimum allowed retention period is {low} hours. Requested retention period ({hours} hours) is too short."
        )
    else:
        text = (
            f"Maximum allowed retention period is {high} hours. Requested retention period ({hours} hours) is too long."
        )
    return ServiceError("InvalidArgumentException", text)


def retention_wrong_direction(name: str, hours: int, current: int, *, increasing: bool) -> ServiceError:
    """Increase to less, or Decrease to more, than the current period (InvalidArgumentException, moto's tests)."""
    if increasing:
        text = (
            f"Requested retention period ({hours} hours) for stream {name} can not be shorter than existing retention "
            f"period ({current} hours). Use DecreaseRetentionPeriod API."
        )
    else:
        text = (
            f"Requested retention period ({hours} hours) for stream {name} can not be longer than existing retention "
            f"period ({current} hours). Use IncreaseRetentionPeriod API."
        )
    return ServiceError("InvalidArgumentException", text)


def missing_stream_identifier() -> ServiceError:
    """No StreamName and no StreamARN. pocketcloud's wording: AWS's reference only says "you must use either the
    StreamARN or the StreamName parameter, or both"; ListShards' real "Either NextToken or StreamName should be
    provided." (kinesalite's test/listShards.js) is the model for it."""
    return ServiceError("InvalidArgumentException", "Either StreamName or StreamARN should be provided.")


def not_simulated(feature: str, parameter: str) -> ServiceError:
    """A parameter of a feature pocketcloud does not simulate: refused, so the learner sees why (pocketcloud's)."""
    return ServiceError("InvalidArgumentException", f"pocketcloud does not simulate {feature} ({parameter}).")
