"""Where a deployment package comes from: the request's ``ZipFile`` bytes, or an object in S3.

CreateFunction's ``Code``, UpdateFunctionCode's parameters and PublishLayerVersion's ``Content`` name the .zip file
either inline (``ZipFile``) or as an S3 object (``S3Bucket``, ``S3Key`` and optionally ``S3ObjectVersion``): "The
Amazon S3 bucket can be in a different AWS account but must be in the same AWS Region as the function", and "For
larger files, upload the package to an Amazon S3 bucket"
(https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html,
https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-zip.html, checked 2026-12-01). A pocketcloud
Cloud is one Region, so every bucket it has is in the function's Region.

Lambda reads the object once, when the request is made, with the caller's permissions (a learner's own S3 client:
``cloud.client("s3")``); later changes to the object do not change the function. When S3 refuses, Lambda answers
``InvalidParameterValueException`` quoting S3's error, as AWS does: "Error occurred while GetObject. S3 Error Code:
NoSuchKey. S3 Error Message: The specified key does not exist." (a CloudTrail record of a CreateFunction call in
aws-samples/aws-service-catalog-reference-architectures#108) and "Error occurred while GetObject. S3 Error Code:
NoSuchBucket. S3 Error Message: The specified bucket does not exist" (amazon-archives/aws-waf-sample#25).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...errors import ClientError, ServiceError

if TYPE_CHECKING:
    from ...cloud import Cloud

#: The answer when no source is given (CreateFunction with ``Code={}``).
NO_SOURCE = "Please provide a source for function code."


def has_source(source: Mapping[str, Any]) -> bool:
    return "ZipFile" in source or "S3Bucket" in source or "S3Key" in source


def package_bytes(cloud: Cloud, source: Mapping[str, Any]) -> Any:
    """The .zip bytes ``source`` names: its ``ZipFile``, or the S3 object ``S3Bucket``/``S3Key``/``S3ObjectVersion``.

    A bucket without a key (or a key without a bucket) names no object; pocketcloud answers it as a missing
    source (a pocketcloud model: AWS documents no message for it).
    """
    if "ZipFile" in source:
        return source["ZipFile"]
    bucket, key = source.get("S3Bucket"), source.get("S3Key")
    if bucket is None or key is None:
        raise ServiceError("InvalidParameterValueException", NO_SOURCE)
    request: dict[str, Any] = {"Bucket": bucket, "Key": key}
    if source.get("S3ObjectVersion") is not None:
        request["VersionId"] = source["S3ObjectVersion"]
    try:
        s3: Any = cloud.client("s3")
        body = s3.get_object(**request)["Body"]
    except ClientError as err:
        error = err.response.get("Error", {})
        raise ServiceError(
            "InvalidParameterValueException",
            f"Error occurred while GetObject. S3 Error Code: {error.get('Code')}. S3 Error Message: "
            f"{error.get('Message')}",
        ) from None
    return body.read()
