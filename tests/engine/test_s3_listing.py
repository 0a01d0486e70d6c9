"""ListObjectsV2: order, Prefix, Delimiter and CommonPrefixes, MaxKeys, ContinuationToken, StartAfter, paginators.

Sources (checked 2026-12-02): https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html ("List results
are always returned in UTF-8 binary order"; MaxKeys "By default, the action returns up to 1,000 key names";
KeyCount counts keys and common prefixes); organizing with prefixes and delimiters
https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html; botocore's ListObjectsV2 handlers
(``set_list_objects_encoding_type_url`` / ``decode_list_object_v2`` in botocore/handlers.py).
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError

from .s3_helpers import error, make_bucket

KEYS = ["a.txt", "photos/2024/b.jpg", "photos/2024/c.jpg", "photos/2025/d.jpg", "photos/e.jpg", "z.txt", "é.txt"]


@pytest.fixture
def s3(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("s3")
    make_bucket(client)
    for key in reversed(KEYS):
        client.put_object(Bucket="uploads", Key=key, Body=key.encode())
    return client


def keys(page: dict[str, Any]) -> list[str]:
    return [o["Key"] for o in page.get("Contents", [])]


def test_keys_come_in_utf_8_binary_order(s3) -> None:
    page = s3.list_objects_v2(Bucket="uploads")
    assert keys(page) == sorted(KEYS, key=lambda k: k.encode())
    assert (page["KeyCount"], page["MaxKeys"], page["IsTruncated"], page["Prefix"]) == (7, 1000, False, "")
    assert page["Contents"][0]["Size"] == len(b"a.txt")
    assert page["Contents"][0]["StorageClass"] == "STANDARD"


def test_botocore_asks_for_url_encoding_and_decodes_the_keys(s3) -> None:
    """botocore sets ``EncodingType=url`` when the caller did not and decodes the keys again, so the response says
    ``EncodingType: url`` while its keys are plain; a caller who asks for it gets the encoded keys."""
    s3.put_object(Bucket="uploads", Key="my file.txt", Body=b"x")
    plain = s3.list_objects_v2(Bucket="uploads", Prefix="my")
    assert (plain["EncodingType"], keys(plain)) == ("url", ["my file.txt"])
    encoded = s3.list_objects_v2(Bucket="uploads", Prefix="my", EncodingType="url")
    assert keys(encoded) == ["my+file.txt"]


def test_prefix_and_delimiter_group_keys_into_common_prefixes(s3) -> None:
    """With ``Delimiter="/"`` the keys under a "folder" are rolled up into one CommonPrefixes entry; each common
    prefix counts once toward KeyCount."""
    top = s3.list_objects_v2(Bucket="uploads", Delimiter="/")
    assert keys(top) == ["a.txt", "z.txt", "é.txt"]
    assert top["CommonPrefixes"] == [{"Prefix": "photos/"}]
    assert (top["KeyCount"], top["Delimiter"]) == (4, "/")
    inner = s3.list_objects_v2(Bucket="uploads", Prefix="photos/", Delimiter="/")
    assert keys(inner) == ["photos/e.jpg"]
    assert inner["CommonPrefixes"] == [{"Prefix": "photos/2024/"}, {"Prefix": "photos/2025/"}]
    assert keys(s3.list_objects_v2(Bucket="uploads", Prefix="photos/2024/")) == [
        "photos/2024/b.jpg",
        "photos/2024/c.jpg",
    ]


def test_max_keys_and_continuation_tokens_page_through_everything(s3) -> None:
    """A truncated page has ``IsTruncated`` and ``NextContinuationToken``; the next request with that token continues
    where the page ended, common prefixes included."""
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        params: dict[str, Any] = {"Bucket": "uploads", "Delimiter": "/", "MaxKeys": 1}
        if token:
            params["ContinuationToken"] = token
        page = s3.list_objects_v2(**params)
        pages += 1
        seen += keys(page) + [p["Prefix"] for p in page.get("CommonPrefixes", [])]
        assert page["KeyCount"] == 1
        if not page["IsTruncated"]:
            assert "NextContinuationToken" not in page
            break
        token = page["NextContinuationToken"]
    assert seen == ["a.txt", "photos/", "z.txt", "é.txt"]
    assert pages == 4


def test_start_after_and_max_keys_zero(s3) -> None:
    assert keys(s3.list_objects_v2(Bucket="uploads", StartAfter="photos/2025/d.jpg")) == [
        "photos/e.jpg",
        "z.txt",
        "é.txt",
    ]
    empty = s3.list_objects_v2(Bucket="uploads", MaxKeys=0)
    assert (empty["KeyCount"], empty["IsTruncated"], "Contents" in empty) == (0, False, False)


def test_bad_tokens_and_negative_max_keys_are_invalid_argument(s3) -> None:
    """AWS: "The continuation token provided is incorrect" and "Argument maxKeys must be an integer between 0 and
    2147483647" (InvalidArgument, with the argument's name), as S3 answers them (moto quotes both)."""
    with pytest.raises(ClientError) as exc:
        s3.list_objects_v2(Bucket="uploads", ContinuationToken="not-a-token")
    assert error(exc.value)["Message"] == "The continuation token provided is incorrect"
    with pytest.raises(ClientError) as exc:
        s3.list_objects_v2(Bucket="uploads", MaxKeys=-1)
    assert (error(exc.value)["Code"], error(exc.value)["ArgumentName"]) == ("InvalidArgument", "maxKeys")


def test_at_most_1000_keys_per_page_and_the_paginator(cloud) -> None:
    """MaxKeys above 1,000 still returns at most 1,000 keys; boto3's paginator (botocore's model) walks all pages."""
    s3 = cloud.client("s3")
    make_bucket(s3)
    for i in range(1500):
        s3.put_object(Bucket="uploads", Key=f"k{i:04d}", Body=b"")
    page = s3.list_objects_v2(Bucket="uploads", MaxKeys=5000)
    assert (page["KeyCount"], page["IsTruncated"]) == (1000, True)
    paginator = s3.get_paginator("list_objects_v2")
    counts = [p["KeyCount"] for p in paginator.paginate(Bucket="uploads", PaginationConfig={"PageSize": 600})]
    assert counts == [600, 600, 300]
    full = paginator.paginate(Bucket="uploads").build_full_result()
    assert len(full["Contents"]) == 1500


def test_objects_being_uploaded_in_parts_are_not_listed(s3) -> None:
    """Parts of a multipart upload in progress are not objects: "the object is not visible until the upload
    completes" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html)."""
    upload = s3.create_multipart_upload(Bucket="uploads", Key="big.bin")
    s3.upload_part(Bucket="uploads", Key="big.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"x")
    assert "big.bin" not in keys(s3.list_objects_v2(Bucket="uploads"))
