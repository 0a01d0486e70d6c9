"""S3 objects: PutObject, GetObject, HeadObject, DeleteObject(s), CopyObject, ranges, conditions, tags and limits.

Sources (checked 2026-12-02): https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html, https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html,
metadata https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html, keys
https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html, conditional writes
https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html, tags
https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html, boto3's checksums
https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import zlib
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError, ParamValidationError
from pocketcloud.streams import StreamingBody

from .s3_helpers import error, make_bucket


@pytest.fixture
def s3(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("s3")
    make_bucket(client)
    return client


# -- PutObject / GetObject / HeadObject ----------------------------------------------------------------------


def test_get_object_returns_what_boto3_returns(cloud, s3) -> None:
    """GetObject: a readable StreamingBody ``Body``, ``ContentLength``, the quoted hex MD5 as ``ETag``, ``LastModified``
    as an aware datetime (whole seconds: it travels in an HTTP date header), ``Metadata`` with lower-case keys ("Amazon
    S3 stores user-defined metadata keys in lowercase"), ``ContentType`` ``binary/octet-stream`` by default, and SSE-S3
    (AES256), "the base level of encryption for every bucket"."""
    cloud.run(until=12.75)
    put = s3.put_object(Bucket="uploads", Key="notes/hello.txt", Body=b"hello world", Metadata={"Owner": "Mina"})
    assert put["ETag"] == f'"{hashlib.md5(b"hello world").hexdigest()}"'
    got = s3.get_object(Bucket="uploads", Key="notes/hello.txt")
    assert isinstance(got["Body"], StreamingBody)
    assert got["Body"].read() == b"hello world"
    assert got["ContentLength"] == 11
    assert got["ETag"] == put["ETag"]
    assert got["LastModified"] == dt.datetime(2026, 1, 1, 0, 0, 12, tzinfo=dt.UTC)
    assert got["Metadata"] == {"owner": "Mina"}
    assert got["ContentType"] == "binary/octet-stream"
    assert got["ServerSideEncryption"] == "AES256"
    assert got["AcceptRanges"] == "bytes"


def test_bodies_may_be_bytes_text_or_files_and_json_load_reads_them(s3) -> None:
    """boto3 accepts ``Body`` as bytes, str (sent as UTF-8) or a file-like object; ``json.load(Body)`` works on the
    response body as on botocore's StreamingBody."""
    s3.put_object(Bucket="uploads", Key="a.json", Body=json.dumps({"n": 1}), ContentType="application/json")
    s3.put_object(Bucket="uploads", Key="b.bin", Body=io.BytesIO(b"\x00\x01"))
    got = s3.get_object(Bucket="uploads", Key="a.json")
    assert json.load(got["Body"]) == {"n": 1}
    assert got["ContentType"] == "application/json"
    assert s3.get_object(Bucket="uploads", Key="b.bin")["Body"].read() == b"\x00\x01"
    assert s3.put_object(Bucket="uploads", Key="empty")["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'


def test_put_object_returns_boto3s_default_crc32_checksum(s3) -> None:
    """boto3 (botocore 1.36+) sends a CRC32 of every PutObject body by default; S3 returns ``ChecksumCRC32`` (base64 of
    the big-endian CRC) and ``ChecksumType: FULL_OBJECT``, and GetObject (which asks with ``ChecksumMode=ENABLED`` by
    default) returns it too. A chosen algorithm (SHA256) is used instead."""
    expected = base64.b64encode(zlib.crc32(b"data").to_bytes(4, "big")).decode()
    put = s3.put_object(Bucket="uploads", Key="k", Body=b"data")
    assert (put["ChecksumCRC32"], put["ChecksumType"]) == (expected, "FULL_OBJECT")
    assert s3.get_object(Bucket="uploads", Key="k")["ChecksumCRC32"] == expected
    assert "ChecksumCRC32" not in s3.head_object(Bucket="uploads", Key="k")
    sha = s3.put_object(Bucket="uploads", Key="s", Body=b"data", ChecksumAlgorithm="SHA256")
    assert sha["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(b"data").digest()).decode()


def test_wrong_checksums_and_digests_are_refused_and_nothing_is_stored(s3) -> None:
    """A checksum or Content-MD5 that does not match the body is BadDigest (400); a Content-MD5 that is not a base64
    MD5 is InvalidDigest ("The Content-MD5 you specified was invalid.")."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"old")
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k", Body=b"new", ChecksumCRC32="AAAAAA==")
    assert error(exc.value)["Code"] == "BadDigest"
    wrong_md5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k", Body=b"new", ContentMD5=wrong_md5)
    assert error(exc.value)["Message"] == "The Content-MD5 you specified did not match what we received."
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k", Body=b"new", ContentMD5="not-md5")
    assert error(exc.value)["Code"] == "InvalidDigest"
    assert s3.get_object(Bucket="uploads", Key="k")["Body"].read() == b"old"
    good_md5 = base64.b64encode(hashlib.md5(b"new").digest()).decode()
    s3.put_object(Bucket="uploads", Key="k", Body=b"new", ContentMD5=good_md5)


def test_a_missing_key_is_no_such_key_for_get_and_a_bodiless_404_for_head(s3) -> None:
    """GetObject: NoSuchKey, 404, "The specified key does not exist." with ``Key`` (``client.exceptions.NoSuchKey``).
    HeadObject has no response body, so boto3 shows code "404" and message "Not Found"."""
    with pytest.raises(s3.exceptions.NoSuchKey) as exc:
        s3.get_object(Bucket="uploads", Key="missing.txt")
    assert error(exc.value) == {
        "Code": "NoSuchKey",
        "Message": "The specified key does not exist.",
        "Key": "missing.txt",
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as exc:
        s3.head_object(Bucket="uploads", Key="missing.txt")
    assert error(exc.value) == {"Code": "404", "Message": "Not Found"}
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_head_object_answers_like_get_object_without_a_body(s3) -> None:
    s3.put_object(Bucket="uploads", Key="k", Body=b"12345", CacheControl="max-age=60", ContentLanguage="ko")
    head = s3.head_object(Bucket="uploads", Key="k")
    assert "Body" not in head
    assert (head["ContentLength"], head["CacheControl"], head["ContentLanguage"]) == (5, "max-age=60", "ko")


def test_response_overrides_change_the_returned_headers(s3) -> None:
    """GetObject's ``ResponseContentType`` (and the other ``Response*`` parameters) override the returned headers."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"x", ContentType="text/plain")
    got = s3.get_object(Bucket="uploads", Key="k", ResponseContentType="application/octet-stream")
    assert got["ContentType"] == "application/octet-stream"


# -- ranges and conditions -------------------------------------------------------------------------------------


def test_range_reads_part_of_the_object_with_206(s3) -> None:
    """``Range: bytes=first-last`` (and the open ``first-`` and suffix ``-n`` forms, RFC 9110): 206 Partial Content
    with ``ContentRange`` and the part's ``ContentLength``."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"0123456789")
    part = s3.get_object(Bucket="uploads", Key="k", Range="bytes=2-4")
    assert part["Body"].read() == b"234"
    assert (part["ContentLength"], part["ContentRange"]) == (3, "bytes 2-4/10")
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert s3.get_object(Bucket="uploads", Key="k", Range="bytes=7-")["Body"].read() == b"789"
    assert s3.get_object(Bucket="uploads", Key="k", Range="bytes=-3")["Body"].read() == b"789"
    assert s3.get_object(Bucket="uploads", Key="k", Range="bytes=8-100")["ContentRange"] == "bytes 8-9/10"


def test_an_unsatisfiable_range_is_invalid_range_416(s3) -> None:
    """A range that starts past the end: InvalidRange, 416, "The requested range is not satisfiable" (S3's message as
    moto quotes it), with RangeRequested and ActualObjectSize. A Range S3 cannot parse gets the whole object."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"0123456789")
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket="uploads", Key="k", Range="bytes=10-20")
    assert error(exc.value) == {
        "Code": "InvalidRange",
        "Message": "The requested range is not satisfiable",
        "RangeRequested": "bytes=10-20",
        "ActualObjectSize": "10",
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 416
    whole = s3.get_object(Bucket="uploads", Key="k", Range="lines=1-2")
    assert (whole["ContentLength"], whole["ResponseMetadata"]["HTTPStatusCode"]) == (10, 200)


def test_read_conditions_answer_412_and_304(s3) -> None:
    """If-Match that fails: 412 PreconditionFailed "At least one of the pre-conditions you specified did not hold"
    (Condition ``If-Match``); If-None-Match that matches: 304 Not Modified, which has no body, so boto3 shows code
    "304"; HEAD shows 412 as code "412" "Precondition Failed"."""
    etag = s3.put_object(Bucket="uploads", Key="k", Body=b"v1")["ETag"]
    assert s3.get_object(Bucket="uploads", Key="k", IfMatch=etag)["Body"].read() == b"v1"
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket="uploads", Key="k", IfMatch='"0000"')
    assert error(exc.value) == {
        "Code": "PreconditionFailed",
        "Message": "At least one of the pre-conditions you specified did not hold",
        "Condition": "If-Match",
    }
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket="uploads", Key="k", IfNoneMatch=etag)
    assert error(exc.value) == {"Code": "304", "Message": "Not Modified"}
    with pytest.raises(ClientError) as exc:
        s3.head_object(Bucket="uploads", Key="k", IfMatch='"0000"')
    assert error(exc.value) == {"Code": "412", "Message": "Precondition Failed"}
    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket="uploads", Key="k", IfModifiedSince=later)
    assert error(exc.value)["Code"] == "304"
    assert s3.get_object(Bucket="uploads", Key="k", IfUnmodifiedSince=later)["ContentLength"] == 2


