"""Multipart upload: parts, completion checks, the multipart ETag, abort and ListParts.

Sources (checked 2026-12-02): limits https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html ("Part numbers:
1 to 10,000 (inclusive)"; "Part size: 5 MiB to 5 GiB. There is no minimum size limit on the last part");
https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html;
https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html (InvalidPart, InvalidPartOrder,
EntityTooSmall, NoSuchUpload). The multipart ETag is "the hash of the MD5 sums of each of the constituent parts
concatenated together followed by a hyphen and the number of parts" — Cloudflare R2's description of S3's
algorithm, with its worked example: https://developers.cloudflare.com/r2/objects/multipart-objects/
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.s3.keys import multipart_etag

from .s3_helpers import error, make_bucket

MIB = 1024 * 1024


@pytest.fixture
def s3(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("s3")
    make_bucket(client)
    return client


def start(s3: Any, key: str = "video.mp4", **params: Any) -> str:
    upload_id: str = s3.create_multipart_upload(Bucket="uploads", Key=key, **params)["UploadId"]
    return upload_id


def test_the_multipart_etag_matches_the_documented_example() -> None:
    """R2's worked example: parts with ETags bce6bf66aeb76c7040fdd5f4eccb78e6 and 8165449fc15bbf43d3b674595cbcc406
    complete as f77dc0eecdebcd774a2a22cb393ad2ff-2."""
    digests = [bytes.fromhex("bce6bf66aeb76c7040fdd5f4eccb78e6"), bytes.fromhex("8165449fc15bbf43d3b674595cbcc406")]
    assert multipart_etag(digests) == '"f77dc0eecdebcd774a2a22cb393ad2ff-2"'


def test_an_upload_in_parts_becomes_one_object(s3) -> None:
    """Parts upload with their MD5 ETags; completing joins them in part order; the object's ETag is the MD5 of the
    parts' binary MD5s and "-N"; GET returns the whole object and the upload ID is gone."""
    upload_id = start(s3, ContentType="video/mp4", Metadata={"Camera": "A"})
    first, last = b"a" * (5 * MIB), b"tail"
    e1 = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=1, Body=first)["ETag"]
    e2 = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=2, Body=last)["ETag"]
    assert e1 == f'"{hashlib.md5(first).hexdigest()}"'
    done = s3.complete_multipart_upload(
        Bucket="uploads",
        Key="video.mp4",
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]},
    )
    expected = hashlib.md5(hashlib.md5(first).digest() + hashlib.md5(last).digest()).hexdigest()
    assert done["ETag"] == f'"{expected}-2"'
    assert done["Location"] == "https://uploads.s3.ap-northeast-2.amazonaws.com/video.mp4"
    assert (done["Bucket"], done["Key"]) == ("uploads", "video.mp4")
    got = s3.get_object(Bucket="uploads", Key="video.mp4")
    assert got["Body"].read() == first + last
    assert (got["ETag"], got["ContentType"], got["Metadata"]) == (done["ETag"], "video/mp4", {"camera": "A"})
    with pytest.raises(s3.exceptions.NoSuchUpload):
        s3.list_parts(Bucket="uploads", Key="video.mp4", UploadId=upload_id)


def test_part_numbers_are_1_to_10000(s3) -> None:
    upload_id = start(s3)
    for number in (0, 10_001):
        with pytest.raises(ClientError) as exc:
            s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=number, Body=b"x")
        assert error(exc.value) == {
            "Code": "InvalidArgument",
            "Message": "Part number must be an integer between 1 and 10000, inclusive",
            "ArgumentName": "partNumber",
            "ArgumentValue": str(number),
        }
    s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=10_000, Body=b"x")


