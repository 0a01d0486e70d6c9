"""TagResource and UntagResource for secrets.

"This operation appends tags to the existing list of tags" (a tag with an existing key replaces that tag's value,
as on every AWS tagging API); UntagResource "is idempotent. If a requested tag is not attached to the secret, no
error is returned". A secret whose tags were all removed answers ``Tags: []`` in DescribeSecret (AWS's behaviour
as moto's test_untag_resource records it). At most 50 tags per secret.
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UntagResource.html
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError

if TYPE_CHECKING:
    from .service import SecretsManagerService


def tag_resource(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    tags = [dict(t) for t in (secret.tags or [])]
    for new in params["Tags"]:
        key = new.get("Key")
        existing = next((t for t in tags if t.get("Key") == key), None)
        if existing is not None:
            existing["Value"] = new.get("Value", "")
        else:
            tags.append(dict(new))
    if len(tags) > limits.SECRETSMANAGER_TAGS_MAX:
        raise ServiceError(
            "InvalidParameterException", f"A secret can have no more than {limits.SECRETSMANAGER_TAGS_MAX} tags."
        )
    secret.tags = tags
    secret.last_changed = service.cloud.now
    return {}


def untag_resource(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    keys = set(params["TagKeys"])
    if secret.tags is not None:
        secret.tags = [t for t in secret.tags if t.get("Key") not in keys]
    secret.last_changed = service.cloud.now
    return {}