def test_conditional_writes(s3) -> None:
    """``IfNoneMatch="*"`` writes only when no object has the key (412 otherwise); ``IfMatch`` overwrites only the
    object with that ETag (412 on another ETag, NoSuchKey when there is no object); nothing changes on refusal."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"v1", IfNoneMatch="*")
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k", Body=b"v2", IfNoneMatch="*")
    assert (error(exc.value)["Code"], error(exc.value)["Condition"]) == ("PreconditionFailed", "If-None-Match")
    with pytest.raises(ClientError):
        s3.put_object(Bucket="uploads", Key="k", Body=b"v2", IfMatch='"ffff"')
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.put_object(Bucket="uploads", Key="other", Body=b"v2", IfMatch='"ffff"')
    etag = s3.head_object(Bucket="uploads", Key="k")["ETag"]
    s3.put_object(Bucket="uploads", Key="k", Body=b"v2", IfMatch=etag)
    assert s3.get_object(Bucket="uploads", Key="k")["Body"].read() == b"v2"


# -- limits ------------------------------------------------------------------------------------------------------


def test_keys_are_at_most_1024_bytes_of_utf_8(s3) -> None:
    """AWS: "a sequence of Unicode characters whose UTF-8 encoding is at most 1,024 bytes long"; longer is
    KeyTooLongError
    "Your key is too long" (400). The limit counts bytes: 512 two-byte characters fit, 513 do not."""
    s3.put_object(Bucket="uploads", Key="k" * 1024, Body=b"")
    s3.put_object(Bucket="uploads", Key="é" * 512, Body=b"")
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="é" * 513, Body=b"")
    assert error(exc.value)["Code"] == "KeyTooLongError"
    assert error(exc.value)["Message"] == "Your key is too long"
    assert s3.list_objects_v2(Bucket="uploads")["KeyCount"] == 2


def test_user_metadata_is_at_most_2_kb(s3) -> None:
    """AWS: "the user-defined metadata is limited to 2 KB in size ... the sum of the number of bytes in the UTF-8
    encoding of
    each key and value": 2,048 bytes fit, 2,049 are MetadataTooLarge."""
    s3.put_object(Bucket="uploads", Key="ok", Body=b"", Metadata={"k": "v" * 2047})
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="big", Body=b"", Metadata={"k": "v" * 2048})
    assert error(exc.value)["Code"] == "MetadataTooLarge"
    assert error(exc.value)["Message"] == "Your metadata headers exceed the maximum allowed metadata size."