def test_parts_other_than_the_last_must_be_at_least_5_mib(s3) -> None:
    """EntityTooSmall, "Your proposed upload is smaller than the minimum allowed object size."; the upload stays
    open, so the caller can upload a bigger part and complete."""
    upload_id = start(s3)
    e1 = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=1, Body=b"small")["ETag"]
    e2 = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=2, Body=b"tail")["ETag"]
    parts = {"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]}
    with pytest.raises(ClientError) as exc:
        s3.complete_multipart_upload(Bucket="uploads", Key="video.mp4", UploadId=upload_id, MultipartUpload=parts)
    assert error(exc.value)["Code"] == "EntityTooSmall"
    assert error(exc.value)["Message"] == "Your proposed upload is smaller than the minimum allowed object size."
    assert s3.list_objects_v2(Bucket="uploads")["KeyCount"] == 0
    single = {"Parts": [{"PartNumber": 1, "ETag": e1}]}  # one small part is the last part: no minimum
    s3.complete_multipart_upload(Bucket="uploads", Key="video.mp4", UploadId=upload_id, MultipartUpload=single)
    assert s3.get_object(Bucket="uploads", Key="video.mp4")["Body"].read() == b"small"


def test_completion_checks_order_and_etags(s3) -> None:
    """InvalidPartOrder ("The list of parts was not in ascending order. ...") and InvalidPart for a part that was not
    uploaded or whose ETag does not match."""
    upload_id = start(s3)
    e1 = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=1, Body=b"a" * 5 * MIB)[
        "ETag"
    ]
    e2 = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=2, Body=b"b")["ETag"]
    cases = {
        "InvalidPartOrder": [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}],
        "InvalidPart": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 3, "ETag": e2}],
    }
    for code, parts in cases.items():
        with pytest.raises(ClientError) as exc:
            s3.complete_multipart_upload(
                Bucket="uploads", Key="video.mp4", UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
        assert error(exc.value)["Code"] == code
    with pytest.raises(ClientError) as exc:
        s3.complete_multipart_upload(
            Bucket="uploads",
            Key="video.mp4",
            UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"bad"'}]},
        )
    assert error(exc.value)["Message"].startswith("One or more of the specified parts could not be found.")
    # ETags are compared with or without quotes, as S3 accepts both.
    s3.complete_multipart_upload(
        Bucket="uploads",
        Key="video.mp4",
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1.strip('"')}, {"PartNumber": 2, "ETag": e2}]},
    )


def test_abort_frees_the_upload(s3) -> None:
    """AbortMultipartUpload answers 204; afterwards the upload ID is NoSuchUpload ("The specified upload does not
    exist. The upload ID may be invalid, or the upload may have been aborted or completed.")."""
    upload_id = start(s3)
    s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=1, Body=b"x")
    aborted = s3.abort_multipart_upload(Bucket="uploads", Key="video.mp4", UploadId=upload_id)
    assert aborted["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(s3.exceptions.NoSuchUpload) as exc:
        s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=2, Body=b"x")
    assert error(exc.value)["Message"] == (
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or "
        "completed."
    )
    assert error(exc.value)["UploadId"] == upload_id
    with pytest.raises(s3.exceptions.NoSuchUpload):
        s3.abort_multipart_upload(Bucket="uploads", Key="video.mp4", UploadId="no-such-upload")


def test_list_parts_pages_in_part_order(s3) -> None:
    upload_id = start(s3)
    for number in (3, 1, 2):
        s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=number, Body=b"x" * number)
    page = s3.list_parts(Bucket="uploads", Key="video.mp4", UploadId=upload_id, MaxParts=2)
    assert [(p["PartNumber"], p["Size"]) for p in page["Parts"]] == [(1, 1), (2, 2)]
    assert (page["IsTruncated"], page["NextPartNumberMarker"]) == (True, 2)
    rest = s3.list_parts(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumberMarker=2)
    assert [p["PartNumber"] for p in rest["Parts"]] == [3]
    assert rest["Owner"]["ID"] == rest["Initiator"]["ID"]


def test_uploading_a_part_again_replaces_it(s3) -> None:
    """AWS: "If you upload a new part using the same part number as a previously uploaded part, the previously uploaded
    part is overwritten." https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html"""
    upload_id = start(s3)
    s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=1, Body=b"old")
    etag = s3.upload_part(Bucket="uploads", Key="video.mp4", UploadId=upload_id, PartNumber=1, Body=b"new")["ETag"]
    s3.complete_multipart_upload(
        Bucket="uploads",
        Key="video.mp4",
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
    )
    assert s3.get_object(Bucket="uploads", Key="video.mp4")["Body"].read() == b"new"
