"""S3 buckets: naming rules, CreateBucket's location constraint, listing, deleting, and S3's error answers.

Sources (checked 2026-12-02): bucket naming rules https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html;
CreateBucket https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html; DeleteBucket
https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html; ListBuckets
https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html; error codes and statuses
https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html. Messages AWS's reference does not print are
S3's answers as quoted in public issue threads and in moto's sources (noted per test).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError, ParamValidationError

from .s3_helpers import REGION, error, make_bucket


@pytest.fixture
def s3(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("s3")


@pytest.mark.parametrize(
    "name",
    [
        "ab",  # "between 3 (min) and 63 (max) characters long"
        "a" * 64,
        "DocExampleBucket",  # "contains uppercase letters"
        "doc_example_bucket",  # "contains underscores"
        "doc-example-bucket-",  # "ends with a hyphen"
        "-starts-with-hyphen",
        "two..periods",  # "must not contain two adjacent periods"
        "192.168.5.4",  # "must not be formatted as an IP address"
        "xn--punycode",  # reserved prefixes
        "sthree-bucket",
        "amzn-s3-demo-bucket",
        "my-alias-s3alias",  # reserved suffixes
        "my-olap--ol-s3",
        "my-access.mrap",
        "express--x-s3",
        "tables--table-s3",
    ],
)
def test_create_bucket_refuses_names_that_break_the_naming_rules(s3, name: str) -> None:
    """Each of the documented general purpose bucket naming rules is checked by S3 on CreateBucket: InvalidBucketName,
    400, "The specified bucket is not valid." (S3's message as moto quotes it), and no bucket is created."""
    with pytest.raises(ClientError) as exc:
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    assert error(exc.value) == {
        "Code": "InvalidBucketName",
        "Message": "The specified bucket is not valid.",
        "BucketName": name,
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert s3.list_buckets()["Buckets"] == []


@pytest.mark.parametrize(
    "name", ["abc", "a" * 63, "docexamplebucket1", "log-delivery-march-2020", "my.example.s3.bucket"]
)
def test_valid_names_are_accepted(s3, name: str) -> None:
    """The naming rules page's valid examples (docexamplebucket1, log-delivery-march-2020, my.example.s3.bucket)."""
    make_bucket(s3, name)
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == [name]


def test_botocore_refuses_a_bucket_name_before_sending_it(s3) -> None:
    """botocore's ``validate_bucket_name`` handler: a Bucket that does not match ``^[a-zA-Z0-9.\\-_]{1,255}$`` (nor an
    access point ARN) is a ParamValidationError, for every operation (botocore/handlers.py)."""
    with pytest.raises(ParamValidationError) as exc:
        s3.list_objects_v2(Bucket="has space")
    assert str(exc.value).startswith(
        'Parameter validation failed:\nInvalid bucket name "has space": Bucket name must match the regex '
        '"^[a-zA-Z0-9.\\-_]{1,255}$" or be an ARN matching the regex'
    )


def test_outside_us_east_1_the_location_constraint_is_required(s3) -> None:
    """Outside us-east-1 CreateBucket must name the Region: "The unspecified location constraint is incompatible for
    the region specific endpoint this request was sent to." (IllegalLocationConstraintException, 400, as AWS answers
    in https://github.com/aws/aws-parallelcluster/pull/1190); another Region's name is refused the same way
    ("The us-west-1 location constraint is incompatible ...", https://github.com/boto/boto3/issues/1570)."""
    with pytest.raises(ClientError) as exc:
        s3.create_bucket(Bucket="uploads")
    assert error(exc.value) == {
        "Code": "IllegalLocationConstraintException",
        "Message": "The unspecified location constraint is incompatible for the region specific endpoint this "
        "request was sent to.",
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError) as exc:
        s3.create_bucket(Bucket="uploads", CreateBucketConfiguration={"LocationConstraint": "us-west-1"})
    assert error(exc.value)["Message"] == (
        "The us-west-1 location constraint is incompatible for the region specific endpoint this request was sent to."
    )
    assert s3.list_buckets()["Buckets"] == []


def test_in_us_east_1_no_constraint_is_needed_and_recreating_is_a_no_op() -> None:
    """In us-east-1 the constraint is left out (``us-east-1`` itself is InvalidLocationConstraint), and "In the
    us-east-1 Region, you will get 200 OK" for a bucket you already own (API_CreateBucket)."""
    s3 = pocketcloud.Cloud(region="us-east-1").client("s3")
    assert s3.create_bucket(Bucket="uploads")["Location"] == "/uploads"
    assert s3.create_bucket(Bucket="uploads")["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(ClientError) as exc:
        s3.create_bucket(Bucket="other", CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
    assert error(exc.value)["Code"] == "InvalidLocationConstraint"
    assert s3.get_bucket_location(Bucket="uploads").get("LocationConstraint") is None


def test_creating_a_bucket_you_own_is_bucket_already_owned_by_you(s3) -> None:
    """Elsewhere CreateBucket on your own bucket is BucketAlreadyOwnedByYou, 409, "Your previous request to create the
    named bucket succeeded and you already own it." (the modeled error; message as S3 answers it)."""
    make_bucket(s3)
    s3.put_object(Bucket="uploads", Key="keep.txt", Body=b"kept")
    with pytest.raises(s3.exceptions.BucketAlreadyOwnedByYou) as exc:
        make_bucket(s3)
    assert error(exc.value) == {
        "Code": "BucketAlreadyOwnedByYou",
        "Message": "Your previous request to create the named bucket succeeded and you already own it.",
        "BucketName": "uploads",
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert s3.get_object(Bucket="uploads", Key="keep.txt")["Body"].read() == b"kept"


def test_create_bucket_answers_the_location_and_list_buckets_lists_by_name(cloud, s3) -> None:
    """CreateBucket returns ``Location``; ListBuckets lists the account's buckets with CreationDate and the Owner's
    canonical ID (AWS no longer returns DisplayName, https://docs.aws.amazon.com/AmazonS3/latest/API/API_Owner.html)."""
    assert s3.create_bucket(Bucket="zeta", CreateBucketConfiguration={"LocationConstraint": REGION})["Location"] == (
        "http://zeta.s3.amazonaws.com/"
    )
    cloud.run(until=10)
    make_bucket(s3, "alpha")
    listed = s3.list_buckets()
    assert [b["Name"] for b in listed["Buckets"]] == ["alpha", "zeta"]
    assert listed["Buckets"][0]["CreationDate"] == dt.datetime(2026, 1, 1, 0, 0, 10, tzinfo=dt.UTC)
    assert re.fullmatch(r"[0-9a-f]{64}", listed["Owner"]["ID"])


def test_list_buckets_pages_with_max_buckets(s3) -> None:
    """Paginated ListBuckets (MaxBuckets 1-10,000) returns a ContinuationToken and "both the bucket names and the
    corresponding AWS Regions". https://docs.aws.amazon.com/AmazonS3/latest/userguide/list-buckets.html"""
    for name in ("b-one", "b-two", "b-three"):
        make_bucket(s3, name)
    first = s3.list_buckets(MaxBuckets=2)
    assert [b["Name"] for b in first["Buckets"]] == ["b-one", "b-three"]
    assert first["Buckets"][0]["BucketRegion"] == REGION
    rest = s3.list_buckets(MaxBuckets=2, ContinuationToken=first["ContinuationToken"])
    assert [b["Name"] for b in rest["Buckets"]] == ["b-two"]
    assert "ContinuationToken" not in rest
    assert [b["Name"] for b in s3.list_buckets(Prefix="b-t")["Buckets"]] == ["b-three", "b-two"]


def test_delete_bucket_refuses_a_bucket_with_objects(s3) -> None:
    """AWS: "All objects ... in the bucket must be deleted before the bucket itself can be deleted": BucketNotEmpty,
    409,
    "The bucket you tried to delete is not empty"; an empty bucket is deleted with 204 No Content."""
    make_bucket(s3)
    s3.put_object(Bucket="uploads", Key="a.txt", Body=b"a")
    with pytest.raises(ClientError) as exc:
        s3.delete_bucket(Bucket="uploads")
    assert error(exc.value) == {
        "Code": "BucketNotEmpty",
        "Message": "The bucket you tried to delete is not empty",
        "BucketName": "uploads",
    }
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert s3.get_object(Bucket="uploads", Key="a.txt")["Body"].read() == b"a"
    s3.delete_object(Bucket="uploads", Key="a.txt")
    assert s3.delete_bucket(Bucket="uploads")["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.list_buckets()["Buckets"] == []


def test_operations_on_a_missing_bucket_are_no_such_bucket(s3) -> None:
    """NoSuchBucket, 404, "The specified bucket does not exist", with the bucket's name in ``BucketName``."""
    for call in (
        lambda: s3.put_object(Bucket="missing", Key="k", Body=b""),
        lambda: s3.get_object(Bucket="missing", Key="k"),
        lambda: s3.list_objects_v2(Bucket="missing"),
        lambda: s3.delete_bucket(Bucket="missing"),
        lambda: s3.get_bucket_notification_configuration(Bucket="missing"),
    ):
        with pytest.raises(s3.exceptions.NoSuchBucket) as exc:
            call()
        assert error(exc.value) == {
            "Code": "NoSuchBucket",
            "Message": "The specified bucket does not exist",
            "BucketName": "missing",
        }
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_head_bucket_answers_the_region_or_a_bodiless_404(s3) -> None:
    """HeadBucket: 200 with ``BucketRegion``; a HEAD response has no body, so boto3 shows a missing bucket as code
    "404", message "Not Found" (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html)."""
    make_bucket(s3)
    assert s3.head_bucket(Bucket="uploads")["BucketRegion"] == REGION
    with pytest.raises(ClientError) as exc:
        s3.head_bucket(Bucket="missing")
    assert error(exc.value) == {"Code": "404", "Message": "Not Found"}


def test_responses_carry_s3_request_and_host_ids(s3) -> None:
    """boto3's S3 ResponseMetadata has RequestId (x-amz-request-id: 16 upper-case letters and digits, like
    ``C3D13FE58DE4C810`` in S3's examples) and HostId (x-amz-id-2), for answers and errors alike."""
    make_bucket(s3)
    metadata = s3.list_objects_v2(Bucket="uploads")["ResponseMetadata"]
    assert re.fullmatch(r"[0-9A-Z]{16}", metadata["RequestId"])
    assert re.fullmatch(r"[A-Za-z0-9+/]{76}", metadata["HostId"])
    with pytest.raises(ClientError) as exc:
        s3.get_object(Bucket="uploads", Key="nope")
    assert re.fullmatch(r"[0-9A-Z]{16}", exc.value.response["ResponseMetadata"]["RequestId"])


def test_acls_are_disabled_on_new_buckets(s3) -> None:
    """New buckets use Bucket owner enforced: a PUT with an ACL other than bucket-owner-full-control fails with
    AccessControlListNotSupported, "The bucket does not allow ACLs".
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html"""
    make_bucket(s3)
    with pytest.raises(ClientError) as exc:
        s3.put_object(Bucket="uploads", Key="k", Body=b"x", ACL="public-read")
    assert error(exc.value) == {"Code": "AccessControlListNotSupported", "Message": "The bucket does not allow ACLs"}
    s3.put_object(Bucket="uploads", Key="k", Body=b"x", ACL="bucket-owner-full-control")