def test_botocore_refuses_non_ascii_metadata(s3) -> None:
    """botocore's ``validate_ascii_metadata``: "Non ascii characters found in S3 metadata for key ..." is a
    ParamValidationError before the request is sent."""
    with pytest.raises(ParamValidationError, match="Non ascii characters found in S3 metadata"):
        s3.put_object(Bucket="uploads", Key="k", Body=b"", Metadata={"이름": "민아"})


def test_archived_objects_must_be_restored_before_a_get(s3) -> None:
    """GetObject of an object in S3 Glacier Flexible Retrieval is InvalidObjectState, 403 (the modeled error); an
    unknown storage class is InvalidStorageClass."""
    s3.put_object(Bucket="uploads", Key="cold", Body=b"x", StorageClass="GLACIER")
    with pytest.raises(s3.exceptions.InvalidObjectState) as exc:
        s3.get_object(Bucket="uploads", Key="cold")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert s3.head_object(Bucket="uploads", Key="cold")["StorageClass"] == "GLACIER"
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k", Body=b"x", StorageClass="ULTRA")
    assert error(exc.value)["Code"] == "InvalidStorageClass"


def test_features_not_simulated_are_refused_by_name(s3) -> None:
    with pytest.raises(ClientError, match="SSE-KMS"):
        s3.put_object(Bucket="uploads", Key="k", Body=b"x", ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/x")
    assert s3.list_objects_v2(Bucket="uploads")["KeyCount"] == 0


# -- deleting ------------------------------------------------------------------------------------------------------


def test_delete_object_is_204_even_for_a_missing_key(s3) -> None:
    """DeleteObject answers 204 No Content, also when there was no object to delete."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    assert s3.delete_object(Bucket="uploads", Key="k")["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.delete_object(Bucket="uploads", Key="k")["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="uploads", Key="k")


def test_delete_objects_deletes_up_to_1000_keys(s3) -> None:
    """DeleteObjects: "a list of up to 1,000 keys"; ``Deleted`` names each key (none in Quiet mode); 1,001 keys is
    MalformedXML and deletes nothing."""
    for name in ("a", "b", "c"):
        s3.put_object(Bucket="uploads", Key=name, Body=b"x")
    with pytest.raises(ClientError) as exc:
        s3.delete_objects(Bucket="uploads", Delete={"Objects": [{"Key": f"k{i}"} for i in range(1001)]})
    assert error(exc.value)["Code"] == "MalformedXML"
    result = s3.delete_objects(Bucket="uploads", Delete={"Objects": [{"Key": "a"}, {"Key": "zz"}]})
    assert result["Deleted"] == [{"Key": "a"}, {"Key": "zz"}]
    quiet = s3.delete_objects(Bucket="uploads", Delete={"Objects": [{"Key": "b"}], "Quiet": True})
    assert "Deleted" not in quiet
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="uploads")["Contents"]] == ["c"]


# -- copying -------------------------------------------------------------------------------------------------------


def test_copy_object_copies_bytes_metadata_and_etag(cloud, s3) -> None:
    """CopyObject keeps the source's metadata and content type by default (MetadataDirective COPY) and its ETag;
    CopySource may be ``"bucket/key"`` or, as botocore also accepts, a dict (botocore URL-encodes the key)."""
    make_bucket(s3, "archive")
    s3.put_object(Bucket="uploads", Key="my photo.jpg", Body=b"jpeg", ContentType="image/jpeg", Metadata={"a": "1"})
    cloud.run(until=5)
    copied = s3.copy_object(Bucket="archive", Key="copy.jpg", CopySource={"Bucket": "uploads", "Key": "my photo.jpg"})
    assert copied["CopyObjectResult"]["ETag"] == f'"{hashlib.md5(b"jpeg").hexdigest()}"'
    assert copied["CopyObjectResult"]["LastModified"] == dt.datetime(2026, 1, 1, 0, 0, 5, tzinfo=dt.UTC)
    got = s3.get_object(Bucket="archive", Key="copy.jpg")
    assert (got["Body"].read(), got["ContentType"], got["Metadata"]) == (b"jpeg", "image/jpeg", {"a": "1"})
    s3.copy_object(Bucket="archive", Key="again.jpg", CopySource="uploads/my photo.jpg")
    replaced = s3.copy_object(
        Bucket="archive",
        Key="new.jpg",
        CopySource="uploads/my photo.jpg",
        MetadataDirective="REPLACE",
        Metadata={"b": "2"},
    )
    assert replaced["ServerSideEncryption"] == "AES256"
    assert s3.head_object(Bucket="archive", Key="new.jpg")["Metadata"] == {"b": "2"}


def test_copying_an_object_onto_itself_must_change_something(s3) -> None:
    """AWS: "This copy request is illegal because it is trying to copy an object to itself without changing the object's
    metadata, storage class, website redirect location or encryption attributes." (InvalidRequest, 400)."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"x", Metadata={"v": "1"})
    with pytest.raises(ClientError) as exc:
        s3.copy_object(Bucket="uploads", Key="k", CopySource="uploads/k")
    assert error(exc.value) == {
        "Code": "InvalidRequest",
        "Message": "This copy request is illegal because it is trying to copy an object to itself without changing "
        "the object's metadata, storage class, website redirect location or encryption attributes.",
    }
    s3.copy_object(Bucket="uploads", Key="k", CopySource="uploads/k", MetadataDirective="REPLACE", Metadata={"v": "2"})
    assert s3.head_object(Bucket="uploads", Key="k")["Metadata"] == {"v": "2"}


