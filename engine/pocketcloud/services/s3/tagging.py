"""Object tags: the ``Tagging`` header of PutObject/CopyObject/CreateMultipartUpload and the tagging operations.

"You can associate up to 10 tags with an object. Tags that are associated with an object must have unique tag
keys. A tag key can be up to 128 Unicode characters in length, and tag values can be up to 256 Unicode
characters in length." https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html
S3's refusals, as its answers show them: more than 10 tags is ``BadRequest`` "Object tags cannot be greater than
10" (Terraform provider reports, e.g. https://github.com/hashicorp/terraform-provider-aws/issues/19895); a
repeated key is ``InvalidTag`` "Cannot provide multiple Tags with the same key" and, in the header form,
``InvalidArgument`` "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters
without tag name duplicates." (moto's and Scality's S3 sources quote both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from ... import limits
from .errors import invalid_argument, no_such_key, s3_error
from .notifications.delivery import notify

if TYPE_CHECKING:
    from .service import Request, S3Service

_HEADER_DUPLICATES = (
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name "
    "duplicates."
)


def check_tag_set(tags: list[dict[str, str]]) -> list[dict[str, str]]:
    if len(tags) > limits.S3_MAX_OBJECT_TAGS:
        raise s3_error("BadRequest", "Object tags cannot be greater than 10", 400)
    seen: set[str] = set()
    for tag in tags:
        key, value = tag.get("Key"), tag.get("Value")
        if key is None or value is None:
            raise s3_error(
                "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema",
                400,
            )
        if key == "":
            raise s3_error("InvalidTag", "The TagKey you have provided is invalid", 400)
        if len(key) > limits.S3_TAG_KEY_MAX:
            raise s3_error("InvalidTag", "The TagKey you have provided is too long, max 128", 400)
        if len(value) > limits.S3_TAG_VALUE_MAX:
            raise s3_error("InvalidTag", "The TagValue you have provided is too long, max 256", 400)
        if key.startswith("aws:"):
            raise s3_error("InvalidTag", "Your TagKey cannot be prefixed with aws:", 400)
        if key in seen:
            raise s3_error("InvalidTag", "Cannot provide multiple Tags with the same key", 400)
        seen.add(key)
    return [{"Key": t["Key"], "Value": t["Value"]} for t in tags]


def parse_header(value: str | None) -> list[dict[str, str]]:
    """The tag set a ``Tagging`` parameter (URL query form, ``"k1=v1&k2=v2"``) names."""
    if not value:
        return []
    pairs = parse_qsl(value, keep_blank_values=True)
    if len({k for k, _ in pairs}) != len(pairs):
        raise invalid_argument(_HEADER_DUPLICATES, "x-amz-tagging", value)
    return check_tag_set([{"Key": k, "Value": v} for k, v in pairs])


def _object(service: S3Service, params: dict[str, Any]) -> Any:
    bucket = service.bucket(params["Bucket"])
    obj = bucket.objects.get(params["Key"])
    if obj is None:
        raise no_such_key(params["Key"])
    version = params.get("VersionId")
    if version is not None and version != "null":
        raise invalid_argument("Invalid version id specified", "versionId", version)
    return bucket, obj


def put_object_tagging(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    """PutObjectTagging replaces the object's whole tag set. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html"""
    bucket, obj = _object(service, params)
    obj.tags = check_tag_set(list(params["Tagging"].get("TagSet", [])))
    notify(service, bucket, "s3:ObjectTagging:Put", obj.key, req, obj=obj)
    return {}


def get_object_tagging(service: S3Service, params: dict[str, Any]) -> dict[str, Any]:
    """GetObjectTagging. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html"""
    _, obj = _object(service, params)
    return {"TagSet": [dict(tag) for tag in obj.tags]}


def delete_object_tagging(service: S3Service, params: dict[str, Any], req: Request) -> dict[str, Any]:
    """DeleteObjectTagging (204). https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html"""
    bucket, obj = _object(service, params)
    obj.tags = []
    notify(service, bucket, "s3:ObjectTagging:Delete", obj.key, req, obj=obj)
    return {}
