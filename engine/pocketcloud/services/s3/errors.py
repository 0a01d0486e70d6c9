"""S3's own errors: S3 is a REST-XML service with no "N validation errors detected" front end.

Every refusal has S3's code, message and HTTP status, plus the extra elements S3 puts in its XML error body
(``BucketName``, ``Key``, ``ArgumentName``/``ArgumentValue``, ``Condition`` …), which boto3 parses into the
``Error`` dictionary next to ``Code`` and ``Message``. Messages are S3's as quoted by moto's and LocalStack's
sources and by AWS's answers in public issue threads (each constant says where).
https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html

A HEAD request (HeadObject, HeadBucket) has no response body, so boto3 cannot read S3's code from it and shows
the HTTP status instead: ``Code`` is ``"404"`` and ``Message`` is ``"Not Found"`` (see :data:`REASONS`). The same
holds for a GET answered ``304 Not Modified``.
"""

from __future__ import annotations

from typing import Any

from ...errors import ServiceError

#: HTTP reason phrases, for errors that travel without a body (HEAD requests, 304).
REASONS = {
    304: "Not Modified",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    411: "Length Required",
    412: "Precondition Failed",
    416: "Requested Range Not Satisfiable",
    500: "Internal Server Error",
}


def s3_error(code: str, message: str, status: int, **extra: Any) -> ServiceError:
    """A ServiceError whose extra members go into boto3's ``Error`` dictionary, as S3's XML elements do."""
    return ServiceError(code, message, status, **extra)


def no_such_bucket(name: str) -> ServiceError:
    return s3_error("NoSuchBucket", "The specified bucket does not exist", 404, BucketName=name)


def no_such_key(key: str) -> ServiceError:
    return s3_error("NoSuchKey", "The specified key does not exist.", 404, Key=key)


def no_such_upload(upload_id: str) -> ServiceError:
    return s3_error(
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or "
        "completed.",
        404,
        UploadId=upload_id,
    )


def invalid_argument(message: str, name: str | None = None, value: Any = None) -> ServiceError:
    extra: dict[str, Any] = {}
    if name is not None:
        extra = {"ArgumentName": name, "ArgumentValue": "" if value is None else str(value)}
    return s3_error("InvalidArgument", message, 400, **extra)


def invalid_request(message: str) -> ServiceError:
    return s3_error("InvalidRequest", message, 400)


def malformed_xml() -> ServiceError:
    return s3_error(
        "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400
    )


def precondition_failed(condition: str) -> ServiceError:
    return s3_error(
        "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, Condition=condition
    )


def not_modified() -> ServiceError:
    return s3_error("NotModified", "Not Modified", 304)