def test_copy_errors(s3) -> None:
    """A missing source key is NoSuchKey, a missing source bucket NoSuchBucket, a CopySource without a key
    InvalidArgument "Invalid copy source object key", a failed CopySourceIfMatch 412."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"x")
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.copy_object(Bucket="uploads", Key="c", CopySource="uploads/missing")
    with pytest.raises(s3.exceptions.NoSuchBucket):
        s3.copy_object(Bucket="uploads", Key="c", CopySource="nobucket/k")
    with pytest.raises(ClientError) as exc:
        s3.copy_object(Bucket="uploads", Key="c", CopySource="uploads")
    assert error(exc.value)["Message"] == "Invalid copy source object key"
    with pytest.raises(ClientError) as exc:
        s3.copy_object(Bucket="uploads", Key="c", CopySource="uploads/k", CopySourceIfMatch='"0"')
    assert error(exc.value)["Condition"] == "x-amz-copy-source-If-Match"
    assert s3.list_objects_v2(Bucket="uploads")["KeyCount"] == 1


# -- tags ----------------------------------------------------------------------------------------------------------


def test_tags_from_the_tagging_header_and_the_tagging_operations(s3) -> None:
    """PutObject's ``Tagging`` is URL query form; GetObject reports ``TagCount``; PutObjectTagging replaces the tag
    set; DeleteObjectTagging (204) removes it."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"x", Tagging="team=data&stage=dev")
    assert s3.get_object_tagging(Bucket="uploads", Key="k")["TagSet"] == [
        {"Key": "team", "Value": "data"},
        {"Key": "stage", "Value": "dev"},
    ]
    assert s3.get_object(Bucket="uploads", Key="k")["TagCount"] == 2
    s3.put_object_tagging(Bucket="uploads", Key="k", Tagging={"TagSet": [{"Key": "only", "Value": "one"}]})
    assert s3.get_object_tagging(Bucket="uploads", Key="k")["TagSet"] == [{"Key": "only", "Value": "one"}]
    assert s3.delete_object_tagging(Bucket="uploads", Key="k")["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.get_object_tagging(Bucket="uploads", Key="k")["TagSet"] == []


def test_tag_limits(s3) -> None:
    """AWS: "up to 10 tags", unique keys: 11 tags is BadRequest "Object tags cannot be greater than 10", a repeated key
    InvalidTag "Cannot provide multiple Tags with the same key"; the old tags stay."""
    s3.put_object(Bucket="uploads", Key="k", Body=b"x", Tagging="a=1")
    with pytest.raises(ClientError) as exc:
        s3.put_object_tagging(
            Bucket="uploads", Key="k", Tagging={"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(11)]}
        )
    assert error(exc.value) == {"Code": "BadRequest", "Message": "Object tags cannot be greater than 10"}
    with pytest.raises(ClientError) as exc:
        s3.put_object_tagging(
            Bucket="uploads", Key="k", Tagging={"TagSet": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]}
        )
    assert error(exc.value)["Message"] == "Cannot provide multiple Tags with the same key"
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k2", Body=b"x", Tagging="a=1&a=2")
    assert error(exc.value)["Code"] == "InvalidArgument"
    assert s3.get_object_tagging(Bucket="uploads", Key="k")["TagSet"] == [{"Key": "a", "Value": "1"}]


def test_the_same_seed_gives_the_same_ids() -> None:
    """Request IDs, host IDs and ETags come from the cloud's seed and the bytes: two clouds with one seed agree."""

    def run() -> list[str]:
        s3 = pocketcloud.Cloud(seed=7).client("s3")
        make_bucket(s3)
        put = s3.put_object(Bucket="uploads", Key="k", Body=b"x")
        return [put["ETag"], put["ResponseMetadata"]["RequestId"], put["ResponseMetadata"]["HostId"]]

    assert run() == run()
