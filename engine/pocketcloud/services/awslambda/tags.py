"""Tags on functions and event source mappings: TagResource, UntagResource, ListTags (and ``Tags`` on create).

"Tags apply at the function level, not to versions or aliases": a qualified function ARN is refused with
"Tagging operations are permitted on Lambda functions only. Tags on aliases and versions are not supported. Please
specify either a function name or a function ARN." A resource has at most 50 tags ("Number of tags exceeds
function tag limit."); a tag key is 1-128 and a value 0-256 characters of letters, numbers, spaces and ``_ . : / =
+ - @`` (checked from the model). TagResource without tags is "An error occurred and the request cannot be
processed." and UntagResource without keys "Value null at 'tagKeys' failed to satisfy constraint: Member must not
be null"; untagging a key that is not there changes nothing and is no error. Changing a function's tags gives its
``$LATEST`` a new RevisionId (messages and revision behaviour as LocalStack's AWS-validated Lambda provider answers).
GetFunction returns a function's tags as ``Tags`` (only when it has some); ListFunctions does not.
https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html
https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html
https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (checked 2026-12-01)

Event source mappings take tags too (``Tags`` on CreateEventSourceMapping, or TagResource on the mapping's
``EventSourceMappingArn``). Code signing configurations are taggable on AWS but not simulated here, so their ARNs
are not found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from .arns import parse_function_ref

if TYPE_CHECKING:
    from .service import LambdaService


def check_tags(tags: Any) -> dict[str, str]:
    """Tags for a new resource (CreateFunction, CreateEventSourceMapping): at most 50."""
    checked: dict[str, str] = dict(tags or {})
    if len(checked) > limits.LAMBDA_MAX_TAGS:
        raise ServiceError("InvalidParameterValueException", "Number of tags exceeds function tag limit.")
    return checked


def _missing() -> ServiceError:
    """Lambda's general not-found answer, for a mapping or code signing configuration that does not exist (the
    wording AWS uses for such ARNs is not documented: a pocketcloud model)."""
    return ServiceError("ResourceNotFoundException", "The resource you requested does not exist.", 404)


def _not_found(resource: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Function not found: {resource}", 404)


def _tagged(service: LambdaService, resource: str) -> tuple[dict[str, str], Any]:
    """The tags dict of the resource an ARN names, and the function it belongs to (None for a mapping)."""
    cloud = service.cloud
    prefix = f"arn:{cloud.partition}:lambda:{cloud.region}:{cloud.account_id}:"
    if resource.startswith(prefix + "event-source-mapping:"):
        uuid = resource[len(prefix + "event-source-mapping:") :]
        esm = service.event_source_mappings.get(uuid)
        if esm is None:
            raise _missing()
        return esm.tags, None
    if ":function:" not in resource:
        raise _missing()
    name, qualifier = parse_function_ref(resource, cloud.region, cloud.account_id)
    if qualifier is not None:
        raise ServiceError(
            "InvalidParameterValueException",
            "Tagging operations are permitted on Lambda functions only. Tags on aliases and versions are not "
            "supported. Please specify either a function name or a function ARN.",
        )
    function = service.functions.get(name)
    if function is None:
        raise _not_found(service.arn(name))
    return function.tags, function


def _changed(service: LambdaService, function: Any) -> None:
    if function is not None:
        function.latest.revision_id = service.cloud.new_request_id()


def tag_resource(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    new = params["Tags"]
    if not new:
        raise ServiceError("InvalidParameterValueException", "An error occurred and the request cannot be processed.")
    tags, function = _tagged(service, params["Resource"])
    merged = {**tags, **new}
    if len(merged) > limits.LAMBDA_MAX_TAGS:
        raise ServiceError("InvalidParameterValueException", "Number of tags exceeds function tag limit.")
    tags.update(new)
    _changed(service, function)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def untag_resource(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    keys = params["TagKeys"]
    if not keys:
        raise ServiceError(
            "ValidationException",
            "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be "
            "null",
        )
    tags, function = _tagged(service, params["Resource"])
    for key in keys:
        tags.pop(key, None)
    _changed(service, function)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def list_tags(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    tags, _ = _tagged(service, params["Resource"])
    return {"Tags": dict(tags)}
