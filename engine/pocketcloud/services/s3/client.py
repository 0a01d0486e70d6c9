"""``cloud.client("s3")``: Amazon S3 with boto3's operation and parameter names and boto3's S3 specifics.

What a learner's boto3 code relies on, and gets here:

* ``get_object(...)["Body"]`` is a readable StreamingBody (``.read()``, ``json.load(body)``), with ``ContentLength``,
  a quoted ``ETag``, ``LastModified`` as an aware datetime, ``Metadata`` (keys in lower case) and ``ContentType``
  (``binary/octet-stream`` unless one was given).
* Errors are S3's own codes and messages (S3 has no "N validation errors detected" front end, so
  ``validation_error_code`` is None), with S3's extra elements in ``response["Error"]`` (``BucketName``, ``Key``,
  ``ArgumentName`` …) and S3-shaped ``RequestId``/``HostId`` in ``ResponseMetadata``. HeadObject and HeadBucket
  answers have no body, so a missing key is ``ClientError`` with code ``"404"`` and message ``"Not Found"``, as boto3
  shows it; ``client.exceptions.NoSuchKey`` is raised by GetObject.
* botocore's S3 request handlers run first (bucket-name check, CopySource encoding, ASCII metadata, the
  ListObjectsV2 ``EncodingType``), see :mod:`.sdk`; its default checksums, see :mod:`.checksums`.
* HTTP statuses are the API's: 204 for DeleteBucket, DeleteObject, DeleteObjectTagging and AbortMultipartUpload,
  206 for a ranged GetObject.

https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from ...client import BaseClient, operation
from ...errors import ClientError, ServiceError
from . import buckets, copy, listing, multipart, objects, removal, sdk, tagging
from .errors import REASONS
from .notifications import operations as notification_ops
from .service import Request, S3Service

#: Operations whose answers have no body: boto3 shows their errors by HTTP status.
_BODILESS = frozenset({"HeadObject", "HeadBucket"})
#: Each operation's success status from the model (204 for deletes), looked up once.
_STATUS: dict[str, int] = {}


class S3Client(BaseClient):
    """A boto3-shaped S3 client. Every call goes to the cloud's one S3 state."""

    service_name = "s3"
    validation_error_code: ClassVar[str | None] = None

    _request: Request | None = None
    _decoded_listing = False

    @property
    def _service(self) -> S3Service:
        service: S3Service = self._cloud.backend("s3", S3Service)
        return service

    # -- the request pipeline, as botocore and S3 run it -------------------------------------------------------
    def _perform(self, name: str, method: Callable[..., dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
        params, self._decoded_listing = sdk.before_parameter_build(name, params)
        spec = self._specs.get(name) or self._spec(name)
        params = spec.prepare(self, params)
        request = self._service.new_request()
        self._request = request
        try:
            result = method(self, **params)
        except ServiceError as err:
            raise self._s3_error(name, err, request) from None
        finally:
            self._request = None
        metadata = result.setdefault("ResponseMetadata", {})
        metadata.setdefault("HTTPStatusCode", self._status(name))
        metadata["RequestId"] = request.request_id
        metadata["HostId"] = request.host_id
        return self._finish(name, result)

    def _status(self, name: str) -> int:
        status = _STATUS.get(name)
        if status is None:
            http = self.meta.service_model.operations[name].get("http", {})
            status = _STATUS[name] = int(http.get("responseCode", 200))
        return status

    def _s3_error(self, name: str, err: ServiceError, request: Request) -> ClientError:
        status = err.status or self.meta.service_model.error_status(err.code) or 400
        error: dict[str, Any] = {"Code": err.code, "Message": err.message}
        if name in _BODILESS or status == 304:
            error = {"Code": str(status), "Message": REASONS.get(status, "")}
        else:
            error.update(err.extra)
        response = {
            "Error": error,
            "ResponseMetadata": {
                "HTTPStatusCode": status,
                "RequestId": request.request_id,
                "HostId": request.host_id,
                "RetryAttempts": 0,
            },
        }
        return self.exceptions.from_code(error["Code"])(response, name)

    @property
    def _req(self) -> Request:
        assert self._request is not None
        return self._request

    # -- buckets ---------------------------------------------------------------------------------------------
    @operation("CreateBucket")
    def create_bucket(self, **params: Any) -> dict[str, Any]:
        """Create a bucket. Outside us-east-1, pass ``CreateBucketConfiguration={"LocationConstraint": region}``."""
        return buckets.create_bucket(self._service, params, self._req)

    @operation("DeleteBucket")
    def delete_bucket(self, **params: Any) -> dict[str, Any]:
        """Delete an empty bucket (BucketNotEmpty, 409, otherwise)."""
        return buckets.delete_bucket(self._service, params)

    @operation("HeadBucket")
    def head_bucket(self, **params: Any) -> dict[str, Any]:
        return buckets.head_bucket(self._service, params)

    @operation("GetBucketLocation")
    def get_bucket_location(self, **params: Any) -> dict[str, Any]:
        return buckets.get_bucket_location(self._service, params)

    @operation("ListBuckets")
    def list_buckets(self, **params: Any) -> dict[str, Any]:
        return buckets.list_buckets(self._service, params)

    # -- objects ---------------------------------------------------------------------------------------------
    @operation("PutObject")
    def put_object(self, **params: Any) -> dict[str, Any]:
        """Store an object (``Body`` bytes, str or a file-like object) under ``Key``."""
        return objects.put_object(self._service, params, self._req)

    @operation("GetObject")
    def get_object(self, **params: Any) -> dict[str, Any]:
        """Read an object; ``Range="bytes=0-99"`` reads part of it (206)."""
        return objects.get_object(self._service, params)

    @operation("HeadObject")
    def head_object(self, **params: Any) -> dict[str, Any]:
        return objects.head_object(self._service, params)

    @operation("DeleteObject")
    def delete_object(self, **params: Any) -> dict[str, Any]:
        return removal.delete_object(self._service, params, self._req)

    @operation("DeleteObjects")
    def delete_objects(self, **params: Any) -> dict[str, Any]:
        return removal.delete_objects(self._service, params, self._req)

    @operation("CopyObject")
    def copy_object(self, **params: Any) -> dict[str, Any]:
        """Copy an object; ``CopySource`` is ``"bucket/key"`` or ``{"Bucket": ..., "Key": ...}``."""
        return copy.copy_object(self._service, params, self._req)

    @operation("ListObjectsV2")
    def list_objects_v2(self, **params: Any) -> dict[str, Any]:
        return listing.list_objects_v2(self._service, params, encode=not self._decoded_listing)

    # -- tagging ---------------------------------------------------------------------------------------------
    @operation("PutObjectTagging")
    def put_object_tagging(self, **params: Any) -> dict[str, Any]:
        return tagging.put_object_tagging(self._service, params, self._req)

    @operation("GetObjectTagging")
    def get_object_tagging(self, **params: Any) -> dict[str, Any]:
        return tagging.get_object_tagging(self._service, params)

    @operation("DeleteObjectTagging")
    def delete_object_tagging(self, **params: Any) -> dict[str, Any]:
        return tagging.delete_object_tagging(self._service, params, self._req)

    # -- multipart upload ------------------------------------------------------------------------------------
    @operation("CreateMultipartUpload")
    def create_multipart_upload(self, **params: Any) -> dict[str, Any]:
        return multipart.create_multipart_upload(self._service, params)

    @operation("UploadPart")
    def upload_part(self, **params: Any) -> dict[str, Any]:
        return multipart.upload_part(self._service, params, self._req)

    @operation("CompleteMultipartUpload")
    def complete_multipart_upload(self, **params: Any) -> dict[str, Any]:
        return multipart.complete_multipart_upload(self._service, params, self._req)

    @operation("AbortMultipartUpload")
    def abort_multipart_upload(self, **params: Any) -> dict[str, Any]:
        return multipart.abort_multipart_upload(self._service, params)

    @operation("ListParts")
    def list_parts(self, **params: Any) -> dict[str, Any]:
        return multipart.list_parts(self._service, params)

    # -- event notifications ---------------------------------------------------------------------------------
    @operation("PutBucketNotificationConfiguration")
    def put_bucket_notification_configuration(self, **params: Any) -> dict[str, Any]:
        """Replace the bucket's notification configuration (Lambda, SQS and SNS destinations)."""
        return notification_ops.put_bucket_notification_configuration(self._service, params, self._req)

    @operation("GetBucketNotificationConfiguration")
    def get_bucket_notification_configuration(self, **params: Any) -> dict[str, Any]:
        return notification_ops.get_bucket_notification_configuration(self._service, params)
