"""Deployment packages from S3: CreateFunction ``Code``, UpdateFunctionCode and PublishLayerVersion ``Content`` with
``S3Bucket``/``S3Key`` instead of ``ZipFile``.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html (S3Bucket, S3Key, S3ObjectVersion; the bucket
  "must be in the same AWS Region as the function")
- https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-zip.html ("upload the package to an Amazon S3
  bucket")
- AWS's errors when the object is missing: "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error
  Message: The specified key does not exist." (InvalidParameterValueException, a CloudTrail record in
  aws-samples/aws-service-catalog-reference-architectures#108) and "Error occurred while GetObject. S3 Error Code:
  NoSuchBucket. S3 Error Message: The specified bucket does not exist" (amazon-archives/aws-waf-sample#25).
"""

from __future__ import annotations

import json

import pytest

import pocketcloud

from .conftest import ROLE

V1 = pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return 'v1'\n"})
V2 = pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return 'v2'\n"})


@pytest.fixture
def s3(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="my-code", CreateBucketConfiguration={"LocationConstraint": cloud.region})
    s3.put_object(Bucket="my-code", Key="v1.zip", Body=V1)
    s3.put_object(Bucket="my-code", Key="v2.zip", Body=V2)
    return s3


def create(lam, code: dict[str, object]):  # type: ignore[no-untyped-def]
    return lam.create_function(FunctionName="hello", Runtime="python3.13", Role=ROLE, Handler="app.handler", Code=code)


def invoke(lam) -> object:  # type: ignore[no-untyped-def]
    return json.loads(lam.invoke(FunctionName="hello")["Payload"].read())


def test_create_function_from_an_s3_object_is_the_same_package_as_zipfile(cloud, lam, s3) -> None:  # type: ignore[no-untyped-def]
    """The object's bytes are the package: same CodeSha256 and CodeSize as uploading them as ZipFile."""
    from_s3 = create(lam, {"S3Bucket": "my-code", "S3Key": "v1.zip"})
    other = pocketcloud.Cloud(seed=0).client("lambda")
    inline = create(other, {"ZipFile": V1})
    assert (from_s3["CodeSha256"], from_s3["CodeSize"]) == (inline["CodeSha256"], inline["CodeSize"])
    assert invoke(lam) == "v1"
    # Lambda copied the package when the function was created: replacing the object changes nothing.
    s3.put_object(Bucket="my-code", Key="v1.zip", Body=V2)
    assert invoke(lam) == "v1"


def test_update_function_code_and_a_layer_from_s3(lam, s3) -> None:  # type: ignore[no-untyped-def]
    """UpdateFunctionCode takes S3Bucket/S3Key as top-level parameters; PublishLayerVersion in ``Content``."""
    create(lam, {"ZipFile": V1})
    lam.update_function_code(FunctionName="hello", S3Bucket="my-code", S3Key="v2.zip")
    assert invoke(lam) == "v2"
    s3.put_object(Bucket="my-code", Key="layer.zip", Body=pocketcloud.zip_code({"python/who.py": "NAME = 'layer'\n"}))
    layer = lam.publish_layer_version(LayerName="who", Content={"S3Bucket": "my-code", "S3Key": "layer.zip"})
    assert layer["Content"]["CodeSize"] > 0


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            {"S3Bucket": "my-code", "S3Key": "nope.zip"},
            "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not "
            "exist.",
        ),
        (
            {"S3Bucket": "no-such-bucket", "S3Key": "v1.zip"},
            "Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket "
            "does not exist",
        ),
    ],
)
def test_a_missing_object_is_s3s_error_in_lambdas_words(lam, s3, code, message) -> None:  # type: ignore[no-untyped-def]
    """AWS's InvalidParameterValueException quoting S3's error code and message; no function is created."""
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        create(lam, code)
    assert exc.value.response["Error"]["Message"] == message
    assert lam.list_functions()["Functions"] == []
    create(lam, {"ZipFile": V1})
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        lam.update_function_code(FunctionName="hello", **code)
    assert exc.value.response["Error"]["Message"] == message
    assert invoke(lam) == "v1"


def test_no_source_at_all(lam) -> None:  # type: ignore[no-untyped-def]
    """``Code={}`` names no package: "Please provide a source for function code." """
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        create(lam, {})
    assert exc.value.response["Error"]["Message"] == "Please provide a source for function code."
