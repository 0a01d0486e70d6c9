"""Buckets: the naming rules S3 checks, CreateBucket's location constraint, and the bucket operations.

https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
"""

from __future__ import annotations

import base64
import ipaddress
import re
from typing import TYPE_CHECKING, Any

from ... import limits
from ...timeutil import to_datetime
from .errors import invalid_argument, s3_error
from .models import Bucket

if TYPE_CHECKING:
    from .service import Request, S3Service

_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")


def bucket_name_problem(name: str) -> str | None:
    """Which general purpose bucket naming rule ``name`` breaks, or None.
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"""
    if not limits.S3_BUCKET_NAME_MIN <= len(name) <= limits.S3_BUCKET_NAME_MAX:
        return "Bucket names must be between 3 (min) and 63 (max) characters long."
    if not _NAME.match(name):
        return (
            "Bucket names can consist only of lowercase letters, numbers, periods (.), and hyphens (-), and must "
            "begin and end with a letter or number."
        )
    if ".." in name:
        return "Bucket names must not contain two adjacent periods."
    try:
        ipaddress.IPv4Address(name)
        return "Bucket names must not be formatted as an IP address (for example, 192.168.5.4)."
    except ValueError:
        pass
    for prefix in limits.S3_BUCKET_RESERVED_PREFIXES:
        if name.startswith(prefix):
            return f"Bucket names must not start with the prefix {prefix}."
    for suffix in limits.S3_BUCKET_RESERVED_SUFFIXES:
        if name.endswith(suffix):
            return f"Bucket names must not end with the suffix {suffix}."
    return None


def _location_error(constraint: str | None) -> Any:
    """IllegalLocationConstraintException as S3 answers it, e.g. for a CreateBucket without a location
    constraint outside us-east-1 (quoted from AWS's answers in https://github.com/boto/boto3/issues/1570 and
    https://github.com/aws/aws-parallelcluster/pull/1190)."""
    where = "unspecified" if constraint is None else constraint
    return s3_error(
        "IllegalLocationConstraintException",
        f"The {where} location constraint is incompatible for the region specific endpoint this request was sent to.",
        400,
    )


def create_bucket(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    """CreateBucket. Outside us-east-1 the request must name the Region in CreateBucketConfiguration's
    LocationConstraint; in us-east-1 it must not (``us-east-1`` is the default and "not valid" as a constraint).
    Creating a bucket you already own is BucketAlreadyOwnedByYou (409), except in us-east-1, where S3 answers
    200 and changes nothing. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
    """
    name = params["Bucket"]
    region = service.cloud.region
    problem = bucket_name_problem(name)
    if problem is not None:
        # moto quotes S3's message: https://github.com/getmoto/moto/blob/master/moto/s3/exceptions.py
        raise s3_error("InvalidBucketName", "The specified bucket is not valid.", 400, BucketName=name)
    config = params.get("CreateBucketConfiguration") or {}
    for member in ("Location", "Bucket"):
        if member in config:
            raise invalid_argument(
                f"pocketcloud simulates general purpose buckets only; CreateBucketConfiguration.{member} is for "
                "directory buckets.",
                member,
                config[member],
            )
    if params.get("ObjectLockEnabledForBucket"):
        raise invalid_argument(
            "pocketcloud does not simulate S3 Object Lock.", "x-amz-bucket-object-lock-enabled", True
        )
    if params.get("BucketNamespace", "global") != "global":
        raise invalid_argument(
            "pocketcloud simulates the global bucket namespace only.",
            "x-amz-bucket-namespace",
            params["BucketNamespace"],
        )
    ownership = params.get("ObjectOwnership", "BucketOwnerEnforced")
    grants = [member for member in params if member.startswith("Grant")]
    if ownership == "BucketOwnerEnforced" and (params.get("ACL", "private") != "private" or grants):
        # S3's answer as CloudFormation users report it (https://github.com/awslabs/game-analytics-pipeline/issues/8)
        raise s3_error(
            "InvalidBucketAclWithObjectOwnership",
            "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
            400,
        )
    constraint = config.get("LocationConstraint")
    if region == "us-east-1":
        if constraint == "us-east-1":
            raise s3_error(
                "InvalidLocationConstraint",
                "The specified location-constraint is not valid",
                400,
                LocationConstraint=constraint,
            )
        if constraint is not None:
            raise _location_error(constraint)
    elif constraint != region:
        raise _location_error(constraint)
    if name in service.buckets:
        if region == "us-east-1":
            return {"Location": f"/{name}"}
        raise s3_error(
            "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it.",
            409,
            BucketName=name,
        )
    if len(service.buckets) >= limits.S3_MAX_BUCKETS:
        raise s3_error("TooManyBuckets", "You have attempted to create more buckets than allowed", 400)
    service.buckets[name] = Bucket(name, region, req.time, object_ownership=ownership)
    location = f"/{name}" if region == "us-east-1" else f"http://{name}.s3.amazonaws.com/"
    return {"Location": location}


def delete_bucket(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteBucket: "All objects (including all object versions and delete markers) in the bucket must be deleted
    before the bucket itself can be deleted." https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
    """
    bucket = service.bucket(params["Bucket"])
    if bucket.objects:
        raise s3_error("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, BucketName=bucket.name)
    del service.buckets[bucket.name]
    return {}


def head_bucket(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """HeadBucket: 200 with the bucket's Region, or a bodiless 404. https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html"""
    bucket = service.bucket(params["Bucket"])
    return {"BucketRegion": bucket.region, "AccessPointAlias": False}


def get_bucket_location(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """GetBucketLocation: "Buckets in Region us-east-1 have a LocationConstraint of null."
    https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html"""
    bucket = service.bucket(params["Bucket"])
    return {} if bucket.region == "us-east-1" else {"LocationConstraint": bucket.region}


def _token(name: str) -> str:
    return base64.urlsafe_b64encode(f"pc:{name}".encode()).decode("ascii")


def _after(token: str) -> str:
    try:
        text = base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError):
        text = ""
    if not text.startswith("pc:"):
        raise invalid_argument("The continuation token provided is incorrect", "continuation-token", token)
    return text[3:]


def list_buckets(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """ListBuckets, in name order. Without MaxBuckets the response lists every bucket; with it (1 to 10,000),
    pages come with a ContinuationToken and each bucket's BucketRegion, as paginated requests do.
    https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
    """
    names = sorted(service.buckets)
    prefix = params.get("Prefix")
    if prefix:
        names = [n for n in names if n.startswith(prefix)]
    region = params.get("BucketRegion")
    if region:
        names = [n for n in names if service.buckets[n].region == region]
    paginated = "MaxBuckets" in params or "ContinuationToken" in params
    if "ContinuationToken" in params:
        after = _after(params["ContinuationToken"])
        names = [n for n in names if n > after]
    limit = params.get("MaxBuckets", limits.S3_MAX_BUCKETS)
    if not 1 <= limit <= limits.S3_MAX_BUCKETS:
        raise invalid_argument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", limit)
    page, rest = names[:limit], names[limit:]
    buckets = []
    for name in page:
        bucket = service.buckets[name]
        entry: dict[str, Any] = {"Name": name, "CreationDate": to_datetime(bucket.created)}
        if paginated:
            entry["BucketRegion"] = bucket.region
        buckets.append(entry)
    result: dict[str, Any] = {"Buckets": buckets, "Owner": service.owner}
    if prefix is not None:
        result["Prefix"] = prefix
    if rest:
        result["ContinuationToken"] = _token(page[-1])
    return result
